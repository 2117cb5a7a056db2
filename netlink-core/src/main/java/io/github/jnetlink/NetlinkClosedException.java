package io.github.jnetlink;

/**
 * The {@link Conn} was closed, before or during the operation. A thread blocked in
 * {@link Conn#receive()} gets this when another thread closes the connection.
 */
public class NetlinkClosedException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param operation the operation that found the connection closed
     */
    public NetlinkClosedException(String operation) {
        super(operation, "connection closed", null);
    }

    /**
     * @param operation the operation that was under way, such as the name given to {@link Conn#execute(Message, String)}
     * @param cause     the same failure as the transport reported it
     */
    public NetlinkClosedException(String operation, Throwable cause) {
        super(operation, "connection closed", cause);
    }
}
