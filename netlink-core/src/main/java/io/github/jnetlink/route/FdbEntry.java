package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A forwarding database entry, one line of {@code bridge fdb show}: a neighbour message of family
 * {@link AddressFamily#BRIDGE}, {@code struct ndmsg} followed by {@code NDA_*} attributes
 * ({@code <linux/neighbour.h>}). The kernel sends one {@link RouteMessageType#RTM_NEWNEIGH} per entry in answer
 * to an {@code AF_BRIDGE} {@link RouteMessageType#RTM_GETNEIGH} dump, and multicasts {@code RTM_NEWNEIGH} /
 * {@code RTM_DELNEIGH} to {@link RouteGroup#NEIGH} as entries are learned, aged out, added or deleted. Three
 * kinds of device answer: a bridge for the MAC addresses it has learned or been given on its ports
 * ({@link #master()} is then the bridge, {@link #index()} the port); any device for the unicast and multicast
 * addresses it filters itself ({@link #NTF_SELF}, no {@link #master()}); and a VXLAN device for the remote
 * tunnel endpoints it sends a MAC address to ({@link #destination()}, {@link #port()}, {@link #vni()},
 * {@link #remoteIndex()}; one entry per remote, so the all-zero MAC address may appear several times, once for
 * each default destination).
 *
 * <pre>
 *  struct ndmsg (12 bytes)
 *  0        1        2                 4                 8                 10        11        12
 * +--------+--------+-----------------+-----------------+-----------------+---------+---------+
 * | family |  pad   |       pad       |   ndm_ifindex   |    ndm_state    |  flags  |  type   |
 * +--------+--------+-----------------+-----------------+-----------------+---------+---------+
 * </pre>
 *
 * <p>Optional attributes the message lacks are null. Attributes this record has no field for
 * ({@code NDA_LINK_NETNSID}, {@code NDA_NH_ID}, {@code NDA_FDB_EXT_ATTRS}, {@code NDA_PROTOCOL}, ...) are kept in
 * {@link #unknown()} and written back by {@link #encode()}. The typed attributes must have their kernel size;
 * one that does not makes the message malformed. {@link #from(NeighborMessage)} reads a
 * {@link NeighborMessage} of family {@code AF_BRIDGE} as an entry.
 *
 * <p>What {@code bridge -j -s fdb show} prints maps onto the fields so: {@code mac} is {@link #address()},
 * {@code ifname} names {@link #index()}, {@code vlan} is {@link #vlan()}, {@code master} names
 * {@link #master()}, {@code dst} is {@link #destination()}, {@code port}, {@code vni}, {@code src_vni} and
 * {@code viaIf} are {@link #port()}, {@link #vni()}, {@link #sourceVni()} and {@link #remoteIndex()},
 * {@code state} is {@link #stateName()}, {@code flags} is {@link #flagNames()}, and {@code used} and
 * {@code updated} come from {@link #cacheInfo()} in whole seconds.
 *
 * @param type           the message type, such as {@link RouteMessageType#RTM_NEWNEIGH}; not encoded
 * @param index          {@code ndm_ifindex}: the port (or device) the MAC address is reached through
 * @param state          {@code ndm_state}: {@link #NUD_PERMANENT} for an address of the device itself
 *                       ({@code permanent}), {@link #NUD_NOARP} for one added by hand that never ages
 *                       ({@code static}), {@link #NUD_REACHABLE} for a learned or dynamic one, {@link #NUD_STALE}
 *                       for one not seen for a while
 * @param flags          {@code ndm_flags}: {@code NTF_*} bits such as {@link #NTF_SELF} or {@link #NTF_STICKY}
 * @param neighborType   {@code ndm_type}: 0 from a bridge, {@link RouteMessage#RTN_UNICAST} from a VXLAN device
 * @param address        {@code NDA_LLADDR}: the MAC address
 * @param destination    {@code NDA_DST}: a VXLAN entry's remote endpoint, IPv4 or IPv6
 * @param vlan           {@code NDA_VLAN}: u16, the VLAN ID the address is learned in, 1 to 4094
 * @param port           {@code NDA_PORT}: the UDP port of a VXLAN entry's remote, 0 to 65535 (big-endian on the
 *                       wire)
 * @param vni            {@code NDA_VNI}: u32, the VXLAN network identifier sent to the remote
 * @param remoteIndex    {@code NDA_IFINDEX}: u32, the device the remote is reached through ({@code via})
 * @param master         {@code NDA_MASTER}: u32, the bridge the entry belongs to
 * @param sourceVni      {@code NDA_SRC_VNI}: u32, the VNI of a collect-metadata VXLAN device's entry
 * @param extendedFlags  {@code NDA_FLAGS_EXT}: u32, {@code NTF_EXT_*} bits such as {@link #NTF_EXT_LOCKED}
 * @param cacheInfo      {@code NDA_CACHEINFO}: when the entry was last used and updated, in
 *                       {@link NeighborCacheInfo#USER_HZ} ticks ago
 * @param unknown        every other attribute, as sent
 */
public record FdbEntry(int type, int index, int state, int flags, int neighborType, MacAddress address,
        InetAddress destination, Integer vlan, Integer port, Integer vni, Integer remoteIndex, Integer master,
        Integer sourceVni, Integer extendedFlags, NeighborCacheInfo cacheInfo, List<Attribute> unknown) {

    /** {@code NDA_LINK_NETNSID}: s32 ID of the namespace of a VXLAN entry's lower device; kept raw. */
    public static final int NDA_LINK_NETNSID = 10;
    /** {@code NDA_SRC_VNI}: u32 source VNI. */
    public static final int NDA_SRC_VNI = 11;
    /** {@code NDA_NH_ID}: u32 ID of the nexthop group a VXLAN entry sends to; kept raw. */
    public static final int NDA_NH_ID = 13;

    /** {@code NUD_REACHABLE}: learned, or added {@code dynamic}; ages out. */
    public static final int NUD_REACHABLE = NeighborMessage.NUD_REACHABLE;
    /** {@code NUD_STALE}: learned and not seen for a while. */
    public static final int NUD_STALE = NeighborMessage.NUD_STALE;
    /** {@code NUD_NOARP}: added {@code static}; never ages out. */
    public static final int NUD_NOARP = NeighborMessage.NUD_NOARP;
    /** {@code NUD_PERMANENT}: an address of the device itself, or added {@code permanent} (the default). */
    public static final int NUD_PERMANENT = NeighborMessage.NUD_PERMANENT;

    /** {@code NTF_USE}: in a request, mark the entry used (refresh it) instead of changing it. */
    public static final int NTF_USE = NeighborMessage.NTF_USE;
    /** {@code NTF_SELF}: the entry is the device's own ({@code self}), not its master bridge's. */
    public static final int NTF_SELF = NeighborMessage.NTF_SELF;
    /** {@code NTF_MASTER}: in a request, add to or delete from the port's master bridge ({@code master}). */
    public static final int NTF_MASTER = NeighborMessage.NTF_MASTER;
    /** {@code NTF_EXT_LEARNED}: learned by an external control plane or device ({@code extern_learn}). */
    public static final int NTF_EXT_LEARNED = NeighborMessage.NTF_EXT_LEARNED;
    /** {@code NTF_OFFLOADED}: installed in hardware ({@code offload}). */
    public static final int NTF_OFFLOADED = NeighborMessage.NTF_OFFLOADED;
    /** {@code NTF_STICKY}: never moves to another port ({@code sticky}). */
    public static final int NTF_STICKY = NeighborMessage.NTF_STICKY;
    /** {@code NTF_ROUTER}: the address is a router's ({@code router}). */
    public static final int NTF_ROUTER = NeighborMessage.NTF_ROUTER;
    /** {@code NTF_EXT_LOCKED}, in {@link #extendedFlags()}: learned on a locked port ({@code locked}). */
    public static final int NTF_EXT_LOCKED = NeighborMessage.NTF_EXT_LOCKED;

    /**
     * Checks the fixed header's field ranges and the attributes' widths.
     *
     * @throws NetlinkException if a header field, {@code vlan} or {@code port} is out of range, or
     *         {@code unknown} contains null; a null list becomes empty
     */
    public FdbEntry {
        AddressFamily.u16(type, "FDB entry message type");
        AddressFamily.u16(state, "FDB entry state (ndm_state)");
        AddressFamily.u8(flags, "FDB entry flags (ndm_flags)");
        AddressFamily.u8(neighborType, "FDB entry type (ndm_type)");
        if (vlan != null) {
            AddressFamily.u16(vlan, "FDB entry VLAN (NDA_VLAN)");
        }
        if (port != null) {
            AddressFamily.u16(port, "FDB entry port (NDA_PORT)");
        }
        unknown = RoutePayload.copy(unknown, "FDB entry unknown attributes");
    }

    /**
     * A builder with every field at its default: type {@link RouteMessageType#RTM_NEWNEIGH}, index 0, state
     * {@link #NUD_PERMANENT} (as {@code bridge fdb add} defaults to), flags {@link #NTF_SELF}, type 0, no
     * attributes.
     *
     * <pre>{@code
     * FdbEntry entry = FdbEntry.builder().index(port).address(MacAddress.parse("02:00:00:00:00:01"))
     *         .flags(FdbEntry.NTF_MASTER).state(FdbEntry.NUD_NOARP).build();
     * }</pre>
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this entry's values, to copy it with some of them changed; not thread-safe */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.type = type;
        b.index = index;
        b.state = state;
        b.flags = flags;
        b.neighborType = neighborType;
        b.address = address;
        b.destination = destination;
        b.vlan = vlan;
        b.port = port;
        b.vni = vni;
        b.remoteIndex = remoteIndex;
        b.master = master;
        b.sourceVni = sourceVni;
        b.extendedFlags = extendedFlags;
        b.cacheInfo = cacheInfo;
        b.unknown = new ArrayList<>(unknown);
        return b;
    }

    /**
     * Reads a neighbour message of family {@link AddressFamily#BRIDGE} as an FDB entry: the same bytes,
     * {@code NDA_SRC_VNI} taken out of {@link NeighborMessage#unknown()}.
     *
     * @param neighbor the neighbour message
     * @return the entry
     * @throws NetlinkException if {@code neighbor} is null or not of family {@code AF_BRIDGE}
     * @throws MalformedMessageException if a raw attribute of it is malformed
     */
    public static FdbEntry from(NeighborMessage neighbor) {
        if (neighbor == null) {
            throw new NetlinkArgumentException("FdbEntry.from: neighbour message must not be null");
        }
        if (neighbor.family() != AddressFamily.BRIDGE) {
            throw new NetlinkArgumentException("FdbEntry.from: neighbour message of family "
                    + AddressFamily.name(neighbor.family()) + " (" + neighbor.family()
                    + ") is no FDB entry; FDB entries have family AF_BRIDGE (7)");
        }
        return decode(neighbor.toMessage());
    }

    /**
     * Decodes an {@code RTM_NEWNEIGH}, {@code RTM_DELNEIGH} or {@code RTM_GETNEIGH} message of family
     * {@code AF_BRIDGE}. When an attribute repeats, the last one counts.
     *
     * @param message the message
     * @return the entry
     * @throws MalformedMessageException if the message is null, of another type or family, shorter than
     *         {@code struct ndmsg}, an attribute is malformed, or a typed attribute is not of its kernel size
     */
    public static FdbEntry decode(Message message) {
        byte[] b = RoutePayload.payload(message, RouteMessageType.RTM_NEWNEIGH, NeighborMessage.HEADER_SIZE,
                "struct ndmsg");
        if ((b[0] & 0xFF) != AddressFamily.BRIDGE) {
            throw new MalformedMessageException("cannot decode an FDB entry from a neighbour message of family "
                    + AddressFamily.name(b[0] & 0xFF) + " (" + (b[0] & 0xFF) + "); FDB entries have family AF_BRIDGE (7)");
        }
        MacAddress address = null;
        InetAddress destination = null;
        Integer vlan = null;
        Integer port = null;
        Integer vni = null;
        Integer remoteIndex = null;
        Integer master = null;
        Integer sourceVni = null;
        Integer extendedFlags = null;
        NeighborCacheInfo cacheInfo = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = RoutePayload.attributes(b, NeighborMessage.HEADER_SIZE);
        while (d.next()) {
            switch (d.type()) {
                case NeighborMessage.NDA_DST -> {
                    InetAddress a = AddressFamily.decode(d, AddressFamily.BRIDGE, "NDA_DST");
                    if (a == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else {
                        destination = a;
                    }
                }
                case NeighborMessage.NDA_LLADDR -> {
                    MacAddress m = MacAddress.decode(d, "NDA_LLADDR");
                    if (m == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else {
                        address = m;
                    }
                }
                case NeighborMessage.NDA_CACHEINFO -> cacheInfo = NeighborCacheInfo.decode(b, d.offset(), d.length());
                case NeighborMessage.NDA_VLAN -> vlan = d.u16();
                case NeighborMessage.NDA_PORT -> port = d.u16(ByteOrder.BIG_ENDIAN);
                case NeighborMessage.NDA_VNI -> vni = d.u32();
                case NeighborMessage.NDA_IFINDEX -> remoteIndex = d.u32();
                case NeighborMessage.NDA_MASTER -> master = d.u32();
                case NDA_SRC_VNI -> sourceVni = d.u32();
                case NeighborMessage.NDA_FLAGS_EXT -> extendedFlags = d.u32();
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        return new FdbEntry(message.header().type(), (int) RoutePayload.INT.get(b, 4),
                (short) RoutePayload.SHORT.get(b, 8) & 0xFFFF, b[10] & 0xFF, b[11] & 0xFF, address, destination, vlan,
                port, vni, remoteIndex, master, sourceVni, extendedFlags, cacheInfo, RoutePayload.finish(unknown));
    }

    /**
     * Encodes the payload the kernel reads for this entry: {@code struct ndmsg} of family {@code AF_BRIDGE},
     * then the attributes that are present in the order of their numbers, and {@link #unknown()}. (The kernel
     * ignores {@code NDA_CACHEINFO} in a request.)
     *
     * @return the payload
     * @throws NetlinkException if an attribute does not fit its 65535-byte limit
     */
    public byte[] encode() {
        byte[] header = new byte[NeighborMessage.HEADER_SIZE];
        header[0] = (byte) AddressFamily.BRIDGE;
        RoutePayload.INT.set(header, 4, index);
        RoutePayload.SHORT.set(header, 8, (short) state);
        header[10] = (byte) flags;
        header[11] = (byte) neighborType;
        try {
            AttributeEncoder e = new AttributeEncoder(64).header(header);
            RoutePayload.address(e, NeighborMessage.NDA_DST, destination);
            if (address != null) {
                e.bytes(NeighborMessage.NDA_LLADDR, address.raw());
            }
            if (cacheInfo != null) {
                e.bytes(NeighborMessage.NDA_CACHEINFO, cacheInfo.encode());
            }
            if (vlan != null) {
                e.u16(NeighborMessage.NDA_VLAN, vlan);
            }
            if (port != null) {
                e.u16(NeighborMessage.NDA_PORT, port, ByteOrder.BIG_ENDIAN);
            }
            RoutePayload.u32(e, NeighborMessage.NDA_VNI, vni);
            RoutePayload.u32(e, NeighborMessage.NDA_IFINDEX, remoteIndex);
            RoutePayload.u32(e, NeighborMessage.NDA_MASTER, master);
            RoutePayload.u32(e, NDA_SRC_VNI, sourceVni);
            RoutePayload.u32(e, NeighborMessage.NDA_FLAGS_EXT, extendedFlags);
            RoutePayload.writeAll(e, unknown);
            return e.encode();
        } catch (NetlinkArgumentException ex) {
            throw RoutePayload.encodeFailure("FDB entry " + address + " on link " + index, ex);
        }
    }

    /**
     * This entry as the kernel sends it: a message of type {@link #type()}, flags 0, sequence and port ID 0,
     * whose payload is {@link #encode()}.
     *
     * @return the message
     * @throws NetlinkException if {@link #type()} is not a neighbour message type, or an attribute does not fit
     */
    public Message toMessage() {
        return RecordArguments.message("FdbEntry", type, RouteMessageType.RTM_NEWNEIGH, 0, encode());
    }

    /**
     * @return the state as {@code bridge fdb} prints it: {@code "permanent"}, {@code "static"}, {@code "stale"},
     *         {@code ""} for {@link #NUD_REACHABLE} (a dynamic entry), or {@code "state=0x..."} for anything else
     */
    public String stateName() {
        if ((state & NUD_PERMANENT) != 0) {
            return "permanent";
        }
        if ((state & NUD_NOARP) != 0) {
            return "static";
        }
        if ((state & NUD_STALE) != 0) {
            return "stale";
        }
        if ((state & NUD_REACHABLE) != 0) {
            return "";
        }
        return "state=0x" + Integer.toHexString(state);
    }

    /**
     * @return the flags as {@code bridge fdb} names them, in its order: {@code self}, {@code router},
     *         {@code extern_learn}, {@code offload}, {@code master}, {@code sticky}, and {@code locked} from
     *         {@link #extendedFlags()}; unmodifiable
     */
    public List<String> flagNames() {
        List<String> names = new ArrayList<>(4);
        int[] bits = {NTF_SELF, NTF_ROUTER, NTF_EXT_LEARNED, NTF_OFFLOADED, NTF_MASTER, NTF_STICKY};
        String[] words = {"self", "router", "extern_learn", "offload", "master", "sticky"};
        for (int i = 0; i < bits.length; i++) {
            if ((flags & bits[i]) != 0) {
                names.add(words[i]);
            }
        }
        if (extendedFlags != null && (extendedFlags & NTF_EXT_LOCKED) != 0) {
            names.add("locked");
        }
        return List.copyOf(names);
    }

    /**
     * Builds an {@link FdbEntry} field by field, each setter named after the record component it sets. Fields
     * not set keep the defaults {@link FdbEntry#builder()} lists. Not thread-safe.
     */
    public static final class Builder {

        private int type = RouteMessageType.RTM_NEWNEIGH;
        private int index;
        private int state = NUD_PERMANENT;
        private int flags = NTF_SELF;
        private int neighborType;
        private MacAddress address;
        private InetAddress destination;
        private Integer vlan;
        private Integer port;
        private Integer vni;
        private Integer remoteIndex;
        private Integer master;
        private Integer sourceVni;
        private Integer extendedFlags;
        private NeighborCacheInfo cacheInfo;
        private List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /**

         * @param type a neighbour message type, {@code RTM_NEWNEIGH} to {@code RTM_GETNEIGH}

         * @return this builder

         */
        public Builder type(int type) {
            this.type = type;
            return this;
        }

        /**

         * @param index {@code ndm_ifindex}, the port or device

         * @return this builder

         */
        public Builder index(int index) {
            this.index = index;
            return this;
        }

        /**

         * @param state {@code ndm_state}, such as {@link #NUD_NOARP} for {@code static}

         * @return this builder

         */
        public Builder state(int state) {
            this.state = state;
            return this;
        }

        /**

         * @param flags {@code ndm_flags}, such as {@link #NTF_MASTER}

         * @return this builder

         */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /**

         * @param neighborType {@code ndm_type}, 0 to 255

         * @return this builder

         */
        public Builder neighborType(int neighborType) {
            this.neighborType = neighborType;
            return this;
        }

        /**

         * @param address {@code NDA_LLADDR}, the MAC address

         * @return this builder

         */
        public Builder address(MacAddress address) {
            this.address = address;
            return this;
        }

        /**

         * @param destination {@code NDA_DST}, a VXLAN remote; null to leave it out

         * @return this builder

         */
        public Builder destination(InetAddress destination) {
            this.destination = destination;
            return this;
        }

        /**

         * @param vlan {@code NDA_VLAN}, 1 to 4094; null to leave it out

         * @return this builder

         */
        public Builder vlan(Integer vlan) {
            this.vlan = vlan;
            return this;
        }

        /**

         * @param port {@code NDA_PORT}, a VXLAN remote's UDP port; null to leave it out

         * @return this builder

         */
        public Builder port(Integer port) {
            this.port = port;
            return this;
        }

        /**

         * @param vni {@code NDA_VNI}, a VXLAN remote's VNI; null to leave it out

         * @return this builder

         */
        public Builder vni(Integer vni) {
            this.vni = vni;
            return this;
        }

        /**

         * @param remoteIndex {@code NDA_IFINDEX}, the device to a VXLAN remote

         * @return this builder

         */
        public Builder remoteIndex(Integer remoteIndex) {
            this.remoteIndex = remoteIndex;
            return this;
        }

        /**

         * @param master {@code NDA_MASTER}, the bridge; null to leave it out

         * @return this builder

         */
        public Builder master(Integer master) {
            this.master = master;
            return this;
        }

        /**

         * @param sourceVni {@code NDA_SRC_VNI}; null to leave it out

         * @return this builder

         */
        public Builder sourceVni(Integer sourceVni) {
            this.sourceVni = sourceVni;
            return this;
        }

        /**

         * @param extendedFlags {@code NDA_FLAGS_EXT}; null to leave it out

         * @return this builder

         */
        public Builder extendedFlags(Integer extendedFlags) {
            this.extendedFlags = extendedFlags;
            return this;
        }

        /**

         * @param cacheInfo {@code NDA_CACHEINFO}, which requests need not carry

         * @return this builder

         */
        public Builder cacheInfo(NeighborCacheInfo cacheInfo) {
            this.cacheInfo = cacheInfo;
            return this;
        }

        /**

         * @param unknown attributes kept raw, of types this record has no field for; copied

         * @return this builder

         */
        public Builder unknown(List<Attribute> unknown) {
            this.unknown = RecordArguments.mutableCopy(unknown);
            return this;
        }

        /**

         * @param attribute one attribute kept raw, see {@link #unknown(List)}

         * @return this builder

         */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /**
         * Checks the values and makes the record.
         *
         * @return the entry
         * @throws NetlinkException naming the field when {@code type} is not a neighbour message type, a header
         *         field does not fit its kernel width, {@code vlan} is not 1 to 4094, {@code port} not 0 to 65535,
         *         or an {@code unknown} attribute is null, too long, or of a type the record decodes into a field
         */
        public FdbEntry build() {
            String what = "FdbEntry.builder()";
            RecordArguments.type(what, type, RouteMessageType.RTM_NEWNEIGH);
            RecordArguments.u16(what, "state", "ndm_state", state);
            RecordArguments.u8(what, "flags", "ndm_flags", flags);
            RecordArguments.u8(what, "neighborType", "ndm_type", neighborType);
            if (vlan != null && (vlan < 1 || vlan > 4094)) {
                throw new NetlinkArgumentException(what + ": vlan (NDA_VLAN) must be 1 to 4094, got " + vlan);
            }
            if (port != null) {
                RecordArguments.u16(what, "port", "NDA_PORT", port);
            }
            RecordArguments.raw(what, "unknown", unknown, (t, length) -> switch (t) {
                case NeighborMessage.NDA_DST -> length == 4 || length == 16 ? "destination (NDA_DST)" : null;
                case NeighborMessage.NDA_LLADDR -> length > 0 ? "address (NDA_LLADDR)" : null;
                case NeighborMessage.NDA_CACHEINFO -> "cacheInfo (NDA_CACHEINFO)";
                case NeighborMessage.NDA_VLAN -> "vlan (NDA_VLAN)";
                case NeighborMessage.NDA_PORT -> "port (NDA_PORT)";
                case NeighborMessage.NDA_VNI -> "vni (NDA_VNI)";
                case NeighborMessage.NDA_IFINDEX -> "remoteIndex (NDA_IFINDEX)";
                case NeighborMessage.NDA_MASTER -> "master (NDA_MASTER)";
                case NDA_SRC_VNI -> "sourceVni (NDA_SRC_VNI)";
                case NeighborMessage.NDA_FLAGS_EXT -> "extendedFlags (NDA_FLAGS_EXT)";
                default -> null;
            });
            return new FdbEntry(type, index, state, flags, neighborType, address, destination, vlan, port, vni,
                    remoteIndex, master, sourceVni, extendedFlags, cacheInfo, unknown);
        }
    }
}
