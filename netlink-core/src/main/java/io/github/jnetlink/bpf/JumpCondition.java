package io.github.jnetlink.bpf;

/**
 * What a conditional jump ({@code BPF_OP} of a {@code BPF_JMP} opcode) tests, comparing the accumulator with
 * a constant ({@link Instruction.JumpIf}) or with X ({@link Instruction.JumpIfX}). Comparisons are unsigned
 * 32-bit. Classic BPF has no "not equal" or "less than": swap the true and false offsets instead.
 */
public enum JumpCondition {

    /** {@code BPF_JEQ}: A == operand. */
    EQ(Opcodes.BPF_JEQ),
    /** {@code BPF_JGT}: A &gt; operand, unsigned. */
    GT(Opcodes.BPF_JGT),
    /** {@code BPF_JGE}: A &gt;= operand, unsigned. */
    GE(Opcodes.BPF_JGE),
    /** {@code BPF_JSET}: (A &amp; operand) != 0. */
    SET(Opcodes.BPF_JSET);

    private final int code;

    JumpCondition(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    boolean test(int a, int operand) {
        return switch (this) {
            case EQ -> a == operand;
            case GT -> Integer.compareUnsigned(a, operand) > 0;
            case GE -> Integer.compareUnsigned(a, operand) >= 0;
            case SET -> (a & operand) != 0;
        };
    }

    /**
     * @return the condition whose {@code BPF_OP} bits are {@code bits}, or null (including for {@code BPF_JA})
     */
    static JumpCondition ofBits(int bits) {
        for (JumpCondition condition : values()) {
            if (condition.code == bits) {
                return condition;
            }
        }
        return null;
    }
}
