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
import java.util.List;

/**
 * Reads and changes the routes of the connection's network namespace over a {@link Protocol#ROUTE} connection,
 * as {@code ip route} and {@code ip -6 route} do.
 *
 * <pre>{@code
 * Routes routes = new Rtnetlink(conn).routes();
 * routes.add(RouteMessage.of(InetAddress.getByName("10.9.0.0"), 16, InetAddress.getByName("10.0.0.2"), 0)
 *         .toBuilder().table(100).build());
 * List<RouteMessage> table100 = routes.list(RouteFilter.builder().table(100).build());
 * RouteMessage taken = routes.get(RouteQuery.to(InetAddress.getByName("10.9.1.1")));
 * }</pre>
 *
 * <p>Lists are {@code RTM_GETROUTE} dumps with {@code NETLINK_GET_STRICT_CHK} on, filtered in the kernel (see
 * {@link RouteFilter}); a dump the kernel marks interrupted is read again, up to {@link Dumps#DEFAULT_ATTEMPTS}
 * times, though route dumps rarely are (see {@link Dumps}). Cached clones (IPv6 exceptions) are not listed.
 * {@link #get(RouteQuery)} is a lookup, not a listing. {@link #add} uses {@code NLM_F_CREATE | NLM_F_EXCL},
 * {@link #replace} {@code NLM_F_CREATE | NLM_F_REPLACE} and {@link #change} {@code NLM_F_REPLACE} alone, which
 * fails with ENOENT when there is no route to change. Changes ask for an acknowledgement and need CAP_NET_ADMIN
 * in the namespace; a refusal is a {@link NetlinkErrorException} naming the route. Safe for concurrent use as far
 * as the {@link Conn} is; the connection stays the caller's to close.
 */
public final class Routes {

    private static final int ENOENT = 2;
    private static final int ENODEV = 19;
    private static final int RTA_MARK = 16;
    private static final int RTM_F_LOOKUP_TABLE = 0x1000;
    private static final int RTM_F_FIB_MATCH = 0x2000;

    private final FilteredDumps dumps;

    /**
     * @param conn an open connection dialed with {@link Protocol#ROUTE}; not closed by this service. Its first
     *             list turns {@code NETLINK_GET_STRICT_CHK} on for it
     * @throws NetlinkException if {@code conn} is null or of another protocol
     */
    public Routes(Conn conn) {
        this(new FilteredDumps(FilteredDumps.requireRoute(conn, "routes"), true));
    }

    private Routes(FilteredDumps dumps) {
        this.dumps = dumps;
    }

    /** A service sharing {@code dumps} (its connection and strict-check state) with the others of a {@link Rtnetlink}. */
    static Routes over(FilteredDumps dumps) {
        return new Routes(dumps);
    }

    /**
     * Lists the routes of every table and family, as {@code ip route show table all} and
     * {@code ip -6 route show table all} together.
     *
     * @return the routes; unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when the kernel marked every one of {@link Dumps#DEFAULT_ATTEMPTS} dumps
     *         interrupted
     */
    public List<RouteMessage> list() {
        return list(RouteFilter.ALL);
    }

    /**
     * Lists the routes that match a filter, as {@code ip route show table T proto P}. Each route's
     * {@link RouteMessage#table()} is its real table ID.
     *
     * @param filter the filter, such as {@link RouteFilter#ALL}
     * @return the matching routes in the kernel's order; unmodifiable, and empty for a table or output link that
     *         does not exist (which the kernel answers with ENOENT or ENODEV)
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when the kernel marked every dump interrupted
     * @throws NetlinkException if {@code filter} is null
     */
    public List<RouteMessage> list(RouteFilter filter) {
        return listing(filter).items();
    }

    FilteredDumps.FilteredList<RouteMessage> listing(RouteFilter filter) {
        if (filter == null) {
            throw new NetlinkArgumentException("list routes: filter must not be null");
        }
        byte[] rtmsg = new byte[RouteMessage.HEADER_SIZE];
        rtmsg[0] = (byte) filter.family();
        rtmsg[4] = (byte) ((filter.table() & ~0xFF) == 0 ? filter.table() : RouteMessage.RT_TABLE_COMPAT);
        rtmsg[5] = (byte) filter.protocol();
        rtmsg[7] = (byte) filter.routeType();
        AttributeEncoder e = new AttributeEncoder(32).header(rtmsg);
        if (filter.table() != 0) {
            e.s32(RouteMessage.RTA_TABLE, filter.table());
        }
        if (filter.outputInterface() != 0) {
            e.s32(RouteMessage.RTA_OIF, filter.outputInterface());
        }
        return dumps.list(describe(filter), RouteMessageType.RTM_GETROUTE, e.encode(), RouteMessageType.RTM_NEWROUTE,
                RouteMessage::decode, filter::matchesHeader, filter::matchesOutputInterface,
                errno -> (errno == ENOENT && filter.table() != 0) || (errno == ENODEV && filter.outputInterface() != 0));
    }

    /**
     * Looks up the route a locally sent packet to {@code destination} takes, as {@code ip route get DESTINATION}.
     *
     * @param destination the destination address
     * @return the resolved route, see {@link #get(RouteQuery)}
     * @throws NetlinkErrorException ENETUNREACH when no route leads there
     * @throws NetlinkException if {@code destination} is null
     */
    public RouteMessage get(InetAddress destination) {
        return get(RouteQuery.to(destination));
    }

    /**
     * Looks a route up as the kernel would for a packet: {@code RTM_GETROUTE} without {@code NLM_F_DUMP}, with
     * the query's addresses, links and mark as attributes and {@code RTM_F_LOOKUP_TABLE}, so the answer's
     * {@link RouteMessage#table()} is the table the lookup used. The answer is the resolved route (a host
     * route to the destination with its gateway, output link and preferred source), or with
     * {@link RouteQuery#fibMatch()} the table entry that matched ({@code ip route get fibmatch}).
     *
     * @param query the lookup
     * @return the route
     * @throws NetlinkErrorException ENETUNREACH when no route leads there, EHOSTUNREACH or EACCES for an
     *         unreachable or prohibit route, ENODEV for a link that does not exist
     * @throws NetlinkException if {@code query} is null
     */
    public RouteMessage get(RouteQuery query) {
        if (query == null) {
            throw new NetlinkArgumentException("get route: query must not be null");
        }
        int bits = query.family() == AddressFamily.INET ? 32 : 128;
        byte[] rtmsg = new byte[RouteMessage.HEADER_SIZE];
        rtmsg[0] = (byte) query.family();
        rtmsg[1] = (byte) bits;
        rtmsg[2] = (byte) (query.source() == null ? 0 : bits);
        RoutePayload.INT.set(rtmsg, 8, RTM_F_LOOKUP_TABLE | (query.fibMatch() ? RTM_F_FIB_MATCH : 0));
        AttributeEncoder e = new AttributeEncoder(64).header(rtmsg);
        e.bytes(RouteMessage.RTA_DST, query.destination().getAddress());
        if (query.source() != null) {
            e.bytes(RouteMessage.RTA_SRC, query.source().getAddress());
        }
        if (query.inputInterface() != 0) {
            e.s32(RouteMessage.RTA_IIF, query.inputInterface());
        }
        if (query.outputInterface() != 0) {
            e.s32(RouteMessage.RTA_OIF, query.outputInterface());
        }
        if (query.mark() != 0) {
            e.s32(RTA_MARK, query.mark());
        }
        String operation = "get route to " + query.destination().getHostAddress();
        for (Message m : dumps.conn().execute(Message.of(RouteMessageType.RTM_GETROUTE, REQUEST, e.encode()),
                operation)) {
            if (m.header().type() == RouteMessageType.RTM_NEWROUTE) {
                return RouteMessage.decode(m);
            }
        }
        throw new NetlinkException(operation + ": the kernel answered without an RTM_NEWROUTE message");
    }

    /**
     * Adds a route, as {@code ip route add}: {@code RTM_NEWROUTE} with {@link RouteMessage#encode()} and
     * {@code NLM_F_CREATE | NLM_F_EXCL}.
     *
     * @param route the route, such as from {@link RouteMessage#of(InetAddress, int, InetAddress, int)}
     * @throws NetlinkErrorException EEXIST when the table has the route, ENETUNREACH when the gateway is not
     *         reachable, ENODEV for a missing link
     * @throws NetlinkException if {@code route} is null
     */
    public void add(RouteMessage route) {
        change("add", RouteMessageType.RTM_NEWROUTE, REQUEST | ACKNOWLEDGE | CREATE | EXCL, route);
    }

    /**
     * Adds a route or replaces the one of the same table, destination, tos and priority, as
     * {@code ip route replace}: {@code RTM_NEWROUTE} with {@code NLM_F_CREATE | NLM_F_REPLACE}.
     *
     * @param route the route
     * @throws NetlinkErrorException ENETUNREACH, ENODEV or another refusal of the new route
     * @throws NetlinkException if {@code route} is null
     */
    public void replace(RouteMessage route) {
        change("replace", RouteMessageType.RTM_NEWROUTE, REQUEST | ACKNOWLEDGE | CREATE | REPLACE, route);
    }

    /**
     * Replaces an existing route, as {@code ip route change}: {@code RTM_NEWROUTE} with {@code NLM_F_REPLACE} and
     * without {@code NLM_F_CREATE}.
     *
     * @param route the route
     * @throws NetlinkErrorException ENOENT when there is no such route to change
     * @throws NetlinkException if {@code route} is null
     */
    public void change(RouteMessage route) {
        change("change", RouteMessageType.RTM_NEWROUTE, REQUEST | ACKNOWLEDGE | REPLACE, route);
    }

    /**
     * Removes a route, as {@code ip route del}: {@code RTM_DELROUTE} with {@link RouteMessage#encode()}. The
     * kernel removes the first route of the table that matches every attribute sent, so a route from
     * {@link #list()} removes exactly itself.
     *
     * @param route the route
     * @throws NetlinkErrorException ESRCH when no route matches
     * @throws NetlinkException if {@code route} is null
     */
    public void delete(RouteMessage route) {
        change("delete", RouteMessageType.RTM_DELROUTE, REQUEST | ACKNOWLEDGE, route);
    }

    @Override
    public String toString() {
        return "Routes[" + dumps.conn() + "]";
    }

    private void change(String verb, int type, int flags, RouteMessage route) {
        if (route == null) {
            throw new NetlinkArgumentException(verb + " route: route must not be null");
        }
        dumps.conn().execute(Message.of(type, flags, route.encode()), verb + " route " + describe(route));
    }

    /** The route in roughly {@code ip route}'s words, for error messages. */
    static String describe(RouteMessage r) {
        StringBuilder b = new StringBuilder(r.destinationString());
        if (r.gateway() != null) {
            b.append(" via ").append(r.gateway().getHostAddress());
        }
        for (NextHop h : r.nextHops()) {
            b.append(" nexthop");
            if (h.gateway() != null) {
                b.append(" via ").append(h.gateway().getHostAddress());
            }
            b.append(" dev ").append(h.index());
        }
        if (r.outputInterface() != null) {
            b.append(" dev ").append(r.outputInterface());
        }
        return b.append(" table ").append(Integer.toUnsignedString(r.table())).toString();
    }

    private static String describe(RouteFilter f) {
        StringBuilder b = new StringBuilder("list ");
        if (f.family() != AddressFamily.UNSPEC) {
            b.append(AddressFamily.name(f.family())).append(' ');
        }
        b.append("routes");
        if (f.table() != 0) {
            b.append(" table ").append(Integer.toUnsignedString(f.table()));
        }
        if (f.protocol() != 0) {
            b.append(" proto ").append(f.protocol());
        }
        if (f.routeType() != 0) {
            b.append(" type ").append(f.routeType());
        }
        if (f.outputInterface() != 0) {
            b.append(" dev ").append(f.outputInterface());
        }
        return b.toString();
    }
}
