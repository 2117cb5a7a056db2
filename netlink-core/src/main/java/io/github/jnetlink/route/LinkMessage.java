package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.List;

/**
 * A network interface ("link") as rtnetlink describes it: {@code struct ifinfomsg} followed by
 * {@code IFLA_*} attributes. The kernel sends one {@link RouteMessageType#RTM_NEWLINK} per link in answer to
 * a {@link RouteMessageType#RTM_GETLINK} dump, and multicasts {@code RTM_NEWLINK} / {@code RTM_DELLINK} to
 * {@link RouteGroup#LINK} whenever a link appears, changes or goes away.
 *
 * <pre>
 *  struct ifinfomsg (16 bytes, host byte order)
 *  0        1        2                 4                 8                 12                16
 * +--------+--------+-----------------+-----------------+-----------------+-----------------+
 * | family |  pad   |    ifi_type     |    ifi_index    |    ifi_flags    |   ifi_change    |
 * +--------+--------+-----------------+-----------------+-----------------+-----------------+
 * </pre>
 *
 * <p>Optional attributes the message lacks are {@code null}; lists are never null. Unsigned 32-bit values
 * are Java {@code int}s holding the bits ({@link Integer#toUnsignedLong(int)} where it matters). Attributes
 * this record does not interpret are kept in {@link #unknown()} and written back by {@link #encode()}.
 * {@link #decode(Message)} makes one pass over the attributes without reflection.
 *
 * @param type          the message type, such as {@link RouteMessageType#RTM_NEWLINK} or
 *                      {@link RouteMessageType#RTM_DELLINK}; not encoded in the payload
 * @param family        {@code ifi_family}, usually {@link AddressFamily#UNSPEC}
 * @param linkType      {@code ifi_type}, the hardware type ({@code ARPHRD_*}): 1 Ethernet, 772 loopback
 * @param index         {@code ifi_index}, the interface index; 0 in a request that names the link instead
 * @param flags         {@code ifi_flags}, the {@code IFF_*} device flags such as {@link #IFF_UP}
 * @param change        {@code ifi_change}, in a request the mask of {@code flags} bits to change
 * @param name          {@code IFLA_IFNAME}, such as {@code "eth0"}
 * @param mtu           {@code IFLA_MTU}, in bytes
 * @param address       {@code IFLA_ADDRESS}, the hardware address
 * @param broadcast     {@code IFLA_BROADCAST}, the hardware broadcast address
 * @param operState     {@code IFLA_OPERSTATE}, RFC 2863 operational state, one of {@link #IF_OPER_UP} and
 *                      the like; see {@link #operStateName()}
 * @param link          {@code IFLA_LINK}, the index of the link this one is bound to, such as a veth's peer
 * @param master        {@code IFLA_MASTER}, the index of the bridge or bond this link is enslaved to
 * @param txQueueLength {@code IFLA_TXQLEN}, the transmit queue length in packets
 * @param linkInfo      {@code IFLA_LINKINFO}, the driver kind and its settings
 * @param stats64       {@code IFLA_STATS64}, the 64-bit counters
 * @param unknown       every other attribute, as sent
 */
public record LinkMessage(int type, int family, int linkType, int index, int flags, int change, String name,
        Integer mtu, MacAddress address, MacAddress broadcast, Integer operState, Integer link, Integer master,
        Integer txQueueLength, LinkInfo linkInfo, LinkStats stats64, List<Attribute> unknown) {

    /** Size of {@code struct ifinfomsg} in bytes. */
    public static final int HEADER_SIZE = 16;

    /** {@code IFLA_ADDRESS}: hardware address. */
    public static final int IFLA_ADDRESS = 1;
    /** {@code IFLA_BROADCAST}: hardware broadcast address. */
    public static final int IFLA_BROADCAST = 2;
    /** {@code IFLA_IFNAME}: interface name, a NUL-terminated string of at most 15 bytes. */
    public static final int IFLA_IFNAME = 3;
    /** {@code IFLA_MTU}: u32 MTU. */
    public static final int IFLA_MTU = 4;
    /** {@code IFLA_LINK}: s32 index of the underlying link. */
    public static final int IFLA_LINK = 5;
    /** {@code IFLA_MASTER}: u32 index of the master device; 0 in a request releases the link. */
    public static final int IFLA_MASTER = 10;
    /** {@code IFLA_TXQLEN}: u32 transmit queue length. */
    public static final int IFLA_TXQLEN = 13;
    /** {@code IFLA_OPERSTATE}: u8 operational state. */
    public static final int IFLA_OPERSTATE = 16;
    /** {@code IFLA_LINKINFO}: nest of the driver kind and data. */
    public static final int IFLA_LINKINFO = 18;
    /** {@code IFLA_STATS64}: {@code struct rtnl_link_stats64}. */
    public static final int IFLA_STATS64 = 23;

    /** {@code IFF_UP}: administratively up. */
    public static final int IFF_UP = 0x1;
    /** {@code IFF_BROADCAST}: broadcast address valid. */
    public static final int IFF_BROADCAST = 0x2;
    /** {@code IFF_LOOPBACK}: a loopback device. */
    public static final int IFF_LOOPBACK = 0x8;
    /** {@code IFF_POINTOPOINT}: a point-to-point link. */
    public static final int IFF_POINTOPOINT = 0x10;
    /** {@code IFF_RUNNING}: operationally up (RFC 2863 "up" or "unknown"). */
    public static final int IFF_RUNNING = 0x40;
    /** {@code IFF_NOARP}: no ARP. */
    public static final int IFF_NOARP = 0x80;
    /** {@code IFF_PROMISC}: receives all packets. */
    public static final int IFF_PROMISC = 0x100;
    /** {@code IFF_MULTICAST}: supports multicast. */
    public static final int IFF_MULTICAST = 0x1000;
    /** {@code IFF_LOWER_UP}: the driver signals carrier ({@code LOWER_UP} in {@code ip link}). */
    public static final int IFF_LOWER_UP = 0x10000;

    /** {@code IF_OPER_UNKNOWN} (0): state not known, as for {@code lo}. */
    public static final int IF_OPER_UNKNOWN = 0;
    /** {@code IF_OPER_NOTPRESENT} (1): a component is missing. */
    public static final int IF_OPER_NOTPRESENT = 1;
    /** {@code IF_OPER_DOWN} (2): down. */
    public static final int IF_OPER_DOWN = 2;
    /** {@code IF_OPER_LOWERLAYERDOWN} (3): down because a link it depends on (a veth peer, a port) is down. */
    public static final int IF_OPER_LOWERLAYERDOWN = 3;
    /** {@code IF_OPER_TESTING} (4): in test mode. */
    public static final int IF_OPER_TESTING = 4;
    /** {@code IF_OPER_DORMANT} (5): waiting for an external event. */
    public static final int IF_OPER_DORMANT = 5;
    /** {@code IF_OPER_UP} (6): up, able to pass packets. */
    public static final int IF_OPER_UP = 6;

    /**
     * Checks the fixed header's field ranges and copies the list.
     *
     * @throws NetlinkException if {@code type}, {@code family} or {@code linkType} is out of range, {@code name}
     *         contains NUL, {@code operState} is not 0 to 255, or {@code unknown} contains null; a null
     *         {@code unknown} becomes empty
     */
    public LinkMessage {
        AddressFamily.u16(type, "link message type");
        AddressFamily.u8(family, "link family");
        AddressFamily.u16(linkType, "link type (ifi_type)");
        if (name != null && name.indexOf('\0') >= 0) {
            throw new NetlinkArgumentException("link name must not contain NUL");
        }
        if (operState != null) {
            AddressFamily.u8(operState, "link operstate");
        }
        unknown = RoutePayload.copy(unknown, "link unknown attributes");
    }

    /**
     * Decodes an {@code RTM_NEWLINK}, {@code RTM_DELLINK}, {@code RTM_GETLINK} or {@code RTM_SETLINK} message.
     * When an attribute repeats, the last one counts, as in the kernel's {@code nla_parse}.
     *
     * @param message the message
     * @return the link
     * @throws io.github.jnetlink.MalformedMessageException if the message is null, of another type, shorter
     *         than {@code struct ifinfomsg}, or an attribute is malformed or of the wrong size for its type
     */
    public static LinkMessage decode(Message message) {
        byte[] b = RoutePayload.payload(message, RouteMessageType.RTM_NEWLINK, HEADER_SIZE, "struct ifinfomsg");
        String name = null;
        Integer mtu = null;
        MacAddress address = null;
        MacAddress broadcast = null;
        Integer operState = null;
        Integer link = null;
        Integer master = null;
        Integer txQueueLength = null;
        LinkInfo linkInfo = null;
        LinkStats stats = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = RoutePayload.attributes(b, HEADER_SIZE);
        while (d.next()) {
            switch (d.type()) {
                case IFLA_IFNAME -> name = d.string();
                case IFLA_MTU -> mtu = d.u32();
                case IFLA_ADDRESS, IFLA_BROADCAST -> {
                    // An empty one is kept raw and, as in the other records, leaves an earlier address in place.
                    MacAddress a = MacAddress.decode(d, d.type() == IFLA_ADDRESS ? "IFLA_ADDRESS" : "IFLA_BROADCAST");
                    if (a == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else if (d.type() == IFLA_ADDRESS) {
                        address = a;
                    } else {
                        broadcast = a;
                    }
                }
                case IFLA_OPERSTATE -> operState = d.u8();
                case IFLA_LINK -> link = d.s32();
                case IFLA_MASTER -> master = d.u32();
                case IFLA_TXQLEN -> txQueueLength = d.u32();
                case IFLA_LINKINFO -> linkInfo = LinkInfo.decode(d.nestedDecoder());
                case IFLA_STATS64 -> stats = LinkStats.decode(b, d.offset(), d.length());
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        return new LinkMessage(message.header().type(), b[0] & 0xFF, (short) RoutePayload.SHORT.get(b, 2) & 0xFFFF,
                (int) RoutePayload.INT.get(b, 4), (int) RoutePayload.INT.get(b, 8), (int) RoutePayload.INT.get(b, 12),
                name, mtu, address, broadcast, operState, link, master, txQueueLength, linkInfo, stats,
                RoutePayload.finish(unknown));
    }

    /**
     * Encodes the payload the kernel reads for this link: {@code struct ifinfomsg}, then the attributes that
     * are present, then {@link #unknown()}. Send it in a {@link Message} of type {@link #type()} or another
     * link type.
     *
     * @return the payload
     * @throws NetlinkException if an attribute does not fit its 65535-byte limit
     */
    public byte[] encode() {
        byte[] header = new byte[HEADER_SIZE];
        header[0] = (byte) family;
        RoutePayload.SHORT.set(header, 2, (short) linkType);
        RoutePayload.INT.set(header, 4, index);
        RoutePayload.INT.set(header, 8, flags);
        RoutePayload.INT.set(header, 12, change);
        try {
            AttributeEncoder e = new AttributeEncoder(256).header(header);
            if (name != null) {
                e.string(IFLA_IFNAME, name);
            }
            RoutePayload.u32(e, IFLA_MTU, mtu);
            if (address != null) {
                e.bytes(IFLA_ADDRESS, address.raw());
            }
            if (broadcast != null) {
                e.bytes(IFLA_BROADCAST, broadcast.raw());
            }
            if (operState != null) {
                e.u8(IFLA_OPERSTATE, operState);
            }
            RoutePayload.u32(e, IFLA_LINK, link);
            RoutePayload.u32(e, IFLA_MASTER, master);
            RoutePayload.u32(e, IFLA_TXQLEN, txQueueLength);
            if (linkInfo != null) {
                e.nested(IFLA_LINKINFO, linkInfo::encode);
            }
            if (stats64 != null) {
                e.bytes(IFLA_STATS64, stats64.encode());
            }
            RoutePayload.writeAll(e, unknown);
            return e.encode();
        } catch (NetlinkArgumentException ex) {
            throw RoutePayload.encodeFailure("link " + (name == null ? "#" + index : name), ex);
        }
    }

    /**
     * @return {@code IFLA_INFO_KIND}, the driver that made the link, such as {@code "veth"}; null for
     *         physical devices, {@code lo}, and messages without {@code IFLA_LINKINFO}
     */
    public String kind() {
        return linkInfo == null ? null : linkInfo.kind();
    }

    /**
     * @param flag one or more {@code IFF_*} flags
     * @return whether all of them are set in {@link #flags()}
     */
    public boolean hasFlags(int flag) {
        return (flags & flag) == flag;
    }

    /**
     * @return the operational state as {@code ip link} prints it: {@code "UP"}, {@code "DOWN"},
     *         {@code "LOWERLAYERDOWN"}, {@code "UNKNOWN"} (also when absent) and so on
     */
    public String operStateName() {
        if (operState == null) {
            return "UNKNOWN";
        }
        return switch (operState) {
            case IF_OPER_UNKNOWN -> "UNKNOWN";
            case IF_OPER_NOTPRESENT -> "NOTPRESENT";
            case IF_OPER_DOWN -> "DOWN";
            case IF_OPER_LOWERLAYERDOWN -> "LOWERLAYERDOWN";
            case IF_OPER_TESTING -> "TESTING";
            case IF_OPER_DORMANT -> "DORMANT";
            case IF_OPER_UP -> "UP";
            default -> Integer.toString(operState);
        };
    }
}
