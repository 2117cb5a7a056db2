package io.github.jnetlink.bpf;

import static io.github.jnetlink.bpf.Opcodes.BPF_A;
import static io.github.jnetlink.bpf.Opcodes.BPF_ABS;
import static io.github.jnetlink.bpf.Opcodes.BPF_ALU;
import static io.github.jnetlink.bpf.Opcodes.BPF_B;
import static io.github.jnetlink.bpf.Opcodes.BPF_H;
import static io.github.jnetlink.bpf.Opcodes.BPF_IMM;
import static io.github.jnetlink.bpf.Opcodes.BPF_IND;
import static io.github.jnetlink.bpf.Opcodes.BPF_JA;
import static io.github.jnetlink.bpf.Opcodes.BPF_JMP;
import static io.github.jnetlink.bpf.Opcodes.BPF_K;
import static io.github.jnetlink.bpf.Opcodes.BPF_LD;
import static io.github.jnetlink.bpf.Opcodes.BPF_LDX;
import static io.github.jnetlink.bpf.Opcodes.BPF_LEN;
import static io.github.jnetlink.bpf.Opcodes.BPF_MEM;
import static io.github.jnetlink.bpf.Opcodes.BPF_MEMWORDS;
import static io.github.jnetlink.bpf.Opcodes.BPF_MISC;
import static io.github.jnetlink.bpf.Opcodes.BPF_MSH;
import static io.github.jnetlink.bpf.Opcodes.BPF_NEG;
import static io.github.jnetlink.bpf.Opcodes.BPF_RET;
import static io.github.jnetlink.bpf.Opcodes.BPF_ST;
import static io.github.jnetlink.bpf.Opcodes.BPF_STX;
import static io.github.jnetlink.bpf.Opcodes.BPF_TAX;
import static io.github.jnetlink.bpf.Opcodes.BPF_TXA;
import static io.github.jnetlink.bpf.Opcodes.BPF_W;
import static io.github.jnetlink.bpf.Opcodes.BPF_X;

import io.github.jnetlink.NetlinkArgumentException;
import java.util.List;

/**
 * An interpreter for classic BPF socket filters with the kernel's run-time semantics, to test a filter without
 * attaching it. The kernel translates a classic filter to eBPF and runs that; this class computes the same
 * results:
 * <ul>
 * <li>A, X and the scratch slots {@code M[0..15]} start at 0;</li>
 * <li>packet loads read network (big-endian) byte order and zero-extend; a load reaching past the end of the
 * packet, or at a negative offset, ends the program returning 0;</li>
 * <li>arithmetic is 32-bit and wraps; division and modulo are unsigned, and by an X of 0 end the program
 * returning 0;</li>
 * <li>a shift by X shifts by X modulo 32; comparisons are unsigned;</li>
 * <li>{@code BPF_LEN} loads the packet's length, {@code BPF_MSH} loads X = 4 * (byte &amp; 0xf).</li>
 * </ul>
 * One difference: in the kernel, negative offsets from {@code SKF_NET_OFF} (-0x100000) and {@code SKF_LL_OFF}
 * (-0x200000) address the socket buffer's network and link-layer headers, which a byte array does not have; here
 * they are out of bounds. Ancillary loads ({@code SKF_AD_OFF}) are refused by {@link BpfChecker}.
 *
 * <p>Immutable and thread-safe: {@link #run} keeps its registers and scratch memory on its own stack.
 */
public final class Vm {

    private final List<RawInstruction> program;
    private final int[] ops;
    private final int[] ks;
    private final int[] jts;
    private final int[] jfs;
    private final AluOp[] operations;
    private final JumpCondition[] conditions;

    /**
     * Checks a program and prepares to run it.
     *
     * @param program the raw instructions; copied
     * @throws BpfException if {@link BpfChecker#check} refuses the program, as the kernel would
     */
    public Vm(List<RawInstruction> program) {
        BpfChecker.check(program);
        this.program = List.copyOf(program);
        int length = this.program.size();
        ops = new int[length];
        ks = new int[length];
        jts = new int[length];
        jfs = new int[length];
        operations = new AluOp[length];
        conditions = new JumpCondition[length];
        for (int pc = 0; pc < length; pc++) {
            RawInstruction instruction = this.program.get(pc);
            ops[pc] = instruction.op() & 0xffff;
            ks[pc] = instruction.k();
            jts[pc] = instruction.jt() & 0xff;
            jfs[pc] = instruction.jf() & 0xff;
            if ((ops[pc] & 0x07) == BPF_ALU) {
                operations[pc] = AluOp.ofBits(ops[pc] & 0xf0);
            } else if (Opcodes.conditionalJump(ops[pc])) {
                conditions[pc] = JumpCondition.ofBits(ops[pc] & 0xf0);
            }
        }
    }

    /**
     * @return the program this machine runs, unmodifiable
     */
    public List<RawInstruction> program() {
        return program;
    }

    /**
     * Runs the filter over one packet, as the kernel does for each datagram queued to the socket.
     *
     * <p>The result is what the program returns, an unsigned 32-bit number (read it with
     * {@link Integer#toUnsignedLong}): 0 means the kernel drops the packet. For any other value the kernel keeps
     * the packet, trimmed to that many bytes if it is longer (never below 1 byte); this method does not apply the
     * trimming. For netlink, a trimmed datagram carries truncated messages, so accepting filters should return at
     * least the datagram's length, customarily {@code 0xffff_ffff}.
     *
     * @param packet the packet's bytes, from the first byte the filter sees (for netlink, the first
     *               {@code struct nlmsghdr})
     * @return the program's return value, unsigned; 0 if a load went out of bounds or X was 0 in a division
     * @throws NetlinkArgumentException if {@code packet} is null
     */
    public int run(byte[] packet) {
        if (packet == null) {
            throw new NetlinkArgumentException("BPF Vm: packet must not be null");
        }
        int length = packet.length;
        int a = 0;
        int x = 0;
        int[] memory = new int[BPF_MEMWORDS];
        int pc = 0;
        while (true) {
            int op = ops[pc];
            int k = ks[pc];
            switch (op) {
                case BPF_LD | BPF_W | BPF_ABS, BPF_LD | BPF_H | BPF_ABS, BPF_LD | BPF_B | BPF_ABS -> {
                    long value = load(packet, k, op & 0x18);
                    if (value < 0) {
                        return 0;
                    }
                    a = (int) value;
                }
                case BPF_LD | BPF_W | BPF_IND, BPF_LD | BPF_H | BPF_IND, BPF_LD | BPF_B | BPF_IND -> {
                    long value = load(packet, x + k, op & 0x18);
                    if (value < 0) {
                        return 0;
                    }
                    a = (int) value;
                }
                case BPF_LDX | BPF_B | BPF_MSH -> {
                    long value = load(packet, k, BPF_B);
                    if (value < 0) {
                        return 0;
                    }
                    x = ((int) value & 0xf) << 2;
                }
                case BPF_LD | BPF_IMM -> a = k;
                case BPF_LDX | BPF_IMM -> x = k;
                case BPF_LD | BPF_MEM -> a = memory[k];
                case BPF_LDX | BPF_MEM -> x = memory[k];
                case BPF_LD | BPF_W | BPF_LEN -> a = length;
                case BPF_LDX | BPF_W | BPF_LEN -> x = length;
                case BPF_ST -> memory[k] = a;
                case BPF_STX -> memory[k] = x;
                case BPF_ALU | BPF_NEG -> a = -a;
                case BPF_MISC | BPF_TAX -> x = a;
                case BPF_MISC | BPF_TXA -> a = x;
                case BPF_JMP | BPF_JA -> pc += k;
                case BPF_RET | BPF_K -> {
                    return k;
                }
                case BPF_RET | BPF_A -> {
                    return a;
                }
                default -> {
                    int operand = (op & BPF_X) != 0 ? x : k;
                    if ((op & 0x07) == BPF_ALU) {
                        AluOp operation = operations[pc];
                        if (operand == 0 && operation.divides()) {
                            return 0;
                        }
                        a = operation.apply(a, operand);
                    } else {
                        pc += conditions[pc].test(a, operand) ? jts[pc] : jfs[pc];
                    }
                }
            }
            pc++;
        }
    }

    /**
     * @return the big-endian value of {@code size} bytes at {@code offset}, or -1 if they are not all in the packet
     */
    private static long load(byte[] packet, int offset, int size) {
        int bytes = switch (size) {
            case BPF_W -> 4;
            case BPF_H -> 2;
            default -> 1;
        };
        if (offset < 0 || offset > packet.length - bytes) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | (packet[offset + i] & 0xff);
        }
        return value;
    }
}
