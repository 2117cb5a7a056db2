package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The done criterion of the typed records: every key {@code ip -d -s -j} prints (recursively) for links, addresses,
 * routes of all tables, neighbours (proxies included), rules and nexthops in a rich namespace is either compared
 * with a typed accessor, and equal, or listed in {@link #PRESENTATION} with the reason ip derives it from something
 * else. A key in neither fails the test. The per-kind driver keys under {@code linkinfo/info_data} and
 * {@code info_slave_data} are compared with the rows of {@link LinkDriversKernelTest}, which fail on a key of
 * their own they do not know.
 *
 * <p>The namespace: a veth pair (one end with an alias, a group and an alternative name), a bridge with that
 * pair's peer as its port, a vxlan, two macvlans (one held down by protodown); IPv4 and IPv6 addresses with
 * metric, lifetimes, peer, broadcast, label and the nodad/mngtmpaddr/noprefixroute flags; routes in the main,
 * local and three numbered tables with metrics, preference, expiry, onlink, multipath, nhid, source and the
 * blackhole/unreachable/prohibit/throw types; permanent, stale, reachable-router and extern_learn neighbours and
 * IPv4/IPv6 proxies; rules with from/to/iif/oif/tos/fwmark/ports/ipproto/uidrange/suppress_prefixlength/not/
 * goto selectors; plain, blackhole, fdb, multipath and resilient nexthops. iproute2 6.1 cannot set an address's
 * protocol, and this kernel has no {@code mpls_iptunnel}, so neither is exercised.
 */
@NetlinkNamespace
class IpDumpKeysKernelTest {

    static Netns ns;
    static Conn conn;
    static RouteClient rt;
    static final Map<Integer, String> NAMES = new HashMap<>();

    @BeforeAll
    static void build(Netns namespace) {
        ns = namespace;
        ns.batch(List.of(
                "link add va type veth peer name vb",
                "link add br0 type bridge",
                "link set vb master br0",
                "link add vx0 type vxlan id 42 dstport 4789 local 10.0.0.1",
                "link add mv0 link va type macvlan mode bridge",
                "link property add dev va altname va-alternative",
                "link set va alias uplink",
                "link set va group 5",
                "link set lo up", "link set va up", "link set vb up", "link set br0 up", "link set mv0 up",
                "link add mv1 link va type macvlan mode private", "link set mv1 protodown on",
                "addr add 10.0.0.1/24 dev va metric 50",
                "addr add 10.0.1.1/24 dev va valid_lft 1000 preferred_lft 500",
                "addr add 10.0.2.1/24 dev va noprefixroute",
                "addr add 10.0.3.1 peer 10.0.3.2/32 dev va",
                "addr add 10.0.4.1/24 broadcast + dev va label va:4",
                "addr add 2001:db8::1/64 dev va nodad",
                "addr add 2001:db8:1::1/64 dev va nodad valid_lft 2000 preferred_lft 1000 mngtmpaddr",
                "route add 10.1.0.0/16 via 10.0.0.2 dev va metric 10 mtu lock 1400 advmss 1300 table 100",
                "route add 10.2.0.0/16 dev va proto static scope link",
                "route add 10.3.0.0/16 nexthop via 10.0.0.2 dev va weight 2 nexthop via 10.0.1.2 dev va weight 1",
                "route add 2001:db8:5::/64 via 2001:db8::2 dev va pref high metric 20",
                "route add 2001:db8:9::/64 dev va expires 600",
                "route add blackhole 10.9.0.0/16 table 300",
                "route add unreachable 10.10.0.0/16 table 300",
                "route add prohibit 10.11.0.0/16 table 300",
                "route add throw 10.12.0.0/16 table 300",
                "route add 10.13.0.0/16 via 10.99.0.1 dev va onlink table 300",
                "route add 10.14.0.0/16 via 10.0.0.2 dev va src 10.0.0.1 window 1000 rtt 20ms hoplimit 9 initcwnd 10 "
                        + "initrwnd 20 congctl cubic quickack 1 fastopen_no_cookie 1 table 300",
                "neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev va nud permanent",
                "neigh add 10.0.0.8 lladdr 02:00:00:00:00:08 dev va nud stale",
                "neigh add proxy 10.0.0.10 dev va",
                "neigh add 2001:db8::7 lladdr 02:00:00:00:00:07 dev va nud reachable router",
                "neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev va extern_learn",
                "neigh add proxy 2001:db8::10 dev va",
                "nexthop add id 1 via 10.0.0.2 dev va",
                "nexthop add id 2 via 10.0.1.2 dev va",
                "nexthop add id 10 group 1/2,3",
                "nexthop add id 20 blackhole",
                "nexthop add id 30 via 10.0.0.5 fdb",
                "nexthop add id 31 via 10.0.0.6 fdb",
                "nexthop add id 40 group 30/31 fdb",
                "nexthop add id 50 group 1/2 type resilient buckets 8 idle_timer 60 unbalanced_timer 30",
                "route add 10.4.0.0/16 nhid 10 table 200",
                "rule add from 10.0.0.0/8 to 10.1.0.0/16 iif va tos 0x10 fwmark 0x5/0xff table 100 pref 100",
                "rule add sport 1000-2000 dport 80 ipproto tcp table 200 pref 200",
                "rule add oif va uidrange 100-200 suppress_prefixlength 8 table main pref 300",
                "rule add prohibit pref 400 not from 10.5.0.0/16",
                "rule add fwmark 0x7 goto 700 pref 600", "rule add table 100 pref 700"));
        ns.ip("-6", "rule", "add", "from", "2001:db8::/32", "to", "2001:db8:5::/48", "oif", "va", "table", "100", "pref", "500");
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        rt = new RouteClient(conn);
        rt.links().forEach(l -> NAMES.put(l.index(), l.name()));
        LinkDriversKernelTest.names = NAMES;
    }

    @AfterAll
    static void close() {
        if (conn != null) {
            conn.close();
        }
    }

    /** Keys ip prints that no accessor gives as such, each with where ip gets it. */
    static final Map<String, String> PRESENTATION = Map.ofEntries(
            Map.entry("link/linkinfo/info_data", "compared per kind with LinkDriversKernelTest's rows, which fail on keys they lack"),
            Map.entry("link/linkinfo/info_slave_data", "compared with LinkDriversKernelTest.PORT, which fails on keys it lacks"),
            Map.entry("route/nh_info", "ip looks the nexthop up by nhid (RTM_GETNEXTHOP); not in the route message"));

    /** The entries of {@link #PRESENTATION} some ip output used, so that an entry no output needs fails. */
    static final java.util.Set<String> USED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Runs ip until two runs around the dump agree, so that counters and timers are one snapshot. */
    static <T> Snapshot<T> snapshot(String args, java.util.function.Supplier<List<T>> dump) {
        for (int attempt = 0; ; attempt++) {
            JsonNode before = IpJson.of(ns, args);
            List<T> ours = dump.get();
            JsonNode after = IpJson.of(ns, args);
            if (before.equals(after) || attempt == 10) {
                return new Snapshot<>(after, ours);
            }
        }
    }

    record Snapshot<T>(JsonNode ip, List<T> ours) {
    }

    static void assertClean(String kind, List<String> problems, TreeSet<String> unknown) {
        List<String> listed = PRESENTATION.keySet().stream().filter(k -> k.startsWith(kind + "/")).sorted().toList();
        System.out.println(kind + ": presentation-only keys " + listed);
        assertThat(problems).as(kind + ": keys whose typed accessor differs from ip").isEmpty();
        assertThat(unknown).as(kind + ": keys ip prints that are neither compared nor presentation-only").isEmpty();
        assertThat(USED).as(kind + ": presentation-only entries ip did not print").containsAll(listed);
    }

    static final String[] ADDRESS_FLAGS = {"secondary", "nodad", "optimistic", "dadfailed", "home", "deprecated",
        "tentative", "permanent", "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy"};

    static final Map<String, Function<AddressMessage, Object>> ADDRESS = new LinkedHashMap<>();
    static {
        ADDRESS.put("family", a -> family(a.family()));
        ADDRESS.put("local", a -> a.local() != null ? a.local() : a.address());
        ADDRESS.put("address", a -> a.local() != null && !a.local().equals(a.address()) ? a.address() : null);
        ADDRESS.put("prefixlen", AddressMessage::prefixLength);
        ADDRESS.put("scope", a -> scope(a.scope()));
        ADDRESS.put("label", AddressMessage::label);
        ADDRESS.put("broadcast", AddressMessage::broadcast);
        ADDRESS.put("metric", AddressMessage::metric);
        ADDRESS.put("valid_life_time", a -> Integer.toUnsignedLong(a.cacheInfo().valid()));
        ADDRESS.put("preferred_life_time", a -> Integer.toUnsignedLong(a.cacheInfo().preferred()));
        ADDRESS.put("dynamic", a -> (flags(a) & 0x80) == 0 ? Boolean.TRUE : null);
        for (int i = 0; i < ADDRESS_FLAGS.length; i++) {
            int bit = 1 << i;
            if (bit != 0x80) {
                ADDRESS.put(ADDRESS_FLAGS[i], a -> (flags(a) & bit) != 0 ? Boolean.TRUE : null);
            }
        }
    }

    static int flags(AddressMessage a) {
        return a.extendedFlags() != null ? a.extendedFlags() : a.flags();
    }

    /** ip addr prints each link's own keys too; those are the link test's, this compares {@code addr_info}. */
    @Test
    void addressKeysAreTyped() {
        Snapshot<AddressMessage> s = snapshot("-d -s addr show", () -> rt.addresses());
        List<String> problems = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        int compared = 0;
        for (JsonNode link : s.ip()) {
            int index = link.get("ifindex").asInt();
            for (JsonNode a : link.get("addr_info")) {
                String local = a.get("local").asString();
                AddressMessage ours = s.ours().stream().filter(m -> m.index() == index
                        && text(m.local() != null ? m.local() : m.address()).equals(local)).findFirst().orElse(null);
                assertThat(ours).as("address " + local + " on " + index + " in the dump").isNotNull();
                compare("addr", local, a, ours, ADDRESS, problems, unknown);
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(6);
        assertClean("addr", problems, unknown);
    }

    static final String[] PREFS = {"medium", "high", "2", "low"};

    static final Map<String, Function<RouteMessage, Object>> ROUTE = new LinkedHashMap<>();
    static {
        ROUTE.put("type", r -> routeType(r.routeType()));
        ROUTE.put("dst", r -> prefix(r.destination(), r.destinationLength(), r.family() == 2 ? 32 : 128));
        ROUTE.put("src", r -> prefix(r.source(), r.sourceLength(), r.family() == 2 ? 32 : 128));
        ROUTE.put("gateway", RouteMessage::gateway);
        ROUTE.put("dev", r -> r.outputInterface() == null ? null : NAMES.get(r.outputInterface()));
        ROUTE.put("table", r -> table(r.table()));
        ROUTE.put("protocol", r -> protocol(r.protocol()));
        ROUTE.put("scope", r -> scope(r.scope()));
        ROUTE.put("metric", RouteMessage::priority);
        ROUTE.put("prefsrc", RouteMessage::preferredSource);
        ROUTE.put("pref", r -> r.pref() == null ? null : PREFS[r.pref() & 3]);
        ROUTE.put("expires", r -> r.cacheInfo() == null ? null : Integer.toUnsignedLong(r.cacheInfo().expires()) / 100);
        ROUTE.put("nhid", RouteMessage::nexthopId);
        ROUTE.put("flags[]", r -> nexthopFlags(r.flags()));
        ROUTE.put("metrics[]/mtu", r -> List.of(r.metrics().mtu()));
        ROUTE.put("metrics[]/advmss", r -> List.of(r.metrics().advertisedMss()));
        ROUTE.put("metrics[]/window", r -> List.of(r.metrics().window()));
        ROUTE.put("metrics[]/hoplimit", r -> List.of(r.metrics().hopLimit()));
        ROUTE.put("metrics[]/initcwnd", r -> List.of(r.metrics().initialCongestionWindow()));
        ROUTE.put("metrics[]/initrwnd", r -> List.of(r.metrics().initialReceiveWindow()));
        ROUTE.put("metrics[]/quickack", r -> List.of(r.metrics().quickAck()));
        ROUTE.put("metrics[]/fastopen_no_cookie", r -> List.of(r.metrics().fastOpenNoCookie()));
        ROUTE.put("metrics[]/congestion", r -> List.of(r.metrics().congestionControl()));
        // the kernel keeps RTAX_RTT in 1/8 ms, as TCP's srtt; ip divides
        ROUTE.put("metrics[]/rtt", r -> List.of((long) r.metrics().rtt() / 8));
        ROUTE.put("nexthops[]/gateway", r -> r.nextHops().stream().map(h -> normalize(h.gateway())).toList());
        ROUTE.put("nexthops[]/dev", r -> r.nextHops().stream().map(h -> NAMES.get(h.index())).toList());
        ROUTE.put("nexthops[]/weight", r -> r.nextHops().stream().map(h -> (long) h.hops() + 1).toList());
        ROUTE.put("nexthops[]/flags[]", r -> r.nextHops().stream().map(h -> nexthopFlags(h.flags())).toList());
    }

    static List<String> nexthopFlags(int flags) {
        String[] names = {"dead", "pervasive", "onlink", "offload", "linkdown", "unresolved", "trap"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                out.add(names[i]);
            }
        }
        return out;
    }

    @Test
    void routeKeysOfAllTablesAreTyped() {
        List<String> problems = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        int compared = 0;
        for (int family : new int[] {2, 10}) {
            Snapshot<RouteMessage> s = snapshot((family == 2 ? "-4" : "-6") + " -d -s route show table all",
                    () -> rt.routes().stream().filter(r -> r.family() == family).toList());
            for (JsonNode j : s.ip()) {
                String key = routeKey(j.get("table").asString(), j.get("type").asString(), j.get("dst").asString(),
                        j.has("dev") ? j.get("dev").asString() : null, j.has("metric") ? j.get("metric").asLong() : null);
                List<RouteMessage> ours = s.ours().stream().filter(r -> routeKey(table(r.table()), routeType(r.routeType()),
                        (String) ROUTE.get("dst").apply(r), (String) ROUTE.get("dev").apply(r),
                        r.priority() == null ? null : Integer.toUnsignedLong(r.priority())).equals(key)).toList();
                assertThat(ours).as("route " + key + " in the dump").hasSize(1);
                compare("route", key, j, ours.get(0), ROUTE, problems, unknown);
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(20);
        assertClean("route", problems, unknown);
    }

    static String routeKey(String table, String type, String dst, String dev, Long metric) {
        return table + " " + type + " " + dst + " dev " + dev + " metric " + metric;
    }

    static final Map<String, Function<NeighborMessage, Object>> NEIGHBOR = new LinkedHashMap<>();
    static {
        NEIGHBOR.put("dst", NeighborMessage::destination);
        NEIGHBOR.put("dev", n -> NAMES.get(n.index()));
        NEIGHBOR.put("lladdr", n -> n.linkLayerAddress() == null ? null : n.linkLayerAddress().toString());
        NEIGHBOR.put("state[]", n -> List.of(n.stateName().split(",")));
        NEIGHBOR.put("probes", NeighborMessage::probes);
        NEIGHBOR.put("used", n -> n.cacheInfo().usedSeconds());
        NEIGHBOR.put("confirmed", n -> n.cacheInfo().confirmedSeconds());
        NEIGHBOR.put("updated", n -> n.cacheInfo().updatedSeconds());
        NEIGHBOR.put("refcnt", n -> n.cacheInfo().refcount() == 0 ? null : n.cacheInfo().refcount());
        NEIGHBOR.put("router", n -> (n.flags() & 0x80) != 0 ? Boolean.TRUE : null);
        NEIGHBOR.put("proxy", n -> (n.flags() & 0x08) != 0 ? Boolean.TRUE : null);
        NEIGHBOR.put("extern_learn", n -> (n.flags() & 0x10) != 0 ? Boolean.TRUE : null);
        NEIGHBOR.put("protocol", n -> n.protocol() == null ? null : protocol(n.protocol()));
    }

    @Test
    void neighborKeysProxiesIncludedAreTyped() {
        List<String> problems = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        int compared = 0;
        for (boolean proxy : new boolean[] {false, true}) {
            Snapshot<NeighborMessage> s = snapshot("-d -s neigh show" + (proxy ? " proxy" : ""),
                    () -> proxy ? rt.proxyNeighbors() : rt.neighbors());
            for (JsonNode j : s.ip()) {
                String dst = j.get("dst").asString();
                String dev = j.get("dev").asString();
                NeighborMessage ours = s.ours().stream().filter(n -> text(n.destination()).equals(dst)
                        && dev.equals(NAMES.get(n.index()))).findFirst().orElse(null);
                assertThat(ours).as("neighbour " + dst + " dev " + dev).isNotNull();
                compare("neigh", dst, j, ours, NEIGHBOR, problems, unknown);
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(3);
        assertClean("neigh", problems, unknown);
    }

    static final Map<String, Function<RuleMessage, Object>> RULE = new LinkedHashMap<>();
    static {
        RULE.put("priority", r -> r.priority() == null ? 0 : Integer.toUnsignedLong(r.priority()));
        RULE.put("src", r -> r.source() == null ? "all" : r.source());
        RULE.put("srclen", r -> r.sourceLength());
        RULE.put("dst", r -> r.destination() == null ? "all" : r.destination());
        RULE.put("dstlen", r -> r.destinationLength());
        RULE.put("not", r -> (r.flags() & 0x2) != 0 ? Boolean.TRUE : null);
        RULE.put("tos", r -> "0x" + Integer.toHexString(r.tos()));
        RULE.put("fwmark", r -> "0x" + Integer.toHexString(r.fwmark()));
        RULE.put("fwmask", r -> "0x" + Integer.toHexString(r.fwmask()));
        RULE.put("iif", RuleMessage::inputInterface);
        RULE.put("oif", RuleMessage::outputInterface);
        RULE.put("table", r -> table(r.table()));
        RULE.put("action", RuleMessage::actionName);
        RULE.put("protocol", r -> protocol(r.protocol()));
        RULE.put("ipproto", r -> r.ipProtocol() == 6 ? "tcp" : r.ipProtocol() == 17 ? "udp" : Integer.toString(r.ipProtocol()));
        RULE.put("sport", r -> r.sourcePorts().start());
        RULE.put("sport_start", r -> r.sourcePorts().start());
        RULE.put("sport_end", r -> r.sourcePorts().end());
        RULE.put("dport", r -> r.destinationPorts().start());
        RULE.put("dport_start", r -> r.destinationPorts().start());
        RULE.put("dport_end", r -> r.destinationPorts().end());
        RULE.put("uid_start", r -> r.uidRange().start());
        RULE.put("uid_end", r -> r.uidRange().end());
        RULE.put("suppress_prefixlen", RuleMessage::suppressPrefixLength);
        RULE.put("goto", RuleMessage::target);
    }

    @Test
    void ruleKeysAreTyped() {
        List<String> problems = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        int compared = 0;
        for (int family : new int[] {2, 10}) {
            Snapshot<RuleMessage> s = snapshot((family == 2 ? "-4" : "-6") + " -d -s rule show",
                    () -> new Rules(conn).list(family));
            for (JsonNode j : s.ip()) {
                long priority = j.get("priority").asLong();
                RuleMessage ours = s.ours().stream().filter(r -> RULE.get("priority").apply(r).equals(priority))
                        .findFirst().orElse(null);
                assertThat(ours).as("rule " + priority).isNotNull();
                compare("rule", family + " pref " + priority, j, ours, RULE, problems, unknown);
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(9);
        assertClean("rule", problems, unknown);
    }

    static final Map<String, Function<NexthopMessage, Object>> NEXTHOP = new LinkedHashMap<>();
    static {
        NEXTHOP.put("id", NexthopMessage::id);
        NEXTHOP.put("gateway", NexthopMessage::gateway);
        NEXTHOP.put("dev", n -> n.index() == null ? null : NAMES.get(n.index()));
        NEXTHOP.put("scope", n -> scope(n.scope()));
        NEXTHOP.put("protocol", n -> protocol(n.protocol()));
        NEXTHOP.put("flags[]", n -> nexthopFlags(n.flags()));
        NEXTHOP.put("blackhole", n -> n.blackhole() ? Boolean.TRUE : null);
        NEXTHOP.put("fdb", n -> n.fdb() ? Boolean.TRUE : null);
        NEXTHOP.put("type", n -> n.groupType() == null ? null
                : n.groupType() == NexthopMessage.NEXTHOP_GRP_TYPE_RES ? "resilient" : "mpath");
        NEXTHOP.put("resilient_args/buckets", n -> n.resilientGroup().buckets());
        NEXTHOP.put("resilient_args/idle_timer", n -> n.resilientGroup().idleTimerSeconds());
        NEXTHOP.put("resilient_args/unbalanced_timer", n -> n.resilientGroup().unbalancedTimerSeconds());
        NEXTHOP.put("resilient_args/unbalanced_time", n -> n.resilientGroup().unbalancedTimeSeconds());
        NEXTHOP.put("group[]/id", n -> n.group().stream().map(m -> (Object) (long) m.id()).toList());
        NEXTHOP.put("group[]/weight", n -> n.group().stream().map(m -> m.weight() == 1 ? null : (Object) (long) m.weight()).toList());
    }

    @Test
    void nexthopKeysAreTyped() {
        Snapshot<NexthopMessage> s = snapshot("-d -s nexthop show", () -> new Nexthops(conn).list());
        List<String> problems = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        for (JsonNode j : s.ip()) {
            int id = j.get("id").asInt();
            NexthopMessage ours = s.ours().stream().filter(n -> n.id() == id).findFirst().orElseThrow();
            compare("nexthop", "id " + id, j, ours, NEXTHOP, problems, unknown);
        }
        assertThat(s.ip().size()).isEqualTo(8);
        assertClean("nexthop", problems, unknown);
    }

    static final Map<String, Function<LinkMessage, Object>> LINK = new LinkedHashMap<>();
    static {
        LINK.put("ifindex", LinkMessage::index);
        LINK.put("ifname", LinkMessage::name);
        LINK.put("flags[]", l -> linkFlags(l.flags()));
        LINK.put("link", l -> l.link() == null || l.link() == 0 || l.linkNetnsId() != null ? null : NAMES.get(l.link()));
        LINK.put("link_index", l -> l.linkNetnsId() == null ? null : l.link());
        LINK.put("master", l -> l.master() == null || l.master() == 0 ? null : NAMES.get(l.master()));
        LINK.put("mtu", LinkMessage::mtu);
        LINK.put("qdisc", LinkMessage::qdisc);
        LINK.put("operstate", LinkMessage::operStateName);
        LINK.put("linkmode", LinkMessage::linkModeName);
        LINK.put("group", l -> l.group() == 0 ? "default" : Integer.toString(l.group()));
        LINK.put("txqlen", LinkMessage::txQueueLength);
        LINK.put("link_type", l -> l.linkType() == 1 ? "ether" : l.linkType() == 772 ? "loopback"
                : l.linkType() == 65534 ? "none" : Integer.toString(l.linkType()));
        LINK.put("address", l -> l.address() == null ? null : l.address().toString());
        LINK.put("broadcast", l -> l.broadcast() == null ? null : l.broadcast().toString());
        LINK.put("permaddr", l -> l.permAddress() == null ? null : l.permAddress().toString());
        LINK.put("promiscuity", LinkMessage::promiscuity);
        LINK.put("allmulti", LinkMessage::allMulti);
        LINK.put("link_netnsid", LinkMessage::linkNetnsId);
        LINK.put("ifalias", LinkMessage::ifAlias);
        LINK.put("altnames[]", LinkMessage::altNames);
        LINK.put("proto_down", l -> Boolean.TRUE.equals(l.protoDown()) ? Boolean.TRUE : null);
        LINK.put("parentbus", LinkMessage::parentDevBusName);
        LINK.put("parentdev", LinkMessage::parentDevName);
        LINK.put("min_mtu", l -> l.limits().minMtu());
        LINK.put("max_mtu", l -> l.limits().maxMtu());
        LINK.put("num_tx_queues", l -> l.limits().numTxQueues());
        LINK.put("num_rx_queues", l -> l.limits().numRxQueues());
        LINK.put("gso_max_size", l -> l.limits().gsoMaxSize());
        LINK.put("gso_max_segs", l -> l.limits().gsoMaxSegs());
        LINK.put("gro_max_size", l -> l.limits().groMaxSize());
        LINK.put("tso_max_size", l -> l.limits().tsoMaxSize());
        LINK.put("tso_max_segs", l -> l.limits().tsoMaxSegs());
        LINK.put("inet6_addr_gen_mode", l -> l.afSpec() == null ? null : l.afSpec().inet6AddrGenModeName());
        LINK.put("linkinfo/info_kind", l -> l.linkInfo().kind());
        LINK.put("linkinfo/info_slave_kind", l -> l.linkInfo().slaveKind());
        LINK.put("stats64/rx/bytes", l -> l.stats64().rxBytes());
        LINK.put("stats64/rx/packets", l -> l.stats64().rxPackets());
        LINK.put("stats64/rx/errors", l -> l.stats64().rxErrors());
        LINK.put("stats64/rx/dropped", l -> l.stats64().rxDropped());
        LINK.put("stats64/rx/over_errors", l -> l.stats64().rxOverErrors());
        LINK.put("stats64/rx/multicast", l -> l.stats64().multicast());
        LINK.put("stats64/rx/otherhost_dropped", l -> l.stats64().rxOtherhostDropped());
        LINK.put("stats64/rx/nohandler", l -> l.stats64().rxNohandler());
        LINK.put("stats64/rx/compressed", l -> l.stats64().rxCompressed());
        LINK.put("stats64/rx/length_errors", l -> l.stats64().rxLengthErrors());
        LINK.put("stats64/rx/crc_errors", l -> l.stats64().rxCrcErrors());
        LINK.put("stats64/rx/frame_errors", l -> l.stats64().rxFrameErrors());
        LINK.put("stats64/rx/fifo_errors", l -> l.stats64().rxFifoErrors());
        LINK.put("stats64/rx/missed_errors", l -> l.stats64().rxMissedErrors());
        LINK.put("stats64/tx/bytes", l -> l.stats64().txBytes());
        LINK.put("stats64/tx/packets", l -> l.stats64().txPackets());
        LINK.put("stats64/tx/errors", l -> l.stats64().txErrors());
        LINK.put("stats64/tx/dropped", l -> l.stats64().txDropped());
        LINK.put("stats64/tx/carrier_errors", l -> l.stats64().txCarrierErrors());
        LINK.put("stats64/tx/collisions", l -> l.stats64().collisions());
        LINK.put("stats64/tx/compressed", l -> l.stats64().txCompressed());
        LINK.put("stats64/tx/aborted_errors", l -> l.stats64().txAbortedErrors());
        LINK.put("stats64/tx/fifo_errors", l -> l.stats64().txFifoErrors());
        LINK.put("stats64/tx/window_errors", l -> l.stats64().txWindowErrors());
        LINK.put("stats64/tx/heartbeat_errors", l -> l.stats64().txHeartbeatErrors());
    }

    static final String[] LINK_FLAG_NAMES = {"LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "ALLMULTI",
        "PROMISC", "MASTER", "SLAVE", "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS", "UP", "LOWER_UP",
        "DORMANT", "ECHO"};
    static final int[] LINK_FLAG_BITS = {0x8, 0x2, 0x10, 0x1000, 0x80, 0x200, 0x100, 0x400, 0x800, 0x4, 0x8000,
        0x4000, 0x2000, 0x20, 0x1, 0x10000, 0x20000, 0x40000};

    /** ifi_flags as ip's print_link_flags lists them: NO-CARRIER for up but not running, then its table order. */
    static List<String> linkFlags(int flags) {
        List<String> out = new ArrayList<>();
        if ((flags & 0x1) != 0 && (flags & 0x40) == 0) {
            out.add("NO-CARRIER");
        }
        for (int i = 0; i < LINK_FLAG_BITS.length; i++) {
            if ((flags & LINK_FLAG_BITS[i]) != 0) {
                out.add(LINK_FLAG_NAMES[i]);
            }
        }
        return out;
    }

    @Test
    void linkKeysAreTyped() {
        Snapshot<LinkMessage> s = snapshot("-d -s link show", () -> rt.links());
        List<String> problems = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        TreeSet<String> kinds = new TreeSet<>();
        for (JsonNode j : s.ip()) {
            String name = j.get("ifname").asString();
            LinkMessage ours = s.ours().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
            compare("link", name, j, ours, LINK, problems, unknown);
            JsonNode info = j.get("linkinfo");
            if (info != null && info.has("info_data")) {
                kinds.add(ours.linkInfo().kind());
                driverRows(ours.linkInfo().data(), info.get("info_data"), name);
            }
            if (info != null && info.has("info_slave_data")) {
                kinds.add(ours.linkInfo().slaveKind() + " port");
                LinkDriversKernelTest.assertSameAsIp(name + " info_slave_data", (BridgePortData) ours.linkInfo().slaveData(),
                        info.get("info_slave_data"), LinkDriversKernelTest.PORT, java.util.Set.of(), java.util.Set.of());
            }
        }
        assertThat(kinds).containsExactly("bridge", "bridge port", "macvlan", "vxlan");
        assertClean("link", problems, unknown);
    }

    static void driverRows(LinkInfoData data, JsonNode ip, String name) {
        if (data instanceof BridgeData b) {
            LinkDriversKernelTest.assertSameAsIp(name + " info_data", b, ip, LinkDriversKernelTest.BRIDGE,
                    java.util.Set.of(), java.util.Set.of());
        } else if (data instanceof VxlanData v) {
            LinkDriversKernelTest.assertSameAsIp(name + " info_data", v, ip, LinkDriversKernelTest.vxlanRows(false),
                    java.util.Set.of(), java.util.Set.of());
        } else if (data instanceof MacvlanData m) {
            LinkDriversKernelTest.assertSameAsIp(name + " info_data", m, ip, LinkDriversKernelTest.MACVLAN,
                    java.util.Set.of(), java.util.Set.of());
        } else {
            throw new AssertionError(name + ": no rows for " + data);
        }
    }

    // ---- flattening ip's JSON

    /** ip's JSON as "path" -> value; arrays of objects give one list a key, JSON null (ip's flag marker) true. */
    static Map<String, Object> flatten(JsonNode n) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", n, out);
        return out;
    }

    private static void flatten(String path, JsonNode n, Map<String, Object> out) {
        if (n.isObject()) {
            n.properties().forEach(e -> flatten(path.isEmpty() ? e.getKey() : path + "/" + e.getKey(), e.getValue(), out));
        } else if (n.isArray() && n.size() > 0 && n.get(0).isObject()) {
            Map<String, List<Object>> columns = new LinkedHashMap<>();
            for (int i = 0; i < n.size(); i++) {
                Map<String, Object> row = flatten(n.get(i));
                for (String k : row.keySet()) {
                    columns.computeIfAbsent(path + "[]/" + k, x -> new ArrayList<>());
                }
            }
            for (int i = 0; i < n.size(); i++) {
                Map<String, Object> row = flatten(n.get(i));
                columns.forEach((k, list) -> list.add(row.get(k.substring(path.length() + 3))));
            }
            out.putAll(columns);
        } else if (n.isArray()) {
            List<Object> list = new ArrayList<>();
            n.forEach(x -> list.add(scalar(x)));
            out.put(path + "[]", list);
        } else {
            out.put(path, scalar(n));
        }
    }

    private static Object scalar(JsonNode n) {
        if (n.isNull()) {
            return Boolean.TRUE;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        return n.asString();
    }

    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof InetAddress a) {
            return text(a);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(IpDumpKeysKernelTest::normalize).toList();
        }
        return v;
    }

    /** Compares every key ip prints for one object; keys of neither kind go to {@code unknown}. */
    static <T> void compare(String kind, String what, JsonNode ip, T ours, Map<String, Function<T, Object>> rows,
            List<String> problems, TreeSet<String> unknown) {
        for (Map.Entry<String, Object> e : flatten(ip).entrySet()) {
            String key = kind + "/" + e.getKey();
            String listed = PRESENTATION.keySet().stream()
                    .filter(p -> key.equals(p) || key.startsWith(p + "/") || key.startsWith(p + "[]")).findFirst().orElse(null);
            if (listed != null) {
                USED.add(listed);
                continue;
            }
            Function<T, Object> row = rows.get(e.getKey());
            if (row == null) {
                unknown.add(key);
                continue;
            }
            Object mine = normalize(row.apply(ours));
            if (!Objects.equals(mine, e.getValue())) {
                problems.add(what + " " + e.getKey() + ": ip " + e.getValue() + ", typed " + mine);
            }
        }
    }

    // ---- names ip prints for numbers

    static String scope(int s) {
        return switch (s) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> Integer.toString(s);
        };
    }

    static String protocol(int p) {
        return switch (p) {
            case 0 -> "unspec";
            case 1 -> "redirect";
            case 2 -> "kernel";
            case 3 -> "boot";
            case 4 -> "static";
            case 186 -> "bgp";
            default -> Integer.toString(p);
        };
    }

    static String table(int t) {
        return switch (t) {
            case 253 -> "default";
            case 254 -> "main";
            case 255 -> "local";
            default -> Integer.toString(t);
        };
    }

    static String routeType(int t) {
        String[] names = {"none", "unicast", "local", "broadcast", "anycast", "multicast", "blackhole",
            "unreachable", "prohibit", "throw", "nat", "xresolve"};
        return t < names.length ? names[t] : Integer.toString(t);
    }

    static String family(int f) {
        return f == 2 ? "inet" : f == 10 ? "inet6" : Integer.toString(f);
    }

    static String prefix(InetAddress a, int length, int hostLength) {
        if (a == null) {
            return length == 0 ? "default" : null;
        }
        return length == hostLength ? text(a) : text(a) + "/" + length;
    }

    /** An address as ip prints it: IPv6 in RFC 5952 form, the longest run of zero groups as "::". */
    static String text(InetAddress a) {
        if (!(a instanceof java.net.Inet6Address)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[2 * i] & 0xFF) << 8 | b[2 * i + 1] & 0xFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }
}
