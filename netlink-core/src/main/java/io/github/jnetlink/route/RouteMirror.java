package io.github.jnetlink.route;

import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * A copy, kept in memory, of a namespace's links and IP addresses, as {@code ip link} and {@code ip addr} would
 * show them. It follows the kernel's rtnetlink notifications ({@link #apply(Message)}) and, because the kernel
 * drops notifications when a listener's receive buffer overflows ({@link io.github.jnetlink.NetlinkOverrunException},
 * ENOBUFS) without saying which, it can be brought back to exactly what the kernel has with a fresh dump
 * ({@link #resync(RouteClient)}), which reports what the lost notifications would have changed.
 *
 * <p>When to resync: the kernel reports ENOBUFS once and then drops further notifications silently until the
 * socket's queue has been read empty. So after a {@link io.github.jnetlink.NetlinkOverrunException}, keep
 * receiving and applying, and resync once a receive finds nothing waiting (with a short read deadline, a
 * {@link io.github.jnetlink.NetlinkTimeoutException}); a resync at the overrun itself can miss what was dropped
 * while the queue drained.
 *
 * <pre>{@code
 * RouteMirror mirror = new RouteMirror();
 * try (Conn events = Conn.dial(Protocol.ROUTE, config); Conn requests = Conn.dial(Protocol.ROUTE, config)) {
 *     events.joinGroup(RouteGroup.LINK.group());
 *     events.joinGroup(RouteGroup.IPV4_IFADDR.group());
 *     events.joinGroup(RouteGroup.IPV6_IFADDR.group());
 *     RouteClient client = new RouteClient(requests);
 *     mirror.resync(client);                     // after joining, so that no change falls in between
 *     boolean stale = false;
 *     while (running) {
 *         events.setReadDeadline(Instant.now().plusMillis(100));
 *         try {
 *             events.receive().forEach(mirror::apply);
 *         } catch (NetlinkOverrunException e) {
 *             stale = true;
 *         } catch (NetlinkTimeoutException e) {
 *             if (stale) {
 *                 RouteMirrorDiff missed = mirror.resync(client);
 *                 stale = false;
 *             }
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Links are keyed by interface index; addresses by interface index, family, the interface's own address
 * ({@link AddressMessage#localAddress()}) and prefix length, which is how the kernel tells them apart. Only
 * {@code AF_UNSPEC} link messages are taken in: the bridge driver also multicasts {@code RTM_NEWLINK} and
 * {@code RTM_DELLINK} of family {@code AF_BRIDGE} for bridge ports, and such a "delete" means the port left a
 * bridge, not that the link is gone. Deleting a link also forgets its addresses, which the kernel removes with it.
 *
 * <p>What counts as a change: for a link its name, {@code IFF_*} flags, hardware type, MTU, hardware and
 * broadcast addresses, operational state, peer ({@code IFLA_LINK}), master, transmit queue length and driver
 * kind; for an address its {@code IFA_F_*} flags, scope, peer, label and broadcast address. Counters, timers,
 * lifetimes ({@code IFA_CACHEINFO}) and attributes the records do not decode change all the time and are
 * ignored in diffs, though the entries kept are always the kernel's latest messages whole.
 *
 * <p>Thread-safe: {@link #apply(Message)}, the update at the end of {@link #resync(RouteClient)} and the
 * snapshots are serialised by one lock, and snapshots are immutable copies. The dumps of a resync run outside
 * the lock, so a receive thread applying notifications is not held up by them. For the mirror to end up exact,
 * apply notifications in the order they were received, including those received while or after the resync
 * ran: each entry's last notification then restores whatever the dump missed.
 */
public final class RouteMirror {

    private final Object lock = new Object();
    private final TreeMap<Integer, LinkMessage> links = new TreeMap<>();
    private final TreeMap<AddressKey, AddressMessage> addresses = new TreeMap<>();

    /** Creates an empty mirror; fill it with {@link #resync(RouteClient)}. */
    public RouteMirror() {
    }

    /**
     * Applies one rtnetlink message, as received from a connection joined to {@link RouteGroup#LINK},
     * {@link RouteGroup#IPV4_IFADDR} or {@link RouteGroup#IPV6_IFADDR}: {@code RTM_NEWLINK} adds or replaces a
     * link, {@code RTM_DELLINK} removes it and its addresses, {@code RTM_NEWADDR} adds or replaces an address,
     * {@code RTM_DELADDR} removes it. Other message types, and link messages of a family other than
     * {@code AF_UNSPEC} (bridge port events), are ignored, so every message a listener receives can be passed.
     *
     * @param notification a message from the kernel
     * @return true when the message was a link or address notification the mirror took in
     * @throws NetlinkException if {@code notification} is null
     * @throws io.github.jnetlink.MalformedMessageException if a link or address message is corrupt; the mirror
     *         is left unchanged
     */
    public boolean apply(Message notification) {
        if (notification == null) {
            throw new NetlinkArgumentException("route mirror: notification must not be null");
        }
        int type = notification.header().type();
        switch (type) {
            case RouteMessageType.RTM_NEWLINK, RouteMessageType.RTM_DELLINK -> {
                LinkMessage link = LinkMessage.decode(notification);
                if (link.family() != AddressFamily.UNSPEC || link.index() <= 0) {
                    return false;
                }
                synchronized (lock) {
                    if (type == RouteMessageType.RTM_NEWLINK) {
                        links.put(link.index(), link);
                    } else {
                        links.remove(link.index());
                        addresses.keySet().removeIf(k -> k.index() == link.index());
                    }
                }
                return true;
            }
            case RouteMessageType.RTM_NEWADDR, RouteMessageType.RTM_DELADDR -> {
                AddressMessage address = AddressMessage.decode(notification);
                AddressKey key = AddressKey.of(address);
                if (key == null) {
                    return false;
                }
                synchronized (lock) {
                    if (type == RouteMessageType.RTM_NEWADDR) {
                        addresses.put(key, address);
                    } else {
                        addresses.remove(key);
                    }
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * Dumps the links and addresses ({@link RouteClient#links()}, then {@link RouteClient#addresses()}, each
     * repeated while the kernel marks it interrupted) and makes the mirror exactly that, returning how it
     * differed. The two dumps are not one atomic snapshot; a change that lands between them arrives as a
     * notification the caller applies afterwards.
     *
     * @param client a client over a connection that is not the one receiving the notifications (a dump's
     *               replies and notifications would interleave on one socket)
     * @return the differences found, empty when the mirror was exact
     * @throws NetlinkException if {@code client} is null, or whatever the dumps throw; on failure the mirror is
     *         left unchanged
     * @throws io.github.jnetlink.DumpInterruptedException when the kernel marked every attempt of a dump
     *         interrupted; the mirror is left unchanged, try again
     */
    public RouteMirrorDiff resync(RouteClient client) {
        if (client == null) {
            throw new NetlinkArgumentException("route mirror: client must not be null");
        }
        List<LinkMessage> dumpedLinks = client.links();
        List<AddressMessage> dumpedAddresses = client.addresses();
        Map<Integer, LinkMessage> newLinks = new HashMap<>();
        for (LinkMessage l : dumpedLinks) {
            newLinks.put(l.index(), l);
        }
        Map<AddressKey, AddressMessage> newAddresses = new HashMap<>();
        for (AddressMessage a : dumpedAddresses) {
            AddressKey key = AddressKey.of(a);
            if (key != null) {
                newAddresses.put(key, a);
            }
        }
        synchronized (lock) {
            List<LinkMessage> addedLinks = new ArrayList<>();
            List<LinkMessage> changedLinks = new ArrayList<>();
            List<LinkMessage> removedLinks = new ArrayList<>();
            diff(links, newLinks, RouteMirror::sameLinkState, addedLinks, changedLinks, removedLinks);
            List<AddressMessage> addedAddresses = new ArrayList<>();
            List<AddressMessage> changedAddresses = new ArrayList<>();
            List<AddressMessage> removedAddresses = new ArrayList<>();
            diff(addresses, newAddresses, RouteMirror::sameAddressState, addedAddresses, changedAddresses,
                    removedAddresses);
            links.clear();
            links.putAll(newLinks);
            addresses.clear();
            addresses.putAll(newAddresses);
            return new RouteMirrorDiff(addedLinks, removedLinks, changedLinks, addedAddresses, removedAddresses,
                    changedAddresses);
        }
    }

    /**
     * @return the mirrored links by ascending index, as the kernel last described each; an immutable snapshot
     */
    public List<LinkMessage> links() {
        synchronized (lock) {
            return List.copyOf(links.values());
        }
    }

    /**
     * @return the mirrored addresses ordered by interface index, family, prefix length and address; an
     *         immutable snapshot
     */
    public List<AddressMessage> addresses() {
        synchronized (lock) {
            return List.copyOf(addresses.values());
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "RouteMirror[" + links.size() + " links, " + addresses.size() + " addresses]";
        }
    }

    private static <K, V> void diff(Map<K, V> old, Map<K, V> now, BiPredicate<V, V> same,
            List<V> added, List<V> changed, List<V> removed) {
        for (Map.Entry<K, V> e : now.entrySet()) {
            V before = old.get(e.getKey());
            if (before == null) {
                added.add(e.getValue());
            } else if (!same.test(before, e.getValue())) {
                changed.add(e.getValue());
            }
        }
        for (Map.Entry<K, V> e : old.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                removed.add(e.getValue());
            }
        }
    }

    private static boolean sameLinkState(LinkMessage a, LinkMessage b) {
        return a.flags() == b.flags() && a.linkType() == b.linkType() && Objects.equals(a.name(), b.name())
                && Objects.equals(a.mtu(), b.mtu()) && Objects.equals(a.address(), b.address())
                && Objects.equals(a.broadcast(), b.broadcast()) && Objects.equals(a.operState(), b.operState())
                && Objects.equals(a.link(), b.link()) && Objects.equals(a.master(), b.master())
                && Objects.equals(a.txQueueLength(), b.txQueueLength()) && Objects.equals(kind(a), kind(b));
    }

    private static String kind(LinkMessage l) {
        return l.linkInfo() == null ? null : l.linkInfo().kind();
    }

    private static boolean sameAddressState(AddressMessage a, AddressMessage b) {
        return a.allFlags() == b.allFlags() && a.scope() == b.scope() && Objects.equals(a.address(), b.address())
                && Objects.equals(a.local(), b.local()) && Objects.equals(a.label(), b.label())
                && Objects.equals(a.broadcast(), b.broadcast());
    }

    /** How the kernel tells addresses apart; ordered so that snapshots come out stable. */
    private record AddressKey(int index, int family, int prefixLength, byte[] address) implements Comparable<AddressKey> {

        static AddressKey of(AddressMessage a) {
            InetAddress own = a.localAddress();
            if (own == null || (a.family() != AddressFamily.INET && a.family() != AddressFamily.INET6)) {
                return null;
            }
            return new AddressKey(a.index(), a.family(), a.prefixLength(), own.getAddress());
        }

        @Override
        public int compareTo(AddressKey o) {
            int c = Integer.compare(index, o.index);
            if (c == 0) {
                c = Integer.compare(family, o.family);
            }
            if (c == 0) {
                c = Integer.compare(prefixLength, o.prefixLength);
            }
            return c != 0 ? c : Arrays.compareUnsigned(address, o.address);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AddressKey k && k.index == index && k.family == family
                    && k.prefixLength == prefixLength && Arrays.equals(k.address, address);
        }

        @Override
        public int hashCode() {
            return ((index * 31 + family) * 31 + prefixLength) * 31 + Arrays.hashCode(address);
        }
    }
}
