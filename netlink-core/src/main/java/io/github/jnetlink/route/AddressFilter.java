package io.github.jnetlink.route;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;

/**
 * Which addresses {@link Addresses#list(AddressFilter)} returns: those of one family, of one link, or both, as
 * {@code ip -4 addr show dev eth0}. The family selects which family's dump the kernel runs ({@code ifa_family});
 * the link goes in {@code ifa_index}, which the kernel filters by when strict checking is on
 * ({@code inet_valid_dump_ifaddr_req}, {@code inet6_valid_dump_ifaddr_req}).
 *
 * @param family {@link AddressFamily#INET}, {@link AddressFamily#INET6}, or {@link AddressFamily#UNSPEC} for both
 * @param index  the interface index, or 0 for every link
 */
public record AddressFilter(int family, int index) {

    /** Every IPv4 and IPv6 address. */
    public static final AddressFilter ALL = new AddressFilter(AddressFamily.UNSPEC, 0);

    /**
     * @throws NetlinkException if {@code family} is not 0 to 255 or {@code index} is negative
     */
    public AddressFilter {
        if (family < 0 || family > 0xFF) {
            throw new NetlinkArgumentException("address filter: family must be 0 to 255, got " + family);
        }
        if (index < 0) {
            throw new NetlinkArgumentException("address filter: interface index must be 0 (any) or positive, got "
                    + index);
        }
    }

    /**
     * @return a builder of a filter that matches every address; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    boolean matches(AddressMessage a) {
        return (family == AddressFamily.UNSPEC || a.family() == family) && (index == 0 || a.index() == index);
    }

    /** Builds an {@link AddressFilter}; every criterion left unset matches any address. */
    public static final class Builder {

        private int family = AddressFamily.UNSPEC;
        private int index;

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
         * @param index the interface index, or 0 for any
         * @return this builder
         */
        public Builder index(int index) {
            this.index = index;
            return this;
        }

        /**
         * @return the filter
         * @throws NetlinkException if a value is invalid
         */
        public AddressFilter build() {
            return new AddressFilter(family, index);
        }
    }
}
