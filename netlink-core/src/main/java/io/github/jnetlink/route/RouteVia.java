package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A next hop of another address family than the route's, {@code RTA_VIA}: {@code struct rtvia} of
 * {@code <linux/rtnetlink.h>}, a {@code u16 rtvia_family} in host byte order followed by the address. The
 * kernel uses it for an IPv4 route through an IPv6 gateway ({@code ip route add 10.0.0.0/8 via inet6 fe80::1
 * dev eth0}, RFC 5549) and for MPLS routes. An {@code RTA_VIA} of a family other than {@code AF_INET} or
 * {@code AF_INET6} (such as {@code AF_PACKET} in an MPLS route) stays raw in the route's
 * {@link RouteMessage#unknown()}.
 *
 * <pre>
 *  struct rtvia
 *  0                 2
 * +-----------------+------------------------------+
 * |  rtvia_family   |  rtvia_addr (4 or 16 bytes)  |
 * +-----------------+------------------------------+
 * </pre>
 *
 * @param address the gateway; its class gives {@code rtvia_family}, {@link #family()}
 */
public record RouteVia(InetAddress address) {

    /**
     * @throws NetlinkException if {@code address} is null
     */
    public RouteVia {
        if (address == null) {
            throw new NetlinkArgumentException("RTA_VIA: address must not be null");
        }
    }

    /**
     * @param address the gateway, IPv4 or IPv6
     * @return the via
     * @throws NetlinkException if {@code address} is null
     */
    public static RouteVia of(InetAddress address) {
        return new RouteVia(address);
    }

    /**
     * The {@code RTA_VIA} of one path of a multipath route ({@code ip route add ... nexthop via inet6 fe80::2 dev
     * eth0}), which {@link NextHop} keeps in its {@link NextHop#unknown()} attributes. When it repeats, the last
     * one counts.
     *
     * @param hop the path
     * @return the via, or null when the path has none, or one of a family other than IPv4 and IPv6
     * @throws NetlinkException if {@code hop} is null
     * @throws MalformedMessageException if the {@code RTA_VIA} is shorter than {@code rtvia_family}, or an IP
     *         family's address has the wrong length
     */
    public static RouteVia fromNextHop(NextHop hop) {
        if (hop == null) {
            throw new NetlinkArgumentException("RouteVia.fromNextHop: hop must not be null");
        }
        RouteVia via = null;
        for (Attribute a : hop.unknown()) {
            if ((a.type() & AttributeEncoder.TYPE_MASK) == RouteMessage.RTA_VIA) {
                byte[] b = new AttributeEncoder(a.data().length + 4).bytes(RouteMessage.RTA_VIA, a.data()).encode();
                AttributeDecoder d = new AttributeDecoder(b);
                d.next();
                RouteVia v = decode(d, b);
                via = v == null ? via : v;
            }
        }
        return via;
    }

    /**
     * @return {@code rtvia_family}: {@link AddressFamily#INET} or {@link AddressFamily#INET6}
     */
    public int family() {
        return address instanceof Inet4Address ? AddressFamily.INET : AddressFamily.INET6;
    }

    /**
     * @return the payload of {@code RTA_VIA}: the family in host byte order, then the address
     */
    byte[] encode() {
        byte[] a = address.getAddress();
        byte[] b = new byte[2 + a.length];
        RoutePayload.SHORT.set(b, 0, (short) family());
        System.arraycopy(a, 0, b, 2, a.length);
        return b;
    }

    /** The family of an {@code RTA_VIA} payload, or -1 when it is shorter than the family field. */
    static int family(byte[] b, int offset, int length) {
        return length < 2 ? -1 : (short) RoutePayload.SHORT.get(b, offset) & 0xFFFF;
    }

    /**
     * Reads the current attribute, an {@code RTA_VIA}.
     *
     * @return the via, or null for a family whose addresses are not IP addresses (keep the attribute raw)
     * @throws MalformedMessageException if the payload is shorter than {@code rtvia_family}, or an IP family's
     *         address has the wrong length
     */
    static RouteVia decode(AttributeDecoder d, byte[] b) {
        int length = d.length();
        int family = family(b, d.offset(), length);
        if (family < 0) {
            throw new MalformedMessageException("RTA_VIA at offset " + (d.offset() - 4) + ": " + length
                    + " bytes, struct rtvia needs at least 2 for rtvia_family");
        }
        int expected = family == AddressFamily.INET ? 4 : family == AddressFamily.INET6 ? 16 : -1;
        if (expected < 0) {
            return null;
        }
        if (length - 2 != expected) {
            throw new MalformedMessageException("RTA_VIA at offset " + (d.offset() - 4) + ": " + (length - 2)
                    + "-byte address for rtvia_family " + AddressFamily.name(family) + ", which needs " + expected
                    + " bytes");
        }
        byte[] a = new byte[expected];
        System.arraycopy(b, d.offset() + 2, a, 0, expected);
        try {
            // Inet6Address keeps an IPv4-mapped IPv6 address (::ffff:a.b.c.d) of family AF_INET6.
            return new RouteVia(expected == 16 ? Inet6Address.getByAddress(null, a, -1) : InetAddress.getByAddress(a));
        } catch (UnknownHostException e) {
            // Unreachable: the length is 4 or 16.
            throw new MalformedMessageException("RTA_VIA: " + e.getMessage());
        }
    }
}
