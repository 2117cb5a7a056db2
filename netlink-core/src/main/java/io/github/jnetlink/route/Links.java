package io.github.jnetlink.route;

import static io.github.jnetlink.HeaderFlags.ACKNOWLEDGE;
import static io.github.jnetlink.HeaderFlags.CREATE;
import static io.github.jnetlink.HeaderFlags.EXCL;
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
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads and changes the links (network interfaces) of the connection's network namespace over a
 * {@link Protocol#ROUTE} connection, as {@code ip link} does.
 *
 * <pre>{@code
 * Links links = new Rtnetlink(conn).links();
 * links.add(LinkMessage.builder().name("br0").linkInfo(LinkInfo.of("bridge")).build());
 * int bridge = links.get("br0").index();
 * List<LinkMessage> ports = links.list(LinkFilter.builder().master(bridge).build());
 * }</pre>
 *
 * <p>Lists are {@code RTM_GETLINK} dumps with {@code NETLINK_GET_STRICT_CHK} on, filtered in the kernel (see
 * {@link LinkFilter}) and read again while the kernel marks them interrupted ({@code NLM_F_DUMP_INTR}), up to
 * {@link Dumps#DEFAULT_ATTEMPTS} times. Lookups are single {@code RTM_GETLINK} requests. {@link #add} is
 * {@code RTM_NEWLINK} with {@code NLM_F_CREATE | NLM_F_EXCL}; {@link #change} is {@code RTM_SETLINK}. There is
 * no replace: the kernel answers {@code RTM_NEWLINK} with {@code NLM_F_REPLACE} for an existing link with
 * EOPNOTSUPP. Changes ask for an acknowledgement and need CAP_NET_ADMIN in the namespace; a refusal is a
 * {@link NetlinkErrorException} naming the link. Safe for concurrent use as far as the {@link Conn} is; the
 * connection stays the caller's to close.
 */
public final class Links {

    private static final int IFNAMSIZ = 16;
    private static final int ALTIFNAMSIZ = 128;

    private final FilteredDumps dumps;

    /**
     * @param conn an open connection dialed with {@link Protocol#ROUTE}; not closed by this service. Its first
     *             list turns {@code NETLINK_GET_STRICT_CHK} on for it
     * @throws NetlinkException if {@code conn} is null or of another protocol
     */
    public Links(Conn conn) {
        this(new FilteredDumps(FilteredDumps.requireRoute(conn, "links"), true));
    }

    private Links(FilteredDumps dumps) {
        this.dumps = dumps;
    }

    /** A service sharing {@code dumps} (its connection and strict-check state) with the others of a {@link Rtnetlink}. */
    static Links over(FilteredDumps dumps) {
        return new Links(dumps);
    }

    /**
     * Lists every link, as {@code ip link show}.
     *
     * @return the links in the kernel's order, by ascending index; unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when links changed during every one of {@link Dumps#DEFAULT_ATTEMPTS}
     *         dumps
     */
    public List<LinkMessage> list() {
        return list(LinkFilter.ALL);
    }

    /**
     * Lists the links that match a filter, as {@code ip link show master M type K}: the kernel filters by master
     * and kind; what it did not filter (a kind whose driver it has not loaded, an old kernel) is filtered here.
     *
     * @param filter the filter, such as {@link LinkFilter#ALL}
     * @return the matching links, by ascending index; unmodifiable (empty when no link is of the master)
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when links changed during every dump
     * @throws NetlinkException if {@code filter} is null
     */
    public List<LinkMessage> list(LinkFilter filter) {
        return listing(filter).items();
    }

    FilteredDumps.FilteredList<LinkMessage> listing(LinkFilter filter) {
        if (filter == null) {
            throw new NetlinkArgumentException("list links: filter must not be null");
        }
        AttributeEncoder e = new AttributeEncoder(64).header(new byte[LinkMessage.HEADER_SIZE]);
        if (filter.master() != 0) {
            e.s32(LinkMessage.IFLA_MASTER, filter.master());
        }
        if (filter.kind() != null) {
            e.nested(LinkMessage.IFLA_LINKINFO, info -> info.string(LinkInfo.IFLA_INFO_KIND, filter.kind()));
        }
        // the local filter is exact (IFLA_MASTER and IFLA_INFO_KIND are in every reply), so it runs on all
        return dumps.list(describe(filter), RouteMessageType.RTM_GETLINK, e.encode(), RouteMessageType.RTM_NEWLINK,
                LinkMessage::decode, filter::matches, l -> true, errno -> false);
    }

    /**
     * Looks a link up by index: {@code RTM_GETLINK} with {@code ifi_index}, as {@code ip link show dev N}.
     *
     * @param index the interface index, positive
     * @return the link
     * @throws NetlinkErrorException ENODEV, naming the index, when there is no such link
     * @throws NetlinkException if {@code index} is not positive
     */
    public LinkMessage get(int index) {
        checkIndex(index);
        return single("get link " + index, LinkMessage.builder().index(index).build().encode());
    }

    /**
     * Looks a link up by name or alternative name ({@code ip link property add dev D altname A}):
     * {@code RTM_GETLINK} with {@code IFLA_IFNAME}, or with {@code IFLA_ALT_IFNAME} for a name of 16 bytes or
     * more, which only an alternative name can be. The kernel finds a link by either kind of name.
     *
     * @param name the name, 1 to 127 bytes without NUL
     * @return the link
     * @throws NetlinkErrorException ENODEV, naming the link, when no link has that name
     * @throws NetlinkException if {@code name} is not a valid name
     */
    public LinkMessage get(String name) {
        checkName(name, ALTIFNAMSIZ, "link name");
        return single("get link '" + name + "'", byName(name));
    }

    /**
     * Creates a link, as {@code ip link add}: {@code RTM_NEWLINK} with {@link LinkMessage#encode()} and
     * {@code NLM_F_CREATE | NLM_F_EXCL}. The kind goes in {@link LinkMessage#linkInfo()}, with the driver's
     * settings in its attributes; the link starts down unless {@link LinkMessage#flags()} say otherwise.
     *
     * @param link the link, with at least a name or a kind
     * @throws NetlinkErrorException EEXIST when a link of that name exists, EOPNOTSUPP for a kind the kernel does
     *         not have, EINVAL for settings the driver refuses
     * @throws NetlinkException if {@code link} is null
     */
    public void add(LinkMessage link) {
        require(link, "add link");
        execute("add link " + describe(link), RouteMessageType.RTM_NEWLINK, REQUEST | ACKNOWLEDGE | CREATE | EXCL,
                link.encode());
    }

    /**
     * Changes a link, as {@code ip link set}: {@code RTM_SETLINK} with {@link LinkMessage#encode()}. The kernel
     * finds the link by {@link LinkMessage#index()}, or by name when the index is 0, changes the
     * {@link LinkMessage#flags()} bits selected by {@link LinkMessage#change()}, and applies each attribute sent
     * (such as {@code IFLA_MTU}, {@code IFLA_MASTER}, or {@code IFLA_IFNAME} to rename a link found by index).
     *
     * @param link the link and the values to set
     * @throws NetlinkErrorException ENODEV when there is no such link, EINVAL or EOPNOTSUPP for a value the
     *         driver refuses
     * @throws NetlinkException if {@code link} is null, or has neither index nor name
     */
    public void change(LinkMessage link) {
        require(link, "change link");
        if (link.index() == 0 && link.name() == null) {
            throw new NetlinkArgumentException("change link: the link needs an index or a name");
        }
        execute("change link " + describe(link), RouteMessageType.RTM_SETLINK, REQUEST | ACKNOWLEDGE, link.encode());
    }

    /**
     * Deletes a link, as {@code ip link del dev N}: {@code RTM_DELLINK}. Deleting one end of a veth pair
     * deletes both; physical devices cannot be deleted.
     *
     * @param index the interface index
     * @throws NetlinkErrorException ENODEV when there is no such link, EOPNOTSUPP for a physical device
     * @throws NetlinkException if {@code index} is not positive
     */
    public void delete(int index) {
        checkIndex(index);
        execute("delete link " + index, RouteMessageType.RTM_DELLINK, REQUEST | ACKNOWLEDGE,
                LinkMessage.builder().index(index).build().encode());
    }

    /**
     * Deletes a link by name or alternative name: {@code RTM_DELLINK} with {@code IFLA_IFNAME} or
     * {@code IFLA_ALT_IFNAME}.
     *
     * @param name the name
     * @throws NetlinkErrorException ENODEV when no link has that name
     * @throws NetlinkException if {@code name} is not a valid name
     */
    public void delete(String name) {
        checkName(name, ALTIFNAMSIZ, "link name");
        execute("delete link '" + name + "'", RouteMessageType.RTM_DELLINK, REQUEST | ACKNOWLEDGE, byName(name));
    }

    @Override
    public String toString() {
        return "Links[" + dumps.conn() + "]";
    }

    private LinkMessage single(String operation, byte[] payload) {
        for (Message m : execute(operation, RouteMessageType.RTM_GETLINK, REQUEST, payload)) {
            if (m.header().type() == RouteMessageType.RTM_NEWLINK) {
                return LinkMessage.decode(m);
            }
        }
        throw new NetlinkException(operation + ": the kernel answered without an RTM_NEWLINK message");
    }

    private List<Message> execute(String operation, int type, int flags, byte[] payload) {
        return dumps.conn().execute(Message.of(type, flags, payload), operation);
    }

    private static byte[] byName(String name) {
        int attribute = name.getBytes(StandardCharsets.UTF_8).length < IFNAMSIZ ? LinkMessage.IFLA_IFNAME
                : LinkMessage.IFLA_ALT_IFNAME;
        return new AttributeEncoder(64).header(new byte[LinkMessage.HEADER_SIZE]).string(attribute, name).encode();
    }

    static void checkIndex(int index) {
        if (index <= 0) {
            throw new NetlinkArgumentException("interface index must be positive, got " + index);
        }
    }

    static void checkName(String name, int size, String what) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0
                || name.getBytes(StandardCharsets.UTF_8).length >= size) {
            throw new NetlinkArgumentException(what + " must be 1 to " + (size - 1) + " bytes without NUL, got "
                    + (name == null ? "null" : "'" + name.replace("\0", "\\0") + "'"));
        }
    }

    private static void require(LinkMessage link, String operation) {
        if (link == null) {
            throw new NetlinkArgumentException(operation + ": link must not be null");
        }
    }

    private static String describe(LinkMessage l) {
        String who = l.name() != null ? "'" + l.name() + "'" : Integer.toString(l.index());
        return l.kind() == null ? who : who + " type " + l.kind();
    }

    private static String describe(LinkFilter f) {
        StringBuilder b = new StringBuilder("list links");
        if (f.master() != 0) {
            b.append(" of master ").append(f.master());
        }
        if (f.kind() != null) {
            b.append(" of kind ").append(f.kind());
        }
        return b.toString();
    }
}
