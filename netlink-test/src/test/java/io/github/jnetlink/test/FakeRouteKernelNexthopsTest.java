package io.github.jnetlink.test;

import static io.github.jnetlink.HeaderFlags.ACKNOWLEDGE;
import static io.github.jnetlink.HeaderFlags.CREATE;
import static io.github.jnetlink.HeaderFlags.EXCL;
import static io.github.jnetlink.HeaderFlags.REPLACE;
import static io.github.jnetlink.HeaderFlags.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Datagram;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.NextHop;
import io.github.jnetlink.route.NexthopMessage;
import io.github.jnetlink.route.Nexthops;
import io.github.jnetlink.route.RouteClient;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMessage;
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
 * Nexthop objects in {@link FakeRouteKernel}, as checked against Linux 6.18 in a throwaway namespace: creation and
 * its refusals, groups, replace, delete and its consequences, routes using a nexthop ({@code RTA_NH_ID}), and the
 * silent flush when a link goes down, loses carrier or goes away. Every test starts with the veth pair {@code veth1}
 * (index 2) and {@code veth0} (index 3), both up, and lo down.
 */
class FakeRouteKernelNexthopsTest {

    static final int ENOENT = 2;
    static final int EEXIST = 17;
    static final int EINVAL = 22;
    static final int ENETDOWN = 100;

    static FakeRouteKernel fake;
    static Conn conn;
    static RouteClient rt;
    static Nexthops nexthops;
    static RouteMonitor monitor;

    @BeforeEach
    void dial() {
        fake = FakeRouteKernel.create();
        conn = fake.dial();
        conn.setReadDeadline(Instant.now().plusSeconds(10));
        rt = new RouteClient(conn);
        rt.addVeth("veth0", "veth1");
        rt.setLinkUp(2);
        rt.setLinkUp(3);
        nexthops = new Nexthops(conn);
        monitor = new RouteMonitor(fake, RouteGroup.NEXTHOP, RouteGroup.IPV4_ROUTE, RouteGroup.IPV6_ROUTE);
    }

    @AfterEach
    void close() {
        monitor.close();
        conn.close();
        fake.close();
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static NexthopMessage dev(Integer id, int index) {
        return NexthopMessage.builder().id(id).family(AddressFamily.INET).index(index).build();
    }

    static NexthopMessage group(int id, int... members) {
        NexthopMessage.Builder b = NexthopMessage.builder().id(id);
        for (int m : members) {
            b.addMember(m, 1);
        }
        return b.build();
    }

    static RouteMessage via(String prefix, int length, int nexthop) {
        return RouteMessage.builder().destination(ip(prefix)).destinationLength(length).nexthopId(nexthop).build();
    }

    @Test
    void aNexthopIsStoredAsTheKernelReportsItAndIdZeroTakesTheNextUnusedId() {
        nexthops.add(dev(0, 3));
        nexthops.add(dev(null, 3));
        nexthops.add(NexthopMessage.builder().id(5).gateway(ip("10.0.0.2")).index(3).build());
        nexthops.add(NexthopMessage.builder().id(6).family(AddressFamily.INET6).index(3).build());
        nexthops.add(group(10, 1, 5));
        assertThat(nexthops.list()).extracting(NexthopMessage::id).containsExactly(1, 2, 5, 6, 10);
        assertThat(nexthops.list()).isEqualTo(fake.nexthops());
        // nh_fill_node: scope host for a device alone, link with a gateway and for IPv6; a group is AF_UNSPEC with
        // its type and NHA_OP_FLAG_RESP_GRP_RESVD_0
        assertThat(fake.nexthops()).extracting(NexthopMessage::scope).containsExactly(254, 254, 253, 253, 0);
        NexthopMessage g = nexthops.get(10);
        assertThat(g.family()).isEqualTo(AddressFamily.UNSPEC);
        assertThat(g.groupType()).isEqualTo(NexthopMessage.NEXTHOP_GRP_TYPE_MPATH);
        assertThat(g.opFlags()).isEqualTo(NexthopMessage.NHA_OP_FLAG_RESP_GRP_RESVD_0);
        assertThat(nexthops.get(5).gateway()).isEqualTo(ip("10.0.0.2"));
        assertThat(catchThrowableOfType(() -> nexthops.add(dev(5, 3)), NetlinkErrorException.class).errno())
                .isEqualTo(EEXIST);
        assertThat(catchThrowableOfType(() -> nexthops.get(77), NetlinkErrorException.class).errno())
                .isEqualTo(ENOENT);
        assertThat(catchThrowableOfType(() -> nexthops.delete(77), NetlinkErrorException.class).errno())
                .isEqualTo(ENOENT);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("a device that is down", ENETDOWN, "Nexthop device is not up", () -> {
                    rt.setLinkDown(3);
                    monitor.datagrams();
                    nexthops.add(dev(1, 3));
                }),
                refusal("a device without carrier", ENETDOWN, "Carrier for nexthop device is down", () -> {
                    rt.setLinkDown(2);
                    nexthops.add(dev(1, 3));
                }),
                refusal("a missing device", EINVAL, "Invalid device index", () -> nexthops.add(dev(1, 99))),
                refusal("neither device nor blackhole", EINVAL,
                        "Device attribute required for non-blackhole and non-fdb nexthops",
                        () -> nexthops.add(NexthopMessage.builder().id(1).family(AddressFamily.INET).build())),
                refusal("a single path of family AF_UNSPEC", EINVAL, "Invalid address family",
                        () -> nexthops.add(NexthopMessage.builder().id(1).index(3).build())),
                refusal("an IPv4 blackhole while lo is down", ENETDOWN, "Device for nexthop is not up",
                        () -> nexthops.add(NexthopMessage.builder().id(1).family(AddressFamily.INET).blackhole(true)
                                .build())),
                refusal("a missing group member", EINVAL, "Invalid nexthop id", () -> nexthops.add(group(10, 99))),
                refusal("a member twice", EINVAL, "Nexthop id can not be used twice in a group",
                        () -> nexthops.add(group(10, 99, 99))),
                refusal("a group in a group", EINVAL, "Hash-threshold group can not be a nexthop within a group", () -> {
                    nexthops.add(dev(1, 3));
                    nexthops.add(group(10, 1));
                    nexthops.add(group(11, 10));
                }),
                refusal("replacing a nexthop with a group", EINVAL, "Can not replace a nexthop with a nexthop group.",
                        () -> {
                            nexthops.add(dev(1, 3));
                            nexthops.add(dev(2, 3));
                            nexthops.replace(group(1, 2));
                        }),
                refusal("a route using a missing nexthop", EINVAL, "Nexthop id does not exist",
                        () -> rt.addRoute(via("10.9.0.0", 16, 77))),
                refusal("a route with a nexthop and a device", EINVAL,
                        "Nexthop specification and nexthop id are mutually exclusive", () -> {
                            nexthops.add(dev(1, 3));
                            rt.addRoute(via("10.9.0.0", 16, 1).toBuilder().outputInterface(3).build());
                        }),
                refusal("an IPv6 route using an IPv4 nexthop", EINVAL, "IPv6 routes can not use an IPv4 nexthop",
                        () -> {
                            nexthops.add(dev(1, 3));
                            rt.addRoute(via("2001:db8::", 64, 1));
                        }));
    }

    static Arguments refusal(String what, int errno, String extAck, ThrowingCallable call) {
        return Arguments.of(what, errno, extAck, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesAsTheKernelDoes(String what, int errno, String extAck, ThrowingCallable call) {
        NetlinkErrorException e = catchThrowableOfType(call, NetlinkErrorException.class);
        assertThat(e).as(what).isNotNull();
        assertThat(e.errno()).as(what).isEqualTo(errno);
        assertThat(e.extendedMessage()).as(what).isEqualTo(extAck);
        assertThat(fake.routes()).as("no route was added").isEmpty();
    }

    @Test
    void routesUsingANexthopReportItsDeviceOrItsGroupsPaths() {
        rt.setLinkUp(1);
        nexthops.add(dev(1, 3));
        nexthops.add(NexthopMessage.builder().id(2).gateway(ip("10.0.0.2")).index(2).build());
        nexthops.add(NexthopMessage.builder().id(3).family(AddressFamily.INET).blackhole(true).build());
        nexthops.add(NexthopMessage.builder().id(10).addMember(1, 1).addMember(2, 3).build());
        rt.addRoute(via("10.1.0.0", 16, 1));
        rt.addRoute(via("10.2.0.0", 16, 2));
        rt.addRoute(via("10.3.0.0", 16, 3));
        rt.addRoute(via("10.4.0.0", 16, 10));
        List<RouteMessage> routes = fake.routes();
        assertThat(routes).extracting(RouteMessage::nexthopId).containsExactly(1, 2, 3, 10);
        assertThat(routes).extracting(RouteMessage::outputInterface).containsExactly(3, 2, 1, null);
        assertThat(routes.get(1).gateway()).isEqualTo(ip("10.0.0.2"));
        assertThat(routes.get(2).routeType()).isEqualTo(RouteMessage.RTN_BLACKHOLE);
        assertThat(routes.get(3).nextHops()).containsExactly(new NextHop(0, 0, 3, null, List.of()),
                new NextHop(0, 2, 2, ip("10.0.0.2"), List.of()));
        assertThat(rt.routes()).isEqualTo(routes);
        // the route's notification shows the same
        assertThat(monitor.drain()).contains("ipv4-route RTM_NEWROUTE 10.1.0.0/16 dev 3 table 254");
        // a delete may name the nexthop
        rt.deleteRoute(via("10.1.0.0", 16, 1));
        assertThat(fake.routes()).hasSize(3);
    }

    @Test
    void aDeleteIsNotifiedThenItsRoutesGoThenItsGroupsShrinkOrGo() {
        nexthops.add(dev(1, 3));
        nexthops.add(dev(2, 3));
        nexthops.add(NexthopMessage.builder().id(6).family(AddressFamily.INET6).index(3).build());
        nexthops.add(group(10, 1, 2));
        nexthops.add(group(11, 1));
        rt.addRoute(via("10.1.0.0", 16, 1));
        rt.addRoute(via("10.4.0.0", 16, 10));
        rt.addRoute(via("10.5.0.0", 16, 11));
        rt.addRoute(via("2001:db8::", 64, 6));
        monitor.datagrams();
        nexthops.delete(1);
        nexthops.delete(6);
        List<Datagram> got = monitor.datagrams();
        assertThat(got).extracting(d -> RouteMonitor.describe(d.group(), d.messages().get(0))).containsExactly(
                "nexthop RTM_DELNEXTHOP id 1 dev 3", "nexthop RTM_DELNEXTHOP id 11 group 1",
                "nexthop RTM_NEWNEXTHOP id 10 group 2", "nexthop RTM_DELNEXTHOP id 6 dev 3",
                "ipv6-route RTM_DELROUTE 2001:db8:0:0:0:0:0:0/64 dev 3 table 254");
        // nexthop_notify copies the request's nlmsg_flags, sequence number and port ID
        assertThat(got.get(0).messages().get(0).header().flags()).isEqualTo(REQUEST | ACKNOWLEDGE);
        assertThat(got.get(2).messages().get(0).header().pid()).isEqualTo(conn.pid());
        assertThat(fake.routes()).extracting(RouteMessage::destinationString).containsExactly("10.4.0.0/16");
        assertThat(fake.nexthops()).extracting(NexthopMessage::id).containsExactly(2, 10);
    }

    @Test
    void aReplaceIsNotifiedThenEveryRouteUsingItOrItsGroups() {
        nexthops.add(dev(1, 3));
        nexthops.add(group(10, 1));
        rt.addRoute(via("10.1.0.0", 16, 1));
        rt.addRoute(via("10.4.0.0", 16, 10));
        monitor.datagrams();
        nexthops.replace(dev(1, 2));
        List<Datagram> got = monitor.datagrams();
        assertThat(got).extracting(d -> RouteMonitor.describe(d.group(), d.messages().get(0))).containsExactly(
                "nexthop RTM_NEWNEXTHOP id 1 dev 2", "ipv4-route RTM_NEWROUTE 10.1.0.0/16 dev 2 table 254",
                "ipv4-route RTM_NEWROUTE 10.4.0.0/16 table 254");
        assertThat(got.get(0).messages().get(0).header().flags()).isEqualTo(REQUEST | ACKNOWLEDGE | REPLACE | CREATE);
        assertThat(got.get(1).messages().get(0).header().flags()).isEqualTo(REPLACE);
        assertThat(fake.routes().get(1).nextHops()).extracting(NextHop::index).containsExactly(2);
        // a replace of an ID not in use creates it
        nexthops.replace(dev(7, 3));
        assertThat(nexthops.get(7).index()).isEqualTo(3);
    }

    static Stream<Arguments> flushes() {
        return Stream.of(
                Arguments.of("veth0 down", (Runnable) () -> fake.setLinkUp("veth0", false)),
                Arguments.of("veth0 losing carrier as veth1 goes down", (Runnable) () -> fake.setLinkUp("veth1", false)),
                Arguments.of("veth0 deleted", (Runnable) () -> fake.removeLink("veth0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flushes")
    void aLinkFlushTakesItsNexthopsSilentlyAndOnlyIpv6RouteDeletionsAreNotified(String what, Runnable flush) {
        rt.setLinkUp(1);
        nexthops.add(dev(1, 3));
        nexthops.add(dev(2, 3));
        nexthops.add(NexthopMessage.builder().id(3).family(AddressFamily.INET).blackhole(true).build());
        nexthops.add(NexthopMessage.builder().id(6).family(AddressFamily.INET6).index(3).build());
        nexthops.add(group(10, 1, 2));
        nexthops.add(group(11, 3));
        rt.addRoute(via("10.1.0.0", 16, 1));
        rt.addRoute(via("10.3.0.0", 16, 3));
        rt.addRoute(via("10.4.0.0", 16, 10));
        rt.addRoute(via("2001:db8::", 64, 6));
        monitor.datagrams();
        flush.run();
        assertThat(monitor.drain()).as(what).containsExactly("ipv6-route RTM_DELROUTE 2001:db8:0:0:0:0:0:0/64 dev 3 table 254");
        assertThat(fake.nexthops()).as(what).extracting(NexthopMessage::id).containsExactly(3, 11);
        assertThat(fake.routes()).as(what).extracting(RouteMessage::destinationString).containsExactly("10.3.0.0/16");
    }

    @Test
    void aNexthopCreatedWithoutExclOrCreateStillNeedsItsDevice() {
        conn.execute(dev(4, 3).toMessage(io.github.jnetlink.route.RouteMessageType.RTM_NEWNEXTHOP,
                REQUEST | ACKNOWLEDGE));
        assertThat(monitor.datagrams()).singleElement().satisfies(d -> assertThat(d.messages().get(0).header()
                .flags()).isEqualTo(REQUEST | ACKNOWLEDGE));
        assertThat(catchThrowableOfType(() -> conn.execute(dev(4, 3).toMessage(
                io.github.jnetlink.route.RouteMessageType.RTM_NEWNEXTHOP, REQUEST | ACKNOWLEDGE | CREATE | EXCL)),
                NetlinkErrorException.class).errno()).isEqualTo(EEXIST);
    }
}
