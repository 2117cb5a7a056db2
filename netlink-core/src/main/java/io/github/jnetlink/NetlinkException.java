package io.github.jnetlink;

/**
 * Root of every exception jnetlink throws. Unchecked: netlink failures are rarely recoverable at the
 * call site, and callers that can recover (an overrun, an interrupted dump, a timeout) catch the
 * specific subclass.
 *
 * <p>What failed is kept as data, not only as text: {@link #operation()} names the operation (such as
 * {@code "execute"}, {@code "receive"}, {@code "list links"} or {@code "setsockopt(SO_RCVBUFFORCE)"}), and
 * subclasses add their own fields (the errno, the kernel's extended ACK, the sequence number). The message is
 * built from them.
 */
public class NetlinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;

    /**
     * @param message what went wrong, naming the operation; {@link #operation()} is then empty
     */
    public NetlinkException(String message) {
        super(message);
        this.operation = "";
    }

    /**
     * @param message what went wrong, naming the operation; {@link #operation()} is then empty
     * @param cause the underlying failure
     */
    public NetlinkException(String message, Throwable cause) {
        super(message, cause);
        this.operation = "";
    }

    /**
     * @param operation the operation that failed, such as {@code "execute"}; the message starts with it
     * @param detail    what went wrong
     * @param cause     the underlying failure, or null
     */
    protected NetlinkException(String operation, String detail, Throwable cause) {
        super((operation == null || operation.isEmpty() ? "" : operation + ": ") + detail, cause);
        this.operation = operation == null ? "" : operation;
    }

    /**
     * @return the operation that failed, such as {@code "execute"}, {@code "receive"} or the name a service gave
     *         its request ({@code "list links"}); empty when the exception was made from a message alone
     */
    public String operation() {
        return operation;
    }
}
