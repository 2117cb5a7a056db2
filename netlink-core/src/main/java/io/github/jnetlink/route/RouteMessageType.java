package io.github.jnetlink.route;

import io.github.jnetlink.HeaderType;

/**
 * The rtnetlink message types ({@code RTM_*} of {@code <linux/rtnetlink.h>}), the {@code nlmsg_type} of every
 * {@code NETLINK_ROUTE} message. The kernel groups them in fours by object: {@code NEW}, {@code DEL},
 * {@code GET}, {@code SET}, starting at {@code RTM_BASE} = 16. {@code NEW} and {@code DEL} are both what the
 * kernel multicasts when an object changes and what a request sends to change one.
 *
 * <p>The values are compile-time constants, usable in annotations and {@code switch} labels:
 * <pre>{@code
 * @NetlinkListener(types = {RouteMessageType.RTM_NEWLINK, RouteMessageType.RTM_DELLINK})
 * }</pre>
 */
public final class RouteMessageType {
    /** {@code RTM_NEWLINK} (16): a link was created or changed; as a request, create or change one. */
    public static final int RTM_NEWLINK = 16;
    /** {@code RTM_DELLINK} (17): a link was deleted; as a request, delete one. */
    public static final int RTM_DELLINK = 17;
    /** {@code RTM_GETLINK} (18): request one link, or all with a dump. */
    public static final int RTM_GETLINK = 18;
    /** {@code RTM_SETLINK} (19): change an existing link. */
    public static final int RTM_SETLINK = 19;
    /** {@code RTM_NEWADDR} (20): an address was added; as a request, add one. */
    public static final int RTM_NEWADDR = 20;
    /** {@code RTM_DELADDR} (21): an address was removed; as a request, remove one. */
    public static final int RTM_DELADDR = 21;
    /** {@code RTM_GETADDR} (22): request addresses, usually as a dump. */
    public static final int RTM_GETADDR = 22;
    /** {@code RTM_NEWROUTE} (24): a route was added; as a request, add one. */
    public static final int RTM_NEWROUTE = 24;
    /** {@code RTM_DELROUTE} (25): a route was removed; as a request, remove one. */
    public static final int RTM_DELROUTE = 25;
    /** {@code RTM_GETROUTE} (26): look a route up, or dump the routing tables. */
    public static final int RTM_GETROUTE = 26;
    /** {@code RTM_NEWNEIGH} (28): a neighbour entry was added or changed; as a request, add one. */
    public static final int RTM_NEWNEIGH = 28;
    /** {@code RTM_DELNEIGH} (29): a neighbour entry was removed; as a request, remove one. */
    public static final int RTM_DELNEIGH = 29;
    /** {@code RTM_GETNEIGH} (30): request neighbour entries, usually as a dump. */
    public static final int RTM_GETNEIGH = 30;
    /** {@code RTM_NEWRULE} (32): a policy routing rule was added; as a request, add one. */
    public static final int RTM_NEWRULE = 32;
    /** {@code RTM_DELRULE} (33): a policy routing rule was removed; as a request, remove one. */
    public static final int RTM_DELRULE = 33;
    /** {@code RTM_GETRULE} (34): dump the policy routing rules. */
    public static final int RTM_GETRULE = 34;
    /** {@code RTM_NEWQDISC} (36): a traffic control queueing discipline was added. */
    public static final int RTM_NEWQDISC = 36;
    /** {@code RTM_DELQDISC} (37): a queueing discipline was removed. */
    public static final int RTM_DELQDISC = 37;
    /** {@code RTM_GETQDISC} (38): request queueing disciplines. */
    public static final int RTM_GETQDISC = 38;
    /** {@code RTM_NEWTCLASS} (40): a traffic class was added. */
    public static final int RTM_NEWTCLASS = 40;
    /** {@code RTM_DELTCLASS} (41): a traffic class was removed. */
    public static final int RTM_DELTCLASS = 41;
    /** {@code RTM_GETTCLASS} (42): request traffic classes. */
    public static final int RTM_GETTCLASS = 42;
    /** {@code RTM_NEWTFILTER} (44): a traffic filter was added. */
    public static final int RTM_NEWTFILTER = 44;
    /** {@code RTM_DELTFILTER} (45): a traffic filter was removed. */
    public static final int RTM_DELTFILTER = 45;
    /** {@code RTM_GETTFILTER} (46): request traffic filters. */
    public static final int RTM_GETTFILTER = 46;
    /** {@code RTM_NEWACTION} (48): a traffic control action was added. */
    public static final int RTM_NEWACTION = 48;
    /** {@code RTM_DELACTION} (49): a traffic control action was removed. */
    public static final int RTM_DELACTION = 49;
    /** {@code RTM_GETACTION} (50): request traffic control actions. */
    public static final int RTM_GETACTION = 50;
    /** {@code RTM_NEWPREFIX} (52): an IPv6 prefix was learned from a router advertisement. */
    public static final int RTM_NEWPREFIX = 52;
    /** {@code RTM_NEWMULTICAST} (56): a multicast address was joined (Linux 6.13 and later). */
    public static final int RTM_NEWMULTICAST = 56;
    /** {@code RTM_DELMULTICAST} (57): a multicast address was left (Linux 6.13 and later). */
    public static final int RTM_DELMULTICAST = 57;
    /** {@code RTM_GETMULTICAST} (58): request multicast addresses. */
    public static final int RTM_GETMULTICAST = 58;
    /** {@code RTM_NEWANYCAST} (60): an IPv6 anycast address was added (Linux 6.14 and later). */
    public static final int RTM_NEWANYCAST = 60;
    /** {@code RTM_DELANYCAST} (61): an IPv6 anycast address was removed (Linux 6.14 and later). */
    public static final int RTM_DELANYCAST = 61;
    /** {@code RTM_GETANYCAST} (62): request IPv6 anycast addresses. */
    public static final int RTM_GETANYCAST = 62;
    /** {@code RTM_NEWNEIGHTBL} (64): neighbour table parameters. */
    public static final int RTM_NEWNEIGHTBL = 64;
    /** {@code RTM_GETNEIGHTBL} (66): request neighbour table parameters. */
    public static final int RTM_GETNEIGHTBL = 66;
    /** {@code RTM_SETNEIGHTBL} (67): change neighbour table parameters. */
    public static final int RTM_SETNEIGHTBL = 67;
    /** {@code RTM_NEWNDUSEROPT} (68): an IPv6 neighbour discovery option user space asked for. */
    public static final int RTM_NEWNDUSEROPT = 68;
    /** {@code RTM_NEWADDRLABEL} (72): an IPv6 address label was added. */
    public static final int RTM_NEWADDRLABEL = 72;
    /** {@code RTM_DELADDRLABEL} (73): an IPv6 address label was removed. */
    public static final int RTM_DELADDRLABEL = 73;
    /** {@code RTM_GETADDRLABEL} (74): request IPv6 address labels. */
    public static final int RTM_GETADDRLABEL = 74;
    /** {@code RTM_GETDCB} (78): request data center bridging settings. */
    public static final int RTM_GETDCB = 78;
    /** {@code RTM_SETDCB} (79): change data center bridging settings. */
    public static final int RTM_SETDCB = 79;
    /** {@code RTM_NEWNETCONF} (80): per-device IP configuration changed. */
    public static final int RTM_NEWNETCONF = 80;
    /** {@code RTM_DELNETCONF} (81): per-device IP configuration was removed. */
    public static final int RTM_DELNETCONF = 81;
    /** {@code RTM_GETNETCONF} (82): request per-device IP configuration. */
    public static final int RTM_GETNETCONF = 82;
    /** {@code RTM_NEWMDB} (84): a bridge multicast database entry was added. */
    public static final int RTM_NEWMDB = 84;
    /** {@code RTM_DELMDB} (85): a bridge multicast database entry was removed. */
    public static final int RTM_DELMDB = 85;
    /** {@code RTM_GETMDB} (86): request the bridge multicast database. */
    public static final int RTM_GETMDB = 86;
    /** {@code RTM_NEWNSID} (88): a network namespace ID was assigned. */
    public static final int RTM_NEWNSID = 88;
    /** {@code RTM_DELNSID} (89): a network namespace ID was removed. */
    public static final int RTM_DELNSID = 89;
    /** {@code RTM_GETNSID} (90): request network namespace IDs. */
    public static final int RTM_GETNSID = 90;
    /** {@code RTM_NEWSTATS} (92): link statistics. */
    public static final int RTM_NEWSTATS = 92;
    /** {@code RTM_GETSTATS} (94): request link statistics. */
    public static final int RTM_GETSTATS = 94;
    /** {@code RTM_SETSTATS} (95): change link statistics settings. */
    public static final int RTM_SETSTATS = 95;
    /** {@code RTM_NEWCACHEREPORT} (96): a multicast routing cache report. */
    public static final int RTM_NEWCACHEREPORT = 96;
    /** {@code RTM_NEWCHAIN} (100): a traffic filter chain was added. */
    public static final int RTM_NEWCHAIN = 100;
    /** {@code RTM_DELCHAIN} (101): a traffic filter chain was removed. */
    public static final int RTM_DELCHAIN = 101;
    /** {@code RTM_GETCHAIN} (102): request traffic filter chains. */
    public static final int RTM_GETCHAIN = 102;
    /** {@code RTM_NEWNEXTHOP} (104): a nexthop object was added or changed. */
    public static final int RTM_NEWNEXTHOP = 104;
    /** {@code RTM_DELNEXTHOP} (105): a nexthop object was removed. */
    public static final int RTM_DELNEXTHOP = 105;
    /** {@code RTM_GETNEXTHOP} (106): request nexthop objects. */
    public static final int RTM_GETNEXTHOP = 106;
    /** {@code RTM_NEWLINKPROP} (108): a link property (such as an alternative name) was added. */
    public static final int RTM_NEWLINKPROP = 108;
    /** {@code RTM_DELLINKPROP} (109): a link property was removed. */
    public static final int RTM_DELLINKPROP = 109;
    /** {@code RTM_GETLINKPROP} (110): request link properties. */
    public static final int RTM_GETLINKPROP = 110;
    /** {@code RTM_NEWVLAN} (112): a bridge VLAN entry was added or changed. */
    public static final int RTM_NEWVLAN = 112;
    /** {@code RTM_DELVLAN} (113): a bridge VLAN entry was removed. */
    public static final int RTM_DELVLAN = 113;
    /** {@code RTM_GETVLAN} (114): request bridge VLAN entries. */
    public static final int RTM_GETVLAN = 114;
    /** {@code RTM_NEWNEXTHOPBUCKET} (116): a resilient nexthop group bucket changed. */
    public static final int RTM_NEWNEXTHOPBUCKET = 116;
    /** {@code RTM_DELNEXTHOPBUCKET} (117): a resilient nexthop group bucket was removed. */
    public static final int RTM_DELNEXTHOPBUCKET = 117;
    /** {@code RTM_GETNEXTHOPBUCKET} (118): request resilient nexthop group buckets. */
    public static final int RTM_GETNEXTHOPBUCKET = 118;
    /** {@code RTM_NEWTUNNEL} (120): a tunnel entry was added or changed. */
    public static final int RTM_NEWTUNNEL = 120;
    /** {@code RTM_DELTUNNEL} (121): a tunnel entry was removed. */
    public static final int RTM_DELTUNNEL = 121;
    /** {@code RTM_GETTUNNEL} (122): request tunnel entries. */
    public static final int RTM_GETTUNNEL = 122;

    private RouteMessageType() {
    }

    /**
     * Names a message type as the kernel headers do.
     *
     * @param type a {@code nlmsg_type}, such as 16
     * @return {@code "RTM_NEWLINK"} and the like for rtnetlink types, {@code "NLMSG_ERROR"} and the like for the
     *         control types below 16, and the decimal number for any other value; never null, never throws
     */
    public static String name(int type) {
        if (type >= 0 && type < HeaderType.MIN_TYPE) {
            return switch (type) {
                case HeaderType.NOOP -> "NLMSG_NOOP";
                case HeaderType.ERROR -> "NLMSG_ERROR";
                case HeaderType.DONE -> "NLMSG_DONE";
                case HeaderType.OVERRUN -> "NLMSG_OVERRUN";
                default -> Integer.toString(type);
            };
        }
        return switch (type) {
            case RTM_NEWLINK -> "RTM_NEWLINK";
            case RTM_DELLINK -> "RTM_DELLINK";
            case RTM_GETLINK -> "RTM_GETLINK";
            case RTM_SETLINK -> "RTM_SETLINK";
            case RTM_NEWADDR -> "RTM_NEWADDR";
            case RTM_DELADDR -> "RTM_DELADDR";
            case RTM_GETADDR -> "RTM_GETADDR";
            case RTM_NEWROUTE -> "RTM_NEWROUTE";
            case RTM_DELROUTE -> "RTM_DELROUTE";
            case RTM_GETROUTE -> "RTM_GETROUTE";
            case RTM_NEWNEIGH -> "RTM_NEWNEIGH";
            case RTM_DELNEIGH -> "RTM_DELNEIGH";
            case RTM_GETNEIGH -> "RTM_GETNEIGH";
            case RTM_NEWRULE -> "RTM_NEWRULE";
            case RTM_DELRULE -> "RTM_DELRULE";
            case RTM_GETRULE -> "RTM_GETRULE";
            case RTM_NEWQDISC -> "RTM_NEWQDISC";
            case RTM_DELQDISC -> "RTM_DELQDISC";
            case RTM_GETQDISC -> "RTM_GETQDISC";
            case RTM_NEWTCLASS -> "RTM_NEWTCLASS";
            case RTM_DELTCLASS -> "RTM_DELTCLASS";
            case RTM_GETTCLASS -> "RTM_GETTCLASS";
            case RTM_NEWTFILTER -> "RTM_NEWTFILTER";
            case RTM_DELTFILTER -> "RTM_DELTFILTER";
            case RTM_GETTFILTER -> "RTM_GETTFILTER";
            case RTM_NEWACTION -> "RTM_NEWACTION";
            case RTM_DELACTION -> "RTM_DELACTION";
            case RTM_GETACTION -> "RTM_GETACTION";
            case RTM_NEWPREFIX -> "RTM_NEWPREFIX";
            case RTM_NEWMULTICAST -> "RTM_NEWMULTICAST";
            case RTM_DELMULTICAST -> "RTM_DELMULTICAST";
            case RTM_GETMULTICAST -> "RTM_GETMULTICAST";
            case RTM_NEWANYCAST -> "RTM_NEWANYCAST";
            case RTM_DELANYCAST -> "RTM_DELANYCAST";
            case RTM_GETANYCAST -> "RTM_GETANYCAST";
            case RTM_NEWNEIGHTBL -> "RTM_NEWNEIGHTBL";
            case RTM_GETNEIGHTBL -> "RTM_GETNEIGHTBL";
            case RTM_SETNEIGHTBL -> "RTM_SETNEIGHTBL";
            case RTM_NEWNDUSEROPT -> "RTM_NEWNDUSEROPT";
            case RTM_NEWADDRLABEL -> "RTM_NEWADDRLABEL";
            case RTM_DELADDRLABEL -> "RTM_DELADDRLABEL";
            case RTM_GETADDRLABEL -> "RTM_GETADDRLABEL";
            case RTM_GETDCB -> "RTM_GETDCB";
            case RTM_SETDCB -> "RTM_SETDCB";
            case RTM_NEWNETCONF -> "RTM_NEWNETCONF";
            case RTM_DELNETCONF -> "RTM_DELNETCONF";
            case RTM_GETNETCONF -> "RTM_GETNETCONF";
            case RTM_NEWMDB -> "RTM_NEWMDB";
            case RTM_DELMDB -> "RTM_DELMDB";
            case RTM_GETMDB -> "RTM_GETMDB";
            case RTM_NEWNSID -> "RTM_NEWNSID";
            case RTM_DELNSID -> "RTM_DELNSID";
            case RTM_GETNSID -> "RTM_GETNSID";
            case RTM_NEWSTATS -> "RTM_NEWSTATS";
            case RTM_GETSTATS -> "RTM_GETSTATS";
            case RTM_SETSTATS -> "RTM_SETSTATS";
            case RTM_NEWCACHEREPORT -> "RTM_NEWCACHEREPORT";
            case RTM_NEWCHAIN -> "RTM_NEWCHAIN";
            case RTM_DELCHAIN -> "RTM_DELCHAIN";
            case RTM_GETCHAIN -> "RTM_GETCHAIN";
            case RTM_NEWNEXTHOP -> "RTM_NEWNEXTHOP";
            case RTM_DELNEXTHOP -> "RTM_DELNEXTHOP";
            case RTM_GETNEXTHOP -> "RTM_GETNEXTHOP";
            case RTM_NEWLINKPROP -> "RTM_NEWLINKPROP";
            case RTM_DELLINKPROP -> "RTM_DELLINKPROP";
            case RTM_GETLINKPROP -> "RTM_GETLINKPROP";
            case RTM_NEWVLAN -> "RTM_NEWVLAN";
            case RTM_DELVLAN -> "RTM_DELVLAN";
            case RTM_GETVLAN -> "RTM_GETVLAN";
            case RTM_NEWNEXTHOPBUCKET -> "RTM_NEWNEXTHOPBUCKET";
            case RTM_DELNEXTHOPBUCKET -> "RTM_DELNEXTHOPBUCKET";
            case RTM_GETNEXTHOPBUCKET -> "RTM_GETNEXTHOPBUCKET";
            case RTM_NEWTUNNEL -> "RTM_NEWTUNNEL";
            case RTM_DELTUNNEL -> "RTM_DELTUNNEL";
            case RTM_GETTUNNEL -> "RTM_GETTUNNEL";
            default -> Integer.toString(type);
        };
    }
}
