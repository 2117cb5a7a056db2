package io.github.jnetlink.bpf;

import static io.github.jnetlink.bpf.Instruction.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Config;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.NetlinkTransport;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.NativeBuffers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interpreter and the kernel agree: each program runs in {@link Vm} and as a real socket filter on the
 * same datagram, sent by a peer socket. The kernel drops the datagram when the program returns 0 and
 * trims it to the returned length otherwise, so the length received is the kernel's answer.
 */
@NetlinkNamespace
class VmKernelEquivalenceTest {

    static byte[] datagram() {
        ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.nativeOrder());
        b.putInt(28).putShort((short) 16).putShort((short) 0x0102).putInt(77).putInt(0);
        b.put(new byte[] {9, 20, (byte) 0xF3, 4, 5, 6, 7, 8, 0, 0, 0, 0});
        return b.array();
    }

    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of("packet length", List.of(new LoadLength(Register.A), new ReturnA())),
                Arguments.of("byte load trims", List.of(new LoadAbsolute(Size.BYTE, 17), new ReturnA())),
                Arguments.of("half-word load is big-endian", List.of(new LoadAbsolute(Size.HALF, 4),
                        new JumpIf(JumpCondition.EQ, ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0x1000 : 0x0010, 0, 1),
                        new ReturnConstant(0xFFFF), new ReturnConstant(0))),
                Arguments.of("word load out of bounds drops", List.of(new LoadAbsolute(Size.WORD, 26), new ReturnConstant(0xFFFF))),
                Arguments.of("indirect load out of bounds drops", List.of(new LoadConstant(Register.X, 1000),
                        new LoadIndirect(Size.BYTE, 0), new ReturnConstant(0xFFFF))),
                Arguments.of("indirect load", List.of(new LoadConstant(Register.X, 15), new LoadIndirect(Size.BYTE, 2), new ReturnA())),
                Arguments.of("division by zero X drops", List.of(new LoadConstant(Register.X, 0), new LoadConstant(Register.A, 100),
                        new AluX(AluOp.DIV), new ReturnConstant(0xFFFF))),
                Arguments.of("modulo by zero X drops", List.of(new LoadConstant(Register.X, 0), new LoadConstant(Register.A, 100),
                        new AluX(AluOp.MOD), new ReturnConstant(0xFFFF))),
                Arguments.of("alu chain", List.of(new LoadConstant(Register.A, 1000), new AluConstant(AluOp.SUB, 10),
                        new AluConstant(AluOp.MUL, 3), new AluConstant(AluOp.RSH, 1), new AluConstant(AluOp.AND, 0xFFF),
                        new AluConstant(AluOp.OR, 1), new AluConstant(AluOp.XOR, 2), new AluConstant(AluOp.LSH, 1),
                        new AluConstant(AluOp.MOD, 23), new AluConstant(AluOp.ADD, 3), new ReturnA())),
                Arguments.of("negate", List.of(new LoadConstant(Register.A, -21), new Negate(), new ReturnA())),
                Arguments.of("shift by X wraps", List.of(new LoadConstant(Register.A, 5), new LoadConstant(Register.X, 33),
                        new AluX(AluOp.LSH), new ReturnA())),
                Arguments.of("msh", List.of(new LoadMsh(17), new Txa(), new ReturnA())),
                Arguments.of("scratch memory", List.of(new LoadConstant(Register.A, 7), new StoreScratch(Register.A, 3),
                        new LoadScratch(Register.X, 3), new Txa(), new AluConstant(AluOp.ADD, 5), new ReturnA())),
                Arguments.of("jset false", List.of(new LoadAbsolute(Size.BYTE, 18), new JumpIf(JumpCondition.SET, 0x08, 0, 1),
                        new ReturnConstant(0xFFFF), new ReturnConstant(0))),
                Arguments.of("jgt with X", List.of(new LoadConstant(Register.X, 19), new LoadAbsolute(Size.BYTE, 17),
                        new JumpIfX(JumpCondition.GT, 0, 1), new ReturnConstant(11), new ReturnConstant(13))),
                Arguments.of("jge unsigned", List.of(new LoadAbsolute(Size.BYTE, 18), new JumpIf(JumpCondition.GE, 0xF0, 1, 0),
                        new ReturnConstant(0), new Tax(), new Txa(), new ReturnA())),
                Arguments.of("ja", List.of(new Jump(1), new ReturnConstant(0), new ReturnConstant(9))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void kernelReceivesWhatTheVmReturns(String name, List<Instruction> program, Netns ns) {
        List<RawInstruction> raw = Bpf.assemble(program);
        byte[] input = datagram();
        long vmResult = Integer.toUnsignedLong(new Vm(raw).run(input));
        Config config = Config.DEFAULT.withNetns(ns.path());
        try (NetlinkTransport receiver = NetlinkTransport.open(Protocol.ROUTE, config);
                NetlinkTransport sender = NetlinkTransport.open(Protocol.ROUTE, config)) {
            receiver.bind(0, 0);
            sender.bind(0, 0);
            receiver.attachFilter(raw);
            sender.send(NativeBuffers.of(input), receiver.pid());
            receiver.setReadDeadline(Instant.now().plusMillis(vmResult == 0 ? 150 : 2000));
            ByteBuffer received = NativeBuffers.allocate(4096);
            if (vmResult == 0) {
                assertThatThrownBy(() -> receiver.receive(received)).isInstanceOf(NetlinkTimeoutException.class);
            } else {
                assertThat(receiver.receive(received)).isEqualTo((int) Math.min(vmResult, input.length));
            }
        }
    }
}
