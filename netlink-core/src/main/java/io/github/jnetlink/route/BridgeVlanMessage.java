package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.List;

/**
 * The VLANs of one bridge or bridge port, as {@code bridge vlan show} reads them with the newer VLAN API:
 * {@code struct br_vlan_msg} followed by {@code BRIDGE_VLANDB_ENTRY} nests ({@link BridgeVlanEntry}) or
 * {@code BRIDGE_VLANDB_GLOBAL_OPTIONS} nests ({@link BridgeVlanGlobalOptions}) ({@code <linux/if_bridge.h>}). The
 * kernel answers an {@link RouteMessageType#RTM_GETVLAN} dump with one {@link RouteMessageType#RTM_NEWVLAN} per
 * device (or more, when one is full), VLANs with equal options folded into ranges, and multicasts
 * {@code RTM_NEWVLAN} / {@code RTM_DELVLAN} to {@link RouteGroup#BRVLAN} as VLANs come and go. A kernel built
 * without {@code CONFIG_BRIDGE_VLAN_FILTERING} has no handler for these messages and answers EOPNOTSUPP.
 *
 * <pre>
 *  struct br_vlan_msg (8 bytes)
 *  0        1          2                 4                                   8
 * +--------+----------+-----------------+-----------------------------------+
 * | family | reserved |    reserved     |              ifindex              |
 * +--------+----------+-----------------+-----------------------------------+
 * </pre>
 *
 * <p>Attributes other than the two nests are kept in {@link #unknown()}. {@link #encode()} writes everything back,
 * so {@link #decode(Message)} of {@link #toMessage()} equals the record.
 *
 * @param type          the message type, such as {@link RouteMessageType#RTM_NEWVLAN}; not encoded
 * @param family        {@code family}, {@link AddressFamily#BRIDGE}
 * @param index         {@code ifindex}: the bridge or port
 * @param entries       the {@code BRIDGE_VLANDB_ENTRY} nests, in order
 * @param globalOptions the {@code BRIDGE_VLANDB_GLOBAL_OPTIONS} nests, in order
 * @param unknown       every other attribute, as sent
 */
public record BridgeVlanMessage(int type, int family, int index, List<BridgeVlanEntry> entries,
        List<BridgeVlanGlobalOptions> globalOptions, List<Attribute> unknown) {

    /** Size of {@code struct br_vlan_msg} in bytes. */
    public static final int HEADER_SIZE = 8;

    /** {@code BRIDGE_VLANDB_ENTRY}: nest of one VLAN or range of a device. */
    public static final int BRIDGE_VLANDB_ENTRY = 1;
    /** {@code BRIDGE_VLANDB_GLOBAL_OPTIONS}: nest of one VLAN or range's bridge-wide options. */
    public static final int BRIDGE_VLANDB_GLOBAL_OPTIONS = 2;

    /** {@code BRIDGE_VLANDB_DUMP_FLAGS}: u32, in an {@code RTM_GETVLAN} dump request, what to dump. */
    public static final int BRIDGE_VLANDB_DUMP_FLAGS = 1;
    /** {@code BRIDGE_VLANDB_DUMPF_STATS}: dump flag, include {@link BridgeVlanEntry#stats()}. */
    public static final int BRIDGE_VLANDB_DUMPF_STATS = 1;
    /** {@code BRIDGE_VLANDB_DUMPF_GLOBAL}: dump flag, dump the bridges' global options only. */
    public static final int BRIDGE_VLANDB_DUMPF_GLOBAL = 1 << 1;

    /**
     * @throws NetlinkException if {@code type} does not fit 16 bits, {@code family} 8 bits, or a list contains
     *         null; null lists become empty
     */
    public BridgeVlanMessage {
        AddressFamily.u16(type, "bridge VLAN message type");
        AddressFamily.u8(family, "bridge VLAN family");
        entries = RoutePayload.copy(entries, "bridge VLAN entries");
        globalOptions = RoutePayload.copy(globalOptions, "bridge VLAN global options");
        unknown = RoutePayload.copy(unknown, "bridge VLAN unknown attributes");
    }

    /**
     * A request for one device's VLANs, as {@code bridge vlan add} / {@code del} sends it: family
     * {@code AF_BRIDGE}, no global options.
     *
     * @param type    {@link RouteMessageType#RTM_NEWVLAN} or {@link RouteMessageType#RTM_DELVLAN}
     * @param index   the bridge or port, positive
     * @param entries the VLANs, at least one
     * @return the message
     * @throws NetlinkException if {@code type} is not a VLAN message type, {@code index} not positive, or
     *         {@code entries} null, empty or holding null
     */
    public static BridgeVlanMessage of(int type, int index, List<BridgeVlanEntry> entries) {
        RecordArguments.type("BridgeVlanMessage.of", type, RouteMessageType.RTM_NEWVLAN);
        if (index <= 0) {
            throw new NetlinkArgumentException("BridgeVlanMessage.of: index (ifindex) must be positive, got " + index);
        }
        if (entries == null || entries.isEmpty()) {
            throw new NetlinkArgumentException("BridgeVlanMessage.of: entries must hold at least one VLAN");
        }
        return new BridgeVlanMessage(type, AddressFamily.BRIDGE, index, entries, List.of(), List.of());
    }

    /**
     * This message as the kernel sends it: type {@link #type()}, flags 0, sequence and port ID 0, payload
     * {@link #encode()}.
     *
     * @return the message
     * @throws NetlinkException if {@link #type()} is not a VLAN message type ({@code RTM_NEWVLAN} to 115)
     */
    public Message toMessage() {
        return RecordArguments.message("BridgeVlanMessage", type, RouteMessageType.RTM_NEWVLAN, 0, encode());
    }

    /**
     * Decodes an {@code RTM_NEWVLAN}, {@code RTM_DELVLAN} or {@code RTM_GETVLAN} message.
     *
     * @param message the message
     * @return the record
     * @throws MalformedMessageException if the message is null, of another type, shorter than
     *         {@code struct br_vlan_msg}, an attribute or nested attribute is malformed, an entry lacks
     *         {@code BRIDGE_VLANDB_ENTRY_INFO} or has one that is not 4 bytes, a set of global options lacks its
     *         ID, or a typed attribute is not of its kernel size
     */
    public static BridgeVlanMessage decode(Message message) {
        byte[] b = RoutePayload.payload(message, RouteMessageType.RTM_NEWVLAN, HEADER_SIZE, "struct br_vlan_msg");
        List<BridgeVlanEntry> entries = null;
        List<BridgeVlanGlobalOptions> global = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = RoutePayload.attributes(b, HEADER_SIZE);
        while (d.next()) {
            switch (d.type()) {
                case BRIDGE_VLANDB_ENTRY -> entries = RoutePayload.add(entries, BridgeVlanEntry.decode(d, b));
                case BRIDGE_VLANDB_GLOBAL_OPTIONS -> global = RoutePayload.add(global, BridgeVlanGlobalOptions.decode(d));
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        return new BridgeVlanMessage(message.header().type(), b[0] & 0xFF, (int) RoutePayload.INT.get(b, 4),
                RoutePayload.finish(entries), RoutePayload.finish(global), RoutePayload.finish(unknown));
    }

    /**
     * Encodes the payload: {@code struct br_vlan_msg}, the entries, the global options (each nest marked
     * {@code NLA_F_NESTED}, which the kernel requires in requests), and {@link #unknown()}.
     *
     * @return the payload
     * @throws NetlinkException if an attribute does not fit its 65535-byte limit
     */
    public byte[] encode() {
        byte[] header = new byte[HEADER_SIZE];
        header[0] = (byte) family;
        RoutePayload.INT.set(header, 4, index);
        try {
            AttributeEncoder e = new AttributeEncoder(16 + 16 * entries.size()).header(header);
            for (BridgeVlanEntry entry : entries) {
                entry.encode(e, BRIDGE_VLANDB_ENTRY);
            }
            for (BridgeVlanGlobalOptions g : globalOptions) {
                g.encode(e, BRIDGE_VLANDB_GLOBAL_OPTIONS);
            }
            RoutePayload.writeAll(e, unknown);
            return e.encode();
        } catch (NetlinkArgumentException ex) {
            throw RoutePayload.encodeFailure("VLANs of link " + index, ex);
        }
    }
}
