package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The decoded dumps of {@link RouteClient} against {@code ip -j}, field by field, in a namespace holding lo,
 * two veth pairs, a bridge, 3 IPv4 and 2 IPv6 addresses (plus the kernel's link-local ones), 20 routes of
 * which two are multipath, and two permanent neighbours. Also feeds the captured messages, cut and corrupted,
 * back to the decoders.
 */
@NetlinkNamespace
class RouteDumpKernelTest {

    static Netns ns;
    static Conn conn;
    static RouteClient client;

    static final List<String> IPV4_ROUTES = List.of(
            "10.100.0.0/24 via 10.1.0.2",
            "10.100.1.0/24 via 10.1.1.2 metric 50",
            "10.100.2.0/24 dev va0",
            "10.100.3.7 via 10.1.0.3",
            "default via 10.1.0.254",
            "10.100.4.0/24 via 10.1.0.2 table 100",
            "10.100.5.0/24 dev va1 table 100000",
            "10.100.6.0/24 via 10.1.1.2 src 10.1.1.1",
            "10.100.7.0/24 nexthop via 10.1.0.2 dev va0 nexthop via 10.1.1.2 dev va1 weight 3",
            "10.100.8.0/24 dev br0 metric 300 proto static");
    static final List<String> IPV6_ROUTES = List.of(
            "fd10::/64 via fd00::2 dev va0",
            "fd10:1::/64 via fd01::2 dev va1 metric 50",
            "fd10:2::/64 dev va0",
            "fd10:3::7 via fd00::3 dev va0",
            "::/0 via fd00::fe dev va0",
            "fd10:4::/64 via fd00::2 dev va0 table 100",
            "fd10:5::/64 dev va1 table 100000",
            "fd10:6::/64 nexthop via fd00::2 dev va0 nexthop via fd01::2 dev va1 weight 2",
            "fd10:7::/64 dev br0 metric 300",
            "fd10:8::/64 via fe80::1 dev va0");

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
        ns.exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0",
                "net.ipv6.conf.default.accept_dad=0");
        List<String> setup = new ArrayList<>(List.of(
                "link add va0 mtu 1400 type veth peer name vb0",
                "link add va1 type veth peer name vb1",
                "link add br0 type bridge",
                "link set vb1 master br0",
                "link set va0 up", "link set vb0 up", "link set va1 up", "link set vb1 up", "link set br0 up",
                "link set va1 txqlen 500",
                "addr add 10.1.0.1/24 dev va0",
                "addr add 10.1.1.1/24 dev va1 label va1:x",
                "addr add 10.2.0.1/24 broadcast 10.2.0.255 dev br0",
                "addr add fd00::1/64 dev va0 nodad",
                "addr add fd01::1/64 dev va1 nodad",
                "neigh add 10.1.0.9 lladdr 02:00:00:00:00:09 dev va0 nud permanent",
                "neigh add fd00::9 lladdr 02:00:00:00:00:0a dev va0 nud permanent"));
        IPV4_ROUTES.forEach(r -> setup.add("route add " + r));
        IPV6_ROUTES.forEach(r -> setup.add("route add " + r));
        ns.batch(setup);
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        client = new RouteClient(conn);
    }

    @AfterAll
    static void deleteNamespace() {
        if (conn != null) {
            conn.close();
        }
    }

    /** An address as text in one canonical form, whichever way it was written. */
    static String canon(String text) {
        return text == null ? "-" : ip(text).getHostAddress();
    }

    static String canon(InetAddress a) {
        return a == null ? "-" : a.getHostAddress();
    }

    static String text(JsonNode n, String field, String absent) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? absent : v.asString();
    }

    static String scopeName(int scope) {
        return switch (scope) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> Integer.toString(scope);
        };
    }

    /** Compares the two sides until they agree or attempts run out: the kernel may add an entry in between. */
    static void assertEventuallyEqual(Supplier<List<String>> ours, Supplier<List<String>> theirs) {
        List<String> a = List.of();
        List<String> b = List.of();
        for (int attempt = 0; attempt < 10; attempt++) {
            a = ours.get().stream().sorted().toList();
            b = theirs.get().stream().sorted().toList();
            if (a.equals(b)) {
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(a).isNotEmpty().containsExactlyElementsOf(b);
    }

    static Map<Integer, String> names() {
        Map<Integer, String> names = new HashMap<>();
        for (LinkMessage l : client.links()) {
            names.put(l.index(), l.name());
        }
        return names;
    }

    @Test
    void linksEqualIpLinkFieldByField() {
        assertEventuallyEqual(() -> {
            Map<Integer, String> names = names();
            return client.links().stream().map(l -> String.join("|", Integer.toString(l.index()), l.name(),
                    String.valueOf(l.mtu()), String.valueOf(l.address()), String.valueOf(l.broadcast()),
                    l.operStateName(), l.master() == null ? "-" : names.get(l.master()),
                    Integer.toUnsignedString(l.txQueueLength()),
                    l.link() == null || l.link() == 0 ? "-" : names.get(l.link()),
                    l.kind() == null ? "-" : l.kind(), Boolean.toString(l.hasFlags(LinkMessage.IFF_UP)))).toList();
        }, () -> {
            List<String> rows = new ArrayList<>();
            for (JsonNode l : IpJson.of(ns, "-d link show")) {
                boolean up = false;
                for (JsonNode f : l.get("flags")) {
                    up |= f.asString().equals("UP");
                }
                JsonNode info = l.get("linkinfo");
                rows.add(String.join("|", l.get("ifindex").asString(), l.get("ifname").asString(),
                        l.get("mtu").asString(), text(l, "address", "null"), text(l, "broadcast", "null"),
                        l.get("operstate").asString(), text(l, "master", "-"), l.get("txqlen").asString(),
                        text(l, "link", "-"), info == null ? "-" : text(info, "info_kind", "-"), Boolean.toString(up)));
            }
            return rows;
        });
        List<LinkMessage> links = client.links();
        assertThat(links).extracting(LinkMessage::name).containsExactlyInAnyOrder("lo", "va0", "vb0", "va1", "vb1", "br0");
        assertThat(links).allSatisfy(l -> {
            assertThat(l.type()).isEqualTo(RouteMessageType.RTM_NEWLINK);
            assertThat(l.stats64()).isNotNull();
        });
        LinkMessage va0 = client.link("va0");
        assertThat(va0.mtu()).isEqualTo(1400);
        assertThat(va0.linkType()).isEqualTo(1);
        assertThat(client.link(va0.index()).name()).isEqualTo("va0");
        assertThat(client.link("lo").hasFlags(LinkMessage.IFF_LOOPBACK)).isTrue();
    }

    @Test
    void linkCountersAreThoseIpReportsOrFewer() {
        Map<String, LinkStats> ours = new HashMap<>();
        client.links().forEach(l -> ours.put(l.name(), l.stats64()));
        for (JsonNode l : IpJson.of(ns, "-s link show")) {
            LinkStats s = ours.get(l.get("ifname").asString());
            JsonNode stats = l.get("stats64");
            assertThat(s.rxBytes()).isBetween(0L, stats.get("rx").get("bytes").asLong());
            assertThat(s.txPackets()).isBetween(0L, stats.get("tx").get("packets").asLong());
            assertThat(s.rxErrors()).isEqualTo(stats.get("rx").get("errors").asLong());
            assertThat(s.txCarrierErrors()).isEqualTo(stats.get("tx").get("carrier_errors").asLong());
        }
    }

    @Test
    void addressesEqualIpAddrFieldByField() {
        assertEventuallyEqual(() -> client.addresses().stream().map(a -> String.join("|", Integer.toString(a.index()),
                AddressFamily.name(a.family()), canon(a.localAddress()), Integer.toString(a.prefixLength()),
                scopeName(a.scope()), a.label() == null ? "-" : a.label(), canon(a.broadcast()),
                a.local() != null && a.address() != null && !a.local().equals(a.address()) ? canon(a.address()) : "-",
                Long.toString(Integer.toUnsignedLong(a.cacheInfo().valid())),
                Long.toString(Integer.toUnsignedLong(a.cacheInfo().preferred())))).toList(), () -> {
                    List<String> rows = new ArrayList<>();
                    for (JsonNode l : IpJson.of(ns, "addr show")) {
                        for (JsonNode a : l.get("addr_info")) {
                            rows.add(String.join("|", l.get("ifindex").asString(), a.get("family").asString(),
                                    canon(a.get("local").asString()), a.get("prefixlen").asString(), a.get("scope").asString(),
                                    text(a, "label", "-"), a.has("broadcast") ? canon(a.get("broadcast").asString()) : "-",
                                    a.has("address") ? canon(a.get("address").asString()) : "-",
                                    a.get("valid_life_time").asString(), a.get("preferred_life_time").asString()));
                        }
                    }
                    return rows;
                });
        List<AddressMessage> addresses = client.addresses();
        assertThat(addresses).filteredOn(a -> a.scope() == 0).extracting(a -> canon(a.localAddress()))
                .containsExactlyInAnyOrder("10.1.0.1", "10.1.1.1", "10.2.0.1", canon("fd00::1"), canon("fd01::1"));
        assertThat(addresses).filteredOn(a -> "va1:x".equals(a.label())).singleElement()
                .satisfies(a -> assertThat(a.prefixLength()).isEqualTo(24));
    }

    static String route(RouteMessage r, Map<Integer, String> names) {
        StringBuilder hops = new StringBuilder();
        for (NextHop h : r.nextHops()) {
            hops.append('[').append(canon(h.gateway())).append(' ').append(names.get(h.index())).append(' ')
                    .append(h.weight()).append(']');
        }
        return String.join("|", Integer.toString(r.routeType()), r.destination() == null ? "default"
                        : canon(r.destination()) + "/" + r.destinationLength(), canon(r.gateway()),
                r.outputInterface() == null ? "-" : names.get(r.outputInterface()), Integer.toUnsignedString(r.table()),
                Integer.toString(r.protocol()), Integer.toString(r.scope()),
                r.priority() == null ? "0" : Integer.toUnsignedString(r.priority()), canon(r.preferredSource()),
                hops.toString());
    }

    static List<String> ipRoutes(String family) {
        List<String> rows = new ArrayList<>();
        int hostLength = family.equals("-4") ? 32 : 128;
        for (JsonNode r : IpJson.of(ns, family + " -N route show table all")) {
            String dst = r.get("dst").asString();
            if (!dst.equals("default")) {
                int slash = dst.indexOf('/');
                dst = slash < 0 ? canon(dst) + "/" + hostLength : canon(dst.substring(0, slash)) + dst.substring(slash);
            }
            StringBuilder hops = new StringBuilder();
            if (r.has("nexthops")) {
                for (JsonNode h : r.get("nexthops")) {
                    hops.append('[').append(h.has("gateway") ? canon(h.get("gateway").asString()) : "-").append(' ')
                            .append(h.get("dev").asString()).append(' ').append(h.get("weight").asString()).append(']');
                }
            }
            rows.add(String.join("|", text(r, "type", "1"), dst, r.has("gateway") ? canon(r.get("gateway").asString()) : "-",
                    text(r, "dev", "-"), text(r, "table", "254"), text(r, "protocol", "3"), text(r, "scope", "0"),
                    text(r, "metric", "0"), r.has("prefsrc") ? canon(r.get("prefsrc").asString()) : "-", hops.toString()));
        }
        return rows;
    }

    @Test
    void ipv4RoutesOfAllTablesEqualIpRouteShowTableAll() {
        assertEventuallyEqual(() -> {
            Map<Integer, String> names = names();
            return client.routes().stream().filter(r -> r.family() == AddressFamily.INET).map(r -> route(r, names)).toList();
        }, () -> ipRoutes("-4"));
        List<RouteMessage> routes = client.routes();
        assertThat(routes).filteredOn(r -> r.table() == 100000).extracting(RouteMessage::destinationString)
                .containsExactlyInAnyOrder("10.100.5.0/24", "fd10:5:0:0:0:0:0:0/64");
        RouteMessage multipath = routes.stream().filter(r -> "10.100.7.0/24".equals(r.destinationString())).findFirst().orElseThrow();
        assertThat(multipath.gateway()).isNull();
        assertThat(multipath.nextHops()).extracting(h -> canon(h.gateway()), NextHop::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.1.0.2", 1), org.assertj.core.groups.Tuple.tuple("10.1.1.2", 3));
    }

    @Test
    void ipv6RoutesOfAllTablesEqualIpRouteShowTableAll() {
        assertEventuallyEqual(() -> {
            Map<Integer, String> names = names();
            return client.routes().stream().filter(r -> r.family() == AddressFamily.INET6).map(r -> route(r, names)).toList();
        }, () -> ipRoutes("-6"));
        assertThat(client.routes()).filteredOn(r -> r.family() == AddressFamily.INET6 && r.destination() != null
                && canon(r.destination()).equals(canon("fd10:6::"))).singleElement()
                .satisfies(r -> assertThat(r.nextHops()).hasSize(2));
    }

    @Test
    void neighboursEqualIpNeighShowNudAll() {
        assertEventuallyEqual(() -> {
            Map<Integer, String> names = names();
            return client.neighbors().stream().map(n -> String.join("|", canon(n.destination()), names.get(n.index()),
                    String.valueOf(n.linkLayerAddress()), n.stateName())).toList();
        }, () -> {
            List<String> rows = new ArrayList<>();
            for (JsonNode n : IpJson.of(ns, "neigh show nud all")) {
                List<String> states = new ArrayList<>();
                n.get("state").forEach(s -> states.add(s.asString()));
                rows.add(String.join("|", canon(n.get("dst").asString()), n.get("dev").asString(),
                        text(n, "lladdr", "null"), String.join(",", states)));
            }
            return rows;
        });
        assertThat(client.neighbors()).filteredOn(n -> n.state() == NeighborMessage.NUD_PERMANENT)
                .extracting(n -> canon(n.destination()), n -> n.linkLayerAddress().toString())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("10.1.0.9", "02:00:00:00:00:09"),
                        org.assertj.core.groups.Tuple.tuple(canon("fd00::9"), "02:00:00:00:00:0a"));
    }

    /** Every raw message of the four dumps, as the kernel sent them. */
    static List<Message> captured() {
        List<Message> all = new ArrayList<>();
        int[][] dumps = {{RouteMessageType.RTM_GETLINK, LinkMessage.HEADER_SIZE},
                {RouteMessageType.RTM_GETADDR, AddressMessage.HEADER_SIZE},
                {RouteMessageType.RTM_GETROUTE, RouteMessage.HEADER_SIZE},
                {RouteMessageType.RTM_GETNEIGH, NeighborMessage.HEADER_SIZE}};
        for (int[] d : dumps) {
            all.addAll(conn.execute(Message.of(d[0], HeaderFlags.REQUEST | HeaderFlags.DUMP, new byte[d[1]])));
        }
        return all;
    }

    static Function<Message, Record> decoder(int type) {
        return switch (type) {
            case RouteMessageType.RTM_NEWLINK -> LinkMessage::decode;
            case RouteMessageType.RTM_NEWADDR -> AddressMessage::decode;
            case RouteMessageType.RTM_NEWROUTE -> RouteMessage::decode;
            case RouteMessageType.RTM_NEWNEIGH -> NeighborMessage::decode;
            default -> throw new AssertionError("unexpected type " + type);
        };
    }

    static byte[] encode(Record r) {
        if (r instanceof LinkMessage l) {
            return l.encode();
        } else if (r instanceof AddressMessage a) {
            return a.encode();
        } else if (r instanceof RouteMessage m) {
            return m.encode();
        }
        return ((NeighborMessage) r).encode();
    }

    @Test
    void everyCapturedMessageSurvivesEncodeAndDecode() {
        List<Message> messages = captured();
        assertThat(messages).hasSizeGreaterThan(60);
        for (Message m : messages) {
            Function<Message, Record> decode = decoder(m.header().type());
            Record r = decode.apply(m);
            Record again = decode.apply(new Message(m.header(), encode(r)));
            assertThat(again).as("re-decoded %s", m).isEqualTo(r);
        }
    }

    /** Decodes, accepting success or a NetlinkException and nothing else. */
    static int tryDecode(Function<Message, Record> decode, Message m, byte[] data) {
        try {
            decode.apply(new Message(m.header(), data));
            return 0;
        } catch (NetlinkException e) {
            return 1;
        }
    }

    @Test
    void capturedMessagesCutAtEveryLengthOrCorruptedThrowOnlyNetlinkException() {
        int failures = 0;
        int decodes = 0;
        Random random = new Random(20240611);
        for (Message m : captured()) {
            Function<Message, Record> decode = decoder(m.header().type());
            byte[] data = m.data();
            for (int cut = 0; cut < data.length; cut++) {
                failures += tryDecode(decode, m, Arrays.copyOf(data, cut));
                decodes++;
            }
            for (int i = 0; i < data.length; i++) {
                for (int mask : new int[] {0xFF, 0x01, 0x04, 0x80, 0x7F}) {
                    byte[] flipped = data.clone();
                    flipped[i] ^= (byte) mask;
                    failures += tryDecode(decode, m, flipped);
                    decodes++;
                }
            }
            for (int round = 0; round < 200; round++) {
                byte[] mangled = Arrays.copyOf(data, random.nextInt(data.length + 1));
                for (int k = random.nextInt(4); k >= 0 && mangled.length > 0; k--) {
                    mangled[random.nextInt(mangled.length)] = (byte) random.nextInt(256);
                }
                failures += tryDecode(decode, m, mangled);
                decodes++;
            }
        }
        assertThat(decodes).isGreaterThan(10_000);
        assertThat(failures).isPositive().isLessThan(decodes);
    }
}
