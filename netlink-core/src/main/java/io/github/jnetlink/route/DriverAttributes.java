package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Header;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The value shapes link-kind drivers share, read from and checked for their attributes: addresses, fixed-size
 * structs, nests kept raw, the peer of a veth or netkit pair.
 */
final class DriverAttributes {

    private static final int IFNAMSIZ = 16;

    private DriverAttributes() {
    }

    static void u8(String what, Integer value) {
        if (value != null && (value < 0 || value > 0xFF)) {
            throw new NetlinkArgumentException(what + " must be 0 to 255 (u8), got " + value);
        }
    }

    static void u16(String what, Integer value) {
        if (value != null && (value < 0 || value > 0xFFFF)) {
            throw new NetlinkArgumentException(what + " must be 0 to 65535 (u16), got " + value);
        }
    }

    /** Checks that an address is of the family its attribute holds: 4 bytes for IPv4, 16 for IPv6. */
    static void address(String what, InetAddress value, int size) {
        if (value != null && value.getAddress().length != size) {
            throw new NetlinkArgumentException(what + " must be an " + (size == 4 ? "IPv4" : "IPv6")
                    + " address, got " + value.getHostAddress());
        }
    }

    static <T> List<T> copy(String what, List<T> list) {
        return list == null ? null : RoutePayload.copy(list, what);
    }

    static void kind(String record, String kind, String... allowed) {
        for (String k : allowed) {
            if (k.equals(kind)) {
                return;
            }
        }
        throw new NetlinkArgumentException(record + " kind must be one of " + String.join(", ", allowed) + ", got "
                + (kind == null ? "null" : "'" + kind + "'"));
    }

    static void interfaceName(String what, String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0
                || name.getBytes(StandardCharsets.UTF_8).length >= IFNAMSIZ) {
            throw new NetlinkArgumentException(what + " must be 1 to " + (IFNAMSIZ - 1) + " bytes without NUL, got "
                    + (name == null ? "null" : "'" + name.replace("\0", "\\0") + "'"));
        }
    }

    /** The current attribute's payload, which must be exactly {@code size} bytes of {@code struct}. */
    static byte[] fixed(AttributeDecoder d, int size, String struct) {
        if (d.length() != size) {
            throw new MalformedMessageException(struct + " is " + size + " bytes, got " + d.length());
        }
        return d.bytes();
    }

    /** An address of {@code size} bytes, or of 4 or 16 when {@code size} is 0. */
    static InetAddress address(AttributeDecoder d, int size) {
        int n = d.length();
        if (size == 0 ? n != 4 && n != 16 : n != size) {
            throw new MalformedMessageException("an address attribute is "
                    + (size == 0 ? "4 (IPv4) or 16 (IPv6)" : Integer.toString(size)) + " bytes, got " + n);
        }
        try {
            InetAddress a = InetAddress.getByAddress(d.bytes());
            // getByAddress maps ::ffff:a.b.c.d to IPv4; keep the attribute's own family
            return n == 16 && a instanceof Inet4Address ? Inet6Address.getByAddress(null, d.bytes(), null) : a;
        } catch (UnknownHostException impossible) {
            throw new MalformedMessageException("an address attribute of " + n + " bytes: " + impossible.getMessage());
        }
    }

    /** A hardware address, 1 to {@link MacAddress#MAX_LENGTH} bytes. */
    static MacAddress mac(AttributeDecoder d) {
        if (d.length() == 0 || d.length() > MacAddress.MAX_LENGTH) {
            throw new MalformedMessageException("a hardware address attribute is 1 to " + MacAddress.MAX_LENGTH
                    + " bytes, got " + d.length());
        }
        return MacAddress.of(d.bytes());
    }

    /** The attributes of the current nest, each kept as sent. */
    static List<Attribute> nest(AttributeDecoder d) {
        AttributeDecoder n = d.nestedDecoder();
        List<Attribute> out = new ArrayList<>();
        while (n.next()) {
            out.add(RoutePayload.raw(n));
        }
        return List.copyOf(out);
    }

    /** A {@code VETH_INFO_PEER} or {@code IFLA_NETKIT_PEER_INFO}: an {@code ifinfomsg} and link attributes. */
    static LinkMessage peer(AttributeDecoder d) {
        byte[] payload = d.bytes();
        return LinkMessage.decode(new Message(
                new Header(Header.SIZE + payload.length, RouteMessageType.RTM_NEWLINK, 0, 0, 0), payload));
    }

    /** {@code IFLA_IPTUN_FLAGS}, u16 for sit and u32 for ip6tnl. */
    static int u16OrU32(AttributeDecoder d) {
        return switch (d.length()) {
            case 2 -> d.u16();
            case 4 -> d.u32();
            default -> throw new MalformedMessageException("IFLA_IPTUN_FLAGS is 2 (sit) or 4 (ip6tnl) bytes, got "
                    + d.length());
        };
    }

    /** Writes u32 for ip6tnl, and for a value a u16 cannot hold (the kernel then refuses it for sit). */
    static void u16OrU32(AttributeEncoder e, int type, int value, boolean wide) {
        if (wide || value < 0 || value > 0xFFFF) {
            e.s32(type, value);
        } else {
            e.u16(type, value);
        }
    }

    static void notNull(Object value, String kind, String what) {
        if (value == null) {
            throw new NetlinkArgumentException("the " + kind + " driver needs an " + what + ", got null");
        }
    }

    static <T> T cast(Object value, Class<T> type, String kind) {
        if (!type.isInstance(value)) {
            throw new NetlinkArgumentException("the " + kind + " driver encodes " + type.getSimpleName() + ", got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return type.cast(value);
    }

    static MalformedMessageException malformed(String kind, String nest, int type, String name,
            MalformedMessageException e) {
        String attribute = type < 0 ? "" : " attribute " + (name != null ? name + " (" + type + ")" : "type " + type);
        MalformedMessageException m = new MalformedMessageException("cannot decode " + kind + " " + nest + attribute
                + ": " + e.getMessage());
        m.initCause(e);
        return m;
    }
}
