package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.List;

/**
 * One VLAN (or range of VLANs) of a bridge or bridge port, a {@code BRIDGE_VLANDB_ENTRY} nest of a
 * {@link BridgeVlanMessage} ({@code <linux/if_bridge.h>}): {@code BRIDGE_VLANDB_ENTRY_INFO}, a
 * {@code struct bridge_vlan_info}, and the entry's per-VLAN options.
 *
 * <pre>
 *  struct bridge_vlan_info (4 bytes)
 *  0                 2                 4
 * +-----------------+-----------------+
 * |      flags      |       vid       |
 * +-----------------+-----------------+
 * </pre>
 *
 * <p>What {@code bridge -j vlan show} prints maps onto the fields so: {@code vlan} is {@link #vid()},
 * {@code vlanEnd} is {@link #rangeEnd()}, {@code flags} holds {@code PVID} and {@code Egress Untagged} for
 * {@link #BRIDGE_VLAN_INFO_PVID} and {@link #BRIDGE_VLAN_INFO_UNTAGGED}; with {@code -d}, {@code state} is
 * {@link #state()} and {@code mcast_router} is {@link #multicastRouter()}; with {@code -s}, the counters are
 * {@link #stats()}.
 *
 * @param flags           {@code bridge_vlan_info.flags}, {@code BRIDGE_VLAN_INFO_*} bits such as
 *                        {@link #BRIDGE_VLAN_INFO_PVID}
 * @param vid             {@code bridge_vlan_info.vid}, the VLAN ID, 1 to 4094 (0 to 65535 kept as sent)
 * @param rangeEnd        {@code BRIDGE_VLANDB_ENTRY_RANGE}: u16, the last VLAN of a range starting at
 *                        {@link #vid()} whose entries have the same options
 * @param state           {@code BRIDGE_VLANDB_ENTRY_STATE}: u8, the VLAN's STP state, a {@code BR_STATE_*}
 *                        number such as {@link #BR_STATE_FORWARDING}
 * @param tunnelId        the {@code BRIDGE_VLANDB_TINFO_ID} (u32) in {@code BRIDGE_VLANDB_ENTRY_TUNNEL_INFO}: the
 *                        tunnel ID (VNI) the VLAN maps to
 * @param tunnelCommand   the {@code BRIDGE_VLANDB_TINFO_CMD} (u16) in it, in a request: {@code RTM_SETLINK} to
 *                        set the mapping, {@code RTM_DELLINK} to remove it
 * @param stats           {@code BRIDGE_VLANDB_ENTRY_STATS}: the VLAN's counters, sent when the dump asked for
 *                        {@link BridgeVlanMessage#BRIDGE_VLANDB_DUMPF_STATS}
 * @param multicastRouter {@code BRIDGE_VLANDB_ENTRY_MCAST_ROUTER}: u8, the port's multicast router mode in this
 *                        VLAN (0 disabled, 1 learned, 2 permanent, 3 temporary)
 * @param unknown         every other attribute of the entry, as sent
 */
public record BridgeVlanEntry(int flags, int vid, Integer rangeEnd, Integer state, Integer tunnelId,
        Integer tunnelCommand, Stats stats, Integer multicastRouter, List<Attribute> unknown) {

    /** {@code BRIDGE_VLANDB_ENTRY_INFO}: {@code struct bridge_vlan_info}. */
    public static final int BRIDGE_VLANDB_ENTRY_INFO = 1;
    /** {@code BRIDGE_VLANDB_ENTRY_RANGE}: u16 last VLAN of the range. */
    public static final int BRIDGE_VLANDB_ENTRY_RANGE = 2;
    /** {@code BRIDGE_VLANDB_ENTRY_STATE}: u8 STP state. */
    public static final int BRIDGE_VLANDB_ENTRY_STATE = 3;
    /** {@code BRIDGE_VLANDB_ENTRY_TUNNEL_INFO}: nest of {@code BRIDGE_VLANDB_TINFO_*}. */
    public static final int BRIDGE_VLANDB_ENTRY_TUNNEL_INFO = 4;
    /** {@code BRIDGE_VLANDB_ENTRY_STATS}: nest of {@code BRIDGE_VLANDB_STATS_*}. */
    public static final int BRIDGE_VLANDB_ENTRY_STATS = 5;
    /** {@code BRIDGE_VLANDB_ENTRY_MCAST_ROUTER}: u8 multicast router mode. */
    public static final int BRIDGE_VLANDB_ENTRY_MCAST_ROUTER = 6;

    /** {@code BRIDGE_VLANDB_TINFO_ID}: u32 tunnel ID. */
    public static final int BRIDGE_VLANDB_TINFO_ID = 1;
    /** {@code BRIDGE_VLANDB_TINFO_CMD}: u16 command. */
    public static final int BRIDGE_VLANDB_TINFO_CMD = 2;

    /** {@code BRIDGE_VLANDB_STATS_RX_BYTES}: u64. */
    public static final int BRIDGE_VLANDB_STATS_RX_BYTES = 1;
    /** {@code BRIDGE_VLANDB_STATS_RX_PACKETS}: u64. */
    public static final int BRIDGE_VLANDB_STATS_RX_PACKETS = 2;
    /** {@code BRIDGE_VLANDB_STATS_TX_BYTES}: u64. */
    public static final int BRIDGE_VLANDB_STATS_TX_BYTES = 3;
    /** {@code BRIDGE_VLANDB_STATS_TX_PACKETS}: u64. */
    public static final int BRIDGE_VLANDB_STATS_TX_PACKETS = 4;
    /** {@code BRIDGE_VLANDB_STATS_PAD}: alignment padding; skipped. */
    public static final int BRIDGE_VLANDB_STATS_PAD = 5;

    /** {@code BRIDGE_VLAN_INFO_MASTER}: in a request, change the bridge device as well. */
    public static final int BRIDGE_VLAN_INFO_MASTER = 1;
    /** {@code BRIDGE_VLAN_INFO_PVID}: untagged frames arriving on the port belong to this VLAN. */
    public static final int BRIDGE_VLAN_INFO_PVID = 1 << 1;
    /** {@code BRIDGE_VLAN_INFO_UNTAGGED}: frames of this VLAN leave the port untagged. */
    public static final int BRIDGE_VLAN_INFO_UNTAGGED = 1 << 2;
    /** {@code BRIDGE_VLAN_INFO_RANGE_BEGIN}: in the older {@code IFLA_AF_SPEC} form, the first of a range. */
    public static final int BRIDGE_VLAN_INFO_RANGE_BEGIN = 1 << 3;
    /** {@code BRIDGE_VLAN_INFO_RANGE_END}: in the older {@code IFLA_AF_SPEC} form, the last of a range. */
    public static final int BRIDGE_VLAN_INFO_RANGE_END = 1 << 4;
    /** {@code BRIDGE_VLAN_INFO_BRENTRY}: the VLAN is also the bridge device's own. */
    public static final int BRIDGE_VLAN_INFO_BRENTRY = 1 << 5;
    /** {@code BRIDGE_VLAN_INFO_ONLY_OPTS}: in a request, change only the options, not the VLAN or its flags. */
    public static final int BRIDGE_VLAN_INFO_ONLY_OPTS = 1 << 6;

    /** {@code BR_STATE_DISABLED}. */
    public static final int BR_STATE_DISABLED = 0;
    /** {@code BR_STATE_LISTENING}. */
    public static final int BR_STATE_LISTENING = 1;
    /** {@code BR_STATE_LEARNING}. */
    public static final int BR_STATE_LEARNING = 2;
    /** {@code BR_STATE_FORWARDING}. */
    public static final int BR_STATE_FORWARDING = 3;
    /** {@code BR_STATE_BLOCKING}. */
    public static final int BR_STATE_BLOCKING = 4;

    /**
     * The counters of a VLAN on a bridge or port, the {@code BRIDGE_VLANDB_STATS_*} u64 attributes.
     *
     * @param rxBytes   {@code BRIDGE_VLANDB_STATS_RX_BYTES}, bytes received
     * @param rxPackets {@code BRIDGE_VLANDB_STATS_RX_PACKETS}, packets received
     * @param txBytes   {@code BRIDGE_VLANDB_STATS_TX_BYTES}, bytes sent
     * @param txPackets {@code BRIDGE_VLANDB_STATS_TX_PACKETS}, packets sent
     */
    public record Stats(long rxBytes, long rxPackets, long txBytes, long txPackets) {
    }

    /**
     * Checks the fields' kernel widths.
     *
     * @throws NetlinkException if {@code flags} or {@code vid} does not fit 16 bits, {@code rangeEnd} or
     *         {@code tunnelCommand} 16 bits, {@code state} or {@code multicastRouter} 8 bits, or {@code unknown}
     *         contains null; a null list becomes empty
     */
    public BridgeVlanEntry {
        AddressFamily.u16(flags, "bridge VLAN flags (bridge_vlan_info.flags)");
        AddressFamily.u16(vid, "bridge VLAN ID (bridge_vlan_info.vid)");
        if (rangeEnd != null) {
            AddressFamily.u16(rangeEnd, "bridge VLAN range end (BRIDGE_VLANDB_ENTRY_RANGE)");
        }
        if (state != null) {
            AddressFamily.u8(state, "bridge VLAN state (BRIDGE_VLANDB_ENTRY_STATE)");
        }
        if (tunnelCommand != null) {
            AddressFamily.u16(tunnelCommand, "bridge VLAN tunnel command (BRIDGE_VLANDB_TINFO_CMD)");
        }
        if (multicastRouter != null) {
            AddressFamily.u8(multicastRouter, "bridge VLAN multicast router (BRIDGE_VLANDB_ENTRY_MCAST_ROUTER)");
        }
        unknown = RoutePayload.copy(unknown, "bridge VLAN entry unknown attributes");
    }

    /**
     * An entry with only its {@code struct bridge_vlan_info}, as {@code bridge vlan add vid VID [pvid] [untagged]}
     * sends it.
     *
     * @param vid   the VLAN ID, 1 to 4094
     * @param flags {@code BRIDGE_VLAN_INFO_*} bits
     * @return the entry
     * @throws NetlinkException if {@code vid} is not 1 to 4094 or {@code flags} does not fit 16 bits
     */
    public static BridgeVlanEntry of(int vid, int flags) {
        if (vid < 1 || vid > 4094) {
            throw new NetlinkArgumentException("bridge VLAN entry: vid must be 1 to 4094, got " + vid);
        }
        return new BridgeVlanEntry(flags, vid, null, null, null, null, null, null, List.of());
    }

    /** Reads the attributes nested in the current {@code BRIDGE_VLANDB_ENTRY} of {@code outer}. */
    static BridgeVlanEntry decode(AttributeDecoder outer, byte[] b) {
        int at = outer.offset() - AttributeEncoder.HEADER_SIZE;
        Integer flags = null;
        int vid = 0;
        Integer rangeEnd = null;
        Integer state = null;
        Integer tunnelId = null;
        Integer tunnelCommand = null;
        Stats stats = null;
        Integer router = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = outer.nestedDecoder();
        while (d.next()) {
            switch (d.type()) {
                case BRIDGE_VLANDB_ENTRY_INFO -> {
                    if (d.length() != 4) {
                        throw new MalformedMessageException("BRIDGE_VLANDB_ENTRY_INFO at offset "
                                + (d.offset() - AttributeEncoder.HEADER_SIZE) + ": " + d.length()
                                + " bytes, struct bridge_vlan_info is 4");
                    }
                    flags = (short) RoutePayload.SHORT.get(b, d.offset()) & 0xFFFF;
                    vid = (short) RoutePayload.SHORT.get(b, d.offset() + 2) & 0xFFFF;
                }
                case BRIDGE_VLANDB_ENTRY_RANGE -> rangeEnd = d.u16();
                case BRIDGE_VLANDB_ENTRY_STATE -> state = d.u8();
                case BRIDGE_VLANDB_ENTRY_TUNNEL_INFO -> {
                    AttributeDecoder t = d.nestedDecoder();
                    while (t.next()) {
                        switch (t.type()) {
                            case BRIDGE_VLANDB_TINFO_ID -> tunnelId = t.u32();
                            case BRIDGE_VLANDB_TINFO_CMD -> tunnelCommand = t.u16();
                            default -> {
                                // the kernel sends no other; an unknown one has no field to go to
                            }
                        }
                    }
                }
                case BRIDGE_VLANDB_ENTRY_STATS -> stats = stats(d);
                case BRIDGE_VLANDB_ENTRY_MCAST_ROUTER -> router = d.u8();
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        if (flags == null) {
            throw new MalformedMessageException("BRIDGE_VLANDB_ENTRY at offset " + at
                    + " has no BRIDGE_VLANDB_ENTRY_INFO, which every entry carries");
        }
        return new BridgeVlanEntry(flags, vid, rangeEnd, state, tunnelId, tunnelCommand, stats, router,
                RoutePayload.finish(unknown));
    }

    private static Stats stats(AttributeDecoder outer) {
        long[] v = new long[4];
        AttributeDecoder d = outer.nestedDecoder();
        while (d.next()) {
            int t = d.type();
            if (t >= BRIDGE_VLANDB_STATS_RX_BYTES && t <= BRIDGE_VLANDB_STATS_TX_PACKETS) {
                v[t - 1] = d.u64();
            }
        }
        return new Stats(v[0], v[1], v[2], v[3]);
    }

    /** Writes this entry as a {@code BRIDGE_VLANDB_ENTRY} nest, {@code NLA_F_NESTED} set as the kernel requires. */
    void encode(AttributeEncoder e, int type) {
        e.nested(type, n -> {
            byte[] info = new byte[4];
            RoutePayload.SHORT.set(info, 0, (short) flags);
            RoutePayload.SHORT.set(info, 2, (short) vid);
            n.bytes(BRIDGE_VLANDB_ENTRY_INFO, info);
            if (rangeEnd != null) {
                n.u16(BRIDGE_VLANDB_ENTRY_RANGE, rangeEnd);
            }
            if (state != null) {
                n.u8(BRIDGE_VLANDB_ENTRY_STATE, state);
            }
            if (tunnelId != null || tunnelCommand != null) {
                n.nested(BRIDGE_VLANDB_ENTRY_TUNNEL_INFO, t -> {
                    RoutePayload.u32(t, BRIDGE_VLANDB_TINFO_ID, tunnelId);
                    if (tunnelCommand != null) {
                        t.u16(BRIDGE_VLANDB_TINFO_CMD, tunnelCommand);
                    }
                });
            }
            if (stats != null) {
                n.nested(BRIDGE_VLANDB_ENTRY_STATS, s -> s.u64(BRIDGE_VLANDB_STATS_RX_BYTES, stats.rxBytes())
                        .u64(BRIDGE_VLANDB_STATS_RX_PACKETS, stats.rxPackets())
                        .u64(BRIDGE_VLANDB_STATS_TX_BYTES, stats.txBytes())
                        .u64(BRIDGE_VLANDB_STATS_TX_PACKETS, stats.txPackets()));
            }
            if (multicastRouter != null) {
                n.u8(BRIDGE_VLANDB_ENTRY_MCAST_ROUTER, multicastRouter);
            }
            RoutePayload.writeAll(n, unknown);
        });
    }
}
