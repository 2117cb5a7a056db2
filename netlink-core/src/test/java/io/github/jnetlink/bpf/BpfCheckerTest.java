package io.github.jnetlink.bpf;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.jnetlink.bpf.Instruction.AluConstant;
import io.github.jnetlink.bpf.Instruction.Jump;
import io.github.jnetlink.bpf.Instruction.JumpIf;
import io.github.jnetlink.bpf.Instruction.LoadAbsolute;
import io.github.jnetlink.bpf.Instruction.LoadConstant;
import io.github.jnetlink.bpf.Instruction.LoadScratch;
import io.github.jnetlink.bpf.Instruction.ReturnA;
import io.github.jnetlink.bpf.Instruction.ReturnConstant;
import io.github.jnetlink.bpf.Instruction.StoreScratch;
import io.github.jnetlink.bpf.Instruction.Tax;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BpfCheckerTest {

    private static final RawInstruction RET_0 = RawInstruction.statement(0x06, 0);

    private static List<RawInstruction> program(Instruction... instructions) {
        return Bpf.assemble(List.of(instructions));
    }

    private static List<RawInstruction> repeat(int count, RawInstruction instruction) {
        return new ArrayList<>(Collections.nCopies(count, instruction));
    }

    static Stream<Arguments> badPrograms() {
        return Stream.of(
                arguments("null program", null, -1, "BPF program is null"),
                arguments("empty program", List.of(), -1, "BPF program is empty"),
                arguments("4097 instructions", repeat(4097, RET_0), -1,
                        "BPF program has 4097 instructions, more than BPF_MAXINSNS (4096)"),
                arguments("null instruction", Arrays.asList(RawInstruction.statement(0x00, 1), null, RET_0), 1,
                        "instruction 1: instruction is null"),
                arguments("unknown opcode", List.of(RawInstruction.statement(0x00, 1), RawInstruction.statement(0xff, 0), RET_0), 1,
                        "instruction 1: unknown opcode 0xff"),
                arguments("ret x is not a kernel opcode", List.of(RawInstruction.statement(0x0e, 0)), 0,
                        "instruction 0: unknown opcode 0x0e"),
                arguments("division by constant zero", program(new LoadConstant(Register.A, 1), new AluConstant(AluOp.DIV, 0), new ReturnA()), 1,
                        "instruction 1: division by the constant 0 (opcode 0x34)"),
                arguments("modulo by constant zero", program(new LoadConstant(Register.A, 1), new Tax(), new AluConstant(AluOp.MOD, 0), new ReturnA()), 2,
                        "instruction 2: modulo by the constant 0 (opcode 0x94)"),
                arguments("left shift by 32", program(new AluConstant(AluOp.LSH, 32), new ReturnA()), 0,
                        "instruction 0: shift by the constant 32, which must be below 32"),
                arguments("right shift by -1", program(new AluConstant(AluOp.RSH, -1), new ReturnA()), 0,
                        "instruction 0: shift by the constant 4294967295"),
                arguments("load scratch 16", program(new StoreScratch(Register.A, 0), new LoadScratch(Register.A, 16), new ReturnA()), 1,
                        "instruction 1: scratch slot 16 is outside M[0..15] (opcode 0x60)"),
                arguments("load X scratch 16", program(new LoadScratch(Register.X, 16), new ReturnA()), 0,
                        "instruction 0: scratch slot 16 is outside M[0..15] (opcode 0x61)"),
                arguments("store scratch 16", program(new StoreScratch(Register.A, 16), new ReturnA()), 0,
                        "instruction 0: scratch slot 16 is outside M[0..15] (opcode 0x02)"),
                arguments("store X scratch -1", program(new Tax(), new StoreScratch(Register.X, -1), new ReturnA()), 1,
                        "instruction 1: scratch slot 4294967295 is outside M[0..15] (opcode 0x03)"),
                arguments("ja past the end", program(new Jump(1), new ReturnA()), 0,
                        "instruction 0: jump +1 lands past the last instruction (1)"),
                arguments("ja with a huge offset", program(new LoadConstant(Register.A, 0), new Jump(-1), new ReturnA()), 1,
                        "instruction 1: jump +4294967295 lands past the last instruction (2)"),
                arguments("jeq true past the end", program(new JumpIf(JumpCondition.EQ, 1, 2, 0), new ReturnConstant(1), new ReturnA()), 0,
                        "instruction 0: conditional jump (jt=2, jf=0) lands past the last instruction (2)"),
                arguments("jset false past the end", program(new LoadConstant(Register.A, 0), new JumpIf(JumpCondition.SET, 1, 0, 1), new ReturnA()), 1,
                        "instruction 1: conditional jump (jt=0, jf=1) lands past the last instruction (2)"),
                arguments("conditional jump as last instruction", program(new JumpIf(JumpCondition.GT, 1, 0, 0)), 0,
                        "instruction 0: conditional jump (jt=0, jf=0) lands past the last instruction (0)"),
                arguments("ancillary load", program(new LoadAbsolute(Size.WORD, -0x1000), new ReturnA()), 0,
                        "instruction 0: absolute load from ancillary data SKF_AD_OFF+0 is not supported"),
                arguments("ancillary load of SKF_AD_PKTTYPE", program(new LoadAbsolute(Size.BYTE, -0x1000 + 4), new ReturnA()), 0,
                        "instruction 0: absolute load from ancillary data SKF_AD_OFF+4"),
                arguments("last is not a return", program(new ReturnA(), new LoadConstant(Register.A, 1)), 1,
                        "instruction 1: the last instruction must be a return (ret #k or ret a), not opcode 0x00"),
                arguments("scratch read before any store", program(new LoadConstant(Register.A, 1), new LoadScratch(Register.X, 3), new ReturnA()), 1,
                        "instruction 1: loads scratch slot M[3], which is not stored on every path before it"),
                arguments("scratch stored on one branch only", program(
                        new LoadAbsolute(Size.BYTE, 0),
                        new JumpIf(JumpCondition.EQ, 1, 0, 1),
                        new StoreScratch(Register.A, 2),
                        new LoadScratch(Register.A, 2),
                        new ReturnA()), 3,
                        "instruction 3: loads scratch slot M[2]"),
                arguments("scratch stored in a skipped instruction", program(
                        new Jump(1),
                        new StoreScratch(Register.A, 0),
                        new LoadScratch(Register.A, 0),
                        new ReturnA()), 2,
                        "instruction 2: loads scratch slot M[0]"),
                arguments("scratch load after a return, which the kernel's flow check does not treat as an end", program(
                        new ReturnConstant(0),
                        new LoadScratch(Register.A, 1),
                        new ReturnA()), 1,
                        "instruction 1: loads scratch slot M[1]"),
                arguments("the first fault wins: per-instruction before the final return", program(
                        new ReturnA(), new AluConstant(AluOp.DIV, 0)), 1,
                        "instruction 1: division by the constant 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPrograms")
    void refusesWhatTheKernelRefuses(String name, List<RawInstruction> program, int index, String message) {
        assertThatThrownBy(() -> BpfChecker.check(program))
                .isInstanceOf(BpfException.class)
                .hasMessageStartingWith(message)
                .extracting(e -> ((BpfException) e).index()).isEqualTo(index);
    }

    static Stream<Arguments> goodPrograms() {
        List<RawInstruction> longest = repeat(4095, RawInstruction.statement(0x04, 1));
        longest.add(RawInstruction.statement(0x16, 0));
        return Stream.of(
                arguments("single return", List.of(RET_0)),
                arguments("4096 instructions", longest),
                arguments("jumps landing on the last instruction", program(
                        new LoadConstant(Register.A, 1),
                        new JumpIf(JumpCondition.EQ, 1, 1, 0),
                        new Jump(0),
                        new ReturnA())),
                arguments("scratch stored on both branches", program(
                        new LoadAbsolute(Size.BYTE, 0),
                        new JumpIf(JumpCondition.EQ, 1, 0, 2),
                        new StoreScratch(Register.A, 15),
                        new Jump(1),
                        new StoreScratch(Register.A, 15),
                        new LoadScratch(Register.X, 15),
                        new ReturnA())),
                arguments("scratch load in dead code after a jump", program(
                        new Jump(1),
                        new LoadScratch(Register.A, 1),
                        new ReturnA())),
                arguments("shift by 31 and dividing by 1", program(
                        new AluConstant(AluOp.LSH, 31), new AluConstant(AluOp.RSH, 31),
                        new AluConstant(AluOp.DIV, 1), new AluConstant(AluOp.MOD, 1), new ReturnA())),
                arguments("absolute load just below ancillary data", program(
                        new LoadAbsolute(Size.WORD, -0x1001), new ReturnA())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodPrograms")
    void acceptsWhatTheKernelAccepts(String name, List<RawInstruction> program) {
        assertThatCode(() -> BpfChecker.check(program)).doesNotThrowAnyException();
    }
}
