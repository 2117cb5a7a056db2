package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.NeighborMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.ResolvableType;

/**
 * What {@link NetlinkListener} dispatch promises whatever else the application does: only netlink events
 * reach the methods (also with {@code netlink.enabled=false}), neighbour resolution requests arrive as
 * {@code NeighborMessage}, an application's async multicaster does not move the methods off the publishing
 * thread or out of order, and a parent context's listeners see a child's events once. Events are published
 * by hand, as the receive loop publishes them, through the context.
 */
@NetlinkNamespace
class NetlinkListenerDispatchTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    private static final AutoConfigurations STARTER = AutoConfigurations.of(NetlinkAutoConfiguration.class,
            NetlinkMetricsAutoConfiguration.class, NetlinkListenerFallbackAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(STARTER)
            .withPropertyValues("netlink.connections.route.groups=link,neigh", "netlink.connections.route.netns=" + ns.path());

    private final ApplicationContextRunner disabled = new ApplicationContextRunner().withConfiguration(STARTER)
            .withPropertyValues("netlink.enabled=false");

    static NetlinkMessageEvent newLink(int index) {
        byte[] ifinfomsg = new byte[LinkMessage.HEADER_SIZE];
        ifinfomsg[4] = (byte) index;
        return new NetlinkMessageEvent("route", Protocol.ROUTE, 1, "link", Message.of(RouteMessageType.RTM_NEWLINK, 0, ifinfomsg),
                Instant.EPOCH);
    }

    /** As the kernel's neigh_app_ns sends it: NLM_F_REQUEST, an ndmsg in NUD_INCOMPLETE, NDA_DST and NDA_PROBES. */
    static NetlinkMessageEvent neighbourMiss(int index, byte[] ipv4) {
        ByteBuffer b = ByteBuffer.allocate(NeighborMessage.HEADER_SIZE + 8 + 8).order(ByteOrder.nativeOrder());
        b.put((byte) 2).put((byte) 0).putShort((short) 0).putInt(index).putShort((short) 0x01).put((byte) 0).put((byte) 1);
        b.putShort((short) 8).putShort((short) NeighborMessage.NDA_DST).put(ipv4);
        b.putShort((short) 8).putShort((short) 4).putInt(1);
        return new NetlinkMessageEvent("route", Protocol.ROUTE, 3, "neigh",
                Message.of(RouteMessageType.RTM_GETNEIGH, 1, b.array()), Instant.EPOCH);
    }

    static final class Foreign extends ApplicationEvent {
        Foreign() {
            super("app");
        }
    }

    private static void publishForeign(org.springframework.context.ApplicationContext context) {
        context.publishEvent("hello");
        context.publishEvent(new Foreign());
        context.publishEvent(LinkMessage.decode(newLink(9).message()));
        context.publishEvent(newLink(9).message());
    }

    // 1. only NetlinkMessageEvents, enabled or not

    @Test
    void withNetlinkDisabledListenersNeverSeeTheApplicationsOwnEventsOrPayloads() {
        disabled.withUserConfiguration(Listeners.class, OtherConnection.class).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(NetlinkConnections.class).hasSingleBean(NetlinkListenerFactory.class);
            publishForeign(context);
            Listeners l = context.getBean(Listeners.class);
            assertThat(l.links).isEmpty();
            assertThat(l.messages).isEmpty();
            assertThat(l.events).isEmpty();
            assertThat(context.getBean(OtherConnection.class).events).isEmpty();
        });
    }

    @Test
    void withNetlinkDisabledListenersKeepTheirFilters() {
        disabled.withUserConfiguration(Listeners.class, OtherConnection.class).run(context -> {
            context.publishEvent(newLink(4));
            Listeners l = context.getBean(Listeners.class);
            assertThat(l.links).containsExactly(4);
            assertThat(l.events).hasSize(1);
            assertThat(context.getBean(OtherConnection.class).events).as("connection = \"other\" filters a 'route' event out").isEmpty();
        });
    }

    @Test
    void withNetlinkEnabledListenersNeverSeeTheApplicationsOwnEventsOrPayloads() {
        runner.withUserConfiguration(Listeners.class).run(context -> {
            assertThat(context).hasNotFailed();
            publishForeign(context);
            Listeners l = context.getBean(Listeners.class);
            assertThat(l.links).isEmpty();
            assertThat(l.messages).isEmpty();
            assertThat(l.events).isEmpty();
            context.publishEvent(newLink(5));
            assertThat(l.links).containsExactly(5);
        });
    }

    @Test
    void theAdapterSupportsAndHandlesOnlyNetlinkMessageEvents() throws Exception {
        NetlinkListenerMethodAdapter adapter = new NetlinkListenerMethodAdapter("listeners", Listeners.class,
                Listeners.class.getDeclaredMethod("onLink", LinkMessage.class), null, () -> NetlinkMetrics.NONE, null);
        assertThat(adapter.supportsEventType(ResolvableType.forClass(NetlinkMessageEvent.class))).isTrue();
        assertThat(adapter.supportsEventType(ResolvableType.forClassWithGenerics(PayloadApplicationEvent.class, LinkMessage.class))).isFalse();
        assertThat(adapter.supportsEventType(ResolvableType.forClassWithGenerics(PayloadApplicationEvent.class, String.class))).isFalse();
        assertThat(adapter.supportsEventType(ResolvableType.forClass(Foreign.class))).isFalse();
        assertThat(adapter.shouldHandle(new PayloadApplicationEvent<>(this, "hello"))).isFalse();
        assertThat(adapter.shouldHandle(new Foreign())).isFalse();
        assertThat(adapter.shouldHandle(newLink(1))).isTrue();
        adapter.onApplicationEvent(new PayloadApplicationEvent<>(this, "hello"));
        adapter.onApplicationEvent(new Foreign());
        assertThat(adapter.supportsAsyncExecution()).isFalse();
    }

    // 2. RTM_GETNEIGH

    @Test
    void aNeighbourResolutionRequestReachesNeighborMessageListeners() {
        runner.withUserConfiguration(Neighbours.class).run(context -> {
            assertThat(context).hasNotFailed();
            context.publishEvent(neighbourMiss(2, new byte[] {10, 0, 0, 99}));
            Neighbours n = context.getBean(Neighbours.class);
            assertThat(n.all).singleElement().satisfies(m -> {
                assertThat(m.type()).isEqualTo(RouteMessageType.RTM_GETNEIGH);
                assertThat(m.index()).isEqualTo(2);
                assertThat(m.state()).isEqualTo(0x01);
                assertThat(m.destination()).isEqualTo(InetAddress.getByName("10.0.0.99"));
                assertThat(m.linkLayerAddress()).isNull();
            });
            assertThat(n.misses).hasSize(1);
            assertThat(n.added).as("types = RTM_NEWNEIGH filters a miss out").isEmpty();
        });
    }

    @Test
    void getNeighIsDecodedAsNeighborMessage() {
        assertThat(TypedMessages.recordOf(RouteMessageType.RTM_GETNEIGH)).isEqualTo(NeighborMessage.class);
        assertThat(TypedMessages.typesOf(NeighborMessage.class)).contains(RouteMessageType.RTM_GETNEIGH);
        assertThat(neighbourMiss(3, new byte[] {10, 0, 0, 1}).decoded()).isInstanceOf(NeighborMessage.class);
    }

    // 3. an async multicaster

    @Test
    void anAsyncMulticasterLeavesListenersOnThePublishingThreadInOrder() throws Exception {
        ExecutorService publisherThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "netlink-receive-route"));
        try {
            runner.withUserConfiguration(AsyncMulticaster.class, Threads.class).run(context -> {
                assertThat(context).hasNotFailed();
                publisherThread.submit(() -> {
                    for (int i = 1; i <= 200; i++) {
                        context.publishEvent(newLink(i));
                    }
                }).get(10, TimeUnit.SECONDS);
                Threads t = context.getBean(Threads.class);
                assertThat(t.indexes).hasSize(200);
                for (int i = 0; i < 200; i++) {
                    assertThat(t.indexes.get(i)).isEqualTo(i + 1);
                }
                assertThat(t.threads).containsOnly("netlink-receive-route");
            });
        } finally {
            publisherThread.shutdownNow();
        }
    }

    // 4. parent contexts

    @Test
    void aParentContextsListenersSeeAChildsEventOnce() {
        disabled.withUserConfiguration(ParentListeners.class).run(parent -> {
            runner.withParent(parent).withPropertyValues("netlink.enabled=true").withUserConfiguration(Listeners.class).run(child -> {
                assertThat(child).hasNotFailed().hasSingleBean(NetlinkConnections.class);
                child.publishEvent(newLink(6));
                ParentListeners p = parent.getBean(ParentListeners.class);
                assertThat(p.plain).as("a plain @EventListener in the parent").hasSize(1);
                assertThat(p.links).as("a @NetlinkListener in the parent").containsExactly(6);
                assertThat(child.getBean(Listeners.class).links).containsExactly(6);
            });
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {
        final List<Integer> links = new CopyOnWriteArrayList<>();
        final List<Message> messages = new CopyOnWriteArrayList<>();
        final List<NetlinkMessageEvent> events = new CopyOnWriteArrayList<>();

        @NetlinkListener
        void onLink(LinkMessage link) {
            links.add(link.index());
        }

        @NetlinkListener
        void onMessage(Message message) {
            messages.add(message);
        }

        @NetlinkListener
        void onEvent(NetlinkMessageEvent event) {
            events.add(event);
        }

    }

    /** Only where connections are not checked: with netlink disabled. */
    @Configuration(proxyBeanMethods = false)
    static class OtherConnection {
        final List<NetlinkMessageEvent> events = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "other")
        void onOther(NetlinkMessageEvent event) {
            events.add(event);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Neighbours {
        final List<NeighborMessage> all = new CopyOnWriteArrayList<>();
        final List<NeighborMessage> misses = new CopyOnWriteArrayList<>();
        final List<NeighborMessage> added = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route", groups = "neigh")
        void onNeighbour(NeighborMessage n) {
            all.add(n);
        }

        @NetlinkListener(connection = "route", types = RouteMessageType.RTM_GETNEIGH)
        void onMiss(NeighborMessage n) {
            misses.add(n);
        }

        @NetlinkListener(connection = "route", types = RouteMessageType.RTM_NEWNEIGH)
        void onAdded(NeighborMessage n) {
            added.add(n);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AsyncMulticaster {
        @Bean(name = "applicationEventMulticaster", destroyMethod = "")
        ApplicationEventMulticaster applicationEventMulticaster() {
            SimpleApplicationEventMulticaster m = new SimpleApplicationEventMulticaster();
            m.setTaskExecutor(Executors.newFixedThreadPool(4));
            return m;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Threads {
        final List<Integer> indexes = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route")
        void onLink(LinkMessage link) {
            threads.add(Thread.currentThread().getName());
            indexes.add(link.index());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ParentListeners {
        final List<NetlinkMessageEvent> plain = new CopyOnWriteArrayList<>();
        final List<Integer> links = new CopyOnWriteArrayList<>();

        @EventListener
        void onEvent(NetlinkMessageEvent event) {
            plain.add(event);
        }

        @NetlinkListener
        void onLink(LinkMessage link) {
            links.add(link.index());
        }
    }
}
