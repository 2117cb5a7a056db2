package io.github.jnetlink.fuzz;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.Header;
import io.github.jnetlink.Message;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.generic.Family;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Length fields that claim far more than the input holds: each decoder must refuse them with
 * {@link MalformedMessageException} having allocated only in proportion to the input ({@link AllocationBound}).
 */
class HugeLengthFieldsTest {

    static ByteBuffer bytes(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    static Message message(int type, byte[] data) {
        return new Message(new Header(Header.SIZE + data.length, type, 0, 0, 0), data);
    }

    static Stream<Arguments> inputs() {
        byte[] nlmsgMax = bytes(32).putInt(0, 0xFFFFFFF0).array();
        byte[] nlmsgIntMax = bytes(32).putInt(0, Integer.MAX_VALUE).array();
        byte[] nlaMax = bytes(16).putShort(0, (short) 0xFFFF).putShort(2, (short) 1).array();
        byte[] linkWithHugeName = bytes(24).putShort(16, (short) 0xFFFF).putShort(18, (short) LinkMessage.IFLA_IFNAME).array();
        byte[] linkWithHugeStats = bytes(24).putShort(16, (short) 0xFFFC).putShort(18, (short) LinkMessage.IFLA_STATS64).array();
        ByteBuffer route = bytes(12 + 4 + 8).putShort(12, (short) 12).putShort(14, (short) RouteMessage.RTA_MULTIPATH)
                .putShort(16, (short) 0xFFFF);
        byte[] familyWithHugeGroups = bytes(12).put(0, (byte) 1).putShort(4, (short) 8).putShort(6, (short) 7)
                .putShort(8, (short) 0xFFF0).array();
        return Stream.of(
                Arguments.of("nlmsg_len 0xFFFFFFF0 to unmarshal", nlmsgMax, (Consumer<byte[]>) Message::unmarshal),
                Arguments.of("nlmsg_len 2^31-1 to unmarshal", nlmsgIntMax, (Consumer<byte[]>) Message::unmarshal),
                Arguments.of("nla_len 65535 in 16 bytes", nlaMax, (Consumer<byte[]>) b -> new AttributeDecoder(b).next()),
                Arguments.of("IFLA_IFNAME of 65535 bytes", linkWithHugeName,
                        (Consumer<byte[]>) b -> LinkMessage.decode(message(16, b))),
                Arguments.of("IFLA_STATS64 of 65532 bytes", linkWithHugeStats,
                        (Consumer<byte[]>) b -> LinkMessage.decode(message(16, b))),
                Arguments.of("rtnh_len 65535", route.array(), (Consumer<byte[]>) b -> RouteMessage.decode(message(24, b))),
                Arguments.of("CTRL_ATTR_MCAST_GROUPS entry of 65520 bytes", familyWithHugeGroups,
                        (Consumer<byte[]>) b -> Family.decode(message(0x10, b))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void refusedWithinTheAllocationBound(String name, byte[] input, Consumer<byte[]> decode) {
        assertThatThrownBy(() -> decode.accept(input)).isInstanceOf(MalformedMessageException.class);
        AllocationBound.check(name, input.length, () -> {
            try {
                decode.accept(input);
            } catch (MalformedMessageException expected) {
                // the point: refused, not allocated
            }
        });
    }
}
