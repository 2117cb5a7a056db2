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
 * {@link Nexthops#list(NexthopFilter)} and {@link Nexthops#change} against the real kernel, compared with
 * {@code ip -j [-4|-6] nexthop show dev D master M groups fdb}, on a connection with strict checking and one
 * without (the kernel checks and filters nexthop dumps either way).
 */
@NetlinkNamespace
class NexthopFiltersKernelTest {

    static Netns ns;
    static Conn strictConn;
    static Conn plainConn;
    static Nexthops strict;
    static Nexthops plain;
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
                "link set br0 up", "link set va up", "link set vb up", "link set vc up", "link set vd up",
                "addr add 10.0.0.1/24 dev va",
                "addr add 10.0.1.1/24 dev vc",
                "nexthop add id 1 via 10.0.0.2 dev va",
                "nexthop add id 2 via 10.0.1.2 dev vc",
                "nexthop add id 3 dev vc",
                "nexthop add id 4 blackhole",
                "nexthop add id 5 via 10.0.0.4 fdb",
                "nexthop add id 10 group 1/2",
                "nexthop add id 11 group 5 fdb"));
        ns.ip("-6 addr add 2001:db8::1/64 dev va nodad");
        ns.ip("-6 nexthop add id 6 via 2001:db8::2 dev va");
        strictConn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        plainConn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        strict = new Rtnetlink(strictConn).nexthops();
        plain = new Rtnetlink(plainConn, false).nexthops();
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

    static String key(NexthopMessage n) {
        StringBuilder b = new StringBuilder("id ").append(n.id());
        if (n.gateway() != null) {
            b.append(" via ").append(n.gateway().getHostAddress());
        }
        if (n.index() != null) {
            b.append(" dev ").append(NAME.get(n.index()));
        }
        if (n.blackhole()) {
            b.append(" blackhole");
        }
        if (n.isGroup()) {
            b.append(" group");
            n.group().forEach(m -> b.append(' ').append(m.id()));
        }
        return b.append(n.fdb() ? " fdb" : "").toString();
    }

    static String key(JsonNode j) {
        StringBuilder b = new StringBuilder("id ").append(j.get("id").asInt());
        if (j.has("gateway")) {
            b.append(" via ").append(ip(j.get("gateway").asString()).getHostAddress());
        }
        if (j.has("dev")) {
            b.append(" dev ").append(j.get("dev").asString());
        }
        if (j.has("blackhole")) {
            b.append(" blackhole");
        }
        if (j.has("group")) {
            b.append(" group");
            j.get("group").forEach(m -> b.append(' ').append(m.get("id").asInt()));
        }
        return b.append(j.has("fdb") ? " fdb" : "").toString();
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of(NexthopFilter.ALL, null, null, "nexthop show"),
                Arguments.of(NexthopFilter.builder().build(), "va", null, "nexthop show dev va"),
                Arguments.of(NexthopFilter.builder().family(AddressFamily.INET).build(), "vc", null,
                        "-4 nexthop show dev vc"),
                Arguments.of(NexthopFilter.builder().family(AddressFamily.INET6).build(), null, null,
                        "-6 nexthop show"),
                Arguments.of(NexthopFilter.builder().family(AddressFamily.INET).build(), null, null,
                        "-4 nexthop show"),
                Arguments.of(NexthopFilter.builder().groups(true).build(), null, null, "nexthop show groups"),
                // ip 6.1 takes "fdb" after "show" but sends no NHA_FDB: its own entries with "fdb" are what to expect
                Arguments.of(NexthopFilter.builder().fdb(true).build(), null, null, "nexthop show"),
                Arguments.of(NexthopFilter.builder().build(), null, "br0", "nexthop show master br0"));
    }

    static NexthopFilter resolve(NexthopFilter f, String dev, String master) {
        return new NexthopFilter(f.family(), dev == null ? 0 : INDEX.get(dev), master == null ? 0 : INDEX.get(master),
                f.groups(), f.fdb());
    }

    @ParameterizedTest(name = "{3} {0}")
    @MethodSource("filters")
    void filteredListsAreWhatIpShows(NexthopFilter filter, String dev, String master, String args) {
        List<String> expected = new ArrayList<>();
        IpJson.of(ns, args).forEach(j -> {
            if (!filter.fdb() || j.has("fdb")) {
                expected.add(key(j));
            }
        });
        for (Nexthops nexthops : List.of(strict, plain)) {
            assertThat(nexthops.list(resolve(filter, dev, master)).stream().map(NexthopFiltersKernelTest::key)
                    .toList()).as(args).containsExactlyElementsOf(expected).isNotEmpty();
        }
    }

    @Test
    void aLinkThatDoesNotExistHasNoNexthops() {
        assertThat(strict.list(NexthopFilter.builder().outputInterface(99999).build())).isEmpty();
    }

    @Test
    void changeReplacesOnlyWhatExists() {
        strict.change(NexthopMessage.builder().id(1).family(AddressFamily.INET).gateway(ip("10.0.0.3"))
                .index(INDEX.get("va")).build());
        assertThat(IpJson.of(ns, "nexthop show id 1").get(0).get("gateway").asString()).isEqualTo("10.0.0.3");
        assertThatThrownBy(() -> strict.change(NexthopMessage.builder().id(77).family(AddressFamily.INET)
                .gateway(ip("10.0.0.3")).index(INDEX.get("va")).build()))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.getMessage()).contains("change nexthop 77");
                });
        assertThat(IpJson.of(ns, "nexthop show").findValues("id").stream().map(JsonNode::asInt)).doesNotContain(77);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> strict.list(null)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("filter must not be null");
        assertThatThrownBy(() -> NexthopFilter.builder().outputInterface(-1).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("oif -1");
    }
}
