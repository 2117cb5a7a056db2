package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code netlink.listener.container.state} gauge: with a registry, 1 while a loop runs and 0 once stopped; and the
 * {@code netlink.listener.overflows} counter, there from the start.
 */
@NetlinkNamespace
class NetlinkReceiveLoopMetersTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class, NetlinkMetricsAutoConfiguration.class))
            .withPropertyValues("netlink.connections.route.netns=" + ns(), "netlink.connections.route.groups=link");

    private static String ns() {
        return ns.path();
    }

    @Test
    void withRegistryAGaugePerLoop() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasNotFailed();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            NetlinkReceiveLoop loop = context.getBean(NetlinkReceiveLoop.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
            assertThat(registry.get("netlink.listener.container.state").tag("connection", "route").gauge().value()).isEqualTo(1.0);
            // registered before any overflow, so that a dashboard shows 0 rather than nothing
            assertThat(registry.get("netlink.listener.overflows").tag("connection", "route").functionCounter().count()).isZero();
            loop.stop();
            assertThat(registry.get("netlink.listener.container.state").tag("connection", "route").gauge().value()).isEqualTo(0.0);
        });
    }

    @Test
    void backsOffWithoutRegistry() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NetlinkReceiveLoopMeters.class));
    }
}
