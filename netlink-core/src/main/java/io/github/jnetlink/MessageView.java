package io.github.jnetlink;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One netlink message of a received datagram, read in place: the header's fields, the payload's fixed header and
 * its attributes, without a copy of its own. {@link Conn#stream(Message, java.util.function.Consumer)} hands the
 * same view to its consumer for every message of a reply, moved to the next one each time, so a view is valid
 * only during the call it was passed to; {@link #copy()} keeps a message beyond it.
 *
 * <p>The bytes are those of the datagram as the kernel wrote them, copied once per datagram out of the socket's
 * native buffer into an array the connection reuses: reading a dump of 100,000 routes through views allocates
 * nothing per message. Fields are in host byte order, as {@code struct nlmsghdr} and the rtnetlink and generic
 * netlink fixed headers are. Not thread-safe.
 */
public final class MessageView {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private byte[] bytes = new byte[0];
    private int offset;
    private int length;

    MessageView() {
    }

    /**
     * A view over the message encoded at {@code offset} of {@code bytes}, as a datagram holds it: for tests of
     * code that takes views, and for bytes received some other way. Not copied.
     *
     * @param bytes  one or more encoded messages
     * @param offset where the message starts
     * @return a view of it, its length read from its {@code nlmsg_len}
     * @throws MalformedMessageException if {@code bytes} is null, or no whole message starts at {@code offset}
     */
    public static MessageView wrap(byte[] bytes, int offset) {
        if (bytes == null) {
            throw new MalformedMessageException("message view: bytes must not be null");
        }
        if (offset < 0 || offset > bytes.length) {
            throw new MalformedMessageException("message view: offset " + offset + " is outside the " + bytes.length
                    + " bytes");
        }
        int left = bytes.length - offset;
        Message.checkHeaderRoom(offset, left);
        int length = Message.checkLength((int) INT.get(bytes, offset), offset, left);
        return new MessageView().at(bytes, offset, length);
    }

    /** Points the view at the message of {@code length} bytes (header included) at {@code offset} of {@code bytes}. */
    MessageView at(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** @return {@code nlmsg_len}: the message's length in bytes, its 16-byte header included */
    public int length() {
        return length;
    }

    /** @return {@code nlmsg_type} */
    public int type() {
        return (short) SHORT.get(bytes, offset + 4) & 0xFFFF;
    }

    /** @return {@code nlmsg_flags} */
    public int flags() {
        return (short) SHORT.get(bytes, offset + 6) & 0xFFFF;
    }

    /** @return {@code nlmsg_seq} */
    public int sequence() {
        return (int) INT.get(bytes, offset + 8);
    }

    /** @return {@code nlmsg_pid}: the sender's port ID, 0 for the kernel */
    public int pid() {
        return (int) INT.get(bytes, offset + 12);
    }

    /**
     * @param flags one or more {@link HeaderFlags} bits
     * @return whether all of them are set
     */
    public boolean has(int flags) {
        return (flags() & flags) == flags;
    }

    /** @return the header as a {@link Header}, a new object */
    public Header header() {
        return new Header(length, type(), flags(), sequence(), pid());
    }

    /** @return the payload's length in bytes, without the alignment padding after it */
    public int payloadLength() {
        return length - Header.SIZE;
    }

    /**
     * The array the payload is in, for decoders that read it in place with {@link #payloadOffset()}. It is the
     * connection's receive array: read only, and only during the callback; it holds other messages too.
     *
     * @return the array, not a copy
     */
    public byte[] array() {
        return bytes;
    }

    /** @return where the payload starts in {@link #array()} */
    public int payloadOffset() {
        return offset + Header.SIZE;
    }

    /**
     * @param at a byte offset into the payload
     * @return the unsigned byte there
     * @throws MalformedMessageException if the payload is shorter
     */
    public int u8(int at) {
        check(at, 1);
        return bytes[offset + Header.SIZE + at] & 0xFF;
    }

    /**
     * @param at a byte offset into the payload
     * @return the unsigned 16-bit number there, host byte order
     * @throws MalformedMessageException if the payload is shorter
     */
    public int u16(int at) {
        check(at, 2);
        return (short) SHORT.get(bytes, offset + Header.SIZE + at) & 0xFFFF;
    }

    /**
     * @param at a byte offset into the payload
     * @return the 32-bit number there, host byte order (use {@link Integer#toUnsignedLong} for a u32)
     * @throws MalformedMessageException if the payload is shorter
     */
    public int s32(int at) {
        check(at, 4);
        return (int) INT.get(bytes, offset + Header.SIZE + at);
    }

    /**
     * A decoder over the attributes that follow a fixed header of {@code headerSize} bytes, such as
     * {@code struct rtmsg} (12) or the generic netlink header (4), reading this view's bytes in place.
     *
     * @param headerSize the fixed header's size, 0 or more
     * @return the decoder, valid as long as this view is
     * @throws MalformedMessageException if the payload is shorter than {@code headerSize}
     */
    public AttributeDecoder attributes(int headerSize) {
        if (headerSize < 0 || headerSize > payloadLength()) {
            throw new MalformedMessageException("truncated fixed header: " + payloadLength() + "-byte payload, "
                    + headerSize + " bytes needed");
        }
        int from = offset + Header.SIZE + headerSize;
        return new AttributeDecoder(bytes, from, length - Header.SIZE - headerSize);
    }

    /** @return the payload, copied */
    public byte[] payload() {
        return Arrays.copyOfRange(bytes, offset + Header.SIZE, offset + length);
    }

    /** @return this message as a {@link Message} that stays valid: header and payload copied */
    public Message copy() {
        return new Message(header(), payload());
    }

    private void check(int at, int size) {
        if (at < 0 || at > payloadLength() - size) {
            throw new MalformedMessageException("cannot read " + size + " bytes at payload offset " + at + " of a "
                    + payloadLength() + "-byte payload");
        }
    }

    @Override
    public String toString() {
        return "MessageView[" + header() + ", " + payloadLength() + "-byte payload]";
    }
}
