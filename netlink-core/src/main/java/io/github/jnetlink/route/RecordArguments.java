package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What the records' builders check at {@code build()} beyond the records' constructors: the rules that make
 * {@code decode(record.toMessage(type))} give back the record, and the kernel's own limits on header fields,
 * each complaint naming the builder's setter and the kernel's field. Decoders do not go through here: what
 * they build comes from the kernel's bytes and round-trips by construction.
 */
final class RecordArguments {

    private RecordArguments() {
    }

    /** A builder's list setter: a mutable copy, null becoming empty; elements are checked at build time. */
    static <T> List<T> mutableCopy(List<T> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }

    /** Range check of an unsigned 8-bit field. */
    static int u8(String record, String field, String kernelName, int value) {
        if (value < 0 || value > 0xFF) {
            throw new NetlinkArgumentException(record + ": " + field + " (" + kernelName + ") must be 0 to 255, got "
                    + value);
        }
        return value;
    }

    /** Range check of an unsigned 16-bit field. */
    static int u16(String record, String field, String kernelName, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new NetlinkArgumentException(record + ": " + field + " (" + kernelName + ") must be 0 to 65535, got "
                    + value);
        }
        return value;
    }

    /** The message type must be one of the object's four ({@code RTM_NEW*} to {@code RTM_SET*}), as decode needs. */
    static int type(String record, int type, int firstType) {
        if (type < firstType || type > firstType + 3) {
            StringBuilder b = new StringBuilder(record).append(": type must be ");
            for (int t = firstType; t <= firstType + 3; t++) {
                b.append(t == firstType ? "" : t == firstType + 3 ? " or " : ", ").append(RouteMessageType.name(t));
                if (!RouteMessageType.name(t).equals(Integer.toString(t))) {
                    b.append(" (").append(t).append(')');
                }
            }
            b.append(", got ").append(type);
            if (type >= 0 && type <= 0xFFFF && !RouteMessageType.name(type).equals(Integer.toString(type))) {
                b.append(" (").append(RouteMessageType.name(type)).append(')');
            }
            throw new NetlinkArgumentException(b.toString());
        }
        return type;
    }

    /**
     * The family a builder was given, or else the family of the first IP address it holds, or
     * {@link AddressFamily#UNSPEC} when it holds none.
     */
    static int family(Integer explicit, InetAddress... addresses) {
        if (explicit != null) {
            return explicit;
        }
        for (InetAddress a : addresses) {
            if (a != null) {
                return AddressFamily.of(a);
            }
        }
        return AddressFamily.UNSPEC;
    }

    /** A prefix length must fit the family's address: 0 to 32 bits for IPv4, 0 to 128 for IPv6. */
    static void prefixLength(String record, String field, String kernelName, int family, int length) {
        int max = switch (family) {
            case AddressFamily.INET, AddressFamily.IPMR -> 32;
            case AddressFamily.INET6, AddressFamily.IP6MR -> 128;
            default -> 0xFF;
        };
        if (length < 0 || length > max) {
            throw new NetlinkArgumentException(record + ": " + field + " (" + kernelName + ") must be 0 to " + max
                    + (max == 0xFF ? "" : " for family " + AddressFamily.name(family)) + ", got " + length);
        }
    }

    /**
     * Checks attributes a builder keeps raw: none null, each a valid {@code nla_type} whose payload fits one
     * attribute, and none that the record's decoder would read into one of its fields instead of keeping it
     * raw, so that the record survives encoding and decoding.
     */
    static void raw(String record, String list, List<Attribute> attributes, FieldOf fieldOf) {
        for (int i = 0; i < attributes.size(); i++) {
            Attribute a = attributes.get(i);
            String which = record + ": " + list + "[" + i + "]";
            if (a == null) {
                throw new NetlinkArgumentException(which + " is null");
            }
            if (a.type() < 0 || a.type() > 0xFFFF) {
                throw new NetlinkArgumentException(which + ": nla_type must be 0 to 65535 (flags included), got "
                        + a.type());
            }
            if (a.data().length > AttributeEncoder.MAX_LENGTH - AttributeEncoder.HEADER_SIZE) {
                throw new NetlinkArgumentException(which + ": " + a.data().length + " bytes, more than the "
                        + (AttributeEncoder.MAX_LENGTH - AttributeEncoder.HEADER_SIZE) + " one attribute can hold");
            }
            String field = fieldOf.field(a.type() & AttributeEncoder.TYPE_MASK, a.data().length);
            if (field != null) {
                throw new NetlinkArgumentException(which + " is " + field + ", which decoding reads into that field"
                        + " instead of keeping it raw; set the field instead");
            }
        }
    }

    /**
     * Whether decoding reads an address attribute of {@code length} bytes into a field: always for a family of
     * IP addresses (a wrong length being malformed), for {@code AF_UNSPEC} and {@code AF_BRIDGE} when it has
     * an IP address's length, never for other families, whose addresses stay raw.
     */
    static boolean decodedAsAddress(int family, int length) {
        int expected = AddressFamily.addressLength(family);
        return expected > 0 || (expected == 0 && (length == 4 || length == 16));
    }

    /**
     * Which field of a record its decoder reads an attribute into.
     */
    @FunctionalInterface
    interface FieldOf {
        /**
         * @param type   the attribute type without its {@code NLA_F_*} flags
         * @param length the payload length in bytes
         * @return the field and kernel name, such as {@code "mtu (IFLA_MTU)"}, or null when the attribute
         *         stays raw
         */
        String field(int type, int length);
    }

    /** The message a record's {@code toMessage} returns: the payload under a notification-shaped header. */
    static Message message(String record, int type, int firstType, int flags, byte[] payload) {
        type(record + ".toMessage", type, firstType);
        if ((flags & ~0xFFFF) != 0) {
            throw new NetlinkArgumentException(record + ".toMessage: flags (nlmsg_flags) must fit 16 bits, got 0x"
                    + Integer.toHexString(flags));
        }
        return Message.of(type, flags, payload);
    }
}
