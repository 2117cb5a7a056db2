package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.HeaderType;
import io.github.jnetlink.bpf.NetlinkFilters;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code netlink.connections.NAME.filter.*} on a real receive loop in a throwaway namespace: the kernel drops what
 * the filter refuses before it reaches the JVM (nothing counts it), and a customizer's own program replaces it.
 * Each test relies on one socket delivering in order: once a later notification has arrived, an earlier one that
 * has not was dropped.
 */
@NetlinkNamespace
class NetlinkFilterKernelTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class, NetlinkMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(Seen.class)
            .withPropertyValues("netlink.connections.route.netns=" + ns.path());

    static class Seen {
        final List<Integer> types = new CopyOnWriteArrayList<>();
        final List<String> links = new CopyOnWriteArrayList<>();
        final List<AddressMessage> addresses = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route")
        void on(NetlinkMessageEvent event) {
            types.add(event.type());
            if (event.decoded() instanceof LinkMessage link) {
                links.add(link.name());
            } else if (event.decoded() instanceof AddressMessage address) {
                addresses.add(address);
            }
        }

        boolean hasAddress(String literal) throws Exception {
            InetAddress wanted = InetAddress.getByName(literal);
            return addresses.stream().anyMatch(a -> wanted.equals(a.localAddress()) || wanted.equals(a.address()));
        }
    }

    @Test
    void theKernelDropsLinkChangesBeforeTheJvmWhenOnlyNewAddressesAreLetThrough() {
        runner.withPropertyValues("netlink.connections.route.groups=link,ipv4-ifaddr", "netlink.connections.route.filter.types=RTM_NEWADDR")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Seen seen = running(context);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    ns.ip("link add ft0 type veth peer name ft1");
                    try {
                        ns.ip("link set ft0 up");
                        ns.ip("addr add 10.71.0.1/24 dev ft0");
                        await().atMost(Duration.ofSeconds(5)).until(() -> seen.hasAddress("10.71.0.1"));
                        assertThat(seen.types).doesNotContain(RouteMessageType.RTM_NEWLINK).contains(RouteMessageType.RTM_NEWADDR);
                        assertThat(seen.links).isEmpty();
                        assertThat(received(registry, "RTM_NEWLINK")).as("RTM_NEWLINK reached the JVM").isZero();
                        assertThat(received(registry, "RTM_NEWADDR")).isGreaterThanOrEqualTo(1);
                    } finally {
                        ns.ip("link del ft0");
                    }
                });
    }

    @Test
    void aFamilyFilterLetsOnlyIpv6AddressesThrough() {
        runner.withPropertyValues("netlink.connections.route.groups=ipv4-ifaddr,ipv6-ifaddr",
                "netlink.connections.route.filter.families=inet6").run(context -> {
                    assertThat(context).hasNotFailed();
                    Seen seen = running(context);
                    ns.ip("link add fa0 type veth peer name fa1");
                    try {
                        ns.ip("link set fa1 up");
                        ns.ip("link set fa0 up");
                        ns.ip("addr add 10.72.0.1/24 dev fa0");
                        ns.ip("addr add fd00:72::1/64 dev fa0 nodad");
                        await().atMost(Duration.ofSeconds(5)).until(() -> seen.hasAddress("fd00:72::1"));
                        assertThat(seen.addresses).extracting(AddressMessage::family).containsOnly(AddressFamily.INET6);
                        assertThat(seen.hasAddress("10.72.0.1")).isFalse();
                    } finally {
                        ns.ip("link del fa0");
                    }
                });
    }

    @Test
    void aCustomizersProgramReplacesThePropertyFilter() {
        NetlinkConnectionCustomizer linksOnly = (name, conn, socket) -> {
            if (socket == NetlinkConnectionCustomizer.Socket.RECEIVE_LOOP) {
                conn.setBpf(NetlinkFilters.messageTypes(RouteMessageType.RTM_NEWLINK, HeaderType.ERROR, HeaderType.DONE));
            }
        };
        runner.withPropertyValues("netlink.connections.route.groups=link,ipv4-ifaddr", "netlink.connections.route.filter.types=RTM_NEWADDR")
                .withBean(NetlinkConnectionCustomizer.class, () -> linksOnly)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Seen seen = running(context);
                    ns.ip("link add fc0 type veth peer name fc1");
                    try {
                        ns.ip("addr add 10.73.0.1/24 dev fc0");
                        ns.ip("link add fc2 type veth peer name fc3");
                        await().atMost(Duration.ofSeconds(5)).until(() -> seen.links.contains("fc2"));
                        assertThat(seen.links).contains("fc0");
                        assertThat(seen.types).doesNotContain(RouteMessageType.RTM_NEWADDR);
                    } finally {
                        ns.ip("link del fc0");
                        ns.ip("link del fc2");
                    }
                });
    }

    @Test
    void noFilterPropertiesLetEverythingThrough() {
        runner.withPropertyValues("netlink.connections.route.groups=link,ipv4-ifaddr").run(context -> {
            Seen seen = running(context);
            ns.ip("link add fn0 type veth peer name fn1");
            try {
                ns.ip("addr add 10.74.0.1/24 dev fn0");
                await().atMost(Duration.ofSeconds(5)).until(() -> seen.hasAddress("10.74.0.1"));
                assertThat(seen.links).contains("fn0", "fn1");
            } finally {
                ns.ip("link del fn0");
            }
        });
    }

    private static Seen running(org.springframework.context.ApplicationContext context) {
        NetlinkReceiveLoop loop = context.getBean(NetlinkReceiveLoop.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
        return context.getBean(Seen.class);
    }

    private static double received(MeterRegistry registry, String type) {
        Counter counter = registry.find("netlink.messages.received").tag("connection", "route").tag("kind", "notification")
                .tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }
}
