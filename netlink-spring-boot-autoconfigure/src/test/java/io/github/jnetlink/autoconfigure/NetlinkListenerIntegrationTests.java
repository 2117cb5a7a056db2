package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Message;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real Spring Boot application whose {@code route} connection lives in a throwaway namespace: changes
 * made with {@code ip} reach typed {@link NetlinkListener} methods.
 */
@SpringBootTest(classes = NetlinkListenerIntegrationTests.App.class)
@NetlinkNamespace
class NetlinkListenerIntegrationTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("netlink.connections.route.netns", () -> ns.path());
        registry.add("netlink.connections.route.groups", () -> "link,ipv4-ifaddr");
        // a second connection, so that neverCalled's filter has a receive loop to name; rules change on neither
        registry.add("netlink.connections.other-connection.netns", () -> ns.path());
        registry.add("netlink.connections.other-connection.groups", () -> "ipv4-rule");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listeners.class)
    static class App {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    static class Listeners {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Integer> deletions = new CopyOnWriteArrayList<>();
        final List<NetlinkMessageEvent> events = new CopyOnWriteArrayList<>();
        final List<Message> raw = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route", types = {RouteMessageType.RTM_NEWLINK, RouteMessageType.RTM_DELLINK})
        void onLink(LinkMessage link) {
            calls.add((link.type() == RouteMessageType.RTM_DELLINK ? "del " : "new ") + link.name());
        }

        @NetlinkListener(connection = "route", groups = "ipv4-ifaddr")
        void onAddress(AddressMessage address) {
            calls.add("addr " + address.address().getHostAddress() + "/" + address.prefixLength());
        }

        @NetlinkListener(connection = "route", types = RouteMessageType.RTM_DELLINK)
        void onDelete(LinkMessage link) {
            deletions.add(link.type());
        }

        @NetlinkListener(connection = "route")
        void throwsEveryTime(Message message) {
            throw new IllegalStateException("listener failure for the test");
        }

        @NetlinkListener(connection = "route")
        void onEvent(NetlinkMessageEvent event) {
            events.add(event);
        }

        @NetlinkListener(connection = "other-connection")
        void neverCalled(Message message) {
            raw.add(message);
        }
    }

    @Autowired
    Listeners listeners;

    @Autowired
    @Qualifier("route")
    Conn route;

    @Autowired
    MeterRegistry registry;

    @Test
    void kernelChangesReachTypedListenersInOrder() {
        ns.ip("link add sp0 type veth peer name sp1");
        ns.ip("addr add 10.77.0.1/24 dev sp0");
        ns.ip("link del sp0");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(listeners.calls).containsSubsequence("new sp0", "addr 10.77.0.1/24", "del sp0"));
        assertThat(listeners.calls.indexOf("new sp1")).isGreaterThanOrEqualTo(0);
        assertThat(listeners.deletions).isNotEmpty().containsOnly(RouteMessageType.RTM_DELLINK);
        assertThat(listeners.raw).isEmpty();
        assertThat(listeners.events).allSatisfy(e -> {
            assertThat(e.connection()).isEqualTo("route");
            assertThat(e.groupName()).isIn("link", "ipv4-ifaddr");
        });

        double received = registry.find("netlink.messages.received").tag("connection", "route").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        assertThat(received).isGreaterThanOrEqualTo(listeners.events.size());
        double errors = registry.get("netlink.listener.errors").tag("listener", "Listeners.throwsEveryTime").counter().count();
        assertThat(errors).isEqualTo(listeners.events.size());
    }

    @Test
    void connBeanServesRequestsWhileTheLoopListens() {
        assertThat(route.isClosed()).isFalse();
        assertThat(new io.github.jnetlink.route.RouteClient(route).links())
                .extracting(LinkMessage::name).contains("lo");
        assertThat(registry.get("netlink.execute").tag("connection", "route").tag("outcome", "success").timer().count()).isPositive();
    }
}
