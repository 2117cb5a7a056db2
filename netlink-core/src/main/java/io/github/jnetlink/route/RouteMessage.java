package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Message;
import io.github.jnetlink.MessageView;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A route: {@code struct rtmsg} followed by {@code RTA_*} attributes. The kernel sends one
 * {@link RouteMessageType#RTM_NEWROUTE} per route in answer to an {@link RouteMessageType#RTM_GETROUTE}
 * dump (of every table, local and main included), and multicasts {@code RTM_NEWROUTE} /
 * {@code RTM_DELROUTE} to {@link RouteGroup#IPV4_ROUTE} or {@link RouteGroup#IPV6_ROUTE}.
 *
 * <pre>
 *  struct rtmsg (12 bytes)
 *  0        1         2         3       4         5          6        7        8                  12
 * +--------+---------+---------+-------+---------+----------+--------+--------+------------------+
 * | family | dst_len | src_len |  tos  |  table  | protocol | scope  |  type  |    rtm_flags     |
 * +--------+---------+---------+-------+---------+----------+--------+--------+------------------+
 * </pre>
 *
 * <p>{@code rtm_table} has only 8 bits; the kernel sends the real table ID, which may be any unsigned 32-bit
 * value, in {@code RTA_TABLE}, and 252 ({@code RT_TABLE_COMPAT}) in {@code rtm_table} when it does not fit.
 * {@link #table()} is the real ID: {@code RTA_TABLE} when present, else {@code rtm_table}.
 *
 * <p>A multipath route (ECMP, {@code ip route add ... nexthop via A nexthop via B}) has no gateway or output
 * interface of its own: its paths are in {@link #nextHops()}, from {@code RTA_MULTIPATH}. Optional
 * attributes the message lacks are {@code null}; lists are never null. Addresses are of the route's family
 * and have the family's length, or the message is malformed. Unsigned 32-bit values are Java {@code int}s
 * holding the bits. The attributes {@code ip -d route} prints beyond those are typed too: {@link #via()},
 * {@link #metrics()}, {@link #pref()}, {@link #expires()}, {@link #nexthopId()}, {@link #realms()},
 * {@link #encap()} and {@link #cacheInfo()}. Unknown attributes ({@code RTA_MFC_STATS}, {@code RTA_UID},
 * {@code RTA_TTL_PROPAGATE}, ...) are kept in {@link #unknown()} and written back by {@link #encode()}.
 *
 * <p>Build one with {@link #builder()}, or copy one with changes through {@link #toBuilder()}.
 * {@link #toMessage(int)} wraps {@link #encode()} in a message shaped as the kernel sends it, and
 * {@link #decode(Message)} of that message gives back an equal record: every field is encoded, the raw
 * {@link #unknown()} attributes included. (The builder refuses raw attributes that decoding would read into
 * a field instead, which the canonical constructor lets through.)
 *
 * @param type              the message type, such as {@link RouteMessageType#RTM_NEWROUTE}; not encoded
 * @param family            {@code rtm_family}: {@link AddressFamily#INET} or {@link AddressFamily#INET6}
 *                          (others, such as {@link AddressFamily#MPLS}, keep their addresses raw)
 * @param destinationLength {@code rtm_dst_len}, the destination prefix length in bits; 0 for a default route
 * @param sourceLength      {@code rtm_src_len}, the source prefix length (IPv6 source routing)
 * @param tos               {@code rtm_tos}, the type of service (IPv4 DSCP/TOS) the route matches
 * @param table             the routing table ID: 254 main, 255 local, 253 default, or any other
 * @param protocol          {@code rtm_protocol}, who installed it: 2 kernel, 3 boot ({@code ip route} default),
 *                          4 static, or a routing daemon's number
 * @param scope             {@code rtm_scope}: 0 universe, 253 link, 254 host, 255 nowhere
 * @param routeType         {@code rtm_type}: {@link #RTN_UNICAST}, {@link #RTN_LOCAL}, {@link #RTN_BROADCAST}, ...
 * @param flags             {@code rtm_flags}, {@code RTM_F_*} and {@code RTNH_F_*} bits
 * @param destination       {@code RTA_DST}: the destination prefix; null for a default route
 * @param source            {@code RTA_SRC}: the source prefix
 * @param gateway           {@code RTA_GATEWAY}: the next hop's address
 * @param outputInterface   {@code RTA_OIF}: the output interface index
 * @param priority          {@code RTA_PRIORITY}: the metric ({@code metric} in {@code ip route})
 * @param preferredSource   {@code RTA_PREFSRC}: the source address the kernel prefers for packets on this route
 * @param nextHops          {@code RTA_MULTIPATH}: the paths of a multipath route; empty otherwise (a path's own
 *                          {@code RTA_VIA} and {@code RTA_FLOW} stay in its {@link NextHop#unknown()}; see
 *                          {@link RouteVia#fromNextHop(NextHop)})
 * @param via               {@code RTA_VIA}: a gateway of another family than the route's, such as the IPv6
 *                          gateway of an IPv4 route ({@code via inet6 fe80::1}); null when absent or of a family
 *                          other than IPv4 and IPv6 (then kept in {@code unknown})
 * @param metrics           {@code RTA_METRICS}: MTU, advertised MSS, congestion control and the other
 *                          {@code RTAX_*} metrics; null when absent
 * @param pref              {@code RTA_PREF}: an IPv6 route's router preference (RFC 4191),
 *                          {@link #ICMPV6_ROUTER_PREF_MEDIUM}, {@link #ICMPV6_ROUTER_PREF_HIGH} or
 *                          {@link #ICMPV6_ROUTER_PREF_LOW}; null when absent (IPv4 routes)
 * @param expires           {@code RTA_EXPIRES}: seconds until an IPv6 route expires, as {@code ip -6 route add ...
 *                          expires 300} requests it. The kernel reports the time left in
 *                          {@link RouteCacheInfo#expires()} instead; null when absent
 * @param nexthopId         {@code RTA_NH_ID}: the ID of the nexthop object the route uses ({@code nhid}); null
 *                          when absent
 * @param realms            {@code RTA_FLOW}: the route's realms, {@code from << 16 | to} ({@code realms FROM/TO});
 *                          see {@link #realmFrom()}, {@link #realmTo()}; null when absent
 * @param encap             {@code RTA_ENCAP_TYPE} and {@code RTA_ENCAP}: the lightweight tunnel encapsulation, such
 *                          as MPLS labels to push; null when absent
 * @param cacheInfo         {@code RTA_CACHEINFO}: usage counters and the time left until the route expires; null
 *                          when absent
 * @param unknown           every other attribute, as sent
 */
public record RouteMessage(int type, int family, int destinationLength, int sourceLength, int tos, int table,
        int protocol, int scope, int routeType, int flags, InetAddress destination, InetAddress source,
        InetAddress gateway, Integer outputInterface, Integer priority, InetAddress preferredSource,
        List<NextHop> nextHops, RouteVia via, RouteMetrics metrics, Integer pref, Integer expires,
        Integer nexthopId, Integer realms, RouteEncap encap, RouteCacheInfo cacheInfo, List<Attribute> unknown) {

    /** Size of {@code struct rtmsg} in bytes. */
    public static final int HEADER_SIZE = 12;

    /** {@code RTA_DST}: destination prefix. */
    public static final int RTA_DST = 1;
    /** {@code RTA_SRC}: source prefix. */
    public static final int RTA_SRC = 2;
    /** {@code RTA_IIF}: u32 input interface. */
    public static final int RTA_IIF = 3;
    /** {@code RTA_OIF}: u32 output interface. */
    public static final int RTA_OIF = 4;
    /** {@code RTA_GATEWAY}: next hop address. */
    public static final int RTA_GATEWAY = 5;
    /** {@code RTA_PRIORITY}: u32 metric. */
    public static final int RTA_PRIORITY = 6;
    /** {@code RTA_PREFSRC}: preferred source address. */
    public static final int RTA_PREFSRC = 7;
    /** {@code RTA_METRICS}: nest of {@code RTAX_*} metrics (MTU, window, ...). */
    public static final int RTA_METRICS = 8;
    /** {@code RTA_MULTIPATH}: list of {@code struct rtnexthop}. */
    public static final int RTA_MULTIPATH = 9;
    /** {@code RTA_CACHEINFO}: {@code struct rta_cacheinfo}. */
    public static final int RTA_CACHEINFO = 12;
    /** {@code RTA_TABLE}: u32 routing table ID. */
    public static final int RTA_TABLE = 15;
    /** {@code RTA_FLOW}: u32 realms, {@code from << 16 | to}. */
    public static final int RTA_FLOW = 11;
    /** {@code RTA_VIA}: {@code struct rtvia}, a gateway of another address family. */
    public static final int RTA_VIA = 18;
    /** {@code RTA_PREF}: u8 IPv6 router preference. */
    public static final int RTA_PREF = 20;
    /** {@code RTA_ENCAP_TYPE}: u16 {@code LWTUNNEL_ENCAP_*} type of {@link #RTA_ENCAP}. */
    public static final int RTA_ENCAP_TYPE = 21;
    /** {@code RTA_ENCAP}: nest of the lightweight tunnel's attributes. */
    public static final int RTA_ENCAP = 22;
    /** {@code RTA_EXPIRES}: u32 seconds until an IPv6 route expires (in requests). */
    public static final int RTA_EXPIRES = 23;
    /** {@code RTA_NH_ID}: u32 ID of a nexthop object. */
    public static final int RTA_NH_ID = 30;

    /** {@code ICMPV6_ROUTER_PREF_MEDIUM} (0): the default router preference. */
    public static final int ICMPV6_ROUTER_PREF_MEDIUM = 0;
    /** {@code ICMPV6_ROUTER_PREF_HIGH} (1). */
    public static final int ICMPV6_ROUTER_PREF_HIGH = 1;
    /** {@code ICMPV6_ROUTER_PREF_INVALID} (2): reserved. */
    public static final int ICMPV6_ROUTER_PREF_INVALID = 2;
    /** {@code ICMPV6_ROUTER_PREF_LOW} (3). */
    public static final int ICMPV6_ROUTER_PREF_LOW = 3;

    /** {@code RT_TABLE_UNSPEC} (0): no table; in a dump request, all tables. */
    public static final int RT_TABLE_UNSPEC = 0;
    /** {@code RT_TABLE_COMPAT} (252): what {@code rtm_table} holds when the real ID does not fit 8 bits. */
    public static final int RT_TABLE_COMPAT = 252;
    /** {@code RT_TABLE_DEFAULT} (253). */
    public static final int RT_TABLE_DEFAULT = 253;
    /** {@code RT_TABLE_MAIN} (254): the table {@code ip route} shows and changes by default. */
    public static final int RT_TABLE_MAIN = 254;
    /** {@code RT_TABLE_LOCAL} (255): local and broadcast addresses, maintained by the kernel. */
    public static final int RT_TABLE_LOCAL = 255;

    /** {@code RTN_UNICAST} (1): a gateway or direct route. */
    public static final int RTN_UNICAST = 1;
    /** {@code RTN_LOCAL} (2): accept locally. */
    public static final int RTN_LOCAL = 2;
    /** {@code RTN_BROADCAST} (3): accept locally as broadcast, send as broadcast. */
    public static final int RTN_BROADCAST = 3;
    /** {@code RTN_ANYCAST} (4): accept locally as broadcast, send as unicast. */
    public static final int RTN_ANYCAST = 4;
    /** {@code RTN_MULTICAST} (5): a multicast route. */
    public static final int RTN_MULTICAST = 5;
    /** {@code RTN_BLACKHOLE} (6): drop silently. */
    public static final int RTN_BLACKHOLE = 6;
    /** {@code RTN_UNREACHABLE} (7): drop, answering "destination unreachable". */
    public static final int RTN_UNREACHABLE = 7;
    /** {@code RTN_PROHIBIT} (8): drop, answering "administratively prohibited". */
    public static final int RTN_PROHIBIT = 8;

    /** {@code RTPROT_UNSPEC} (0): protocol not given; in a delete request, any protocol. */
    public static final int RTPROT_UNSPEC = 0;
    /** {@code RTPROT_KERNEL} (2): installed by the kernel, such as a connected prefix. */
    public static final int RTPROT_KERNEL = 2;
    /** {@code RTPROT_BOOT} (3): installed by {@code ip route} without a {@code proto}. */
    public static final int RTPROT_BOOT = 3;
    /** {@code RTPROT_STATIC} (4): installed by an administrator. */
    public static final int RTPROT_STATIC = 4;

    /** {@code RT_SCOPE_UNIVERSE} (0): a route through a gateway, or any IPv6 route. */
    public static final int RT_SCOPE_UNIVERSE = 0;
    /** {@code RT_SCOPE_LINK} (253): a destination on a directly attached link. */
    public static final int RT_SCOPE_LINK = 253;
    /** {@code RT_SCOPE_HOST} (254): a local address. */
    public static final int RT_SCOPE_HOST = 254;
    /** {@code RT_SCOPE_NOWHERE} (255): no destination; in a delete request, any scope. */
    public static final int RT_SCOPE_NOWHERE = 255;

    /**
     * Checks the fixed header's field ranges, the addresses against the family, and copies the lists.
     *
     * @throws NetlinkException if a header field or {@code pref} is out of range, an address does not belong
     *         to {@code family}, or a list contains null; a null list becomes empty
     */
    public RouteMessage {
        AddressFamily.u16(type, "route message type");
        AddressFamily.u8(family, "route family");
        AddressFamily.u8(destinationLength, "route destination length");
        AddressFamily.u8(sourceLength, "route source length");
        AddressFamily.u8(tos, "route tos");
        AddressFamily.u8(protocol, "route protocol");
        AddressFamily.u8(scope, "route scope");
        AddressFamily.u8(routeType, "route type");
        AddressFamily.check(family, destination, "RTA_DST");
        AddressFamily.check(family, source, "RTA_SRC");
        AddressFamily.check(family, gateway, "RTA_GATEWAY");
        AddressFamily.check(family, preferredSource, "RTA_PREFSRC");
        nextHops = RoutePayload.copy(nextHops, "route next hops");
        for (NextHop h : nextHops) {
            AddressFamily.check(family, h.gateway(), "next hop RTA_GATEWAY");
        }
        if (pref != null) {
            AddressFamily.u8(pref, "route RTA_PREF");
        }
        unknown = RoutePayload.copy(unknown, "route unknown attributes");
    }

    /**
     * A builder of a route message with every field at its default: a unicast route in the main table as
     * {@code ip route add} sends it. Type {@link RouteMessageType#RTM_NEWROUTE}; the family of the first IP
     * address set ({@code destination}, {@code source}, {@code gateway}, {@code preferredSource}, then the next
     * hops' gateways; {@link AddressFamily#UNSPEC} when none is) unless {@link Builder#family(int)} says
     * otherwise; table {@link #RT_TABLE_MAIN}, protocol {@link #RTPROT_BOOT}, scope {@link #RT_SCOPE_UNIVERSE},
     * route type {@link #RTN_UNICAST}; prefix lengths, tos and flags 0; no attributes.
     *
     * <pre>{@code
     * RouteMessage ecmp = RouteMessage.builder().destination(InetAddress.getByName("10.9.0.0")).destinationLength(24)
     *         .protocol(RouteMessage.RTPROT_STATIC).priority(100)
     *         .addNextHop(NextHop.of(InetAddress.getByName("10.0.0.2"), 3, 1))
     *         .addNextHop(NextHop.of(InetAddress.getByName("10.0.1.2"), 4, 2)).build();
     * }</pre>
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this route's values, its family included, to copy it with some of them changed.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        return new Builder().type(type).family(family).destinationLength(destinationLength).sourceLength(sourceLength)
                .tos(tos).table(table).protocol(protocol).scope(scope).routeType(routeType).flags(flags)
                .destination(destination).source(source).gateway(gateway).outputInterface(outputInterface)
                .priority(priority).preferredSource(preferredSource).nextHops(nextHops).via(via).metrics(metrics)
                .pref(pref).expires(expires).nexthopId(nexthopId).realms(realms).encap(encap).cacheInfo(cacheInfo)
                .unknown(unknown);
    }

    /**
     * This route as the kernel sends it in a notification or dump reply: a message of type {@link #type()},
     * flags 0, sequence and port ID 0, whose payload is {@link #encode()}. {@link #decode(Message)} of it
     * equals this record.
     *
     * @return the message
     * @throws NetlinkException if {@link #type()} is not a route message type ({@code RTM_NEWROUTE} to
     *         {@code RTM_GETROUTE}, or 27), or an attribute does not fit its 65535-byte limit
     */
    public Message toMessage() {
        return toMessage(type, 0);
    }

    /**
     * This route's payload in a message of another route type, with flags 0 and sequence and port ID 0, as
     * the kernel multicasts {@code RTM_NEWROUTE} and {@code RTM_DELROUTE}. {@link #decode(Message)} of it
     * equals this record with {@code type} in place of {@link #type()}.
     *
     * @param type {@link RouteMessageType#RTM_NEWROUTE}, {@code RTM_DELROUTE}, {@code RTM_GETROUTE} (or 27,
     *             which the kernel leaves unused)
     * @return the message
     * @throws NetlinkException if {@code type} is not a route message type, or an attribute does not fit
     */
    public Message toMessage(int type) {
        return toMessage(type, 0);
    }

    /**
     * This route's payload in a message of the given type and {@code nlmsg_flags}, sequence and port ID 0:
     * for a dump reply, {@link io.github.jnetlink.HeaderFlags#MULTI}; for a request,
     * {@link io.github.jnetlink.HeaderFlags#REQUEST} and the like.
     *
     * @param type  a route message type, {@code RTM_NEWROUTE} to 27
     * @param flags the {@link io.github.jnetlink.HeaderFlags}, 0 to 65535
     * @return the message
     * @throws NetlinkException if {@code type} is not a route message type, {@code flags} does not fit 16 bits,
     *         or an attribute does not fit
     */
    public Message toMessage(int type, int flags) {
        return RecordArguments.message("RouteMessage", type, RouteMessageType.RTM_NEWROUTE, flags, encode());
    }

    /**
     * A unicast route in the main table, as {@code ip route add DESTINATION/PREFIX [via GATEWAY] [dev INDEX]}
     * sends it: protocol boot, scope universe when there is a gateway (and always for IPv6), link otherwise.
     *
     * @param destination  the destination prefix; null for a default route
     * @param prefixLength the prefix length, 0 to 32 for IPv4 or 0 to 128 for IPv6 (0 when
     *                     {@code destination} is null)
     * @param gateway      the next hop, or null for a directly connected destination
     * @param index        the output interface index, or 0 to let the kernel find it from the gateway
     * @return the route, of type {@link RouteMessageType#RTM_NEWROUTE}
     * @throws NetlinkException if both {@code destination} and {@code gateway} are null, their families
     *         differ, or the prefix length is out of range
     */
    public static RouteMessage of(InetAddress destination, int prefixLength, InetAddress gateway, int index) {
        if (destination == null && gateway == null) {
            throw new NetlinkArgumentException("route needs a destination or a gateway to know its address family");
        }
        int family = AddressFamily.of(destination != null ? destination : gateway);
        int max = family == AddressFamily.INET ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max || (destination == null && prefixLength != 0)) {
            throw new NetlinkArgumentException("route prefix length must be 0 to " + max
                    + (destination == null ? " and 0 for a default route" : "") + ", got " + prefixLength);
        }
        int scope = gateway != null || family == AddressFamily.INET6 ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
        return builder().family(family).destinationLength(prefixLength).table(RT_TABLE_MAIN).protocol(RTPROT_BOOT)
                .scope(scope).routeType(RTN_UNICAST).destination(destination).gateway(gateway)
                .outputInterface(index == 0 ? null : index).build();
    }

    /**
     * A multipath unicast route in the main table, as
     * {@code ip route add DESTINATION/PREFIX nexthop via A dev X nexthop via B dev Y} sends it.
     *
     * @param destination  the destination prefix; null for a default route
     * @param prefixLength the prefix length
     * @param nextHops     the paths, at least one
     * @return the route, of type {@link RouteMessageType#RTM_NEWROUTE}
     * @throws NetlinkException if {@code nextHops} is empty, or the family cannot be told from the destination
     *         or the first path's gateway
     */
    public static RouteMessage multipath(InetAddress destination, int prefixLength, List<NextHop> nextHops) {
        if (nextHops == null || nextHops.isEmpty()) {
            throw new NetlinkArgumentException("a multipath route needs at least one next hop");
        }
        for (int i = 0; i < nextHops.size(); i++) {
            if (nextHops.get(i) == null) {
                throw new NetlinkArgumentException("multipath route: next hop " + i + " is null");
            }
        }
        RouteMessage base = of(destination, prefixLength, destination != null ? null : nextHops.get(0).gateway(), 0);
        return base.toBuilder().scope(RT_SCOPE_UNIVERSE).gateway(null).nextHops(nextHops).build();
    }

    /**
     * Decodes an {@code RTM_NEWROUTE}, {@code RTM_DELROUTE} or {@code RTM_GETROUTE} message. When an attribute
     * repeats, the last one counts.
     *
     * @param message the message
     * @return the route
     * @throws io.github.jnetlink.MalformedMessageException if the message is null, of another type, shorter
     *         than {@code struct rtmsg}, an attribute is malformed, an address has the wrong length for the
     *         family, a {@code struct rtnexthop} or {@code struct rtvia} is truncated, a metric, {@code RTA_PREF},
     *         {@code RTA_EXPIRES}, {@code RTA_NH_ID}, {@code RTA_FLOW} or {@code RTA_ENCAP_TYPE} has the wrong size,
     *         {@code RTA_CACHEINFO} is not a {@code struct rta_cacheinfo}, or the MPLS label stack is not whole
     */
    public static RouteMessage decode(Message message) {
        byte[] b = RoutePayload.payload(message, RouteMessageType.RTM_NEWROUTE, HEADER_SIZE, "struct rtmsg");
        return decode(message.header().type(), b, 0, b.length);
    }

    /**
     * {@link #decode(Message)} in place, from a reply of {@link io.github.jnetlink.Conn#stream}: the same checks
     * and result, without the message's bytes being copied first.
     *
     * @param view a route message
     * @return the route
     * @throws NetlinkException as {@link #decode(Message)} does
     */
    public static RouteMessage decode(MessageView view) {
        RoutePayload.check(view, RouteMessageType.RTM_NEWROUTE, HEADER_SIZE, "struct rtmsg");
        return decode(view.type(), view.array(), view.payloadOffset(), view.payloadLength());
    }

    /** Decodes the payload of {@code length} bytes at {@code base} of {@code b}, checked by the caller. */
    static RouteMessage decode(int messageType, byte[] b, int base, int length) {
        int family = b[base] & 0xFF;
        int table = b[base + 4] & 0xFF;
        InetAddress destination = null;
        InetAddress source = null;
        InetAddress gateway = null;
        InetAddress preferredSource = null;
        Integer outputInterface = null;
        Integer priority = null;
        List<NextHop> nextHops = List.of();
        RouteVia via = null;
        RouteMetrics metrics = null;
        Integer pref = null;
        Integer expires = null;
        Integer nexthopId = null;
        Integer realms = null;
        Integer encapType = null;
        int encapOffset = -1;
        int encapLength = 0;
        RouteCacheInfo cacheInfo = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = new AttributeDecoder(b, base + HEADER_SIZE, length - HEADER_SIZE);
        while (d.next()) {
            int t = d.type();
            switch (t) {
                case RTA_DST, RTA_SRC, RTA_GATEWAY, RTA_PREFSRC -> {
                    InetAddress a = AddressFamily.decode(d, family, t == RTA_DST ? "RTA_DST" : t == RTA_SRC ? "RTA_SRC"
                            : t == RTA_GATEWAY ? "RTA_GATEWAY" : "RTA_PREFSRC");
                    if (a == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else if (t == RTA_DST) {
                        destination = a;
                    } else if (t == RTA_SRC) {
                        source = a;
                    } else if (t == RTA_GATEWAY) {
                        gateway = a;
                    } else {
                        preferredSource = a;
                    }
                }
                case RTA_OIF -> outputInterface = d.u32();
                case RTA_PRIORITY -> priority = d.u32();
                case RTA_TABLE -> table = d.u32();
                case RTA_MULTIPATH -> nextHops = NextHop.decodeAll(b, d.offset(), d.length(), family);
                case RTA_VIA -> {
                    RouteVia v = RouteVia.decode(d, b);
                    if (v == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else {
                        via = v;
                    }
                }
                case RTA_METRICS -> metrics = RouteMetrics.decode(b, d.offset(), d.length());
                case RTA_PREF -> pref = d.u8();
                case RTA_EXPIRES -> expires = d.u32();
                case RTA_NH_ID -> nexthopId = d.u32();
                case RTA_FLOW -> realms = d.u32();
                case RTA_ENCAP_TYPE -> encapType = d.u16();
                case RTA_ENCAP -> {
                    encapOffset = d.offset();
                    encapLength = d.length();
                }
                case RTA_CACHEINFO -> cacheInfo = RouteCacheInfo.decode(b, d.offset(), d.length());
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        // RTA_ENCAP's attributes depend on RTA_ENCAP_TYPE, which the kernel sends after it.
        RouteEncap encap = null;
        int type = encapType == null ? RouteEncap.LWTUNNEL_ENCAP_NONE : encapType;
        if (encapOffset >= 0) {
            encap = RouteEncap.decode(type, b, encapOffset, encapLength);
        } else if (encapType != null) {
            encap = RouteEncap.of(type, List.of());
        }
        return new RouteMessage(messageType, family, b[base + 1] & 0xFF, b[base + 2] & 0xFF, b[base + 3] & 0xFF,
                table, b[base + 5] & 0xFF, b[base + 6] & 0xFF, b[base + 7] & 0xFF, (int) RoutePayload.INT.get(b, base + 8),
                destination, source, gateway,
                outputInterface, priority, preferredSource, nextHops, via, metrics, pref, expires, nexthopId, realms,
                encap, cacheInfo, RoutePayload.finish(unknown));
    }

    /**
     * Encodes the payload the kernel reads for this route: {@code struct rtmsg} (with {@code rtm_table} 252
     * when {@link #table()} does not fit 8 bits), then {@code RTA_TABLE} unless the table is 0, the other
     * attributes that are present ({@code RTA_ENCAP} always with {@code RTA_ENCAP_TYPE}), and {@link #unknown()}.
     *
     * @return the payload
     * @throws NetlinkException if an attribute does not fit its 65535-byte limit, or
     *         {@link RouteMetrics#congestionControl()} contains NUL
     */
    public byte[] encode() {
        byte[] header = new byte[HEADER_SIZE];
        header[0] = (byte) family;
        header[1] = (byte) destinationLength;
        header[2] = (byte) sourceLength;
        header[3] = (byte) tos;
        header[4] = (byte) ((table & ~0xFF) == 0 ? table : RT_TABLE_COMPAT);
        header[5] = (byte) protocol;
        header[6] = (byte) scope;
        header[7] = (byte) routeType;
        RoutePayload.INT.set(header, 8, flags);
        try {
            AttributeEncoder e = new AttributeEncoder(128).header(header);
            if (table != RT_TABLE_UNSPEC) {
                e.s32(RTA_TABLE, table);
            }
            RoutePayload.address(e, RTA_DST, destination);
            RoutePayload.address(e, RTA_SRC, source);
            RoutePayload.u32(e, RTA_PRIORITY, priority);
            RoutePayload.address(e, RTA_PREFSRC, preferredSource);
            RoutePayload.address(e, RTA_GATEWAY, gateway);
            RoutePayload.u32(e, RTA_OIF, outputInterface);
            if (!nextHops.isEmpty()) {
                e.bytes(RTA_MULTIPATH, NextHop.encodeAll(nextHops));
            }
            if (via != null) {
                e.bytes(RTA_VIA, via.encode());
            }
            if (metrics != null) {
                e.bytes(RTA_METRICS, metrics.encode());
            }
            if (pref != null) {
                e.u8(RTA_PREF, pref);
            }
            RoutePayload.u32(e, RTA_EXPIRES, expires);
            RoutePayload.u32(e, RTA_NH_ID, nexthopId);
            RoutePayload.u32(e, RTA_FLOW, realms);
            if (encap != null) {
                e.bytes(RTA_ENCAP, encap.encode());
                e.u16(RTA_ENCAP_TYPE, encap.type());
            }
            if (cacheInfo != null) {
                e.bytes(RTA_CACHEINFO, cacheInfo.encode());
            }
            RoutePayload.writeAll(e, unknown);
            return e.encode();
        } catch (NetlinkArgumentException ex) {
            throw RoutePayload.encodeFailure("route " + describe(), ex);
        }
    }

    /**
     * @return the destination as {@code ip route} prints it: {@code "default"}, {@code "10.0.0.0/24"}, or a bare
     *         address for a host route ({@code /32}, {@code /128})
     */
    public String destinationString() {
        if (destination == null) {
            return destinationLength == 0 ? "default" : "?/" + destinationLength;
        }
        int max = destination.getAddress().length * 8;
        return destinationLength == max ? destination.getHostAddress()
                : destination.getHostAddress() + "/" + destinationLength;
    }

    /**
     * @return the "from" realm of {@link #realms()}, its high 16 bits ({@code realms FROM/TO}); null when absent
     */
    public Integer realmFrom() {
        return realms == null ? null : realms >>> 16;
    }

    /**
     * @return the "to" realm of {@link #realms()}, its low 16 bits; null when absent
     */
    public Integer realmTo() {
        return realms == null ? null : realms & 0xFFFF;
    }

    private String describe() {
        return destinationString() + (gateway == null ? "" : " via " + gateway.getHostAddress())
                + (outputInterface == null ? "" : " dev #" + outputInterface) + " table " + Integer.toUnsignedString(table);
    }

    /**
     * Builds a {@link RouteMessage} field by field, each setter named after the record component it sets.
     * Fields not set keep the defaults {@link RouteMessage#builder()} lists. {@link #build()} checks the
     * values; a builder may build several records. Not thread-safe.
     */
    public static final class Builder {

        private int type = RouteMessageType.RTM_NEWROUTE;
        private Integer family;
        private int destinationLength;
        private int sourceLength;
        private int tos;
        private int table = RT_TABLE_MAIN;
        private int protocol = RTPROT_BOOT;
        private int scope = RT_SCOPE_UNIVERSE;
        private int routeType = RTN_UNICAST;
        private int flags;
        private InetAddress destination;
        private InetAddress source;
        private InetAddress gateway;
        private Integer outputInterface;
        private Integer priority;
        private InetAddress preferredSource;
        private List<NextHop> nextHops = new ArrayList<>();
        private RouteVia via;
        private RouteMetrics metrics;
        private Integer pref;
        private Integer expires;
        private Integer nexthopId;
        private Integer realms;
        private RouteEncap encap;
        private RouteCacheInfo cacheInfo;
        private List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param type the message type, {@link RouteMessageType#RTM_NEWROUTE} (the default),
         *             {@code RTM_DELROUTE} or {@code RTM_GETROUTE}; carried in the header, not the payload
         * @return this builder
         */
        public Builder type(int type) {
            this.type = type;
            return this;
        }

        /**
         * @param family {@code rtm_family}, 0 to 255: {@link AddressFamily#INET}, {@link AddressFamily#INET6}, or
         *               another whose addresses are kept raw, such as {@link AddressFamily#MPLS}; by default the
         *               family of the first IP address set
         * @return this builder
         */
        public Builder family(int family) {
            this.family = family;
            return this;
        }

        /**
         * @param destinationLength {@code rtm_dst_len}, the destination prefix length in bits: 0 to 32 for IPv4,
         *                          0 to 128 for IPv6; default 0, a default route
         * @return this builder
         */
        public Builder destinationLength(int destinationLength) {
            this.destinationLength = destinationLength;
            return this;
        }

        /**
         * @param sourceLength {@code rtm_src_len}, the source prefix length in bits (IPv6 source routing);
         *                     default 0
         * @return this builder
         */
        public Builder sourceLength(int sourceLength) {
            this.sourceLength = sourceLength;
            return this;
        }

        /**
         * @param tos {@code rtm_tos}, 0 to 255, the IPv4 type of service (DSCP) the route matches; default 0, any
         * @return this builder
         */
        public Builder tos(int tos) {
            this.tos = tos;
            return this;
        }

        /**
         * @param table the routing table ID, any unsigned 32-bit value: {@link RouteMessage#RT_TABLE_MAIN} (the
         *              default), {@link RouteMessage#RT_TABLE_LOCAL}, or {@link RouteMessage#RT_TABLE_UNSPEC} for
         *              none; sent in {@code rtm_table} and {@code RTA_TABLE}
         * @return this builder
         */
        public Builder table(int table) {
            this.table = table;
            return this;
        }

        /**
         * @param protocol {@code rtm_protocol}, 0 to 255, who installed the route:
         *                 {@link RouteMessage#RTPROT_KERNEL}, {@link RouteMessage#RTPROT_BOOT} (the default),
         *                 {@link RouteMessage#RTPROT_STATIC}, or a routing daemon's number
         * @return this builder
         */
        public Builder protocol(int protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * @param scope {@code rtm_scope}, 0 to 255: {@link RouteMessage#RT_SCOPE_UNIVERSE} (the default) for a
         *              route through a gateway, {@link RouteMessage#RT_SCOPE_LINK} for a directly attached
         *              destination, {@link RouteMessage#RT_SCOPE_HOST} for a local address
         * @return this builder
         */
        public Builder scope(int scope) {
            this.scope = scope;
            return this;
        }

        /**
         * @param routeType {@code rtm_type}, 0 to 255: {@link RouteMessage#RTN_UNICAST} (the default),
         *                  {@link RouteMessage#RTN_LOCAL}, {@link RouteMessage#RTN_BLACKHOLE} and so on
         * @return this builder
         */
        public Builder routeType(int routeType) {
            this.routeType = routeType;
            return this;
        }

        /**
         * @param flags {@code rtm_flags}, the {@code RTM_F_*} and {@code RTNH_F_*} bits; default 0
         * @return this builder
         */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /**
         * @param destination {@code RTA_DST}, the destination prefix, with {@link #destinationLength(int)} its
         *                    length; null (the default) for a default route
         * @return this builder
         */
        public Builder destination(InetAddress destination) {
            this.destination = destination;
            return this;
        }

        /**
         * @param source {@code RTA_SRC}, the source prefix, with {@link #sourceLength(int)} its length; null
         *               (the default) to leave it out
         * @return this builder
         */
        public Builder source(InetAddress source) {
            this.source = source;
            return this;
        }

        /**
         * @param gateway {@code RTA_GATEWAY}, the next hop's address; null (the default) for a directly
         *                connected destination or a multipath route
         * @return this builder
         */
        public Builder gateway(InetAddress gateway) {
            this.gateway = gateway;
            return this;
        }

        /**
         * @param outputInterface {@code RTA_OIF}, the output interface index; null (the default) to leave it out
         * @return this builder
         */
        public Builder outputInterface(Integer outputInterface) {
            this.outputInterface = outputInterface;
            return this;
        }

        /**
         * @param priority {@code RTA_PRIORITY}, the metric (unsigned 32 bits; lower is preferred, {@code metric}
         *                 in {@code ip route}); null (the default) to leave it out
         * @return this builder
         */
        public Builder priority(Integer priority) {
            this.priority = priority;
            return this;
        }

        /**
         * @param preferredSource {@code RTA_PREFSRC}, the source address the kernel prefers for packets on the
         *                        route; null (the default) to leave it out
         * @return this builder
         */
        public Builder preferredSource(InetAddress preferredSource) {
            this.preferredSource = preferredSource;
            return this;
        }

        /**
         * Replaces the paths of a multipath route ({@code RTA_MULTIPATH}).
         *
         * @param nextHops the paths, in the route's family; copied; null or empty (the default) for a route
         *                 that is not multipath
         * @return this builder
         */
        public Builder nextHops(List<NextHop> nextHops) {
            this.nextHops = RecordArguments.mutableCopy(nextHops);
            return this;
        }

        /**
         * Appends one path of a multipath route; see {@link #nextHops(List)}.
         *
         * @param nextHop the path, such as {@link NextHop#of(InetAddress, int, int)}
         * @return this builder
         */
        public Builder addNextHop(NextHop nextHop) {
            nextHops.add(nextHop);
            return this;
        }

        /**
         * @param via {@code RTA_VIA}, a gateway of another family than the route's, as {@code ip route add
         *            10.0.0.0/8 via inet6 fe80::1 dev eth0} sends it; null (the default) to leave it out
         * @return this builder
         */
        public Builder via(RouteVia via) {
            this.via = via;
            return this;
        }

        /**
         * @param metrics {@code RTA_METRICS}, such as {@code RouteMetrics.builder().mtu(1400).lock(RTAX_MTU,
         *                true).build()}; null (the default) to leave it out
         * @return this builder
         */
        public Builder metrics(RouteMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /**
         * @param pref {@code RTA_PREF}, an IPv6 route's router preference, 0 to 255:
         *             {@link RouteMessage#ICMPV6_ROUTER_PREF_MEDIUM}, {@code HIGH} or {@code LOW}; null (the
         *             default) to leave it out
         * @return this builder
         */
        public Builder pref(Integer pref) {
            this.pref = pref;
            return this;
        }

        /**
         * @param expires {@code RTA_EXPIRES}, seconds until an IPv6 route expires (unsigned 32 bits); null (the
         *                default) for a route that does not expire
         * @return this builder
         */
        public Builder expires(Integer expires) {
            this.expires = expires;
            return this;
        }

        /**
         * @param nexthopId {@code RTA_NH_ID}, the ID of a nexthop object ({@code ip route add ... nhid 11}); null
         *                  (the default) to leave it out
         * @return this builder
         */
        public Builder nexthopId(Integer nexthopId) {
            this.nexthopId = nexthopId;
            return this;
        }

        /**
         * @param realms {@code RTA_FLOW}, {@code from << 16 | to}; null (the default) to leave it out
         * @return this builder
         */
        public Builder realms(Integer realms) {
            this.realms = realms;
            return this;
        }

        /**
         * Sets {@code RTA_FLOW} from its two realms, as {@code ip route add ... realms FROM/TO}.
         *
         * @param from the source realm, 0 to 65535
         * @param to   the destination realm, 0 to 65535
         * @return this builder
         * @throws NetlinkException if a realm does not fit 16 bits
         */
        public Builder realms(int from, int to) {
            RecordArguments.u16("RouteMessage.builder()", "realms from", "RTA_FLOW", from);
            RecordArguments.u16("RouteMessage.builder()", "realms to", "RTA_FLOW", to);
            this.realms = from << 16 | to;
            return this;
        }

        /**
         * @param encap {@code RTA_ENCAP_TYPE} and {@code RTA_ENCAP}, such as {@link RouteEncap#mpls(int...)}; null
         *              (the default) to leave them out
         * @return this builder
         */
        public Builder encap(RouteEncap encap) {
            this.encap = encap;
            return this;
        }

        /**
         * @param cacheInfo {@code RTA_CACHEINFO}, which the kernel sends and ignores in requests; null (the
         *                  default) to leave it out
         * @return this builder
         */
        public Builder cacheInfo(RouteCacheInfo cacheInfo) {
            this.cacheInfo = cacheInfo;
            return this;
        }

        /**
         * Replaces the attributes kept raw, such as {@code RTA_UID} or {@code RTA_TTL_PROPAGATE}. Each must be of
         * a type this record does not decode into a field.
         *
         * @param unknown the attributes, written after the others in this order; copied; null for none
         * @return this builder
         */
        public Builder unknown(List<Attribute> unknown) {
            this.unknown = RecordArguments.mutableCopy(unknown);
            return this;
        }

        /**
         * Appends one attribute kept raw; see {@link #unknown(List)}.
         *
         * @param attribute the attribute
         * @return this builder
         */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /**
         * Checks the values and makes the record.
         *
         * @return the route
         * @throws NetlinkException naming the field when {@code type} is not a route message type, a header
         *         field does not fit its kernel width, a prefix length is longer than the family's addresses, an
         *         address is not of the family, a next hop is null or keeps a gateway raw that decoding would
         *         read, an {@code unknown} attribute (of the route, its metrics or its encapsulation) is null,
         *         too long, or of a type the record decodes into a field, or {@code pref} does not fit 8 bits
         */
        public RouteMessage build() {
            String what = "RouteMessage.builder()";
            RecordArguments.type(what, type, RouteMessageType.RTM_NEWROUTE);
            for (int i = 0; i < nextHops.size(); i++) {
                if (nextHops.get(i) == null) {
                    throw new NetlinkArgumentException(what + ": nextHops[" + i + "] is null");
                }
            }
            InetAddress[] addresses = new InetAddress[4 + nextHops.size()];
            addresses[0] = destination;
            addresses[1] = source;
            addresses[2] = gateway;
            addresses[3] = preferredSource;
            for (int i = 0; i < nextHops.size(); i++) {
                addresses[4 + i] = nextHops.get(i).gateway();
            }
            int f = RecordArguments.family(family, addresses);
            RecordArguments.u8(what, "family", "rtm_family", f);
            RecordArguments.prefixLength(what, "destinationLength", "rtm_dst_len", f, destinationLength);
            RecordArguments.prefixLength(what, "sourceLength", "rtm_src_len", f, sourceLength);
            RecordArguments.u8(what, "tos", "rtm_tos", tos);
            RecordArguments.u8(what, "protocol", "rtm_protocol", protocol);
            RecordArguments.u8(what, "scope", "rtm_scope", scope);
            RecordArguments.u8(what, "routeType", "rtm_type", routeType);
            RecordArguments.FieldOf gatewayRead = (t, length) -> t == RTA_GATEWAY
                    && RecordArguments.decodedAsAddress(f, length) ? "gateway (RTA_GATEWAY)" : null;
            for (int i = 0; i < nextHops.size(); i++) {
                RecordArguments.raw(what, "nextHops[" + i + "].unknown", nextHops.get(i).unknown(), gatewayRead);
            }
            RecordArguments.raw(what, "unknown", unknown, (t, length) -> switch (t) {
                case RTA_OIF -> "outputInterface (RTA_OIF)";
                case RTA_PRIORITY -> "priority (RTA_PRIORITY)";
                case RTA_TABLE -> "table (RTA_TABLE)";
                case RTA_MULTIPATH -> "nextHops (RTA_MULTIPATH)";
                case RTA_DST -> RecordArguments.decodedAsAddress(f, length) ? "destination (RTA_DST)" : null;
                case RTA_SRC -> RecordArguments.decodedAsAddress(f, length) ? "source (RTA_SRC)" : null;
                case RTA_GATEWAY -> RecordArguments.decodedAsAddress(f, length) ? "gateway (RTA_GATEWAY)" : null;
                case RTA_PREFSRC -> RecordArguments.decodedAsAddress(f, length) ? "preferredSource (RTA_PREFSRC)" : null;
                case RTA_METRICS -> "metrics (RTA_METRICS)";
                case RTA_PREF -> "pref (RTA_PREF)";
                case RTA_EXPIRES -> "expires (RTA_EXPIRES)";
                case RTA_NH_ID -> "nexthopId (RTA_NH_ID)";
                case RTA_FLOW -> "realms (RTA_FLOW)";
                case RTA_ENCAP_TYPE -> "encap (RTA_ENCAP_TYPE)";
                case RTA_ENCAP -> "encap (RTA_ENCAP)";
                case RTA_CACHEINFO -> "cacheInfo (RTA_CACHEINFO)";
                default -> null;
            });
            for (int i = 0; i < unknown.size(); i++) {
                Attribute a = unknown.get(i);
                if ((a.type() & AttributeEncoder.TYPE_MASK) == RTA_VIA) {
                    int viaFamily = RouteVia.family(a.data(), 0, a.data().length);
                    if (viaFamily < 0 || viaFamily == AddressFamily.INET || viaFamily == AddressFamily.INET6) {
                        throw new NetlinkArgumentException(what + ": unknown[" + i + "] is via (RTA_VIA), which"
                                + " decoding reads into that field instead of keeping it raw; set the field instead");
                    }
                }
            }
            if (metrics != null) {
                RouteMetrics.checkRaw(what, "metrics.unknown", metrics.unknown());
                String cc = metrics.congestionControl();
                if (cc != null && cc.indexOf('\0') >= 0) {
                    throw new NetlinkArgumentException(what + ": metrics.congestionControl (RTAX_CC_ALGO) contains NUL");
                }
            }
            if (encap != null) {
                int encapType = encap.type();
                RecordArguments.raw(what, "encap.attributes", encap.attributes(),
                        (t, length) -> RouteEncap.field(encapType, t));
            }
            try {
                return new RouteMessage(type, f, destinationLength, sourceLength, tos, table, protocol, scope,
                        routeType, flags, destination, source, gateway, outputInterface, priority, preferredSource,
                        nextHops, via, metrics, pref, expires, nexthopId, realms, encap, cacheInfo, unknown);
            } catch (NetlinkArgumentException e) {
                throw new NetlinkArgumentException(what + ": " + e.getMessage(), e);
            }
        }
    }
}
