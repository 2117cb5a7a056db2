package io.github.jnetlink.bpf;

/**
 * The two 32-bit registers of the classic BPF machine. Both start at 0 each time the kernel runs the filter.
 */
public enum Register {

    /** The accumulator: packet loads, ALU results, comparisons and {@code ret a} use it. */
    A,
    /** The index register: indirect loads add it to their offset, {@code BPF_X} operations use it as operand. */
    X
}
