package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Link statistics as the real kernel reports them through {@link LinkStatistics}, after UDP traffic over a veth
 * pair between two namespaces, compared counter by counter with {@code ip -s -s -j link show}.
 */
@NetlinkNamespace
class LinkStatisticsKernelTest {

    static Netns ns;
    static Netns peer;
    static Conn conn;
    static LinkStatistics statistics;
    static Map<String, Integer> indexes = new HashMap<>();

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        peer = Netns.create("stats-peer");
        // no IPv6, so that no neighbour discovery or router solicitation moves the counters between two reads
        ns.exec("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
        peer.exec("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
        ns.ip("link add ls0 type veth peer name ls1 netns " + peer.name());
        ns.ip("addr add 10.66.0.1/24 dev ls0");
        peer.ip("addr add 10.66.0.2/24 dev ls1");
        peer.ip("link set ls1 up");
        ns.ip("link set ls0 up");
        ns.ip("link add lsbr type bridge");
        ns.ip("link add ls2 type veth peer name ls3");
        ns.ip("link set ls2 master lsbr");
        for (int i = 0; i < 5; i++) {
            // bash opens a UDP socket for the redirection; the peer answers each with ICMP port unreachable
            ns.exec("bash", "-c", "printf '%0100d' 0 > /dev/udp/10.66.0.2/9");
        }
        for (JsonNode l : IpJson.of(ns, "link show")) {
            indexes.put(l.get("ifname").asString(), l.get("ifindex").asInt());
        }
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        statistics = new LinkStatistics(conn);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    /** Every counter ip prints under stats64 with -s -s. */
    static void assertSame(LinkStats s, JsonNode stats64, String what) {
        JsonNode rx = stats64.get("rx");
        JsonNode tx = stats64.get("tx");
        Object[][] table = {
                {"rx.bytes", s.rxBytes(), rx.get("bytes")},
                {"rx.packets", s.rxPackets(), rx.get("packets")},
                {"rx.errors", s.rxErrors(), rx.get("errors")},
                {"rx.dropped", s.rxDropped(), rx.get("dropped")},
                {"rx.over_errors", s.rxOverErrors(), rx.get("over_errors")},
                {"rx.multicast", s.multicast(), rx.get("multicast")},
                {"rx.length_errors", s.rxLengthErrors(), rx.get("length_errors")},
                {"rx.crc_errors", s.rxCrcErrors(), rx.get("crc_errors")},
                {"rx.frame_errors", s.rxFrameErrors(), rx.get("frame_errors")},
                {"rx.fifo_errors", s.rxFifoErrors(), rx.get("fifo_errors")},
                {"rx.missed_errors", s.rxMissedErrors(), rx.get("missed_errors")},
                {"tx.bytes", s.txBytes(), tx.get("bytes")},
                {"tx.packets", s.txPackets(), tx.get("packets")},
                {"tx.errors", s.txErrors(), tx.get("errors")},
                {"tx.dropped", s.txDropped(), tx.get("dropped")},
                {"tx.carrier_errors", s.txCarrierErrors(), tx.get("carrier_errors")},
                {"tx.collisions", s.collisions(), tx.get("collisions")},
                {"tx.aborted_errors", s.txAbortedErrors(), tx.get("aborted_errors")},
                {"tx.fifo_errors", s.txFifoErrors(), tx.get("fifo_errors")},
                {"tx.window_errors", s.txWindowErrors(), tx.get("window_errors")},
                {"tx.heartbeat_errors", s.txHeartbeatErrors(), tx.get("heartbeat_errors")},
        };
        for (Object[] row : table) {
            assertThat(row[2]).as(what + " " + row[0] + " printed by ip").isNotNull();
            assertThat((Long) row[1]).as(what + " " + row[0]).isEqualTo(((JsonNode) row[2]).asLong());
        }
        if (rx.has("nohandler")) {
            assertThat(s.rxNohandler()).as(what + " rx.nohandler").isEqualTo(rx.get("nohandler").asLong());
        }
        if (rx.has("otherhost")) {
            assertThat(s.rxOtherhostDropped()).as(what + " rx.otherhost").isEqualTo(rx.get("otherhost").asLong());
        }
    }

    /** Reads ours, then ip's, then ours again, until the counters stood still around ip's read. */
    static <T> JsonNode steady(Supplier<T> ours, String ipArgs, java.util.function.BiConsumer<T, JsonNode> compare) {
        for (int attempt = 0; ; attempt++) {
            T before = ours.get();
            JsonNode ip = IpJson.of(ns, ipArgs);
            T after = ours.get();
            if (before.equals(after) || attempt == 4) {
                compare.accept(after, ip);
                return ip;
            }
        }
    }

    @Test
    void getIsWhatIpDashSShowsAfterTraffic() {
        int ls0 = indexes.get("ls0");
        steady(() -> statistics.get(ls0, LinkStatsMessage.FILTER_LINK_64), "-s -s link show ls0", (m, ip) -> {
            assertThat(m.type()).isEqualTo(RouteMessageType.RTM_NEWSTATS);
            assertThat(m.index()).isEqualTo(ls0);
            assertThat(m.filterMask()).isEqualTo(LinkStatsMessage.FILTER_LINK_64);
            assertThat(m.xstats()).isNull();
            assertThat(m.unknown()).isEmpty();
            assertSame(m.stats64(), ip.get(0).get("stats64"), "ls0");
            // five datagrams of 100 bytes of payload, and ARP, went out
            assertThat(m.stats64().txPackets()).isGreaterThanOrEqualTo(6);
            assertThat(m.stats64().txBytes()).isGreaterThanOrEqualTo(5 * (100 + 28 + 14));
            assertThat(m.stats64().rxPackets()).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void listIsWhatIpDashSShowsForEveryLink() {
        steady(() -> statistics.list(LinkStatsMessage.FILTER_LINK_64), "-s -s link show", (list, ip) -> {
            Map<Integer, JsonNode> byIndex = new HashMap<>();
            ip.forEach(l -> byIndex.put(l.get("ifindex").asInt(), l));
            assertThat(list).extracting(LinkStatsMessage::index).containsExactlyInAnyOrderElementsOf(byIndex.keySet());
            for (LinkStatsMessage m : list) {
                assertSame(m.stats64(), byIndex.get(m.index()).get("stats64"), byIndex.get(m.index()).get("ifname").asString());
            }
        });
    }

    @Test
    void aBridgeAndItsPortSendTheirBridgeCounters() {
        LinkStatsMessage bridge = statistics.get(indexes.get("lsbr"),
                LinkStatsMessage.FILTER_LINK_XSTATS | LinkStatsMessage.FILTER_LINK_64);
        assertThat(bridge.stats64()).isNotNull();
        assertThat(bridge.xstats()).isNotNull().extracting(a -> a.type() & AttributeEncoder.TYPE_MASK)
                .contains(LinkStatsMessage.LINK_XSTATS_TYPE_BRIDGE);
        LinkStatsMessage port = statistics.get(indexes.get("ls2"), LinkStatsMessage.FILTER_LINK_XSTATS_SLAVE);
        assertThat(port.stats64()).isNull();
        assertThat(port.xstatsSlave()).isNotNull().extracting(a -> a.type() & AttributeEncoder.TYPE_MASK)
                .contains(LinkStatsMessage.LINK_XSTATS_TYPE_BRIDGE);
        // a veth has no counters of its kind: the group is left out
        assertThat(statistics.get(indexes.get("ls0"), LinkStatsMessage.FILTER_LINK_XSTATS).xstats()).isNull();
        assertThat(statistics.get(indexes.get("ls0"), LinkStatsMessage.FILTER_LINK_OFFLOAD_XSTATS).offloadCpuHit())
                .isNull();
    }

    @Test
    void refusalsAndBadArgumentsAreNamed() {
        assertThatThrownBy(() -> statistics.get(999_999, LinkStatsMessage.FILTER_LINK_64))
                .isInstanceOf(NetlinkErrorException.class)
                .hasMessageContaining("get statistics of link 999999 (filter 0x1)").hasMessageContaining("ENODEV");
        assertThatThrownBy(() -> statistics.get(1, 0)).hasMessageContaining("filter mask must name at least one group");
        assertThatThrownBy(() -> statistics.get(0, 1)).hasMessageContaining("interface index must be positive, got 0");
        assertThatThrownBy(() -> statistics.list(0)).hasMessageContaining("filter mask must name at least one group");
        assertThat(statistics.list(LinkStatsMessage.FILTER_LINK_64)).extracting(LinkStatsMessage::index)
                .containsAll(List.copyOf(indexes.values()));
    }
}
