package io.github.jnetlink.autoconfigure;

import java.io.Serial;
import java.time.Duration;
import java.time.Instant;

/**
 * A paused receive loop was resumed ({@link NetlinkListenerContainer#resume()}) on a new socket, and the notifications
 * sent while it was paused were lost (the kernel keeps nothing for a closed socket): dump again to resynchronise.
 * Published on the receive thread before any notification of the new socket. Unlike a
 * {@link NetlinkRecoveryResyncEvent}, nothing failed: the application asked for the gap. Listen for the supertype
 * {@link NetlinkResyncEvent} to handle every cause alike.
 */
public final class NetlinkResumeResyncEvent extends NetlinkResyncEvent {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Duration pausedFor;

    /**
     * @param connection the connection name
     * @param pausedFor  how long the loop was paused: from the closed socket to the re-joined new one
     * @param occurredAt when the loop resumed
     * @throws io.github.jnetlink.NetlinkArgumentException when an argument is null
     */
    public NetlinkResumeResyncEvent(String connection, Duration pausedFor, Instant occurredAt) {
        super(connection, occurredAt);
        this.pausedFor = requireArgument(pausedFor, "pausedFor");
    }

    /** @return how long notifications went unreceived, from the pause to the re-joined new socket */
    public Duration pausedFor() {
        return pausedFor;
    }

    @Override
    public String toString() {
        return "NetlinkResumeResyncEvent[connection=" + connection() + ", pausedFor=" + pausedFor.toMillis() + " ms]";
    }
}
