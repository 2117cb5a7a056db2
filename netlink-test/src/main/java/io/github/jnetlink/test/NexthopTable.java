package io.github.jnetlink.test;

import static io.github.jnetlink.HeaderFlags.CREATE;
import static io.github.jnetlink.HeaderFlags.REPLACE;
import static io.github.jnetlink.route.LinkMessage.IFF_LOWER_UP;
import static io.github.jnetlink.route.LinkMessage.IFF_RUNNING;
import static io.github.jnetlink.route.LinkMessage.IFF_UP;

import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.NextHop;
import io.github.jnetlink.route.NexthopMessage;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The nexthop objects of one fake namespace, with the rules of {@code rtm_new_nexthop}, {@code rtm_del_nexthop} and
 * {@code nexthop_flush_dev} ({@code net/ipv4/nexthop.c}): kept by ID (dumped in ID order), an ID 0 given the next
 * unused one after the last allocated, a group's members existing single paths. Deleting a nexthop notifies it, then
 * takes the routes using it (the {@link Users}), then shrinks each group holding it, the most recently joined first,
 * notifying the group ({@code RTM_NEWNEXTHOP}) or, once it is empty, removing it in turn. Flushing a link does the
 * same silently (only the IPv6 routes' deletion is notified). Each change appends the notifications the kernel sends
 * to {@code out}, or throws a {@link Refusal} having changed nothing. Not thread-safe.
 */
final class NexthopTable {

    /** What the routes do when nexthops go or change: implemented by the {@link RouteTable}. */
    interface Users {

        /** Nexthop {@code id} goes: its IPv4 routes silently, its IPv6 ones with {@code RTM_DELROUTE}. */
        void nexthopRemoved(int id, List<Notice> out);

        /** The paths of nexthops {@code ids} changed: each route using one gets {@code RTM_NEWROUTE}. */
        void nexthopsReplaced(Set<Integer> ids, Origin origin, List<Notice> out);
    }

    private static final int RTNH_F_ONLINK = NextHop.RTNH_F_ONLINK;
    private static final int RT_SCOPE_LINK = 253;

    private final LinkTable links;
    private final Map<Integer, NexthopMessage> byId = new TreeMap<>(Integer::compareUnsigned);
    /** For each single nexthop, the groups holding it, most recently joined first ({@code nh->grp_list}). */
    private final Map<Integer, List<Integer>> parents = new TreeMap<>(Integer::compareUnsigned);
    private Users users;
    private int lastId;

    NexthopTable(LinkTable links) {
        this.links = links;
    }

    void users(Users users) {
        this.users = users;
    }

    /** Every nexthop in ID order; a dump's {@code NHA_GROUPS} asks for groups only, {@code NHA_OIF} for one link's. */
    List<NexthopMessage> dump(NexthopMessage filter) {
        return byId.values().stream().filter(n -> !filter.groups() || n.isGroup())
                .filter(n -> filter.index() == null || filter.index().equals(n.index())).toList();
    }

    /** The nexthop of that ID, or null. */
    NexthopMessage find(int id) {
        return byId.get(id);
    }

    /** {@code RTM_GETNEXTHOP} by {@code NHA_ID}. */
    NexthopMessage get(NexthopMessage request) {
        NexthopMessage n = byId.get(requestedId(request));
        if (n == null) {
            throw Refusal.of(Refusal.ENOENT);
        }
        return n;
    }

    /** {@code RTM_NEWNEXTHOP}: a new nexthop, or with {@code NLM_F_REPLACE} a new version of one. */
    void add(NexthopMessage request, int flags, Origin origin, List<Notice> out) {
        NexthopMessage n = checked(request);
        boolean replace = (flags & REPLACE) != 0;
        int requested = n.id() == null ? 0 : n.id();
        if (replace && requested == 0) {
            throw new Refusal(Refusal.EINVAL, "Replace requires nexthop id");
        }
        NexthopMessage old = byId.get(requested);
        if (old != null && !replace) {
            throw Refusal.of(Refusal.EEXIST);
        }
        if (old == null && replace && (flags & CREATE) == 0) {
            throw new Refusal(Refusal.ENOENT, "Replace specified without create and no entry exists");
        }
        if (old != null && old.isGroup() != n.isGroup()) {
            throw new Refusal(Refusal.EINVAL, old.isGroup() ? "Can not replace a nexthop group with a nexthop."
                    : "Can not replace a nexthop with a nexthop group.");
        }
        if (old != null && n.isGroup() && n.group().stream().anyMatch(m -> m.id() == requested)) {
            throw new Refusal(Refusal.EINVAL, "Invalid nexthop id");
        }
        int id = requested == 0 ? unusedId() : requested;
        NexthopMessage stored = n.toBuilder().id(id).build();
        if (old != null && old.isGroup()) {
            old.group().forEach(m -> parents.getOrDefault(m.id(), new ArrayList<>()).remove(stored.id()));
        }
        byId.put(id, stored);
        for (NexthopMessage.Member m : stored.group()) {
            parents.computeIfAbsent(m.id(), k -> new ArrayList<>()).add(0, stored.id());
        }
        out.add(notice(RouteMessageType.RTM_NEWNEXTHOP, stored, flags, origin));
        if (old != null) {
            Set<Integer> changed = new LinkedHashSet<>(List.of(id));
            changed.addAll(parents.getOrDefault(id, List.of()));
            users.nexthopsReplaced(changed, origin, out);
        }
    }

    /** {@code RTM_DELNEXTHOP} by {@code NHA_ID}. */
    void delete(NexthopMessage request, int flags, Origin origin, List<Notice> out) {
        int id = requestedId(request);
        if (!byId.containsKey(id)) {
            throw Refusal.of(Refusal.ENOENT);
        }
        remove(id, true, flags, origin, out);
    }

    /**
     * {@code nexthop_flush_dev}: a link went down, lost carrier or went away, and with it, silently, its nexthops
     * (blackholes stay) and what hangs on them.
     */
    void flushLink(int index, List<Notice> out) {
        for (NexthopMessage n : List.copyOf(byId.values())) {
            if (!n.isGroup() && n.index() != null && n.index() == index && byId.containsKey(n.id())) {
                remove(n.id(), false, 0, Origin.KERNEL, out);
            }
        }
    }

    /** {@code NETDEV_CHANGE} without carrier (neither {@code IFF_RUNNING} nor {@code IFF_LOWER_UP}): a flush. */
    void flushCarrierless(List<Notice> out) {
        Set<Integer> flushed = new HashSet<>();
        for (NexthopMessage n : List.copyOf(byId.values())) {
            Integer index = n.index();
            if (index != null && !flushed.contains(index)) {
                LinkMessage link = links.get(index);
                LinkMessage shown = link == null ? null : links.render(link);
                if (shown == null || !shown.hasFlags(IFF_UP) || (shown.flags() & (IFF_RUNNING | IFF_LOWER_UP)) == 0) {
                    flushed.add(index);
                    flushLink(index, out);
                }
            }
        }
    }

    /**
     * A route's path through nexthop {@code id} as the kernel's route dump shows it: {@code RTA_OIF} and
     * {@code RTA_GATEWAY} for a single path (lo for a blackhole, and the route type blackhole), {@code RTA_MULTIPATH}
     * for a group.
     */
    RouteMessage.Builder paths(RouteMessage.Builder b, int id) {
        NexthopMessage n = byId.get(id);
        if (n == null) {
            return b;
        }
        if (!n.isGroup()) {
            if (n.blackhole()) {
                return b.routeType(RouteMessage.RTN_BLACKHOLE).outputInterface(LinkTable.LOOPBACK_INDEX);
            }
            return b.outputInterface(n.index()).gateway(n.gateway()).flags(n.flags() & 0xFF);
        }
        List<NextHop> hops = new ArrayList<>();
        for (NexthopMessage.Member m : n.group()) {
            NexthopMessage h = byId.get(m.id());
            hops.add(new NextHop(h.flags() & 0xFF, (m.weight() - 1) & 0xFF, h.index() == null
                    ? LinkTable.LOOPBACK_INDEX : h.index(), h.gateway(), List.of()));
        }
        return b.nextHops(hops);
    }

    /** {@code remove_nexthop}: the nexthop, its routes, then the groups holding it. */
    private void remove(int id, boolean notify, int flags, Origin origin, List<Notice> out) {
        NexthopMessage n = byId.get(id);
        if (notify) {
            out.add(notice(RouteMessageType.RTM_DELNEXTHOP, n, flags, origin));
        }
        users.nexthopRemoved(id, out);
        byId.remove(id);
        if (n.isGroup()) {
            n.group().forEach(m -> parents.getOrDefault(m.id(), new ArrayList<>()).remove(Integer.valueOf(id)));
            return;
        }
        for (int groupId : List.copyOf(parents.getOrDefault(id, List.of()))) {
            NexthopMessage g = byId.get(groupId);
            List<NexthopMessage.Member> left = g.group().stream().filter(m -> m.id() != id).toList();
            if (left.isEmpty()) {
                remove(groupId, notify, flags, origin, out);
            } else {
                NexthopMessage shrunk = g.toBuilder().group(left).build();
                byId.put(groupId, shrunk);
                if (notify) {
                    out.add(notice(RouteMessageType.RTM_NEWNEXTHOP, shrunk, flags, origin));
                }
            }
        }
        parents.remove(id);
    }

    /** The nexthop as {@code rtm_to_nh_config} and {@code nh_check_attr_group} check it, as its dump shows it. */
    private NexthopMessage checked(NexthopMessage r) {
        if (r.scope() != 0) {
            throw new Refusal(Refusal.EINVAL, "Invalid values in ancillary header");
        }
        if ((r.flags() & ~RTNH_F_ONLINK) != 0) {
            throw new Refusal(Refusal.EINVAL, "Invalid nexthop flags in ancillary header");
        }
        boolean group = !r.group().isEmpty();
        if (r.family() != AddressFamily.INET && r.family() != AddressFamily.INET6
                && !(r.family() == AddressFamily.UNSPEC && group)) {
            throw new Refusal(Refusal.EINVAL, "Invalid address family");
        }
        NexthopMessage.Builder b = NexthopMessage.builder().family(r.family()).protocol(r.protocol()).id(r.id())
                .flags(r.flags()).fdb(r.fdb());
        if (group) {
            return checkedGroup(r, b);
        }
        if (r.blackhole()) {
            if (r.gateway() != null || r.index() != null || r.encap() != null || r.fdb()) {
                throw new Refusal(Refusal.EINVAL, "Blackhole attribute can not be used with gateway, oif, encap or fdb");
            }
            LinkMessage lo = links.get(LinkTable.LOOPBACK_INDEX);
            if (r.family() == AddressFamily.INET && !lo.hasFlags(IFF_UP)) {
                // nh_create_ipv4 checks the blackhole's device, lo, as fib_check_nh does any device
                throw new Refusal(Refusal.ENETDOWN, "Device for nexthop is not up");
            }
            return b.blackhole(true).build();
        }
        if (!r.fdb() && r.index() == null) {
            throw new Refusal(Refusal.EINVAL, "Device attribute required for non-blackhole and non-fdb nexthops");
        }
        if (r.index() != null) {
            LinkMessage link = links.get(r.index());
            if (link == null) {
                throw new Refusal(Refusal.EINVAL, "Invalid device index");
            }
            LinkMessage shown = links.render(link);
            if (!shown.hasFlags(IFF_UP)) {
                throw new Refusal(Refusal.ENETDOWN, "Nexthop device is not up");
            }
            if (!shown.hasFlags(IFF_LOWER_UP)) {
                throw new Refusal(Refusal.ENETDOWN, "Carrier for nexthop device is down");
            }
        }
        int scope = r.family() == AddressFamily.INET6 || r.gateway() != null ? RT_SCOPE_LINK
                : RouteMessage.RT_SCOPE_HOST;
        return b.index(r.index()).gateway(r.gateway()).encap(r.encap()).scope(scope).build();
    }

    private NexthopMessage checkedGroup(NexthopMessage r, NexthopMessage.Builder b) {
        List<NexthopMessage.Member> members = r.group();
        for (int i = 0; i < members.size(); i++) {
            for (int j = i + 1; j < members.size(); j++) {
                if (members.get(i).id() == members.get(j).id()) {
                    throw new Refusal(Refusal.EINVAL, "Nexthop id can not be used twice in a group");
                }
            }
        }
        if (r.index() != null || r.gateway() != null || r.blackhole() || r.encap() != null) {
            throw new Refusal(Refusal.EINVAL, "No other attributes can be set in nexthop groups");
        }
        boolean resilient = r.groupType() != null && r.groupType() == NexthopMessage.NEXTHOP_GRP_TYPE_RES;
        for (NexthopMessage.Member m : members) {
            NexthopMessage n = byId.get(m.id());
            if (n == null) {
                throw new Refusal(Refusal.EINVAL, "Invalid nexthop id");
            }
            if (n.isGroup()) {
                throw new Refusal(Refusal.EINVAL, (resilient ? "Resilient" : "Hash-threshold")
                        + " group can not be a nexthop within a group");
            }
            if (n.blackhole() && members.size() > 1) {
                throw new Refusal(Refusal.EINVAL, "Blackhole nexthop can not be used in a group with more than 1 path");
            }
        }
        return b.group(members).groupType(r.groupType() == null ? NexthopMessage.NEXTHOP_GRP_TYPE_MPATH
                : r.groupType()).resilientGroup(r.resilientGroup())
                .opFlags(NexthopMessage.NHA_OP_FLAG_RESP_GRP_RESVD_0).build();
    }

    /** {@code nh_valid_get_del_req}: the {@code NHA_ID} a get or delete names. */
    private static int requestedId(NexthopMessage request) {
        if (request.id() == null) {
            throw new Refusal(Refusal.EINVAL, "Nexthop id is missing");
        }
        if (request.id() == 0) {
            throw new Refusal(Refusal.EINVAL, "Invalid nexthop id");
        }
        return request.id();
    }

    /** {@code nh_find_unused_id}: counting up from the last ID allocated, wrapping past the largest. */
    private int unusedId() {
        for (long tried = 0; tried < 0xFFFFFFFFL; tried++) {
            lastId = lastId == -1 ? 1 : lastId + 1;
            if (lastId != 0 && !byId.containsKey(lastId)) {
                return lastId;
            }
        }
        throw new Refusal(23, "No unused id");
    }

    /** {@code nexthop_notify}: the request's sequence number, port ID and {@code nlmsg_flags} are copied. */
    private static Notice notice(int type, NexthopMessage n, int flags, Origin origin) {
        return Notice.of(RouteGroup.NEXTHOP.group(), type, flags, n.toBuilder().type(type).build().encode(), origin);
    }
}
