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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code IFA_RT_PRIORITY} ({@code metric}) and {@code IFA_PROTO} as the real kernel keeps and reports them,
 * compared with {@code ip -j addr}. iproute2 6.1 neither sets nor prints {@code IFA_PROTO} ({@code proto}
 * came in 6.3), so the protocol is set through {@link RouteClient#addAddress(AddressMessage)} and read back.
 */
@NetlinkNamespace
class AddressFieldsKernelTest {

    static Netns ns;
    static Conn conn;
    static RouteClient client;
    static int index;

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
        ns.ip("link set lo up");
        ns.ip("link add af0 type veth peer name af1");
        ns.ip("link set af0 up");
        ns.ip("link set af1 up");
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        client = new RouteClient(conn);
        index = client.link("af0").index();
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    static JsonNode ipAddress(String dev, InetAddress local) {
        for (JsonNode l : IpJson.of(ns, "addr show dev " + dev)) {
            for (JsonNode a : l.get("addr_info")) {
                if (ip(a.get("local").asString()).equals(local)) {
                    return a;
                }
            }
        }
        throw new AssertionError("ip -j addr shows no " + local.getHostAddress() + " on " + dev);
    }

    static AddressMessage ours(InetAddress local) {
        return client.addresses().stream().filter(a -> local.equals(a.localAddress())).findFirst().orElseThrow();
    }

    @Test
    void metricIsWhatIpAddrShows() {
        ns.ip("addr add 10.0.0.1/24 dev af0 metric 77");
        ns.ip("-6 addr add 2001:db8::1/64 dev af0 metric 88 nodad");
        ns.ip("addr add 10.0.1.1/24 dev af0");
        for (InetAddress a : List.of(ip("10.0.0.1"), ip("2001:db8::1"), ip("10.0.1.1"))) {
            AddressMessage m = ours(a);
            JsonNode j = ipAddress("af0", a);
            assertThat(m.metric()).as(a.getHostAddress()).isEqualTo(j.has("metric") ? j.get("metric").asInt() : null);
            assertThat(m.unknown()).as(a.getHostAddress()).isEmpty();
        }
        assertThat(ours(ip("10.0.0.1")).metric()).isEqualTo(77);
        assertThat(ours(ip("2001:db8::1")).metric()).isEqualTo(88);
        assertThat(ours(ip("10.0.1.1")).metric()).isNull();
        // the prefix route takes the metric
        assertThat(IpJson.of(ns, "route show 10.0.0.0/24").get(0).get("metric").asInt()).isEqualTo(77);
    }

    @Test
    void protocolAndMetricSetFromTheRecordComeBack() {
        client.addAddress(AddressMessage.of(index, ip("10.0.2.1"), 24).toBuilder().protocol(99).metric(55).build());
        AddressMessage m = ours(ip("10.0.2.1"));
        assertThat(m.protocol()).isEqualTo(99);
        assertThat(m.metric()).isEqualTo(55);
        assertThat(ipAddress("af0", ip("10.0.2.1")).get("metric").asInt()).isEqualTo(55);
        assertThat(m.unknown()).isEmpty();
    }

    @Test
    void kernelAddressesCarryTheKernelsProtocols() throws InterruptedException {
        // IPv4's loopback address goes without IFA_PROTO: only addrconf marks the addresses it adds
        assertThat(ours(ip("127.0.0.1")).protocol()).isNull();
        assertThat(ours(ip("::1")).protocol()).isEqualTo(AddressMessage.IFAPROT_KERNEL_LO);
        // addrconf adds the link-local address once the link has carrier, which linkwatch reports late
        AddressMessage linkLocal = null;
        for (long end = System.nanoTime() + 5_000_000_000L; linkLocal == null && System.nanoTime() < end; ) {
            linkLocal = client.addresses().stream()
                    .filter(a -> a.index() == index && a.localAddress().isLinkLocalAddress()).findFirst().orElse(null);
            if (linkLocal == null) {
                Thread.sleep(50);
            }
        }
        assertThat(linkLocal).as("link-local address of af0").isNotNull();
        assertThat(linkLocal.protocol()).isEqualTo(AddressMessage.IFAPROT_KERNEL_LL);
        assertThat(ours(ip("127.0.0.1")).metric()).isNull();
    }
}
