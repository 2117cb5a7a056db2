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
}
