package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A nexthop object ({@code ip nexthop}): {@code struct nhmsg} followed by {@code NHA_*} attributes. Since Linux
 * 5.3 a nexthop lives apart from the routes that use it, which name it by {@link #id()} through
 * {@link RouteMessage#nexthopId()} ({@code RTA_NH_ID}, {@code ip route add ... nhid ID}). A nexthop is either a
 * single path (a gateway and/or an output interface, or a blackhole) or a group of other nexthops, multipath or
 * resilient. The kernel sends one {@link RouteMessageType#RTM_NEWNEXTHOP} per object in answer to an
 * {@link RouteMessageType#RTM_GETNEXTHOP} dump, and multicasts {@code RTM_NEWNEXTHOP} / {@code RTM_DELNEXTHOP}
 * to {@link RouteGroup#NEXTHOP}.
 *
 * <pre>
 *  struct nhmsg (8 bytes)
 *  0           1           2             3           4                                   8
 * +-----------+-----------+-------------+-----------+-----------------------------------+
 * | nh_family | nh_scope  | nh_protocol |   resvd   |             nh_flags              |
 * +-----------+-----------+-------------+-----------+-----------------------------------+
 * </pre>
 *
 * <p>Optional attributes the message lacks are {@code null} (flags {@code false}); {@link #group()} is never
 * null. Attributes this record has no field for ({@code NHA_RES_BUCKET},
 * {@code NHA_GROUP_STATS}, {@code NHA_HW_STATS_ENABLE}, {@code NHA_HW_STATS_USED}, ...) are kept in
 * {@link #unknown()} and written back by {@link #encode()}. The typed attributes must have their kernel size; one
 * that does not makes the message malformed. The reserved bytes ({@code resvd}, and {@code resvd2} of each
 * group member) are not kept: the kernel sends and expects zeros there.
 *
 * <p>What {@code ip -j -d nexthop show} prints maps onto the fields so: {@code id} is {@link #id()},
 * {@code gateway} {@link #gateway()}, {@code dev} the name of {@link #index()}, {@code blackhole}
 * {@link #blackhole()}, {@code fdb} {@link #fdb()}, {@code scope} {@link #scope()}, {@code protocol}
 * {@link #protocol()}, {@code flags} {@link #flags()}, {@code group} {@link #group()} (ip leaves out a weight of 1),
 * {@code type} {@link #groupType()} and {@code resilient_args} {@link #resilientGroup()} (its timers in seconds,
 * the ticks divided by {@link NeighborCacheInfo#USER_HZ}). (iproute2 before 6.12 prints only the low 8 bits of
 * a weight less one, so it shows a weight of 300 as 44.)
 *
 * <p>Build one with {@link #builder()}, or copy one with changes through {@link #toBuilder()}.
 * {@link #toMessage()} wraps {@link #encode()} in a message shaped as the kernel sends it, and
 * {@link #decode(Message)} of that message gives back an equal record.
 *
 * @param type           the message type, such as {@link RouteMessageType#RTM_NEWNEXTHOP}; not encoded
 * @param family         {@code nh_family}: {@link AddressFamily#INET} or {@link AddressFamily#INET6} for a single
 *                       path, {@link AddressFamily#UNSPEC} for a group (the kernel requires it there)
 * @param scope          {@code nh_scope}: the kernel reports {@link RouteMessage#RT_SCOPE_LINK} for a path with a
 *                       gateway, {@link RouteMessage#RT_SCOPE_HOST} for a device-only path and
 *                       {@link RouteMessage#RT_SCOPE_UNIVERSE} otherwise; ignored in requests
 * @param protocol       {@code nh_protocol}: who installed it, an {@code RTPROT_*} number
 * @param flags          {@code nh_flags}, u32 {@code RTNH_F_*} bits such as {@link NextHop#RTNH_F_ONLINK}
 * @param id             {@code NHA_ID}: u32, the nexthop's ID; null in a request lets the kernel pick one
 * @param group          {@code NHA_GROUP}: the members of a group, empty for a single path
 * @param groupType      {@code NHA_GROUP_TYPE}: u16, {@link #NEXTHOP_GRP_TYPE_MPATH} or
 *                       {@link #NEXTHOP_GRP_TYPE_RES}; the kernel sends it for every group
 * @param blackhole      {@code NHA_BLACKHOLE}: packets sent here are dropped
 * @param index          {@code NHA_OIF}: u32, the output interface's index
 * @param gateway        {@code NHA_GATEWAY}: the gateway, an address of {@code family}
 * @param encap          {@code NHA_ENCAP_TYPE} and {@code NHA_ENCAP}: the lightweight tunnel encapsulation
 * @param groups         {@code NHA_GROUPS}: a dump filter, asking for groups only; never in a reply
 * @param master         {@code NHA_MASTER}: u32, a dump filter, asking for nexthops whose device has this master
 * @param fdb            {@code NHA_FDB}: a nexthop for bridge and VXLAN forwarding database entries
 * @param resilientGroup {@code NHA_RES_GROUP}: the parameters of a resilient group
 * @param opFlags        {@code NHA_OP_FLAGS}: u32 {@code NHA_OP_FLAG_*} bits; in a get or dump request what to
 *                       add to the reply (such as {@link #NHA_OP_FLAG_DUMP_STATS}), in a reply of a group
 *                       {@link #NHA_OP_FLAG_RESP_GRP_RESVD_0} on kernels since 6.12
 * @param unknown        every other attribute, as sent
 */
public record NexthopMessage(int type, int family, int scope, int protocol, int flags, Integer id,
        List<Member> group, Integer groupType, boolean blackhole, Integer index, InetAddress gateway,
        RouteEncap encap, boolean groups, Integer master, boolean fdb, ResilientGroup resilientGroup,
        Integer opFlags, List<Attribute> unknown) {

    /** Size of {@code struct nhmsg} in bytes. */
    public static final int HEADER_SIZE = 8;

    /** {@code NHA_ID}: u32 nexthop ID. */
    public static final int NHA_ID = 1;
    /** {@code NHA_GROUP}: array of {@code struct nexthop_grp}, 8 bytes each. */
    public static final int NHA_GROUP = 2;
    /** {@code NHA_GROUP_TYPE}: u16 {@code NEXTHOP_GRP_TYPE_*}. */
    public static final int NHA_GROUP_TYPE = 3;
    /** {@code NHA_BLACKHOLE}: flag, drop packets. */
    public static final int NHA_BLACKHOLE = 4;
    /** {@code NHA_OIF}: u32 output interface index. */
    public static final int NHA_OIF = 5;
    /** {@code NHA_GATEWAY}: the gateway address, 4 or 16 bytes by {@code nh_family}. */
    public static final int NHA_GATEWAY = 6;
    /** {@code NHA_ENCAP_TYPE}: u16 {@code LWTUNNEL_ENCAP_*} type of {@link #NHA_ENCAP}. */
    public static final int NHA_ENCAP_TYPE = 7;
    /** {@code NHA_ENCAP}: nest of the lightweight tunnel's attributes. */
    public static final int NHA_ENCAP = 8;
    /** {@code NHA_GROUPS}: flag, a dump filter for groups only. */
    public static final int NHA_GROUPS = 9;
    /** {@code NHA_MASTER}: u32, a dump filter by master device index. */
    public static final int NHA_MASTER = 10;
    /** {@code NHA_FDB}: flag, a forwarding database nexthop. */
    public static final int NHA_FDB = 11;
    /** {@code NHA_RES_GROUP}: nest of {@code NHA_RES_GROUP_*}, a resilient group's parameters. */
    public static final int NHA_RES_GROUP = 12;
    /** {@code NHA_RES_BUCKET}: nest of {@code NHA_RES_BUCKET_*}, in {@code RTM_*NEXTHOPBUCKET} messages. */
    public static final int NHA_RES_BUCKET = 13;
    /** {@code NHA_OP_FLAGS}: u32 {@code NHA_OP_FLAG_*} bits of a get or dump request. */
    public static final int NHA_OP_FLAGS = 14;
    /** {@code NHA_GROUP_STATS}: nest of per-member packet statistics. */
    public static final int NHA_GROUP_STATS = 15;
    /** {@code NHA_HW_STATS_ENABLE}: u32, whether hardware statistics are collected for a group. */
    public static final int NHA_HW_STATS_ENABLE = 16;
    /** {@code NHA_HW_STATS_USED}: u32, whether hardware statistics are in use. */
    public static final int NHA_HW_STATS_USED = 17;

    /**
     * {@code NHA_RES_GROUP_PAD} (0, the same number as {@code NHA_RES_GROUP_UNSPEC}): padding the kernel may put
     * before {@link #NHA_RES_GROUP_UNBALANCED_TIME} to align it to 8 bytes; kept in
     * {@link ResilientGroup#unknown()} like any other attribute without a field.
     */
    public static final int NHA_RES_GROUP_PAD = 0;
    /** {@code NHA_RES_GROUP_BUCKETS} (1): u16 number of buckets. */
    public static final int NHA_RES_GROUP_BUCKETS = 1;
    /** {@code NHA_RES_GROUP_IDLE_TIMER} (2): u32 clock ticks a bucket must be idle before it moves. */
    public static final int NHA_RES_GROUP_IDLE_TIMER = 2;
    /** {@code NHA_RES_GROUP_UNBALANCED_TIMER} (3): u32 clock ticks the group may stay unbalanced. */
    public static final int NHA_RES_GROUP_UNBALANCED_TIMER = 3;
    /** {@code NHA_RES_GROUP_UNBALANCED_TIME} (4): u64 clock ticks the group has been unbalanced (replies only). */
    public static final int NHA_RES_GROUP_UNBALANCED_TIME = 4;

    /** {@code NHA_OP_FLAG_DUMP_STATS}, in a request's {@link #opFlags()}: add {@code NHA_GROUP_STATS}. */
    public static final int NHA_OP_FLAG_DUMP_STATS = 1;
    /** {@code NHA_OP_FLAG_DUMP_HW_STATS}, in a request's {@link #opFlags()}: add hardware statistics too. */
    public static final int NHA_OP_FLAG_DUMP_HW_STATS = 1 << 1;
    /**
     * {@code NHA_OP_FLAG_RESP_GRP_RESVD_0}, in a reply's {@link #opFlags()}: the kernel zeroes the reserved
     * fields of {@code struct nexthop_grp}, so {@code weight_high} can be trusted (Linux 6.12 and later).
     */
    public static final int NHA_OP_FLAG_RESP_GRP_RESVD_0 = 1 << 31;

    /** {@code NEXTHOP_GRP_TYPE_MPATH} (0): hash-threshold multipath, {@code type mpath}. */
    public static final int NEXTHOP_GRP_TYPE_MPATH = 0;
    /** {@code NEXTHOP_GRP_TYPE_RES} (1): resilient hashing over buckets, {@code type resilient}. */
    public static final int NEXTHOP_GRP_TYPE_RES = 1;

    /** Size of {@code struct nexthop_grp} in bytes. */
    public static final int GROUP_ENTRY_SIZE = 8;

    /**
     * Checks the fixed header's field ranges and the gateway against the family.
     *
     * @throws NetlinkException if a header field or {@code groupType} is out of range, the gateway does not
     *         belong to {@code family}, or a list contains null; a null list becomes empty
     */
    public NexthopMessage {
        AddressFamily.u16(type, "nexthop message type");
        AddressFamily.u8(family, "nexthop family");
        AddressFamily.u8(scope, "nexthop scope");
        AddressFamily.u8(protocol, "nexthop protocol");
        AddressFamily.check(family, gateway, "NHA_GATEWAY");
        if (groupType != null) {
            AddressFamily.u16(groupType, "nexthop group type (NHA_GROUP_TYPE)");
        }
        group = RoutePayload.copy(group, "nexthop group members");
        unknown = RoutePayload.copy(unknown, "nexthop unknown attributes");
    }

    /**
     * A builder of a nexthop message with every field at its default: type
     * {@link RouteMessageType#RTM_NEWNEXTHOP}; the family of {@code gateway} ({@link AddressFamily#UNSPEC}
     * without one) unless {@link Builder#family(int)} says otherwise; scope, protocol and flags 0; no attributes.
     *
     * <pre>{@code
     * NexthopMessage nh = NexthopMessage.builder().id(1).gateway(InetAddress.getByName("10.0.0.2")).index(3).build();
     * NexthopMessage group = NexthopMessage.builder().id(10)
     *         .group(List.of(new NexthopMessage.Member(1, 1), new NexthopMessage.Member(2, 3))).build();
     * }</pre>
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this nexthop's values, its family included, to copy it with some of them changed.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        return new Builder().type(type).family(family).scope(scope).protocol(protocol).flags(flags).id(id)
                .group(group).groupType(groupType).blackhole(blackhole).index(index).gateway(gateway).encap(encap)
                .groups(groups).master(master).fdb(fdb).resilientGroup(resilientGroup).opFlags(opFlags).unknown(unknown);
    }

    /**
     * This nexthop as the kernel sends it in a notification or dump reply: a message of type {@link #type()},
     * flags 0, sequence and port ID 0, whose payload is {@link #encode()}.
     *
     * @return the message
     * @throws NetlinkException if {@link #type()} is not a nexthop message type ({@code RTM_NEWNEXTHOP} to 107),
     *         or an attribute does not fit its 65535-byte limit
     */
    public Message toMessage() {
        return toMessage(type, 0);
    }

    /**
     * This nexthop's payload in a message of another nexthop type, with flags 0.
     *
     * @param type {@link RouteMessageType#RTM_NEWNEXTHOP}, {@code RTM_DELNEXTHOP}, {@code RTM_GETNEXTHOP} (or
     *             107, which the kernel leaves unused)
     * @return the message
     * @throws NetlinkException if {@code type} is not a nexthop message type, or an attribute does not fit
     */
    public Message toMessage(int type) {
        return toMessage(type, 0);
    }

    /**
     * This nexthop's payload in a message of the given type and {@code nlmsg_flags}, sequence and port ID 0.
     *
     * @param type  a nexthop message type, {@code RTM_NEWNEXTHOP} to 107
     * @param flags the {@link io.github.jnetlink.HeaderFlags}, 0 to 65535
     * @return the message
     * @throws NetlinkException if {@code type} is not a nexthop message type, {@code flags} does not fit 16
     *         bits, or an attribute does not fit
     */
    public Message toMessage(int type, int flags) {
        return RecordArguments.message("NexthopMessage", type, RouteMessageType.RTM_NEWNEXTHOP, flags, encode());
    }

    /**
     * Decodes an {@code RTM_NEWNEXTHOP}, {@code RTM_DELNEXTHOP} or {@code RTM_GETNEXTHOP} message. When an
     * attribute repeats, the last one counts.
     *
     * @param message the message
     * @return the nexthop
     * @throws MalformedMessageException if the message is null, of another type, shorter than
     *         {@code struct nhmsg}, an attribute is malformed, the gateway has the wrong length for the family,
     *         {@code NHA_GROUP} is not a whole number of 8-byte entries, or a typed attribute is not of its
     *         kernel size
     */
    public static NexthopMessage decode(Message message) {
        byte[] b = RoutePayload.payload(message, RouteMessageType.RTM_NEWNEXTHOP, HEADER_SIZE, "struct nhmsg");
        int family = b[0] & 0xFF;
        Integer id = null;
        List<Member> group = List.of();
        Integer groupType = null;
        boolean blackhole = false;
        Integer index = null;
        InetAddress gateway = null;
        Integer encapType = null;
        int encapOffset = -1;
        int encapLength = 0;
        boolean groups = false;
        Integer master = null;
        boolean fdb = false;
        ResilientGroup resilient = null;
        Integer opFlags = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = RoutePayload.attributes(b, HEADER_SIZE);
        while (d.next()) {
            switch (d.type()) {
                case NHA_ID -> id = d.u32();
                case NHA_GROUP -> {
                    if (d.length() == 0) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else {
                        group = Member.decode(b, d.offset(), d.length());
                    }
                }
                case NHA_GROUP_TYPE -> groupType = d.u16();
                case NHA_BLACKHOLE -> blackhole = d.flag();
                case NHA_OIF -> index = d.u32();
                case NHA_GATEWAY -> {
                    InetAddress a = AddressFamily.decode(d, family, "NHA_GATEWAY");
                    if (a == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else {
                        gateway = a;
                    }
                }
                case NHA_ENCAP_TYPE -> encapType = d.u16();
                case NHA_ENCAP -> {
                    encapOffset = d.offset();
                    encapLength = d.length();
                }
                case NHA_GROUPS -> groups = d.flag();
                case NHA_MASTER -> master = d.u32();
                case NHA_FDB -> fdb = d.flag();
                case NHA_RES_GROUP -> resilient = ResilientGroup.decode(d.nestedDecoder());
                case NHA_OP_FLAGS -> opFlags = d.u32();
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        // NHA_ENCAP's attributes depend on NHA_ENCAP_TYPE, which may come after it.
        RouteEncap encap = null;
        int et = encapType == null ? RouteEncap.LWTUNNEL_ENCAP_NONE : encapType;
        if (encapOffset >= 0) {
            encap = RouteEncap.decode(et, b, encapOffset, encapLength);
        } else if (encapType != null) {
            encap = RouteEncap.of(et, List.of());
        }
        return new NexthopMessage(message.header().type(), family, b[1] & 0xFF, b[2] & 0xFF,
                (int) RoutePayload.INT.get(b, 4), id, group, groupType, blackhole, index, gateway, encap, groups,
                master, fdb, resilient, opFlags, RoutePayload.finish(unknown));
    }

    /**
     * Encodes the payload the kernel reads for this nexthop: {@code struct nhmsg}, then the attributes that are
     * present in the order of their numbers, and {@link #unknown()}.
     *
     * @return the payload
     * @throws NetlinkException if an attribute does not fit its 65535-byte limit
     */
    public byte[] encode() {
        byte[] header = new byte[HEADER_SIZE];
        header[0] = (byte) family;
        header[1] = (byte) scope;
        header[2] = (byte) protocol;
        RoutePayload.INT.set(header, 4, flags);
        try {
            AttributeEncoder e = new AttributeEncoder(64).header(header);
            RoutePayload.u32(e, NHA_ID, id);
            if (!group.isEmpty()) {
                e.bytes(NHA_GROUP, Member.encode(group));
            }
            if (groupType != null) {
                e.u16(NHA_GROUP_TYPE, groupType);
            }
            if (blackhole) {
                e.flag(NHA_BLACKHOLE);
            }
            RoutePayload.u32(e, NHA_OIF, index);
            RoutePayload.address(e, NHA_GATEWAY, gateway);
            if (encap != null) {
                e.u16(NHA_ENCAP_TYPE, encap.type());
                e.bytes(NHA_ENCAP, encap.encode());
            }
            if (groups) {
                e.flag(NHA_GROUPS);
            }
            RoutePayload.u32(e, NHA_MASTER, master);
            if (fdb) {
                e.flag(NHA_FDB);
            }
            if (resilientGroup != null) {
                e.nested(NHA_RES_GROUP, resilientGroup::encodeTo);
            }
            RoutePayload.u32(e, NHA_OP_FLAGS, opFlags);
            RoutePayload.writeAll(e, unknown);
            return e.encode();
        } catch (NetlinkArgumentException ex) {
            throw RoutePayload.encodeFailure("nexthop " + (id == null ? "without ID" : Integer.toUnsignedString(id)), ex);
        }
    }

    /**
     * @return whether this nexthop is a group of others ({@link #group()} is not empty)
     */
    public boolean isGroup() {
        return !group.isEmpty();
    }

    /**
     * One member of a nexthop group, a {@code struct nexthop_grp}:
     *
     * <pre>
     *  0                       4           5             6                       8
     * +-----------------------+-----------+-------------+-----------------------+
     * |          id           |  weight   | weight_high |        resvd2         |
     * +-----------------------+-----------+-------------+-----------------------+
     * </pre>
     *
     * The kernel stores the weight less one, its low 8 bits in {@code weight} and, since Linux 6.12, its high 8
     * bits in {@code weight_high}; this record holds the real weight, as {@code ip nexthop add ... group 1,3}
     * takes it.
     *
     * @param id     the member nexthop's ID, u32
     * @param weight its weight, 1 to 65536 (older kernels: 1 to 256)
     */
    public record Member(int id, int weight) {

        /**
         * @throws NetlinkException if {@code weight} is not 1 to 65536
         */
        public Member {
            if (weight < 1 || weight > 0x10000) {
                throw new NetlinkArgumentException("nexthop group member " + Integer.toUnsignedString(id)
                        + ": weight must be 1 to 65536, got " + weight);
            }
        }

        static List<Member> decode(byte[] b, int offset, int length) {
            if (length % GROUP_ENTRY_SIZE != 0) {
                throw new MalformedMessageException("NHA_GROUP at offset " + (offset - 4) + ": " + length
                        + " bytes, not a whole number of " + GROUP_ENTRY_SIZE + "-byte struct nexthop_grp entries");
            }
            List<Member> out = new ArrayList<>(length / GROUP_ENTRY_SIZE);
            for (int at = offset; at < offset + length; at += GROUP_ENTRY_SIZE) {
                int stored = (b[at + 4] & 0xFF) | (b[at + 5] & 0xFF) << 8;
                out.add(new Member((int) RoutePayload.INT.get(b, at), stored + 1));
            }
            return List.copyOf(out);
        }

        static byte[] encode(List<Member> members) {
            byte[] out = new byte[members.size() * GROUP_ENTRY_SIZE];
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                int at = i * GROUP_ENTRY_SIZE;
                RoutePayload.INT.set(out, at, m.id());
                out[at + 4] = (byte) (m.weight() - 1);
                out[at + 5] = (byte) ((m.weight() - 1) >>> 8);
            }
            return out;
        }
    }

    /**
     * The parameters of a resilient nexthop group, {@code NHA_RES_GROUP}: a fixed number of hash buckets, each
     * bound to one member, that move to another member only once idle, so that flows keep their path when
     * members come and go. The timers are in clock ticks of {@link NeighborCacheInfo#USER_HZ}; {@code ip nexthop}
     * shows and takes them in seconds. Absent attributes are null.
     *
     * @param buckets         {@code NHA_RES_GROUP_BUCKETS}: u16 number of buckets ({@code buckets})
     * @param idleTimer       {@code NHA_RES_GROUP_IDLE_TIMER}: u32 ticks a bucket must be idle before it may move
     *                        ({@code idle_timer})
     * @param unbalancedTimer {@code NHA_RES_GROUP_UNBALANCED_TIMER}: u32 ticks the group may stay unbalanced
     *                        before buckets move regardless ({@code unbalanced_timer}, 0 for never)
     * @param unbalancedTime  {@code NHA_RES_GROUP_UNBALANCED_TIME}: u64 ticks the group has been unbalanced, in
     *                        replies only ({@code unbalanced_time})
     * @param unknown         every other nested attribute, as sent
     */
    public record ResilientGroup(Integer buckets, Integer idleTimer, Integer unbalancedTimer, Long unbalancedTime,
            List<Attribute> unknown) {

        /**
         * @throws NetlinkException if {@code buckets} does not fit 16 bits or {@code unknown} contains null
         */
        public ResilientGroup {
            if (buckets != null) {
                AddressFamily.u16(buckets, "resilient group buckets (NHA_RES_GROUP_BUCKETS)");
            }
            unknown = RoutePayload.copy(unknown, "resilient group unknown attributes");
        }

        /**
         * The parameters {@code ip nexthop add ... type resilient buckets B idle_timer I unbalanced_timer U}
         * sends.
         *
         * @param buckets                the number of buckets, 1 to 65535
         * @param idleTimerSeconds       seconds a bucket must be idle before it may move
         * @param unbalancedTimerSeconds seconds the group may stay unbalanced, 0 for no limit
         * @return the parameters, in ticks of {@link NeighborCacheInfo#USER_HZ}
         * @throws NetlinkException if a value is out of range
         */
        public static ResilientGroup of(int buckets, int idleTimerSeconds, int unbalancedTimerSeconds) {
            return new ResilientGroup(buckets, ticks(idleTimerSeconds, "idle timer"),
                    ticks(unbalancedTimerSeconds, "unbalanced timer"), null, List.of());
        }

        private static int ticks(int seconds, String what) {
            if (seconds < 0 || seconds > Integer.MAX_VALUE / NeighborCacheInfo.USER_HZ) {
                throw new NetlinkArgumentException("resilient group " + what + " must be 0 to "
                        + Integer.MAX_VALUE / NeighborCacheInfo.USER_HZ + " seconds, got " + seconds);
            }
            return seconds * NeighborCacheInfo.USER_HZ;
        }

        /** @return {@link #idleTimer()} in whole seconds as {@code ip nexthop} prints it, or null */
        public Long idleTimerSeconds() {
            return idleTimer == null ? null : Integer.toUnsignedLong(idleTimer) / NeighborCacheInfo.USER_HZ;
        }

        /** @return {@link #unbalancedTimer()} in whole seconds as {@code ip nexthop} prints it, or null */
        public Long unbalancedTimerSeconds() {
            return unbalancedTimer == null ? null
                    : Integer.toUnsignedLong(unbalancedTimer) / NeighborCacheInfo.USER_HZ;
        }

        /** @return {@link #unbalancedTime()} in whole seconds as {@code ip nexthop} prints it, or null */
        public Long unbalancedTimeSeconds() {
            return unbalancedTime == null ? null : Long.divideUnsigned(unbalancedTime, NeighborCacheInfo.USER_HZ);
        }

        static ResilientGroup decode(AttributeDecoder d) {
            Integer buckets = null;
            Integer idle = null;
            Integer unbalancedTimer = null;
            Long unbalancedTime = null;
            List<Attribute> unknown = null;
            while (d.next()) {
                switch (d.type()) {
                    case NHA_RES_GROUP_BUCKETS -> buckets = d.u16();
                    case NHA_RES_GROUP_IDLE_TIMER -> idle = d.u32();
                    case NHA_RES_GROUP_UNBALANCED_TIMER -> unbalancedTimer = d.u32();
                    case NHA_RES_GROUP_UNBALANCED_TIME -> unbalancedTime = d.u64();
                    default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                }
            }
            return new ResilientGroup(buckets, idle, unbalancedTimer, unbalancedTime, RoutePayload.finish(unknown));
        }

        void encodeTo(AttributeEncoder e) {
            if (buckets != null) {
                e.u16(NHA_RES_GROUP_BUCKETS, buckets);
            }
            RoutePayload.u32(e, NHA_RES_GROUP_IDLE_TIMER, idleTimer);
            RoutePayload.u32(e, NHA_RES_GROUP_UNBALANCED_TIMER, unbalancedTimer);
            if (unbalancedTime != null) {
                e.u64(NHA_RES_GROUP_UNBALANCED_TIME, unbalancedTime);
            }
            RoutePayload.writeAll(e, unknown);
        }
    }

    /**
     * Builds a {@link NexthopMessage} field by field, each setter named after the record component it sets.
     * Fields not set keep the defaults {@link NexthopMessage#builder()} lists. Not thread-safe.
     */
    public static final class Builder {

        private int type = RouteMessageType.RTM_NEWNEXTHOP;
        private Integer family;
        private int scope;
        private int protocol;
        private int flags;
        private Integer id;
        private List<Member> group = new ArrayList<>();
        private Integer groupType;
        private boolean blackhole;
        private Integer index;
        private InetAddress gateway;
        private RouteEncap encap;
        private boolean groups;
        private Integer master;
        private boolean fdb;
        private ResilientGroup resilientGroup;
        private Integer opFlags;
        private List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param type the message type, {@link RouteMessageType#RTM_NEWNEXTHOP} (the default),
         *             {@code RTM_DELNEXTHOP} or {@code RTM_GETNEXTHOP}; carried in the header
         * @return this builder
         */
        public Builder type(int type) {
            this.type = type;
            return this;
        }

        /**
         * @param family {@code nh_family}, 0 to 255; by default the family of {@code gateway}, else
         *               {@link AddressFamily#UNSPEC} (right for groups; a device-only path or a blackhole needs
         *               {@link AddressFamily#INET} or {@link AddressFamily#INET6})
         * @return this builder
         */
        public Builder family(int family) {
            this.family = family;
            return this;
        }

        /**
         * @param scope {@code nh_scope}, 0 to 255; default 0
         * @return this builder
         */
        public Builder scope(int scope) {
            this.scope = scope;
            return this;
        }

        /**
         * @param protocol {@code nh_protocol}, an {@code RTPROT_*} number 0 to 255; default 0
         * @return this builder
         */
        public Builder protocol(int protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * @param flags {@code nh_flags}, u32 {@code RTNH_F_*} bits such as {@link NextHop#RTNH_F_ONLINK}; default 0
         * @return this builder
         */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /**
         * @param id {@code NHA_ID}, u32; null (the default) to leave it out
         * @return this builder
         */
        public Builder id(Integer id) {
            this.id = id;
            return this;
        }

        /**
         * @param group {@code NHA_GROUP}, the members of a group; copied; null or empty (the default) for none
         * @return this builder
         */
        public Builder group(List<Member> group) {
            this.group = RecordArguments.mutableCopy(group);
            return this;
        }

        /**
         * Appends one group member.
         *
         * @param id     the member's nexthop ID
         * @param weight its weight, 1 to 65536
         * @return this builder
         * @throws NetlinkException if {@code weight} is out of range
         */
        public Builder addMember(int id, int weight) {
            group.add(new Member(id, weight));
            return this;
        }

        /**
         * @param groupType {@code NHA_GROUP_TYPE}, {@link NexthopMessage#NEXTHOP_GRP_TYPE_MPATH} or
         *                  {@link NexthopMessage#NEXTHOP_GRP_TYPE_RES}; null (the default) to leave it out, which
         *                  the kernel takes as multipath
         * @return this builder
         */
        public Builder groupType(Integer groupType) {
            this.groupType = groupType;
            return this;
        }

        /**
         * @param blackhole {@code NHA_BLACKHOLE}; default false
         * @return this builder
         */
        public Builder blackhole(boolean blackhole) {
            this.blackhole = blackhole;
            return this;
        }

        /**
         * @param index {@code NHA_OIF}, the output interface's index; null (the default) to leave it out
         * @return this builder
         */
        public Builder index(Integer index) {
            this.index = index;
            return this;
        }

        /**
         * @param gateway {@code NHA_GATEWAY}; null (the default) to leave it out
         * @return this builder
         */
        public Builder gateway(InetAddress gateway) {
            this.gateway = gateway;
            return this;
        }

        /**
         * @param encap {@code NHA_ENCAP_TYPE} and {@code NHA_ENCAP}; null (the default) to leave them out
         * @return this builder
         */
        public Builder encap(RouteEncap encap) {
            this.encap = encap;
            return this;
        }

        /**
         * @param groups {@code NHA_GROUPS}, the groups-only dump filter; default false
         * @return this builder
         */
        public Builder groups(boolean groups) {
            this.groups = groups;
            return this;
        }

        /**
         * @param master {@code NHA_MASTER}, the master device dump filter; null (the default) to leave it out
         * @return this builder
         */
        public Builder master(Integer master) {
            this.master = master;
            return this;
        }

        /**
         * @param fdb {@code NHA_FDB}; default false
         * @return this builder
         */
        public Builder fdb(boolean fdb) {
            this.fdb = fdb;
            return this;
        }

        /**
         * @param resilientGroup {@code NHA_RES_GROUP}; null (the default) to leave it out
         * @return this builder
         */
        public Builder resilientGroup(ResilientGroup resilientGroup) {
            this.resilientGroup = resilientGroup;
            return this;
        }

        /**
         * @param opFlags {@code NHA_OP_FLAGS}, u32 {@code NHA_OP_FLAG_*} bits such as
         *                {@link NexthopMessage#NHA_OP_FLAG_DUMP_STATS}; null (the default) to leave it out
         * @return this builder
         */
        public Builder opFlags(Integer opFlags) {
            this.opFlags = opFlags;
            return this;
        }

        /**
         * Replaces the attributes kept raw, such as {@code NHA_GROUP_STATS}. Each must be of a type this record does
         * not decode into a field.
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
         * @return the nexthop
         * @throws NetlinkException naming the field when {@code type} is not a nexthop message type, a header
         *         field or {@code groupType} does not fit its kernel width, {@code gateway} is not of the family,
         *         a member is null, or an {@code unknown} attribute is null, too long, or of a type the record
         *         decodes into a field
         */
        public NexthopMessage build() {
            String what = "NexthopMessage.builder()";
            RecordArguments.type(what, type, RouteMessageType.RTM_NEWNEXTHOP);
            int f = RecordArguments.family(family, gateway);
            RecordArguments.u8(what, "family", "nh_family", f);
            RecordArguments.u8(what, "scope", "nh_scope", scope);
            RecordArguments.u8(what, "protocol", "nh_protocol", protocol);
            if (groupType != null) {
                RecordArguments.u16(what, "groupType", "NHA_GROUP_TYPE", groupType);
            }
            RecordArguments.raw(what, "unknown", unknown, (t, length) -> switch (t) {
                case NHA_ID -> "id (NHA_ID)";
                // An empty member array is kept raw by decoding.
                case NHA_GROUP -> length > 0 ? "group (NHA_GROUP)" : null;
                case NHA_GROUP_TYPE -> "groupType (NHA_GROUP_TYPE)";
                case NHA_BLACKHOLE -> "blackhole (NHA_BLACKHOLE)";
                case NHA_OIF -> "index (NHA_OIF)";
                case NHA_GATEWAY -> RecordArguments.decodedAsAddress(f, length) ? "gateway (NHA_GATEWAY)" : null;
                case NHA_ENCAP_TYPE, NHA_ENCAP -> "encap (NHA_ENCAP_TYPE, NHA_ENCAP)";
                case NHA_GROUPS -> "groups (NHA_GROUPS)";
                case NHA_MASTER -> "master (NHA_MASTER)";
                case NHA_FDB -> "fdb (NHA_FDB)";
                case NHA_RES_GROUP -> "resilientGroup (NHA_RES_GROUP)";
                case NHA_OP_FLAGS -> "opFlags (NHA_OP_FLAGS)";
                default -> null;
            });
            try {
                return new NexthopMessage(type, f, scope, protocol, flags, id, group, groupType, blackhole, index,
                        gateway, encap, groups, master, fdb, resilientGroup, opFlags, unknown);
            } catch (NetlinkArgumentException e) {
                throw new NetlinkArgumentException(what + ": " + e.getMessage(), e);
            }
        }
    }
}
