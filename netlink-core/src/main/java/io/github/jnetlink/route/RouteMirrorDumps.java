package io.github.jnetlink.route;

import static io.github.jnetlink.HeaderFlags.DUMP;
import static io.github.jnetlink.HeaderFlags.REQUEST;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Dumps;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.route.RouteMirrorChange.Kind;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dumps a {@link RouteMirror} syncs from: links, addresses, routes (every table, both families), neighbours,
 * proxy neighbours, rules (every family) and nexthop objects, each with {@link Dumps#executeConsistent(Conn, Message, int, String)}, which repeats a dump the
 * kernel marks {@code NLM_F_DUMP_INTR}. Takes no lock; the mirror calls it outside its lock.
 */
final class RouteMirrorDumps {

    private RouteMirrorDumps() {
    }

    /**
     * Dumps {@code kinds} on {@code conn}, of the neighbours those {@code scope} names.
     *
     * @return for each kind, its entries by key ({@link RouteMirrorKeys}), in the dump's order
     */
    static EnumMap<Kind, Map<Object, Object>> dump(Conn conn, Set<Kind> kinds, Scope scope) {
        EnumMap<Kind, Map<Object, Object>> out = new EnumMap<>(Kind.class);
        for (Kind k : kinds) {
            Map<Object, Object> entries = new LinkedHashMap<>();
            switch (k) {
                case LINK -> {
                    for (Message m : dump(conn, RouteMessageType.RTM_GETLINK, new byte[LinkMessage.HEADER_SIZE],
                            "route mirror: dump links")) {
                        if (m.header().type() == RouteMessageType.RTM_NEWLINK) {
                            keep(entries, Kind.LINK, LinkMessage.decode(m));
                        }
                    }
                }
                case ADDRESS -> {
                    for (Message m : dump(conn, RouteMessageType.RTM_GETADDR, new byte[AddressMessage.HEADER_SIZE],
                            "route mirror: dump addresses")) {
                        if (m.header().type() == RouteMessageType.RTM_NEWADDR) {
                            keep(entries, Kind.ADDRESS, AddressMessage.decode(m));
                        }
                    }
                }
                case ROUTE -> entries = routes(conn);
                case NEIGHBOR -> {
                    if (scope != Scope.PROXY) {
                        for (Message m : dump(conn, RouteMessageType.RTM_GETNEIGH,
                                new byte[NeighborMessage.HEADER_SIZE], "route mirror: dump neighbours")) {
                            if (m.header().type() == RouteMessageType.RTM_NEWNEIGH) {
                                NeighborMessage n = NeighborMessage.decode(m);
                                if (scope == Scope.ALL || unnotified(n)) {
                                    keep(entries, Kind.NEIGHBOR, n);
                                }
                            }
                        }
                    }
                    // A neighbour dump lists proxy entries only when asked with ndm_flags == NTF_PROXY, and then
                    // nothing else; kernels that do not know the flag answer with ordinary entries, skipped here.
                    byte[] ndmsg = new byte[NeighborMessage.HEADER_SIZE];
                    ndmsg[10] = (byte) NeighborMessage.NTF_PROXY;
                    for (Message m : dump(conn, RouteMessageType.RTM_GETNEIGH, ndmsg,
                            "route mirror: dump proxy neighbours")) {
                        if (m.header().type() == RouteMessageType.RTM_NEWNEIGH) {
                            NeighborMessage n = NeighborMessage.decode(m);
                            if ((n.flags() & NeighborMessage.NTF_PROXY) != 0) {
                                keep(entries, Kind.NEIGHBOR, n);
                            }
                        }
                    }
                }
                case RULE -> {
                    for (Message m : optional(conn, RouteMessageType.RTM_GETRULE, RuleMessage.HEADER_SIZE,
                            "route mirror: dump rules")) {
                        if (m.header().type() == RouteMessageType.RTM_NEWRULE) {
                            keep(entries, Kind.RULE, RuleMessage.decode(m));
                        }
                    }
                }
                case NEXTHOP -> {
                    for (Message m : optional(conn, RouteMessageType.RTM_GETNEXTHOP, NexthopMessage.HEADER_SIZE,
                            "route mirror: dump nexthops")) {
                        if (m.header().type() == RouteMessageType.RTM_NEWNEXTHOP) {
                            keep(entries, Kind.NEXTHOP, NexthopMessage.decode(m));
                        }
                    }
                }
            }
            out.put(k, entries);
        }
        return out;
    }

    /** Which neighbour entries a dump covers; the other kinds it dumps whole. */
    enum Scope {
        /** Every entry. */
        ALL,
        /** Only the proxy entries, which the kernel never notifies. */
        PROXY,
        /** The proxy entries and the {@code NUD_NOARP} ones, which the kernel makes for multicast without notifying. */
        UNNOTIFIED
    }

    /** @return whether the kernel may have made the (non-proxy) entry without a notification: a NOARP one */
    static boolean unnotified(NeighborMessage n) {
        return (n.state() & NeighborMessage.NUD_NOARP) != 0;
    }

    /** Routes hint how large the next route dump is, so that its map is sized once. */
    private static volatile int routeHint = 16;

    /**
     * The routes, from views over the receive buffer ({@link Conn#stream}): a dump of 100,000 routes makes no message
     * objects. The first {@link RouteMirrorPipeline#START_AFTER} are decoded in place, the rest on a second thread
     * while this one receives ({@link RouteMirrorPipeline}). Repeated while the kernel marks it
     * {@code NLM_F_DUMP_INTR}, as the other dumps are.
     */
    private static Map<Object, Object> routes(Conn conn) {
        Message request = Message.of(RouteMessageType.RTM_GETROUTE, REQUEST | DUMP, new byte[RouteMessage.HEADER_SIZE]);
        // sized for the dump: growing a map of 100,000 routes step by step costs more than decoding them
        RouteMirrorRoutes entries = new RouteMirrorRoutes(routeHint);
        // a long dump is decoded on a second thread while this one receives the rest of it
        try (RouteMirrorPipeline pipeline = new RouteMirrorPipeline(entries)) {
            Dumps.streamConsistent(conn, request, Dumps.DEFAULT_ATTEMPTS, "route mirror: dump routes",
                    pipeline::restart, v -> {
                        if (v.type() == RouteMessageType.RTM_NEWROUTE) {
                            pipeline.accept(v);
                        }
                    });
            pipeline.finish();
        }
        routeHint = Math.max(16, entries.size() + entries.size() / 16);
        return entries;
    }

    private static void keep(Map<Object, Object> entries, Kind kind, Object entry) {
        Object key = RouteMirrorKeys.key(kind, entry);
        if (key != null) {
            entries.put(key, entry);
        }
    }

    /**
     * A dump of objects a kernel may lack: none when it answers that it does not know them, as one built without
     * nexthop objects (before 5.3) or policy routing ({@code CONFIG_IP_MULTIPLE_TABLES}) does.
     */
    private static List<Message> optional(Conn conn, int type, int headerSize, String operation) {
        try {
            return dump(conn, type, new byte[headerSize], operation);
        } catch (NetlinkErrorException e) {
            if (e.errno() == EOPNOTSUPP || e.errno() == EAFNOSUPPORT) {
                return List.of();
            }
            throw e;
        }
    }

    private static final int EAFNOSUPPORT = 97;
    private static final int EOPNOTSUPP = 95;

    private static List<Message> dump(Conn conn, int type, byte[] payload, String operation) {
        return Dumps.executeConsistent(conn, Message.of(type, REQUEST | DUMP, payload), Dumps.DEFAULT_ATTEMPTS,
                operation);
    }
}
