package io.github.jnetlink.family.netdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The generated netdev client's {@code dev-get} against the kernel, in a namespace with lo and a veth pair. */
@NetlinkNamespace
class NetdevKernelTest {

    static Netns ns;
    static Conn conn;
    static NetdevClient netdev;

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.ip("link add veth0 type veth peer name veth1");
        ns.ip("link set veth0 up");
        conn = ns.dial(Protocol.GENERIC);
        netdev = new NetdevClient(conn);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    static int ifindex(String name) {
        for (JsonNode l : IpJson.of(ns, "link show")) {
            if (l.get("ifname").asString().equals(name)) {
                return l.get("ifindex").asInt();
            }
        }
        throw new AssertionError("ip does not show " + name);
    }

    @Test
    void dumpListsTheDevicesIpShows() {
        Set<Long> expected = new TreeSet<>();
        IpJson.of(ns, "link show").forEach(l -> expected.add(l.get("ifindex").asLong()));
        Set<Long> got = new TreeSet<>();
        for (DevAttrs d : netdev.devGetDump(null)) {
            got.add(d.ifindex());
        }
        assertThat(got).isEqualTo(expected);
        List<Long> streamed = new ArrayList<>();
        long n = netdev.devGetDump(null, d -> streamed.add(d.ifindex()));
        assertThat(n).isEqualTo(expected.size());
        assertThat(new TreeSet<>(streamed)).isEqualTo(expected);
    }

    @Test
    void doReturnsOneDeviceWithItsXdpFeatures() {
        DevAttrs lo = netdev.devGet(DevAttrs.builder().ifindex((long) ifindex("lo")).build());
        assertThat(lo.ifindex()).isEqualTo(ifindex("lo"));
        // loopback has no XDP support at all; veth implements XDP in its NAPI path and redirects
        assertThat(lo.xdpFeaturesFlags()).isEmpty();
        DevAttrs veth = netdev.devGet(DevAttrs.builder().ifindex((long) ifindex("veth0")).build());
        assertThat(veth.ifindex()).isEqualTo(ifindex("veth0"));
        assertThat(veth.xdpFeaturesFlags()).contains(XdpAct.BASIC, XdpAct.REDIRECT);
        assertThat(veth.xdpFeatures()).isEqualTo(XdpAct.toMask(veth.xdpFeaturesFlags()));
        assertThat(veth.unknownAttributes()).allSatisfy(a -> assertThat(DevAttrs.attributeName(a.type())).isNull());
    }

    @Test
    void requestAttributesOutsideTheOperationAreRefusedBeforeSending() {
        assertThatThrownBy(() -> netdev.devGet(DevAttrs.builder().ifindex(1L).xdpZcMaxSegs(3L).build()))
                .isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("netdev dev-get").hasMessageContaining("xdp-zc-max-segs");
        assertThatThrownBy(() -> netdev.devGetDump(DevAttrs.builder().ifindex(1L).build()))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("ifindex");
    }

    @Test
    void aMissingDeviceIsTheKernelsError() {
        assertThatThrownBy(() -> netdev.devGet(DevAttrs.builder().ifindex(999_999L).build()))
                .isInstanceOf(NetlinkErrorException.class).hasMessageContaining("netdev dev-get");
    }
}
