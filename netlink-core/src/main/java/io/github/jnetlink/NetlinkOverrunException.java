package io.github.jnetlink;

/**
 * The socket's receive buffer overflowed and the kernel dropped one or more messages
 * ({@code ENOBUFS} from {@code recvmsg}). The socket stays usable; the messages are gone, so a listener
 * that mirrors kernel state should dump again to resynchronise. Raise the receive buffer
 * ({@link Conn#setReadBuffer(int)}) to make it rarer, or set {@link ConnOption#NO_ENOBUFS} to stop the
 * kernel from reporting it (the loss still happens).
 */
public class NetlinkOverrunException extends NetlinkSystemException {

    private static final long serialVersionUID = 1L;

    /** {@code ENOBUFS} on Linux. */
    static final int ENOBUFS = 105;

    /**
     * @param operation the operation that saw the overrun
     */
    public NetlinkOverrunException(String operation) {
        this(operation, null);
    }

    /**
     * @param operation the operation that was under way, such as the name given to {@link Conn#execute(Message, String)}
     * @param cause     the same failure as the transport reported it, or null
     */
    public NetlinkOverrunException(String operation, Throwable cause) {
        super(operation, ENOBUFS, "ENOBUFS, receive buffer overrun: the kernel dropped messages", cause);
    }
}
