package io.github.jnetlink.autoconfigure;

import static io.github.jnetlink.route.RouteMessageType.RTM_NEWLINK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.test.FakeKernel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * {@code listener.concurrency} over the in-memory kernel: notifications about one link keep their order across the
 * lanes, every notification is delivered or counted as an overflow, a full lane drops without blocking the receive
 * thread and says so, and stopping ends the lanes.
 */
class NetlinkListenerConcurrencyTests {

    private static final int LINKS = 50;
    private static final int ROUNDS = 200;

    private final FakeKernel kernel = FakeKernel.create(Protocol.ROUTE);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkMetricsAutoConfiguration.class, NetlinkAutoConfiguration.class))
            .withBean(FakeKernel.class, () -> kernel)
            .withUserConfiguration(Fake.class)
            .withPropertyValues("netlink.connections.route.groups=link");

    @AfterEach
    void closeKernel() {
        kernel.close();
    }

    @Configuration(proxyBeanMethods = false)
    static class Fake {
        @Bean
        NetlinkDialer dialer(FakeKernel kernel) {
            return (name, protocol, config) -> kernel.dial(config);
        }

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Recorder recorder() {
            return new Recorder();
        }
    }

    /** Records, per link, the MTUs in the order the listener saw them; sleeps at random when {@code slow}. */
    static class Recorder {
        final Map<Integer, List<Integer>> mtus = new ConcurrentHashMap<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger delivered = new AtomicInteger();
        final List<NetlinkOverrunEvent> overruns = new CopyOnWriteArrayList<>();
        final List<String> overrunThreads = new CopyOnWriteArrayList<>();
        volatile boolean slow;
        /** Holds every listener call on link 1 until counted down. */
        volatile CountDownLatch gate = new CountDownLatch(0);
        final List<Thread> laneThreads = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route", groups = "link", types = RTM_NEWLINK)
        void onLink(LinkMessage link) throws InterruptedException {
            Thread self = Thread.currentThread();
            if (threads.add(self.getName())) {
                laneThreads.add(self);
            }
            if (link.index() == 1) {
                gate.await();
            }
            mtus.computeIfAbsent(link.index(), k -> Collections.synchronizedList(new ArrayList<>())).add(link.mtu());
            delivered.incrementAndGet();
            if (slow && ThreadLocalRandom.current().nextInt(5) == 0) {
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000));
            }
        }

        @EventListener
        void onOverrun(NetlinkOverrunEvent event) {
            overruns.add(event);
            overrunThreads.add(Thread.currentThread().getName());
        }
    }

    static Message link(int index, int mtu) {
        return LinkMessage.builder().index(index).name("l" + index).mtu(mtu).build().toMessage(RTM_NEWLINK);
    }

    /** Waits for the loop's socket to be open and joined, so that no multicast is sent before it listens. */
    static NetlinkReceiveLoop running(org.springframework.context.ApplicationContext context) {
        NetlinkReceiveLoop loop = context.getBean(NetlinkReceiveLoop.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
        return loop;
    }

    @Test
    void keepsEachLinksOrderAcrossFourLanesAndAccountsForEveryNotification() {
        runner.withPropertyValues("netlink.connections.route.listener.concurrency=4").run(context -> {
            assertThat(context).hasNotFailed();
            NetlinkReceiveLoop loop = running(context);
            Recorder recorder = context.getBean(Recorder.class);
            recorder.slow = true;
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("netlink.listener.overflows").tag("connection", "route").functionCounter().count()).isZero();

            Random random = new Random(42);
            List<Integer> order = new ArrayList<>(IntStream.rangeClosed(1, LINKS).boxed().toList());
            for (int round = 0; round < ROUNDS; round++) {
                Collections.shuffle(order, random);
                // five datagrams of ten notifications a round: links interleave within and across datagrams
                for (int d = 0; d < LINKS; d += 10) {
                    Message[] datagram = new Message[10];
                    for (int i = 0; i < 10; i++) {
                        datagram[i] = link(order.get(d + i), 1000 + round);
                    }
                    kernel.multicast(1, datagram);
                }
            }
            int sent = LINKS * ROUNDS;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> recorder.delivered.get() + loop.overflows() == sent && loop.queued() == 0);

            assertThat(loop.overruns()).as("no kernel overrun: the receive thread keeps up").isEqualTo(loop.overflows());
            assertThat(recorder.mtus.values().stream().mapToInt(List::size).sum()).isEqualTo(recorder.delivered.get());
            recorder.mtus.forEach((index, mtus) -> assertThat(mtus).as("MTUs of link " + index).isSorted()
                    .doesNotHaveDuplicates());
            if (loop.overflows() == 0) {
                List<Integer> all = IntStream.range(0, ROUNDS).map(r -> 1000 + r).boxed().toList();
                assertThat(recorder.mtus).hasSize(LINKS).allSatisfy((index, mtus) -> assertThat(mtus).isEqualTo(all));
            } else {
                assertThat(recorder.overruns).isNotEmpty();
            }
            assertThat(registry.get("netlink.listener.overflows").tag("connection", "route").functionCounter().count())
                    .isEqualTo(loop.overflows());
            assertThat(recorder.threads).hasSizeGreaterThan(1).hasSizeLessThanOrEqualTo(4)
                    .allSatisfy(name -> assertThat(name).matches("netlink-listener-route-[0-3]"));
        });
    }

    @Test
    void aFullLaneDropsCountsAndPublishesOneOverrunWithoutHoldingUpTheOthers() {
        runner.withPropertyValues("netlink.connections.route.listener.concurrency=2",
                "netlink.connections.route.listener.queue-capacity=10").run(context -> {
            NetlinkReceiveLoop loop = running(context);
            Recorder recorder = context.getBean(Recorder.class);
            recorder.gate = new CountDownLatch(1);
            int sent = 100;
            for (int i = 0; i < sent; i++) {
                kernel.multicast(1, link(1, 1000 + i));
            }
            // the receive thread never waits for the blocked lane: it drops what does not fit and goes on
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.overflows() >= sent - 12);
            assertThat(loop.overflows()).isLessThanOrEqualTo(sent - 10);
            assertThat(recorder.overruns).as("one overflow episode, one event").singleElement()
                    .satisfies(e -> assertThat(e.connection()).isEqualTo("route"));
            assertThat(recorder.overrunThreads).containsExactly("netlink-receive-route");
            assertThat(context.getBean(MeterRegistry.class).get("netlink.listener.overflows").tag("connection", "route")
                    .functionCounter().count()).isEqualTo(loop.overflows());

            recorder.gate.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.delivered.get() + loop.overflows() == sent);
            assertThat(loop.overruns()).isEqualTo(loop.overflows());
            assertThat(recorder.mtus.get(1)).isSorted().doesNotHaveDuplicates().startsWith(1000)
                    .hasSize(sent - (int) loop.overflows());
        });
    }

    @Test
    void stopDeliversWhatTheLanesHoldAndEndsTheirThreadsAndAStartMakesNewOnes() throws Exception {
        List<Object> events = new CopyOnWriteArrayList<>();
        CountDownLatch gate = new CountDownLatch(1);
        ApplicationEventPublisher publisher = event -> {
            events.add(event);
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        NetlinkReceiveLoop loop = new NetlinkReceiveLoop("route", () -> {
            Conn c = kernel.dial();
            c.joinGroup(1);
            return c;
        }, Map.of(1, "link"), publisher);
        loop.setConcurrency(3);
        loop.setQueueCapacity(100);
        loop.setStopGrace(Duration.ofSeconds(5));
        loop.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
        assertThat(listenerThreads()).hasSize(3);
        for (int i = 0; i < 30; i++) {
            kernel.multicast(1, link(i % 3 + 1, 1000 + i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.notifications() == 30);

        Thread opener = new Thread(() -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            gate.countDown();
        });
        opener.start();
        loop.stop();
        assertThat(events).as("delivered before stop returned").hasSize(30);
        assertThat(loop.overflows()).isZero();
        assertThat(listenerThreads()).isEmpty();

        loop.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
        assertThat(listenerThreads()).extracting(Thread::getName)
                .containsExactlyInAnyOrder("netlink-listener-route-0", "netlink-listener-route-1", "netlink-listener-route-2");
        kernel.multicast(1, link(1, 2000));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 31);
        loop.pause();
        assertThat(listenerThreads()).isEmpty();
        loop.resume();
        assertThat(listenerThreads()).hasSize(3);
        loop.stop();
        assertThat(listenerThreads()).isEmpty();
    }

    @Test
    void stopDropsAndCountsWhatIsLeftWhenTheGraceRunsOut() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        NetlinkReceiveLoop loop = new NetlinkReceiveLoop("route", () -> {
            Conn c = kernel.dial();
            c.joinGroup(1);
            return c;
        }, Map.of(1, "link"), event -> {
            delivered.incrementAndGet();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        loop.setConcurrency(2);
        loop.setStopGrace(Duration.ofMillis(200));
        loop.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
        for (int i = 0; i < 20; i++) {
            kernel.multicast(1, link(1, 1000 + i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.notifications() == 20 && delivered.get() == 1);
        loop.stop();
        assertThat(listenerThreads()).isEmpty();
        assertThat(delivered.get()).isOne();
        assertThat(loop.overflows()).isEqualTo(19);
        assertThat(loop.overruns()).isEqualTo(19);
    }

    @Test
    void withVirtualThreadsEnabledLanesAreVirtualOnJava21AndPlatformThreadsBefore() {
        runner.withPropertyValues("netlink.connections.route.listener.concurrency=4", "spring.threads.virtual.enabled=true")
                .run(context -> {
                    running(context);
                    Recorder recorder = context.getBean(Recorder.class);
                    for (int i = 1; i <= 20; i++) {
                        kernel.multicast(1, link(i, 1500));
                    }
                    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.delivered.get() == 20);
                    assertThat(recorder.laneThreads).isNotEmpty().allSatisfy(t -> {
                        assertThat(t.getName()).startsWith("netlink-listener-route-");
                        assertThat(isVirtual(t)).isEqualTo(Runtime.version().feature() >= 21);
                    });
                    context.getBean(NetlinkReceiveLoop.class).stop();
                    assertThat(recorder.laneThreads).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
                    assertThat(listenerThreads()).isEmpty();
                });
    }

    @Test
    void closingTheContextLeavesNoListenerThread() {
        runner.withPropertyValues("netlink.connections.route.listener.concurrency=3").run(context -> {
            running(context);
            assertThat(listenerThreads()).hasSize(3);
        });
        assertThat(listenerThreads()).isEmpty();
    }

    @Test
    void concurrencyOneKeepsListenersOnTheReceiveThread() {
        runner.run(context -> {
            running(context);
            Recorder recorder = context.getBean(Recorder.class);
            kernel.multicast(1, link(2, 1500), link(3, 1500));
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.delivered.get() == 2);
            assertThat(recorder.threads).containsExactly("netlink-receive-route");
            assertThat(listenerThreads()).isEmpty();
        });
    }

    @Test
    void concurrencyBelowOneFailsStartupNamingTheProperty() {
        runner.withPropertyValues("netlink.connections.route.listener.concurrency=0").run(context -> {
            FailureAnalysis analysis = NetlinkFailFastTests.analysis(context);
            assertThat(analysis.getDescription()).contains("netlink.connections.route.listener.concurrency is 0");
            assertThat(analysis.getAction()).contains("netlink.connections.route.listener.concurrency");
        });
    }

    @Test
    void queueCapacityBelowOneFailsStartupNamingTheProperty() {
        runner.withPropertyValues("netlink.connections.route.listener.concurrency=2",
                "netlink.connections.route.listener.queue-capacity=0").run(context -> {
            FailureAnalysis analysis = NetlinkFailFastTests.analysis(context);
            assertThat(analysis.getDescription()).contains("netlink.connections.route.listener.queue-capacity is 0");
            assertThat(analysis.getAction()).contains("netlink.connections.route.listener.queue-capacity");
        });
    }

    static List<Thread> listenerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("netlink-listener-route-") && t.isAlive()).toList();
    }

    /** {@code Thread.isVirtual()}, which this project, compiled for Java 17, cannot call directly. */
    static boolean isVirtual(Thread t) {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
