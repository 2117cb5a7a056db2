package io.github.jnetlink.route;

import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.route.RouteMirrorChange.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The state of a {@link RouteMirror}: one table per {@link Kind}, keyed by {@link RouteMirrorKeys}, the listeners,
 * and the snapshot last built; and the rules by which a notification changes them, including what the kernel does
 * silently (documented on {@link RouteMirror}). Every change goes through {@link #putLocked}, {@link #removeLocked}
 * or {@link #removeWhereLocked}, which tell the listeners.
 *
 * <p>Not thread-safe, and takes no lock of its own: every method must be called holding the mirror's lock (its
 * {@code lock} object), the one under which listeners are called too.
 */
final class RouteMirrorTables {

    /** What the notification rules need from the mirror. */
    interface TargetedResync {

        /** Asks for {@code kind} to be re-dumped soon (a targeted resync); called holding the mirror's lock. */
        void markDirtyLocked(Kind kind);
    }

    /**
     * Kinds in the order a resync applies them: what others depend on first (removals run backwards), so that a
     * listener never sees a route whose nexthop object or link it has not seen.
     */
    static final List<Kind> DEPENDENCY_ORDER = List.of(Kind.LINK, Kind.ADDRESS, Kind.NEXTHOP, Kind.ROUTE,
            Kind.NEIGHBOR, Kind.RULE);

    private static final System.Logger LOG = System.getLogger(RouteMirror.class.getName());

    private final EnumMap<Kind, Map<Object, Object>> tables = new EnumMap<>(Kind.class);
    private final List<Consumer<RouteMirrorChange>> listeners = new CopyOnWriteArrayList<>();
    private final TargetedResync targeted;
    private RouteMirrorSnapshot cached = RouteMirrorSnapshot.EMPTY;

    RouteMirrorTables(TargetedResync targeted) {
        this.targeted = targeted;
        for (Kind k : Kind.values()) {
            // insertion order: the dump's, which is nearly the snapshot's, so building a snapshot walks memory in order
            tables.put(k, k == Kind.ROUTE ? new RouteMirrorRoutes() : new LinkedHashMap<>());
        }
    }

    void addListenerLocked(Consumer<RouteMirrorChange> listener) {
        listeners.add(listener);
    }

    boolean removeListenerLocked(Consumer<RouteMirrorChange> listener) {
        return listeners.remove(listener);
    }

    int sizeLocked(Kind kind) {
        return tables.get(kind).size();
    }

    // ---- a resync's dump replaces what it covers

    /**
     * Makes the tables of {@code kinds} what {@code dumped} says (of the neighbours, only the entries {@code scope}
     * names), emitting the differences as changes marked {@code marked}. A {@code targeted} resync of links only
     * fills in the peers of veths the kernel announced with {@code IFLA_LINK} 0, the one thing about links it does not
     * notify: a dump that ran ahead of the notification stream would otherwise show a link's later state first, and
     * the older notifications still queued would then take it back.
     */
    void mergeLocked(Set<Kind> kinds, EnumMap<Kind, Map<Object, Object>> dumped, RouteMirrorDumps.Scope scope,
            boolean marked, boolean targeted) {
        List<Kind> order = new ArrayList<>();
        for (Kind k : DEPENDENCY_ORDER) {
            if (kinds.contains(k) && !(targeted && k == Kind.LINK)) {
                order.add(k);
            }
        }
        if (targeted && kinds.contains(Kind.LINK)) {
            fillVethPeersLocked(dumped.get(Kind.LINK), marked);
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Kind k = order.get(i);
            Map<Object, Object> now = dumped.get(k);
            removeWhereLocked(k, (key, v) -> inScope(scope, key, v) && !now.containsKey(key), marked);
        }
        for (Kind k : order) {
            Map<Object, Object> entries = dumped.get(k);
            if (tables.get(k).isEmpty() && listeners.isEmpty()) {
                // nothing to compare with and nobody to tell: the dump's map becomes the table as it is
                tables.put(k, entries);
                cached = null;
                continue;
            }
            for (Map.Entry<Object, Object> e : entries.entrySet()) {
                putLocked(k, e.getKey(), e.getValue(), marked);
            }
        }
    }

    private void fillVethPeersLocked(Map<Object, Object> dumpedLinks, boolean marked) {
        List<LinkMessage> filled = null;
        for (Object v : tables.get(Kind.LINK).values()) {
            LinkMessage known = (LinkMessage) v;
            if (!awaitsPeer(known)) {
                continue;
            }
            LinkMessage now = (LinkMessage) dumpedLinks.get(known.index());
            if (now != null && now.link() != null && now.link() != 0) {
                if (filled == null) {
                    filled = new ArrayList<>();
                }
                filled.add(known.toBuilder().link(now.link()).linkNetnsId(now.linkNetnsId()).build());
            }
        }
        if (filled != null) {
            for (LinkMessage l : filled) {
                putLocked(Kind.LINK, l.index(), l, marked);
            }
        }
    }

    /** A veth's first {@code RTM_NEWLINK}, sent before its peer exists, says {@code IFLA_LINK} 0. */
    private static boolean awaitsPeer(LinkMessage l) {
        return "veth".equals(l.kind()) && l.link() != null && l.link() == 0;
    }

    private static boolean inScope(RouteMirrorDumps.Scope scope, Object key, Object value) {
        return switch (scope) {
            case ALL -> true;
            case PROXY -> isProxy(key);
            case UNNOTIFIED -> isProxy(key) || value instanceof NeighborMessage n && RouteMirrorDumps.unnotified(n);
        };
    }

    private static boolean isProxy(Object key) {
        return key instanceof RouteMirrorKeys.NeighborKey n && n.proxy();
    }

    // ---- applying notifications

    void applyLocked(Message m) {
        int type = m.header().type();
        switch (type) {
            case RouteMessageType.RTM_NEWLINK, RouteMessageType.RTM_DELLINK ->
                    applyLink(LinkMessage.decode(m), type == RouteMessageType.RTM_DELLINK);
            case RouteMessageType.RTM_NEWADDR, RouteMessageType.RTM_DELADDR ->
                    applyAddress(AddressMessage.decode(m), type == RouteMessageType.RTM_DELADDR);
            case RouteMessageType.RTM_NEWROUTE, RouteMessageType.RTM_DELROUTE ->
                    applyRoute(RouteMessage.decode(m), type == RouteMessageType.RTM_DELROUTE, m.header().flags());
            case RouteMessageType.RTM_NEWNEIGH, RouteMessageType.RTM_DELNEIGH ->
                    applyNeighbor(NeighborMessage.decode(m), type == RouteMessageType.RTM_DELNEIGH);
            case RouteMessageType.RTM_NEWRULE, RouteMessageType.RTM_DELRULE ->
                    applyRule(RuleMessage.decode(m), type == RouteMessageType.RTM_DELRULE);
            case RouteMessageType.RTM_NEWNEXTHOP, RouteMessageType.RTM_DELNEXTHOP ->
                    applyNexthop(NexthopMessage.decode(m), type == RouteMessageType.RTM_DELNEXTHOP);
            default -> {
            }
        }
    }

    private void applyLink(LinkMessage l, boolean deleted) {
        Integer key = RouteMirrorKeys.link(l);
        if (key == null) {
            return;
        }
        int index = key;
        LinkMessage known = (LinkMessage) tables.get(Kind.LINK).get(key);
        if ((deleted || known == null || !java.util.Objects.equals(known.name(), l.name())) && rulesNameLinks()) {
            // fib_rules_event: a rule naming an interface is detached or attached (FIB_RULE_IIF_DETACHED) silently
            markDirtyLocked(Kind.RULE);
        }
        if (deleted || !l.hasFlags(LinkMessage.IFF_UP)
                || !l.hasFlags(LinkMessage.IFF_RUNNING) && !l.hasFlags(LinkMessage.IFF_LOWER_UP)) {
            // nexthop_flush_dev on unregister, down, or carrier lost: its nexthop objects go silently
            flushNexthops(index);
        }
        if (deleted) {
            // unregister_netdevice: IPv4 routes through it go without notification, proxy entries too
            removeWhereLocked(Kind.NEIGHBOR, (k, v) -> ((NeighborMessage) v).index() == index, false);
            removeWhereLocked(Kind.ROUTE, (k, v) -> RouteMirrorKeys.uses((RouteMessage) v, index), false);
            removeWhereLocked(Kind.ADDRESS, (k, v) -> ((AddressMessage) v).index() == index, false);
            removeLocked(Kind.LINK, key, false);
            return;
        }
        LinkMessage old = (LinkMessage) putLocked(Kind.LINK, key, l, false);
        if (awaitsPeer(l)) {
            // A veth's first RTM_NEWLINK, sent before its peer exists, says IFLA_LINK 0; the kernel fills the peer
            // in later without notifying it, so a dump shows it.
            markDirtyLocked(Kind.LINK);
        }
        if (!l.hasFlags(LinkMessage.IFF_UP)) {
            // fib_disable_ip on NETDEV_DOWN: every IPv4 route through the link but local ones, silently
            boolean[] multipath = {false};
            removeWhereLocked(Kind.ROUTE, (k, v) -> {
                RouteMessage r = (RouteMessage) v;
                if (r.family() != AddressFamily.INET || r.routeType() == RouteMessage.RTN_LOCAL
                        || !RouteMirrorKeys.uses(r, index)) {
                    return false;
                }
                if (!r.nextHops().isEmpty()) {
                    multipath[0] = true;
                    return false;
                }
                return true;
            }, false);
            if (multipath[0]) {
                markDirtyLocked(Kind.ROUTE);
            }
            if (old != null && old.hasFlags(LinkMessage.IFF_UP)) {
                // neigh_ifdown also drops the link's proxy entries (pneigh_ifdown), silently
                removeWhereLocked(Kind.NEIGHBOR, (k, v) -> isProxy(k) && ((NeighborMessage) v).index() == index,
                        false);
            }
            return;
        }
        boolean carrier = l.hasFlags(LinkMessage.IFF_LOWER_UP);
        for (Object v : tables.get(Kind.ROUTE).values()) {
            RouteMessage r = (RouteMessage) v;
            if (RouteMirrorKeys.uses(r, index) && r.routeType() != RouteMessage.RTN_LOCAL
                    && linkDown(r, index) == carrier) {
                markDirtyLocked(Kind.ROUTE);
                break;
            }
        }
    }

    private void applyAddress(AddressMessage a, boolean deleted) {
        RouteMirrorKeys.AddressKey key = RouteMirrorKeys.address(a);
        if (key == null) {
            return;
        }
        if (deleted) {
            removeLocked(Kind.ADDRESS, key, false);
            markDirtyLocked(Kind.ROUTE);
        } else {
            putLocked(Kind.ADDRESS, key, a, false);
        }
    }

    private void applyRoute(RouteMessage r, boolean deleted, int headerFlags) {
        RouteMirrorKeys.RouteKey key = RouteMirrorKeys.route(r);
        if (key == null) {
            return;
        }
        if (r.family() == AddressFamily.INET6 && (!r.nextHops().isEmpty()
                || (!deleted && (headerFlags & HeaderFlags.REPLACE) != 0))) {
            markDirtyLocked(Kind.ROUTE);
        }
        if (deleted) {
            if (removeLocked(Kind.ROUTE, key, false) == null && r.family() == AddressFamily.INET6) {
                markDirtyLocked(Kind.ROUTE);
            }
            return;
        }
        if (r.family() == AddressFamily.INET && r.routeType() != RouteMessage.RTN_LOCAL && r.nextHops().isEmpty()
                && r.outputInterface() != null && tables.get(Kind.LINK).get(r.outputInterface()) instanceof LinkMessage l
                && !l.hasFlags(LinkMessage.IFF_UP)) {
            // the kernel refuses such a route (ENETDOWN) and flushes it when the link goes down: this notification
            // is older than what the mirror knows of the link, such as one waiting behind a dump
            return;
        }
        putLocked(Kind.ROUTE, key, r, false);
        if (r.routeType() == RouteMessage.RTN_LOCAL) {
            return;
        }
        for (int index : devices(r)) {
            LinkMessage link = (LinkMessage) tables.get(Kind.LINK).get(index);
            if (link != null && link.hasFlags(LinkMessage.IFF_UP)
                    && linkDown(r, index) == link.hasFlags(LinkMessage.IFF_LOWER_UP)) {
                markDirtyLocked(Kind.ROUTE);
                return;
            }
        }
    }

    private void applyNeighbor(NeighborMessage n, boolean deleted) {
        RouteMirrorKeys.NeighborKey key = RouteMirrorKeys.neighbor(n);
        if (key == null) {
            return;
        }
        if (deleted) {
            removeLocked(Kind.NEIGHBOR, key, false);
        } else {
            putLocked(Kind.NEIGHBOR, key, n, false);
        }
    }

    private void applyRule(RuleMessage r, boolean deleted) {
        RuleMessage key = RouteMirrorKeys.rule(r);
        if (key == null) {
            return;
        }
        if (deleted) {
            removeLocked(Kind.RULE, key, false);
            // an identical rule may remain: the kernel allows duplicates without NLM_F_EXCL
            markDirtyLocked(Kind.RULE);
        } else {
            putLocked(Kind.RULE, key, r, false);
        }
    }

    private void applyNexthop(NexthopMessage n, boolean deleted) {
        Integer key = RouteMirrorKeys.nexthop(n);
        if (key == null) {
            return;
        }
        if (deleted) {
            removeNexthops(Set.of(key));
            return;
        }
        NexthopMessage old = (NexthopMessage) putLocked(Kind.NEXTHOP, key, n, false);
        if (old != null && !RouteMirrorKeys.sameState(Kind.NEXTHOP, old, n)) {
            // a replaced nexthop or a changed group: the paths of the routes using it change silently
            Set<Integer> affected = new java.util.HashSet<>(groupsContaining(Set.of(key)));
            affected.add(key);
            markRoutesUsing(affected);
        }
    }

    private boolean rulesNameLinks() {
        for (Object v : tables.get(Kind.RULE).values()) {
            RuleMessage r = (RuleMessage) v;
            if (r.inputInterface() != null || r.outputInterface() != null) {
                return true;
            }
        }
        return false;
    }

    /** The non-blackhole nexthop objects on the link, and what depends on them. */
    private void flushNexthops(int index) {
        Set<Integer> gone = new java.util.HashSet<>();
        for (Object v : tables.get(Kind.NEXTHOP).values()) {
            NexthopMessage n = (NexthopMessage) v;
            if (n.index() != null && n.index() == index && !n.blackhole()) {
                gone.add(n.id());
            }
        }
        if (!gone.isEmpty()) {
            removeNexthops(gone);
        }
    }

    /**
     * remove_nexthop: the objects go, and with them, silently, the IPv4 routes using them (IPv6 ones are notified
     * unless {@code net.ipv4.nexthop_compat_mode} is 0: removed here either way). Groups holding them lose them,
     * notified or not, and an emptied group goes too: a targeted nexthop and route resync settles which.
     */
    private void removeNexthops(Set<Integer> ids) {
        Set<Integer> groups = groupsContaining(ids);
        removeWhereLocked(Kind.ROUTE, (k, v) -> RouteMirrorKeys.usesNexthop((RouteMessage) v, ids), false);
        removeWhereLocked(Kind.NEXTHOP, (k, v) -> ids.contains(k), false);
        if (!groups.isEmpty()) {
            markDirtyLocked(Kind.NEXTHOP);
            markRoutesUsing(groups);
        }
    }

    private Set<Integer> groupsContaining(Set<Integer> ids) {
        Set<Integer> out = new java.util.HashSet<>();
        for (Object v : tables.get(Kind.NEXTHOP).values()) {
            NexthopMessage n = (NexthopMessage) v;
            for (NexthopMessage.Member m : n.group()) {
                if (ids.contains(m.id())) {
                    out.add(n.id());
                    break;
                }
            }
        }
        return out;
    }

    private void markRoutesUsing(Set<Integer> ids) {
        for (Object v : tables.get(Kind.ROUTE).values()) {
            if (RouteMirrorKeys.usesNexthop((RouteMessage) v, ids)) {
                markDirtyLocked(Kind.ROUTE);
                return;
            }
        }
    }

    private static List<Integer> devices(RouteMessage r) {
        List<Integer> out = new ArrayList<>(2);
        if (r.outputInterface() != null) {
            out.add(r.outputInterface());
        }
        for (NextHop h : r.nextHops()) {
            out.add(h.index());
        }
        return out;
    }

    /** @return whether the route's path through the link is marked {@code RTNH_F_LINKDOWN} */
    private static boolean linkDown(RouteMessage r, int index) {
        if (r.nextHops().isEmpty()) {
            return (r.flags() & NextHop.RTNH_F_LINKDOWN) != 0;
        }
        for (NextHop h : r.nextHops()) {
            if (h.index() == index && (h.flags() & NextHop.RTNH_F_LINKDOWN) == 0) {
                return false;
            }
        }
        return true;
    }
    // ---- the tables; every change goes through these and is emitted

    private Object putLocked(Kind kind, Object key, Object entry, boolean resync) {
        Object old = tables.get(kind).put(key, entry);
        cached = null;
        if (listeners.isEmpty()) {
            return old; // nobody to tell: no change objects (100,000 of them for a first dump of 100,000 routes)
        }
        if (old == null) {
            emit(new RouteMirrorChange.Added(kind, entry, resync));
        } else if (!RouteMirrorKeys.sameState(kind, old, entry)) {
            emit(new RouteMirrorChange.Changed(kind, old, entry, resync));
        }
        return old;
    }

    private Object removeLocked(Kind kind, Object key, boolean resync) {
        Object old = tables.get(kind).remove(key);
        if (old != null) {
            cached = null;
            emit(new RouteMirrorChange.Removed(kind, old, resync));
        }
        return old;
    }

    private void removeWhereLocked(Kind kind, java.util.function.BiPredicate<Object, Object> condition,
            boolean resync) {
        List<Object> gone = null;
        for (Iterator<Map.Entry<Object, Object>> it = tables.get(kind).entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Object, Object> e = it.next();
            if (condition.test(e.getKey(), e.getValue())) {
                it.remove();
                if (gone == null) {
                    gone = new ArrayList<>();
                }
                gone.add(e.getValue());
            }
        }
        if (gone != null) {
            cached = null;
            for (Object old : gone) {
                emit(new RouteMirrorChange.Removed(kind, old, resync));
            }
        }
    }

    private void emit(RouteMirrorChange change) {
        for (Consumer<RouteMirrorChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "route mirror: listener " + l + " failed on " + change, e);
            }
        }
    }

    RouteMirrorSnapshot snapshotLocked() {
        if (cached == null) {
            cached = new RouteMirrorSnapshot(values(Kind.LINK), values(Kind.ADDRESS), values(Kind.ROUTE),
                    values(Kind.NEIGHBOR), values(Kind.RULE), values(Kind.NEXTHOP));
        }
        return cached;
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> values(Kind kind) {
        // one copy; the snapshot sorts it in place
        return RouteMirrorList.over(tables.get(kind).values().toArray());
    }

    private void markDirtyLocked(Kind kind) {
        targeted.markDirtyLocked(kind);
    }
}
