package io.github.jnetlink;

/**
 * A datagram did not fit the buffer it was received into, and the kernel cut it ({@code MSG_TRUNC}): its end is
 * lost, as with an overrun. {@link Conn} grows its buffer at once, so the next datagram of that size fits.
 *
 * <p>{@link Conn#execute(Message)} never throws this for a reply it can ask for again: it repeats a dump or a query
 * with the larger buffer and returns the complete answer. It is thrown where the datagram cannot be had again: a
 * multicast notification received by {@link Conn#receive()} or {@link Conn#receiveDatagram()} (a listener or a
 * mirror must then resynchronise, exactly as after {@link NetlinkOverrunException}), a reply to a request that may
 * have changed something, or a dump that was cut after part of it reached the consumer of
 * {@link Conn#execute(Message, java.util.function.Consumer)}.
 */
public class NetlinkTruncatedException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    private final int length;
    private final int bufferSize;

    /**
     * @param operation  the operation that received the datagram
     * @param length     the datagram's full length in bytes
     * @param bufferSize the size of the buffer that received it, before it grew
     * @param detail     what happens now, or null
     */
    public NetlinkTruncatedException(String operation, int length, int bufferSize, String detail) {
        super(operation, "a datagram of " + Integer.toUnsignedString(length) + " bytes did not fit the " + bufferSize
                + "-byte receive buffer and was truncated; its end is lost" + (detail == null ? "" : ": " + detail), null);
        this.length = length;
        this.bufferSize = bufferSize;
    }

    /** @return the datagram's full length in bytes */
    public int length() {
        return length;
    }

    /** @return the size of the buffer it was received into */
    public int bufferSize() {
        return bufferSize;
    }
}
