package io.github.jnetlink.autoconfigure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * A {@code netlink.listener.container.state} gauge per receive loop, tagged {@code connection}: 1 while the loop
 * receives on an open socket, 0 while it starts, has failed or is stopped. Registered once all singletons exist, so
 * that it never makes the loops be created early.
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
        loops.orderedStream().forEach(loop -> Gauge.builder("netlink.listener.container.state", loop,
                        l -> l.state() == NetlinkReceiveLoop.State.RUNNING ? 1 : 0)
                .description("Whether the connection's receive loop is receiving (1) or not: starting, failed or stopped (0)")
                .tag("connection", loop.name())
                .register(registry));
    }
}
