package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code netlink} Actuator endpoint over a real receive loop in a throwaway namespace: what it shows of
 * connections, loops and listeners, that its counters follow the kernel, and when it exists.
 */
@NetlinkNamespace
class NetlinkEndpointTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class, EndpointAutoConfiguration.class,
                    NetlinkEndpointAutoConfiguration.class))
            .withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=netlink");

    @Configuration(proxyBeanMethods = false)
    static class Listening {
        @Bean
        Links links() {
            return new Links();
        }
    }

    static class Links {
        final List<String> names = new CopyOnWriteArrayList<>();

        @NetlinkListener(id = "links", connection = "route", groups = "link", types = RouteMessageType.RTM_NEWLINK,
                condition = "#root.args[0].name() == 'ep0'")
        void onLink(LinkMessage link) {
            names.add(link.name());
        }
    }

    private String[] connections() {
        return new String[] {"netlink.connections.route.netns=" + ns.path(), "netlink.connections.route.groups=link,ipv4-ifaddr",
            "netlink.connections.route.receive-buffer-size=1MB", "netlink.connections.plain.netns=" + ns.path(),
            "netlink.connections.plain.protocol=generic"};
    }

    @Test
    void showsConnectionsLoopsAndListenersAndCountsWhatTheKernelSent() {
        runner.withUserConfiguration(Listening.class).withPropertyValues(connections()).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(NetlinkEndpoint.class);
            NetlinkEndpoint endpoint = context.getBean(NetlinkEndpoint.class);
            NetlinkReceiveLoop loop = context.getBean(NetlinkReceiveLoop.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);

            NetlinkEndpoint.NetlinkDescriptor all = endpoint.netlink();
            assertThat(all.enabled()).isTrue();
            assertThat(all.connections()).containsOnlyKeys("route", "plain");
            NetlinkEndpoint.ConnectionDescriptor plain = all.connections().get("plain");
            assertThat(plain.protocol()).isEqualTo("generic");
            assertThat(plain.netns()).isEqualTo(ns.path());
            assertThat(plain.loop()).isNull();
            assertThat(plain.listeners()).isEmpty();

            NetlinkEndpoint.ConnectionDescriptor route = all.connections().get("route");
            assertThat(route.protocol()).isEqualTo("route");
            assertThat(route.groups()).containsExactly("link", "ipv4-ifaddr");
            NetlinkEndpoint.LoopDescriptor before = route.loop();
            assertThat(before.state()).isEqualTo("RUNNING");
            assertThat(before.autoStartup()).isTrue();
            assertThat(before.groups()).containsExactly(Map.entry("1", "link"), Map.entry("5", "ipv4-ifaddr"));
            assertThat(before.receiveBufferRequestedBytes()).isEqualTo(1024 * 1024);
            assertThat(before.receiveBufferBytes()).isEqualTo(2 * 1024 * 1024); // root: SO_RCVBUFFORCE, reported doubled
            assertThat(before.overruns()).isZero();
            assertThat(before.failures()).isZero();
            assertThat(before.lastFailure()).isNull();
            assertThat(route.listeners()).singleElement().satisfies(l -> {
                assertThat(l.id()).isEqualTo("links");
                assertThat(l.bean()).isEqualTo("links");
                assertThat(l.method()).isEqualTo(Links.class.getName() + ".onLink(LinkMessage)");
                assertThat(l.connection()).isEqualTo("route");
                assertThat(l.groups()).containsExactly("link");
                assertThat(l.types()).containsExactly(RouteMessageType.RTM_NEWLINK);
                assertThat(l.condition()).isEqualTo("#root.args[0].name() == 'ep0'");
            });

            ns.ip("link add ep0 type veth peer name ep0p");
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> !context.getBean(Links.class).names.isEmpty());
                NetlinkEndpoint.LoopDescriptor after = endpoint.connection("route").loop();
                assertThat(after.notifications()).isGreaterThanOrEqualTo(before.notifications() + 2); // ep0 and ep0p
                assertThat(after.lastReceived()).isNotNull();
            } finally {
                ns.ip("link del ep0");
            }
            assertThat(endpoint.connection("nope")).as("an unknown name: 404").isNull();

            // what Actuator renders: plain JSON, with the instant as text
            JsonNode json = JsonMapper.builder().build().valueToTree(endpoint.netlink());
            assertThat(json.at("/connections/route/loop/state").asString()).isEqualTo("RUNNING");
            assertThat(json.at("/connections/route/listeners/0/id").asString()).isEqualTo("links");
        });
    }

    @Test
    void aStoppedLoopIsShownStoppedWithItsFailuresKept() {
        runner.withPropertyValues(connections()).run(context -> {
            NetlinkReceiveLoop loop = context.getBean(NetlinkReceiveLoop.class);
            NetlinkEndpoint endpoint = context.getBean(NetlinkEndpoint.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
            context.getBean(NetlinkListenerContainerRegistry.class).getListenerContainer("route").orElseThrow().stop();
            assertThat(endpoint.connection("route").loop().state()).isEqualTo("STOPPED");
        });
    }

    @Test
    void existsOnlyWhenExposedAndWithActuator() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class, EndpointAutoConfiguration.class,
                        NetlinkEndpointAutoConfiguration.class))
                .withPropertyValues(connections())
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NetlinkEndpoint.class));
        runner.withPropertyValues(connections()).withPropertyValues("management.endpoint.netlink.access=NONE")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NetlinkEndpoint.class));
        runner.withPropertyValues(connections())
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint.annotation"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NetlinkEndpoint.class));
    }

    @Test
    void anApplicationsOwnEndpointWins() {
        runner.withPropertyValues(connections())
                .withBean("custom", NetlinkEndpoint.class, () -> new NetlinkEndpoint(new NetlinkProperties(), null, List::of))
                .run(context -> assertThat(context).hasNotFailed().getBean(NetlinkEndpoint.class).isSameAs(context.getBean("custom")));
    }
}
