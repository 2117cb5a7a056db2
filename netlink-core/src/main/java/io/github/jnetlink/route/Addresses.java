package io.github.jnetlink.route;

import static io.github.jnetlink.HeaderFlags.ACKNOWLEDGE;
import static io.github.jnetlink.HeaderFlags.CREATE;
import static io.github.jnetlink.HeaderFlags.EXCL;
import static io.github.jnetlink.HeaderFlags.REPLACE;
import static io.github.jnetlink.HeaderFlags.REQUEST;

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
 * Reads and changes the IPv4 and IPv6 addresses of the connection's network namespace over a
 * {@link Protocol#ROUTE} connection, as {@code ip addr} does.
 *
 * <pre>{@code
 * Addresses addresses = new Rtnetlink(conn).addresses();
 * addresses.add(AddressMessage.of(index, InetAddress.getByName("10.0.0.1"), 24));
 * List<AddressMessage> v4 = addresses.list(AddressFilter.builder().family(AddressFamily.INET).index(index).build());
 * }</pre>
 *
 * <p>Lists are {@code RTM_GETADDR} dumps with {@code NETLINK_GET_STRICT_CHK} on, filtered by link in the kernel
 * and read again while the kernel marks them interrupted ({@code NLM_F_DUMP_INTR}; address dumps track the
 * namespace's address generation and do), up to {@link Dumps#DEFAULT_ATTEMPTS} times. The kernel has no
 * single-address {@code RTM_GETADDR}: {@link #get} filters a dump of the link. Changes ask for an acknowledgement
 * and need CAP_NET_ADMIN in the namespace; a refusal is a {@link NetlinkErrorException} naming the address and
 * link. Safe for concurrent use as far as the {@link Conn} is; the connection stays the caller's to close.
 */
public final class Addresses {

    private static final int ENODEV = 19;

    private final FilteredDumps dumps;

    /**
     * @param conn an open connection dialed with {@link Protocol#ROUTE}; not closed by this service. Its first
     *             list turns {@code NETLINK_GET_STRICT_CHK} on for it
     * @throws NetlinkException if {@code conn} is null or of another protocol
     */
    public Addresses(Conn conn) {
        this(new FilteredDumps(FilteredDumps.requireRoute(conn, "addresses"), true));
    }

    private Addresses(FilteredDumps dumps) {
        this.dumps = dumps;
    }

    /** A service sharing {@code dumps} (its connection and strict-check state) with the others of a {@link Rtnetlink}. */
    static Addresses over(FilteredDumps dumps) {
        return new Addresses(dumps);
    }

    /**
     * Lists every IPv4 and IPv6 address, as {@code ip addr show}.
     *
     * @return the addresses, IPv4 first, each family by link; unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when addresses changed during every one of {@link Dumps#DEFAULT_ATTEMPTS}
     *         dumps
     */
    public List<AddressMessage> list() {
        return list(AddressFilter.ALL);
    }

    /**
     * Lists the addresses that match a filter, as {@code ip -4 addr show dev N}.
     *
     * @param filter the filter, such as {@link AddressFilter#ALL}
     * @return the matching addresses in the kernel's order; unmodifiable, and empty for a link that does not
     *         exist (to which the kernel answers ENODEV)
     * @throws NetlinkErrorException when the kernel refuses the dump (EAFNOSUPPORT for a family without
     *         addresses)
     * @throws DumpInterruptedException when addresses changed during every dump
     * @throws NetlinkException if {@code filter} is null
     */
    public List<AddressMessage> list(AddressFilter filter) {
        return listing(filter).items();
    }

    FilteredDumps.FilteredList<AddressMessage> listing(AddressFilter filter) {
        if (filter == null) {
            throw new NetlinkArgumentException("list addresses: filter must not be null");
        }
        byte[] ifaddrmsg = new byte[AddressMessage.HEADER_SIZE];
        ifaddrmsg[0] = (byte) filter.family();
        RoutePayload.INT.set(ifaddrmsg, 4, filter.index());
        return dumps.list(describe(filter), RouteMessageType.RTM_GETADDR, ifaddrmsg, RouteMessageType.RTM_NEWADDR,
                AddressMessage::decode, filter::matches, a -> true, errno -> filter.index() != 0 && errno == ENODEV);
    }

    /**
     * Finds one address of a link. The kernel answers {@code RTM_GETADDR} only as a dump, so this lists the
     * link's addresses of the address's family and picks the one whose {@link AddressMessage#localAddress()} is
     * {@code address}.
     *
     * @param index   the interface index
     * @param address the address
     * @return the address, or null when the link has no such address (or does not exist)
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws NetlinkException if {@code index} is not positive or {@code address} is null
     */
    public AddressMessage get(int index, InetAddress address) {
        Links.checkIndex(index);
        if (address == null) {
            throw new NetlinkArgumentException("get address: address must not be null");
        }
        int family = address.getAddress().length == 4 ? AddressFamily.INET : AddressFamily.INET6;
        for (AddressMessage a : list(new AddressFilter(family, index))) {
            if (address.equals(a.localAddress())) {
                return a;
            }
        }
        return null;
    }

    /**
     * Adds an address, as {@code ip addr add}: {@code RTM_NEWADDR} with {@link AddressMessage#encode()} and
     * {@code NLM_F_CREATE | NLM_F_EXCL}. The kernel also adds the prefix route and the local route.
     *
     * @param address the address, such as from {@link AddressMessage#of(int, InetAddress, int)}
     * @throws NetlinkErrorException EEXIST when the link has the address, ENODEV when there is no such link
     * @throws NetlinkException if {@code address} is null
     */
    public void add(AddressMessage address) {
        change("add", RouteMessageType.RTM_NEWADDR, REQUEST | ACKNOWLEDGE | CREATE | EXCL, address);
    }

    /**
     * Adds an address or updates the one that exists, as {@code ip addr replace}: {@code RTM_NEWADDR} with
     * {@code NLM_F_CREATE | NLM_F_REPLACE}. An existing address keeps its place and takes the new lifetimes,
     * flags, metric and protocol.
     *
     * @param address the address
     * @throws NetlinkErrorException ENODEV when there is no such link, or another refusal
     * @throws NetlinkException if {@code address} is null
     */
    public void replace(AddressMessage address) {
        change("replace", RouteMessageType.RTM_NEWADDR, REQUEST | ACKNOWLEDGE | CREATE | REPLACE, address);
    }

    /**
     * Updates an existing address, as {@code ip addr change}: {@code RTM_NEWADDR} with {@code NLM_F_REPLACE}
     * and without {@code NLM_F_CREATE}. Note that the kernel adds a missing address all the same (both
     * {@code inet_rtm_newaddr} and {@code inet6_rtm_newaddr} ignore the missing {@code NLM_F_CREATE}, as
     * userspace relies on it), so this differs from {@link #replace} only in name.
     *
     * @param address the address
     * @throws NetlinkErrorException ENODEV when there is no such link, or another refusal
     * @throws NetlinkException if {@code address} is null
     */
    public void change(AddressMessage address) {
        change("change", RouteMessageType.RTM_NEWADDR, REQUEST | ACKNOWLEDGE | REPLACE, address);
    }

    /**
     * Removes an address, as {@code ip addr del}: {@code RTM_DELADDR}. Removing an IPv4 primary address also
     * removes its secondaries unless promotion is on.
     *
     * @param address the address, such as one {@link #list()} returned
     * @throws NetlinkErrorException EADDRNOTAVAIL when the link has no such address, ENODEV when there is no
     *         such link
     * @throws NetlinkException if {@code address} is null
     */
    public void delete(AddressMessage address) {
        change("delete", RouteMessageType.RTM_DELADDR, REQUEST | ACKNOWLEDGE, address);
    }

    @Override
    public String toString() {
        return "Addresses[" + dumps.conn() + "]";
    }

    private void change(String verb, int type, int flags, AddressMessage address) {
        if (address == null) {
            throw new NetlinkArgumentException(verb + " address: address must not be null");
        }
        InetAddress local = address.localAddress();
        String operation = verb + " address " + (local == null ? "?" : local.getHostAddress()) + "/"
                + address.prefixLength() + (verb.equals("delete") ? " from" : " to") + " link " + address.index();
        dumps.conn().execute(Message.of(type, flags, address.encode()), operation);
    }

    private static String describe(AddressFilter f) {
        StringBuilder b = new StringBuilder("list ");
        if (f.family() != AddressFamily.UNSPEC) {
            b.append(AddressFamily.name(f.family())).append(' ');
        }
        b.append("addresses");
        if (f.index() != 0) {
            b.append(" of link ").append(f.index());
        }
        return b.toString();
    }
}
