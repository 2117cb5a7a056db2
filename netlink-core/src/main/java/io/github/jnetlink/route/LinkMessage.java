package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * <p>Build one with {@link #builder()}, or copy one with changes through {@link #toBuilder()}.
 * {@link #toMessage(int)} wraps {@link #encode()} in a message shaped as the kernel sends it, and
 * {@link #decode(Message)} of that message gives back an equal record: every field is encoded, the raw
 * {@link #unknown()} attributes included. (The builder refuses raw attributes that decoding would read into
 * a field instead, which the canonical constructor lets through.)
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
 *                      ({@code link_index} in {@code ip -d -j link}); with {@code linkNetnsId} set, an index
 *                      in that other namespace, not in this one
 * @param linkNetnsId   {@code IFLA_LINK_NETNSID}, the namespace ID (as {@code ip netns list-id} shows it, seen
 *                      from the namespace that sent the message) of the namespace {@code link} lives in, such as
 *                      that of a veth peer moved elsewhere ({@code link_netnsid}); null when in this namespace
 * @param master        {@code IFLA_MASTER}, the index of the bridge or bond this link is enslaved to
 * @param txQueueLength {@code IFLA_TXQLEN}, the transmit queue length in packets
 * @param qdisc         {@code IFLA_QDISC}, the root queueing discipline, such as {@code "noqueue"} or
 *                      {@code "noop"}
 * @param ifAlias       {@code IFLA_IFALIAS}, the free-text alias {@code ip link set X alias TEXT} sets
 *                      ({@code ifalias})
 * @param altNames      the {@code IFLA_ALT_IFNAME} strings of {@code IFLA_PROP_LIST}, the alternative names
 *                      {@code ip link property add dev X altname NAME} adds ({@code altnames}); never null
 * @param group         {@code IFLA_GROUP}, the device group (u32), 0 being {@code "default"}
 * @param promiscuity   {@code IFLA_PROMISCUITY}, the count (u32) of promiscuous-mode users; above 0 the link
 *                      is promiscuous
 * @param allMulti      {@code IFLA_ALLMULTI}, the count (u32) of all-multicast users ({@code allmulti})
 * @param linkMode      {@code IFLA_LINKMODE} (u8): {@link #IF_LINK_MODE_DEFAULT} or
 *                      {@link #IF_LINK_MODE_DORMANT}; see {@link #linkModeName()}
 * @param protoDown     {@code IFLA_PROTO_DOWN} (u8), whether a protocol (such as an MLAG daemon) holds the link
 *                      down ({@code proto_down})
 * @param protoDownReason {@code IFLA_PROTO_DOWN_REASON_VALUE} in {@code IFLA_PROTO_DOWN_REASON}, the bits of the
 *                      reasons it is held down (u32); the kernel sends it only when not 0
 * @param permAddress   {@code IFLA_PERM_ADDRESS}, the permanent hardware address, sent for devices that have
 *                      one different from none ({@code permaddr})
 * @param parentDevName {@code IFLA_PARENT_DEV_NAME}, the bus device of the link, such as {@code "0000:00:03.0"}
 *                      ({@code parentdev})
 * @param parentDevBusName {@code IFLA_PARENT_DEV_BUS_NAME}, that device's bus, such as {@code "pci"}
 *                      ({@code parentbus})
 * @param carrier       {@code IFLA_CARRIER} and its counters; null when the message has none of them
 * @param limits        MTU bounds, queue counts and offload sizes; null when the message has none of them
 * @param afSpec        {@code IFLA_AF_SPEC}, the per-family state such as the IPv6 address generation mode
 * @param linkInfo      {@code IFLA_LINKINFO}, the driver kind and its settings
 * @param stats64       {@code IFLA_STATS64}, the 64-bit counters
 * @param unknown       every other attribute, as sent, such as {@code IFLA_XDP}
 */
public record LinkMessage(int type, int family, int linkType, int index, int flags, int change, String name,
        Integer mtu, MacAddress address, MacAddress broadcast, Integer operState, Integer link, Integer linkNetnsId,
        Integer master, Integer txQueueLength, String qdisc, String ifAlias, List<String> altNames, Integer group,
        Integer promiscuity, Integer allMulti, Integer linkMode, Boolean protoDown, Integer protoDownReason,
        MacAddress permAddress, String parentDevName, String parentDevBusName, LinkCarrier carrier,
        LinkLimits limits, LinkAfSpec afSpec, LinkInfo linkInfo, LinkStats stats64, List<Attribute> unknown) {

    /** Size of {@code struct ifinfomsg} in bytes. */
    public static final int HEADER_SIZE = 16;

    /** {@code IFNAMSIZ}: the size of an interface name buffer, its NUL included. */
    private static final int IFNAMSIZ = 16;
    /** {@code IFALIASZ}: the size of an alias buffer, its NUL included. */
    private static final int IFALIASZ = 256;
    /** {@code ALTIFNAMSIZ}: the size of an alternative name buffer, its NUL included. */
    private static final int ALTIFNAMSIZ = 128;

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
    /** {@code IFLA_QDISC}: string, the root queueing discipline. */
    public static final int IFLA_QDISC = 6;
    /** {@code IFLA_MASTER}: u32 index of the master device; 0 in a request releases the link. */
    public static final int IFLA_MASTER = 10;
    /** {@code IFLA_TXQLEN}: u32 transmit queue length. */
    public static final int IFLA_TXQLEN = 13;
    /** {@code IFLA_OPERSTATE}: u8 operational state. */
    public static final int IFLA_OPERSTATE = 16;
    /** {@code IFLA_LINKMODE}: u8 link mode. */
    public static final int IFLA_LINKMODE = 17;
    /** {@code IFLA_LINKINFO}: nest of the driver kind and data. */
    public static final int IFLA_LINKINFO = 18;
    /** {@code IFLA_IFALIAS}: string alias, at most 255 bytes. */
    public static final int IFLA_IFALIAS = 20;
    /** {@code IFLA_STATS64}: {@code struct rtnl_link_stats64}. */
    public static final int IFLA_STATS64 = 23;
    /** {@code IFLA_AF_SPEC}: nest of per-family nests; see {@link LinkAfSpec}. */
    public static final int IFLA_AF_SPEC = 26;
    /** {@code IFLA_GROUP}: u32 device group. */
    public static final int IFLA_GROUP = 27;
    /** {@code IFLA_PROMISCUITY}: u32 promiscuity count. */
    public static final int IFLA_PROMISCUITY = 30;
    /** {@code IFLA_LINK_NETNSID}: s32 ID of the namespace {@code IFLA_LINK} is in. */
    public static final int IFLA_LINK_NETNSID = 37;
    /** {@code IFLA_PROTO_DOWN}: u8, whether the link is held down by a protocol. */
    public static final int IFLA_PROTO_DOWN = 39;
    /** {@code IFLA_XDP}: nest describing attached XDP programs; kept raw. */
    public static final int IFLA_XDP = 43;
    /** {@code IFLA_PROP_LIST}: nest of link properties, the {@code IFLA_ALT_IFNAME}s. */
    public static final int IFLA_PROP_LIST = 52;
    /** {@code IFLA_ALT_IFNAME}: string, one alternative name, in {@code IFLA_PROP_LIST}. */
    public static final int IFLA_ALT_IFNAME = 53;
    /** {@code IFLA_PERM_ADDRESS}: the permanent hardware address. */
    public static final int IFLA_PERM_ADDRESS = 54;
    /** {@code IFLA_PROTO_DOWN_REASON}: nest of {@code _MASK} (1) and {@code _VALUE} (2), both u32. */
    public static final int IFLA_PROTO_DOWN_REASON = 55;
    /** {@code IFLA_PROTO_DOWN_REASON_VALUE}: u32 reason bits, in {@code IFLA_PROTO_DOWN_REASON}. */
    public static final int IFLA_PROTO_DOWN_REASON_VALUE = 2;
    /** {@code IFLA_PARENT_DEV_NAME}: string, the parent device. */
    public static final int IFLA_PARENT_DEV_NAME = 56;
    /** {@code IFLA_PARENT_DEV_BUS_NAME}: string, the parent device's bus. */
    public static final int IFLA_PARENT_DEV_BUS_NAME = 57;
    /** {@code IFLA_ALLMULTI}: u32 all-multicast count. */
    public static final int IFLA_ALLMULTI = 61;

    /** {@code IF_LINK_MODE_DEFAULT} (0): the operational state follows the carrier. */
    public static final int IF_LINK_MODE_DEFAULT = 0;
    /** {@code IF_LINK_MODE_DORMANT} (1): a user-space supplicant moves the link out of dormant. */
    public static final int IF_LINK_MODE_DORMANT = 1;
    /** {@code IF_LINK_MODE_TESTING} (2): the link stays in testing until user space says otherwise. */
    public static final int IF_LINK_MODE_TESTING = 2;

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
     * @throws NetlinkException if {@code type}, {@code family} or {@code linkType} is out of range, a string
     *         ({@code name}, {@code qdisc}, {@code ifAlias}, an alternative name, the parent names) contains NUL,
     *         {@code operState} or {@code linkMode} is not 0 to 255, or {@code altNames} or {@code unknown}
     *         contains null; null lists become empty, and a {@code carrier} or {@code limits} of only nulls
     *         becomes null (it encodes nothing)
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
        if (linkMode != null) {
            AddressFamily.u8(linkMode, "link mode (IFLA_LINKMODE)");
        }
        noNul(qdisc, "link qdisc");
        noNul(ifAlias, "link alias");
        noNul(parentDevName, "link parent device name");
        noNul(parentDevBusName, "link parent bus name");
        altNames = RoutePayload.copy(altNames, "link alternative names");
        for (String n : altNames) {
            noNul(n, "link alternative name");
        }
        if (carrier != null && carrier.isEmpty()) {
            carrier = null;
        }
        if (limits != null && limits.isEmpty()) {
            limits = null;
        }
        unknown = RoutePayload.copy(unknown, "link unknown attributes");
    }

    private static void noNul(String s, String what) {
        if (s != null && s.indexOf('\0') >= 0) {
            throw new NetlinkArgumentException(what + " must not contain NUL");
        }
    }

    /**
     * A builder of a link message with every field at its default: type {@link RouteMessageType#RTM_NEWLINK},
     * family {@link AddressFamily#UNSPEC}, {@code ifi_type}, index, flags and change 0, no attributes.
     *
     * <pre>{@code
     * LinkMessage veth = LinkMessage.builder().index(7).name("veth0").linkType(1).mtu(1500)
     *         .flags(LinkMessage.IFF_UP | LinkMessage.IFF_LOWER_UP).operState(LinkMessage.IF_OPER_UP)
     *         .address(MacAddress.parse("02:00:00:00:00:07")).linkInfo(LinkInfo.of("veth")).build();
     * }</pre>
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this link's values, to copy it with some of them changed.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        return new Builder().type(type).family(family).linkType(linkType).index(index).flags(flags).change(change)
                .name(name).mtu(mtu).address(address).broadcast(broadcast).operState(operState).link(link)
                .linkNetnsId(linkNetnsId).master(master).txQueueLength(txQueueLength).qdisc(qdisc).ifAlias(ifAlias)
                .altNames(altNames).group(group).promiscuity(promiscuity).allMulti(allMulti).linkMode(linkMode)
                .protoDown(protoDown).protoDownReason(protoDownReason).permAddress(permAddress)
                .parentDevName(parentDevName).parentDevBusName(parentDevBusName).carrier(carrier).limits(limits)
                .afSpec(afSpec).linkInfo(linkInfo).stats64(stats64).unknown(unknown);
    }

    /**
     * This link as the kernel sends it in a notification or dump reply: a message of type {@link #type()},
     * flags 0, sequence and port ID 0, whose payload is {@link #encode()}. {@link #decode(Message)} of it
     * equals this record.
     *
     * @return the message
     * @throws NetlinkException if {@link #type()} is not a link message type ({@code RTM_NEWLINK} to
     *         {@code RTM_SETLINK}), or an attribute does not fit its 65535-byte limit
     */
    public Message toMessage() {
        return toMessage(type, 0);
    }

    /**
     * This link's payload in a message of another link type, with flags 0 and sequence and port ID 0, as the
     * kernel multicasts {@code RTM_NEWLINK} and {@code RTM_DELLINK}. {@link #decode(Message)} of it equals this
     * record with {@code type} in place of {@link #type()}.
     *
     * @param type {@link RouteMessageType#RTM_NEWLINK}, {@code RTM_DELLINK}, {@code RTM_GETLINK} or
     *             {@code RTM_SETLINK}
     * @return the message
     * @throws NetlinkException if {@code type} is not a link message type, or an attribute does not fit
     */
    public Message toMessage(int type) {
        return toMessage(type, 0);
    }

    /**
     * This link's payload in a message of the given type and {@code nlmsg_flags}, sequence and port ID 0: for
     * a dump reply, {@link io.github.jnetlink.HeaderFlags#MULTI}; for a request,
     * {@link io.github.jnetlink.HeaderFlags#REQUEST} and the like ({@link io.github.jnetlink.Conn#send} fills in
     * the sequence and port ID).
     *
     * @param type  a link message type, {@code RTM_NEWLINK} to {@code RTM_SETLINK}
     * @param flags the {@link io.github.jnetlink.HeaderFlags}, 0 to 65535
     * @return the message
     * @throws NetlinkException if {@code type} is not a link message type, {@code flags} does not fit 16 bits, or
     *         an attribute does not fit
     */
    public Message toMessage(int type, int flags) {
        return RecordArguments.message("LinkMessage", type, RouteMessageType.RTM_NEWLINK, flags, encode());
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
        Integer linkNetnsId = null;
        Integer master = null;
        Integer txQueueLength = null;
        String qdisc = null;
        String ifAlias = null;
        List<String> altNames = null;
        Integer group = null;
        Integer promiscuity = null;
        Integer allMulti = null;
        Integer linkMode = null;
        Boolean protoDown = null;
        Integer protoDownReason = null;
        MacAddress permAddress = null;
        String parentDevName = null;
        String parentDevBusName = null;
        Boolean carrier = null;
        Integer carrierChanges = null;
        Integer carrierUp = null;
        Integer carrierDown = null;
        Integer[] limits = null;
        LinkAfSpec afSpec = null;
        LinkInfo linkInfo = null;
        LinkStats stats = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = RoutePayload.attributes(b, HEADER_SIZE);
        while (d.next()) {
            switch (d.type()) {
                case IFLA_IFNAME -> name = d.string();
                case IFLA_MTU -> mtu = d.u32();
                case IFLA_ADDRESS, IFLA_BROADCAST, IFLA_PERM_ADDRESS -> {
                    // An empty one is kept raw and, as in the other records, leaves an earlier address in place.
                    MacAddress a = MacAddress.decode(d, d.type() == IFLA_ADDRESS ? "IFLA_ADDRESS"
                            : d.type() == IFLA_BROADCAST ? "IFLA_BROADCAST" : "IFLA_PERM_ADDRESS");
                    if (a == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else if (d.type() == IFLA_ADDRESS) {
                        address = a;
                    } else if (d.type() == IFLA_BROADCAST) {
                        broadcast = a;
                    } else {
                        permAddress = a;
                    }
                }
                case IFLA_OPERSTATE -> operState = d.u8();
                case IFLA_LINK -> link = d.s32();
                case IFLA_LINK_NETNSID -> linkNetnsId = d.s32();
                case IFLA_MASTER -> master = d.u32();
                case IFLA_TXQLEN -> txQueueLength = d.u32();
                case IFLA_QDISC -> qdisc = d.string();
                case IFLA_IFALIAS -> ifAlias = d.string();
                case IFLA_PROP_LIST -> altNames = altNames(d.nestedDecoder());
                case IFLA_GROUP -> group = d.u32();
                case IFLA_PROMISCUITY -> promiscuity = d.u32();
                case IFLA_ALLMULTI -> allMulti = d.u32();
                case IFLA_LINKMODE -> linkMode = d.u8();
                case IFLA_PROTO_DOWN -> protoDown = d.u8() != 0;
                case IFLA_PROTO_DOWN_REASON -> protoDownReason = protoDownReason(d.nestedDecoder());
                case IFLA_PARENT_DEV_NAME -> parentDevName = d.string();
                case IFLA_PARENT_DEV_BUS_NAME -> parentDevBusName = d.string();
                case LinkCarrier.IFLA_CARRIER -> carrier = d.u8() != 0;
                case LinkCarrier.IFLA_CARRIER_CHANGES -> carrierChanges = d.u32();
                case LinkCarrier.IFLA_CARRIER_UP_COUNT -> carrierUp = d.u32();
                case LinkCarrier.IFLA_CARRIER_DOWN_COUNT -> carrierDown = d.u32();
                case IFLA_AF_SPEC -> afSpec = LinkAfSpec.decode(d.nestedDecoder());
                case IFLA_LINKINFO -> linkInfo = LinkInfo.decode(d.nestedDecoder());
                case IFLA_STATS64 -> stats = LinkStats.decode(b, d.offset(), d.length());
                default -> {
                    int slot = LinkLimits.slot(d.type());
                    if (slot >= 0) {
                        if (limits == null) {
                            limits = new Integer[LinkLimits.TYPES.length];
                        }
                        limits[slot] = d.u32();
                    } else {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    }
                }
            }
        }
        LinkCarrier carrierState = carrier == null && carrierChanges == null && carrierUp == null
                && carrierDown == null ? null : new LinkCarrier(carrier, carrierChanges, carrierUp, carrierDown);
        return new LinkMessage(message.header().type(), b[0] & 0xFF, (short) RoutePayload.SHORT.get(b, 2) & 0xFFFF,
                (int) RoutePayload.INT.get(b, 4), (int) RoutePayload.INT.get(b, 8), (int) RoutePayload.INT.get(b, 12),
                name, mtu, address, broadcast, operState, link, linkNetnsId, master, txQueueLength, qdisc, ifAlias,
                RoutePayload.finish(altNames), group, promiscuity, allMulti, linkMode, protoDown, protoDownReason,
                permAddress, parentDevName, parentDevBusName, carrierState, limits == null ? null : LinkLimits.of(limits),
                afSpec, linkInfo, stats, RoutePayload.finish(unknown));
    }

    private static List<String> altNames(AttributeDecoder nest) {
        // IFLA_PROP_LIST holds only alternative names today; anything else in it is not kept.
        List<String> names = new ArrayList<>(2);
        while (nest.next()) {
            if (nest.type() == IFLA_ALT_IFNAME) {
                names.add(nest.string());
            }
        }
        return names;
    }

    private static Integer protoDownReason(AttributeDecoder nest) {
        // The kernel sends only the value; a request's mask is not kept.
        Integer value = null;
        while (nest.next()) {
            if (nest.type() == IFLA_PROTO_DOWN_REASON_VALUE) {
                value = nest.u32();
            }
        }
        return value;
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
            RoutePayload.u32(e, IFLA_LINK_NETNSID, linkNetnsId);
            RoutePayload.u32(e, IFLA_MASTER, master);
            RoutePayload.u32(e, IFLA_TXQLEN, txQueueLength);
            if (qdisc != null) {
                e.string(IFLA_QDISC, qdisc);
            }
            if (ifAlias != null) {
                e.string(IFLA_IFALIAS, ifAlias);
            }
            if (!altNames.isEmpty()) {
                e.nested(IFLA_PROP_LIST, n -> altNames.forEach(a -> n.string(IFLA_ALT_IFNAME, a)));
            }
            RoutePayload.u32(e, IFLA_GROUP, group);
            RoutePayload.u32(e, IFLA_PROMISCUITY, promiscuity);
            RoutePayload.u32(e, IFLA_ALLMULTI, allMulti);
            if (linkMode != null) {
                e.u8(IFLA_LINKMODE, linkMode);
            }
            if (protoDown != null) {
                e.u8(IFLA_PROTO_DOWN, protoDown ? 1 : 0);
            }
            if (protoDownReason != null) {
                e.nested(IFLA_PROTO_DOWN_REASON, n -> n.s32(IFLA_PROTO_DOWN_REASON_VALUE, protoDownReason));
            }
            if (permAddress != null) {
                e.bytes(IFLA_PERM_ADDRESS, permAddress.raw());
            }
            if (parentDevName != null) {
                e.string(IFLA_PARENT_DEV_NAME, parentDevName);
            }
            if (parentDevBusName != null) {
                e.string(IFLA_PARENT_DEV_BUS_NAME, parentDevBusName);
            }
            if (carrier != null) {
                carrier.encode(e);
            }
            if (limits != null) {
                limits.encode(e);
            }
            if (afSpec != null) {
                e.nested(IFLA_AF_SPEC, afSpec::encode);
            }
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

    /**
     * @return the link mode as {@code ip -d link} prints it: {@code "DEFAULT"}, {@code "DORMANT"},
     *         {@code "TESTING"}, the number for others, null when absent
     */
    public String linkModeName() {
        if (linkMode == null) {
            return null;
        }
        return switch (linkMode) {
            case IF_LINK_MODE_DEFAULT -> "DEFAULT";
            case IF_LINK_MODE_DORMANT -> "DORMANT";
            case IF_LINK_MODE_TESTING -> "TESTING";
            default -> Integer.toString(linkMode);
        };
    }

    /**
     * Builds a {@link LinkMessage} field by field, each setter named after the record component it sets.
     * Fields not set keep the defaults {@link LinkMessage#builder()} lists. {@link #build()} checks the
     * values; a builder may build several records. Not thread-safe.
     */
    public static final class Builder {

        private int type = RouteMessageType.RTM_NEWLINK;
        private int family = AddressFamily.UNSPEC;
        private int linkType;
        private int index;
        private int flags;
        private int change;
        private String name;
        private Integer mtu;
        private MacAddress address;
        private MacAddress broadcast;
        private Integer operState;
        private Integer link;
        private Integer linkNetnsId;
        private Integer master;
        private Integer txQueueLength;
        private String qdisc;
        private String ifAlias;
        private List<String> altNames = new ArrayList<>();
        private Integer group;
        private Integer promiscuity;
        private Integer allMulti;
        private Integer linkMode;
        private Boolean protoDown;
        private Integer protoDownReason;
        private MacAddress permAddress;
        private String parentDevName;
        private String parentDevBusName;
        private LinkCarrier carrier;
        private LinkLimits limits;
        private LinkAfSpec afSpec;
        private LinkInfo linkInfo;
        private LinkStats stats64;
        private List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param type the message type, {@link RouteMessageType#RTM_NEWLINK} (the default), {@code RTM_DELLINK},
         *             {@code RTM_GETLINK} or {@code RTM_SETLINK}; carried in the header, not the payload
         * @return this builder
         */
        public Builder type(int type) {
            this.type = type;
            return this;
        }

        /**
         * @param family {@code ifi_family}, an {@code AF_*} number 0 to 255; {@link AddressFamily#UNSPEC} (the
         *               default) for every link message the kernel sends
         * @return this builder
         */
        public Builder family(int family) {
            this.family = family;
            return this;
        }

        /**
         * @param linkType {@code ifi_type}, the {@code ARPHRD_*} hardware type, 0 to 65535: 1 Ethernet (also
         *                 veth and bridges), 772 loopback; default 0
         * @return this builder
         */
        public Builder linkType(int linkType) {
            this.linkType = linkType;
            return this;
        }

        /**
         * @param index {@code ifi_index}, the interface index; default 0, which in a request means "name the
         *              link by {@code IFLA_IFNAME} instead"
         * @return this builder
         */
        public Builder index(int index) {
            this.index = index;
            return this;
        }

        /**
         * @param flags {@code ifi_flags}, the {@code IFF_*} device flags, such as
         *              {@code IFF_UP | IFF_LOWER_UP}; default 0
         * @return this builder
         */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /**
         * @param change {@code ifi_change}: in a request, the mask of {@code ifi_flags} bits to change; in a
         *               notification, the bits that changed (0xFFFFFFFF for a new link); default 0
         * @return this builder
         */
        public Builder change(int change) {
            this.change = change;
            return this;
        }

        /**
         * @param name {@code IFLA_IFNAME}, the interface name such as {@code "eth0"}: at most 15 bytes of UTF-8
         *             ({@code IFNAMSIZ} 16 with the NUL), without NUL; null (the default) to leave it out
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param mtu {@code IFLA_MTU}, the maximum transmission unit in bytes (unsigned 32 bits); null (the
         *            default) to leave it out
         * @return this builder
         */
        public Builder mtu(Integer mtu) {
            this.mtu = mtu;
            return this;
        }

        /**
         * @param address {@code IFLA_ADDRESS}, the hardware address; null (the default) to leave it out
         * @return this builder
         */
        public Builder address(MacAddress address) {
            this.address = address;
            return this;
        }

        /**
         * @param broadcast {@code IFLA_BROADCAST}, the hardware broadcast address, such as
         *                  {@code ff:ff:ff:ff:ff:ff}; null (the default) to leave it out
         * @return this builder
         */
        public Builder broadcast(MacAddress broadcast) {
            this.broadcast = broadcast;
            return this;
        }

        /**
         * @param operState {@code IFLA_OPERSTATE}, the RFC 2863 operational state 0 to 255, such as
         *                  {@link LinkMessage#IF_OPER_UP}; null (the default) to leave it out
         * @return this builder
         */
        public Builder operState(Integer operState) {
            this.operState = operState;
            return this;
        }

        /**
         * @param link {@code IFLA_LINK}, the index of the link this one is bound to, such as a veth's peer or a
         *             VLAN's parent; an index in the namespace {@link #linkNetnsId(Integer)} names when that is
         *             set; null (the default) to leave it out
         * @return this builder
         */
        public Builder link(Integer link) {
            this.link = link;
            return this;
        }

        /**
         * @param linkNetnsId {@code IFLA_LINK_NETNSID}, the ID of the namespace {@code link} is in (in a request
         *                    that creates a link, where to look for the link); null (the default) to leave it out
         * @return this builder
         */
        public Builder linkNetnsId(Integer linkNetnsId) {
            this.linkNetnsId = linkNetnsId;
            return this;
        }

        /**
         * @param qdisc {@code IFLA_QDISC}, the root queueing discipline's kind, such as {@code "noqueue"}; null
         *              (the default) to leave it out
         * @return this builder
         */
        public Builder qdisc(String qdisc) {
            this.qdisc = qdisc;
            return this;
        }

        /**
         * @param ifAlias {@code IFLA_IFALIAS}, the alias, at most 255 bytes of UTF-8 without NUL (in a request
         *                an empty one removes it); null (the default) to leave it out
         * @return this builder
         */
        public Builder ifAlias(String ifAlias) {
            this.ifAlias = ifAlias;
            return this;
        }

        /**
         * @param altNames the alternative names, sent as {@code IFLA_ALT_IFNAME}s in {@code IFLA_PROP_LIST}, each
         *                 1 to 127 bytes of UTF-8 without NUL; copied; null or empty (the default) to leave the
         *                 nest out
         * @return this builder
         */
        public Builder altNames(List<String> altNames) {
            this.altNames = RecordArguments.mutableCopy(altNames);
            return this;
        }

        /**
         * @param group {@code IFLA_GROUP}, the device group (unsigned 32 bits); null (the default) to leave it out
         * @return this builder
         */
        public Builder group(Integer group) {
            this.group = group;
            return this;
        }

        /**
         * @param promiscuity {@code IFLA_PROMISCUITY}, the promiscuity count (unsigned 32 bits; the kernel only
         *                    reports it); null (the default) to leave it out
         * @return this builder
         */
        public Builder promiscuity(Integer promiscuity) {
            this.promiscuity = promiscuity;
            return this;
        }

        /**
         * @param allMulti {@code IFLA_ALLMULTI}, the all-multicast count (unsigned 32 bits; the kernel only
         *                 reports it); null (the default) to leave it out
         * @return this builder
         */
        public Builder allMulti(Integer allMulti) {
            this.allMulti = allMulti;
            return this;
        }

        /**
         * @param linkMode {@code IFLA_LINKMODE}, 0 to 255, such as {@link LinkMessage#IF_LINK_MODE_DORMANT}; null
         *                 (the default) to leave it out
         * @return this builder
         */
        public Builder linkMode(Integer linkMode) {
            this.linkMode = linkMode;
            return this;
        }

        /**
         * @param protoDown {@code IFLA_PROTO_DOWN}, whether a protocol holds the link down; null (the default) to
         *                  leave it out
         * @return this builder
         */
        public Builder protoDown(Boolean protoDown) {
            this.protoDown = protoDown;
            return this;
        }

        /**
         * @param protoDownReason the reason bits, sent as {@code IFLA_PROTO_DOWN_REASON_VALUE} in
         *                        {@code IFLA_PROTO_DOWN_REASON}; null (the default) to leave the nest out
         * @return this builder
         */
        public Builder protoDownReason(Integer protoDownReason) {
            this.protoDownReason = protoDownReason;
            return this;
        }

        /**
         * @param permAddress {@code IFLA_PERM_ADDRESS}, the permanent hardware address (the kernel only reports
         *                    it); null (the default) to leave it out
         * @return this builder
         */
        public Builder permAddress(MacAddress permAddress) {
            this.permAddress = permAddress;
            return this;
        }

        /**
         * @param parentDevName {@code IFLA_PARENT_DEV_NAME}, the parent bus device (reported only); null (the
         *                      default) to leave it out
         * @return this builder
         */
        public Builder parentDevName(String parentDevName) {
            this.parentDevName = parentDevName;
            return this;
        }

        /**
         * @param parentDevBusName {@code IFLA_PARENT_DEV_BUS_NAME}, the parent device's bus (reported only); null
         *                         (the default) to leave it out
         * @return this builder
         */
        public Builder parentDevBusName(String parentDevBusName) {
            this.parentDevBusName = parentDevBusName;
            return this;
        }

        /**
         * @param carrier the carrier state and counters; null (the default) to leave them out
         * @return this builder
         */
        public Builder carrier(LinkCarrier carrier) {
            this.carrier = carrier;
            return this;
        }

        /**
         * @param limits the MTU bounds, queue counts and offload sizes; null (the default) to leave them out
         * @return this builder
         */
        public Builder limits(LinkLimits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * @param afSpec {@code IFLA_AF_SPEC}, such as {@code LinkAfSpec.ofInet6AddrGenMode(1)}; null (the default)
         *               to leave it out
         * @return this builder
         */
        public Builder afSpec(LinkAfSpec afSpec) {
            this.afSpec = afSpec;
            return this;
        }

        /**
         * @param master {@code IFLA_MASTER}, the index of the bridge or bond this link is enslaved to (0 in a
         *               request releases it); null (the default) to leave it out
         * @return this builder
         */
        public Builder master(Integer master) {
            this.master = master;
            return this;
        }

        /**
         * @param txQueueLength {@code IFLA_TXQLEN}, the transmit queue length in packets (unsigned 32 bits);
         *                      null (the default) to leave it out
         * @return this builder
         */
        public Builder txQueueLength(Integer txQueueLength) {
            this.txQueueLength = txQueueLength;
            return this;
        }

        /**
         * @param linkInfo {@code IFLA_LINKINFO}, the driver kind and its settings, such as
         *                 {@code LinkInfo.of("veth")}; null (the default) to leave it out
         * @return this builder
         */
        public Builder linkInfo(LinkInfo linkInfo) {
            this.linkInfo = linkInfo;
            return this;
        }

        /**
         * @param stats64 {@code IFLA_STATS64}, the 64-bit counters; null (the default) to leave them out
         * @return this builder
         */
        public Builder stats64(LinkStats stats64) {
            this.stats64 = stats64;
            return this;
        }

        /**
         * Replaces the attributes kept raw. Each must be of a type this record does not decode into a field
         * (an empty {@code IFLA_ADDRESS} or {@code IFLA_BROADCAST} is allowed: the kernel sends those for
         * devices without a hardware address, and decoding keeps them raw).
         *
         * @param unknown the attributes, written after the others in this order; copied; null for none
         * @return this builder
         */
        public Builder unknown(List<Attribute> unknown) {
            this.unknown = RecordArguments.mutableCopy(unknown);
            return this;
        }

        /**
         * Appends one attribute kept raw; see {@link #unknown(List)}.
         *
         * @param attribute the attribute, such as {@code new Attribute(IFLA_XDP | AttributeEncoder.NESTED, ...)}
         * @return this builder
         */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /**
         * Checks the values and makes the record.
         *
         * @return the link
         * @throws NetlinkException naming the field when {@code type} is not a link message type, a header
         *         field does not fit its kernel width, {@code name} is longer than 15 bytes or contains NUL,
         *         {@code ifAlias} is longer than 255 bytes, an alternative name is empty, null or longer than 127
         *         bytes, a string contains NUL, {@code operState} or {@code linkMode} is not 0 to 255, a
         *         {@code linkInfo} attribute of type
         *         {@code IFLA_INFO_KIND} is kept raw without a kind, or an {@code unknown} attribute is null,
         *         too long, or of a type the record decodes into a field
         */
        public LinkMessage build() {
            String what = "LinkMessage.builder()";
            RecordArguments.type(what, type, RouteMessageType.RTM_NEWLINK);
            RecordArguments.u8(what, "family", "ifi_family", family);
            RecordArguments.u16(what, "linkType", "ifi_type", linkType);
            if (name != null) {
                if (name.indexOf('\0') >= 0) {
                    throw new NetlinkArgumentException(what + ": name (IFLA_IFNAME) must not contain NUL");
                }
                int bytes = name.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > IFNAMSIZ - 1) {
                    throw new NetlinkArgumentException(what + ": name (IFLA_IFNAME) '" + name + "' is " + bytes
                            + " bytes of UTF-8, at most " + (IFNAMSIZ - 1) + " allowed");
                }
            }
            if (operState != null) {
                RecordArguments.u8(what, "operState", "IFLA_OPERSTATE", operState);
            }
            if (linkMode != null) {
                RecordArguments.u8(what, "linkMode", "IFLA_LINKMODE", linkMode);
            }
            if (ifAlias != null) {
                text(what, "ifAlias (IFLA_IFALIAS)", ifAlias, IFALIASZ - 1);
            }
            for (int i = 0; i < altNames.size(); i++) {
                String a = altNames.get(i);
                if (a == null || a.isEmpty()) {
                    throw new NetlinkArgumentException(what + ": altNames[" + i + "] (IFLA_ALT_IFNAME) is "
                            + (a == null ? "null" : "empty"));
                }
                text(what, "altNames[" + i + "] (IFLA_ALT_IFNAME)", a, ALTIFNAMSIZ - 1);
            }
            if (linkInfo != null) {
                // The decoder takes the first IFLA_INFO_KIND as the kind, so only one after a kind stays raw.
                boolean kindless = linkInfo.kind() == null;
                RecordArguments.raw(what, "linkInfo.attributes", linkInfo.attributes(),
                        (t, length) -> kindless && t == LinkInfo.IFLA_INFO_KIND ? "kind (IFLA_INFO_KIND)" : null);
            }
            RecordArguments.raw(what, "unknown", unknown, (t, length) -> switch (t) {
                case IFLA_IFNAME -> "name (IFLA_IFNAME)";
                case IFLA_MTU -> "mtu (IFLA_MTU)";
                case IFLA_OPERSTATE -> "operState (IFLA_OPERSTATE)";
                case IFLA_LINK -> "link (IFLA_LINK)";
                case IFLA_MASTER -> "master (IFLA_MASTER)";
                case IFLA_TXQLEN -> "txQueueLength (IFLA_TXQLEN)";
                case IFLA_LINKINFO -> "linkInfo (IFLA_LINKINFO)";
                case IFLA_STATS64 -> "stats64 (IFLA_STATS64)";
                case IFLA_LINK_NETNSID -> "linkNetnsId (IFLA_LINK_NETNSID)";
                case IFLA_QDISC -> "qdisc (IFLA_QDISC)";
                case IFLA_IFALIAS -> "ifAlias (IFLA_IFALIAS)";
                case IFLA_PROP_LIST -> "altNames (IFLA_PROP_LIST)";
                case IFLA_GROUP -> "group (IFLA_GROUP)";
                case IFLA_PROMISCUITY -> "promiscuity (IFLA_PROMISCUITY)";
                case IFLA_ALLMULTI -> "allMulti (IFLA_ALLMULTI)";
                case IFLA_LINKMODE -> "linkMode (IFLA_LINKMODE)";
                case IFLA_PROTO_DOWN -> "protoDown (IFLA_PROTO_DOWN)";
                case IFLA_PROTO_DOWN_REASON -> "protoDownReason (IFLA_PROTO_DOWN_REASON)";
                case IFLA_PARENT_DEV_NAME -> "parentDevName (IFLA_PARENT_DEV_NAME)";
                case IFLA_PARENT_DEV_BUS_NAME -> "parentDevBusName (IFLA_PARENT_DEV_BUS_NAME)";
                case LinkCarrier.IFLA_CARRIER -> "carrier.carrier (IFLA_CARRIER)";
                case LinkCarrier.IFLA_CARRIER_CHANGES -> "carrier.changes (IFLA_CARRIER_CHANGES)";
                case LinkCarrier.IFLA_CARRIER_UP_COUNT -> "carrier.upCount (IFLA_CARRIER_UP_COUNT)";
                case LinkCarrier.IFLA_CARRIER_DOWN_COUNT -> "carrier.downCount (IFLA_CARRIER_DOWN_COUNT)";
                case IFLA_AF_SPEC -> "afSpec (IFLA_AF_SPEC)";
                // An empty hardware address is what a device without one sends; decoding keeps it raw.
                case IFLA_ADDRESS -> length > 0 ? "address (IFLA_ADDRESS)" : null;
                case IFLA_BROADCAST -> length > 0 ? "broadcast (IFLA_BROADCAST)" : null;
                case IFLA_PERM_ADDRESS -> length > 0 ? "permAddress (IFLA_PERM_ADDRESS)" : null;
                default -> LinkLimits.field(t);
            });
            return new LinkMessage(type, family, linkType, index, flags, change, name, mtu, address, broadcast,
                    operState, link, linkNetnsId, master, txQueueLength, qdisc, ifAlias, altNames, group,
                    promiscuity, allMulti, linkMode, protoDown, protoDownReason, permAddress, parentDevName,
                    parentDevBusName, carrier, limits, afSpec, linkInfo, stats64, unknown);
        }

        private static void text(String what, String field, String value, int max) {
            int bytes = value.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > max) {
                throw new NetlinkArgumentException(what + ": " + field + " is " + bytes + " bytes of UTF-8, at most "
                        + max + " allowed");
            }
        }
    }
}
