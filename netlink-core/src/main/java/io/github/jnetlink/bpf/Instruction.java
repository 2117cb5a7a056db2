package io.github.jnetlink.bpf;

import static io.github.jnetlink.bpf.Opcodes.BPF_A;
import static io.github.jnetlink.bpf.Opcodes.BPF_ABS;
import static io.github.jnetlink.bpf.Opcodes.BPF_ALU;
import static io.github.jnetlink.bpf.Opcodes.BPF_B;
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

import io.github.jnetlink.NetlinkArgumentException;

/**
 * One classic BPF instruction of a socket filter, in the closed set the kernel's {@code bpf_check_classic}
 * accepts (ancillary-data loads at {@code SKF_AD_OFF} aside). The machine has a 32-bit accumulator A, a 32-bit
 * index register X and sixteen 32-bit scratch slots {@code M[0..15]}; all start at 0. Packet loads read network
 * (big-endian) byte order, and a load past the end of the packet ends the program returning 0. Jumps only go
 * forward: offsets count instructions to skip after the next one.
 *
 * <p>Each instruction maps to exactly one {@link RawInstruction} ({@link #assemble()}) and back
 * ({@link Bpf#disassemble}). The records hold any value the raw encoding can hold, so a record may describe an
 * instruction the kernel would refuse (a scratch slot of 16, a shift by 40, a jump past the end);
 * {@link BpfChecker} finds those, as the kernel would.
 */
public sealed interface Instruction {

    /**
     * Encodes the instruction as the kernel reads it.
     *
     * @return the {@code struct sock_filter}, with the fields the instruction does not use set to 0
     */
    RawInstruction assemble();

    private static void requireNonNull(Object component, String instruction, String name) {
        if (component == null) {
            throw new NetlinkArgumentException("BPF instruction " + instruction + ": " + name + " must not be null");
        }
    }

    /**
     * {@code ld{b,h,} [k]}: A = the {@code size} bytes of the packet at {@code offset}, big-endian,
     * zero-extended. Opcode {@code BPF_LD | size | BPF_ABS} (0x20, 0x28, 0x30).
     *
     * @param size   how many bytes to read
     * @param offset the byte offset from the start of the packet, unsigned; the kernel reserves offsets from
     *               {@code SKF_AD_OFF} (-0x1000) up for ancillary data, which this package does not model
     */
    record LoadAbsolute(Size size, int offset) implements Instruction {

        /**
         * Checks the components.
         *
         * @param size how many bytes to read
         * @param offset the offset
         * @throws NetlinkArgumentException if {@code size} is null
         */
        public LoadAbsolute {
            Instruction.requireNonNull(size, "LoadAbsolute", "size");
        }

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(BPF_LD | size.code() | BPF_ABS, offset);
        }
    }

    /**
     * {@code ld{b,h,} [x + k]}: A = the {@code size} bytes of the packet at X + {@code offset} (32-bit sum),
     * big-endian, zero-extended. Opcode {@code BPF_LD | size | BPF_IND} (0x40, 0x48, 0x50).
     *
     * @param size   how many bytes to read
     * @param offset added to X to give the byte offset
     */
    record LoadIndirect(Size size, int offset) implements Instruction {

        /**
         * Checks the components.
         *
         * @param size how many bytes to read
         * @param offset the offset
         * @throws NetlinkArgumentException if {@code size} is null
         */
        public LoadIndirect {
            Instruction.requireNonNull(size, "LoadIndirect", "size");
        }

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(BPF_LD | size.code() | BPF_IND, offset);
        }
    }

    /**
     * {@code ld #k} / {@code ldx #k}: a register = {@code value}. Opcode {@code BPF_LD | BPF_IMM} (0x00) or
     * {@code BPF_LDX | BPF_IMM} (0x01).
     *
     * @param destination the register loaded
     * @param value       the constant
     */
    record LoadConstant(Register destination, int value) implements Instruction {

        /**
         * Checks the components.
         *
         * @param destination the register loaded
         * @param value the constant
         * @throws NetlinkArgumentException if {@code destination} is null
         */
        public LoadConstant {
            Instruction.requireNonNull(destination, "LoadConstant", "destination");
        }

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(loadClass(destination) | BPF_IMM, value);
        }
    }

    /**
     * {@code ld M[k]} / {@code ldx M[k]}: a register = scratch slot {@code slot}. Opcode
     * {@code BPF_LD | BPF_MEM} (0x60) or {@code BPF_LDX | BPF_MEM} (0x61). The kernel refuses a program that
     * may read a slot before writing it.
     *
     * @param destination the register loaded
     * @param slot        the scratch slot, 0 to 15 for the kernel
     */
    record LoadScratch(Register destination, int slot) implements Instruction {

        /**
         * Checks the components.
         *
         * @param destination the register loaded
         * @param slot the scratch slot
         * @throws NetlinkArgumentException if {@code destination} is null
         */
        public LoadScratch {
            Instruction.requireNonNull(destination, "LoadScratch", "destination");
        }

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(loadClass(destination) | BPF_MEM, slot);
        }
    }

    /**
     * {@code ld #len} / {@code ldx #len}: a register = the length of the packet in bytes ({@code skb->len}).
     * Opcode {@code BPF_LD | BPF_W | BPF_LEN} (0x80) or {@code BPF_LDX | BPF_W | BPF_LEN} (0x81).
     *
     * @param destination the register loaded
     */
    record LoadLength(Register destination) implements Instruction {

        /**
         * Checks the components.
         *
         * @param destination the register loaded
         * @throws NetlinkArgumentException if {@code destination} is null
         */
        public LoadLength {
            Instruction.requireNonNull(destination, "LoadLength", "destination");
        }

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(loadClass(destination) | BPF_W | BPF_LEN, 0);
        }
    }

    /**
     * {@code ldxb 4*([k]&0xf)}: X = 4 * (the packet byte at {@code offset} &amp; 0xf), the length of an IPv4
     * header whose first byte is at {@code offset}. Opcode {@code BPF_LDX | BPF_B | BPF_MSH} (0xb1). A byte past
     * the end of the packet ends the program returning 0.
     *
     * @param offset the byte offset from the start of the packet
     */
    record LoadMsh(int offset) implements Instruction {

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(BPF_LDX | BPF_B | BPF_MSH, offset);
        }
    }

    /**
     * {@code st M[k]} / {@code stx M[k]}: scratch slot {@code slot} = a register. Opcode {@code BPF_ST} (0x02)
     * for A or {@code BPF_STX} (0x03) for X.
     *
     * @param source the register stored
     * @param slot   the scratch slot, 0 to 15 for the kernel
     */
    record StoreScratch(Register source, int slot) implements Instruction {

        /**
         * Checks the components.
         *
         * @param source the register stored
         * @param slot the scratch slot
         * @throws NetlinkArgumentException if {@code source} is null
         */
        public StoreScratch {
            Instruction.requireNonNull(source, "StoreScratch", "source");
        }

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(source == Register.A ? BPF_ST : BPF_STX, slot);
        }
    }

    /**
     * {@code op #k}: A = A {@code operation} {@code value}. Opcode {@code BPF_ALU | op | BPF_K}. The kernel
     * refuses a division or modulo by 0 and a shift by 32 or more.
     *
     * @param operation the operation
     * @param value     the constant operand
     */
    record AluConstant(AluOp operation, int value) implements Instruction {

        /**
         * Checks the components.
         *
         * @param operation the operation
         * @param value the constant
         * @throws NetlinkArgumentException if {@code operation} is null
         */
        public AluConstant {
            Instruction.requireNonNull(operation, "AluConstant", "operation");
        }

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(BPF_ALU | operation.code() | BPF_K, value);
        }
    }

    /**
     * {@code op x}: A = A {@code operation} X. Opcode {@code BPF_ALU | op | BPF_X}. Division or modulo by an X
     * of 0 ends the program returning 0; shifts use X modulo 32.
     *
     * @param operation the operation
     */
    record AluX(AluOp operation) implements Instruction {

        /**
         * Checks the components.
         *
         * @param operation the operation
         * @throws NetlinkArgumentException if {@code operation} is null
         */
        public AluX {
            Instruction.requireNonNull(operation, "AluX", "operation");
        }

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(BPF_ALU | operation.code() | BPF_X, 0);
        }
    }

    /**
     * {@code neg}: A = -A (two's complement). Opcode {@code BPF_ALU | BPF_NEG} (0x84).
     */
    record Negate() implements Instruction {

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(BPF_ALU | BPF_NEG, 0);
        }
    }

    /**
     * {@code ja +k}: skip the next {@code skip} instructions unconditionally. Opcode {@code BPF_JMP | BPF_JA}
     * (0x05). The offset is 32 bits, unsigned; the kernel refuses one that leaves the program.
     *
     * @param skip how many instructions after this one to skip
     */
    record Jump(int skip) implements Instruction {

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(BPF_JMP | BPF_JA, skip);
        }
    }

    /**
     * {@code jXX #k, jt, jf}: skip {@code skipTrue} instructions if A {@code condition} {@code value} holds,
     * else {@code skipFalse}. Opcode {@code BPF_JMP | op | BPF_K} (0x15, 0x25, 0x35, 0x45).
     *
     * @param condition the test
     * @param value     the constant A is compared with
     * @param skipTrue  instructions to skip when the test holds, 0 to 255
     * @param skipFalse instructions to skip when it does not, 0 to 255
     */
    record JumpIf(JumpCondition condition, int value, int skipTrue, int skipFalse) implements Instruction {

        /**
         * Checks the components.
         *
         * @param condition the test
         * @param value the constant
         * @param skipTrue instructions to skip when the test holds
         * @param skipFalse instructions to skip when it does not
         * @throws NetlinkArgumentException if {@code condition} is null
         * @throws BpfException         if an offset does not fit 8 unsigned bits
         */
        public JumpIf {
            Instruction.requireNonNull(condition, "JumpIf", "condition");
            checkSkip("skipTrue", skipTrue);
            checkSkip("skipFalse", skipFalse);
        }

        @Override
        public RawInstruction assemble() {
            return RawInstruction.jump(BPF_JMP | condition.code() | BPF_K, value, skipTrue, skipFalse);
        }
    }

    /**
     * {@code jXX x, jt, jf}: skip {@code skipTrue} instructions if A {@code condition} X holds, else
     * {@code skipFalse}. Opcode {@code BPF_JMP | op | BPF_X} (0x1d, 0x2d, 0x3d, 0x4d).
     *
     * @param condition the test
     * @param skipTrue  instructions to skip when the test holds, 0 to 255
     * @param skipFalse instructions to skip when it does not, 0 to 255
     */
    record JumpIfX(JumpCondition condition, int skipTrue, int skipFalse) implements Instruction {

        /**
         * Checks the components.
         *
         * @param condition the test
         * @param skipTrue instructions to skip when the test holds
         * @param skipFalse instructions to skip when it does not
         * @throws NetlinkArgumentException if {@code condition} is null
         * @throws BpfException         if an offset does not fit 8 unsigned bits
         */
        public JumpIfX {
            Instruction.requireNonNull(condition, "JumpIfX", "condition");
            checkSkip("skipTrue", skipTrue);
            checkSkip("skipFalse", skipFalse);
        }

        @Override
        public RawInstruction assemble() {
            return RawInstruction.jump(BPF_JMP | condition.code() | BPF_X, 0, skipTrue, skipFalse);
        }
    }

    /**
     * {@code tax}: X = A. Opcode {@code BPF_MISC | BPF_TAX} (0x07).
     */
    record Tax() implements Instruction {

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(BPF_MISC | BPF_TAX, 0);
        }
    }

    /**
     * {@code txa}: A = X. Opcode {@code BPF_MISC | BPF_TXA} (0x87).
     */
    record Txa() implements Instruction {

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(BPF_MISC | BPF_TXA, 0);
        }
    }

    /**
     * {@code ret #k}: end the program returning {@code value}, unsigned: 0 drops the packet, anything else
     * keeps at most that many bytes of it. Opcode {@code BPF_RET | BPF_K} (0x06).
     *
     * @param value the verdict, unsigned 32 bits; {@code 0xffff_ffff} keeps the whole packet
     */
    record ReturnConstant(int value) implements Instruction {

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(BPF_RET | BPF_K, value);
        }
    }

    /**
     * {@code ret a}: end the program returning A, read as for {@link ReturnConstant}. Opcode
     * {@code BPF_RET | BPF_A} (0x16).
     */
    record ReturnA() implements Instruction {

        @Override
        public RawInstruction assemble() {
            return RawInstruction.statement(BPF_RET | BPF_A, 0);
        }
    }

    private static int loadClass(Register register) {
        return register == Register.A ? BPF_LD : BPF_LDX;
    }

    private static void checkSkip(String name, int skip) {
        if (skip < 0 || skip > 0xff) {
            throw new BpfException(name + " " + skip + " does not fit the 8-bit jump offset (0 to 255)");
        }
    }
}
