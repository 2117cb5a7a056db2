package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.NetlinkArgumentException;
import java.io.Serial;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

/**
 * Notifications of a connection were lost and what they said is unknown: an application that mirrors kernel state
 * (links, addresses, routes, neighbours) should dump again to resynchronise. A listener of this type sees every such
 * moment, whatever its cause:
 * <ul>
 *   <li>{@link NetlinkOverrunEvent}: the kernel dropped notifications because the socket receive buffer was full
 *       ({@code ENOBUFS}); the socket is the same and receiving goes on.</li>
 *   <li>{@link NetlinkRecoveryResyncEvent}: the receive loop's socket failed and a new one was dialed and joined to
 *       the groups; every notification between the failure and the re-join was missed.</li>
 *   <li>{@link NetlinkResumeResyncEvent}: the application paused the receive loop and resumed it on a new socket;
 *       every notification sent while it was paused was missed.</li>
 * </ul>
 * All are published on the connection's receive thread ({@code netlink-receive-NAME}) before any notification
 * received after the loss, so a dump started from the listener sees a state no older than what follows.
 */
public abstract sealed class NetlinkResyncEvent extends ApplicationEvent permits NetlinkOverrunEvent, NetlinkRecoveryResyncEvent,
        NetlinkResumeResyncEvent {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String connection;
    private final Instant occurredAt;

    NetlinkResyncEvent(String connection, Instant occurredAt) {
        super(requireArgument(connection, "connection"));
        this.connection = connection;
        this.occurredAt = requireArgument(occurredAt, "occurredAt");
    }

    static <T> T requireArgument(@Nullable T value, String name) {
        if (value == null) {
            throw new NetlinkArgumentException(name + " is null");
        }
        return value;
    }

    /** @return the connection name */
    public final String connection() {
        return connection;
    }

    /** @return when the receive loop saw the loss */
    public final Instant occurredAt() {
        return occurredAt;
    }
}
