package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.BridgeVlanEntry;
import io.github.jnetlink.route.BridgeVlanMessage;
import io.github.jnetlink.route.FdbEntry;
import io.github.jnetlink.route.LinkStats;
import io.github.jnetlink.route.LinkStatsMessage;
import io.github.jnetlink.route.MacAddress;
import io.github.jnetlink.route.NeighborMessage;
import io.github.jnetlink.route.NsidMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Forwarding entries and namespace IDs reach typed {@code @NetlinkListener} methods, decoded from real kernel
 * notifications: an {@code AF_BRIDGE} neighbour goes to an {@link FdbEntry} parameter (and still to a
 * {@link NeighborMessage} one), an IPv4 neighbour only to the latter. Bridge VLAN and statistics notifications,
 * which this kernel cannot send (no VLAN filtering, no offload statistics on veth), are published by hand as the
 * receive loop would.
 */
@NetlinkNamespace
class NetlinkBridgeObjectsListenerTests {

    static Netns ns;
    static Netns peer;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
        peer = Netns.create("listener-peer");
        ns.ip("link add lbr0 type bridge");
        ns.ip("link add lp0 type veth peer name lp1");
        ns.ip("link set lp0 master lbr0");
        ns.ip("link set lbr0 up");
        ns.ip("link set lp0 up");
        ns.ip("link set lp1 up");
        ns.ip("addr add 10.79.0.1/24 dev lp1");
    }

    @AfterAll
    static void closePeer() {
        if (peer != null) {
            peer.close();
        }
    }

    static class Listeners {
        final List<FdbEntry> fdb = new CopyOnWriteArrayList<>();
        final List<NeighborMessage> neighbours = new CopyOnWriteArrayList<>();
        final List<NsidMessage> nsids = new CopyOnWriteArrayList<>();
        final List<BridgeVlanMessage> vlans = new CopyOnWriteArrayList<>();
        final List<LinkStatsMessage> stats = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route")
        void onFdb(FdbEntry entry) {
            fdb.add(entry);
        }

        @NetlinkListener(connection = "route")
        void onNeighbour(NeighborMessage neighbour) {
            neighbours.add(neighbour);
        }

        @NetlinkListener(connection = "route")
        void onNsid(NsidMessage nsid) {
            nsids.add(nsid);
        }

        @NetlinkListener(connection = "route")
        void onVlan(BridgeVlanMessage vlan) {
            vlans.add(vlan);
        }

        @NetlinkListener(connection = "route", types = RouteMessageType.RTM_NEWSTATS)
        void onStats(LinkStatsMessage stats) {
            this.stats.add(stats);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class))
            .withPropertyValues("netlink.connections.route.netns=" + ns.path(),
                    "netlink.connections.route.groups=neigh,nsid,brvlan,stats")
            .withBean(Listeners.class);

    @Test
    void fdbEntriesAndNsidsArriveTyped() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            NetlinkReceiveLoop loop = context.getBean(NetlinkReceiveLoop.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
            Listeners listeners = context.getBean(Listeners.class);
            ns.exec("bridge", "fdb", "add", "02:00:00:00:00:77", "dev", "lp0", "master", "static");
            ns.ip("neigh add 10.79.0.2 lladdr 02:00:00:00:00:78 dev lp1 nud permanent");
            ns.ip("netns set " + peer.name() + " 9");
            MacAddress mac = MacAddress.parse("02:00:00:00:00:77");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(listeners.fdb).anySatisfy(e -> {
                    assertThat(e.type()).isEqualTo(RouteMessageType.RTM_NEWNEIGH);
                    assertThat(e.address()).isEqualTo(mac);
                    assertThat(e.state()).isEqualTo(FdbEntry.NUD_NOARP);
                    assertThat(e.stateName()).isEqualTo("static");
                    assertThat(e.master()).isNotNull();
                });
                assertThat(listeners.neighbours).anySatisfy(n -> assertThat(n.family()).isEqualTo(AddressFamily.BRIDGE));
                assertThat(listeners.neighbours).anySatisfy(n -> assertThat(n.family()).isEqualTo(AddressFamily.INET));
                assertThat(listeners.nsids).anySatisfy(n -> {
                    assertThat(n.type()).isEqualTo(RouteMessageType.RTM_NEWNSID);
                    assertThat(n.nsid()).isEqualTo(9);
                });
            });
            assertThat(listeners.fdb).as("an IPv4 neighbour is no FDB entry").allSatisfy(e ->
                    assertThat(e.address()).isNotEqualTo(MacAddress.parse("02:00:00:00:00:78")));
            ns.exec("bridge", "fdb", "del", "02:00:00:00:00:77", "dev", "lp0", "master");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(listeners.fdb).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo(RouteMessageType.RTM_DELNEIGH);
                assertThat(e.address()).isEqualTo(mac);
            }));
        });
    }

    @Test
    void bridgeVlanAndStatsNotificationsArriveTyped() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            Listeners listeners = context.getBean(Listeners.class);
            BridgeVlanMessage vlan = BridgeVlanMessage.of(RouteMessageType.RTM_NEWVLAN, 3,
                    List.of(BridgeVlanEntry.of(10, BridgeVlanEntry.BRIDGE_VLAN_INFO_PVID)));
            context.publishEvent(new NetlinkMessageEvent("route", Protocol.ROUTE, 33, "brvlan", vlan.toMessage(),
                    Instant.EPOCH));
            LinkStats zero = new LinkStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            LinkStatsMessage stats = new LinkStatsMessage(RouteMessageType.RTM_NEWSTATS, 0, 3,
                    LinkStatsMessage.FILTER_LINK_64, zero, null, null, null, null, List.of());
            context.publishEvent(new NetlinkMessageEvent("route", Protocol.ROUTE, 36, "stats", stats.toMessage(),
                    Instant.EPOCH));
            assertThat(listeners.vlans).containsExactly(vlan);
            assertThat(listeners.stats).containsExactly(stats);
            assertThat(listeners.fdb).isEmpty();
        });
    }

    @Test
    void eachRecordCarriesItsOwnTypes() {
        assertThat(TypedMessages.typesOf(FdbEntry.class)).containsExactly(RouteMessageType.RTM_NEWNEIGH,
                RouteMessageType.RTM_DELNEIGH);
        assertThat(TypedMessages.typesOf(NsidMessage.class)).containsExactly(RouteMessageType.RTM_NEWNSID,
                RouteMessageType.RTM_DELNSID);
        assertThat(TypedMessages.typesOf(BridgeVlanMessage.class)).containsExactly(RouteMessageType.RTM_NEWVLAN,
                RouteMessageType.RTM_DELVLAN);
        assertThat(TypedMessages.typesOf(LinkStatsMessage.class)).containsExactly(RouteMessageType.RTM_NEWSTATS);
        assertThat(TypedMessages.recordOf(RouteMessageType.RTM_NEWNEIGH)).isEqualTo(NeighborMessage.class);
        assertThat(TypedMessages.recordOf(RouteMessageType.RTM_DELNSID)).isEqualTo(NsidMessage.class);
        assertThat(TypedMessages.isTypedRecord(FdbEntry.class)).isTrue();
        assertThat(TypedMessages.typedRecordNames()).contains("FdbEntry", "NsidMessage", "BridgeVlanMessage",
                "LinkStatsMessage");
    }
}
