package io.github.jnetlink;

/**
 * Callbacks a {@link Conn} makes as traffic passes, for metrics and tracing (the Spring Boot starter
 * feeds Micrometer meters from them). Set with {@link Config#withObserver(ConnObserver)}.
 *
 * <p>Called on the thread doing the operation, inline: implementations must be fast, thread-safe and
 * must not throw (an exception from an observer is propagated to the caller of the operation).
 */
public interface ConnObserver {

    /** An observer that does nothing. */
    ConnObserver NONE = new ConnObserver() {
    };

    /**
     * A message was handed to the kernel.
     *
     * @param message the message as sent
     */
    default void sent(Message message) {
    }

    /**
     * A message arrived from the kernel (before any error in it is thrown).
     *
     * @param message the message
     */
    default void received(Message message) {
    }

    /**
     * A message arrived from the kernel, through a multicast group or as a unicast reply. By default calls
     * {@link #received(Message)}.
     *
     * @param message the message
     * @param group   the multicast group it was sent to (with {@link ConnOption#PACKET_INFO} on, also above 32), or 0
     *                for a unicast message: a reply, an acknowledgement, an error
     */
    default void received(Message message, int group) {
        received(message);
    }

    /**
     * An {@link Conn#execute(Message)} ended.
     *
     * @param request the request as sent, or as given when sending failed
     * @param nanos   how long it took
     * @param failure the exception it ended with, or null on success
     */
    default void executed(Message request, long nanos, RuntimeException failure) {
    }

    /** The kernel reported a receive-buffer overrun (ENOBUFS): messages were dropped. */
    default void overrun() {
    }

    /**
     * A datagram did not fit the userspace receive buffer and arrived truncated; the buffer has grown. Within an
     * execute the reply is asked for again where that is safe; elsewhere it is a loss, like an overrun.
     *
     * @param length the datagram's full length in bytes
     */
    default void truncated(int length) {
    }

    /**
     * {@link Conn#execute(Message)} read a message that answers no request in progress, and dropped it: a
     * reply or acknowledgement to an earlier request whose caller stopped waiting (a timed-out execute, a
     * {@link Conn#send(Message)} whose reply nobody received), or a multicast notification on a connection
     * that also joined groups.
     *
     * @param message the message
     */
    default void discarded(Message message) {
    }

    /**
     * A datagram was dropped because it did not come from the kernel (see {@link Config#trustedPeers()}).
     *
     * @param senderPid the port ID it came from
     */
    default void rejected(int senderPid) {
    }
}
