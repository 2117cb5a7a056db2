package io.github.jnetlink.test;

import static io.github.jnetlink.HeaderFlags.EXCL;
import static io.github.jnetlink.HeaderFlags.REPLACE;

import io.github.jnetlink.route.AddressCacheInfo;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMessageType;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The IPv4 and IPv6 addresses of one fake namespace, with the rules of {@code devinet.c} ({@code inet_rtm_newaddr},
 * {@code inet_rtm_deladdr}, secondary addresses) and {@code addrconf.c} ({@code inet6_rtm_newaddr},
 * {@code inet6_addr_del}). Each change appends the notifications the kernel sends to {@code out}, and either
 * changes the table and returns or throws a {@link Refusal} having changed nothing. Not thread-safe.
 */
final class AddressTable {

    private static final int IFA_F_SECONDARY = AddressMessage.IFA_F_SECONDARY;
    private static final int IFA_F_DEPRECATED = 0x20;
    private static final int IFA_F_PERMANENT = AddressMessage.IFA_F_PERMANENT;
    /** The flags {@code inet6_rtm_newaddr} takes from a request; it computes the others. */
    private static final int IPV6_REQUEST_FLAGS = 0x02 | 0x04 | 0x10 | 0x100 | 0x200 | 0x400;
    private static final int RT_SCOPE_SITE = 200;
    private static final int RT_SCOPE_LINK = 253;
    private static final int RT_SCOPE_HOST = 254;

    /** An address and when it was added, which orders a link's addresses as the kernel's lists do. */
    private record Stored(long serial, AddressMessage address) {
    }

    private final LinkTable links;
    private final List<Stored> stored = new ArrayList<>();
    private long serial;

    AddressTable(LinkTable links) {
        this.links = links;
    }

    /**
     * Every address of {@code family} ({@code AF_UNSPEC} or another family: all) in the order a dump lists them:
     * IPv4 before IPv6, each by link; on a link IPv4 primaries then secondaries, each in the order added, and IPv6
     * by decreasing scope, the newest first within a scope, as {@code ipv6_link_dev_addr} inserts them.
     */
    List<AddressMessage> dump(int family) {
        List<Stored> sorted = new ArrayList<>(stored);
        sorted.sort(Comparator.<Stored>comparingInt(s -> s.address.family() == AddressFamily.INET ? 0 : 1)
                .thenComparingInt(s -> s.address.index())
                .thenComparingInt(s -> s.address.family() == AddressFamily.INET
                        ? s.address.allFlags() & IFA_F_SECONDARY : -sourceScope(s.address.localAddress()))
                .thenComparingLong(s -> s.address.family() == AddressFamily.INET ? s.serial : -s.serial));
        List<AddressMessage> out = new ArrayList<>();
        for (Stored s : sorted) {
            if (family != AddressFamily.INET && family != AddressFamily.INET6 || s.address.family() == family) {
                out.add(s.address);
            }
        }
        return out;
    }

    /** The addresses of one link and family, in dump order. */
    List<AddressMessage> ofLink(int index, int family) {
        return dump(family).stream().filter(a -> a.index() == index).toList();
    }

    /** Whether any link has the IPv4 address {@code local}. */
    boolean hasLocal(InetAddress local) {
        return stored.stream().anyMatch(s -> local.equals(s.address.local()));
    }

    /** {@code RTM_NEWADDR}. */
    void add(AddressMessage request, int flags, Origin origin, List<Notice> out) {
        switch (request.family()) {
            case AddressFamily.INET -> addIpv4(request, flags, origin, out);
            case AddressFamily.INET6 -> addIpv6(request, flags, out);
            default -> throw Refusal.of(Refusal.EOPNOTSUPP);
        }
    }

    /** {@code RTM_DELADDR}; returns what it removed. */
    List<AddressMessage> delete(AddressMessage request, Origin origin, List<Notice> out) {
        return switch (request.family()) {
            case AddressFamily.INET -> deleteIpv4(request, origin, out);
            case AddressFamily.INET6 -> List.of(deleteIpv6(request, out));
            default -> throw Refusal.of(Refusal.EOPNOTSUPP);
        };
    }

    /** {@code RTM_GETADDR} without {@code NLM_F_DUMP}: IPv6 only, as IPv4 has no such handler. */
    AddressMessage get(AddressMessage request) {
        if (request.family() != AddressFamily.INET6) {
            throw Refusal.of(Refusal.EOPNOTSUPP);
        }
        InetAddress address = request.localAddress();
        if (address == null) {
            throw Refusal.of(Refusal.EINVAL);
        }
        for (AddressMessage a : dump(AddressFamily.INET6)) {
            if ((request.index() == 0 || a.index() == request.index()) && address.equals(own(a))) {
                return a;
            }
        }
        throw Refusal.of(Refusal.EADDRNOTAVAIL);
    }

    /**
     * The addresses of {@code family} on a link that goes away, as {@code inetdev_destroy} and {@code addrconf_ifdown}
     * remove them; returns what it removed.
     */
    List<AddressMessage> removeLink(int index, int family, List<Notice> out) {
        List<AddressMessage> removed = new ArrayList<>();
        List<AddressMessage> left = ofLink(index, family);
        while (!left.isEmpty()) {
            removed.addAll(family == AddressFamily.INET ? removeIpv4(left.get(0), Origin.KERNEL, out)
                    : List.of(removeOne(left.get(0), RouteGroup.IPV6_IFADDR, Origin.KERNEL, out)));
            left = ofLink(index, family);
        }
        return removed;
    }

    /**
     * A link was renamed: its IPv4 labels follow as {@code inetdev_changename} rewrites them (the first becomes the
     * new name, the others keep their {@code ":suffix"} or get {@code ":N"}), each announced with {@code RTM_NEWADDR}.
     */
    void renameLink(int index, String oldName, String newName, List<Notice> out) {
        List<AddressMessage> mine = ofLink(index, AddressFamily.INET);
        for (int i = 0; i < mine.size(); i++) {
            AddressMessage a = mine.get(i);
            String label = newName;
            if (i > 0) {
                String old = a.label() == null ? "" : a.label();
                String suffix = old.indexOf(':') >= 0 ? old.substring(old.indexOf(':')) : ":" + (i + 1);
                int room = LinkTable.IFNAMSIZ - 1 - suffix.length();
                label = (newName.length() > room ? newName.substring(0, Math.max(0, room)) : newName) + suffix;
            }
            replace(a, a.toBuilder().label(label).build(), RouteGroup.IPV4_IFADDR, Origin.KERNEL, out);
        }
    }

    private void addIpv4(AddressMessage request, int flags, Origin origin, List<Notice> out) {
        if (request.prefixLength() > 32) {
            throw new Refusal(Refusal.EINVAL, "ipv4: Invalid prefix length");
        }
        if (request.local() == null) {
            throw new Refusal(Refusal.EINVAL, "ipv4: Local address is not supplied");
        }
        LinkMessage link = links.get(request.index());
        if (link == null) {
            throw new Refusal(Refusal.ENODEV, "ipv4: Device not found");
        }
        AddressCacheInfo lifetimes = lifetimes(request, "ipv4: address lifetime invalid");
        int all = lifetimeFlags(request.allFlags() & ~IFA_F_SECONDARY, lifetimes);
        AddressMessage a = request.toBuilder().type(RouteMessageType.RTM_NEWADDR)
                .address(request.address() != null ? request.address() : request.local())
                .label(request.label() != null ? request.label() : link.name()).cacheInfo(lifetimes)
                .flags(all & 0xFF).extendedFlags(all).build();
        for (AddressMessage existing : ofLink(a.index(), AddressFamily.INET)) {
            if (existing.prefixLength() == a.prefixLength() && sameSubnet(existing.address(), a)) {
                if (existing.local().equals(a.local())) {
                    // find_matching_ifa: the same address; only NLM_F_REPLACE without NLM_F_EXCL may change it
                    if ((flags & EXCL) != 0 || (flags & REPLACE) == 0) {
                        throw new Refusal(Refusal.EEXIST, "ipv4: Address already assigned");
                    }
                    int kept = lifetimeFlags(existing.allFlags(), lifetimes);
                    replace(existing, existing.toBuilder().cacheInfo(lifetimes).flags(kept & 0xFF).extendedFlags(kept)
                            .unknown(a.unknown()).build(), RouteGroup.IPV4_IFADDR, origin, out);
                    return;
                }
            }
        }
        int secondary = 0;
        for (AddressMessage existing : ofLink(a.index(), AddressFamily.INET)) {
            if (existing.prefixLength() == a.prefixLength() && sameSubnet(existing.address(), a)) {
                if (existing.scope() != a.scope()) {
                    throw new Refusal(Refusal.EINVAL, "ipv4: Invalid scope value");
                }
                secondary = IFA_F_SECONDARY;
            }
        }
        insert(a.toBuilder().flags(a.flags() | secondary).extendedFlags(all | secondary).build(),
                RouteGroup.IPV4_IFADDR, origin, out);
    }

    private void addIpv6(AddressMessage request, int flags, List<Notice> out) {
        InetAddress own = request.localAddress();
        if (own == null) {
            throw Refusal.of(Refusal.EINVAL);
        }
        InetAddress peer = request.local() != null && request.address() != null && !request.address().equals(own)
                ? request.address() : null;
        if (links.get(request.index()) == null) {
            throw new Refusal(Refusal.ENODEV, "ipv6: Unable to find the interface");
        }
        if (request.prefixLength() > 128) {
            throw new Refusal(Refusal.EINVAL, "ipv6: Invalid prefix length");
        }
        AddressCacheInfo lifetimes = lifetimes(request, "");
        int all = lifetimeFlags(request.allFlags() & IPV6_REQUEST_FLAGS, lifetimes);
        AddressMessage a = request.toBuilder().type(RouteMessageType.RTM_NEWADDR).address(peer != null ? peer : own)
                .local(peer != null ? own : null).label(null).broadcast(null).scope(scope(own)).cacheInfo(lifetimes)
                .flags(all & 0xFF).extendedFlags(all).build();
        for (AddressMessage existing : ofLink(a.index(), AddressFamily.INET6)) {
            if (own(existing).equals(own)) {
                if ((flags & EXCL) != 0 || (flags & REPLACE) == 0) {
                    throw new Refusal(Refusal.EEXIST, "ipv6: address already assigned");
                }
                replace(existing, existing.toBuilder().cacheInfo(lifetimes).flags(all & 0xFF).extendedFlags(all)
                        .unknown(a.unknown()).build(), RouteGroup.IPV6_IFADDR, Origin.KERNEL, out);
                return;
            }
        }
        insert(a, RouteGroup.IPV6_IFADDR, Origin.KERNEL, out);
    }

    private List<AddressMessage> deleteIpv4(AddressMessage request, Origin origin, List<Notice> out) {
        if (links.get(request.index()) == null) {
            throw new Refusal(Refusal.ENODEV, "ipv4: Device not found");
        }
        for (AddressMessage a : ofLink(request.index(), AddressFamily.INET)) {
            if ((request.local() == null || request.local().equals(a.local()))
                    && (request.label() == null || request.label().equals(a.label()))
                    && (request.address() == null || request.prefixLength() == a.prefixLength()
                    && sameSubnet(request.address(), a))) {
                return removeIpv4(a, origin, out);
            }
        }
        throw new Refusal(Refusal.EADDRNOTAVAIL, "ipv4: Address not found");
    }

    /** {@code __inet_del_ifa} without promotion: a primary takes its secondaries with it, which go first. */
    private List<AddressMessage> removeIpv4(AddressMessage a, Origin origin, List<Notice> out) {
        List<AddressMessage> removed = new ArrayList<>();
        if ((a.allFlags() & IFA_F_SECONDARY) == 0) {
            for (AddressMessage s : ofLink(a.index(), AddressFamily.INET)) {
                if ((s.allFlags() & IFA_F_SECONDARY) != 0 && s.prefixLength() == a.prefixLength()
                        && sameSubnet(a.address(), s)) {
                    removed.add(removeOne(s, RouteGroup.IPV4_IFADDR, origin, out));
                }
            }
        }
        removed.add(removeOne(a, RouteGroup.IPV4_IFADDR, origin, out));
        return removed;
    }

    private AddressMessage deleteIpv6(AddressMessage request, List<Notice> out) {
        InetAddress own = request.localAddress();
        if (own == null) {
            throw Refusal.of(Refusal.EINVAL);
        }
        if (request.prefixLength() > 128) {
            throw new Refusal(Refusal.EINVAL, "ipv6: Invalid prefix length");
        }
        if (links.get(request.index()) == null) {
            throw new Refusal(Refusal.ENODEV, "ipv6: Unable to find the interface");
        }
        for (AddressMessage a : ofLink(request.index(), AddressFamily.INET6)) {
            if (a.prefixLength() == request.prefixLength() && own(a).equals(own)) {
                return removeOne(a, RouteGroup.IPV6_IFADDR, Origin.KERNEL, out);
            }
        }
        throw new Refusal(Refusal.EADDRNOTAVAIL, "ipv6: address not found");
    }

    private void insert(AddressMessage a, RouteGroup group, Origin origin, List<Notice> out) {
        stored.add(new Stored(serial++, a));
        out.add(Notice.of(group.group(), RouteMessageType.RTM_NEWADDR, 0, a.encode(), origin));
    }

    private void replace(AddressMessage old, AddressMessage now, RouteGroup group, Origin origin, List<Notice> out) {
        for (int i = 0; i < stored.size(); i++) {
            if (stored.get(i).address.equals(old)) {
                stored.set(i, new Stored(stored.get(i).serial, now));
            }
        }
        out.add(Notice.of(group.group(), RouteMessageType.RTM_NEWADDR, 0, now.encode(), origin));
    }

    private AddressMessage removeOne(AddressMessage a, RouteGroup group, Origin origin, List<Notice> out) {
        stored.removeIf(s -> s.address.equals(a));
        out.add(Notice.of(group.group(), RouteMessageType.RTM_DELADDR, 0, a.encode(), origin));
        return a;
    }

    /** The lifetimes of {@code IFA_CACHEINFO}, forever when absent; timestamps are 0. */
    private static AddressCacheInfo lifetimes(AddressMessage request, String invalid) {
        AddressCacheInfo ci = request.cacheInfo();
        if (ci == null) {
            return new AddressCacheInfo(AddressCacheInfo.FOREVER, AddressCacheInfo.FOREVER, 0, 0);
        }
        if (ci.valid() == 0 || Integer.compareUnsigned(ci.preferred(), ci.valid()) > 0) {
            throw new Refusal(Refusal.EINVAL, invalid);
        }
        return new AddressCacheInfo(ci.preferred(), ci.valid(), 0, 0);
    }

    /** {@code set_ifa_lifetime}: permanent when valid forever, deprecated when no longer preferred. */
    private static int lifetimeFlags(int flags, AddressCacheInfo lifetimes) {
        int f = flags & ~(IFA_F_PERMANENT | IFA_F_DEPRECATED);
        if (lifetimes.valid() == AddressCacheInfo.FOREVER) {
            f |= IFA_F_PERMANENT;
        }
        return lifetimes.preferred() == 0 ? f | IFA_F_DEPRECATED : f;
    }

    /** {@code inet_ifa_match}: whether {@code address} is in the subnet of {@code a}. */
    private static boolean sameSubnet(InetAddress address, AddressMessage a) {
        int length = a.prefixLength();
        return address != null && a.address() != null
                && RouteTable.prefix(address, length).equals(RouteTable.prefix(a.address(), length));
    }

    /** The link's own address of an IPv6 entry: {@code IFA_LOCAL} for a peer address, else {@code IFA_ADDRESS}. */
    private static InetAddress own(AddressMessage a) {
        return a.localAddress();
    }

    /** The {@code rtm_scope} of an IPv6 address, as {@code inet6_fill_ifaddr} reports it. */
    static int scope(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return RT_SCOPE_HOST;
        }
        if (a.isLinkLocalAddress()) {
            return RT_SCOPE_LINK;
        }
        return a.isSiteLocalAddress() ? RT_SCOPE_SITE : 0;
    }

    /** {@code ipv6_addr_src_scope}'s order: global above site above link above host. */
    private static int sourceScope(InetAddress a) {
        return switch (scope(a)) {
            case RT_SCOPE_HOST -> 1;
            case RT_SCOPE_LINK -> 2;
            case RT_SCOPE_SITE -> 5;
            default -> 14;
        };
    }
}
