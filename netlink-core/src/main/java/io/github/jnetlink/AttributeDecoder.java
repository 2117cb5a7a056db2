package io.github.jnetlink;

import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a run of netlink attributes ({@code struct nlattr}) in place, one at a time, the way the kernel's
 * {@code nla_for_each_attr} walks them.
 *
 * <p>Each attribute is a 4-byte header, its payload, and zero padding up to the next 4-byte boundary
 * ({@code NLA_ALIGN}):
 * <pre>
 *  0               2               4
 * +---------------+---------------+------------------------+---------+
 * |    nla_len    |   nla_type    |   payload              | padding |
 * +---------------+---------------+------------------------+---------+
 *   nla_len = 4 + payload length (the padding is not counted)
 * </pre>
 * {@code nla_len} and {@code nla_type} are unsigned 16-bit fields in host byte order. The low 14 bits of
 * {@code nla_type} are the {@link #type()}; the top two are flags, {@link #nested()} ({@code NLA_F_NESTED})
 * and {@link #netByteOrder()} ({@code NLA_F_NET_BYTEORDER}). The padding after the last attribute may be
 * missing, as the kernel allows.
 *
 * <pre>{@code
 * AttributeDecoder d = new AttributeDecoder(message.data(), IFINFOMSG_SIZE, message.data().length - IFINFOMSG_SIZE);
 * while (d.next()) {
 *     switch (d.type()) {
 *         case IFLA_IFNAME -> name = d.string();
 *         case IFLA_MTU -> mtu = d.u32();
 *         case IFLA_LINKINFO -> readLinkInfo(d.nestedDecoder());
 *         default -> { } // attributes a newer kernel added
 *     }
 * }
 * }</pre>
 *
 * <p>Every attribute is visited, whatever its type; the caller ignores those it does not know. The input is
 * not copied: only {@link #bytes()}, {@link #string()} and {@link #nestedDecoder()} allocate. Integers are
 * read in host byte order unless {@link #byteOrder(ByteOrder)} or a per-call {@link ByteOrder} says otherwise.
 * Not thread-safe: one decoder is one cursor.
 *
 * <p>Malformed input (a truncated header, an {@code nla_len} below 4 or beyond the bytes left, a payload of
 * the wrong size for the value read) throws {@link MalformedMessageException}, naming the offset within the
 * array and the values found; reading a value with no current attribute throws {@link NetlinkException}.
 * The decoder never reads outside its region.
 */
public final class AttributeDecoder {

    private static final int BEFORE_FIRST = -1;
    private static final int AT_END = -2;
    private static final int FAILED = -3;

    private final byte[] b;
    private final int end;
    private int position;
    private ByteOrder order = ByteOrder.nativeOrder();

    /** The current attribute's payload offset, or {@link #BEFORE_FIRST}, {@link #AT_END}, {@link #FAILED}. */
    private int payload = BEFORE_FIRST;
    private int payloadLength;
    private int rawType;

    /**
     * A decoder over all of {@code b}.
     *
     * @param b the attributes, for example a message's data after its family header
     * @throws NetlinkException if {@code b} is null
     */
    public AttributeDecoder(byte[] b) {
        this(b, 0, b == null ? 0 : b.length);
    }

    /**
     * A decoder over {@code length} bytes of {@code b} from {@code offset}. The array is not copied; do not
     * change it while decoding.
     *
     * @param b      the array holding the attributes
     * @param offset where the first attribute starts
     * @param length how many bytes of attributes follow
     * @throws NetlinkException if {@code b} is null or the region is outside it
     */
    public AttributeDecoder(byte[] b, int offset, int length) {
        if (b == null) {
            throw new NetlinkArgumentException("attribute decoder: bytes must not be null");
        }
        if (offset < 0 || length < 0 || offset > b.length - length) {
            throw new NetlinkArgumentException("attribute decoder: region offset " + offset + ", length " + length
                    + " is outside the " + b.length + "-byte array");
        }
        this.b = b;
        this.position = offset;
        this.end = offset + length;
    }

    /**
     * Sets the byte order integer values are read in from now on; headers are always in host order.
     * Decoders from {@link #nestedDecoder()} start with this order.
     *
     * @param order {@link ByteOrder#BIG_ENDIAN} for network order, or {@link ByteOrder#nativeOrder()}
     * @return this decoder
     * @throws NetlinkException if {@code order} is null
     */
    public AttributeDecoder byteOrder(ByteOrder order) {
        if (order == null) {
            throw new NetlinkArgumentException("attribute decoder: byte order must not be null");
        }
        this.order = order;
        return this;
    }

    /**
     * @return the byte order integer values are read in; host order unless changed
     */
    public ByteOrder byteOrder() {
        return order;
    }

    /**
     * Moves to the next attribute.
     *
     * @return true if there is one, false once all the bytes have been read
     * @throws MalformedMessageException if the bytes left are too few for an attribute header, or the header's
     *                                   {@code nla_len} is below 4 or longer than the bytes left; the decoder
     *                                   then has no current attribute, and calling again throws again
     */
    public boolean next() {
        int left = end - position;
        if (left == 0) {
            payload = AT_END;
            return false;
        }
        payload = FAILED;
        if (left < AttributeEncoder.HEADER_SIZE) {
            throw new MalformedMessageException("truncated netlink attribute header at offset " + position + ": "
                    + left + " bytes left, 4 needed");
        }
        VarHandle h = AttributeEncoder.NATIVE_LE ? AttributeEncoder.SHORT_LE : AttributeEncoder.SHORT_BE;
        int length = (short) h.get(b, position) & 0xFFFF;
        int type = (short) h.get(b, position + 2) & 0xFFFF;
        if (length < AttributeEncoder.HEADER_SIZE || length > left) {
            throw new MalformedMessageException("bad netlink attribute length " + length + " at offset " + position
                    + " (type " + (type & AttributeEncoder.TYPE_MASK) + ", " + left + " bytes left; "
                    + "nla_len counts the 4-byte header and must fit the bytes left)");
        }
        rawType = type;
        payload = position + AttributeEncoder.HEADER_SIZE;
        payloadLength = length - AttributeEncoder.HEADER_SIZE;
        // The last attribute's padding may be cut off.
        position += Math.min(AttributeEncoder.align(length), left);
        return true;
    }

    /**
     * @return the current attribute's type, without the {@code NLA_F_NESTED} and {@code NLA_F_NET_BYTEORDER}
     *         flags ({@code nla_type & NLA_TYPE_MASK})
     * @throws NetlinkException if there is no current attribute
     */
    public int type() {
        current();
        return rawType & AttributeEncoder.TYPE_MASK;
    }

    /**
     * @return the current attribute's {@code nla_type} as sent, flags included, 0 to 65535
     * @throws NetlinkException if there is no current attribute
     */
    public int rawType() {
        current();
        return rawType;
    }

    /**
     * @return whether the current attribute has {@code NLA_F_NESTED} set. Many older kernel attributes hold
     *         nested attributes without it, so its absence does not stop {@link #nestedDecoder()}
     * @throws NetlinkException if there is no current attribute
     */
    public boolean nested() {
        current();
        return (rawType & AttributeEncoder.NESTED) != 0;
    }

    /**
     * @return whether the current attribute has {@code NLA_F_NET_BYTEORDER} set, marking a payload in network
     *         byte order (some netfilter families set it)
     * @throws NetlinkException if there is no current attribute
     */
    public boolean netByteOrder() {
        current();
        return (rawType & AttributeEncoder.NET_BYTEORDER) != 0;
    }

    /**
     * @return the current attribute's payload length in bytes ({@code nla_len - 4}), without padding
     * @throws NetlinkException if there is no current attribute
     */
    public int length() {
        current();
        return payloadLength;
    }

    /**
     * @return the offset of the current attribute's payload in the array given to the constructor
     * @throws NetlinkException if there is no current attribute
     */
    public int offset() {
        current();
        return payload;
    }

    /**
     * Reads a flag ({@code NLA_FLAG}), which the kernel sends without a payload; its presence is the value.
     *
     * @return true
     * @throws MalformedMessageException if the payload is not empty
     * @throws NetlinkException if there is no current attribute
     */
    public boolean flag() {
        checkLength(0, "flag");
        return true;
    }

    /**
     * @return the current attribute's payload as an unsigned 8-bit value ({@code NLA_U8}), 0 to 255
     * @throws MalformedMessageException if the payload is not exactly 1 byte
     * @throws NetlinkException if there is no current attribute
     */
    public int u8() {
        return b[checkLength(1, "u8")] & 0xFF;
    }

    /**
     * @return the current attribute's payload as a signed 8-bit value ({@code NLA_S8})
     * @throws MalformedMessageException if the payload is not exactly 1 byte
     * @throws NetlinkException if there is no current attribute
     */
    public byte s8() {
        return b[checkLength(1, "s8")];
    }

    /**
     * @return the current attribute's payload as an unsigned 16-bit value ({@code NLA_U16}) in the decoder's
     *         {@link #byteOrder()}, 0 to 65535
     * @throws MalformedMessageException if the payload is not exactly 2 bytes
     * @throws NetlinkException if there is no current attribute
     */
    public int u16() {
        return u16(order);
    }

    /**
     * @param order the byte order of this value, such as {@link ByteOrder#BIG_ENDIAN} for a {@code __be16}
     * @return the current attribute's payload as an unsigned 16-bit value, 0 to 65535
     * @throws MalformedMessageException if the payload is not exactly 2 bytes
     * @throws NetlinkException if there is no current attribute or {@code order} is null
     */
    public int u16(ByteOrder order) {
        return getShort(checkLength(2, "u16"), order) & 0xFFFF;
    }

    /**
     * @return the current attribute's payload as a signed 16-bit value ({@code NLA_S16}) in the decoder's
     *         {@link #byteOrder()}
     * @throws MalformedMessageException if the payload is not exactly 2 bytes
     * @throws NetlinkException if there is no current attribute
     */
    public short s16() {
        return getShort(checkLength(2, "s16"), order);
    }

    /**
     * Reads an unsigned 32-bit value ({@code NLA_U32}) in the decoder's {@link #byteOrder()}. Java has no
     * unsigned {@code int}: values above {@link Integer#MAX_VALUE} come back negative; use
     * {@link Integer#toUnsignedLong(int)} or {@link Integer#toUnsignedString(int)} where that matters.
     *
     * @return the 32 bits of the value
     * @throws MalformedMessageException if the payload is not exactly 4 bytes
     * @throws NetlinkException if there is no current attribute
     */
    public int u32() {
        return u32(order);
    }

    /**
     * Reads an unsigned 32-bit value in the given byte order; see {@link #u32()}.
     *
     * @param order the byte order of this value, such as {@link ByteOrder#BIG_ENDIAN} for a {@code __be32}
     * @return the 32 bits of the value
     * @throws MalformedMessageException if the payload is not exactly 4 bytes
     * @throws NetlinkException if there is no current attribute or {@code order} is null
     */
    public int u32(ByteOrder order) {
        return getInt(checkLength(4, "u32"), order);
    }

    /**
     * @return the current attribute's payload as a signed 32-bit value ({@code NLA_S32}) in the decoder's
     *         {@link #byteOrder()}
     * @throws MalformedMessageException if the payload is not exactly 4 bytes
     * @throws NetlinkException if there is no current attribute
     */
    public int s32() {
        return getInt(checkLength(4, "s32"), order);
    }

    /**
     * Reads an unsigned 64-bit value ({@code NLA_U64}) in the decoder's {@link #byteOrder()}. Values above
     * {@link Long#MAX_VALUE} come back negative; use {@link Long#toUnsignedString(long)} where that matters.
     *
     * @return the 64 bits of the value
     * @throws MalformedMessageException if the payload is not exactly 8 bytes
     * @throws NetlinkException if there is no current attribute
     */
    public long u64() {
        return u64(order);
    }

    /**
     * Reads an unsigned 64-bit value in the given byte order; see {@link #u64()}.
     *
     * @param order the byte order of this value, such as {@link ByteOrder#BIG_ENDIAN} for a {@code __be64}
     * @return the 64 bits of the value
     * @throws MalformedMessageException if the payload is not exactly 8 bytes
     * @throws NetlinkException if there is no current attribute or {@code order} is null
     */
    public long u64(ByteOrder order) {
        return getLong(checkLength(8, "u64"), order);
    }

    /**
     * @return the current attribute's payload as a signed 64-bit value ({@code NLA_S64}) in the decoder's
     *         {@link #byteOrder()}
     * @throws MalformedMessageException if the payload is not exactly 8 bytes
     * @throws NetlinkException if there is no current attribute
     */
    public long s64() {
        return getLong(checkLength(8, "s64"), order);
    }

    /**
     * Reads a string ({@code NLA_STRING}/{@code NLA_NUL_STRING}) as the kernel and iproute2 do: the UTF-8
     * bytes up to the first NUL, or the whole payload when it has none. Malformed UTF-8 becomes U+FFFD.
     *
     * @return the text; empty for an empty payload
     * @throws NetlinkException if there is no current attribute
     */
    public String string() {
        current();
        int n = 0;
        while (n < payloadLength && b[payload + n] != 0) {
            n++;
        }
        return new String(b, payload, n, StandardCharsets.UTF_8);
    }

    /**
     * @return a copy of the current attribute's payload, without padding
     * @throws NetlinkException if there is no current attribute
     */
    public byte[] bytes() {
        current();
        return Arrays.copyOfRange(b, payload, payload + payloadLength);
    }

    /**
     * A decoder over the current attribute's payload, for an attribute that holds nested attributes
     * ({@code NLA_NESTED}), whether or not {@link #nested()} is set. It shares the array, starts with this
     * decoder's byte order, and moves independently of this one.
     *
     * @return the nested decoder, before its first attribute
     * @throws NetlinkException if there is no current attribute
     */
    public AttributeDecoder nestedDecoder() {
        current();
        return new AttributeDecoder(b, payload, payloadLength).byteOrder(order);
    }

    @Override
    public String toString() {
        if (payload >= 0) {
            return "AttributeDecoder[type=" + (rawType & AttributeEncoder.TYPE_MASK) + ", rawType=0x"
                    + Integer.toHexString(rawType) + ", offset=" + payload + ", length=" + payloadLength + "]";
        }
        String state = payload == AT_END ? "at end" : payload == FAILED ? "malformed" : "before first";
        return "AttributeDecoder[" + state + ", position="
                + position + ", end=" + end + "]";
    }

    private void current() {
        if (payload < 0) {
            throw new NetlinkException(switch (payload) {
                case AT_END -> "no current netlink attribute: next() returned false, all attributes have been read";
                case FAILED -> "no current netlink attribute: next() found a malformed attribute";
                default -> "no current netlink attribute: call next() and check that it returns true before reading";
            });
        }
    }

    /** Returns the payload offset once the payload is exactly {@code size} bytes. */
    private int checkLength(int size, String kind) {
        current();
        if (payloadLength != size) {
            throw new MalformedMessageException("netlink attribute type " + (rawType & AttributeEncoder.TYPE_MASK)
                    + " at offset " + (payload - AttributeEncoder.HEADER_SIZE) + ": " + kind + " needs a "
                    + size + "-byte payload, got " + payloadLength + " bytes");
        }
        return payload;
    }

    private short getShort(int at, ByteOrder o) {
        return (short) (checkOrder(o) == ByteOrder.LITTLE_ENDIAN ? AttributeEncoder.SHORT_LE : AttributeEncoder.SHORT_BE)
                .get(b, at);
    }

    private int getInt(int at, ByteOrder o) {
        return (int) (checkOrder(o) == ByteOrder.LITTLE_ENDIAN ? AttributeEncoder.INT_LE : AttributeEncoder.INT_BE)
                .get(b, at);
    }

    private long getLong(int at, ByteOrder o) {
        return (long) (checkOrder(o) == ByteOrder.LITTLE_ENDIAN ? AttributeEncoder.LONG_LE : AttributeEncoder.LONG_BE)
                .get(b, at);
    }

    private static ByteOrder checkOrder(ByteOrder o) {
        if (o == null) {
            throw new NetlinkArgumentException("attribute decoder: byte order must not be null");
        }
        return o;
    }
}
