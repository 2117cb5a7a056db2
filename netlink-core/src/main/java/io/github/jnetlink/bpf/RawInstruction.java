package io.github.jnetlink.bpf;

/**
 * One classic BPF instruction as the kernel reads it: {@code struct sock_filter} from
 * {@code <linux/filter.h>}, 8 bytes: a 16-bit opcode, two 8-bit jump offsets and a 32-bit constant.
 *
 * @param op the opcode ({@code code}): instruction class, size, mode or operation bits
 * @param jt jump offset if true (unsigned 8 bits), relative to the next instruction
 * @param jf jump offset if false (unsigned 8 bits), relative to the next instruction
 * @param k  the generic constant: a value, an offset or a scratch slot
 */
public record RawInstruction(short op, byte jt, byte jf, int k) {

    /** Size of {@code struct sock_filter} in bytes. */
    public static final int SIZE = 8;

    /**
     * The kernel's {@code BPF_STMT(code, k)}: an instruction that does not jump, {@code jt} and {@code jf} 0.
     *
     * @param op the opcode, 0 to 0xffff
     * @param k  the constant
     * @return the instruction
     * @throws BpfException if {@code op} does not fit 16 unsigned bits
     */
    public static RawInstruction statement(int op, int k) {
        return jump(op, k, 0, 0);
    }

    /**
     * The kernel's {@code BPF_JUMP(code, k, jt, jf)}: an instruction with jump offsets.
     *
     * @param op the opcode, 0 to 0xffff
     * @param k  the constant
     * @param jt instructions to skip when the condition holds, 0 to 255
     * @param jf instructions to skip when it does not, 0 to 255
     * @return the instruction
     * @throws BpfException if a field does not fit its unsigned width
     */
    public static RawInstruction jump(int op, int k, int jt, int jf) {
        if ((op & ~0xffff) != 0) {
            throw new BpfException("opcode " + op + " does not fit the 16-bit code field");
        }
        if ((jt & ~0xff) != 0 || (jf & ~0xff) != 0) {
            throw new BpfException("jump offsets " + jt + " and " + jf + " must each fit 8 unsigned bits (0 to 255)");
        }
        return new RawInstruction((short) op, (byte) jt, (byte) jf, k);
    }
}
