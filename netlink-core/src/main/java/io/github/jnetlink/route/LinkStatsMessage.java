package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistics of one link, as {@code ip stats show} reads them: {@code struct if_stats_msg} followed by
 * {@code IFLA_STATS_*} attributes ({@code <linux/if_link.h>}). The kernel answers an
 * {@link RouteMessageType#RTM_GETSTATS} request or dump with one {@link RouteMessageType#RTM_NEWSTATS} per link,
 * holding the groups of counters whose bits the request set in {@code filter_mask}, and multicasts
 * {@code RTM_NEWSTATS} to {@link RouteGroup#STATS} when offload statistics change.
 *
 * <pre>
 *  struct if_stats_msg (12 bytes)
 *  0        1        2                 4                                   8                                  12
 * +--------+--------+-----------------+-----------------------------------+----------------------------------+
 * | family |  pad1  |      pad2       |              ifindex              |           filter_mask            |
 * +--------+--------+-----------------+-----------------------------------+----------------------------------+
 * </pre>
 *
 * <p>Each group arrives as one attribute: {@code IFLA_STATS_LINK_64} is {@code struct rtnl_link_stats64}, read
 * into {@link #stats64()}; the nested groups {@code IFLA_STATS_LINK_XSTATS} (the link kind's own counters, by
 * {@code LINK_XSTATS_TYPE_*}), {@code IFLA_STATS_LINK_XSTATS_SLAVE} (those of the link's master for it),
 * {@code IFLA_STATS_LINK_OFFLOAD_XSTATS} ({@code IFLA_OFFLOAD_XSTATS_*}; see {@link #offloadCpuHit()}) and
 * {@code IFLA_STATS_AF_SPEC} (per address family, such as MPLS) are kept as the attributes nested in them, raw.
 * A group the message lacks is null; a group present but empty is an empty list. Other attributes are kept in
 * {@link #unknown()}. Everything is written back by {@link #encode()}.
 *
 * <p>What {@code ip -s -s -j link show} prints under {@code stats64} is {@link #stats64()}: {@code rx.bytes} is
 * {@link LinkStats#rxBytes()}, {@code rx.over_errors} is {@link LinkStats#rxOverErrors()}, and so on.
 *
 * @param type          the message type, such as {@link RouteMessageType#RTM_NEWSTATS}; not encoded
 * @param family        {@code family}, {@link AddressFamily#UNSPEC} from the kernel
 * @param index         {@code ifindex}, the link
 * @param filterMask    {@code filter_mask}, the {@code IFLA_STATS_FILTER_BIT}s of the groups asked for, such as
 *                      {@link #FILTER_LINK_64}
 * @param stats64       {@code IFLA_STATS_LINK_64}: the link's counters
 * @param xstats        the attributes nested in {@code IFLA_STATS_LINK_XSTATS}
 * @param xstatsSlave   the attributes nested in {@code IFLA_STATS_LINK_XSTATS_SLAVE}
 * @param offloadXstats the attributes nested in {@code IFLA_STATS_LINK_OFFLOAD_XSTATS}
 * @param afSpec        the attributes nested in {@code IFLA_STATS_AF_SPEC}
 * @param unknown       every other attribute, as sent
 */
public record LinkStatsMessage(int type, int family, int index, int filterMask, LinkStats stats64,
        List<Attribute> xstats, List<Attribute> xstatsSlave, List<Attribute> offloadXstats, List<Attribute> afSpec,
        List<Attribute> unknown) {

    /** Size of {@code struct if_stats_msg} in bytes. */
    public static final int HEADER_SIZE = 12;

    /** {@code IFLA_STATS_LINK_64}: {@code struct rtnl_link_stats64}. */
    public static final int IFLA_STATS_LINK_64 = 1;
    /** {@code IFLA_STATS_LINK_XSTATS}: nest of the link kind's counters. */
    public static final int IFLA_STATS_LINK_XSTATS = 2;
    /** {@code IFLA_STATS_LINK_XSTATS_SLAVE}: nest of the master's counters for the link. */
    public static final int IFLA_STATS_LINK_XSTATS_SLAVE = 3;
    /** {@code IFLA_STATS_LINK_OFFLOAD_XSTATS}: nest of offload counters. */
    public static final int IFLA_STATS_LINK_OFFLOAD_XSTATS = 4;
    /** {@code IFLA_STATS_AF_SPEC}: nest of per-address-family counters. */
    public static final int IFLA_STATS_AF_SPEC = 5;

    /** {@code IFLA_STATS_FILTER_BIT(IFLA_STATS_LINK_64)}. */
    public static final int FILTER_LINK_64 = 1 << (IFLA_STATS_LINK_64 - 1);
    /** {@code IFLA_STATS_FILTER_BIT(IFLA_STATS_LINK_XSTATS)}. */
    public static final int FILTER_LINK_XSTATS = 1 << (IFLA_STATS_LINK_XSTATS - 1);
    /** {@code IFLA_STATS_FILTER_BIT(IFLA_STATS_LINK_XSTATS_SLAVE)}. */
    public static final int FILTER_LINK_XSTATS_SLAVE = 1 << (IFLA_STATS_LINK_XSTATS_SLAVE - 1);
    /** {@code IFLA_STATS_FILTER_BIT(IFLA_STATS_LINK_OFFLOAD_XSTATS)}. */
    public static final int FILTER_LINK_OFFLOAD_XSTATS = 1 << (IFLA_STATS_LINK_OFFLOAD_XSTATS - 1);
    /** {@code IFLA_STATS_FILTER_BIT(IFLA_STATS_AF_SPEC)}. */
    public static final int FILTER_AF_SPEC = 1 << (IFLA_STATS_AF_SPEC - 1);
    /** Every group this kernel header knows. */
    public static final int FILTER_ALL = FILTER_LINK_64 | FILTER_LINK_XSTATS | FILTER_LINK_XSTATS_SLAVE
            | FILTER_LINK_OFFLOAD_XSTATS | FILTER_AF_SPEC;

    /** {@code LINK_XSTATS_TYPE_BRIDGE}, in {@link #xstats()}: a bridge's or bridge port's counters. */
    public static final int LINK_XSTATS_TYPE_BRIDGE = 1;
    /** {@code LINK_XSTATS_TYPE_BOND}, in {@link #xstats()}: a bond's or bond port's counters. */
    public static final int LINK_XSTATS_TYPE_BOND = 2;
    /** {@code IFLA_OFFLOAD_XSTATS_CPU_HIT}, in {@link #offloadXstats()}: {@code struct rtnl_link_stats64}. */
    public static final int IFLA_OFFLOAD_XSTATS_CPU_HIT = 1;
    /** {@code IFLA_OFFLOAD_XSTATS_HW_S_INFO}, in {@link #offloadXstats()}: nest of hardware statistics state. */
    public static final int IFLA_OFFLOAD_XSTATS_HW_S_INFO = 2;
    /** {@code IFLA_OFFLOAD_XSTATS_L3_STATS}, in {@link #offloadXstats()}: {@code struct rtnl_hw_stats64}. */
    public static final int IFLA_OFFLOAD_XSTATS_L3_STATS = 3;

    /**
     * Checks the header fields' widths.
     *
     * @throws NetlinkException if {@code type} does not fit 16 bits, {@code family} 8 bits, or a list contains
     *         null; {@code unknown} null becomes empty, the nested groups stay null (absent)
     */
    public LinkStatsMessage {
        AddressFamily.u16(type, "link stats message type");
        AddressFamily.u8(family, "link stats family");
        xstats = group(xstats, "IFLA_STATS_LINK_XSTATS");
        xstatsSlave = group(xstatsSlave, "IFLA_STATS_LINK_XSTATS_SLAVE");
        offloadXstats = group(offloadXstats, "IFLA_STATS_LINK_OFFLOAD_XSTATS");
        afSpec = group(afSpec, "IFLA_STATS_AF_SPEC");
        unknown = RoutePayload.copy(unknown, "link stats unknown attributes");
    }

    private static List<Attribute> group(List<Attribute> list, String what) {
        return list == null ? null : RoutePayload.copy(list, "link stats " + what);
    }

    /**
     * A request for one link's groups, or (index 0) a dump request's header: type
     * {@link RouteMessageType#RTM_GETSTATS}, no attributes.
     *
     * @param index      the link, or 0
     * @param filterMask the groups, {@code IFLA_STATS_FILTER_BIT}s such as {@link #FILTER_LINK_64}; not 0
     * @return the request
     * @throws NetlinkException if {@code filterMask} is 0 (the kernel refuses it) or {@code index} negative
     */
    public static LinkStatsMessage request(int index, int filterMask) {
        if (filterMask == 0) {
            throw new NetlinkArgumentException("link stats request: filter mask must name at least one group, such as"
                    + " FILTER_LINK_64 (0x1)");
        }
        if (index < 0) {
            throw new NetlinkArgumentException("link stats request: interface index must not be negative, got " + index);
        }
        return new LinkStatsMessage(RouteMessageType.RTM_GETSTATS, AddressFamily.UNSPEC, index, filterMask, null,
                null, null, null, null, List.of());
    }

    /**
     * @return the counters of packets the offloading hardware passed up to the CPU, the
     *         {@link #IFLA_OFFLOAD_XSTATS_CPU_HIT} in {@link #offloadXstats()}, or null when there is none
     * @throws MalformedMessageException if that attribute is shorter than {@link LinkStats#MIN_SIZE}
     */
    public LinkStats offloadCpuHit() {
        if (offloadXstats == null) {
            return null;
        }
        LinkStats found = null;
        for (Attribute a : offloadXstats) {
            if ((a.type() & AttributeEncoder.TYPE_MASK) == IFLA_OFFLOAD_XSTATS_CPU_HIT) {
                found = LinkStats.decode(a.data(), 0, a.data().length, "IFLA_OFFLOAD_XSTATS_CPU_HIT");
            }
        }
        return found;
    }

    /**
     * This message as the kernel sends it: type {@link #type()}, flags 0, sequence and port ID 0, payload
     * {@link #encode()}. {@link #decode(Message)} of it equals this record.
     *
     * @return the message
     * @throws NetlinkException if {@link #type()} is not a stats message type ({@code RTM_NEWSTATS} to
     *         {@code RTM_SETSTATS})
     */
    public Message toMessage() {
        return RecordArguments.message("LinkStatsMessage", type, RouteMessageType.RTM_NEWSTATS, 0, encode());
    }

    /**
     * Decodes an {@code RTM_NEWSTATS}, {@code RTM_GETSTATS} or {@code RTM_SETSTATS} message. When a group
     * repeats, the last one counts.
     *
     * @param message the message
     * @return the record
     * @throws MalformedMessageException if the message is null, of another type, shorter than
     *         {@code struct if_stats_msg}, an attribute or nested attribute is malformed, or
     *         {@code IFLA_STATS_LINK_64} is shorter than {@link LinkStats#MIN_SIZE}
     */
    public static LinkStatsMessage decode(Message message) {
        byte[] b = RoutePayload.payload(message, RouteMessageType.RTM_NEWSTATS, HEADER_SIZE, "struct if_stats_msg");
        LinkStats stats64 = null;
        List<Attribute> xstats = null;
        List<Attribute> slave = null;
        List<Attribute> offload = null;
        List<Attribute> afSpec = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = RoutePayload.attributes(b, HEADER_SIZE);
        while (d.next()) {
            switch (d.type()) {
                case IFLA_STATS_LINK_64 -> stats64 = LinkStats.decode(b, d.offset(), d.length(), "IFLA_STATS_LINK_64");
                case IFLA_STATS_LINK_XSTATS -> xstats = nested(d);
                case IFLA_STATS_LINK_XSTATS_SLAVE -> slave = nested(d);
                case IFLA_STATS_LINK_OFFLOAD_XSTATS -> offload = nested(d);
                case IFLA_STATS_AF_SPEC -> afSpec = nested(d);
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        return new LinkStatsMessage(message.header().type(), b[0] & 0xFF, (int) RoutePayload.INT.get(b, 4),
                (int) RoutePayload.INT.get(b, 8), stats64, xstats, slave, offload, afSpec, RoutePayload.finish(unknown));
    }

    /** The attributes nested in the current one, each raw. */
    static List<Attribute> nested(AttributeDecoder d) {
        List<Attribute> out = new ArrayList<>();
        AttributeDecoder n = d.nestedDecoder();
        while (n.next()) {
            out.add(RoutePayload.raw(n));
        }
        return out;
    }

    /**
     * Encodes the payload: {@code struct if_stats_msg}, then the groups that are present in the order of their
     * numbers (each nested group marked {@code NLA_F_NESTED}, which the kernel's own messages leave out and its
     * decoders ignore), and {@link #unknown()}.
     *
     * @return the payload
     * @throws NetlinkException if an attribute does not fit its 65535-byte limit
     */
    public byte[] encode() {
        byte[] header = new byte[HEADER_SIZE];
        header[0] = (byte) family;
        RoutePayload.INT.set(header, 4, index);
        RoutePayload.INT.set(header, 8, filterMask);
        try {
            AttributeEncoder e = new AttributeEncoder(stats64 == null ? 32 : 256).header(header);
            if (stats64 != null) {
                e.bytes(IFLA_STATS_LINK_64, stats64.encode());
            }
            nest(e, IFLA_STATS_LINK_XSTATS, xstats);
            nest(e, IFLA_STATS_LINK_XSTATS_SLAVE, xstatsSlave);
            nest(e, IFLA_STATS_LINK_OFFLOAD_XSTATS, offloadXstats);
            nest(e, IFLA_STATS_AF_SPEC, afSpec);
            RoutePayload.writeAll(e, unknown);
            return e.encode();
        } catch (NetlinkArgumentException ex) {
            throw RoutePayload.encodeFailure("statistics of link " + index, ex);
        }
    }

    static void nest(AttributeEncoder e, int type, List<Attribute> attributes) {
        if (attributes != null) {
            e.nested(type, n -> RoutePayload.writeAll(n, attributes));
        }
    }
}
