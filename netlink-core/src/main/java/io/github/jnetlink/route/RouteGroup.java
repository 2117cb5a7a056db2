package io.github.jnetlink.route;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The rtnetlink multicast groups ({@code enum rtnetlink_groups}, {@code RTNLGRP_*} of
 * {@code <linux/rtnetlink.h>}). A {@code NETLINK_ROUTE} socket that joins a group
 * ({@link io.github.jnetlink.Conn#joinGroup(int)} with {@link #group()}) receives the kernel's notification
 * for every change of that kind, in the socket's network namespace. The numbers 0 ({@code RTNLGRP_NONE}),
 * 14 and 17 ({@code RTNLGRP_NOP2}, {@code RTNLGRP_NOP4}) are not groups and have no constant.
 *
 * <p>Each group has a stable lowercase, dash-separated {@link #kebabName()} ({@code link},
 * {@code ipv4-ifaddr}, {@code ipv6-route}): the names configuration files use. {@link #fromName(String)}
 * accepts that form, the constant's name and the kernel's name, in any case.
 */
public enum RouteGroup {
    /** {@code RTNLGRP_LINK} (1, {@code link}): links created, changed or deleted ({@code RTM_NEWLINK}, {@code RTM_DELLINK}). */
    LINK(1, "RTNLGRP_LINK"),
    /** {@code RTNLGRP_NOTIFY} (2, {@code notify}): messages a user-space sender multicasts with {@code NLM_F_ECHO}-style notification; little used. */
    NOTIFY(2, "RTNLGRP_NOTIFY"),
    /** {@code RTNLGRP_NEIGH} (3, {@code neigh}): neighbour (ARP, NDP, bridge FDB) entries ({@code RTM_NEWNEIGH}, {@code RTM_DELNEIGH}). */
    NEIGH(3, "RTNLGRP_NEIGH"),
    /** {@code RTNLGRP_TC} (4, {@code tc}): traffic control qdiscs, classes, filters and actions. */
    TC(4, "RTNLGRP_TC"),
    /** {@code RTNLGRP_IPV4_IFADDR} (5, {@code ipv4-ifaddr}): IPv4 addresses added or removed ({@code RTM_NEWADDR}, {@code RTM_DELADDR}). */
    IPV4_IFADDR(5, "RTNLGRP_IPV4_IFADDR"),
    /** {@code RTNLGRP_IPV4_MROUTE} (6, {@code ipv4-mroute}): IPv4 multicast routes. */
    IPV4_MROUTE(6, "RTNLGRP_IPV4_MROUTE"),
    /** {@code RTNLGRP_IPV4_ROUTE} (7, {@code ipv4-route}): IPv4 routes added or removed ({@code RTM_NEWROUTE}, {@code RTM_DELROUTE}). */
    IPV4_ROUTE(7, "RTNLGRP_IPV4_ROUTE"),
    /** {@code RTNLGRP_IPV4_RULE} (8, {@code ipv4-rule}): IPv4 policy routing rules. */
    IPV4_RULE(8, "RTNLGRP_IPV4_RULE"),
    /** {@code RTNLGRP_IPV6_IFADDR} (9, {@code ipv6-ifaddr}): IPv6 addresses added, changed or removed. */
    IPV6_IFADDR(9, "RTNLGRP_IPV6_IFADDR"),
    /** {@code RTNLGRP_IPV6_MROUTE} (10, {@code ipv6-mroute}): IPv6 multicast routes. */
    IPV6_MROUTE(10, "RTNLGRP_IPV6_MROUTE"),
    /** {@code RTNLGRP_IPV6_ROUTE} (11, {@code ipv6-route}): IPv6 routes added or removed. */
    IPV6_ROUTE(11, "RTNLGRP_IPV6_ROUTE"),
    /** {@code RTNLGRP_IPV6_IFINFO} (12, {@code ipv6-ifinfo}): IPv6 per-link information (router advertisement state). */
    IPV6_IFINFO(12, "RTNLGRP_IPV6_IFINFO"),
    /** {@code RTNLGRP_DECnet_IFADDR} (13, {@code decnet-ifaddr}): DECnet addresses; DECnet was removed in Linux 6.1, the number stays reserved. */
    DECNET_IFADDR(13, "RTNLGRP_DECnet_IFADDR"),
    /** {@code RTNLGRP_DECnet_ROUTE} (15, {@code decnet-route}): DECnet routes; removed in Linux 6.1. */
    DECNET_ROUTE(15, "RTNLGRP_DECnet_ROUTE"),
    /** {@code RTNLGRP_DECnet_RULE} (16, {@code decnet-rule}): DECnet rules; removed in Linux 6.1. */
    DECNET_RULE(16, "RTNLGRP_DECnet_RULE"),
    /** {@code RTNLGRP_IPV6_PREFIX} (18, {@code ipv6-prefix}): IPv6 prefixes learned from router advertisements ({@code RTM_NEWPREFIX}). */
    IPV6_PREFIX(18, "RTNLGRP_IPV6_PREFIX"),
    /** {@code RTNLGRP_IPV6_RULE} (19, {@code ipv6-rule}): IPv6 policy routing rules. */
    IPV6_RULE(19, "RTNLGRP_IPV6_RULE"),
    /** {@code RTNLGRP_ND_USEROPT} (20, {@code nd-useropt}): IPv6 neighbour discovery options for user space, such as RDNSS ({@code RTM_NEWNDUSEROPT}). */
    ND_USEROPT(20, "RTNLGRP_ND_USEROPT"),
    /** {@code RTNLGRP_PHONET_IFADDR} (21, {@code phonet-ifaddr}): Phonet addresses. */
    PHONET_IFADDR(21, "RTNLGRP_PHONET_IFADDR"),
    /** {@code RTNLGRP_PHONET_ROUTE} (22, {@code phonet-route}): Phonet routes. */
    PHONET_ROUTE(22, "RTNLGRP_PHONET_ROUTE"),
    /** {@code RTNLGRP_DCB} (23, {@code dcb}): data center bridging settings. */
    DCB(23, "RTNLGRP_DCB"),
    /** {@code RTNLGRP_IPV4_NETCONF} (24, {@code ipv4-netconf}): IPv4 per-device configuration ({@code RTM_NEWNETCONF}). */
    IPV4_NETCONF(24, "RTNLGRP_IPV4_NETCONF"),
    /** {@code RTNLGRP_IPV6_NETCONF} (25, {@code ipv6-netconf}): IPv6 per-device configuration. */
    IPV6_NETCONF(25, "RTNLGRP_IPV6_NETCONF"),
    /** {@code RTNLGRP_MDB} (26, {@code mdb}): bridge multicast database entries. */
    MDB(26, "RTNLGRP_MDB"),
    /** {@code RTNLGRP_MPLS_ROUTE} (27, {@code mpls-route}): MPLS routes. */
    MPLS_ROUTE(27, "RTNLGRP_MPLS_ROUTE"),
    /** {@code RTNLGRP_NSID} (28, {@code nsid}): network namespace IDs assigned or removed. */
    NSID(28, "RTNLGRP_NSID"),
    /** {@code RTNLGRP_MPLS_NETCONF} (29, {@code mpls-netconf}): MPLS per-device configuration. */
    MPLS_NETCONF(29, "RTNLGRP_MPLS_NETCONF"),
    /** {@code RTNLGRP_IPV4_MROUTE_R} (30, {@code ipv4-mroute-r}): IPv4 multicast routing cache reports ({@code RTM_NEWCACHEREPORT}). */
    IPV4_MROUTE_R(30, "RTNLGRP_IPV4_MROUTE_R"),
    /** {@code RTNLGRP_IPV6_MROUTE_R} (31, {@code ipv6-mroute-r}): IPv6 multicast routing cache reports. */
    IPV6_MROUTE_R(31, "RTNLGRP_IPV6_MROUTE_R"),
    /** {@code RTNLGRP_NEXTHOP} (32, {@code nexthop}): nexthop objects ({@code RTM_NEWNEXTHOP}, {@code RTM_DELNEXTHOP}). */
    NEXTHOP(32, "RTNLGRP_NEXTHOP"),
    /** {@code RTNLGRP_BRVLAN} (33, {@code brvlan}): bridge VLAN entries ({@code RTM_NEWVLAN}, {@code RTM_DELVLAN}). */
    BRVLAN(33, "RTNLGRP_BRVLAN"),
    /** {@code RTNLGRP_MCTP_IFADDR} (34, {@code mctp-ifaddr}): MCTP addresses. */
    MCTP_IFADDR(34, "RTNLGRP_MCTP_IFADDR"),
    /** {@code RTNLGRP_TUNNEL} (35, {@code tunnel}): tunnel entries ({@code RTM_NEWTUNNEL}, {@code RTM_DELTUNNEL}). */
    TUNNEL(35, "RTNLGRP_TUNNEL"),
    /** {@code RTNLGRP_STATS} (36, {@code stats}): link statistics changes ({@code RTM_NEWSTATS}). */
    STATS(36, "RTNLGRP_STATS"),
    /** {@code RTNLGRP_IPV4_MCADDR} (37, {@code ipv4-mcaddr}): IPv4 multicast addresses joined or left (Linux 6.13 and later). */
    IPV4_MCADDR(37, "RTNLGRP_IPV4_MCADDR"),
    /** {@code RTNLGRP_IPV6_MCADDR} (38, {@code ipv6-mcaddr}): IPv6 multicast addresses joined or left (Linux 6.13 and later). */
    IPV6_MCADDR(38, "RTNLGRP_IPV6_MCADDR"),
    /** {@code RTNLGRP_IPV6_ACADDR} (39, {@code ipv6-acaddr}): IPv6 anycast addresses added or removed (Linux 6.14 and later). */
    IPV6_ACADDR(39, "RTNLGRP_IPV6_ACADDR");

    private static final RouteGroup[] BY_NUMBER = new RouteGroup[40];
    private static final Map<String, RouteGroup> BY_NAME = new HashMap<>();

    static {
        for (RouteGroup g : values()) {
            BY_NUMBER[g.group] = g;
            BY_NAME.put(g.kebabName, g);
        }
    }

    private final int group;
    private final String kernelName;
    private final String kebabName;

    RouteGroup(int group, String kernelName) {
        this.group = group;
        this.kernelName = kernelName;
        this.kebabName = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @return the kernel's group number, for {@link io.github.jnetlink.Conn#joinGroup(int)}; groups 1 to 32 can
     *         also be joined at bind time with the bit {@code 1 << (group() - 1)} of
     *         {@link io.github.jnetlink.Config#groups()}
     */
    public int group() {
        return group;
    }

    /**
     * @return the stable configuration name: the constant's name in lower case with dashes, such as
     *         {@code "ipv4-ifaddr"}
     */
    public String kebabName() {
        return kebabName;
    }

    /**
     * @return the name in the kernel headers, such as {@code "RTNLGRP_IPV4_IFADDR"} or
     *         {@code "RTNLGRP_DECnet_ROUTE"}
     */
    public String kernelName() {
        return kernelName;
    }

    /**
     * Resolves a group by name, ignoring case and surrounding blanks: the {@link #kebabName()}
     * ({@code "ipv4-ifaddr"}), the constant's name ({@code "IPV4_IFADDR"}) or the kernel's
     * ({@code "RTNLGRP_IPV4_IFADDR"}); dashes and underscores are interchangeable.
     *
     * @param name the name
     * @return the group
     * @throws NetlinkException naming every valid name when {@code name} is null or names no group
     */
    public static RouteGroup fromName(String name) {
        if (name != null) {
            String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            if (key.startsWith("rtnlgrp-")) {
                key = key.substring("rtnlgrp-".length());
            }
            RouteGroup g = BY_NAME.get(key);
            if (g != null) {
                return g;
            }
        }
        throw new NetlinkArgumentException("unknown rtnetlink multicast group " + (name == null ? "null" : "'" + name + "'")
                + "; valid names are " + validNames() + " (or the RTNLGRP_ names of <linux/rtnetlink.h>)");
    }

    /**
     * Resolves a group by its kernel number.
     *
     * @param group the number, such as 5 for {@code RTNLGRP_IPV4_IFADDR}
     * @return the group
     * @throws NetlinkException when no rtnetlink group has that number (0, 14, 17, or above the last known one)
     */
    public static RouteGroup fromNumber(int group) {
        RouteGroup g = group >= 0 && group < BY_NUMBER.length ? BY_NUMBER[group] : null;
        if (g == null) {
            throw new NetlinkArgumentException("unknown rtnetlink multicast group number " + group
                    + "; groups are 1 to " + (BY_NUMBER.length - 1) + " except 14 and 17");
        }
        return g;
    }

    private static String validNames() {
        StringBuilder b = new StringBuilder();
        for (RouteGroup g : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(g.kebabName);
        }
        return b.toString();
    }
}
