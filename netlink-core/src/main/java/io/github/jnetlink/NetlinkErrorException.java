package io.github.jnetlink;

import io.github.jnetlink.internal.Errno;

/**
 * The kernel answered a request with an {@code NLMSG_ERROR} message carrying a negative error code.
 * When extended acknowledgements are on ({@link ConnOption#EXTENDED_ACKNOWLEDGE}, or
 * {@link Config#strict()}), the kernel may add a human-readable message and the byte offset, within the
 * request, of the attribute it rejected.
 */
public class NetlinkErrorException extends NetlinkSystemException {

    private static final long serialVersionUID = 1L;

    private final int sequence;
    private final String extendedMessage;
    private final int extendedOffset;

    /**
     * @param operation the operation, such as {@code "execute"} or {@code "receive"}
     * @param errno the positive error number (the kernel sends it negated)
     * @param sequence the sequence number of the request the error answers
     * @param extendedMessage the kernel's extended-ACK text, or {@code ""} when none was sent
     * @param extendedOffset the offset of the offending attribute within the request, or {@code -1}
     */
    public NetlinkErrorException(String operation, int errno, int sequence, String extendedMessage, int extendedOffset) {
        super(operation, errno, message(operation, errno, sequence, extendedMessage, extendedOffset));
        this.sequence = sequence;
        this.extendedMessage = extendedMessage == null ? "" : extendedMessage;
        this.extendedOffset = extendedOffset;
    }

    private static String message(String operation, int errno, int sequence, String ext, int offset) {
        StringBuilder b = new StringBuilder(operation).append(": netlink error ").append(Errno.name(errno))
                .append(" (").append(Errno.describe(errno)).append(") for sequence ").append(Integer.toUnsignedString(sequence));
        if (ext != null && !ext.isEmpty()) {
            b.append(": ").append(ext);
        }
        if (offset >= 0) {
            b.append(" [at offset ").append(offset).append(']');
        }
        return b.toString();
    }

    /**
     * @return the sequence number of the request this error answers
     */
    public int sequence() {
        return sequence;
    }

    /**
     * @return the kernel's extended-ACK message ({@code NLMSGERR_ATTR_MSG}), or {@code ""} when none was sent
     */
    public String extendedMessage() {
        return extendedMessage;
    }

    /**
     * @return the byte offset within the request of the attribute the kernel rejected
     *         ({@code NLMSGERR_ATTR_OFFS}), or {@code -1} when none was sent
     */
    public int extendedOffset() {
        return extendedOffset;
    }
}
