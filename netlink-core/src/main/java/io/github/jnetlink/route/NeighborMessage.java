package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
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
 * <p>Optional attributes the message lacks are {@code null}; lists are never null. Unknown attributes
 * ({@code NDA_CACHEINFO}, {@code NDA_PROBES}, ...) are kept in {@link #unknown()} and written back by
 * {@link #encode()}.
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
 * @param unknown           every other attribute, as sent
 */
public record NeighborMessage(int type, int family, int index, int state, int flags, int neighborType,
        InetAddress destination, MacAddress linkLayerAddress, List<Attribute> unknown) {

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

    /** {@code NTF_PROXY}: a proxy ARP/NDP entry. */
    public static final int NTF_PROXY = 0x08;
    /** {@code NTF_ROUTER}: the neighbour is an IPv6 router. */
    public static final int NTF_ROUTER = 0x80;

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
        unknown = RoutePayload.copy(unknown, "neighbour unknown attributes");
    }

    /**
     * A builder of a neighbour message with every field at its default: type
     * {@link RouteMessageType#RTM_NEWNEIGH}; the family of {@code destination} ({@link AddressFamily#UNSPEC}
     * without one) unless {@link Builder#family(int)} says otherwise; index, state ({@code NUD_NONE}) and flags
     * 0; neighbour type {@link RouteMessage#RTN_UNICAST}, as the kernel sends for IP neighbours; no attributes.
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
                .destination(destination).linkLayerAddress(linkLayerAddress).unknown(unknown);
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
     *         than {@code struct ndmsg}, an attribute is malformed, or an address has the wrong length
     */
    public static NeighborMessage decode(Message message) {
        byte[] b = RoutePayload.payload(message, RouteMessageType.RTM_NEWNEIGH, HEADER_SIZE, "struct ndmsg");
        int family = b[0] & 0xFF;
        InetAddress destination = null;
        MacAddress lladdr = null;
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
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        return new NeighborMessage(message.header().type(), family, (int) RoutePayload.INT.get(b, 4),
                (short) RoutePayload.SHORT.get(b, 8) & 0xFFFF, b[10] & 0xFF, b[11] & 0xFF, destination, lladdr,
                RoutePayload.finish(unknown));
    }

    /**
     * Encodes the payload the kernel reads for this entry: {@code struct ndmsg}, then {@code NDA_DST},
     * {@code NDA_LLADDR} when present, and {@link #unknown()}.
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
         * Replaces the attributes kept raw, such as {@code NDA_CACHEINFO} or {@code NDA_PROBES}. Each must be
         * of a type this record does not decode into a field (an empty {@code NDA_LLADDR} is allowed; decoding
         * keeps it raw).
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
         *         field does not fit its kernel width, {@code destination} is not of the family, or an
         *         {@code unknown} attribute is null, too long, or of a type the record decodes into a field
         */
        public NeighborMessage build() {
            String what = "NeighborMessage.builder()";
            RecordArguments.type(what, type, RouteMessageType.RTM_NEWNEIGH);
            int f = RecordArguments.family(family, destination);
            RecordArguments.u8(what, "family", "ndm_family", f);
            RecordArguments.u16(what, "state", "ndm_state", state);
            RecordArguments.u8(what, "flags", "ndm_flags", flags);
            RecordArguments.u8(what, "neighborType", "ndm_type", neighborType);
            RecordArguments.raw(what, "unknown", unknown, (t, length) -> switch (t) {
                case NDA_DST -> RecordArguments.decodedAsAddress(f, length) ? "destination (NDA_DST)" : null;
                // An empty hardware address is kept raw by decoding.
                case NDA_LLADDR -> length > 0 ? "linkLayerAddress (NDA_LLADDR)" : null;
                default -> null;
            });
            try {
                return new NeighborMessage(type, f, index, state, flags, neighborType, destination, linkLayerAddress,
                        unknown);
            } catch (NetlinkArgumentException e) {
                throw new NetlinkArgumentException(what + ": " + e.getMessage(), e);
            }
        }
    }
}
