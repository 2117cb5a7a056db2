package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.FileDescriptors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sixteen threads mix execute, send, join/leave and close on shared connections for a bounded time
 * ({@code -Djnetlink.stress.seconds}, 30 by default): no reply ever reaches the wrong request, nothing
 * deadlocks, nothing leaks.
 */
@NetlinkNamespace
class ConnStressTest {

    static final int RTM_GETLINK = 18;
    static final int RTM_SETLINK = 19;
    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
        for (int i = 0; i < 3; i++) {
            ns.ip("link add st" + i + " type veth peer name su" + i);
        }
    }

    static byte[] ifinfomsg(int index) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, index).array();
    }

    @Test
    void sixteenThreadsOnSharedConnsNeverMismatchDeadlockOrLeak() throws Exception {
        Duration duration = Duration.ofSeconds(Long.getLong("jnetlink.stress.seconds", 30));
        Config config = Config.DEFAULT.withNetns(ns.path());
        Conn.dial(Protocol.ROUTE, config).close();
        // sockets and eventfds only: the JVM may open a jar of its own while this runs
        int fdsBefore = FileDescriptors.socketsAndEventfds();

        AtomicReferenceArray<Conn> shared = new AtomicReferenceArray<>(4);
        for (int i = 0; i < shared.length(); i++) {
            shared.set(i, Conn.dial(Protocol.ROUTE, config));
        }
        AtomicLong executes = new AtomicLong();
        AtomicLong sends = new AtomicLong();
        AtomicLong joins = new AtomicLong();
        AtomicLong closes = new AtomicLong();
        AtomicLong closedErrors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int role = t;
            work.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    Conn conn = shared.get(random.nextInt(shared.length()));
                    try {
                        if (role < 10) {
                            int index = 1 + random.nextInt(7);
                            List<Message> replies = conn.execute(Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg(index)));
                            assertThat(replies).hasSize(1);
                            assertThat(ByteBuffer.wrap(replies.get(0).data()).order(ByteOrder.nativeOrder()).getInt(4)).isEqualTo(index);
                            executes.incrementAndGet();
                        } else if (role < 13) {
                            // a successful request without ACK gets no reply, so it cannot confuse executes
                            conn.send(Message.of(RTM_SETLINK, HeaderFlags.REQUEST, ifinfomsg(1)));
                            sends.incrementAndGet();
                        } else if (role < 15) {
                            conn.joinGroup(18);
                            conn.leaveGroup(18);
                            joins.incrementAndGet();
                        } else {
                            Thread.sleep(20);
                            int slot = random.nextInt(shared.length());
                            Conn old = shared.getAndSet(slot, Conn.dial(Protocol.ROUTE, config));
                            old.close();
                            closes.incrementAndGet();
                        }
                    } catch (NetlinkClosedException e) {
                        closedErrors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(duration.toSeconds() + 30, TimeUnit.SECONDS)).as("no deadlock").isTrue();
        for (Future<?> f : work) {
            f.get();
        }
        for (int i = 0; i < shared.length(); i++) {
            shared.get(i).close();
        }
        System.out.printf("stress: %d executes, %d sends, %d join/leave, %d close, %d closed-connection errors in %s%n",
                executes.get(), sends.get(), joins.get(), closes.get(), closedErrors.get(), duration);
        assertThat(executes.get()).isPositive();
        assertThat(closes.get()).isPositive();
        assertThat(FileDescriptors.socketsAndEventfds()).isEqualTo(fdsBefore);
    }
}
