package io.github.jnetlink.route;

import io.github.jnetlink.NetlinkArgumentException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * What a {@link RouteMirror} held at one moment: links, addresses, routes, neighbour entries, policy rules and
 * nexthop objects, each as the kernel last described it. Immutable: a later change to the mirror makes a new
 * snapshot and leaves this one as it was. The lists are sorted: links by index; addresses by link, family, prefix
 * length and address; routes by table, family, destination, prefix length, TOS and metric; neighbours by link, family, proxy flag and
 * destination; rules by family and priority (rules of one priority in the kernel's order); nexthop objects by ID.
 * The lookups by link or table are binary searches over those orders.
 *
 * @param links     the links ({@code AF_UNSPEC} link messages)
 * @param addresses the IPv4 and IPv6 addresses
 * @param routes    the IPv4 and IPv6 routes of every table, cached clones excluded
 * @param neighbors the IPv4 (ARP) and IPv6 (NDP) neighbour entries, proxy entries ({@code NTF_PROXY}) included
 * @param rules     the IPv4 and IPv6 policy routing rules ({@code ip rule}, {@code ip -6 rule})
 * @param nexthops  the nexthop objects and groups ({@code ip nexthop})
 */
public record RouteMirrorSnapshot(List<LinkMessage> links, List<AddressMessage> addresses, List<RouteMessage> routes,
        List<NeighborMessage> neighbors, List<RuleMessage> rules, List<NexthopMessage> nexthops) {

    /** A snapshot of nothing: a mirror before its first dump. */
    public static final RouteMirrorSnapshot EMPTY = new RouteMirrorSnapshot(List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of());

    /**
     * A snapshot without rules or nexthop objects.
     *
     * @throws NetlinkArgumentException if a list is null or holds null
     */
    public RouteMirrorSnapshot(List<LinkMessage> links, List<AddressMessage> addresses, List<RouteMessage> routes,
            List<NeighborMessage> neighbors) {
        this(links, addresses, routes, neighbors, List.of(), List.of());
    }

    /**
     * Copies and sorts every list.
     *
     * @throws NetlinkArgumentException if a list is null or holds null
     */
    public RouteMirrorSnapshot {
        links = sorted(links, RouteMirrorKeys.LINK_ORDER, "links");
        addresses = sorted(addresses, RouteMirrorKeys.ADDRESS_ORDER, "addresses");
        routes = sorted(routes, null, "routes");
        neighbors = sorted(neighbors, RouteMirrorKeys.NEIGHBOR_ORDER, "neighbors");
        rules = sorted(rules, RouteMirrorKeys.RULE_ORDER, "rules");
        if (nexthops != null) {
            for (NexthopMessage n : nexthops) {
                if (n != null && n.id() == null) {
                    throw new NetlinkArgumentException("route mirror snapshot: a nexthop object must have an ID");
                }
            }
        }
        nexthops = sorted(nexthops, RouteMirrorKeys.NEXTHOP_ORDER, "nexthops");
    }

    /**
     * @param index an interface index
     * @return the link of that index
     */
    public Optional<LinkMessage> link(int index) {
        List<LinkMessage> found = range(links, LinkMessage::index, index);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * @param name an interface name, such as {@code "eth0"}
     * @return the link of that name
     * @throws NetlinkArgumentException if {@code name} is null
     */
    public Optional<LinkMessage> link(String name) {
        if (name == null) {
            throw new NetlinkArgumentException("route mirror snapshot: link name must not be null");
        }
        for (LinkMessage l : links) {
            if (name.equals(l.name())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * @param index an interface index
     * @return the link's addresses, IPv4 first; empty when there are none or no such link
     */
    public List<AddressMessage> addresses(int index) {
        return range(addresses, AddressMessage::index, index);
    }

    /**
     * @param table a routing table ID: 254 main, 255 local, or any other (unsigned)
     * @return the table's routes, IPv4 first
     */
    public List<RouteMessage> routes(int table) {
        int lo = lowerBound(routes, r -> Long.compare(Integer.toUnsignedLong(r.table()), Integer.toUnsignedLong(table)));
        int hi = lo;
        while (hi < routes.size() && routes.get(hi).table() == table) {
            hi++;
        }
        return routes.subList(lo, hi);
    }

    /**
     * The route of the main table ({@code 254}) that the kernel would pick for a destination, considering that
     * table alone: the longest prefix containing it, of the destination's family, with TOS 0; among routes of
     * that prefix the lowest metric ({@link RouteMessage#priority()}, absent counting as 0). Policy rules, the
     * local table, source routing, TOS, dead or link-down paths and multipath selection are not considered, and
     * routes of every type (unreachable, blackhole...) count.
     *
     * @param destination an IPv4 or IPv6 address
     * @return the route, empty when the main table has none for it
     * @throws NetlinkArgumentException if {@code destination} is null
     */
    public Optional<RouteMessage> routeTo(InetAddress destination) {
        if (destination == null) {
            throw new NetlinkArgumentException("route mirror snapshot: destination must not be null");
        }
        int family = destination instanceof Inet4Address ? AddressFamily.INET : AddressFamily.INET6;
        byte[] target = destination.getAddress();
        RouteMessage best = null;
        for (RouteMessage r : routes(RouteMessage.RT_TABLE_MAIN)) {
            if (r.family() != family || r.tos() != 0 || r.sourceLength() != 0
                    || !contains(r.destination(), r.destinationLength(), target)) {
                continue;
            }
            if (best == null || r.destinationLength() > best.destinationLength()
                    || (r.destinationLength() == best.destinationLength()
                            && Integer.compareUnsigned(metric(r), metric(best)) < 0)) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * @param index an interface index
     * @return the link's neighbour entries, proxy entries after the others of each family
     */
    public List<NeighborMessage> neighbors(int index) {
        return range(neighbors, NeighborMessage::index, index);
    }

    /**
     * @param family {@link AddressFamily#INET} or {@link AddressFamily#INET6}
     * @return that family's rules, in priority order
     */
    public List<RuleMessage> rules(int family) {
        return range(rules, RuleMessage::family, family);
    }

    /**
     * @param id a nexthop object's ID ({@code NHA_ID})
     * @return the nexthop object or group of that ID
     */
    public Optional<NexthopMessage> nexthop(int id) {
        int lo = lowerBound(nexthops, n -> Long.compare(Integer.toUnsignedLong(n.id()), Integer.toUnsignedLong(id)));
        return lo < nexthops.size() && nexthops.get(lo).id() == id ? Optional.of(nexthops.get(lo)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "RouteMirrorSnapshot[" + links.size() + " links, " + addresses.size() + " addresses, " + routes.size()
                + " routes, " + neighbors.size() + " neighbours, " + rules.size() + " rules, " + nexthops.size()
                + " nexthops]";
    }

    private static int metric(RouteMessage r) {
        return r.priority() == null ? 0 : r.priority();
    }

    private static boolean contains(InetAddress prefix, int length, byte[] target) {
        if (length == 0) {
            return true;
        }
        if (prefix == null) {
            return false;
        }
        byte[] p = prefix.getAddress();
        if (p.length != target.length || length > p.length * 8) {
            return false;
        }
        int full = length / 8;
        for (int i = 0; i < full; i++) {
            if (p[i] != target[i]) {
                return false;
            }
        }
        int rest = length % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (p[full] & mask) == (target[full] & mask);
    }

    private static <T> List<T> range(List<T> list, ToIntFunction<T> index, int value) {
        int lo = lowerBound(list, t -> Integer.compare(index.applyAsInt(t), value));
        int hi = lo;
        while (hi < list.size() && index.applyAsInt(list.get(hi)) == value) {
            hi++;
        }
        return list.subList(lo, hi);
    }

    /** The first position whose element does not compare below the target ({@code compare} < 0 means below). */
    private static <T> int lowerBound(List<T> list, ToIntFunction<T> compare) {
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare.applyAsInt(list.get(mid)) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Copies, checks and sorts; a null {@code order} sorts routes, in {@link RouteMirrorKeys#ROUTE_ORDER}. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> sorted(List<T> list, Comparator<? super T> order, String what) {
        if (list == null) {
            throw new NetlinkArgumentException("route mirror snapshot: " + what + " must not be null");
        }
        List<T> copy;
        if (list instanceof RouteMirrorList<T> fresh) {
            copy = fresh; // the mirror's own copy of its tables: no one else holds it, and it holds no null
        } else {
            copy = new ArrayList<>(list.size());
            for (T t : list) {
                if (t == null) {
                    throw new NetlinkArgumentException("route mirror snapshot: " + what + " must not contain null");
                }
                copy.add(t);
            }
        }
        if (order == null) {
            RouteMirrorKeys.sortRoutes((List<RouteMessage>) copy);
        } else {
            copy.sort(order);
        }
        return Collections.unmodifiableList(copy);
    }
}
