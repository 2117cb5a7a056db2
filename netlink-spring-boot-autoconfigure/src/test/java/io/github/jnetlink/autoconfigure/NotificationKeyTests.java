package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMessageType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The key of each kind of notification: same object, same key; the fallbacks; bytes that are too short. */
class NotificationKeyTests {

    private static Message header(int type, int ifindex, int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        b.putInt(4, ifindex);
        return Message.of(type, 0, b.array());
    }

    /** An {@code rtmsg} with {@code rtm_table} and optional {@code RTA_TABLE} and {@code RTA_DST} attributes. */
    private static Message route(int type, int family, int dstLength, int table, Integer rtaTable, byte[] dst) {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 4 + 16).order(ByteOrder.nativeOrder());
        b.put((byte) family).put((byte) dstLength).put((byte) 0).put((byte) 0).put((byte) table).position(12);
        if (rtaTable != null) {
            b.putShort((short) 8).putShort((short) 15).putInt(rtaTable);
        }
        if (dst != null) {
            b.putShort((short) (4 + dst.length)).putShort((short) 1).put(dst);
            b.position((b.position() + 3) & ~3);
        }
        byte[] data = new byte[b.position()];
        b.flip().get(data);
        return Message.of(type, 0, data);
    }

    static Stream<Arguments> sameObject() {
        byte[] net = {10, 1, 2, 0};
        return Stream.of(
            Arguments.of("RTM_NEWLINK and RTM_DELLINK of one link", header(16, 7, 16), header(17, 7, 16)),
            Arguments.of("a link and its address", header(16, 7, 16), header(20, 7, 8)),
            Arguments.of("a link and its neighbour", header(16, 7, 16), header(28, 7, 12)),
            Arguments.of("a link and its qdisc", header(16, 7, 16), header(36, 7, 20)),
            Arguments.of("RTM_NEWROUTE and RTM_DELROUTE of one prefix", route(24, 2, 24, 254, null, net),
                    route(25, 2, 24, 254, null, net)),
            Arguments.of("RTA_TABLE read over rtm_table", route(24, 2, 24, 252, 1000, net), route(25, 2, 24, 253, 1000, net)),
            Arguments.of("RTM_NEWRULE and RTM_DELRULE", Message.of(32, 0, new byte[12]), Message.of(33, 0, new byte[12])),
            Arguments.of("next hops", Message.of(104, 0, new byte[8]), Message.of(105, 0, new byte[8])),
            Arguments.of("a link message too short", Message.of(16, 0, new byte[2]), Message.of(17, 0, new byte[0])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameObject")
    void sameObjectSameKey(String what, Message a, Message b) {
        assertThat(NotificationKey.of(Protocol.ROUTE, a)).isEqualTo(NotificationKey.of(Protocol.ROUTE, b));
    }

    static Stream<Arguments> differentObjects() {
        return Stream.of(
            Arguments.of("two links", header(16, 7, 16), header(16, 8, 16)),
            Arguments.of("two prefixes", route(24, 2, 24, 254, null, new byte[] {10, 1, 2, 0}),
                    route(24, 2, 24, 254, null, new byte[] {10, 1, 3, 0})),
            Arguments.of("one prefix in two tables", route(24, 2, 24, 254, null, new byte[] {10, 1, 2, 0}),
                    route(24, 2, 24, 252, 1000, new byte[] {10, 1, 2, 0})),
            Arguments.of("one prefix, two lengths", route(24, 2, 24, 254, null, new byte[] {10, 1, 2, 0}),
                    route(24, 2, 25, 254, null, new byte[] {10, 1, 2, 0})),
            Arguments.of("rules and next hops", Message.of(32, 0, new byte[12]), Message.of(104, 0, new byte[8])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentObjects")
    void differentObjectsDifferentKeys(String what, Message a, Message b) {
        assertThat(NotificationKey.of(Protocol.ROUTE, a)).isNotEqualTo(NotificationKey.of(Protocol.ROUTE, b));
    }

    @Test
    void aLinkMessageIsKeyedByItsIndex() {
        Message m = LinkMessage.builder().index(42).name("eth0").build().toMessage(RouteMessageType.RTM_NEWLINK);
        assertThat(NotificationKey.of(Protocol.ROUTE, m)).isEqualTo(42);
    }

    @Test
    void genericNetlinkIsKeyedByFamilyAndOtherProtocolsShareOneKey() {
        assertThat(NotificationKey.of(Protocol.GENERIC, Message.of(0x1c, 0, new byte[4]))).isEqualTo(0x1c);
        assertThat(NotificationKey.of(12, Message.of(0x102, 0, new byte[8]))).isZero();
    }

    @Test
    void brokenAttributesNeverThrow() {
        byte[] data = new byte[16];
        data[12] = (byte) 200; // an attribute longer than the message
        assertThat(NotificationKey.of(Protocol.ROUTE, Message.of(24, 0, data))).isNotNull();
    }

    @Test
    void lanesSpreadConsecutiveInterfaceIndexes() {
        long[] perLane = new long[4];
        IntStream.rangeClosed(1, 400).forEach(i -> perLane[NotificationKey.lane(i, 4)]++);
        assertThat(java.util.Arrays.stream(perLane)).allSatisfy(n -> assertThat(n).isBetween(60L, 140L));
        assertThat(NotificationKey.lane(-5, 3)).isBetween(0, 2);
    }
}
