package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Corrupt payloads must fail with {@link MalformedMessageException}, never a runtime exception of the JDK.
 */
class RouteDecodeMalformedTest {

    static final Function<Message, Object> LINK = LinkMessage::decode;
    static final Function<Message, Object> ADDR = AddressMessage::decode;
    static final Function<Message, Object> ROUTE = RouteMessage::decode;
    static final Function<Message, Object> NEIGH = NeighborMessage::decode;

    static byte[] header(int size, int family) {
        byte[] b = new byte[size];
        b[0] = (byte) family;
        return b;
    }

    static AttributeEncoder after(int size, int family) {
        return new AttributeEncoder().header(header(size, family));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A raw attribute header claiming {@code length} bytes, followed by {@code actual} payload bytes. */
    static byte[] rawAttribute(int length, int type, int actual) {
        ByteBuffer b = ByteBuffer.allocate(4 + actual).order(ByteOrder.nativeOrder());
        b.putShort((short) length).putShort((short) type);
        return b.array();
    }

    static byte[] rtnexthop(int length, int ifindex) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putShort((short) length).put((byte) 0).put((byte) 0)
                .putInt(ifindex).array();
    }

    static byte[] multipath(byte[] payload) {
        return after(12, AddressFamily.INET).bytes(RouteMessage.RTA_MULTIPATH, payload).encode();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // struct ifinfomsg and IFLA_*
                Arguments.of("empty link", LINK, 16, new byte[0]),
                Arguments.of("truncated ifinfomsg", LINK, 16, new byte[15]),
                Arguments.of("attribute overrunning the message", LINK, 16, concat(header(16, 0), rawAttribute(20, 3, 8))),
                Arguments.of("attribute length below 4", LINK, 16, concat(header(16, 0), rawAttribute(3, 3, 0))),
                Arguments.of("truncated attribute header", LINK, 16, concat(header(16, 0), new byte[] {8, 0})),
                Arguments.of("IFLA_MTU of 2 bytes", LINK, 16, after(16, 0).u16(LinkMessage.IFLA_MTU, 1500).encode()),
                Arguments.of("IFLA_MTU of 8 bytes", LINK, 16, after(16, 0).u64(LinkMessage.IFLA_MTU, 1500).encode()),
                Arguments.of("IFLA_OPERSTATE of 4 bytes", LINK, 16, after(16, 0).u32(LinkMessage.IFLA_OPERSTATE, 6).encode()),
                Arguments.of("IFLA_MASTER of 1 byte", LINK, 16, after(16, 0).u8(LinkMessage.IFLA_MASTER, 6).encode()),
                Arguments.of("IFLA_TXQLEN empty", LINK, 16, after(16, 0).flag(LinkMessage.IFLA_TXQLEN).encode()),
                Arguments.of("IFLA_LINK of 2 bytes", LINK, 16, after(16, 0).u16(LinkMessage.IFLA_LINK, 2).encode()),
                Arguments.of("IFLA_ADDRESS of 33 bytes", LINK, 16, after(16, 0).bytes(LinkMessage.IFLA_ADDRESS, new byte[33]).encode()),
                Arguments.of("IFLA_STATS64 of 100 bytes", LINK, 16, after(16, 0).bytes(LinkMessage.IFLA_STATS64, new byte[100]).encode()),
                Arguments.of("IFLA_LINKINFO holding a bad nest", LINK, 16,
                        after(16, 0).bytes(LinkMessage.IFLA_LINKINFO, rawAttribute(40, 1, 4)).encode()),
                Arguments.of("IFLA_LINKINFO holding a half header", LINK, 16,
                        after(16, 0).bytes(LinkMessage.IFLA_LINKINFO, new byte[] {5, 0}).encode()),
                Arguments.of("address message given to the link decoder", LINK, 20, new byte[16]),
                Arguments.of("route message given to the link decoder", LINK, 24, new byte[16]),
                // struct ifaddrmsg and IFA_*
                Arguments.of("truncated ifaddrmsg", ADDR, 20, new byte[7]),
                Arguments.of("IFA_ADDRESS of 5 bytes", ADDR, 20,
                        after(8, AddressFamily.INET).bytes(AddressMessage.IFA_ADDRESS, new byte[5]).encode()),
                Arguments.of("IFA_LOCAL of 16 bytes in IPv4", ADDR, 20,
                        after(8, AddressFamily.INET).bytes(AddressMessage.IFA_LOCAL, new byte[16]).encode()),
                Arguments.of("IFA_ADDRESS of 4 bytes in IPv6", ADDR, 21,
                        after(8, AddressFamily.INET6).bytes(AddressMessage.IFA_ADDRESS, new byte[4]).encode()),
                Arguments.of("IFA_BROADCAST empty", ADDR, 20,
                        after(8, AddressFamily.INET).flag(AddressMessage.IFA_BROADCAST).encode()),
                Arguments.of("IFA_CACHEINFO of 12 bytes", ADDR, 20,
                        after(8, AddressFamily.INET).bytes(AddressMessage.IFA_CACHEINFO, new byte[12]).encode()),
                Arguments.of("IFA_FLAGS of 2 bytes", ADDR, 20, after(8, AddressFamily.INET).u16(AddressMessage.IFA_FLAGS, 1).encode()),
                Arguments.of("IFA_LABEL overrunning", ADDR, 20, concat(header(8, 2), rawAttribute(300, AddressMessage.IFA_LABEL, 4))),
                Arguments.of("trailing 3 bytes after attributes", ADDR, 20, concat(header(8, 2), new byte[3])),
                // struct rtmsg and RTA_*
                Arguments.of("truncated rtmsg", ROUTE, 24, new byte[11]),
                Arguments.of("RTA_DST of 5 bytes", ROUTE, 24, after(12, AddressFamily.INET).bytes(RouteMessage.RTA_DST, new byte[5]).encode()),
                Arguments.of("RTA_GATEWAY of 4 bytes in IPv6", ROUTE, 24,
                        after(12, AddressFamily.INET6).bytes(RouteMessage.RTA_GATEWAY, new byte[4]).encode()),
                Arguments.of("RTA_PREFSRC of 16 bytes in IPv4", ROUTE, 24,
                        after(12, AddressFamily.INET).bytes(RouteMessage.RTA_PREFSRC, new byte[16]).encode()),
                Arguments.of("RTA_SRC empty in IPv4 multicast routing", ROUTE, 24,
                        after(12, AddressFamily.IPMR).flag(RouteMessage.RTA_SRC).encode()),
                Arguments.of("RTA_OIF of 2 bytes", ROUTE, 24, after(12, AddressFamily.INET).u16(RouteMessage.RTA_OIF, 1).encode()),
                Arguments.of("RTA_PRIORITY of 8 bytes", ROUTE, 24, after(12, AddressFamily.INET).u64(RouteMessage.RTA_PRIORITY, 1).encode()),
                Arguments.of("RTA_TABLE of 1 byte", ROUTE, 24, after(12, AddressFamily.INET).u8(RouteMessage.RTA_TABLE, 1).encode()),
                Arguments.of("truncated rtnexthop", ROUTE, 24, multipath(new byte[6])),
                Arguments.of("rtnh_len below 8", ROUTE, 24, multipath(rtnexthop(4, 1))),
                Arguments.of("rtnh_len beyond RTA_MULTIPATH", ROUTE, 24, multipath(rtnexthop(100, 1))),
                Arguments.of("second rtnexthop truncated", ROUTE, 24, multipath(concat(rtnexthop(8, 1), new byte[4]))),
                Arguments.of("rtnexthop with RTA_GATEWAY of 3 bytes", ROUTE, 24,
                        multipath(concat(rtnexthop(15, 1), rawAttribute(7, RouteMessage.RTA_GATEWAY, 3)))),
                Arguments.of("rtnexthop with overrunning attribute", ROUTE, 24,
                        multipath(concat(rtnexthop(16, 1), rawAttribute(12, RouteMessage.RTA_GATEWAY, 4)))),
                Arguments.of("neighbour message given to the route decoder", ROUTE, 28, new byte[12]),
                // struct ndmsg and NDA_*
                Arguments.of("truncated ndmsg", NEIGH, 28, new byte[11]),
                Arguments.of("NDA_DST of 5 bytes", NEIGH, 28, after(12, AddressFamily.INET).bytes(NeighborMessage.NDA_DST, new byte[5]).encode()),
                Arguments.of("NDA_DST of 4 bytes in IPv6", NEIGH, 28,
                        after(12, AddressFamily.INET6).bytes(NeighborMessage.NDA_DST, new byte[4]).encode()),
                Arguments.of("NDA_LLADDR of 33 bytes", NEIGH, 28,
                        after(12, AddressFamily.INET).bytes(NeighborMessage.NDA_LLADDR, new byte[33]).encode()),
                Arguments.of("NDA_DST overrunning", NEIGH, 30, concat(header(12, 2), rawAttribute(8, NeighborMessage.NDA_DST, 2))),
                Arguments.of("link message given to the neighbour decoder", NEIGH, 16, new byte[16]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedPayloadsThrowMalformedMessageException(String name, Function<Message, Object> decode, int type, byte[] data) {
        assertThatThrownBy(() -> decode.apply(Message.of(type, 0, data))).isInstanceOf(MalformedMessageException.class);
    }

    @ParameterizedTest(name = "null message to {0}")
    @MethodSource("decoders")
    void nullMessageIsMalformed(String name, Function<Message, Object> decode) {
        assertThatThrownBy(() -> decode.apply(null)).isInstanceOf(NetlinkException.class);
    }

    static Stream<Arguments> decoders() {
        return Stream.of(Arguments.of("link", LINK), Arguments.of("address", ADDR), Arguments.of("route", ROUTE),
                Arguments.of("neighbour", NEIGH));
    }
}
