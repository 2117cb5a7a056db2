package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code netlink.listener} observation, the {@code netlink.messages.received} counter of notifications and the counters that
 * exist at zero from startup, against a real receive loop in a throwaway namespace: each test adds its own veth pair.
 */
@NetlinkNamespace
class NetlinkListenerObservationTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class, NetlinkMetricsAutoConfiguration.class))
            .withPropertyValues("netlink.connections.route.netns=" + ns.path(), "netlink.connections.route.groups=link");

    /** A meter registry, and an observation registry whose observations become its timers. */
    @Configuration(proxyBeanMethods = false)
    static class Observed {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ObservationRegistry observationRegistry(MeterRegistry meters) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return registry;
        }
    }

    static class Listeners {
        final List<String> links = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();

        @NetlinkListener(connection = "route", types = RouteMessageType.RTM_NEWLINK, condition = "#root.args[0].name() == 'obs0'")
        void onLink(LinkMessage link) {
            links.add(link.name());
        }

        @NetlinkListener(id = "failing", connection = "route", types = RouteMessageType.RTM_NEWLINK,
                condition = "#root.args[0].name() == 'obs1'")
        void failing(LinkMessage link) {
            failures.incrementAndGet();
            throw new IllegalStateException("listener failure for the test");
        }

        @NetlinkListener
        void anyConnection(NetlinkMessageEvent event) {
        }
    }

    private static Timer listenerTimer(MeterRegistry registry, String listener, String outcome) {
        return registry.find(NetlinkListenerObservation.NAME).tag("connection", "route").tag("listener", listener)
                .tag("outcome", outcome).timer();
    }

    @Test
    void aKernelChangeReachingAListenerIsTimedWithOutcomeSuccess() {
        runner.withUserConfiguration(Observed.class, Listeners.class).run(context -> {
            assertThat(context).hasNotFailed();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Listeners listeners = context.getBean(Listeners.class);
            awaitRunning(context.getBean(NetlinkReceiveLoop.class));
            ns.ip("link add obs0 type veth peer name obs0p");
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> !listeners.links.isEmpty());
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    Timer timer = listenerTimer(registry, "Listeners.onLink", "success");
                    assertThat(timer).isNotNull();
                    assertThat(timer.count()).isEqualTo(listeners.links.size()).isEqualTo(1);
                });
                assertThat(listenerTimer(registry, "Listeners.onLink", "error")).isNull();
                assertThat(registry.find("netlink.messages.received").tag("connection", "route").tag("kind", "notification")
                        .tag("group", "link").tag("type", "RTM_NEWLINK").counter().count()).isGreaterThanOrEqualTo(1);
            } finally {
                ns.ip("link del obs0");
            }
        });
    }

    @Test
    void aThrowingListenerIsTimedWithOutcomeErrorAndCounted() {
        runner.withUserConfiguration(Observed.class, Listeners.class).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Listeners listeners = context.getBean(Listeners.class);
            awaitRunning(context.getBean(NetlinkReceiveLoop.class));
            ns.ip("link add obs1 type veth peer name obs1p");
            try {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    Timer timer = listenerTimer(registry, "failing", "error");
                    assertThat(timer).isNotNull();
                    assertThat(timer.count()).isEqualTo(listeners.failures.get()).isPositive();
                    assertThat(registry.get("netlink.listener.errors").tag("connection", "route").tag("listener", "failing")
                            .counter().count()).isEqualTo(listeners.failures.get());
                });
                assertThat(listenerTimer(registry, "failing", "success")).isNull();
            } finally {
                ns.ip("link del obs1");
            }
        });
    }

    @Test
    void countersExistAtZeroRightAfterStartup() {
        runner.withUserConfiguration(Observed.class, Listeners.class).run(context -> {
            assertThat(context).hasNotFailed();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            for (String name : List.of("netlink.overruns", "netlink.messages.rejected", "netlink.messages.discarded",
                    "netlink.datagrams.truncated")) {
                assertThat(registry.get(name).tag("connection", "route").counter().count()).as(name).isZero();
            }
            for (String listener : List.of("Listeners.onLink", "failing", "Listeners.anyConnection")) {
                assertThat(registry.get("netlink.listener.errors").tag("connection", "route").tag("listener", listener)
                        .counter().count()).as(listener).isZero();
            }
        });
    }

    @Test
    void backsOffWithoutAnObservationRegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withUserConfiguration(Listeners.class).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Listeners listeners = context.getBean(Listeners.class);
            awaitRunning(context.getBean(NetlinkReceiveLoop.class));
            ns.ip("link add obs0 type veth peer name obs0p");
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> !listeners.links.isEmpty());
                assertThat(registry.find(NetlinkListenerObservation.NAME).meters()).isEmpty();
                assertThat(registry.get("netlink.listener.errors").tag("listener", "Listeners.onLink").counter().count()).isZero();
            } finally {
                ns.ip("link del obs0");
            }
        });
    }

    @Test
    void backsOffWithoutAnyRegistry() {
        runner.withUserConfiguration(Listeners.class).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(NetlinkMetrics.class);
            Listeners listeners = context.getBean(Listeners.class);
            awaitRunning(context.getBean(NetlinkReceiveLoop.class));
            ns.ip("link add obs0 type veth peer name obs0p");
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> !listeners.links.isEmpty());
            } finally {
                ns.ip("link del obs0");
            }
        });
    }

    private static void awaitRunning(NetlinkReceiveLoop loop) {
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
    }
}
