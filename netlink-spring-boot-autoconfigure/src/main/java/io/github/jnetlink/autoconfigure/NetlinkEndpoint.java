package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.util.StringUtils;

/**
 * The {@code netlink} Actuator endpoint ({@code /actuator/netlink}): every configured connection with its protocol,
 * network namespace and groups, its receive loop's state and counters, and the {@link NetlinkListener} methods that
 * listen to it with their filters. {@code /actuator/netlink/NAME} shows one connection (404 for an unknown name).
 *
 * <p>It only reads: loops are started, stopped, paused and resumed through the {@link NetlinkListenerContainerRegistry}.
 * Like every endpoint it is exposed over HTTP only when listed in {@code management.endpoints.web.exposure.include}.
 */
@Endpoint(id = "netlink")
public final class NetlinkEndpoint {

    private final NetlinkProperties properties;
    private final ObjectProvider<NetlinkReceiveLoop> loops;
    private final Supplier<List<ListenerDescriptor>> listeners;

    NetlinkEndpoint(NetlinkProperties properties, ObjectProvider<NetlinkReceiveLoop> loops,
            Supplier<List<ListenerDescriptor>> listeners) {
        this.properties = properties;
        this.loops = loops;
        this.listeners = listeners;
    }

    /** @return every configured connection, by name, in configuration order */
    @ReadOperation
    public NetlinkDescriptor netlink() {
        Map<String, NetlinkReceiveLoop> byName = loops();
        List<ListenerDescriptor> all = listeners.get();
        Map<String, ConnectionDescriptor> out = new LinkedHashMap<>();
        properties.getConnections().forEach((name, c) -> out.put(name, describe(name, c, byName.get(name), all, properties)));
        return new NetlinkDescriptor(properties.isEnabled(), out);
    }

    /**
     * @param name the connection name, {@code NAME} of {@code netlink.connections.NAME}
     * @return that connection, or null (HTTP 404) when none has that name
     */
    @ReadOperation
    public @Nullable ConnectionDescriptor connection(@Selector String name) {
        NetlinkProperties.Connection c = properties.getConnections().get(name);
        return c == null ? null : describe(name, c, loops().get(name), listeners.get(), properties);
    }

    private Map<String, NetlinkReceiveLoop> loops() {
        Map<String, NetlinkReceiveLoop> out = new LinkedHashMap<>();
        loops.orderedStream().forEach(l -> out.put(l.getConnectionName(), l));
        return out;
    }

    private static ConnectionDescriptor describe(String name, NetlinkProperties.Connection c, @Nullable NetlinkReceiveLoop loop,
            List<ListenerDescriptor> all, NetlinkProperties properties) {
        List<ListenerDescriptor> mine = all.stream().filter(l -> l.connection() == null || l.connection().equals(name)).toList();
        String netns = StringUtils.hasText(c.getNetns()) ? c.getNetns()
                : StringUtils.hasText(properties.getNetns()) ? properties.getNetns() : null;
        return new ConnectionDescriptor(protocol(c.getProtocol()), netns,
                List.copyOf(NetlinkConnections.groups(c)), loop == null ? null : describe(loop), loop == null ? List.of() : mine);
    }

    private static String protocol(String configured) {
        try {
            return Protocol.name(Protocol.parse(configured));
        } catch (NetlinkException e) {
            return configured;
        }
    }

    private static LoopDescriptor describe(NetlinkReceiveLoop loop) {
        RuntimeException last = loop.lastFailure();
        Map<String, String> groups = new LinkedHashMap<>();
        loop.groups().forEach((number, groupName) -> groups.put(Integer.toString(number), groupName));
        return new LoopDescriptor(loop.state().name(), loop.isAutoStartup(), groups,
                loop.requestedReceiveBuffer() > 0 ? loop.requestedReceiveBuffer() : null,
                loop.state() == NetlinkReceiveLoop.State.RUNNING && loop.grantedReceiveBuffer() > 0 ? loop.grantedReceiveBuffer() : null,
                loop.notifications(), loop.overruns(), loop.failures(), loop.concurrency(), loop.queued(), loop.overflows(),
                loop.lastReceived(),
                last == null ? null : String.valueOf(last.getMessage()));
    }

    /**
     * What the endpoint returns.
     *
     * @param enabled     {@code netlink.enabled}
     * @param connections the configured connections by name
     */
    public record NetlinkDescriptor(boolean enabled, Map<String, ConnectionDescriptor> connections) {
    }

    /**
     * One connection.
     *
     * @param protocol  the netlink protocol's name ({@code route}, {@code generic}, ...), or the configured value
     * @param netns     the network namespace its sockets open in; null for the application's own
     * @param groups    the multicast groups as configured
     * @param loop      its receive loop; null when it has none (no groups, or {@code listener.enabled=false})
     * @param listeners the {@code @NetlinkListener} methods that hear it; empty without a loop
     */
    public record ConnectionDescriptor(String protocol, @Nullable String netns, List<String> groups,
            @Nullable LoopDescriptor loop, List<ListenerDescriptor> listeners) {
    }

    /**
     * A receive loop.
     *
     * @param state                       {@code STARTING}, {@code RUNNING}, {@code PAUSED}, {@code FAILED} or
     *                                    {@code STOPPED}
     * @param autoStartup                 {@code listener.auto-startup}
     * @param groups                      the joined groups: number to name
     * @param receiveBufferRequestedBytes the receive buffer asked for; null for the kernel default
     * @param receiveBufferBytes          {@code SO_RCVBUF} as granted when the running socket opened; null unless running
     * @param notifications               notifications published since startup
     * @param overruns                    receive-buffer overruns since startup
     * @param failures                    socket failures since startup, each followed by a re-dial
     * @param concurrency                 {@code listener.concurrency}: the lanes calling the listeners
     * @param queued                      notifications waiting in the lanes (0 with concurrency 1)
     * @param overflows                   notifications dropped because their lane was full (also in overruns)
     * @param lastReceived                when the last datagram arrived; null before the first
     * @param lastFailure                 the last failure's message; null when none
     */
    public record LoopDescriptor(String state, boolean autoStartup, Map<String, String> groups,
            @Nullable Integer receiveBufferRequestedBytes, @Nullable Integer receiveBufferBytes, long notifications,
            long overruns, long failures, int concurrency, int queued, long overflows, @Nullable Instant lastReceived,
            @Nullable String lastFailure) {
    }

    /**
     * A {@link NetlinkListener} method.
     *
     * @param id         its {@code id}, or {@code Class.method}: the {@code listener} tag of its meters
     * @param bean       the bean it is a method of
     * @param method     the method, {@code package.Class.method(Parameter)}
     * @param connection its {@code connection}; null when it hears every connection with a loop
     * @param groups     its {@code groups} filter; empty for every joined group
     * @param types      its {@code types} filter; empty for every type the parameter carries
     * @param condition  its SpEL {@code condition}; null when none
     */
    public record ListenerDescriptor(String id, String bean, String method, @Nullable String connection,
            List<String> groups, List<Integer> types, @Nullable String condition) {
    }
}
