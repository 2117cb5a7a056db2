package io.github.jnetlink.route;

import io.github.jnetlink.route.RouteMirrorKeys.RouteKey;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The mirror's routes by {@link RouteKey}, in insertion order, without a key object or a map entry per route: the
 * routes sit in one array in the order they came (a dump's), and an open-addressing table of ints points into it,
 * hashed by {@link RouteMirrorKeys#routeHash}. A key is made only when asked for ({@link #entrySet()}); the dump
 * adds routes with {@link #add(RouteMessage)}. For 100,000 routes this keeps about 100 bytes per route fewer than a
 * {@code LinkedHashMap} of keys, and allocates nothing per route but the route, which is what young collections
 * copy while a first dump grows the mirror. Not thread-safe: the mirror's lock guards it.
 *
 * <p>Keys passed in must be {@link RouteKey}s made by {@link RouteMirrorKeys#route} from the value they go with;
 * any other key is simply absent.
 */
final class RouteMirrorRoutes extends AbstractMap<Object, Object> {

    /** An index slot never used. */
    private static final int FREE = 0;
    /** An index slot whose route was removed: probing goes on past it. */
    private static final int GONE = -1;

    /** The routes in insertion order; null where one was removed. */
    private RouteMessage[] routes;
    /** The hash of each route of {@link #routes}. */
    private int[] hashes;
    /** Open addressing: {@link #FREE}, {@link #GONE}, or the position in {@link #routes} plus one. */
    private int[] index;
    /** Positions of {@link #routes} used, removed ones included. */
    private int end;
    private int size;
    /** Index slots not {@link #FREE}: live and {@link #GONE} ones. */
    private int occupied;
    private int modCount;

    RouteMirrorRoutes() {
        this(16);
    }

    /** @param expected how many routes are about to be added, so that the arrays grow once */
    RouteMirrorRoutes(int expected) {
        int capacity = Math.max(16, expected);
        routes = new RouteMessage[capacity];
        hashes = new int[capacity];
        index = new int[tableSize(capacity)];
    }

    private static int tableSize(int capacity) {
        // a power of two at least twice the routes: probes stay short
        return Integer.highestOneBit(Math.max(16, capacity) * 2 - 1) << 1;
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    // ---- the dump's path: no key objects

    /**
     * Adds or replaces the route of {@code r}'s key, which must have one ({@link RouteMirrorKeys#keyed}).
     *
     * @return the route it replaced, or null
     */
    RouteMessage add(RouteMessage r) {
        int h = RouteMirrorKeys.routeHash(r);
        int mask = index.length - 1;
        int firstGone = -1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            int p = index[i];
            if (p == FREE) {
                insert(firstGone >= 0 ? firstGone : i, firstGone < 0, h, r);
                return null;
            }
            if (p == GONE) {
                if (firstGone < 0) {
                    firstGone = i;
                }
            } else if (hashes[p - 1] == h && RouteMirrorKeys.sameRouteKey(routes[p - 1], r)) {
                RouteMessage old = routes[p - 1];
                routes[p - 1] = r;
                return old;
            }
        }
    }

    private void insert(int slot, boolean freeSlot, int h, RouteMessage r) {
        if (end == routes.length) {
            growRoutes();
            // positions moved, and the table with them
            add(r);
            return;
        }
        routes[end] = r;
        hashes[end] = h;
        end++;
        index[slot] = end;
        size++;
        modCount++;
        if (freeSlot && ++occupied * 4 > index.length * 3) {
            rebuild(index.length * 2);
        }
    }

    private void growRoutes() {
        if (size * 2 < end) {
            compact();
        } else {
            routes = Arrays.copyOf(routes, routes.length * 2);
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        rebuild(Math.max(index.length, tableSize(routes.length)));
    }

    /** Drops the removed positions, keeping the order. */
    private void compact() {
        int to = 0;
        for (int from = 0; from < end; from++) {
            if (routes[from] != null) {
                routes[to] = routes[from];
                hashes[to] = hashes[from];
                to++;
            }
        }
        Arrays.fill(routes, to, end, null);
        end = to;
    }

    private void rebuild(int tableLength) {
        index = new int[tableLength];
        int mask = tableLength - 1;
        for (int p = 0; p < end; p++) {
            if (routes[p] == null) {
                continue;
            }
            int i = spread(hashes[p]) & mask;
            while (index[i] != FREE) {
                i = (i + 1) & mask;
            }
            index[i] = p + 1;
        }
        occupied = size;
    }

    // ---- Map

    /** @return the index slot of {@code key}, or -1 */
    private int slotOf(Object key) {
        if (!(key instanceof RouteKey k)) {
            return -1;
        }
        int h = k.hashCode();
        int mask = index.length - 1;
        for (int i = spread(h) & mask, probes = 0; probes < index.length; i = (i + 1) & mask, probes++) {
            int p = index[i];
            if (p == FREE) {
                return -1;
            }
            if (p != GONE && hashes[p - 1] == h && RouteMirrorKeys.routeKeyOf(k, routes[p - 1])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object get(Object key) {
        int slot = slotOf(key);
        return slot < 0 ? null : routes[index[slot] - 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return slotOf(key) >= 0;
    }

    @Override
    public Object put(Object key, Object value) {
        RouteMessage r = (RouteMessage) value;
        if (!(key instanceof RouteKey) || !RouteMirrorKeys.keyed(r) || !RouteMirrorKeys.routeKeyOf((RouteKey) key, r)) {
            throw new IllegalArgumentException("route mirror: " + key + " is not the key of " + value);
        }
        return add(r);
    }

    @Override
    public Object remove(Object key) {
        int slot = slotOf(key);
        if (slot < 0) {
            return null;
        }
        RouteMessage old = removeAt(slot);
        if (end > 64 && size * 4 < end) {
            // mostly holes: walking them would cost more than closing them (never during an iteration's remove)
            compact();
            rebuild(index.length);
        }
        return old;
    }

    private RouteMessage removeAt(int slot) {
        int p = index[slot] - 1;
        RouteMessage old = routes[p];
        routes[p] = null;
        index[slot] = GONE;
        size--;
        modCount++;
        if (p == end - 1) {
            end--;
        }
        return old;
    }

    /** Removes the route at position {@code p}, found through its hash. */
    private void removePosition(int p) {
        int mask = index.length - 1;
        for (int i = spread(hashes[p]) & mask; ; i = (i + 1) & mask) {
            if (index[i] == p + 1) {
                removeAt(i);
                return;
            }
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public void clear() {
        Arrays.fill(routes, 0, end, null);
        Arrays.fill(index, FREE);
        end = 0;
        size = 0;
        occupied = 0;
        modCount++;
    }

    @Override
    public Collection<Object> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Object> iterator() {
                return new Positions<>() {
                    @Override
                    Object at(int p) {
                        return routes[p];
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public Object[] toArray() {
                Object[] out = new Object[size];
                int n = 0;
                for (int p = 0; p < end; p++) {
                    if (routes[p] != null) {
                        out[n++] = routes[p];
                    }
                }
                return out;
            }
        };
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<Object, Object>> iterator() {
                return new Positions<>() {
                    @Override
                    Map.Entry<Object, Object> at(int p) {
                        return new Entry(routes[p]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** A route and its key, made only if asked for: most walks (a link's routes going) look at the route alone. */
    private static final class Entry implements Map.Entry<Object, Object> {
        private final RouteMessage route;
        private RouteKey key;

        Entry(RouteMessage route) {
            this.route = route;
        }

        @Override
        public Object getKey() {
            if (key == null) {
                key = RouteMirrorKeys.route(route);
            }
            return key;
        }

        @Override
        public Object getValue() {
            return route;
        }

        @Override
        public Object setValue(Object value) {
            throw new UnsupportedOperationException("route mirror: routes are replaced by key");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && getKey().equals(e.getKey()) && route.equals(e.getValue());
        }

        @Override
        public int hashCode() {
            return getKey().hashCode() ^ route.hashCode();
        }

        @Override
        public String toString() {
            return getKey() + "=" + route;
        }
    }

    /** Walks the used positions in order; {@code remove()} removes the last one returned. */
    private abstract class Positions<T> implements Iterator<T> {
        private int next = advance(0);
        private int last = -1;
        private int expected = modCount;

        private int advance(int from) {
            while (from < end && routes[from] == null) {
                from++;
            }
            return from;
        }

        abstract T at(int p);

        @Override
        public boolean hasNext() {
            return next < end;
        }

        @Override
        public T next() {
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            if (next >= end) {
                throw new NoSuchElementException();
            }
            last = next;
            next = advance(next + 1);
            return at(last);
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException();
            }
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            removePosition(last);
            last = -1;
            expected = modCount;
        }
    }
}
