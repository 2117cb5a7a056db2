package io.github.jnetlink.family.ethtool;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The generated ethtool client on a veth: {@code linkinfo-get}, {@code channels-get}, {@code strset-get} and
 * {@code linkmodes-get}, compared with what {@code ip -d -j} and sysfs report (the ethtool tool is not installed
 * here; veth's answers are fixed by its driver, drivers/net/veth.c).
 */
@NetlinkNamespace
class EthtoolKernelTest {

    /** The spec's stringset enum has no entries (uapi/linux/ethtool.h defines them): ETH_SS_STATS is 1. */
    static final long ETH_SS_STATS = 1;

    static Netns ns;
    static Conn conn;
    static EthtoolClient ethtool;

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.ip("link add veth0 numtxqueues 3 numrxqueues 5 type veth peer name veth1");
        ns.ip("link set veth0 up");
        ns.ip("link set veth1 up");
        conn = ns.dial(Protocol.GENERIC);
        ethtool = new EthtoolClient(conn);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    static HeaderAttrs veth0() {
        return HeaderAttrs.builder().devName("veth0").build();
    }

    static JsonNode ipLink(String name) {
        return IpJson.of(ns, "-d link show dev " + name).get(0);
    }

    @Test
    void linkinfoGetNamesTheDeviceAndItsPort() {
        LinkinfoAttrs info = ethtool.linkinfoGet(LinkinfoAttrs.builder().header(veth0()).build());
        assertThat(info.header().devName()).isEqualTo("veth0");
        assertThat(info.header().devIndex()).isEqualTo(ipLink("veth0").get("ifindex").asLong());
        // veth_get_link_ksettings: PORT_TP (0x00), transceiver internal (0x00)
        assertThat(info.port()).isEqualTo(0);
        assertThat(info.transceiver()).isEqualTo(0);
    }

    @Test
    void linkinfoDumpCoversEveryDeviceWithLinkSettings() {
        List<String> names = new ArrayList<>();
        for (LinkinfoAttrs l : ethtool.linkinfoGetDump(null)) {
            names.add(l.header().devName());
        }
        List<String> expected = new ArrayList<>();
        IpJson.of(ns, "link show").forEach(l -> expected.add(l.get("ifname").asString()));
        // the dump skips devices whose driver has no get_link_ksettings, such as loopback
        expected.remove("lo");
        assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void linkmodesGetMatchesSysfsSpeedAndDuplex() {
        LinkmodesAttrs modes = ethtool.linkmodesGet(LinkmodesAttrs.builder().header(veth0()).build());
        long speed = Long.parseLong(ns.exec("cat", "/sys/class/net/veth0/speed").trim());
        String duplex = ns.exec("cat", "/sys/class/net/veth0/duplex").trim();
        assertThat(modes.speed()).isEqualTo(speed);
        assertThat(modes.duplex()).isEqualTo(duplex.equals("full") ? 1 : 0);
    }

    @Test
    void channelsGetReportsTheQueuesIpCreated() {
        ChannelsAttrs ch = ethtool.channelsGet(ChannelsAttrs.builder().header(veth0()).build());
        JsonNode link = ipLink("veth0");
        assertThat(ch.header().devName()).isEqualTo("veth0");
        assertThat(ch.rxMax()).isEqualTo(link.get("num_rx_queues").asLong());
        assertThat(ch.txMax()).isEqualTo(link.get("num_tx_queues").asLong());
        assertThat(ch.rxCount()).isPositive().isLessThanOrEqualTo(ch.rxMax());
        assertThat(ch.txCount()).isPositive().isLessThanOrEqualTo(ch.txMax());
    }

    @Test
    void strsetGetReturnsTheDriversStatisticNames() {
        StringsetsAttrs wanted = StringsetsAttrs.builder()
                .addStringset(StringsetAttrs.builder().id(ETH_SS_STATS).build()).build();
        StrsetAttrs full = ethtool.strsetGet(StrsetAttrs.builder().header(veth0()).stringsets(wanted).build());
        assertThat(full.stringsets().stringset()).hasSize(1);
        StringsetAttrs stats = full.stringsets().stringset().get(0);
        assertThat(stats.id()).isEqualTo(ETH_SS_STATS);
        List<String> names = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        for (StringsAttrs s : stats.strings()) {
            for (StringAttrs one : s.string()) {
                names.add(one.value());
                indexes.add(one.index());
            }
        }
        // veth_get_strings: "peer_ifindex" first, then per-queue XDP counters for the 5 rx and 3 tx queues
        assertThat(names).first().isEqualTo("peer_ifindex");
        assertThat(names).contains("rx_queue_4_xdp_packets", "tx_queue_2_xdp_xmit").doesNotContain("rx_queue_5_xdp_packets");
        assertThat(indexes).isSorted().startsWith(0L);
        assertThat(stats.count()).isEqualTo(names.size());

        StrsetAttrs counts = ethtool.strsetGet(StrsetAttrs.builder().header(veth0()).stringsets(wanted).countsOnly(true).build());
        StringsetAttrs counted = counts.stringsets().stringset().get(0);
        assertThat(counted.count()).isEqualTo(names.size());
        assertThat(counted.strings()).isEmpty();
    }
}
