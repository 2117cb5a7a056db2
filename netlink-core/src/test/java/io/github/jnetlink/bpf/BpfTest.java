package io.github.jnetlink.bpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.jnetlink.NetlinkException;
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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BpfTest {

    /** Each instruction kind with its encoding, opcodes as {@code <linux/bpf_common.h>} defines them. */
    static Stream<Arguments> encodings() {
        return Stream.of(
                arguments(new LoadAbsolute(Size.WORD, 12), 0x20, 0, 0, 12),
                arguments(new LoadAbsolute(Size.HALF, 4), 0x28, 0, 0, 4),
                arguments(new LoadAbsolute(Size.BYTE, 9), 0x30, 0, 0, 9),
                arguments(new LoadIndirect(Size.WORD, 2), 0x40, 0, 0, 2),
                arguments(new LoadIndirect(Size.HALF, 0), 0x48, 0, 0, 0),
                arguments(new LoadIndirect(Size.BYTE, -1), 0x50, 0, 0, -1),
                arguments(new LoadConstant(Register.A, 0xdeadbeef), 0x00, 0, 0, 0xdeadbeef),
                arguments(new LoadConstant(Register.X, 7), 0x01, 0, 0, 7),
                arguments(new LoadScratch(Register.A, 3), 0x60, 0, 0, 3),
                arguments(new LoadScratch(Register.X, 15), 0x61, 0, 0, 15),
                arguments(new LoadLength(Register.A), 0x80, 0, 0, 0),
                arguments(new LoadLength(Register.X), 0x81, 0, 0, 0),
                arguments(new LoadMsh(14), 0xb1, 0, 0, 14),
                arguments(new StoreScratch(Register.A, 0), 0x02, 0, 0, 0),
                arguments(new StoreScratch(Register.X, 15), 0x03, 0, 0, 15),
                arguments(new AluConstant(AluOp.ADD, 1), 0x04, 0, 0, 1),
                arguments(new AluConstant(AluOp.SUB, 2), 0x14, 0, 0, 2),
                arguments(new AluConstant(AluOp.MUL, 3), 0x24, 0, 0, 3),
                arguments(new AluConstant(AluOp.DIV, 4), 0x34, 0, 0, 4),
                arguments(new AluConstant(AluOp.OR, 5), 0x44, 0, 0, 5),
                arguments(new AluConstant(AluOp.AND, 6), 0x54, 0, 0, 6),
                arguments(new AluConstant(AluOp.LSH, 7), 0x64, 0, 0, 7),
                arguments(new AluConstant(AluOp.RSH, 8), 0x74, 0, 0, 8),
                arguments(new AluConstant(AluOp.MOD, 9), 0x94, 0, 0, 9),
                arguments(new AluConstant(AluOp.XOR, 10), 0xa4, 0, 0, 10),
                arguments(new AluX(AluOp.ADD), 0x0c, 0, 0, 0),
                arguments(new AluX(AluOp.SUB), 0x1c, 0, 0, 0),
                arguments(new AluX(AluOp.MUL), 0x2c, 0, 0, 0),
                arguments(new AluX(AluOp.DIV), 0x3c, 0, 0, 0),
                arguments(new AluX(AluOp.OR), 0x4c, 0, 0, 0),
                arguments(new AluX(AluOp.AND), 0x5c, 0, 0, 0),
                arguments(new AluX(AluOp.LSH), 0x6c, 0, 0, 0),
                arguments(new AluX(AluOp.RSH), 0x7c, 0, 0, 0),
                arguments(new AluX(AluOp.MOD), 0x9c, 0, 0, 0),
                arguments(new AluX(AluOp.XOR), 0xac, 0, 0, 0),
                arguments(new Negate(), 0x84, 0, 0, 0),
                arguments(new Jump(5), 0x05, 0, 0, 5),
                arguments(new JumpIf(JumpCondition.EQ, 0x800, 0, 3), 0x15, 0, 3, 0x800),
                arguments(new JumpIf(JumpCondition.GT, 10, 1, 2), 0x25, 1, 2, 10),
                arguments(new JumpIf(JumpCondition.GE, -1, 255, 0), 0x35, 255, 0, -1),
                arguments(new JumpIf(JumpCondition.SET, 0x1fff, 4, 4), 0x45, 4, 4, 0x1fff),
                arguments(new JumpIfX(JumpCondition.EQ, 1, 0), 0x1d, 1, 0, 0),
                arguments(new JumpIfX(JumpCondition.GT, 0, 1), 0x2d, 0, 1, 0),
                arguments(new JumpIfX(JumpCondition.GE, 128, 200), 0x3d, 128, 200, 0),
                arguments(new JumpIfX(JumpCondition.SET, 2, 3), 0x4d, 2, 3, 0),
                arguments(new Tax(), 0x07, 0, 0, 0),
                arguments(new Txa(), 0x87, 0, 0, 0),
                arguments(new ReturnConstant(0xffff_ffff), 0x06, 0, 0, 0xffff_ffff),
                arguments(new ReturnA(), 0x16, 0, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void assemblesToTheKernelEncoding(Instruction instruction, int op, int jt, int jf, int k) {
        RawInstruction raw = instruction.assemble();

        assertThat(raw.op() & 0xffff).as("op").isEqualTo(op);
        assertThat(raw.jt() & 0xff).as("jt").isEqualTo(jt);
        assertThat(raw.jf() & 0xff).as("jf").isEqualTo(jf);
        assertThat(raw.k()).as("k").isEqualTo(k);
        assertThat(raw).isEqualTo(RawInstruction.jump(op, k, jt, jf));
    }

    @ParameterizedTest
    @MethodSource("encodings")
    void disassemblesBackToTheSameInstruction(Instruction instruction, int op, int jt, int jf, int k) {
        RawInstruction raw = RawInstruction.jump(op, k, jt, jf);

        assertThat(Bpf.disassemble(List.of(raw))).containsExactly(instruction);
        assertThat(Bpf.assemble(Bpf.disassemble(List.of(raw)))).containsExactly(raw);
    }

    @Test
    void everyInstructionKindIsCovered() {
        assertThat(encodings().<Class<?>>map(arguments -> arguments.get()[0].getClass()).distinct())
                .containsExactlyInAnyOrder(Instruction.class.getPermittedSubclasses());
    }

    @Test
    void aWholeProgramRoundTrips() {
        List<Instruction> program = encodings().map(arguments -> (Instruction) arguments.get()[0]).toList();

        List<RawInstruction> raw = Bpf.assemble(program);

        assertThat(raw).hasSameSizeAs(program);
        assertThat(Bpf.disassemble(raw)).isEqualTo(program);
        assertThat(Bpf.assemble(Bpf.disassemble(raw))).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0e, 0x8c, 0x08, 0x10, 0x18, 0x88, 0xb0, 0xa1, 0xbc, 0x55, 0x0d, 0x8f, 0xff, 0x100, 0x8000})
    void disassembleRejectsOpcodesTheKernelDoesNotKnow(int op) {
        List<RawInstruction> program = List.of(RawInstruction.statement(0x00, 1), RawInstruction.statement(op, 0),
                RawInstruction.statement(0x06, 0));

        assertThatThrownBy(() -> Bpf.disassemble(program))
                .isInstanceOf(BpfException.class)
                .isInstanceOf(NetlinkException.class)
                .hasMessage("instruction 1: unknown opcode " + String.format("0x%02x", op))
                .extracting(e -> ((BpfException) e).index()).isEqualTo(1);
    }

    @Test
    void disassembleRejectsAJumpOffsetOnAnInstructionThatDoesNotJump() {
        List<RawInstruction> program = List.of(RawInstruction.jump(0x06, 0, 1, 0));

        assertThatThrownBy(() -> Bpf.disassemble(program))
                .isInstanceOf(BpfException.class)
                .hasMessageStartingWith("instruction 0: opcode 0x06 is not a conditional jump");
    }

    @Test
    void disassembleRejectsAConstantOnAnInstructionThatDoesNotUseOne() {
        List<RawInstruction> program = List.of(RawInstruction.statement(0x07, 0), RawInstruction.statement(0x16, 5));

        assertThatThrownBy(() -> Bpf.disassemble(program))
                .isInstanceOf(BpfException.class)
                .hasMessage("instruction 1: opcode 0x16 does not use k but sets k=0x5");
    }

    @Test
    void nullProgramsAndInstructionsAreRefused() {
        assertThatThrownBy(() -> Bpf.assemble(null)).isInstanceOf(BpfException.class).hasMessage("BPF program is null");
        assertThatThrownBy(() -> Bpf.disassemble(null)).isInstanceOf(BpfException.class);
        assertThatThrownBy(() -> Bpf.assemble(Arrays.asList(new Tax(), null)))
                .isInstanceOf(BpfException.class).hasMessage("instruction 1: instruction is null");
        assertThatThrownBy(() -> Bpf.disassemble(Arrays.asList(RawInstruction.statement(0x06, 0), null)))
                .isInstanceOf(BpfException.class).hasMessage("instruction 1: instruction is null");
    }

    @Test
    void assembledProgramsAreUnmodifiable() {
        List<RawInstruction> raw = Bpf.assemble(new ArrayList<>(List.of(new ReturnA())));

        assertThatThrownBy(() -> raw.add(RawInstruction.statement(0x06, 0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 256})
    void jumpOffsetsMustFitEightBits(int skip) {
        assertThatThrownBy(() -> new JumpIf(JumpCondition.EQ, 0, skip, 0)).isInstanceOf(BpfException.class)
                .hasMessageContaining("skipTrue " + skip);
        assertThatThrownBy(() -> new JumpIfX(JumpCondition.EQ, 0, skip)).isInstanceOf(BpfException.class)
                .hasMessageContaining("skipFalse " + skip);
        assertThatThrownBy(() -> RawInstruction.jump(0x15, 0, skip, 0)).isInstanceOf(BpfException.class);
    }

    @Test
    void rawHelpersMatchTheKernelMacros() {
        assertThat(RawInstruction.statement(0x06, 0x40000)).isEqualTo(new RawInstruction((short) 6, (byte) 0, (byte) 0, 0x40000));
        assertThat(RawInstruction.jump(0x15, 16, 200, 1)).isEqualTo(new RawInstruction((short) 0x15, (byte) 200, (byte) 1, 16));
        assertThatThrownBy(() -> RawInstruction.statement(0x10000, 0)).isInstanceOf(BpfException.class);
        assertThatThrownBy(() -> RawInstruction.statement(-1, 0)).isInstanceOf(BpfException.class);
    }

    @Test
    void sizesReportTheirWidth() {
        assertThat(Size.WORD.bytes()).isEqualTo(4);
        assertThat(Size.HALF.bytes()).isEqualTo(2);
        assertThat(Size.BYTE.bytes()).isEqualTo(1);
    }
}
