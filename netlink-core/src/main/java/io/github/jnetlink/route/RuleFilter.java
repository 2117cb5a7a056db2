package io.github.jnetlink.route;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;

/**
 * Which rules {@link Rules#list(RuleFilter)} returns, as {@code ip -4 rule show table T}. The family selects
 * which family's rules the kernel dumps ({@code fib_rule_hdr.family}); the kernel's rule dump takes no other
 * filter (with strict checking, {@code fib_valid_dumprule_req} refuses any other header field or attribute), so
 * the table is matched locally, against the rule's real table ID.
 *
 * @param family {@link AddressFamily#INET}, {@link AddressFamily#INET6}, {@link AddressFamily#IPMR},
 *               {@link AddressFamily#IP6MR}, or {@link AddressFamily#UNSPEC} for every family
 * @param table  the table the rules look up (u32), or 0 for any
 */
public record RuleFilter(int family, int table) {

    /** Every rule of every family. */
    public static final RuleFilter ALL = new RuleFilter(AddressFamily.UNSPEC, 0);

    /**
     * @throws NetlinkException if {@code family} is not 0 to 255
     */
    public RuleFilter {
        if (family < 0 || family > 0xFF) {
            throw new NetlinkArgumentException("rule filter: family must be 0 to 255, got " + family);
        }
    }

    /**
     * @return a builder of a filter that matches every rule; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    boolean matches(RuleMessage r) {
        return (family == AddressFamily.UNSPEC || r.family() == family) && (table == 0 || r.table() == table);
    }

    /** Builds a {@link RuleFilter}; every criterion left unset matches any rule. */
    public static final class Builder {

        private int family = AddressFamily.UNSPEC;
        private int table;

        private Builder() {
        }

        /**
         * @param family an address family, or {@link AddressFamily#UNSPEC} for all
         * @return this builder
         */
        public Builder family(int family) {
            this.family = family;
            return this;
        }

        /**
         * @param table a table ID, or 0 for any
         * @return this builder
         */
        public Builder table(int table) {
            this.table = table;
            return this;
        }

        /**
         * @return the filter
         * @throws NetlinkException if a value is invalid
         */
        public RuleFilter build() {
            return new RuleFilter(family, table);
        }
    }
}
