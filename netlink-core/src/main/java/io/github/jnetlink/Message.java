package io.github.jnetlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One netlink message: a {@link Header} and its payload. The payload starts with the family's fixed
 * header (such as {@code struct ifinfomsg}) followed by attributes; see {@link AttributeDecoder}.
 *
 * <p>The {@code data} array is not copied, for speed on the receive path: treat it as read-only.
 * {@link #equals(Object)} and {@link #hashCode()} compare its contents.
 *
 * @param header the header
 * @param data   the payload, without the 16-byte header and without trailing alignment padding
 */
public record Message(Header header, byte[] data) {

    private static final byte[] EMPTY = new byte[0];
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    /**
     * @throws NetlinkArgumentException if {@code header} is null; a null {@code data} becomes empty
     */
    public Message {
        if (header == null) {
            throw new NetlinkArgumentException("message header must not be null");
        }
        if (data == null) {
            data = EMPTY;
        }
    }

    /**
     * A request message with the given type and flags; {@link Conn#send} fills in length, sequence and PID.
     *
     * @param type  the message type, such as {@code RTM_GETLINK}
     * @param flags the {@link HeaderFlags}
     * @param data  the payload
     * @return the message
     */
    public static Message of(int type, int flags, byte[] data) {
        return new Message(Header.of(type, flags), data);
    }

    /** Rounds up to the netlink alignment of 4 bytes ({@code NLMSG_ALIGN}). */
    static int align(int length) {
        return (length + 3) & ~3;
    }

    /**
     * Encodes this message as the kernel reads it: the header in host byte order, then the payload,
     * padded with zeros to a multiple of 4 bytes. A header length of 0 is computed from the payload.
     *
     * @return the encoded message
     * @throws MalformedMessageException if a non-zero header length disagrees with the payload size
     */
    public byte[] marshal() {
        int length = checkedLength();
        byte[] out = new byte[align(Header.SIZE + data.length)];
        ByteBuffer b = ByteBuffer.wrap(out).order(NATIVE);
        putHeader(b, new Header(length, header.type(), header.flags(), header.sequence(), header.pid()));
        b.put(data);
        return out;
    }

    /** The length to encode: the header's, or computed when 0; rejects a length that misdescribes the data. */
    int checkedLength() {
        int natural = Header.SIZE + data.length;
        int length = header.length();
        if (length == 0) {
            return natural;
        }
        if (length != natural && length != align(natural)) {
            throw new MalformedMessageException("header length " + Integer.toUnsignedString(length)
                    + " does not match the message size " + natural + " (16-byte header + " + data.length + " bytes of data)");
        }
        return length;
    }

    static void putHeader(ByteBuffer b, Header h) {
        b.putInt(h.length()).putShort((short) h.type()).putShort((short) h.flags()).putInt(h.sequence()).putInt(h.pid());
    }

    /**
     * Decodes exactly one message, checked as strictly as the kernel checks requests: the input must be
     * at least 16 bytes, a multiple of 4 bytes, and its header length, rounded up to 4 bytes, must equal
     * the input length (the padding after an unaligned payload is not part of {@link #data()}).
     *
     * @param b one encoded message
     * @return the message
     * @throws MalformedMessageException if the input is null, short, unaligned or its length field disagrees
     */
    public static Message unmarshal(byte[] b) {
        if (b == null) {
            throw new MalformedMessageException("netlink message bytes must not be null");
        }
        if (b.length < Header.SIZE) {
            throw new MalformedMessageException("netlink message too short: " + b.length + " bytes, the header alone needs 16");
        }
        if (b.length != align(b.length)) {
            throw new MalformedMessageException("netlink message not aligned: " + b.length + " bytes is not a multiple of 4");
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(NATIVE);
        int length = buf.getInt(0);
        if (length < Header.SIZE || align(length) != b.length) {
            throw new MalformedMessageException("netlink message length field " + Integer.toUnsignedString(length)
                    + " does not match the " + b.length + " bytes given");
        }
        return new Message(readHeader(buf, 0), Arrays.copyOfRange(b, Header.SIZE, length));
    }

    static Header readHeader(ByteBuffer b, int offset) {
        return new Header(b.getInt(offset), b.getShort(offset + 4) & 0xFFFF, b.getShort(offset + 6) & 0xFFFF,
                b.getInt(offset + 8), b.getInt(offset + 12));
    }

    /** {@link #parseDatagram} summary bit: some message was {@code NLMSG_ERROR} or {@code NLMSG_DONE}. */
    static final int PARSED_CONTROL = 1 << 16;
    /** {@link #parseDatagram} summary bit: some message's sequence or port ID was not the expected one. */
    static final int PARSED_MISMATCH = 1 << 17;

    /**
     * Splits a datagram into messages as the kernel frames them ({@code NLMSG_OK}/{@code NLMSG_NEXT}): each
     * header length must be at least 16 and fit the bytes left; the next message starts at the next
     * 4-byte boundary. Bytes in {@code b} from {@code position} to {@code limit} are read; {@code b}'s
     * byte order must be native.
     *
     * @throws MalformedMessageException naming the offset of the first bad header
     */
    static void parseDatagram(ByteBuffer b, int position, int limit, List<Message> out) {
        parseDatagram(b, position, limit, out, 0, 0, 0);
    }

    /**
     * {@link #parseDatagram(ByteBuffer, int, int, List)}, summarising what the receive path would otherwise
     * find out with further passes over the messages: the OR of all their flags (low 16 bits),
     * {@link #PARSED_CONTROL}, and {@link #PARSED_MISMATCH} when a message does not answer the request with this
     * sequence number and port ID ({@link Validate#answers}; 0: not checked), sent on the socket bound to
     * {@code ownPid}.
     *
     * @return the summary
     */
    static int parseDatagram(ByteBuffer b, int position, int limit, List<Message> out, int sequence, int pid, int ownPid) {
        // The messages of one dump datagram nearly always have equal headers (same length, type, flags,
        // sequence and port ID): they share one immutable Header instead of allocating one each, which
        // cuts the garbage of a large dump by a third, and each distinct header is checked only once.
        Header previous = null;
        int summary = 0;
        int off = position;
        while (off < limit) {
            int left = limit - off;
            checkHeaderRoom(off - position, left);
            int length = checkLength(b.getInt(off), off - position, left);
            Header h = previous;
            if (h == null || h.length() != length || packed(h) != b.getInt(off + 4) || h.sequence() != b.getInt(off + 8)
                    || h.pid() != b.getInt(off + 12)) {
                h = readHeader(b, off);
                previous = h;
                summary |= summarise(h, sequence, pid, ownPid);
            }
            byte[] data = new byte[length - Header.SIZE];
            b.get(off + Header.SIZE, data);
            out.add(new Message(h, data));
            off += Math.min(align(length), left);
        }
        return summary;
    }

    /**
     * Checks that a whole header starts at {@code offset} of a datagram with {@code left} bytes from there on.
     *
     * @throws MalformedMessageException naming the offset when fewer than 16 bytes are left
     */
    static void checkHeaderRoom(int offset, int left) {
        if (left < Header.SIZE) {
            throw new MalformedMessageException("truncated netlink header at offset " + offset + ": " + left
                    + " bytes left, 16 needed");
        }
    }

    /**
     * Checks the {@code nlmsg_len} read at {@code offset} of a datagram with {@code left} bytes from there on.
     *
     * @return {@code length}, at least 16 and at most {@code left}
     * @throws MalformedMessageException naming the length and offset otherwise
     */
    static int checkLength(int length, int offset, int left) {
        if (length < Header.SIZE || length > left) {
            throw new MalformedMessageException("bad netlink message length " + Integer.toUnsignedString(length)
                    + " at offset " + offset + " (" + left + " bytes left in the datagram)");
        }
        return length;
    }

    /** The summary bits of one header: its flags, {@link #PARSED_CONTROL} and {@link #PARSED_MISMATCH}. */
    static int summarise(Header h, int sequence, int pid, int ownPid) {
        int s = h.flags();
        if (h.type() == HeaderType.ERROR || h.type() == HeaderType.DONE) {
            s |= PARSED_CONTROL;
        }
        if (!Validate.answers(sequence, pid, ownPid, h.sequence(), h.pid())) {
            s |= PARSED_MISMATCH;
        }
        return s;
    }

    /** {@code nlmsg_type} and {@code nlmsg_flags} as the one native-order int they form on the wire. */
    private static int packed(Header h) {
        return NATIVE == ByteOrder.LITTLE_ENDIAN ? h.type() | h.flags() << 16 : h.type() << 16 | h.flags();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && header.equals(m.header) && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(data, 0, Math.min(data.length, 64));
        return "Message[" + header + ", data(" + data.length + ")=" + hex + (data.length > 64 ? "..." : "") + "]";
    }
}
