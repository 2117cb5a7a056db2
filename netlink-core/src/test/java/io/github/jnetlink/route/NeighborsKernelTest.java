package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@link Neighbors} against the real kernel: cache and proxy entries by family, link and master compared with
 * {@code ip -j [-4|-6] neigh show [proxy] dev D master M}, with the kernel filtering ({@code NLM_F_DUMP_FILTERED}
 * seen) and on a connection without strict checking; get, and add, replace, change and delete of cache and proxy
 * entries checked with {@code ip neigh show}.
 */
@NetlinkNamespace
class NeighborsKernelTest {

    static Netns ns;
    static Conn strictConn;
    static Conn plainConn;
    static Neighbors strict;
    static Neighbors plain;
    static final Map<String, Integer> INDEX = new HashMap<>();
    static final Map<Integer, String> NAME = new HashMap<>();

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.batch(List.of(
                "link set lo up",
                "link add br0 type bridge",
                "link add va type veth peer name vb",
                "link add vc type veth peer name vd",
                "link set vc master br0",
                "link set va up", "link set vc up",
                "neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev va nud permanent",
                "neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev va nud noarp",
                "neigh add 10.0.1.2 lladdr 02:00:00:00:00:12 dev vc nud permanent",
                "neigh add proxy 10.0.0.9 dev va",
                "neigh add proxy 10.0.1.9 dev vc"));
        ns.ip("-6 neigh add 2001:db8::2 lladdr 02:00:00:00:00:62 dev va nud permanent");
        ns.ip("-6 neigh add proxy 2001:db8::9 dev va");
        strictConn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        plainConn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        strict = new Rtnetlink(strictConn).neighbors();
        plain = new Rtnetlink(plainConn, false).neighbors();
        IpJson.of(ns, "link show").forEach(l -> {
            INDEX.put(l.get("ifname").asString(), l.get("ifindex").asInt());
            NAME.put(l.get("ifindex").asInt(), l.get("ifname").asString());
        });
    }

    @AfterAll
    static void tearDown() {
        for (Conn c : new Conn[] {strictConn, plainConn}) {
            if (c != null) {
                c.close();
            }
        }
    }

    static String key(NeighborMessage n) {
        return n.destination().getHostAddress() + " dev " + NAME.get(n.index()) + " lladdr " + n.linkLayerAddress()
                + " " + (n.proxy() ? "proxy" : n.stateName());
    }

    static String key(JsonNode j, String dev) {
        String state = j.has("proxy") ? "proxy" : j.get("state").get(0).asString();
        return ip(j.get("dst").asString()).getHostAddress() + " dev " + (j.has("dev") ? j.get("dev").asString() : dev)
                + " lladdr " + (j.has("lladdr") ? j.get("lladdr").asString() : null) + " " + state;
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                // ip leaves out NOARP entries unless asked for every state
                Arguments.of(AddressFamily.UNSPEC, null, null, false, "neigh show nud all"),
                Arguments.of(AddressFamily.UNSPEC, "va", null, false, "neigh show dev va nud all"),
                Arguments.of(AddressFamily.INET6, "va", null, false, "-6 neigh show dev va nud all"),
                Arguments.of(AddressFamily.INET, null, "br0", false, "-4 neigh show master br0 nud all"),
                Arguments.of(AddressFamily.UNSPEC, null, null, true, "neigh show proxy"),
                Arguments.of(AddressFamily.UNSPEC, "vc", null, true, "neigh show proxy dev vc"),
                Arguments.of(AddressFamily.INET6, null, null, true, "-6 neigh show proxy"),
                Arguments.of(AddressFamily.UNSPEC, null, "br0", true, "neigh show proxy master br0"));
    }

    static NeighborFilter filter(int family, String dev, String master, boolean proxy) {
        return NeighborFilter.builder().family(family).index(dev == null ? 0 : INDEX.get(dev))
                .master(master == null ? 0 : INDEX.get(master)).proxy(proxy).build();
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("filters")
    void kernelFilteredListsAreWhatIpShows(int family, String dev, String master, boolean proxy, String args) {
        FilteredDumps.FilteredList<NeighborMessage> got = strict.listing(filter(family, dev, master, proxy));
        List<String> expected = new ArrayList<>();
        IpJson.of(ns, args).forEach(j -> {
            if (!ip(j.get("dst").asString()).isMulticastAddress()) {
                expected.add(key(j, dev));
            }
        });
        // the kernel adds multicast entries (ff02::16 for MLD) when it likes: left out on both sides
        assertThat(got.items().stream().filter(n -> !n.destination().isMulticastAddress())
                .map(NeighborsKernelTest::key).toList()).as(args)
                .containsExactlyInAnyOrderElementsOf(expected).isNotEmpty();
        assertThat(got.items()).allSatisfy(n -> assertThat(n.proxy()).isEqualTo(proxy));
        if (dev != null || master != null) {
            assertThat(got.kernelFiltered()).as("NLM_F_DUMP_FILTERED on every reply").isTrue();
        }
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("filters")
    void listsWithoutStrictCheckingAreTheSame(int family, String dev, String master, boolean proxy, String args) {
        assertThat(plain.list(filter(family, dev, master, proxy)).stream().filter(n -> !n.destination()
                .isMulticastAddress()).map(NeighborsKernelTest::key).toList()).as(args)
                .containsExactlyElementsOf(strict.list(filter(family, dev, master, proxy)).stream()
                        .filter(n -> !n.destination().isMulticastAddress()).map(NeighborsKernelTest::key).toList());
    }

    @Test
    void getFindsOneEntryAsIpNeighGet() {
        int va = INDEX.get("va");
        NeighborMessage got = strict.get(va, ip("10.0.0.2"));
        assertThat(key(got)).isEqualTo(key(IpJson.of(ns, "neigh show to 10.0.0.2 dev va nud all").get(0), "va"));
        assertThat(strict.get(va, ip("2001:db8::2")).linkLayerAddress()).isEqualTo(MacAddress.parse("02:00:00:00:00:62"));
        assertThat(key(strict.getProxy(va, ip("10.0.0.9")))).isEqualTo("10.0.0.9 dev va lladdr null proxy");
        assertThatThrownBy(() -> strict.get(va, ip("10.0.0.99"))).isInstanceOfSatisfying(NetlinkErrorException.class,
                e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.getMessage()).contains("get neighbour 10.0.0.99 of link " + va);
                });
        assertThatThrownBy(() -> strict.get(99999, ip("10.0.0.2"))).isInstanceOfSatisfying(NetlinkErrorException.class,
                e -> assertThat(e.errnoName()).isEqualTo("ENODEV"));
    }

    @Test
    void addReplaceChangeDeleteRoundTrip() {
        int va = INDEX.get("va");
        NeighborMessage entry = NeighborMessage.builder().family(AddressFamily.INET).index(va)
                .state(NeighborMessage.NUD_PERMANENT).destination(ip("10.0.0.20"))
                .linkLayerAddress(MacAddress.parse("02:00:00:00:00:20")).build();
        strict.add(entry);
        assertThat(key(IpJson.of(ns, "neigh show to 10.0.0.20 dev va nud all").get(0), "va"))
                .isEqualTo("10.0.0.20 dev va lladdr 02:00:00:00:00:20 PERMANENT");
        assertThatThrownBy(() -> strict.add(entry)).isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("EEXIST");
            assertThat(e.getMessage()).contains("add neighbour 10.0.0.20 of link " + va);
        });
        strict.replace(entry.toBuilder().linkLayerAddress(MacAddress.parse("02:00:00:00:00:21")).build());
        assertThat(key(IpJson.of(ns, "neigh show to 10.0.0.20 dev va nud all").get(0), "va"))
                .isEqualTo("10.0.0.20 dev va lladdr 02:00:00:00:00:21 PERMANENT");
        strict.change(entry.toBuilder().state(NeighborMessage.NUD_NOARP).build());
        assertThat(key(IpJson.of(ns, "neigh show to 10.0.0.20 dev va nud all").get(0), "va"))
                .isEqualTo("10.0.0.20 dev va lladdr 02:00:00:00:00:20 NOARP");
        assertThatThrownBy(() -> strict.change(entry.toBuilder().destination(ip("10.0.0.21")).build()))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOENT"));
        strict.delete(entry);
        assertThat(IpJson.of(ns, "neigh show to 10.0.0.20 dev va nud all")).isEmpty();
        assertThatThrownBy(() -> strict.delete(entry)).isInstanceOfSatisfying(NetlinkErrorException.class,
                e -> assertThat(e.errnoName()).isEqualTo("ENOENT"));

        NeighborMessage proxy = NeighborMessage.builder().family(AddressFamily.INET).index(va)
                .flags(NeighborMessage.NTF_PROXY).destination(ip("10.0.0.30")).build();
        strict.add(proxy);
        assertThat(strict.list(NeighborFilter.PROXIES).stream().map(NeighborsKernelTest::key))
                .contains("10.0.0.30 dev va lladdr null proxy");
        assertThat(IpJson.of(ns, "neigh show proxy to 10.0.0.30")).hasSize(1);
        strict.delete(proxy);
        assertThat(IpJson.of(ns, "neigh show proxy to 10.0.0.30")).isEmpty();
        assertThatThrownBy(() -> strict.delete(proxy)).isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("ENOENT");
            assertThat(e.getMessage()).contains("delete proxy neighbour 10.0.0.30");
        });
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> strict.list(null)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("filter must not be null");
        assertThatThrownBy(() -> NeighborFilter.builder().master(-1).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("master -1");
        assertThatThrownBy(() -> strict.get(0, ip("10.0.0.2"))).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("index must be positive");
        assertThatThrownBy(() -> strict.get(1, null)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("destination must not be null");
        assertThatThrownBy(() -> strict.add(null)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("add neighbour");
    }
}
