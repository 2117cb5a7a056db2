package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One path of a multipath route: a {@code struct rtnexthop} and the attributes that follow it inside the
 * route's {@code RTA_MULTIPATH} attribute.
 *
 * <pre>
 *  struct rtnexthop (8 bytes), then attributes, rtnh_len covering both, padded to 4 bytes
 *  0                 2            3            4                         8
 * +-----------------+------------+------------+-------------------------+---------------+
 * |    rtnh_len     | rtnh_flags | rtnh_hops  |      rtnh_ifindex       |  RTA_GATEWAY  |
 * +-----------------+------------+------------+-------------------------+---------------+
 * </pre>
 *
 * @param flags   {@code rtnh_flags}, {@code RTNH_F_*} such as {@link #RTNH_F_ONLINK} or {@link #RTNH_F_LINKDOWN}
 * @param hops    {@code rtnh_hops}: the weight minus one; see {@link #weight()}
 * @param index   {@code rtnh_ifindex}, the output interface index
 * @param gateway {@code RTA_GATEWAY} of this path, in the route's family; null when absent
 * @param unknown the path's other attributes, as sent (such as {@code RTA_VIA}, {@code RTA_FLOW})
 */
public record NextHop(int flags, int hops, int index, InetAddress gateway, List<Attribute> unknown) {

    /** Size of {@code struct rtnexthop} in bytes. */
    public static final int HEADER_SIZE = 8;
    /** {@code RTNH_F_DEAD}: the path is dead. */
    public static final int RTNH_F_DEAD = 1;
    /** {@code RTNH_F_ONLINK}: the gateway is on the link even if no route says so. */
    public static final int RTNH_F_ONLINK = 4;
    /** {@code RTNH_F_LINKDOWN}: the path's link has no carrier. */
    public static final int RTNH_F_LINKDOWN = 16;

    /**
     * @throws NetlinkException if {@code flags} or {@code hops} is not 0 to 255, or {@code unknown} contains
     *         null; a null list becomes empty
     */
    public NextHop {
        AddressFamily.u8(flags, "next hop flags");
        AddressFamily.u8(hops, "next hop hops");
        unknown = RoutePayload.copy(unknown, "next hop unknown attributes");
    }

    /**
     * @param gateway the path's gateway, or null for a directly connected path
     * @param index   the output interface index
     * @param weight  the path's share of traffic, 1 to 256, as {@code ip route ... nexthop weight N}
     * @return the path
     * @throws NetlinkException if {@code weight} is out of range
     */
    public static NextHop of(InetAddress gateway, int index, int weight) {
        if (weight < 1 || weight > 256) {
            throw new NetlinkArgumentException("next hop weight must be 1 to 256, got " + weight);
        }
        return new NextHop(0, weight - 1, index, gateway, List.of());
    }

    /**
     * @return the path's weight, {@code rtnh_hops + 1}, as {@code ip route} prints it
     */
    public int weight() {
        return hops + 1;
    }

    /**
     * Reads the {@code struct rtnexthop} list of an {@code RTA_MULTIPATH} payload.
     *
     * @throws MalformedMessageException if a next hop is truncated or its length is out of bounds
     */
    static List<NextHop> decodeAll(byte[] b, int offset, int length, int family) {
        List<NextHop> hops = new ArrayList<>(4);
        int off = offset;
        int end = offset + length;
        while (off < end) {
            int left = end - off;
            if (left < HEADER_SIZE) {
                throw new MalformedMessageException("truncated struct rtnexthop at offset " + off + ": " + left
                        + " bytes left, " + HEADER_SIZE + " needed");
            }
            int len = (short) RoutePayload.SHORT.get(b, off) & 0xFFFF;
            if (len < HEADER_SIZE || len > left) {
                throw new MalformedMessageException("bad rtnh_len " + len + " at offset " + off + " (" + left
                        + " bytes left in RTA_MULTIPATH; it counts the 8-byte struct rtnexthop)");
            }
            InetAddress gateway = null;
            List<Attribute> unknown = null;
            AttributeDecoder d = new AttributeDecoder(b, off + HEADER_SIZE, len - HEADER_SIZE);
            while (d.next()) {
                InetAddress a = d.type() == RouteMessage.RTA_GATEWAY ? AddressFamily.decode(d, family, "RTA_GATEWAY") : null;
                if (a != null) {
                    gateway = a;
                } else {
                    unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                }
            }
            hops.add(new NextHop(b[off + 2] & 0xFF, b[off + 3] & 0xFF, (int) RoutePayload.INT.get(b, off + 4), gateway,
                    RoutePayload.finish(unknown)));
            off += Math.min((len + 3) & ~3, left);
        }
        return List.copyOf(hops);
    }

    /** Writes the {@code RTA_MULTIPATH} payload for {@code hops}. */
    static byte[] encodeAll(List<NextHop> hops) {
        AttributeEncoder all = new AttributeEncoder(hops.size() * 32);
        for (NextHop h : hops) {
            AttributeEncoder attributes = new AttributeEncoder(32);
            RoutePayload.address(attributes, RouteMessage.RTA_GATEWAY, h.gateway);
            RoutePayload.writeAll(attributes, h.unknown);
            byte[] tail = attributes.encode();
            int len = HEADER_SIZE + tail.length;
            if (len > 0xFFFF) {
                throw new NetlinkArgumentException("next hop via link " + h.index + " is " + len
                        + " bytes long, more than rtnh_len can describe");
            }
            byte[] one = new byte[len];
            RoutePayload.SHORT.set(one, 0, (short) len);
            one[2] = (byte) h.flags;
            one[3] = (byte) h.hops;
            RoutePayload.INT.set(one, 4, h.index);
            System.arraycopy(tail, 0, one, HEADER_SIZE, tail.length);
            all.header(one);
        }
        return all.encode();
    }
}
