package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The link fields beyond name and addresses, decoded from the kernel's own dump, against {@code ip -d -j link}
 * and {@code /sys/class/net}: a veth whose peer lives in a second namespace, a veth pair with an alternative
 * name, an alias, a group, promiscuous and all-multicast mode, no IPv6 address generation and changed offload
 * sizes, and a macvlan held down by {@code protodown}.
 */
@NetlinkNamespace
class LinkMessageFieldsKernelTest {

    static Netns ns;
    static Netns other;
    static Conn conn;
    static Map<String, LinkMessage> links;
    static Map<String, JsonNode> shown;

    @BeforeAll
    static void createLinks(Netns namespace) {
        ns = namespace;
        other = Netns.create("linkfieldspeer");
        ns.batch(List.of(
                "link add va type veth peer name vb netns " + other.name(),
                "link add vc type veth peer name vd",
                "link property add dev vc altname vc-alternative-name",
                "link property add dev vc altname vc2",
                "link set vc alias uplink",
                "link set vc group 5",
                "link set vc promisc on",
                "link set vc allmulticast on",
                "link set vc addrgenmode none",
                "link set vc gso_max_size 60000 gso_max_segs 100 gro_max_size 50000",
                "link set vd mtu 9000",
                "link set vc up", "link set vd up", "link set vd down", "link set vd up",
                "link add mv link vc type macvlan",
                "link set mv protodown on"));
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        links = new RouteClient(conn).links().stream().collect(Collectors.toMap(LinkMessage::name, l -> l));
        shown = StreamSupport.stream(IpJson.of(ns, "-d link show").spliterator(), false)
                .collect(Collectors.toMap(n -> n.get("ifname").asString(), n -> n));
    }

    @AfterAll
    static void deleteLinks() {
        try {
            if (conn != null) {
                conn.close();
            }
        } finally {
            if (other != null) {
                other.close();
            }
        }
    }

    static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** Every link's fields as {@code ip -d -j link show} names them, from {@code ip} and from the dump. */
    static final Map<String, Function<LinkMessage, Object>> DECODED = Map.ofEntries(
            // ip names the link when it is in this namespace, and gives its index when it is in another.
            Map.entry("link_index", l -> l.linkNetnsId() == null ? null : l.link()),
            Map.entry("link", l -> l.linkNetnsId() != null || l.link() == null || l.link() == 0 ? null
                    : links.values().stream().filter(o -> o.index() == l.link()).findFirst().orElseThrow().name()),
            Map.entry("link_netnsid", LinkMessage::linkNetnsId),
            Map.entry("qdisc", LinkMessage::qdisc),
            Map.entry("promiscuity", LinkMessage::promiscuity),
            Map.entry("allmulti", LinkMessage::allMulti),
            Map.entry("group", l -> l.group() == null ? null : l.group() == 0 ? "default" : Integer.toString(l.group())),
            Map.entry("linkmode", LinkMessage::linkModeName),
            Map.entry("proto_down", l -> Boolean.TRUE.equals(l.protoDown()) ? Boolean.TRUE : null),
            Map.entry("ifalias", LinkMessage::ifAlias),
            Map.entry("altnames", l -> l.altNames().isEmpty() ? null : l.altNames()),
            Map.entry("min_mtu", l -> l.limits().minMtu()),
            Map.entry("max_mtu", l -> l.limits().maxMtu()),
            Map.entry("num_tx_queues", l -> l.limits().numTxQueues()),
            Map.entry("num_rx_queues", l -> l.limits().numRxQueues()),
            Map.entry("gso_max_size", l -> l.limits().gsoMaxSize()),
            Map.entry("gso_max_segs", l -> l.limits().gsoMaxSegs()),
            Map.entry("gro_max_size", l -> l.limits().groMaxSize()),
            Map.entry("tso_max_size", l -> l.limits().tsoMaxSize()),
            Map.entry("tso_max_segs", l -> l.limits().tsoMaxSegs()),
            Map.entry("permaddr", l -> l.permAddress() == null ? null : l.permAddress().toString()),
            Map.entry("parentdev", LinkMessage::parentDevName),
            Map.entry("parentbus", LinkMessage::parentDevBusName),
            Map.entry("inet6_addr_gen_mode", l -> l.afSpec() == null ? null : l.afSpec().inet6AddrGenModeName()));

    static Object fromIp(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            List<String> out = new ArrayList<>();
            v.forEach(x -> out.add(x.asString()));
            return out;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.isNumber() ? (Object) v.asInt() : v.asString();
    }

    @Test
    void everyLinkMatchesIpFieldByField() {
        assertThat(links.keySet()).containsExactlyInAnyOrderElementsOf(shown.keySet());
        List<String> checked = new ArrayList<>();
        for (LinkMessage l : links.values()) {
            JsonNode n = shown.get(l.name());
            for (Map.Entry<String, Function<LinkMessage, Object>> f : DECODED.entrySet()) {
                Object decoded = f.getValue().apply(l);
                assertThat(decoded).as("%s %s", l.name(), f.getKey()).isEqualTo(fromIp(n, f.getKey()));
                checked.add(l.name() + "." + f.getKey());
            }
            assertThat(l.unknown()).extracting(a -> a.type() & io.github.jnetlink.AttributeEncoder.TYPE_MASK)
                    .as("%s kept raw", l.name()).doesNotContain(6, 17, 20, 26, 27, 30, 31, 32, 33, 35, 37, 39, 40, 41,
                            47, 48, 50, 51, 52, 55, 56, 57, 58, 59, 60, 61, 63, 64);
        }
        assertThat(checked).hasSize(links.size() * DECODED.size());
    }

    @Test
    void vethWithItsPeerInAnotherNamespaceNamesThatNamespace() {
        LinkMessage va = links.get("va");
        JsonNode ip = shown.get("va");
        JsonNode peer = IpJson.of(other, "link show vb").get(0);
        assertThat(va.linkNetnsId()).isEqualTo(integer(ip, "link_netnsid")).isNotNull();
        assertThat(va.link()).isEqualTo(integer(ip, "link_index")).isEqualTo(integer(peer, "ifindex"));
        String listId = ns.ip("netns list-id");
        assertThat(listId).contains("nsid " + va.linkNetnsId() + " ");
        LinkMessage vc = links.get("vc");
        assertThat(vc.linkNetnsId()).isNull();
        assertThat(vc.link()).isEqualTo(links.get("vd").index());
    }

    @Test
    void setValuesComeBackTyped() {
        LinkMessage vc = links.get("vc");
        assertThat(vc.altNames()).containsExactly("vc-alternative-name", "vc2");
        assertThat(vc.ifAlias()).isEqualTo("uplink");
        assertThat(vc.group()).isEqualTo(5);
        assertThat(vc.promiscuity()).isEqualTo(1);
        assertThat(vc.allMulti()).isEqualTo(1);
        assertThat(vc.afSpec().inet6AddrGenMode()).isEqualTo(LinkAfSpec.IN6_ADDR_GEN_MODE_NONE);
        assertThat(links.get("vd").afSpec().inet6AddrGenMode()).isEqualTo(LinkAfSpec.IN6_ADDR_GEN_MODE_EUI64);
        assertThat(vc.limits()).extracting(LinkLimits::gsoMaxSize, LinkLimits::gsoMaxSegs, LinkLimits::groMaxSize,
                LinkLimits::gsoIpv4MaxSize, LinkLimits::groIpv4MaxSize).containsExactly(60000, 100, 50000, 60000, 50000);
        assertThat(links.get("vd").mtu()).isEqualTo(9000);
        assertThat(links.get("mv").protoDown()).isTrue();
        assertThat(links.get("vd").protoDown()).isFalse();
        assertThat(links.get("lo").permAddress()).isNull();
    }

    @Test
    void carrierAndItsCountersMatchSysfs() {
        for (String name : List.of("vc", "vd", "va")) {
            LinkMessage l = links.get(name);
            String sys = "/sys/class/net/" + name + "/";
            assertThat(l.carrier().changes()).as(name).isEqualTo(sysfs(sys + "carrier_changes"));
            assertThat(l.carrier().upCount()).as(name).isEqualTo(sysfs(sys + "carrier_up_count"));
            assertThat(l.carrier().downCount()).as(name).isEqualTo(sysfs(sys + "carrier_down_count"));
            JsonNode stats = IpJson.of(ns, "-s -s link show " + name).get(0).get("stats64").get("tx");
            assertThat(l.carrier().changes()).as(name).isEqualTo(integer(stats, "carrier_changes"));
        }
        assertThat(links.get("vc").carrier().carrier()).isTrue();
        assertThat(links.get("vc").carrier().changes()).isGreaterThanOrEqualTo(3);
        assertThat(links.get("va").carrier().carrier()).isFalse();
        assertThat(sysfs("/sys/class/net/vc/carrier")).isEqualTo(1);
    }

    static int sysfs(String path) {
        return Integer.parseInt(ns.exec("cat", path).trim());
    }
}
