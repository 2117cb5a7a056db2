package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.route.RouteMirror;
import io.github.jnetlink.route.RouteMirrorChange;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Per receive loop, tagged {@code connection}: a {@code netlink.listener.container.state} gauge, 1 while the loop
 * receives on an open socket, 0 while it starts, has failed or is stopped; and a {@code netlink.listener.overflows}
 * counter of the notifications dropped because a listener lane was full ({@code listener.concurrency} above 1),
 * registered at zero. A loop feeding a {@code RouteMirror} ({@code mirror.enabled}) adds {@code netlink.mirror.objects}
 * gauges tagged {@code kind} ({@code link}, {@code address}, {@code route}, {@code neighbor}), a
 * {@code netlink.mirror.synced} gauge (1 once the mirror matches the kernel, 0 while it starts or resyncs) and a
 * {@code netlink.mirror.resyncs} counter. Registered once all singletons exist, so that they never make the loops be
 * created early.
 */
final class NetlinkReceiveLoopMeters implements SmartInitializingSingleton {

    private final MeterRegistry registry;
    private final ObjectProvider<NetlinkReceiveLoop> loops;

    NetlinkReceiveLoopMeters(MeterRegistry registry, ObjectProvider<NetlinkReceiveLoop> loops) {
        this.registry = registry;
        this.loops = loops;
    }

    @Override
    public void afterSingletonsInstantiated() {
        loops.orderedStream().forEach(this::register);
    }

    private void register(NetlinkReceiveLoop loop) {
        Gauge.builder("netlink.listener.container.state", loop, l -> l.state() == NetlinkReceiveLoop.State.RUNNING ? 1 : 0)
                .description("Whether the connection's receive loop is receiving (1) or not: starting, failed or stopped (0)")
                .tag("connection", loop.name())
                .register(registry);
        FunctionCounter.builder("netlink.listener.overflows", loop, NetlinkReceiveLoop::overflows)
                .description("Notifications dropped because the listener lane they belong to was full, or still queued"
                        + " when the receive loop stopped")
                .baseUnit("messages")
                .tag("connection", loop.name())
                .register(registry);
        RouteMirror mirror = loop.mirror();
        if (mirror != null) {
            registerMirror(loop.name(), mirror);
        }
    }

    private void registerMirror(String connection, RouteMirror mirror) {
        objects(connection, mirror, "link", RouteMirrorChange.Kind.LINK);
        objects(connection, mirror, "address", RouteMirrorChange.Kind.ADDRESS);
        objects(connection, mirror, "route", RouteMirrorChange.Kind.ROUTE);
        objects(connection, mirror, "neighbor", RouteMirrorChange.Kind.NEIGHBOR);
        objects(connection, mirror, "rule", RouteMirrorChange.Kind.RULE);
        objects(connection, mirror, "nexthop", RouteMirrorChange.Kind.NEXTHOP);
        Gauge.builder("netlink.mirror.synced", mirror, m -> m.isSynced() ? 1 : 0)
                .description("Whether the connection's RouteMirror matches the kernel (1) or is starting or resyncing (0)")
                .tag("connection", connection)
                .register(registry);
        FunctionCounter.builder("netlink.mirror.resyncs", mirror, RouteMirror::resyncs)
                .description("Resyncs of the connection's RouteMirror after lost notifications: each a fresh dump, diffed")
                .tag("connection", connection)
                .register(registry);
    }

    private void objects(String connection, RouteMirror mirror, String kind, RouteMirrorChange.Kind counted) {
        // counted in place: a scrape never builds a snapshot of the whole table
        Gauge.builder("netlink.mirror.objects", mirror, m -> m.size(counted))
                .description("Objects in the connection's RouteMirror")
                .tag("connection", connection)
                .tag("kind", kind)
                .register(registry);
    }
}
