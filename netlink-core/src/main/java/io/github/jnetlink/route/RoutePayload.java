package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.MessageView;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape every rtnetlink payload shares: a fixed header in host byte order ({@code struct ifinfomsg},
 * {@code ifaddrmsg}, {@code rtmsg}, {@code ndmsg}), padded to 4 bytes, then attributes. Checks what the
 * records' decoders receive and writes back the attributes they keep raw.
 */
final class RoutePayload {

    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private RoutePayload() {
    }

    /**
     * Returns the message's payload once it is a message of the object whose four types start at
     * {@code firstType} ({@code RTM_NEW*}, {@code RTM_DEL*}, {@code RTM_GET*}, {@code RTM_SET*}) and holds at
     * least the fixed header.
     */
    static byte[] payload(Message m, int firstType, int headerSize, String header) {
        if (m == null) {
            throw new MalformedMessageException("cannot decode " + header + ": message is null");
        }
        byte[] data = m.data();
        check(m.header().type(), data.length, firstType, headerSize, header);
        return data;
    }

    /** {@link #payload} for a reply read in place. */
    static void check(MessageView m, int firstType, int headerSize, String header) {
        if (m == null) {
            throw new MalformedMessageException("cannot decode " + header + ": message is null");
        }
        check(m.type(), m.payloadLength(), firstType, headerSize, header);
    }

    /** A message of the object whose four types start at {@code firstType}, holding at least its fixed header. */
    private static void check(int type, int payloadLength, int firstType, int headerSize, String header) {
        if (type < firstType || type > firstType + 3) {
            throw new MalformedMessageException("cannot decode " + header + " from a message of type "
                    + RouteMessageType.name(type) + "; expected " + RouteMessageType.name(firstType) + " to "
                    + RouteMessageType.name(firstType + 3));
        }
        if (payloadLength < headerSize) {
            throw new MalformedMessageException("truncated " + header + ": " + payloadLength + " bytes, "
                    + headerSize + " needed");
        }
    }

    /** A decoder over the attributes after a fixed header of {@code headerSize} (a multiple of 4) bytes. */
    static AttributeDecoder attributes(byte[] data, int headerSize) {
        return new AttributeDecoder(data, headerSize, data.length - headerSize);
    }

    /** The current attribute, kept as sent. */
    static Attribute raw(AttributeDecoder d) {
        return new Attribute(d.rawType(), d.bytes());
    }

    /** An unmodifiable copy, null becoming empty, with the elements checked. */
    static <T> List<T> copy(List<T> list, String what) {
        if (list == null || list.isEmpty()) {
            // the decoders' common case: no iterator, no copy
            return List.of();
        }
        for (T t : list) {
            if (t == null) {
                throw new NetlinkArgumentException(what + " must not contain null");
            }
        }
        return List.copyOf(list);
    }

    /** A list being filled during decoding, or empty when none was started. */
    static <T> List<T> finish(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static <T> List<T> add(List<T> list, T value) {
        List<T> l = list == null ? new ArrayList<>(4) : list;
        l.add(value);
        return l;
    }

    /**
     * Writes an attribute as kept, its {@code nla_type} flags included, through the encoder's raw-bytes path.
     */
    static void write(AttributeEncoder e, Attribute a) {
        byte[] data = a.data();
        if (data.length > AttributeEncoder.MAX_LENGTH - AttributeEncoder.HEADER_SIZE) {
            throw new NetlinkArgumentException("attribute type " + (a.type() & AttributeEncoder.TYPE_MASK) + " is "
                    + data.length + " bytes long, more than one attribute can hold");
        }
        byte[] b = Arrays.copyOf(new byte[AttributeEncoder.HEADER_SIZE], AttributeEncoder.HEADER_SIZE + data.length);
        SHORT.set(b, 0, (short) b.length);
        SHORT.set(b, 2, (short) a.type());
        System.arraycopy(data, 0, b, AttributeEncoder.HEADER_SIZE, data.length);
        e.header(b);
    }

    static void writeAll(AttributeEncoder e, List<Attribute> attributes) {
        for (Attribute a : attributes) {
            write(e, a);
        }
    }

    /** Appends an address attribute's raw bytes when the address is present. */
    static void address(AttributeEncoder e, int type, java.net.InetAddress address) {
        if (address != null) {
            e.bytes(type, address.getAddress());
        }
    }

    /** Appends an unsigned 32-bit attribute when the value is present. */
    static void u32(AttributeEncoder e, int type, Integer value) {
        if (value != null) {
            e.s32(type, value);
        }
    }

    /** Names the record an encoder's argument complaint is about. */
    static NetlinkException encodeFailure(String what, NetlinkArgumentException e) {
        return new NetlinkArgumentException("cannot encode " + what + ": " + e.getMessage(), e);
    }
}
