package io.github.jnetlink.family.rtlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.family.rtaddr.AddrAttrs;
import io.github.jnetlink.family.rtaddr.Ifaddrmsg;
import io.github.jnetlink.family.rtaddr.RtAddrClient;
import io.github.jnetlink.family.rtroute.RouteAttrs;
import io.github.jnetlink.family.rtroute.RtRouteClient;
import io.github.jnetlink.family.rtroute.Rtmsg;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The generated rt-link, rt-addr and rt-route clients (netlink-raw specs, the spec's message types) against the
 * kernel, compared with {@code ip -j -d}: links with their linkinfo sub-messages, a VLAN made through the generated
 * {@code newlink}, addresses and routes.
 */
@NetlinkNamespace
class RtnetlinkKernelTest {

    static Netns ns;
    static Conn conn;
    static RtLinkClient links;

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.ip("link add veth0 mtu 1400 type veth peer name veth1");
        ns.ip("link add br0 type bridge forward_delay 800 priority 100");
        ns.ip("link set veth0 up");
        ns.ip("addr add 10.7.0.1/24 dev veth0");
        ns.ip("addr add 2001:db8:7::1/64 dev veth0 nodad");
        ns.ip("route add 10.8.0.0/16 via 10.7.0.2 dev veth0 metric 7");
        conn = ns.dial(Protocol.ROUTE);
        links = new RtLinkClient(conn);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    static String inet(String literal) {
        try {
            return java.net.InetAddress.getByName(literal).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(literal, e);
        }
    }

    static Map<String, HeaderedMessage<Ifinfomsg, LinkAttrs>> linksByName() {
        Map<String, HeaderedMessage<Ifinfomsg, LinkAttrs>> out = new HashMap<>();
        for (HeaderedMessage<Ifinfomsg, LinkAttrs> m : links.getlinkDump(null, null)) {
            out.put(m.attributes().ifname(), m);
        }
        return out;
    }

    @Test
    void getlinkDumpMatchesIp() {
        Map<String, HeaderedMessage<Ifinfomsg, LinkAttrs>> got = linksByName();
        JsonNode ip = IpJson.of(ns, "-d link show");
        assertThat(got).hasSize(ip.size());
        for (JsonNode l : ip) {
            HeaderedMessage<Ifinfomsg, LinkAttrs> m = got.get(l.get("ifname").asString());
            assertThat(m).as(l.get("ifname").asString()).isNotNull();
            assertThat(m.header().ifiIndex()).isEqualTo(l.get("ifindex").asInt());
            assertThat(m.attributes().mtu()).isEqualTo(l.get("mtu").asLong());
            assertThat(m.attributes().addressText()).isEqualTo(l.get("address").asString());
            assertThat(m.attributes().txqlen()).isEqualTo(l.get("txqlen").asLong());
            if (l.has("linkinfo")) {
                assertThat(m.attributes().linkinfo().kind()).isEqualTo(l.get("linkinfo").get("info_kind").asString());
            }
        }
    }

    @Test
    void bridgeLinkinfoDataIsDecodedAsTheBridgeSubMessage() {
        LinkinfoAttrs info = linksByName().get("br0").attributes().linkinfo();
        assertThat(info.kind()).isEqualTo("bridge");
        assertThat(info.data().selector()).isEqualTo("bridge");
        assertThat(info.data().raw()).isNull();
        LinkinfoBridgeAttrs bridge = info.data().bridge();
        JsonNode data = IpJson.of(ns, "-d link show dev br0").get(0).get("linkinfo").get("info_data");
        assertThat(bridge.forwardDelay()).isEqualTo(data.get("forward_delay").asLong()).isEqualTo(800L);
        assertThat(bridge.priority()).isEqualTo(data.get("priority").asInt()).isEqualTo(100);
        assertThat(bridge.stpState()).isEqualTo(data.get("stp_state").asLong());
        assertThat(bridge.helloTime()).isEqualTo(data.get("hello_time").asLong());
        // IFLA_BR_VLAN_PROTOCOL, a big-endian u16 (802.1Q is 0x8100), exists with CONFIG_BRIDGE_VLAN_FILTERING only
        if (data.has("vlan_protocol")) {
            assertThat(data.get("vlan_protocol").asString()).isEqualTo("802.1Q");
            assertThat(bridge.vlanProtocol()).isEqualTo(0x8100);
        } else {
            assertThat(bridge.vlanProtocol()).isNull();
        }
        assertThat(bridge.unknownAttributes()).allSatisfy(a -> assertThat(LinkinfoBridgeAttrs.attributeName(a.type())).isNull());
    }

    @Test
    void newlinkCreatesABridgeThroughTheSubMessage() {
        LinkAttrs request = LinkAttrs.builder().ifname("br7").mtu(1300L)
                .linkinfo(LinkinfoAttrs.builder().kind("bridge")
                        .data(LinkinfoDataMsg.bridge(LinkinfoBridgeAttrs.builder().forwardDelay(1000L).priority(4096)
                                .build())).build())
                .build();
        links.newlink(Ifinfomsg.empty(), request, HeaderFlags.CREATE | HeaderFlags.EXCL);
        JsonNode made = IpJson.of(ns, "-d link show dev br7").get(0);
        assertThat(made.get("mtu").asInt()).isEqualTo(1300);
        assertThat(made.get("linkinfo").get("info_kind").asString()).isEqualTo("bridge");
        assertThat(made.get("linkinfo").get("info_data").get("forward_delay").asLong()).isEqualTo(1000);
        assertThat(made.get("linkinfo").get("info_data").get("priority").asInt()).isEqualTo(4096);
        HeaderedMessage<Ifinfomsg, LinkAttrs> got = links.getlink(Ifinfomsg.empty(), LinkAttrs.builder().ifname("br7").build());
        LinkinfoBridgeAttrs bridge = got.attributes().linkinfo().data().bridge();
        assertThat(bridge.forwardDelay()).isEqualTo(1000L);
        assertThat(bridge.priority()).isEqualTo(4096);
        assertThat(got.header().ifiIndex()).isEqualTo(made.get("ifindex").asInt());
    }

    @Test
    void requestAttributesTheSpecDoesNotListForTheOperationAreRefused() {
        // the 6.12 spec's newlink request list has no IFLA_LINK, so a VLAN over a parent cannot be asked for
        LinkAttrs request = LinkAttrs.builder().ifname("veth0.300").link(1L).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> links.newlink(Ifinfomsg.empty(), request,
                        HeaderFlags.CREATE | HeaderFlags.EXCL))
                .isInstanceOf(io.github.jnetlink.NetlinkArgumentException.class)
                .hasMessageContaining("rt-link newlink").hasMessageContaining("'link' (5)");
    }

    @Test
    void getaddrDumpMatchesIp() {
        Set<String> got = new TreeSet<>();
        for (var m : new RtAddrClient(conn).getaddrDump(null, null)) {
            AddrAttrs a = m.attributes();
            Ifaddrmsg h = m.header();
            got.add(h.ifaIndex() + " " + a.ifaAddressAddress().getHostAddress() + "/" + h.ifaPrefixlen());
        }
        Set<String> expected = new TreeSet<>();
        for (JsonNode l : IpJson.of(ns, "addr show")) {
            for (JsonNode a : l.get("addr_info")) {
                String local = inet(a.get("local").asString());
                expected.add(l.get("ifindex").asInt() + " " + local + "/" + a.get("prefixlen").asInt());
            }
        }
        assertThat(got).isEqualTo(expected).contains(linksByName().get("veth0").header().ifiIndex() + " 10.7.0.1/24");
    }

    @Test
    void getrouteDumpHasTheGatewayRouteIpShows() {
        var routes = new RtRouteClient(conn).getrouteDump(Rtmsg.empty(), null);
        var route = routes.stream().filter(r -> r.header().rtmFamily() == 2 && r.header().rtmDstLen() == 16
                && r.attributes().rtaDst() != null && r.attributes().rtaDstAddress().getHostAddress().equals("10.8.0.0"))
                .findFirst().orElseThrow();
        JsonNode ip = IpJson.of(ns, "route show 10.8.0.0/16").get(0);
        assertThat(route.attributes().rtaGatewayAddress().getHostAddress()).isEqualTo(ip.get("gateway").asString());
        assertThat(route.attributes().rtaPriority()).isEqualTo(ip.get("metric").asLong());
        assertThat(route.attributes().rtaOif()).isEqualTo(linksByName().get("veth0").header().ifiIndex());
        assertThat(route.attributes().rtaTable()).isEqualTo(254L);
    }
}
