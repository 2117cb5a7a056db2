package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;

/**
 * The {@link NetlinkListenerContainerRegistry}: receive loops by connection name, started later with
 * {@code listener.auto-startup=false}, stopped and started, paused (a change made meanwhile is lost) and resumed (a
 * {@link NetlinkResumeResyncEvent} first, then changes again), all against a real namespace.
 */
@NetlinkNamespace
class NetlinkListenerContainerRegistryTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    /** What reached the application, in order: {@code new NAME} per new link, {@code resync} per resume event. */
    static class Listeners {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route", types = RouteMessageType.RTM_NEWLINK)
        void onLink(LinkMessage link) {
            calls.add("new " + link.name());
        }

        @EventListener
        void onResync(NetlinkResyncEvent event) {
            calls.add(event instanceof NetlinkResumeResyncEvent r ? "resync " + r.connection() : event.toString());
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class))
            .withBean(Listeners.class);

    private ApplicationContextRunner runner() {
        return runner.withPropertyValues("netlink.connections.route.netns=" + ns.path(), "netlink.connections.route.groups=link");
    }

    /** A change that would be delivered within this wait counts as not delivered after it. */
    private static void settle() throws InterruptedException {
        Thread.sleep(300);
    }

    @Test
    void listsContainersByConnectionName() {
        runner().withPropertyValues("netlink.connections.plain.netns=" + ns.path(),
                "netlink.connections.quiet.netns=" + ns.path(), "netlink.connections.quiet.groups=link",
                "netlink.connections.quiet.listener.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(NetlinkListenerContainerRegistry.class);
                    NetlinkListenerContainerRegistry registry = context.getBean(NetlinkListenerContainerRegistry.class);
                    // only connections with groups and an enabled listener have a container
                    assertThat(registry.getListenerContainerNames()).containsExactly("route");
                    assertThat(registry.getListenerContainers()).hasSize(1);
                    assertThat(registry.getListenerContainer("plain")).isEmpty();
                    assertThat(registry.getListenerContainer("quiet")).isEmpty();
                    assertThat(registry.getListenerContainer("nothing")).isEmpty();
                    NetlinkListenerContainer route = registry.getListenerContainer("route").orElseThrow();
                    assertThat(route.getConnectionName()).isEqualTo("route");
                    assertThat(route).isSameAs(context.getBean("route" + NetlinkConnectionsRegistrar.LOOP_SUFFIX));
                    assertThat(route.isRunning()).isTrue();
                    assertThat(route.isPaused()).isFalse();
                    assertThat(route.isAutoStartup()).isTrue();
                });
    }

    @Test
    void autoStartupFalseLeavesTheLoopStoppedUntilTheApplicationStartsIt() {
        runner().withPropertyValues("netlink.connections.route.listener.auto-startup=false").run(context -> {
            // the startup check of netlink.* names knows the property
            assertThat(context).hasNotFailed();
            Listeners listeners = context.getBean(Listeners.class);
            NetlinkListenerContainer route = context.getBean(NetlinkListenerContainerRegistry.class).getListenerContainer("route").orElseThrow();
            assertThat(route.isAutoStartup()).isFalse();
            assertThat(route.isRunning()).isFalse();
            ns.ip("link add as0 type veth peer name as0p");
            settle();
            assertThat(listeners.calls).isEmpty();

            route.start();
            assertThat(route.isRunning()).isTrue();
            ns.ip("link add as1 type veth peer name as1p");
            await().atMost(Duration.ofSeconds(5)).until(() -> listeners.calls.contains("new as1"));
            assertThat(listeners.calls).doesNotContain("new as0", "new as0p");
        });
    }

    @Test
    void pauseStopsDeliveryAndResumePublishesAResyncEventThenDeliversAgain() {
        runner().run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            NetlinkListenerContainer route = context.getBean(NetlinkListenerContainerRegistry.class).getListenerContainer("route").orElseThrow();
            NetlinkReceiveLoop loop = (NetlinkReceiveLoop) route;
            ns.ip("link add pr0 type veth peer name pr0p");
            await().atMost(Duration.ofSeconds(5)).until(() -> listeners.calls.contains("new pr0"));

            route.pause();
            assertThat(route.isPaused()).isTrue();
            assertThat(route.isRunning()).isTrue();
            assertThat(loop.state()).isEqualTo(NetlinkReceiveLoop.State.PAUSED);
            route.pause();
            route.start();
            // neither a second pause nor start() ends the pause
            assertThat(route.isPaused()).isTrue();
            List<String> beforePause = List.copyOf(listeners.calls);
            ns.ip("link add pr1 type veth peer name pr1p");
            settle();
            assertThat(listeners.calls).isEqualTo(beforePause);

            route.resume();
            assertThat(route.isPaused()).isFalse();
            ns.ip("link add pr2 type veth peer name pr2p");
            await().atMost(Duration.ofSeconds(5)).until(() -> listeners.calls.contains("new pr2"));
            // the change of the pause is lost, and the resync event comes before what the new socket receives
            List<String> afterPause = listeners.calls.subList(beforePause.size(), listeners.calls.size());
            assertThat(afterPause).doesNotContain("new pr1", "new pr1p").startsWith("resync route").contains("new pr2");
            assertThat(loop.state()).isEqualTo(NetlinkReceiveLoop.State.RUNNING);
        });
    }

    @Test
    void stopEndsAPauseAndStartReceivesAgainWithoutAResyncEvent() {
        runner().run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            NetlinkListenerContainer route = context.getBean(NetlinkListenerContainerRegistry.class).getListenerContainer("route").orElseThrow();
            route.pause();
            route.stop();
            assertThat(route.isRunning()).isFalse();
            assertThat(route.isPaused()).isFalse();
            route.resume();
            // resume() does nothing unless paused
            assertThat(route.isRunning()).isFalse();
            ns.ip("link add ss0 type veth peer name ss0p");
            settle();
            assertThat(listeners.calls).isEmpty();

            route.start();
            ns.ip("link add ss1 type veth peer name ss1p");
            await().atMost(Duration.ofSeconds(5)).until(() -> listeners.calls.contains("new ss1"));
            assertThat(listeners.calls).doesNotContain("new ss0", "new ss0p").allMatch(c -> c.startsWith("new ss1"));
        });
    }

    @Test
    void aPausedContainerIsStoppedWithTheContext() {
        NetlinkListenerContainer[] held = new NetlinkListenerContainer[1];
        runner().run(context -> {
            held[0] = context.getBean(NetlinkListenerContainerRegistry.class).getListenerContainer("route").orElseThrow();
            held[0].pause();
        });
        assertThat(held[0].isRunning()).isFalse();
        assertThat(held[0].isPaused()).isFalse();
    }

    @Test
    void stopWaitsForListenersAsLongAsTheShutdownPhaseTimeout() {
        runner().withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=7s").run(context -> {
            NetlinkReceiveLoop loop = context.getBean(NetlinkReceiveLoop.class);
            assertThat(loop.stopGrace()).isEqualTo(Duration.ofSeconds(7));
        });
        runner().run(context -> assertThat(context.getBean(NetlinkReceiveLoop.class).stopGrace()).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void backsOffBeforeTheApplicationsOwnRegistry() {
        runner().withBean("myRegistry", NetlinkListenerContainerRegistry.class,
                        () -> new NetlinkListenerContainerRegistry(emptyProvider()))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(NetlinkListenerContainerRegistry.class);
                    assertThat(context.getBean(NetlinkListenerContainerRegistry.class).getListenerContainerNames()).isEmpty();
                });
    }

    private static ObjectProvider<NetlinkListenerContainer> emptyProvider() {
        return new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(NetlinkListenerContainer.class);
    }
}
