package io.github.jnetlink.autoconfigure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationListener;

/**
 * A {@code netlink.notifications.received} counter of the multicast notifications the receive loops publish, tagged
 * {@code connection}, {@code group} (the joined group's configured name, such as {@code link}, or its number) and
 * {@code type} (as in {@code netlink.messages.received}). Next to {@code netlink.overruns} it tells which group's
 * traffic fills the receive buffer.
 *
 * <p>Counted here, from the {@link NetlinkMessageEvent}s, because the connection's {@code ConnObserver} sees a
 * message but not the group it came through. Every tag value is bounded: connections and groups come from
 * configuration, types are 16-bit. A counter is looked up per event in a map keyed by group and type. It may be
 * counted on whatever thread the multicaster chooses: the count does not depend on order.
 */
final class NetlinkNotificationMeters implements ApplicationListener<NetlinkMessageEvent> {

    private final MeterRegistry registry;
    /** By connection, then by {@code group << 16 | type}. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<Long, Counter>> counters = new ConcurrentHashMap<>();

    NetlinkNotificationMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(NetlinkMessageEvent event) {
        long key = (long) event.group() << 16 | event.type();
        counters.computeIfAbsent(event.connection(), c -> new ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> Counter.builder("netlink.notifications.received")
                        .description("Multicast notifications the receive loop published to the listeners")
                        .baseUnit("messages")
                        .tag("connection", event.connection())
                        .tag("group", event.groupName())
                        .tag("type", MicrometerNetlinkMetrics.typeName(event.protocol(), event.type()))
                        .register(registry))
                .increment();
    }
}
