package io.github.jnetlink.test.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.autoconfigure.NetlinkListener;
import io.github.jnetlink.autoconfigure.NetlinkListenerContainerRegistry;
import io.github.jnetlink.autoconfigure.NetlinkMessageEvent;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteClient;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.FakeRouteKernel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code @AutoConfigureNetlinkFake} in a real {@code @SpringBootTest}: the production receive loop, listener filters,
 * typed decoding and meters over the in-memory kernel. This module's tests run without jnr-ffi on the class path
 * (see its pom), so nothing here can have touched a native socket.
 */
@SpringBootTest(classes = AutoConfigureNetlinkFakeTests.App.class, properties = {
    "netlink.connections.route.groups=link,ipv4-ifaddr",
    "netlink.connections.route.netns=/var/run/netns/does-not-exist"})
@AutoConfigureNetlinkFake
class AutoConfigureNetlinkFakeTests {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {

        @Bean
        Watcher watcher() {
            return new Watcher();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    static class Watcher {
        final List<String> veths = new CopyOnWriteArrayList<>();
        final List<AddressMessage> addresses = new CopyOnWriteArrayList<>();
        final List<Integer> rawTypes = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route", types = RouteMessageType.RTM_NEWLINK, condition = "#root.args[0].kind() == 'veth'")
        void onVeth(LinkMessage link) {
            veths.add(link.name());
        }

        @NetlinkListener(connection = "route", groups = "ipv4-ifaddr")
        void onAddress(AddressMessage address) {
            addresses.add(address);
        }

        @NetlinkListener(connection = "route", types = 999)
        void onRaw(NetlinkMessageEvent event) {
            rawTypes.add(event.type());
        }
    }

    @Autowired
    FakeRouteKernel kernel;

    @Autowired
    Watcher watcher;

    @Autowired
    @Qualifier("route")
    Conn route;

    @Autowired
    MeterRegistry registry;

    @Test
    void noNativeCodeIsLoadedOrEvenPresent() {
        assertThat(route.transportKind()).isEqualTo("fake");
        assertThatThrownBy(() -> Class.forName("jnr.ffi.LibraryLoader")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void tableChangesReachTheListenersThroughTheirFilters() {
        kernel.addVeth("fv0", "fv1");
        kernel.addLink(LinkMessage.builder().index(90).name("br-f").build());
        var fv0 = kernel.link("fv0").orElseThrow();
        kernel.addAddress(AddressMessage.builder().family(2).prefixLength(24).index(fv0.index())
                .local(address("10.77.0.1")).address(address("10.77.0.1")).build());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(watcher.veths).containsExactlyInAnyOrder("fv0", "fv1"); // br-f, no veth, fails the condition
            assertThat(watcher.addresses).singleElement().satisfies(a -> assertThat(a.local()).isEqualTo(address("10.77.0.1")));
        });
        // counted as in production: notifications by group, dumps as replies
        assertThat(registry.get("netlink.messages.received").tag("connection", "route").tag("kind", "notification")
                .tag("group", "link").tag("type", "RTM_NEWLINK").counter().count()).isGreaterThanOrEqualTo(3);
        assertThat(new RouteClient(route).links()).extracting(LinkMessage::name).contains("fv0", "fv1", "br-f");
        assertThat(registry.get("netlink.messages.received").tag("kind", "reply").tag("type", "RTM_NEWLINK").counter().count())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void rawMulticastsReachMessageListeners() {
        kernel.kernel().multicast(RouteGroup.LINK.group(), Message.of(999, HeaderFlags.REQUEST, new byte[16]));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(watcher.rawTypes).containsExactly(999));
    }

    @Test
    void theRegistryControlsTheFakeLoopAsARealOne(@Autowired NetlinkListenerContainerRegistry containers) {
        var container = containers.getListenerContainer("route").orElseThrow();
        assertThat(container.isRunning()).isTrue();
        container.pause();
        assertThat(container.isPaused()).isTrue();
        container.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> !container.isPaused());
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
