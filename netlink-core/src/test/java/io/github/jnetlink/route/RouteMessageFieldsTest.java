package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.route.RouteEncap.MplsLabel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed route attributes beyond the basics ({@code RTA_VIA}, {@code RTA_METRICS}, {@code RTA_PREF},
 * {@code RTA_EXPIRES}, {@code RTA_NH_ID}, {@code RTA_FLOW}, {@code RTA_ENCAP_TYPE}/{@code RTA_ENCAP},
 * {@code RTA_CACHEINFO}) decoded from bytes laid out as the kernel's uapi headers describe them, encoded and
 * decoded back, and refused when malformed.
 */
class RouteMessageFieldsTest {

    /** {@code struct rtmsg} of an IPv4 (or IPv6) unicast route in the main table. */
    static AttributeEncoder route(int family) {
        byte[] rtmsg = new byte[RouteMessage.HEADER_SIZE];
        rtmsg[0] = (byte) family;
        rtmsg[1] = 16;
        rtmsg[4] = (byte) RouteMessage.RT_TABLE_MAIN;
        rtmsg[5] = (byte) RouteMessage.RTPROT_BOOT;
        rtmsg[7] = (byte) RouteMessage.RTN_UNICAST;
        return new AttributeEncoder().header(rtmsg);
    }

    static RouteMessage decode(AttributeEncoder e) {
        return RouteMessage.decode(Message.of(RouteMessageType.RTM_NEWROUTE, 0, e.encode()));
    }

    static byte[] rtvia(int family, byte[] address) {
        ByteBuffer b = ByteBuffer.allocate(2 + address.length).order(ByteOrder.nativeOrder());
        return b.putShort((short) family).put(address).array();
    }

    static byte[] labels(int... entries) {
        ByteBuffer b = ByteBuffer.allocate(4 * entries.length).order(ByteOrder.BIG_ENDIAN);
        for (int e : entries) {
            b.putInt(e);
        }
        return b.array();
    }

    /** The RTA_METRICS nest the kernel sent for {@code mtu lock 1400 ... rto_min 50ms ... congctl reno}. */
    static void kernelMetrics(AttributeEncoder e) {
        e.u32(RouteMetrics.RTAX_LOCK, 1 << RouteMetrics.RTAX_MTU | 1 << RouteMetrics.RTAX_RTO_MIN)
                .u32(RouteMetrics.RTAX_MTU, 1400).u32(RouteMetrics.RTAX_WINDOW, 65535).u32(RouteMetrics.RTAX_RTT, 800)
                .u32(RouteMetrics.RTAX_RTTVAR, 80).u32(RouteMetrics.RTAX_SSTHRESH, 30).u32(RouteMetrics.RTAX_CWND, 12)
                .u32(RouteMetrics.RTAX_ADVMSS, 1360).u32(RouteMetrics.RTAX_REORDERING, 5)
                .u32(RouteMetrics.RTAX_HOPLIMIT, 32).u32(RouteMetrics.RTAX_INITCWND, 10)
                .u32(RouteMetrics.RTAX_FEATURES, RouteMetrics.RTAX_FEATURE_ECN).u32(RouteMetrics.RTAX_RTO_MIN, 50)
                .u32(RouteMetrics.RTAX_INITRWND, 20).u32(RouteMetrics.RTAX_QUICKACK, 1)
                .string(RouteMetrics.RTAX_CC_ALGO, "reno").u32(RouteMetrics.RTAX_FASTOPEN_NO_COOKIE, 1)
                .u32(40, 7);
    }

    static Stream<Arguments> kernelShaped() {
        return Stream.of(
                Arguments.of("RTA_VIA inet6 in an IPv4 route", route(AddressFamily.INET)
                        .bytes(RouteMessage.RTA_VIA, rtvia(AddressFamily.INET6, ip("fe80::1").getAddress())),
                        (Consumer<RouteMessage>) r -> {
                            assertThat(r.via()).isEqualTo(RouteVia.of(ip("fe80::1")));
                            assertThat(r.via().family()).isEqualTo(AddressFamily.INET6);
                        }),
                Arguments.of("RTA_VIA inet", route(AddressFamily.INET)
                        .bytes(RouteMessage.RTA_VIA, rtvia(AddressFamily.INET, ip("10.0.0.1").getAddress())),
                        (Consumer<RouteMessage>) r -> assertThat(r.via().family()).isEqualTo(AddressFamily.INET)),
                Arguments.of("RTA_VIA of AF_PACKET stays raw", route(AddressFamily.MPLS)
                        .bytes(RouteMessage.RTA_VIA, rtvia(AddressFamily.PACKET, new byte[] {2, 0, 0, 0, 0, 1})),
                        (Consumer<RouteMessage>) r -> {
                            assertThat(r.via()).isNull();
                            assertThat(r.unknown()).extracting(Attribute::type).containsExactly(RouteMessage.RTA_VIA);
                        }),
                Arguments.of("RTA_METRICS", route(AddressFamily.INET).nested(RouteMessage.RTA_METRICS,
                        RouteMessageFieldsTest::kernelMetrics), (Consumer<RouteMessage>) r -> {
                            RouteMetrics m = r.metrics();
                            assertThat(m.locked(RouteMetrics.RTAX_MTU)).isTrue();
                            assertThat(m.locked(RouteMetrics.RTAX_RTO_MIN)).isTrue();
                            assertThat(m.locked(RouteMetrics.RTAX_ADVMSS)).isFalse();
                            assertThat(m.lock()).isEqualTo(0x2004);
                            assertThat(List.of(m.mtu(), m.window(), m.rtt(), m.rttVariance(), m.slowStartThreshold(),
                                    m.congestionWindow(), m.advertisedMss(), m.reordering(), m.hopLimit(),
                                    m.initialCongestionWindow(), m.features(), m.rtoMin(), m.initialReceiveWindow(),
                                    m.quickAck(), m.fastOpenNoCookie()))
                                    .containsExactly(1400, 65535, 800, 80, 30, 12, 1360, 5, 32, 10, 1, 50, 20, 1, 1);
                            assertThat(m.rttMillis()).isEqualTo(100);
                            assertThat(m.rttVarianceMillis()).isEqualTo(20);
                            assertThat(m.congestionControl()).isEqualTo("reno");
                            assertThat(m.unknown()).containsExactly(new Attribute(40, new byte[] {7, 0, 0, 0}));
                        }),
                Arguments.of("empty RTA_METRICS", route(AddressFamily.INET).bytes(RouteMessage.RTA_METRICS, new byte[0]),
                        (Consumer<RouteMessage>) r -> assertThat(r.metrics()).isEqualTo(RouteMetrics.builder().build())),
                Arguments.of("RTA_PREF high", route(AddressFamily.INET6).u8(RouteMessage.RTA_PREF, 1),
                        (Consumer<RouteMessage>) r -> assertThat(r.pref()).isEqualTo(RouteMessage.ICMPV6_ROUTER_PREF_HIGH)),
                Arguments.of("RTA_PREF low", route(AddressFamily.INET6).u8(RouteMessage.RTA_PREF, 3),
                        (Consumer<RouteMessage>) r -> assertThat(r.pref()).isEqualTo(RouteMessage.ICMPV6_ROUTER_PREF_LOW)),
                Arguments.of("RTA_EXPIRES", route(AddressFamily.INET6).u32(RouteMessage.RTA_EXPIRES, 300),
                        (Consumer<RouteMessage>) r -> assertThat(r.expires()).isEqualTo(300)),
                Arguments.of("RTA_NH_ID", route(AddressFamily.INET).u32(RouteMessage.RTA_NH_ID, 11),
                        (Consumer<RouteMessage>) r -> assertThat(r.nexthopId()).isEqualTo(11)),
                Arguments.of("RTA_FLOW realms 3/4", route(AddressFamily.INET).u32(RouteMessage.RTA_FLOW, 3 << 16 | 4),
                        (Consumer<RouteMessage>) r -> {
                            assertThat(r.realmFrom()).isEqualTo(3);
                            assertThat(r.realmTo()).isEqualTo(4);
                        }),
                Arguments.of("RTA_ENCAP mpls 100/200 ttl 7, then RTA_ENCAP_TYPE", route(AddressFamily.INET)
                        .nested(RouteMessage.RTA_ENCAP, e -> e.bytes(RouteEncap.MPLS_IPTUNNEL_DST,
                                labels(100 << 12, 200 << 12 | 0x100)).u8(RouteEncap.MPLS_IPTUNNEL_TTL, 7))
                        .u16(RouteMessage.RTA_ENCAP_TYPE, RouteEncap.LWTUNNEL_ENCAP_MPLS), (Consumer<RouteMessage>) r -> {
                            assertThat(r.encap().typeName()).isEqualTo("mpls");
                            assertThat(r.encap().labelValues()).containsExactly(100, 200);
                            assertThat(r.encap().labels()).containsExactly(new MplsLabel(100, 0, false, 0),
                                    new MplsLabel(200, 0, true, 0));
                            assertThat(r.encap().ttl()).isEqualTo(7);
                            assertThat(r.encap().attributes()).isEmpty();
                            assertThat(RouteEncap.mpls(100, 200)).isEqualTo(new RouteEncap(1, r.encap().labels(), null, null));
                        }),
                Arguments.of("RTA_ENCAP ip stays raw", route(AddressFamily.INET)
                        .u16(RouteMessage.RTA_ENCAP_TYPE, RouteEncap.LWTUNNEL_ENCAP_IP)
                        .nested(RouteMessage.RTA_ENCAP, e -> e.u64(1, 5, ByteOrder.BIG_ENDIAN).bytes(2, new byte[] {10, 0, 0, 9})),
                        (Consumer<RouteMessage>) r -> {
                            assertThat(r.encap().type()).isEqualTo(RouteEncap.LWTUNNEL_ENCAP_IP);
                            assertThat(r.encap().labels()).isEmpty();
                            assertThat(r.encap().attributes()).containsExactly(
                                    new Attribute(1, new byte[] {0, 0, 0, 0, 0, 0, 0, 5}), new Attribute(2, new byte[] {10, 0, 0, 9}));
                        }),
                Arguments.of("RTA_ENCAP_TYPE alone", route(AddressFamily.INET)
                        .u16(RouteMessage.RTA_ENCAP_TYPE, RouteEncap.LWTUNNEL_ENCAP_BPF),
                        (Consumer<RouteMessage>) r -> assertThat(r.encap()).isEqualTo(RouteEncap.of(6, List.of()))),
                Arguments.of("RTA_CACHEINFO", route(AddressFamily.INET6).bytes(RouteMessage.RTA_CACHEINFO,
                        ByteBuffer.allocate(32).order(ByteOrder.nativeOrder()).putInt(1).putInt(2).putInt(29190)
                                .putInt(-113).putInt(5).putInt(6).putInt(7).putInt(8).array()),
                        (Consumer<RouteMessage>) r -> {
                            assertThat(r.cacheInfo()).isEqualTo(new RouteCacheInfo(1, 2, 29190, -113, 5, 6, 7, 8));
                            assertThat(r.cacheInfo().expiresSeconds()).isEqualTo(291);
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelShaped")
    void decodesKernelShapedBytesIntoTypedFieldsAndBack(String name, AttributeEncoder bytes, Consumer<RouteMessage> check) {
        RouteMessage r = decode(bytes);
        check.accept(r);
        if (!name.contains("stays raw") || name.contains("ENCAP")) {
            assertThat(r.unknown()).as("unknown").isEmpty();
        }
        assertThat(RouteMessage.decode(r.toMessage())).isEqualTo(r);
        assertThat(r.toBuilder().build()).isEqualTo(r);
        assertThat(r.toString()).contains("via=", "metrics=", "encap=");
    }

    @Test
    void builtRouteWithEveryFieldEncodesAsIpRouteWouldAndRoundTrips() {
        RouteMetrics metrics = RouteMetrics.builder().mtu(1400).lock(RouteMetrics.RTAX_MTU, true).advertisedMss(1360)
                .hopLimit(32).window(65535).rtt(800).initialCongestionWindow(10).initialReceiveWindow(20).quickAck(1)
                .congestionControl("reno").build();
        RouteMessage r = RouteMessage.builder().destination(ip("10.22.0.0")).destinationLength(16).outputInterface(3)
                .via(RouteVia.of(ip("fe80::1"))).metrics(metrics).nexthopId(11).realms(3, 4).expires(300)
                .encap(RouteEncap.mpls(100, 200)).pref(RouteMessage.ICMPV6_ROUTER_PREF_LOW).build();
        assertThat(r.realms()).isEqualTo(0x30004);
        assertThat(r.metrics().locked(RouteMetrics.RTAX_MTU)).isTrue();
        assertThat(r.metrics().toBuilder().build()).isEqualTo(metrics);
        RouteMessage back = RouteMessage.decode(r.toMessage());
        assertThat(back).isEqualTo(r);
        assertThat(back.unknown()).isEmpty();
        // the label stack in network order, the bottom-of-stack bit on the last entry only
        byte[] payload = r.encode();
        assertThat(indexOf(payload, labels(100 << 12, 200 << 12 | 0x100))).isPositive();
        assertThat(r.toBuilder().metrics(null).encap(null).via(null).build()).satisfies(c -> {
            assertThat(c.metrics()).isNull();
            assertThat(c.encap()).isNull();
            assertThat(c.nexthopId()).isEqualTo(11);
        });
        assertThat(r).isNotEqualTo(r.toBuilder().pref(null).build());
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("RTA_VIA of 1 byte", route(AddressFamily.INET).bytes(RouteMessage.RTA_VIA, new byte[] {10}),
                        "struct rtvia needs at least 2"),
                Arguments.of("RTA_VIA inet6 of 4 bytes", route(AddressFamily.INET)
                        .bytes(RouteMessage.RTA_VIA, rtvia(AddressFamily.INET6, new byte[4])), "which needs 16 bytes"),
                Arguments.of("RTA_VIA inet of 3 bytes", route(AddressFamily.INET)
                        .bytes(RouteMessage.RTA_VIA, rtvia(AddressFamily.INET, new byte[3])), "which needs 4 bytes"),
                Arguments.of("RTAX_MTU of 2 bytes", route(AddressFamily.INET)
                        .nested(RouteMessage.RTA_METRICS, e -> e.u16(RouteMetrics.RTAX_MTU, 1400)), "RTAX_MTU (2)"),
                Arguments.of("RTAX_LOCK of 1 byte", route(AddressFamily.INET)
                        .nested(RouteMessage.RTA_METRICS, e -> e.u8(RouteMetrics.RTAX_LOCK, 1)), "RTAX_LOCK (1)"),
                Arguments.of("RTA_METRICS not attributes", route(AddressFamily.INET)
                        .bytes(RouteMessage.RTA_METRICS, new byte[] {9, 0, 2}), "truncated netlink attribute header"),
                Arguments.of("RTA_PREF of 4 bytes", route(AddressFamily.INET6).u32(RouteMessage.RTA_PREF, 1), "u8 needs a 1-byte"),
                Arguments.of("RTA_EXPIRES of 2 bytes", route(AddressFamily.INET6).u16(RouteMessage.RTA_EXPIRES, 1), "u32 needs a 4-byte"),
                Arguments.of("RTA_NH_ID of 8 bytes", route(AddressFamily.INET).u64(RouteMessage.RTA_NH_ID, 1), "u32 needs a 4-byte"),
                Arguments.of("RTA_FLOW of 1 byte", route(AddressFamily.INET).u8(RouteMessage.RTA_FLOW, 1), "u32 needs a 4-byte"),
                Arguments.of("RTA_ENCAP_TYPE of 4 bytes", route(AddressFamily.INET).u32(RouteMessage.RTA_ENCAP_TYPE, 1), "u16 needs a 2-byte"),
                Arguments.of("MPLS label stack of 6 bytes", route(AddressFamily.INET)
                        .u16(RouteMessage.RTA_ENCAP_TYPE, 1).nested(RouteMessage.RTA_ENCAP,
                                e -> e.bytes(RouteEncap.MPLS_IPTUNNEL_DST, new byte[6])), "whole number of 4-byte"),
                Arguments.of("MPLS TTL of 2 bytes", route(AddressFamily.INET).u16(RouteMessage.RTA_ENCAP_TYPE, 1)
                        .nested(RouteMessage.RTA_ENCAP, e -> e.u16(RouteEncap.MPLS_IPTUNNEL_TTL, 1)), "MPLS_IPTUNNEL_TTL"),
                Arguments.of("RTA_ENCAP not attributes", route(AddressFamily.INET).u16(RouteMessage.RTA_ENCAP_TYPE, 2)
                        .bytes(RouteMessage.RTA_ENCAP, new byte[] {2, 0, 0, 0}), "bad netlink attribute length 2"),
                Arguments.of("RTA_CACHEINFO of 16 bytes", route(AddressFamily.INET6)
                        .bytes(RouteMessage.RTA_CACHEINFO, new byte[16]), "struct rta_cacheinfo is 32"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedAttributesThrowMalformedMessageException(String name, AttributeEncoder bytes, String message) {
        assertThatThrownBy(() -> decode(bytes)).isInstanceOf(MalformedMessageException.class).hasMessageContaining(message);
    }

    @Test
    void everyCutOfAFullRouteThrowsOnlyNetlinkException() {
        RouteMessage full = decode(route(AddressFamily.INET)
                .bytes(RouteMessage.RTA_VIA, rtvia(AddressFamily.INET6, ip("fe80::1").getAddress()))
                .nested(RouteMessage.RTA_METRICS, RouteMessageFieldsTest::kernelMetrics)
                .u32(RouteMessage.RTA_NH_ID, 11).u32(RouteMessage.RTA_FLOW, 7)
                .nested(RouteMessage.RTA_ENCAP, e -> e.bytes(RouteEncap.MPLS_IPTUNNEL_DST, labels(100 << 12 | 0x100)))
                .u16(RouteMessage.RTA_ENCAP_TYPE, RouteEncap.LWTUNNEL_ENCAP_MPLS)
                .bytes(RouteMessage.RTA_CACHEINFO, new byte[32]));
        byte[] b = full.encode();
        int failures = 0;
        for (int cut = 0; cut < b.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(b, cut);
            for (int flip = RouteMessage.HEADER_SIZE; flip <= cut; flip += 7) {
                byte[] bad = part.clone();
                if (flip < cut) {
                    bad[flip] ^= (byte) 0x5A;
                }
                try {
                    RouteMessage r = RouteMessage.decode(Message.of(RouteMessageType.RTM_NEWROUTE, 0, bad));
                    assertThat(RouteMessage.decode(Message.of(RouteMessageType.RTM_NEWROUTE, 0, r.encode()))).isEqualTo(r);
                } catch (NetlinkException e) {
                    failures++;
                    assertThat(e.getMessage()).isNotBlank();
                }
            }
        }
        assertThat(failures).isPositive();
    }

    static Stream<Arguments> refusedByBuild() {
        return Stream.of(
                Arguments.of((Runnable) () -> RouteMessage.builder().addUnknown(new Attribute(RouteMessage.RTA_METRICS,
                        new byte[0])).build(), "unknown[0] is metrics (RTA_METRICS)"),
                Arguments.of((Runnable) () -> RouteMessage.builder().addUnknown(new Attribute(RouteMessage.RTA_VIA,
                        rtvia(AddressFamily.INET6, new byte[16]))).build(), "unknown[0] is via (RTA_VIA)"),
                Arguments.of((Runnable) () -> RouteMessage.builder().addUnknown(new Attribute(RouteMessage.RTA_ENCAP,
                        new byte[0])).build(), "unknown[0] is encap (RTA_ENCAP)"),
                Arguments.of((Runnable) () -> RouteMessage.builder().addUnknown(new Attribute(RouteMessage.RTA_CACHEINFO,
                        new byte[32])).build(), "cacheInfo (RTA_CACHEINFO)"),
                Arguments.of((Runnable) () -> RouteMessage.builder().pref(256).build(), "RTA_PREF must be 0 to 255"),
                Arguments.of((Runnable) () -> RouteMessage.builder().realms(70000, 1), "realms from (RTA_FLOW) must be 0 to 65535"),
                Arguments.of((Runnable) () -> RouteMessage.builder().metrics(new RouteMetrics(0, null, null, null, null,
                        null, null, null, null, null, null, null, null, null, null, null, null,
                        List.of(new Attribute(RouteMetrics.RTAX_MTU, new byte[4])))).build(),
                        "metrics.unknown[0] is RTAX_MTU (2)"),
                Arguments.of((Runnable) () -> RouteMetrics.builder().congestionControl("re\0no").build(), "contains NUL"),
                Arguments.of((Runnable) () -> RouteMessage.builder().encap(new RouteEncap(1, List.of(), null,
                        List.of(new Attribute(RouteEncap.MPLS_IPTUNNEL_TTL, new byte[1])))).build(),
                        "encap.attributes[0] is ttl (MPLS_IPTUNNEL_TTL)"),
                Arguments.of((Runnable) () -> new RouteEncap(2, List.of(new MplsLabel(1, 0, true, 0)), null, null),
                        "cannot hold MPLS labels"),
                Arguments.of((Runnable) () -> new MplsLabel(1 << 20, 0, true, 0), "MPLS label must be 0 to 1048575"),
                Arguments.of((Runnable) () -> RouteEncap.mpls(), "at least one label"),
                Arguments.of((Runnable) () -> RouteVia.of(null), "RTA_VIA: address must not be null"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusedByBuild")
    void badValuesAreRefusedNamingTheField(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(NetlinkArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void aNextHopsViaIsReadFromItsRawAttributes() {
        // rtnh_len 32: struct rtnexthop and the RTA_VIA attribute of 22 bytes, padded
        RouteMessage r = decode(route(AddressFamily.INET).nested(RouteMessage.RTA_MULTIPATH, e -> e.header(
                new byte[] {32, 0, 0, 0, 3, 0, 0, 0}).bytes(RouteMessage.RTA_VIA, rtvia(AddressFamily.INET6,
                        ip("fe80::2").getAddress()))));
        assertThat(r.nextHops()).hasSize(1);
        assertThat(RouteVia.fromNextHop(r.nextHops().get(0))).isEqualTo(RouteVia.of(ip("fe80::2")));
        assertThat(RouteVia.fromNextHop(NextHop.of(ip("10.0.0.1"), 1, 1))).isNull();
        assertThatThrownBy(() -> RouteVia.fromNextHop(new NextHop(0, 0, 1, null,
                List.of(new Attribute(RouteMessage.RTA_VIA, new byte[] {2}))))).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void mplsLabelEntriesFollowRfc3032() {
        MplsLabel l = MplsLabel.ofEntry(0xFFFFF << 12 | 5 << 9 | 0x100 | 64);
        assertThat(l).isEqualTo(new MplsLabel(0xFFFFF, 5, true, 64));
        assertThat(l.entry()).isEqualTo(0xFFFFF << 12 | 5 << 9 | 0x100 | 64);
        assertThat(RouteEncap.name(RouteEncap.LWTUNNEL_ENCAP_SEG6_LOCAL)).isEqualTo("seg6local");
        assertThat(RouteEncap.name(99)).isEqualTo("99");
        assertThat(RouteMetrics.name(RouteMetrics.RTAX_INITRWND)).isEqualTo("initrwnd");
    }
}
