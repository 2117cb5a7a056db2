package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every property, condition and back-off of the auto-configuration, on real sockets in a throwaway
 * namespace.
 */
@NetlinkNamespace
class NetlinkAutoConfigurationTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class, NetlinkMetricsAutoConfiguration.class));

    private String netns() {
        return "netlink.connections.route.netns=" + ns.path();
    }

    @Test
    void noConnectionsNoConnBeans() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(NetlinkConnections.class).doesNotHaveBean(Conn.class);
            assertThat(context).doesNotHaveBean(NetlinkMetrics.class);
        });
    }

    @Test
    void disabledTurnsEverythingOff() {
        runner.withPropertyValues("netlink.enabled=false", netns()).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(Conn.class).doesNotHaveBean(NetlinkConnections.class)
                    .doesNotHaveBean(NetlinkReceiveLoop.class).doesNotHaveBean(NetlinkMetrics.class);
        });
    }

    @Test
    void connBeanPerConnectionNamedAfterItAndClosedWithTheContext() {
        Conn[] seen = new Conn[2];
        runner.withPropertyValues(netns(), "netlink.connections.generic.protocol=generic").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("route", Conn.class).protocol()).isEqualTo(Protocol.ROUTE);
            assertThat(context.getBean("generic", Conn.class).protocol()).isEqualTo(Protocol.GENERIC);
            assertThat(context).doesNotHaveBean(NetlinkReceiveLoop.class);
            seen[0] = context.getBean("route", Conn.class);
            seen[1] = context.getBean("generic", Conn.class);
        });
        assertThat(seen[0].isClosed()).isTrue();
        assertThat(seen[1].isClosed()).isTrue();
    }

    @Test
    void protocolByNumber() {
        runner.withPropertyValues(netns(), "netlink.connections.route.protocol=0").run(context ->
                assertThat(context.getBean("route", Conn.class).protocol()).isEqualTo(Protocol.ROUTE));
    }

    @Test
    void buffersAreApplied() {
        runner.withPropertyValues(netns(), "netlink.connections.route.receive-buffer-size=1MB",
                "netlink.connections.route.send-buffer-size=512KB").run(context -> {
                    Conn conn = context.getBean("route", Conn.class);
                    assertThat(conn.readBuffer()).isEqualTo(2 * 1024 * 1024);
                    assertThat(conn.writeBuffer()).isEqualTo(1024 * 1024);
                });
    }

    @Test
    void strictMakesTheKernelCheckRequestsAndExplain() {
        byte[] ifinfomsgIndex1 = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.nativeOrder()).putInt(4, 1).array();
        io.github.jnetlink.Message filteredDump = io.github.jnetlink.Message.of(io.github.jnetlink.route.RouteMessageType.RTM_GETLINK,
                io.github.jnetlink.HeaderFlags.REQUEST | io.github.jnetlink.HeaderFlags.DUMP, ifinfomsgIndex1);
        runner.withPropertyValues(netns(), "netlink.connections.route.strict=true").run(context ->
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.getBean("route", Conn.class).execute(filteredDump))
                        .isInstanceOfSatisfying(io.github.jnetlink.NetlinkErrorException.class,
                                e -> assertThat(e.extendedMessage()).contains("not supported for link dumps")));
        runner.withPropertyValues(netns()).run(context ->
                assertThat(context.getBean("route", Conn.class).execute(filteredDump)).isNotEmpty());
    }

    @Test
    void strictAndNoEnobufsAreAccepted() {
        runner.withPropertyValues(netns(), "netlink.connections.route.strict=true", "netlink.connections.route.no-enobufs=true",
                "netlink.connections.route.extended-ack=false", "netlink.connections.route.groups=link").run(context ->
                        assertThat(context).hasNotFailed().hasSingleBean(NetlinkReceiveLoop.class));
    }

    @Test
    void groupsStartAReceiveLoopThreadThatStopsWithTheContext() {
        runner.withPropertyValues(netns(), "netlink.connections.route.groups=link,RTNLGRP_IPV4_IFADDR,7").run(context -> {
            assertThat(context).hasNotFailed().hasBean("routeNetlinkReceiveLoop");
            NetlinkReceiveLoop loop = context.getBean(NetlinkReceiveLoop.class);
            assertThat(loop.isRunning()).isTrue();
            // unset, the loop's socket gets 16 MB (the kernel reports twice that), the bean the kernel default
            assertThat(loop.conn().readBuffer()).isEqualTo(32 * 1024 * 1024);
            assertThat(context.getBean("route", Conn.class).readBuffer()).isLessThan(1024 * 1024);
            assertThat(netlinkThreads()).contains("netlink-receive-route");
        });
        assertThat(netlinkThreads()).doesNotContain("netlink-receive-route");
    }

    @Test
    void listenerCanBeDisabledPerConnection() {
        runner.withPropertyValues(netns(), "netlink.connections.route.groups=link", "netlink.connections.route.listener.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().hasBean("route").doesNotHaveBean(NetlinkReceiveLoop.class));
    }

    @Test
    void userDefinedConnOfThatNameWins() {
        runner.withPropertyValues(netns()).withUserConfiguration(UserConn.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("route", Conn.class).protocol()).isEqualTo(Protocol.GENERIC);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserConn {
        @Bean(destroyMethod = "close")
        Conn route() {
            return Conn.dial(Protocol.GENERIC, Config.DEFAULT);
        }
    }

    @Test
    void metricsWithRegistry() {
        runner.withPropertyValues(netns()).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(NetlinkMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            new io.github.jnetlink.route.RouteClient(context.getBean("route", Conn.class)).links();
            assertThat(registry.get("netlink.messages.sent").tag("connection", "route").tag("type", "RTM_GETLINK").counter().count()).isEqualTo(1);
            assertThat(registry.get("netlink.messages.received").tag("connection", "route").tag("type", "RTM_NEWLINK")
                    .tag("kind", "reply").tag("group", "none").counter().count()).isGreaterThanOrEqualTo(1);
            assertThat(registry.find("netlink.messages.received").tag("kind", "notification").counters()).isEmpty();
            assertThat(registry.get("netlink.execute").tag("connection", "route").tag("outcome", "success").timer().count()).isEqualTo(1);

            // a reply nobody waited for (a send without receive) is dropped by the next execute, and counted
            Conn conn = context.getBean("route", Conn.class);
            conn.send(io.github.jnetlink.Message.of(18, io.github.jnetlink.HeaderFlags.REQUEST, new byte[16]));
            assertThat(registry.get("netlink.messages.discarded").tag("connection", "route").counter().count()).isZero();
            new io.github.jnetlink.route.RouteClient(conn).links();
            assertThat(registry.get("netlink.messages.discarded").tag("connection", "route").counter().count()).isPositive();
        });
    }

    @Test
    void badValuesFailNamingTheProperty() {
        runner.withPropertyValues(netns(), "netlink.connections.route.groups=link,99999999999").run(context -> {
            assertThat(context).hasFailed();
            assertThat(analyze(context.getStartupFailure()).getAction()).contains("netlink.connections.route.groups[1]");
        });
        runner.withPropertyValues(netns(), "netlink.connections.route.trusted-peers=,5").run(context -> {
            assertThat(context).hasFailed();
            assertThat(analyze(context.getStartupFailure()).getAction()).contains("netlink.connections.route.trusted-peers[0]");
        });
        runner.withPropertyValues("netlink.connections.ctrl.protocol=generic", "netlink.connections.ctrl.netns=" + ns.path(),
                "netlink.connections.ctrl.groups=/notify").run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("family/group");
                    assertThat(analysis.getAction()).contains("netlink.connections.ctrl.groups[0]");
                });
    }

    @Test
    void aBeanOfTheConnectionsNameThatIsNoConnFailsNamingTheClash() {
        runner.withPropertyValues(netns()).withBean("route", StringBuilder.class, StringBuilder::new).run(context -> {
            assertThat(context).hasFailed();
            assertThat(analyze(context.getStartupFailure()).getDescription()).contains("java.lang.StringBuilder", "not a Conn");
        });
    }

    @Test
    void metricsBackOffWithoutRegistry() {
        runner.withPropertyValues(netns()).run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NetlinkMetrics.class));
    }

    @Test
    void unknownGroupNameFailsListingTheValidOnes() {
        runner.withPropertyValues(netns(), "netlink.connections.route.groups=link,lnik").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'route'", "lnik");
            assertThat(analysis.getAction()).contains("netlink.connections.route.groups[1]", "link", "ipv4-ifaddr", "ipv6-route");
        });
    }

    @Test
    void unknownProtocolFailsNamingTheProperty() {
        runner.withPropertyValues(netns(), "netlink.connections.route.protocol=rout").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getAction()).contains("netlink.connections.route.protocol", "'rout'", "route", "generic");
        });
    }

    @Test
    void protocolTheKernelLacksFailsWithEprotonosupport() {
        runner.withPropertyValues(netns(), "netlink.connections.route.protocol=30").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("EPROTONOSUPPORT");
            assertThat(analysis.getAction()).contains("netlink.connections.route.protocol");
        });
    }

    @Test
    void missingNamespaceFailsNamingTheNetnsProperty() {
        runner.withPropertyValues("netlink.connections.route.netns=/var/run/netns/jnl-does-not-exist").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("ENOENT");
            assertThat(analysis.getAction()).contains("netlink.connections.route.netns", "ip netns add");
        });
    }

    @Test
    void genericGroupNamesResolveThroughTheController() {
        runner.withPropertyValues("netlink.connections.ctrl.protocol=generic", "netlink.connections.ctrl.netns=" + ns.path(),
                "netlink.connections.ctrl.groups=nlctrl/notify").run(context -> {
                    assertThat(context).hasNotFailed().hasBean("ctrlNetlinkReceiveLoop");
                });
        runner.withPropertyValues("netlink.connections.ctrl.protocol=generic", "netlink.connections.ctrl.groups=nlctrl/nope")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(analyze(context.getStartupFailure()).getAction()).contains("netlink.connections.ctrl.groups[0]", "nlctrl/notify");
                });
        runner.withPropertyValues(netns(), "netlink.connections.route.groups=nlctrl/notify").run(context -> {
            assertThat(context).hasFailed();
            assertThat(analyze(context.getStartupFailure()).getDescription()).contains("protocol=generic");
        });
    }

    @Test
    void listenerMethodWithAnUnsupportedParameterFailsClearly() {
        runner.withPropertyValues(netns()).withUserConfiguration(BadListener.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("BadListener.onString")
                    .hasMessageContaining("LinkMessage");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class BadListener {
        @NetlinkListener
        void onString(String s) {
        }
    }

    static FailureAnalysis analyze(Throwable failure) {
        Throwable t = failure;
        while (t != null && !(t instanceof NetlinkStartupException)) {
            t = t.getCause();
        }
        assertThat(t).as("a NetlinkStartupException in " + failure).isNotNull();
        FailureAnalysis analysis = new NetlinkFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        return analysis;
    }

    static java.util.Set<String> netlinkThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.startsWith("netlink-"))
                .collect(java.util.stream.Collectors.toSet());
    }

}
