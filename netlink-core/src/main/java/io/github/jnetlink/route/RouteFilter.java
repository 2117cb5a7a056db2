package io.github.jnetlink.route;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;

/**
 * Which routes {@link Routes#list(RouteFilter)} returns, as {@code ip route show table T proto P type Y dev D}.
 * With strict checking the kernel filters an {@code RTM_GETROUTE} dump by every one of these
 * ({@code ip_valid_fib_dump_req} for IPv4, IPv4 multicast and IPv6): the table in {@code rtm_table} and
 * {@code RTA_TABLE}, protocol and type in {@code rtm_protocol} and {@code rtm_type}, the output link in
 * {@code RTA_OIF}; {@link Routes} filters locally whatever the kernel did not.
 *
 * @param family          {@link AddressFamily#INET}, {@link AddressFamily#INET6}, or {@link AddressFamily#UNSPEC}
 *                        for every family
 * @param table           the table ID ({@link RouteMessage#RT_TABLE_MAIN} is 254), or 0 for every table
 * @param protocol        {@code rtm_protocol}, such as {@link RouteMessage#RTPROT_STATIC}, or 0 for any
 * @param routeType       {@code rtm_type}, such as {@link RouteMessage#RTN_UNICAST}, or 0 for any
 * @param outputInterface the index of a link the route sends through (as its only link or one of its multipath
 *                        next hops), or 0 for any
 */
public record RouteFilter(int family, int table, int protocol, int routeType, int outputInterface) {

    /** Every route of every table and family. */
    public static final RouteFilter ALL = new RouteFilter(AddressFamily.UNSPEC, 0, 0, 0, 0);

    /**
     * @throws NetlinkException if {@code family}, {@code protocol} or {@code routeType} is not 0 to 255, or
     *         {@code outputInterface} is negative
     */
    public RouteFilter {
        check(family, "family");
        check(protocol, "protocol");
        check(routeType, "route type");
        if (outputInterface < 0) {
            throw new NetlinkArgumentException("route filter: output interface must be 0 (any) or positive, got "
                    + outputInterface);
        }
    }

    private static void check(int value, String what) {
        if (value < 0 || value > 0xFF) {
            throw new NetlinkArgumentException("route filter: " + what + " must be 0 to 255, got " + value);
        }
    }

    /**
     * @return a builder of a filter that matches every route; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The criteria whose local test is exact: family, table, protocol and type are in every reply. */
    boolean matchesHeader(RouteMessage r) {
        return (family == AddressFamily.UNSPEC || r.family() == family) && (table == 0 || r.table() == table)
                && (protocol == 0 || r.protocol() == protocol) && (routeType == 0 || r.routeType() == routeType);
    }

    /**
     * The output link as far as the reply shows it: a route through a nexthop object ({@code RTA_NH_ID}) names
     * no link, so only the kernel can match it.
     */
    boolean matchesOutputInterface(RouteMessage r) {
        if (outputInterface == 0 || (r.outputInterface() != null && r.outputInterface() == outputInterface)) {
            return true;
        }
        for (NextHop h : r.nextHops()) {
            if (h.index() == outputInterface) {
                return true;
            }
        }
        return false;
    }

    /** Builds a {@link RouteFilter}; every criterion left unset matches any route. */
    public static final class Builder {

        private int family = AddressFamily.UNSPEC;
        private int table;
        private int protocol;
        private int routeType;
        private int outputInterface;

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
         * @param table a table ID (u32; IDs above {@link Integer#MAX_VALUE} as negative ints), or 0 for all
         * @return this builder
         */
        public Builder table(int table) {
            this.table = table;
            return this;
        }

        /**
         * @param protocol an {@code RTPROT_*} value, or 0 for any
         * @return this builder
         */
        public Builder protocol(int protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * @param routeType an {@code RTN_*} value, or 0 for any
         * @return this builder
         */
        public Builder routeType(int routeType) {
            this.routeType = routeType;
            return this;
        }

        /**
         * @param index an interface index, or 0 for any
         * @return this builder
         */
        public Builder outputInterface(int index) {
            this.outputInterface = index;
            return this;
        }

        /**
         * @return the filter
         * @throws NetlinkException if a value is out of range
         */
        public RouteFilter build() {
            return new RouteFilter(family, table, protocol, routeType, outputInterface);
        }
    }
}
