package io.github.jnetlink;

/**
 * The 16-byte netlink message header, {@code struct nlmsghdr}, in host byte order on the wire.
 *
 * @param length   total length of the message including this header ({@code nlmsg_len}); {@link Conn#send}
 *                 fills it in when 0
 * @param type     message type, unsigned 16 bits ({@code nlmsg_type}): a {@link HeaderType} control type or a
 *                 family-specific type such as {@code RTM_NEWLINK}
 * @param flags    {@link HeaderFlags}, unsigned 16 bits ({@code nlmsg_flags})
 * @param sequence sequence number ({@code nlmsg_seq}); {@link Conn#send} assigns one when 0
 * @param pid      sending port ID ({@code nlmsg_pid}); 0 for messages from the kernel; {@link Conn#send}
 *                 fills in the socket's own when 0
 */
public record Header(int length, int type, int flags, int sequence, int pid) {

    /** Size of {@code struct nlmsghdr} in bytes. */
    public static final int SIZE = 16;

    /**
     * Checks the 16-bit fields.
     *
     * @throws NetlinkArgumentException if {@code type} or {@code flags} do not fit 16 unsigned bits
     */
    public Header {
        if ((type & ~0xFFFF) != 0) {
            throw new NetlinkArgumentException("header type " + type + " does not fit an unsigned 16-bit field");
        }
        if ((flags & ~0xFFFF) != 0) {
            throw new NetlinkArgumentException("header flags 0x" + Integer.toHexString(flags) + " do not fit an unsigned 16-bit field");
        }
    }

    /**
     * A request header: length, sequence and PID left 0 for {@link Conn#send} to fill in.
     *
     * @param type  the message type
     * @param flags the flags, usually including {@link HeaderFlags#REQUEST}
     * @return the header
     */
    public static Header of(int type, int flags) {
        return new Header(0, type, flags, 0, 0);
    }

    /**
     * @param flag one or more {@link HeaderFlags}
     * @return whether all of them are set
     */
    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    @Override
    public String toString() {
        return "Header[length=" + length + ", type=" + HeaderType.toString(type) + ", flags=" + HeaderFlags.toString(flags)
                + ", sequence=" + Integer.toUnsignedString(sequence) + ", pid=" + Integer.toUnsignedString(pid) + "]";
    }
}
