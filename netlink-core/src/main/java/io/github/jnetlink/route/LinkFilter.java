package io.github.jnetlink.route;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.nio.charset.StandardCharsets;

/**
 * Which links {@link Links#list(LinkFilter)} returns: those of one master, of one driver kind, or both. The
 * kernel filters an {@code RTM_GETLINK} dump by {@code IFLA_MASTER} and by {@code IFLA_LINKINFO}'s
 * {@code IFLA_INFO_KIND} ({@code rtnl_dump_ifinfo}), as {@code ip link show master br0 type veth} asks it to;
 * it ignores a kind whose driver is not loaded, and {@link Links} then filters locally, with the same result.
 *
 * <pre>{@code
 * List<LinkMessage> ports = links.list(LinkFilter.builder().master(bridgeIndex).kind("veth").build());
 * }</pre>
 *
 * @param master the master's interface index, or 0 for links of any master or none
 * @param kind   {@code IFLA_INFO_KIND}, such as {@code "veth"} or {@code "bridge"}, or null for any (links
 *               without a kind, such as {@code lo}, match only null)
 */
public record LinkFilter(int master, String kind) {

    /** Every link. */
    public static final LinkFilter ALL = new LinkFilter(0, null);

    /**
     * @throws NetlinkException if {@code master} is negative, or {@code kind} is empty, holds a NUL or is 64
     *         bytes or longer (the kernel's {@code MODULE_NAME_LEN})
     */
    public LinkFilter {
        if (master < 0) {
            throw new NetlinkArgumentException("link filter: master index must be 0 (any) or positive, got " + master);
        }
        if (kind != null && (kind.isEmpty() || kind.indexOf('\0') >= 0
                || kind.getBytes(StandardCharsets.UTF_8).length >= 64)) {
            throw new NetlinkArgumentException("link filter: kind must be 1 to 63 bytes without NUL, got '"
                    + kind.replace("\0", "\\0") + "'");
        }
    }

    /**
     * @return a builder of a filter that matches every link; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    boolean matches(LinkMessage link) {
        return (master == 0 || (link.master() != null && link.master() == master))
                && (kind == null || kind.equals(link.kind()));
    }

    /** Builds a {@link LinkFilter}; every criterion left unset matches any link. */
    public static final class Builder {

        private int master;
        private String kind;

        private Builder() {
        }

        /**
         * @param index the master's interface index (a bridge, bond or VRF), or 0 for any
         * @return this builder
         */
        public Builder master(int index) {
            this.master = index;
            return this;
        }

        /**
         * @param kind the driver kind, such as {@code "veth"}, or null for any
         * @return this builder
         */
        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        /**
         * @return the filter
         * @throws NetlinkException if a value is invalid, see {@link LinkFilter#LinkFilter(int, String)}
         */
        public LinkFilter build() {
            return new LinkFilter(master, kind);
        }
    }
}
