package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.List;

/**
 * The {@code IFLA_AF_SPEC} nest of a link: one nest per address family that keeps per-link state, its
 * {@code nla_type} the family ({@code AF_INET} 2 with {@code IFLA_INET_CONF}, {@code AF_INET6} 10 with
 * {@code IFLA_INET6_*}, {@code AF_BRIDGE}, {@code AF_MPLS}). Of the {@code AF_INET6} nest this record reads
 * {@code IFLA_INET6_ADDR_GEN_MODE}, which {@code ip -d link} prints as {@code inet6_addr_gen_mode}; the rest of
 * that nest ({@code IFLA_INET6_FLAGS}, {@code _CONF}, {@code _STATS}, {@code _TOKEN}, ...) and the other
 * families' nests are kept as sent.
 *
 * <p>Encoding writes {@link #families()} first, then the {@code AF_INET6} nest when {@code inet6AddrGenMode}
 * is set or {@code inet6} is not empty. An empty {@code AF_INET6} nest, holding nothing to read, decodes into
 * {@code families}.
 *
 * @param inet6AddrGenMode {@code IFLA_INET6_ADDR_GEN_MODE} (u8), how IPv6 link-local addresses are made:
 *                         {@link #IN6_ADDR_GEN_MODE_EUI64} and the like; null when absent
 * @param inet6            the {@code AF_INET6} nest's other attributes, as sent; never null
 * @param families         the other families' nests (and an empty {@code AF_INET6} one), as sent; never null
 */
public record LinkAfSpec(Integer inet6AddrGenMode, List<Attribute> inet6, List<Attribute> families) {

    /** {@code IFLA_INET6_ADDR_GEN_MODE}: u8 address generation mode, in the {@code AF_INET6} nest. */
    public static final int IFLA_INET6_ADDR_GEN_MODE = 8;

    /** {@code IN6_ADDR_GEN_MODE_EUI64} (0): from the hardware address, {@code eui64} in {@code ip}. */
    public static final int IN6_ADDR_GEN_MODE_EUI64 = 0;
    /** {@code IN6_ADDR_GEN_MODE_NONE} (1): no link-local address, {@code none}. */
    public static final int IN6_ADDR_GEN_MODE_NONE = 1;
    /** {@code IN6_ADDR_GEN_MODE_STABLE_PRIVACY} (2): RFC 7217, {@code stable_secret}. */
    public static final int IN6_ADDR_GEN_MODE_STABLE_PRIVACY = 2;
    /** {@code IN6_ADDR_GEN_MODE_RANDOM} (3): random, {@code random}. */
    public static final int IN6_ADDR_GEN_MODE_RANDOM = 3;

    /**
     * @throws NetlinkException if {@code inet6AddrGenMode} is not 0 to 255, a list contains null,
     *         {@code inet6} holds an {@code IFLA_INET6_ADDR_GEN_MODE} or {@code families} a non-empty
     *         {@code AF_INET6} nest (decoding reads those into fields); null lists become empty
     */
    public LinkAfSpec {
        if (inet6AddrGenMode != null) {
            AddressFamily.u8(inet6AddrGenMode, "IFLA_INET6_ADDR_GEN_MODE");
        }
        inet6 = RoutePayload.copy(inet6, "link AF_INET6 attributes");
        families = RoutePayload.copy(families, "link IFLA_AF_SPEC families");
        for (Attribute a : inet6) {
            if ((a.type() & AttributeEncoder.TYPE_MASK) == IFLA_INET6_ADDR_GEN_MODE) {
                throw new NetlinkArgumentException("link AF_INET6 attributes must not hold IFLA_INET6_ADDR_GEN_MODE;"
                        + " set inet6AddrGenMode instead");
            }
        }
        for (Attribute a : families) {
            if ((a.type() & AttributeEncoder.TYPE_MASK) == AddressFamily.INET6 && a.data().length > 0) {
                throw new NetlinkArgumentException("link IFLA_AF_SPEC families must not hold an AF_INET6 nest;"
                        + " set inet6AddrGenMode and inet6 instead");
            }
        }
    }

    /**
     * @param mode {@code IFLA_INET6_ADDR_GEN_MODE}, such as {@link #IN6_ADDR_GEN_MODE_NONE}
     * @return the nest setting only the IPv6 address generation mode, as {@code ip link set X addrgenmode}
     *         sends it
     * @throws NetlinkException if {@code mode} is not 0 to 255
     */
    public static LinkAfSpec ofInet6AddrGenMode(int mode) {
        return new LinkAfSpec(mode, List.of(), List.of());
    }

    /**
     * @return the IPv6 address generation mode as {@code ip -d link} prints it: {@code "eui64"},
     *         {@code "none"}, {@code "stable_secret"}, {@code "random"}, the number for others, null when absent
     */
    public String inet6AddrGenModeName() {
        if (inet6AddrGenMode == null) {
            return null;
        }
        return switch (inet6AddrGenMode) {
            case IN6_ADDR_GEN_MODE_EUI64 -> "eui64";
            case IN6_ADDR_GEN_MODE_NONE -> "none";
            case IN6_ADDR_GEN_MODE_STABLE_PRIVACY -> "stable_secret";
            case IN6_ADDR_GEN_MODE_RANDOM -> "random";
            default -> Integer.toString(inet6AddrGenMode);
        };
    }

    static LinkAfSpec decode(AttributeDecoder nest) {
        Integer mode = null;
        List<Attribute> inet6 = null;
        List<Attribute> families = null;
        while (nest.next()) {
            if (nest.type() == AddressFamily.INET6 && nest.length() > 0) {
                // The last AF_INET6 nest counts, as nla_parse keeps the last of a type.
                mode = null;
                inet6 = null;
                AttributeDecoder d = nest.nestedDecoder();
                while (d.next()) {
                    if (d.type() == IFLA_INET6_ADDR_GEN_MODE) {
                        mode = d.u8();
                    } else {
                        inet6 = RoutePayload.add(inet6, RoutePayload.raw(d));
                    }
                }
            } else {
                families = RoutePayload.add(families, RoutePayload.raw(nest));
            }
        }
        return new LinkAfSpec(mode, RoutePayload.finish(inet6), RoutePayload.finish(families));
    }

    void encode(AttributeEncoder e) {
        RoutePayload.writeAll(e, families);
        if (inet6AddrGenMode != null || !inet6.isEmpty()) {
            e.nested(AddressFamily.INET6, n -> {
                RoutePayload.writeAll(n, inet6);
                if (inet6AddrGenMode != null) {
                    n.u8(IFLA_INET6_ADDR_GEN_MODE, inet6AddrGenMode);
                }
            });
        }
    }
}
