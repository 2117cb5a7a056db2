package io.github.jnetlink.bpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetlinkFiltersTest {

    private static final int RTM_NEWLINK = 16;
    private static final int RTM_DELLINK = 17;
    private static final int RTM_NEWADDR = 20;
    private static final int NLMSG_ERROR = 2;
    private static final int ACCEPT = 0xffff_ffff;

    /** A datagram of one message: a 16-byte {@code struct nlmsghdr} in the given order and a 4-byte payload. */
    private static byte[] datagram(ByteOrder order, int type) {
        return ByteBuffer.allocate(20).order(order)
                .putInt(20)
                .putShort((short) type)
                .putShort((short) 0)
                .putInt(1)
                .putInt(0)
                .putInt(0x01020304)
                .array();
    }

    private static byte[] datagram(int type) {
        return datagram(ByteOrder.nativeOrder(), type);
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
                arguments(new int[] {RTM_NEWLINK}, RTM_NEWLINK, ACCEPT),
                arguments(new int[] {RTM_NEWLINK}, RTM_DELLINK, 0),
                arguments(new int[] {RTM_DELLINK}, RTM_DELLINK, ACCEPT),
                arguments(new int[] {RTM_DELLINK}, RTM_NEWLINK, 0),
                arguments(new int[] {RTM_NEWLINK, RTM_DELLINK}, RTM_DELLINK, ACCEPT),
                arguments(new int[] {RTM_NEWLINK, RTM_DELLINK}, RTM_NEWADDR, 0),
                arguments(new int[] {RTM_NEWLINK, NLMSG_ERROR}, NLMSG_ERROR, ACCEPT),
                arguments(new int[] {0x1100}, RTM_DELLINK, 0),
                arguments(new int[] {0xffff}, 0xffff, ACCEPT),
                arguments(new int[] {0}, 0, ACCEPT),
                arguments(new int[] {0}, 0x100, 0));
    }

    @ParameterizedTest
    @MethodSource("verdicts")
    void keepsOnlyTheListedTypesInTheHostOrder(int[] types, int type, int verdict) {
        Vm vm = new Vm(NetlinkFilters.messageTypes(types));

        assertThat(vm.run(datagram(type))).isEqualTo(verdict);
    }

    @ParameterizedTest
    @MethodSource("verdicts")
    void keepsOnlyTheListedTypesInEitherOrder(int[] types, int type, int verdict) {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            Vm vm = new Vm(NetlinkFilters.messageTypes(order, types));

            assertThat(vm.run(datagram(order, type))).as(order.toString()).isEqualTo(verdict);
        }
    }

    @Test
    void comparesTheBigEndianLoadWithTheSwappedTypeOnLittleEndianHosts() {
        Instruction.JumpIf littleEndian = (Instruction.JumpIf) Bpf.disassemble(
                NetlinkFilters.messageTypes(ByteOrder.LITTLE_ENDIAN, RTM_DELLINK)).get(1);
        Instruction.JumpIf bigEndian = (Instruction.JumpIf) Bpf.disassemble(
                NetlinkFilters.messageTypes(ByteOrder.BIG_ENDIAN, RTM_DELLINK)).get(1);

        assertThat(littleEndian.value()).isEqualTo(0x1100);
        assertThat(bigEndian.value()).isEqualTo(0x0011);
    }

    @Test
    void isTheExpectedProgram() {
        assertThat(Bpf.disassemble(NetlinkFilters.messageTypes(ByteOrder.BIG_ENDIAN, RTM_NEWLINK, RTM_DELLINK)))
                .containsExactly(
                        new Instruction.LoadAbsolute(Size.HALF, 4),
                        new Instruction.JumpIf(JumpCondition.EQ, RTM_NEWLINK, 2, 0),
                        new Instruction.JumpIf(JumpCondition.EQ, RTM_DELLINK, 1, 0),
                        new Instruction.ReturnConstant(0),
                        new Instruction.ReturnConstant(ACCEPT));
    }

    @Test
    void dropsDatagramsTooShortForTheType() {
        Vm vm = new Vm(NetlinkFilters.messageTypes(RTM_NEWLINK));

        assertThat(vm.run(new byte[5])).isZero();
        assertThat(vm.run(new byte[0])).isZero();
    }

    @Test
    void testsOnlyTheFirstMessage() {
        byte[] first = datagram(RTM_DELLINK);
        byte[] second = datagram(RTM_NEWLINK);
        byte[] both = ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();

        assertThat(new Vm(NetlinkFilters.messageTypes(RTM_NEWLINK)).run(both)).isZero();
        assertThat(new Vm(NetlinkFilters.messageTypes(RTM_DELLINK)).run(both)).isEqualTo(ACCEPT);
    }

    @Test
    void ignoresDuplicates() {
        assertThat(NetlinkFilters.messageTypes(RTM_NEWLINK, RTM_NEWLINK, RTM_NEWLINK)).hasSize(4);
    }

    @Test
    void spansBlocksWhenThereAreMoreTypesThanAJumpOffsetReaches() {
        int[] types = IntStream.range(1000, 2000).toArray();
        Vm vm = new Vm(NetlinkFilters.messageTypes(types));

        assertThat(vm.program()).hasSize(1 + 1000 + 2 * 4);
        for (int type : types) {
            assertThat(vm.run(datagram(type))).as("type %d", type).isEqualTo(ACCEPT);
        }
        assertThat(vm.run(datagram(999))).isZero();
        assertThat(vm.run(datagram(2000))).isZero();
        assertThat(vm.run(datagram(RTM_NEWLINK))).isZero();
    }

    @Test
    void fillsAtMostBpfMaxinsns() {
        int[] most = IntStream.range(0, 4063).toArray();
        int[] tooMany = IntStream.range(0, 4064).toArray();

        assertThatCode(() -> NetlinkFilters.messageTypes(most)).doesNotThrowAnyException();
        assertThat(NetlinkFilters.messageTypes(most)).hasSize(4096);
        assertThatThrownBy(() -> NetlinkFilters.messageTypes(tooMany)).isInstanceOf(BpfException.class)
                .hasMessageContaining("more than BPF_MAXINSNS (4096)");
    }

    @Test
    void validatesItsArguments() {
        assertThatThrownBy(() -> NetlinkFilters.messageTypes()).isInstanceOf(BpfException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> NetlinkFilters.messageTypes((int[]) null)).isInstanceOf(BpfException.class);
        assertThatThrownBy(() -> NetlinkFilters.messageTypes(RTM_NEWLINK, -1)).isInstanceOf(BpfException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> NetlinkFilters.messageTypes(65536)).isInstanceOf(BpfException.class)
                .hasMessageContaining("65536");
    }
}
