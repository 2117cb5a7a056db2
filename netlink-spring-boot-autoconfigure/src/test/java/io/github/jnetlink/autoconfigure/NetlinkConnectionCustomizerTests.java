package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.bpf.NetlinkFilters;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;

/**
 * {@link NetlinkConnectionCustomizer} beans on real sockets in a throwaway namespace, and the auto-configuration's
 * beans giving way to the application's.
 */
@NetlinkNamespace
class NetlinkConnectionCustomizerTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class))
            .withPropertyValues("netlink.connections.route.netns=" + ns.path());

    /** Records each call as {@code id:connection:socket}, and the sockets it was given. */
    record Recording(String id, int order, List<String> log, List<Conn> conns) implements NetlinkConnectionCustomizer, Ordered {

        @Override
        public void customize(String connectionName, Conn conn, Socket socket) {
            log.add(id + ":" + connectionName + ":" + socket);
            conns.add(conn);
        }

        @Override
        public int getOrder() {
            return order;
        }
    }

    @Test
    void customizersAreAppliedInOrderToTheBeanTheLoopAndEachNewLoopSocket() {
        List<String> log = new CopyOnWriteArrayList<>();
        List<Conn> conns = new CopyOnWriteArrayList<>();
        // registered last-first: the order comes from Ordered, not from registration
        runner.withPropertyValues("netlink.connections.route.groups=link")
                .withBean("second", Recording.class, () -> new Recording("second", 2, log, conns))
                .withBean("first", Recording.class, () -> new Recording("first", 1, log, conns))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    NetlinkReceiveLoop loop = context.getBean(NetlinkReceiveLoop.class);
                    assertThat(log).containsExactly("first:route:BEAN", "second:route:BEAN",
                            "first:route:RECEIVE_LOOP", "second:route:RECEIVE_LOOP");
                    assertThat(conns.get(0)).isSameAs(context.getBean("route", Conn.class)).isSameAs(conns.get(1));
                    assertThat(conns.get(2)).isSameAs(loop.conn()).isSameAs(conns.get(3));

                    log.clear();
                    loop.pause();
                    loop.resume();
                    assertThat(log).containsExactly("first:route:RECEIVE_LOOP", "second:route:RECEIVE_LOOP");
                    assertThat(conns.get(conns.size() - 1)).isSameAs(loop.conn());
                });
    }

    static class Seen {

        final List<Integer> types = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route")
        void on(NetlinkMessageEvent event) {
            types.add(event.type());
        }
    }

    @Test
    void aBpfFilterOnTheLoopSocketKeepsLinkChangesFromListenersButNotAddressChanges() {
        NetlinkConnectionCustomizer addressesOnly = (name, conn, socket) -> {
            if (socket == NetlinkConnectionCustomizer.Socket.RECEIVE_LOOP) {
                conn.setBpf(NetlinkFilters.messageTypes(RouteMessageType.RTM_NEWADDR, RouteMessageType.RTM_DELADDR,
                        HeaderType.ERROR, HeaderType.DONE));
            }
        };
        runner.withPropertyValues("netlink.connections.route.groups=link,ipv4-ifaddr")
                .withBean(NetlinkConnectionCustomizer.class, () -> addressesOnly)
                .withBean(Seen.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Seen seen = context.getBean(Seen.class);
                    ns.ip("link add cu0 type veth peer name cu1");
                    try {
                        ns.ip("addr add 10.66.0.1/24 dev cu0");
                        await().atMost(Duration.ofSeconds(5)).until(() -> seen.types.contains(RouteMessageType.RTM_NEWADDR));
                        // one socket delivers in order: the link's notifications came before the address's, or never
                        assertThat(seen.types).doesNotContain(RouteMessageType.RTM_NEWLINK);
                        // the filter is on the loop's socket only: the bean still gets its replies
                        assertThat(context.getBean("route", Conn.class).execute(io.github.jnetlink.Message.of(
                                RouteMessageType.RTM_GETLINK, io.github.jnetlink.HeaderFlags.REQUEST | io.github.jnetlink.HeaderFlags.DUMP,
                                new byte[16]))).isNotEmpty();
                    } finally {
                        ns.ip("link del cu0");
                    }
                });
    }

    @Test
    void aCustomizerThatThrowsOnTheBeanFailsStartupNamingTheConnection() {
        NetlinkConnectionCustomizer failing = (name, conn, socket) -> {
            throw new IllegalStateException("no filter today");
        };
        runner.withBean(NetlinkConnectionCustomizer.class, () -> failing).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessage("no filter today");
            assertThat(startupException(context.getStartupFailure())).satisfies(e -> {
                assertThat(e.connection()).isEqualTo("route");
                assertThat(e.getMessage()).contains("netlink connection 'route'", "Conn bean", "no filter today");
            });
        });
    }

    @Test
    void aCustomizerThatThrowsOnTheLoopSocketFailsStartupNamingTheConnection() {
        NetlinkConnectionCustomizer failing = (name, conn, socket) -> {
            if (socket == NetlinkConnectionCustomizer.Socket.RECEIVE_LOOP) {
                throw new IllegalArgumentException("bad program");
            }
        };
        runner.withPropertyValues("netlink.connections.route.groups=link")
                .withBean(NetlinkConnectionCustomizer.class, () -> failing).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(startupException(context.getStartupFailure())).satisfies(e -> {
                        assertThat(e.connection()).isEqualTo("route");
                        assertThat(e.getMessage()).contains("netlink connection 'route'", "receive loop's socket", "bad program");
                    });
                });
    }

    static class Outage {

        final List<NetlinkListenerContainerFailedEvent> failed = new CopyOnWriteArrayList<>();
        final List<NetlinkListenerContainerRecoveredEvent> recovered = new CopyOnWriteArrayList<>();

        @EventListener
        void on(NetlinkListenerContainerFailedEvent event) {
            failed.add(event);
        }

        @EventListener
        void on(NetlinkListenerContainerRecoveredEvent event) {
            recovered.add(event);
        }
    }

    @Test
    void aCustomizerThatThrowsOnAReDialCountsAsAFailedDial() {
        AtomicInteger loopDials = new AtomicInteger();
        NetlinkConnectionCustomizer secondDialFails = (name, conn, socket) -> {
            if (socket == NetlinkConnectionCustomizer.Socket.RECEIVE_LOOP && loopDials.incrementAndGet() == 2) {
                throw new IllegalStateException("not this time");
            }
        };
        runner.withPropertyValues("netlink.connections.route.groups=link")
                .withBean(NetlinkConnectionCustomizer.class, () -> secondDialFails)
                .withBean(Outage.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Outage outage = context.getBean(Outage.class);
                    NetlinkReceiveLoop loop = context.getBean(NetlinkReceiveLoop.class);
                    Conn first = loop.conn();
                    first.close();
                    await().atMost(Duration.ofSeconds(10)).until(() -> !outage.recovered.isEmpty());
                    assertThat(outage.recovered.get(0).attempts()).isEqualTo(2);
                    assertThat(outage.failed).hasSize(2);
                    assertThat(startupException(outage.failed.get(1).exception()).getMessage())
                            .contains("netlink connection 'route'", "not this time");
                    assertThat(loopDials).hasValue(3);
                    assertThat(loop.conn()).isNotSameAs(first);
                    assertThat(loop.conn().isClosed()).isFalse();
                });
    }

    @Test
    void anApplicationsRegistryWins() {
        NetlinkListenerContainerRegistry own = new NetlinkListenerContainerRegistry(
                new StaticListableBeanFactory().getBeanProvider(NetlinkReceiveLoop.class));
        runner.withPropertyValues("netlink.connections.route.groups=link")
                .withBean("ownRegistry", NetlinkListenerContainerRegistry.class, () -> own)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(NetlinkListenerContainerRegistry.class)
                            .doesNotHaveBean("netlinkListenerContainerRegistry");
                    assertThat(context.getBean(NetlinkListenerContainerRegistry.class)).isSameAs(own);
                    assertThat(own.getListenerContainerNames()).isEmpty();
                });
    }

    private static NetlinkStartupException startupException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NetlinkStartupException e) {
                return e;
            }
        }
        throw new AssertionError("no NetlinkStartupException in", failure);
    }
}
