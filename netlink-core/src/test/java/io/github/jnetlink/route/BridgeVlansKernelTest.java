package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the real kernel answers {@link BridgeVlans} for a bridge without VLAN filtering, next to what
 * {@code bridge vlan global show} (iproute2's own {@code RTM_GETVLAN} dump) gets. A kernel built without
 * {@code CONFIG_BRIDGE_VLAN_FILTERING}, such as this one, refuses every VLAN request with EOPNOTSUPP; one built
 * with it lists no entries for a bridge whose {@code vlan_filtering} is 0.
 */
@NetlinkNamespace
class BridgeVlansKernelTest {

    static Netns ns;
    static Conn conn;
    static BridgeVlans vlans;
    static int port;
    static boolean supported;

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.ip("link add vbr0 type bridge");
        ns.ip("link add vp0 type veth peer name vp1");
        ns.ip("link set vp0 master vbr0");
        port = IpJson.of(ns, "link show vp0").get(0).get("ifindex").asInt();
        try {
            ns.exec("bridge", "-j", "vlan", "global", "show");
            supported = true;
        } catch (IllegalStateException e) {
            assertThat(e.getMessage()).contains("Operation not supported");
            supported = false;
        }
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        vlans = new BridgeVlans(conn);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    @Test
    void theDumpIsWhatBridgeVlanGlobalShowGets() {
        if (supported) {
            JsonNode bridge = JsonMapper.builder().build().readTree(ns.exec("bridge", "-j", "vlan", "global", "show"));
            List<BridgeVlanMessage> global = vlans.list(BridgeVlanMessage.BRIDGE_VLANDB_DUMPF_GLOBAL);
            assertThat(global).hasSize(bridge.size());
            assertThat(vlans.list(0)).allSatisfy(m -> assertThat(m.entries()).isNotEmpty());
        } else {
            assertThatThrownBy(() -> vlans.list(0)).isInstanceOfSatisfying(NetlinkErrorException.class,
                    e -> assertThat(e.errnoName()).isEqualTo("EOPNOTSUPP")).hasMessageContaining("list bridge VLANs");
            assertThatThrownBy(() -> vlans.list(BridgeVlanMessage.BRIDGE_VLANDB_DUMPF_GLOBAL))
                    .isInstanceOfSatisfying(NetlinkErrorException.class,
                            e -> assertThat(e.errnoName()).isEqualTo("EOPNOTSUPP"))
                    .hasMessageContaining("list bridge VLANs (dump flags 0x2)");
        }
    }

    @Test
    void addAndDeleteAreAnsweredAsBridgeVlanAddIs() {
        if (supported) {
            vlans.add(port, BridgeVlanEntry.of(10, BridgeVlanEntry.BRIDGE_VLAN_INFO_UNTAGGED));
            vlans.delete(port, BridgeVlanEntry.of(10, 0));
        } else {
            assertThatThrownBy(() -> ns.exec("bridge", "vlan", "add", "vid", "10", "dev", "vp0"))
                    .hasMessageContaining("Operation not supported");
            assertThatThrownBy(() -> vlans.add(port, BridgeVlanEntry.of(10, BridgeVlanEntry.BRIDGE_VLAN_INFO_UNTAGGED)))
                    .isInstanceOfSatisfying(NetlinkErrorException.class,
                            e -> assertThat(e.errnoName()).isEqualTo("EOPNOTSUPP"))
                    .hasMessageContaining("add bridge VLAN 10 of link " + port);
            assertThatThrownBy(() -> vlans.delete(port, BridgeVlanEntry.of(10, 0)))
                    .isInstanceOfSatisfying(NetlinkErrorException.class,
                            e -> assertThat(e.errnoName()).isEqualTo("EOPNOTSUPP"))
                    .hasMessageContaining("delete bridge VLAN 10 of link " + port);
        }
    }

    @Test
    void badArgumentsAreNamedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> vlans.add(port)).hasMessageContaining("add bridge VLANs: ")
                .hasMessageContaining("at least one VLAN");
        assertThatThrownBy(() -> vlans.add(0, BridgeVlanEntry.of(1, 0))).hasMessageContaining("must be positive, got 0");
        assertThatThrownBy(() -> vlans.delete(port, (BridgeVlanEntry) null)).hasMessageContaining("entries[0] is null");
        assertThatThrownBy(() -> vlans.list(-1, 0)).hasMessageContaining("must not be negative, got -1");
    }
}
