package io.github.jnetlink.route;

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
 * {@link Links} against the real kernel: lists by master and kind compared with {@code ip -j -d link show master
 * M type K}, with the kernel filtering ({@code NLM_F_DUMP_FILTERED} seen) and on a connection without strict
 * checking; lookups by index, name and alternative name; add, change and delete checked with {@code ip link}.
 */
@NetlinkNamespace
class LinksKernelTest {

    static Netns ns;
    static Conn strictConn;
    static Conn plainConn;
    static Links strict;
    static Links plain;
    static final Map<String, Integer> INDEX = new HashMap<>();

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.batch(List.of(
                "link set lo up",
                "link add br0 type bridge",
                "link add br1 type bridge",
                "link add va type veth peer name vb",
                "link add vc type veth peer name vd",
                "link add ve type veth peer name vf",
                "link set va master br0",
                "link set vc master br0",
                "link set ve master br1",
                "link set br0 up",
                "link set va up",
                "link set va mtu 1400"));
        ns.ip("link property add dev vb altname a-long-alternative-name-of-vb");
        strictConn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        plainConn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        strict = new Rtnetlink(strictConn).links();
        plain = new Rtnetlink(plainConn, false).links();
        IpJson.of(ns, "link show").forEach(l -> INDEX.put(l.get("ifname").asString(), l.get("ifindex").asInt()));
    }

    @AfterAll
    static void tearDown() {
        for (Conn c : new Conn[] {strictConn, plainConn}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** What {@code ip -d link} shows of a link that does not change on its own: no counters, no carrier timing. */
    static String key(LinkMessage l, Map<Integer, String> names) {
        return l.index() + " " + l.name() + " mtu " + l.mtu() + " master " + (l.master() == null ? "-"
                : names.get(l.master())) + " kind " + (l.kind() == null ? "-" : l.kind()) + " address " + l.address()
                + " up " + l.hasFlags(LinkMessage.IFF_UP);
    }

    static String key(JsonNode j) {
        String kind = j.has("linkinfo") && j.get("linkinfo").has("info_kind") ? j.get("linkinfo").get("info_kind")
                .asString() : "-";
        boolean up = false;
        for (JsonNode f : j.get("flags")) {
            up |= f.asString().equals("UP");
        }
        return j.get("ifindex").asInt() + " " + j.get("ifname").asString() + " mtu " + j.get("mtu").asInt()
                + " master " + (j.has("master") ? j.get("master").asString() : "-") + " kind " + kind + " address "
                + j.get("address").asString() + " up " + up;
    }

    static Map<Integer, String> names() {
        Map<Integer, String> out = new HashMap<>();
        INDEX.forEach((name, index) -> out.put(index, name));
        return out;
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of(null, null, "", true),
                Arguments.of("br0", null, "master br0", true),
                Arguments.of(null, "veth", "type veth", true),
                Arguments.of("br0", "veth", "master br0 type veth", true),
                Arguments.of(null, "bridge", "type bridge", true),
                Arguments.of("br1", "bridge", "master br1 type bridge", false),
                // no dummy driver in this kernel: it ignores the kind, and only the local filter applies it
                Arguments.of(null, "dummy", "type dummy", false));
    }

    static LinkFilter filter(String master, String kind) {
        return LinkFilter.builder().master(master == null ? 0 : INDEX.get(master)).kind(kind).build();
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("filters")
    void kernelFilteredListsAreWhatIpShows(String master, String kind, String args, boolean nonEmpty) {
        FilteredDumps.FilteredList<LinkMessage> got = strict.listing(filter(master, kind));
        List<String> expected = new ArrayList<>();
        // ip 6.1 prints an empty object for each link its own filter drops
        IpJson.of(ns, "-d link show " + args).forEach(j -> {
            if (j.has("ifindex")) {
                expected.add(key(j));
            }
        });
        assertThat(got.items().stream().map(l -> key(l, names())).toList()).as(args)
                .containsExactlyElementsOf(expected);
        assertThat(got.items().isEmpty()).as(args + " is empty").isEqualTo(!nonEmpty);
        if (master != null || "veth".equals(kind) || "bridge".equals(kind)) {
            assertThat(got.kernelFiltered()).as("NLM_F_DUMP_FILTERED on every reply").isEqualTo(nonEmpty);
        } else {
            assertThat(got.kernelFiltered()).as("no NLM_F_DUMP_FILTERED without a filter the kernel knows").isFalse();
        }
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("filters")
    void listsWithoutStrictCheckingAreTheSame(String master, String kind, String args, boolean nonEmpty) {
        assertThat(plain.list(filter(master, kind)).stream().map(l -> key(l, names())).toList()).as(args)
                .containsExactlyElementsOf(strict.list(filter(master, kind)).stream().map(l -> key(l, names()))
                        .toList());
    }

    @Test
    void getByIndexNameAndAlternativeName() {
        int vb = INDEX.get("vb");
        JsonNode j = IpJson.of(ns, "-d link show dev vb").get(0);
        for (LinkMessage l : List.of(strict.get(vb), strict.get("vb"), strict.get("a-long-alternative-name-of-vb"),
                plain.get("a-long-alternative-name-of-vb"))) {
            assertThat(key(l, names())).isEqualTo(key(j));
            assertThat(l.altNames()).containsExactly("a-long-alternative-name-of-vb");
        }
        assertThatThrownBy(() -> strict.get("nosuch0")).isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("ENODEV");
            assertThat(e.getMessage()).contains("get link 'nosuch0'");
        });
        assertThatThrownBy(() -> strict.get(99999)).isInstanceOfSatisfying(NetlinkErrorException.class,
                e -> assertThat(e.errnoName()).isEqualTo("ENODEV"));
    }

    @Test
    void addChangeDeleteRoundTrip() {
        strict.add(LinkMessage.builder().name("br9").linkInfo(LinkInfo.of("bridge")).build());
        JsonNode added = IpJson.of(ns, "-d link show dev br9").get(0);
        assertThat(added.get("linkinfo").get("info_kind").asString()).isEqualTo("bridge");
        assertThatThrownBy(() -> strict.add(LinkMessage.builder().name("br9").linkInfo(LinkInfo.of("bridge")).build()))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EEXIST");
                    assertThat(e.getMessage()).contains("add link 'br9' type bridge");
                });

        int index = added.get("ifindex").asInt();
        strict.change(LinkMessage.builder().index(index).mtu(1280).flags(LinkMessage.IFF_UP)
                .change(LinkMessage.IFF_UP).build());
        JsonNode changed = IpJson.of(ns, "link show dev br9").get(0);
        assertThat(changed.get("mtu").asInt()).isEqualTo(1280);
        assertThat(changed.get("flags").toString()).contains("\"UP\"");
        strict.change(LinkMessage.builder().index(index).name("br8").build());
        assertThat(IpJson.of(ns, "link show dev br8").get(0).get("ifindex").asInt()).isEqualTo(index);

        strict.delete("br8");
        assertThat(strict.list(LinkFilter.builder().kind("bridge").build())).extracting(LinkMessage::name)
                .containsExactly("br0", "br1");
        assertThatThrownBy(() -> strict.delete("br8")).isInstanceOfSatisfying(NetlinkErrorException.class,
                e -> assertThat(e.errnoName()).isEqualTo("ENODEV"));
        assertThatThrownBy(() -> strict.delete(index)).isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("ENODEV");
            assertThat(e.getMessage()).contains("delete link " + index);
        });
        assertThatThrownBy(() -> strict.change(LinkMessage.builder().index(index).mtu(1300).build()))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("ENODEV"));
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> strict.list(null)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("filter must not be null");
        assertThatThrownBy(() -> LinkFilter.builder().master(-1).build()).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("master index");
        assertThatThrownBy(() -> LinkFilter.builder().kind("").build()).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("kind");
        assertThatThrownBy(() -> strict.get(0)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("index must be positive");
        assertThatThrownBy(() -> strict.get("x".repeat(128))).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("1 to 127 bytes");
        assertThatThrownBy(() -> strict.change(LinkMessage.builder().mtu(1000).build()))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("index or a name");
        try (Conn generic = Conn.dial(Protocol.GENERIC, Config.DEFAULT.withNetns(ns.path()))) {
            assertThatThrownBy(() -> new Rtnetlink(generic)).isInstanceOf(NetlinkArgumentException.class)
                    .hasMessageContaining("Protocol.ROUTE");
        }
    }
}
