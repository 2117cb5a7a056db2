package io.github.jnetlink;

/**
 * An argument passed to jnetlink was not valid: a {@code null} where a value is needed, a number that
 * does not fit the kernel's field (a 16-bit message type, an 8-bit generic netlink command), a negative
 * buffer size. Thrown at the public boundary, before anything reaches the kernel, with a message naming
 * the argument and the value. The kernel's own refusals of well-formed requests are
 * {@link NetlinkErrorException}s instead.
 */
public final class NetlinkArgumentException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which argument was wrong, and why
     */
    public NetlinkArgumentException(String message) {
        super(message);
    }

    /**
     * @param message which argument was wrong, and why
     * @param cause the complaint of a lower layer, such as the attribute encoder
     */
    public NetlinkArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
