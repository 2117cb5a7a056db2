package io.github.jnetlink.test;

import static io.github.jnetlink.HeaderFlags.ACKNOWLEDGE;
import static io.github.jnetlink.HeaderFlags.CREATE;
import static io.github.jnetlink.HeaderFlags.DUMP;
import static io.github.jnetlink.HeaderFlags.EXCL;
import static io.github.jnetlink.HeaderFlags.REPLACE;
import static io.github.jnetlink.HeaderFlags.REQUEST;
import static io.github.jnetlink.route.RouteGroup.IPV4_IFADDR;
import static io.github.jnetlink.route.RouteGroup.IPV4_ROUTE;
import static io.github.jnetlink.route.RouteGroup.IPV6_IFADDR;
import static io.github.jnetlink.route.RouteGroup.IPV6_ROUTE;
import static io.github.jnetlink.route.RouteGroup.NEIGH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Datagram;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkInfo;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.MacAddress;
import io.github.jnetlink.route.NeighborMessage;
import io.github.jnetlink.route.RouteClient;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernel's rules {@link FakeRouteKernel} reproduces, object by object: each refusal with the errno and
 * extended-ACK text of the kernel, and what each accepted change leaves in the tables. Every test starts with the
 * veth pair {@code veth1} (index 2, down) and {@code veth0} (index 3, up).
 */
class FakeRouteKernelSemanticsTest {

    static final int ESRCH = 3;
    static final int ENOENT = 2;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ELOOP = 40;
    static final int EOPNOTSUPP = 95;
    static final int EADDRNOTAVAIL = 99;
    static final int ENETDOWN = 100;
    static final int ENETUNREACH = 101;

    static FakeRouteKernel fake;
    static Conn conn;
    static RouteClient rt;

    @BeforeEach
    void dial() {
        fake = FakeRouteKernel.create();
        conn = fake.dial();
        conn.setReadDeadline(Instant.now().plusSeconds(10));
        rt = new RouteClient(conn);
        rt.addVeth("veth0", "veth1");
        rt.setLinkUp(3);
    }

    @AfterEach
    void close() {
        conn.close();
        fake.close();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("a link name in use", EEXIST, "", () -> rt.addVeth("veth0", "veth9")),
                refusal("a veth peer name in use", EEXIST, "", () -> rt.addVeth("veth9", "veth1")),
                refusal("a link by a missing name", ENODEV, "", () -> rt.link("eth9")),
                refusal("a link by a missing index", ENODEV, "", () -> rt.link(99)),
                refusal("setting a missing link up", ENODEV, "", () -> rt.setLinkUp(99)),
                refusal("deleting a missing link", ENODEV, "", () -> rt.deleteLink("eth9")),
                refusal("deleting lo", EOPNOTSUPP, "", () -> rt.deleteLink(1)),
                refusal("creating a link without a kind", EOPNOTSUPP, "Unknown device type", () -> request(
                        RouteMessageType.RTM_NEWLINK, CREATE | EXCL, link().name("x0").build().encode())),
                refusal("changing a missing link without NLM_F_CREATE", ENODEV, "", () -> request(
                        RouteMessageType.RTM_NEWLINK, 0, LinkMessage.builder().name("x0").mtu(1400).build().encode())),
                refusal("an mtu below 68", EINVAL, "mtu less than device minimum", () -> request(
                        RouteMessageType.RTM_SETLINK, 0, LinkMessage.builder().index(3).mtu(60).build().encode())),
                refusal("renaming an up link", EBUSY, "", () -> request(
                        RouteMessageType.RTM_SETLINK, 0, LinkMessage.builder().index(3).name("x0").build().encode())),
                refusal("renaming to a name in use", EEXIST, "", () -> request(
                        RouteMessageType.RTM_SETLINK, 0, link().index(2).name("veth0").build().encode())),
                refusal("a master that takes no ports", EOPNOTSUPP, "", () -> rt.setMaster(3, 2)),
                refusal("a missing master", EINVAL, "", () -> rt.setMaster(3, 99)),
                refusal("an address on a missing link", ENODEV, "ipv4: Device not found",
                        () -> rt.addAddress(99, ip("10.0.0.1"), 24)),
                refusal("an IPv6 address on a missing link", ENODEV, "ipv6: Unable to find the interface",
                        () -> rt.addAddress(99, ip("2001:db8::1"), 64)),
                refusal("deleting a missing address", EADDRNOTAVAIL, "ipv4: Address not found",
                        () -> rt.deleteAddress(3, ip("10.0.0.1"), 24)),
                refusal("deleting a missing IPv6 address", EADDRNOTAVAIL, "ipv6: address not found",
                        () -> rt.deleteAddress(3, ip("2001:db8::1"), 64)),
                refusal("a route through a down link", ENETDOWN, "Device for nexthop is not up",
                        () -> rt.addRoute(ip("10.1.0.0"), 16, null, 2)),
                refusal("an IPv6 route through a down link", ENETDOWN, "Nexthop device is not up",
                        () -> rt.addRoute(ip("2001:db8:1::"), 48, null, 2)),
                refusal("a route through a missing link", ENODEV, "", () -> rt.addRoute(ip("10.1.0.0"), 16, null, 99)),
                refusal("an IPv4 prefix with host bits", EINVAL, "Invalid prefix for given prefix length",
                        () -> rt.addRoute(ip("10.1.2.3"), 16, null, 3)),
                refusal("deleting a missing route", ESRCH, "", () -> rt.deleteRoute(ip("10.1.0.0"), 16, null, 3)),
                refusal("a route lookup without a match", ENETUNREACH, "", () -> request(RouteMessageType.RTM_GETROUTE,
                        0, RouteMessage.builder().family(AddressFamily.INET).destinationLength(32)
                                .destination(ip("192.0.2.1")).build().encode())),
                refusal("a neighbour without a destination", EINVAL, "Network address not specified", () -> request(
                        RouteMessageType.RTM_NEWNEIGH, CREATE, NeighborMessage.builder().family(AddressFamily.INET)
                                .index(3).build().encode())),
                refusal("deleting a missing neighbour", ENOENT, "", () -> request(RouteMessageType.RTM_DELNEIGH, 0,
                        neighbor("10.0.0.9").encode())),
                refusal("a message type rtnetlink has no handler for", EOPNOTSUPP, "",
                        () -> request(RouteMessageType.RTM_GETQDISC, DUMP, new byte[20])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesAsTheKernelDoes(String what, int errno, String extAck, ThrowingCallable call) {
        NetlinkErrorException e = catchThrowableOfType(call, NetlinkErrorException.class);
        assertThat(e).as(what).isNotNull();
        assertThat(e.errno()).as(what).isEqualTo(errno);
        assertThat(e.extendedMessage()).as(what).isEqualTo(extAck);
        assertThat(fake.links()).as("a refusal changes nothing").hasSize(3);
    }

    @Test
    void directChangesThrowTheErrorsTheRequestWouldGet() {
        NetlinkErrorException e = catchThrowableOfType(() -> fake.addLink(LinkMessage.builder().name("veth0").build()),
                NetlinkErrorException.class);
        assertThat(e.errno()).isEqualTo(EEXIST);
        assertThat(e.operation()).contains("add link 'veth0'");
        fake.addAddress(AddressMessage.of(3, ip("10.0.0.1"), 24));
        assertThat(catchThrowableOfType(() -> fake.addAddress(AddressMessage.of(3, ip("10.0.0.1"), 24)),
                NetlinkErrorException.class).extendedMessage()).isEqualTo("ipv4: Address already assigned");
        assertThat(catchThrowableOfType(() -> fake.removeLink("lo"), NetlinkErrorException.class).errno())
                .isEqualTo(EOPNOTSUPP);
    }

    @Test
    void addressesAreUniqueUnlessReplacedAndDumpsFilterByFamily() {
        rt.addAddress(3, ip("10.0.0.1"), 24);
        rt.addAddress(3, ip("2001:db8::1"), 64);
        rt.addAddress(3, ip("fe80::1"), 64);
        assertThat(catchThrowableOfType(() -> rt.addAddress(3, ip("10.0.0.1"), 24), NetlinkErrorException.class)
                .extendedMessage()).isEqualTo("ipv4: Address already assigned");
        assertThat(catchThrowableOfType(() -> rt.addAddress(3, ip("2001:db8::1"), 64), NetlinkErrorException.class)
                .extendedMessage()).isEqualTo("ipv6: address already assigned");

        try (RouteMonitor monitor = new RouteMonitor(fake, IPV4_IFADDR)) {
            request(RouteMessageType.RTM_NEWADDR, CREATE | REPLACE, AddressMessage.of(3, ip("10.0.0.1"), 24).encode());
            assertThat(monitor.drain()).containsExactly("ipv4-ifaddr RTM_NEWADDR 10.0.0.1/24 dev 3");
        }
        assertThat(dumpAddresses(AddressFamily.INET)).containsExactly("10.0.0.1");
        // IPv6 addresses by decreasing scope: global before link-local
        assertThat(dumpAddresses(AddressFamily.INET6)).containsExactly("2001:db8:0:0:0:0:0:1", "fe80:0:0:0:0:0:0:1");
        assertThat(dumpAddresses(AddressFamily.UNSPEC)).hasSize(3).startsWith("10.0.0.1");
        assertThat(fake.addresses()).extracting(AddressMessage::scope).containsExactly(0, 0, 253);
    }

    @Test
    void aLinkGoingDownFlushesItsRoutesNeighboursAndIpv6Addresses() {
        rt.addAddress(3, ip("10.0.0.1"), 24);
        rt.addAddress(3, ip("2001:db8::1"), 64);
        rt.addRoute(ip("10.1.0.0"), 16, ip("10.0.0.254"), 3);
        rt.addRoute(ip("2001:db8:1::"), 48, null, 3);
        fake.addNeighbor(neighbor("10.0.0.9"));
        try (RouteMonitor monitor = new RouteMonitor(fake, NEIGH, IPV4_IFADDR, IPV4_ROUTE, IPV6_IFADDR, IPV6_ROUTE)) {
            rt.setLinkDown(3);
            assertThat(monitor.drain()).containsExactly(
                    "neigh RTM_DELNEIGH 10.0.0.9 dev 3 PERMANENT",
                    "ipv6-route RTM_DELROUTE 2001:db8:1:0:0:0:0:0/48 dev 3 table 254",
                    "ipv6-ifaddr RTM_DELADDR 2001:db8:0:0:0:0:0:1/64 dev 3");
        }
        assertThat(fake.routes()).isEmpty();
        assertThat(fake.neighbors()).isEmpty();
        assertThat(fake.addresses()).extracting(a -> a.localAddress().getHostAddress()).containsExactly("10.0.0.1");
    }

    @Test
    void routesAreKeyedReplacedAndLookedUpAsTheKernelDoes() {
        RouteMessage added = fake.addRoute(RouteMessage.of(ip("2001:db8:1::5"), 48, null, 3));
        assertThat(added.priority()).as("IP6_RT_PRIO_USER").isEqualTo(1024);
        assertThat(added.destinationString()).as("IPv6 masks host bits").isEqualTo("2001:db8:1:0:0:0:0:0/48");
        rt.addRoute(ip("10.1.0.0"), 16, ip("10.0.0.254"), 3);
        assertThat(catchThrowableOfType(() -> rt.addRoute(ip("10.1.0.0"), 16, ip("10.0.0.1"), 3),
                NetlinkErrorException.class).errno()).isEqualTo(EEXIST);
        // another metric is another route
        rt.addRoute(RouteMessage.of(ip("10.1.0.0"), 16, ip("10.0.0.1"), 3).toBuilder().priority(100).build());

        try (RouteMonitor monitor = new RouteMonitor(fake, IPV4_ROUTE)) {
            request(RouteMessageType.RTM_NEWROUTE, CREATE | REPLACE,
                    RouteMessage.of(ip("10.1.0.0"), 16, ip("10.0.0.2"), 3).encode());
            List<Datagram> got = monitor.datagrams();
            assertThat(got).singleElement()
                    .satisfies(d -> assertThat(d.messages().get(0).header().has(REPLACE)).isTrue());
        }
        assertThat(fake.routes()).filteredOn(r -> r.family() == AddressFamily.INET)
                .extracting(r -> r.gateway().getHostAddress()).containsExactly("10.0.0.2", "10.0.0.1");

        RouteMessage got = RouteMessage.decode(request(RouteMessageType.RTM_GETROUTE, 0,
                RouteMessage.builder().family(AddressFamily.INET).destinationLength(32).destination(ip("10.1.2.3"))
                        .build().encode()).get(0));
        assertThat(got.destinationString()).isEqualTo("10.1.2.3");
        assertThat(got.gateway().getHostAddress()).isEqualTo("10.0.0.2");
        assertThat(got.flags() & 0x200).as("RTM_F_CLONED").isNotZero();

        rt.deleteRoute(ip("10.1.0.0"), 16, null, 0);
        assertThat(fake.routes()).filteredOn(r -> r.family() == AddressFamily.INET).singleElement()
                .satisfies(r -> assertThat(r.priority()).isEqualTo(100));
    }

    @Test
    void neighboursAreAddedOnceAndFailBeforeTheyGo() {
        request(RouteMessageType.RTM_NEWNEIGH, CREATE | EXCL, neighbor("10.0.0.9").encode());
        assertThat(catchThrowableOfType(() -> request(RouteMessageType.RTM_NEWNEIGH, CREATE | EXCL,
                neighbor("10.0.0.9").encode()), NetlinkErrorException.class).errno()).isEqualTo(EEXIST);
        assertThat(rt.neighbors()).singleElement().satisfies(n -> {
            assertThat(n.linkLayerAddress()).isEqualTo(MacAddress.parse("02:00:00:00:00:09"));
            assertThat(n.stateName()).isEqualTo("PERMANENT");
        });
        try (RouteMonitor monitor = new RouteMonitor(fake, NEIGH)) {
            request(RouteMessageType.RTM_DELNEIGH, 0, neighbor("10.0.0.9").encode());
            assertThat(monitor.drain()).containsExactly("neigh RTM_NEWNEIGH 10.0.0.9 dev 3 FAILED",
                    "neigh RTM_DELNEIGH 10.0.0.9 dev 3 FAILED");
        }
        assertThat(rt.neighbors()).isEmpty();
    }

    @Test
    void linksAreRenamedWhileDownEnslavedAndCreatedByPattern() {
        rt.addAddress(2, ip("10.0.0.1"), 24);
        request(RouteMessageType.RTM_SETLINK, 0, link().index(2).name("peer0").mtu(9000).build().encode());
        assertThat(rt.link(2).name()).isEqualTo("peer0");
        assertThat(rt.link(2).mtu()).isEqualTo(9000);
        assertThat(rt.addresses()).singleElement().satisfies(a -> assertThat(a.label()).isEqualTo("peer0"));

        rt.addBridge("br0");
        rt.addBridge("br1");
        NetlinkErrorException loop = catchThrowableOfType(() -> rt.setMaster(rt.link("br1").index(),
                rt.link("br0").index()), NetlinkErrorException.class);
        assertThat(loop.errno()).isEqualTo(ELOOP);
        assertThat(loop.extendedMessage()).isEqualTo("Can not enslave a bridge to a bridge");
        rt.setMaster(2, rt.link("br0").index());
        assertThat(rt.link(2).master()).isEqualTo(rt.link("br0").index());
        rt.setMaster(2, 0);
        assertThat(rt.link(2).master()).isNull();

        request(RouteMessageType.RTM_NEWLINK, CREATE | EXCL, new AttributeEncoder().header(new byte[16])
                .nested(LinkMessage.IFLA_LINKINFO, info -> info.string(LinkInfo.IFLA_INFO_KIND, "dummy")).encode());
        assertThat(rt.link("dummy0").kind()).isEqualTo("dummy");
    }

    static LinkMessage.Builder link() {
        return LinkMessage.builder();
    }

    static Arguments refusal(String what, int errno, String extAck, ThrowingCallable call) {
        return Arguments.of(what, errno, extAck, call);
    }

    /** A raw change or query, acknowledged, as code without RouteClient sends it. */
    static List<Message> request(int type, int flags, byte[] payload) {
        return conn.execute(Message.of(type, REQUEST | ACKNOWLEDGE | flags, payload));
    }

    static List<String> dumpAddresses(int family) {
        byte[] header = new byte[AddressMessage.HEADER_SIZE];
        header[0] = (byte) family;
        return conn.execute(Message.of(RouteMessageType.RTM_GETADDR, REQUEST | DUMP, header)).stream()
                .map(m -> AddressMessage.decode(m).localAddress().getHostAddress()).toList();
    }

    static NeighborMessage neighbor(String destination) {
        return NeighborMessage.builder().index(3).destination(ip(destination)).state(NeighborMessage.NUD_PERMANENT)
                .linkLayerAddress(MacAddress.parse("02:00:00:00:00:09")).build();
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
