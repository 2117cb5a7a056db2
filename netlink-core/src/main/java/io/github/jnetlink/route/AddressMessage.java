package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
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
 * {@link #unknown()} and written back by {@link #encode()}.
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
 * @param unknown       every other attribute, as sent
 */
public record AddressMessage(int type, int family, int prefixLength, int flags, int scope, int index,
        InetAddress address, InetAddress local, String label, InetAddress broadcast, AddressCacheInfo cacheInfo,
        Integer extendedFlags, List<Attribute> unknown) {

    /** Size of {@code struct ifaddrmsg} in bytes. */
    public static final int HEADER_SIZE = 8;

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
        if (label != null && label.indexOf('\0') >= 0) {
            throw new NetlinkArgumentException("address label must not contain NUL");
        }
        unknown = RoutePayload.copy(unknown, "address unknown attributes");
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
        return new AddressMessage(RouteMessageType.RTM_NEWADDR, family, prefixLength, 0, 0, index, address, address,
                null, null, null, null, List.of());
    }

    /**
     * Decodes an {@code RTM_NEWADDR}, {@code RTM_DELADDR} or {@code RTM_GETADDR} message. When an attribute
     * repeats, the last one counts.
     *
     * @param message the message
     * @return the address
     * @throws io.github.jnetlink.MalformedMessageException if the message is null, of another type, shorter
     *         than {@code struct ifaddrmsg}, an attribute is malformed, or an address or
     *         {@code IFA_CACHEINFO} has the wrong length
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
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        return new AddressMessage(message.header().type(), family, b[1] & 0xFF, b[2] & 0xFF, b[3] & 0xFF,
                (int) RoutePayload.INT.get(b, 4), address, local, label, broadcast, cacheInfo, extendedFlags,
                RoutePayload.finish(unknown));
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
}
