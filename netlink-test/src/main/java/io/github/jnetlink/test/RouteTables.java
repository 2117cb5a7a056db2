package io.github.jnetlink.test;

import static io.github.jnetlink.HeaderFlags.CREATE;
import static io.github.jnetlink.HeaderFlags.EXCL;
import static io.github.jnetlink.HeaderFlags.REPLACE;
import static io.github.jnetlink.route.LinkMessage.IFF_BROADCAST;
import static io.github.jnetlink.route.LinkMessage.IFF_LOOPBACK;
import static io.github.jnetlink.route.LinkMessage.IFF_LOWER_UP;
import static io.github.jnetlink.route.LinkMessage.IFF_MULTICAST;
import static io.github.jnetlink.route.LinkMessage.IFF_NOARP;
import static io.github.jnetlink.route.LinkMessage.IFF_PROMISC;
import static io.github.jnetlink.route.LinkMessage.IFF_RUNNING;
import static io.github.jnetlink.route.LinkMessage.IFF_UP;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.Header;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkInfo;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.MacAddress;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMessageType;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rtnetlink state of one fake network namespace: its {@link LinkTable}, {@link AddressTable}, {@link RouteTable}
 * and {@link NeighborTable}, and the link changes that reach across them as the kernel's netdevice notifiers do: a
 * link going down flushes routes, neighbours and IPv6 addresses, a link going away takes everything of its own, lo
 * coming up gets its loopback addresses, a veth or bridge changes carrier with its peer or ports. Every change
 * appends the notifications the kernel would send, in its order, to {@code out}, and either completes or throws a
 * {@link Refusal} having changed nothing. Not thread-safe: {@link FakeRouteKernel} locks.
 */
final class RouteTables {

    private static final int VETH_INFO_PEER = 1;
    /** The {@code IFF_*} bits {@code __dev_change_flags} lets a request change; the others stay as they are. */
    private static final int CHANGEABLE_FLAGS = IFF_UP | IFF_PROMISC | IFF_NOARP | IFF_MULTICAST | 0x4 | 0x20 | 0x200
            | 0x2000 | 0x4000 | 0x8000;
    private static final int ETH_MIN_MTU = 68;
    private static final int ETH_MAX_MTU = 65535;
    private static final MacAddress ETHER_BROADCAST = MacAddress.parse("ff:ff:ff:ff:ff:ff");

    final LinkTable links = new LinkTable();
    final AddressTable addresses = new AddressTable(links);
    final NexthopTable nexthops = new NexthopTable(links);
    final RouteTable routes = new RouteTable(links, nexthops);
    final NeighborTable neighbors = new NeighborTable(links);
    final RuleTable rules = new RuleTable(links, routes::hasIpv4Table);

    RouteTables() {
        nexthops.users(routes);
    }

    /** {@code RTM_NEWLINK}: changes the link the request names when there is one, else creates it. */
    void newLink(LinkMessage request, int flags, Origin origin, List<Notice> out) {
        LinkMessage existing = links.find(request);
        if (existing != null) {
            if ((flags & EXCL) != 0) {
                throw Refusal.of(Refusal.EEXIST);
            }
            if ((flags & REPLACE) != 0) {
                throw Refusal.of(Refusal.EOPNOTSUPP);
            }
            change(existing, changed(existing, request), origin, out);
            return;
        }
        if ((flags & CREATE) == 0) {
            throw Refusal.of(Refusal.ENODEV);
        }
        String kind = request.kind();
        if (kind == null) {
            throw new Refusal(Refusal.EOPNOTSUPP, "Unknown device type");
        }
        // attributes the records do not read are request-only here (IFLA_NET_NS_FD, IFLA_GROUP...): not stored
        LinkMessage wanted = request.toBuilder().unknown(List.of()).build();
        if (!kind.equals("veth")) {
            register(List.of(created(wanted, kind, request.linkInfo(), Set.of())), origin, out);
            return;
        }
        // veth_newlink registers the peer first, so it takes the lower index, and only then the device itself
        LinkMessage peerRequest = vethPeer(request).toBuilder().unknown(List.of()).build();
        LinkMessage peer = created(peerRequest, kind, LinkInfo.of(kind), Set.of());
        LinkMessage dev = created(wanted, kind, LinkInfo.of(kind), Set.of(peer.name()));
        if (dev.index() == peer.index()) {
            throw Refusal.of(Refusal.EBUSY);
        }
        register(List.of(peer.toBuilder().link(dev.index()).build(), dev.toBuilder().link(peer.index()).build()),
                origin, out);
    }

    /** {@code RTM_SETLINK}: the link must exist. */
    void setLink(LinkMessage request, Origin origin, List<Notice> out) {
        LinkMessage existing = named(request);
        change(existing, changed(existing, request), origin, out);
    }

    /** {@code RTM_DELLINK}: the link and, for a veth, its peer; lo and drivers without {@code dellink} refuse. */
    void deleteLink(LinkMessage request, Origin origin, List<Notice> out) {
        LinkMessage link = named(request);
        if (link.index() == LinkTable.LOOPBACK_INDEX || link.kind() == null) {
            throw Refusal.of(Refusal.EOPNOTSUPP);
        }
        unregister(link, origin, out);
    }

    /** {@code RTM_GETLINK} without {@code NLM_F_DUMP}. */
    LinkMessage getLink(LinkMessage request) {
        return links.render(named(request));
    }

    /** A link a test adds as a driver would register it; a link without a kind is a physical device. */
    LinkMessage addLink(LinkMessage link, List<Notice> out) {
        if ("veth".equals(link.kind())) {
            throw new Refusal(Refusal.EINVAL, "a veth comes in pairs: use addVeth");
        }
        LinkMessage created = created(link, link.kind() == null ? "eth" : link.kind(), link.linkInfo(), Set.of());
        if (link.flags() != 0) {
            created = created.toBuilder().flags(link.flags() & ~(IFF_RUNNING | IFF_LOWER_UP)).build();
        }
        register(List.of(created), Origin.KERNEL, out);
        return links.render(links.get(created.index()));
    }

    /** A test's {@code ip link add NAME type veth peer name PEER}. */
    void addVeth(String name, String peer, List<Notice> out) {
        LinkMessage p = created(LinkMessage.builder().name(peer).build(), "veth", LinkInfo.of("veth"), Set.of());
        LinkMessage dev = created(LinkMessage.builder().name(name).build(), "veth", LinkInfo.of("veth"),
                Set.of(p.name()));
        register(List.of(p.toBuilder().link(dev.index()).build(), dev.toBuilder().link(p.index()).build()),
                Origin.KERNEL, out);
    }

    /** A test's {@code ip link set NAME up} or {@code down}. */
    void setUp(String name, boolean up, List<Notice> out) {
        LinkMessage link = links.byName(name);
        if (link == null) {
            throw Refusal.of(Refusal.ENODEV);
        }
        int flags = up ? link.flags() | IFF_UP : link.flags() & ~IFF_UP;
        change(link, link.toBuilder().flags(flags).build(), Origin.KERNEL, out);
    }

    /** A test's removal of a link, physical ones included, as an unplugged device goes. */
    void removeLink(String name, List<Notice> out) {
        LinkMessage link = links.byName(name);
        if (link == null) {
            throw Refusal.of(Refusal.ENODEV);
        }
        if (link.index() == LinkTable.LOOPBACK_INDEX) {
            throw new Refusal(Refusal.EOPNOTSUPP, "lo cannot be removed from a namespace");
        }
        unregister(link, Origin.KERNEL, out);
    }

    /** {@code RTM_DELADDR}, and the IPv4 routes that preferred a removed address as source. */
    void deleteAddress(AddressMessage request, Origin origin, List<Notice> out) {
        dropPreferredSources(addresses.delete(request, origin, out));
    }

    // ---- link creation

    /** A new link's stored record, every default filled in and every argument checked; not yet in the table. */
    private LinkMessage created(LinkMessage request, String kind, LinkInfo info, Set<String> taken) {
        String chosen = links.allocateName(request.name() != null ? request.name() : kind + "%d", taken);
        int mtu = request.mtu() != null ? request.mtu() : LinkTable.DEFAULT_MTU;
        checkMtu(mtu, false);
        int index = request.index() > 0 ? request.index() : 0;
        if (index > 0 && links.get(index) != null) {
            throw Refusal.of(Refusal.EBUSY);
        }
        int flags = request.flags() == 0 && request.change() == 0 ? IFF_BROADCAST | IFF_MULTICAST
                : combine(IFF_BROADCAST | IFF_MULTICAST, request.flags(), request.change());
        LinkMessage link = request.toBuilder().type(RouteMessageType.RTM_NEWLINK).family(AddressFamily.UNSPEC)
                .linkType(request.linkType() != 0 ? request.linkType() : LinkTable.ARPHRD_ETHER)
                .index(index).flags(flags & ~(IFF_RUNNING | IFF_LOWER_UP)).change(0).name(chosen)
                .mtu(mtu).operState(null).linkInfo(info).stats64(null).master(null)
                .txQueueLength(request.txQueueLength() != null ? request.txQueueLength()
                        : LinkTable.DEFAULT_TX_QUEUE_LENGTH)
                .broadcast(request.broadcast() != null ? request.broadcast() : ETHER_BROADCAST).build();
        if (request.master() != null && request.master() != 0) {
            checkEnslave(link, request.master());
            link = link.toBuilder().master(request.master()).build();
        }
        // the index is taken last, once nothing can fail, so that a refused request leaves the counter alone
        int chosenIndex = index == 0 ? links.allocateIndex() : index;
        return link.toBuilder().index(chosenIndex)
                .address(request.address() != null ? request.address() : LinkTable.generatedAddress(chosenIndex))
                .build();
    }

    /** The peer a veth request describes in {@code IFLA_INFO_DATA} / {@code VETH_INFO_PEER}, or a default one. */
    private static LinkMessage vethPeer(LinkMessage request) {
        for (Attribute a : request.linkInfo().attributes()) {
            if ((a.type() & 0x3FFF) != LinkInfo.IFLA_INFO_DATA) {
                continue;
            }
            AttributeDecoder d = new AttributeDecoder(a.data());
            try {
                while (d.next()) {
                    if (d.type() == VETH_INFO_PEER) {
                        return LinkMessage.decode(new Message(Header.of(RouteMessageType.RTM_NEWLINK, 0), d.bytes()));
                    }
                }
            } catch (NetlinkException e) {
                throw Refusal.of(Refusal.EINVAL);
            }
        }
        return LinkMessage.builder().build();
    }

    /** Puts new links in the table: one {@code RTM_NEWLINK} each, then what coming up does to them. */
    private void register(List<LinkMessage> created, Origin origin, List<Notice> out) {
        Map<Integer, LinkMessage> before = links.rendered();
        Set<Integer> notified = new HashSet<>();
        for (LinkMessage l : created) {
            links.put(l);
        }
        for (int i = 0; i < created.size(); i++) {
            LinkMessage shown = links.render(links.get(created.get(i).index()));
            if (created.size() == 2 && i == 0) {
                // the peer is configured before its device registers, so its iflink is still 0 ("veth1@NONE")
                shown = shown.toBuilder().link(0).build();
            }
            out.add(linkNotice(RouteMessageType.RTM_NEWLINK, shown, origin));
            notified.add(shown.index());
        }
        for (LinkMessage l : created) {
            if (l.hasFlags(IFF_UP)) {
                cameUp(l.index(), out);
            }
        }
        settle(before, notified, out);
    }

    // ---- link changes

    /** The stored link {@code request} would leave, checked as {@code do_setlink} checks each attribute. */
    private LinkMessage changed(LinkMessage link, LinkMessage request) {
        LinkMessage.Builder b = link.toBuilder();
        if (request.address() != null) {
            if (link.address() != null && request.address().length() != link.address().length()) {
                throw Refusal.of(Refusal.EINVAL);
            }
            b.address(request.address());
        }
        if (request.mtu() != null) {
            checkMtu(request.mtu(), link.index() == LinkTable.LOOPBACK_INDEX);
            b.mtu(request.mtu());
        }
        if (request.index() > 0 && request.name() != null && !request.name().equals(link.name())) {
            if (link.hasFlags(IFF_UP)) {
                throw Refusal.of(Refusal.EBUSY);
            }
            LinkTable.checkName(request.name());
            if (links.byName(request.name()) != null) {
                throw Refusal.of(Refusal.EEXIST);
            }
            b.name(request.name());
        }
        if (request.master() != null && request.master() != (link.master() == null ? 0 : link.master())) {
            checkEnslave(link, request.master());
            b.master(request.master() == 0 ? null : request.master());
        }
        if (request.flags() != 0 || request.change() != 0) {
            b.flags(combine(link.flags(), request.flags(), request.change()));
        }
        if (request.txQueueLength() != null) {
            b.txQueueLength(request.txQueueLength());
        }
        return b.build();
    }

    /** Stores {@code now} in place of {@code old}: its {@code RTM_NEWLINK} when it shows, then the consequences. */
    private void change(LinkMessage old, LinkMessage now, Origin origin, List<Notice> out) {
        Map<Integer, LinkMessage> before = links.rendered();
        links.put(now);
        LinkMessage shown = links.render(now);
        Set<Integer> notified = new HashSet<>();
        if (!shown.equals(before.get(now.index()))) {
            out.add(linkNotice(RouteMessageType.RTM_NEWLINK, shown, origin));
            notified.add(now.index());
        }
        if (!old.name().equals(now.name())) {
            addresses.renameLink(now.index(), old.name(), now.name(), out);
        }
        if (old.hasFlags(IFF_UP) && !now.hasFlags(IFF_UP)) {
            wentDown(now.index(), out);
        } else if (!old.hasFlags(IFF_UP) && now.hasFlags(IFF_UP)) {
            cameUp(now.index(), out);
        }
        settle(before, notified, out);
    }

    /** {@code NETDEV_DOWN}: IPv4 routes (silently) and ARP entries, then IPv6 routes, NDP entries and addresses. */
    private void wentDown(int index, List<Notice> out) {
        nexthops.flushLink(index, out);
        routes.linkDown(index, AddressFamily.INET, out);
        neighbors.flush(index, AddressFamily.INET, out);
        routes.linkDown(index, AddressFamily.INET6, out);
        neighbors.flush(index, AddressFamily.INET6, out);
        addresses.removeLink(index, AddressFamily.INET6, out);
    }

    /** {@code NETDEV_UP}: lo gets 127.0.0.1/8 and ::1, as {@code inetdev_event} and {@code init_loopback} add them. */
    private void cameUp(int index, List<Notice> out) {
        if (index != LinkTable.LOOPBACK_INDEX) {
            return;
        }
        for (String address : List.of("127.0.0.1", "::1")) {
            InetAddress a = RouteTable.address(ipBytes(address));
            boolean v4 = a.getAddress().length == 4;
            AddressMessage lo = AddressMessage.builder().family(v4 ? AddressFamily.INET : AddressFamily.INET6)
                    .prefixLength(v4 ? 8 : 128).scope(254).index(index).address(a).local(v4 ? a : null)
                    .label(v4 ? "lo" : null).build();
            if (addresses.ofLink(index, lo.family()).stream().noneMatch(e -> a.equals(e.localAddress()))) {
                addresses.add(lo, CREATE | EXCL, Origin.KERNEL, out);
            }
        }
    }

    /** The links a change touched only through carrier (a veth peer, a bridge): their {@code RTM_NEWLINK}. */
    private void settle(Map<Integer, LinkMessage> before, Set<Integer> notified, List<Notice> out) {
        for (Map.Entry<Integer, LinkMessage> e : links.rendered().entrySet()) {
            LinkMessage was = before.get(e.getKey());
            if (was != null && !notified.contains(e.getKey()) && !was.equals(e.getValue())) {
                out.add(linkNotice(RouteMessageType.RTM_NEWLINK, e.getValue(), Origin.KERNEL));
            }
        }
        // NETDEV_CHANGE of a link left without carrier: nexthop_flush_dev (a nexthop needs carrier to be created)
        nexthops.flushCarrierless(out);
    }

    // ---- link removal

    /**
     * {@code unregister_netdevice_many} for a link and its veth peer: a master first releases its ports, every link
     * that is up goes down ({@code RTM_NEWLINK}, then the consequences), then each link loses its IPv4 addresses
     * ({@code RTM_DELADDR}), IPv4 routes (silently), ARP entries, IPv6 routes, NDP entries and addresses, and goes
     * ({@code RTM_DELLINK}).
     */
    private void unregister(LinkMessage link, Origin origin, List<Notice> out) {
        Map<Integer, LinkMessage> before = links.rendered();
        Set<Integer> notified = new HashSet<>();
        List<Integer> gone = new ArrayList<>(List.of(link.index()));
        LinkMessage peer = links.peer(link);
        if (peer != null) {
            gone.add(peer.index());
        }
        for (int index : gone) {
            for (int port : links.ports(index)) {
                if (!gone.contains(port)) {
                    links.put(links.get(port).toBuilder().master(null).build());
                    out.add(linkNotice(RouteMessageType.RTM_NEWLINK, links.render(links.get(port)), Origin.KERNEL));
                    notified.add(port);
                }
            }
        }
        for (int index : gone) {
            LinkMessage l = links.get(index);
            if (l.hasFlags(IFF_UP)) {
                links.put(l.toBuilder().flags(l.flags() & ~IFF_UP).build());
                out.add(linkNotice(RouteMessageType.RTM_NEWLINK, links.render(links.get(index)), Origin.KERNEL));
                wentDown(index, out);
            }
        }
        for (int index : gone) {
            nexthops.flushLink(index, out);
            dropPreferredSources(addresses.removeLink(index, AddressFamily.INET, out));
            routes.removeLink(index, AddressFamily.INET, out);
            neighbors.flush(index, AddressFamily.INET, out);
            routes.removeLink(index, AddressFamily.INET6, out);
            neighbors.flush(index, AddressFamily.INET6, out);
            addresses.removeLink(index, AddressFamily.INET6, out);
            LinkMessage last = links.render(links.get(index));
            links.remove(index);
            out.add(linkNotice(RouteMessageType.RTM_DELLINK, last, origin));
        }
        settle(before, notified, out);
    }

    private void dropPreferredSources(List<AddressMessage> removed) {
        for (AddressMessage a : removed) {
            if (a.family() == AddressFamily.INET && !addresses.hasLocal(a.local())) {
                routes.removePreferredSource(a.local());
            }
        }
    }

    // ---- checks

    /** The link a request names, by index or else by name: ENODEV when there is none, EINVAL when it names none. */
    private LinkMessage named(LinkMessage request) {
        if (request.index() <= 0 && request.name() == null) {
            throw Refusal.of(Refusal.EINVAL);
        }
        LinkMessage link = links.find(request);
        if (link == null) {
            throw Refusal.of(Refusal.ENODEV);
        }
        return link;
    }

    /** {@code dev_validate_mtu} with the Ethernet bounds (lo: up to 65536). */
    private static void checkMtu(int mtu, boolean loopback) {
        if (Integer.toUnsignedLong(mtu) < ETH_MIN_MTU) {
            throw new Refusal(Refusal.EINVAL, "mtu less than device minimum");
        }
        if (Integer.toUnsignedLong(mtu) > (loopback ? LinkTable.LOOPBACK_MTU : ETH_MAX_MTU)) {
            throw new Refusal(Refusal.EINVAL, "mtu greater than device maximum");
        }
    }

    /** {@code do_set_master}, and {@code br_add_if}'s checks when the master is a bridge. */
    private void checkEnslave(LinkMessage port, int masterIndex) {
        if (masterIndex == 0) {
            return;
        }
        LinkMessage master = links.get(masterIndex);
        if (master == null) {
            throw Refusal.of(Refusal.EINVAL);
        }
        if (master.kind() == null || !LinkTable.MASTER_KINDS.contains(master.kind())) {
            throw Refusal.of(Refusal.EOPNOTSUPP);
        }
        if (masterIndex == port.index()) {
            throw Refusal.of(Refusal.ELOOP);
        }
        if (master.kind().equals("bridge")) {
            if (port.hasFlags(IFF_LOOPBACK) || port.linkType() != LinkTable.ARPHRD_ETHER) {
                throw Refusal.of(Refusal.EINVAL);
            }
            if ("bridge".equals(port.kind())) {
                throw new Refusal(Refusal.ELOOP, "Can not enslave a bridge to a bridge");
            }
        }
    }

    /** {@code rtnl_dev_combine_flags}: {@code ifi_change} 0 means every bit of {@code ifi_flags} counts. */
    private static int combine(int current, int flags, int change) {
        int wanted = change != 0 ? (flags & change) | (current & ~change) : flags;
        return (current & ~CHANGEABLE_FLAGS) | (wanted & CHANGEABLE_FLAGS);
    }

    private static Notice linkNotice(int type, LinkMessage link, Origin origin) {
        return Notice.of(RouteGroup.LINK.group(), type, 0, link.encode(), origin);
    }

    private static byte[] ipBytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
