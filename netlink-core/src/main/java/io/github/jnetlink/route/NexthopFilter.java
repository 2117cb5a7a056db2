package io.github.jnetlink.route;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;

/**
 * Which nexthop objects {@link Nexthops#list(NexthopFilter)} returns, as
 * {@code ip -4 nexthop show dev D master M groups fdb}. The kernel filters an {@code RTM_GETNEXTHOP} dump by
 * every one of these ({@code nh_valid_dump_req}): the family in {@code nh_family}, the rest as {@code NHA_OIF},
 * {@code NHA_MASTER}, {@code NHA_GROUPS} and {@code NHA_FDB}. It checks nexthop dump requests strictly whatever
 * the socket's {@code NETLINK_GET_STRICT_CHK}, but does not mark the replies {@code NLM_F_DUMP_FILTERED}, so
 * {@link Nexthops} matches each reply again with the kernel's rules.
 *
 * @param family          {@link AddressFamily#INET}, {@link AddressFamily#INET6}, or {@link AddressFamily#UNSPEC}
 *                        for every family (groups are of family {@code AF_UNSPEC})
 * @param outputInterface the index of the link of single-path nexthops, or 0 for any (groups never match one)
 * @param master          the index of the master of the link of single-path nexthops, or 0 for any
 * @param groups          true for groups only
 * @param fdb             true for FDB nexthops only ({@code ip nexthop add ... fdb})
 */
public record NexthopFilter(int family, int outputInterface, int master, boolean groups, boolean fdb) {

    /** Every nexthop object. */
    public static final NexthopFilter ALL = new NexthopFilter(AddressFamily.UNSPEC, 0, 0, false, false);

    /**
     * @throws NetlinkException if {@code family} is not 0 to 255, or an index is negative
     */
    public NexthopFilter {
        if (family < 0 || family > 0xFF) {
            throw new NetlinkArgumentException("nexthop filter: family must be 0 to 255, got " + family);
        }
        if (outputInterface < 0 || master < 0) {
            throw new NetlinkArgumentException("nexthop filter: interface indexes must be 0 (any) or positive, got "
                    + "oif " + outputInterface + " master " + master);
        }
    }

    /**
     * @return a builder of a filter that matches every nexthop; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Everything but the master, which replies do not carry. */
    boolean matches(NexthopMessage n) {
        if ((family != AddressFamily.UNSPEC && n.family() != family) || (groups && !n.isGroup()) || (fdb && !n.fdb())) {
            return false;
        }
        if (outputInterface == 0 && master == 0) {
            return true;
        }
        return !n.isGroup() && (outputInterface == 0 || (n.index() != null && n.index() == outputInterface));
    }

    /** Builds a {@link NexthopFilter}; every criterion left unset matches any nexthop. */
    public static final class Builder {

        private int family = AddressFamily.UNSPEC;
        private int outputInterface;
        private int master;
        private boolean groups;
        private boolean fdb;

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
         * @param index the link of single-path nexthops, or 0 for any
         * @return this builder
         */
        public Builder outputInterface(int index) {
            this.outputInterface = index;
            return this;
        }

        /**
         * @param index the master of the link of single-path nexthops, or 0 for any
         * @return this builder
         */
        public Builder master(int index) {
            this.master = index;
            return this;
        }

        /**
         * @param groups true for groups only
         * @return this builder
         */
        public Builder groups(boolean groups) {
            this.groups = groups;
            return this;
        }

        /**
         * @param fdb true for FDB nexthops only
         * @return this builder
         */
        public Builder fdb(boolean fdb) {
            this.fdb = fdb;
            return this;
        }

        /**
         * @return the filter
         * @throws NetlinkException if a value is invalid
         */
        public NexthopFilter build() {
            return new NexthopFilter(family, outputInterface, master, groups, fdb);
        }
    }
}
