package io.github.jnetlink.test;

import static io.github.jnetlink.HeaderFlags.ACKNOWLEDGE;
import static io.github.jnetlink.HeaderFlags.CREATE;
import static io.github.jnetlink.HeaderFlags.EXCL;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.NeighborMessage;
import io.github.jnetlink.route.NexthopMessage;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RuleMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A stateful in-memory rtnetlink ({@link Protocol#ROUTE}): a {@link FakeKernel} that keeps the links, addresses,
 * routes, neighbours, policy rules and nexthop objects of one network namespace, answers dumps, queries and changes from them as the kernel does,
 * and multicasts the notifications the kernel would. Code under test talks to it through a real {@link Conn} from
 * {@link #dial()}, directly or through {@link io.github.jnetlink.route.RouteClient}; a second {@code Conn} dialled
 * with groups (or {@link Conn#joinGroup(int)}) receives the notifications. No root, namespace or native code.
 *
 * <pre>{@code
 * try (FakeRouteKernel fake = FakeRouteKernel.create();
 *         Conn conn = fake.dial();
 *         Conn monitor = fake.dial(Config.DEFAULT.withGroups(1 << (RouteGroup.LINK.group() - 1)))) {
 *     new RouteClient(conn).addVeth("veth0", "veth1");
 *     assertThat(fake.link("veth0")).isPresent();
 *     assertThat(LinkMessage.decode(monitor.receive().get(0)).name()).isEqualTo("veth1");
 * }
 * }</pre>
 *
 * <h2>What is reproduced</h2>
 * <ul>
 *   <li><b>Start</b>: a new namespace: only {@code lo}, index 1, down, {@code IFF_LOOPBACK}, mtu 65536,
 *       {@code ARPHRD_LOOPBACK}, no addresses, no routes, no nexthops; the default rules (IPv4: 0 local, 32766 main,
 *       32767 default; IPv6: 0 local, 32766 main; protocol kernel).</li>
 *   <li><b>Links</b>: {@code RTM_NEWLINK} with {@code NLM_F_CREATE} creates a link of the {@code IFLA_INFO_KIND}
 *       given (any name is accepted; none is "Unknown device type", {@code EOPNOTSUPP}); an existing one (by
 *       {@code ifi_index}, else {@code IFLA_IFNAME}) is {@code EEXIST} with {@code NLM_F_EXCL}, else changed as by
 *       {@code RTM_SETLINK}; neither found nor {@code NLM_F_CREATE} is {@code ENODEV}. A veth creates both ends, the
 *       peer from {@code VETH_INFO_PEER} first (it gets the lower index, and its first {@code RTM_NEWLINK} reports
 *       {@code IFLA_LINK} 0, as the kernel's does); each reports the other in {@code IFLA_LINK}. Indexes count up from
 *       2 and are not reused; names may be patterns ({@code "veth%d"}, the default); MACs are {@code 02:00:00:00:HH:LL}
 *       from the index where the kernel draws random ones; mtu 1500 (68 to 65535, else {@code EINVAL} with the
 *       kernel's text), qlen 1000, {@code IFF_BROADCAST | IFF_MULTICAST}.</li>
 *   <li>{@code RTM_SETLINK} and {@code RTM_NEWLINK} on an existing link change {@code ifi_flags} under
 *       {@code ifi_change} ({@code ifi_change} 0 taking every bit of {@code ifi_flags}, as the kernel does),
 *       {@code IFLA_MTU}, {@code IFLA_ADDRESS}, {@code IFLA_TXQLEN}, {@code IFLA_IFNAME} when the link is named by
 *       index ({@code EBUSY} while up, {@code EEXIST} for a name in use; IPv4 labels follow) and {@code IFLA_MASTER}
 *       (bridge, bond, team and vrf take ports; another master is {@code EOPNOTSUPP}, a missing one {@code EINVAL},
 *       a bridge into a bridge {@code ELOOP}; 0 releases). A missing link is {@code ENODEV}, a request naming none
 *       {@code EINVAL}. A change that changes nothing sends nothing.</li>
 *   <li>Carrier: {@code IFF_LOWER_UP}, {@code IFF_RUNNING} and {@code IFLA_OPERSTATE} are derived: down is DOWN; an
 *       up veth has carrier when its peer is up (else LOWERLAYERDOWN), an up bridge, bond or team when one of its
 *       ports has (else DOWN); lo and other kinds are UNKNOWN, kind-less (physical) links UP.</li>
 *   <li>Going down ({@code NETDEV_DOWN}), or losing carrier while up (neither {@code IFF_RUNNING} nor
 *       {@code IFF_LOWER_UP}, {@code NETDEV_CHANGE}): the link's nexthop objects go silently
 *       ({@code nexthop_flush_dev}), and with them, silently, the IPv4 routes using them and the groups they empty
 *       (groups they leave shrink, also silently); IPv6 routes using them go with {@code RTM_DELROUTE}. Going down,
 *       then, the link's IPv4 routes go silently (but local ones), its ARP entries,
 *       IPv6 routes, NDP entries and IPv6 addresses go with {@code RTM_DELNEIGH}, {@code RTM_DELROUTE},
 *       {@code RTM_DELADDR} ({@code keep_addr_on_down} 0). {@code lo} coming up gets {@code 127.0.0.1/8} and
 *       {@code ::1/128}.</li>
 *   <li>{@code RTM_DELLINK} (by index or name; lo and kind-less links {@code EOPNOTSUPP}) takes a veth's peer with
 *       it and releases a master's ports; each link that was up goes down first, then loses its IPv4 addresses
 *       ({@code RTM_DELADDR}, secondaries before their primary), IPv4 routes (silently, also those whose preferred
 *       source was one of them), ARP entries, IPv6 routes, NDP entries and IPv6 addresses, and goes
 *       ({@code RTM_DELLINK}). Links whose carrier changed get an {@code RTM_NEWLINK}.</li>
 *   <li><b>Addresses</b>: IPv4 as {@code devinet.c}: {@code IFA_ADDRESS} defaults to {@code IFA_LOCAL}, the label to
 *       the link's name, a second address in a subnet is secondary, a duplicate is {@code EEXIST} "ipv4: Address
 *       already assigned" unless {@code NLM_F_REPLACE}; delete matches {@code IFA_LOCAL}, label and prefix as sent,
 *       else {@code EADDRNOTAVAIL} "ipv4: Address not found"; a missing link {@code ENODEV} "ipv4: Device not
 *       found". IPv6 as {@code addrconf.c}: the scope follows the address, the duplicate ("ipv6: address already
 *       assigned"), missing ("ipv6: address not found") and no-link ("ipv6: Unable to find the interface") errors.
 *       Both report {@code IFA_FLAGS} and {@code IFA_CACHEINFO} (lifetimes, forever and {@code IFA_F_PERMANENT} by
 *       default; timestamps 0). Dumps filter by {@code ifa_family} (IPv4 first, by link); IPv6 answers a query.</li>
 *   <li><b>Routes</b>: keyed by family, table (0 is main), destination prefix, TOS, metric (IPv6: 1024 when 0) and
 *       IPv6 source prefix; IPv4 host bits set are {@code EINVAL}, IPv6 ones are masked off; a duplicate is
 *       {@code EEXIST} unless {@code NLM_F_REPLACE}; an output device must exist ({@code ENODEV}) and be up
 *       ({@code ENETDOWN} with the kernel's text); a route other than blackhole, unreachable, prohibit or throw
 *       needs a device, gateway or next hops ({@code ENODEV}). Delete removes the first route matching every
 *       attribute sent (scope {@code RT_SCOPE_NOWHERE}, metric, protocol, type 0: any), else {@code ESRCH}.
 *       Notifications carry {@code NLM_F_CREATE | NLM_F_EXCL} for a new route,
 *       {@code NLM_F_REPLACE} for a replaced one. Dumps filter by {@code rtm_family}; a query returns the longest
 *       match of tables local, main, default ({@code ENETUNREACH} when none).</li>
 *   <li><b>Rules</b> ({@code fib_rules.c}): each family's rules by priority, a new one after the last of its
 *       priority; without {@code FRA_PRIORITY} one below the second rule's ({@code fib_default_rule_pref}, 0 when
 *       that is 0); {@code NLM_F_EXCL} refuses a rule equal in all but its flags ({@code EEXIST}); an IPv4 lookup
 *       without table gets the first table without routes or rules, an IPv6 one is {@code EINVAL}; the goto,
 *       l3mdev, uid, port checks with the kernel's texts; another family {@code EAFNOSUPPORT}. A delete takes the
 *       first rule matching what it sets, else {@code ENOENT}. Reported as {@code fib_nl_fill_rule} does: no
 *       {@code FRA_PRIORITY} for 0, {@code FRA_TABLE}, {@code FRA_SUPPRESS_PREFIXLEN} and {@code FRA_PROTOCOL}
 *       always, {@code FRA_FWMASK} with a mark, {@code FIB_RULE_IIF_DETACHED} / {@code OIF_DETACHED} while no link
 *       has the name (set and cleared silently as links come, go and are renamed), {@code FIB_RULE_UNRESOLVED} for
 *       a goto without target. Dumps only; a rule GET without {@code NLM_F_DUMP} is {@code EOPNOTSUPP}.</li>
 *   <li><b>Nexthops</b> ({@code nexthop.c}): by ID, dumped in ID order ({@code NHA_GROUPS}, {@code NHA_OIF}
 *       filter), got by {@code NHA_ID} ({@code ENOENT}); ID 0 takes the next unused one after the last allocated;
 *       {@code EEXIST} unless {@code NLM_F_REPLACE}. A single path needs family IPv4 or IPv6, a device that exists
 *       ("Invalid device index"), is up ("Nexthop device is not up", {@code ENETDOWN}) and has carrier ("Carrier for
 *       nexthop device is down"); an IPv4 blackhole needs lo up ("Device for nexthop is not up"). A group needs
 *       existing single members, each once. Reported scope host (device alone), link (gateway, IPv6), groups
 *       {@code AF_UNSPEC} with {@code NHA_GROUP_TYPE} and {@code NHA_OP_FLAGS}. A replace keeps the ID and sends
 *       {@code RTM_NEWNEXTHOP}, then {@code RTM_NEWROUTE} with {@code NLM_F_REPLACE} for each route using it or a
 *       group holding it. A delete sends {@code RTM_DELNEXTHOP}, removes its IPv4 routes silently and its IPv6
 *       routes with {@code RTM_DELROUTE}, then shrinks each group holding it, the last joined first
 *       ({@code RTM_NEWNEXTHOP}) or removes the emptied group ({@code RTM_DELNEXTHOP}). Notifications go to
 *       {@code RTNLGRP_NEXTHOP} (32) with the request's {@code nlmsg_flags}, sequence number and port ID. A route
 *       with {@code RTA_NH_ID} needs the nexthop ("Nexthop id does not exist") and no device, gateway or
 *       multipath of its own; it keeps the ID and reports the nexthop's {@code RTA_OIF} and {@code RTA_GATEWAY}
 *       (a blackhole: lo and type blackhole) or its group's {@code RTA_MULTIPATH}, as the kernel's dump does.</li>
 *   <li><b>Neighbours</b>: keyed by link, family and {@code NDA_DST} ({@code EINVAL} "Network address not
 *       specified" without it, {@code ENODEV}, {@code EAFNOSUPPORT} beyond IPv4/IPv6); {@code EEXIST} with
 *       {@code NLM_F_EXCL}, {@code ENOENT} without {@code NLM_F_CREATE}; a delete sends {@code RTM_NEWNEIGH} (state
 *       FAILED) then {@code RTM_DELNEIGH}; missing is {@code ENOENT}.</li>
 *   <li>Any other message type is {@code EOPNOTSUPP}; a malformed request {@code EINVAL}. Notifications go to
 *       {@code RTNLGRP_LINK} (1), {@code _NEIGH} (3), {@code _IPV4_IFADDR} (5), {@code _IPV4_ROUTE} (7),
 *       {@code _IPV4_RULE} (8), {@code _IPV6_IFADDR} (9), {@code _IPV6_ROUTE} (11), {@code _IPV6_RULE} (19),
 *       {@code _NEXTHOP} (32), each in its own datagram, before the acknowledgement,
 *       carrying the request's sequence number and port ID where the kernel copies them (links since Linux 6.3,
 *       IPv4 addresses, routes, rules, nexthops; neighbours the port ID only), else 0.</li>
 * </ul>
 *
 * <h2>What is not</h2>
 * No prefix, local, broadcast or multicast routes are added for addresses or links, so a gateway's reachability is
 * not checked and a route given a gateway alone has no {@code RTA_OIF}; no IPv6 link-local addresses, no DAD
 * (addresses are never {@code IFA_F_TENTATIVE}), no lifetimes counting down, no neighbour resolution or ageing, no
 * {@code NLM_F_APPEND} or IPv6 merging of same-key routes into multipath, no {@code RTNH_F_DEAD}/{@code LINKDOWN}
 * marks (nor on nexthops), no resilient group buckets ({@code RTM_*NEXTHOPBUCKET}), no FDB nexthop semantics, no
 * rules of the multicast families ({@code RTNL_FAMILY_IPMR}), no kernel-added attributes beyond those named above ({@code IFLA_STATS64}, {@code RTA_CACHEINFO},
 * {@code RTA_PREF}, {@code NDA_CACHEINFO}...), no {@code AF_BRIDGE} port or FDB messages, no bridge MTU or MAC
 * inheritance, no namespaces or qdiscs, no strict-mode dump filtering ({@code ifa_index},
 * {@code rtm_table} ignored), no {@code NLM_F_ECHO}. Dumps are taken at once, so never {@code NLM_F_DUMP_INTR}; they
 * span {@link Replies#DEFAULT_PER_DATAGRAM} objects a datagram. A refused request changes nothing, where the kernel
 * may have applied its first attributes. The kernel's own intermediate link messages (linkwatch) are one
 * {@code RTM_NEWLINK} per link whose reported state changed. The dump order is close to, not exactly, the kernel's.
 * In a datagram of several requests, errors carry the first one's sequence number.
 *
 * <h2>Threading</h2>
 * Thread-safe: requests and the methods below run one at a time, each change with its notifications sent before the
 * next begins, so every listener sees them in one order.
 */
public final class FakeRouteKernel implements AutoCloseable {

    private final FakeKernel kernel;
    private final RouteTables tables = new RouteTables();
    private final RouteRequests requests = new RouteRequests(tables);
    private final Object lock = new Object();

    private FakeRouteKernel() {
        kernel = FakeKernel.create(Protocol.ROUTE).onRequest(this::answer);
    }

    /**
     * @return a fake rtnetlink holding a new namespace's state: {@code lo} alone, down
     */
    public static FakeRouteKernel create() {
        return new FakeRouteKernel();
    }

    /**
     * @return a real {@code Conn} to this fake, with {@link Config#DEFAULT}
     * @throws NetlinkClosedException when the fake is closed
     */
    public Conn dial() {
        return kernel.dial();
    }

    /**
     * @param config the configuration, such as {@code Config.DEFAULT.withGroups(...)} for a listener; null for
     *               the default
     * @return a real {@code Conn} to this fake
     * @throws NetlinkClosedException when the fake is closed
     */
    public Conn dial(Config config) {
        return kernel.dial(config);
    }

    /**
     * @return the underlying kernel, for {@link FakeKernel#overrun()}, {@link FakeKernel#truncate()},
     *         {@link FakeKernel#requests()} and extra {@link FakeKernel#multicast} messages; replacing its handler
     *         with {@link FakeKernel#onRequest} detaches this fake's tables
     */
    public FakeKernel kernel() {
        return kernel;
    }

    /**
     * Adds a link as a driver registering it would, sending its {@code RTM_NEWLINK}: a link without
     * {@code IFLA_INFO_KIND} is a physical device, which {@code RTM_DELLINK} cannot delete. Unset fields get the
     * defaults of {@code RTM_NEWLINK} (name {@code "eth%d"} or {@code "KIND%d"}, flags {@code IFF_BROADCAST |
     * IFF_MULTICAST}, mtu 1500...); {@code IFF_UP} in {@link LinkMessage#flags()} brings it up.
     *
     * @param link the link; its index if positive, else the next free one
     * @return the link as stored and reported, with its index
     * @throws NetlinkErrorException as the kernel would refuse it: EEXIST for a name in use, EBUSY for an index in
     *         use, EINVAL for a bad name or mtu or for a veth (use {@link #addVeth(String, String)})
     * @throws NetlinkArgumentException when {@code link} is null
     */
    public LinkMessage addLink(LinkMessage link) {
        require(link, "addLink", "link");
        return change("add link " + (link.name() == null ? "" : "'" + link.name() + "'"),
                out -> tables.addLink(link, out));
    }

    /**
     * Adds a veth pair, as {@code ip link add NAME type veth peer name PEER}, sending both {@code RTM_NEWLINK}s.
     *
     * @param name the first end's name
     * @param peer the second end's name, which gets the lower index as the kernel registers it first
     * @return both ends as stored: {@code name}'s, then {@code peer}'s
     * @throws NetlinkErrorException EEXIST for a name in use, EINVAL for an invalid one
     * @throws NetlinkArgumentException when a name is null
     */
    public List<LinkMessage> addVeth(String name, String peer) {
        require(name, "addVeth", "name");
        require(peer, "addVeth", "peer");
        return change("add veth '" + name + "' with peer '" + peer + "'", out -> {
            tables.addVeth(name, peer, out);
            return List.of(tables.getLink(byName(name)), tables.getLink(byName(peer)));
        });
    }

    /**
     * Brings a link up or down, as {@code ip link set NAME up|down}, with every consequence and notification of the
     * equivalent {@code RTM_SETLINK}.
     *
     * @param name the link's name
     * @param up   whether to set {@code IFF_UP}
     * @return the link as now reported
     * @throws NetlinkErrorException ENODEV when there is no such link
     * @throws NetlinkArgumentException when {@code name} is null
     */
    public LinkMessage setLinkUp(String name, boolean up) {
        require(name, "setLinkUp", "name");
        return change("set link '" + name + "' " + (up ? "up" : "down"), out -> {
            tables.setUp(name, up, out);
            return tables.getLink(byName(name));
        });
    }

    /**
     * Removes a link, physical ones included, as unplugging it would, with the consequences and notifications of
     * {@code RTM_DELLINK}: a veth's peer goes too.
     *
     * @param name the link's name
     * @throws NetlinkErrorException ENODEV when there is no such link, EOPNOTSUPP for {@code lo}
     * @throws NetlinkArgumentException when {@code name} is null
     */
    public void removeLink(String name) {
        require(name, "removeLink", "name");
        change("remove link '" + name + "'", out -> {
            tables.removeLink(name, out);
            return null;
        });
    }

    /**
     * Adds an address as {@code RTM_NEWADDR} with {@code NLM_F_CREATE | NLM_F_EXCL} would.
     *
     * @param address the address, such as {@link AddressMessage#of(int, java.net.InetAddress, int)}
     * @return the address as stored and reported
     * @throws NetlinkErrorException EEXIST, ENODEV, EINVAL as the kernel answers the request
     * @throws NetlinkArgumentException when {@code address} is null
     */
    public AddressMessage addAddress(AddressMessage address) {
        require(address, "addAddress", "address");
        return change("add address to link " + address.index(), out -> {
            tables.addresses.add(address, CREATE | EXCL, Origin.KERNEL, out);
            return AddressMessage.decode(out.get(0).message());
        });
    }

    /**
     * Removes an address as {@code RTM_DELADDR} would.
     *
     * @param address the address to match
     * @throws NetlinkErrorException EADDRNOTAVAIL when no address matches, ENODEV for a missing link
     * @throws NetlinkArgumentException when {@code address} is null
     */
    public void removeAddress(AddressMessage address) {
        require(address, "removeAddress", "address");
        change("remove address from link " + address.index(), out -> {
            tables.deleteAddress(address, Origin.KERNEL, out);
            return null;
        });
    }

    /**
     * Adds a route as {@code RTM_NEWROUTE} with {@code NLM_F_CREATE | NLM_F_EXCL} would.
     *
     * @param route the route, such as {@link RouteMessage#of(java.net.InetAddress, int, java.net.InetAddress, int)}
     * @return the route as stored and reported (table, metric and the like filled in)
     * @throws NetlinkErrorException EEXIST, ENODEV, ENETDOWN, EINVAL as the kernel answers the request
     * @throws NetlinkArgumentException when {@code route} is null
     */
    public RouteMessage addRoute(RouteMessage route) {
        require(route, "addRoute", "route");
        return change("add route " + route.destinationString(), out -> {
            tables.routes.add(route, CREATE | EXCL, Origin.KERNEL, out);
            return RouteMessage.decode(out.get(0).message());
        });
    }

    /**
     * Removes the first route matching {@code route} as {@code RTM_DELROUTE} would.
     *
     * @param route the route to match
     * @throws NetlinkErrorException ESRCH when none matches
     * @throws NetlinkArgumentException when {@code route} is null
     */
    public void removeRoute(RouteMessage route) {
        require(route, "removeRoute", "route");
        change("remove route " + route.destinationString(), out -> {
            tables.routes.delete(route, Origin.KERNEL, out);
            return null;
        });
    }

    /**
     * Adds a neighbour entry as {@code RTM_NEWNEIGH} with {@code NLM_F_CREATE | NLM_F_EXCL} would.
     *
     * @param neighbor the entry; its state stays as given
     * @return the entry as stored and reported
     * @throws NetlinkErrorException EEXIST, ENODEV, EINVAL, EAFNOSUPPORT as the kernel answers the request
     * @throws NetlinkArgumentException when {@code neighbor} is null
     */
    public NeighborMessage addNeighbor(NeighborMessage neighbor) {
        require(neighbor, "addNeighbor", "neighbor");
        return change("add neighbour on link " + neighbor.index(), out -> {
            tables.neighbors.add(neighbor, CREATE | EXCL, Origin.KERNEL, out);
            return NeighborMessage.decode(out.get(0).message());
        });
    }

    /**
     * Removes a neighbour entry as {@code RTM_DELNEIGH} would.
     *
     * @param neighbor the entry to match, by link, family and destination
     * @throws NetlinkErrorException ENOENT when there is none
     * @throws NetlinkArgumentException when {@code neighbor} is null
     */
    public void removeNeighbor(NeighborMessage neighbor) {
        require(neighbor, "removeNeighbor", "neighbor");
        change("remove neighbour on link " + neighbor.index(), out -> {
            tables.neighbors.delete(neighbor, Origin.KERNEL, out);
            return null;
        });
    }

    /** @return every link as a dump reports it, by index; an immutable snapshot */
    public List<LinkMessage> links() {
        synchronized (lock) {
            return List.copyOf(tables.links.rendered().values());
        }
    }

    /**
     * @param name a link name
     * @return the link as a dump reports it, or empty when there is none
     */
    public Optional<LinkMessage> link(String name) {
        synchronized (lock) {
            LinkMessage l = tables.links.byName(name);
            return Optional.ofNullable(l == null ? null : tables.links.render(l));
        }
    }

    /** @return every address in dump order (IPv4 first, by link); an immutable snapshot */
    public List<AddressMessage> addresses() {
        synchronized (lock) {
            return List.copyOf(tables.addresses.dump(AddressFamily.UNSPEC));
        }
    }

    /** @return every route of every table in dump order (IPv4 first); an immutable snapshot */
    public List<RouteMessage> routes() {
        synchronized (lock) {
            return List.copyOf(tables.routes.dump(AddressFamily.UNSPEC));
        }
    }

    /** @return every neighbour entry in dump order (ARP first); an immutable snapshot */
    public List<NeighborMessage> neighbors() {
        synchronized (lock) {
            return List.copyOf(tables.neighbors.dump(AddressFamily.UNSPEC));
        }
    }

    /** @return every policy routing rule as a dump reports it, IPv4 then IPv6, by priority; an immutable snapshot */
    public List<RuleMessage> rules() {
        synchronized (lock) {
            return List.copyOf(tables.rules.dump(AddressFamily.UNSPEC));
        }
    }

    /** @return every nexthop object and group as a dump reports it, by ID; an immutable snapshot */
    public List<NexthopMessage> nexthops() {
        synchronized (lock) {
            return List.copyOf(tables.nexthops.dump(NexthopMessage.builder().build()));
        }
    }

    /** Closes the underlying {@link FakeKernel}, and with it every {@code Conn} dialled from this fake. Idempotent. */
    @Override
    public void close() {
        kernel.close();
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "FakeRouteKernel[links=" + tables.links.all().size() + ", " + kernel + "]";
        }
    }

    /** The handler of every request datagram: each request answered in turn, as {@code netlink_rcv_skb} does. */
    private Replies answer(List<Message> requests) {
        Replies replies = null;
        for (Message request : requests) {
            Replies r = answer(request);
            if (r != null) {
                replies = replies == null ? r : replies.then(r);
            }
        }
        if (replies != null) {
            return replies;
        }
        // Only acknowledgements are due, which the fake adds after a non-silent reply.
        return requests.get(0).header().has(ACKNOWLEDGE) ? Replies.ack() : Replies.none();
    }

    /** One request: its replies, or null when it succeeded with nothing to say but its acknowledgement. */
    private Replies answer(Message request) {
        synchronized (lock) {
            List<Notice> out = new ArrayList<>();
            Replies replies;
            try {
                replies = requests.apply(request, out);
            } catch (Refusal e) {
                return e.replies();
            } catch (NetlinkException e) {
                // what the records cannot decode, nlmsg_parse would not have parsed
                return Replies.error(Refusal.EINVAL, "");
            }
            publish(out);
            return replies;
        }
    }

    /** A direct change by a test: its notifications sent, or its refusal thrown as the kernel's error. */
    private <T> T change(String operation, Function<List<Notice>, T> body) {
        synchronized (lock) {
            if (kernel.isClosed()) {
                throw new NetlinkClosedException("fake route kernel: " + operation);
            }
            List<Notice> out = new ArrayList<>();
            T result;
            try {
                result = body.apply(out);
            } catch (Refusal e) {
                throw e.exception("fake route kernel: " + operation);
            }
            publish(out);
            return result;
        }
    }

    private void publish(List<Notice> notices) {
        for (Notice n : notices) {
            kernel.multicast(n.group(), n.message());
        }
    }

    private static LinkMessage byName(String name) {
        return LinkMessage.builder().name(name).build();
    }

    private static void require(Object value, String operation, String what) {
        if (value == null) {
            throw new NetlinkArgumentException(operation + ": " + what + " must not be null");
        }
    }
}
