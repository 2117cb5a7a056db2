package io.github.jnetlink.bpf;

import io.github.jnetlink.NetlinkException;

/**
 * A classic BPF program or instruction is malformed: an opcode the kernel does not know, a jump out of the
 * program, a scratch slot outside {@code M[0..15]}, or a program the kernel's {@code bpf_check_classic} would
 * refuse with {@code EINVAL} when attached with {@code SO_ATTACH_FILTER}. The message names the instruction's
 * index when one instruction is at fault, and {@link #index()} returns it.
 */
public final class BpfException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    private final int index;

    /**
     * @param message what is wrong with the program as a whole
     */
    BpfException(String message) {
        super(message);
        this.index = -1;
    }

    /**
     * @param index   the index of the offending instruction, from 0
     * @param message what is wrong with it; prefixed with {@code "instruction <index>: "}
     */
    BpfException(int index, String message) {
        super("instruction " + index + ": " + message);
        this.index = index;
    }

    /**
     * @return the index (from 0) of the instruction at fault, or -1 when the fault is the program's as a whole
     *         (null, empty, too long) or an argument's
     */
    public int index() {
        return index;
    }
}
