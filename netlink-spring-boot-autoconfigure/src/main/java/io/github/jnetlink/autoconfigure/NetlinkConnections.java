package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.ConnOption;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.UnsupportedPlatformException;
import io.github.jnetlink.bpf.RawInstruction;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMirror;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Opens the sockets of the {@code netlink.connections.*} entries: the {@link Conn} bean of each (for
 * requests) and the receive loop's own socket (joined to the groups). Every failure becomes a
 * {@link NetlinkStartupException} naming the connection and the property to change. A receive loop's socket gets the
 * BPF program of its {@code filter.*} properties ({@link NotificationFilter}). Each socket is then handed to the
 * {@link NetlinkConnectionCustomizer}s, so a customizer that attaches its own program replaces that one (a socket has
 * one filter).
 */
public final class NetlinkConnections {

    /**
     * The receive buffer of a receive loop's socket when none is configured: bursts of thousands of
     * notifications (a routing daemon's table load) overrun the kernel's default of about 200 KB before a
     * cold JVM drains them; network daemons written in C use megabytes for the same reason (systemd-networkd
     * asks for 128 MB). Measured with {@code netlink-benchmarks/scripts/route-burst.sh}, a burst of 20,000 routes
     * into the sample's printing listener on a cold JVM, 10 runs each: 4 MB lost about half the burst in 4 runs,
     * 8 MB and 16 MB none. The kernel charges the memory only while notifications wait in the queue.
     */
    static final DataSize LISTENER_RECEIVE_BUFFER = DataSize.ofMegabytes(16);

    private final NetlinkProperties properties;
    private final ApplicationEventPublisher publisher;
    private final Supplier<NetlinkMetrics> metrics;
    private final Supplier<List<NetlinkConnectionCustomizer>> customizerSource;
    private final Supplier<NetlinkDialer> dialerSource;
    private volatile @Nullable NetlinkDialer dialer;
    /** The customizers, looked up at the first dial (not at construction, when they may not exist yet). */
    private volatile @Nullable List<NetlinkConnectionCustomizer> customizers;

    NetlinkConnections(NetlinkProperties properties, ApplicationEventPublisher publisher, Supplier<NetlinkMetrics> metrics) {
        this(properties, publisher, metrics, List::of, () -> NetlinkDialer.KERNEL);
    }

    /**
     * @param customizers the customizers in the order to apply them, asked for once, at the first dial
     * @param dialer      what opens the sockets, asked for once, at the first dial
     */
    NetlinkConnections(NetlinkProperties properties, ApplicationEventPublisher publisher, Supplier<NetlinkMetrics> metrics,
            Supplier<List<NetlinkConnectionCustomizer>> customizers, Supplier<NetlinkDialer> dialer) {
        this.properties = properties;
        this.publisher = publisher;
        this.metrics = metrics;
        this.customizerSource = customizers;
        this.dialerSource = dialer;
    }

    /** What opens the sockets: {@link NetlinkDialer#KERNEL} unless the application declares a {@link NetlinkDialer}. */
    NetlinkDialer dialer() {
        NetlinkDialer d = dialer;
        if (d == null) {
            d = dialerSource.get();
            dialer = d;
        }
        return d;
    }

    /**
     * The namespace a connection's sockets open in: its own {@code netns}, else {@code netlink.netns}, else null for
     * the application's own.
     */
    @Nullable String netns(NetlinkProperties.Connection c) {
        if (StringUtils.hasText(c.getNetns())) {
            return c.getNetns();
        }
        return StringUtils.hasText(properties.getNetns()) ? properties.getNetns() : null;
    }

    /** The property that set a connection's namespace, to blame when it cannot be entered. */
    private String netnsProperty(String name, NetlinkProperties.Connection c) {
        return StringUtils.hasText(c.getNetns()) || !StringUtils.hasText(properties.getNetns()) ? prefix(name) + "netns" : "netlink.netns";
    }

    /** The groups a mirror's loop must join, as {@link RouteGroup} names them. */
    static final List<String> MIRROR_GROUPS = RouteMirror.GROUPS.stream().map(RouteGroup::kebabName).toList();

    /**
     * The groups a connection's receive loop joins: its {@code groups}, and with {@code mirror.enabled} those its
     * mirror needs ({@link #MIRROR_GROUPS}) that it does not list already.
     */
    static List<String> groups(NetlinkProperties.Connection c) {
        if (!c.getMirror().isEnabled()) {
            return c.getGroups();
        }
        List<String> out = new java.util.ArrayList<>(c.getGroups());
        Set<String> listed = new HashSet<>();
        for (String g : c.getGroups()) {
            listed.add(g == null ? "" : canonical(g.trim()));
        }
        for (String g : MIRROR_GROUPS) {
            if (!listed.contains(g)) {
                out.add(g);
            }
        }
        return out;
    }

    private static String canonical(String group) {
        try {
            return group.matches("\\d+") ? RouteGroup.fromNumber(Integer.parseInt(group)).kebabName()
                    : RouteGroup.fromName(group).kebabName();
        } catch (NetlinkException | NumberFormatException e) {
            return group;
        }
    }

    /** Whether a connection has a receive loop: groups (its own or its mirror's) and an enabled listener. */
    static boolean hasLoop(NetlinkProperties.Connection c) {
        return c.getListener().isEnabled() && groups(c).stream().anyMatch(g -> g != null && !g.isBlank());
    }

    /**
     * Makes the {@code RouteMirror} of a connection with {@code mirror.enabled}: fed by its receive loop, dumping over
     * {@code requests} (the connection's {@code Conn} bean), publishing each change as a {@link NetlinkMirrorChangeEvent}.
     * The loop starts it once its socket has joined the groups.
     *
     * @param name     the connection name
     * @param requests the connection's {@code Conn} bean
     * @return the mirror, not started
     */
    RouteMirror mirror(String name, Conn requests) {
        RouteMirror mirror = RouteMirror.fed(requests);
        mirror.addListener(change -> publisher.publishEvent(new NetlinkMirrorChangeEvent(name, change)));
        return mirror;
    }

    /**
     * Opens the request socket of a connection, not joined to any group.
     *
     * @param name the connection name
     * @return the open connection
     * @throws NetlinkStartupException naming the property to change
     */
    public Conn open(String name) {
        NetlinkProperties.Connection c = connection(name);
        int protocol = protocol(name, c);
        return dial(name, c, protocol, false, Map.of(), List.of());
    }

    /**
     * Creates the receive loop of a connection; its socket is opened and joined when the loop starts.
     *
     * @param name the connection name
     * @return the loop, which re-dials a failed socket after 100 ms doubling to 30 s
     */
    NetlinkReceiveLoop receiveLoop(String name) {
        return receiveLoopWithBackoff(name, NetlinkReceiveLoop.DEFAULT_INITIAL_BACKOFF, NetlinkReceiveLoop.DEFAULT_MAX_BACKOFF);
    }

    /**
     * Creates the receive loop of a connection with the given bounds of its re-dial backoff. Its groups and its
     * filter are resolved here, when the loop bean is created, so that a bad value fails startup even when the loop
     * does not start with the context.
     *
     * @param name           the connection name
     * @param initialBackoff the wait before the first re-dial after a failure
     * @param maxBackoff     the longest wait between re-dials
     * @return the loop
     */
    NetlinkReceiveLoop receiveLoopWithBackoff(String name, Duration initialBackoff, Duration maxBackoff) {
        NetlinkProperties.Connection c = connection(name);
        int protocol = protocol(name, c);
        Map<Integer, String> groups = resolveGroups(name, c, protocol);
        List<RawInstruction> filter = NotificationFilter.compile(name, c.getFilter(), protocol);
        Supplier<Conn> dialer = () -> {
            Conn conn = dial(name, c, protocol, true, groups, filter);
            try {
                for (Map.Entry<Integer, String> g : groups.entrySet()) {
                    try {
                        conn.joinGroup(g.getKey());
                    } catch (NetlinkSystemException e) {
                        throw new NetlinkStartupException(name, prefix(name) + "groups", g.getValue(), List.of(),
                                "netlink connection '" + name + "' cannot join multicast group " + g.getValue() + " ("
                                        + g.getKey() + "): " + e.getMessage(), e);
                    }
                }
                if (c.isNoEnobufs()) {
                    conn.setOption(ConnOption.NO_ENOBUFS, true);
                }
                return conn;
            } catch (RuntimeException e) {
                conn.close();
                throw e;
            }
        };
        return new NetlinkReceiveLoop(name, dialer, groups, publisher, initialBackoff, maxBackoff);
    }

    private NetlinkProperties.Connection connection(String name) {
        NetlinkProperties.Connection c = properties.getConnections().get(name);
        if (c == null) {
            throw new NetlinkStartupException(name, "netlink.connections." + name, null, List.copyOf(properties.getConnections().keySet()),
                    "no netlink connection named '" + name + "' is configured", null);
        }
        return c;
    }

    static String prefix(String name) {
        return "netlink.connections." + name + ".";
    }

    private static int protocol(String name, NetlinkProperties.Connection c) {
        try {
            return Protocol.parse(c.getProtocol());
        } catch (NetlinkException e) {
            throw new NetlinkStartupException(name, prefix(name) + "protocol", c.getProtocol(), Protocol.names(), e.getMessage(), e);
        }
    }

    /**
     * Opens a socket: the Conn bean's, or a receive loop's ({@code listening}), which gets {@code filter} (when not
     * empty) and then joins {@code groups}.
     */
    private Conn dial(String name, NetlinkProperties.Connection c, int protocol, boolean listening, Map<Integer, String> groups,
            List<RawInstruction> filter) {
        DataSize receiveBuffer = c.getReceiveBufferSize() == null && listening ? LISTENER_RECEIVE_BUFFER : c.getReceiveBufferSize();
        Config config = Config.DEFAULT
                .withNetns(netns(c))
                .withReceiveBufferSize(bytes(name, "receive-buffer-size", receiveBuffer))
                .withSendBufferSize(bytes(name, "send-buffer-size", c.getSendBufferSize()))
                .withStrict(c.isStrict())
                .withTrustedPeers(trustedPeers(name, c))
                .withObserver(metrics.get().observer(name, protocol, groups));
        Conn conn;
        try {
            conn = dialer().dial(name, protocol, config);
        } catch (UnsupportedPlatformException e) {
            throw new NetlinkStartupException(name, null, null, List.of(), "netlink connection '" + name + "': " + e.getMessage(), e);
        } catch (NetlinkSystemException e) {
            throw new NetlinkStartupException(name, blame(name, c, e), valueOf(c, e), List.of(),
                    "netlink connection '" + name + "' cannot be opened: " + e.getMessage(), e);
        }
        try {
            if (c.isExtendedAck() && !c.isStrict()) {
                conn.setOption(ConnOption.EXTENDED_ACKNOWLEDGE, true);
            }
            if (listening) {
                // the kernel names the group of each notification, also above 32, for @NetlinkListener(groups)
                conn.setOption(ConnOption.PACKET_INFO, true);
            }
        } catch (NetlinkSystemException e) {
            conn.close();
            throw new NetlinkStartupException(name, prefix(name) + "extended-ack", "true", List.of("false"),
                    "netlink connection '" + name + "': this kernel has no extended ACKs: " + e.getMessage(), e);
        }
        if (!filter.isEmpty()) {
            try {
                conn.setBpf(filter);
            } catch (NetlinkException e) {
                conn.close();
                throw new NetlinkStartupException(name, prefix(name) + "filter", null, List.of(),
                        "netlink connection '" + name + "': the kernel refused the filter's BPF program: " + e.getMessage(), e);
            }
        }
        // after the filter: a customizer's own program replaces it
        customize(name, conn, listening ? NetlinkConnectionCustomizer.Socket.RECEIVE_LOOP : NetlinkConnectionCustomizer.Socket.BEAN);
        return conn;
    }

    /** Applies every customizer in order; closes the socket and names the connection when one throws. */
    private void customize(String name, Conn conn, NetlinkConnectionCustomizer.Socket socket) {
        for (NetlinkConnectionCustomizer customizer : customizers()) {
            try {
                customizer.customize(name, conn, socket);
            } catch (RuntimeException e) {
                conn.close();
                String which = socket == NetlinkConnectionCustomizer.Socket.BEAN ? "its Conn bean" : "its receive loop's socket";
                throw new NetlinkStartupException(name, null, null, List.of(), "netlink connection '" + name + "': the "
                        + NetlinkConnectionCustomizer.class.getSimpleName() + " " + customizer.getClass().getName()
                        + " failed on " + which + ": " + e.getMessage(), e);
            }
        }
    }

    private List<NetlinkConnectionCustomizer> customizers() {
        List<NetlinkConnectionCustomizer> c = customizers;
        if (c == null) {
            synchronized (this) {
                c = customizers;
                if (c == null) {
                    c = List.copyOf(customizerSource.get());
                    customizers = c;
                }
            }
        }
        return c;
    }

    private static int bytes(String name, String property, @Nullable DataSize size) {
        if (size == null) {
            return 0;
        }
        long b = size.toBytes();
        if (b <= 0 || b > Integer.MAX_VALUE) {
            throw new NetlinkStartupException(name, prefix(name) + property, size.toString(), List.of(),
                    "netlink connection '" + name + "': " + property + " must be between 1B and 2GB, got " + size, null);
        }
        return (int) b;
    }

    /** The property a failed system call points at, from the call and what it was made on. */
    private @Nullable String blame(String name, NetlinkProperties.Connection c, NetlinkSystemException e) {
        return switch (e.syscall()) {
            case "open", "setns" -> netnsProperty(name, c);
            case "socket" -> prefix(name) + "protocol";
            case "setsockopt", "getsockopt" -> switch (e.subject()) {
                case "SO_RCVBUFFORCE", "SO_RCVBUF" -> prefix(name) + "receive-buffer-size";
                case "SO_SNDBUFFORCE", "SO_SNDBUF" -> prefix(name) + "send-buffer-size";
                case "NETLINK_EXT_ACK", "NETLINK_GET_STRICT_CHK" -> prefix(name) + "strict";
                case "NETLINK_ADD_MEMBERSHIP" -> prefix(name) + "groups";
                default -> null;
            };
            default -> null;
        };
    }

    private @Nullable String valueOf(NetlinkProperties.Connection c, NetlinkSystemException e) {
        return switch (e.syscall()) {
            case "open", "setns" -> netns(c);
            case "socket" -> c.getProtocol();
            default -> null;
        };
    }

    private static Set<Integer> trustedPeers(String name, NetlinkProperties.Connection c) {
        List<Integer> peers = c.getTrustedPeers();
        for (int i = 0; i < peers.size(); i++) {
            if (peers.get(i) == null) {
                throw new NetlinkStartupException(name, prefix(name) + "trusted-peers[" + i + "]", "", List.of(),
                        "trusted peers are port IDs; entry " + i + " is empty", null);
            }
        }
        return new HashSet<>(peers);
    }

    /** Group numbers and their canonical names, in configured order. */
    private Map<Integer, String> resolveGroups(String name, NetlinkProperties.Connection c, int protocol) {
        Map<Integer, String> out = new LinkedHashMap<>();
        List<String> groups = groups(c);
        for (int i = 0; i < groups.size(); i++) {
            String property = prefix(name) + "groups[" + i + "]";
            String g = groups.get(i) == null ? "" : groups.get(i).trim();
            if (g.matches("\\d+")) {
                long n = g.length() > 10 ? Long.MAX_VALUE : Long.parseLong(g);
                if (n <= 0 || n > Integer.MAX_VALUE) {
                    throw new NetlinkStartupException(name, property, g, List.of(),
                            "multicast group numbers are 1 to " + Integer.MAX_VALUE, null);
                }
                out.put((int) n, GroupNames.nameOf(protocol, (int) n));
            } else if (g.contains("/")) {
                out.put(GroupNames.resolveGeneric(name, property, g, protocol, netns(c), dialer()), g);
            } else {
                GroupNames.Resolved r = GroupNames.resolve(name, property, g, protocol);
                out.put(r.number(), r.name());
            }
        }
        return out;
    }
}
