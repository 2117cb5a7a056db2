package io.github.jnetlink.autoconfigure;

import java.io.Serial;
import java.time.Duration;
import java.time.Instant;

/**
 * The receive loop of a connection has a working socket again after a failure, and notifications of the gap were
 * lost: dump again to resynchronise. Published on the receive thread right after the
 * {@link NetlinkListenerContainerRecoveredEvent} of the same recovery, and before any notification of the new
 * socket. Listen for the supertype {@link NetlinkResyncEvent} to handle this and overruns alike.
 */
public final class NetlinkRecoveryResyncEvent extends NetlinkResyncEvent {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Duration downtime;

    /**
     * @param connection the connection name
     * @param downtime   how long the loop had no socket: from the failure to the re-joined new socket
     * @param occurredAt when the loop recovered
     * @throws io.github.jnetlink.NetlinkArgumentException when an argument is null
     */
    public NetlinkRecoveryResyncEvent(String connection, Duration downtime, Instant occurredAt) {
        super(connection, occurredAt);
        this.downtime = requireArgument(downtime, "downtime");
    }

    /** @return how long notifications went unreceived, from the failure to the re-joined new socket */
    public Duration downtime() {
        return downtime;
    }

    @Override
    public String toString() {
        return "NetlinkRecoveryResyncEvent[connection=" + connection() + ", downtime=" + downtime.toMillis() + " ms]";
    }
}
