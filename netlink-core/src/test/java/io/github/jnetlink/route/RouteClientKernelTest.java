package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every change {@link RouteClient} makes, confirmed twice: by dumping and decoding it back, and by
 * {@code ip -j}. Each test works on links of its own in one throwaway namespace.
 */
@NetlinkNamespace
class RouteClientKernelTest {

    static Netns ns;
    static Conn conn;
    static RouteClient client;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
        ns.exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0",
                "net.ipv6.conf.default.accept_dad=0");
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        client = new RouteClient(conn);
    }

    @AfterAll
    static void deleteNamespace() {
        if (conn != null) {
            conn.close();
        }
    }

    static Optional<JsonNode> ipLink(String name) {
        for (JsonNode l : IpJson.of(ns, "-d link show")) {
            if (l.get("ifname").asString().equals(name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    static List<String> ipFlags(String name) {
        List<String> flags = new ArrayList<>();
        ipLink(name).orElseThrow().get("flags").forEach(f -> flags.add(f.asString()));
        return flags;
    }

    /** A veth pair, both ends up, and the index of the first. */
    static int upVeth(String a, String b) {
        client.addVeth(a, b);
        int index = client.link(a).index();
        client.setLinkUp(index);
        client.setLinkUp(client.link(b).index());
        return index;
    }

    @Test
    void addVethCreatesBothEndsThatDeleteLinkRemovesTogether() {
        client.addVeth("cv0", "cv1");
        LinkMessage a = client.link("cv0");
        LinkMessage b = client.link("cv1");
        assertThat(a.kind()).isEqualTo("veth");
        assertThat(b.kind()).isEqualTo("veth");
        assertThat(a.link()).isEqualTo(b.index());
        assertThat(b.link()).isEqualTo(a.index());
        assertThat(client.links()).extracting(LinkMessage::name).contains("cv0", "cv1");
        JsonNode ipA = ipLink("cv0").orElseThrow();
        assertThat(ipA.get("ifindex").asInt()).isEqualTo(a.index());
        assertThat(ipA.get("linkinfo").get("info_kind").asString()).isEqualTo("veth");
        assertThat(ipA.get("link").asString()).isEqualTo("cv1");
        assertThat(ipA.get("address").asString()).isEqualTo(a.address().toString());

        client.deleteLink(a.index());
        assertThat(ipLink("cv0")).isEmpty();
        assertThat(ipLink("cv1")).isEmpty();
        assertThat(client.links()).extracting(LinkMessage::name).doesNotContain("cv0", "cv1");
    }

    @Test
    void addBridgeAndSetMasterEnslaveAndRelease() {
        client.addBridge("cbr0");
        client.addVeth("cm0", "cm1");
        LinkMessage bridge = client.link("cbr0");
        assertThat(bridge.kind()).isEqualTo("bridge");
        assertThat(ipLink("cbr0").orElseThrow().get("linkinfo").get("info_kind").asString()).isEqualTo("bridge");
        int port = client.link("cm1").index();

        client.setMaster(port, bridge.index());
        assertThat(client.link(port).master()).isEqualTo(bridge.index());
        assertThat(ipLink("cm1").orElseThrow().get("master").asString()).isEqualTo("cbr0");

        client.setMaster(port, 0);
        assertThat(client.link(port).master()).isNull();
        assertThat(ipLink("cm1").orElseThrow().has("master")).isFalse();

        client.deleteLink("cbr0");
        client.deleteLink("cm0");
        assertThat(ipLink("cbr0")).isEmpty();
        assertThat(ipLink("cm1")).isEmpty();
    }

    @Test
    void setLinkUpAndDownChangeIffUp() {
        client.addVeth("cu0", "cu1");
        int index = client.link("cu0").index();
        assertThat(client.link(index).hasFlags(LinkMessage.IFF_UP)).isFalse();
        assertThat(ipFlags("cu0")).doesNotContain("UP");

        client.setLinkUp(index);
        assertThat(client.link(index).hasFlags(LinkMessage.IFF_UP)).isTrue();
        assertThat(ipFlags("cu0")).contains("UP");
        client.setLinkUp(client.link("cu1").index());
        assertThat(client.link("cu0").operState()).isEqualTo(LinkMessage.IF_OPER_UP);

        client.setLinkDown(index);
        assertThat(client.link(index).hasFlags(LinkMessage.IFF_UP)).isFalse();
        assertThat(ipFlags("cu0")).doesNotContain("UP");
        assertThat(ipLink("cu0").orElseThrow().get("operstate").asString()).isEqualTo(client.link(index).operStateName());
        client.deleteLink(index);
    }

    @Test
    void addAndDeleteAddressesOfBothFamilies() {
        int index = upVeth("ca0", "ca1");
        client.addAddress(index, ip("10.30.0.1"), 24);
        client.addAddress(index, ip("fd30::1"), 64);

        assertThat(client.addresses()).filteredOn(a -> a.index() == index && a.scope() == 0)
                .extracting(a -> a.localAddress().getHostAddress() + "/" + a.prefixLength())
                .containsExactlyInAnyOrder("10.30.0.1/24", ip("fd30::1").getHostAddress() + "/64");
        List<String> ipAddrs = new ArrayList<>();
        for (JsonNode l : IpJson.of(ns, "addr show dev ca0")) {
            for (JsonNode a : l.get("addr_info")) {
                if (a.get("scope").asString().equals("global")) {
                    ipAddrs.add(ip(a.get("local").asString()).getHostAddress() + "/" + a.get("prefixlen").asInt());
                }
            }
        }
        assertThat(ipAddrs).containsExactlyInAnyOrder("10.30.0.1/24", ip("fd30::1").getHostAddress() + "/64");
        assertThat(client.routes()).extracting(RouteMessage::destinationString).contains("10.30.0.0/24");

        assertThatThrownBy(() -> client.addAddress(index, ip("10.30.0.1"), 24))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EEXIST");
                    assertThat(e.operation()).isEqualTo("add address 10.30.0.1/24 to link " + index);
                    assertThat(e.getMessage()).contains("add address 10.30.0.1/24", "EEXIST");
                });

        client.deleteAddress(index, ip("10.30.0.1"), 24);
        AddressMessage v6 = client.addresses().stream().filter(a -> a.index() == index && a.scope() == 0).findFirst()
                .orElseThrow();
        client.deleteAddress(v6);
        assertThat(client.addresses()).noneMatch(a -> a.index() == index && a.scope() == 0);
        assertThat(ns.ip("-j addr show dev ca0")).doesNotContain("10.30.0.1", "fd30::1");
        assertThatThrownBy(() -> client.deleteAddress(index, ip("10.30.0.1"), 24))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("EADDRNOTAVAIL"));
        client.deleteLink(index);
    }

    static Optional<RouteMessage> route(String destination) {
        return client.routes().stream().filter(r -> r.destinationString().equals(destination)).findFirst();
    }

    static List<String> ipRouteDestinations(String args) {
        List<String> out = new ArrayList<>();
        IpJson.of(ns, args).forEach(r -> out.add(r.get("dst").asString()));
        return out;
    }

    @Test
    void addAndDeleteRoutesSimpleTableAndMultipath() {
        int a = upVeth("cr0", "cr1");
        int b = upVeth("cr2", "cr3");
        client.addAddress(a, ip("10.40.0.1"), 24);
        client.addAddress(b, ip("10.40.1.1"), 24);
        client.addAddress(a, ip("fd40::1"), 64);

        client.addRoute(ip("10.41.0.0"), 24, ip("10.40.0.2"), a);
        client.addRoute(ip("10.41.1.0"), 24, null, b);
        client.addRoute(ip("fd41::"), 64, ip("fd40::2"), a);
        RouteMessage inTable = RouteMessage.builder().family(AddressFamily.INET).destinationLength(24).table(70000)
                .protocol(RouteMessage.RTPROT_STATIC).destination(ip("10.41.2.0")).gateway(ip("10.40.1.2"))
                .outputInterface(b).priority(77).preferredSource(ip("10.40.1.1")).build();
        client.addRoute(inTable);
        client.addRoute(RouteMessage.multipath(ip("10.41.3.0"), 24,
                List.of(NextHop.of(ip("10.40.0.2"), a, 1), NextHop.of(ip("10.40.1.2"), b, 4))));

        RouteMessage viaGateway = route("10.41.0.0/24").orElseThrow();
        assertThat(viaGateway.gateway()).isEqualTo(ip("10.40.0.2"));
        assertThat(viaGateway.outputInterface()).isEqualTo(a);
        assertThat(viaGateway.table()).isEqualTo(RouteMessage.RT_TABLE_MAIN);
        assertThat(viaGateway.protocol()).isEqualTo(RouteMessage.RTPROT_BOOT);
        RouteMessage direct = route("10.41.1.0/24").orElseThrow();
        assertThat(direct.scope()).isEqualTo(RouteMessage.RT_SCOPE_LINK);
        assertThat(direct.gateway()).isNull();
        RouteMessage decodedTable = route("10.41.2.0/24").orElseThrow();
        assertThat(decodedTable).usingRecursiveComparison().ignoringFields("unknown").isEqualTo(inTable);
        RouteMessage mp = route("10.41.3.0/24").orElseThrow();
        assertThat(mp.nextHops()).extracting(NextHop::gateway, NextHop::index, NextHop::weight).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ip("10.40.0.2"), a, 1), org.assertj.core.groups.Tuple.tuple(ip("10.40.1.2"), b, 4));
        assertThat(route(ip("fd41::").getHostAddress() + "/64")).isPresent();

        assertThat(ipRouteDestinations("-4 route show")).contains("10.41.0.0/24", "10.41.1.0/24", "10.41.3.0/24");
        assertThat(ipRouteDestinations("-4 route show table 70000")).containsExactly("10.41.2.0/24");
        JsonNode ipMp = null;
        for (JsonNode r : IpJson.of(ns, "-4 route show 10.41.3.0/24")) {
            ipMp = r;
        }
        assertThat(ipMp.get("nexthops").get(1).get("weight").asInt()).isEqualTo(4);
        assertThat(ipMp.get("nexthops").get(1).get("dev").asString()).isEqualTo("cr2");
        assertThat(ipRouteDestinations("-6 route show")).contains("fd41::/64");

        assertThatThrownBy(() -> client.addRoute(ip("10.41.0.0"), 24, ip("10.40.0.2"), a))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EEXIST");
                    assertThat(e.operation()).startsWith("add route 10.41.0.0/24 via 10.40.0.2");
                });

        client.deleteRoute(ip("10.41.0.0"), 24, ip("10.40.0.2"), a);
        client.deleteRoute(ip("10.41.1.0"), 24, null, 0);
        client.deleteRoute(ip("fd41::"), 64, null, 0);
        client.deleteRoute(decodedTable);
        client.deleteRoute(mp);
        assertThat(client.routes()).extracting(RouteMessage::destinationString).noneMatch(d -> d.startsWith("10.41.")
                || d.startsWith(ip("fd41::").getHostAddress()));
        assertThat(ipRouteDestinations("-4 route show table all")).noneMatch(d -> d.startsWith("10.41."));
        assertThat(ipRouteDestinations("-6 route show table all")).doesNotContain("fd41::/64");
        assertThatThrownBy(() -> client.deleteRoute(ip("10.41.0.0"), 24, null, 0))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("ESRCH"));
        client.deleteLink(a);
        client.deleteLink(b);
    }

    @Test
    void missingLinksAreErrorsNamingThem() {
        assertThatThrownBy(() -> client.link("nosuchlink"))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENODEV");
                    assertThat(e.getMessage()).contains("get link 'nosuchlink'");
                });
        assertThatThrownBy(() -> client.link(99999))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> assertThat(e.operation()).isEqualTo("get link 99999"));
        assertThatThrownBy(() -> client.deleteLink(99999)).isInstanceOf(NetlinkErrorException.class)
                .hasMessageContaining("delete link 99999");
        assertThatThrownBy(() -> client.setLinkUp(99999)).isInstanceOf(NetlinkErrorException.class)
                .hasMessageContaining("set link 99999 up");
        assertThatThrownBy(() -> client.addBridge("lo")).isInstanceOfSatisfying(NetlinkErrorException.class,
                e -> assertThat(e.errnoName()).isEqualTo("EEXIST"));
    }

    @Test
    void invalidArgumentsAreRejectedBeforeTheKernel() {
        assertThatThrownBy(() -> new RouteClient(null)).isInstanceOf(NetlinkException.class);
        try (Conn generic = Conn.dial(Protocol.GENERIC, Config.DEFAULT.withNetns(ns.path()))) {
            assertThatThrownBy(() -> new RouteClient(generic)).isInstanceOf(NetlinkException.class)
                    .hasMessageContaining("Protocol.ROUTE");
        }
        assertThatThrownBy(() -> client.addVeth("a-name-that-is-too-long", "x")).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("15 bytes");
        assertThatThrownBy(() -> client.addBridge("")).isInstanceOf(NetlinkException.class);
        assertThatThrownBy(() -> client.link((String) null)).isInstanceOf(NetlinkException.class);
        assertThatThrownBy(() -> client.link(0)).isInstanceOf(NetlinkException.class);
        assertThatThrownBy(() -> client.setMaster(1, -1)).isInstanceOf(NetlinkException.class);
        assertThatThrownBy(() -> client.addAddress(1, ip("10.0.0.1"), 40)).isInstanceOf(NetlinkException.class);
        assertThatThrownBy(() -> client.addRoute((RouteMessage) null)).isInstanceOf(NetlinkException.class);
    }
}
