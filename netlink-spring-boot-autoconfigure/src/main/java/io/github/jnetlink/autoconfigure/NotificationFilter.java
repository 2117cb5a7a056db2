package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.bpf.AluOp;
import io.github.jnetlink.bpf.Bpf;
import io.github.jnetlink.bpf.BpfChecker;
import io.github.jnetlink.bpf.BpfException;
import io.github.jnetlink.bpf.Instruction;
import io.github.jnetlink.bpf.JumpCondition;
import io.github.jnetlink.bpf.RawInstruction;
import io.github.jnetlink.bpf.Size;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.RouteMessageType;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Compiles {@code netlink.connections.NAME.filter.*} into the classic BPF program attached to the connection's
 * receive loop socket, so that the kernel drops unwanted notifications before they wake the JVM or fill the
 * receive buffer.
 *
 * <p>The program looks at the first message of each datagram only. The kernel multicasts one notification a
 * datagram, so for a receive loop that is every message; a multipart datagram is kept or dropped whole, by its
 * first message. It keeps:
 * <ul>
 * <li>every control message ({@code nlmsg_type} below 16: {@code NLMSG_NOOP}, {@code NLMSG_ERROR} with its
 * acknowledgements, {@code NLMSG_DONE}, {@code NLMSG_OVERRUN}), whatever the filter says;</li>
 * <li>otherwise, a message whose type is one of {@code filter.types} (any type when empty) and whose family,
 * the byte after the 16-byte {@code nlmsghdr} that starts {@code ifinfomsg}, {@code ifaddrmsg}, {@code rtmsg}
 * and {@code ndmsg}, is one of {@code filter.families} (any family when empty).</li>
 * </ul>
 * Link messages carry {@code unspec} as their family ({@code bridge} for bridge ports), so a family filter
 * without {@code unspec} drops them. A datagram too short to hold what the program reads is dropped.
 *
 * <p>{@code nlmsg_type} is in the host's byte order while BPF loads are big-endian: on a little-endian host the
 * program reads the type's two bytes one at a time and puts them back in host order, so every test below
 * compares plain type numbers. The program is built for {@link ByteOrder#nativeOrder()}.
 */
final class NotificationFilter {

    /** Keeps the whole datagram: the kernel trims a packet only to a return value smaller than its length. */
    private static final int ACCEPT = 0xffff_ffff;
    private static final int DROP = 0;
    /** Offset of {@code nlmsg_type} in {@code struct nlmsghdr}. */
    private static final int TYPE_OFFSET = 4;
    /** Offset of the family byte: the first byte after the 16-byte {@code struct nlmsghdr}. */
    private static final int FAMILY_OFFSET = 16;
    /** The most conditional jumps that can share one matching jump, given 8-bit jump offsets. */
    private static final int TESTS_PER_BLOCK = 255;

    /** {@code RTM_*} names and numbers, in number order, from {@link RouteMessageType#name(int)}. */
    private static final Map<String, Integer> ROUTE_TYPES = names(HeaderType.MIN_TYPE, 0x400, RouteMessageType::name, "RTM_");
    /** Address family names as {@code ip} prints them, and their numbers. */
    private static final Map<String, Integer> FAMILIES = names(0, 0x100, AddressFamily::name, "");

    private NotificationFilter() {
    }

    /**
     * @param connection the connection name, for the failures
     * @param filter     its {@code filter} properties
     * @param protocol   its netlink protocol
     * @return the program, or an empty list when neither types nor families are set (no filter)
     * @throws NetlinkStartupException naming the entry of {@code filter.types} or {@code filter.families} that is
     *                                 not valid, and listing the valid names
     */
    static List<RawInstruction> compile(String connection, NetlinkProperties.Filter filter, int protocol) {
        return compile(connection, filter, protocol, ByteOrder.nativeOrder());
    }

    /** {@link #compile(String, NetlinkProperties.Filter, int)} for a kernel of the given byte order. */
    static List<RawInstruction> compile(String connection, NetlinkProperties.Filter filter, int protocol, ByteOrder order) {
        List<Integer> types = types(connection, filter.getTypes(), protocol);
        List<Integer> families = families(connection, filter.getFamilies(), protocol);
        if (filter.getTypes().isEmpty() && families.isEmpty()) {
            return List.of();
        }
        List<Instruction> program = new ArrayList<>();
        if (order == ByteOrder.LITTLE_ENDIAN) {
            program.add(new Instruction.LoadAbsolute(Size.BYTE, TYPE_OFFSET + 1));
            program.add(new Instruction.AluConstant(AluOp.LSH, 8));
            program.add(new Instruction.Tax());
            program.add(new Instruction.LoadAbsolute(Size.BYTE, TYPE_OFFSET));
            program.add(new Instruction.AluX(AluOp.OR));
        } else {
            program.add(new Instruction.LoadAbsolute(Size.HALF, TYPE_OFFSET));
        }
        program.add(new Instruction.JumpIf(JumpCondition.GE, HeaderType.MIN_TYPE, 1, 0));
        program.add(new Instruction.ReturnConstant(ACCEPT));
        if (!filter.getTypes().isEmpty() && types.isEmpty()) {
            // only control types listed, which pass anyway: nothing else does
            program.add(new Instruction.ReturnConstant(DROP));
            return assemble(connection, program);
        }
        if (!types.isEmpty()) {
            oneOf(program, types);
        }
        if (!families.isEmpty()) {
            program.add(new Instruction.LoadAbsolute(Size.BYTE, FAMILY_OFFSET));
            oneOf(program, families);
        }
        program.add(new Instruction.ReturnConstant(ACCEPT));
        return assemble(connection, program);
    }

    private static List<RawInstruction> assemble(String connection, List<Instruction> program) {
        try {
            List<RawInstruction> raw = Bpf.assemble(program);
            BpfChecker.check(raw);
            return raw;
        } catch (BpfException e) {
            // only thousands of types make a program the kernel would refuse
            throw new NetlinkStartupException(connection, NetlinkConnections.prefix(connection) + "filter.types", null, List.of(),
                    "netlink connection '" + connection + "': the filter's BPF program is too long: " + e.getMessage(), e);
        }
    }

    /**
     * Appends tests of A against {@code values} that go on to the next instruction after them when one matches,
     * and return {@link #DROP} when none does. Blocks of at most 255 tests, because a conditional jump skips at
     * most 255 instructions: each test that matches jumps to its block's last instruction, a jump to the end.
     */
    private static void oneOf(List<Instruction> program, List<Integer> values) {
        int blocks = (values.size() + TESTS_PER_BLOCK - 1) / TESTS_PER_BLOCK;
        int end = program.size() + values.size() + 2 * blocks;
        for (int start = 0; start < values.size(); start += TESTS_PER_BLOCK) {
            int stop = Math.min(start + TESTS_PER_BLOCK, values.size());
            for (int i = start; i < stop; i++) {
                program.add(new Instruction.JumpIf(JumpCondition.EQ, values.get(i), stop - i, 0));
            }
            // no test matched: on to the next block, over this block's jump to the end; or, after the last, drop
            program.add(stop == values.size() ? new Instruction.ReturnConstant(DROP) : new Instruction.Jump(1));
            program.add(new Instruction.Jump(end - program.size() - 1));
        }
    }

    private static List<Integer> types(String connection, List<String> values, int protocol) {
        Set<Integer> out = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String property = NetlinkConnections.prefix(connection) + "filter.types[" + i + "]";
            String value = values.get(i) == null ? "" : values.get(i).trim();
            int type;
            if (value.matches("\\d+")) {
                type = number(connection, property, value, 0xffff, "netlink message types are 0 to 65535");
            } else if (protocol != Protocol.ROUTE) {
                throw new NetlinkStartupException(connection, property, value, List.of(),
                        "message type '" + value + "' of netlink connection '" + connection + "': names are known for protocol "
                                + "route; for protocol " + Protocol.name(protocol) + " use the type number", null);
            } else {
                Integer known = ROUTE_TYPES.get(value.toUpperCase(Locale.ROOT));
                if (known == null) {
                    throw new NetlinkStartupException(connection, property, value, List.copyOf(ROUTE_TYPES.keySet()),
                            "'" + value + "' is not an rtnetlink message type." + ClosestName.suggestion(value, ROUTE_TYPES.keySet()), null);
                }
                type = known;
            }
            // control messages pass anyway
            if (type >= HeaderType.MIN_TYPE) {
                out.add(type);
            }
        }
        return List.copyOf(out);
    }

    private static List<Integer> families(String connection, List<String> values, int protocol) {
        Set<Integer> out = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String property = NetlinkConnections.prefix(connection) + "filter.families[" + i + "]";
            String value = values.get(i) == null ? "" : values.get(i).trim();
            if (protocol != Protocol.ROUTE) {
                throw new NetlinkStartupException(connection, property, value, List.of(),
                        "netlink connection '" + connection + "' has protocol " + Protocol.name(protocol) + ", but address "
                                + "families are read from the rtnetlink family header, so filter.families needs protocol route; "
                                + "remove " + NetlinkConnections.prefix(connection) + "filter.families", null);
            }
            if (value.matches("\\d+")) {
                out.add(number(connection, property, value, 0xff, "address families are 0 to 255 (one byte)"));
            } else {
                Integer known = FAMILIES.get(value.toLowerCase(Locale.ROOT));
                if (known == null) {
                    throw new NetlinkStartupException(connection, property, value, List.copyOf(FAMILIES.keySet()),
                            "'" + value + "' is not an address family." + ClosestName.suggestion(value, FAMILIES.keySet()), null);
                }
                out.add(known);
            }
        }
        return List.copyOf(out);
    }

    private static int number(String connection, String property, String value, int max, String range) {
        long n = value.length() > 10 ? Long.MAX_VALUE : Long.parseLong(value);
        if (n > max) {
            throw new NetlinkStartupException(connection, property, value, List.of(), range + ", got " + value, null);
        }
        return (int) n;
    }

    /** The numbers in {@code [from, to)} that {@code namer} names with {@code prefix} rather than with digits. */
    private static Map<String, Integer> names(int from, int to, IntFunction<String> namer, String prefix) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int n = from; n < to; n++) {
            String name = namer.apply(n);
            if (name.startsWith(prefix) && !Character.isDigit(name.charAt(0))) {
                out.put(name, n);
            }
        }
        return out;
    }
}
