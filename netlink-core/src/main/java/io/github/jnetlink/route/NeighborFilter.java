package io.github.jnetlink.route;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;

/**
 * Which neighbour entries {@link Neighbors#list(NeighborFilter)} returns, as
 * {@code ip neigh show dev D master M [proxy]}. The kernel filters an {@code RTM_GETNEIGH} dump by
 * {@code NDA_IFINDEX} and {@code NDA_MASTER} ({@code neigh_valid_dump_req}), and answers with its proxy tables
 * instead of its caches when {@code ndm_flags} is {@code NTF_PROXY}.
 *
 * @param family {@link AddressFamily#INET} (ARP), {@link AddressFamily#INET6} (NDP), or
 *               {@link AddressFamily#UNSPEC} for both
 * @param index  the interface index of the entries, or 0 for every link
 * @param master the index of the master (bridge, VRF) of the entries' links, or 0 for any
 * @param proxy  true for the proxy entries ({@code ip neigh add proxy ADDRESS dev LINK}), false for the cache
 *               entries
 */
public record NeighborFilter(int family, int index, int master, boolean proxy) {

    /** Every IPv4 and IPv6 cache entry (not the proxy entries). */
    public static final NeighborFilter ALL = new NeighborFilter(AddressFamily.UNSPEC, 0, 0, false);

    /** Every IPv4 and IPv6 proxy entry. */
    public static final NeighborFilter PROXIES = new NeighborFilter(AddressFamily.UNSPEC, 0, 0, true);

    /**
     * @throws NetlinkException if {@code family} is not 0 to 255, or an index is negative
     */
    public NeighborFilter {
        if (family < 0 || family > 0xFF) {
            throw new NetlinkArgumentException("neighbour filter: family must be 0 to 255, got " + family);
        }
        if (index < 0 || master < 0) {
            throw new NetlinkArgumentException("neighbour filter: interface indexes must be 0 (any) or positive, got "
                    + "index " + index + " master " + master);
        }
    }

    /**
     * @return a builder of a filter that matches every cache entry; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The exact criteria: family, link and proxy-ness are in every reply; the master is not. */
    boolean matches(NeighborMessage n) {
        return (family == AddressFamily.UNSPEC || n.family() == family) && (index == 0 || n.index() == index)
                && n.proxy() == proxy;
    }

    /** Builds a {@link NeighborFilter}; every criterion left unset matches any cache entry. */
    public static final class Builder {

        private int family = AddressFamily.UNSPEC;
        private int index;
        private int master;
        private boolean proxy;

        private Builder() {
        }

        /**
         * @param family {@link AddressFamily#INET}, {@link AddressFamily#INET6} or {@link AddressFamily#UNSPEC}
         * @return this builder
         */
        public Builder family(int family) {
            this.family = family;
            return this;
        }

        /**
         * @param index the entries' interface index, or 0 for any
         * @return this builder
         */
        public Builder index(int index) {
            this.index = index;
            return this;
        }

        /**
         * @param master the index of the master of the entries' links, or 0 for any
         * @return this builder
         */
        public Builder master(int master) {
            this.master = master;
            return this;
        }

        /**
         * @param proxy true for proxy entries instead of cache entries
         * @return this builder
         */
        public Builder proxy(boolean proxy) {
            this.proxy = proxy;
            return this;
        }

        /**
         * @return the filter
         * @throws NetlinkException if a value is invalid
         */
        public NeighborFilter build() {
            return new NeighborFilter(family, index, master, proxy);
        }
    }
}
