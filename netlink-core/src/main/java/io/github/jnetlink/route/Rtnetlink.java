package io.github.jnetlink.route;

import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;

/**
 * rtnetlink by kernel object: one service each for {@linkplain #links() links}, {@linkplain #addresses()
 * addresses}, {@linkplain #routes() routes}, {@linkplain #neighbors() neighbours}, {@linkplain #rules() rules}
 * and {@linkplain #nexthops() nexthop objects}, bridge {@linkplain #fdb() forwarding entries} and
 * {@linkplain #vlans() VLANs}, {@linkplain #netnsIds() namespace IDs} and {@linkplain #statistics() link
 * statistics}, over one {@link Protocol#ROUTE} connection, in its network
 * namespace.
 *
 * <pre>{@code
 * try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT)) {
 *     Rtnetlink rt = new Rtnetlink(conn);
 *     List<RouteMessage> table100 = rt.routes().list(RouteFilter.builder().table(100).build());
 *     List<LinkMessage> ports = rt.links().list(LinkFilter.builder().master(rt.links().get("br0").index()).build());
 * }
 * }</pre>
 *
 * <p>Each service has {@code list}, and {@code get}, {@code add}, {@code replace}, {@code change} and
 * {@code delete} where the kernel supports them (each class says which it does not). Lists take a filter; the
 * kernel filters where it can: the first list turns {@code NETLINK_GET_STRICT_CHK} on for the connection (it
 * stays on; a kernel before 4.20 without the option is left as it is), and the request carries the filter as the
 * kernel's {@code rtnl_valid_dump_*_req} functions expect it. Replies the kernel did not mark
 * {@code NLM_F_DUMP_FILTERED} are filtered here with the same rules, so a list is the same on every kernel.
 * Every list is read again while the kernel marks it interrupted ({@code NLM_F_DUMP_INTR}), up to
 * {@link io.github.jnetlink.Dumps#DEFAULT_ATTEMPTS} times.
 *
 * <p>With strict checking on, the kernel refuses with EINVAL (and an extended-ACK text) a GET request whose header
 * holds values it does not filter by; the services' requests never do, nor do {@link RouteClient}'s. Thread-safe
 * as far as the connection is; the services are created once and shared. The connection stays the caller's to
 * close.
 */
public final class Rtnetlink {

    private final FilteredDumps dumps;
    private final Links links;
    private final Addresses addresses;
    private final Routes routes;
    private final Neighbors neighbors;
    private final Rules rules;
    private final Nexthops nexthops;
    private final Fdb fdb;
    private final BridgeVlans vlans;
    private final NetnsIds netnsIds;
    private final LinkStatistics statistics;

    /**
     * @param conn an open connection dialed with {@link Protocol#ROUTE}; not closed by this facade
     * @throws NetlinkException if {@code conn} is null or of another protocol
     */
    public Rtnetlink(Conn conn) {
        this(conn, true);
    }

    /**
     * @param strictCheck false to leave {@code NETLINK_GET_STRICT_CHK} as it is on the connection, so that every
     *                    filter the kernel does not apply without it is applied here (for tests that compare)
     */
    Rtnetlink(Conn conn, boolean strictCheck) {
        this.dumps = new FilteredDumps(FilteredDumps.requireRoute(conn, "rtnetlink"), strictCheck);
        this.links = Links.over(dumps);
        this.addresses = Addresses.over(dumps);
        this.routes = Routes.over(dumps);
        this.neighbors = Neighbors.over(dumps);
        this.rules = Rules.over(dumps);
        this.nexthops = Nexthops.over(dumps);
        // these filter locally (FDB by bridge or port) or not at all, and need no strict checking
        this.fdb = new Fdb(conn);
        this.vlans = new BridgeVlans(conn);
        this.netnsIds = new NetnsIds(conn);
        this.statistics = new LinkStatistics(conn);
    }

    /** @return the links service, as {@code ip link} */
    public Links links() {
        return links;
    }

    /** @return the IPv4 and IPv6 addresses service, as {@code ip addr} */
    public Addresses addresses() {
        return addresses;
    }

    /** @return the routes service, as {@code ip route} */
    public Routes routes() {
        return routes;
    }

    /** @return the neighbour (ARP, NDP and proxy entries) service, as {@code ip neigh} */
    public Neighbors neighbors() {
        return neighbors;
    }

    /** @return the policy routing rules service, as {@code ip rule} */
    public Rules rules() {
        return rules;
    }

    /** @return the nexthop objects service, as {@code ip nexthop} */
    public Nexthops nexthops() {
        return nexthops;
    }

    /** @return the bridge and VXLAN forwarding database service, as {@code bridge fdb} */
    public Fdb fdb() {
        return fdb;
    }

    /** @return the bridge VLAN service ({@code RTM_*VLAN}), as {@code bridge vlan} */
    public BridgeVlans vlans() {
        return vlans;
    }

    /** @return the network namespace ID service, as {@code ip netns list-id} and {@code ip netns set} */
    public NetnsIds netnsIds() {
        return netnsIds;
    }

    /** @return the link statistics service ({@code RTM_GETSTATS}), as {@code ip stats} */
    public LinkStatistics statistics() {
        return statistics;
    }

    /** @return whether the connection's dumps run with {@code NETLINK_GET_STRICT_CHK} on (after the first list) */
    boolean strictCheck() {
        return dumps.strict();
    }

    @Override
    public String toString() {
        return "Rtnetlink[" + dumps.conn() + "]";
    }
}
