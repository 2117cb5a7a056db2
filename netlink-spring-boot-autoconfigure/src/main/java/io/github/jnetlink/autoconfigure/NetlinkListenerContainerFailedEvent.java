package io.github.jnetlink.autoconfigure;

import java.io.Serial;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.ApplicationEvent;

/**
 * The receive loop of a connection failed and is not receiving: its socket broke (a non-transient receive error such
 * as {@code EBADF} or {@code ENOTSOCK}, the same kind of error repeating without a successful receive in between, or
 * the socket closed by someone other than the loop), or a re-dial after that failed. The loop has closed its socket
 * and dials a new one after {@link #nextRetry()}; the wait doubles with each attempt up to a bound, and starts again
 * from the initial one after a successful receive. One event is published per attempt, on the receive thread
 * ({@code netlink-receive-NAME}); a {@link NetlinkListenerContainerRecoveredEvent} follows when a re-dial succeeds.
 */
public final class NetlinkListenerContainerFailedEvent extends ApplicationEvent {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String connection;
    private final RuntimeException exception;
    private final int attempt;
    private final Duration nextRetry;
    private final Instant occurredAt;

    /**
     * @param connection the connection name
     * @param exception  what failed: the receive error for attempt 1, the re-dial's error after that
     * @param attempt    1 for the failure of the receive, then 2, 3, ... for each failed re-dial of this outage
     * @param nextRetry  how long the loop waits before it dials again
     * @param occurredAt when the loop saw the failure
     * @throws io.github.jnetlink.NetlinkArgumentException when an object argument is null
     */
    public NetlinkListenerContainerFailedEvent(String connection, RuntimeException exception, int attempt, Duration nextRetry,
            Instant occurredAt) {
        super(NetlinkResyncEvent.requireArgument(connection, "connection"));
        this.connection = connection;
        this.exception = NetlinkResyncEvent.requireArgument(exception, "exception");
        this.attempt = attempt;
        this.nextRetry = NetlinkResyncEvent.requireArgument(nextRetry, "nextRetry");
        this.occurredAt = NetlinkResyncEvent.requireArgument(occurredAt, "occurredAt");
    }

    /** @return the connection name */
    public String connection() {
        return connection;
    }

    /**
     * @return what failed: for attempt 1 the receive error (often a {@link io.github.jnetlink.NetlinkSystemException}
     *         with {@code errnoName()} {@code EBADF}), for later attempts why the re-dial failed (a
     *         {@link NetlinkStartupException} naming the property involved)
     */
    public RuntimeException exception() {
        return exception;
    }

    /** @return the attempt of this outage: 1 for the receive failure, then one more for each failed re-dial */
    public int attempt() {
        return attempt;
    }

    /** @return how long the loop waits before it dials a new socket */
    public Duration nextRetry() {
        return nextRetry;
    }

    /** @return when the loop saw the failure */
    public Instant occurredAt() {
        return occurredAt;
    }

    @Override
    public String toString() {
        return "NetlinkListenerContainerFailedEvent[connection=" + connection + ", attempt=" + attempt + ", nextRetry="
                + nextRetry.toMillis() + " ms, exception=" + exception + "]";
    }
}
