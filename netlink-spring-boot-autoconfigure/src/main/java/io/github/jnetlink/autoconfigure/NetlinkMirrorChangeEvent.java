package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.route.RouteMirrorChange;
import java.io.Serial;
import org.springframework.context.ApplicationEvent;

/**
 * A change to the {@code RouteMirror} of a connection with {@code netlink.connections.NAME.mirror.enabled=true}:
 * published for every link, address, route or neighbour the mirror adds, changes or removes, whether a notification
 * said so or a resync after lost notifications found it ({@link RouteMirrorChange#resync()}). Taken by
 * {@link NetlinkListener} methods with a {@link RouteMirrorChange} parameter (or one of its records), and by any plain
 * {@code @EventListener} of this type.
 *
 * <p>Published in the mirror's order, on the receive thread for notifications and on the mirror's
 * {@code route-mirror} thread for resyncs, never both at once.
 */
public final class NetlinkMirrorChangeEvent extends ApplicationEvent {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String connection;
    private final transient RouteMirrorChange change;

    /**
     * @param connection the connection name
     * @param change     the change
     */
    public NetlinkMirrorChangeEvent(String connection, RouteMirrorChange change) {
        super(connection);
        this.connection = connection;
        this.change = change;
    }

    /** @return the connection name, {@code NAME} of {@code netlink.connections.NAME} */
    public String connection() {
        return connection;
    }

    /** @return the change */
    public RouteMirrorChange change() {
        return change;
    }

    @Override
    public String toString() {
        return "NetlinkMirrorChangeEvent[connection=" + connection + ", " + change + "]";
    }
}
