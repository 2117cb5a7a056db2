package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Nexthop objects as the real kernel reports them through {@link Nexthops}, compared field by field with
 * {@code ip -N -j -d nexthop show}, and changed through {@link Nexthops} and checked with {@code ip nexthop show}.
 */
@NetlinkNamespace
class NexthopsKernelTest {

    /** The {@code RTNH_F_*} names {@code ip nexthop} prints in {@code flags}, by bit. */
    static final String[] FLAG_NAMES = {"dead", "pervasive", "onlink", "offload", "linkdown", "unresolved", "trap"};

    static Netns ns;
    static Conn conn;
    static Nexthops nexthops;
    static RouteClient client;
    static int index;

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.batch(List.of(
                "link set lo up",
                "link add va type veth peer name vb",
                "link set va up",
                "link set vb up",
                "addr add 10.0.0.1/24 dev va",
                "nexthop add id 1 via 10.0.0.2 dev va",
                "nexthop add id 2 dev va",
                "nexthop add id 3 blackhole"));
        // ip -batch takes no options such as -6 on its lines
        ns.ip("-6 addr add 2001:db8::1/64 dev va nodad");
        ns.ip("-6 nexthop add id 4 via 2001:db8::2 dev va");
        ns.batch(List.of(
                "nexthop add id 5 via 10.0.0.3 dev va onlink protocol 99",
                "nexthop add id 6 via 10.0.0.4 fdb",
                "nexthop add id 10 group 1/2,3",
                "nexthop add id 11 group 1/2 type resilient buckets 8 idle_timer 100",
                "nexthop add id 12 group 6 fdb",
                "route add 192.0.2.0/24 nhid 10"));
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        nexthops = new Nexthops(conn);
        client = new RouteClient(conn);
        index = client.link("va").index();
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    static Map<Integer, JsonNode> ipById(String args) {
        Map<Integer, JsonNode> out = new TreeMap<>();
        IpJson.of(ns, args).forEach(n -> out.put(n.get("id").asInt(), n));
        return out;
    }

    static Map<Integer, NexthopMessage> byId(List<NexthopMessage> list) {
        Map<Integer, NexthopMessage> out = new TreeMap<>();
        list.forEach(n -> out.put(n.id(), n));
        return out;
    }

    static List<String> flagNames(int flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & (1 << i)) != 0) {
                out.add(FLAG_NAMES[i]);
            }
        }
        return out;
    }

    /** Compares one decoded nexthop with the object {@code ip -N -j -d nexthop show} prints for it. */
    static void assertSameAsIp(NexthopMessage n, JsonNode j) {
        String what = "nexthop " + n.id();
        assertThat(n.id()).as(what + " id").isEqualTo(j.get("id").asInt());
        assertThat(n.gateway() == null ? null : n.gateway().getHostAddress()).as(what + " gateway")
                .isEqualTo(j.has("gateway") ? ip(j.get("gateway").asString()).getHostAddress() : null);
        assertThat(n.index() == null ? null : client.link(n.index()).name()).as(what + " dev")
                .isEqualTo(j.has("dev") ? j.get("dev").asString() : null);
        assertThat(n.blackhole()).as(what + " blackhole").isEqualTo(j.has("blackhole"));
        assertThat(n.fdb()).as(what + " fdb").isEqualTo(j.has("fdb"));
        assertThat(Integer.toString(n.scope())).as(what + " scope").isEqualTo(j.get("scope").asString());
        assertThat(Integer.toString(n.protocol())).as(what + " protocol").isEqualTo(j.get("protocol").asString());
        List<String> ipFlags = new ArrayList<>();
        j.get("flags").forEach(f -> ipFlags.add(f.asString()));
        assertThat(flagNames(n.flags())).as(what + " flags").isEqualTo(ipFlags);
        List<String> ipGroup = new ArrayList<>();
        if (j.has("group")) {
            // ip leaves out a weight of 1
            j.get("group").forEach(m -> ipGroup.add(m.get("id").asInt() + "/"
                    + (m.has("weight") ? m.get("weight").asInt() : 1)));
        }
        assertThat(n.group()).as(what + " group").extracting(m -> m.id() + "/" + m.weight())
                .containsExactlyElementsOf(ipGroup);
        // ip prints the type only when it is not multipath
        if (n.isGroup()) {
            assertThat(n.groupType()).as(what + " group type").isEqualTo(
                    j.has("type") && j.get("type").asString().equals("resilient")
                            ? NexthopMessage.NEXTHOP_GRP_TYPE_RES : NexthopMessage.NEXTHOP_GRP_TYPE_MPATH);
        } else {
            assertThat(n.groupType()).as(what + " group type").isNull();
            assertThat(j.has("type")).isFalse();
        }
        if (j.has("resilient_args")) {
            JsonNode r = j.get("resilient_args");
            NexthopMessage.ResilientGroup g = n.resilientGroup();
            assertThat(g).as(what + " resilient group").isNotNull();
            assertThat(g.buckets()).as(what + " buckets").isEqualTo(r.get("buckets").asInt());
            assertThat(g.idleTimerSeconds()).as(what + " idle_timer").isEqualTo(r.get("idle_timer").asLong());
            assertThat(g.unbalancedTimerSeconds()).as(what + " unbalanced_timer")
                    .isEqualTo(r.get("unbalanced_timer").asLong());
            assertThat(g.unbalancedTimeSeconds()).as(what + " unbalanced_time")
                    .isEqualTo(r.get("unbalanced_time").asLong());
            assertThat(g.unknown()).as(what + " resilient unknown").isEmpty();
        } else {
            assertThat(n.resilientGroup()).as(what + " resilient group").isNull();
        }
        // not printed by ip: Linux 6.12 and later flag every group reply as having zeroed reserved fields
        assertThat(n.opFlags()).as(what + " NHA_OP_FLAGS")
                .isEqualTo(n.isGroup() ? NexthopMessage.NHA_OP_FLAG_RESP_GRP_RESVD_0 : null);
        assertThat(n.encap()).as(what + " encap").isNull();
        assertThat(n.unknown()).as(what + " unknown").isEmpty();
    }

    @Test
    void listIsWhatIpNexthopShowPrints() {
        Map<Integer, NexthopMessage> ours = byId(nexthops.list());
        Map<Integer, JsonNode> expected = ipById("-N -d nexthop show");
        assertThat(ours.keySet()).containsAll(List.of(1, 2, 3, 4, 5, 6, 10, 11, 12))
                .isEqualTo(expected.keySet());
        ours.forEach((id, n) -> assertSameAsIp(n, expected.get(id)));

        // families: ip -4 / -6 ask the kernel to filter by nh_family; groups are AF_UNSPEC
        Set<Integer> v4 = ipById("-4 nexthop show").keySet();
        Set<Integer> v6 = ipById("-6 nexthop show").keySet();
        assertThat(ours.values().stream().filter(n -> n.family() == AddressFamily.INET).map(NexthopMessage::id)
                .collect(Collectors.toSet())).isEqualTo(v4).containsExactlyInAnyOrder(1, 2, 3, 5, 6);
        assertThat(ours.values().stream().filter(n -> n.family() == AddressFamily.INET6).map(NexthopMessage::id)
                .collect(Collectors.toSet())).isEqualTo(v6).containsExactly(4);
        assertThat(ours.values().stream().filter(NexthopMessage::isGroup).map(NexthopMessage::family))
                .containsOnly(AddressFamily.UNSPEC);

        // the exact values the setup asked for
        assertThat(ours.get(1).gateway()).isEqualTo(ip("10.0.0.2"));
        assertThat(ours.get(1).index()).isEqualTo(index);
        assertThat(ours.get(1).scope()).isEqualTo(RouteMessage.RT_SCOPE_LINK);
        assertThat(ours.get(2).scope()).isEqualTo(RouteMessage.RT_SCOPE_HOST);
        assertThat(ours.get(2).gateway()).isNull();
        assertThat(ours.get(3).blackhole()).isTrue();
        assertThat(ours.get(3).index()).isNull();
        assertThat(ours.get(4).gateway()).isEqualTo(ip("2001:db8::2"));
        assertThat(ours.get(5).flags()).isEqualTo(NextHop.RTNH_F_ONLINK);
        assertThat(ours.get(5).protocol()).isEqualTo(99);
        assertThat(ours.get(6).fdb()).isTrue();
        assertThat(ours.get(10).group()).containsExactly(new NexthopMessage.Member(1, 1),
                new NexthopMessage.Member(2, 3));
        assertThat(ours.get(10).groupType()).isEqualTo(NexthopMessage.NEXTHOP_GRP_TYPE_MPATH);
        assertThat(ours.get(11).groupType()).isEqualTo(NexthopMessage.NEXTHOP_GRP_TYPE_RES);
        assertThat(ours.get(11).resilientGroup().buckets()).isEqualTo(8);
        assertThat(ours.get(11).resilientGroup().idleTimer()).isEqualTo(100 * NeighborCacheInfo.USER_HZ);
        assertThat(ours.get(12).fdb()).isTrue();
        assertThat(ours.get(12).group()).containsExactly(new NexthopMessage.Member(6, 1));

        // every object survives encoding and decoding
        ours.values().forEach(n -> assertThat(NexthopMessage.decode(n.toMessage())).isEqualTo(n));
    }

    @Test
    void routesNameTheirNexthopById() {
        assertThat(client.routes()).filteredOn(r -> ip("192.0.2.0").equals(r.destination()))
                .extracting(RouteMessage::nexthopId).containsExactly(10);
    }

    @Test
    void getFindsOneByIdAndEnoentOtherwise() {
        Map<Integer, NexthopMessage> ours = byId(nexthops.list());
        for (int id : List.of(1, 3, 4, 10, 11)) {
            assertThat(nexthops.get(id)).isEqualTo(ours.get(id));
        }
        assertThatThrownBy(() -> nexthops.get(999)).isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("ENOENT");
            assertThat(e.getMessage()).contains("get nexthop 999");
        });
        assertThatThrownBy(() -> nexthops.delete(999)).isInstanceOfSatisfying(NetlinkErrorException.class,
                e -> assertThat(e.errnoName()).isEqualTo("ENOENT"));
    }

    @Test
    void addReplaceAndDeleteAreWhatIpShows() {
        NexthopMessage path = NexthopMessage.builder().id(50).gateway(ip("10.0.0.50")).index(index).build();
        nexthops.add(path);
        nexthops.add(NexthopMessage.builder().id(51).family(AddressFamily.INET).index(index).build());
        nexthops.add(NexthopMessage.builder().id(52).family(AddressFamily.INET6).blackhole(true).protocol(42).build());
        nexthops.add(NexthopMessage.builder().id(60).addMember(50, 5).addMember(51, 200).build());
        nexthops.add(NexthopMessage.builder().id(62).addMember(50, 1).addMember(51, 300).build());
        nexthops.add(NexthopMessage.builder().id(61).addMember(50, 1).addMember(51, 2)
                .groupType(NexthopMessage.NEXTHOP_GRP_TYPE_RES)
                .resilientGroup(NexthopMessage.ResilientGroup.of(16, 5, 30)).build());
        assertThat(ns.ip("nexthop show id 50")).contains("id 50 via 10.0.0.50 dev va");
        assertThat(ns.ip("nexthop show id 60")).contains("id 60 group 50,5/51,200");
        // a weight above 256 travels in weight_high, which iproute2 6.1 does not read: it shows 300 as 44
        assertThat(nexthops.get(62).group()).containsExactly(new NexthopMessage.Member(50, 1),
                new NexthopMessage.Member(51, 300));
        assertThat(ns.ip("nexthop show id 62")).contains("id 62 group 50/51," + ((300 - 1) % 256 + 1));
        assertThat(ns.ip("nexthop show id 61"))
                .contains("id 61 group 50/51,2 type resilient buckets 16 idle_timer 5 unbalanced_timer 30");
        Map<Integer, JsonNode> expected = ipById("-N -d nexthop show");
        for (int id : List.of(50, 51, 52, 60, 61)) {
            assertSameAsIp(nexthops.get(id), expected.get(id));
        }
        assertThat(nexthops.get(52).family()).isEqualTo(AddressFamily.INET6);
        assertThat(nexthops.get(52).protocol()).isEqualTo(42);

        assertThatThrownBy(() -> nexthops.add(path)).isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("EEXIST");
            assertThat(e.getMessage()).contains("add nexthop 50");
        });

        nexthops.replace(path.toBuilder().gateway(ip("10.0.0.60")).build());
        assertThat(ns.ip("nexthop show id 50")).contains("id 50 via 10.0.0.60 dev va");
        assertThat(nexthops.get(50).gateway()).isEqualTo(ip("10.0.0.60"));
        // replace creates when there is none
        nexthops.replace(NexthopMessage.builder().id(53).gateway(ip("10.0.0.53")).index(index).build());
        assertThat(ns.ip("nexthop show id 53")).contains("id 53 via 10.0.0.53 dev va");
        nexthops.replace(NexthopMessage.builder().id(60).addMember(50, 7).build());
        assertThat(ns.ip("nexthop show id 60")).contains("id 60 group 50,7");

        for (int id : List.of(62, 61, 60, 53, 52, 51, 50)) {
            nexthops.delete(id);
        }
        Set<Integer> left = new HashSet<>(ipById("nexthop show").keySet());
        assertThat(left).doesNotContain(50, 51, 52, 53, 60, 61, 62).contains(1, 10);
        assertThat(byId(nexthops.list()).keySet()).isEqualTo(left);
    }
}
