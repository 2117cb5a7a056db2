package io.github.jnetlink.route;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;

/**
 * A route lookup for {@link Routes#get(RouteQuery)}, as {@code ip route get DESTINATION from SOURCE iif I oif O
 * mark M [fibmatch]}: the kernel resolves a packet with these properties through its rules and tables
 * ({@code inet_rtm_getroute}, {@code inet6_rtm_getroute}).
 *
 * @param destination     the destination address; its family is the query's
 * @param source          the source address, or null
 * @param inputInterface  the index of the link the packet arrives on (a forwarding lookup), or 0 for a locally
 *                        sent packet
 * @param outputInterface the index of the link to send through, or 0 to let the kernel pick
 * @param mark            the packet's firewall mark, or 0
 * @param fibMatch        true to answer with the routing table entry that matched ({@code RTM_F_FIB_MATCH}),
 *                        false for the resolved route with its gateway, source and link
 */
public record RouteQuery(InetAddress destination, InetAddress source, int inputInterface, int outputInterface,
        int mark, boolean fibMatch) {

    /**
     * @throws NetlinkException if {@code destination} is null, {@code source} is of another family, or an
     *         index is negative
     */
    public RouteQuery {
        if (destination == null) {
            throw new NetlinkArgumentException("route query: destination must not be null");
        }
        if (source != null && source.getAddress().length != destination.getAddress().length) {
            throw new NetlinkArgumentException("route query: source " + source.getHostAddress()
                    + " is not of the family of destination " + destination.getHostAddress());
        }
        if (inputInterface < 0 || outputInterface < 0) {
            throw new NetlinkArgumentException("route query: interface indexes must be 0 (none) or positive, got iif "
                    + inputInterface + " oif " + outputInterface);
        }
    }

    /**
     * @param destination the destination address
     * @return a query for the route a locally sent packet to {@code destination} takes, as
     *         {@code ip route get DESTINATION}
     * @throws NetlinkException if {@code destination} is null
     */
    public static RouteQuery to(InetAddress destination) {
        return new RouteQuery(destination, null, 0, 0, 0, false);
    }

    /**
     * @param destination the destination address
     * @return a builder of a query with nothing but a destination; not thread-safe
     */
    public static Builder builder(InetAddress destination) {
        return new Builder(destination);
    }

    /** @return {@link AddressFamily#INET} or {@link AddressFamily#INET6}, from the destination */
    public int family() {
        return destination.getAddress().length == 4 ? AddressFamily.INET : AddressFamily.INET6;
    }

    /** Builds a {@link RouteQuery}. */
    public static final class Builder {

        private final InetAddress destination;
        private InetAddress source;
        private int inputInterface;
        private int outputInterface;
        private int mark;
        private boolean fibMatch;

        private Builder(InetAddress destination) {
            this.destination = destination;
        }

        /**
         * @param source the source address, or null
         * @return this builder
         */
        public Builder source(InetAddress source) {
            this.source = source;
            return this;
        }

        /**
         * @param index the link the packet arrives on, or 0
         * @return this builder
         */
        public Builder inputInterface(int index) {
            this.inputInterface = index;
            return this;
        }

        /**
         * @param index the link to send through, or 0
         * @return this builder
         */
        public Builder outputInterface(int index) {
            this.outputInterface = index;
            return this;
        }

        /**
         * @param mark the firewall mark (u32)
         * @return this builder
         */
        public Builder mark(int mark) {
            this.mark = mark;
            return this;
        }

        /**
         * @param fibMatch true for the matching table entry instead of the resolved route
         * @return this builder
         */
        public Builder fibMatch(boolean fibMatch) {
            this.fibMatch = fibMatch;
            return this;
        }

        /**
         * @return the query
         * @throws NetlinkException if a value is invalid
         */
        public RouteQuery build() {
            return new RouteQuery(destination, source, inputInterface, outputInterface, mark, fibMatch);
        }
    }
}
