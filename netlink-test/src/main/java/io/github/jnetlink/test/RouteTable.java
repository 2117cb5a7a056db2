package io.github.jnetlink.test;

import static io.github.jnetlink.HeaderFlags.CREATE;
import static io.github.jnetlink.HeaderFlags.EXCL;
import static io.github.jnetlink.HeaderFlags.REPLACE;

import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.NextHop;
import io.github.jnetlink.route.NexthopMessage;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The IPv4 and IPv6 routes of every table of one fake namespace, with the rules of {@code fib_table_insert} /
 * {@code fib_table_delete} and {@code ip6_route_add} / {@code ip6_route_del}: one route per key (family, table,
 * destination prefix, TOS, metric, and for IPv6 the source prefix), a replace in place, a delete matching every
 * attribute sent. Each change appends the notifications the kernel sends to {@code out}, and either changes the
 * table and returns or throws a {@link Refusal} having changed nothing. Not thread-safe.
 */
final class RouteTable implements NexthopTable.Users {

    private static final int IP6_RT_PRIO_USER = 1024;
    private static final int RTN_THROW = 9;
    private static final int RTM_F_CLONED = 0x200;
    private static final int RTM_F_FIB_MATCH = 0x2000;
    /** Tables of the default policy rules, in the order they are consulted. */
    private static final int[] LOOKUP_TABLES = {RouteMessage.RT_TABLE_LOCAL, RouteMessage.RT_TABLE_MAIN,
            RouteMessage.RT_TABLE_DEFAULT};

    /** Dump order: IPv4 before IPv6, tables by hash bucket, then destination, longer prefixes first, TOS, metric. */
    private static final Comparator<RouteMessage> ORDER = Comparator
            .<RouteMessage>comparingInt(r -> r.family() == AddressFamily.INET ? 0 : 1)
            .thenComparingInt(r -> r.table() & 0xFF).thenComparingInt(RouteMessage::table)
            .thenComparing(r -> bytes(r.destination(), r.family()), Arrays::compareUnsigned)
            .thenComparing(Comparator.comparingInt(RouteMessage::destinationLength).reversed())
            .thenComparing(Comparator.comparingInt(RouteMessage::tos).reversed())
            .thenComparingLong(r -> r.priority() == null ? 0 : Integer.toUnsignedLong(r.priority()))
            .thenComparing(r -> bytes(r.source(), r.family()), Arrays::compareUnsigned)
            .thenComparingInt(RouteMessage::sourceLength);

    private final LinkTable links;
    private final NexthopTable nexthops;
    private final List<RouteMessage> routes = new ArrayList<>();

    RouteTable(LinkTable links, NexthopTable nexthops) {
        this.links = links;
        this.nexthops = nexthops;
    }

    /** The routes of {@code family} ({@code AF_INET}, {@code AF_INET6}; any other: all), in dump order. */
    List<RouteMessage> dump(int family) {
        return routes.stream().filter(r -> !isIp(family) || r.family() == family).map(this::shown).toList();
    }

    /** Whether any IPv4 route is in table {@code id}, which then exists. */
    boolean hasIpv4Table(int id) {
        return routes.stream().anyMatch(r -> r.family() == AddressFamily.INET && r.table() == id);
    }

    @Override
    public void nexthopRemoved(int id, List<Notice> out) {
        removeIf(r -> r.nexthopId() != null && r.nexthopId() == id, out);
    }

    @Override
    public void nexthopsReplaced(java.util.Set<Integer> ids, Origin origin, List<Notice> out) {
        for (RouteMessage r : routes) {
            if (r.nexthopId() != null && ids.contains(r.nexthopId())) {
                out.add(notice(RouteMessageType.RTM_NEWROUTE, REPLACE, r, origin));
            }
        }
    }

    /**
     * A stored route as the kernel reports it: one using a nexthop object ({@code RTA_NH_ID}) shows that nexthop's
     * device and gateway, or its group's paths, as {@code fib_dump_info} and {@code rt6_fill_node} add them.
     */
    private RouteMessage shown(RouteMessage r) {
        return r.nexthopId() == null ? r : nexthops.paths(r.toBuilder(), r.nexthopId()).build();
    }

    /** {@code RTM_NEWROUTE}. */
    void add(RouteMessage request, int flags, Origin origin, List<Notice> out) {
        requireIp(request.family());
        RouteMessage r = stored(request);
        checkPaths(r);
        for (int i = 0; i < routes.size(); i++) {
            RouteMessage existing = routes.get(i);
            if (sameKey(existing, r)) {
                if ((flags & REPLACE) == 0) {
                    throw Refusal.of(Refusal.EEXIST);
                }
                routes.set(i, r);
                out.add(notice(RouteMessageType.RTM_NEWROUTE, REPLACE, r, origin));
                return;
            }
        }
        // IPv4 needs NLM_F_CREATE to create; IPv6 only warns, unless the request asked to replace
        if ((flags & CREATE) == 0 && (r.family() == AddressFamily.INET || (flags & REPLACE) != 0)) {
            throw Refusal.of(Refusal.ENOENT);
        }
        routes.add(r);
        routes.sort(ORDER);
        out.add(notice(RouteMessageType.RTM_NEWROUTE, CREATE | EXCL, r, origin));
    }

    /** {@code RTM_DELROUTE}: the first route, in table order, matching every attribute the request sets. */
    void delete(RouteMessage request, Origin origin, List<Notice> out) {
        requireIp(request.family());
        RouteMessage k = masked(request);
        int table = k.table() == RouteMessage.RT_TABLE_UNSPEC ? RouteMessage.RT_TABLE_MAIN : k.table();
        boolean v4 = k.family() == AddressFamily.INET;
        for (RouteMessage r : routes) {
            boolean match = r.family() == k.family() && r.table() == table
                    && r.destinationLength() == k.destinationLength()
                    && Objects.equals(r.destination(), k.destination())
                    && (k.priority() == null || k.priority() == 0 || k.priority().equals(orZero(r.priority())))
                    && (k.protocol() == 0 || k.protocol() == r.protocol())
                    && (k.outputInterface() == null || k.outputInterface() == 0
                    || k.outputInterface().equals(r.outputInterface()))
                    && (k.gateway() == null || k.gateway().equals(r.gateway()))
                    && (k.nextHops().isEmpty() || paths(k).equals(paths(r)))
                    && (k.nexthopId() == null || k.nexthopId().equals(r.nexthopId()))
                    && (v4 ? r.tos() == k.tos() && (k.routeType() == 0 || k.routeType() == r.routeType())
                    && (k.scope() == RouteMessage.RT_SCOPE_NOWHERE || k.scope() == r.scope())
                    && (k.preferredSource() == null || k.preferredSource().equals(r.preferredSource()))
                    : r.sourceLength() == k.sourceLength() && Objects.equals(r.source(), k.source()));
            if (match) {
                routes.remove(r);
                out.add(notice(RouteMessageType.RTM_DELROUTE, 0, r, origin));
                return;
            }
        }
        throw Refusal.of(Refusal.ESRCH);
    }

    /**
     * {@code RTM_GETROUTE} without {@code NLM_F_DUMP}: the longest match for {@code RTA_DST} in the tables of the
     * default rules (local, main, default), with {@code RTM_F_FIB_MATCH} as stored, else narrowed to the address
     * asked about, one path picked, and flagged {@code RTM_F_CLONED}, as {@code ip route get} shows it.
     */
    RouteMessage get(RouteMessage request) {
        requireIp(request.family());
        InetAddress target = request.destination() != null ? request.destination() : zero(request.family());
        int full = request.family() == AddressFamily.INET ? 32 : 128;
        for (int table : LOOKUP_TABLES) {
            RouteMessage best = null;
            for (RouteMessage r : routes) {
                if (r.family() == request.family() && r.table() == table && covers(r, target)
                        && (best == null || r.destinationLength() > best.destinationLength())) {
                    best = shown(r);
                }
            }
            if (best == null || best.routeType() == RTN_THROW) {
                continue;
            }
            switch (best.routeType()) {
                case RouteMessage.RTN_UNREACHABLE -> throw Refusal.of(113);
                case RouteMessage.RTN_PROHIBIT -> throw Refusal.of(13);
                case RouteMessage.RTN_BLACKHOLE -> throw Refusal.of(Refusal.EINVAL);
                default -> {
                }
            }
            if ((request.flags() & RTM_F_FIB_MATCH) != 0) {
                return best;
            }
            RouteMessage.Builder b = best.toBuilder().destination(target).destinationLength(full)
                    .flags(best.flags() | RTM_F_CLONED).nextHops(List.of()).unknown(List.of());
            if (!best.nextHops().isEmpty()) {
                NextHop first = best.nextHops().get(0);
                b.outputInterface(first.index()).gateway(first.gateway());
            }
            return b.build();
        }
        throw Refusal.of(Refusal.ENETUNREACH);
    }

    /**
     * A link goes away: every route of {@code family} with a path through it, IPv4 silently as
     * {@code fib_sync_down_dev} flushes them.
     */
    void removeLink(int index, int family, List<Notice> out) {
        removeIf(r -> r.family() == family && paths(r).stream().anyMatch(p -> p.index() == index), out);
    }

    /**
     * A link went down: the routes of {@code family} through it whose every path is through a down link, but IPv4
     * local routes; IPv4 silently, IPv6 with {@code RTM_DELROUTE}. A multipath route with a path left up stays as it
     * was.
     */
    void linkDown(int index, int family, List<Notice> out) {
        removeIf(r -> r.family() == family && !(family == AddressFamily.INET && r.routeType() == RouteMessage.RTN_LOCAL)
                && paths(r).stream().anyMatch(p -> p.index() == index)
                && paths(r).stream().allMatch(p -> p.index() == 0 || !isUp(p.index())), out);
    }

    /** An IPv4 address left the namespace: routes preferring it as source go, silently ({@code fib_sync_down_addr}). */
    void removePreferredSource(InetAddress address) {
        routes.removeIf(r -> r.family() == AddressFamily.INET && address.equals(r.preferredSource()));
    }

    /** {@code address} with every bit past {@code length} cleared. */
    static InetAddress prefix(InetAddress address, int length) {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            b[i] &= (byte) (0xFF00 >> keep);
        }
        return address(b);
    }

    /** An address of these bytes; 16 bytes stay IPv6 even when IPv4-mapped, as the records need. */
    static InetAddress address(byte[] b) {
        try {
            return b.length == 16 ? Inet6Address.getByAddress(null, b, -1) : InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private void removeIf(java.util.function.Predicate<RouteMessage> gone, List<Notice> out) {
        for (RouteMessage r : List.copyOf(routes)) {
            if (gone.test(r)) {
                routes.remove(r);
                if (r.family() == AddressFamily.INET6) {
                    out.add(notice(RouteMessageType.RTM_DELROUTE, 0, r, Origin.KERNEL));
                }
            }
        }
    }

    /** The route as the kernel stores and reports it. */
    private static RouteMessage stored(RouteMessage request) {
        RouteMessage r = masked(request);
        boolean v6 = r.family() == AddressFamily.INET6;
        Integer priority = r.priority() == null || r.priority() == 0 ? (v6 ? IP6_RT_PRIO_USER : null) : r.priority();
        return r.toBuilder().type(RouteMessageType.RTM_NEWROUTE).flags(r.flags() & 0xFF).priority(priority)
                .table(r.table() == RouteMessage.RT_TABLE_UNSPEC ? RouteMessage.RT_TABLE_MAIN : r.table())
                .protocol(v6 && r.protocol() == 0 ? RouteMessage.RTPROT_BOOT : r.protocol())
                .scope(v6 ? RouteMessage.RT_SCOPE_UNIVERSE : r.scope()).build();
    }

    /** Prefixes masked as IPv6 masks them, or refused with host bits set as IPv4 refuses them; absent when /0. */
    private static RouteMessage masked(RouteMessage r) {
        int full = r.family() == AddressFamily.INET ? 32 : 128;
        if (r.destinationLength() > full || r.sourceLength() > full) {
            throw Refusal.of(Refusal.EINVAL);
        }
        InetAddress dst = maskedPrefix(r.destination(), r.destinationLength(), r.family());
        InetAddress src = maskedPrefix(r.source(), r.sourceLength(), r.family());
        return r.toBuilder().destination(dst).source(src).build();
    }

    private static InetAddress maskedPrefix(InetAddress address, int length, int family) {
        if (length == 0) {
            return null;
        }
        InetAddress a = address == null ? zero(family) : address;
        InetAddress p = prefix(a, length);
        if (family == AddressFamily.INET && !p.equals(a)) {
            throw new Refusal(Refusal.EINVAL, "Invalid prefix for given prefix length");
        }
        return p;
    }

    /** What {@code fib_create_info} and {@code fib6_nh_init} check of the output devices. */
    private void checkPaths(RouteMessage r) {
        boolean v4 = r.family() == AddressFamily.INET;
        if (r.nexthopId() != null) {
            if (r.outputInterface() != null || r.gateway() != null || !r.nextHops().isEmpty()
                    || r.encap() != null) {
                throw new Refusal(Refusal.EINVAL, "Nexthop specification and nexthop id are mutually exclusive");
            }
            NexthopMessage nh = nexthops.find(r.nexthopId());
            if (nh == null) {
                throw new Refusal(Refusal.EINVAL, "Nexthop id does not exist");
            }
            if (!v4 && nh.family() == AddressFamily.INET) {
                throw new Refusal(Refusal.EINVAL, "IPv6 routes can not use an IPv4 nexthop");
            }
            return;
        }
        if (r.routeType() >= RouteMessage.RTN_BLACKHOLE && r.routeType() <= RTN_THROW) {
            if (v4 && (r.gateway() != null || r.outputInterface() != null || !r.nextHops().isEmpty())) {
                throw new Refusal(Refusal.EINVAL,
                        "Gateway, device and multipath can not be specified for this route type");
            }
            return;
        }
        if (r.nextHops().isEmpty() && r.outputInterface() == null && r.gateway() == null) {
            throw Refusal.of(Refusal.ENODEV);
        }
        for (Path p : paths(r)) {
            if (p.index() == 0) {
                continue;
            }
            LinkMessage link = links.get(p.index());
            if (link == null) {
                throw Refusal.of(Refusal.ENODEV);
            }
            if (!link.hasFlags(LinkMessage.IFF_UP)) {
                throw new Refusal(Refusal.ENETDOWN, !v4 ? "Nexthop device is not up"
                        : p.gateway() == null ? "Device for nexthop is not up" : "");
            }
        }
    }

    private boolean isUp(int index) {
        LinkMessage link = links.get(index);
        return link != null && link.hasFlags(LinkMessage.IFF_UP);
    }

    private static boolean sameKey(RouteMessage a, RouteMessage b) {
        return a.family() == b.family() && a.table() == b.table() && a.destinationLength() == b.destinationLength()
                && Objects.equals(a.destination(), b.destination()) && a.tos() == b.tos()
                && Objects.equals(a.priority(), b.priority()) && a.sourceLength() == b.sourceLength()
                && Objects.equals(a.source(), b.source());
    }

    private static boolean covers(RouteMessage r, InetAddress target) {
        return r.destinationLength() == 0 || prefix(target, r.destinationLength()).equals(r.destination());
    }

    /** One way out of a route: an output interface (0: not given) and a gateway (null: none). */
    private record Path(int index, InetAddress gateway) {
    }

    private static List<Path> paths(RouteMessage r) {
        if (!r.nextHops().isEmpty()) {
            return r.nextHops().stream().map(h -> new Path(h.index(), h.gateway())).toList();
        }
        return List.of(new Path(r.outputInterface() == null ? 0 : r.outputInterface(), r.gateway()));
    }

    private Notice notice(int type, int flags, RouteMessage r, Origin origin) {
        RouteGroup group = r.family() == AddressFamily.INET ? RouteGroup.IPV4_ROUTE : RouteGroup.IPV6_ROUTE;
        return Notice.of(group.group(), type, flags, shown(r).encode(), origin);
    }

    private static Integer orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static boolean isIp(int family) {
        return family == AddressFamily.INET || family == AddressFamily.INET6;
    }

    private static void requireIp(int family) {
        if (!isIp(family)) {
            throw Refusal.of(Refusal.EOPNOTSUPP);
        }
    }

    private static InetAddress zero(int family) {
        return address(new byte[family == AddressFamily.INET ? 4 : 16]);
    }

    private static byte[] bytes(InetAddress a, int family) {
        return a == null ? new byte[family == AddressFamily.INET ? 4 : 16] : a.getAddress();
    }
}
