package io.github.jnetlink.route;

import io.github.jnetlink.route.RouteMirrorChange.Kind;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the kernel tells the entries of a {@link RouteMirror} apart (their keys), what counts as a change of state,
 * and the order snapshots list them in. Package-private: the keys are an implementation detail, their rules are
 * documented on {@link RouteMirror}.
 */
final class RouteMirrorKeys {

    /** {@code RTM_F_CLONED}: a cached clone (IPv6 exception), not a route of a table. */
    static final int RTM_F_CLONED = 0x200;

    private RouteMirrorKeys() {
    }

    /** An address: link, family, prefix length and the interface's own address. */
    record AddressKey(int index, int family, int prefixLength, InetAddress local) {
    }

    /**
     * A route. IPv4 ({@code fib_table_insert}): table, destination prefix, TOS and priority. IPv6
     * ({@code fib6_add_rt2node}): table, destination and source prefix, priority, and the first path's output
     * interface and gateway, since IPv6 keeps same-prefix same-metric routes on different devices apart.
     */
    record RouteKey(int family, int table, int destinationLength, InetAddress destination, int sourceLength,
            InetAddress source, int tos, int priority, int device, InetAddress gateway) {

        /** {@link #routeHash}: the same as of the route the key is made from, which {@link RouteMirrorRoutes} uses. */
        @Override
        public int hashCode() {
            return routeHash(family, table, destinationLength, destination, sourceLength, source, tos, priority, device,
                    gateway);
        }
    }

    /** The hash of a route key from its fields; the same for a {@link RouteKey} and the route it is made from. */
    static int routeHash(int family, int table, int destinationLength, InetAddress destination, int sourceLength,
            InetAddress source, int tos, int priority, int device, InetAddress gateway) {
        int h = family;
        h = 31 * h + table;
        h = 31 * h + destinationLength;
        h = 31 * h + Objects.hashCode(destination);
        h = 31 * h + sourceLength;
        h = 31 * h + Objects.hashCode(source);
        h = 31 * h + tos;
        h = 31 * h + priority;
        h = 31 * h + device;
        return 31 * h + Objects.hashCode(gateway);
    }

    /** @return the hash of the key of {@code r}, which must have one ({@link #keyed}), without making the key */
    static int routeHash(RouteMessage r) {
        return routeHash(r.family(), r.table(), r.destinationLength(), keyDestination(r), r.sourceLength(),
                keySource(r), keyTos(r), keyPriority(r), keyDevice(r), keyGateway(r));
    }

    /** @return whether {@code key} is the key of {@code r}, which must have one, without making the key of r */
    static boolean routeKeyOf(RouteKey key, RouteMessage r) {
        return key.family() == r.family() && key.table() == r.table() && key.destinationLength() == r.destinationLength()
                && key.sourceLength() == r.sourceLength() && key.tos() == keyTos(r)
                && key.priority() == keyPriority(r) && key.device() == keyDevice(r)
                && Objects.equals(key.destination(), keyDestination(r)) && Objects.equals(key.source(), keySource(r))
                && Objects.equals(key.gateway(), keyGateway(r));
    }

    /** @return whether two routes, both with a key, have the same one, without making either */
    static boolean sameRouteKey(RouteMessage a, RouteMessage b) {
        return a.family() == b.family() && a.table() == b.table() && a.destinationLength() == b.destinationLength()
                && a.sourceLength() == b.sourceLength() && keyTos(a) == keyTos(b)
                && keyPriority(a) == keyPriority(b) && keyDevice(a) == keyDevice(b)
                && Objects.equals(keyDestination(a), keyDestination(b)) && Objects.equals(keySource(a), keySource(b))
                && Objects.equals(keyGateway(a), keyGateway(b));
    }

    /** A neighbour entry: link, family, destination, and whether it is a proxy entry. */
    record NeighborKey(int index, int family, InetAddress destination, boolean proxy) {
    }

    /** @return the key of an entry of the kind, or null when the mirror does not keep such an entry */
    static Object key(Kind kind, Object entry) {
        return switch (kind) {
            case LINK -> link((LinkMessage) entry);
            case ADDRESS -> address((AddressMessage) entry);
            case ROUTE -> route((RouteMessage) entry);
            case NEIGHBOR -> neighbor((NeighborMessage) entry);
            case RULE -> rule((RuleMessage) entry);
            case NEXTHOP -> nexthop((NexthopMessage) entry);
        };
    }

    static Integer link(LinkMessage l) {
        return l.family() == AddressFamily.UNSPEC && l.index() > 0 ? l.index() : null;
    }

    static AddressKey address(AddressMessage a) {
        InetAddress own = a.localAddress();
        if (own == null || !ip(a.family())) {
            return null;
        }
        return new AddressKey(a.index(), a.family(), a.prefixLength(), own);
    }

    static RouteKey route(RouteMessage r) {
        if (!keyed(r)) {
            return null;
        }
        return new RouteKey(r.family(), r.table(), r.destinationLength(), keyDestination(r), r.sourceLength(),
                keySource(r), keyTos(r), keyPriority(r), keyDevice(r), keyGateway(r));
    }

    /** @return whether the mirror keeps the route: IPv4 and IPv6, but no cached clones */
    static boolean keyed(RouteMessage r) {
        return ip(r.family()) && (r.flags() & RTM_F_CLONED) == 0;
    }

    // The fields of a route's key. IPv6 has no TOS; only IPv6 tells same-prefix same-metric routes apart by the
    // first path's device and gateway.

    private static InetAddress keyDestination(RouteMessage r) {
        return r.destinationLength() == 0 ? null : r.destination();
    }

    private static InetAddress keySource(RouteMessage r) {
        return r.sourceLength() == 0 ? null : r.source();
    }

    private static int keyTos(RouteMessage r) {
        return r.family() == AddressFamily.INET ? r.tos() : 0;
    }

    private static int keyPriority(RouteMessage r) {
        return r.priority() == null ? 0 : r.priority();
    }

    private static int keyDevice(RouteMessage r) {
        if (r.family() == AddressFamily.INET) {
            return 0;
        }
        if (!r.nextHops().isEmpty()) {
            return r.nextHops().get(0).index();
        }
        return r.outputInterface() == null ? 0 : r.outputInterface();
    }

    private static InetAddress keyGateway(RouteMessage r) {
        if (r.family() == AddressFamily.INET) {
            return null;
        }
        return r.nextHops().isEmpty() ? r.gateway() : r.nextHops().get(0).gateway();
    }

    static NeighborKey neighbor(NeighborMessage n) {
        if (!ip(n.family()) || n.destination() == null) {
            return null;
        }
        return new NeighborKey(n.index(), n.family(), n.destination(), (n.flags() & NeighborMessage.NTF_PROXY) != 0);
    }

    /**
     * A rule: the kernel tells rules apart by every selector and action (its {@code rule_exists}), so the key is
     * the whole rule as a {@code RTM_NEWRULE}. Identical rules, which the kernel allows without {@code NLM_F_EXCL},
     * are one entry; deleting one of them makes a targeted rule resync.
     */
    static RuleMessage rule(RuleMessage r) {
        if (!ip(r.family())) {
            return null;
        }
        return r.type() == RouteMessageType.RTM_NEWRULE ? r : r.toBuilder().type(RouteMessageType.RTM_NEWRULE).build();
    }

    /** A nexthop object: its ID ({@code NHA_ID}), unique in the namespace. */
    static Integer nexthop(NexthopMessage n) {
        return n.id() == null ? null : n.id();
    }

    static boolean ip(int family) {
        return family == AddressFamily.INET || family == AddressFamily.INET6;
    }

    /** @return true when the route goes through the link: its output interface or one of its paths' */
    static boolean uses(RouteMessage r, int index) {
        if (r.outputInterface() != null && r.outputInterface() == index) {
            return true;
        }
        for (NextHop h : r.nextHops()) {
            if (h.index() == index) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return true when two entries of one key are in the same state: what {@link RouteMirror} documents as a
     *         change differs, counters, timers and cache information do not
     */
    static boolean sameState(Kind kind, Object a, Object b) {
        return switch (kind) {
            case LINK -> sameLink((LinkMessage) a, (LinkMessage) b);
            case ADDRESS -> sameAddress((AddressMessage) a, (AddressMessage) b);
            case ROUTE -> sameRoute((RouteMessage) a, (RouteMessage) b);
            case NEIGHBOR -> sameNeighbor((NeighborMessage) a, (NeighborMessage) b);
            case RULE -> true; // the key is the whole rule
            case NEXTHOP -> sameNexthop((NexthopMessage) a, (NexthopMessage) b);
        };
    }

    private static boolean sameLink(LinkMessage a, LinkMessage b) {
        return a.flags() == b.flags() && a.linkType() == b.linkType() && Objects.equals(a.name(), b.name())
                && Objects.equals(a.mtu(), b.mtu()) && Objects.equals(a.address(), b.address())
                && Objects.equals(a.broadcast(), b.broadcast()) && Objects.equals(a.operState(), b.operState())
                && Objects.equals(a.link(), b.link()) && Objects.equals(a.master(), b.master())
                && Objects.equals(a.txQueueLength(), b.txQueueLength()) && Objects.equals(a.kind(), b.kind());
    }

    private static boolean sameAddress(AddressMessage a, AddressMessage b) {
        return a.allFlags() == b.allFlags() && a.scope() == b.scope() && Objects.equals(a.address(), b.address())
                && Objects.equals(a.local(), b.local()) && Objects.equals(a.label(), b.label())
                && Objects.equals(a.broadcast(), b.broadcast());
    }

    private static boolean sameRoute(RouteMessage a, RouteMessage b) {
        return a.protocol() == b.protocol() && a.scope() == b.scope() && a.routeType() == b.routeType()
                && a.flags() == b.flags() && a.tos() == b.tos() && Objects.equals(a.gateway(), b.gateway())
                && Objects.equals(a.outputInterface(), b.outputInterface())
                && Objects.equals(a.priority(), b.priority())
                && Objects.equals(a.preferredSource(), b.preferredSource()) && sameNextHops(a.nextHops(), b.nextHops());
    }

    private static boolean sameNextHops(List<NextHop> a, List<NextHop> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            NextHop x = a.get(i);
            NextHop y = b.get(i);
            if (x.flags() != y.flags() || x.hops() != y.hops() || x.index() != y.index()
                    || !Objects.equals(x.gateway(), y.gateway())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameNeighbor(NeighborMessage a, NeighborMessage b) {
        return a.state() == b.state() && a.flags() == b.flags() && a.neighborType() == b.neighborType()
                && Objects.equals(a.linkLayerAddress(), b.linkLayerAddress());
    }

    /** Everything but the resilient group's timer ({@code NHA_RES_GROUP_UNBALANCED_TIME}). */
    private static boolean sameNexthop(NexthopMessage a, NexthopMessage b) {
        return withoutTimer(a).equals(withoutTimer(b));
    }

    private static NexthopMessage withoutTimer(NexthopMessage n) {
        NexthopMessage.ResilientGroup g = n.resilientGroup();
        if (g == null || g.unbalancedTime() == null) {
            return n;
        }
        return n.toBuilder().resilientGroup(new NexthopMessage.ResilientGroup(g.buckets(), g.idleTimer(),
                g.unbalancedTimer(), null, g.unknown())).build();
    }

    /** @return true when the route uses one of the nexthop objects {@code ids} ({@code RTA_NH_ID}) */
    static boolean usesNexthop(RouteMessage r, java.util.Set<Integer> ids) {
        return r.nexthopId() != null && ids.contains(r.nexthopId());
    }

    static final Comparator<LinkMessage> LINK_ORDER = Comparator.comparingInt(LinkMessage::index);

    static final Comparator<AddressMessage> ADDRESS_ORDER = Comparator.comparingInt(AddressMessage::index)
            .thenComparingInt(AddressMessage::family).thenComparingInt(AddressMessage::prefixLength)
            .thenComparing(AddressMessage::localAddress, RouteMirrorKeys::compareAddresses);

    /** By table (unsigned), family, destination, prefix length, then metric: how a lookup walks them. */
    static final Comparator<RouteMessage> ROUTE_ORDER = Comparator
            .comparing((RouteMessage r) -> Integer.toUnsignedLong(r.table()))
            .thenComparingInt(RouteMessage::family)
            .thenComparing(RouteMessage::destination, RouteMirrorKeys::compareAddresses)
            .thenComparingInt(RouteMessage::destinationLength)
            .thenComparingInt(RouteMessage::tos)
            .thenComparing(r -> r.priority() == null ? 0L : Integer.toUnsignedLong(r.priority()))
            .thenComparing(r -> route(r) == null ? 0 : route(r).device())
            .thenComparing(r -> route(r) == null ? null : route(r).gateway(), RouteMirrorKeys::compareAddresses)
            .thenComparing(RouteMessage::source, RouteMirrorKeys::compareAddresses)
            .thenComparingInt(RouteMessage::sourceLength);

    /**
     * Sorts routes in {@link #ROUTE_ORDER}, with each route's fields read once: comparing through the comparator
     * would copy addresses and rebuild keys at every comparison, which for 100,000 routes costs more than the dump.
     */
    static void sortRoutes(List<RouteMessage> routes) {
        if (inDumpOrder(routes)) {
            return;
        }
        // by table and family first: few groups, each in one run in dump order, else gathered
        int n = routes.size();
        java.util.TreeMap<Long, List<RouteMessage>> groups = new java.util.TreeMap<>();
        for (int start = 0; start < n; ) {
            long group = tableFamily(routes.get(start));
            int end = start + 1;
            while (end < n && tableFamily(routes.get(end)) == group) {
                end++;
            }
            List<RouteMessage> run = routes.subList(start, end);
            List<RouteMessage> into = groups.get(group);
            if (into == null) {
                groups.put(group, new java.util.ArrayList<>(run));
            } else {
                into.addAll(run);
            }
            start = end;
        }
        int at = 0;
        for (Map.Entry<Long, List<RouteMessage>> g : groups.entrySet()) {
            List<RouteMessage> group = g.getValue();
            if ((g.getKey() & 0xff) == AddressFamily.INET && group.size() < (1 << 25)) {
                sortIpv4(group);
            } else {
                sortByFields(group, 0, group.size());
            }
            for (RouteMessage r : group) {
                routes.set(at++, r);
            }
        }
    }

    /** Whether {@code Inet4Address.hashCode()} is the address, as OpenJDK's is (checked, not assumed). */
    private static final boolean HASH_IS_ADDRESS = hashIsAddress();

    private static boolean hashIsAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}).hashCode() == 0xc0000201
                    && InetAddress.getByAddress(new byte[] {10, (byte) 255, 7, (byte) 128}).hashCode() == 0x0aff0780;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** An IPv4 address as an unsigned number, without copying its bytes where the JDK allows; 0 when absent. */
    private static long ipv4(InetAddress a) {
        if (!(a instanceof java.net.Inet4Address)) {
            return 0;
        }
        if (HASH_IS_ADDRESS) {
            return Integer.toUnsignedLong(a.hashCode());
        }
        byte[] d = a.getAddress();
        return (d[0] & 0xffL) << 24 | (d[1] & 0xff) << 16 | (d[2] & 0xff) << 8 | (d[3] & 0xff);
    }

    private static long tableFamily(RouteMessage r) {
        return Integer.toUnsignedLong(r.table()) << 8 | (r.family() & 0xff);
    }

    /**
     * IPv4 routes of one table: destination and prefix length packed with the route's position into one long each
     * ({@code dst:32 | length:6 | position:25}) and sorted as primitives, then each run of one prefix sorted by the
     * remaining fields.
     */
    private static void sortIpv4(List<RouteMessage> group) {
        int n = group.size();
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = ipv4Order(group.get(i)) << 25 | i;
        }
        if (strictlyAscending(packed)) {
            // the kernel's order, as a dump of host routes gives it: nothing to sort, no two routes to break a tie
            return;
        }
        Arrays.sort(packed);
        List<RouteMessage> sorted = new java.util.ArrayList<>(n);
        for (long p : packed) {
            sorted.add(group.get((int) (p & ((1 << 25) - 1))));
        }
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && packed[end] >>> 25 == packed[start] >>> 25) {
                end++;
            }
            if (end - start > 1) {
                sortByFields(sorted, start, end);
            }
            start = end;
        }
        for (int i = 0; i < n; i++) {
            group.set(i, sorted.get(i));
        }
    }

    /**
     * Whether the routes are IPv4 ones already in {@link #ROUTE_ORDER}, no two with the same table, destination
     * and length, as the kernel dumps the routes of its tables: then sorting would change nothing, and one pass
     * over the list says so without grouping or copying it.
     */
    private static boolean inDumpOrder(List<RouteMessage> routes) {
        long group = -1;
        long last = -1;
        for (int i = 0, n = routes.size(); i < n; i++) {
            RouteMessage r = routes.get(i);
            if (r.family() != AddressFamily.INET) {
                return false;
            }
            long g = tableFamily(r);
            long key = ipv4Order(r);
            if (g < group || g == group && key <= last) {
                return false;
            }
            group = g;
            last = key;
        }
        return true;
    }

    /**
     * An IPv4 route's destination and prefix length as one number in {@link #ROUTE_ORDER} ({@code dst:32 | length:6}).
     * An absent destination sorts first, as 0.0.0.0 does; only the default route (length 0) has none.
     */
    private static long ipv4Order(RouteMessage r) {
        return ipv4(r.destination()) << 6 | (r.destinationLength() & 0x3f);
    }

    /** @return whether every packed route sorts after the one before it, its destination and length differing */
    private static boolean strictlyAscending(long[] packed) {
        for (int i = 1; i < packed.length; i++) {
            if (packed[i] >>> 25 <= packed[i - 1] >>> 25) {
                return false;
            }
        }
        return true;
    }

    /** Sorts {@code list[from, to)} in {@link #ROUTE_ORDER}, reading each route's fields once. */
    private static void sortByFields(List<RouteMessage> list, int from, int to) {
        RouteSort[] keys = new RouteSort[to - from];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new RouteSort(list.get(from + i));
        }
        Arrays.sort(keys);
        for (int i = 0; i < keys.length; i++) {
            list.set(from + i, keys[i].route);
        }
    }

    /**
     * A route with the fields of {@link #ROUTE_ORDER} read out into primitives (addresses as two unsigned longs,
     * absent ones first), so that a comparison touches one object and allocates nothing.
     */
    private static final class RouteSort implements Comparable<RouteSort> {
        final RouteMessage route;
        final long tableFamily;
        final long destinationHigh;
        final long destinationLow;
        final int destinationLength;
        final int tos;
        final long priority;
        final int device;
        final long gatewayHigh;
        final long gatewayLow;
        final long sourceHigh;
        final long sourceLow;
        final int sourceLength;
        /** Bit 0: destination present; bit 1: gateway present; bit 2: source present. */
        final int present;

        RouteSort(RouteMessage r) {
            route = r;
            tableFamily = Integer.toUnsignedLong(r.table()) << 8 | (r.family() & 0xff);
            destinationLength = r.destinationLength();
            tos = r.tos();
            priority = r.priority() == null ? 0L : Integer.toUnsignedLong(r.priority());
            RouteKey key = route(r);
            device = key == null ? 0 : key.device();
            sourceLength = r.sourceLength();
            byte[] d = bytes(r.destination());
            byte[] g = key == null ? null : bytes(key.gateway());
            byte[] s = bytes(r.source());
            present = (d != null ? 1 : 0) | (g != null ? 2 : 0) | (s != null ? 4 : 0);
            destinationHigh = high(d);
            destinationLow = low(d);
            gatewayHigh = high(g);
            gatewayLow = low(g);
            sourceHigh = high(s);
            sourceLow = low(s);
        }

        private static byte[] bytes(InetAddress a) {
            return a == null ? null : a.getAddress();
        }

        /** The first eight bytes, big-endian (an IPv4 address in the top four), so unsigned order is byte order. */
        private static long high(byte[] a) {
            long v = 0;
            if (a != null) {
                for (int i = 0; i < 8; i++) {
                    v = v << 8 | (i < a.length ? a[i] & 0xff : 0);
                }
            }
            return v;
        }

        private static long low(byte[] a) {
            long v = 0;
            if (a != null) {
                for (int i = 8; i < 16; i++) {
                    v = v << 8 | (i < a.length ? a[i] & 0xff : 0);
                }
            }
            return v;
        }

        private static int address(int presentA, int presentB, int bit, long highA, long lowA, long highB, long lowB) {
            boolean a = (presentA & bit) != 0;
            boolean b = (presentB & bit) != 0;
            if (!a || !b) {
                return a == b ? 0 : a ? 1 : -1;
            }
            int c = Long.compareUnsigned(highA, highB);
            return c != 0 ? c : Long.compareUnsigned(lowA, lowB);
        }

        @Override
        public int compareTo(RouteSort o) {
            int c = Long.compare(tableFamily, o.tableFamily);
            if (c == 0) {
                c = address(present, o.present, 1, destinationHigh, destinationLow, o.destinationHigh, o.destinationLow);
            }
            if (c == 0) {
                c = Integer.compare(destinationLength, o.destinationLength);
            }
            if (c == 0) {
                c = Integer.compare(tos, o.tos);
            }
            if (c == 0) {
                c = Long.compare(priority, o.priority);
            }
            if (c == 0) {
                c = Integer.compare(device, o.device);
            }
            if (c == 0) {
                c = address(present, o.present, 2, gatewayHigh, gatewayLow, o.gatewayHigh, o.gatewayLow);
            }
            if (c == 0) {
                c = address(present, o.present, 4, sourceHigh, sourceLow, o.sourceHigh, o.sourceLow);
            }
            return c != 0 ? c : Integer.compare(sourceLength, o.sourceLength);
        }
    }

    static final Comparator<NeighborMessage> NEIGHBOR_ORDER = Comparator.comparingInt(NeighborMessage::index)
            .thenComparingInt(NeighborMessage::family)
            .thenComparing(n -> (n.flags() & NeighborMessage.NTF_PROXY) != 0)
            .thenComparing(NeighborMessage::destination, RouteMirrorKeys::compareAddresses);

    /** By family, then priority (absent as 0, unsigned); rules of one priority stay in the kernel's order. */
    static final Comparator<RuleMessage> RULE_ORDER = Comparator.comparingInt(RuleMessage::family)
            .thenComparing(r -> r.priority() == null ? 0L : Integer.toUnsignedLong(r.priority()));

    /** By ID, unsigned. */
    static final Comparator<NexthopMessage> NEXTHOP_ORDER = Comparator
            .comparing(n -> Integer.toUnsignedLong(n.id()));

    static int compareAddresses(InetAddress a, InetAddress b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    }
}
