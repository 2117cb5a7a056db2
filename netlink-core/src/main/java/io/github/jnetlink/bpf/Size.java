package io.github.jnetlink.bpf;

/**
 * How many bytes a packet load reads ({@code BPF_SIZE} of the opcode). The kernel reads them in network
 * (big-endian) byte order and zero-extends them into the 32-bit accumulator.
 */
public enum Size {

    /** {@code BPF_W}: a 32-bit word. */
    WORD(Opcodes.BPF_W, 4),
    /** {@code BPF_H}: a 16-bit half-word. */
    HALF(Opcodes.BPF_H, 2),
    /** {@code BPF_B}: one byte. */
    BYTE(Opcodes.BPF_B, 1);

    private final int code;
    private final int bytes;

    Size(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /**
     * @return the number of bytes the load reads: 4, 2 or 1
     */
    public int bytes() {
        return bytes;
    }

    int code() {
        return code;
    }

    static Size ofCode(int op) {
        int bits = op & 0x18;
        for (Size size : values()) {
            if (size.code == bits) {
                return size;
            }
        }
        throw new IllegalStateException("no load size for opcode " + Opcodes.hex(op));
    }
}
