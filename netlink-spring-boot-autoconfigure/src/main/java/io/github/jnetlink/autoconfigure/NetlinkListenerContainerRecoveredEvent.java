package io.github.jnetlink.autoconfigure;

import java.io.Serial;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.ApplicationEvent;

/**
 * The receive loop of a connection is receiving again after a {@link NetlinkListenerContainerFailedEvent}: a new
 * socket is open and joined to the groups. Published on the receive thread ({@code netlink-receive-NAME}), then
 * followed by a {@link NetlinkRecoveryResyncEvent}, since notifications of the gap were lost.
 */
public final class NetlinkListenerContainerRecoveredEvent extends ApplicationEvent {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String connection;
    private final Duration downtime;
    private final int attempts;
    private final Instant occurredAt;

    /**
     * @param connection the connection name
     * @param downtime   how long the loop had no socket: from the failure to the re-joined new socket
     * @param attempts   the attempts of this outage, the failed receive included (so at least 1)
     * @param occurredAt when the loop recovered
     * @throws io.github.jnetlink.NetlinkArgumentException when an object argument is null
     */
    public NetlinkListenerContainerRecoveredEvent(String connection, Duration downtime, int attempts, Instant occurredAt) {
        super(NetlinkResyncEvent.requireArgument(connection, "connection"));
        this.connection = connection;
        this.downtime = NetlinkResyncEvent.requireArgument(downtime, "downtime");
        this.attempts = attempts;
        this.occurredAt = NetlinkResyncEvent.requireArgument(occurredAt, "occurredAt");
    }

    /** @return the connection name */
    public String connection() {
        return connection;
    }

    /** @return how long the loop had no socket, from the failure to the re-joined new socket */
    public Duration downtime() {
        return downtime;
    }

    /** @return the attempts of this outage, the failed receive included: the number of failed events before this one */
    public int attempts() {
        return attempts;
    }

    /** @return when the loop recovered */
    public Instant occurredAt() {
        return occurredAt;
    }

    @Override
    public String toString() {
        return "NetlinkListenerContainerRecoveredEvent[connection=" + connection + ", downtime=" + downtime.toMillis()
                + " ms, attempts=" + attempts + "]";
    }
}
