package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.Config;
import io.github.jnetlink.Header;
import io.github.jnetlink.NetlinkTransport;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.NativeBuffers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * A local process that sends a forged "kernel" notification to the receive loop's socket (the udev
 * CVE-2009-1185 class of bug) never reaches a listener; it is dropped and counted, unless its port ID is
 * configured as a trusted peer.
 */
@NetlinkNamespace
class NetlinkSenderVerificationTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    @Configuration(proxyBeanMethods = false)
    static class Listener {
        final List<String> links = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route")
        void onLink(LinkMessage link) {
            links.add(link.name());
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class, NetlinkMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withUserConfiguration(Listener.class);

    /** Sends an RTM_NEWLINK for a link named "forged" from a userspace socket to {@code pid}. */
    static void forge(NetlinkTransport from, int pid) {
        byte[] payload = new io.github.jnetlink.AttributeEncoder().header(new byte[16]).string(3, "forged").encode();
        int length = Header.SIZE + payload.length;
        ByteBuffer b = NativeBuffers.allocate(length);
        b.putInt(length).putShort((short) RouteMessageType.RTM_NEWLINK).putShort((short) 0).putInt(0).putInt(0).put(payload);
        from.send(b.flip(), pid);
    }

    static NetlinkTransport forger() {
        NetlinkTransport s = NetlinkTransport.open(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        s.bind(0, 0);
        return s;
    }

    @Test
    void forgedNotificationIsDroppedAndCounted() {
        try (NetlinkTransport forger = forger()) {
            runner.withPropertyValues("netlink.connections.route.netns=" + ns.path(), "netlink.connections.route.groups=link")
                    .run(context -> {
                        Listener listener = context.getBean(Listener.class);
                        MeterRegistry registry = context.getBean(MeterRegistry.class);
                        forge(forger, context.getBean(NetlinkReceiveLoop.class).conn().pid());
                        await().atMost(Duration.ofSeconds(5)).until(() ->
                                registry.get("netlink.messages.rejected").tag("connection", "route").counter().count() == 1);
                        ns.ip("link add real0 type veth peer name real1");
                        await().atMost(Duration.ofSeconds(5)).until(() -> listener.links.contains("real0"));
                        assertThat(listener.links).doesNotContain("forged");
                    });
        }
        ns.ip("link del real0");
    }

    @Test
    void trustedPeerIsDelivered() {
        try (NetlinkTransport peer = forger()) {
            runner.withPropertyValues("netlink.connections.route.netns=" + ns.path(), "netlink.connections.route.groups=link",
                    "netlink.connections.route.trusted-peers=" + Integer.toUnsignedString(peer.pid())).run(context -> {
                        Listener listener = context.getBean(Listener.class);
                        forge(peer, context.getBean(NetlinkReceiveLoop.class).conn().pid());
                        await().atMost(Duration.ofSeconds(5)).until(() -> listener.links.contains("forged"));
                    });
        }
    }
}
