package io.github.jnetlink.autoconfigure;

import java.io.Serial;
import java.time.Instant;
import org.springframework.context.ApplicationEvent;

/**
 * The kernel dropped notifications of a connection because its socket receive buffer was full
 * ({@code ENOBUFS}). What was dropped is unknown: an application that mirrors kernel state should dump
 * again to resynchronise. The receive loop keeps running. Raise
 * {@code netlink.connections.NAME.receive-buffer-size} to make it rarer.
 */
public final class NetlinkOverrunEvent extends ApplicationEvent {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String connection;
    private final long overruns;
    private final Instant occurredAt;

    /**
     * @param connection the connection name
     * @param overruns   how many overruns this connection has seen so far, this one included
     * @param occurredAt when the receive loop saw it
     */
    public NetlinkOverrunEvent(String connection, long overruns, Instant occurredAt) {
        super(connection);
        this.connection = connection;
        this.overruns = overruns;
        this.occurredAt = occurredAt;
    }

    /** @return the connection name */
    public String connection() {
        return connection;
    }

    /** @return the number of overruns of this connection so far, this one included */
    public long overruns() {
        return overruns;
    }

    /** @return when the receive loop saw the overrun */
    public Instant occurredAt() {
        return occurredAt;
    }

    @Override
    public String toString() {
        return "NetlinkOverrunEvent[connection=" + connection + ", overruns=" + overruns + "]";
    }
}
