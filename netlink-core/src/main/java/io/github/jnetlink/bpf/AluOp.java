package io.github.jnetlink.bpf;

/**
 * A binary arithmetic or logic operation on the accumulator ({@code BPF_OP} of a {@code BPF_ALU} opcode):
 * {@code A = A op operand}, with the operand a constant ({@link Instruction.AluConstant}) or the X register
 * ({@link Instruction.AluX}). All are 32-bit and unsigned; results wrap. Negation, the only unary operation,
 * is {@link Instruction.Negate}.
 */
public enum AluOp {

    /** {@code BPF_ADD}: A + operand. */
    ADD(Opcodes.BPF_ADD),
    /** {@code BPF_SUB}: A - operand. */
    SUB(Opcodes.BPF_SUB),
    /** {@code BPF_MUL}: A * operand, the low 32 bits. */
    MUL(Opcodes.BPF_MUL),
    /**
     * {@code BPF_DIV}: A / operand, unsigned. The kernel refuses a constant 0 at load time; an X of 0 at run
     * time ends the program, returning 0.
     */
    DIV(Opcodes.BPF_DIV),
    /** {@code BPF_MOD}: A % operand, unsigned; a zero operand is treated as for {@link #DIV}. */
    MOD(Opcodes.BPF_MOD),
    /** {@code BPF_OR}: A | operand. */
    OR(Opcodes.BPF_OR),
    /** {@code BPF_AND}: A &amp; operand. */
    AND(Opcodes.BPF_AND),
    /** {@code BPF_XOR}: A ^ operand. */
    XOR(Opcodes.BPF_XOR),
    /**
     * {@code BPF_LSH}: A &lt;&lt; operand. The kernel refuses a constant of 32 or more at load time and shifts
     * by X modulo 32 at run time.
     */
    LSH(Opcodes.BPF_LSH),
    /** {@code BPF_RSH}: A &gt;&gt;&gt; operand (logical); the shift amount is treated as for {@link #LSH}. */
    RSH(Opcodes.BPF_RSH);

    private final int code;

    AluOp(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /**
     * @return whether a zero operand ends the program (division and modulo)
     */
    boolean divides() {
        return this == DIV || this == MOD;
    }

    /**
     * @return whether the operand is a shift amount, which the kernel bounds below 32 for constants
     */
    boolean shifts() {
        return this == LSH || this == RSH;
    }

    /**
     * Applies the operation as the kernel does. The caller handles a zero divisor.
     */
    int apply(int a, int operand) {
        return switch (this) {
            case ADD -> a + operand;
            case SUB -> a - operand;
            case MUL -> a * operand;
            case DIV -> Integer.divideUnsigned(a, operand);
            case MOD -> Integer.remainderUnsigned(a, operand);
            case OR -> a | operand;
            case AND -> a & operand;
            case XOR -> a ^ operand;
            // Java masks an int shift count to its low 5 bits, as the kernel's interpreter and JITs do.
            case LSH -> a << operand;
            case RSH -> a >>> operand;
        };
    }

    /**
     * @return the operation whose {@code BPF_OP} bits are {@code bits}, or null (including for {@code BPF_NEG})
     */
    static AluOp ofBits(int bits) {
        for (AluOp op : values()) {
            if (op.code == bits) {
                return op;
            }
        }
        return null;
    }
}
