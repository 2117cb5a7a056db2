package io.github.jnetlink;

/**
 * Root of every exception jnetlink throws. Unchecked: netlink failures are rarely recoverable at the
 * call site, and callers that can recover (an overrun, an interrupted dump, a timeout) catch the
 * specific subclass.
 */
public class NetlinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the operation
     */
    public NetlinkException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the operation
     * @param cause the underlying failure
     */
    public NetlinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
