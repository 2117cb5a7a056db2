package io.github.jnetlink.route;

import static io.github.jnetlink.HeaderFlags.ACKNOWLEDGE;
import static io.github.jnetlink.HeaderFlags.CREATE;
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
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads and changes the IPv4 (ARP) and IPv6 (NDP) neighbour entries of the connection's network namespace,
 * cache and proxy entries, over a {@link Protocol#ROUTE} connection, as {@code ip neigh} does. Bridge forwarding
 * database entries ({@code AF_BRIDGE}) are not neighbours of this kind.
 *
 * <pre>{@code
 * Neighbors neighbors = new Rtnetlink(conn).neighbors();
 * neighbors.add(NeighborMessage.builder().family(AddressFamily.INET).index(index)
 *         .state(NeighborMessage.NUD_PERMANENT).destination(InetAddress.getByName("10.0.0.2"))
 *         .linkLayerAddress(MacAddress.parse("02:00:00:00:00:02")).build());
 * NeighborMessage entry = neighbors.get(index, InetAddress.getByName("10.0.0.2"));
 * List<NeighborMessage> proxies = neighbors.list(NeighborFilter.PROXIES);
 * }</pre>
 *
 * <p>Lists are {@code RTM_GETNEIGH} dumps with {@code NETLINK_GET_STRICT_CHK} on, filtered by link and master
 * in the kernel and read again while the kernel marks them interrupted ({@code NLM_F_DUMP_INTR}), up to
 * {@link Dumps#DEFAULT_ATTEMPTS} times. The kernel sends no notification when a proxy entry comes or goes, so
 * listing them is the only way to see them. {@link #get} is a single {@code RTM_GETNEIGH} (Linux 5.0 or
 * later). {@link #add} uses {@code NLM_F_CREATE | NLM_F_EXCL}, {@link #replace}
 * {@code NLM_F_CREATE | NLM_F_REPLACE}, and {@link #change} {@code NLM_F_REPLACE} alone, which fails with ENOENT
 * for an entry that does not exist. Changes ask for an acknowledgement and need CAP_NET_ADMIN in the namespace;
 * a refusal is a {@link NetlinkErrorException} naming the entry. Safe for concurrent use as far as the
 * {@link Conn} is; the connection stays the caller's to close.
 */
public final class Neighbors {

    private static final int NDM_FLAGS = 10;

    private final FilteredDumps dumps;
    private final Links links;

    /**
     * @param conn an open connection dialed with {@link Protocol#ROUTE}; not closed by this service. Its first
     *             list turns {@code NETLINK_GET_STRICT_CHK} on for it
     * @throws NetlinkException if {@code conn} is null or of another protocol
     */
    public Neighbors(Conn conn) {
        this(new FilteredDumps(FilteredDumps.requireRoute(conn, "neighbours"), true));
    }

    private Neighbors(FilteredDumps dumps) {
        this.dumps = dumps;
        this.links = Links.over(dumps);
    }

    /** A service sharing {@code dumps} (its connection and strict-check state) with the others of a {@link Rtnetlink}. */
    static Neighbors over(FilteredDumps dumps) {
        return new Neighbors(dumps);
    }

    /**
     * Lists the IPv4 and IPv6 cache entries, as {@code ip neigh show} and {@code ip -6 neigh show} together;
     * proxy entries are listed by {@link #list(NeighborFilter)} with {@link NeighborFilter#PROXIES}.
     *
     * @return the entries; unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when the kernel marked every one of {@link Dumps#DEFAULT_ATTEMPTS} dumps
     *         interrupted
     */
    public List<NeighborMessage> list() {
        return list(NeighborFilter.ALL);
    }

    /**
     * Lists the entries that match a filter, as {@code ip neigh show dev D} or {@code ip neigh show proxy}.
     * Each proxy entry has {@link NeighborMessage#NTF_PROXY} in its flags, state {@code NUD_NONE}, its
     * destination and link, and neither hardware address nor cache information.
     *
     * @param filter the filter, such as {@link NeighborFilter#ALL} or {@link NeighborFilter#PROXIES}
     * @return the matching entries in the kernel's order; unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when the kernel marked every dump interrupted
     * @throws NetlinkException if {@code filter} is null
     */
    public List<NeighborMessage> list(NeighborFilter filter) {
        return listing(filter).items();
    }

    FilteredDumps.FilteredList<NeighborMessage> listing(NeighborFilter filter) {
        if (filter == null) {
            throw new NetlinkArgumentException("list neighbours: filter must not be null");
        }
        byte[] ndmsg = new byte[NeighborMessage.HEADER_SIZE];
        ndmsg[0] = (byte) filter.family();
        ndmsg[NDM_FLAGS] = (byte) (filter.proxy() ? NeighborMessage.NTF_PROXY : 0);
        AttributeEncoder e = new AttributeEncoder(32).header(ndmsg);
        if (filter.index() != 0) {
            e.s32(NeighborMessage.NDA_IFINDEX, filter.index());
        }
        if (filter.master() != 0) {
            e.s32(NeighborMessage.NDA_MASTER, filter.master());
        }
        return dumps.list(describe(filter), RouteMessageType.RTM_GETNEIGH, e.encode(), RouteMessageType.RTM_NEWNEIGH,
                NeighborMessage::decode, filter::matches, byMaster(filter.master()), errno -> false);
    }

    /**
     * Replies carry no master, so an unfiltered reply is checked against the master's ports, listed once and
     * only when needed (a kernel that did not filter by {@code NDA_MASTER}).
     */
    private Predicate<NeighborMessage> byMaster(int master) {
        if (master == 0) {
            return n -> true;
        }
        return new Predicate<>() {
            private Set<Integer> ports;

            @Override
            public boolean test(NeighborMessage n) {
                if (ports == null) {
                    ports = new HashSet<>();
                    links.list(new LinkFilter(master, null)).forEach(l -> ports.add(l.index()));
                }
                return ports.contains(n.index());
            }
        };
    }

    /**
     * Looks up one cache entry: {@code RTM_GETNEIGH} with {@code ndm_ifindex} and {@code NDA_DST}, as
     * {@code ip neigh get ADDRESS dev LINK}.
     *
     * @param index       the entry's interface index
     * @param destination the neighbour's IPv4 or IPv6 address
     * @return the entry
     * @throws NetlinkErrorException ENOENT when the link has no entry for the address, ENODEV when there is no
     *         such link
     * @throws NetlinkException if {@code index} is not positive or {@code destination} is null
     */
    public NeighborMessage get(int index, InetAddress destination) {
        return get(index, destination, false);
    }

    /**
     * Looks up one proxy entry, as {@code ip neigh get proxy ADDRESS dev LINK}: {@code RTM_GETNEIGH} with
     * {@code NTF_PROXY}.
     *
     * @param index       the entry's interface index
     * @param destination the proxied IPv4 or IPv6 address
     * @return the entry
     * @throws NetlinkErrorException ENOENT when there is no such proxy entry
     * @throws NetlinkException if {@code index} is not positive or {@code destination} is null
     */
    public NeighborMessage getProxy(int index, InetAddress destination) {
        return get(index, destination, true);
    }

    private NeighborMessage get(int index, InetAddress destination, boolean proxy) {
        Links.checkIndex(index);
        if (destination == null) {
            throw new NetlinkArgumentException("get neighbour: destination must not be null");
        }
        byte[] ndmsg = new byte[NeighborMessage.HEADER_SIZE];
        ndmsg[0] = (byte) (destination.getAddress().length == 4 ? AddressFamily.INET : AddressFamily.INET6);
        RoutePayload.INT.set(ndmsg, 4, index);
        ndmsg[NDM_FLAGS] = (byte) (proxy ? NeighborMessage.NTF_PROXY : 0);
        byte[] payload = new AttributeEncoder(32).header(ndmsg)
                .bytes(NeighborMessage.NDA_DST, destination.getAddress()).encode();
        String operation = "get " + (proxy ? "proxy " : "") + "neighbour " + destination.getHostAddress()
                + " of link " + index;
        for (Message m : dumps.conn().execute(Message.of(RouteMessageType.RTM_GETNEIGH, REQUEST, payload),
                operation)) {
            if (m.header().type() == RouteMessageType.RTM_NEWNEIGH) {
                return NeighborMessage.decode(m);
            }
        }
        throw new NetlinkException(operation + ": the kernel answered without an RTM_NEWNEIGH message");
    }

    /**
     * Adds an entry, as {@code ip neigh add}: {@code RTM_NEWNEIGH} with {@link NeighborMessage#encode()} and
     * {@code NLM_F_CREATE | NLM_F_EXCL}; with {@link NeighborMessage#NTF_PROXY} in its flags, a proxy entry.
     *
     * @param neighbor the entry: family, link, destination, and for a cache entry a state and usually a
     *                 hardware address
     * @throws NetlinkErrorException EEXIST when the link has an entry for the address, ENODEV for a missing link
     * @throws NetlinkException if {@code neighbor} is null
     */
    public void add(NeighborMessage neighbor) {
        change("add", RouteMessageType.RTM_NEWNEIGH, REQUEST | ACKNOWLEDGE | CREATE | EXCL, neighbor);
    }

    /**
     * Adds an entry or overrides the one that exists, as {@code ip neigh replace}: {@code RTM_NEWNEIGH} with
     * {@code NLM_F_CREATE | NLM_F_REPLACE}.
     *
     * @param neighbor the entry
     * @throws NetlinkErrorException ENODEV for a missing link, or another refusal
     * @throws NetlinkException if {@code neighbor} is null
     */
    public void replace(NeighborMessage neighbor) {
        change("replace", RouteMessageType.RTM_NEWNEIGH, REQUEST | ACKNOWLEDGE | CREATE | REPLACE, neighbor);
    }

    /**
     * Overrides an existing entry, as {@code ip neigh change}: {@code RTM_NEWNEIGH} with {@code NLM_F_REPLACE}
     * and without {@code NLM_F_CREATE}.
     *
     * @param neighbor the entry
     * @throws NetlinkErrorException ENOENT when the link has no entry for the address
     * @throws NetlinkException if {@code neighbor} is null
     */
    public void change(NeighborMessage neighbor) {
        change("change", RouteMessageType.RTM_NEWNEIGH, REQUEST | ACKNOWLEDGE | REPLACE, neighbor);
    }

    /**
     * Removes an entry, as {@code ip neigh del}: {@code RTM_DELNEIGH} with {@link NeighborMessage#encode()}
     * (family, link and destination are what the kernel reads; {@code NTF_PROXY} for a proxy entry).
     *
     * @param neighbor the entry, such as one {@link #list()} returned
     * @throws NetlinkErrorException ENOENT when there is no such entry
     * @throws NetlinkException if {@code neighbor} is null
     */
    public void delete(NeighborMessage neighbor) {
        change("delete", RouteMessageType.RTM_DELNEIGH, REQUEST | ACKNOWLEDGE, neighbor);
    }

    @Override
    public String toString() {
        return "Neighbors[" + dumps.conn() + "]";
    }

    private void change(String verb, int type, int flags, NeighborMessage n) {
        if (n == null) {
            throw new NetlinkArgumentException(verb + " neighbour: neighbour must not be null");
        }
        String operation = verb + (n.proxy() ? " proxy" : "") + " neighbour "
                + (n.destination() == null ? "?" : n.destination().getHostAddress()) + " of link " + n.index();
        dumps.conn().execute(Message.of(type, flags, n.encode()), operation);
    }

    private static String describe(NeighborFilter f) {
        StringBuilder b = new StringBuilder("list ");
        if (f.family() != AddressFamily.UNSPEC) {
            b.append(AddressFamily.name(f.family())).append(' ');
        }
        b.append(f.proxy() ? "proxy neighbours" : "neighbours");
        if (f.index() != 0) {
            b.append(" of link ").append(f.index());
        }
        if (f.master() != 0) {
            b.append(" of master ").append(f.master());
        }
        return b.toString();
    }
}
