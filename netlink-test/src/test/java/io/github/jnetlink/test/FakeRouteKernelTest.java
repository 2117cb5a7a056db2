package io.github.jnetlink.test;

import static io.github.jnetlink.route.RouteGroup.IPV4_IFADDR;
import static io.github.jnetlink.route.RouteGroup.IPV4_ROUTE;
import static io.github.jnetlink.route.RouteGroup.IPV6_IFADDR;
import static io.github.jnetlink.route.RouteGroup.IPV6_ROUTE;
import static io.github.jnetlink.route.RouteGroup.LINK;
import static io.github.jnetlink.route.RouteGroup.NEIGH;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Datagram;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.MacAddress;
import io.github.jnetlink.route.NeighborMessage;
import io.github.jnetlink.route.RouteClient;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FakeRouteKernel} end to end: a controller's {@link RouteClient} against the fake, and what a second
 * {@code Conn} joined to the rtnetlink groups sees, in the kernel's order.
 */
class FakeRouteKernelTest {

    FakeRouteKernel fake;
    Conn conn;
    RouteClient rt;

    @BeforeEach
    void dial() {
        fake = FakeRouteKernel.create();
        conn = fake.dial();
        conn.setReadDeadline(Instant.now().plusSeconds(10));
        rt = new RouteClient(conn);
    }

    @AfterEach
    void close() {
        conn.close();
        fake.close();
    }

    @Test
    void aNewNamespaceHoldsLoAloneAndDown() {
        assertThat(rt.links()).singleElement().satisfies(lo -> {
            assertThat(lo.index()).isEqualTo(1);
            assertThat(lo.name()).isEqualTo("lo");
            assertThat(lo.flags()).isEqualTo(LinkMessage.IFF_LOOPBACK);
            assertThat(lo.mtu()).isEqualTo(65536);
            assertThat(lo.linkType()).isEqualTo(772);
            assertThat(lo.operStateName()).isEqualTo("DOWN");
        });
        assertThat(rt.addresses()).isEmpty();
        assertThat(rt.routes()).isEmpty();
        assertThat(rt.neighbors()).isEmpty();
    }

    @Test
    void aControllerRunsEndToEndAndAListenerSeesEveryChangeInOrder() throws Exception {
        try (RouteMonitor monitor = new RouteMonitor(fake, LINK, IPV4_IFADDR, IPV4_ROUTE)) {
            rt.addVeth("veth0", "veth1");
            LinkMessage veth0 = rt.link("veth0");
            LinkMessage veth1 = rt.link("veth1");
            assertThat(veth1.index()).isEqualTo(2);
            assertThat(veth0.index()).isEqualTo(3);
            assertThat(veth0.link()).isEqualTo(2);
            assertThat(veth1.link()).isEqualTo(3);
            assertThat(veth0.kind()).isEqualTo("veth");
            assertThat(veth0.mtu()).isEqualTo(1500);
            assertThat(veth0.flags()).isEqualTo(LinkMessage.IFF_BROADCAST | LinkMessage.IFF_MULTICAST);

            rt.setLinkUp(veth0.index());
            assertThat(rt.link(3).operStateName()).isEqualTo("LOWERLAYERDOWN");
            rt.setLinkUp(veth1.index());
            assertThat(rt.link(3).hasFlags(LinkMessage.IFF_UP | LinkMessage.IFF_RUNNING | LinkMessage.IFF_LOWER_UP))
                    .isTrue();
            rt.addAddress(3, InetAddress.getByName("10.0.0.1"), 24);
            rt.addRoute(InetAddress.getByName("10.1.0.0"), 16, InetAddress.getByName("10.0.0.2"), 3);

            assertThat(rt.links()).extracting(LinkMessage::name).containsExactly("lo", "veth1", "veth0");
            assertThat(rt.addresses()).singleElement().satisfies(a -> {
                assertThat(a.localAddress().getHostAddress()).isEqualTo("10.0.0.1");
                assertThat(a.label()).isEqualTo("veth0");
                assertThat(a.allFlags()).isEqualTo(AddressMessage.IFA_F_PERMANENT);
            });
            assertThat(rt.routes()).singleElement().satisfies(r -> {
                assertThat(r.destinationString()).isEqualTo("10.1.0.0/16");
                assertThat(r.table()).isEqualTo(RouteMessage.RT_TABLE_MAIN);
                assertThat(r.protocol()).isEqualTo(RouteMessage.RTPROT_BOOT);
                assertThat(r.outputInterface()).isEqualTo(3);
            });

            rt.deleteRoute(InetAddress.getByName("10.1.0.0"), 16, InetAddress.getByName("10.0.0.2"), 3);
            rt.deleteAddress(3, InetAddress.getByName("10.0.0.1"), 24);
            rt.deleteLink(3);
            assertThat(rt.links()).extracting(LinkMessage::name).containsExactly("lo");

            assertThat(monitor.drain()).containsExactly(
                    "link RTM_NEWLINK veth1@0 down DOWN",
                    "link RTM_NEWLINK veth0@2 down DOWN",
                    "link RTM_NEWLINK veth0@2 up LOWERLAYERDOWN",
                    "link RTM_NEWLINK veth1@3 up UP",
                    "link RTM_NEWLINK veth0@2 up UP",
                    "ipv4-ifaddr RTM_NEWADDR 10.0.0.1/24 dev 3",
                    "ipv4-route RTM_NEWROUTE 10.1.0.0/16 via 10.0.0.2 dev 3 table 254",
                    "ipv4-route RTM_DELROUTE 10.1.0.0/16 via 10.0.0.2 dev 3 table 254",
                    "ipv4-ifaddr RTM_DELADDR 10.0.0.1/24 dev 3",
                    "link RTM_NEWLINK veth0@2 down DOWN",
                    "link RTM_NEWLINK veth1@3 down DOWN",
                    "link RTM_DELLINK veth0@2 down DOWN",
                    "link RTM_DELLINK veth1@3 down DOWN");
        }
    }

    @Test
    void notificationsCarryTheRequestsSequenceAndPortIdWhereTheKernelCopiesThem() throws Exception {
        rt.addVeth("veth0", "veth1");
        rt.setLinkUp(3);
        try (RouteMonitor monitor = new RouteMonitor(fake, LINK, IPV4_IFADDR, IPV6_IFADDR)) {
            rt.addAddress(3, InetAddress.getByName("10.0.0.1"), 24);
            rt.addAddress(3, InetAddress.getByName("2001:db8::1"), 64);
            fake.setLinkUp("veth1", true);

            List<Datagram> got = monitor.datagrams();
            assertThat(got).extracting(Datagram::group).containsExactly(IPV4_IFADDR.group(), IPV6_IFADDR.group(),
                    LINK.group(), LINK.group());
            assertThat(got).allSatisfy(d -> assertThat(d.messages()).hasSize(1));
            Message v4 = got.get(0).messages().get(0);
            assertThat(v4.header().pid()).isEqualTo(conn.pid());
            assertThat(v4.header().sequence()).isNotZero();
            // inet6_ifa_notify and changes nobody requested over netlink carry 0 and 0
            assertThat(got.subList(1, 4)).allSatisfy(d -> {
                assertThat(d.messages().get(0).header().pid()).isZero();
                assertThat(d.messages().get(0).header().sequence()).isZero();
            });
        }
    }

    @Test
    void deletingALinkTakesItsAddressesRoutesAndNeighboursAsTheKernelDoes() throws Exception {
        rt.addVeth("veth0", "veth1");
        rt.setLinkUp(2);
        rt.setLinkUp(3);
        rt.addAddress(3, InetAddress.getByName("10.0.0.1"), 24);
        rt.addAddress(3, InetAddress.getByName("10.0.0.2"), 24);
        rt.addAddress(3, InetAddress.getByName("192.168.1.1"), 24);
        rt.addAddress(3, InetAddress.getByName("2001:db8::1"), 64);
        rt.addRoute(InetAddress.getByName("10.9.0.0"), 16, null, 3);
        rt.addRoute(InetAddress.getByName("2001:db8:9::"), 48, null, 3);
        fake.addNeighbor(NeighborMessage.builder().index(3).destination(InetAddress.getByName("10.0.0.9"))
                .state(NeighborMessage.NUD_PERMANENT).linkLayerAddress(MacAddress.parse("02:00:00:00:00:09")).build());
        assertThat(rt.addresses()).filteredOn(a -> a.localAddress().getHostAddress().equals("10.0.0.2"))
                .singleElement().satisfies(a -> assertThat(a.allFlags() & AddressMessage.IFA_F_SECONDARY).isNotZero());

        try (RouteMonitor monitor = new RouteMonitor(fake, LINK, NEIGH, IPV4_IFADDR, IPV4_ROUTE, IPV6_IFADDR,
                IPV6_ROUTE)) {
            rt.deleteLink("veth0");
            assertThat(monitor.drain()).containsExactly(
                    "link RTM_NEWLINK veth0@2 down DOWN",
                    // NETDEV_DOWN: IPv4 routes silently, then ARP, IPv6 routes, NDP and IPv6 addresses
                    "neigh RTM_DELNEIGH 10.0.0.9 dev 3 PERMANENT",
                    "ipv6-route RTM_DELROUTE 2001:db8:9:0:0:0:0:0/48 dev 3 table 254",
                    "ipv6-ifaddr RTM_DELADDR 2001:db8:0:0:0:0:0:1/64 dev 3",
                    "link RTM_NEWLINK veth1@3 down DOWN",
                    // NETDEV_UNREGISTER: the IPv4 addresses, a primary's secondaries before it
                    "ipv4-ifaddr RTM_DELADDR 10.0.0.2/24 dev 3",
                    "ipv4-ifaddr RTM_DELADDR 10.0.0.1/24 dev 3",
                    "ipv4-ifaddr RTM_DELADDR 192.168.1.1/24 dev 3",
                    "link RTM_DELLINK veth0@2 down DOWN",
                    "link RTM_DELLINK veth1@3 down DOWN");
        }
        assertThat(fake.addresses()).isEmpty();
        assertThat(fake.routes()).isEmpty();
        assertThat(fake.neighbors()).isEmpty();
        assertThat(fake.links()).extracting(LinkMessage::name).containsExactly("lo");
    }

    @Test
    void aLargeDumpSpansSeveralDatagramsThatRouteClientDrains() throws Exception {
        rt.addVeth("veth0", "veth1");
        rt.setLinkUp(3);
        for (int i = 0; i < 50; i++) {
            rt.addRoute(InetAddress.getByName("10." + i + ".0.0"), 16, null, 3);
        }

        conn.send(Message.of(RouteMessageType.RTM_GETROUTE, HeaderFlags.REQUEST | HeaderFlags.DUMP,
                new byte[RouteMessage.HEADER_SIZE]));
        List<Datagram> datagrams = new ArrayList<>();
        do {
            datagrams.add(conn.receiveDatagram());
        } while (datagrams.get(datagrams.size() - 1).messages().stream()
                .noneMatch(m -> m.header().type() == HeaderType.DONE));
        assertThat(datagrams).hasSizeGreaterThan(1);
        assertThat(datagrams.stream().mapToLong(d -> d.messages().stream()
                .filter(m -> m.header().type() == RouteMessageType.RTM_NEWROUTE)
                .peek(m -> assertThat(m.header().has(HeaderFlags.MULTI)).isTrue()).count()).sum()).isEqualTo(50);

        assertThat(rt.routes()).hasSize(50).extracting(RouteMessage::destinationString)
                .startsWith("10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16").endsWith("10.49.0.0/16");
    }

    @Test
    void directChangesSendTheKernelsNotificationsWithoutARequest() throws Exception {
        try (RouteMonitor monitor = new RouteMonitor(fake, LINK, IPV4_IFADDR, IPV6_IFADDR)) {
            LinkMessage eth0 = fake.addLink(LinkMessage.builder().name("eth0").build());
            assertThat(eth0.index()).isEqualTo(2);
            assertThat(eth0.kind()).isNull();
            assertThat(eth0.address()).isEqualTo(MacAddress.parse("02:00:00:00:00:02"));
            assertThat(fake.setLinkUp("eth0", true).operStateName()).isEqualTo("UP");
            AddressMessage a = fake.addAddress(AddressMessage.of(2, InetAddress.getByName("192.0.2.1"), 24));
            assertThat(a.label()).isEqualTo("eth0");
            fake.setLinkUp("lo", true);
            fake.removeLink("eth0");

            assertThat(monitor.drain()).containsExactly(
                    "link RTM_NEWLINK eth0 down DOWN",
                    "link RTM_NEWLINK eth0 up UP",
                    "ipv4-ifaddr RTM_NEWADDR 192.0.2.1/24 dev 2",
                    // lo coming up gets its loopback addresses, as inetdev_event and init_loopback add them
                    "link RTM_NEWLINK lo up UNKNOWN",
                    "ipv4-ifaddr RTM_NEWADDR 127.0.0.1/8 dev 1",
                    "ipv6-ifaddr RTM_NEWADDR 0:0:0:0:0:0:0:1/128 dev 1",
                    "link RTM_NEWLINK eth0 down DOWN",
                    "ipv4-ifaddr RTM_DELADDR 192.0.2.1/24 dev 2",
                    "link RTM_DELLINK eth0 down DOWN");
        }
        assertThat(rt.addresses()).extracting(AddressMessage::scope).containsExactly(254, 254);
    }

    @Test
    void aBridgeHasCarrierOnceOneOfItsPortsHas() throws Exception {
        rt.addVeth("veth0", "veth1");
        rt.addBridge("br0");
        int br0 = rt.link("br0").index();
        assertThat(rt.link(br0).kind()).isEqualTo("bridge");
        rt.setLinkUp(br0);
        assertThat(rt.link(br0).operStateName()).isEqualTo("DOWN");
        assertThat(rt.link(br0).hasFlags(LinkMessage.IFF_LOWER_UP)).isFalse();

        try (RouteMonitor monitor = new RouteMonitor(fake, LINK)) {
            rt.setMaster(3, br0);
            rt.setLinkUp(3);
            rt.setLinkUp(2);
            rt.deleteLink(br0);
            assertThat(monitor.drain()).containsExactly(
                    "link RTM_NEWLINK veth0@2 down DOWN master 4",
                    "link RTM_NEWLINK veth0@2 up LOWERLAYERDOWN master 4",
                    "link RTM_NEWLINK veth1@3 up UP",
                    "link RTM_NEWLINK veth0@2 up UP master 4",
                    "link RTM_NEWLINK br0 up UP",
                    // br_dev_delete releases the ports before the bridge closes
                    "link RTM_NEWLINK veth0@2 up UP",
                    "link RTM_NEWLINK br0 down DOWN",
                    "link RTM_DELLINK br0 down DOWN");
        }
        assertThat(rt.links()).extracting(LinkMessage::name).containsExactly("lo", "veth1", "veth0");
    }

    @Test
    void concurrentControllersAreSerialisedAndEveryListenerSeesEveryChange() throws Exception {
        rt.addVeth("veth0", "veth1");
        rt.setLinkUp(3);
        int threads = 4;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (RouteMonitor monitor = new RouteMonitor(fake, IPV4_ROUTE)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    try (Conn c = fake.dial()) {
                        c.setReadDeadline(Instant.now().plusSeconds(10));
                        RouteClient client = new RouteClient(c);
                        start.await();
                        for (int i = 0; i < each; i++) {
                            client.addRoute(InetAddress.getByName("10." + thread + "." + i + ".0"), 24, null, 3);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(fake.routes()).hasSize(threads * each);
            assertThat(monitor.drain()).hasSize(threads * each)
                    .allMatch(line -> line.startsWith("ipv4-route RTM_NEWROUTE"));
        } finally {
            pool.shutdownNow();
        }
    }
}
