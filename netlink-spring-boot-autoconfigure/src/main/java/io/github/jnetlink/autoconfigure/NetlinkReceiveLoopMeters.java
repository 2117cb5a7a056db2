package io.github.jnetlink.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Per receive loop, tagged {@code connection}: a {@code netlink.listener.container.state} gauge, 1 while the loop
 * receives on an open socket, 0 while it starts, has failed or is stopped; and a {@code netlink.listener.overflows}
 * counter of the notifications dropped because a listener lane was full ({@code listener.concurrency} above 1),
 * registered at zero. Registered once all singletons exist, so that they never make the loops be created early.
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
    }
}
