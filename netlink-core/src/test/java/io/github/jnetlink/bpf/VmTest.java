package io.github.jnetlink.bpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.jnetlink.bpf.Instruction.AluConstant;
import io.github.jnetlink.bpf.Instruction.AluX;
import io.github.jnetlink.bpf.Instruction.Jump;
import io.github.jnetlink.bpf.Instruction.JumpIf;
import io.github.jnetlink.bpf.Instruction.JumpIfX;
import io.github.jnetlink.bpf.Instruction.LoadAbsolute;
import io.github.jnetlink.bpf.Instruction.LoadConstant;
import io.github.jnetlink.bpf.Instruction.LoadIndirect;
import io.github.jnetlink.bpf.Instruction.LoadLength;
import io.github.jnetlink.bpf.Instruction.LoadMsh;
import io.github.jnetlink.bpf.Instruction.LoadScratch;
import io.github.jnetlink.bpf.Instruction.Negate;
import io.github.jnetlink.bpf.Instruction.ReturnA;
import io.github.jnetlink.bpf.Instruction.ReturnConstant;
import io.github.jnetlink.bpf.Instruction.StoreScratch;
import io.github.jnetlink.bpf.Instruction.Tax;
import io.github.jnetlink.bpf.Instruction.Txa;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VmTest {

    /** Eight bytes, the high bit set in the second half to catch sign extension. */
    private static final byte[] PACKET = {0x01, 0x02, 0x03, 0x04, (byte) 0x85, (byte) 0x86, (byte) 0x87, (byte) 0x88};
    private static final byte[] EMPTY = {};

    private static List<Instruction> program(Instruction... instructions) {
        return List.of(instructions);
    }

    /** A = a; X = x; A = A op X; ret a. */
    private static List<Instruction> aluX(int a, AluOp operation, int x) {
        return program(new LoadConstant(Register.A, a), new LoadConstant(Register.X, x), new AluX(operation), new ReturnA());
    }

    /** A = a; A = A op k; ret a. */
    private static List<Instruction> aluConstant(int a, AluOp operation, int k) {
        return program(new LoadConstant(Register.A, a), new AluConstant(operation, k), new ReturnA());
    }

    /** A = a; if A cond k return 1 else return 2. */
    private static List<Instruction> jumpIf(int a, JumpCondition condition, int k) {
        return program(new LoadConstant(Register.A, a), new JumpIf(condition, k, 0, 1), new ReturnConstant(1), new ReturnConstant(2));
    }

    /** A = a; X = x; if A cond X return 1 else return 2. */
    private static List<Instruction> jumpIfX(int a, JumpCondition condition, int x) {
        return program(new LoadConstant(Register.A, a), new LoadConstant(Register.X, x), new JumpIfX(condition, 0, 1),
                new ReturnConstant(1), new ReturnConstant(2));
    }

    static Stream<Arguments> runs() {
        return Stream.of(
                // Returns
                arguments("ret #k", program(new ReturnConstant(42)), PACKET, 42),
                arguments("ret #k is unsigned", program(new ReturnConstant(0xffff_ffff)), PACKET, 0xffff_ffff),
                arguments("registers start at 0", program(new ReturnA()), PACKET, 0),
                arguments("X starts at 0", program(new Txa(), new ReturnA()), PACKET, 0),
                arguments("ret a", program(new LoadConstant(Register.A, 7), new ReturnA()), PACKET, 7),

                // Absolute loads: big-endian, zero-extended, out of bounds returns 0
                arguments("ld [0]", program(new LoadAbsolute(Size.WORD, 0), new ReturnA()), PACKET, 0x01020304),
                arguments("ld [4] zero-extends", program(new LoadAbsolute(Size.WORD, 4), new ReturnA()), PACKET, 0x85868788),
                arguments("ldh [4]", program(new LoadAbsolute(Size.HALF, 4), new ReturnA()), PACKET, 0x8586),
                arguments("ldh [1]", program(new LoadAbsolute(Size.HALF, 1), new ReturnA()), PACKET, 0x0203),
                arguments("ldb [7]", program(new LoadAbsolute(Size.BYTE, 7), new ReturnA()), PACKET, 0x88),
                arguments("ld [5] reaches past the end", program(new LoadAbsolute(Size.WORD, 5), new ReturnConstant(9)), PACKET, 0),
                arguments("ldh [7] reaches past the end", program(new LoadAbsolute(Size.HALF, 7), new ReturnConstant(9)), PACKET, 0),
                arguments("ldb [8] is past the end", program(new LoadAbsolute(Size.BYTE, 8), new ReturnConstant(9)), PACKET, 0),
                arguments("ldb [0] of an empty packet", program(new LoadAbsolute(Size.BYTE, 0), new ReturnConstant(9)), EMPTY, 0),
                arguments("ld [0x7fffffff] does not overflow", program(new LoadAbsolute(Size.WORD, Integer.MAX_VALUE), new ReturnConstant(9)), PACKET, 0),
                arguments("ldb at SKF_NET_OFF is out of bounds here", program(new LoadAbsolute(Size.BYTE, -0x100000), new ReturnConstant(9)), PACKET, 0),

                // Indirect loads
                arguments("ld [x + 2]", program(new LoadConstant(Register.X, 2), new LoadIndirect(Size.WORD, 2), new ReturnA()), PACKET, 0x85868788),
                arguments("ldh [x + 0]", program(new LoadConstant(Register.X, 3), new LoadIndirect(Size.HALF, 0), new ReturnA()), PACKET, 0x0485),
                arguments("ldb [x - 1] wraps to 0", program(new LoadConstant(Register.X, 1), new LoadIndirect(Size.BYTE, -1), new ReturnA()), PACKET, 0x01),
                arguments("ldb [x + k] past the end", program(new LoadConstant(Register.X, 4), new LoadIndirect(Size.BYTE, 4), new ReturnConstant(9)), PACKET, 0),
                arguments("ldb [x + k] negative", program(new LoadConstant(Register.X, 0), new LoadIndirect(Size.BYTE, -1), new ReturnConstant(9)), PACKET, 0),

                // Constants, lengths, transfers
                arguments("ld #k", program(new LoadConstant(Register.A, 0x80000000), new ReturnA()), PACKET, 0x80000000),
                arguments("ldx #k then txa", program(new LoadConstant(Register.X, 5), new Txa(), new ReturnA()), PACKET, 5),
                arguments("tax then txa", program(new LoadConstant(Register.A, 6), new Tax(), new LoadConstant(Register.A, 0), new Txa(), new ReturnA()), PACKET, 6),
                arguments("ld #len", program(new LoadLength(Register.A), new ReturnA()), PACKET, 8),
                arguments("ld #len of an empty packet", program(new LoadLength(Register.A), new ReturnA()), EMPTY, 0),
                arguments("ldx #len", program(new LoadLength(Register.X), new Txa(), new ReturnA()), new byte[1500], 1500),

                // MSH
                arguments("ldxb 4*([0]&0xf)", program(new LoadMsh(0), new Txa(), new ReturnA()), new byte[] {0x45}, 20),
                arguments("ldxb 4*([1]&0xf) ignores the high nibble", program(new LoadMsh(1), new Txa(), new ReturnA()), new byte[] {0, (byte) 0xff}, 60),
                arguments("ldxb 4*([k]&0xf) past the end", program(new LoadMsh(8), new ReturnConstant(9)), PACKET, 0),
                arguments("msh feeds an indirect load", program(new LoadMsh(0), new LoadIndirect(Size.BYTE, 0), new ReturnA()),
                        new byte[] {0x41, 0, 0, 0, 0x77}, 0x77),

                // Scratch memory
                arguments("st then ld", program(new LoadConstant(Register.A, 11), new StoreScratch(Register.A, 0), new LoadConstant(Register.A, 0),
                        new LoadScratch(Register.A, 0), new ReturnA()), PACKET, 11),
                arguments("stx then ldx", program(new LoadConstant(Register.X, 12), new StoreScratch(Register.X, 15), new LoadConstant(Register.X, 0),
                        new LoadScratch(Register.X, 15), new Txa(), new ReturnA()), PACKET, 12),
                arguments("slots are distinct", program(new LoadConstant(Register.A, 1), new StoreScratch(Register.A, 3), new LoadConstant(Register.A, 2),
                        new StoreScratch(Register.A, 4), new LoadScratch(Register.A, 3), new ReturnA()), PACKET, 1),

                // ALU with a constant
                arguments("add #k", aluConstant(5, AluOp.ADD, 3), PACKET, 8),
                arguments("add #k wraps", aluConstant(0xffff_ffff, AluOp.ADD, 2), PACKET, 1),
                arguments("sub #k", aluConstant(5, AluOp.SUB, 3), PACKET, 2),
                arguments("sub #k wraps", aluConstant(0, AluOp.SUB, 1), PACKET, 0xffff_ffff),
                arguments("mul #k", aluConstant(6, AluOp.MUL, 7), PACKET, 42),
                arguments("mul #k keeps the low 32 bits", aluConstant(0x10001, AluOp.MUL, 0x10001), PACKET, 0x00020001),
                arguments("div #k", aluConstant(42, AluOp.DIV, 5), PACKET, 8),
                arguments("div #k is unsigned", aluConstant(0xffff_fffe, AluOp.DIV, 2), PACKET, 0x7fff_ffff),
                arguments("mod #k", aluConstant(42, AluOp.MOD, 5), PACKET, 2),
                arguments("mod #k is unsigned", aluConstant(0xffff_ffff, AluOp.MOD, 10), PACKET, 5),
                arguments("or #k", aluConstant(0xf0, AluOp.OR, 0x0f), PACKET, 0xff),
                arguments("and #k", aluConstant(0xff, AluOp.AND, 0x3c), PACKET, 0x3c),
                arguments("xor #k", aluConstant(0xff, AluOp.XOR, 0x0f), PACKET, 0xf0),
                arguments("lsh #k", aluConstant(1, AluOp.LSH, 31), PACKET, 0x8000_0000),
                arguments("rsh #k is logical", aluConstant(0x8000_0000, AluOp.RSH, 31), PACKET, 1),
                arguments("neg", program(new LoadConstant(Register.A, 1), new Negate(), new ReturnA()), PACKET, 0xffff_ffff),
                arguments("neg of 0x80000000", program(new LoadConstant(Register.A, 0x8000_0000), new Negate(), new ReturnA()), PACKET, 0x8000_0000),

                // ALU with X
                arguments("add x", aluX(5, AluOp.ADD, 3), PACKET, 8),
                arguments("sub x", aluX(5, AluOp.SUB, 7), PACKET, 0xffff_fffe),
                arguments("mul x", aluX(0x8000_0000, AluOp.MUL, 2), PACKET, 0),
                arguments("div x", aluX(100, AluOp.DIV, 7), PACKET, 14),
                arguments("div x is unsigned", aluX(0x8000_0000, AluOp.DIV, 0xffff_ffff), PACKET, 0),
                arguments("div x by 0 returns 0", aluX(100, AluOp.DIV, 0), PACKET, 0),
                arguments("mod x", aluX(100, AluOp.MOD, 7), PACKET, 2),
                arguments("mod x by 0 returns 0", aluX(100, AluOp.MOD, 0), PACKET, 0),
                arguments("or x", aluX(0x0100, AluOp.OR, 0x0001), PACKET, 0x0101),
                arguments("and x", aluX(0x0ff0, AluOp.AND, 0x00ff), PACKET, 0x00f0),
                arguments("xor x", aluX(0xffff_ffff, AluOp.XOR, 0x0000_ffff), PACKET, 0xffff_0000),
                arguments("lsh x", aluX(3, AluOp.LSH, 4), PACKET, 48),
                arguments("lsh x by 32 shifts by 0", aluX(3, AluOp.LSH, 32), PACKET, 3),
                arguments("lsh x by 33 shifts by 1", aluX(3, AluOp.LSH, 33), PACKET, 6),
                arguments("rsh x", aluX(0xf000_0000, AluOp.RSH, 28), PACKET, 0xf),
                arguments("rsh x by 36 shifts by 4", aluX(0xf0, AluOp.RSH, 36), PACKET, 0xf),

                // Jumps
                arguments("ja skips", program(new Jump(1), new ReturnConstant(1), new ReturnConstant(2)), PACKET, 2),
                arguments("ja 0 falls through", program(new Jump(0), new ReturnConstant(1), new ReturnConstant(2)), PACKET, 1),
                arguments("jeq #k true", jumpIf(5, JumpCondition.EQ, 5), PACKET, 1),
                arguments("jeq #k false", jumpIf(5, JumpCondition.EQ, 6), PACKET, 2),
                arguments("jgt #k true", jumpIf(6, JumpCondition.GT, 5), PACKET, 1),
                arguments("jgt #k false on equal", jumpIf(5, JumpCondition.GT, 5), PACKET, 2),
                arguments("jgt #k is unsigned", jumpIf(0xffff_ffff, JumpCondition.GT, 1), PACKET, 1),
                arguments("jge #k true on equal", jumpIf(5, JumpCondition.GE, 5), PACKET, 1),
                arguments("jge #k false", jumpIf(4, JumpCondition.GE, 5), PACKET, 2),
                arguments("jge #k with a high constant is unsigned", jumpIf(1, JumpCondition.GE, 0x8000_0000), PACKET, 2),
                arguments("jset #k true", jumpIf(0b1010, JumpCondition.SET, 0b0010), PACKET, 1),
                arguments("jset #k false", jumpIf(0b1010, JumpCondition.SET, 0b0101), PACKET, 2),
                arguments("jeq x true", jumpIfX(9, JumpCondition.EQ, 9), PACKET, 1),
                arguments("jeq x false", jumpIfX(9, JumpCondition.EQ, 8), PACKET, 2),
                arguments("jgt x true", jumpIfX(0x8000_0000, JumpCondition.GT, 0x7fff_ffff), PACKET, 1),
                arguments("jgt x false", jumpIfX(1, JumpCondition.GT, 0xffff_ffff), PACKET, 2),
                arguments("jge x true", jumpIfX(9, JumpCondition.GE, 9), PACKET, 1),
                arguments("jge x false", jumpIfX(8, JumpCondition.GE, 9), PACKET, 2),
                arguments("jset x true", jumpIfX(0x8000_0001, JumpCondition.SET, 0x8000_0000), PACKET, 1),
                arguments("jset x false", jumpIfX(0x8000_0001, JumpCondition.SET, 0x0000_0010), PACKET, 2),
                arguments("true and false offsets both skip", program(
                        new LoadAbsolute(Size.BYTE, 0),
                        new JumpIf(JumpCondition.EQ, 1, 2, 1),
                        new ReturnConstant(10),
                        new ReturnConstant(11),
                        new ReturnConstant(12)), PACKET, 12),

                // A small filter: IPv4 TCP with destination port 22
                arguments("IPv4 TCP port 22 accepted", tcpPort22(), ipv4Tcp(22), 0xffff_ffff),
                arguments("IPv4 TCP port 80 dropped", tcpPort22(), ipv4Tcp(80), 0),
                arguments("truncated IPv4 TCP dropped", tcpPort22(), java.util.Arrays.copyOf(ipv4Tcp(22), 22), 0));
    }

    /** The classic tcpdump shape on a raw IPv4 packet: protocol, fragment offset, MSH, then the port. */
    private static List<Instruction> tcpPort22() {
        return program(
                new LoadAbsolute(Size.BYTE, 9),
                new JumpIf(JumpCondition.EQ, 6, 0, 5),
                new LoadAbsolute(Size.HALF, 6),
                new JumpIf(JumpCondition.SET, 0x1fff, 3, 0),
                new LoadMsh(0),
                new LoadIndirect(Size.HALF, 2),
                new JumpIf(JumpCondition.EQ, 22, 1, 0),
                new ReturnConstant(0),
                new ReturnConstant(0xffff_ffff));
    }

    private static byte[] ipv4Tcp(int port) {
        byte[] packet = new byte[40];
        packet[0] = 0x45;
        packet[9] = 6;
        packet[22] = (byte) (port >> 8);
        packet[23] = (byte) port;
        return packet;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void runsAsTheKernelDoes(String name, List<Instruction> program, byte[] packet, int expected) {
        Vm vm = new Vm(Bpf.assemble(program));

        assertThat(vm.run(packet)).isEqualTo(expected);
    }

    @Test
    void allRunsCoverEveryInstructionKindAndOperation() {
        List<Class<?>> kinds = new ArrayList<>();
        List<Object> operations = new ArrayList<>();
        runs().forEach(arguments -> {
            @SuppressWarnings("unchecked")
            List<Instruction> program = (List<Instruction>) arguments.get()[1];
            for (Instruction instruction : program) {
                kinds.add(instruction.getClass());
                if (instruction instanceof AluConstant alu) {
                    operations.add(alu.operation() + " #k");
                } else if (instruction instanceof AluX alu) {
                    operations.add(alu.operation() + " x");
                } else if (instruction instanceof JumpIf jump) {
                    operations.add(jump.condition() + " #k");
                } else if (instruction instanceof JumpIfX jump) {
                    operations.add(jump.condition() + " x");
                }
            }
        });

        assertThat(kinds).contains(Instruction.class.getPermittedSubclasses());
        for (AluOp operation : AluOp.values()) {
            assertThat(operations).contains(operation + " #k", operation + " x");
        }
        for (JumpCondition condition : JumpCondition.values()) {
            assertThat(operations).contains(condition + " #k", condition + " x");
        }
    }

    @Test
    void checksTheProgramFirst() {
        List<RawInstruction> noReturn = Bpf.assemble(program(new LoadConstant(Register.A, 1)));

        assertThatThrownBy(() -> new Vm(noReturn)).isInstanceOf(BpfException.class)
                .hasMessageStartingWith("instruction 0: the last instruction must be a return");
        assertThatThrownBy(() -> new Vm(null)).isInstanceOf(BpfException.class);
    }

    @Test
    void keepsACopyOfTheProgramAndStartsEachRunAfresh() {
        List<RawInstruction> raw = new ArrayList<>(Bpf.assemble(program(
                new LoadAbsolute(Size.BYTE, 0),
                new Tax(),
                new AluConstant(AluOp.ADD, 1),
                new StoreScratch(Register.A, 0),
                new LoadScratch(Register.A, 0),
                new ReturnA())));
        Vm vm = new Vm(raw);
        raw.clear();

        assertThat(vm.program()).hasSize(6);
        assertThat(vm.run(new byte[] {4})).isEqualTo(5);
        assertThat(vm.run(new byte[] {9})).isEqualTo(10);
        assertThat(vm.run(new byte[] {4})).isEqualTo(5);
    }
}
