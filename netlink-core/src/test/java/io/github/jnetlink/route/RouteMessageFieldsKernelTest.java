package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The typed route attributes against what {@code ip -d -j route show table all} prints for routes that set
 * them: a gateway of another family ({@code via inet6}), every metric, IPv6 preference and expiry, a nexthop
 * object, realms, and a lightweight tunnel ({@code encap ip}; {@code encap mpls} when the kernel has
 * {@code mpls_iptunnel}, else only from bytes in {@link RouteMessageFieldsTest}).
 */
@NetlinkNamespace
class RouteMessageFieldsKernelTest {

    static Netns ns;
    static Conn conn;
    static RouteClient client;
    static boolean mpls;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
        ns.batch(List.of(
                "link add f0 type veth peer name f1",
                "link set f0 up", "link set f1 up",
                "addr add 10.1.0.1/24 dev f0",
                "route add 10.21.0.0/16 via inet6 fe80::1 dev f0",
                "route add 10.22.0.0/16 dev f0 mtu lock 1400 advmss 1360 hoplimit 32 window 65535 rtt 100ms"
                        + " rttvar 20ms rto_min 50ms ssthresh 30 cwnd 12 reordering 5 initcwnd 10 initrwnd 20"
                        + " quickack 1 congctl reno features ecn fastopen_no_cookie 1",
                "route add 2001:db8:1::/64 dev f0 pref high",
                "route add 2001:db8:3::/64 dev f0 pref low",
                "route add 2001:db8:2::/64 dev f0 expires 300",
                "nexthop add id 11 dev f0",
                "route add 10.23.0.0/16 nhid 11",
                "route add 10.24.0.0/16 dev f0 realms 3/4",
                "route add 10.27.0.0/16 encap ip id 5 dst 10.0.0.9 ttl 3 dev f0",
                "route add 10.28.0.0/16 nexthop via 10.1.0.2 dev f0 realms 1/2 nexthop via inet6 fe80::2 dev f0"));
        try {
            ns.ip("route", "add", "10.25.0.0/16", "encap", "mpls", "100/200", "dev", "f0");
            mpls = true;
        } catch (RuntimeException e) {
            mpls = false; // "lwt encapsulation type not supported": no mpls_iptunnel module
        }
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        client = new RouteClient(conn);
    }

    @AfterAll
    static void close() {
        if (conn != null) {
            conn.close();
        }
    }

    static RouteMessage ours(String destination) {
        return client.routes().stream().filter(r -> r.destinationString().equals(destination)).findFirst().orElseThrow();
    }

    static JsonNode theirs(String family, String dst) {
        for (JsonNode r : IpJson.of(ns, family + " -d route show table all")) {
            if (r.get("dst").asString().equals(dst)) {
                return r;
            }
        }
        throw new AssertionError("ip shows no route to " + dst);
    }

    static JsonNode theirs(String dst) {
        return theirs("-4", dst);
    }

    @Test
    void viaInet6EqualsIp() {
        RouteMessage r = ours("10.21.0.0/16");
        JsonNode via = theirs("10.21.0.0/16").get("via");
        assertThat(r.via()).isNotNull();
        assertThat(r.via().family()).isEqualTo(AddressFamily.INET6);
        assertThat(via.get("family").asString()).isEqualTo("inet6");
        assertThat(r.via().address()).isEqualTo(ip(via.get("host").asString()));
        assertThat(r.gateway()).isNull();
        assertThat(r.unknown()).extracting(Attribute::type).doesNotContain(RouteMessage.RTA_VIA);
    }

    @Test
    void metricsEqualIpFieldByField() {
        RouteMetrics m = ours("10.22.0.0/16").metrics();
        JsonNode theirs = theirs("10.22.0.0/16").get("metrics").get(0);
        Map<String, String> ip = new TreeMap<>();
        theirs.properties().forEach(e -> ip.put(e.getKey(), e.getValue().isNull() ? "-" : e.getValue().asString()));
        Map<String, String> decoded = new TreeMap<>();
        decoded.put("mtu", String.valueOf(m.mtu()));
        decoded.put("window", String.valueOf(m.window()));
        decoded.put("rtt", String.valueOf(m.rttMillis()));
        decoded.put("rttvar", String.valueOf(m.rttVarianceMillis()));
        decoded.put("ssthresh", String.valueOf(m.slowStartThreshold()));
        decoded.put("cwnd", String.valueOf(m.congestionWindow()));
        decoded.put("advmss", String.valueOf(m.advertisedMss()));
        decoded.put("reordering", String.valueOf(m.reordering()));
        decoded.put("hoplimit", String.valueOf(m.hopLimit()));
        decoded.put("initcwnd", String.valueOf(m.initialCongestionWindow()));
        // iproute2 prints each RTAX_FEATURES bit as a key without a value
        if ((m.features() & RouteMetrics.RTAX_FEATURE_ECN) != 0) {
            decoded.put("ecn", "-");
        }
        decoded.put("rto_min", String.valueOf(m.rtoMin()));
        decoded.put("initrwnd", String.valueOf(m.initialReceiveWindow()));
        decoded.put("quickack", String.valueOf(m.quickAck()));
        decoded.put("congestion", m.congestionControl());
        decoded.put("fastopen_no_cookie", String.valueOf(m.fastOpenNoCookie()));
        assertThat(decoded).isEqualTo(ip);
        assertThat(m.rtt()).isEqualTo(800);
        assertThat(m.rttVariance()).isEqualTo(80);
        // ip -j leaves out the locks; its text output says "mtu lock 1400 ... rto_min lock 50ms"
        String text = ns.ip("-d", "route", "show", "10.22.0.0/16");
        assertThat(text).contains("mtu lock 1400", "rto_min lock 50ms", "advmss 1360");
        assertThat(m.locked(RouteMetrics.RTAX_MTU)).isTrue();
        assertThat(m.locked(RouteMetrics.RTAX_RTO_MIN)).isTrue();
        assertThat(m.lock()).isEqualTo(1 << RouteMetrics.RTAX_MTU | 1 << RouteMetrics.RTAX_RTO_MIN);
        assertThat(m.unknown()).isEmpty();
    }

    @Test
    void ipv6PrefAndExpiresEqualIp() {
        List<String> mine = new ArrayList<>();
        List<String> ip = new ArrayList<>();
        for (String dst : List.of("2001:db8:1::/64", "2001:db8:2::/64", "2001:db8:3::/64")) {
            RouteMessage r = client.routes().stream().filter(x -> x.family() == AddressFamily.INET6 && x.destination() != null
                    && x.destination().equals(ip(dst.substring(0, dst.indexOf('/'))))).findFirst().orElseThrow();
            String pref = switch (r.pref()) {
                case RouteMessage.ICMPV6_ROUTER_PREF_MEDIUM -> "medium";
                case RouteMessage.ICMPV6_ROUTER_PREF_HIGH -> "high";
                case RouteMessage.ICMPV6_ROUTER_PREF_LOW -> "low";
                default -> Integer.toString(r.pref());
            };
            JsonNode j = theirs("-6", dst);
            mine.add(dst + "|" + pref + "|" + (r.cacheInfo().expires() == 0 ? "-" : "expires"));
            ip.add(dst + "|" + j.get("pref").asString() + "|" + (j.has("expires") ? "expires" : "-"));
            if (j.has("expires")) {
                // the clock runs between the two dumps
                assertThat(r.cacheInfo().expiresSeconds()).isBetween(j.get("expires").asInt() - 2, j.get("expires").asInt() + 2)
                        .isBetween(1, 300);
            }
            assertThat(r.expires()).as("the kernel reports expiry in RTA_CACHEINFO, not RTA_EXPIRES").isNull();
            assertThat(r.unknown()).extracting(Attribute::type).doesNotContain(RouteMessage.RTA_PREF, RouteMessage.RTA_CACHEINFO);
        }
        assertThat(mine).isEqualTo(ip).contains("2001:db8:1::/64|high|-", "2001:db8:2::/64|medium|expires",
                "2001:db8:3::/64|low|-");
    }

    @Test
    void nexthopIdAndRealmsEqualIp() {
        assertThat(ours("10.23.0.0/16").nexthopId()).isEqualTo(theirs("10.23.0.0/16").get("nhid").asInt()).isEqualTo(11);
        RouteMessage r = ours("10.24.0.0/16");
        JsonNode flow = theirs("10.24.0.0/16").get("flow");
        assertThat(r.realmFrom() + "/" + r.realmTo()).isEqualTo(flow.get("from").asString() + "/" + flow.get("to").asString())
                .isEqualTo("3/4");
    }

    @Test
    void nextHopViaInet6EqualsIp() {
        List<NextHop> hops = ours("10.28.0.0/16").nextHops();
        JsonNode theirs = theirs("10.28.0.0/16").get("nexthops");
        assertThat(hops).hasSize(theirs.size()).hasSize(2);
        assertThat(RouteVia.fromNextHop(hops.get(0))).isNull();
        assertThat(hops.get(0).gateway()).isEqualTo(ip(theirs.get(0).get("gateway").asString()));
        RouteVia via = RouteVia.fromNextHop(hops.get(1));
        assertThat(AddressFamily.name(via.family())).isEqualTo(theirs.get(1).get("via").get("family").asString());
        assertThat(via.address()).isEqualTo(ip(theirs.get(1).get("via").get("host").asString())).isEqualTo(ip("fe80::2"));
        assertThat(hops.get(1).gateway()).isNull();
    }

    @Test
    void encapEqualsIp() {
        RouteMessage r = ours("10.27.0.0/16");
        // iproute2 6.1 prints the encap ip fields at the route's level, its "dst" over the route's own
        JsonNode j = theirs("10.0.0.9");
        assertThat(r.encap().typeName()).isEqualTo(j.get("encap").asString()).isEqualTo("ip");
        Map<Integer, byte[]> raw = new TreeMap<>();
        r.encap().attributes().forEach(a -> raw.put(a.type() & 0x3FFF, a.data()));
        assertThat(ByteBuffer.wrap(raw.get(1)).getLong()).isEqualTo(j.get("id").asLong()); // LWTUNNEL_IP_ID, __be64
        assertThat(ip(j.get("dst").asString()).getAddress()).isEqualTo(raw.get(2)); // LWTUNNEL_IP_DST
        assertThat(raw.get(4)[0] & 0xFF).isEqualTo(j.get("ttl").asInt()).isEqualTo(3); // LWTUNNEL_IP_TTL
        assertThat(raw.get(5)[0] & 0xFF).isEqualTo(j.get("tos").asInt()); // LWTUNNEL_IP_TOS
        assertThat(r.unknown()).extracting(Attribute::type).doesNotContain(RouteMessage.RTA_ENCAP, RouteMessage.RTA_ENCAP_TYPE);
        if (mpls) {
            RouteMessage m = ours("10.25.0.0/16");
            JsonNode mj = theirs("10.25.0.0/16");
            assertThat(m.encap().typeName()).isEqualTo(mj.get("encap").asString());
            assertThat(String.join("/", m.encap().labelValues().stream().map(String::valueOf).toList()))
                    .isEqualTo(mj.get("dst").asString()).isEqualTo("100/200");
        }
    }

    @Test
    void everyRouteOfTheDumpSurvivesToMessageAndDecode() {
        List<RouteMessage> routes = client.routes();
        assertThat(routes).hasSizeGreaterThan(10);
        for (RouteMessage r : routes) {
            assertThat(RouteMessage.decode(r.toMessage())).isEqualTo(r);
            assertThat(r.unknown()).extracting(Attribute::type).doesNotContain(RouteMessage.RTA_METRICS,
                    RouteMessage.RTA_PREF, RouteMessage.RTA_NH_ID, RouteMessage.RTA_FLOW, RouteMessage.RTA_CACHEINFO);
        }
    }

    @Test
    void aBuiltRouteWithTheNewFieldsIsInstalledAsIpWouldShowIt() {
        int index = client.link("f0").index();
        RouteMessage r = RouteMessage.builder().destination(ip("10.30.0.0")).destinationLength(16).outputInterface(index)
                .scope(RouteMessage.RT_SCOPE_LINK).realms(5, 6)
                .metrics(RouteMetrics.builder().mtu(1300).lock(RouteMetrics.RTAX_MTU, true).advertisedMss(1200)
                        .congestionControl("reno").build()).build();
        client.addRoute(r);
        JsonNode j = theirs("10.30.0.0/16");
        assertThat(j.get("metrics").get(0).get("mtu").asInt()).isEqualTo(1300);
        assertThat(j.get("metrics").get(0).get("advmss").asInt()).isEqualTo(1200);
        assertThat(j.get("metrics").get(0).get("congestion").asString()).isEqualTo("reno");
        assertThat(j.get("flow").get("from").asString() + "/" + j.get("flow").get("to").asString()).isEqualTo("5/6");
        assertThat(ns.ip("-d", "route", "show", "10.30.0.0/16")).contains("mtu lock 1300");
        RouteMessage back = ours("10.30.0.0/16");
        assertThat(back.metrics()).isEqualTo(r.metrics());
        assertThat(back.realms()).isEqualTo(r.realms());
    }
}
