package io.github.jnetlink;

/**
 * The thread waiting in a {@link Conn} operation was interrupted ({@link Thread#interrupt()}). The wait ends
 * within 100 ms of the interrupt; the thread's interrupt status stays set, and the connection stays open
 * and usable.
 */
public class NetlinkInterruptedException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param operation the operation that was waiting
     */
    public NetlinkInterruptedException(String operation) {
        super(operation, "interrupted while waiting", null);
    }

    /**
     * @param operation the operation that was under way, such as the name given to {@link Conn#execute(Message, String)}
     * @param cause     the same failure as the transport reported it
     */
    public NetlinkInterruptedException(String operation, Throwable cause) {
        super(operation, "interrupted while waiting", cause);
    }
}
