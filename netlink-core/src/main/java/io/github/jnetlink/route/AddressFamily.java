package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The address families ({@code AF_*} of {@code <sys/socket.h>}, and the rtnetlink-only
 * {@code RTNL_FAMILY_*}) that the first byte of every rtnetlink fixed header holds, and how an address
 * attribute's bytes depend on them.
 *
 * <p>The kernel sends IP addresses in attributes as their raw bytes in network order: 4 bytes for
 * {@link #INET} and {@link #IPMR}, 16 for {@link #INET6} and {@link #IP6MR}. The records of this package read
 * them as {@link InetAddress} for those families, and also for {@link #UNSPEC} and {@link #BRIDGE} when the
 * length is 4 or 16 (a bridge FDB entry may carry a VXLAN remote IP); for any other family, such as
 * {@link #MPLS} whose {@code RTA_DST} is a label, the attribute is kept as a raw
 * {@link io.github.jnetlink.Attribute}.
 */
public final class AddressFamily {

    /** {@code AF_UNSPEC} (0): any family; in a dump request, all of them. */
    public static final int UNSPEC = 0;
    /** {@code AF_INET} (2): IPv4. */
    public static final int INET = 2;
    /** {@code AF_BRIDGE} (7): bridge objects, such as forwarding database entries. */
    public static final int BRIDGE = 7;
    /** {@code AF_INET6} (10): IPv6. */
    public static final int INET6 = 10;
    /** {@code AF_PACKET} (17): link-level objects. */
    public static final int PACKET = 17;
    /** {@code AF_MPLS} (28): MPLS routes. */
    public static final int MPLS = 28;
    /** {@code RTNL_FAMILY_IPMR} (128): IPv4 multicast routes. */
    public static final int IPMR = 128;
    /** {@code RTNL_FAMILY_IP6MR} (129): IPv6 multicast routes. */
    public static final int IP6MR = 129;

    private AddressFamily() {
    }

    /**
     * @param family an address family number
     * @return {@code "inet"}, {@code "inet6"} and the like, as {@code ip} prints them, or the decimal number
     */
    public static String name(int family) {
        return switch (family) {
            case UNSPEC -> "unspec";
            case INET -> "inet";
            case BRIDGE -> "bridge";
            case INET6 -> "inet6";
            case PACKET -> "packet";
            case MPLS -> "mpls";
            case IPMR -> "ipmr";
            case IP6MR -> "ip6mr";
            default -> Integer.toString(family);
        };
    }

    /**
     * @param address an IP address
     * @return {@link #INET} or {@link #INET6}
     * @throws NetlinkException if {@code address} is null
     */
    public static int of(InetAddress address) {
        if (address == null) {
            throw new NetlinkArgumentException("address family: address must not be null");
        }
        return address instanceof Inet4Address ? INET : INET6;
    }

    /**
     * @return the length IP addresses of this family must have: 4, 16, or 0 when either length is allowed
     *         ({@link #UNSPEC}, {@link #BRIDGE}), or -1 when the family's addresses are not IP addresses
     */
    static int addressLength(int family) {
        return switch (family) {
            case INET, IPMR -> 4;
            case INET6, IP6MR -> 16;
            case UNSPEC, BRIDGE -> 0;
            default -> -1;
        };
    }

    /**
     * Reads the current attribute as an IP address of {@code family}.
     *
     * @return the address, or null when the family's addresses are not IP addresses (keep the attribute raw)
     * @throws MalformedMessageException when the payload has the wrong length for the family
     */
    static InetAddress decode(AttributeDecoder d, int family, String what) {
        int expected = addressLength(family);
        int length = d.length();
        if (expected < 0 || (expected == 0 && length != 4 && length != 16)) {
            return null;
        }
        if (expected > 0 && length != expected) {
            throw new MalformedMessageException(what + " at offset " + (d.offset() - 4) + ": " + length
                    + "-byte address for family " + name(family) + ", which needs " + expected + " bytes");
        }
        try {
            byte[] bytes = d.bytes();
            // InetAddress.getByAddress turns an IPv4-mapped IPv6 address (::ffff:a.b.c.d), which the kernel accepts
            // in IPv6 routes, addresses and neighbours, into an Inet4Address that the record then rejects.
            return length == 16 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            // Unreachable: getByAddress only fails for lengths other than 4 and 16, checked above.
            throw new MalformedMessageException(what + ": " + e.getMessage());
        }
    }

    /**
     * Checks that {@code address} fits a record of {@code family}.
     *
     * @throws NetlinkException naming the field when it does not
     */
    static void check(int family, InetAddress address, String what) {
        if (address == null) {
            return;
        }
        int expected = addressLength(family);
        boolean ok = switch (expected) {
            case 4 -> address instanceof Inet4Address;
            case 16 -> address instanceof Inet6Address;
            case 0 -> true;
            default -> false;
        };
        if (!ok) {
            throw new NetlinkArgumentException(what + " " + address.getHostAddress() + " does not belong to address family "
                    + name(family));
        }
    }

    /** Range check of an unsigned 8-bit header field, for the records' constructors. */
    static int u8(int value, String what) {
        if (value < 0 || value > 0xFF) {
            throw new NetlinkArgumentException(what + " must be 0 to 255, got " + value);
        }
        return value;
    }

    /** Range check of an unsigned 16-bit header field, for the records' constructors. */
    static int u16(int value, String what) {
        if (value < 0 || value > 0xFFFF) {
            throw new NetlinkArgumentException(what + " must be 0 to 65535, got " + value);
        }
        return value;
    }
}
