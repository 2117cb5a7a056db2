package io.github.jnetlink;

import io.github.jnetlink.internal.Errno;

/**
 * The kernel answered a request with an {@code NLMSG_ERROR} message carrying a negative error code (or ended a
 * dump with an error in {@code NLMSG_DONE}). When extended acknowledgements are on
 * ({@link ConnOption#EXTENDED_ACKNOWLEDGE}, or {@link Config#strict()}), the kernel may add a human-readable
 * message, the offset within the request of the attribute it rejected, and more: see {@link #extendedAck()}.
 */
public class NetlinkErrorException extends NetlinkSystemException {

    private static final long serialVersionUID = 1L;

    private final int sequence;
    private final transient ExtendedAck extendedAck;

    /**
     * @param operation   the operation, such as {@code "execute"} or {@code "list links"}
     * @param errno       the positive error number (the kernel sends it negated)
     * @param sequence    the sequence number of the request the error answers
     * @param extendedAck what the kernel added, {@link ExtendedAck#NONE} (or null) for nothing
     */
    public NetlinkErrorException(String operation, int errno, int sequence, ExtendedAck extendedAck) {
        super(operation, errno, detail(errno, sequence, extendedAck), null);
        this.sequence = sequence;
        this.extendedAck = extendedAck == null ? ExtendedAck.NONE : extendedAck;
    }

    /**
     * @param operation       the operation
     * @param errno           the positive error number
     * @param sequence        the sequence number of the request the error answers
     * @param extendedMessage the kernel's extended-ACK text, or {@code ""} when none was sent
     * @param extendedOffset  the offset of the offending attribute within the request, or {@code -1}
     */
    public NetlinkErrorException(String operation, int errno, int sequence, String extendedMessage, int extendedOffset) {
        this(operation, errno, sequence, new ExtendedAck(extendedMessage, extendedOffset, -1, -1, null, null));
    }

    private static String detail(int errno, int sequence, ExtendedAck ack) {
        StringBuilder b = new StringBuilder("netlink error ").append(Errno.name(errno))
                .append(" (").append(Errno.describe(errno)).append(") for sequence ").append(Integer.toUnsignedString(sequence));
        if (ack != null && !ack.isEmpty()) {
            b.append(ack.message().isEmpty() ? " " : ": ").append(ack);
        }
        return b.toString();
    }

    /**
     * @return the sequence number of the request this error answers
     */
    public int sequence() {
        return sequence;
    }

    /** @return everything the kernel added to the error, {@link ExtendedAck#NONE} when nothing */
    public ExtendedAck extendedAck() {
        return extendedAck == null ? ExtendedAck.NONE : extendedAck;
    }

    /**
     * @return the kernel's extended-ACK message ({@code NLMSGERR_ATTR_MSG}), or {@code ""} when none was sent
     */
    public String extendedMessage() {
        return extendedAck().message();
    }

    /**
     * @return the byte offset within the request of the attribute the kernel rejected
     *         ({@code NLMSGERR_ATTR_OFFS}), or {@code -1} when none was sent
     */
    public int extendedOffset() {
        return extendedAck().offset();
    }
}
