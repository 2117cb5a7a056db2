package io.github.jnetlink.bpf;

import static io.github.jnetlink.bpf.Opcodes.BPF_A;
import static io.github.jnetlink.bpf.Opcodes.BPF_ABS;
import static io.github.jnetlink.bpf.Opcodes.BPF_ALU;
import static io.github.jnetlink.bpf.Opcodes.BPF_DIV;
import static io.github.jnetlink.bpf.Opcodes.BPF_JA;
import static io.github.jnetlink.bpf.Opcodes.BPF_JMP;
import static io.github.jnetlink.bpf.Opcodes.BPF_K;
import static io.github.jnetlink.bpf.Opcodes.BPF_LD;
import static io.github.jnetlink.bpf.Opcodes.BPF_LDX;
import static io.github.jnetlink.bpf.Opcodes.BPF_LSH;
import static io.github.jnetlink.bpf.Opcodes.BPF_MAXINSNS;
import static io.github.jnetlink.bpf.Opcodes.BPF_MEM;
import static io.github.jnetlink.bpf.Opcodes.BPF_MEMWORDS;
import static io.github.jnetlink.bpf.Opcodes.BPF_MOD;
import static io.github.jnetlink.bpf.Opcodes.BPF_RET;
import static io.github.jnetlink.bpf.Opcodes.BPF_RSH;
import static io.github.jnetlink.bpf.Opcodes.BPF_ST;
import static io.github.jnetlink.bpf.Opcodes.BPF_STX;
import static io.github.jnetlink.bpf.Opcodes.SKF_AD_OFF;

import java.util.Arrays;
import java.util.List;

/**
 * The checks the kernel makes when a classic BPF program is attached to a socket ({@code SO_ATTACH_FILTER}:
 * {@code bpf_check_basics_ok}, {@code bpf_check_classic} and {@code check_load_and_stores} in
 * {@code net/core/filter.c}), made in Java so a bad program fails with a message naming the instruction instead
 * of a bare {@code EINVAL}. Stateless and thread-safe.
 */
public final class BpfChecker {

    private BpfChecker() {
    }

    /**
     * Checks a program as the kernel does before attaching it. The program is refused if:
     * <ul>
     * <li>it is null or empty, or longer than {@code BPF_MAXINSNS} (4096) instructions;</li>
     * <li>an instruction is null or has an opcode the kernel does not accept on a socket;</li>
     * <li>a division or modulo is by the constant 0, or a shift by a constant of 32 or more;</li>
     * <li>a scratch load or store names a slot outside {@code M[0..15]};</li>
     * <li>a jump, taken or not, lands past the last instruction (jumps only go forward);</li>
     * <li>an absolute load reads ancillary data ({@code SKF_AD_OFF} + n, offsets from -0x1000 up): the kernel
     * accepts the extensions it knows, but this package does not model them, so it refuses them all;</li>
     * <li>the last instruction is not a return ({@code ret #k} or {@code ret a});</li>
     * <li>an instruction loads a scratch slot that is not stored on every path leading to it.</li>
     * </ul>
     * Instructions are checked in order and the first fault found is reported, in the kernel's order: every
     * instruction's own fields first, then the final return, then the scratch memory flow.
     *
     * @param program the raw instructions
     * @throws BpfException naming the instruction index and what is wrong
     */
    public static void check(List<RawInstruction> program) {
        if (program == null) {
            throw new BpfException("BPF program is null");
        }
        int length = program.size();
        if (length == 0) {
            throw new BpfException("BPF program is empty; it needs at least a return instruction");
        }
        if (length > BPF_MAXINSNS) {
            throw new BpfException("BPF program has " + length + " instructions, more than BPF_MAXINSNS ("
                    + BPF_MAXINSNS + ")");
        }
        for (int pc = 0; pc < length; pc++) {
            RawInstruction instruction = program.get(pc);
            if (instruction == null) {
                throw new BpfException(pc, "instruction is null");
            }
            checkInstruction(instruction, pc, length);
        }
        int last = program.get(length - 1).op() & 0xffff;
        if (last != (BPF_RET | BPF_K) && last != (BPF_RET | BPF_A)) {
            throw new BpfException(length - 1, "the last instruction must be a return (ret #k or ret a), not opcode "
                    + Opcodes.hex(last));
        }
        checkScratchFlow(program);
    }

    private static void checkInstruction(RawInstruction instruction, int pc, int length) {
        int op = instruction.op() & 0xffff;
        int k = instruction.k();
        if (!Opcodes.allowed(op)) {
            throw new BpfException(pc, "unknown opcode " + Opcodes.hex(op));
        }
        switch (op) {
            case BPF_ALU | BPF_DIV | BPF_K -> {
                if (k == 0) {
                    throw new BpfException(pc, "division by the constant 0 (opcode " + Opcodes.hex(op) + ")");
                }
            }
            case BPF_ALU | BPF_MOD | BPF_K -> {
                if (k == 0) {
                    throw new BpfException(pc, "modulo by the constant 0 (opcode " + Opcodes.hex(op) + ")");
                }
            }
            case BPF_ALU | BPF_LSH | BPF_K, BPF_ALU | BPF_RSH | BPF_K -> {
                if (Integer.compareUnsigned(k, 32) >= 0) {
                    throw new BpfException(pc, "shift by the constant " + Integer.toUnsignedString(k)
                            + ", which must be below 32 (opcode " + Opcodes.hex(op) + ")");
                }
            }
            case BPF_LD | BPF_MEM, BPF_LDX | BPF_MEM, BPF_ST, BPF_STX -> {
                if (Integer.compareUnsigned(k, BPF_MEMWORDS) >= 0) {
                    throw new BpfException(pc, "scratch slot " + Integer.toUnsignedString(k) + " is outside M[0.."
                            + (BPF_MEMWORDS - 1) + "] (opcode " + Opcodes.hex(op) + ")");
                }
            }
            case BPF_JMP | BPF_JA -> {
                // Unsigned, as the kernel compares: a huge k is a far forward jump, never a backward one.
                if (Integer.compareUnsigned(k, length - pc - 1) >= 0) {
                    throw new BpfException(pc, "jump +" + Integer.toUnsignedString(k) + " lands past the last instruction ("
                            + (length - 1) + ")");
                }
            }
            case BPF_LD | Opcodes.BPF_W | BPF_ABS, BPF_LD | Opcodes.BPF_H | BPF_ABS, BPF_LD | Opcodes.BPF_B | BPF_ABS -> {
                if (Integer.compareUnsigned(k, SKF_AD_OFF) >= 0) {
                    throw new BpfException(pc, "absolute load from ancillary data SKF_AD_OFF+" + (k - SKF_AD_OFF)
                            + " is not supported");
                }
            }
            default -> {
                if (Opcodes.conditionalJump(op)) {
                    int jt = instruction.jt() & 0xff;
                    int jf = instruction.jf() & 0xff;
                    if (pc + jt + 1 >= length || pc + jf + 1 >= length) {
                        throw new BpfException(pc, "conditional jump (jt=" + jt + ", jf=" + jf
                                + ") lands past the last instruction (" + (length - 1) + ")");
                    }
                }
            }
        }
    }

    /**
     * The kernel's {@code check_load_and_stores}: one pass forward, tracking which scratch slots are written on
     * every path. Jumps only go forward, so a target's set is final once every earlier instruction was visited.
     */
    private static void checkScratchFlow(List<RawInstruction> program) {
        int length = program.size();
        int[] valid = new int[length];
        Arrays.fill(valid, 0xffff);
        int written = 0;
        for (int pc = 0; pc < length; pc++) {
            written &= valid[pc];
            RawInstruction instruction = program.get(pc);
            int op = instruction.op() & 0xffff;
            int k = instruction.k();
            if (op == BPF_ST || op == BPF_STX) {
                written |= 1 << k;
            } else if (op == (BPF_LD | BPF_MEM) || op == (BPF_LDX | BPF_MEM)) {
                if ((written & (1 << k)) == 0) {
                    throw new BpfException(pc, "loads scratch slot M[" + k
                            + "], which is not stored on every path before it");
                }
            } else if (op == (BPF_JMP | BPF_JA)) {
                valid[pc + 1 + k] &= written;
                // The next instruction is now reached only as a jump target, whose set valid[] holds.
                written = 0xffff;
            } else if (Opcodes.conditionalJump(op)) {
                valid[pc + 1 + (instruction.jt() & 0xff)] &= written;
                valid[pc + 1 + (instruction.jf() & 0xff)] &= written;
                written = 0xffff;
            }
        }
    }
}
