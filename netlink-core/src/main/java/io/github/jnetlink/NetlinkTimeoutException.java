package io.github.jnetlink;

/**
 * A read or write deadline set on a {@link Conn} passed before the operation could complete. The
 * connection stays usable; set a new deadline (or none) and retry.
 */
public class NetlinkTimeoutException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param operation the operation that timed out
     */
    public NetlinkTimeoutException(String operation) {
        super(operation, "deadline exceeded", null);
    }

    /**
     * @param operation the operation that was under way, such as the name given to {@link Conn#execute(Message, String)}
     * @param cause     the same failure as the transport reported it
     */
    public NetlinkTimeoutException(String operation, Throwable cause) {
        super(operation, "deadline exceeded", cause);
    }
}
