package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Message;
import java.io.Serial;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

/**
 * A multicast notification from the kernel, published by a connection's receive loop. Routed to
 * {@link NetlinkListener} methods, and to any plain {@code @EventListener} of this type.
 *
 * <p>The typed form of the message ({@code LinkMessage}, {@code AddressMessage}, ...) is decoded at most
 * once per event, on first use, however many listeners ask for it.
 */
public final class NetlinkMessageEvent extends ApplicationEvent {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final Object UNDECODED = new Object();

    private final String connection;
    private final int protocol;
    private final int group;
    private final String groupName;
    private final transient Message message;
    private final Instant receivedAt;
    private transient Object decoded = UNDECODED;

    /**
     * @param connection the connection name, as in {@code netlink.connections.NAME}
     * @param protocol   the netlink protocol of the connection
     * @param group      the multicast group number, 0 when the kernel did not say
     * @param groupName  the group's configured name ({@code link}, {@code nlctrl/notify}) or its number
     * @param message    the message
     * @param receivedAt when the receive loop got it
     */
    public NetlinkMessageEvent(String connection, int protocol, int group, String groupName, Message message, Instant receivedAt) {
        super(connection);
        this.connection = connection;
        this.protocol = protocol;
        this.group = group;
        this.groupName = groupName;
        this.message = message;
        this.receivedAt = receivedAt;
    }

    /** @return the connection name */
    public String connection() {
        return connection;
    }

    /** @return the netlink protocol of the connection, such as {@code Protocol.ROUTE} */
    public int protocol() {
        return protocol;
    }

    /** @return the multicast group number the kernel delivered it through, 0 when unknown (groups above 32) */
    public int group() {
        return group;
    }

    /** @return the group's name as configured ({@code link}), or its number as text */
    public String groupName() {
        return groupName;
    }

    /** @return the raw message */
    public Message message() {
        return message;
    }

    /** @return the message type, such as {@code RTM_NEWLINK} */
    public int type() {
        return message.header().type();
    }

    /** @return when the receive loop received it */
    public Instant receivedAt() {
        return receivedAt;
    }

    /**
     * The typed record of an rtnetlink message ({@code LinkMessage}, {@code AddressMessage},
     * {@code RouteMessage}, {@code NeighborMessage} (bridge FDB entries included), {@code RuleMessage},
     * {@code NexthopMessage}, {@code NsidMessage}, {@code BridgeVlanMessage}, {@code LinkStatsMessage}), decoded
     * once and cached.
     *
     * @return the record, or null when the message has no typed form
     * @throws io.github.jnetlink.MalformedMessageException when the message is corrupt (every call)
     */
    public @Nullable Object decoded() {
        Object d = decoded;
        if (d == UNDECODED) {
            try {
                d = TypedMessages.decode(protocol, message);
            } catch (RuntimeException e) {
                d = e;
            }
            decoded = d;
        }
        if (d instanceof RuntimeException e) {
            throw e;
        }
        return d;
    }

    @Override
    public String toString() {
        return "NetlinkMessageEvent[connection=" + connection + ", group=" + groupName + ", " + message.header() + "]";
    }
}
