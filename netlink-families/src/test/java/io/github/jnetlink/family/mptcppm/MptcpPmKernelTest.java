package io.github.jnetlink.family.mptcppm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The generated mptcp_pm client against the in-kernel path manager of a namespace: limits and endpoints set
 * through it, read back with {@code get-limits}, {@code get-addr} and its dump, and compared with
 * {@code ip mptcp limits show} and {@code ip -j mptcp endpoint show}; then {@code del-addr} and {@code flush-addrs}.
 */
@NetlinkNamespace
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MptcpPmKernelTest {

    /** MPTCP_PM_ADDR_FLAG_*, as ip names them. */
    static final Map<String, Long> FLAGS = Map.of("signal", 1L, "subflow", 2L, "backup", 4L, "fullmesh", 8L);
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static Netns ns;
    static Conn conn;
    static MptcpPmClient pm;

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.ip("link add veth0 type veth peer name veth1");
        // a signal endpoint with a port listens on its address: the address must be the namespace's own
        ns.ip("addr add 10.18.0.1/24 dev veth0");
        conn = ns.dial(Protocol.GENERIC);
        pm = new MptcpPmClient(conn);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    static int ifindex(String name) {
        return IpJson.of(ns, "link show dev " + name).get(0).get("ifindex").asInt();
    }

    @Test
    @Order(1)
    void limitsSetThroughTheClientAreWhatIpShows() {
        pm.setLimits(AttrAttrs.builder().rcvAddAddrs(4L).subflows(3L).build());
        AttrAttrs got = pm.getLimits(null);
        // ip 6.1 prints the limits as text even with -j
        Matcher m = Pattern.compile("add_addr_accepted (\\d+) subflows (\\d+)").matcher(ns.ip("mptcp", "limits", "show"));
        assertThat(m.find()).isTrue();
        assertThat(got.rcvAddAddrs()).isEqualTo(Long.parseLong(m.group(1))).isEqualTo(4L);
        assertThat(got.subflows()).isEqualTo(Long.parseLong(m.group(2))).isEqualTo(3L);
        // above MPTCP_PM_ADDR_MAX (8) the kernel refuses
        assertThatThrownBy(() -> pm.setLimits(AttrAttrs.builder().subflows(9L).build()))
                .isInstanceOf(NetlinkErrorException.class).hasMessageContaining("mptcp_pm set-limits");
        assertThat(pm.getLimits(null).subflows()).isEqualTo(3L);
    }

    @Test
    @Order(2)
    void endpointsAddedThroughTheClientAreWhatIpShows() {
        pm.addAddr(endpoint(AddressAttrs.builder().family(AF_INET).addr4(v4("10.18.0.1")).id(5).port(1234)
                .ifIdx(ifindex("veth0")).flags(FLAGS.get("signal")).build()));
        pm.addAddr(endpoint(AddressAttrs.builder().family(AF_INET).addr4(v4("10.18.0.3")).id(6)
                .flags(FLAGS.get("subflow") | FLAGS.get("fullmesh")).build()));
        pm.addAddr(endpoint(AddressAttrs.builder().family(AF_INET6).addr6(address("2001:db8::1")).id(7)
                .ifIdx(ifindex("veth1")).flags(FLAGS.get("subflow") | FLAGS.get("backup")).build()));

        Map<Integer, AddressAttrs> dumped = new TreeMap<>();
        for (AttrAttrs a : pm.getAddrDump(null)) {
            dumped.put(a.addr().id(), a.addr());
        }
        Map<Integer, JsonNode> shown = new TreeMap<>();
        for (JsonNode e : IpJson.of(ns, "mptcp endpoint show")) {
            shown.put(e.get("id").asInt(), e);
        }
        assertThat(dumped.keySet()).isEqualTo(shown.keySet()).containsExactly(5, 6, 7);
        for (Map.Entry<Integer, JsonNode> e : shown.entrySet()) {
            AddressAttrs fromDump = dumped.get(e.getKey());
            AddressAttrs fromGet = pm.getAddr(AttrAttrs.builder().addr(AddressAttrs.builder().id(e.getKey()).build()).build()).addr();
            for (AddressAttrs a : java.util.List.of(fromDump, fromGet)) {
                assertMatches(a, e.getValue());
            }
        }
        assertThat(dumped.get(5).port()).isEqualTo(1234);
        assertThat(dumped.get(7).flags()).isEqualTo(FLAGS.get("subflow") | FLAGS.get("backup"));
    }

    static void assertMatches(AddressAttrs a, JsonNode ip) {
        assertThat(a.id()).isEqualTo(ip.get("id").asInt());
        assertThat(bytes(a)).isEqualTo(address(ip.get("address").asString()));
        Map<String, Long> flags = new LinkedHashMap<>();
        FLAGS.forEach((name, bit) -> {
            if ((a.flags() & bit) != 0) {
                flags.put(name, bit);
            }
        });
        Map<String, Long> shownFlags = new LinkedHashMap<>();
        FLAGS.forEach((name, bit) -> {
            if (ip.has(name) && ip.get(name).asBoolean()) {
                shownFlags.put(name, bit);
            }
        });
        assertThat(flags).isEqualTo(shownFlags);
        if (ip.has("dev")) {
            assertThat(a.ifIdx()).isEqualTo(ifindex(ip.get("dev").asString()));
        } else {
            // the kernel leaves if-idx out when the endpoint has no device
            assertThat(a.ifIdx()).isNull();
        }
        if (ip.has("port")) {
            assertThat(a.port()).isEqualTo(ip.get("port").asInt());
        } else {
            // the kernel always sends a port, ip leaves 0 out
            assertThat(a.port()).isZero();
        }
    }

    @Test
    @Order(3)
    void delAddrRemovesTheEndpointIpNoLongerShows() {
        pm.delAddr(endpoint(AddressAttrs.builder().id(6).build()));
        Map<Integer, JsonNode> shown = new TreeMap<>();
        IpJson.of(ns, "mptcp endpoint show").forEach(e -> shown.put(e.get("id").asInt(), e));
        Map<Integer, AddressAttrs> dumped = new TreeMap<>();
        pm.getAddrDump(null).forEach(a -> dumped.put(a.addr().id(), a.addr()));
        assertThat(dumped.keySet()).isEqualTo(shown.keySet()).containsExactly(5, 7);
        assertThatThrownBy(() -> pm.getAddr(AttrAttrs.builder().addr(AddressAttrs.builder().id(6).build()).build()))
                .isInstanceOf(NetlinkErrorException.class).hasMessageContaining("mptcp_pm get-addr");
    }

    @Test
    @Order(4)
    void flushLeavesIpNoEndpointToShow() {
        pm.flushAddrs(endpoint(AddressAttrs.builder().build()));
        assertThat(pm.getAddrDump(null)).isEmpty();
        assertThat(IpJson.of(ns, "mptcp endpoint show").size()).isZero();
        // the limits are not endpoints: a flush keeps them
        assertThat(pm.getLimits(null).rcvAddAddrs()).isEqualTo(4L);
    }

    static EndpointAttrs endpoint(AddressAttrs address) {
        return EndpointAttrs.builder().addr(address).build();
    }

    static long v4(String text) {
        return ByteBuffer.wrap(address(text)).getInt() & 0xFFFF_FFFFL;
    }

    static byte[] address(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(text, e);
        }
    }

    /** The endpoint's address, four bytes for IPv4 or sixteen for IPv6. */
    static byte[] bytes(AddressAttrs a) {
        if (a.family() == AF_INET) {
            return ByteBuffer.allocate(4).putInt((int) (long) a.addr4()).array();
        }
        assertThat(a.family()).isEqualTo(AF_INET6);
        assertThat(a.addr4()).isNull();
        return a.addr6();
    }
}
