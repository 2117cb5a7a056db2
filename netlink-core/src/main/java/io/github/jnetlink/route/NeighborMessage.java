package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A neighbour cache entry (ARP for IPv4, NDP for IPv6, or a bridge forwarding database entry):
 * {@code struct ndmsg} followed by {@code NDA_*} attributes. The kernel sends one
 * {@link RouteMessageType#RTM_NEWNEIGH} per entry in answer to an {@link RouteMessageType#RTM_GETNEIGH} dump,
 * and multicasts {@code RTM_NEWNEIGH} / {@code RTM_DELNEIGH} to {@link RouteGroup#NEIGH} as entries are
 * resolved, go stale or are removed.
 *
 * <pre>
 *  struct ndmsg (12 bytes)
 *  0        1        2                 4                 8                 10        11        12
 * +--------+--------+-----------------+-----------------+-----------------+---------+---------+
 * | family |  pad   |       pad       |   ndm_ifindex   |    ndm_state    |  flags  |  type   |
 * +--------+--------+-----------------+-----------------+-----------------+---------+---------+
 * </pre>
 *
 * <p>Optional attributes the message lacks are {@code null}; lists are never null. Attributes this record
 * has no field for ({@code NDA_LINK_NETNSID}, {@code NDA_SRC_VNI}, {@code NDA_NH_ID}, {@code NDA_FDB_EXT_ATTRS},
 * ...) are kept in {@link #unknown()} and written back by {@link #encode()}. The typed attributes must have
 * their kernel size; one that does not makes the message malformed.
 *
 * <p>What {@code ip -s -d -j neigh} prints maps onto the fields so: {@code refcnt}, {@code used},
 * {@code confirmed} and {@code updated} come from {@link #cacheInfo()} (the times divided by
 * {@link NeighborCacheInfo#USER_HZ}, in whole seconds), {@code probes} from {@link #probes()}, {@code protocol}
 * from {@link #protocol()}, {@code managed} from {@link #NTF_EXT_MANAGED} in {@link #extendedFlags()}, and
 * {@code proxy} from {@link #NTF_PROXY} in {@link #flags()}.
 *
 * <p>Build one with {@link #builder()}, or copy one with changes through {@link #toBuilder()}.
 * {@link #toMessage(int)} wraps {@link #encode()} in a message shaped as the kernel sends it, and
 * {@link #decode(Message)} of that message gives back an equal record: every field is encoded, the raw
 * {@link #unknown()} attributes included. (The builder refuses raw attributes that decoding would read into
 * a field instead, which the canonical constructor lets through.)
 *
 * @param type              the message type, such as {@link RouteMessageType#RTM_NEWNEIGH}; not encoded
 * @param family            {@code ndm_family}: {@link AddressFamily#INET}, {@link AddressFamily#INET6} or
 *                          {@link AddressFamily#BRIDGE}
 * @param index             {@code ndm_ifindex}, the interface index
 * @param state             {@code ndm_state}, {@code NUD_*} bits such as {@link #NUD_REACHABLE}; see
 *                          {@link #stateName()}
 * @param flags             {@code ndm_flags}, {@code NTF_*} bits such as {@link #NTF_ROUTER}
 * @param neighborType      {@code ndm_type}, an {@code RTN_*} route type, usually {@link RouteMessage#RTN_UNICAST}
 * @param destination       {@code NDA_DST}: the neighbour's IP address
 * @param linkLayerAddress  {@code NDA_LLADDR}: its hardware address, present once resolved
 * @param cacheInfo         {@code NDA_CACHEINFO}: how long ago the entry was used, confirmed and updated, and
 *                          its reference count; the kernel sends it for every cache entry, not for proxies
 * @param probes            {@code NDA_PROBES}: u32, the probes sent since the entry was last confirmed
 * @param vlan              {@code NDA_VLAN}: u16, the VLAN ID of a bridge forwarding database entry
 * @param port              {@code NDA_PORT}: the UDP port of a VXLAN forwarding entry's remote, 0 to 65535
 *                          (big-endian on the wire)
 * @param vni               {@code NDA_VNI}: u32, the VXLAN network identifier of a forwarding entry's remote
 * @param remoteIndex       {@code NDA_IFINDEX}: u32, the interface a VXLAN forwarding entry's remote is reached
 *                          through ({@code via} in {@code bridge fdb})
 * @param master            {@code NDA_MASTER}: u32, the index of the bridge or VRF the entry belongs to
 * @param protocol          {@code NDA_PROTOCOL}: u8, who installed the entry, an {@code RTPROT_*} number
 *                          ({@code protocol} in {@code ip neigh})
 * @param extendedFlags     {@code NDA_FLAGS_EXT}: u32, the {@code NTF_EXT_*} flags that do not fit
 *                          {@code ndm_flags}, such as {@link #NTF_EXT_MANAGED}
 * @param unknown           every other attribute, as sent
 */
public record NeighborMessage(int type, int family, int index, int state, int flags, int neighborType,
        InetAddress destination, MacAddress linkLayerAddress, NeighborCacheInfo cacheInfo, Integer probes,
        Integer vlan, Integer port, Integer vni, Integer remoteIndex, Integer master, Integer protocol,
        Integer extendedFlags, List<Attribute> unknown) {

    /** Size of {@code struct ndmsg} in bytes. */
    public static final int HEADER_SIZE = 12;

    /** {@code NDA_DST}: the neighbour's network address. */
    public static final int NDA_DST = 1;
    /** {@code NDA_LLADDR}: the neighbour's hardware address. */
    public static final int NDA_LLADDR = 2;
    /** {@code NDA_CACHEINFO}: {@code struct nda_cacheinfo}. */
    public static final int NDA_CACHEINFO = 3;
    /** {@code NDA_PROBES}: u32 number of probes sent. */
    public static final int NDA_PROBES = 4;
    /** {@code NDA_VLAN}: u16 VLAN ID of a bridge forwarding database entry. */
    public static final int NDA_VLAN = 5;
    /** {@code NDA_PORT}: big-endian u16 UDP port of a VXLAN remote. */
    public static final int NDA_PORT = 6;
    /** {@code NDA_VNI}: u32 VXLAN network identifier of a remote. */
    public static final int NDA_VNI = 7;
    /** {@code NDA_IFINDEX}: u32 index of the interface a VXLAN remote is reached through. */
    public static final int NDA_IFINDEX = 8;
    /** {@code NDA_MASTER}: u32 index of the entry's master device. */
    public static final int NDA_MASTER = 9;
    /** {@code NDA_PROTOCOL}: u8 originator of the entry, an {@code RTPROT_*} number. */
    public static final int NDA_PROTOCOL = 12;
    /** {@code NDA_FLAGS_EXT}: u32 {@code NTF_EXT_*} flags. */
    public static final int NDA_FLAGS_EXT = 15;

    /** {@code NUD_INCOMPLETE}: resolution in progress. */
    public static final int NUD_INCOMPLETE = 0x01;
    /** {@code NUD_REACHABLE}: confirmed reachable. */
    public static final int NUD_REACHABLE = 0x02;
    /** {@code NUD_STALE}: not confirmed recently. */
    public static final int NUD_STALE = 0x04;
    /** {@code NUD_DELAY}: waiting before probing. */
    public static final int NUD_DELAY = 0x08;
    /** {@code NUD_PROBE}: probing. */
    public static final int NUD_PROBE = 0x10;
    /** {@code NUD_FAILED}: resolution failed. */
    public static final int NUD_FAILED = 0x20;
    /** {@code NUD_NOARP}: no resolution needed. */
    public static final int NUD_NOARP = 0x40;
    /** {@code NUD_PERMANENT}: a static entry. */
    public static final int NUD_PERMANENT = 0x80;

    /** {@code NTF_USE}: a request flag, marking the entry used so that the kernel resolves it. */
    public static final int NTF_USE = 0x01;
    /** {@code NTF_SELF}: a forwarding database entry of the device itself. */
    public static final int NTF_SELF = 0x02;
    /** {@code NTF_MASTER}: a forwarding database entry of the device's master (bridge). */
    public static final int NTF_MASTER = 0x04;
    /** {@code NTF_PROXY}: a proxy ARP/NDP entry. */
    public static final int NTF_PROXY = 0x08;
    /** {@code NTF_EXT_LEARNED}: learned by an external control plane ({@code extern_learn}). */
    public static final int NTF_EXT_LEARNED = 0x10;
    /** {@code NTF_OFFLOADED}: offloaded to hardware. */
    public static final int NTF_OFFLOADED = 0x20;
    /** {@code NTF_STICKY}: a forwarding database entry that does not move to another port. */
    public static final int NTF_STICKY = 0x40;
    /** {@code NTF_ROUTER}: the neighbour is an IPv6 router. */
    public static final int NTF_ROUTER = 0x80;

    /**
     * {@code NTF_EXT_MANAGED}, in {@link #extendedFlags()}: an entry the kernel keeps resolved on its own,
     * probing it even unused ({@code ip neigh add ... managed}).
     */
    public static final int NTF_EXT_MANAGED = 0x01;
    /** {@code NTF_EXT_LOCKED}, in {@link #extendedFlags()}: a bridge entry learned on a locked port. */
    public static final int NTF_EXT_LOCKED = 0x02;

    /**
     * Checks the fixed header's field ranges and the address against the family.
     *
     * @throws NetlinkException if a header field is out of range, the destination does not belong to
     *         {@code family}, or {@code unknown} contains null; a null list becomes empty
     */
    public NeighborMessage {
        AddressFamily.u16(type, "neighbour message type");
        AddressFamily.u8(family, "neighbour family");
        AddressFamily.u16(state, "neighbour state");
        AddressFamily.u8(flags, "neighbour flags");
        AddressFamily.u8(neighborType, "neighbour type");
        AddressFamily.check(family, destination, "NDA_DST");
        if (vlan != null) {
            AddressFamily.u16(vlan, "neighbour VLAN (NDA_VLAN)");
        }
        if (port != null) {
            AddressFamily.u16(port, "neighbour port (NDA_PORT)");
        }
        if (protocol != null) {
            AddressFamily.u8(protocol, "neighbour protocol (NDA_PROTOCOL)");
        }
        unknown = RoutePayload.copy(unknown, "neighbour unknown attributes");
    }

    /**
     * A builder of a neighbour message with every field at its default: type
     * {@link RouteMessageType#RTM_NEWNEIGH}; the family of {@code destination} ({@link AddressFamily#UNSPEC}
     * without one) unless {@link Builder#family(int)} says otherwise; index, state ({@code NUD_NONE}) and flags
     * 0; neighbour type {@link RouteMessage#RTN_UNICAST}, as the kernel sends for IP neighbours; no attributes
     * (every optional field null).
     *
     * <pre>{@code
     * NeighborMessage arp = NeighborMessage.builder().index(3).state(NeighborMessage.NUD_REACHABLE)
     *         .destination(InetAddress.getByName("10.0.0.2"))
     *         .linkLayerAddress(MacAddress.parse("02:00:00:00:00:02")).build();
     * }</pre>
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this entry's values, its family included, to copy it with some of them changed.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        return new Builder().type(type).family(family).index(index).state(state).flags(flags).neighborType(neighborType)
                .destination(destination).linkLayerAddress(linkLayerAddress).cacheInfo(cacheInfo).probes(probes).vlan(vlan)
                .port(port).vni(vni).remoteIndex(remoteIndex).master(master).protocol(protocol)
                .extendedFlags(extendedFlags).unknown(unknown);
    }

    /**
     * This entry as the kernel sends it in a notification or dump reply: a message of type {@link #type()},
     * flags 0, sequence and port ID 0, whose payload is {@link #encode()}. {@link #decode(Message)} of it
     * equals this record.
     *
     * @return the message
     * @throws NetlinkException if {@link #type()} is not a neighbour message type ({@code RTM_NEWNEIGH} to
     *         {@code RTM_GETNEIGH}, or 31), or an attribute does not fit its 65535-byte limit
     */
    public Message toMessage() {
        return toMessage(type, 0);
    }

    /**
     * This entry's payload in a message of another neighbour type, with flags 0 and sequence and port ID 0, as
     * the kernel multicasts {@code RTM_NEWNEIGH} and {@code RTM_DELNEIGH}. {@link #decode(Message)} of it
     * equals this record with {@code type} in place of {@link #type()}.
     *
     * @param type {@link RouteMessageType#RTM_NEWNEIGH}, {@code RTM_DELNEIGH}, {@code RTM_GETNEIGH} (or 31,
     *             which the kernel leaves unused)
     * @return the message
     * @throws NetlinkException if {@code type} is not a neighbour message type, or an attribute does not fit
     */
    public Message toMessage(int type) {
        return toMessage(type, 0);
    }

    /**
     * This entry's payload in a message of the given type and {@code nlmsg_flags}, sequence and port ID 0:
     * for a dump reply, {@link io.github.jnetlink.HeaderFlags#MULTI}; for a request,
     * {@link io.github.jnetlink.HeaderFlags#REQUEST} and the like.
     *
     * @param type  a neighbour message type, {@code RTM_NEWNEIGH} to 31
     * @param flags the {@link io.github.jnetlink.HeaderFlags}, 0 to 65535
     * @return the message
     * @throws NetlinkException if {@code type} is not a neighbour message type, {@code flags} does not fit 16
     *         bits, or an attribute does not fit
     */
    public Message toMessage(int type, int flags) {
        return RecordArguments.message("NeighborMessage", type, RouteMessageType.RTM_NEWNEIGH, flags, encode());
    }

    /**
     * Decodes an {@code RTM_NEWNEIGH}, {@code RTM_DELNEIGH} or {@code RTM_GETNEIGH} message. When an attribute
     * repeats, the last one counts.
     *
     * @param message the message
     * @return the neighbour entry
     * @throws io.github.jnetlink.MalformedMessageException if the message is null, of another type, shorter
     *         than {@code struct ndmsg}, an attribute is malformed, an address has the wrong length, or a typed
     *         attribute ({@code NDA_CACHEINFO}, {@code NDA_PROBES}, ...) is not of its kernel size
     */
    public static NeighborMessage decode(Message message) {
        byte[] b = RoutePayload.payload(message, RouteMessageType.RTM_NEWNEIGH, HEADER_SIZE, "struct ndmsg");
        int family = b[0] & 0xFF;
        InetAddress destination = null;
        MacAddress lladdr = null;
        NeighborCacheInfo cacheInfo = null;
        Integer probes = null;
        Integer vlan = null;
        Integer port = null;
        Integer vni = null;
        Integer remoteIndex = null;
        Integer master = null;
        Integer protocol = null;
        Integer extendedFlags = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = RoutePayload.attributes(b, HEADER_SIZE);
        while (d.next()) {
            switch (d.type()) {
                case NDA_DST -> {
                    InetAddress a = AddressFamily.decode(d, family, "NDA_DST");
                    if (a == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else {
                        destination = a;
                    }
                }
                case NDA_LLADDR -> {
                    MacAddress m = MacAddress.decode(d, "NDA_LLADDR");
                    if (m == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else {
                        lladdr = m;
                    }
                }
                case NDA_CACHEINFO -> cacheInfo = NeighborCacheInfo.decode(b, d.offset(), d.length());
                case NDA_PROBES -> probes = d.u32();
                case NDA_VLAN -> vlan = d.u16();
                case NDA_PORT -> port = d.u16(ByteOrder.BIG_ENDIAN);
                case NDA_VNI -> vni = d.u32();
                case NDA_IFINDEX -> remoteIndex = d.u32();
                case NDA_MASTER -> master = d.u32();
                case NDA_PROTOCOL -> protocol = d.u8();
                case NDA_FLAGS_EXT -> extendedFlags = d.u32();
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        return new NeighborMessage(message.header().type(), family, (int) RoutePayload.INT.get(b, 4),
                (short) RoutePayload.SHORT.get(b, 8) & 0xFFFF, b[10] & 0xFF, b[11] & 0xFF, destination, lladdr,
                cacheInfo, probes, vlan, port, vni, remoteIndex, master, protocol, extendedFlags,
                RoutePayload.finish(unknown));
    }

    /**
     * Encodes the payload the kernel reads for this entry: {@code struct ndmsg}, then the attributes that are
     * present in the order of their numbers, and {@link #unknown()}. (The kernel ignores
     * {@code NDA_CACHEINFO} and {@code NDA_PROBES} in a request.)
     *
     * @return the payload
     * @throws NetlinkException if an attribute does not fit its 65535-byte limit
     */
    public byte[] encode() {
        byte[] header = new byte[HEADER_SIZE];
        header[0] = (byte) family;
        RoutePayload.INT.set(header, 4, index);
        RoutePayload.SHORT.set(header, 8, (short) state);
        header[10] = (byte) flags;
        header[11] = (byte) neighborType;
        try {
            AttributeEncoder e = new AttributeEncoder(64).header(header);
            RoutePayload.address(e, NDA_DST, destination);
            if (linkLayerAddress != null) {
                e.bytes(NDA_LLADDR, linkLayerAddress.raw());
            }
            if (cacheInfo != null) {
                e.bytes(NDA_CACHEINFO, cacheInfo.encode());
            }
            RoutePayload.u32(e, NDA_PROBES, probes);
            if (vlan != null) {
                e.u16(NDA_VLAN, vlan);
            }
            if (port != null) {
                e.u16(NDA_PORT, port, ByteOrder.BIG_ENDIAN);
            }
            RoutePayload.u32(e, NDA_VNI, vni);
            RoutePayload.u32(e, NDA_IFINDEX, remoteIndex);
            RoutePayload.u32(e, NDA_MASTER, master);
            if (protocol != null) {
                e.u8(NDA_PROTOCOL, protocol);
            }
            RoutePayload.u32(e, NDA_FLAGS_EXT, extendedFlags);
            RoutePayload.writeAll(e, unknown);
            return e.encode();
        } catch (NetlinkArgumentException ex) {
            throw RoutePayload.encodeFailure("neighbour on link " + index, ex);
        }
    }

    /**
     * @return the state as {@code ip neigh} prints it: {@code "REACHABLE"}, {@code "STALE"},
     *         {@code "PERMANENT"}, several joined with {@code ","}, or {@code "NONE"} for 0
     */
    public String stateName() {
        if (state == 0) {
            return "NONE";
        }
        String[] names = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "NOARP", "PERMANENT"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((state & (1 << i)) != 0) {
                b.append(b.length() == 0 ? "" : ",").append(names[i]);
            }
        }
        int rest = state & ~0xFF;
        if (rest != 0) {
            b.append(b.length() == 0 ? "" : ",").append("0x").append(Integer.toHexString(rest));
        }
        return b.toString();
    }

    /**
     * @return whether this is a proxy ARP/NDP entry ({@link #NTF_PROXY} in {@link #flags()}), as
     *         {@code ip neigh add proxy} makes and {@link RouteClient#proxyNeighbors()} lists
     */
    public boolean proxy() {
        return (flags & NTF_PROXY) != 0;
    }

    /**
     * @return whether the kernel keeps this entry resolved on its own ({@link #NTF_EXT_MANAGED} in
     *         {@link #extendedFlags()}), {@code managed} in {@code ip neigh}
     */
    public boolean managed() {
        return extendedFlags != null && (extendedFlags & NTF_EXT_MANAGED) != 0;
    }

    /**
     * Builds a {@link NeighborMessage} field by field, each setter named after the record component it sets.
     * Fields not set keep the defaults {@link NeighborMessage#builder()} lists. {@link #build()} checks the
     * values; a builder may build several records. Not thread-safe.
     */
    public static final class Builder {

        private int type = RouteMessageType.RTM_NEWNEIGH;
        private Integer family;
        private int index;
        private int state;
        private int flags;
        private int neighborType = RouteMessage.RTN_UNICAST;
        private InetAddress destination;
        private MacAddress linkLayerAddress;
        private NeighborCacheInfo cacheInfo;
        private Integer probes;
        private Integer vlan;
        private Integer port;
        private Integer vni;
        private Integer remoteIndex;
        private Integer master;
        private Integer protocol;
        private Integer extendedFlags;
        private List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param type the message type, {@link RouteMessageType#RTM_NEWNEIGH} (the default),
         *             {@code RTM_DELNEIGH} or {@code RTM_GETNEIGH}; carried in the header, not the payload
         * @return this builder
         */
        public Builder type(int type) {
            this.type = type;
            return this;
        }

        /**
         * @param family {@code ndm_family}, 0 to 255: {@link AddressFamily#INET} (ARP),
         *               {@link AddressFamily#INET6} (NDP) or {@link AddressFamily#BRIDGE} (forwarding database);
         *               by default the family of {@code destination}
         * @return this builder
         */
        public Builder family(int family) {
            this.family = family;
            return this;
        }

        /**
         * @param index {@code ndm_ifindex}, the index of the interface the neighbour is on; default 0
         * @return this builder
         */
        public Builder index(int index) {
            this.index = index;
            return this;
        }

        /**
         * @param state {@code ndm_state}, 0 to 65535, the {@code NUD_*} bits such as
         *              {@link NeighborMessage#NUD_REACHABLE} or {@link NeighborMessage#NUD_PERMANENT}; default 0
         *              ({@code NUD_NONE})
         * @return this builder
         */
        public Builder state(int state) {
            this.state = state;
            return this;
        }

        /**
         * @param flags {@code ndm_flags}, 0 to 255, the {@code NTF_*} bits such as
         *              {@link NeighborMessage#NTF_ROUTER}; default 0
         * @return this builder
         */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /**
         * @param neighborType {@code ndm_type}, 0 to 255, an {@code RTN_*} route type:
         *                     {@link RouteMessage#RTN_UNICAST} (the default) for IP neighbours, 0 for bridge
         *                     forwarding database entries
         * @return this builder
         */
        public Builder neighborType(int neighborType) {
            this.neighborType = neighborType;
            return this;
        }

        /**
         * @param destination {@code NDA_DST}, the neighbour's IP address; null (the default) to leave it out
         * @return this builder
         */
        public Builder destination(InetAddress destination) {
            this.destination = destination;
            return this;
        }

        /**
         * @param linkLayerAddress {@code NDA_LLADDR}, the neighbour's hardware address, which the kernel sends
         *                         once it is resolved; null (the default) to leave it out
         * @return this builder
         */
        public Builder linkLayerAddress(MacAddress linkLayerAddress) {
            this.linkLayerAddress = linkLayerAddress;
            return this;
        }

        /**
         * @param cacheInfo {@code NDA_CACHEINFO}: the entry's ages in {@link NeighborCacheInfo#USER_HZ} ticks and
         *                  its reference count, as the kernel reports them; null (the default) to leave it out
         * @return this builder
         */
        public Builder cacheInfo(NeighborCacheInfo cacheInfo) {
            this.cacheInfo = cacheInfo;
            return this;
        }

        /**
         * @param probes {@code NDA_PROBES}: u32, the probes sent since the entry was last confirmed; null (the
         *               default) to leave it out
         * @return this builder
         */
        public Builder probes(Integer probes) {
            this.probes = probes;
            return this;
        }

        /**
         * @param vlan {@code NDA_VLAN}: the VLAN ID of a bridge forwarding database entry, 0 to 65535; null (the
         *             default) to leave it out
         * @return this builder
         */
        public Builder vlan(Integer vlan) {
            this.vlan = vlan;
            return this;
        }

        /**
         * @param port {@code NDA_PORT}: the UDP port of a VXLAN remote, 0 to 65535, in host terms (encoded
         *             big-endian); null (the default) to leave it out
         * @return this builder
         */
        public Builder port(Integer port) {
            this.port = port;
            return this;
        }

        /**
         * @param vni {@code NDA_VNI}: u32, the VXLAN network identifier of a remote; null (the default) to leave
         *            it out
         * @return this builder
         */
        public Builder vni(Integer vni) {
            this.vni = vni;
            return this;
        }

        /**
         * @param remoteIndex {@code NDA_IFINDEX}: u32, the index of the interface a VXLAN remote is reached
         *                    through; null (the default) to leave it out
         * @return this builder
         */
        public Builder remoteIndex(Integer remoteIndex) {
            this.remoteIndex = remoteIndex;
            return this;
        }

        /**
         * @param master {@code NDA_MASTER}: u32, the index of the entry's bridge or VRF; null (the default) to
         *               leave it out
         * @return this builder
         */
        public Builder master(Integer master) {
            this.master = master;
            return this;
        }

        /**
         * @param protocol {@code NDA_PROTOCOL}: who installed the entry, an {@code RTPROT_*} number 0 to 255
         *                 ({@code ip neigh add ... protocol PROTO}); null (the default) to leave it out
         * @return this builder
         */
        public Builder protocol(Integer protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * @param extendedFlags {@code NDA_FLAGS_EXT}: u32, {@code NTF_EXT_*} flags such as
         *                      {@link NeighborMessage#NTF_EXT_MANAGED}; null (the default) to leave it out
         * @return this builder
         */
        public Builder extendedFlags(Integer extendedFlags) {
            this.extendedFlags = extendedFlags;
            return this;
        }

        /**
         * Replaces the attributes kept raw, such as {@code NDA_NH_ID} or {@code NDA_SRC_VNI}. Each must be of a
         * type this record does not decode into a field (an empty {@code NDA_LLADDR} is allowed; decoding keeps
         * it raw).
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
         * @return the neighbour entry
         * @throws NetlinkException naming the field when {@code type} is not a neighbour message type, a header
         *         field, {@code vlan}, {@code port} or {@code protocol} does not fit its kernel width,
         *         {@code destination} is not of the family, or an {@code unknown} attribute is null, too long, or
         *         of a type the record decodes into a field
         */
        public NeighborMessage build() {
            String what = "NeighborMessage.builder()";
            RecordArguments.type(what, type, RouteMessageType.RTM_NEWNEIGH);
            int f = RecordArguments.family(family, destination);
            RecordArguments.u8(what, "family", "ndm_family", f);
            RecordArguments.u16(what, "state", "ndm_state", state);
            RecordArguments.u8(what, "flags", "ndm_flags", flags);
            RecordArguments.u8(what, "neighborType", "ndm_type", neighborType);
            if (vlan != null) {
                RecordArguments.u16(what, "vlan", "NDA_VLAN", vlan);
            }
            if (port != null) {
                RecordArguments.u16(what, "port", "NDA_PORT", port);
            }
            if (protocol != null) {
                RecordArguments.u8(what, "protocol", "NDA_PROTOCOL", protocol);
            }
            RecordArguments.raw(what, "unknown", unknown, (t, length) -> switch (t) {
                case NDA_DST -> RecordArguments.decodedAsAddress(f, length) ? "destination (NDA_DST)" : null;
                // An empty hardware address is kept raw by decoding.
                case NDA_LLADDR -> length > 0 ? "linkLayerAddress (NDA_LLADDR)" : null;
                case NDA_CACHEINFO -> "cacheInfo (NDA_CACHEINFO)";
                case NDA_PROBES -> "probes (NDA_PROBES)";
                case NDA_VLAN -> "vlan (NDA_VLAN)";
                case NDA_PORT -> "port (NDA_PORT)";
                case NDA_VNI -> "vni (NDA_VNI)";
                case NDA_IFINDEX -> "remoteIndex (NDA_IFINDEX)";
                case NDA_MASTER -> "master (NDA_MASTER)";
                case NDA_PROTOCOL -> "protocol (NDA_PROTOCOL)";
                case NDA_FLAGS_EXT -> "extendedFlags (NDA_FLAGS_EXT)";
                default -> null;
            });
            try {
                return new NeighborMessage(type, f, index, state, flags, neighborType, destination, linkLayerAddress,
                        cacheInfo, probes, vlan, port, vni, remoteIndex, master, protocol, extendedFlags, unknown);
            } catch (NetlinkArgumentException e) {
                throw new NetlinkArgumentException(what + ": " + e.getMessage(), e);
            }
        }
    }
}
