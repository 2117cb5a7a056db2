package io.github.jnetlink.route;

import io.github.jnetlink.NetlinkArgumentException;

/**
 * One change to a {@link RouteMirror}: an entry added, changed or removed. The entries are the rtnetlink records
 * the kernel sent: {@link LinkMessage}, {@link AddressMessage}, {@link RouteMessage}, {@link NeighborMessage},
 * {@link RuleMessage} or {@link NexthopMessage}, as {@link #kind()} says. Applying a listener's changes in order to the snapshot its
 * {@link RouteMirror#addListener(java.util.function.Consumer)} returned gives the mirror's state, whether a change
 * came from a notification or from comparing a fresh dump after a loss ({@link #resync()}).
 *
 * <p>Immutable. Each record refuses, with {@link NetlinkArgumentException}, a null kind or entry and an entry that
 * is not of the kind's record type.
 */
public sealed interface RouteMirrorChange permits RouteMirrorChange.Added, RouteMirrorChange.Changed,
        RouteMirrorChange.Removed {

    /** What a change is about. More kinds may follow; a switch over them should have a default. */
    enum Kind {
        /** A link, keyed by interface index: {@link LinkMessage}. */
        LINK(LinkMessage.class),
        /** An IPv4 or IPv6 address: {@link AddressMessage}. */
        ADDRESS(AddressMessage.class),
        /** An IPv4 or IPv6 route of any table: {@link RouteMessage}. */
        ROUTE(RouteMessage.class),
        /** An ARP or NDP neighbour entry, proxy entries included: {@link NeighborMessage}. */
        NEIGHBOR(NeighborMessage.class),
        /** An IPv4 or IPv6 policy routing rule ({@code ip rule}): {@link RuleMessage}. */
        RULE(RuleMessage.class),
        /** A nexthop object or group ({@code ip nexthop}), keyed by its ID: {@link NexthopMessage}. */
        NEXTHOP(NexthopMessage.class);

        private final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }

        /**
         * @return the record class of this kind's entries
         */
        public Class<?> type() {
            return type;
        }
    }

    /**
     * @return what the change is about
     */
    Kind kind();

    /**
     * @return the entry before the change; null for {@link Added}
     */
    Object before();

    /**
     * @return the entry after the change; null for {@link Removed}
     */
    Object after();

    /**
     * @return true when the change was found by comparing a fresh dump with the mirror (after lost notifications or
     *         a change the kernel does not notify), rather than read from a notification; when it happened is then
     *         unknown, only that it had happened by the dump
     */
    boolean resync();

    /**
     * @return the entry as it is now, or as it was last for {@link Removed}
     */
    default Object entry() {
        Object after = after();
        return after != null ? after : before();
    }

    /**
     * @return {@link #entry()} as a link, or null when {@link #kind()} is not {@link Kind#LINK}
     */
    default LinkMessage link() {
        return entry() instanceof LinkMessage l ? l : null;
    }

    /**
     * @return {@link #entry()} as an address, or null when {@link #kind()} is not {@link Kind#ADDRESS}
     */
    default AddressMessage address() {
        return entry() instanceof AddressMessage a ? a : null;
    }

    /**
     * @return {@link #entry()} as a route, or null when {@link #kind()} is not {@link Kind#ROUTE}
     */
    default RouteMessage route() {
        return entry() instanceof RouteMessage r ? r : null;
    }

    /**
     * @return {@link #entry()} as a neighbour entry, or null when {@link #kind()} is not {@link Kind#NEIGHBOR}
     */
    default NeighborMessage neighbor() {
        return entry() instanceof NeighborMessage n ? n : null;
    }

    /**
     * @return {@link #entry()} as a rule, or null when {@link #kind()} is not {@link Kind#RULE}
     */
    default RuleMessage rule() {
        return entry() instanceof RuleMessage r ? r : null;
    }

    /**
     * @return {@link #entry()} as a nexthop object, or null when {@link #kind()} is not {@link Kind#NEXTHOP}
     */
    default NexthopMessage nexthop() {
        return entry() instanceof NexthopMessage n ? n : null;
    }

    /**
     * An entry the mirror did not have.
     *
     * @param kind   what it is
     * @param after  the entry
     * @param resync whether a dump comparison found it
     */
    record Added(Kind kind, Object after, boolean resync) implements RouteMirrorChange {

        /** @throws NetlinkArgumentException if an argument is null or {@code after} is not of the kind's type */
        public Added {
            check(kind, after, "after");
        }

        @Override
        public Object before() {
            return null;
        }
    }

    /**
     * An entry whose state changed (see {@link RouteMirror} for what counts).
     *
     * @param kind   what it is
     * @param before the entry as the mirror had it
     * @param after  the entry now
     * @param resync whether a dump comparison found it
     */
    record Changed(Kind kind, Object before, Object after, boolean resync) implements RouteMirrorChange {

        /** @throws NetlinkArgumentException if an argument is null or an entry is not of the kind's type */
        public Changed {
            check(kind, before, "before");
            check(kind, after, "after");
        }
    }

    /**
     * An entry that is gone.
     *
     * @param kind   what it is
     * @param before the entry as the mirror had it
     * @param resync whether a dump comparison found it (or the mirror inferred it, see {@link RouteMirror})
     */
    record Removed(Kind kind, Object before, boolean resync) implements RouteMirrorChange {

        /** @throws NetlinkArgumentException if an argument is null or {@code before} is not of the kind's type */
        public Removed {
            check(kind, before, "before");
        }

        @Override
        public Object after() {
            return null;
        }
    }

    private static void check(Kind kind, Object entry, String what) {
        if (kind == null) {
            throw new NetlinkArgumentException("route mirror change: kind must not be null");
        }
        if (entry == null) {
            throw new NetlinkArgumentException("route mirror change: " + what + " must not be null for a " + kind
                    + " change");
        }
        if (!kind.type().isInstance(entry)) {
            throw new NetlinkArgumentException("route mirror change: " + what + " of a " + kind + " change must be a "
                    + kind.type().getSimpleName() + ", got " + entry.getClass().getName());
        }
    }
}
