package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An IP address assigned to a link: {@code struct ifaddrmsg} followed by {@code IFA_*} attributes. The
 * kernel sends one {@link RouteMessageType#RTM_NEWADDR} per address in answer to an
 * {@link RouteMessageType#RTM_GETADDR} dump, and multicasts {@code RTM_NEWADDR} / {@code RTM_DELADDR} to
 * {@link RouteGroup#IPV4_IFADDR} or {@link RouteGroup#IPV6_IFADDR} when one is added, changes or goes.
 *
 * <pre>
 *  struct ifaddrmsg (8 bytes)
 *  0        1           2         3         4                 8
 * +--------+-----------+---------+---------+-----------------+
 * | family | prefixlen |  flags  |  scope  |    ifa_index    |
 * +--------+-----------+---------+---------+-----------------+
 * </pre>
 *
 * <p>For IPv4 the kernel sends the interface's own address in {@code IFA_LOCAL} and the same or, on a
 * point-to-point link, the peer's in {@code IFA_ADDRESS}; for IPv6 it sends only {@code IFA_ADDRESS} (plus
 * {@code IFA_LOCAL} for a peer address). {@link #localAddress()} picks the interface's own, as {@code ip}
 * does for its {@code local} field.
 *
 * <p>Optional attributes the message lacks are {@code null}; lists are never null. IP addresses are
 * {@link java.net.Inet4Address} or {@link java.net.Inet6Address} by {@link #family()}; a message whose
 * address attribute has the wrong length for its family is malformed. Unknown attributes are kept in
 * {@link #unknown()} and written back by {@link #encode()}. ({@code IFA_MULTICAST} and {@code IFA_ANYCAST} come
 * only in dumps of {@code RTM_GETMULTICAST} and {@code RTM_GETANYCAST}, and {@code IFA_TARGET_NETNSID} only in
 * answer to a dump that asked for another namespace's addresses; none of them in what
 * {@link RouteMessageType#RTM_GETADDR} answers here, so they stay raw.)
 *
 * <p>Build one with {@link #builder()}, or copy one with changes through {@link #toBuilder()}.
 * {@link #toMessage(int)} wraps {@link #encode()} in a message shaped as the kernel sends it, and
 * {@link #decode(Message)} of that message gives back an equal record: every field is encoded, the raw
 * {@link #unknown()} attributes included. (The builder refuses raw attributes that decoding would read into
 * a field instead, which the canonical constructor lets through.)
 *
 * @param type          the message type, such as {@link RouteMessageType#RTM_NEWADDR}; not encoded in the payload
 * @param family        {@code ifa_family}: {@link AddressFamily#INET} or {@link AddressFamily#INET6}
 * @param prefixLength  {@code ifa_prefixlen}, the prefix length in bits
 * @param flags         {@code ifa_flags}, the low 8 {@code IFA_F_*} flags; see {@link #allFlags()}
 * @param scope         {@code ifa_scope}: 0 global ({@code RT_SCOPE_UNIVERSE}), 253 link, 254 host
 * @param index         {@code ifa_index}, the interface index
 * @param address       {@code IFA_ADDRESS}: the prefix address, or a point-to-point peer
 * @param local         {@code IFA_LOCAL}: the local address
 * @param label         {@code IFA_LABEL}: the IPv4 label, such as {@code "eth0:1"}
 * @param broadcast     {@code IFA_BROADCAST}: the IPv4 broadcast address
 * @param cacheInfo     {@code IFA_CACHEINFO}: lifetimes and timestamps
 * @param extendedFlags {@code IFA_FLAGS}: all 32 bits of {@code IFA_F_*} flags, which supersede
 *                      {@link #flags()} when present
 * @param metric        {@code IFA_RT_PRIORITY}: u32, the metric of the prefix route the kernel adds for the
 *                      address ({@code ip addr add ... metric N}; {@code metric} in {@code ip -j addr})
 * @param protocol      {@code IFA_PROTO}: u8, who added the address, an {@code IFAPROT_*} number such as
 *                      {@link #IFAPROT_KERNEL_LO} or one of the user's ({@code ip addr add ... proto P} in
 *                      iproute2 6.3 and later; kernels 5.18 and later keep it)
 * @param unknown       every other attribute, as sent
 */
public record AddressMessage(int type, int family, int prefixLength, int flags, int scope, int index,
        InetAddress address, InetAddress local, String label, InetAddress broadcast, AddressCacheInfo cacheInfo,
        Integer extendedFlags, Integer metric, Integer protocol, List<Attribute> unknown) {

    /** Size of {@code struct ifaddrmsg} in bytes. */
    public static final int HEADER_SIZE = 8;

    /** The longest {@code IFA_LABEL} the kernel takes, in bytes: {@code IFNAMSIZ} 16 less the NUL. */
    private static final int LABEL_MAX = 15;

    /** {@code IFA_ADDRESS}: prefix or peer address. */
    public static final int IFA_ADDRESS = 1;
    /** {@code IFA_LOCAL}: local address. */
    public static final int IFA_LOCAL = 2;
    /** {@code IFA_LABEL}: IPv4 address label, a string. */
    public static final int IFA_LABEL = 3;
    /** {@code IFA_BROADCAST}: IPv4 broadcast address. */
    public static final int IFA_BROADCAST = 4;
    /** {@code IFA_CACHEINFO}: {@code struct ifa_cacheinfo}. */
    public static final int IFA_CACHEINFO = 6;
    /** {@code IFA_FLAGS}: u32 flags. */
    public static final int IFA_FLAGS = 8;
    /** {@code IFA_RT_PRIORITY}: u32 metric of the address's prefix route. */
    public static final int IFA_RT_PRIORITY = 9;
    /** {@code IFA_PROTO}: u8 originator of the address, an {@code IFAPROT_*} number. */
    public static final int IFA_PROTO = 11;

    /** {@code IFAPROT_UNSPEC}: origin not given. */
    public static final int IFAPROT_UNSPEC = 0;
    /** {@code IFAPROT_KERNEL_LO}: the loopback address the kernel adds. */
    public static final int IFAPROT_KERNEL_LO = 1;
    /** {@code IFAPROT_KERNEL_RA}: added by the kernel from a router advertisement. */
    public static final int IFAPROT_KERNEL_RA = 2;
    /** {@code IFAPROT_KERNEL_LL}: the link-local address the kernel adds. */
    public static final int IFAPROT_KERNEL_LL = 3;

    /** {@code IFA_F_SECONDARY}: a secondary IPv4 address (for IPv6, {@code IFA_F_TEMPORARY}). */
    public static final int IFA_F_SECONDARY = 0x01;
    /** {@code IFA_F_NODAD}: no duplicate address detection. */
    public static final int IFA_F_NODAD = 0x02;
    /** {@code IFA_F_DADFAILED}: duplicate address detection failed. */
    public static final int IFA_F_DADFAILED = 0x08;
    /** {@code IFA_F_TENTATIVE}: duplicate address detection still running. */
    public static final int IFA_F_TENTATIVE = 0x40;
    /** {@code IFA_F_PERMANENT}: configured, not learned; it does not expire. */
    public static final int IFA_F_PERMANENT = 0x80;
    /** {@code IFA_F_NOPREFIXROUTE}: no prefix route was added for the address. */
    public static final int IFA_F_NOPREFIXROUTE = 0x200;

    /**
     * Checks the fixed header's field ranges, the addresses against the family, and copies the list.
     *
     * @throws NetlinkException if a header field is out of range, an address does not belong to
     *         {@code family}, {@code label} contains NUL or {@code unknown} contains null
     */
    public AddressMessage {
        AddressFamily.u16(type, "address message type");
        AddressFamily.u8(family, "address family");
        AddressFamily.u8(prefixLength, "address prefix length");
        AddressFamily.u8(flags, "address flags (ifa_flags)");
        AddressFamily.u8(scope, "address scope");
        AddressFamily.check(family, address, "IFA_ADDRESS");
        AddressFamily.check(family, local, "IFA_LOCAL");
        AddressFamily.check(family, broadcast, "IFA_BROADCAST");
        if (protocol != null) {
            AddressFamily.u8(protocol, "address protocol (IFA_PROTO)");
        }
        if (label != null && label.indexOf('\0') >= 0) {
            throw new NetlinkArgumentException("address label must not contain NUL");
        }
        unknown = RoutePayload.copy(unknown, "address unknown attributes");
    }

    /**
     * A builder of an address message with every field at its default: type
     * {@link RouteMessageType#RTM_NEWADDR}, the family of the first IP address set ({@code address},
     * {@code local}, {@code broadcast}; {@link AddressFamily#UNSPEC} when none is) unless
     * {@link Builder#family(int)} says otherwise, prefix length, flags, scope ({@code RT_SCOPE_UNIVERSE}) and
     * index 0, no attributes.
     *
     * <pre>{@code
     * AddressMessage a = AddressMessage.builder().index(3).prefixLength(24)
     *         .address(InetAddress.getByName("10.0.0.1")).local(InetAddress.getByName("10.0.0.1"))
     *         .broadcast(InetAddress.getByName("10.0.0.255")).flags(AddressMessage.IFA_F_PERMANENT).build();
     * }</pre>
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this address's values, its family included, to copy it with some of them changed.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        return new Builder().type(type).family(family).prefixLength(prefixLength).flags(flags).scope(scope)
                .index(index).address(address).local(local).label(label).broadcast(broadcast).cacheInfo(cacheInfo)
                .extendedFlags(extendedFlags).metric(metric).protocol(protocol).unknown(unknown);
    }

    /**
     * This address as the kernel sends it in a notification or dump reply: a message of type {@link #type()},
     * flags 0, sequence and port ID 0, whose payload is {@link #encode()}. {@link #decode(Message)} of it
     * equals this record.
     *
     * @return the message
     * @throws NetlinkException if {@link #type()} is not an address message type ({@code RTM_NEWADDR} to
     *         {@code RTM_GETADDR}, or 23), or an attribute does not fit its 65535-byte limit
     */
    public Message toMessage() {
        return toMessage(type, 0);
    }

    /**
     * This address's payload in a message of another address type, with flags 0 and sequence and port ID 0,
     * as the kernel multicasts {@code RTM_NEWADDR} and {@code RTM_DELADDR}. {@link #decode(Message)} of it
     * equals this record with {@code type} in place of {@link #type()}.
     *
     * @param type {@link RouteMessageType#RTM_NEWADDR}, {@code RTM_DELADDR}, {@code RTM_GETADDR} (or 23, which
     *             the kernel leaves unused)
     * @return the message
     * @throws NetlinkException if {@code type} is not an address message type, or an attribute does not fit
     */
    public Message toMessage(int type) {
        return toMessage(type, 0);
    }

    /**
     * This address's payload in a message of the given type and {@code nlmsg_flags}, sequence and port ID 0:
     * for a dump reply, {@link io.github.jnetlink.HeaderFlags#MULTI}; for a request,
     * {@link io.github.jnetlink.HeaderFlags#REQUEST} and the like.
     *
     * @param type  an address message type, {@code RTM_NEWADDR} to 23
     * @param flags the {@link io.github.jnetlink.HeaderFlags}, 0 to 65535
     * @return the message
     * @throws NetlinkException if {@code type} is not an address message type, {@code flags} does not fit 16
     *         bits, or an attribute does not fit
     */
    public Message toMessage(int type, int flags) {
        return RecordArguments.message("AddressMessage", type, RouteMessageType.RTM_NEWADDR, flags, encode());
    }

    /**
     * An address to add or delete: {@code ifaddrmsg} with scope global and {@code IFA_LOCAL} and
     * {@code IFA_ADDRESS} both set to {@code address}, as {@code ip addr add ADDRESS/PREFIX dev INDEX} sends.
     *
     * @param index        the interface index
     * @param address      the address
     * @param prefixLength 0 to 32 for IPv4, 0 to 128 for IPv6
     * @return the message, of type {@link RouteMessageType#RTM_NEWADDR}
     * @throws NetlinkException if {@code address} is null or the prefix length is out of range
     */
    public static AddressMessage of(int index, InetAddress address, int prefixLength) {
        int family = AddressFamily.of(address);
        int max = family == AddressFamily.INET ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new NetlinkArgumentException("prefix length of " + address.getHostAddress() + " must be 0 to " + max
                    + ", got " + prefixLength);
        }
        return builder().family(family).prefixLength(prefixLength).index(index).address(address).local(address)
                .build();
    }

    /**
     * Decodes an {@code RTM_NEWADDR}, {@code RTM_DELADDR} or {@code RTM_GETADDR} message. When an attribute
     * repeats, the last one counts.
     *
     * @param message the message
     * @return the address
     * @throws io.github.jnetlink.MalformedMessageException if the message is null, of another type, shorter
     *         than {@code struct ifaddrmsg}, an attribute is malformed, or an address, {@code IFA_CACHEINFO},
     *         {@code IFA_FLAGS}, {@code IFA_RT_PRIORITY} or {@code IFA_PROTO} has the wrong length
     */
    public static AddressMessage decode(Message message) {
        byte[] b = RoutePayload.payload(message, RouteMessageType.RTM_NEWADDR, HEADER_SIZE, "struct ifaddrmsg");
        int family = b[0] & 0xFF;
        InetAddress address = null;
        InetAddress local = null;
        String label = null;
        InetAddress broadcast = null;
        AddressCacheInfo cacheInfo = null;
        Integer extendedFlags = null;
        Integer metric = null;
        Integer protocol = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = RoutePayload.attributes(b, HEADER_SIZE);
        while (d.next()) {
            switch (d.type()) {
                case IFA_ADDRESS, IFA_LOCAL, IFA_BROADCAST -> {
                    InetAddress a = AddressFamily.decode(d, family, d.type() == IFA_ADDRESS ? "IFA_ADDRESS"
                            : d.type() == IFA_LOCAL ? "IFA_LOCAL" : "IFA_BROADCAST");
                    if (a == null) {
                        unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                    } else if (d.type() == IFA_ADDRESS) {
                        address = a;
                    } else if (d.type() == IFA_LOCAL) {
                        local = a;
                    } else {
                        broadcast = a;
                    }
                }
                case IFA_LABEL -> label = d.string();
                case IFA_CACHEINFO -> cacheInfo = AddressCacheInfo.decode(b, d.offset(), d.length());
                case IFA_FLAGS -> extendedFlags = d.u32();
                case IFA_RT_PRIORITY -> metric = d.u32();
                case IFA_PROTO -> protocol = d.u8();
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        return new AddressMessage(message.header().type(), family, b[1] & 0xFF, b[2] & 0xFF, b[3] & 0xFF,
                (int) RoutePayload.INT.get(b, 4), address, local, label, broadcast, cacheInfo, extendedFlags,
                metric, protocol, RoutePayload.finish(unknown));
    }

    /**
     * Encodes the payload the kernel reads for this address: {@code struct ifaddrmsg}, then the attributes
     * that are present, then {@link #unknown()}.
     *
     * @return the payload
     * @throws NetlinkException if an attribute does not fit its 65535-byte limit
     */
    public byte[] encode() {
        byte[] header = new byte[HEADER_SIZE];
        header[0] = (byte) family;
        header[1] = (byte) prefixLength;
        header[2] = (byte) flags;
        header[3] = (byte) scope;
        RoutePayload.INT.set(header, 4, index);
        try {
            AttributeEncoder e = new AttributeEncoder(96).header(header);
            RoutePayload.address(e, IFA_ADDRESS, address);
            RoutePayload.address(e, IFA_LOCAL, local);
            if (label != null) {
                e.string(IFA_LABEL, label);
            }
            RoutePayload.address(e, IFA_BROADCAST, broadcast);
            if (cacheInfo != null) {
                e.bytes(IFA_CACHEINFO, cacheInfo.encode());
            }
            RoutePayload.u32(e, IFA_FLAGS, extendedFlags);
            RoutePayload.u32(e, IFA_RT_PRIORITY, metric);
            if (protocol != null) {
                e.u8(IFA_PROTO, protocol);
            }
            RoutePayload.writeAll(e, unknown);
            return e.encode();
        } catch (NetlinkArgumentException ex) {
            throw RoutePayload.encodeFailure("address " + this, ex);
        }
    }

    /**
     * @return the interface's own address: {@link #local()} when present, else {@link #address()}, as
     *         {@code ip -j addr} reports it in {@code local}; null when neither was sent
     */
    public InetAddress localAddress() {
        return local != null ? local : address;
    }

    /**
     * @return the {@code IFA_F_*} flags: {@link #extendedFlags()} when present, else {@link #flags()}
     */
    public int allFlags() {
        return extendedFlags != null ? extendedFlags : flags;
    }

    /**
     * Builds an {@link AddressMessage} field by field, each setter named after the record component it sets.
     * Fields not set keep the defaults {@link AddressMessage#builder()} lists. {@link #build()} checks the
     * values; a builder may build several records. Not thread-safe.
     */
    public static final class Builder {

        private int type = RouteMessageType.RTM_NEWADDR;
        private Integer family;
        private int prefixLength;
        private int flags;
        private int scope;
        private int index;
        private InetAddress address;
        private InetAddress local;
        private String label;
        private InetAddress broadcast;
        private AddressCacheInfo cacheInfo;
        private Integer extendedFlags;
        private Integer metric;
        private Integer protocol;
        private List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param type the message type, {@link RouteMessageType#RTM_NEWADDR} (the default),
         *             {@code RTM_DELADDR} or {@code RTM_GETADDR}; carried in the header, not the payload
         * @return this builder
         */
        public Builder type(int type) {
            this.type = type;
            return this;
        }

        /**
         * @param family {@code ifa_family}, 0 to 255: {@link AddressFamily#INET} or {@link AddressFamily#INET6};
         *               by default the family of the first IP address set
         * @return this builder
         */
        public Builder family(int family) {
            this.family = family;
            return this;
        }

        /**
         * @param prefixLength {@code ifa_prefixlen}, the prefix length in bits: 0 to 32 for IPv4, 0 to 128 for
         *                     IPv6; default 0
         * @return this builder
         */
        public Builder prefixLength(int prefixLength) {
            this.prefixLength = prefixLength;
            return this;
        }

        /**
         * @param flags {@code ifa_flags}, the low 8 bits of {@code IFA_F_*} flags, such as
         *              {@link AddressMessage#IFA_F_PERMANENT}; default 0. Flags above 0xFF go in
         *              {@link #extendedFlags(Integer)}
         * @return this builder
         */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /**
         * @param scope {@code ifa_scope}, 0 to 255: 0 global ({@code RT_SCOPE_UNIVERSE}, the default), 253
         *              link, 254 host
         * @return this builder
         */
        public Builder scope(int scope) {
            this.scope = scope;
            return this;
        }

        /**
         * @param index {@code ifa_index}, the index of the interface the address is on; default 0
         * @return this builder
         */
        public Builder index(int index) {
            this.index = index;
            return this;
        }

        /**
         * @param address {@code IFA_ADDRESS}: the prefix address, or on a point-to-point link the peer's; null
         *                (the default) to leave it out
         * @return this builder
         */
        public Builder address(InetAddress address) {
            this.address = address;
            return this;
        }

        /**
         * @param local {@code IFA_LOCAL}: the interface's own address, which IPv4 messages always carry; null
         *              (the default) to leave it out
         * @return this builder
         */
        public Builder local(InetAddress local) {
            this.local = local;
            return this;
        }

        /**
         * @param label {@code IFA_LABEL}: the IPv4 label, such as {@code "eth0:1"}, at most 15 bytes of UTF-8
         *              without NUL; null (the default) to leave it out
         * @return this builder
         */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        /**
         * @param broadcast {@code IFA_BROADCAST}: the IPv4 broadcast address; null (the default) to leave it out
         * @return this builder
         */
        public Builder broadcast(InetAddress broadcast) {
            this.broadcast = broadcast;
            return this;
        }

        /**
         * @param cacheInfo {@code IFA_CACHEINFO}: the lifetimes in seconds and timestamps in hundredths of a
         *                  second since boot; null (the default) to leave it out
         * @return this builder
         */
        public Builder cacheInfo(AddressCacheInfo cacheInfo) {
            this.cacheInfo = cacheInfo;
            return this;
        }

        /**
         * @param extendedFlags {@code IFA_FLAGS}: all 32 bits of {@code IFA_F_*} flags, such as
         *                      {@link AddressMessage#IFA_F_NOPREFIXROUTE}; null (the default) to leave it out
         * @return this builder
         */
        public Builder extendedFlags(Integer extendedFlags) {
            this.extendedFlags = extendedFlags;
            return this;
        }

        /**
         * @param metric {@code IFA_RT_PRIORITY}: u32, the metric the kernel gives the address's prefix route, as
         *               {@code ip addr add ... metric N}; null (the default) to leave it out
         * @return this builder
         */
        public Builder metric(Integer metric) {
            this.metric = metric;
            return this;
        }

        /**
         * @param protocol {@code IFA_PROTO}: who adds the address, 0 to 255, an {@code IFAPROT_*} number or one of
         *                 the user's; null (the default) to leave it out
         * @return this builder
         */
        public Builder protocol(Integer protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * Replaces the attributes kept raw. Each must be of a type this record does not decode into a field.
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
         * @param attribute the attribute, such as {@code IFA_MULTICAST}
         * @return this builder
         */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /**
         * Checks the values and makes the record.
         *
         * @return the address
         * @throws NetlinkException naming the field when {@code type} is not an address message type, a header
         *         field or {@code protocol} does not fit its kernel width, the prefix length is longer than the family's addresses,
         *         an address is not of the family, {@code label} is longer than 15 bytes or contains NUL, or an
         *         {@code unknown} attribute is null, too long, or of a type the record decodes into a field
         */
        public AddressMessage build() {
            String what = "AddressMessage.builder()";
            RecordArguments.type(what, type, RouteMessageType.RTM_NEWADDR);
            int f = RecordArguments.family(family, address, local, broadcast);
            RecordArguments.u8(what, "family", "ifa_family", f);
            RecordArguments.prefixLength(what, "prefixLength", "ifa_prefixlen", f, prefixLength);
            RecordArguments.u8(what, "flags", "ifa_flags", flags);
            RecordArguments.u8(what, "scope", "ifa_scope", scope);
            if (protocol != null) {
                RecordArguments.u8(what, "protocol", "IFA_PROTO", protocol);
            }
            if (label != null) {
                if (label.indexOf('\0') >= 0) {
                    throw new NetlinkArgumentException(what + ": label (IFA_LABEL) must not contain NUL");
                }
                int bytes = label.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > LABEL_MAX) {
                    throw new NetlinkArgumentException(what + ": label (IFA_LABEL) '" + label + "' is " + bytes
                            + " bytes of UTF-8, at most " + LABEL_MAX + " allowed");
                }
            }
            RecordArguments.raw(what, "unknown", unknown, (t, length) -> switch (t) {
                case IFA_LABEL -> "label (IFA_LABEL)";
                case IFA_CACHEINFO -> "cacheInfo (IFA_CACHEINFO)";
                case IFA_FLAGS -> "extendedFlags (IFA_FLAGS)";
                case IFA_RT_PRIORITY -> "metric (IFA_RT_PRIORITY)";
                case IFA_PROTO -> "protocol (IFA_PROTO)";
                case IFA_ADDRESS -> RecordArguments.decodedAsAddress(f, length) ? "address (IFA_ADDRESS)" : null;
                case IFA_LOCAL -> RecordArguments.decodedAsAddress(f, length) ? "local (IFA_LOCAL)" : null;
                case IFA_BROADCAST -> RecordArguments.decodedAsAddress(f, length) ? "broadcast (IFA_BROADCAST)" : null;
                default -> null;
            });
            try {
                return new AddressMessage(type, f, prefixLength, flags, scope, index, address, local, label, broadcast,
                        cacheInfo, extendedFlags, metric, protocol, unknown);
            } catch (NetlinkArgumentException e) {
                throw new NetlinkArgumentException(what + ": " + e.getMessage(), e);
            }
        }
    }
}
