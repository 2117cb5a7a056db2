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
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads and changes links, addresses, routes and neighbours over a {@link Protocol#ROUTE} connection, in
 * the connection's network namespace, the way {@code ip link}, {@code ip addr}, {@code ip route} and
 * {@code ip neigh} do.
 *
 * <pre>{@code
 * try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT)) {
 *     RouteClient rt = new RouteClient(conn);
 *     rt.addVeth("veth0", "veth1");
 *     int index = rt.link("veth0").index();
 *     rt.addAddress(index, InetAddress.getByName("10.0.0.1"), 24);
 *     rt.setLinkUp(index);
 * }
 * }</pre>
 *
 * <p>Every method is one {@link Conn#execute(Message)}: reads are dumps ({@code NLM_F_DUMP}); changes ask for
 * an acknowledgement ({@code NLM_F_ACK}) so that they return only once the kernel has applied them, and
 * additions add {@code NLM_F_CREATE | NLM_F_EXCL}, so that adding something that exists fails with EEXIST
 * instead of changing it. Changes need CAP_NET_ADMIN in the namespace. The one exception: a list whose dump
 * the kernel marks interrupted ({@code NLM_F_DUMP_INTR}: the table changed while it was read) is read again,
 * up to {@link Dumps#DEFAULT_ATTEMPTS} times in all, by {@link Dumps#executeConsistent(Conn, Message, int)}, so
 * a list it returns is never one the kernel flagged as inconsistent.
 *
 * <p>A kernel refusal surfaces as {@link NetlinkErrorException} whose operation names what was attempted and
 * on what ({@code "add address 10.0.0.1/24 to link 3"}), keeping the errno, sequence and extended ACK.
 * Safe for concurrent use as far as the {@link Conn} is; the connection stays the caller's to close.
 */
public final class RouteClient {

    private static final int IFNAMSIZ = 16;

    private final Conn conn;
    // the per-object services, sharing this connection; they leave NETLINK_GET_STRICT_CHK as the caller set it
    private final Rtnetlink rt;

    /**
     * @param conn an open connection dialed with {@link Protocol#ROUTE}; not closed by this client
     * @throws NetlinkException if {@code conn} is null or of another protocol
     */
    public RouteClient(Conn conn) {
        if (conn == null) {
            throw new NetlinkArgumentException("route client: connection must not be null");
        }
        if (conn.protocol() != Protocol.ROUTE) {
            throw new NetlinkArgumentException("route client needs a connection dialed with Protocol.ROUTE (0), got "
                    + Protocol.name(conn.protocol()) + " (" + conn.protocol() + ")");
        }
        this.conn = conn;
        this.rt = new Rtnetlink(conn, false);
    }

    /**
     * Lists every link: an {@code RTM_GETLINK} dump.
     *
     * @return the links in the kernel's order, by ascending index; unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when links changed during every one of {@link Dumps#DEFAULT_ATTEMPTS} dumps
     * @throws io.github.jnetlink.MalformedMessageException if a reply is corrupt
     */
    public List<LinkMessage> links() {
        return rt.links().list();
    }

    /**
     * Looks a link up by name: {@code RTM_GETLINK} with {@code IFLA_IFNAME}.
     *
     * @param name the interface name, such as {@code "eth0"}
     * @return the link
     * @throws NetlinkErrorException ENODEV, naming the link, when there is none of that name
     * @throws NetlinkException if {@code name} is not a valid interface name
     */
    public LinkMessage link(String name) {
        checkName(name, "link name");
        return rt.links().get(name);
    }

    /**
     * Looks a link up by index: {@code RTM_GETLINK} with {@code ifi_index}.
     *
     * @param index the interface index, positive
     * @return the link
     * @throws NetlinkErrorException ENODEV, naming the index, when there is no such link
     * @throws NetlinkException if {@code index} is not positive
     */
    public LinkMessage link(int index) {
        return rt.links().get(index);
    }

    /**
     * Lists every IPv4 and IPv6 address: an {@code RTM_GETADDR} dump of family {@code AF_UNSPEC}.
     *
     * @return the addresses, IPv4 first, each family by link; unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when addresses changed during every one of {@link Dumps#DEFAULT_ATTEMPTS}
     *         dumps
     */
    public List<AddressMessage> addresses() {
        return rt.addresses().list();
    }

    /**
     * Lists the routes of every table and family: an {@code RTM_GETROUTE} dump of family {@code AF_UNSPEC}
     * and table {@code RT_TABLE_UNSPEC}, as {@code ip route show table all} and {@code ip -6 route show table all}
     * together. Each route's {@link RouteMessage#table()} is the real table ID from {@code RTA_TABLE}. Cached
     * clones (IPv6 exceptions) are not included.
     *
     * @return the routes; unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when the kernel marked every one of {@link Dumps#DEFAULT_ATTEMPTS} dumps
     *         interrupted; route tables rarely do, see {@link Dumps}
     */
    public List<RouteMessage> routes() {
        return rt.routes().list();
    }

    /**
     * Lists the IPv4 (ARP) and IPv6 (NDP) neighbour entries: an {@code RTM_GETNEIGH} dump of family
     * {@code AF_UNSPEC}, as {@code ip neigh show} and {@code ip -6 neigh show} together. Proxy entries
     * ({@code ip neigh add proxy}) are not among them: the kernel lists those only when asked for them, see
     * {@link #proxyNeighbors()}.
     *
     * @return the entries; unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when the kernel marked every one of {@link Dumps#DEFAULT_ATTEMPTS} dumps
     *         interrupted
     */
    public List<NeighborMessage> neighbors() {
        return rt.neighbors().list();
    }

    /**
     * Lists the IPv4 and IPv6 proxy neighbour entries, those {@code ip neigh add proxy ADDRESS dev LINK} adds and
     * {@code ip neigh show proxy} lists: an {@code RTM_GETNEIGH} dump of family {@code AF_UNSPEC} with
     * {@code ndm_flags = NTF_PROXY}, which the kernel answers with its proxy tables ({@code pneigh_dump_table})
     * instead of its caches. Each entry has {@link NeighborMessage#NTF_PROXY} in its flags, state
     * {@code NUD_NONE}, its destination and link, and neither hardware address nor cache information. The kernel
     * sends no notification when a proxy entry is added or removed, so reading them again is the only way to
     * see changes.
     *
     * @return the entries, without any the kernel sent without {@code NTF_PROXY} (a kernel that does not know
     *         the flag answers with its ordinary entries); unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when the kernel marked every one of {@link Dumps#DEFAULT_ATTEMPTS} dumps
     *         interrupted
     */
    public List<NeighborMessage> proxyNeighbors() {
        return rt.neighbors().list(NeighborFilter.PROXIES);
    }

    /**
     * Adds an address to a link, as {@code ip addr add ADDRESS/PREFIX dev LINK}: {@code RTM_NEWADDR} with
     * {@code IFA_LOCAL} and {@code IFA_ADDRESS}. The kernel also adds the prefix route and the local route.
     *
     * @param index        the interface index
     * @param address      the IPv4 or IPv6 address
     * @param prefixLength 0 to 32 for IPv4, 0 to 128 for IPv6
     * @throws NetlinkErrorException EEXIST if the link already has the address, ENODEV if there is no such link
     * @throws NetlinkException if an argument is invalid
     */
    public void addAddress(int index, InetAddress address, int prefixLength) {
        addAddress(AddressMessage.of(index, address, prefixLength));
    }

    /**
     * Adds an address described by a record: {@code RTM_NEWADDR} with its {@link AddressMessage#encode()}.
     *
     * @param address the address, such as from {@link AddressMessage#of(int, InetAddress, int)}
     * @throws NetlinkErrorException EEXIST if the link already has the address, or another kernel refusal
     * @throws NetlinkException if {@code address} is null
     */
    public void addAddress(AddressMessage address) {
        requireArgument(address, "address");
        rt.addresses().add(address);
    }

    /**
     * Removes an address from a link, as {@code ip addr del ADDRESS/PREFIX dev LINK}: {@code RTM_DELADDR}.
     * Removing an IPv4 primary address also removes its secondaries unless promotion is enabled.
     *
     * @param index        the interface index
     * @param address      the address
     * @param prefixLength its prefix length
     * @throws NetlinkErrorException EADDRNOTAVAIL if the link has no such address
     * @throws NetlinkException if an argument is invalid
     */
    public void deleteAddress(int index, InetAddress address, int prefixLength) {
        deleteAddress(AddressMessage.of(index, address, prefixLength));
    }

    /**
     * Removes an address described by a record, such as one {@link #addresses()} returned.
     *
     * @param address the address
     * @throws NetlinkErrorException EADDRNOTAVAIL if the link has no such address
     * @throws NetlinkException if {@code address} is null
     */
    public void deleteAddress(AddressMessage address) {
        requireArgument(address, "address");
        rt.addresses().delete(address);
    }

    /**
     * Adds a route: {@code RTM_NEWROUTE} with {@link RouteMessage#encode()}.
     *
     * @param route the route, such as from {@link RouteMessage#of(InetAddress, int, InetAddress, int)} or
     *              {@link RouteMessage#multipath(InetAddress, int, List)}
     * @throws NetlinkErrorException EEXIST if the table has the route, ENETUNREACH if the gateway is not
     *         reachable, ENODEV for a missing link
     * @throws NetlinkException if {@code route} is null
     */
    public void addRoute(RouteMessage route) {
        requireArgument(route, "route");
        rt.routes().add(route);
    }

    /**
     * Adds a unicast route to the main table, as {@code ip route add DESTINATION/PREFIX via GATEWAY dev INDEX}.
     *
     * @param destination  the destination prefix, or null for a default route
     * @param prefixLength the prefix length (0 for a default route)
     * @param gateway      the gateway, or null for a directly connected destination
     * @param index        the output interface index, or 0 to let the kernel pick it from the gateway
     * @throws NetlinkErrorException EEXIST if the route exists, or another kernel refusal
     * @throws NetlinkException if the arguments do not describe a route
     */
    public void addRoute(InetAddress destination, int prefixLength, InetAddress gateway, int index) {
        addRoute(RouteMessage.of(destination, prefixLength, gateway, index));
    }

    /**
     * Removes a route: {@code RTM_DELROUTE} with {@link RouteMessage#encode()}. The kernel removes the first
     * route of the table that matches every attribute sent, so a route from {@link #routes()} removes exactly
     * itself.
     *
     * @param route the route
     * @throws NetlinkErrorException ESRCH if no route matches
     * @throws NetlinkException if {@code route} is null
     */
    public void deleteRoute(RouteMessage route) {
        requireArgument(route, "route");
        rt.routes().delete(route);
    }

    /**
     * Removes a unicast route of the main table, as {@code ip route del DESTINATION/PREFIX via GATEWAY dev INDEX}:
     * any protocol, scope and metric match.
     *
     * @param destination  the destination prefix, or null for a default route
     * @param prefixLength the prefix length
     * @param gateway      the gateway to match, or null for any
     * @param index        the output interface index to match, or 0 for any
     * @throws NetlinkErrorException ESRCH if no route matches
     * @throws NetlinkException if the arguments do not describe a route
     */
    public void deleteRoute(InetAddress destination, int prefixLength, InetAddress gateway, int index) {
        RouteMessage r = RouteMessage.of(destination, prefixLength, gateway, index);
        deleteRoute(r.toBuilder().type(RouteMessageType.RTM_DELROUTE).protocol(RouteMessage.RTPROT_UNSPEC)
                .scope(r.family() == AddressFamily.INET ? RouteMessage.RT_SCOPE_NOWHERE
                        : RouteMessage.RT_SCOPE_UNIVERSE).build());
    }

    /**
     * Brings a link up, as {@code ip link set LINK up}: {@code RTM_SETLINK} changing {@code IFF_UP}.
     *
     * @param index the interface index
     * @throws NetlinkErrorException ENODEV if there is no such link
     * @throws NetlinkException if {@code index} is not positive
     */
    public void setLinkUp(int index) {
        checkIndex(index);
        change("set link " + index + " up", RouteMessageType.RTM_SETLINK, REQUEST | ACKNOWLEDGE,
                ifinfomsg(index, LinkMessage.IFF_UP, LinkMessage.IFF_UP));
    }

    /**
     * Takes a link down, as {@code ip link set LINK down}: {@code RTM_SETLINK} clearing {@code IFF_UP}. The
     * kernel drops the link's routes through it, except IPv4 addresses' local routes.
     *
     * @param index the interface index
     * @throws NetlinkErrorException ENODEV if there is no such link
     * @throws NetlinkException if {@code index} is not positive
     */
    public void setLinkDown(int index) {
        checkIndex(index);
        change("set link " + index + " down", RouteMessageType.RTM_SETLINK, REQUEST | ACKNOWLEDGE,
                ifinfomsg(index, 0, LinkMessage.IFF_UP));
    }

    /**
     * Enslaves a link to a bridge or bond, as {@code ip link set LINK master MASTER}, or releases it with
     * {@code masterIndex} 0 ({@code nomaster}): {@code RTM_SETLINK} with {@code IFLA_MASTER}.
     *
     * @param index       the interface index
     * @param masterIndex the master's index, or 0 to release
     * @throws NetlinkErrorException ENODEV for a missing link, EOPNOTSUPP if the master cannot take ports
     * @throws NetlinkException if an index is invalid
     */
    public void setMaster(int index, int masterIndex) {
        checkIndex(index);
        if (masterIndex < 0) {
            throw new NetlinkArgumentException("master index must be 0 (none) or positive, got " + masterIndex);
        }
        change(masterIndex == 0 ? "release link " + index + " from its master" : "set master of link " + index + " to " + masterIndex,
                RouteMessageType.RTM_SETLINK, REQUEST | ACKNOWLEDGE,
                new AttributeEncoder().header(ifinfomsg(index, 0, 0)).s32(LinkMessage.IFLA_MASTER, masterIndex).encode());
    }

    /**
     * Creates a veth pair, as {@code ip link add NAME type veth peer name PEER}: {@link #addLink(LinkSpec)} with
     * {@link VethData#peer(String)}. Both ends start down.
     *
     * @param name the first end's name
     * @param peer the second end's name
     * @throws NetlinkErrorException EEXIST if a link of either name exists
     * @throws NetlinkException if a name is not a valid interface name
     */
    public void addVeth(String name, String peer) {
        checkName(name, "veth name");
        checkName(peer, "veth peer name");
        addLink("add veth '" + name + "' with peer '" + peer + "'", LinkSpec.of(name, VethData.peer(peer)));
    }

    /**
     * Creates a bridge, as {@code ip link add NAME type bridge}: {@link #addLink(LinkSpec)} with an empty
     * {@link BridgeData}. It starts down, without ports.
     *
     * @param name the bridge's name
     * @throws NetlinkErrorException EEXIST if a link of that name exists, EOPNOTSUPP without bridge support
     * @throws NetlinkException if {@code name} is not a valid interface name
     */
    public void addBridge(String name) {
        checkName(name, "bridge name");
        addLink("add bridge '" + name + "'", LinkSpec.of(name, BridgeData.builder().build()));
    }

    /**
     * Deletes a link, as {@code ip link del LINK}: {@code RTM_DELLINK}. Deleting one end of a veth pair
     * deletes both. Physical devices cannot be deleted.
     *
     * @param index the interface index
     * @throws NetlinkErrorException ENODEV if there is no such link, EOPNOTSUPP for a physical device
     * @throws NetlinkException if {@code index} is not positive
     */
    public void deleteLink(int index) {
        checkIndex(index);
        change("delete link " + index, RouteMessageType.RTM_DELLINK, REQUEST | ACKNOWLEDGE, ifinfomsg(index, 0, 0));
    }

    /**
     * Deletes a link by name: {@code RTM_DELLINK} with {@code IFLA_IFNAME}.
     *
     * @param name the interface name
     * @throws NetlinkErrorException ENODEV if there is no such link
     * @throws NetlinkException if {@code name} is not a valid interface name
     */
    public void deleteLink(String name) {
        checkName(name, "link name");
        change("delete link '" + name + "'", RouteMessageType.RTM_DELLINK, REQUEST | ACKNOWLEDGE,
                new AttributeEncoder().header(new byte[LinkMessage.HEADER_SIZE]).string(LinkMessage.IFLA_IFNAME, name).encode());
    }

    /**
     * Creates a link of any kind a {@link LinkDriver} is registered for, as {@code ip link add NAME type KIND ...}:
     * {@code RTM_NEWLINK} with {@code NLM_F_CREATE | NLM_F_EXCL}, the spec's attributes, and {@code IFLA_LINKINFO}
     * holding the kind and the driver's encoding of the spec's data. Settings left null take the kernel's
     * defaults.
     *
     * @param spec the link to create
     * @throws NetlinkErrorException EEXIST if a link of that name exists; EOPNOTSUPP (with "Unknown device type")
     *         if the kernel lacks the kind's driver, as well as for {@code tun}, which the kernel creates only through
     *         the {@code TUNSETIFF} ioctl; EINVAL or ERANGE with the kernel's extended ACK for a value it refuses
     * @throws NetlinkException if {@code spec} is null or no driver is registered for its kind
     */
    public void addLink(LinkSpec spec) {
        if (spec == null) {
            throw new NetlinkArgumentException("add link: spec must not be null");
        }
        addLink("add " + spec.data().kind() + " '" + spec.name() + "'", spec);
    }

    private void addLink(String operation, LinkSpec spec) {
        change(operation, RouteMessageType.RTM_NEWLINK, REQUEST | ACKNOWLEDGE | CREATE | EXCL, spec.encode());
    }

    @Override
    public String toString() {
        return "RouteClient[" + conn + "]";
    }

    private void change(String operation, int type, int flags, byte[] payload) {
        execute(operation, type, flags, payload);
    }

    private List<Message> execute(String operation, int type, int flags, byte[] payload) {
        return conn.execute(Message.of(type, flags, payload), operation);
    }

    private static byte[] ifinfomsg(int index, int flags, int change) {
        return LinkMessage.builder().index(index).flags(flags).change(change).build().encode();
    }

    private static void checkIndex(int index) {
        if (index <= 0) {
            throw new NetlinkArgumentException("interface index must be positive, got " + index);
        }
    }

    private static void checkName(String name, String what) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0
                || name.getBytes(StandardCharsets.UTF_8).length >= IFNAMSIZ) {
            throw new NetlinkArgumentException(what + " must be 1 to " + (IFNAMSIZ - 1) + " bytes without NUL, got "
                    + (name == null ? "null" : "'" + name.replace("\0", "\\0") + "'"));
        }
    }

    private static void requireArgument(Object value, String what) {
        if (value == null) {
            throw new NetlinkArgumentException("route client: " + what + " must not be null");
        }
    }
}
