package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.FileDescriptors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The receive loop under pressure and at shutdown: overruns become events and the loop keeps going;
 * closing the context leaves no thread and no descriptor behind.
 */
@NetlinkNamespace
class NetlinkReceiveLoopTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
        ns.ip("link add lp0 type veth peer name lp1");
        ns.ip("link set lp0 up");
        ns.ip("link set lp1 up");
        ns.ip("addr add 10.88.0.1/16 dev lp0");
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class, NetlinkMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Configuration(proxyBeanMethods = false)
    static class SlowListeners {
        final AtomicInteger routes = new AtomicInteger();
        final List<NetlinkOverrunEvent> overruns = new CopyOnWriteArrayList<>();
        final List<String> links = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route")
        void onRoute(RouteMessage route) throws InterruptedException {
            if (routes.incrementAndGet() < 20) {
                Thread.sleep(20);
            }
        }

        @NetlinkListener(connection = "route")
        void onLink(LinkMessage link) {
            links.add(link.name());
        }

        @EventListener
        void onOverrun(NetlinkOverrunEvent event) {
            overruns.add(event);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MulticastAddresses {
        final List<Integer> mcaddr = new CopyOnWriteArrayList<>();
        final List<Integer> link = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route", groups = "ipv4-mcaddr")
        void onMulticast(NetlinkMessageEvent event) {
            mcaddr.add(event.type());
        }

        @NetlinkListener(connection = "route", groups = "RTNLGRP_LINK")
        void onLink(NetlinkMessageEvent event) {
            link.add(event.type());
        }
    }

    @Test
    void groupFiltersWorkForGroupsAbove32() {
        runner.withUserConfiguration(MulticastAddresses.class)
                .withPropertyValues("netlink.connections.route.netns=" + ns.path(), "netlink.connections.route.groups=link,ipv4-mcaddr")
                .run(context -> {
                    MulticastAddresses listeners = context.getBean(MulticastAddresses.class);
                    ns.ip("link add mc0 type veth peer name mc1");
                    ns.ip("link set mc1 up");
                    ns.ip("link set mc0 up"); // the kernel joins 224.0.0.1 on it: RTM_NEWMULTICAST to group 37
                    await().atMost(Duration.ofSeconds(10)).until(() -> listeners.mcaddr.contains(56) && listeners.link.contains(16));
                    assertThat(listeners.mcaddr).containsOnly(56);
                    assertThat(listeners.link).doesNotContain(56);
                    ns.ip("link del mc0");
                });
    }

    @Test
    void floodThatOverrunsASmallBufferYieldsOverrunEventsAndTheLoopSurvives() {
        List<String> adds = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            adds.add("route add 10.99." + (i / 250) + "." + (i % 250) + "/32 via 10.88.0.2");
        }
        runner.withUserConfiguration(SlowListeners.class)
                .withPropertyValues("netlink.connections.route.netns=" + ns.path(), "netlink.connections.route.groups=ipv4-route,link",
                        "netlink.connections.route.receive-buffer-size=4KB")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SlowListeners listeners = context.getBean(SlowListeners.class);
                    ns.batch(adds);
                    await().atMost(Duration.ofSeconds(10)).until(() -> !listeners.overruns.isEmpty());
                    NetlinkOverrunEvent first = listeners.overruns.get(0);
                    assertThat(first.connection()).isEqualTo("route");
                    assertThat(first.overruns()).isEqualTo(1);

                    // the loop drains what the kernel queued before more can arrive without another overrun
                    await().atMost(Duration.ofSeconds(10)).until(() -> quiet(listeners.routes));
                    ns.ip("link add lp9 type veth peer name lp9p");
                    await().atMost(Duration.ofSeconds(10)).until(() -> listeners.links.contains("lp9"));
                    assertThat(context.getBean(NetlinkReceiveLoop.class).isRunning()).isTrue();

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("netlink.overruns").tag("connection", "route").counter().count())
                            .isEqualTo(listeners.overruns.get(listeners.overruns.size() - 1).overruns());
                });
        ns.ip("link del lp9");
    }

    /** Whether the counter stays still for 200 ms. */
    static boolean quiet(AtomicInteger counter) throws InterruptedException {
        int before = counter.get();
        Thread.sleep(200);
        return counter.get() == before;
    }

    @Test
    void contextCloseLeavesNoThreadAndNoDescriptor() {
        ApplicationContextRunner twoConnections = runner.withPropertyValues("netlink.connections.route.netns=" + ns.path(),
                "netlink.connections.route.groups=link", "netlink.connections.ctrl.protocol=generic",
                "netlink.connections.ctrl.groups=nlctrl/notify");
        // a first run opens the jar files and JDK descriptors that class loading keeps open for good
        twoConnections.run(context -> assertThat(context).hasNotFailed());
        int before = FileDescriptors.count();
        twoConnections.run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(NetlinkAutoConfigurationTests.netlinkThreads()).contains("netlink-receive-route", "netlink-receive-ctrl");
                    assertThat(FileDescriptors.count()).isGreaterThan(before);
                });
        assertThat(NetlinkAutoConfigurationTests.netlinkThreads()).isEmpty();
        assertThat(FileDescriptors.count()).isEqualTo(before);
    }

    @Configuration(proxyBeanMethods = false)
    static class BlockingListener {
        final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();

        @NetlinkListener(connection = "route")
        void blockForever(LinkMessage link) {
            entered.countDown();
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }
    }

    @Test
    void listenerThatBlocksForeverIsInterruptedAtShutdownAndLeavesNothingBehind() {
        runner.withUserConfiguration(BlockingListener.class)
                .withPropertyValues("netlink.connections.route.netns=" + ns.path(), "netlink.connections.route.groups=link")
                .run(context -> {
                    BlockingListener listener = context.getBean(BlockingListener.class);
                    ns.ip("link add bl0 type veth peer name bl1");
                    assertThat(listener.entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                    long t0 = System.nanoTime();
                    context.close();
                    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
                    assertThat(listener.interrupted).isTrue();
                });
        assertThat(NetlinkAutoConfigurationTests.netlinkThreads()).isEmpty();
        ns.ip("link del bl0");
    }

    @Configuration(proxyBeanMethods = false)
    static class ThrowingInterruptListener {
        final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);

        @NetlinkListener(connection = "route")
        void waitForever(LinkMessage link) throws InterruptedException {
            entered.countDown();
            new java.util.concurrent.CountDownLatch(1).await();
        }
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aListenerInterruptedAtShutdownIsLoggedInOneLineWithoutATrace(org.springframework.boot.test.system.CapturedOutput output) {
        MeterRegistry[] registry = new MeterRegistry[1];
        runner.withUserConfiguration(ThrowingInterruptListener.class)
                .withPropertyValues("netlink.connections.route.netns=" + ns.path(), "netlink.connections.route.groups=link")
                .run(context -> {
                    ThrowingInterruptListener listener = context.getBean(ThrowingInterruptListener.class);
                    registry[0] = context.getBean(MeterRegistry.class);
                    ns.ip("link add ti0 type veth peer name ti1");
                    assertThat(listener.entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                    context.close();
                });
        ns.ip("link del ti0");
        assertThat(output).contains("was interrupted while the receive loop stopped");
        assertThat(output).doesNotContain("UndeclaredThrowableException");
        // shutdown is not a listener failure
        assertThat(registry[0].find("netlink.listener.errors").counters()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Configuration(proxyBeanMethods = false)
    static class StubbornListener {
        final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        final List<String> links = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route", types = 16)
        void onLink(LinkMessage link) {
            links.add(link.name());
            if (entered.getCount() > 0) {
                entered.countDown();
                // ignores interrupts until the test lets it go
                while (true) {
                    try {
                        if (release.await(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                            return;
                        }
                    } catch (InterruptedException ignored) {
                        // stubborn
                    }
                }
            }
        }
    }

    @Test
    void aThreadStopGaveUpOnDoesNotStopTheRestartedLoop() {
        runner.withUserConfiguration(StubbornListener.class)
                .withPropertyValues("netlink.connections.route.netns=" + ns.path(), "netlink.connections.route.groups=link")
                .run(context -> {
                    StubbornListener listener = context.getBean(StubbornListener.class);
                    NetlinkReceiveLoop loop = context.getBean("routeNetlinkReceiveLoop", NetlinkReceiveLoop.class);
                    ns.ip("link add sl0 type veth peer name sl1");
                    assertThat(listener.entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                    loop.stop(); // gives up on the stubborn thread after 2 s
                    loop.start();
                    listener.release.countDown(); // the old thread comes back to a restarted loop
                    // the old thread ends; the restarted loop's thread goes on
                    await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                            .filter(t -> t.getName().equals("netlink-receive-route")).count() == 1);
                    assertThat(loop.isRunning()).isTrue();
                    ns.ip("link add sl2 type veth peer name sl3");
                    await().atMost(Duration.ofSeconds(5)).until(() -> listener.links.contains("sl2"));
                    ns.ip("link del sl0");
                    ns.ip("link del sl2");
                });
        assertThat(NetlinkAutoConfigurationTests.netlinkThreads()).isEmpty();
    }
}
