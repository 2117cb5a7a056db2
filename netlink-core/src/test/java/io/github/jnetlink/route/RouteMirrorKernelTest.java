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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Overruns on a listener with a deliberately small receive buffer (4 KiB), and {@link RouteMirror} bringing a
 * mirror that lost notifications to them back to exactly what {@code ip -j link} and {@code ip -j addr} show.
 * Each test makes its own namespace and a burst of changes with {@code ip -batch} while a named thread receives.
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
            try (Receiver r = new Receiver(conn, m -> { }, () -> { })) {
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

    @Test
    void resyncAfterOverrunsBringsTheMirrorBackToExactlyWhatIpShows(Netns ns) throws Exception {
        RouteMirror mirror = new RouteMirror();
        OverrunCounter observer = new OverrunCounter();
        List<RouteMirrorDiff> resyncs = new CopyOnWriteArrayList<>();
        Receiver receiver;
        List<RouteMirrorDiff> afterBurst;
        try (Conn events = Conn.dial(Protocol.ROUTE,
                        Config.DEFAULT.withNetns(ns.path()).withReceiveBufferSize(SMALL_BUFFER).withObserver(observer));
                Conn requests = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()))) {
            events.joinGroup(RouteGroup.LINK.group());
            events.joinGroup(RouteGroup.IPV4_IFADDR.group());
            events.joinGroup(RouteGroup.IPV6_IFADDR.group());
            RouteClient client = new RouteClient(requests);
            RouteMirrorDiff initial = mirror.resync(client);
            assertThat(initial.addedLinks()).extracting(LinkMessage::name).containsExactly("lo");
            assertThat(initial.removedLinks()).isEmpty();

            try (Receiver r = new Receiver(events, mirror::apply, () -> resyncs.add(mirror.resync(client)))) {
                receiver = r;
                ns.batch(burst());
            }
            afterBurst = List.copyOf(resyncs);

            assertThat(linksOf(mirror)).containsExactlyElementsOf(linksOf(ns));
            assertThat(addressesOf(mirror)).containsExactlyElementsOf(addressesOf(ns));
            RouteMirrorDiff again = mirror.resync(client);
            System.out.printf("[RouteMirrorKernelTest] mirror burst with a %d-byte buffer: %d notifications applied,"
                    + " %d overruns (observer saw %d), resync diff sizes %s, final resync %s; mirror holds %d links,"
                    + " %d addresses%n", SMALL_BUFFER, receiver.messages.get(), receiver.overruns.get(),
                    observer.overruns.get(), afterBurst.stream().map(RouteMirrorDiff::size).toList(), again,
                    mirror.links().size(), mirror.addresses().size());
            assertThat(again.isEmpty()).as("a resync right after applying every notification finds nothing: %s", again)
                    .isTrue();
        }
        assertThat(receiver.overruns.get()).as("overruns raised").isPositive();
        assertThat(observer.overruns.get()).isEqualTo(receiver.overruns.get());
        assertThat(receiver.overrunsNotFollowedByMessages).hasValue(0);
        assertThat(afterBurst).isNotEmpty().hasSizeLessThanOrEqualTo(receiver.overruns.get());
        assertThat(afterBurst.stream().mapToInt(RouteMirrorDiff::size).sum()).as("entries resync repaired").isPositive();
    }

    @Test
    void resyncWithoutResyncingDuringTheBurstReportsWhatWasLost(Netns ns) throws Exception {
        RouteMirror mirror = new RouteMirror();
        Receiver receiver;
        try (Conn events = Conn.dial(Protocol.ROUTE,
                        Config.DEFAULT.withNetns(ns.path()).withReceiveBufferSize(SMALL_BUFFER));
                Conn requests = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()))) {
            events.joinGroup(RouteGroup.LINK.group());
            events.joinGroup(RouteGroup.IPV4_IFADDR.group());
            events.joinGroup(RouteGroup.IPV6_IFADDR.group());
            RouteClient client = new RouteClient(requests);
            mirror.resync(client);
            try (Receiver r = new Receiver(events, mirror::apply, () -> { })) {
                receiver = r;
                ns.batch(burst());
            }
            Set<String> linksBefore = linksOf(mirror);
            Set<String> addressesBefore = addressesOf(mirror);
            RouteMirrorDiff diff = mirror.resync(client);
            Set<String> links = linksOf(ns);
            Set<String> addresses = addressesOf(ns);
            System.out.printf("[RouteMirrorKernelTest] burst applied without resync: %d overruns, mirror off by %d"
                    + " links and %d addresses; resync diff %s (size %d)%n", receiver.overruns.get(),
                    symmetricDifference(linksBefore, links), symmetricDifference(addressesBefore, addresses), diff,
                    diff.size());
            assertThat(receiver.overruns.get()).isPositive();
            assertThat(diff.isEmpty()).isFalse();
            assertThat(linksOf(mirror)).containsExactlyElementsOf(links);
            assertThat(addressesOf(mirror)).containsExactlyElementsOf(addresses);
            assertThat(mirror.resync(client).isEmpty()).isTrue();
        }
    }

    /** Veth pairs created, brought up, addressed, partly renamed, re-MTU'd and deleted: thousands of notifications. */
    static List<String> burst() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < VETH_PAIRS; i++) {
            lines.add("link add m" + i + " type veth peer name p" + i);
        }
        for (int i = 0; i < VETH_PAIRS; i++) {
            lines.add("link set m" + i + " up");
            lines.add("link set p" + i + " up");
            lines.add("addr add 10.50." + i + ".1/24 dev m" + i);
            lines.add("addr add 10.51." + i + ".1/32 dev m" + i);
            lines.add("addr add fd00:" + Integer.toHexString(i) + "::1/64 dev p" + i + " nodad");
        }
        for (int i = 0; i < VETH_PAIRS; i += 3) {
            lines.add("link del m" + i);
        }
        for (int i = 1; i < VETH_PAIRS; i += 3) {
            lines.add("addr del 10.51." + i + ".1/32 dev m" + i);
            lines.add("link set m" + i + " mtu 1400");
            lines.add("link set p" + i + " down");
        }
        return lines;
    }

    static Set<String> linksOf(RouteMirror mirror) {
        Set<String> out = new TreeSet<>();
        for (LinkMessage l : mirror.links()) {
            out.add(l.index() + " " + l.name() + " mtu " + l.mtu() + " " + l.operStateName());
        }
        return out;
    }

    static Set<String> linksOf(Netns ns) {
        Set<String> out = new TreeSet<>();
        for (JsonNode l : IpJson.of(ns, "link show")) {
            out.add(l.get("ifindex").asInt() + " " + l.get("ifname").asString() + " mtu " + l.get("mtu").asInt() + " "
                    + l.get("operstate").asString());
        }
        return out;
    }

    static Set<String> addressesOf(RouteMirror mirror) {
        Set<String> out = new TreeSet<>();
        for (AddressMessage a : mirror.addresses()) {
            out.add(a.index() + " " + a.localAddress().getHostAddress() + "/" + a.prefixLength());
        }
        return out;
    }

    static Set<String> addressesOf(Netns ns) {
        Set<String> out = new TreeSet<>();
        for (JsonNode l : IpJson.of(ns, "addr show")) {
            for (JsonNode a : l.get("addr_info")) {
                out.add(l.get("ifindex").asInt() + " " + canon(a.get("local").asString()) + "/"
                        + a.get("prefixlen").asInt());
            }
        }
        return out;
    }

    static int symmetricDifference(Set<String> a, Set<String> b) {
        Set<String> onlyA = new TreeSet<>(a);
        onlyA.removeAll(b);
        Set<String> onlyB = new TreeSet<>(b);
        onlyB.removeAll(a);
        return onlyA.size() + onlyB.size();
    }
}
