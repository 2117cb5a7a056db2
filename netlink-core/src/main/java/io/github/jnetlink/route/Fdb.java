package io.github.jnetlink.route;

import static io.github.jnetlink.HeaderFlags.ACKNOWLEDGE;
import static io.github.jnetlink.HeaderFlags.APPEND;
import static io.github.jnetlink.HeaderFlags.CREATE;
import static io.github.jnetlink.HeaderFlags.DUMP;
import static io.github.jnetlink.HeaderFlags.EXCL;
import static io.github.jnetlink.HeaderFlags.REPLACE;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads and changes the bridge forwarding databases of the connection's network namespace over a
 * {@link Protocol#ROUTE} connection, the way {@code bridge fdb} does: the entries of bridges, of their ports'
 * own address filters, and of VXLAN devices.
 *
 * <pre>{@code
 * try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT)) {
 *     Fdb fdb = new Fdb(conn);
 *     fdb.add(FdbEntry.builder().index(portIndex).address(MacAddress.parse("02:00:00:00:00:01"))
 *             .flags(FdbEntry.NTF_MASTER).state(FdbEntry.NUD_NOARP).build());
 *     List<FdbEntry> entries = fdb.listByBridge(bridgeIndex);
 * }
 * }</pre>
 *
 * <p>Lists are {@code AF_BRIDGE} {@code RTM_GETNEIGH} dumps, read again while the kernel marks them interrupted
 * ({@code NLM_F_DUMP_INTR}), up to {@link Dumps#DEFAULT_ATTEMPTS} times in all, and filtered here (the kernel's
 * own filter depends on the socket's strict checking). Changes ask for an acknowledgement ({@code NLM_F_ACK}).
 * The entry's {@link FdbEntry#flags()} say whose database a change goes to: {@link FdbEntry#NTF_MASTER} the
 * bridge a port belongs to, {@link FdbEntry#NTF_SELF} the device itself (a VXLAN device, or a port's address
 * filter); the kernel takes neither as {@code self}. Changes need CAP_NET_ADMIN in the namespace. A kernel
 * refusal surfaces as {@link NetlinkErrorException} whose operation names the entry
 * ({@code "add FDB entry 02:00:00:00:00:01 dev 3 master"}), keeping the errno, sequence and extended ACK. Safe
 * for concurrent use as far as the {@link Conn} is; the connection stays the caller's to close.
 */
public final class Fdb {

    private final Conn conn;

    /**
     * @param conn an open connection dialed with {@link Protocol#ROUTE}; not closed by this service
     * @throws NetlinkException if {@code conn} is null or of another protocol
     */
    public Fdb(Conn conn) {
        if (conn == null) {
            throw new NetlinkArgumentException("FDB: connection must not be null");
        }
        if (conn.protocol() != Protocol.ROUTE) {
            throw new NetlinkArgumentException("FDB needs a connection dialed with Protocol.ROUTE (0), got "
                    + Protocol.name(conn.protocol()) + " (" + conn.protocol() + ")");
        }
        this.conn = conn;
    }

    /**
     * Lists every forwarding entry of the namespace, as {@code bridge fdb show}: an {@code RTM_GETNEIGH} dump of
     * family {@code AF_BRIDGE}.
     *
     * @return the entries in the kernel's order (device by device); unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when entries changed during every one of {@link Dumps#DEFAULT_ATTEMPTS}
     *         dumps
     * @throws io.github.jnetlink.MalformedMessageException if a reply is corrupt
     */
    public List<FdbEntry> list() {
        return list("list FDB entries", e -> true);
    }

    /**
     * Lists the entries of one bridge, as {@code bridge fdb show br BRIDGE}: those of the bridge device itself,
     * those the bridge keeps for its ports, and the ports' own ({@code self}) entries. The ports are the links
     * whose {@code IFLA_MASTER} is the bridge, read with an {@code RTM_GETLINK} dump before the entries.
     *
     * @param bridgeIndex the bridge's interface index, positive
     * @return the entries in the kernel's order; unmodifiable; empty when no link has that index
     * @throws NetlinkErrorException when the kernel refuses a dump
     * @throws DumpInterruptedException when a dump stayed interrupted
     * @throws NetlinkException if {@code bridgeIndex} is not positive
     */
    public List<FdbEntry> listByBridge(int bridgeIndex) {
        positive("list FDB entries of bridge", bridgeIndex);
        String operation = "list FDB entries of bridge " + bridgeIndex;
        Set<Integer> devices = new HashSet<>();
        devices.add(bridgeIndex);
        Message links = Message.of(RouteMessageType.RTM_GETLINK, REQUEST | DUMP, new byte[16]);
        for (Message m : Dumps.executeConsistent(conn, links, Dumps.DEFAULT_ATTEMPTS, operation)) {
            if (m.header().type() == RouteMessageType.RTM_NEWLINK) {
                LinkMessage link = LinkMessage.decode(m);
                if (link.master() != null && link.master() == bridgeIndex) {
                    devices.add(link.index());
                }
            }
        }
        return list(operation, e -> devices.contains(e.index())
                || (e.master() != null && e.master() == bridgeIndex));
    }

    /**
     * Lists the entries reached through one device, as {@code bridge fdb show dev PORT}: those its bridge keeps
     * for it and its own ({@code self}) entries; for a VXLAN device, its remotes.
     *
     * @param index the device's interface index, positive
     * @return the entries whose {@link FdbEntry#index()} is {@code index}, in the kernel's order; unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when the dump stayed interrupted
     * @throws NetlinkException if {@code index} is not positive
     */
    public List<FdbEntry> listByPort(int index) {
        positive("list FDB entries of device", index);
        return list("list FDB entries of device " + index, e -> e.index() == index);
    }

    /**
     * Looks one entry up, as {@code bridge fdb get ADDRESS dev PORT [vlan VID] [self|master]}:
     * {@code RTM_GETNEIGH} with the key's {@code ndm_ifindex}, {@code NTF_MASTER}/{@code NTF_SELF} flags and
     * {@code NDA_LLADDR}, {@code NDA_VLAN}, {@code NDA_MASTER} and {@code NDA_VNI} when set. Without either
     * flag the kernel asks the port's bridge.
     *
     * @param key the entry to find: {@link FdbEntry#address()} and a port ({@link FdbEntry#index()}) or bridge
     *            ({@link FdbEntry#master()}); its other fields are not sent
     * @return the entry as the kernel has it
     * @throws NetlinkErrorException ENOENT when there is no such entry, EINVAL when the key names no device
     * @throws NetlinkException if {@code key} is null or has no address
     */
    public FdbEntry get(FdbEntry key) {
        require("get", key);
        if (key.address() == null) {
            throw new NetlinkArgumentException("get FDB entry: the key needs an address (NDA_LLADDR)");
        }
        byte[] header = new byte[NeighborMessage.HEADER_SIZE];
        header[0] = (byte) AddressFamily.BRIDGE;
        RoutePayload.INT.set(header, 4, key.index());
        header[10] = (byte) (key.flags() & (FdbEntry.NTF_MASTER | FdbEntry.NTF_SELF));
        AttributeEncoder e = new AttributeEncoder(48).header(header).bytes(NeighborMessage.NDA_LLADDR, key.address().raw());
        if (key.vlan() != null) {
            e.u16(NeighborMessage.NDA_VLAN, key.vlan());
        }
        RoutePayload.u32(e, NeighborMessage.NDA_MASTER, key.master());
        RoutePayload.u32(e, NeighborMessage.NDA_VNI, key.vni());
        String operation = "get FDB entry " + describe(key);
        for (Message m : conn.execute(Message.of(RouteMessageType.RTM_GETNEIGH, REQUEST, e.encode()), operation)) {
            if (m.header().type() == RouteMessageType.RTM_NEWNEIGH) {
                return FdbEntry.decode(m);
            }
        }
        throw new NetlinkException(operation + ": the kernel answered without an RTM_NEWNEIGH message");
    }

    /**
     * Adds an entry, as {@code bridge fdb add}: {@code RTM_NEWNEIGH} with {@link FdbEntry#encode()} and
     * {@code NLM_F_CREATE | NLM_F_EXCL}.
     *
     * @param entry the entry; its {@link FdbEntry#type()} and {@link FdbEntry#cacheInfo()} are not used
     * @throws NetlinkErrorException EEXIST when the entry exists, EINVAL for a combination the kernel refuses
     *         (such as a VLAN on a bridge without VLAN filtering, or {@code sticky} with
     *         {@link FdbEntry#NUD_PERMANENT})
     * @throws NetlinkException if {@code entry} is null
     */
    public void add(FdbEntry entry) {
        change("add", RouteMessageType.RTM_NEWNEIGH, REQUEST | ACKNOWLEDGE | CREATE | EXCL, entry);
    }

    /**
     * Adds one more remote to a VXLAN entry, as {@code bridge fdb append}: {@code RTM_NEWNEIGH} with
     * {@code NLM_F_CREATE | NLM_F_APPEND}. This is how the all-zero MAC address gets several default
     * destinations, each replicated to for broadcast, unknown unicast and multicast traffic.
     *
     * @param entry the entry, with {@link FdbEntry#NTF_SELF} and a {@link FdbEntry#destination()}
     * A remote the entry has already is taken as done.
     *
     * @throws NetlinkErrorException EINVAL when the device is no VXLAN device or the entry has no destination
     * @throws NetlinkException if {@code entry} is null
     */
    public void append(FdbEntry entry) {
        change("append", RouteMessageType.RTM_NEWNEIGH, REQUEST | ACKNOWLEDGE | CREATE | APPEND, entry);
    }

    /**
     * Adds an entry or changes the one of the same address (and VLAN), as {@code bridge fdb replace}:
     * {@code RTM_NEWNEIGH} with {@code NLM_F_CREATE | NLM_F_REPLACE}. On a bridge this moves the address to the
     * entry's port; on a VXLAN device it replaces the entry's first remote.
     *
     * @param entry the entry
     * @throws NetlinkErrorException EINVAL for a combination the kernel refuses
     * @throws NetlinkException if {@code entry} is null
     */
    public void replace(FdbEntry entry) {
        change("replace", RouteMessageType.RTM_NEWNEIGH, REQUEST | ACKNOWLEDGE | CREATE | REPLACE, entry);
    }

    /**
     * Deletes an entry, as {@code bridge fdb del}: {@code RTM_DELNEIGH} with {@link FdbEntry#encode()}. On a
     * VXLAN device an entry with a {@link FdbEntry#destination()} removes only that remote.
     *
     * @param entry the entry, as listed or as added
     * @throws NetlinkErrorException ENOENT when there is no such entry
     * @throws NetlinkException if {@code entry} is null
     */
    public void delete(FdbEntry entry) {
        change("delete", RouteMessageType.RTM_DELNEIGH, REQUEST | ACKNOWLEDGE, entry);
    }

    @Override
    public String toString() {
        return "Fdb[" + conn + "]";
    }

    private List<FdbEntry> list(String operation, Predicate<FdbEntry> filter) {
        byte[] header = new byte[NeighborMessage.HEADER_SIZE];
        header[0] = (byte) AddressFamily.BRIDGE;
        List<Message> replies = Dumps.executeConsistent(conn,
                Message.of(RouteMessageType.RTM_GETNEIGH, REQUEST | DUMP, header), Dumps.DEFAULT_ATTEMPTS, operation);
        List<FdbEntry> out = new ArrayList<>(replies.size());
        for (Message m : replies) {
            if (m.header().type() == RouteMessageType.RTM_NEWNEIGH && m.data().length > 0
                    && m.data()[0] == AddressFamily.BRIDGE) {
                FdbEntry e = FdbEntry.decode(m);
                if (filter.test(e)) {
                    out.add(e);
                }
            }
        }
        return List.copyOf(out);
    }

    private void change(String verb, int type, int flags, FdbEntry entry) {
        require(verb, entry);
        conn.execute(Message.of(type, flags, entry.encode()), verb + " FDB entry " + describe(entry));
    }

    private static void require(String verb, FdbEntry entry) {
        if (entry == null) {
            throw new NetlinkArgumentException(verb + " FDB entry: entry must not be null");
        }
    }

    private static void positive(String operation, int index) {
        if (index <= 0) {
            throw new NetlinkArgumentException(operation + ": interface index must be positive, got " + index);
        }
    }

    /** The entry in roughly {@code bridge fdb}'s words, for error messages. */
    static String describe(FdbEntry e) {
        StringBuilder b = new StringBuilder().append(e.address() == null ? "without address" : e.address().toString())
                .append(" dev ").append(e.index());
        if (e.vlan() != null) {
            b.append(" vlan ").append(e.vlan());
        }
        if (e.destination() != null) {
            b.append(" dst ").append(e.destination().getHostAddress());
        }
        if ((e.flags() & FdbEntry.NTF_MASTER) != 0) {
            b.append(" master");
        }
        if ((e.flags() & FdbEntry.NTF_SELF) != 0) {
            b.append(" self");
        }
        return b.toString();
    }
}
