package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
import java.util.List;

/**
 * A neighbour cache entry (ARP for IPv4, NDP for IPv6, or a bridge forwarding database entry):
 * {@code struct ndmsg} followed by {@code NDA_*} attributes. The kernel sends one
 * {@link RouteMessageType#RTM_NEWNEIGH} per entry in answer to an {@link RouteMessageType#RTM_GETNEIGH} dump,
 * and multicasts {@code RTM_NEWNEIGH} / {@code RTM_DELNEIGH} to {@link RouteGroup#NEIGH} as entries are
 * resolved, go stale or are removed.
 *
 * <pre>
 *  struct ndmsg (12 bytes)
 *  0        1        2                 4                 8                 10        11        12
 * +--------+--------+-----------------+-----------------+-----------------+---------+---------+
 * | family |  pad   |       pad       |   ndm_ifindex   |    ndm_state    |  flags  |  type   |
 * +--------+--------+-----------------+-----------------+-----------------+---------+---------+
 * </pre>
 *
 * <p>Optional attributes the message lacks are {@code null}; lists are never null. Unknown attributes
 * ({@code NDA_CACHEINFO}, {@code NDA_PROBES}, ...) are kept in {@link #unknown()} and written back by
 * {@link #encode()}.
 *
 * @param type              the message type, such as {@link RouteMessageType#RTM_NEWNEIGH}; not encoded
 * @param family            {@code ndm_family}: {@link AddressFamily#INET}, {@link AddressFamily#INET6} or
 *                          {@link AddressFamily#BRIDGE}
 * @param index             {@code ndm_ifindex}, the interface index
 * @param state             {@code ndm_state}, {@code NUD_*} bits such as {@link #NUD_REACHABLE}; see
 *                          {@link #stateName()}
 * @param flags             {@code ndm_flags}, {@code NTF_*} bits such as {@link #NTF_ROUTER}
 * @param neighborType      {@code ndm_type}, an {@code RTN_*} route type, usually {@link RouteMessage#RTN_UNICAST}
 * @param destination       {@code NDA_DST}: the neighbour's IP address
 * @param linkLayerAddress  {@code NDA_LLADDR}: its hardware address, present once resolved
 * @param unknown           every other attribute, as sent
 */
public record NeighborMessage(int type, int family, int index, int state, int flags, int neighborType,
        InetAddress destination, MacAddress linkLayerAddress, List<Attribute> unknown) {

    /** Size of {@code struct ndmsg} in bytes. */
    public static final int HEADER_SIZE = 12;

    /** {@code NDA_DST}: the neighbour's network address. */
    public static final int NDA_DST = 1;
    /** {@code NDA_LLADDR}: the neighbour's hardware address. */
    public static final int NDA_LLADDR = 2;
    /** {@code NDA_CACHEINFO}: {@code struct nda_cacheinfo}. */
    public static final int NDA_CACHEINFO = 3;
    /** {@code NDA_PROBES}: u32 number of probes sent. */
    public static final int NDA_PROBES = 4;

    /** {@code NUD_INCOMPLETE}: resolution in progress. */
    public static final int NUD_INCOMPLETE = 0x01;
    /** {@code NUD_REACHABLE}: confirmed reachable. */
    public static final int NUD_REACHABLE = 0x02;
    /** {@code NUD_STALE}: not confirmed recently. */
    public static final int NUD_STALE = 0x04;
    /** {@code NUD_DELAY}: waiting before probing. */
    public static final int NUD_DELAY = 0x08;
    /** {@code NUD_PROBE}: probing. */
    public static final int NUD_PROBE = 0x10;
    /** {@code NUD_FAILED}: resolution failed. */
    public static final int NUD_FAILED = 0x20;
    /** {@code NUD_NOARP}: no resolution needed. */
    public static final int NUD_NOARP = 0x40;
    /** {@code NUD_PERMANENT}: a static entry. */
    public static final int NUD_PERMANENT = 0x80;

    /** {@code NTF_PROXY}: a proxy ARP/NDP entry. */
    public static final int NTF_PROXY = 0x08;
    /** {@code NTF_ROUTER}: the neighbour is an IPv6 router. */
    public static final int NTF_ROUTER = 0x80;

    /**
     * Checks the fixed header's field ranges and the address against the family.
     *
     * @throws NetlinkException if a header field is out of range, the destination does not belong to
     *         {@code family}, or {@code unknown} contains null; a null list becomes empty
     */
    public NeighborMessage {
        AddressFamily.u16(type, "neighbour message type");
        AddressFamily.u8(family, "neighbour family");
        AddressFamily.u16(state, "neighbour state");
        AddressFamily.u8(flags, "neighbour flags");
        AddressFamily.u8(neighborType, "neighbour type");
        AddressFamily.check(family, destination, "NDA_DST");
        unknown = RoutePayload.copy(unknown, "neighbour unknown attributes");
    }

    /**
     * Decodes an {@code RTM_NEWNEIGH}, {@code RTM_DELNEIGH} or {@code RTM_GETNEIGH} message. When an attribute
     * repeats, the last one counts.
     *
     * @param message the message
     * @return the neighbour entry
     * @throws io.github.jnetlink.MalformedMessageException if the message is null, of another type, shorter
     *         than {@code struct ndmsg}, an attribute is malformed, or an address has the wrong length
     */
    public static NeighborMessage decode(Message message) {
        byte[] b = RoutePayload.payload(message, RouteMessageType.RTM_NEWNEIGH, HEADER_SIZE, "struct ndmsg");
        int family = b[0] & 0xFF;
        InetAddress destination = null;
        MacAddress lladdr = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = RoutePayload.attributes(b, HEADER_SIZE);
        while (d.next()) {
            switch (d.type()) {
                case NDA_DST -> {
                    InetAddress a = AddressFamily.decode(d, family, "NDA_DST");
                    if (a == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else {
                        destination = a;
                    }
                }
                case NDA_LLADDR -> {
                    MacAddress m = MacAddress.decode(d, "NDA_LLADDR");
                    if (m == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else {
                        lladdr = m;
                    }
                }
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        return new NeighborMessage(message.header().type(), family, (int) RoutePayload.INT.get(b, 4),
                (short) RoutePayload.SHORT.get(b, 8) & 0xFFFF, b[10] & 0xFF, b[11] & 0xFF, destination, lladdr,
                RoutePayload.finish(unknown));
    }

    /**
     * Encodes the payload the kernel reads for this entry: {@code struct ndmsg}, then {@code NDA_DST},
     * {@code NDA_LLADDR} when present, and {@link #unknown()}.
     *
     * @return the payload
     * @throws NetlinkException if an attribute does not fit its 65535-byte limit
     */
    public byte[] encode() {
        byte[] header = new byte[HEADER_SIZE];
        header[0] = (byte) family;
        RoutePayload.INT.set(header, 4, index);
        RoutePayload.SHORT.set(header, 8, (short) state);
        header[10] = (byte) flags;
        header[11] = (byte) neighborType;
        try {
            AttributeEncoder e = new AttributeEncoder(64).header(header);
            RoutePayload.address(e, NDA_DST, destination);
            if (linkLayerAddress != null) {
                e.bytes(NDA_LLADDR, linkLayerAddress.raw());
            }
            RoutePayload.writeAll(e, unknown);
            return e.encode();
        } catch (NetlinkArgumentException ex) {
            throw RoutePayload.encodeFailure("neighbour on link " + index, ex);
        }
    }

    /**
     * @return the state as {@code ip neigh} prints it: {@code "REACHABLE"}, {@code "STALE"},
     *         {@code "PERMANENT"}, several joined with {@code ","}, or {@code "NONE"} for 0
     */
    public String stateName() {
        if (state == 0) {
            return "NONE";
        }
        String[] names = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "NOARP", "PERMANENT"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((state & (1 << i)) != 0) {
                b.append(b.length() == 0 ? "" : ",").append(names[i]);
            }
        }
        int rest = state & ~0xFF;
        if (rest != 0) {
            b.append(b.length() == 0 ? "" : ",").append("0x").append(Integer.toHexString(rest));
        }
        return b.toString();
    }
}
