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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads and changes nexthop objects over a {@link Protocol#ROUTE} connection, in the connection's network
 * namespace, the way {@code ip nexthop} does.
 *
 * <pre>{@code
 * try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT)) {
 *     Nexthops nexthops = new Nexthops(conn);
 *     nexthops.add(NexthopMessage.builder().id(1).gateway(InetAddress.getByName("10.0.0.2")).index(3).build());
 *     nexthops.add(NexthopMessage.builder().id(10).addMember(1, 1).build());
 *     NexthopMessage group = nexthops.get(10);
 * }
 * }</pre>
 *
 * <p>Every method is one {@link Conn#execute(Message)}, like {@link RouteClient}'s: {@link #list()} is a dump,
 * read again while the kernel marks it interrupted ({@code NLM_F_DUMP_INTR}), up to
 * {@link Dumps#DEFAULT_ATTEMPTS} times in all; changes ask for an acknowledgement ({@code NLM_F_ACK}) and so
 * return once the kernel has applied them. Changes need CAP_NET_ADMIN in the namespace, and a kernel with
 * nexthop objects (Linux 5.3 or later). A kernel refusal surfaces as {@link NetlinkErrorException} whose
 * operation names what was attempted ({@code "add nexthop 10"}), keeping the errno, sequence and extended ACK.
 * Safe for concurrent use as far as the {@link Conn} is; the connection stays the caller's to close.
 */
public final class Nexthops {

    private final FilteredDumps dumps;
    private final Conn conn;

    /**
     * @param conn an open connection dialed with {@link Protocol#ROUTE}; not closed by this service. Its first
     *             list turns {@code NETLINK_GET_STRICT_CHK} on for it
     * @throws NetlinkException if {@code conn} is null or of another protocol
     */
    public Nexthops(Conn conn) {
        this(new FilteredDumps(FilteredDumps.requireRoute(conn, "nexthops"), true));
    }

    private Nexthops(FilteredDumps dumps) {
        this.dumps = dumps;
        this.conn = dumps.conn();
    }

    /** A service sharing {@code dumps} (its connection and strict-check state) with the others of a {@link Rtnetlink}. */
    static Nexthops over(FilteredDumps dumps) {
        return new Nexthops(dumps);
    }

    /**
     * Lists every nexthop object, single paths and groups of both families: an {@code RTM_GETNEXTHOP} dump of
     * family {@code AF_UNSPEC}, as {@code ip nexthop show}.
     *
     * @return the nexthops in the kernel's order, by ascending ID; unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump (EOPNOTSUPP or EINVAL on a kernel without
     *         nexthop objects)
     * @throws DumpInterruptedException when nexthops changed during every one of {@link Dumps#DEFAULT_ATTEMPTS}
     *         dumps
     * @throws io.github.jnetlink.MalformedMessageException if a reply is corrupt
     */
    public List<NexthopMessage> list() {
        return list(NexthopFilter.ALL);
    }

    /**
     * Lists the nexthops that match a filter, as {@code ip nexthop show dev D} or {@code ip nexthop show groups}:
     * the kernel filters the dump (see {@link NexthopFilter}), and each reply is matched again here, the master
     * against the links the master has.
     *
     * @param filter the filter, such as {@link NexthopFilter#ALL}
     * @return the matching nexthops, by ascending ID; unmodifiable (empty for a link that does not exist)
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when nexthops changed during every dump
     * @throws NetlinkException if {@code filter} is null
     */
    public List<NexthopMessage> list(NexthopFilter filter) {
        if (filter == null) {
            throw new NetlinkArgumentException("list nexthops: filter must not be null");
        }
        byte[] nhmsg = new byte[NexthopMessage.HEADER_SIZE];
        nhmsg[0] = (byte) filter.family();
        AttributeEncoder e = new AttributeEncoder(32).header(nhmsg);
        if (filter.outputInterface() != 0) {
            e.s32(NexthopMessage.NHA_OIF, filter.outputInterface());
        }
        if (filter.master() != 0) {
            e.s32(NexthopMessage.NHA_MASTER, filter.master());
        }
        if (filter.groups()) {
            e.flag(NexthopMessage.NHA_GROUPS);
        }
        if (filter.fdb()) {
            e.flag(NexthopMessage.NHA_FDB);
        }
        Set<Integer> ports = new HashSet<>();
        if (filter.master() != 0) {
            Links.over(dumps).list(new LinkFilter(filter.master(), null)).forEach(l -> ports.add(l.index()));
        }
        Predicate<NexthopMessage> local = n -> filter.matches(n)
                && (filter.master() == 0 || (n.index() != null && ports.contains(n.index())));
        // nexthop dumps never carry NLM_F_DUMP_FILTERED: the local match always runs, and agrees with the kernel's
        return dumps.list(describe(filter), RouteMessageType.RTM_GETNEXTHOP, e.encode(),
                RouteMessageType.RTM_NEWNEXTHOP, NexthopMessage::decode, local, n -> true, errno -> false).items();
    }

    /**
     * Looks a nexthop up by ID: {@code RTM_GETNEXTHOP} with {@code NHA_ID}, as {@code ip nexthop get id ID}.
     *
     * @param id the nexthop ID, positive (u32 IDs above {@link Integer#MAX_VALUE} are passed as negative ints)
     * @return the nexthop
     * @throws NetlinkErrorException ENOENT, naming the ID, when there is no such nexthop
     * @throws NetlinkException if {@code id} is 0, which no nexthop has
     */
    public NexthopMessage get(int id) {
        checkId(id);
        String operation = "get nexthop " + Integer.toUnsignedString(id);
        for (Message m : conn.execute(Message.of(RouteMessageType.RTM_GETNEXTHOP, REQUEST, byId(id)), operation)) {
            if (m.header().type() == RouteMessageType.RTM_NEWNEXTHOP) {
                return NexthopMessage.decode(m);
            }
        }
        throw new NetlinkException(operation + ": the kernel answered without an RTM_NEWNEXTHOP message");
    }

    /**
     * Adds a nexthop: {@code RTM_NEWNEXTHOP} with {@code NLM_F_CREATE | NLM_F_EXCL}, as {@code ip nexthop add}.
     * A single path needs family {@link AddressFamily#INET} or {@link AddressFamily#INET6}, and an output
     * interface that is up unless it is a blackhole or FDB nexthop; a group needs family
     * {@link AddressFamily#UNSPEC} and existing members.
     *
     * @param nexthop the nexthop; its {@link NexthopMessage#type()} is ignored
     * @throws NetlinkErrorException EEXIST when a nexthop of that ID exists, EINVAL (with the kernel's reason
     *         in the extended ACK) when the combination of attributes is refused
     * @throws NetlinkException if {@code nexthop} is null
     */
    public void add(NexthopMessage nexthop) {
        require(nexthop);
        change("add nexthop " + describe(nexthop), RouteMessageType.RTM_NEWNEXTHOP,
                REQUEST | ACKNOWLEDGE | CREATE | EXCL, nexthop.encode());
    }

    /**
     * Adds a nexthop, or replaces the one of the same ID: {@code RTM_NEWNEXTHOP} with
     * {@code NLM_F_REPLACE | NLM_F_CREATE}, as {@code ip nexthop replace}. Routes using the ID keep using it.
     * The kernel refuses to turn a single path into a group or back while routes use it.
     *
     * @param nexthop the nexthop; its {@link NexthopMessage#type()} is ignored
     * @throws NetlinkErrorException EINVAL when the kernel refuses the replacement
     * @throws NetlinkException if {@code nexthop} is null
     */
    public void replace(NexthopMessage nexthop) {
        require(nexthop);
        change("replace nexthop " + describe(nexthop), RouteMessageType.RTM_NEWNEXTHOP,
                REQUEST | ACKNOWLEDGE | REPLACE | CREATE, nexthop.encode());
    }

    /**
     * Replaces an existing nexthop: {@code RTM_NEWNEXTHOP} with {@code NLM_F_REPLACE} and without
     * {@code NLM_F_CREATE}, as {@code ip nexthop change}... which ip does not have: the kernel's
     * {@code insert_nexthop} refuses it with ENOENT ("Replace specified without create and no entry exists")
     * when there is no nexthop of that ID, instead of adding one.
     *
     * @param nexthop the nexthop; its {@link NexthopMessage#type()} is ignored
     * @throws NetlinkErrorException ENOENT when there is no nexthop of that ID, EINVAL when the kernel refuses
     *         the replacement
     * @throws NetlinkException if {@code nexthop} is null
     */
    public void change(NexthopMessage nexthop) {
        require(nexthop);
        change("change nexthop " + describe(nexthop), RouteMessageType.RTM_NEWNEXTHOP,
                REQUEST | ACKNOWLEDGE | REPLACE, nexthop.encode());
    }

    /**
     * Deletes a nexthop: {@code RTM_DELNEXTHOP} with {@code NHA_ID}, as {@code ip nexthop del id ID}. The kernel
     * also removes the routes that use it and drops it from the groups it belongs to.
     *
     * @param id the nexthop ID, not 0
     * @throws NetlinkErrorException ENOENT when there is no such nexthop
     * @throws NetlinkException if {@code id} is 0
     */
    public void delete(int id) {
        checkId(id);
        change("delete nexthop " + Integer.toUnsignedString(id), RouteMessageType.RTM_DELNEXTHOP,
                REQUEST | ACKNOWLEDGE, byId(id));
    }

    @Override
    public String toString() {
        return "Nexthops[" + conn + "]";
    }

    private void change(String operation, int type, int flags, byte[] payload) {
        conn.execute(Message.of(type, flags, payload), operation);
    }

    private static byte[] byId(int id) {
        return new AttributeEncoder(16).header(new byte[NexthopMessage.HEADER_SIZE])
                .s32(NexthopMessage.NHA_ID, id).encode();
    }

    private static void checkId(int id) {
        if (id == 0) {
            throw new NetlinkArgumentException("nexthop ID must not be 0");
        }
    }

    private static void require(NexthopMessage nexthop) {
        if (nexthop == null) {
            throw new NetlinkArgumentException("nexthop must not be null");
        }
    }

    private static String describe(NexthopMessage n) {
        return n.id() == null ? "without ID" : Integer.toUnsignedString(n.id());
    }

    private static String describe(NexthopFilter f) {
        StringBuilder b = new StringBuilder("list ");
        if (f.family() != AddressFamily.UNSPEC) {
            b.append(AddressFamily.name(f.family())).append(' ');
        }
        b.append(f.groups() ? "nexthop groups" : "nexthops");
        if (f.fdb()) {
            b.append(" fdb");
        }
        if (f.outputInterface() != 0) {
            b.append(" of link ").append(f.outputInterface());
        }
        if (f.master() != 0) {
            b.append(" of master ").append(f.master());
        }
        return b.toString();
    }
}
