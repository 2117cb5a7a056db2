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
 * {@link Routes} against the real kernel: filtered lists compared with {@code ip -j -N route show} given the
 * same filter, once with the kernel filtering (strict checking on, {@code NLM_F_DUMP_FILTERED} seen) and once on
 * a connection without strict checking, where the same list must come from the local filter; lookups, and
 * add, replace, change and delete checked with {@code ip route show}.
 */
@NetlinkNamespace
class RoutesKernelTest {

    static Netns ns;
    static Conn strictConn;
    static Conn plainConn;
    static Routes strict;
    static Routes plain;
    static Rtnetlink rt;
    static int va;
    static int vc;
    static final Map<Integer, String> NAMES = new HashMap<>();

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.batch(List.of(
                "link set lo up",
                "link add va type veth peer name vb",
                "link add vc type veth peer name vd",
                "link set va up", "link set vb up", "link set vc up", "link set vd up",
                "addr add 10.0.0.1/24 dev va",
                "addr add 10.0.1.1/24 dev vc"));
        // one ip each: iproute2 6.1's -batch carries a numeric protocol over to the lines after it
        for (String route : List.of(
                "route add 10.1.0.0/16 via 10.0.0.2 table 100 proto static",
                "route add 10.2.0.0/16 dev vc table 100 proto 99",
                "route add blackhole 10.3.0.0/16 table 100 proto static",
                "route add 10.4.0.0/16 table 100 nexthop via 10.0.0.2 dev va nexthop via 10.0.1.2 dev vc",
                "route add 10.1.0.0/16 via 10.0.1.2 table 200 proto static",
                "route add unreachable 10.5.0.0/16 table 200",
                "route add 10.6.0.0/16 via 10.0.0.2 proto static",
                "route add 10.7.0.0/16 dev va table 70000 proto 99")) {
            ns.ip(route);
        }
        ns.ip("-6 addr add 2001:db8::1/64 dev va nodad");
        ns.ip("-6 route add 2001:db8:1::/48 via 2001:db8::2 table 100 proto static");
        ns.ip("-6 route add 2001:db8:2::/48 dev va table 200 proto 99");
        strictConn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        plainConn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        rt = new Rtnetlink(strictConn);
        strict = rt.routes();
        plain = new Rtnetlink(plainConn, false).routes();
        IpJson.of(ns, "link show").forEach(l -> NAMES.put(l.get("ifindex").asInt(), l.get("ifname").asString()));
        va = index("va");
        vc = index("vc");
    }

    @AfterAll
    static void tearDown() {
        for (Conn c : new Conn[] {strictConn, plainConn}) {
            if (c != null) {
                c.close();
            }
        }
    }

    static int index(String name) {
        return NAMES.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst().orElseThrow().getKey();
    }

    /** A route in the words of {@code ip -N route}: family, destination, gateway, link, protocol, type. */
    static String key(RouteMessage r) {
        String dst = r.destination() == null ? "default" : r.destination().getHostAddress() + "/" + r.destinationLength();
        StringBuilder b = new StringBuilder(AddressFamily.name(r.family())).append(' ').append(dst);
        if (r.gateway() != null) {
            b.append(" via ").append(r.gateway().getHostAddress());
        }
        if (r.outputInterface() != null) {
            b.append(" dev ").append(NAMES.get(r.outputInterface()));
        }
        for (NextHop h : r.nextHops()) {
            b.append(" nexthop via ").append(h.gateway().getHostAddress()).append(" dev ").append(NAMES.get(h.index()));
        }
        return b.append(" proto ").append(r.protocol()).append(" type ").append(r.routeType()).toString();
    }

    static String key(String family, JsonNode j, String dev, RouteFilter filter) {
        String dst = j.get("dst").asString();
        if (!dst.equals("default")) {
            String[] parts = dst.split("/");
            dst = ip(parts[0]).getHostAddress() + "/"
                    + (parts.length > 1 ? parts[1] : family.equals("inet") ? "32" : "128");
        }
        StringBuilder b = new StringBuilder(family).append(' ').append(dst);
        if (j.has("gateway")) {
            b.append(" via ").append(ip(j.get("gateway").asString()).getHostAddress());
        }
        if (j.has("dev") || (dev != null && !j.has("nexthops"))) {
            b.append(" dev ").append(j.has("dev") ? j.get("dev").asString() : dev);
        }
        if (j.has("nexthops")) {
            j.get("nexthops").forEach(h -> b.append(" nexthop via ").append(ip(h.get("gateway").asString())
                    .getHostAddress()).append(" dev ").append(h.get("dev").asString()));
        }
        // ip leaves out protocol boot (3), type unicast (1), and what it was asked to filter by
        String protocol = filter.protocol() != 0 ? Integer.toString(filter.protocol()) : "3";
        String type = filter.routeType() != 0 ? Integer.toString(filter.routeType()) : "1";
        return b.append(" proto ").append(j.has("protocol") ? j.get("protocol").asString() : protocol)
                .append(" type ").append(j.has("type") ? j.get("type").asString() : type).toString();
    }

    /** What ip shows for {@code ip [-4|-6] -N route show ARGS}, IPv4 then IPv6 for family 0. */
    static List<String> ipShows(RouteFilter filter, String args, String dev) {
        int family = filter.family();
        List<String> out = new ArrayList<>();
        if (family != AddressFamily.INET6) {
            IpJson.of(ns, "-4 -N route show " + args).forEach(j -> out.add(key("inet", j, dev, filter)));
        }
        if (family != AddressFamily.INET) {
            IpJson.of(ns, "-6 -N route show " + args).forEach(j -> out.add(key("inet6", j, dev, filter)));
        }
        return out;
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of(RouteFilter.builder().table(100).build(), "table 100", null),
                Arguments.of(RouteFilter.builder().table(100).protocol(RouteMessage.RTPROT_STATIC).build(),
                        "table 100 proto static", null),
                Arguments.of(RouteFilter.builder().family(AddressFamily.INET6).table(200).build(), "table 200", null),
                Arguments.of(RouteFilter.builder().family(AddressFamily.INET).table(100)
                        .routeType(RouteMessage.RTN_BLACKHOLE).build(), "table 100 type blackhole", null),
                Arguments.of(RouteFilter.builder().protocol(99).build(), "table all proto 99", null),
                Arguments.of(RouteFilter.builder().family(AddressFamily.INET).table(70000).build(), "table 70000",
                        null),
                Arguments.of(RouteFilter.builder().family(AddressFamily.INET).table(100).build(), "table 100 dev vc",
                        "vc"),
                Arguments.of(RouteFilter.builder().build(), "table all dev va", "va"),
                Arguments.of(RouteFilter.builder().family(AddressFamily.INET).build(), "table all", null),
                Arguments.of(RouteFilter.builder().table(RouteMessage.RT_TABLE_MAIN).build(), "table main", null));
    }

    /** The link's index is known only once the namespace exists. */
    static RouteFilter resolve(RouteFilter f, String dev) {
        return dev == null ? f : new RouteFilter(f.family(), f.table(), f.protocol(), f.routeType(), index(dev));
    }

    /** The IPv4 multipath route of table 100, which goes through both va and vc. */
    static final String MULTIPATH = "inet 10.4.0.0/16 nexthop via 10.0.0.2 dev va nexthop via 10.0.1.2 dev vc proto 3 type 1";

    @ParameterizedTest(name = "{1}")
    @MethodSource("filters")
    void kernelFilteredListsAreWhatIpShows(RouteFilter filter, String args, String dev) {
        FilteredDumps.FilteredList<RouteMessage> got = strict.listing(resolve(filter, dev));
        List<String> expected = new ArrayList<>(ipShows(filter, args, dev));
        if (dev != null) {
            // the kernel's dev filter matches a multipath route by any of its next hops (fib_info_nh_uses_dev);
            // ip 6.1 then drops it again, looking only at RTA_OIF, which a multipath route does not have
            assertThat(expected).doesNotContain(MULTIPATH);
            expected.add(MULTIPATH);
        }
        assertThat(got.items().stream().map(RoutesKernelTest::key).toList()).as(args)
                .containsExactlyInAnyOrderElementsOf(expected).isNotEmpty();
        if (filter.table() != 0) {
            assertThat(got.items()).allSatisfy(r -> assertThat(r.table()).isEqualTo(filter.table()));
        }
        // a family alone picks which family dumps; IPv4 marks even that NLM_F_DUMP_FILTERED under strict checking
        if (filter.table() != 0 || filter.protocol() != 0 || filter.routeType() != 0 || dev != null) {
            assertThat(got.kernelFiltered()).as("NLM_F_DUMP_FILTERED on every reply").isTrue();
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("filters")
    void locallyFilteredListsAreTheSame(RouteFilter filter, String args, String dev) {
        FilteredDumps.FilteredList<RouteMessage> local = plain.listing(resolve(filter, dev));
        assertThat(local.kernelFiltered()).as("without strict checking the kernel ignores the filter").isFalse();
        assertThat(local.items().stream().map(RoutesKernelTest::key).toList()).as(args)
                .containsExactlyElementsOf(strict.list(resolve(filter, dev)).stream().map(RoutesKernelTest::key).toList());
    }

    @Test
    void strictCheckIsOnAfterTheFirstList() {
        strict.list(RouteFilter.ALL);
        assertThat(rt.strictCheck()).isTrue();
    }

    @Test
    void missingTablesAndLinksListNothingOnBothPaths() {
        for (Routes routes : List.of(strict, plain)) {
            assertThat(routes.list(RouteFilter.builder().family(AddressFamily.INET).table(4242).build())).isEmpty();
            assertThat(routes.list(RouteFilter.builder().family(AddressFamily.INET6).table(4242).build())).isEmpty();
            assertThat(routes.list(RouteFilter.builder().table(4242).build())).isEmpty();
            assertThat(routes.list(RouteFilter.builder().outputInterface(99999).build())).isEmpty();
        }
    }

    @Test
    void getResolvesAsIpRouteGet() {
        RouteMessage got = strict.get(ip("10.6.2.3"));
        JsonNode j = IpJson.of(ns, "-N route get 10.6.2.3").get(0);
        assertThat(got.destination()).isEqualTo(ip(j.get("dst").asString()));
        assertThat(got.destinationLength()).isEqualTo(32);
        assertThat(NAMES.get(got.outputInterface())).isEqualTo(j.get("dev").asString());
        assertThat(got.preferredSource()).isEqualTo(ip(j.get("prefsrc").asString()));
        assertThat(got.table()).isEqualTo(RouteMessage.RT_TABLE_MAIN);
        assertThat(got.gateway()).isEqualTo(j.has("gateway") ? ip(j.get("gateway").asString()) : null);
    }

    @Test
    void getWithFibMatchAnswersWithTheTableEntry() {
        RouteMessage got = strict.get(RouteQuery.builder(ip("10.6.7.8")).fibMatch(true).build());
        assertThat(got.destinationString()).isEqualTo("10.6.0.0/16");
        assertThat(got.gateway()).isEqualTo(ip("10.0.0.2"));
        assertThat(got.protocol()).as(got.toString()).isEqualTo(RouteMessage.RTPROT_STATIC);
        JsonNode j = IpJson.of(ns, "-N route get fibmatch 10.6.7.8").get(0);
        assertThat(j.get("dst").asString()).isEqualTo("10.6.0.0/16");
    }

    @Test
    void getOfAnUnreachableDestinationIsTyped() {
        assertThatThrownBy(() -> strict.get(ip("192.0.2.1")))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENETUNREACH");
                    assertThat(e.getMessage()).contains("get route to 192.0.2.1");
                });
    }

    @Test
    void addReplaceChangeDeleteRoundTrip() {
        RouteMessage route = RouteMessage.of(ip("10.50.0.0"), 16, ip("10.0.0.2"), 0).toBuilder().table(300)
                .protocol(RouteMessage.RTPROT_STATIC).build();
        strict.add(route);
        assertThat(IpJson.of(ns, "route show table 300").get(0).get("gateway").asString()).isEqualTo("10.0.0.2");
        assertThatThrownBy(() -> strict.add(route)).isInstanceOfSatisfying(NetlinkErrorException.class,
                e -> assertThat(e.errnoName()).isEqualTo("EEXIST"));

        strict.replace(route.toBuilder().gateway(ip("10.0.1.2")).build());
        JsonNode replaced = IpJson.of(ns, "route show table 300");
        assertThat(replaced).hasSize(1);
        assertThat(replaced.get(0).get("gateway").asString()).isEqualTo("10.0.1.2");
        assertThat(replaced.get(0).get("dev").asString()).isEqualTo("vc");

        strict.change(route);
        assertThat(IpJson.of(ns, "route show table 300").get(0).get("gateway").asString()).isEqualTo("10.0.0.2");
        RouteMessage missing = RouteMessage.of(ip("10.51.0.0"), 16, ip("10.0.0.2"), 0).toBuilder().table(300).build();
        assertThatThrownBy(() -> strict.change(missing)).isInstanceOfSatisfying(NetlinkErrorException.class,
                e -> assertThat(e.errnoName()).isEqualTo("ENOENT"));

        RouteMessage listed = strict.list(RouteFilter.builder().table(300).build()).get(0);
        strict.delete(listed);
        assertThat(IpJson.of(ns, "route show table 300")).isEmpty();
        assertThatThrownBy(() -> strict.delete(listed)).isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("ESRCH");
            assertThat(e.getMessage()).contains("delete route 10.50.0.0/16 via 10.0.0.2");
        });
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> strict.list(null)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("filter");
        assertThatThrownBy(() -> RouteFilter.builder().protocol(256).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("protocol must be 0 to 255");
        assertThatThrownBy(() -> strict.add(null)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("route must not be null");
        assertThatThrownBy(() -> RouteQuery.builder(ip("10.0.0.1")).source(ip("2001:db8::1")).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("family");
        assertThatThrownBy(() -> new Routes(null)).isInstanceOf(NetlinkArgumentException.class);
    }
}
