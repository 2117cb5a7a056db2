package io.github.jnetlink;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Builds a run of netlink attributes ({@code struct nlattr}), the type-length-value records that follow a
 * message's fixed header and that the kernel parses with {@code nla_parse}.
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
 * {@code nla_type} are the type; the top two are flags: {@link #NESTED} ({@code NLA_F_NESTED}, the payload
 * is itself a run of attributes) and {@link #NET_BYTEORDER} ({@code NLA_F_NET_BYTEORDER}).
 *
 * <p>Integer values are written in host byte order unless {@link #byteOrder(ByteOrder)} or a per-call
 * {@link ByteOrder} says otherwise; a few kernel attributes (ports, some netfilter values, declared
 * {@code __be16}/{@code __be32} in the headers) are in network order, {@link ByteOrder#BIG_ENDIAN}.
 *
 * <pre>{@code
 * byte[] attrs = new AttributeEncoder()
 *         .string(IFLA_IFNAME, "veth0")
 *         .u32(IFLA_MTU, 1500)
 *         .nested(IFLA_LINKINFO, info -> info.string(IFLA_INFO_KIND, "veth"))
 *         .encode();
 * }</pre>
 *
 * <p>All attributes go into one growing array; nothing else is allocated per attribute. Not thread-safe: use
 * one encoder per message being built. Invalid arguments (a type outside 0 to 0x3FFF, a value outside its
 * field's range, an attribute longer than the 65535 bytes {@code nla_len} can describe) throw
 * {@link NetlinkArgumentException} naming the attribute type and the value, and leave the encoder unchanged.
 */
public final class AttributeEncoder {

    /** Size of {@code struct nlattr}, the attribute header, in bytes ({@code NLA_HDRLEN}). */
    public static final int HEADER_SIZE = 4;
    /** {@code NLA_F_NESTED}: the payload is a run of attributes. Set by {@link #nested(int, Consumer)}. */
    public static final int NESTED = 1 << 15;
    /** {@code NLA_F_NET_BYTEORDER}: the payload is in network byte order; used by some netfilter families. */
    public static final int NET_BYTEORDER = 1 << 14;
    /** {@code NLA_TYPE_MASK}: the bits of {@code nla_type} that are the type, without the two flags. */
    public static final int TYPE_MASK = ~(NESTED | NET_BYTEORDER) & 0xFFFF;
    /** The largest {@code nla_len}: header plus payload must fit 16 unsigned bits. */
    public static final int MAX_LENGTH = 0xFFFF;

    static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final boolean NATIVE_LE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private static final int MAX_PAYLOAD = MAX_LENGTH - HEADER_SIZE;

    private byte[] buf;
    private int size;
    private ByteOrder order = ByteOrder.nativeOrder();

    /**
     * An empty encoder writing values in host byte order.
     */
    public AttributeEncoder() {
        this(64);
    }

    /**
     * An empty encoder with room for {@code capacity} bytes before it grows.
     *
     * @param capacity the initial capacity in bytes
     * @throws NetlinkArgumentException if {@code capacity} is negative
     */
    public AttributeEncoder(int capacity) {
        if (capacity < 0) {
            throw new NetlinkArgumentException("attribute encoder capacity must be >= 0, got " + capacity);
        }
        buf = new byte[capacity];
    }

    /**
     * Sets the byte order of the integer values written from now on; headers stay in host order, as the
     * kernel requires. Attributes nested with {@link #nested(int, Consumer)} start with this order.
     *
     * @param order {@link ByteOrder#BIG_ENDIAN} for network order, or {@link ByteOrder#nativeOrder()}
     * @return this encoder
     * @throws NetlinkArgumentException if {@code order} is null
     */
    public AttributeEncoder byteOrder(ByteOrder order) {
        this.order = checkOrder(order);
        return this;
    }

    /**
     * @return the byte order integer values are written in; host order unless changed
     */
    public ByteOrder byteOrder() {
        return order;
    }

    /**
     * Appends a family's fixed header, such as {@code struct ifinfomsg} for rtnetlink or
     * {@code struct genlmsghdr} for generic netlink, copied as is and zero-padded to 4 bytes
     * ({@code NLMSG_ALIGN}), so that the attributes that follow start aligned. Call it first, before any
     * attribute, when building a whole message payload.
     *
     * @param header the fixed header's bytes
     * @return this encoder
     * @throws NetlinkArgumentException if {@code header} is null
     */
    public AttributeEncoder header(byte[] header) {
        if (header == null) {
            throw new NetlinkArgumentException("fixed header must not be null");
        }
        int padded = align(header.length);
        ensure(padded);
        System.arraycopy(header, 0, buf, size, header.length);
        Arrays.fill(buf, size + header.length, size + padded, (byte) 0);
        size += padded;
        return this;
    }

    /**
     * Appends an unsigned 8-bit attribute ({@code NLA_U8}).
     *
     * @param type  the attribute type, 0 to 0x3FFF
     * @param value 0 to 255
     * @return this encoder
     * @throws NetlinkArgumentException if the type or value is out of range
     */
    public AttributeEncoder u8(int type, int value) {
        checkRange(type, "u8", value, 0, 0xFF);
        int at = begin(type, 1); // begin may grow buf: read it after
        buf[at] = (byte) value;
        return this;
    }

    /**
     * Appends a signed 8-bit attribute ({@code NLA_S8}).
     *
     * @param type  the attribute type, 0 to 0x3FFF
     * @param value -128 to 127
     * @return this encoder
     * @throws NetlinkArgumentException if the type or value is out of range
     */
    public AttributeEncoder s8(int type, int value) {
        checkRange(type, "s8", value, Byte.MIN_VALUE, Byte.MAX_VALUE);
        int at = begin(type, 1); // begin may grow buf: read it after
        buf[at] = (byte) value;
        return this;
    }

    /**
     * Appends an unsigned 16-bit attribute ({@code NLA_U16}) in the encoder's {@link #byteOrder()}.
     *
     * @param type  the attribute type, 0 to 0x3FFF
     * @param value 0 to 65535
     * @return this encoder
     * @throws NetlinkArgumentException if the type or value is out of range
     */
    public AttributeEncoder u16(int type, int value) {
        return u16(type, value, order);
    }

    /**
     * Appends an unsigned 16-bit attribute in the given byte order, such as a {@code __be16} port in
     * {@link ByteOrder#BIG_ENDIAN}.
     *
     * @param type  the attribute type, 0 to 0x3FFF
     * @param value 0 to 65535
     * @param order the byte order of this value
     * @return this encoder
     * @throws NetlinkArgumentException if the type or value is out of range, or {@code order} is null
     */
    public AttributeEncoder u16(int type, int value, ByteOrder order) {
        checkOrder(order);
        checkRange(type, "u16", value, 0, 0xFFFF);
        putShort(begin(type, 2), (short) value, order);
        return this;
    }

    /**
     * Appends a signed 16-bit attribute ({@code NLA_S16}) in the encoder's {@link #byteOrder()}.
     *
     * @param type  the attribute type, 0 to 0x3FFF
     * @param value -32768 to 32767
     * @return this encoder
     * @throws NetlinkArgumentException if the type or value is out of range
     */
    public AttributeEncoder s16(int type, int value) {
        checkRange(type, "s16", value, Short.MIN_VALUE, Short.MAX_VALUE);
        putShort(begin(type, 2), (short) value, order);
        return this;
    }

    /**
     * Appends an unsigned 32-bit attribute ({@code NLA_U32}) in the encoder's {@link #byteOrder()}. To write
     * the bits of an {@code int} that holds an unsigned value, such as one read with
     * {@link AttributeDecoder#u32()}, pass {@code Integer.toUnsignedLong(bits)} or use {@link #s32(int, int)},
     * which writes the same bytes.
     *
     * @param type  the attribute type, 0 to 0x3FFF
     * @param value 0 to 4294967295
     * @return this encoder
     * @throws NetlinkArgumentException if the type or value is out of range
     */
    public AttributeEncoder u32(int type, long value) {
        return u32(type, value, order);
    }

    /**
     * Appends an unsigned 32-bit attribute in the given byte order, such as a {@code __be32} in
     * {@link ByteOrder#BIG_ENDIAN}.
     *
     * @param type  the attribute type, 0 to 0x3FFF
     * @param value 0 to 4294967295
     * @param order the byte order of this value
     * @return this encoder
     * @throws NetlinkArgumentException if the type or value is out of range, or {@code order} is null
     */
    public AttributeEncoder u32(int type, long value, ByteOrder order) {
        checkOrder(order);
        checkType(type);
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new NetlinkArgumentException("attribute type " + type + ": u32 value " + value
                    + " is out of range 0 to 4294967295");
        }
        putInt(begin(type, 4), (int) value, order);
        return this;
    }

    /**
     * Appends a signed 32-bit attribute ({@code NLA_S32}) in the encoder's {@link #byteOrder()}. Every
     * {@code int} is valid; the bytes are those of the two's-complement value.
     *
     * @param type  the attribute type, 0 to 0x3FFF
     * @param value the value
     * @return this encoder
     * @throws NetlinkArgumentException if the type is out of range
     */
    public AttributeEncoder s32(int type, int value) {
        putInt(begin(type, 4), value, order);
        return this;
    }

    /**
     * Appends an unsigned 64-bit attribute ({@code NLA_U64}) in the encoder's {@link #byteOrder()}. Java has
     * no unsigned {@code long}: the 64 bits of {@code value} are written as they are, so values above
     * {@link Long#MAX_VALUE} are passed as negative numbers (see {@link Long#parseUnsignedLong(String)}).
     *
     * @param type  the attribute type, 0 to 0x3FFF
     * @param value the value's 64 bits
     * @return this encoder
     * @throws NetlinkArgumentException if the type is out of range
     */
    public AttributeEncoder u64(int type, long value) {
        return u64(type, value, order);
    }

    /**
     * Appends an unsigned 64-bit attribute in the given byte order, such as a {@code __be64} in
     * {@link ByteOrder#BIG_ENDIAN}.
     *
     * @param type  the attribute type, 0 to 0x3FFF
     * @param value the value's 64 bits
     * @param order the byte order of this value
     * @return this encoder
     * @throws NetlinkArgumentException if the type is out of range, or {@code order} is null
     */
    public AttributeEncoder u64(int type, long value, ByteOrder order) {
        checkOrder(order);
        putLong(begin(type, 8), value, order);
        return this;
    }

    /**
     * Appends a signed 64-bit attribute ({@code NLA_S64}) in the encoder's {@link #byteOrder()}.
     *
     * @param type  the attribute type, 0 to 0x3FFF
     * @param value the value
     * @return this encoder
     * @throws NetlinkArgumentException if the type is out of range
     */
    public AttributeEncoder s64(int type, long value) {
        putLong(begin(type, 8), value, order);
        return this;
    }

    /**
     * Appends a flag ({@code NLA_FLAG}): an attribute with no payload, whose presence is the value.
     *
     * @param type the attribute type, 0 to 0x3FFF
     * @return this encoder
     * @throws NetlinkArgumentException if the type is out of range
     */
    public AttributeEncoder flag(int type) {
        begin(type, 0);
        return this;
    }

    /**
     * Appends a string as the kernel expects {@code NLA_STRING} and {@code NLA_NUL_STRING} attributes: its
     * UTF-8 bytes followed by a NUL terminator, which {@code nla_len} counts. The empty string is a lone NUL.
     *
     * @param type  the attribute type, 0 to 0x3FFF
     * @param value the text; it must not contain NUL, which the kernel would take as its end
     * @return this encoder
     * @throws NetlinkArgumentException if the type is out of range, the value is null or contains NUL, or its
     *                                  encoding is too long for one attribute
     */
    public AttributeEncoder string(int type, String value) {
        checkType(type);
        if (value == null) {
            throw new NetlinkArgumentException("attribute type " + type + ": string must not be null");
        }
        int n = value.length();
        boolean ascii = n < MAX_PAYLOAD;
        for (int i = 0; i < n && ascii; i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw new NetlinkArgumentException("attribute type " + type
                        + ": string contains NUL at index " + i + ", the kernel would end the string there");
            }
            ascii = c < 0x80;
        }
        if (ascii) {
            int off = begin(type, n + 1);
            for (int i = 0; i < n; i++) {
                buf[off + i] = (byte) value.charAt(i);
            }
            buf[off + n] = 0;
            return this;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == 0) {
                throw new NetlinkArgumentException("attribute type " + type
                        + ": string contains NUL at byte " + i + ", the kernel would end the string there");
            }
        }
        int off = begin(type, utf8.length + 1);
        System.arraycopy(utf8, 0, buf, off, utf8.length);
        buf[off + utf8.length] = 0;
        return this;
    }

    /**
     * Appends an attribute whose payload is the given bytes, copied as they are ({@code NLA_BINARY}, or a
     * C struct the caller laid out, or an address in network order).
     *
     * @param type  the attribute type, 0 to 0x3FFF
     * @param value the payload; may be empty
     * @return this encoder
     * @throws NetlinkArgumentException if the type is out of range, the value is null or too long
     */
    public AttributeEncoder bytes(int type, byte[] value) {
        if (value == null) {
            throw new NetlinkArgumentException("attribute type " + type + ": bytes must not be null");
        }
        return bytes(type, value, 0, value.length);
    }

    /**
     * Appends an attribute whose payload is {@code length} bytes of {@code value} from {@code offset}.
     *
     * @param type   the attribute type, 0 to 0x3FFF
     * @param value  the array holding the payload
     * @param offset where the payload starts in {@code value}
     * @param length the payload length
     * @return this encoder
     * @throws NetlinkArgumentException if the type is out of range, the value is null, the region is outside
     *                                  the array or too long for one attribute
     */
    public AttributeEncoder bytes(int type, byte[] value, int offset, int length) {
        if (value == null) {
            throw new NetlinkArgumentException("attribute type " + type + ": bytes must not be null");
        }
        if (offset < 0 || length < 0 || offset > value.length - length) {
            throw new NetlinkArgumentException("attribute type " + type + ": region offset " + offset + ", length "
                    + length + " is outside the " + value.length + "-byte array");
        }
        int off = begin(type, length);
        System.arraycopy(value, offset, buf, off, length);
        return this;
    }

    /**
     * Appends a nested attribute ({@code NLA_NESTED}): {@code NLA_F_NESTED} is set on the type, and the
     * attributes {@code body} adds become the payload, as {@code nla_nest_start}/{@code nla_nest_end} build
     * them in the kernel. Their own padding is part of the nested attribute's length.
     *
     * <p>{@code body} receives this same encoder, positioned inside the nested attribute, so nesting costs no
     * extra buffer; it starts with this encoder's byte order, and a change it makes ends with it. Do not call
     * {@link #encode()} from {@code body}. If {@code body} throws, everything it added is discarded.
     *
     * @param type the attribute type, 0 to 0x3FFF, without {@link #NESTED}
     * @param body adds the nested attributes
     * @return this encoder
     * @throws NetlinkArgumentException if the type is out of range, {@code body} is null or the nested
     *                                  attributes exceed 65531 bytes
     */
    public AttributeEncoder nested(int type, Consumer<AttributeEncoder> body) {
        checkType(type);
        if (body == null) {
            throw new NetlinkArgumentException("attribute type " + type + ": nested body must not be null");
        }
        int start = size;
        ByteOrder saved = order;
        ensure(HEADER_SIZE);
        size += HEADER_SIZE;
        try {
            body.accept(this);
            int length = size - start;
            if (length > MAX_LENGTH) {
                throw new NetlinkArgumentException("attribute type " + type + ": nested attributes are " + length
                        + " bytes long, more than the 65535 nla_len can describe");
            }
            putHeader(start, length, type | NESTED);
        } catch (RuntimeException | Error e) {
            size = start;
            throw e;
        } finally {
            order = saved;
        }
        return this;
    }

    /**
     * @return the number of bytes encoded so far, padding included
     */
    public int size() {
        return size;
    }

    /**
     * @return a copy of the encoded attributes, each padded to 4 bytes
     */
    public byte[] encode() {
        return Arrays.copyOf(buf, size);
    }

    /**
     * Writes the encoded attributes into {@code dst} at its position, advancing it, for example after a
     * message header and a family header already put there.
     *
     * @param dst the destination
     * @return {@code dst}
     * @throws NetlinkArgumentException if {@code dst} is null or read-only, or fewer than {@link #size()} bytes
     *                                   remain in it; {@code dst} is then unchanged
     */
    public ByteBuffer encodeTo(ByteBuffer dst) {
        if (dst == null) {
            throw new NetlinkArgumentException("attribute encoder: destination buffer must not be null");
        }
        if (dst.isReadOnly()) {
            throw new NetlinkArgumentException("attribute encoder: destination buffer is read-only");
        }
        if (dst.remaining() < size) {
            throw new NetlinkArgumentException("attribute encoder: " + size + " bytes of attributes do not fit the "
                    + dst.remaining() + " bytes remaining in the destination buffer");
        }
        return dst.put(buf, 0, size);
    }

    /**
     * Discards everything encoded, keeping the buffer for reuse, and returns to host byte order.
     *
     * @return this encoder
     */
    public AttributeEncoder reset() {
        size = 0;
        order = ByteOrder.nativeOrder();
        return this;
    }

    @Override
    public String toString() {
        return "AttributeEncoder[size=" + size + ", byteOrder=" + order + "]";
    }

    /** Rounds up to the attribute alignment of 4 bytes ({@code NLA_ALIGN}). */
    static int align(int length) {
        return (length + 3) & ~3;
    }

    /**
     * Writes the header of an attribute with a payload of {@code length} bytes and zeroes its padding;
     * returns the payload's offset. Checks everything before changing anything.
     */
    private int begin(int type, int length) {
        checkType(type);
        if (length > MAX_PAYLOAD) {
            throw new NetlinkArgumentException("attribute type " + type + ": payload of " + length
                    + " bytes does not fit, nla_len allows at most " + MAX_PAYLOAD);
        }
        int total = align(HEADER_SIZE + length);
        ensure(total);
        int start = size;
        putHeader(start, HEADER_SIZE + length, type);
        // The buffer may hold stale bytes after a reset or a failed nested body; padding must be zero.
        for (int i = start + HEADER_SIZE + length; i < start + total; i++) {
            buf[i] = 0;
        }
        size = start + total;
        return start + HEADER_SIZE;
    }

    private void putHeader(int at, int length, int rawType) {
        VarHandle h = NATIVE_LE ? SHORT_LE : SHORT_BE;
        h.set(buf, at, (short) length);
        h.set(buf, at + 2, (short) rawType);
    }

    private void putShort(int at, short v, ByteOrder o) {
        (o == ByteOrder.LITTLE_ENDIAN ? SHORT_LE : SHORT_BE).set(buf, at, v);
    }

    private void putInt(int at, int v, ByteOrder o) {
        (o == ByteOrder.LITTLE_ENDIAN ? INT_LE : INT_BE).set(buf, at, v);
    }

    private void putLong(int at, long v, ByteOrder o) {
        (o == ByteOrder.LITTLE_ENDIAN ? LONG_LE : LONG_BE).set(buf, at, v);
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed < 0) {
            throw new NetlinkArgumentException("attribute encoder cannot grow past 2 GiB");
        }
        if (needed > buf.length) {
            long doubled = Math.max(64L, buf.length * 2L);
            buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.min(doubled, Integer.MAX_VALUE - 8)));
        }
    }

    private static void checkType(int type) {
        if (type < 0 || type > TYPE_MASK) {
            throw new NetlinkArgumentException("attribute type " + type + " (0x" + Integer.toHexString(type)
                    + ") is out of range 0 to 0x3FFF; the top two bits of nla_type are the NLA_F_NESTED and "
                    + "NLA_F_NET_BYTEORDER flags");
        }
    }

    private static void checkRange(int type, String kind, int value, int min, int max) {
        checkType(type);
        if (value < min || value > max) {
            throw new NetlinkArgumentException("attribute type " + type + ": " + kind + " value " + value
                    + " is out of range " + min + " to " + max);
        }
    }

    private static ByteOrder checkOrder(ByteOrder order) {
        if (order == null) {
            throw new NetlinkArgumentException("byte order must not be null");
        }
        return order;
    }
}
