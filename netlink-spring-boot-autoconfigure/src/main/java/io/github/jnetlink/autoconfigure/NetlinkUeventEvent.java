package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.uevent.Uevent;
import java.io.Serial;
import java.time.Instant;
import org.springframework.context.ApplicationEvent;

/**
 * A kernel uevent received by the receive loop of a connection with {@code protocol: kobject-uevent} and
 * {@code groups: [1]}: a device was added, removed or changed (network interfaces, block devices, USB, ...).
 * Uevents are text, not netlink messages, so they arrive as this event rather than as a
 * {@link NetlinkMessageEvent}; take it with a plain {@code @EventListener}.
 */
public final class NetlinkUeventEvent extends ApplicationEvent {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String connection;
    private final transient Uevent uevent;
    private final Instant receivedAt;

    /**
     * @param connection the connection name
     * @param uevent     the uevent
     * @param receivedAt when the receive loop got it
     */
    public NetlinkUeventEvent(String connection, Uevent uevent, Instant receivedAt) {
        super(connection);
        this.connection = connection;
        this.uevent = uevent;
        this.receivedAt = receivedAt;
    }

    /** @return the connection name */
    public String connection() {
        return connection;
    }

    /** @return the uevent: action, devpath and properties */
    public Uevent uevent() {
        return uevent;
    }

    /** @return when the receive loop got it */
    public Instant receivedAt() {
        return receivedAt;
    }

    @Override
    public String toString() {
        return "NetlinkUeventEvent[connection=" + connection + ", " + uevent.action() + " " + uevent.devpath() + "]";
    }
}
