package io.github.jnetlink.family.tcpmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The generated tcp_metrics client against the metrics the kernel saved in a namespace: TCP connections to
 * listeners on 127.0.0.1, 10.19.0.1 and ::1 exchange data and close, and the kernel keeps each destination's
 * RTT and congestion window. The {@code get} dump and {@code get} are compared with {@code ip tcp_metrics show}
 * (text: ip has no JSON for it), then {@code del} removes one entry and, with no address, all of them.
 */
@NetlinkNamespace
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TcpMetricsKernelTest {

    static final String[] DESTINATIONS = {"10.19.0.1", "127.0.0.1", "::1"};

    static Netns ns;
    static Conn conn;
    static TcpMetricsClient metrics;

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.ip("link set lo up");
        ns.ip("addr add 10.19.0.1/32 dev lo");
        // metrics are saved when a connection with RTT samples closes (net.ipv4.tcp_no_metrics_save=0, the default)
        ns.exec("python3", "-c", String.join("\n",
                "import socket, sys",
                "for a in sys.argv[1:]:",
                "    fam = socket.AF_INET6 if ':' in a else socket.AF_INET",
                "    l = socket.socket(fam, socket.SOCK_STREAM); l.bind((a, 0)); l.listen(1)",
                "    c = socket.create_connection((a, l.getsockname()[1])); s, _ = l.accept()",
                "    for i in range(20):",
                "        c.sendall(b'x' * 1000); s.recv(65536); s.sendall(b'y' * 1000); c.recv(65536)",
                "    c.close(); s.close(); l.close()"), DESTINATIONS[0], DESTINATIONS[1], DESTINATIONS[2]);
        conn = ns.dial(Protocol.GENERIC);
        metrics = new TcpMetricsClient(conn);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    /** One line of {@code ip tcp_metrics show}: the destination, then name and value pairs. */
    static Map<String, Map<String, String>> shown() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String line : ns.ip("tcp_metrics", "show").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] t = line.trim().split("\\s+");
            Map<String, String> pairs = new HashMap<>();
            for (int i = 1; i + 1 < t.length; i += 2) {
                pairs.put(t[i], t[i + 1]);
            }
            out.put(canonical(t[0]), pairs);
        }
        return out;
    }

    static String canonical(String address) {
        return address(bytes(address));
    }

    static byte[] bytes(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(text, e);
        }
    }

    static String address(byte[] b) {
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static String destination(TcpMetricsAttrs m) {
        return m.addrIpv4() != null ? address(ByteBuffer.allocate(4).putInt((int) (long) m.addrIpv4()).array()) : address(m.addrIpv6());
    }

    static String source(TcpMetricsAttrs m) {
        return m.saddrIpv4() != null ? address(ByteBuffer.allocate(4).putInt((int) (long) m.saddrIpv4()).array()) : address(m.saddrIpv6());
    }

    /** ip's {@code 12us} or {@code 3.112sec}, in the unit given. */
    static long number(String text, String unit) {
        assertThat(text).endsWith(unit);
        return Long.parseLong(text.substring(0, text.length() - unit.length()).replace(".", ""));
    }

    @Test
    @Order(1)
    void dumpHoldsTheEntriesIpShows() {
        Map<String, TcpMetricsAttrs> dumped = new TreeMap<>();
        for (TcpMetricsAttrs m : metrics.getDump(null)) {
            dumped.put(destination(m), m);
        }
        Map<String, Map<String, String>> shown = shown();
        assertThat(dumped.keySet()).isEqualTo(shown.keySet()).containsExactlyInAnyOrder(
                canonical(DESTINATIONS[0]), canonical(DESTINATIONS[1]), canonical(DESTINATIONS[2]));
        for (Map.Entry<String, TcpMetricsAttrs> e : dumped.entrySet()) {
            assertEntry(e.getValue(), shown.get(e.getKey()));
            // a connection to a local address comes from that address
            assertThat(source(e.getValue())).isEqualTo(e.getKey());
        }
    }

    static void assertEntry(TcpMetricsAttrs m, Map<String, String> ip) {
        assertThat(source(m)).isEqualTo(canonical(ip.get("source")));
        MetricsAttrs vals = m.vals();
        assertThat(vals.cwnd()).isEqualTo(Long.parseLong(ip.get("cwnd")));
        // the kernel keeps the socket's scaled values, srtt_us (8 times the RTT) and mdev_us (4 times its variance);
        // ip prints them unscaled, from the microsecond attributes
        assertThat(vals.rttUs() >> 3).isEqualTo(number(ip.get("rtt"), "us"));
        assertThat(vals.rttvarUs() >> 2).isEqualTo(number(ip.get("rttvar"), "us"));
        // TCP_METRIC_RTT and TCP_METRIC_RTTVAR are the same in milliseconds, at least 1
        assertThat(vals.rtt()).isEqualTo(Math.max(vals.rttUs() / 1000, 1));
        assertThat(vals.rttvar()).isEqualTo(Math.max(vals.rttvarUs() / 1000, 1));
        // age in milliseconds; ip asked after us, so it saw the entry a little older
        long ipAge = number(ip.get("age"), "sec");
        assertThat(ipAge).isGreaterThanOrEqualTo(m.age()).isLessThan(m.age() + 60_000);
    }

    @Test
    @Order(2)
    void getReturnsOneDestinationsEntry() {
        TcpMetricsAttrs got = metrics.get(TcpMetricsAttrs.builder().addrIpv4(ipv4(DESTINATIONS[0])).saddrIpv4(ipv4(DESTINATIONS[0])).build());
        assertThat(destination(got)).isEqualTo(DESTINATIONS[0]);
        assertEntry(got, shown().get(DESTINATIONS[0]));
        TcpMetricsAttrs v6 = metrics.get(TcpMetricsAttrs.builder().addrIpv6(bytes("::1")).saddrIpv6(bytes("::1")).build());
        assertThat(destination(v6)).isEqualTo(canonical("::1"));
        assertEntry(v6, shown().get(canonical("::1")));
        assertThatThrownBy(() -> metrics.get(TcpMetricsAttrs.builder().addrIpv4(ipv4("10.19.0.99")).build()))
                .isInstanceOf(NetlinkErrorException.class).hasMessageContaining("tcp_metrics get");
    }

    @Test
    @Order(3)
    void delOfOneAddressRemovesOnlyItsEntry() {
        metrics.del(TcpMetricsAttrs.builder().addrIpv4(ipv4(DESTINATIONS[1])).build());
        assertThat(shown().keySet()).containsExactlyInAnyOrder(canonical(DESTINATIONS[0]), canonical(DESTINATIONS[2]));
        assertThat(metrics.getDump(null)).extracting(TcpMetricsAttrs::addrIpv4).doesNotContain(ipv4(DESTINATIONS[1]));
    }

    @Test
    @Order(4)
    void delWithoutAnAddressFlushesThemAll() {
        metrics.del(null);
        assertThat(metrics.getDump(null)).isEmpty();
        assertThat(ns.ip("tcp_metrics", "show")).isBlank();
    }

    static long ipv4(String text) {
        return ByteBuffer.wrap(bytes(text)).getInt() & 0xFFFF_FFFFL;
    }
}
