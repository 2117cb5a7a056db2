package io.github.jnetlink.bpf;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ready-made classic BPF filters for netlink sockets. The kernel runs a netlink socket's filter on each datagram
 * it queues to the socket, multicast notifications and unicast replies alike (acknowledgements and errors
 * included), with the packet starting at the datagram's first {@code struct nlmsghdr}. A datagram the filter
 * drops never reaches the receive buffer, so it neither wakes the receiver nor overruns the buffer.
 *
 * <p>Stateless and thread-safe.
 */
public final class NetlinkFilters {

    /** Keeps the whole datagram: the kernel trims a packet only to a return value smaller than its length. */
    private static final int ACCEPT = 0xffff_ffff;
    private static final int DROP = 0;
    /** Offset of {@code nlmsg_type} in {@code struct nlmsghdr}. */
    private static final int TYPE_OFFSET = 4;
    /** The most conditional jumps that can share one accepting return, given 8-bit jump offsets. */
    private static final int JUMPS_PER_BLOCK = 255;

    private NetlinkFilters() {
    }

    /**
     * A filter keeping only datagrams whose first message has one of the given types ({@code nlmsg_type}), and
     * dropping the rest. Only the first message of a datagram is tested; multicast notifications usually come one
     * message a datagram, while a datagram of a multipart reply holds several messages.
     *
     * <p>The header is in the host's byte order while BPF loads are big-endian, so the filter compares the
     * 16-bit load with each type byte-swapped on a little-endian host: it is built for
     * {@link ByteOrder#nativeOrder()} and must run on a kernel of the same byte order.
     *
     * <p>On a socket that also sends requests, include {@link io.github.jnetlink.HeaderType#ERROR}, which carries
     * acknowledgements and errors, and the types of the replies expected (such as
     * {@link io.github.jnetlink.HeaderType#DONE}), or the filter drops them. Datagrams shorter than 6 bytes are
     * dropped.
     *
     * @param types the message types to keep, each 0 to 65535; duplicates are ignored, and the order is the order
     *              of the tests (put the commonest first)
     * @return the program, unmodifiable, accepted by {@link BpfChecker}
     * @throws BpfException if {@code types} is null or empty, a type does not fit 16 unsigned bits, or there are
     *                      so many types that the program exceeds {@code BPF_MAXINSNS} instructions (about 4060)
     */
    public static List<RawInstruction> messageTypes(int... types) {
        return messageTypes(ByteOrder.nativeOrder(), types);
    }

    /**
     * {@link #messageTypes(int...)} for a kernel of the given byte order.
     */
    static List<RawInstruction> messageTypes(ByteOrder order, int... types) {
        if (types == null || types.length == 0) {
            throw new BpfException("messageTypes needs at least one netlink message type to accept");
        }
        Set<Integer> distinct = new LinkedHashSet<>();
        for (int type : types) {
            if ((type & ~0xffff) != 0) {
                throw new BpfException("netlink message type " + type + " does not fit the 16-bit nlmsg_type (0 to 65535)");
            }
            distinct.add(order == ByteOrder.LITTLE_ENDIAN ? Short.reverseBytes((short) type) & 0xffff : type);
        }
        List<Integer> values = new ArrayList<>(distinct);
        int blocks = (values.size() + JUMPS_PER_BLOCK - 1) / JUMPS_PER_BLOCK;
        int length = 1 + values.size() + 2 * blocks;
        if (length > Opcodes.BPF_MAXINSNS) {
            throw new BpfException(values.size() + " distinct message types need a " + length
                    + "-instruction filter, more than BPF_MAXINSNS (" + Opcodes.BPF_MAXINSNS + ")");
        }
        // Blocks of at most 255 tests, each ending in a jump over its accepting return to the next block; the last
        // block ends in the dropping return instead. A test that matches jumps to its block's accepting return.
        List<Instruction> program = new ArrayList<>(length);
        program.add(new Instruction.LoadAbsolute(Size.HALF, TYPE_OFFSET));
        for (int start = 0; start < values.size(); start += JUMPS_PER_BLOCK) {
            int end = Math.min(start + JUMPS_PER_BLOCK, values.size());
            for (int i = start; i < end; i++) {
                program.add(new Instruction.JumpIf(JumpCondition.EQ, values.get(i), end - i, 0));
            }
            boolean lastBlock = end == values.size();
            program.add(lastBlock ? new Instruction.ReturnConstant(DROP) : new Instruction.Jump(1));
            program.add(new Instruction.ReturnConstant(ACCEPT));
        }
        List<RawInstruction> raw = Bpf.assemble(program);
        BpfChecker.check(raw);
        return raw;
    }
}
