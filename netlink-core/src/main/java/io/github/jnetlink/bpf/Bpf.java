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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Translates classic BPF programs between the {@link Instruction} model and the {@link RawInstruction}s
 * ({@code struct sock_filter}) the kernel reads. The two directions are exact inverses:
 * {@code disassemble(assemble(p))} equals {@code p}, and {@code assemble(disassemble(r))} equals {@code r}
 * whenever {@code disassemble} accepts {@code r}.
 *
 * <p>Neither direction checks that the program as a whole would pass the kernel's load-time checks (jumps in
 * range, a final return, scratch slots in range): that is {@link BpfChecker}'s job. Stateless and thread-safe.
 */
public final class Bpf {

    private Bpf() {
    }

    /**
     * Encodes a program.
     *
     * @param program the instructions, in order
     * @return one raw instruction per instruction, unmodifiable
     * @throws BpfException if {@code program} or one of its instructions is null
     */
    public static List<RawInstruction> assemble(List<? extends Instruction> program) {
        if (program == null) {
            throw new BpfException("BPF program is null");
        }
        List<RawInstruction> raw = new ArrayList<>(program.size());
        for (int i = 0; i < program.size(); i++) {
            Instruction instruction = program.get(i);
            if (instruction == null) {
                throw new BpfException(i, "instruction is null");
            }
            raw.add(instruction.assemble());
        }
        return Collections.unmodifiableList(raw);
    }

    /**
     * Decodes a program.
     *
     * @param program the raw instructions, in order
     * @return one instruction per raw instruction, unmodifiable
     * @throws BpfException naming the index and the opcode in hex if an instruction is null, has an opcode the
     *                      kernel does not accept on a socket, or sets a field its opcode does not use
     *                      ({@code jt}/{@code jf} outside conditional jumps, {@code k} where unused), which would
     *                      not survive a round trip
     */
    public static List<Instruction> disassemble(List<RawInstruction> program) {
        if (program == null) {
            throw new BpfException("BPF program is null");
        }
        List<Instruction> instructions = new ArrayList<>(program.size());
        for (int i = 0; i < program.size(); i++) {
            RawInstruction raw = program.get(i);
            if (raw == null) {
                throw new BpfException(i, "instruction is null");
            }
            instructions.add(decode(raw, i));
        }
        return Collections.unmodifiableList(instructions);
    }

    static Instruction decode(RawInstruction raw, int index) {
        int op = raw.op() & 0xffff;
        if (!Opcodes.allowed(op)) {
            throw new BpfException(index, "unknown opcode " + Opcodes.hex(op));
        }
        if (!Opcodes.conditionalJump(op) && (raw.jt() != 0 || raw.jf() != 0)) {
            throw new BpfException(index, "opcode " + Opcodes.hex(op) + " is not a conditional jump but sets jt="
                    + (raw.jt() & 0xff) + " jf=" + (raw.jf() & 0xff));
        }
        Instruction instruction = decodeOpcode(op, raw);
        if (instruction.assemble().k() != raw.k()) {
            throw new BpfException(index, "opcode " + Opcodes.hex(op) + " does not use k but sets k=0x"
                    + Integer.toHexString(raw.k()));
        }
        return instruction;
    }

    private static Instruction decodeOpcode(int op, RawInstruction raw) {
        int k = raw.k();
        return switch (op) {
            case BPF_LD | BPF_W | BPF_ABS, BPF_LD | BPF_H | BPF_ABS, BPF_LD | BPF_B | BPF_ABS ->
                    new Instruction.LoadAbsolute(Size.ofCode(op), k);
            case BPF_LD | BPF_W | BPF_IND, BPF_LD | BPF_H | BPF_IND, BPF_LD | BPF_B | BPF_IND ->
                    new Instruction.LoadIndirect(Size.ofCode(op), k);
            case BPF_LD | BPF_IMM -> new Instruction.LoadConstant(Register.A, k);
            case BPF_LDX | BPF_IMM -> new Instruction.LoadConstant(Register.X, k);
            case BPF_LD | BPF_MEM -> new Instruction.LoadScratch(Register.A, k);
            case BPF_LDX | BPF_MEM -> new Instruction.LoadScratch(Register.X, k);
            case BPF_LD | BPF_W | BPF_LEN -> new Instruction.LoadLength(Register.A);
            case BPF_LDX | BPF_W | BPF_LEN -> new Instruction.LoadLength(Register.X);
            case BPF_LDX | BPF_B | BPF_MSH -> new Instruction.LoadMsh(k);
            case BPF_ST -> new Instruction.StoreScratch(Register.A, k);
            case BPF_STX -> new Instruction.StoreScratch(Register.X, k);
            case BPF_ALU | BPF_NEG -> new Instruction.Negate();
            case BPF_JMP | BPF_JA -> new Instruction.Jump(k);
            case BPF_MISC | BPF_TAX -> new Instruction.Tax();
            case BPF_MISC | BPF_TXA -> new Instruction.Txa();
            case BPF_RET | BPF_K -> new Instruction.ReturnConstant(k);
            case BPF_RET | BPF_A -> new Instruction.ReturnA();
            default -> decodeOperation(op, raw);
        };
    }

    private static Instruction decodeOperation(int op, RawInstruction raw) {
        // Opcodes.allowed already limited these to the ALU and conditional jump opcodes the kernel knows.
        boolean fromX = (op & BPF_X) != 0;
        if ((op & 0x07) == BPF_ALU) {
            AluOp operation = AluOp.ofBits(op & 0xf0);
            return fromX ? new Instruction.AluX(operation) : new Instruction.AluConstant(operation, raw.k());
        }
        JumpCondition condition = JumpCondition.ofBits(op & 0xf0);
        int jt = raw.jt() & 0xff;
        int jf = raw.jf() & 0xff;
        return fromX ? new Instruction.JumpIfX(condition, jt, jf) : new Instruction.JumpIf(condition, raw.k(), jt, jf);
    }
}
