package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.RouteMirror;
import io.github.jnetlink.route.RouteMirrorChange;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one connection's receive loop: {@code UP} while it receives on an open socket, {@code DOWN} while its
 * socket has failed (it waits out its backoff or dials a new one) or while it is stopped although the application runs,
 * {@code UNKNOWN} while it starts, while it is paused, while a loop with {@code listener.auto-startup=false} is
 * stopped (the application starts it when it wants to) and once the application shuts down. Details: the state, the protocol, the joined
 * groups, the receive buffer asked for and the one the kernel granted ({@code SO_RCVBUF}, twice what it reserves), the
 * notifications published, the overruns and failures counted, when the last datagram arrived and how long ago, and
 * the last failure's message; for a loop feeding a {@code RouteMirror}, whether it is synced, its object counts and
 * its resyncs.
 */
final class NetlinkHealthIndicator implements HealthIndicator {

    private final NetlinkReceiveLoop loop;
    private final BooleanSupplier closing;

    /**
     * @param loop    the receive loop
     * @param closing whether the application context is shutting down, when a stopped loop is expected
     */
    NetlinkHealthIndicator(NetlinkReceiveLoop loop, BooleanSupplier closing) {
        this.loop = loop;
        this.closing = closing;
    }

    @Override
    public Health health() {
        NetlinkReceiveLoop.State state = loop.state();
        Health.Builder builder = switch (state) {
            case RUNNING -> Health.up();
            case FAILED -> Health.down();
            // a loop the application starts itself (auto-startup=false) or paused is stopped on purpose
            case STOPPED -> closing.getAsBoolean() || !loop.isAutoStartup() ? Health.unknown() : Health.down();
            case PAUSED -> Health.unknown();
            case STARTING -> Health.unknown();
        };
        builder.withDetail("state", state.name());
        Conn conn = loop.conn();
        if (conn != null) {
            builder.withDetail("protocol", Protocol.name(conn.protocol()));
        }
        builder.withDetail("groups", List.copyOf(loop.groups().values()));
        if (loop.requestedReceiveBuffer() > 0) {
            builder.withDetail("receiveBufferRequestedBytes", loop.requestedReceiveBuffer());
        }
        if (state == NetlinkReceiveLoop.State.RUNNING && loop.grantedReceiveBuffer() > 0) {
            builder.withDetail("receiveBufferBytes", loop.grantedReceiveBuffer());
        }
        builder.withDetail("notifications", loop.notifications());
        builder.withDetail("overruns", loop.overruns());
        if (loop.concurrency() > 1) {
            builder.withDetail("concurrency", loop.concurrency());
            builder.withDetail("queued", loop.queued());
            builder.withDetail("overflows", loop.overflows());
        }
        builder.withDetail("failures", loop.failures());
        RouteMirror mirror = loop.mirror();
        if (mirror != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("synced", mirror.isSynced());
            m.put("links", mirror.size(RouteMirrorChange.Kind.LINK));
            m.put("addresses", mirror.size(RouteMirrorChange.Kind.ADDRESS));
            m.put("routes", mirror.size(RouteMirrorChange.Kind.ROUTE));
            m.put("neighbors", mirror.size(RouteMirrorChange.Kind.NEIGHBOR));
            m.put("rules", mirror.size(RouteMirrorChange.Kind.RULE));
            m.put("nexthops", mirror.size(RouteMirrorChange.Kind.NEXTHOP));
            m.put("resyncs", mirror.resyncs());
            builder.withDetail("mirror", m);
        }
        Instant lastReceived = loop.lastReceived();
        if (lastReceived != null) {
            builder.withDetail("lastReceived", lastReceived.toString());
            builder.withDetail("lastReceivedAge", Duration.between(lastReceived, Instant.now()).toString());
        }
        RuntimeException last = loop.lastFailure();
        if (last != null) {
            builder.withDetail("lastFailure", String.valueOf(last.getMessage()));
        }
        return builder.build();
    }
}
