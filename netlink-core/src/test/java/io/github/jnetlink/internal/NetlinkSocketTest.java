package io.github.jnetlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.ConnOption;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkInterruptedException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.NetlinkTransport;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.bpf.RawInstruction;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jnr-ffi transport on real {@code NETLINK_ROUTE} sockets, in a namespace of its own; a subclass that overrides
 * {@link #open} and {@link #expectedKind()} runs every test against another transport (netlink-transport-ffm does). Most tests pair the socket
 * under test with a second, userspace socket that sends it exactly the datagrams needed; the kernel is asked only for
 * an ACK and for link notifications of the namespace's own loopback device.
 */
public class NetlinkSocketTest {

    private static final int NLMSG_NOOP = 1;
    private static final int NLMSG_ERROR = 2;
    private static final int NLM_F_REQUEST = 1;
    private static final int NLM_F_ACK = 4;
    private static final int RTNLGRP_LINK = 1;
    private static final int RTM_NEWLINK = 16;
    private static final Duration SOON = Duration.ofSeconds(5);

    private static String name;
    private static String path;

    /**
     * Opens an unbound socket of the transport under test.
     *
     * @param protocol  the netlink protocol (any number: the kernel's answer to a bad one is tested)
     * @param netnsPath the namespace file, or null
     * @param netnsFd   a namespace descriptor, or -1
     * @return the socket
     */
    protected NetlinkTransport open(int protocol, String netnsPath, int netnsFd) {
        return NetlinkSocket.open(protocol, netnsPath, netnsFd);
    }

    /** @return the {@link NetlinkTransport#kind()} of the transport under test */
    protected String expectedKind() {
        return "netlink-socket";
    }

    @BeforeAll
    static void createNamespace() throws Exception {
        name = "jnl-int-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffff_ffffL);
        run("ip", "netns", "add", name);
        path = "/var/run/netns/" + name;
    }

    @AfterAll
    static void deleteNamespace() throws Exception {
        if (name != null) {
            run("ip", "netns", "delete", name);
        }
    }

    @ParameterizedTest(name = "packet info {0}")
    @ValueSource(booleans = {false, true})
    void aTruncatedDatagramReportsItsFullLength(boolean packetInfo) {
        try (NetlinkTransport receiver = bound(); NetlinkTransport sender = bound()) {
            receiver.setOption(ConnOption.PACKET_INFO, packetInfo);
            sender.send(pattern(300), receiver.pid());

            ByteBuffer small = direct(64);
            small.position(10);
            assertThat(receiver.receive(small)).isEqualTo(300);
            assertThat(small.position()).isZero();
            assertThat(small.limit()).isEqualTo(64);
            assertThat(bytes(small)).isEqualTo(bytes(pattern(64)));
            assertThat(receiver.lastSender()).isEqualTo(sender.pid());
            assertThat(receiver.lastGroup()).isZero();
            // the kernel discarded the rest of the datagram
            assertThat(receiver.tryReceive(small)).isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "packet info {0}")
    @ValueSource(booleans = {false, true})
    void eachBufferPassedIsReceivedInto(boolean packetInfo) {
        try (NetlinkTransport receiver = bound(); NetlinkTransport sender = bound()) {
            receiver.setOption(ConnOption.PACKET_INFO, packetInfo);
            ByteBuffer first = direct(256);
            // a slice starts elsewhere in its memory: index 0 of the slice is where the datagram must go
            ByteBuffer slice = direct(512).position(100).slice().order(ByteOrder.nativeOrder());
            for (int i = 0; i < 3; i++) {
                sender.send(pattern(40 + i), receiver.pid());
                assertThat(receiver.receive(first)).isEqualTo(40 + i);
                assertThat(bytes(first)).isEqualTo(bytes(pattern(40 + i)));
                sender.send(pattern(70 + i), receiver.pid());
                assertThat(receiver.receive(slice)).isEqualTo(70 + i);
                assertThat(bytes(slice)).isEqualTo(bytes(pattern(70 + i)));
            }
        }
    }

    @Test
    void tryReceiveReturnsMinusOneWhenNothingIsQueued() {
        try (NetlinkTransport socket = bound()) {
            assertThat(socket.tryReceive(direct(128))).isEqualTo(-1);
            socket.setOption(ConnOption.PACKET_INFO, true);
            assertThat(socket.tryReceive(direct(128))).isEqualTo(-1);
        }
    }

    @Test
    void sendSendsFromPositionToLimitAndLeavesThePosition() {
        try (NetlinkTransport receiver = bound(); NetlinkTransport sender = bound()) {
            ByteBuffer datagram = pattern(60);
            ByteBuffer in = direct(128);
            for (int position : new int[] {10, 10, 0, 25}) {
                datagram.position(position);
                sender.send(datagram, receiver.pid());
                assertThat(datagram.position()).isEqualTo(position);
                assertThat(datagram.limit()).isEqualTo(60);
                assertThat(receiver.receive(in)).isEqualTo(60 - position);
                assertThat(bytes(in)).isEqualTo(bytes(pattern(60).position(position)));
            }
        }
    }

    @Test
    void theKernelAcknowledgesANoop() {
        try (NetlinkTransport socket = bound()) {
            ByteBuffer request = direct(16);
            request.putInt(16).putShort((short) NLMSG_NOOP).putShort((short) (NLM_F_REQUEST | NLM_F_ACK)).putInt(7).putInt(0);
            socket.send(request.flip(), 0);
            ByteBuffer reply = direct(4096);
            socket.setReadDeadline(Instant.now().plus(SOON));
            int length = socket.receive(reply);
            assertThat(length).isGreaterThanOrEqualTo(20).isEqualTo(reply.limit());
            assertThat(reply.getShort(4)).isEqualTo((short) NLMSG_ERROR);
            assertThat(reply.getInt(8)).isEqualTo(7);
            assertThat(reply.getInt(16)).as("error").isZero();
            assertThat(socket.lastSender()).isZero();
        }
    }

    @ParameterizedTest(name = "packet info {0}")
    @ValueSource(booleans = {false, true})
    void aNotificationReportsItsGroup(boolean packetInfo) throws Exception {
        try (NetlinkTransport socket = bound()) {
            socket.setOption(ConnOption.PACKET_INFO, packetInfo);
            socket.joinGroup(RTNLGRP_LINK);
            run("ip", "-n", name, "link", "set", "lo", "up");
            run("ip", "-n", name, "link", "set", "lo", "down");
            socket.setReadDeadline(Instant.now().plus(SOON));
            ByteBuffer in = direct(8192);
            socket.receive(in);
            assertThat(in.getShort(4)).isEqualTo((short) RTM_NEWLINK);
            assertThat(socket.lastGroup()).isEqualTo(RTNLGRP_LINK);
            assertThat(socket.lastSender()).isZero();
            socket.leaveGroup(RTNLGRP_LINK);
        }
    }

    @Test
    void aQueuedDatagramIsReturnedEvenPastTheReadDeadline() {
        try (NetlinkTransport receiver = bound(); NetlinkTransport sender = bound()) {
            sender.send(pattern(8), receiver.pid());
            receiver.setReadDeadline(Instant.now().minusSeconds(1));
            assertThat(receiver.receive(direct(64))).isEqualTo(8);
            assertThatThrownBy(() -> receiver.receive(direct(64))).isInstanceOf(NetlinkTimeoutException.class);
        }
    }

    @Test
    void theReadDeadlineEndsAWait() {
        try (NetlinkTransport socket = bound()) {
            long start = System.nanoTime();
            socket.setReadDeadline(Instant.now().plusMillis(150));
            assertThatThrownBy(() -> socket.receive(direct(64))).isInstanceOf(NetlinkTimeoutException.class)
                    .hasMessageContaining("receive");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(millis).isBetween(140L, 2000L);
            // the socket stays usable
            socket.setReadDeadline(null);
            assertThat(socket.tryReceive(direct(64))).isEqualTo(-1);
        }
    }

    @Test
    void settingADeadlineAppliesToAWaitingReceiveAtOnce() throws Exception {
        try (NetlinkTransport socket = bound()) {
            CompletableFuture<Throwable> outcome = receiveInBackground(socket);
            Thread.sleep(200);
            long start = System.nanoTime();
            socket.setReadDeadline(Instant.now().minusMillis(1));
            assertThat(outcome.get(SOON.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(NetlinkTimeoutException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
        }
    }

    @Test
    void closeEndsABlockedReceiveAtOnce() throws Exception {
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            NetlinkTransport socket = bound();
            CompletableFuture<Throwable> outcome = receiveInBackground(socket);
            Thread.sleep(150);
            long start = System.nanoTime();
            socket.close();
            assertThat(outcome.get(SOON.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(NetlinkClosedException.class);
            best = Math.min(best, System.nanoTime() - start);
        }
        // the eventfd wakes the poll: far sooner than the 100 ms interrupt-check slice would
        assertThat(TimeUnit.NANOSECONDS.toMillis(best)).isLessThan(50);
    }

    @Test
    void wakeupMakesAWaiterLookAgainWithoutEndingIt() throws Exception {
        try (NetlinkTransport receiver = bound(); NetlinkTransport sender = bound()) {
            CompletableFuture<Throwable> outcome = receiveInBackground(receiver);
            Thread.sleep(100);
            for (int i = 0; i < 5; i++) {
                receiver.wakeup();
            }
            Thread.sleep(200);
            assertThat(outcome).isNotDone();
            sender.send(pattern(8), receiver.pid());
            assertThat(outcome.get(SOON.toMillis(), TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aFullPeerMakesTheSenderWaitUntilTheWriteDeadline() {
        try (NetlinkTransport receiver = bound(); NetlinkTransport sender = bound()) {
            receiver.setReceiveBufferSize(4096);
            sender.setWriteDeadline(Instant.now().plusMillis(200));
            ByteBuffer datagram = pattern(1000);
            int sent = 0;
            try {
                while (sent < 100_000) {
                    sender.send(datagram, receiver.pid());
                    sent++;
                }
            } catch (NetlinkTimeoutException e) {
                assertThat(e).hasMessageContaining("send");
            }
            assertThat(sent).isPositive().isLessThan(100_000);

            // a userspace sender is told EAGAIN instead of the datagram being dropped: everything sent is queued
            ByteBuffer in = direct(2048);
            int drained = 0;
            while (receiver.tryReceive(in) == 1000) {
                drained++;
            }
            assertThat(drained).isEqualTo(sent);
            assertThat(receiver.tryReceive(in)).isEqualTo(-1);
        }
    }

    @Test
    void interruptEndsABlockedReceiveAndKeepsTheStatus() throws Exception {
        try (NetlinkTransport socket = bound()) {
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    socket.receive(direct(64));
                    outcome.complete(null);
                } catch (Throwable e) {
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                    outcome.complete(e);
                }
            }, "netlink-test-receiver");
            thread.start();
            Thread.sleep(150);
            thread.interrupt();
            assertThat(outcome.get(SOON.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(NetlinkInterruptedException.class);
            assertThat(stillInterrupted).isTrue();
        }
    }

    @Test
    void buffersTheKernelCannotUseInPlaceAreRefused() {
        try (NetlinkTransport socket = bound()) {
            ByteBuffer heap = ByteBuffer.allocate(64);
            assertThatThrownBy(() -> socket.receive(heap)).isInstanceOf(NetlinkArgumentException.class)
                    .hasMessageContaining("direct");
            assertThatThrownBy(() -> socket.tryReceive(heap)).isInstanceOf(NetlinkArgumentException.class);
            assertThatThrownBy(() -> socket.send(heap, 0)).isInstanceOf(NetlinkArgumentException.class)
                    .hasMessageContaining("direct");
            assertThatThrownBy(() -> socket.receive(direct(64).asReadOnlyBuffer()))
                    .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> socket.receive(null)).isInstanceOf(NetlinkArgumentException.class);
            assertThatThrownBy(() -> socket.send(null, 0)).isInstanceOf(NetlinkArgumentException.class);
            // and the socket still works
            assertThat(socket.tryReceive(direct(64))).isEqualTo(-1);
        }
    }

    @Test
    void bindLearnsThePortId() {
        try (NetlinkTransport socket = open(Protocol.ROUTE, path, -1);
                NetlinkTransport other = open(Protocol.ROUTE, path, -1)) {
            assertThat(socket.pid()).isZero();
            assertThat(socket.kind()).isEqualTo(expectedKind());
            assertThat(socket.protocol()).isEqualTo(Protocol.ROUTE);
            socket.bind(0, 0);
            assertThat(socket.pid()).isNotZero();
            assertThatThrownBy(() -> other.bind(socket.pid(), 0)).isInstanceOfSatisfying(NetlinkSystemException.class,
                    e -> assertSystem(e, "bind", "", "EADDRINUSE"));
        }
    }

    @Test
    void failuresNameTheCallAndWhatItWasCalledOn() {
        try (NetlinkTransport socket = bound()) {
            assertThatThrownBy(() -> socket.joinGroup(0)).isInstanceOfSatisfying(NetlinkSystemException.class,
                    e -> assertSystem(e, "setsockopt", "NETLINK_ADD_MEMBERSHIP", "EINVAL"));
            assertThatThrownBy(() -> socket.leaveGroup(0)).isInstanceOfSatisfying(NetlinkSystemException.class,
                    e -> assertSystem(e, "setsockopt", "NETLINK_DROP_MEMBERSHIP", "EINVAL"));
            assertThatThrownBy(socket::detachFilter).isInstanceOfSatisfying(NetlinkSystemException.class,
                    e -> assertSystem(e, "setsockopt", "SO_DETACH_FILTER", "ENOENT"));
        }
        String missing = "/var/run/netns/" + name + "-missing";
        assertThatThrownBy(() -> open(Protocol.ROUTE, missing, -1))
                .isInstanceOfSatisfying(NetlinkSystemException.class, e -> assertSystem(e, "open", missing, "ENOENT"));
        assertThatThrownBy(() -> open(Protocol.ROUTE, null, 1_000_000))
                .isInstanceOfSatisfying(NetlinkSystemException.class, e -> assertSystem(e, "setns", "fd 1000000", "EBADF"));
        assertThatThrownBy(() -> open(40, null, -1))
                .isInstanceOfSatisfying(NetlinkSystemException.class, e -> assertSystem(e, "socket", "", "EPROTONOSUPPORT"));
    }

    @Test
    void optionsAndBufferSizesReachTheKernel() {
        try (NetlinkTransport socket = bound()) {
            for (ConnOption option : new ConnOption[] {ConnOption.EXTENDED_ACKNOWLEDGE, ConnOption.CAP_ACKNOWLEDGE,
                    ConnOption.GET_STRICT_CHECK, ConnOption.NO_ENOBUFS, ConnOption.BROADCAST_ERROR}) {
                socket.setOption(option, true);
                socket.setOption(option, false);
            }
            // root has CAP_NET_ADMIN: the _FORCE options pass rmem_max / wmem_max; the kernel doubles the size
            socket.setReceiveBufferSize(3 << 20);
            assertThat(socket.receiveBufferSize()).isEqualTo(6 << 20);
            socket.setSendBufferSize(1 << 20);
            assertThat(socket.sendBufferSize()).isEqualTo(2 << 20);
        }
    }

    @Test
    void aFilterDecidesWhatIsQueued() {
        RawInstruction dropAll = RawInstruction.statement(0x06, 0); // BPF_RET | BPF_K, 0 bytes
        RawInstruction acceptAll = RawInstruction.statement(0x06, -1); // BPF_RET | BPF_K, everything
        RawInstruction loadLength = RawInstruction.statement(0x80, 0); // BPF_LD | BPF_W | BPF_LEN
        RawInstruction over50 = RawInstruction.jump(0x25, 50, 0, 1); // BPF_JMP | BPF_JGT | BPF_K
        try (NetlinkTransport receiver = bound(); NetlinkTransport sender = bound()) {
            receiver.attachFilter(List.of(dropAll));
            sender.send(pattern(32), receiver.pid());
            assertThat(receiver.tryReceive(direct(64))).isEqualTo(-1);

            // only datagrams longer than 50 bytes pass: exercises code, jt, jf and k of struct sock_filter
            receiver.attachFilter(List.of(loadLength, over50, acceptAll, dropAll));
            sender.send(pattern(40), receiver.pid());
            sender.send(pattern(60), receiver.pid());
            assertThat(receiver.tryReceive(direct(64))).isEqualTo(60);
            assertThat(receiver.tryReceive(direct(64))).isEqualTo(-1);

            receiver.detachFilter();
            receiver.attachFilter(List.of(acceptAll));
            receiver.lockFilter();
            assertThatThrownBy(receiver::detachFilter).isInstanceOfSatisfying(NetlinkSystemException.class,
                    e -> assertSystem(e, "setsockopt", "SO_DETACH_FILTER", "EPERM"));
            assertThatThrownBy(() -> receiver.attachFilter(List.of(dropAll)))
                    .isInstanceOfSatisfying(NetlinkSystemException.class,
                            e -> assertSystem(e, "setsockopt", "SO_ATTACH_FILTER", "EPERM"));
            assertThatThrownBy(() -> receiver.attachFilter(List.of())).isInstanceOf(NetlinkArgumentException.class);
        }
    }

    @Test
    void everyOperationAfterCloseFailsAsClosed() {
        NetlinkTransport socket = bound();
        socket.close();
        socket.close();
        socket.wakeup();
        socket.setReadDeadline(Instant.now());
        assertThat(socket.isClosed()).isTrue();
        List<Runnable> operations = List.of(
                () -> socket.receive(direct(64)),
                () -> socket.tryReceive(direct(64)),
                () -> socket.send(pattern(16), 0),
                () -> socket.send(pattern(16), 12345),
                () -> socket.bind(0, 0),
                () -> socket.joinGroup(RTNLGRP_LINK),
                () -> socket.setOption(ConnOption.EXTENDED_ACKNOWLEDGE, true),
                () -> socket.setReceiveBufferSize(1 << 16),
                () -> socket.receiveBufferSize(),
                () -> socket.attachFilter(List.of(RawInstruction.statement(0x06, 0))),
                socket::lockFilter);
        for (Runnable operation : operations) {
            assertThatThrownBy(operation::run).isInstanceOf(NetlinkClosedException.class);
        }
    }

    @Test
    void descriptorsAreReleasedExactlyOnce() throws Exception {
        // warm up: the C library, the layouts, the dialling thread and the assertions open files of their own once
        openAndClose(0);
        openAndClose(1);
        Set<String> before = socketsAndEventfds();
        for (int i = 0; i < 40; i++) {
            openAndClose(i);
        }
        // other threads of the JVM may close files of their own meanwhile: only new sockets or eventfds are leaks
        assertThat(socketsAndEventfds()).isSubsetOf(before);
    }

    /** Opens a socket and closes it, idle or under a blocked receive, then fails to open two. */
    private void openAndClose(int round) throws Exception {
        NetlinkTransport socket = bound();
        if (round % 2 == 0) {
            CompletableFuture<Throwable> outcome = receiveInBackground(socket);
            Thread.sleep(5);
            socket.close();
            assertThat(outcome.get(SOON.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(NetlinkClosedException.class);
        } else {
            socket.close();
        }
        // the lowest free number is reused: a second close that reached the kernel would close this file
        try (RandomAccessFile sentinel = new RandomAccessFile("/proc/self/stat", "r")) {
            socket.close();
            assertThat(sentinel.read()).as("a file opened after close() survives a second close()").isPositive();
        }
        assertThatThrownBy(() -> open(Protocol.ROUTE, path + "-missing", -1))
                .isInstanceOf(NetlinkSystemException.class);
        assertThatThrownBy(() -> open(40, path, -1)).isInstanceOf(NetlinkSystemException.class);
    }

    private static void assertSystem(NetlinkSystemException e, String syscall, String subject, String errno) {
        assertThat(e.syscall()).isEqualTo(syscall);
        assertThat(e.subject()).isEqualTo(subject);
        assertThat(e.errnoName()).isEqualTo(errno);
        assertThat(e).isNotInstanceOf(NetlinkClosedException.class);
    }

    private static CompletableFuture<Throwable> receiveInBackground(NetlinkTransport socket) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                socket.receive(direct(64));
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        }, "netlink-test-receiver");
        thread.setDaemon(true);
        thread.start();
        return outcome;
    }

    private NetlinkTransport bound() {
        NetlinkTransport socket = open(Protocol.ROUTE, path, -1);
        try {
            socket.bind(0, 0);
            return socket;
        } catch (NetlinkException e) {
            socket.close();
            throw e;
        }
    }

    private static ByteBuffer direct(int capacity) {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
    }

    /** A datagram of {@code length} bytes 1, 2, 3, ...: whatever the peer sends, the kernel delivers as it is. */
    private static ByteBuffer pattern(int length) {
        ByteBuffer b = direct(length);
        for (int i = 0; i < length; i++) {
            b.put((byte) (i + 1));
        }
        return b.flip();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** The descriptors of this process that are sockets or eventfds, as "fd -> target". */
    private static Set<String> socketsAndEventfds() throws IOException {
        Set<String> out = new TreeSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:") || target.contains("eventfd")) {
                        out.add(fd.getFileName() + " -> " + target);
                    }
                } catch (IOException closedMeanwhile) {
                    // the directory stream's own descriptor, or one closed while listing
                }
            }
        }
        return out;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
