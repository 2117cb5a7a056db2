package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMirror;
import io.github.jnetlink.route.RouteMirrorChange;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code mirror.enabled}: a {@code RouteMirror} bean fed by the connection's receive loop in a throwaway namespace,
 * its changes delivered to {@code @NetlinkListener} methods, its state in health, meters and readiness.
 */
@NetlinkNamespace
class NetlinkMirrorTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkMetricsAutoConfiguration.class, NetlinkAutoConfiguration.class,
                    NetlinkHealthContributorAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    private String[] mirrored() {
        return new String[] {"netlink.connections.route.netns=" + ns.path(), "netlink.connections.route.mirror.enabled=true"};
    }

    static class Changes {
        final List<RouteMirrorChange> all = new CopyOnWriteArrayList<>();
        final List<LinkMessage> addedLinks = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route")
        void onChange(RouteMirrorChange change) {
            all.add(change);
        }

        @NetlinkListener(condition = "#root.args[0].kind().name() == 'LINK'")
        void onAdded(RouteMirrorChange.Added added) {
            addedLinks.add(added.link());
        }
    }

    @Test
    void aMirrorBeanIsSyncedAtStartupAndItsChangesReachTheListeners() {
        ns.ip("link add mi0 type veth peer name mi1");
        runner.withPropertyValues(mirrored()).withBean(Changes.class).run(context -> {
            assertThat(context).hasNotFailed().hasBean("routeMirror");
            RouteMirror mirror = context.getBean("routeMirror", RouteMirror.class);
            assertThat(mirror.isSynced()).as("synced when the context has started").isTrue();
            assertThat(mirror.snapshot().link("mi0")).isPresent();
            // the loop joined the mirror's groups though the connection lists none
            assertThat(context.getBean(NetlinkReceiveLoop.class).groups().values())
                    .containsExactly("link", "ipv4-ifaddr", "ipv6-ifaddr", "ipv4-route", "ipv6-route", "neigh",
                            "ipv4-rule", "ipv6-rule", "nexthop");

            Changes changes = context.getBean(Changes.class);
            ns.ip("link add mi2 type veth peer name mi3");
            ns.ip("addr add 10.66.0.1/24 dev mi2");
            ns.ip("link set mi2 up");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(changes.addedLinks).extracting(LinkMessage::name).contains("mi2", "mi3");
                assertThat(changes.all).anySatisfy(c -> {
                    assertThat(c).isInstanceOf(RouteMirrorChange.Added.class);
                    assertThat(c.kind()).isEqualTo(RouteMirrorChange.Kind.ADDRESS);
                    assertThat(c.resync()).isFalse();
                });
                assertThat(mirror.snapshot().addresses(mirror.snapshot().link("mi2").orElseThrow().index())).hasSize(1);
            });

            CompositeHealthContributor health = context.getBean("netlinkHealthContributor", CompositeHealthContributor.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) ((HealthIndicator) health.getContributor("route")).health()
                    .getDetails().get("mirror");
            assertThat(details).containsEntry("synced", true).containsKeys("links", "addresses", "routes", "neighbors", "resyncs");
            assertThat((Integer) details.get("links")).isEqualTo(mirror.snapshot().links().size()).isGreaterThanOrEqualTo(5);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("netlink.mirror.objects").tag("connection", "route").tag("kind", "link").gauge().value())
                    .isEqualTo(mirror.snapshot().links().size());
            assertThat(registry.get("netlink.mirror.synced").tag("connection", "route").gauge().value()).isEqualTo(1);
            assertThat(registry.get("netlink.mirror.resyncs").tag("connection", "route").functionCounter().count()).isZero();
            ns.ip("link del mi2");
        });
        ns.ip("link del mi0");
    }

    /** A listener of raw links that keeps the receive thread busy, so that the loop lags behind the kernel. */
    static class SlowLinkListener {
        @NetlinkListener(connection = "route")
        void onLink(LinkMessage link) throws InterruptedException {
            Thread.sleep(30);
        }
    }

    @Test
    void aLaggingLoopNeverSeesAResyncTakeALinkBack() {
        runner.withPropertyValues(mirrored()).withBean(Changes.class).withBean(SlowLinkListener.class).run(context -> {
            RouteMirror mirror = context.getBean("routeMirror", RouteMirror.class);
            Changes changes = context.getBean(Changes.class);
            long targetedBefore = mirror.targetedResyncs();
            // the first veth announced says IFLA_LINK 0, which makes a targeted resync, while the loop is 30 ms per
            // link behind: the dump must not run before the loop has caught up, nor replace what it has not seen
            ns.batch(List.of("link add ml0 type veth peer name ml1", "link set ml1 up", "link set ml0 up",
                    "link set ml0 mtu 1400"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(mirror.targetedResyncs()).isGreaterThan(targetedBefore);
                LinkMessage ml0 = mirror.snapshot().link("ml0").orElseThrow();
                LinkMessage ml1 = mirror.snapshot().link("ml1").orElseThrow();
                assertThat(ml0.mtu()).isEqualTo(1400);
                assertThat(ml0.hasFlags(LinkMessage.IFF_UP)).isTrue();
                assertThat(ml1.link()).isEqualTo(ml0.index());
                assertThat(ml0.link()).isEqualTo(ml1.index());
            });
            assertThat(mirror.resyncPending()).isFalse();
            for (String name : List.of("ml0", "ml1")) {
                List<Boolean> up = changes.all.stream()
                        .filter(c -> c.kind() == RouteMirrorChange.Kind.LINK && !(c instanceof RouteMirrorChange.Removed))
                        .filter(c -> name.equals(c.link().name())).map(c -> c.link().hasFlags(LinkMessage.IFF_UP)).toList();
                assertThat(up).as("IFF_UP of " + name + ", change by change").isNotEmpty().isSorted().endsWith(true);
            }
            List<Integer> mtus = changes.all.stream()
                    .filter(c -> c.kind() == RouteMirrorChange.Kind.LINK && !(c instanceof RouteMirrorChange.Removed))
                    .filter(c -> "ml0".equals(c.link().name())).map(c -> c.link().mtu()).toList();
            assertThat(mtus).as("mtu of ml0, change by change").endsWith(1400).doesNotContainSequence(1400, 1500);
            ns.ip("link del ml0");
        });
    }

    @Test
    void anOverrunIsHealedWithChangesMarkedResync() {
        runner.withPropertyValues(mirrored()).withBean(Changes.class).run(context -> {
            RouteMirror mirror = context.getBean("routeMirror", RouteMirror.class);
            Changes changes = context.getBean(Changes.class);
            NetlinkReceiveLoop loop = context.getBean(NetlinkReceiveLoop.class);
            loop.pause();
            ns.ip("link add mr0 type veth peer name mr1"); // lost: the loop has no socket
            loop.resume();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(mirror.resyncs()).isPositive();
                assertThat(mirror.snapshot().link("mr0")).isPresent();
                assertThat(changes.all).anySatisfy(c -> {
                    assertThat(c.resync()).isTrue();
                    assertThat(c.link()).isNotNull().extracting(LinkMessage::name).isEqualTo("mr0");
                });
            });
            ns.ip("link del mr0");
        });
    }

    @Test
    void readinessRefusesTrafficUntilAMirrorStartedLaterIsSynced() {
        runner.withPropertyValues(mirrored()).withPropertyValues("netlink.connections.route.listener.auto-startup=false").run(context -> {
            RouteMirror mirror = context.getBean("routeMirror", RouteMirror.class);
            assertThat(mirror.isSynced()).isFalse();
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC); // as Boot does when ready
            ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
            context.getBean(NetlinkListenerContainerRegistry.class).getListenerContainer("route").orElseThrow().start();
            await().atMost(Duration.ofSeconds(5)).until(() -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(mirror.isSynced()).isTrue();
        });
    }
}
