package io.github.jnetlink.bpf;

/**
 * The classic BPF opcode bits of {@code <linux/bpf_common.h>} and {@code <linux/filter.h>}, and the set of
 * opcodes the kernel's {@code bpf_check_classic} lets a socket filter use.
 */
final class Opcodes {

    // Instruction classes, BPF_CLASS(code) = code & 0x07.
    static final int BPF_LD = 0x00;
    static final int BPF_LDX = 0x01;
    static final int BPF_ST = 0x02;
    static final int BPF_STX = 0x03;
    static final int BPF_ALU = 0x04;
    static final int BPF_JMP = 0x05;
    static final int BPF_RET = 0x06;
    static final int BPF_MISC = 0x07;

    // Load sizes, BPF_SIZE(code) = code & 0x18.
    static final int BPF_W = 0x00;
    static final int BPF_H = 0x08;
    static final int BPF_B = 0x10;

    // Load modes, BPF_MODE(code) = code & 0xe0.
    static final int BPF_IMM = 0x00;
    static final int BPF_ABS = 0x20;
    static final int BPF_IND = 0x40;
    static final int BPF_MEM = 0x60;
    static final int BPF_LEN = 0x80;
    static final int BPF_MSH = 0xa0;

    // ALU operations, BPF_OP(code) = code & 0xf0.
    static final int BPF_ADD = 0x00;
    static final int BPF_SUB = 0x10;
    static final int BPF_MUL = 0x20;
    static final int BPF_DIV = 0x30;
    static final int BPF_OR = 0x40;
    static final int BPF_AND = 0x50;
    static final int BPF_LSH = 0x60;
    static final int BPF_RSH = 0x70;
    static final int BPF_NEG = 0x80;
    static final int BPF_MOD = 0x90;
    static final int BPF_XOR = 0xa0;

    // Jump operations, BPF_OP(code) = code & 0xf0.
    static final int BPF_JA = 0x00;
    static final int BPF_JEQ = 0x10;
    static final int BPF_JGT = 0x20;
    static final int BPF_JGE = 0x30;
    static final int BPF_JSET = 0x40;

    // Operand source, BPF_SRC(code) = code & 0x08.
    static final int BPF_K = 0x00;
    static final int BPF_X = 0x08;

    // Return value source, BPF_RVAL(code) = code & 0x18.
    static final int BPF_A = 0x10;

    // Register transfers, BPF_MISCOP(code) = code & 0xf8.
    static final int BPF_TAX = 0x00;
    static final int BPF_TXA = 0x80;

    /** {@code BPF_MAXINSNS}: the most instructions a classic program may have. */
    static final int BPF_MAXINSNS = 4096;
    /** {@code BPF_MEMWORDS}: the number of 32-bit scratch memory slots. */
    static final int BPF_MEMWORDS = 16;
    /** {@code SKF_AD_OFF}: absolute loads at or above this (unsigned) offset read ancillary data. */
    static final int SKF_AD_OFF = -0x1000;

    private static final boolean[] ALLOWED = new boolean[256];

    static {
        // Exactly the table of the kernel's chk_code_allowed(): any other bit pattern is refused.
        int[] aluOps = {BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_MOD, BPF_AND, BPF_OR, BPF_XOR, BPF_LSH, BPF_RSH};
        for (int op : aluOps) {
            ALLOWED[BPF_ALU | op | BPF_K] = true;
            ALLOWED[BPF_ALU | op | BPF_X] = true;
        }
        ALLOWED[BPF_ALU | BPF_NEG] = true;
        for (int size : new int[] {BPF_W, BPF_H, BPF_B}) {
            ALLOWED[BPF_LD | size | BPF_ABS] = true;
            ALLOWED[BPF_LD | size | BPF_IND] = true;
        }
        ALLOWED[BPF_LD | BPF_W | BPF_LEN] = true;
        ALLOWED[BPF_LD | BPF_IMM] = true;
        ALLOWED[BPF_LD | BPF_MEM] = true;
        ALLOWED[BPF_LDX | BPF_W | BPF_LEN] = true;
        ALLOWED[BPF_LDX | BPF_B | BPF_MSH] = true;
        ALLOWED[BPF_LDX | BPF_IMM] = true;
        ALLOWED[BPF_LDX | BPF_MEM] = true;
        ALLOWED[BPF_ST] = true;
        ALLOWED[BPF_STX] = true;
        ALLOWED[BPF_MISC | BPF_TAX] = true;
        ALLOWED[BPF_MISC | BPF_TXA] = true;
        ALLOWED[BPF_RET | BPF_K] = true;
        ALLOWED[BPF_RET | BPF_A] = true;
        ALLOWED[BPF_JMP | BPF_JA] = true;
        for (int op : new int[] {BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET}) {
            ALLOWED[BPF_JMP | op | BPF_K] = true;
            ALLOWED[BPF_JMP | op | BPF_X] = true;
        }
    }

    private Opcodes() {
    }

    /**
     * @param op an opcode as an unsigned 16-bit value
     * @return whether the kernel accepts it in a classic socket filter
     */
    static boolean allowed(int op) {
        return op >= 0 && op < ALLOWED.length && ALLOWED[op];
    }

    /**
     * @param op an opcode as an unsigned 16-bit value
     * @return whether it is a conditional jump, the only instructions that use {@code jt} and {@code jf}
     */
    static boolean conditionalJump(int op) {
        return (op & 0x07) == BPF_JMP && (op & 0xf0) != BPF_JA;
    }

    /**
     * @param op an opcode as an unsigned 16-bit value
     * @return it in hex as error messages show it, {@code 0x06}
     */
    static String hex(int op) {
        return String.format("0x%02x", op);
    }
}
