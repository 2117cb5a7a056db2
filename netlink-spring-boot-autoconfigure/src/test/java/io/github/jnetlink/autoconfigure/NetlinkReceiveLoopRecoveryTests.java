package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.NetlinkTransport;
import java.util.concurrent.atomic.AtomicInteger;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.FileDescriptors;
import io.github.jnetlink.testing.NativeBuffers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The receive loop when its socket breaks under it, broken from outside as a bug elsewhere in the process would: its
 * descriptor closed ({@code EBADF}) or replaced by one that is not a socket ({@code ENOTSOCK}), or the {@code Conn}
 * closed by someone other than the loop. The loop never spins: it re-dials under backoff, logs a bounded number of
 * lines, says so in events, asks for a resync, and delivers the notifications that follow.
 */
@NetlinkNamespace
class NetlinkReceiveLoopRecoveryTests {

    static final int RTM_NEWLINK = 16;
    static final int O_RDONLY = 0;

    static Netns ns;
    static CLibrary libc;

    private ListAppender<ILoggingEvent> log;
    private Path netnsLink;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
        libc = LibraryLoader.create(CLibrary.class).load("c");
    }

    @BeforeEach
    void captureLog() throws IOException {
        log = new ListAppender<>();
        log.start();
        logger().addAppender(log);
        // the connection's netns is a link to the namespace, which a test removes to make re-dials fail
        netnsLink = Files.createTempDirectory("jnl-recovery").resolve("netns");
        Files.createSymbolicLink(netnsLink, Path.of(ns.path()));
    }

    @AfterEach
    void releaseLog() throws IOException {
        logger().detachAppender(log);
        Files.deleteIfExists(netnsLink);
        Files.delete(netnsLink.getParent());
    }

    /** What the loop logged at WARN or above: what an operator's log gets by default. */
    private List<ILoggingEvent> warnings() {
        return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(NetlinkReceiveLoop.class);
    }

    /** {@code close(2)}, {@code dup2(2)} and {@code open(2)} of the C library: the tests break a descriptor behind the library's back. */
    public interface CLibrary {
        /**
         * @param fd the descriptor
         * @return 0, or -1 with errno set
         */
        int close(int fd);

        /**
         * @param oldFd the descriptor to copy
         * @param newFd the number it is copied to, closing what was there
         * @return {@code newFd}, or -1 with errno set
         */
        int dup2(int oldFd, int newFd);

        /**
         * @param path  the file
         * @param flags {@code O_RDONLY}
         * @return the new descriptor, or -1 with errno set
         */
        int open(String path, int flags);
    }

    /** What the loop publishes, in order, on its thread. */
    static final class Recorder implements ApplicationEventPublisher {
        final List<Object> events = new CopyOnWriteArrayList<>();

        @Override
        public void publishEvent(Object event) {
            events.add(event);
        }

        <T> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        boolean linkSeen(String name) {
            return of(NetlinkMessageEvent.class).stream()
                    .anyMatch(e -> e.type() == RTM_NEWLINK && name.equals(LinkMessage.decode(e.message()).name()));
        }

        /** The lifecycle events, without the notifications. */
        List<Object> lifecycle() {
            return events.stream().filter(e -> !(e instanceof NetlinkMessageEvent)).toList();
        }
    }

    /** A loop made by the production dialer, for connection {@code route} joined to {@code link}. */
    private NetlinkReceiveLoop loop(Recorder recorder, Duration initialBackoff, Duration maxBackoff, Integer... trustedPeers) {
        NetlinkProperties properties = new NetlinkProperties();
        NetlinkProperties.Connection c = new NetlinkProperties.Connection();
        c.setNetns(netnsLink.toString());
        c.setGroups(List.of("link"));
        c.setTrustedPeers(List.of(trustedPeers));
        properties.getConnections().put("route", c);
        return new NetlinkConnections(properties, recorder, () -> NetlinkMetrics.NONE)
                .receiveLoopWithBackoff("route", initialBackoff, maxBackoff);
    }

    @Test
    void aDescriptorClosedUnderneathIsReDialedUnderBackoffWithoutSpinning() throws Exception {
        Recorder recorder = new Recorder();
        NetlinkReceiveLoop loop = loop(recorder, Duration.ofMillis(20), Duration.ofMillis(160));
        loop.start();
        try {
            assertThat(loop.state()).isIn(NetlinkReceiveLoop.State.STARTING, NetlinkReceiveLoop.State.RUNNING);
            ns.ip("link add rc0 type veth peer name rc1");
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.linkSeen("rc0"));
            assertThat(loop.state()).isEqualTo(NetlinkReceiveLoop.State.RUNNING);
            Conn broken = loop.conn();

            // re-dials fail until the namespace is reachable again: the loop must back off, not spin
            Files.delete(netnsLink);
            int fd = FileDescriptors.ofSocket(ns, broken);
            assertThat(libc.close(fd)).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.FAILED);
            long brokeAt = System.nanoTime();
            Thread thread = receiveThread();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long cpuBefore = mx.getThreadCpuTime(thread.getId());
            Thread.sleep(2000);
            long cpuMillis = (mx.getThreadCpuTime(thread.getId()) - cpuBefore) / 1_000_000;
            List<ILoggingEvent> lines = warnings();
            int failed = recorder.of(NetlinkListenerContainerFailedEvent.class).size();
            System.out.printf("broken loop over 2 s: %d ms CPU, %d log lines, %d failed events%n", cpuMillis, lines.size(), failed);
            assertThat(cpuMillis).isLessThan(200);
            // 20, 40, 80, then 160 ms: about 15 attempts in 2 s, one line each; a spinning loop logs ~10^5
            assertThat(failed).isBetween(5, 20);
            assertThat(lines).hasSizeLessThanOrEqualTo(failed + 1);
            assertThat(lines.stream().filter(e -> e.getThrowableProxy() != null)).hasSize(1);
            assertThat(lines.get(0).getLevel()).isEqualTo(Level.ERROR);
            assertThat(lines.get(0).getThrowableProxy()).isNotNull();
            assertThat(lines.get(0).getFormattedMessage()).contains("'route'", "EBADF");

            Files.createSymbolicLink(netnsLink, Path.of(ns.path()));
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
            long recoveredMillis = (System.nanoTime() - brokeAt) / 1_000_000;
            System.out.printf("recovered %d ms after the loop failed (%d ms after the namespace came back)%n", recoveredMillis,
                    recoveredMillis - 2000);
            assertThat(loop.conn()).isNotSameAs(broken);

            List<Object> lifecycle = recorder.lifecycle();
            List<NetlinkListenerContainerFailedEvent> failures = recorder.of(NetlinkListenerContainerFailedEvent.class);
            assertThat(lifecycle).hasSize(failures.size() + 2);
            assertThat(lifecycle.subList(0, failures.size())).isEqualTo(failures);
            NetlinkListenerContainerFailedEvent first = failures.get(0);
            assertThat(first.connection()).isEqualTo("route");
            assertThat(first.attempt()).isEqualTo(1);
            assertThat(first.nextRetry()).isEqualTo(Duration.ofMillis(20));
            assertThat(first.exception()).isInstanceOfSatisfying(NetlinkSystemException.class,
                    e -> assertThat(e.errnoName()).isEqualTo("EBADF"));
            for (int i = 1; i < failures.size(); i++) {
                NetlinkListenerContainerFailedEvent f = failures.get(i);
                assertThat(f.attempt()).isEqualTo(i + 1);
                assertThat(f.nextRetry()).isEqualTo(Duration.ofMillis(Math.min(160, 20L << i)));
                assertThat(f.exception()).isInstanceOf(NetlinkStartupException.class).hasMessageContaining("ENOENT");
            }
            NetlinkListenerContainerRecoveredEvent recovered = (NetlinkListenerContainerRecoveredEvent) lifecycle.get(failures.size());
            assertThat(recovered.connection()).isEqualTo("route");
            assertThat(recovered.attempts()).isEqualTo(failures.size());
            assertThat(recovered.downtime()).isGreaterThan(Duration.ofSeconds(2));
            NetlinkRecoveryResyncEvent resync = (NetlinkRecoveryResyncEvent) lifecycle.get(failures.size() + 1);
            assertThat(resync.connection()).isEqualTo("route");
            assertThat(resync.downtime()).isEqualTo(recovered.downtime());
            assertThat(resync).isInstanceOf(NetlinkResyncEvent.class);
            assertThat(loop.failures()).isEqualTo(failures.size());
            assertThat(loop.lastFailure()).isSameAs(failures.get(failures.size() - 1).exception());

            ns.ip("link add rc2 type veth peer name rc3");
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.linkSeen("rc2"));
            assertThat(log.list.get(log.list.size() - 1).getFormattedMessage()).contains("new socket after");
        } finally {
            loop.stop();
            ns.ip("link del rc0");
            ns.ip("link del rc2");
        }
        assertThat(loop.state()).isEqualTo(NetlinkReceiveLoop.State.STOPPED);
        assertThat(NetlinkAutoConfigurationTests.netlinkThreads()).isEmpty();
    }

    @Test
    void aConnClosedByAnotherThanStopIsReDialed() {
        Recorder recorder = new Recorder();
        NetlinkReceiveLoop loop = loop(recorder, Duration.ofMillis(10), Duration.ofMillis(100));
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
            Conn first = loop.conn();
            first.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.of(NetlinkRecoveryResyncEvent.class).size() == 1);
            assertThat(recorder.lifecycle()).hasSize(3);
            assertThat(recorder.of(NetlinkListenerContainerFailedEvent.class)).singleElement()
                    .satisfies(f -> assertThat(f.exception()).isInstanceOf(io.github.jnetlink.NetlinkClosedException.class));
            assertThat(loop.conn()).isNotSameAs(first);
            assertThat(loop.isRunning()).isTrue();
            ns.ip("link add rc4 type veth peer name rc5");
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.linkSeen("rc4"));
        } finally {
            loop.stop();
            ns.ip("link del rc4");
        }
    }

    /** Sends a datagram whose header claims 400 bytes in 20, which {@code receiveDatagram} refuses, to {@code pid}. */
    private static void sendMalformed(NetlinkTransport from, int pid) {
        ByteBuffer b = NativeBuffers.allocate(20);
        b.putInt(0, 400).putShort(4, (short) RTM_NEWLINK);
        from.send(b, pid);
    }

    @Test
    void malformedDatagramsAreDroppedWithoutARedial() {
        try (NetlinkTransport peer = NetlinkTransport.open(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()))) {
            peer.bind(0, 0);
            Recorder recorder = new Recorder();
            NetlinkReceiveLoop loop = loop(recorder, Duration.ofMillis(10), Duration.ofMillis(100), peer.pid());
            loop.start();
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
                Conn first = loop.conn();
                // each was received whole: the socket works, however many arrive in a row
                for (int i = 0; i < 5; i++) {
                    sendMalformed(peer, first.pid());
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> warnings().size() == 5);
                assertThat(warnings()).allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("dropping a datagram"));
                ns.ip("link add rc8 type veth peer name rc9");
                await().atMost(Duration.ofSeconds(5)).until(() -> recorder.linkSeen("rc8"));
                assertThat(recorder.lifecycle()).isEmpty();
                assertThat(loop.conn()).isSameAs(first);
            } finally {
                loop.stop();
                ns.ip("link del rc8");
            }
        }
    }

    @Test
    void theSameErrorRepeatingWithoutASuccessfulReceiveCountsAsABrokenSocket() {
        // EIO is not one of the errors that mark a socket broken at once; three in a row do
        AtomicInteger dials = new AtomicInteger();
        Recorder recorder = new Recorder();
        NetlinkReceiveLoop loop = new NetlinkReceiveLoop("route", () -> {
            dials.incrementAndGet();
            return Conn.over(new FailingTransport(), Config.DEFAULT);
        }, java.util.Map.of(), recorder, Duration.ofMillis(10), Duration.ofMillis(50));
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.of(NetlinkListenerContainerFailedEvent.class).size() >= 2);
            NetlinkListenerContainerFailedEvent failed = recorder.of(NetlinkListenerContainerFailedEvent.class).get(0);
            assertThat(failed.exception()).isInstanceOfSatisfying(NetlinkSystemException.class,
                    e -> assertThat(e.errnoName()).isEqualTo("EIO"));
            assertThat(dials.get()).isGreaterThanOrEqualTo(2);
        } finally {
            loop.stop();
        }
        // each re-dial's socket failed three times before the next: the loop never spun on one
        assertThat(FailingTransport.receives.get()).isLessThanOrEqualTo(3L * dials.get());
    }

    /** A socket whose every receive fails with EIO after a short wait, as a broken device might. */
    static final class FailingTransport implements NetlinkTransport {
        static final java.util.concurrent.atomic.AtomicLong receives = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean closed;

        @Override public String kind() { return "failing"; }
        @Override public int protocol() { return Protocol.ROUTE; }
        @Override public void bind(int pid, int groups) { }
        @Override public int pid() { return 4242; }
        @Override public void send(java.nio.ByteBuffer datagram, int destination) { }
        @Override public int receive(java.nio.ByteBuffer buffer) {
            if (closed) {
                throw new io.github.jnetlink.NetlinkClosedException("receive");
            }
            receives.incrementAndGet();
            throw new NetlinkSystemException("recvfrom", "", 5);
        }
        @Override public int tryReceive(java.nio.ByteBuffer buffer) { return receive(buffer); }
        @Override public int lastSender() { return 0; }
        @Override public int lastGroup() { return 0; }
        @Override public void joinGroup(int group) { }
        @Override public void leaveGroup(int group) { }
        @Override public void setOption(io.github.jnetlink.ConnOption option, boolean enabled) { }
        @Override public void setReceiveBufferSize(int bytes) { }
        @Override public int receiveBufferSize() { return 0; }
        @Override public void setSendBufferSize(int bytes) { }
        @Override public int sendBufferSize() { return 0; }
        @Override public void attachFilter(List<io.github.jnetlink.bpf.RawInstruction> program) { }
        @Override public void detachFilter() { }
        @Override public void lockFilter() { }
        @Override public void setReadDeadline(java.time.Instant deadline) { }
        @Override public void setWriteDeadline(java.time.Instant deadline) { }
        @Override public void wakeup() { }
        @Override public boolean isClosed() { return closed; }
        @Override public void close() { closed = true; }
    }

    @Test
    void stopEndsABackoffAtOnceAndLeavesNoThread() {
        Recorder recorder = new Recorder();
        NetlinkReceiveLoop loop = loop(recorder, Duration.ofSeconds(30), Duration.ofSeconds(30));
        loop.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
        replaceWithDevNull(FileDescriptors.ofSocket(ns, loop.conn()));
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.FAILED);
        long t0 = System.nanoTime();
        loop.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));
        assertThat(loop.state()).isEqualTo(NetlinkReceiveLoop.State.STOPPED);
        assertThat(NetlinkAutoConfigurationTests.netlinkThreads()).isEmpty();
        assertThat(recorder.lifecycle()).singleElement().isInstanceOfSatisfying(NetlinkListenerContainerFailedEvent.class,
                f -> assertThat(f.nextRetry()).isEqualTo(Duration.ofSeconds(30)));
    }

    @Configuration(proxyBeanMethods = false)
    static class RecoveryListeners {
        final List<Object> events = new CopyOnWriteArrayList<>();
        final List<String> links = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route")
        void onLink(LinkMessage link) {
            links.add(link.name());
        }

        @EventListener
        void onFailed(NetlinkListenerContainerFailedEvent event) {
            events.add(event);
        }

        @EventListener
        void onRecovered(NetlinkListenerContainerRecoveredEvent event) {
            events.add(event);
        }

        @EventListener
        void onResync(NetlinkResyncEvent event) {
            events.add(event);
        }
    }

    @Test
    void inAnApplicationADescriptorReplacedByANonSocketFailsRecoversAndAsksForAResync() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class))
                .withUserConfiguration(RecoveryListeners.class)
                .withPropertyValues("netlink.connections.route.netns=" + ns.path(), "netlink.connections.route.groups=link")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RecoveryListeners listeners = context.getBean(RecoveryListeners.class);
                    NetlinkReceiveLoop loop = context.getBean("routeNetlinkReceiveLoop", NetlinkReceiveLoop.class);
                    await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
                    long t0 = System.nanoTime();
                    replaceWithDevNull(FileDescriptors.ofSocket(ns, loop.conn()));
                    await().atMost(Duration.ofSeconds(5)).until(() -> listeners.events.size() == 3);
                    System.out.printf("ENOTSOCK: recovered in %d ms with the default backoff%n", (System.nanoTime() - t0) / 1_000_000);
                    assertThat(listeners.events.get(0)).isInstanceOfSatisfying(NetlinkListenerContainerFailedEvent.class, f -> {
                        assertThat(f.attempt()).isEqualTo(1);
                        assertThat(f.nextRetry()).isEqualTo(NetlinkReceiveLoop.DEFAULT_INITIAL_BACKOFF);
                        assertThat(f.exception()).isInstanceOfSatisfying(NetlinkSystemException.class,
                                e -> assertThat(e.errnoName()).isEqualTo("ENOTSOCK"));
                    });
                    assertThat(listeners.events.get(1)).isInstanceOfSatisfying(NetlinkListenerContainerRecoveredEvent.class,
                            r -> assertThat(r.attempts()).isEqualTo(1));
                    assertThat(listeners.events.get(2)).isInstanceOf(NetlinkRecoveryResyncEvent.class);
                    ns.ip("link add rc6 type veth peer name rc7");
                    await().atMost(Duration.ofSeconds(5)).until(() -> listeners.links.contains("rc6"));
                    assertThat(loop.state()).isEqualTo(NetlinkReceiveLoop.State.RUNNING);
                    ns.ip("link del rc6");
                });
        assertThat(NetlinkAutoConfigurationTests.netlinkThreads()).isEmpty();
    }

    /** Puts {@code /dev/null} where the socket was: the descriptor number stays valid, but is no socket. */
    private static void replaceWithDevNull(int fd) {
        int devNull = libc.open("/dev/null", O_RDONLY);
        assertThat(devNull).isNotNegative();
        try {
            assertThat(libc.dup2(devNull, fd)).isEqualTo(fd);
        } finally {
            libc.close(devNull);
        }
    }

    private static Thread receiveThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("netlink-receive-route") && t.isAlive())
                .findFirst().orElseThrow(() -> new AssertionError("no thread netlink-receive-route"));
    }

}
