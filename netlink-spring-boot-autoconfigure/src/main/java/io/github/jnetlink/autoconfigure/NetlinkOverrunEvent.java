package io.github.jnetlink.autoconfigure;

import java.io.Serial;
import java.time.Instant;

/**
 * The kernel dropped notifications of a connection because its socket receive buffer was full
 * ({@code ENOBUFS}). What was dropped is unknown: an application that mirrors kernel state should dump
 * again to resynchronise. The receive loop keeps running. Raise
 * {@code netlink.connections.NAME.receive-buffer-size} to make it rarer. With
 * {@code netlink.connections.NAME.listener.concurrency} above 1 it also means that the receive loop dropped
 * notifications because a listener lane's queue ({@code listener.queue-capacity}) was full: published once per such
 * overflow episode, on the receive thread, while the lanes may still deliver notifications received before it. A
 * listener of the supertype
 * {@link NetlinkResyncEvent} also sees the losses of a receive loop's recovery.
 */
public final class NetlinkOverrunEvent extends NetlinkResyncEvent {

    @Serial
    private static final long serialVersionUID = 2L;

    private final long overruns;

    /**
     * @param connection the connection name
     * @param overruns   how many overruns this connection has seen so far, this one included
     * @param occurredAt when the receive loop saw it
     * @throws io.github.jnetlink.NetlinkArgumentException when {@code connection} or {@code occurredAt} is null
     */
    public NetlinkOverrunEvent(String connection, long overruns, Instant occurredAt) {
        super(connection, occurredAt);
        this.overruns = overruns;
    }

    /** @return the number of overruns of this connection so far, this one included */
    public long overruns() {
        return overruns;
    }

    @Override
    public String toString() {
        return "NetlinkOverrunEvent[connection=" + connection() + ", overruns=" + overruns + "]";
    }
}
