package io.github.jnetlink.test;

import static io.github.jnetlink.test.Links.RTM_NEWLINK;
import static io.github.jnetlink.test.Links.code;
import static io.github.jnetlink.test.Links.deleteLink;
import static io.github.jnetlink.test.Links.dumpLinks;
import static io.github.jnetlink.test.Links.getLink;
import static io.github.jnetlink.test.Links.link;
import static io.github.jnetlink.test.Links.links;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.ConnOption;
import io.github.jnetlink.ExtendedAck;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkInterruptedException;
import io.github.jnetlink.NetlinkOverrunException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.NetlinkTruncatedException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.Links.Recorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a {@code Conn} over a {@link FakeKernel} does when the exchange goes wrong as it can with a kernel: truncated
 * datagrams, receive-queue overruns, a close, a deadline or an interrupt while waiting.
 */
class FakeKernelFaultsTest {

    FakeKernel kernel;
    Recorder recorder;
    Conn conn;

    @BeforeEach
    void dial() {
        kernel = FakeKernel.create(Protocol.ROUTE);
        recorder = new Recorder();
        conn = kernel.dial(Config.DEFAULT.withObserver(recorder).withGroups(1));
        conn.setReadDeadline(Instant.now().plusSeconds(10));
    }

    @AfterEach
    void close() {
        conn.close();
        kernel.close();
    }

    // --- truncation -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} links, {1} a datagram")
    @org.junit.jupiter.params.provider.CsvSource({"7, 2", "0, 2", "1, 2", "2, 2", "4, 1", "3, 5"})
    void aTruncatedDumpIsRepeatedOnceWithAGrownBufferAndReturnedWhole(int count, int perDatagram) {
        AtomicInteger calls = new AtomicInteger();
        kernel.onRequest(request -> {
            calls.incrementAndGet();
            return Replies.multipart(links(count), perDatagram);
        });
        int before = conn.messageBufferSize();
        kernel.truncate();

        List<Message> replies = conn.execute(dumpLinks());

        assertThat(replies).extracting(Links::index).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, count).boxed().toList());
        assertThat(calls).hasValue(2);
        assertThat(kernel.requests()).hasSize(2).extracting(m -> m.header().sequence()).doesNotHaveDuplicates();
        assertThat(recorder.truncated).containsExactly(before + 1);
        assertThat(conn.messageBufferSize()).isGreaterThan(before);
        // the rest of the cut dump was drained before asking again: nothing of it reached the second answer
        assertThat(recorder.discarded).isEmpty();
        kernel.onRequest(request -> Replies.of(link(42)));
        assertThat(conn.execute(getLink(42, 0))).extracting(Links::index).containsExactly(42);
        assertThat(recorder.discarded).isEmpty();
    }

    @Test
    void aTruncatedQueryIsRepeated() {
        kernel.onRequest(request -> Replies.of(link(3)));
        kernel.truncate();

        assertThat(conn.execute(getLink(3, 0))).extracting(Links::index).containsExactly(3);
        assertThat(kernel.requests()).hasSize(2);
    }

    @Test
    void aTruncatedReplyToAChangeIsNotRepeated() {
        // NLM_F_ECHO: the kernel answers with the new object, then the ACK
        kernel.onRequest(request -> Replies.of(link(5)));
        kernel.truncate();

        NetlinkTruncatedException e = catchThrowableOfType(NetlinkTruncatedException.class, () -> conn.execute(
                Message.of(RTM_NEWLINK, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE | HeaderFlags.ECHO, Links.ifinfomsg(5)),
                "add link"));

        assertThat(kernel.requests()).as("not sent again").hasSize(1);
        assertThat(e.operation()).isEqualTo("add link");
        assertThat(e.getMessage()).contains("not repeated");
        assertThat(e.length()).isGreaterThan(e.bufferSize());
    }

    @Test
    void aTruncatedAcknowledgementStillEndsTheExchange() {
        kernel.onRequest(request -> Replies.ack());
        kernel.truncate();

        assertThat(conn.execute(deleteLink(1))).singleElement().satisfies(m -> {
            assertThat(m.header().type()).isEqualTo(HeaderType.ERROR);
            assertThat(code(m)).isZero();
        });
        assertThat(kernel.requests()).hasSize(1);
    }

    @Test
    void aTruncatedErrorStillReportsItsErrno() {
        kernel.onRequest(request -> Replies.error(19, "Cannot find device"));
        kernel.truncate();

        NetlinkErrorException e = catchThrowableOfType(NetlinkErrorException.class, () -> conn.execute(deleteLink(1)));

        assertThat(e.errnoName()).isEqualTo("ENODEV");
        assertThat(e.extendedAck()).as("the attributes are what the cut lost").isEqualTo(ExtendedAck.NONE);
        assertThat(kernel.requests()).hasSize(1);
    }

    static Stream<Arguments> truncatedNotifications() {
        Consumer<Conn> receive = Conn::receive;
        Consumer<Conn> receiveDatagram = Conn::receiveDatagram;
        Consumer<Conn> receiveBytes = Conn::receiveBytes;
        return Stream.of(Arguments.of("receive", receive), Arguments.of("receiveDatagram", receiveDatagram),
                Arguments.of("receiveBytes", receiveBytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncatedNotifications")
    void aTruncatedNotificationIsLostAndSaysSo(String name, Consumer<Conn> receive) {
        kernel.truncate();
        kernel.multicast(1, link(1));
        kernel.multicast(1, link(2));

        assertThatThrownBy(() -> receive.accept(conn)).isInstanceOf(NetlinkTruncatedException.class)
                .hasMessageContaining("resynchronise");
        assertThat(conn.receive()).extracting(Links::index).containsExactly(2);
    }

    @Test
    void aTruncatedNotificationReadByAnExecuteIsNotTakenForItsReply() {
        // conn joined group 1: a notification cut on its way is read by the execute, before the ACK
        kernel.onRequest(request -> Replies.ack());
        kernel.truncate();
        kernel.multicast(1, link(9));

        List<Message> replies = conn.execute(deleteLink(1));

        assertThat(replies).singleElement().satisfies(m -> assertThat(code(m)).isZero());
        assertThat(recorder.truncated).hasSize(1);
    }

    @Test
    void aTruncatedNotificationReadByADumpDoesNotRepeatIt() {
        kernel.onRequest(request -> Replies.multipart(links(3)));
        kernel.truncate();
        kernel.multicast(1, link(9));

        assertThat(conn.execute(dumpLinks())).hasSize(3);
        assertThat(kernel.requests()).hasSize(1);
    }

    /** A datagram really larger than the 64 KiB buffer: the second of the dump, after one has reached the consumer. */
    static Replies dumpWithAHugeSecondDatagram() {
        Message huge = Message.of(RTM_NEWLINK, 0, new byte[70_000]);
        return Replies.multipart(List.of(link(1), huge, link(3)), 1);
    }

    @Test
    void aDumpCutByARealOversizeDatagramIsRepeatedWhenCollected() {
        kernel.onRequest(request -> dumpWithAHugeSecondDatagram());

        assertThat(conn.execute(dumpLinks())).hasSize(3);
        assertThat(kernel.requests()).hasSize(2);
        assertThat(recorder.truncated).singleElement().satisfies(n -> assertThat(n).isEqualTo(16 + 70_000));
    }

    @Test
    void aDumpCutAfterPartReachedTheConsumerFailsAndLeavesNothingBehind() {
        kernel.onRequest(request -> dumpWithAHugeSecondDatagram());
        List<Message> seen = new ArrayList<>();

        NetlinkTruncatedException e = catchThrowableOfType(NetlinkTruncatedException.class,
                () -> conn.execute(dumpLinks(), seen::add));

        assertThat(seen).hasSize(1);
        assertThat(e.getMessage()).contains("consumer");
        assertThat(kernel.requests()).hasSize(1);
        kernel.onRequest(request -> Replies.of(link(42)));
        assertThat(conn.execute(getLink(42, 0))).extracting(Links::index).containsExactly(42);
        assertThat(recorder.discarded).isEmpty();
    }

    // --- overrun --------------------------------------------------------------------------------------------------

    @Test
    void anOverrunFailsTheNextReceiveThenWhatWasQueuedFollows() {
        kernel.multicast(1, link(1));
        kernel.overrun();

        assertThatThrownBy(conn::receive).isInstanceOf(NetlinkOverrunException.class)
                .satisfies(e -> assertThat(((NetlinkOverrunException) e).errnoName()).isEqualTo("ENOBUFS"));
        assertThat(recorder.overruns).hasValue(1);
        assertThat(conn.receive()).extracting(Links::index).containsExactly(1);
    }

    @Test
    void anOverrunWakesABlockedReceive() throws Exception {
        CompletableFuture<Throwable> failure = failureOf(conn::receive);
        Thread.sleep(50);
        kernel.overrun();
        assertThat(failure.get(1, TimeUnit.SECONDS)).isInstanceOf(NetlinkOverrunException.class);
    }

    @Test
    void anOverrunFailsAnExecuteToo() {
        kernel.onRequest(request -> Replies.of(link(1)));
        kernel.overrun();
        assertThatThrownBy(() -> conn.execute(getLink(1, 0))).isInstanceOf(NetlinkOverrunException.class);
        // the reply queued behind the error answers the failed execute: the next one drops it
        assertThat(conn.execute(getLink(1, 0))).hasSize(1);
        assertThat(recorder.discarded).hasSize(1);
    }

    @Test
    void noEnobufsHidesTheOverrun() {
        conn.setOption(ConnOption.NO_ENOBUFS, true);
        kernel.multicast(1, link(1));
        kernel.overrun();
        assertThat(conn.receive()).extracting(Links::index).containsExactly(1);
        assertThat(recorder.overruns).hasValue(0);
    }

    @Test
    void notificationsBeyondTheReceiveBufferAreDroppedWithAnOverrun() {
        try (Conn small = kernel.dial(Config.DEFAULT.withGroups(1).withReceiveBufferSize(512))) {
            small.setReadDeadline(Instant.now().plusSeconds(10));
            assertThat(small.readBuffer()).isEqualTo(1024);
            int queued = 0;
            for (int i = 0; i < 100; i++) {
                queued += kernel.multicast(1, link(i)) - 1; // minus the delivery to conn
            }
            assertThat(queued).isLessThan(100).isGreaterThan(0);
            assertThatThrownBy(small::receive).isInstanceOf(NetlinkOverrunException.class);
            for (int i = 0; i < queued; i++) {
                assertThat(small.receive()).extracting(Links::index).containsExactly(i);
            }
        }
    }

    // --- close, deadline, interrupt -------------------------------------------------------------------------------

    @Test
    void closingTheConnWakesABlockedReceive() throws Exception {
        CompletableFuture<Throwable> failure = failureOf(conn::receive);
        Thread.sleep(50);
        long start = System.nanoTime();
        conn.close();
        assertThat(failure.get(1, TimeUnit.SECONDS)).isInstanceOf(NetlinkClosedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void closingTheKernelWakesEveryBlockedReceiveAndClosesItsConns() throws Exception {
        try (Conn other = kernel.dial()) {
            CompletableFuture<Throwable> first = failureOf(conn::receive);
            CompletableFuture<Throwable> second = failureOf(other::receive);
            Thread.sleep(50);
            kernel.close();
            assertThat(first.get(1, TimeUnit.SECONDS)).isInstanceOf(NetlinkClosedException.class);
            assertThat(second.get(1, TimeUnit.SECONDS)).isInstanceOf(NetlinkClosedException.class);
            assertThat(other.isClosed()).isTrue();
            assertThatThrownBy(() -> other.execute(getLink(1, 0))).isInstanceOf(NetlinkClosedException.class);
            assertThatThrownBy(kernel::dial).isInstanceOf(NetlinkClosedException.class);
        }
    }

    static Stream<Arguments> closedOperations() {
        Consumer<Conn> send = c -> c.send(getLink(1, 0));
        Consumer<Conn> receive = Conn::receive;
        Consumer<Conn> execute = c -> c.execute(getLink(1, 0));
        Consumer<Conn> join = c -> c.joinGroup(2);
        return Stream.of(Arguments.of("send", send), Arguments.of("receive", receive), Arguments.of("execute", execute),
                Arguments.of("joinGroup", join));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedOperations")
    void aClosedConnRefusesEveryOperation(String name, Consumer<Conn> operation) {
        conn.close();
        assertThatThrownBy(() -> operation.accept(conn)).isInstanceOf(NetlinkClosedException.class);
    }

    @Test
    void aDeadlineEndsAWaitingReceiveAndTheConnStaysUsable() {
        conn.setReadDeadline(Instant.now().plusMillis(100));
        long start = System.nanoTime();
        assertThatThrownBy(conn::receive).isInstanceOf(NetlinkTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(90), Duration.ofSeconds(2));

        conn.setReadDeadline(Instant.now().plusSeconds(10));
        kernel.multicast(1, link(1));
        assertThat(conn.receive()).hasSize(1);
    }

    @Test
    void aDeadlineSetWhileWaitingTakesEffectAtOnce() throws Exception {
        conn.setReadDeadline(null);
        CompletableFuture<Throwable> failure = failureOf(conn::receive);
        Thread.sleep(50);
        conn.setReadDeadline(Instant.now());
        assertThat(failure.get(1, TimeUnit.SECONDS)).isInstanceOf(NetlinkTimeoutException.class);
    }

    @Test
    void aQueuedDatagramIsReturnedEvenAfterTheDeadline() {
        kernel.multicast(1, link(1));
        conn.setReadDeadline(Instant.now().minusSeconds(1));
        assertThat(conn.receive()).hasSize(1);
        assertThatThrownBy(conn::receive).isInstanceOf(NetlinkTimeoutException.class);
    }

    @Test
    void anInterruptEndsAWaitingReceiveWithin100msAndKeepsTheStatus() throws Exception {
        conn.setReadDeadline(null);
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong woke = new java.util.concurrent.atomic.AtomicLong();
        Thread receiver = new Thread(() -> {
            try {
                conn.receive();
            } catch (Throwable t) {
                woke.set(System.nanoTime());
                failure.set(t);
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }
        }, "netlink-test-receiver");
        receiver.start();
        Thread.sleep(50);
        long start = System.nanoTime();
        receiver.interrupt();
        receiver.join(1000);
        assertThat(failure.get()).isInstanceOf(NetlinkInterruptedException.class);
        assertThat(Duration.ofNanos(woke.get() - start)).isLessThan(Duration.ofMillis(100));
        assertThat(interruptedAfter.get()).isTrue();
        // the connection is still usable
        kernel.multicast(1, link(1));
        conn.setReadDeadline(Instant.now().plusSeconds(10));
        assertThat(conn.receive()).hasSize(1);
    }

    // --- the operation name, for failures of the transport --------------------------------------------------------

    static Stream<Arguments> truncatedChange() {
        Consumer<FakeKernel> truncated = k -> {
            k.onRequest(request -> Replies.of(link(1)));
            k.truncate();
        };
        return Stream.of(Arguments.of("a truncated change", truncated, HeaderFlags.ACKNOWLEDGE | HeaderFlags.ECHO,
                NetlinkTruncatedException.class));
    }

    static Stream<Arguments> transportFailures() {
        Consumer<FakeKernel> timeout = k -> k.onRequest(request -> Replies.none());
        Consumer<FakeKernel> overrun = k -> {
            k.onRequest(request -> Replies.of(link(1)));
            k.overrun();
        };
        Consumer<FakeKernel> closed = FakeKernel::close;
        return Stream.of(
                Arguments.of("a timeout", timeout, 0, NetlinkTimeoutException.class),
                Arguments.of("an overrun", overrun, 0, NetlinkOverrunException.class),
                Arguments.of("a closed connection", closed, 0, NetlinkClosedException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncatedChange")
    void aFailureOfANamedExecuteCarriesTheName(String name, Consumer<FakeKernel> setUp, int flags,
            Class<? extends NetlinkException> type) {
        setUp.accept(kernel);
        conn.setReadDeadline(Instant.now().plusMillis(100));

        NetlinkException e = catchThrowableOfType(type,
                () -> conn.execute(Message.of(RTM_NEWLINK, HeaderFlags.REQUEST | flags, Links.ifinfomsg(1)), "add link"));

        assertThat(e.operation()).isEqualTo("add link");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transportFailures")
    void aTransportFailureOfANamedExecuteCarriesTheName(String name, Consumer<FakeKernel> setUp, int flags,
            Class<? extends NetlinkException> type) {
        aFailureOfANamedExecuteCarriesTheName(name, setUp, flags, type);
    }

    /** Runs {@code call} on a new thread and completes with what it threw (null if nothing). */
    static CompletableFuture<Throwable> failureOf(Runnable call) {
        CompletableFuture<Throwable> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                call.run();
                f.complete(null);
            } catch (Throwable e) {
                f.complete(e);
            }
        }, "netlink-test-waiter");
        t.setDaemon(true);
        t.start();
        return f;
    }
}
