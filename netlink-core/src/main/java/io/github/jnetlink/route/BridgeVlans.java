package io.github.jnetlink.route;

import static io.github.jnetlink.HeaderFlags.ACKNOWLEDGE;
import static io.github.jnetlink.HeaderFlags.DUMP;
import static io.github.jnetlink.HeaderFlags.REQUEST;

import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Conn;
import io.github.jnetlink.DumpInterruptedException;
import io.github.jnetlink.Dumps;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and changes the VLANs of bridges and bridge ports over a {@link Protocol#ROUTE} connection, with the
 * VLAN API of Linux 5.13 and later ({@code RTM_NEWVLAN}, {@code RTM_DELVLAN}, {@code RTM_GETVLAN}), the way
 * {@code bridge vlan show}, {@code bridge vlan global show}, {@code bridge vlan add} and {@code del} do.
 *
 * <pre>{@code
 * try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT)) {
 *     BridgeVlans vlans = new BridgeVlans(conn);
 *     vlans.add(portIndex, BridgeVlanEntry.of(10, BridgeVlanEntry.BRIDGE_VLAN_INFO_UNTAGGED));
 *     List<BridgeVlanMessage> all = vlans.list(BridgeVlanMessage.BRIDGE_VLANDB_DUMPF_STATS);
 * }
 * }</pre>
 *
 * <p>Lists are {@code RTM_GETVLAN} dumps, read again while the kernel marks them interrupted
 * ({@code NLM_F_DUMP_INTR}), up to {@link Dumps#DEFAULT_ATTEMPTS} times. Changes ask for an acknowledgement.
 * A kernel built without {@code CONFIG_BRIDGE_VLAN_FILTERING} refuses all of these with EOPNOTSUPP, surfaced as
 * {@link NetlinkErrorException}; a kernel that has it lists only the bridges with {@code vlan_filtering 1} and
 * their ports. Changes need CAP_NET_ADMIN. Safe for concurrent use as far as the {@link Conn} is; the connection
 * stays the caller's to close.
 */
public final class BridgeVlans {

    private final Conn conn;

    /**
     * @param conn an open connection dialed with {@link Protocol#ROUTE}; not closed by this service
     * @throws NetlinkException if {@code conn} is null or of another protocol
     */
    public BridgeVlans(Conn conn) {
        if (conn == null) {
            throw new NetlinkArgumentException("bridge VLANs: connection must not be null");
        }
        if (conn.protocol() != Protocol.ROUTE) {
            throw new NetlinkArgumentException("bridge VLANs need a connection dialed with Protocol.ROUTE (0), got "
                    + Protocol.name(conn.protocol()) + " (" + conn.protocol() + ")");
        }
        this.conn = conn;
    }

    /**
     * Lists the VLANs of every bridge and port: an {@code RTM_GETVLAN} dump of family {@code AF_BRIDGE} with
     * {@code BRIDGE_VLANDB_DUMP_FLAGS}.
     *
     * @param dumpFlags {@link BridgeVlanMessage#BRIDGE_VLANDB_DUMPF_STATS} for counters,
     *                  {@link BridgeVlanMessage#BRIDGE_VLANDB_DUMPF_GLOBAL} for the bridges' global options
     *                  instead of the entries, or 0
     * @return the messages, in the kernel's order (device by device); unmodifiable
     * @throws NetlinkErrorException EOPNOTSUPP from a kernel without bridge VLAN filtering
     * @throws DumpInterruptedException when VLANs changed during every one of {@link Dumps#DEFAULT_ATTEMPTS} dumps
     * @throws io.github.jnetlink.MalformedMessageException if a reply is corrupt
     */
    public List<BridgeVlanMessage> list(int dumpFlags) {
        return list(0, dumpFlags);
    }

    /**
     * Lists the VLANs of one bridge or port: an {@code RTM_GETVLAN} dump with its {@code ifindex}.
     *
     * @param index     the bridge or port, positive; 0 for every device
     * @param dumpFlags as for {@link #list(int)}
     * @return the messages; unmodifiable; empty for a device without VLANs
     * @throws NetlinkErrorException EOPNOTSUPP from a kernel without bridge VLAN filtering, ENODEV for no such
     *         device, EINVAL for one that is neither a bridge nor a port
     * @throws NetlinkException if {@code index} is negative
     */
    public List<BridgeVlanMessage> list(int index, int dumpFlags) {
        if (index < 0) {
            throw new NetlinkArgumentException("list bridge VLANs: interface index must not be negative, got " + index);
        }
        byte[] header = new byte[BridgeVlanMessage.HEADER_SIZE];
        header[0] = (byte) AddressFamily.BRIDGE;
        RoutePayload.INT.set(header, 4, index);
        byte[] payload = new AttributeEncoder(16).header(header)
                .s32(BridgeVlanMessage.BRIDGE_VLANDB_DUMP_FLAGS, dumpFlags).encode();
        String operation = "list bridge VLANs" + (index == 0 ? "" : " of link " + index)
                + (dumpFlags == 0 ? "" : " (dump flags 0x" + Integer.toHexString(dumpFlags) + ")");
        List<BridgeVlanMessage> out = new ArrayList<>();
        for (Message m : Dumps.executeConsistent(conn, Message.of(RouteMessageType.RTM_GETVLAN, REQUEST | DUMP,
                payload), Dumps.DEFAULT_ATTEMPTS, operation)) {
            if (m.header().type() == RouteMessageType.RTM_NEWVLAN) {
                out.add(BridgeVlanMessage.decode(m));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Adds VLANs to a bridge or port, or changes their flags and options, as {@code bridge vlan add}:
     * {@code RTM_NEWVLAN} with one {@code BRIDGE_VLANDB_ENTRY} per entry.
     *
     * @param index   the bridge or port, positive
     * @param entries the VLANs, at least one
     * @throws NetlinkErrorException EOPNOTSUPP from a kernel without bridge VLAN filtering, EINVAL for a device
     *         that is neither a bridge nor a port or a VLAN ID out of range
     * @throws NetlinkException if {@code index} is not positive or {@code entries} is empty
     */
    public void add(int index, BridgeVlanEntry... entries) {
        change("add", RouteMessageType.RTM_NEWVLAN, index, entries);
    }

    /**
     * Removes VLANs from a bridge or port, as {@code bridge vlan del}: {@code RTM_DELVLAN}.
     *
     * @param index   the bridge or port, positive
     * @param entries the VLANs, at least one; only {@link BridgeVlanEntry#vid()}, flags and range matter
     * @throws NetlinkErrorException EOPNOTSUPP from a kernel without bridge VLAN filtering, ENOENT for a VLAN the
     *         device does not have
     * @throws NetlinkException if {@code index} is not positive or {@code entries} is empty
     */
    public void delete(int index, BridgeVlanEntry... entries) {
        change("delete", RouteMessageType.RTM_DELVLAN, index, entries);
    }

    @Override
    public String toString() {
        return "BridgeVlans[" + conn + "]";
    }

    private void change(String verb, int type, int index, BridgeVlanEntry[] entries) {
        if (entries == null) {
            throw new NetlinkArgumentException(verb + " bridge VLANs: entries must not be null");
        }
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] == null) {
                throw new NetlinkArgumentException(verb + " bridge VLANs: entries[" + i + "] is null");
            }
        }
        BridgeVlanMessage m;
        try {
            m = BridgeVlanMessage.of(type, index, List.of(entries));
        } catch (NetlinkArgumentException e) {
            throw new NetlinkArgumentException(verb + " bridge VLANs: " + e.getMessage(), e);
        }
        StringBuilder vids = new StringBuilder();
        for (BridgeVlanEntry e : entries) {
            vids.append(vids.length() == 0 ? "" : ",").append(e.vid());
            if (e.rangeEnd() != null) {
                vids.append('-').append(e.rangeEnd());
            }
        }
        conn.execute(Message.of(type, REQUEST | ACKNOWLEDGE, m.encode()), verb + " bridge VLAN " + vids + " of link " + index);
    }
}
