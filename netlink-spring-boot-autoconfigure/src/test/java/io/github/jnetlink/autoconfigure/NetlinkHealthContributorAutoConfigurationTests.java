package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The {@code netlink} health contributor: with the health classes, one component per receive loop, up while it
 * receives and down once its socket fails; backs off without them, when turned off, and before an application's own.
 */
@NetlinkNamespace
class NetlinkHealthContributorAutoConfigurationTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class, NetlinkHealthContributorAutoConfiguration.class));

    private String netns() {
        return "netlink.connections.route.netns=" + ns.path();
    }

    private static Health health(CompositeHealthContributor contributor, String name) {
        HealthContributor c = contributor.getContributor(name);
        assertThat(c).isInstanceOf(HealthIndicator.class);
        return ((HealthIndicator) c).health();
    }

    @Test
    void withHealthClassesARunningLoopIsUpWithDetails() {
        runner.withPropertyValues(netns(), "netlink.connections.route.groups=link", "netlink.connections.plain.netns=" + ns.path())
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(NetlinkHealthContributor.class);
                    CompositeHealthContributor contributor = context.getBean("netlinkHealthContributor", CompositeHealthContributor.class);
                    // a connection without a receive loop has no component
                    assertThat(contributor.stream().map(HealthContributors.Entry::name).toList()).containsExactly("route");
                    assertThat(contributor.getContributor("plain")).isNull();
                    NetlinkReceiveLoop loop = context.getBean("route" + NetlinkConnectionsRegistrar.LOOP_SUFFIX, NetlinkReceiveLoop.class);
                    await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
                    Health health = health(contributor, "route");
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("state", "RUNNING").containsEntry("protocol", "route")
                            .containsEntry("groups", List.of("link")).containsEntry("overruns", 0L)
                            .containsEntry("failures", 0L).doesNotContainKey("lastFailure");
                    assertThat((Integer) health.getDetails().get("receiveBufferBytes")).isPositive();
                });
    }

    @Test
    void withHealthClassesALoopWhoseSocketFailedIsDown() {
        runner.withPropertyValues(netns(), "netlink.connections.route.groups=link").run(context -> {
            CompositeHealthContributor contributor = context.getBean("netlinkHealthContributor", CompositeHealthContributor.class);
            NetlinkReceiveLoop loop = context.getBean("route" + NetlinkConnectionsRegistrar.LOOP_SUFFIX, NetlinkReceiveLoop.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
            loop.conn().close();
            // the loop re-dials after its 100 ms backoff: DOWN is seen in between, failures stay counted after
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> health(contributor, "route").getStatus().equals(Status.DOWN));
            await().atMost(Duration.ofSeconds(5)).until(() -> health(contributor, "route").getStatus().equals(Status.UP));
            Health health = health(contributor, "route");
            assertThat(health.getDetails()).containsEntry("failures", 1L).containsKey("lastFailure");
        });
    }

    @Test
    void aLoopStoppedWhileTheContextRunsIsDown() {
        runner.withPropertyValues(netns(), "netlink.connections.route.groups=link").run(context -> {
            CompositeHealthContributor contributor = context.getBean("netlinkHealthContributor", CompositeHealthContributor.class);
            NetlinkReceiveLoop loop = context.getBean("route" + NetlinkConnectionsRegistrar.LOOP_SUFFIX, NetlinkReceiveLoop.class);
            loop.stop();
            Health health = health(contributor, "route");
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("state", "STOPPED").doesNotContainKey("receiveBufferBytes");
        });
    }

    @Test
    void aPausedLoopOrOneTheApplicationStartsItselfIsUnknown() {
        runner.withPropertyValues(netns(), "netlink.connections.route.groups=link").run(context -> {
            CompositeHealthContributor contributor = context.getBean("netlinkHealthContributor", CompositeHealthContributor.class);
            context.getBean(NetlinkReceiveLoop.class).pause();
            assertThat(health(contributor, "route").getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health(contributor, "route").getDetails()).containsEntry("state", "PAUSED");
        });
        runner.withPropertyValues(netns(), "netlink.connections.route.groups=link", "netlink.connections.route.listener.auto-startup=false")
                .run(context -> {
                    CompositeHealthContributor contributor = context.getBean("netlinkHealthContributor", CompositeHealthContributor.class);
                    assertThat(health(contributor, "route").getStatus()).isEqualTo(Status.UNKNOWN);
                    assertThat(health(contributor, "route").getDetails()).containsEntry("state", "STOPPED");
                });
    }

    @Test
    void stoppedLoopsAreNotDownDuringShutdown() {
        runner.withPropertyValues(netns(), "netlink.connections.route.groups=link").run(context -> {
            NetlinkHealthContributor contributor = context.getBean(NetlinkHealthContributor.class);
            NetlinkReceiveLoop loop = context.getBean("route" + NetlinkConnectionsRegistrar.LOOP_SUFFIX, NetlinkReceiveLoop.class);
            // what close() publishes before it stops the loops
            contributor.onApplicationEvent(new ContextClosedEvent(context.getSourceApplicationContext()));
            loop.stop();
            Health health = health(contributor, "route");
            assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health.getDetails()).containsEntry("state", "STOPPED");
        });
    }

    @Test
    void backsOffWithoutHealthClasses() {
        runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
                .withPropertyValues(netns(), "netlink.connections.route.groups=link")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NetlinkHealthContributor.class)
                        .hasSingleBean(NetlinkReceiveLoop.class));
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues(netns(), "netlink.connections.route.groups=link", "management.health.netlink.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NetlinkHealthContributor.class));
    }

    @Test
    void backsOffWhenNetlinkIsDisabled() {
        runner.withPropertyValues("netlink.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(NetlinkHealthContributor.class));
    }

    @Test
    void backsOffBeforeTheApplicationsOwn() {
        runner.withPropertyValues(netns(), "netlink.connections.route.groups=link")
                .withBean("netlinkHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NetlinkHealthContributor.class)
                        .hasBean("netlinkHealthIndicator"));
    }
}
