package io.github.jnetlink;

import static io.github.jnetlink.testing.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.RouteClient;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Dumps#executeConsistent(Conn, Message, int)} against a kernel whose tables change while they are dumped.
 * A namespace holds 4,000 IPv4 routes and 3,000 IPv4 addresses that never change, so every dump spans many
 * datagrams; a second connection adds and deletes other routes or addresses as fast as the kernel takes them
 * while this one dumps over and over. Every list returned must hold each stable entry exactly once and no entry
 * twice; every dump that does not complete consistently must end in {@link DumpInterruptedException}. The
 * counts of interrupted attempts (seen through {@link ConnObserver#executed}) are printed.
 */
@NetlinkNamespace
class DumpsKernelTest {

    static final int STABLE_ROUTES = 4000;
    static final int STABLE_ADDRESSES = 3000;
    static final int CHURN_SET = 256;
    static final long RUN_NANOS = 4_000_000_000L;
    /** Paces the address churn so that some attempts fall between changes: one change every millisecond or so. */
    static final long ADDRESS_CHURN_PAUSE_MICROS = Long.getLong("dumps.churnPauseMicros", 2000);

    static Netns ns;
    static int churnLink;
    static int stableLink;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
        // va0 keeps an address of its own: when a link's last IPv4 address goes, the kernel flushes every route
        // through it, and the address churn would take the stable routes with it.
        List<String> setup = new ArrayList<>(List.of("link add va0 type veth peer name vb0", "link set va0 up",
                "link set vb0 up", "addr add 10.0.0.1/24 dev va0"));
        for (int i = 0; i < STABLE_ROUTES; i++) {
            setup.add("route add 172." + (16 + i / 256) + "." + (i % 256) + ".0/24 dev va0");
        }
        for (int i = 0; i < STABLE_ADDRESSES; i++) {
            setup.add("addr add 10.1." + (i / 250) + "." + (i % 250 + 1) + "/32 dev vb0");
        }
        ns.batch(setup);
        churnLink = IpJson.of(ns, "link show va0").get(0).get("ifindex").asInt();
        stableLink = IpJson.of(ns, "link show vb0").get(0).get("ifindex").asInt();
    }

    static Message dumpRequest(int type, int headerSize, int family) {
        byte[] header = new byte[headerSize];
        header[0] = (byte) family;
        return Message.of(type, HeaderFlags.REQUEST | HeaderFlags.DUMP, header);
    }

    /** Counts the attempts the kernel marked interrupted, as the connection reports them. */
    static final class InterruptCounter implements ConnObserver {
        final AtomicInteger executed = new AtomicInteger();
        final AtomicInteger interrupted = new AtomicInteger();

        @Override
        public void executed(Message request, long nanos, RuntimeException failure) {
            executed.incrementAndGet();
            if (failure instanceof DumpInterruptedException) {
                interrupted.incrementAndGet();
            }
        }
    }

    /** Adds and deletes entries on a connection of its own until stopped; keeps the first failure. */
    static final class Churn implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger changes = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread;

        /**
         * @param addresses   true to change addresses of va0, false routes through it
         * @param pauseMicros the pause after each add-and-delete pair, 0 for none
         */
        Churn(boolean addresses, long pauseMicros) {
            thread = new Thread(() -> {
                try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()))) {
                    RouteClient client = new RouteClient(conn);
                    for (int round = 0; !stop.get(); round++) {
                        InetAddress a = ip((addresses ? "10.2." : "192.168.") + (round % CHURN_SET) + ".1");
                        if (addresses) {
                            client.addAddress(churnLink, a, 32);
                            client.deleteAddress(churnLink, a, 32);
                        } else {
                            client.addRoute(a, 32, null, churnLink);
                            client.deleteRoute(a, 32, null, churnLink);
                        }
                        changes.addAndGet(2);
                        if (pauseMicros > 0) {
                            LockSupport.parkNanos(pauseMicros * 1000);
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "netlink-test-churn");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(10_000);
            assertThat(failure.get()).isNull();
            assertThat(thread.isAlive()).isFalse();
        }
    }

    /** The tallies of one run, printed and asserted on. */
    record Tally(int dumps, int consistent, int exhausted, int interruptedAttempts, int attempts, int changes) {
        @Override
        public String toString() {
            return dumps + " dumps: " + consistent + " consistent, " + exhausted + " gave up; " + interruptedAttempts
                    + " of " + attempts + " attempts marked NLM_F_DUMP_INTR, " + changes + " concurrent changes";
        }
    }

    @Test
    void routeDumpsDuringRouteChurnAreCompleteAndFreeOfDuplicates() throws Exception {
        InterruptCounter counter = new InterruptCounter();
        int dumps = 0;
        int consistent = 0;
        int exhausted = 0;
        int changes;
        try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withObserver(counter))) {
            Message request = dumpRequest(RouteMessageType.RTM_GETROUTE, RouteMessage.HEADER_SIZE, AddressFamily.INET);
            try (Churn churn = new Churn(false, 0)) {
                long end = System.nanoTime() + RUN_NANOS;
                while (System.nanoTime() < end) {
                    dumps++;
                    try {
                        List<Message> replies = Dumps.executeConsistent(conn, request, 5);
                        consistent++;
                        assertConsistentRoutes(replies);
                    } catch (DumpInterruptedException e) {
                        exhausted++;
                        assertThat(e.messages()).isNotEmpty();
                    }
                }
                changes = churn.changes.get();
            }
        }
        Tally tally = new Tally(dumps, consistent, exhausted, counter.interrupted.get(), counter.executed.get(), changes);
        System.out.println("[DumpsKernelTest] IPv4 route dump (" + STABLE_ROUTES + " stable routes): " + tally);
        assertThat(consistent + exhausted).isEqualTo(dumps);
        assertThat(counter.executed.get()).isEqualTo(consistent + counter.interrupted.get());
        assertThat(dumps).isGreaterThan(20);
        assertThat(changes).isGreaterThan(1000);
    }

    static void assertConsistentRoutes(List<Message> replies) {
        Set<String> seen = new HashSet<>();
        int stable = 0;
        for (Message m : replies) {
            RouteMessage r = RouteMessage.decode(m);
            String key = r.table() + " " + r.destinationString() + " tos " + r.tos() + " metric " + r.priority();
            assertThat(seen.add(key)).as("route %s listed twice", key).isTrue();
            if (r.destination() != null && r.destinationLength() == 24 && r.destination().getAddress()[0] == (byte) 172) {
                stable++;
            }
        }
        assertThat(stable).as("stable routes in a completed dump of %d: %s", replies.size(),
                replies.subList(0, Math.min(3, replies.size())).stream().map(RouteMessage::decode).toList()).isEqualTo(STABLE_ROUTES);
    }

    @Test
    void addressDumpsDuringAddressChurnAreRetriedUntilConsistent() throws Exception {
        InterruptCounter counter = new InterruptCounter();
        int dumps = 0;
        int consistent = 0;
        int exhausted = 0;
        int changes;
        DumpInterruptedException gaveUp = null;
        try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withObserver(counter))) {
            Message request = dumpRequest(RouteMessageType.RTM_GETADDR, AddressMessage.HEADER_SIZE, AddressFamily.INET);
            try (Churn churn = new Churn(true, ADDRESS_CHURN_PAUSE_MICROS)) {
                long end = System.nanoTime() + RUN_NANOS;
                while (System.nanoTime() < end) {
                    dumps++;
                    try {
                        List<Message> replies = Dumps.executeConsistent(conn, request, 5);
                        consistent++;
                        assertConsistentAddresses(replies);
                    } catch (DumpInterruptedException e) {
                        exhausted++;
                        gaveUp = e;
                    }
                }
                changes = churn.changes.get();
            }
        }
        Tally tally = new Tally(dumps, consistent, exhausted, counter.interrupted.get(), counter.executed.get(), changes);
        System.out.println("[DumpsKernelTest] IPv4 address dump (" + STABLE_ADDRESSES + " stable addresses): " + tally);
        assertThat(consistent + exhausted).isEqualTo(dumps);
        assertThat(counter.executed.get()).isEqualTo(consistent + counter.interrupted.get());
        assertThat(counter.interrupted.get()).as("attempts the kernel marked interrupted").isPositive();
        assertThat(consistent).as("dumps that completed consistently").isPositive();
        if (gaveUp != null) {
            assertThat(gaveUp).hasMessageContaining("all 5 attempts").hasCauseInstanceOf(DumpInterruptedException.class);
            assertThat(gaveUp.messages()).isNotEmpty();
        }
    }

    static void assertConsistentAddresses(List<Message> replies) {
        Set<String> seen = new HashSet<>();
        int stable = 0;
        for (Message m : replies) {
            AddressMessage a = AddressMessage.decode(m);
            String key = a.index() + " " + a.localAddress().getHostAddress() + "/" + a.prefixLength();
            assertThat(seen.add(key)).as("address %s listed twice", key).isTrue();
            if (a.index() == stableLink && a.family() == AddressFamily.INET) {
                stable++;
            }
        }
        assertThat(stable).as("stable addresses in a completed dump").isEqualTo(STABLE_ADDRESSES);
    }

    @Test
    void streamedAddressDumpsDuringChurnRestartOnEveryInterruptionAndEndConsistent() throws Exception {
        InterruptCounter counter = new InterruptCounter();
        int consistent = 0;
        int restarts = 0;
        try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withObserver(counter))) {
            Message request = dumpRequest(RouteMessageType.RTM_GETADDR, AddressMessage.HEADER_SIZE, AddressFamily.INET);
            try (Churn churn = new Churn(true, ADDRESS_CHURN_PAUSE_MICROS)) {
                long end = System.nanoTime() + RUN_NANOS;
                while (System.nanoTime() < end) {
                    List<Message> built = new ArrayList<>();
                    int[] restarted = {0};
                    try {
                        long delivered = Dumps.streamConsistent(conn, request, 5, "stream addresses", () -> {
                            restarted[0]++;
                            built.clear();
                        }, v -> built.add(v.copy()));
                        assertThat(delivered).isEqualTo(built.size());
                        assertConsistentAddresses(built);
                        consistent++;
                    } catch (DumpInterruptedException e) {
                        assertThat(e).hasMessageContaining("stream addresses").hasMessageContaining("all 5 attempts");
                        assertThat(restarted[0]).isEqualTo(4);
                    }
                    restarts += restarted[0];
                }
            }
        }
        System.out.println("[DumpsKernelTest] streamed IPv4 address dumps: " + consistent + " consistent, " + restarts
                + " restarts, " + counter.interrupted.get() + " attempts marked NLM_F_DUMP_INTR");
        assertThat(consistent).as("streamed dumps that completed consistently").isPositive();
        assertThat(restarts).as("one restart per interrupted attempt that was repeated")
                .isLessThanOrEqualTo(counter.interrupted.get()).isPositive();
    }

    @Test
    void aSingleAttemptUnderChurnEndsInTheInterruptedExceptionWithItsMessages() throws Exception {
        DumpInterruptedException caught = null;
        try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
                Churn churn = new Churn(true, 0)) {
            Message request = dumpRequest(RouteMessageType.RTM_GETADDR, AddressMessage.HEADER_SIZE, AddressFamily.INET);
            long end = System.nanoTime() + RUN_NANOS;
            while (caught == null && System.nanoTime() < end) {
                try {
                    assertConsistentAddresses(Dumps.executeConsistent(conn, request, 1));
                } catch (DumpInterruptedException e) {
                    caught = e;
                }
            }
        }
        assertThat(caught).isNotNull().hasMessageContaining("all 1 attempts").hasCauseInstanceOf(DumpInterruptedException.class);
        assertThat(caught.messages()).isNotEmpty()
                .allSatisfy(m -> assertThat(m.header().type()).isEqualTo(RouteMessageType.RTM_NEWADDR))
                .anySatisfy(m -> assertThat(m.header().has(HeaderFlags.DUMP_INTERRUPTED)).isTrue());
    }

    @Test
    void routeClientListsStayConsistentUnderChurn() throws Exception {
        try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
                Churn churn = new Churn(true, 0)) {
            RouteClient client = new RouteClient(conn);
            for (int i = 0; i < 50; i++) {
                try {
                    List<AddressMessage> addresses = client.addresses();
                    assertThat(addresses.stream().filter(a -> a.index() == stableLink && a.family() == AddressFamily.INET))
                            .hasSize(STABLE_ADDRESSES);
                    assertThat(addresses.stream().map(a -> a.index() + " " + a.localAddress() + "/" + a.prefixLength()))
                            .doesNotHaveDuplicates();
                } catch (DumpInterruptedException e) {
                    assertThat(e.operation()).isEqualTo("list addresses");
                    assertThat(e).hasMessageContaining("on all 5 attempts");
                }
            }
        }
    }

    @Test
    void rejectsWhatCannotBeRetriedSafely() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()))) {
            Message dump = dumpRequest(RouteMessageType.RTM_GETLINK, 16, 0);
            assertThatThrownBy(() -> Dumps.executeConsistent(null, dump, 3)).isInstanceOf(NetlinkException.class)
                    .hasMessageContaining("must not be null");
            assertThatThrownBy(() -> Dumps.executeConsistent(conn, null)).isInstanceOf(NetlinkException.class)
                    .hasMessageContaining("must not be null");
            assertThatThrownBy(() -> Dumps.streamConsistent(conn, dump, 3, "x", null, v -> { }))
                    .isInstanceOf(NetlinkException.class).hasMessageContaining("restart and consumer");
            assertThatThrownBy(() -> Dumps.executeConsistent(conn, dump, 0)).isInstanceOf(NetlinkException.class)
                    .hasMessageContaining("maxAttempts must be at least 1, got 0");
            Message add = Message.of(RouteMessageType.RTM_NEWADDR,
                    HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE | HeaderFlags.CREATE | HeaderFlags.EXCL,
                    AddressMessage.of(churnLink, ip("10.3.0.1"), 32).encode());
            assertThatThrownBy(() -> Dumps.executeConsistent(conn, add, 3)).isInstanceOf(NetlinkException.class)
                    .hasMessageContaining("NLM_F_DUMP");
            assertThat(ns.ip("-4 addr show dev va0")).doesNotContain("10.3.0.1");
            assertThat(Dumps.executeConsistent(conn, dump)).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.header().type()).isEqualTo(RouteMessageType.RTM_NEWLINK));
        }
    }
}
