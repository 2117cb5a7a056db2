package io.github.jnetlink.route;

import static io.github.jnetlink.testing.KernelBytes.attr;
import static io.github.jnetlink.testing.KernelBytes.u16;
import static io.github.jnetlink.testing.KernelBytes.u32;
import static io.github.jnetlink.testing.KernelBytes.u64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NsidMessage} and {@link LinkStatsMessage} decoded from messages laid out as the kernel's
 * {@code rtnl_net_fill} ({@code <linux/net_namespace.h>}) and {@code rtnl_fill_statsinfo} ({@code struct
 * if_stats_msg}, {@code <linux/if_link.h>}) lay them out, encoded back, and refused when malformed.
 */
class NsidAndLinkStatsMessageTest {

    static byte[] bytes(int size, Consumer<ByteBuffer> body) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        body.accept(b);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /** rtnl_net_fill: a one-byte rtgenmsg, aligned to 4, then NETNSA_NSID (and NETNSA_CURRENT_NSID). */
    static Message nsid(Consumer<ByteBuffer> attributes) {
        return Message.of(RouteMessageType.RTM_NEWNSID, 0, bytes(64, b -> {
            b.put((byte) 0).put((byte) 0).putShort((short) 0);
            attributes.accept(b);
        }));
    }

    static Stream<Arguments> nsids() {
        return Stream.of(
                Arguments.of("a dump line", nsid(b -> attr(b, NsidMessage.NETNSA_NSID, u32(5))),
                        NsidMessage.of(RouteMessageType.RTM_NEWNSID, 5)),
                Arguments.of("an answer for a target namespace", nsid(b -> {
                    attr(b, NsidMessage.NETNSA_NSID, u32(-1));
                    attr(b, NsidMessage.NETNSA_CURRENT_NSID, u32(3));
                }), new NsidMessage(RouteMessageType.RTM_NEWNSID, 0, -1, null, null, null, 3, List.of())),
                Arguments.of("a request by pid and fd with a target, and an attribute newer than the record",
                        nsid(b -> {
                            attr(b, NsidMessage.NETNSA_PID, u32(1234));
                            attr(b, NsidMessage.NETNSA_FD, u32(9));
                            attr(b, NsidMessage.NETNSA_TARGET_NSID, u32(2));
                            attr(b, 6, u32(7));
                        }), new NsidMessage(RouteMessageType.RTM_NEWNSID, 0, null, 1234, 9, 2, null,
                                List.of(new Attribute(6, u32(7))))),
                Arguments.of("an rtgenmsg alone, without its padding",
                        Message.of(RouteMessageType.RTM_NEWNSID, 0, new byte[] {0}),
                        new NsidMessage(RouteMessageType.RTM_NEWNSID, 0, null, null, null, null, null, List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nsids")
    void nsidDecodesWhatTheKernelSends(String what, Message kernel, NsidMessage expected) {
        NsidMessage decoded = NsidMessage.decode(kernel);
        assertThat(decoded).isEqualTo(expected);
        assertThat(NsidMessage.decode(decoded.toMessage())).isEqualTo(decoded);
        assertThat(decoded.assigned()).isEqualTo(decoded.nsid() != null && decoded.nsid() >= 0);
    }

    @Test
    void malformedNsidsAreRefusedByName() {
        assertThatThrownBy(() -> NsidMessage.decode(Message.of(RouteMessageType.RTM_NEWNSID, 0, new byte[0])))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("truncated struct rtgenmsg");
        assertThatThrownBy(() -> NsidMessage.decode(nsid(b -> attr(b, NsidMessage.NETNSA_NSID, u16(5)))))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> NsidMessage.decode(Message.of(RouteMessageType.RTM_NEWSTATS, 0, new byte[4])))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("expected RTM_NEWNSID");
        assertThatThrownBy(() -> NsidMessage.of(RouteMessageType.RTM_NEWLINK, 1))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("type must be RTM_NEWNSID");
    }

    /** rtnl_link_stats64 with counter i holding i * 10 + 1. */
    static byte[] stats64(int counters) {
        return bytes(8 * counters, b -> LongStream.range(0, counters).forEach(i -> b.putLong(i * 10 + 1)));
    }

    static Message stats(int index, int mask, Consumer<ByteBuffer> attributes) {
        return Message.of(RouteMessageType.RTM_NEWSTATS, 0, bytes(1024, b -> {
            b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(mask);
            attributes.accept(b);
        }));
    }

    @Test
    void linkStatsDecodesEveryGroupTheKernelSends() {
        byte[] bridgeXstats = bytes(64, b -> attr(b, 1, u64(77)));
        Message kernel = stats(3, LinkStatsMessage.FILTER_ALL, b -> {
            attr(b, LinkStatsMessage.IFLA_STATS_LINK_64, stats64(25));
            attr(b, LinkStatsMessage.IFLA_STATS_LINK_XSTATS, bytes(128,
                    n -> attr(n, LinkStatsMessage.LINK_XSTATS_TYPE_BRIDGE, bridgeXstats)));
            attr(b, LinkStatsMessage.IFLA_STATS_LINK_XSTATS_SLAVE, new byte[0]);
            attr(b, LinkStatsMessage.IFLA_STATS_LINK_OFFLOAD_XSTATS, bytes(256,
                    n -> attr(n, LinkStatsMessage.IFLA_OFFLOAD_XSTATS_CPU_HIT, stats64(23))));
            attr(b, LinkStatsMessage.IFLA_STATS_AF_SPEC, bytes(64, n -> attr(n, AddressFamily.MPLS, u32(0))));
        });
        LinkStatsMessage m = LinkStatsMessage.decode(kernel);
        assertThat(m.index()).isEqualTo(3);
        assertThat(m.filterMask()).isEqualTo(0x1F);
        assertThat(m.stats64().rxPackets()).isEqualTo(1);
        assertThat(m.stats64().txPackets()).isEqualTo(11);
        assertThat(m.stats64().rxOtherhostDropped()).isEqualTo(241);
        assertThat(m.xstats()).containsExactly(new Attribute(LinkStatsMessage.LINK_XSTATS_TYPE_BRIDGE, bridgeXstats));
        assertThat(m.xstatsSlave()).isEmpty();
        assertThat(m.offloadCpuHit().rxBytes()).isEqualTo(21);
        // an older kernel's 23 counters: the two newest read as 0
        assertThat(m.offloadCpuHit().rxNohandler()).isZero();
        assertThat(m.afSpec()).containsExactly(new Attribute(AddressFamily.MPLS, u32(0)));
        assertThat(m.unknown()).isEmpty();
        assertThat(LinkStatsMessage.decode(m.toMessage())).isEqualTo(m);

        LinkStatsMessage only64 = LinkStatsMessage.decode(stats(1, 1,
                b -> attr(b, LinkStatsMessage.IFLA_STATS_LINK_64, stats64(25))));
        assertThat(only64.xstats()).isNull();
        assertThat(only64.offloadCpuHit()).isNull();
    }

    @Test
    void malformedLinkStatsAreRefusedByName() {
        assertThatThrownBy(() -> LinkStatsMessage.decode(stats(1, 1,
                b -> attr(b, LinkStatsMessage.IFLA_STATS_LINK_64, stats64(10)))))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("IFLA_STATS_LINK_64 at offset 12: 80 bytes, struct rtnl_link_stats64 needs at least 184");
        assertThatThrownBy(() -> LinkStatsMessage.decode(Message.of(RouteMessageType.RTM_NEWSTATS, 0, new byte[8])))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("truncated struct if_stats_msg");
        assertThatThrownBy(() -> LinkStatsMessage.decode(stats(1, 2, b -> attr(b,
                LinkStatsMessage.IFLA_STATS_LINK_XSTATS, 8, 0, 1, 0)))).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> LinkStatsMessage.request(1, 0)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("filter mask must name at least one group");
        assertThat(LinkStatsMessage.request(7, LinkStatsMessage.FILTER_LINK_64).encode())
                .isEqualTo(bytes(12, b -> b.putInt(0).putInt(7).putInt(1)));
    }
}
