package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy routing rule, one line of {@code ip rule show}: {@code struct fib_rule_hdr} followed by
 * {@code FRA_*} attributes ({@code <linux/fib_rules.h>}). The kernel sends one {@link RouteMessageType#RTM_NEWRULE}
 * per rule in answer to an {@link RouteMessageType#RTM_GETRULE} dump, and multicasts {@code RTM_NEWRULE} /
 * {@code RTM_DELRULE} to {@link RouteGroup#IPV4_RULE} and {@link RouteGroup#IPV6_RULE} as rules come and go.
 * For each packet the kernel walks the rules of its family by ascending {@link #priority()}; the first whose
 * selectors all match decides, by its {@link #action()}: look the route up in {@link #table()}, jump to another
 * rule, or drop the packet.
 *
 * <pre>
 *  struct fib_rule_hdr (12 bytes)
 *  0        1         2         3        4        5        6        7        8                                 12
 * +--------+---------+---------+--------+--------+--------+--------+--------+---------------------------------+
 * | family | dst_len | src_len |  tos   | table  |  res1  |  res2  | action |              flags              |
 * +--------+---------+---------+--------+--------+--------+--------+--------+---------------------------------+
 * </pre>
 *
 * <p>The header's {@code table} byte holds only IDs below 256 ({@code RT_TABLE_COMPAT}, 252, stands for larger
 * ones); the kernel sends the full ID in {@code FRA_TABLE}. {@link #table()} is {@code FRA_TABLE} when the
 * message has it and the header byte otherwise, and {@link #encode()} writes both. The reserved bytes are
 * neither kept nor sent.
 *
 * <p>Optional attributes the message lacks are null. The kernel leaves out {@code FRA_PRIORITY} for a rule of
 * priority 0 (the {@code local} rule), so a null {@link #priority()} in a kernel message means 0. Attributes
 * this record has no field for ({@code FRA_PAD}, {@code FRA_FLOWLABEL}, {@code FRA_FLOWLABEL_MASK},
 * {@code FRA_DSCP_MASK}, ...) are kept in {@link #unknown()} and written back by {@link #encode()}. The typed attributes must
 * have their kernel size; one that does not makes the message malformed.
 *
 * <p>What {@code ip -j -d rule show} prints maps onto the fields so: {@code priority} is {@link #priority()},
 * {@code src}/{@code srclen} and {@code dst}/{@code dstlen} are {@link #source()}/{@link #sourceLength()} and
 * {@link #destination()}/{@link #destinationLength()}, {@code not} is {@link #inverted()}, {@code tos} is
 * {@link #tos()}, {@code fwmark}/{@code fwmask} are {@link #fwmark()}/{@link #fwmask()}, {@code iif} and
 * {@code oif} are {@link #inputInterface()} and {@link #outputInterface()}, {@code uid_start}/{@code uid_end}
 * is {@link #uidRange()}, {@code ipproto} is {@link #ipProtocol()}, {@code sport*} and {@code dport*} are
 * {@link #sourcePorts()} and {@link #destinationPorts()}, {@code table} is {@link #table()}, {@code goto} is
 * {@link #target()}, {@code action} is {@link #actionName()}, {@code realms} is {@link #flow()} and
 * {@code protocol} is {@link #protocol()}.
 *
 * <p>Build one with {@link #builder()}, or copy one with changes through {@link #toBuilder()}.
 * {@link #toMessage()} wraps {@link #encode()} in a message shaped as the kernel sends it, and
 * {@link #decode(Message)} of that message gives back an equal record. (The builder refuses raw attributes that
 * decoding would read into a field instead, which the canonical constructor lets through.)
 *
 * @param type                   the message type, such as {@link RouteMessageType#RTM_NEWRULE}; not encoded
 * @param family                 {@code family}: {@link AddressFamily#INET} or {@link AddressFamily#INET6}
 *                               (the kernel also knows {@link AddressFamily#IPMR}, {@link AddressFamily#IP6MR})
 * @param destinationLength      {@code dst_len}, the prefix length of {@link #destination()}
 * @param sourceLength           {@code src_len}, the prefix length of {@link #source()}
 * @param tos                    {@code tos}, the type of service (IPv4) or traffic class (IPv6) byte to match,
 *                               0 for any
 * @param table                  the routing table to look up for {@link #FR_ACT_TO_TBL}: {@code FRA_TABLE}
 *                               (u32) when present, else the header's {@code table} byte; 0 when the action
 *                               needs none
 * @param action                 {@code action}, an {@code FR_ACT_*} value such as {@link #FR_ACT_TO_TBL}
 * @param flags                  {@code flags}, {@code FIB_RULE_*} bits such as {@link #FIB_RULE_INVERT}
 * @param destination            {@code FRA_DST}: the destination prefix to match
 * @param source                 {@code FRA_SRC}: the source prefix to match
 * @param inputInterface         {@code FRA_IIFNAME}: the name of the interface packets must arrive on
 *                               ({@code iif})
 * @param outputInterface        {@code FRA_OIFNAME}: the name of the interface a socket is bound to
 *                               ({@code oif})
 * @param target                 {@code FRA_GOTO}: u32, the priority of the rule {@link #FR_ACT_GOTO} jumps to
 * @param priority               {@code FRA_PRIORITY}: u32, the rule's priority (preference); lower goes first
 * @param fwmark                 {@code FRA_FWMARK}: u32, the packet mark to match
 * @param fwmask                 {@code FRA_FWMASK}: u32, the bits of the mark compared
 * @param flow                   {@code FRA_FLOW}: u32, the realms (IPv4 {@code tclassid}) a matching route gets
 * @param tunnelId               {@code FRA_TUN_ID}: u64 (big-endian on the wire), the tunnel ID to match
 * @param suppressInterfaceGroup {@code FRA_SUPPRESS_IFGROUP}: u32, reject a lookup result whose device is of
 *                               this group; the kernel sends it only when set
 * @param suppressPrefixLength   {@code FRA_SUPPRESS_PREFIXLEN}: u32, reject a lookup result whose prefix is this
 *                               long or shorter; the kernel sends it for every rule, {@code -1} (0xFFFFFFFF)
 *                               meaning unset
 * @param l3mdev                 {@code FRA_L3MDEV}: u8, 1 to look up the table of the VRF the packet is in
 * @param uidRange               {@code FRA_UID_RANGE}: the socket owners' user IDs to match
 * @param protocol               {@code FRA_PROTOCOL}: u8, who installed the rule, an {@code RTPROT_*} number
 * @param ipProtocol             {@code FRA_IP_PROTO}: u8, the IP protocol to match, such as 6 for TCP
 * @param sourcePorts            {@code FRA_SPORT_RANGE}: the source ports to match
 * @param destinationPorts       {@code FRA_DPORT_RANGE}: the destination ports to match
 * @param dscp                   {@code FRA_DSCP}: u8, the DSCP (0 to 63) to match; Linux 6.13 and later
 * @param sourcePortMask         {@code FRA_SPORT_MASK}: u16, the bits of the source port compared with
 *                               {@link #sourcePorts()}'s start; Linux 6.15 and later, which send 0xFFFF for a
 *                               single port
 * @param destinationPortMask    {@code FRA_DPORT_MASK}: u16, likewise for the destination port
 * @param unknown                every other attribute, as sent
 */
public record RuleMessage(int type, int family, int destinationLength, int sourceLength, int tos, int table,
        int action, int flags, InetAddress destination, InetAddress source, String inputInterface,
        String outputInterface, Integer target, Integer priority, Integer fwmark, Integer fwmask, Integer flow,
        Long tunnelId, Integer suppressInterfaceGroup, Integer suppressPrefixLength, Integer l3mdev,
        UidRange uidRange, Integer protocol, Integer ipProtocol, PortRange sourcePorts, PortRange destinationPorts,
        Integer dscp, Integer sourcePortMask, Integer destinationPortMask, List<Attribute> unknown) {

    /** Size of {@code struct fib_rule_hdr} in bytes. */
    public static final int HEADER_SIZE = 12;

    /** {@code FRA_DST}: destination prefix. */
    public static final int FRA_DST = 1;
    /** {@code FRA_SRC}: source prefix. */
    public static final int FRA_SRC = 2;
    /** {@code FRA_IIFNAME}: input interface name. */
    public static final int FRA_IIFNAME = 3;
    /** {@code FRA_GOTO}: u32 priority of the rule to jump to. */
    public static final int FRA_GOTO = 4;
    /** {@code FRA_PRIORITY}: u32 priority. */
    public static final int FRA_PRIORITY = 6;
    /** {@code FRA_FWMARK}: u32 packet mark. */
    public static final int FRA_FWMARK = 10;
    /** {@code FRA_FLOW}: u32 realms. */
    public static final int FRA_FLOW = 11;
    /** {@code FRA_TUN_ID}: big-endian u64 tunnel ID. */
    public static final int FRA_TUN_ID = 12;
    /** {@code FRA_SUPPRESS_IFGROUP}: u32 interface group to suppress. */
    public static final int FRA_SUPPRESS_IFGROUP = 13;
    /** {@code FRA_SUPPRESS_PREFIXLEN}: u32 prefix length to suppress. */
    public static final int FRA_SUPPRESS_PREFIXLEN = 14;
    /** {@code FRA_TABLE}: u32 table ID. */
    public static final int FRA_TABLE = 15;
    /** {@code FRA_FWMASK}: u32 mask of the packet mark. */
    public static final int FRA_FWMASK = 16;
    /** {@code FRA_OIFNAME}: output interface name. */
    public static final int FRA_OIFNAME = 17;
    /** {@code FRA_PAD}: alignment padding before a 64-bit attribute; kept raw. */
    public static final int FRA_PAD = 18;
    /** {@code FRA_L3MDEV}: u8, look up the VRF's table. */
    public static final int FRA_L3MDEV = 19;
    /** {@code FRA_UID_RANGE}: {@code struct fib_rule_uid_range}. */
    public static final int FRA_UID_RANGE = 20;
    /** {@code FRA_PROTOCOL}: u8 originator of the rule. */
    public static final int FRA_PROTOCOL = 21;
    /** {@code FRA_IP_PROTO}: u8 IP protocol. */
    public static final int FRA_IP_PROTO = 22;
    /** {@code FRA_SPORT_RANGE}: {@code struct fib_rule_port_range} of source ports. */
    public static final int FRA_SPORT_RANGE = 23;
    /** {@code FRA_DPORT_RANGE}: {@code struct fib_rule_port_range} of destination ports. */
    public static final int FRA_DPORT_RANGE = 24;
    /** {@code FRA_DSCP}: u8 DSCP (Linux 6.13). */
    public static final int FRA_DSCP = 25;
    /** {@code FRA_FLOWLABEL}: big-endian u32 IPv6 flow label (Linux 6.14); kept raw. */
    public static final int FRA_FLOWLABEL = 26;
    /** {@code FRA_FLOWLABEL_MASK}: big-endian u32 mask of the flow label (Linux 6.14); kept raw. */
    public static final int FRA_FLOWLABEL_MASK = 27;
    /** {@code FRA_SPORT_MASK}: u16 mask of the source port (Linux 6.15). */
    public static final int FRA_SPORT_MASK = 28;
    /** {@code FRA_DPORT_MASK}: u16 mask of the destination port (Linux 6.15). */
    public static final int FRA_DPORT_MASK = 29;
    /** {@code FRA_DSCP_MASK}: u8 mask of the DSCP (Linux 6.15); kept raw. */
    public static final int FRA_DSCP_MASK = 30;

    /** {@code FR_ACT_UNSPEC}: no action; in a delete request, any action matches. */
    public static final int FR_ACT_UNSPEC = 0;
    /** {@code FR_ACT_TO_TBL}: look the route up in {@link #table()} ({@code lookup}). */
    public static final int FR_ACT_TO_TBL = 1;
    /** {@code FR_ACT_GOTO}: continue with the rule of priority {@link #target()} ({@code goto}). */
    public static final int FR_ACT_GOTO = 2;
    /** {@code FR_ACT_NOP}: do nothing, go on with the next rule ({@code nop}). */
    public static final int FR_ACT_NOP = 3;
    /** {@code FR_ACT_BLACKHOLE}: drop silently ({@code blackhole}). */
    public static final int FR_ACT_BLACKHOLE = 6;
    /** {@code FR_ACT_UNREACHABLE}: drop with ENETUNREACH ({@code unreachable}). */
    public static final int FR_ACT_UNREACHABLE = 7;
    /** {@code FR_ACT_PROHIBIT}: drop with EACCES ({@code prohibit}). */
    public static final int FR_ACT_PROHIBIT = 8;

    /** {@code FIB_RULE_PERMANENT}: the rule cannot be deleted. */
    public static final int FIB_RULE_PERMANENT = 0x01;
    /** {@code FIB_RULE_INVERT}: the rule applies to packets its selectors do not match ({@code not}). */
    public static final int FIB_RULE_INVERT = 0x02;
    /** {@code FIB_RULE_UNRESOLVED}: a {@code goto} rule whose target does not exist; set by the kernel. */
    public static final int FIB_RULE_UNRESOLVED = 0x04;
    /** {@code FIB_RULE_IIF_DETACHED}: no interface has the name {@link #inputInterface()}; set by the kernel. */
    public static final int FIB_RULE_IIF_DETACHED = 0x08;
    /** {@code FIB_RULE_OIF_DETACHED}: no interface has the name {@link #outputInterface()}; set by the kernel. */
    public static final int FIB_RULE_OIF_DETACHED = 0x10;
    /** {@code FIB_RULE_FIND_SADDR}: find a source address in the lookup. */
    public static final int FIB_RULE_FIND_SADDR = 0x10000;

    /** The header's {@code table} byte for a table ID above 255, which then travels in {@code FRA_TABLE}. */
    private static final int RT_TABLE_COMPAT = 252;

    /**
     * {@code struct fib_rule_uid_range}: the user IDs {@code start} to {@code end}, both included
     * ({@code uidrange START-END}).
     *
     * @param start the first user ID, 0 to 4294967295
     * @param end   the last user ID, 0 to 4294967295; the kernel refuses a range whose end is below its start
     */
    public record UidRange(long start, long end) {

        /**
         * @throws NetlinkException if a bound does not fit 32 bits
         */
        public UidRange {
            if (start < 0 || start > 0xFFFFFFFFL || end < 0 || end > 0xFFFFFFFFL) {
                throw new NetlinkArgumentException("rule UID range (FRA_UID_RANGE) bounds must be 0 to 4294967295, got "
                        + start + "-" + end);
            }
        }
    }

    /**
     * {@code struct fib_rule_port_range}: the ports {@code start} to {@code end}, both included
     * ({@code sport}/{@code dport START-END}, or one port when they are equal).
     *
     * @param start the first port, 0 to 65535
     * @param end   the last port, 0 to 65535; the kernel refuses a range whose end is below its start
     */
    public record PortRange(int start, int end) {

        /**
         * @throws NetlinkException if a bound does not fit 16 bits
         */
        public PortRange {
            if (start < 0 || start > 0xFFFF || end < 0 || end > 0xFFFF) {
                throw new NetlinkArgumentException("rule port range bounds must be 0 to 65535, got " + start + "-" + end);
            }
        }
    }

    /**
     * Checks the fixed header's field ranges and the addresses against the family.
     *
     * @throws NetlinkException if a header field or a u8 attribute is out of range, an address does not belong
     *         to {@code family}, or {@code unknown} contains null; a null list becomes empty
     */
    public RuleMessage {
        AddressFamily.u16(type, "rule message type");
        AddressFamily.u8(family, "rule family");
        AddressFamily.u8(destinationLength, "rule destination length (dst_len)");
        AddressFamily.u8(sourceLength, "rule source length (src_len)");
        AddressFamily.u8(tos, "rule tos");
        AddressFamily.u8(action, "rule action");
        AddressFamily.check(family, destination, "FRA_DST");
        AddressFamily.check(family, source, "FRA_SRC");
        u8(l3mdev, "rule l3mdev (FRA_L3MDEV)");
        u8(protocol, "rule protocol (FRA_PROTOCOL)");
        u8(ipProtocol, "rule IP protocol (FRA_IP_PROTO)");
        u8(dscp, "rule DSCP (FRA_DSCP)");
        if (sourcePortMask != null) {
            AddressFamily.u16(sourcePortMask, "rule source port mask (FRA_SPORT_MASK)");
        }
        if (destinationPortMask != null) {
            AddressFamily.u16(destinationPortMask, "rule destination port mask (FRA_DPORT_MASK)");
        }
        unknown = RoutePayload.copy(unknown, "rule unknown attributes");
    }

    private static void u8(Integer value, String what) {
        if (value != null) {
            AddressFamily.u8(value, what);
        }
    }

    /**
     * A builder of a rule with every field at its default: type {@link RouteMessageType#RTM_NEWRULE}; the
     * family of {@code source} or {@code destination}, or {@link AddressFamily#INET} without either (as
     * {@code ip rule} defaults to {@code -4}), unless {@link Builder#family(int)} says otherwise; action
     * {@link #FR_ACT_TO_TBL}; table, prefix lengths, tos and flags 0; no attributes (every optional field null).
     *
     * <pre>{@code
     * RuleMessage rule = RuleMessage.builder().priority(1000)
     *         .source(InetAddress.getByName("10.1.0.0")).sourceLength(16).table(100).build();
     * }</pre>
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this rule's values, its family included, to copy it with some of them changed.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        return new Builder().type(type).family(family).destinationLength(destinationLength).sourceLength(sourceLength)
                .tos(tos).table(table).action(action).flags(flags).destination(destination).source(source)
                .inputInterface(inputInterface).outputInterface(outputInterface).target(target).priority(priority)
                .fwmark(fwmark).fwmask(fwmask).flow(flow).tunnelId(tunnelId)
                .suppressInterfaceGroup(suppressInterfaceGroup).suppressPrefixLength(suppressPrefixLength)
                .l3mdev(l3mdev).uidRange(uidRange).protocol(protocol).ipProtocol(ipProtocol).sourcePorts(sourcePorts)
                .destinationPorts(destinationPorts).dscp(dscp).sourcePortMask(sourcePortMask)
                .destinationPortMask(destinationPortMask).unknown(unknown);
    }

    /**
     * This rule as the kernel sends it in a notification or dump reply: a message of type {@link #type()},
     * flags 0, sequence and port ID 0, whose payload is {@link #encode()}. {@link #decode(Message)} of it equals
     * this record.
     *
     * @return the message
     * @throws NetlinkException if {@link #type()} is not a rule message type ({@code RTM_NEWRULE} to
     *         {@code RTM_GETRULE}, or 35), or an attribute does not fit its 65535-byte limit
     */
    public Message toMessage() {
        return toMessage(type, 0);
    }

    /**
     * This rule's payload in a message of another rule type, flags 0, as the kernel multicasts
     * {@code RTM_NEWRULE} and {@code RTM_DELRULE}.
     *
     * @param type {@link RouteMessageType#RTM_NEWRULE}, {@code RTM_DELRULE}, {@code RTM_GETRULE} (or 35, which
     *             the kernel leaves unused)
     * @return the message
     * @throws NetlinkException if {@code type} is not a rule message type, or an attribute does not fit
     */
    public Message toMessage(int type) {
        return toMessage(type, 0);
    }

    /**
     * This rule's payload in a message of the given type and {@code nlmsg_flags}, sequence and port ID 0.
     *
     * @param type  a rule message type, {@code RTM_NEWRULE} to 35
     * @param flags the {@link io.github.jnetlink.HeaderFlags}, 0 to 65535
     * @return the message
     * @throws NetlinkException if {@code type} is not a rule message type, {@code flags} does not fit 16 bits, or
     *         an attribute does not fit
     */
    public Message toMessage(int type, int flags) {
        return RecordArguments.message("RuleMessage", type, RouteMessageType.RTM_NEWRULE, flags, encode());
    }

    /**
     * Decodes an {@code RTM_NEWRULE}, {@code RTM_DELRULE} or {@code RTM_GETRULE} message. When an attribute
     * repeats, the last one counts.
     *
     * @param message the message
     * @return the rule
     * @throws MalformedMessageException if the message is null, of another type, shorter than
     *         {@code struct fib_rule_hdr}, an attribute is malformed, an address has the wrong length for the
     *         family, or a typed attribute ({@code FRA_PRIORITY}, {@code FRA_UID_RANGE}, ...) is not of its
     *         kernel size
     */
    public static RuleMessage decode(Message message) {
        byte[] b = RoutePayload.payload(message, RouteMessageType.RTM_NEWRULE, HEADER_SIZE, "struct fib_rule_hdr");
        int family = b[0] & 0xFF;
        int table = b[4] & 0xFF;
        InetAddress destination = null;
        InetAddress source = null;
        String iif = null;
        String oif = null;
        Integer target = null;
        Integer priority = null;
        Integer fwmark = null;
        Integer fwmask = null;
        Integer flow = null;
        Long tunnelId = null;
        Integer suppressIfgroup = null;
        Integer suppressPrefixlen = null;
        Integer l3mdev = null;
        UidRange uidRange = null;
        Integer protocol = null;
        Integer ipProtocol = null;
        PortRange sport = null;
        PortRange dport = null;
        Integer dscp = null;
        Integer sportMask = null;
        Integer dportMask = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = RoutePayload.attributes(b, HEADER_SIZE);
        while (d.next()) {
            switch (d.type()) {
                case FRA_DST -> {
                    InetAddress a = AddressFamily.decode(d, family, "FRA_DST");
                    if (a == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else {
                        destination = a;
                    }
                }
                case FRA_SRC -> {
                    InetAddress a = AddressFamily.decode(d, family, "FRA_SRC");
                    if (a == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else {
                        source = a;
                    }
                }
                case FRA_IIFNAME -> iif = d.string();
                case FRA_OIFNAME -> oif = d.string();
                case FRA_GOTO -> target = d.u32();
                case FRA_PRIORITY -> priority = d.u32();
                case FRA_FWMARK -> fwmark = d.u32();
                case FRA_FWMASK -> fwmask = d.u32();
                case FRA_FLOW -> flow = d.u32();
                case FRA_TUN_ID -> tunnelId = d.u64(ByteOrder.BIG_ENDIAN);
                case FRA_SUPPRESS_IFGROUP -> suppressIfgroup = d.u32();
                case FRA_SUPPRESS_PREFIXLEN -> suppressPrefixlen = d.u32();
                case FRA_TABLE -> table = d.u32();
                case FRA_L3MDEV -> l3mdev = d.u8();
                case FRA_UID_RANGE -> {
                    int at = range(d, 8, "FRA_UID_RANGE", "struct fib_rule_uid_range");
                    uidRange = new UidRange(Integer.toUnsignedLong((int) RoutePayload.INT.get(b, at)),
                            Integer.toUnsignedLong((int) RoutePayload.INT.get(b, at + 4)));
                }
                case FRA_PROTOCOL -> protocol = d.u8();
                case FRA_IP_PROTO -> ipProtocol = d.u8();
                case FRA_SPORT_RANGE -> sport = portRange(d, b, "FRA_SPORT_RANGE");
                case FRA_DPORT_RANGE -> dport = portRange(d, b, "FRA_DPORT_RANGE");
                case FRA_DSCP -> dscp = d.u8();
                case FRA_SPORT_MASK -> sportMask = d.u16();
                case FRA_DPORT_MASK -> dportMask = d.u16();
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        return new RuleMessage(message.header().type(), family, b[1] & 0xFF, b[2] & 0xFF, b[3] & 0xFF, table,
                b[7] & 0xFF, (int) RoutePayload.INT.get(b, 8), destination, source, iif, oif, target, priority, fwmark,
                fwmask, flow, tunnelId, suppressIfgroup, suppressPrefixlen, l3mdev, uidRange, protocol, ipProtocol,
                sport, dport, dscp, sportMask, dportMask, RoutePayload.finish(unknown));
    }

    /** The offset of the current attribute's payload, once it has the struct's exact size. */
    private static int range(AttributeDecoder d, int size, String what, String struct) {
        if (d.length() != size) {
            throw new MalformedMessageException(what + " at offset " + (d.offset() - AttributeEncoder.HEADER_SIZE)
                    + ": " + d.length() + " bytes, " + struct + " is " + size);
        }
        return d.offset();
    }

    private static PortRange portRange(AttributeDecoder d, byte[] b, String what) {
        int at = range(d, 4, what, "struct fib_rule_port_range");
        return new PortRange((short) RoutePayload.SHORT.get(b, at) & 0xFFFF,
                (short) RoutePayload.SHORT.get(b, at + 2) & 0xFFFF);
    }

    /**
     * Encodes the payload the kernel reads for this rule: {@code struct fib_rule_hdr} (with {@link #table()} in
     * its {@code table} byte when below 256, else {@code RT_TABLE_COMPAT}), then the attributes that are present
     * in the order of their numbers, {@code FRA_TABLE} whenever the table is not 0, and {@link #unknown()}.
     *
     * @return the payload
     * @throws NetlinkException if an attribute does not fit its 65535-byte limit
     */
    public byte[] encode() {
        byte[] header = new byte[HEADER_SIZE];
        header[0] = (byte) family;
        header[1] = (byte) destinationLength;
        header[2] = (byte) sourceLength;
        header[3] = (byte) tos;
        header[4] = (byte) ((table & ~0xFF) == 0 ? table : RT_TABLE_COMPAT);
        header[7] = (byte) action;
        RoutePayload.INT.set(header, 8, flags);
        try {
            AttributeEncoder e = new AttributeEncoder(128).header(header);
            RoutePayload.address(e, FRA_DST, destination);
            RoutePayload.address(e, FRA_SRC, source);
            if (inputInterface != null) {
                e.string(FRA_IIFNAME, inputInterface);
            }
            RoutePayload.u32(e, FRA_GOTO, target);
            RoutePayload.u32(e, FRA_PRIORITY, priority);
            RoutePayload.u32(e, FRA_FWMARK, fwmark);
            RoutePayload.u32(e, FRA_FLOW, flow);
            if (tunnelId != null) {
                e.u64(FRA_TUN_ID, tunnelId, ByteOrder.BIG_ENDIAN);
            }
            RoutePayload.u32(e, FRA_SUPPRESS_IFGROUP, suppressInterfaceGroup);
            RoutePayload.u32(e, FRA_SUPPRESS_PREFIXLEN, suppressPrefixLength);
            if (table != 0) {
                e.s32(FRA_TABLE, table);
            }
            RoutePayload.u32(e, FRA_FWMASK, fwmask);
            if (outputInterface != null) {
                e.string(FRA_OIFNAME, outputInterface);
            }
            if (l3mdev != null) {
                e.u8(FRA_L3MDEV, l3mdev);
            }
            if (uidRange != null) {
                byte[] r = new byte[8];
                RoutePayload.INT.set(r, 0, (int) uidRange.start());
                RoutePayload.INT.set(r, 4, (int) uidRange.end());
                e.bytes(FRA_UID_RANGE, r);
            }
            if (protocol != null) {
                e.u8(FRA_PROTOCOL, protocol);
            }
            if (ipProtocol != null) {
                e.u8(FRA_IP_PROTO, ipProtocol);
            }
            ports(e, FRA_SPORT_RANGE, sourcePorts);
            ports(e, FRA_DPORT_RANGE, destinationPorts);
            if (dscp != null) {
                e.u8(FRA_DSCP, dscp);
            }
            if (sourcePortMask != null) {
                e.u16(FRA_SPORT_MASK, sourcePortMask);
            }
            if (destinationPortMask != null) {
                e.u16(FRA_DPORT_MASK, destinationPortMask);
            }
            RoutePayload.writeAll(e, unknown);
            return e.encode();
        } catch (NetlinkArgumentException ex) {
            throw RoutePayload.encodeFailure("rule " + (priority == null ? "" : Integer.toUnsignedString(priority) + " ")
                    + "of family " + AddressFamily.name(family), ex);
        }
    }

    private static void ports(AttributeEncoder e, int type, PortRange range) {
        if (range != null) {
            byte[] r = new byte[4];
            RoutePayload.SHORT.set(r, 0, (short) range.start());
            RoutePayload.SHORT.set(r, 2, (short) range.end());
            e.bytes(type, r);
        }
    }

    /**
     * @return whether the rule matches the packets its selectors do not ({@link #FIB_RULE_INVERT},
     *         {@code not} in {@code ip rule})
     */
    public boolean inverted() {
        return (flags & FIB_RULE_INVERT) != 0;
    }

    /**
     * @return the action as {@code ip rule} names it: {@code "lookup"}, {@code "goto"}, {@code "nop"},
     *         {@code "blackhole"}, {@code "unreachable"}, {@code "prohibit"}, {@code "unspec"}, or the decimal
     *         number of another
     */
    public String actionName() {
        return switch (action) {
            case FR_ACT_UNSPEC -> "unspec";
            case FR_ACT_TO_TBL -> "lookup";
            case FR_ACT_GOTO -> "goto";
            case FR_ACT_NOP -> "nop";
            case FR_ACT_BLACKHOLE -> "blackhole";
            case FR_ACT_UNREACHABLE -> "unreachable";
            case FR_ACT_PROHIBIT -> "prohibit";
            default -> Integer.toString(action);
        };
    }

    /**
     * Builds a {@link RuleMessage} field by field, each setter named after the record component it sets. Fields
     * not set keep the defaults {@link RuleMessage#builder()} lists. {@link #build()} checks the values; a
     * builder may build several records. Not thread-safe.
     */
    public static final class Builder {

        private static final int IFNAMSIZ = 16;

        private int type = RouteMessageType.RTM_NEWRULE;
        private Integer family;
        private int destinationLength;
        private int sourceLength;
        private int tos;
        private int table;
        private int action = FR_ACT_TO_TBL;
        private int flags;
        private InetAddress destination;
        private InetAddress source;
        private String inputInterface;
        private String outputInterface;
        private Integer target;
        private Integer priority;
        private Integer fwmark;
        private Integer fwmask;
        private Integer flow;
        private Long tunnelId;
        private Integer suppressInterfaceGroup;
        private Integer suppressPrefixLength;
        private Integer l3mdev;
        private UidRange uidRange;
        private Integer protocol;
        private Integer ipProtocol;
        private PortRange sourcePorts;
        private PortRange destinationPorts;
        private Integer dscp;
        private Integer sourcePortMask;
        private Integer destinationPortMask;
        private List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param type the message type, {@link RouteMessageType#RTM_NEWRULE} (the default), {@code RTM_DELRULE}
         *             or {@code RTM_GETRULE}; carried in the header, not the payload
         * @return this builder
         */
        public Builder type(int type) {
            this.type = type;
            return this;
        }

        /**
         * @param family {@code family}, 0 to 255: {@link AddressFamily#INET} or {@link AddressFamily#INET6}; by
         *               default the family of {@code source} or {@code destination}, else {@code INET}
         * @return this builder
         */
        public Builder family(int family) {
            this.family = family;
            return this;
        }

        /**
         * @param destinationLength {@code dst_len}, the prefix length of the destination: 0 to 32 for IPv4, 0 to
         *                          128 for IPv6; default 0
         * @return this builder
         */
        public Builder destinationLength(int destinationLength) {
            this.destinationLength = destinationLength;
            return this;
        }

        /**
         * @param sourceLength {@code src_len}, the prefix length of the source; default 0
         * @return this builder
         */
        public Builder sourceLength(int sourceLength) {
            this.sourceLength = sourceLength;
            return this;
        }

        /**
         * @param tos the type of service (traffic class) byte to match, 0 to 255; default 0 (any)
         * @return this builder
         */
        public Builder tos(int tos) {
            this.tos = tos;
            return this;
        }

        /**
         * @param table the table ID, u32 (values above {@link Integer#MAX_VALUE} given as negative ints), such
         *              as 254 ({@code main}); default 0, which an added lookup rule must not keep
         * @return this builder
         */
        public Builder table(int table) {
            this.table = table;
            return this;
        }

        /**
         * @param action an {@code FR_ACT_*} value, 0 to 255; default {@link RuleMessage#FR_ACT_TO_TBL}
         * @return this builder
         */
        public Builder action(int action) {
            this.action = action;
            return this;
        }

        /**
         * @param flags {@code FIB_RULE_*} bits, such as {@link RuleMessage#FIB_RULE_INVERT}; default 0
         * @return this builder
         */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /**
         * @param destination {@code FRA_DST}, the destination prefix's address; null (the default) for any
         * @return this builder
         */
        public Builder destination(InetAddress destination) {
            this.destination = destination;
            return this;
        }

        /**
         * @param source {@code FRA_SRC}, the source prefix's address; null (the default) for any
         * @return this builder
         */
        public Builder source(InetAddress source) {
            this.source = source;
            return this;
        }

        /**
         * @param inputInterface {@code FRA_IIFNAME}, 1 to 15 bytes without NUL ({@code iif}); null (the default)
         *                       for any
         * @return this builder
         */
        public Builder inputInterface(String inputInterface) {
            this.inputInterface = inputInterface;
            return this;
        }

        /**
         * @param outputInterface {@code FRA_OIFNAME}, 1 to 15 bytes without NUL ({@code oif}); null (the
         *                        default) for any
         * @return this builder
         */
        public Builder outputInterface(String outputInterface) {
            this.outputInterface = outputInterface;
            return this;
        }

        /**
         * @param target {@code FRA_GOTO}, u32, the priority of the rule a {@link RuleMessage#FR_ACT_GOTO} rule
         *               jumps to; null (the default) to leave it out
         * @return this builder
         */
        public Builder target(Integer target) {
            this.target = target;
            return this;
        }

        /**
         * @param priority {@code FRA_PRIORITY}, u32; null (the default) to let the kernel pick one below the
         *                 first non-zero priority when adding, or to match any when deleting
         * @return this builder
         */
        public Builder priority(Integer priority) {
            this.priority = priority;
            return this;
        }

        /**
         * @param fwmark {@code FRA_FWMARK}, u32, the packet mark; null (the default) for any
         * @return this builder
         */
        public Builder fwmark(Integer fwmark) {
            this.fwmark = fwmark;
            return this;
        }

        /**
         * @param fwmask {@code FRA_FWMASK}, u32, the bits of the mark compared; null (the default) for all
         * @return this builder
         */
        public Builder fwmask(Integer fwmask) {
            this.fwmask = fwmask;
            return this;
        }

        /**
         * @param flow {@code FRA_FLOW}, u32 realms; null (the default) to leave it out
         * @return this builder
         */
        public Builder flow(Integer flow) {
            this.flow = flow;
            return this;
        }

        /**
         * @param tunnelId {@code FRA_TUN_ID}, the tunnel ID, u64; null (the default) for any
         * @return this builder
         */
        public Builder tunnelId(Long tunnelId) {
            this.tunnelId = tunnelId;
            return this;
        }

        /**
         * @param suppressInterfaceGroup {@code FRA_SUPPRESS_IFGROUP}, u32; null (the default) to leave it out
         * @return this builder
         */
        public Builder suppressInterfaceGroup(Integer suppressInterfaceGroup) {
            this.suppressInterfaceGroup = suppressInterfaceGroup;
            return this;
        }

        /**
         * @param suppressPrefixLength {@code FRA_SUPPRESS_PREFIXLEN}, u32, -1 for unset; null (the default) to
         *                             leave it out
         * @return this builder
         */
        public Builder suppressPrefixLength(Integer suppressPrefixLength) {
            this.suppressPrefixLength = suppressPrefixLength;
            return this;
        }

        /**
         * @param l3mdev {@code FRA_L3MDEV}, 0 or 1 (the kernel refuses others); null (the default) to leave it
         *               out
         * @return this builder
         */
        public Builder l3mdev(Integer l3mdev) {
            this.l3mdev = l3mdev;
            return this;
        }

        /**
         * @param uidRange {@code FRA_UID_RANGE}; null (the default) for any user
         * @return this builder
         */
        public Builder uidRange(UidRange uidRange) {
            this.uidRange = uidRange;
            return this;
        }

        /**
         * @param protocol {@code FRA_PROTOCOL}, an {@code RTPROT_*} number 0 to 255; null (the default) to leave
         *                 it out (the kernel then records 0, {@code unspec})
         * @return this builder
         */
        public Builder protocol(Integer protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * @param ipProtocol {@code FRA_IP_PROTO}, 0 to 255, such as 6 (TCP) or 17 (UDP); null (the default) for
         *                   any
         * @return this builder
         */
        public Builder ipProtocol(Integer ipProtocol) {
            this.ipProtocol = ipProtocol;
            return this;
        }

        /**
         * @param sourcePorts {@code FRA_SPORT_RANGE}; null (the default) for any
         * @return this builder
         */
        public Builder sourcePorts(PortRange sourcePorts) {
            this.sourcePorts = sourcePorts;
            return this;
        }

        /**
         * @param destinationPorts {@code FRA_DPORT_RANGE}; null (the default) for any
         * @return this builder
         */
        public Builder destinationPorts(PortRange destinationPorts) {
            this.destinationPorts = destinationPorts;
            return this;
        }

        /**
         * @param dscp {@code FRA_DSCP}, 0 to 63; null (the default) to leave it out
         * @return this builder
         */
        public Builder dscp(Integer dscp) {
            this.dscp = dscp;
            return this;
        }

        /**
         * @param sourcePortMask {@code FRA_SPORT_MASK}, 0 to 65535, the bits of the source port compared with
         *                       the start of {@code sourcePorts} (Linux 6.15); null (the default) to leave it out
         * @return this builder
         */
        public Builder sourcePortMask(Integer sourcePortMask) {
            this.sourcePortMask = sourcePortMask;
            return this;
        }

        /**
         * @param destinationPortMask {@code FRA_DPORT_MASK}, 0 to 65535, likewise for the destination port;
         *                            null (the default) to leave it out
         * @return this builder
         */
        public Builder destinationPortMask(Integer destinationPortMask) {
            this.destinationPortMask = destinationPortMask;
            return this;
        }

        /**
         * Replaces the attributes kept raw, such as {@code FRA_FLOWLABEL}. Each must be of a type this record
         * does not decode into a field.
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
         * @param attribute the attribute
         * @return this builder
         */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /**
         * Checks the values and makes the record.
         *
         * @return the rule
         * @throws NetlinkException naming the field when {@code type} is not a rule message type, a header field
         *         or u8 attribute does not fit its kernel width, a prefix length does not fit the family, an
         *         address is not of the family, an interface name is empty, too long or holds NUL, {@code dscp}
         *         is above 63, or an {@code unknown} attribute is null, too long, or of a type the record decodes
         *         into a field
         */
        public RuleMessage build() {
            String what = "RuleMessage.builder()";
            RecordArguments.type(what, type, RouteMessageType.RTM_NEWRULE);
            int f = family != null ? family : source != null || destination != null
                    ? RecordArguments.family(null, source, destination) : AddressFamily.INET;
            RecordArguments.u8(what, "family", "family", f);
            RecordArguments.prefixLength(what, "destinationLength", "dst_len", f, destinationLength);
            RecordArguments.prefixLength(what, "sourceLength", "src_len", f, sourceLength);
            RecordArguments.u8(what, "tos", "tos", tos);
            RecordArguments.u8(what, "action", "action", action);
            name(what, "inputInterface", "FRA_IIFNAME", inputInterface);
            name(what, "outputInterface", "FRA_OIFNAME", outputInterface);
            if (l3mdev != null) {
                RecordArguments.u8(what, "l3mdev", "FRA_L3MDEV", l3mdev);
            }
            if (protocol != null) {
                RecordArguments.u8(what, "protocol", "FRA_PROTOCOL", protocol);
            }
            if (ipProtocol != null) {
                RecordArguments.u8(what, "ipProtocol", "FRA_IP_PROTO", ipProtocol);
            }
            if (sourcePortMask != null) {
                RecordArguments.u16(what, "sourcePortMask", "FRA_SPORT_MASK", sourcePortMask);
            }
            if (destinationPortMask != null) {
                RecordArguments.u16(what, "destinationPortMask", "FRA_DPORT_MASK", destinationPortMask);
            }
            if (dscp != null && (dscp < 0 || dscp > 63)) {
                throw new NetlinkArgumentException(what + ": dscp (FRA_DSCP) must be 0 to 63, got " + dscp);
            }
            RecordArguments.raw(what, "unknown", unknown, (t, length) -> switch (t) {
                case FRA_DST -> RecordArguments.decodedAsAddress(f, length) ? "destination (FRA_DST)" : null;
                case FRA_SRC -> RecordArguments.decodedAsAddress(f, length) ? "source (FRA_SRC)" : null;
                case FRA_IIFNAME -> "inputInterface (FRA_IIFNAME)";
                case FRA_GOTO -> "target (FRA_GOTO)";
                case FRA_PRIORITY -> "priority (FRA_PRIORITY)";
                case FRA_FWMARK -> "fwmark (FRA_FWMARK)";
                case FRA_FLOW -> "flow (FRA_FLOW)";
                case FRA_TUN_ID -> "tunnelId (FRA_TUN_ID)";
                case FRA_SUPPRESS_IFGROUP -> "suppressInterfaceGroup (FRA_SUPPRESS_IFGROUP)";
                case FRA_SUPPRESS_PREFIXLEN -> "suppressPrefixLength (FRA_SUPPRESS_PREFIXLEN)";
                case FRA_TABLE -> "table (FRA_TABLE)";
                case FRA_FWMASK -> "fwmask (FRA_FWMASK)";
                case FRA_OIFNAME -> "outputInterface (FRA_OIFNAME)";
                case FRA_L3MDEV -> "l3mdev (FRA_L3MDEV)";
                case FRA_UID_RANGE -> "uidRange (FRA_UID_RANGE)";
                case FRA_PROTOCOL -> "protocol (FRA_PROTOCOL)";
                case FRA_IP_PROTO -> "ipProtocol (FRA_IP_PROTO)";
                case FRA_SPORT_RANGE -> "sourcePorts (FRA_SPORT_RANGE)";
                case FRA_DPORT_RANGE -> "destinationPorts (FRA_DPORT_RANGE)";
                case FRA_DSCP -> "dscp (FRA_DSCP)";
                case FRA_SPORT_MASK -> "sourcePortMask (FRA_SPORT_MASK)";
                case FRA_DPORT_MASK -> "destinationPortMask (FRA_DPORT_MASK)";
                default -> null;
            });
            try {
                return new RuleMessage(type, f, destinationLength, sourceLength, tos, table, action, flags,
                        destination, source, inputInterface, outputInterface, target, priority, fwmark, fwmask, flow,
                        tunnelId, suppressInterfaceGroup, suppressPrefixLength, l3mdev, uidRange, protocol,
                        ipProtocol, sourcePorts, destinationPorts, dscp, sourcePortMask, destinationPortMask, unknown);
            } catch (NetlinkArgumentException e) {
                throw new NetlinkArgumentException(what + ": " + e.getMessage(), e);
            }
        }

        private static void name(String what, String field, String kernelName, String name) {
            if (name != null && (name.isEmpty() || name.indexOf('\0') >= 0
                    || name.getBytes(StandardCharsets.UTF_8).length >= IFNAMSIZ)) {
                throw new NetlinkArgumentException(what + ": " + field + " (" + kernelName + ") must be 1 to "
                        + (IFNAMSIZ - 1) + " bytes without NUL, got '" + name.replace("\0", "\\0") + "'");
            }
        }
    }
}
