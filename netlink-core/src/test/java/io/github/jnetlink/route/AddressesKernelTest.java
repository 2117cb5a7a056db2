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
 * {@link Addresses} against the real kernel: lists by family and link compared with
 * {@code ip -j [-4|-6] addr show dev D}, with the kernel filtering ({@code NLM_F_DUMP_FILTERED} seen) and on a
 * connection without strict checking; add, replace, change and delete checked with {@code ip addr show}.
 */
@NetlinkNamespace
class AddressesKernelTest {

    static Netns ns;
    static Conn strictConn;
    static Conn plainConn;
    static Addresses strict;
    static Addresses plain;
    static final Map<String, Integer> INDEX = new HashMap<>();

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.batch(List.of(
                "link set lo up",
                "link add va type veth peer name vb",
                "link add vc type veth peer name vd",
                "link set va up", "link set vb up", "link set vc up",
                "addr add 10.0.0.1/24 dev va",
                "addr add 10.0.0.2/24 dev va",
                "addr add 10.0.1.1/24 dev vc label vc:one",
                "addr add 10.0.2.1/24 dev vb metric 30"));
        ns.ip("-6 addr add 2001:db8::1/64 dev va nodad");
        ns.ip("-6 addr add 2001:db8:1::1/64 dev vc nodad");
        strictConn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        plainConn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        strict = new Rtnetlink(strictConn).addresses();
        plain = new Rtnetlink(plainConn, false).addresses();
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

    /** What {@code ip addr} shows of an address that does not change on its own (no lifetimes). */
    static String key(AddressMessage a) {
        return a.index() + " " + AddressFamily.name(a.family()) + " " + a.localAddress().getHostAddress() + "/"
                + a.prefixLength() + " scope " + a.scope() + " label " + a.label() + " metric " + a.metric();
    }

    static String key(int index, JsonNode j) {
        int scope = switch (j.get("scope").asString()) {
            case "global" -> 0;
            case "link" -> 253;
            case "host" -> 254;
            default -> throw new AssertionError(j);
        };
        return index + " " + j.get("family").asString() + " " + ip(j.get("local").asString()).getHostAddress() + "/"
                + j.get("prefixlen").asInt() + " scope " + scope + " label "
                + (j.has("label") ? j.get("label").asString() : null) + " metric "
                + (j.has("metric") ? j.get("metric").asInt() : null);
    }

    static List<String> ipShows(String args) {
        List<String> out = new ArrayList<>();
        IpJson.of(ns, args).forEach(l -> {
            if (l.has("addr_info")) {
                l.get("addr_info").forEach(a -> out.add(key(l.get("ifindex").asInt(), a)));
            }
        });
        return out;
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of(AddressFamily.UNSPEC, null, "addr show"),
                Arguments.of(AddressFamily.UNSPEC, "va", "addr show dev va"),
                Arguments.of(AddressFamily.INET, null, "-4 addr show"),
                Arguments.of(AddressFamily.INET6, null, "-6 addr show"),
                Arguments.of(AddressFamily.INET, "va", "-4 addr show dev va"),
                Arguments.of(AddressFamily.INET6, "vc", "-6 addr show dev vc"),
                Arguments.of(AddressFamily.INET, "vb", "-4 addr show dev vb"));
    }

    static AddressFilter filter(int family, String dev) {
        return AddressFilter.builder().family(family).index(dev == null ? 0 : INDEX.get(dev)).build();
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("filters")
    void kernelFilteredListsAreWhatIpShows(int family, String dev, String args) {
        FilteredDumps.FilteredList<AddressMessage> got = strict.listing(filter(family, dev));
        // ip sorts by link; the kernel's AF_UNSPEC dump is IPv4 then IPv6
        assertThat(got.items().stream().map(AddressesKernelTest::key).toList()).as(args)
                .containsExactlyInAnyOrderElementsOf(ipShows(args)).isNotEmpty();
        if (dev != null) {
            assertThat(got.kernelFiltered()).as("NLM_F_DUMP_FILTERED on every reply").isTrue();
        }
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("filters")
    void listsWithoutStrictCheckingAreTheSame(int family, String dev, String args) {
        FilteredDumps.FilteredList<AddressMessage> local = plain.listing(filter(family, dev));
        assertThat(local.kernelFiltered()).as("without strict checking the kernel ignores ifa_index").isFalse();
        assertThat(local.items().stream().map(AddressesKernelTest::key).toList()).as(args)
                .containsExactlyElementsOf(strict.list(filter(family, dev)).stream().map(AddressesKernelTest::key)
                        .toList());
    }

    @Test
    void aLinkThatDoesNotExistHasNoAddressesOnBothPaths() {
        assertThat(strict.list(AddressFilter.builder().index(99999).build())).isEmpty();
        assertThat(plain.list(AddressFilter.builder().index(99999).build())).isEmpty();
    }

    @Test
    void getFiltersADumpOfTheLink() {
        int va = INDEX.get("va");
        AddressMessage got = strict.get(va, ip("10.0.0.2"));
        assertThat(got.prefixLength()).isEqualTo(24);
        assertThat(got.index()).isEqualTo(va);
        assertThat(key(got)).isIn(ipShows("-4 addr show dev va"));
        assertThat(strict.get(va, ip("2001:db8::1")).family()).isEqualTo(AddressFamily.INET6);
        assertThat(strict.get(va, ip("10.0.1.1"))).isNull();
    }

    @Test
    void addReplaceChangeDeleteRoundTrip() {
        int vc = INDEX.get("vc");
        AddressMessage address = AddressMessage.of(vc, ip("10.0.9.1"), 24);
        strict.add(address);
        assertThat(ipShows("-4 addr show dev vc")).contains(vc + " inet 10.0.9.1/24 scope 0 label vc metric null");
        assertThatThrownBy(() -> strict.add(address)).isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("EEXIST");
            assertThat(e.getMessage()).contains("add address 10.0.9.1/24 to link " + vc);
        });

        strict.replace(address.toBuilder().metric(70).build());
        assertThat(ipShows("-4 addr show dev vc")).contains(vc + " inet 10.0.9.1/24 scope 0 label vc metric 70");
        strict.change(address.toBuilder().metric(80).build());
        assertThat(ipShows("-4 addr show dev vc")).contains(vc + " inet 10.0.9.1/24 scope 0 label vc metric 80");

        strict.delete(address);
        assertThat(strict.get(vc, ip("10.0.9.1"))).isNull();
        assertThatThrownBy(() -> strict.delete(address)).isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("EADDRNOTAVAIL");
            assertThat(e.getMessage()).contains("delete address 10.0.9.1/24 from link " + vc);
        });
        assertThatThrownBy(() -> strict.add(AddressMessage.of(99999, ip("10.0.9.1"), 24)))
                .isInstanceOfSatisfying(NetlinkErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("ENODEV"));
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> strict.list(null)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("filter must not be null");
        assertThatThrownBy(() -> AddressFilter.builder().index(-2).build()).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("interface index");
        assertThatThrownBy(() -> AddressFilter.builder().family(300).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("family must be 0 to 255");
        assertThatThrownBy(() -> strict.get(1, null)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("address must not be null");
        assertThatThrownBy(() -> strict.delete(null)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("delete address");
    }
}
