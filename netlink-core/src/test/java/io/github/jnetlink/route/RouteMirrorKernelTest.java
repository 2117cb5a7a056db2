package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.ConnObserver;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkOverrunException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Overruns on a listener with a deliberately small receive buffer (4 KiB), and {@link RouteMirror} staying exactly
 * what {@code ip -j} shows through them and through the changes the kernel does not notify: a churn of thousands of
 * changes to links, addresses, routes (tables main, local, 100 and 200, IPv4 and IPv6) and neighbours (proxy entries
 * too), and each silent deletion on its own. Each test makes its own namespace.
 */
@NetlinkNamespace(scope = NetlinkNamespace.Scope.METHOD)
class RouteMirrorKernelTest {

    static final int SMALL_BUFFER = 4096;
    static final int ROUTE_BURST = 50_000;
    static final int VETH_PAIRS = 200;
    static final long QUIET_MILLIS = 1000;
    static final long DRAIN_MILLIS = 100;

    /** Addresses usable at once, without waiting for duplicate address detection. */
    @BeforeEach
    void acceptAddressesAtOnce(Netns ns) {
        ns.exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0",
                "net.ipv6.conf.default.accept_dad=0");
    }

    static InetAddress ip(String text) {
        return RouteMirrorTest.ip(text);
    }

    static String canon(String text) {
        try {
            return InetAddress.getByName(text).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Counts the overruns the connection reports to its observer. */
    static final class OverrunCounter implements ConnObserver {
        final AtomicInteger overruns = new AtomicInteger();

        @Override
        public void overrun() {
            overruns.incrementAndGet();
        }
    }

    /**
     * Receives on a connection in a thread of its own until the burst is over and the socket has been quiet for
     * {@link #QUIET_MILLIS}, handing each message to a consumer. After an overrun it calls {@code onDrained} once
     * the socket's queue is empty (a receive times out): the kernel reports no further loss until the queue has
     * drained, so a resync done at the overrun itself could miss messages dropped while draining.
     */
    static final class Receiver implements AutoCloseable {
        final AtomicBoolean burstOver = new AtomicBoolean();
        final AtomicInteger messages = new AtomicInteger();
        final AtomicInteger overruns = new AtomicInteger();
        /** Overruns after which the receive did not return messages again; must stay 0. */
        final AtomicInteger overrunsNotFollowedByMessages = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread;

        Receiver(Conn conn, Consumer<Message> onMessage, Runnable onDrained) {
            thread = new Thread(() -> {
                boolean awaitingMessages = false;
                boolean drainPending = false;
                long quietSince = System.nanoTime();
                try {
                    while (true) {
                        conn.setReadDeadline(Instant.now().plusMillis(DRAIN_MILLIS));
                        try {
                            List<Message> received = conn.receive();
                            received.forEach(onMessage);
                            messages.addAndGet(received.size());
                            awaitingMessages = false;
                            quietSince = System.nanoTime();
                        } catch (NetlinkOverrunException e) {
                            overruns.incrementAndGet();
                            if (awaitingMessages) {
                                overrunsNotFollowedByMessages.incrementAndGet();
                            }
                            awaitingMessages = true;
                            drainPending = true;
                            quietSince = System.nanoTime();
                        } catch (NetlinkTimeoutException e) {
                            if (drainPending) {
                                drainPending = false;
                                onDrained.run();
                                quietSince = System.nanoTime();
                            } else if (burstOver.get() && System.nanoTime() - quietSince > QUIET_MILLIS * 1_000_000) {
                                if (awaitingMessages) {
                                    overrunsNotFollowedByMessages.incrementAndGet();
                                }
                                return;
                            }
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "netlink-test-receiver");
            thread.start();
        }

        /** Marks the burst over and waits for the receiver to drain the socket. */
        @Override
        public void close() throws InterruptedException {
            burstOver.set(true);
            thread.join(30_000);
            assertThat(thread.isAlive()).as("receiver still running").isFalse();
            assertThat(failure.get()).isNull();
        }
    }

    @Test
    void everyOverrunOfA50000RouteBurstIsReportedOnceAndReceivingContinues(Netns ns) throws Exception {
        ns.batch(List.of("link add va0 type veth peer name vb0", "link set va0 up", "link set vb0 up",
                "addr add 10.0.0.1/24 dev va0"));
        OverrunCounter observer = new OverrunCounter();
        Receiver receiver;
        long started = System.nanoTime();
        try (Conn conn = Conn.dial(Protocol.ROUTE,
                Config.DEFAULT.withNetns(ns.path()).withReceiveBufferSize(SMALL_BUFFER).withObserver(observer))) {
            conn.joinGroup(RouteGroup.IPV4_ROUTE.group());
            List<String> burst = new ArrayList<>(ROUTE_BURST);
            for (int i = 0; i < ROUTE_BURST; i++) {
                burst.add("route add 10." + (64 + i / 65536) + "." + (i / 256 % 256) + "." + (i % 256) + "/32 dev va0");
            }
            // a slow reader (0.1 ms a message) falls behind the burst on any machine, however loaded
            try (Receiver r = new Receiver(conn, m -> java.util.concurrent.locks.LockSupport.parkNanos(100_000), () -> { })) {
                receiver = r;
                ns.batch(burst);
            }
            // Still listening after all those overruns: one more change arrives as it should.
            ns.ip("route add 10.99.0.0/16 dev va0");
            conn.setReadDeadline(Instant.now().plusSeconds(5));
            RouteMessage last = RouteMessage.decode(conn.receive().get(0));
            assertThat(last.destinationString()).isEqualTo("10.99.0.0/16");
        }
        System.out.printf("[RouteMirrorKernelTest] %d route adds with a %d-byte buffer: %d notifications received,"
                + " %d overruns (observer saw %d), %d ms%n", ROUTE_BURST, SMALL_BUFFER, receiver.messages.get(),
                receiver.overruns.get(), observer.overruns.get(), (System.nanoTime() - started) / 1_000_000);
        assertThat(receiver.overruns.get()).as("overruns raised").isPositive();
        assertThat(observer.overruns.get()).as("overruns the observer saw").isEqualTo(receiver.overruns.get());
        assertThat(receiver.overrunsNotFollowedByMessages).hasValue(0);
        assertThat(receiver.messages.get()).isPositive().isLessThan(ROUTE_BURST);
        assertThat(ns.ip("-4 route show").lines().count()).isGreaterThanOrEqualTo(ROUTE_BURST);
    }


    static final int PAIRS = 60;
    static final int ROUNDS = 9;
    static final Duration CONVERGE = Duration.ofSeconds(20);

    static Config eventsConfig(Netns ns) {
        return Config.DEFAULT.withNetns(ns.path()).withReceiveBufferSize(SMALL_BUFFER);
    }

    static String hex(int i) {
        return Integer.toHexString(i + 1);
    }

    /** Veth pairs with addresses, routes in tables main, 100 and 200 (IPv4 and IPv6), neighbours and proxy entries. */
    static List<String> setup(int pairs) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            String m = "m" + i;
            lines.add("link add " + m + " type veth peer name p" + i);
            lines.add("link set " + m + " up");
            lines.add("link set p" + i + " up");
            lines.add("addr add 10.50." + i + ".1/24 dev " + m);
            lines.add("addr add 10.51." + i + ".1/32 dev p" + i);
            lines.add("addr add fd00:" + hex(i) + "::1/64 dev " + m + " nodad");
            lines.add("route add 10.60." + i + ".0/24 dev " + m);
            lines.add("route add 10.61." + i + ".0/24 dev " + m + " table 100");
            lines.add("route add 10.62." + i + ".0/24 via 10.50." + i + ".2 table 200");
            lines.add("route add fd10:" + hex(i) + "::/64 dev " + m);
            lines.add("route add fd11:" + hex(i) + "::/64 via fd00:" + hex(i) + "::2 dev " + m + " table 100");
            lines.add("route add fd12:" + hex(i) + "::/64 dev " + m + " table 200 metric 7");
            lines.add(String.format("neigh add 10.50.%d.9 lladdr 02:00:00:00:%02x:09 dev %s nud permanent", i, i, m));
            lines.add(String.format("neigh add fd00:%s::9 lladdr 02:00:00:00:%02x:0a dev %s nud permanent", hex(i), i, m));
            lines.add("neigh add proxy 10.70." + i + ".5 dev " + m);
            lines.add("neigh add proxy fd70:" + hex(i) + "::5 dev " + m);
            lines.add("nexthop add id " + (100 + i) + " via 10.50." + i + ".2 dev " + m);
            lines.add("route add 10.63." + i + ".0/24 nhid " + (100 + i) + " table 100");
            if (i % 3 == 0) {
                lines.add("nexthop add id " + (5000 + i) + " group " + (100 + i));
                lines.add("route add 10.65." + i + ".0/24 nhid " + (5000 + i));
            }
            lines.add("rule add from 10.64." + i + ".0/24 table 100 pref " + (1000 + i));
            if (i % 6 == 5) {
                lines.add("rule add iif " + m + " table 200 pref " + (3000 + i));
            }
        }
        lines.add("nexthop add id 9 blackhole");
        lines.add("route add 10.67.0.0/16 nhid 9");
        return lines;
    }

    /** Rounds of route, address, mtu and neighbour changes, then the silent ones, veths born and gone, deletions. */
    static List<String> churn(int pairs, int rounds) {
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < pairs; i++) {
                String m = "m" + i;
                lines.add("route add 10.80." + r + "." + i + "/32 dev " + m + " table 200");
                lines.add("link set " + m + " mtu " + (1400 + r));
                lines.add(String.format("neigh replace 10.50.%d.9 lladdr 02:00:00:00:%02x:%02x dev %s nud permanent",
                        i, i, r, m));
                lines.add("addr add 10.53." + r + "." + i + "/32 dev " + m);
                lines.add("route add fd20:" + hex(i) + ":" + r + "::/64 dev " + m + " table 100");
                lines.add("rule add to 10.81." + r + "." + i + "/32 table 200 pref " + (2000 + r));
                lines.add("nexthop replace id " + (100 + i) + " via 10.50." + i + "." + (3 + r) + " dev " + m);
                if (r > 0) {
                    lines.add("route del 10.80." + (r - 1) + "." + i + "/32 dev " + m + " table 200");
                    lines.add("addr del 10.53." + (r - 1) + "." + i + "/32 dev " + m);
                    lines.add("rule del to 10.81." + (r - 1) + "." + i + "/32 table 200 pref " + (2000 + r - 1));
                }
            }
        }
        for (int i = 0; i < pairs; i++) {
            String m = "m" + i;
            switch (i % 4) {
                case 0 -> lines.add("link set p" + i + " down");
                case 1 -> {
                    lines.add("link set " + m + " down");
                    lines.add("link set " + m + " up");
                    lines.add("route add 10.60." + i + ".0/24 dev " + m);
                }
                case 2 -> {
                    lines.add("addr del 10.50." + i + ".1/24 dev " + m);
                    lines.add("nexthop del id " + (100 + i));
                }
                default -> {
                    lines.add("neigh del proxy 10.70." + i + ".5 dev " + m);
                    lines.add("neigh add proxy 10.71." + i + ".5 dev " + m);
                }
            }
        }
        for (int k = 0; k < 100; k++) {
            lines.add("link add t" + k + " type veth peer name u" + k);
            lines.add("link set t" + k + " up");
            lines.add("addr add 10.90." + k + ".1/24 dev t" + k);
            lines.add("link del t" + k);
        }
        for (int flap = 0; flap < 3; flap++) {
            for (int i = 0; i < pairs; i += 2) {
                lines.add("link set p" + i + (flap % 2 == 0 ? " up" : " down"));
            }
        }
        for (int i = 5; i < pairs; i += 6) {
            lines.add("link del m" + i);
        }
        return lines;
    }

    @Test
    void aChurnOfThousandsOfChangesThroughATinyBufferEndsExactlyAsIpShows(Netns ns) throws Exception {
        List<String> setup = setup(PAIRS);
        List<String> churn = churn(PAIRS, ROUNDS);
        assertThat(setup.size() + churn.size()).isGreaterThanOrEqualTo(5000);
        OverrunCounter observer = new OverrunCounter();
        long started = System.nanoTime();
        try (RouteMirror mirror = RouteMirror.open(eventsConfig(ns).withObserver(observer),
                Config.DEFAULT.withNetns(ns.path()))) {
            assertThat(mirror.awaitSynced(Duration.ofSeconds(10))).isTrue();
            List<RouteMirrorChange> changes = new CopyOnWriteArrayList<>();
            RouteMirrorSnapshot start = mirror.addListener(changes::add);
            ns.batch(setup);
            ns.ip("-6", "rule", "add", "from", "fd64::/64", "table", "100", "pref", "900");
            ns.batch(churn);
            long batched = System.nanoTime();
            awaitMatch(mirror, ns);
            long matched = System.nanoTime();
            RouteMirrorSnapshot end = mirror.snapshot();
            System.out.printf("[RouteMirrorKernelTest] churn of %d changes with a %d-byte buffer: %d overruns, %d"
                    + " resyncs, %d targeted resyncs, %d change events (%d marked resync); batch %d ms, matched ip"
                    + " %d ms later; mirror holds %s%n", setup.size() + churn.size(), SMALL_BUFFER,
                    observer.overruns.get(), mirror.resyncs(), mirror.targetedResyncs(), changes.size(),
                    changes.stream().filter(RouteMirrorChange::resync).count(), (batched - started) / 1_000_000,
                    (matched - batched) / 1_000_000, end);
            assertThat(observer.overruns.get()).as("overruns").isGreaterThanOrEqualTo(2);
            assertThat(mirror.resyncs()).as("resyncs").isGreaterThanOrEqualTo(2);
            assertThat(changes).anyMatch(RouteMirrorChange::resync);
            RouteMirrorTest.assertSameState(RouteMirrorTest.replay(start, changes), RouteMirrorTest.index(end));
            assertThat(end.routes(100)).isNotEmpty();
            assertThat(end.routes(200)).isNotEmpty();
            assertThat(end.neighbors()).anyMatch(n -> (n.flags() & NeighborMessage.NTF_PROXY) != 0);
            assertThat(end.nexthops()).anyMatch(n -> !n.group().isEmpty());
            assertThat(end.rules(AddressFamily.INET)).anyMatch(r -> (r.flags() & RuleMessage.FIB_RULE_IIF_DETACHED) != 0);
        }
    }

    /** A namespace with one veth pair, addressed and routed in tables main, 100 and 200, IPv4 and IPv6. */
    static void onePair(Netns ns) {
        ns.batch(List.of("link set lo up", "link add va type veth peer name vb", "link set va up", "link set vb up",
                "addr add 10.1.0.1/24 dev va", "addr add fd01::1/64 dev va nodad", "addr add 10.5.0.1/24 dev vb",
                "route add 10.2.0.0/16 via 10.1.0.2", "route add 10.3.0.0/16 dev va table 100",
                "route add 10.4.0.0/16 via 10.1.0.2 table 200 metric 9", "route add fd02::/64 via fd01::2 dev va",
                "route add fd03::/64 dev va table 100",
                "route add fd04::/64 nexthop via fd01::7 dev va nexthop via fd01::8 dev va",
                "route add 10.6.0.0/16 nexthop via 10.1.0.7 dev va nexthop via 10.5.0.7 dev vb",
                "neigh add 10.1.0.9 lladdr 02:00:00:00:00:09 dev va nud permanent",
                "neigh add proxy 10.7.0.5 dev va", "nexthop add id 1 via 10.1.0.2 dev va",
                "nexthop add id 2 via 10.5.0.2 dev vb", "nexthop add id 3 blackhole", "nexthop add id 10 group 1/2",
                "route add 10.11.0.0/16 nhid 1", "route add 10.12.0.0/16 nhid 10 table 100",
                "route add 10.13.0.0/16 nhid 3", "rule add from 10.1.0.0/24 table 100 pref 100",
                "rule add iif vb table 200 pref 200"));
        ns.ip("-6", "rule", "add", "from", "fd01::/64", "table", "100", "pref", "100");
    }

    /** Opens a mirror on a prepared namespace; runs an event; the mirror must then match ip again. */
    private RouteMirror silent(Netns ns, String... event) throws Exception {
        return silent(ns, List.of(), event);
    }

    private RouteMirror silent(Netns ns, List<String> before, String... event) throws Exception {
        onePair(ns);
        if (!before.isEmpty()) {
            ns.batch(before);
        }
        // a default buffer: no overrun, so no full resync can hide an inference the mirror got wrong
        RouteMirror mirror = RouteMirror.open(Config.DEFAULT.withNetns(ns.path()), Config.DEFAULT.withNetns(ns.path()));
        assertThat(mirror.awaitSynced(Duration.ofSeconds(10))).isTrue();
        awaitMatch(mirror, ns);
        List<RouteMirrorChange> changes = new CopyOnWriteArrayList<>();
        RouteMirrorSnapshot start = mirror.addListener(changes::add);
        long targeted = mirror.targetedResyncs();
        long resyncs = mirror.resyncs();
        ns.batch(List.of(event));
        awaitMatch(mirror, ns);
        RouteMirrorTest.assertSameState(RouteMirrorTest.replay(start, changes), RouteMirrorTest.index(mirror.snapshot()));
        System.out.printf("[RouteMirrorKernelTest] %s: %d changes (%d found by a dump), %d targeted resyncs, %d"
                + " full resyncs%n", String.join("; ", event), changes.size(),
                changes.stream().filter(RouteMirrorChange::resync).count(), mirror.targetedResyncs() - targeted,
                mirror.resyncs() - resyncs);
        assertThat(mirror.resyncs()).as("full resyncs (after a loss), which would hide a wrong inference")
                .isEqualTo(resyncs);
        return mirror;
    }

    @Test
    void deletingALinkTakesItsRoutesOfEveryTableAndItsNeighbours(Netns ns) throws Exception {
        try (RouteMirror mirror = silent(ns, "link del va")) {
            assertThat(mirror.snapshot().link("va")).isEmpty();
            assertThat(mirror.snapshot().neighbors()).noneMatch(n -> (n.flags() & NeighborMessage.NTF_PROXY) != 0);
        }
    }

    @Test
    void takingALinkDownFlushesItsIpv4Routes(Netns ns) throws Exception {
        try (RouteMirror mirror = silent(ns, "link set va down")) {
            int va = mirror.snapshot().link("va").orElseThrow().index();
            assertThat(mirror.snapshot().routes()).noneMatch(r -> r.family() == AddressFamily.INET
                    && r.routeType() != RouteMessage.RTN_LOCAL && r.nextHops().isEmpty() && RouteMirrorKeys.uses(r, va));
            // a multipath route keeps its other path, the one through va marked dead
            assertThat(mirror.snapshot().routeTo(ip("10.6.1.1")).orElseThrow().nextHops())
                    .anyMatch(h -> h.index() == va && (h.flags() & NextHop.RTNH_F_DEAD) != 0);
        }
    }

    @Test
    void deletingAnAddressTakesItsPrefixAndLocalRoutes(Netns ns) throws Exception {
        try (RouteMirror mirror = silent(ns, "addr del 10.1.0.1/24 dev va", "addr del fd01::1/64 dev va")) {
            assertThat(mirror.snapshot().routes()).noneMatch(r -> r.destination() != null
                    && (r.destination().getHostAddress().startsWith("10.1.0.") || canon("fd01::1").equals(
                            r.destination().getHostAddress())));
        }
    }

    @Test
    void losingCarrierMarksTheRoutesLinkdown(Netns ns) throws Exception {
        try (RouteMirror mirror = silent(ns, "link set vb down")) {
            int va = mirror.snapshot().link("va").orElseThrow().index();
            assertThat(mirror.snapshot().routes(100)).filteredOn(r -> RouteMirrorKeys.uses(r, va))
                    .allMatch(r -> (r.flags() & NextHop.RTNH_F_LINKDOWN) != 0);
        }
    }

    @Test
    void regainingCarrierClearsLinkdown(Netns ns) throws Exception {
        try (RouteMirror mirror = silent(ns, List.of("link set vb down"), "link set vb up")) {
            int va = mirror.snapshot().link("va").orElseThrow().index();
            assertThat(mirror.snapshot().routes(100)).filteredOn(r -> RouteMirrorKeys.uses(r, va))
                    .noneMatch(r -> (r.flags() & NextHop.RTNH_F_LINKDOWN) != 0);
        }
    }

    @Test
    void proxyNeighboursAddedAndDeletedWithoutNotificationsAreFound(Netns ns) throws Exception {
        try (RouteMirror mirror = silent(ns, "neigh add proxy 10.7.0.6 dev va", "neigh add proxy fd07::6 dev va",
                "neigh del proxy 10.7.0.5 dev va")) {
            assertThat(mirror.snapshot().neighbors()).filteredOn(n -> (n.flags() & NeighborMessage.NTF_PROXY) != 0)
                    .extracting(n -> n.destination().getHostAddress())
                    .containsExactlyInAnyOrder("10.7.0.6", canon("fd07::6"));
        }
    }

    @Test
    void aRouteDumpLongEnoughForTheSecondDecodingThreadIsWhatIpShows(Netns ns) throws Exception {
        onePair(ns);
        List<String> routes = new ArrayList<>();
        for (int i = 0; i < 3 * RouteMirrorPipeline.START_AFTER; i++) {
            routes.add("route add " + (i % 3 == 0 ? "unreachable" : "blackhole") + " 10.90." + (i >> 8) + "." + (i & 255)
                    + "/32" + (i % 5 == 0 ? " table 100" : ""));
            if (i % 4 == 0) {
                routes.add("route add blackhole fd90::" + Integer.toHexString(i) + "/128");
            }
        }
        ns.batch(routes);
        try (RouteMirror mirror = RouteMirror.open(Config.DEFAULT.withNetns(ns.path()), Config.DEFAULT.withNetns(ns.path()))) {
            assertThat(mirror.awaitSynced(Duration.ofSeconds(10))).isTrue();
            awaitMatch(mirror, ns);
            assertThat(mirror.snapshot().routes()).hasSizeGreaterThan(routes.size());
        }
    }

    @Test
    void multicastNeighboursTheKernelMakesWithoutNotificationsAreFound(Netns ns) throws Exception {
        try (RouteMirror mirror = silent(ns, "link add vc type veth peer name vd", "link set vc up", "link set vd up",
                "addr add fd08::1/64 dev vc")) {
            // MLD reports and duplicate address detection make NOARP entries (ff02::16, ff02::1:ff00:1, ...) over
            // the next second or two, and the kernel notifies none of them
            long end = System.nanoTime() + CONVERGE.toNanos();
            while (IpJson.of(ns, "neigh show nud noarp dev vc").size() < 2 && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertThat(IpJson.of(ns, "neigh show nud noarp dev vc").size()).as("NOARP entries on vc").isGreaterThanOrEqualTo(2);
            awaitMatch(mirror, ns);
            int vc = mirror.snapshot().link("vc").orElseThrow().index();
            assertThat(mirror.snapshot().neighbors(vc)).filteredOn(n -> (n.state() & NeighborMessage.NUD_NOARP) != 0)
                    .hasSizeGreaterThanOrEqualTo(2).allMatch(n -> n.destination().isMulticastAddress());
            assertThat(mirror.resyncs()).as("full resyncs").isZero();
        }
    }

    @Test
    void ipv6MultipathPathsAppendedAndDeletedAndAReplaceMovingARouteAreFollowed(Netns ns) throws Exception {
        try (RouteMirror mirror = silent(ns, List.of("route add fd05::/64 dev va"), "route append fd04::/64 via fd01::9 dev va",
                "route del fd04::/64 via fd01::7 dev va", "route replace fd05::/64 dev vb",
                "route add fd06::/64 dev va metric 5", "route append fd06::/64 dev vb metric 5")) {
            assertThat(mirror.snapshot().routes(RouteMessage.RT_TABLE_MAIN)).filteredOn(r -> r.destination() != null
                    && r.destination().getHostAddress().startsWith("fd06:")).hasSize(2);
        }
    }

    @Test
    void losingCarrierTakesTheLinksNexthopObjectsTheirGroupsAndTheirRoutes(Netns ns) throws Exception {
        try (RouteMirror mirror = silent(ns, "link set vb down")) {
            RouteMirrorSnapshot s = mirror.snapshot();
            assertThat(s.nexthop(1)).as("nexthop on va, which lost carrier").isEmpty();
            assertThat(s.nexthop(3)).as("blackhole").isPresent();
            assertThat(s.routes()).noneMatch(r -> r.nexthopId() != null && r.nexthopId() != 3);
        }
    }

    @Test
    void deletingANexthopTakesItsRoutesAndShrinksItsGroup(Netns ns) throws Exception {
        try (RouteMirror mirror = silent(ns, "nexthop del id 1")) {
            RouteMirrorSnapshot s = mirror.snapshot();
            assertThat(s.routes()).noneMatch(r -> Integer.valueOf(1).equals(r.nexthopId()));
            assertThat(s.nexthop(10).orElseThrow().group()).extracting(NexthopMessage.Member::id).containsExactly(2);
        }
    }

    @Test
    void replacingANexthopChangesTheRoutesUsingIt(Netns ns) throws Exception {
        try (RouteMirror mirror = silent(ns, "nexthop replace id 2 via 10.5.0.3 dev vb")) {
            assertThat(mirror.snapshot().routes(100)).filteredOn(r -> Integer.valueOf(10).equals(r.nexthopId()))
                    .hasSize(1);
        }
    }

    @Test
    void deletingALinkDetachesTheRulesNamingIt(Netns ns) throws Exception {
        try (RouteMirror mirror = silent(ns, "link del vb")) {
            assertThat(mirror.snapshot().rules(AddressFamily.INET)).filteredOn(r -> "vb".equals(r.inputInterface()))
                    .singleElement().satisfies(r -> assertThat(r.flags() & RuleMessage.FIB_RULE_IIF_DETACHED)
                            .isNotZero());
        }
    }

    @Test
    void aFedMirrorHealsAfterLost(Netns ns) throws Exception {
        onePair(ns);
        try (Conn events = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
                Conn requests = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()))) {
            for (RouteGroup g : RouteMirror.GROUPS) {
                events.joinGroup(g.group());
            }
            RouteMirror mirror = RouteMirror.fed(requests);
            mirror.start();
            awaitMatchFed(mirror, events, ns);
            // notifications the owner drops, then says so
            ns.batch(List.of("route add 10.8.0.0/16 dev va table 200", "addr add 10.9.0.1/24 dev vb",
                    "link add vc type veth peer name vd"));
            RouteMirrorTest.drain(events);
            mirror.lost();
            awaitMatchFed(mirror, events, ns);
            assertThat(mirror.resyncs()).isEqualTo(1);
            mirror.close();
        }
    }

    private static void awaitMatchFed(RouteMirror mirror, Conn events, Netns ns) throws InterruptedException {
        long end = System.nanoTime() + CONVERGE.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < end) {
            RouteMirrorTest.drain(events).forEach(mirror::accept);
            if (mirror.isSynced()) {
                try {
                    assertMatchesIp(mirror.snapshot(), ns);
                    return;
                } catch (AssertionError e) {
                    last = e;
                }
            }
            Thread.sleep(50);
        }
        throw last != null ? last : new AssertionError("fed mirror never synced");
    }

    /** Waits until the mirror matches {@code ip -j}, then asserts it once more. */
    static void awaitMatch(RouteMirror mirror, Netns ns) throws InterruptedException {
        long end = System.nanoTime() + CONVERGE.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < end) {
            if (mirror.isSynced()) {
                try {
                    assertMatchesIp(mirror.snapshot(), ns);
                    return;
                } catch (AssertionError e) {
                    last = e;
                }
            }
            Thread.sleep(100);
        }
        throw last != null ? last : new AssertionError("mirror never synced");
    }

    /** Links, addresses, routes and neighbours of a snapshot, field by field, against ip -j. */
    static void assertMatchesIp(RouteMirrorSnapshot s, Netns ns) {
        assertThat(linksOf(s)).as("links").containsExactlyInAnyOrderElementsOf(linksOf(ns));
        assertThat(addressesOf(s)).as("addresses").containsExactlyInAnyOrderElementsOf(addressesOf(ns));
        assertThat(routesOf(s)).as("routes").containsExactlyInAnyOrderElementsOf(routesOf(ns));
        assertThat(neighborsOf(s)).as("neighbours").containsExactlyInAnyOrderElementsOf(neighborsOf(ns));
        assertThat(rulesOf(s)).as("rules").containsExactlyInAnyOrderElementsOf(rulesOf(ns));
        assertThat(nexthopsOf(s)).as("nexthops").containsExactlyInAnyOrderElementsOf(nexthopsOf(ns));
    }

    /** Rules as family, priority, selectors, table and detached flag. */
    static List<String> rulesOf(RouteMirrorSnapshot s) {
        List<String> out = new ArrayList<>();
        for (RuleMessage r : s.rules()) {
            out.add((r.family() == AddressFamily.INET ? "-4" : "-6") + " " + Integer.toUnsignedLong(
                    r.priority() == null ? 0 : r.priority()) + " from " + (r.source() == null ? "all"
                    : r.source().getHostAddress() + "/" + r.sourceLength()) + " to " + (r.destination() == null ? "-"
                    : r.destination().getHostAddress() + "/" + r.destinationLength()) + " iif "
                    + (r.inputInterface() == null ? "-" : r.inputInterface())
                    + ((r.flags() & RuleMessage.FIB_RULE_IIF_DETACHED) != 0 ? " detached" : "") + " table "
                    + Integer.toUnsignedLong(r.table()));
        }
        return out;
    }

    static List<String> rulesOf(Netns ns) {
        List<String> out = new ArrayList<>();
        for (String family : List.of("-4", "-6")) {
            for (JsonNode r : IpJson.of(ns, family + " rule show")) {
                String src = r.get("src").asString();
                String table = switch (r.get("table").asString()) {
                    case "main" -> "254";
                    case "local" -> "255";
                    case "default" -> "253";
                    default -> r.get("table").asString();
                };
                out.add(family + " " + r.get("priority").asLong() + " from " + (src.equals("all") ? "all"
                        : canon(src) + "/" + (r.has("srclen") ? r.get("srclen").asInt() : family.equals("-4") ? 32 : 128))
                        + " to " + (r.has("dst") ? canon(r.get("dst").asString()) + "/" + (r.has("dstlen")
                        ? r.get("dstlen").asInt() : family.equals("-4") ? 32 : 128) : "-") + " iif "
                        + (r.has("iif") ? r.get("iif").asString() : "-") + (r.has("iif_detached") ? " detached" : "")
                        + " table " + table);
            }
        }
        return out;
    }

    /** Nexthop objects as ID, gateway and device, or group members, or blackhole. */
    static List<String> nexthopsOf(RouteMirrorSnapshot s) {
        List<String> out = new ArrayList<>();
        for (NexthopMessage n : s.nexthops()) {
            StringBuilder b = new StringBuilder("id " + Integer.toUnsignedLong(n.id()));
            if (!n.group().isEmpty()) {
                n.group().forEach(m -> b.append(" member ").append(m.id()).append('x').append(m.weight()));
            } else if (n.blackhole()) {
                b.append(" blackhole");
            } else {
                b.append(" via ").append(n.gateway() == null ? "-" : n.gateway().getHostAddress()).append(" dev ")
                        .append(n.index() == null ? "-" : s.link(n.index()).map(LinkMessage::name).orElse("?"));
            }
            out.add(b.toString());
        }
        return out;
    }

    static List<String> nexthopsOf(Netns ns) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : IpJson.of(ns, "nexthop show")) {
            StringBuilder b = new StringBuilder("id " + n.get("id").asLong());
            if (n.has("group")) {
                n.get("group").forEach(m -> b.append(" member ").append(m.get("id").asInt()).append('x')
                        .append(m.has("weight") ? m.get("weight").asInt() : 1));
            } else if (n.has("blackhole")) {
                b.append(" blackhole");
            } else {
                b.append(" via ").append(n.has("gateway") ? canon(n.get("gateway").asString()) : "-").append(" dev ")
                        .append(n.has("dev") ? n.get("dev").asString() : "-");
            }
            out.add(b.toString());
        }
        return out;
    }

    static final Map<Integer, String> LINK_FLAGS = Map.of(LinkMessage.IFF_UP, "UP", LinkMessage.IFF_LOWER_UP,
            "LOWER_UP", LinkMessage.IFF_BROADCAST, "BROADCAST", LinkMessage.IFF_MULTICAST, "MULTICAST",
            LinkMessage.IFF_LOOPBACK, "LOOPBACK", LinkMessage.IFF_NOARP, "NOARP", LinkMessage.IFF_POINTOPOINT,
            "POINTOPOINT", LinkMessage.IFF_PROMISC, "PROMISC");

    static List<String> linksOf(RouteMirrorSnapshot s) {
        List<String> out = new ArrayList<>();
        for (LinkMessage l : s.links()) {
            Set<String> flags = new TreeSet<>();
            LINK_FLAGS.forEach((bit, name) -> {
                if (l.hasFlags(bit)) {
                    flags.add(name);
                }
            });
            if (l.hasFlags(LinkMessage.IFF_UP) && !l.hasFlags(LinkMessage.IFF_RUNNING)) {
                flags.add("NO-CARRIER");
            }
            String master = l.master() == null || l.master() == 0 ? "-"
                    : s.link(l.master()).map(LinkMessage::name).orElse("?");
            out.add(l.index() + " " + l.name() + " mtu " + l.mtu() + " " + flags + " " + l.operStateName()
                    + " master " + master);
        }
        return out;
    }

    static List<String> linksOf(Netns ns) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : IpJson.of(ns, "link show")) {
            Set<String> flags = new TreeSet<>();
            for (JsonNode f : l.get("flags")) {
                if (LINK_FLAGS.containsValue(f.asString()) || f.asString().equals("NO-CARRIER")) {
                    flags.add(f.asString());
                }
            }
            out.add(l.get("ifindex").asInt() + " " + l.get("ifname").asString() + " mtu " + l.get("mtu").asInt() + " "
                    + flags + " " + l.get("operstate").asString() + " master "
                    + (l.has("master") ? l.get("master").asString() : "-"));
        }
        return out;
    }

    static List<String> addressesOf(RouteMirrorSnapshot s) {
        List<String> out = new ArrayList<>();
        for (AddressMessage a : s.addresses()) {
            out.add(a.index() + " " + a.localAddress().getHostAddress() + "/" + a.prefixLength());
        }
        return out;
    }

    static List<String> addressesOf(Netns ns) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : IpJson.of(ns, "addr show")) {
            for (JsonNode a : l.get("addr_info")) {
                out.add(l.get("ifindex").asInt() + " " + canon(a.get("local").asString()) + "/"
                        + a.get("prefixlen").asInt());
            }
        }
        return out;
    }

    static final List<String> ROUTE_TYPES = List.of("unspec", "unicast", "local", "broadcast", "anycast",
            "multicast", "blackhole", "unreachable", "prohibit", "throw", "nat");

    static List<String> routesOf(RouteMirrorSnapshot s) {
        List<String> out = new ArrayList<>();
        for (RouteMessage r : s.routes()) {
            InetAddress gateway = r.gateway();
            Integer dev = r.outputInterface();
            boolean linkdown = (r.flags() & NextHop.RTNH_F_LINKDOWN) != 0;
            if (!r.nextHops().isEmpty()) {
                gateway = r.nextHops().get(0).gateway();
                dev = r.nextHops().get(0).index();
                linkdown = (r.nextHops().get(0).flags() & NextHop.RTNH_F_LINKDOWN) != 0;
            }
            String dst = r.destination() == null ? "default"
                    : r.destination().getHostAddress() + "/" + r.destinationLength();
            String devName = dev == null ? "-" : s.link(dev).map(LinkMessage::name).orElse("?" + dev);
            out.add(Integer.toUnsignedString(r.table()) + " " + ROUTE_TYPES.get(r.routeType()) + " " + dst + " via "
                    + (gateway == null ? "-" : gateway.getHostAddress()) + " dev " + devName + " metric "
                    + (r.priority() == null ? 0 : Integer.toUnsignedLong(r.priority())) + (linkdown ? " linkdown" : "")
                    + " paths " + r.nextHops().size());
        }
        return out;
    }

    static List<String> routesOf(Netns ns) {
        List<String> out = new ArrayList<>();
        for (String family : List.of("-4", "-6")) {
            for (JsonNode r : IpJson.of(ns, family + " route show table all")) {
                String table = r.has("table") ? r.get("table").asString() : "main";
                table = switch (table) {
                    case "main" -> "254";
                    case "local" -> "255";
                    case "default" -> "253";
                    default -> table;
                };
                String dst = r.get("dst").asString();
                if (!dst.equals("default")) {
                    int slash = dst.indexOf('/');
                    String address = slash < 0 ? dst : dst.substring(0, slash);
                    int length = slash < 0 ? (family.equals("-4") ? 32 : 128) : Integer.parseInt(dst.substring(slash + 1));
                    dst = canon(address) + "/" + length;
                }
                JsonNode path = r.has("nexthops") ? r.get("nexthops").get(0) : r;
                boolean linkdown = false;
                for (JsonNode f : path.has("flags") ? path.get("flags") : r.get("flags")) {
                    linkdown |= f.asString().equals("linkdown");
                }
                out.add(table + " " + (r.has("type") ? r.get("type").asString() : "unicast") + " " + dst + " via "
                        + (path.has("gateway") ? canon(path.get("gateway").asString()) : "-") + " dev "
                        + (path.has("dev") ? path.get("dev").asString() : "-") + " metric "
                        + (r.has("metric") ? r.get("metric").asLong() : 0) + (linkdown ? " linkdown" : "")
                        + " paths " + (r.has("nexthops") ? r.get("nexthops").size() : 0));
            }
        }
        return out;
    }

    /** Neighbours as ip neigh show nud all shows them (NOARP multicast entries included), and proxy entries. */
    static List<String> neighborsOf(RouteMirrorSnapshot s) {
        List<String> out = new ArrayList<>();
        for (NeighborMessage n : s.neighbors()) {
            String dev = s.link(n.index()).map(LinkMessage::name).orElse("?" + n.index());
            if ((n.flags() & NeighborMessage.NTF_PROXY) != 0) {
                out.add("proxy " + n.destination().getHostAddress() + " dev " + dev);
            } else {
                out.add(n.destination().getHostAddress() + " dev " + dev + " " + n.stateName() + " "
                        + n.linkLayerAddress());
            }
        }
        return out;
    }

    static List<String> neighborsOf(Netns ns) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : IpJson.of(ns, "neigh show nud all")) {
            List<String> state = new ArrayList<>();
            n.get("state").forEach(x -> state.add(x.asString()));
            out.add(canon(n.get("dst").asString()) + " dev " + n.get("dev").asString() + " " + String.join(",", state)
                    + " " + (n.has("lladdr") ? n.get("lladdr").asString() : "null"));
        }
        for (JsonNode n : IpJson.of(ns, "neigh show proxy")) {
            out.add("proxy " + canon(n.get("dst").asString()) + " dev " + n.get("dev").asString());
        }
        return out;
    }
}
