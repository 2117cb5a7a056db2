package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Proxy entries, cache information, probes, protocol and the managed flag of neighbour entries, as the real
 * kernel reports them through {@link RouteClient}, compared with {@code ip -N -s -d -j neigh} and
 * {@code ip -N -j neigh show proxy}.
 */
@NetlinkNamespace
class NeighborFieldsKernelTest {

    static Netns ns;
    static Conn conn;
    static RouteClient client;
    static int index;

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.ip("link add nf0 type veth peer name nf1");
        ns.ip("link set nf0 up");
        ns.ip("link set nf1 up");
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        client = new RouteClient(conn);
        index = client.link("nf0").index();
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    static Map<InetAddress, JsonNode> byDestination(JsonNode list) {
        Map<InetAddress, JsonNode> out = new HashMap<>();
        list.forEach(n -> out.put(ip(n.get("dst").asString()), n));
        return out;
    }

    @Test
    void proxyNeighborsAreWhatIpNeighShowProxyLists() {
        ns.ip("neigh add proxy 10.0.0.5 dev nf0");
        ns.ip("neigh add proxy 10.0.0.6 dev nf0 protocol 99");
        ns.ip("-6 neigh add proxy 2001:db8::5 dev nf0");
        List<NeighborMessage> proxies = client.proxyNeighbors();
        Map<InetAddress, JsonNode> expected = byDestination(IpJson.of(ns, "-N neigh show proxy"));

        assertThat(proxies).extracting(NeighborMessage::destination)
                .containsExactlyInAnyOrderElementsOf(expected.keySet())
                .contains(ip("10.0.0.5"), ip("10.0.0.6"), ip("2001:db8::5"));
        for (NeighborMessage n : proxies) {
            JsonNode j = expected.get(n.destination());
            assertThat(n.proxy()).isTrue();
            assertThat(j.has("proxy")).isTrue();
            assertThat(n.index()).isEqualTo(index);
            assertThat(j.get("dev").asString()).isEqualTo("nf0");
            assertThat(n.state()).isZero();
            assertThat(n.linkLayerAddress()).isNull();
            assertThat(n.cacheInfo()).isNull();
            assertThat(n.protocol() == null ? null : Integer.toString(n.protocol()))
                    .isEqualTo(j.has("protocol") ? j.get("protocol").asString() : null);
            assertThat(n.unknown()).isEmpty();
        }
        assertThat(proxies).filteredOn(n -> n.destination().equals(ip("10.0.0.6")))
                .extracting(NeighborMessage::protocol).containsExactly(99);
        // the ordinary dump leaves them out
        assertThat(client.neighbors()).noneMatch(NeighborMessage::proxy)
                .extracting(NeighborMessage::destination).doesNotContain(ip("10.0.0.5"), ip("2001:db8::5"));
    }

    @Test
    void cacheInfoProbesAndProtocolAreWhatIpSStatisticsShow() {
        ns.ip("neigh add 10.0.0.11 dev nf0 lladdr 02:00:00:00:00:0b nud permanent protocol 99");
        ns.ip("neigh add 10.0.0.12 dev nf0 lladdr 02:00:00:00:00:0c nud reachable");
        ns.ip("-6 neigh add 2001:db8::12 dev nf0 lladdr 02:00:00:00:00:0c nud stale");
        List<NeighborMessage> ours = new ArrayList<>(client.neighbors());
        Map<InetAddress, JsonNode> expected = byDestination(IpJson.of(ns, "-N -s -d neigh show nud all dev nf0"));
        ours.removeIf(n -> n.index() != index);
        // the kernel makes NOARP entries for the multicast it sends (MLD reports to ff02::16, ...) at times of its
        // own, without notifying: one may appear between the dump and ip's; this test is about the entries it adds
        ours.removeIf(n -> n.destination().isMulticastAddress());
        expected.keySet().removeIf(InetAddress::isMulticastAddress);
        assertThat(ours).extracting(NeighborMessage::destination)
                .containsExactlyInAnyOrderElementsOf(expected.keySet())
                .contains(ip("10.0.0.11"), ip("10.0.0.12"), ip("2001:db8::12"));
        for (NeighborMessage n : ours) {
            JsonNode j = expected.get(n.destination());
            String what = n.destination().getHostAddress();
            assertThat(n.cacheInfo()).as(what).isNotNull();
            NeighborCacheInfo ci = n.cacheInfo();
            // ip ran after the dump: its ages are the same or a second older
            assertThat(j.get("used").asLong() - ci.usedSeconds()).as(what + " used").isBetween(0L, 1L);
            assertThat(j.get("confirmed").asLong() - ci.confirmedSeconds()).as(what + " confirmed").isBetween(0L, 1L);
            assertThat(j.get("updated").asLong() - ci.updatedSeconds()).as(what + " updated").isBetween(0L, 1L);
            assertThat(ci.refcount()).as(what + " refcnt").isEqualTo(j.has("refcnt") ? j.get("refcnt").asInt() : 0);
            assertThat(n.probes()).as(what + " probes").isEqualTo(j.get("probes").asInt());
            assertThat(n.protocol() == null ? null : Integer.toString(n.protocol())).as(what + " protocol")
                    .isEqualTo(j.has("protocol") ? j.get("protocol").asString() : null);
            assertThat(n.managed()).as(what + " managed").isEqualTo(j.has("managed"));
            assertThat(n.unknown()).as(what + " unknown").isEmpty();
        }
        NeighborMessage permanent = ours.stream().filter(n -> n.destination().equals(ip("10.0.0.11"))).findFirst()
                .orElseThrow();
        assertThat(permanent.protocol()).isEqualTo(99);
        assertThat(permanent.probes()).isZero();
    }

    @Test
    void managedEntryCarriesNtfExtManaged() {
        ns.ip("neigh add 10.0.0.9 dev nf0 managed");
        NeighborMessage n = client.neighbors().stream().filter(x -> ip("10.0.0.9").equals(x.destination()))
                .findFirst().orElseThrow();
        JsonNode j = byDestination(IpJson.of(ns, "-N -s -d neigh show nud all dev nf0")).get(ip("10.0.0.9"));
        assertThat(j.has("managed")).isTrue();
        assertThat(n.managed()).isTrue();
        assertThat(n.extendedFlags()).isEqualTo(NeighborMessage.NTF_EXT_MANAGED);
        assertThat(n.probes()).isNotNull();
        assertThat(n.cacheInfo()).isNotNull();
        assertThat(n.unknown()).isEmpty();
    }

    @Test
    void anEntryWithAProtocolBuiltFromTheRecordIsSeenByIp() {
        NeighborMessage request = NeighborMessage.builder().index(index).state(NeighborMessage.NUD_PERMANENT)
                .destination(ip("10.0.0.20")).linkLayerAddress(MacAddress.parse("02:00:00:00:00:14")).protocol(77)
                .build();
        conn.execute(request.toMessage(RouteMessageType.RTM_NEWNEIGH, io.github.jnetlink.HeaderFlags.REQUEST
                | io.github.jnetlink.HeaderFlags.ACKNOWLEDGE | io.github.jnetlink.HeaderFlags.CREATE
                | io.github.jnetlink.HeaderFlags.EXCL), "add neighbour 10.0.0.20");
        JsonNode j = byDestination(IpJson.of(ns, "-N -s -d neigh show nud all dev nf0")).get(ip("10.0.0.20"));
        assertThat(j.get("protocol").asString()).isEqualTo("77");
        assertThat(j.get("lladdr").asString()).isEqualTo("02:00:00:00:00:14");
        NeighborMessage back = client.neighbors().stream().filter(x -> ip("10.0.0.20").equals(x.destination()))
                .findFirst().orElseThrow();
        assertThat(back.protocol()).isEqualTo(77);
        assertThat(back.state()).isEqualTo(NeighborMessage.NUD_PERMANENT);
    }
}
