package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Conn;

/**
 * Callback that customizes the sockets of the {@code netlink.connections.*} entries right after they are
 * dialled: the {@link Conn} bean of each connection ({@link Socket#BEAN}) and the socket of its receive loop
 * ({@link Socket#RECEIVE_LOOP}), including every socket the loop dials anew after a failure or a resume. Typical
 * uses are {@link Conn#setBpf(java.util.List)} with a filter from {@code io.github.jnetlink.bpf.NetlinkFilters}
 * and {@link Conn#setOption(io.github.jnetlink.ConnOption, boolean)}.
 *
 * <p>Every bean of this type is applied, in {@link org.springframework.core.annotation.Order @Order} /
 * {@link org.springframework.core.Ordered} order, after the properties' options are set and before the loop's
 * socket joins its groups, so a filter attached here already applies to the first notification. A customizer
 * that throws fails the dial: at startup with a {@link NetlinkStartupException} naming the connection, for a
 * loop's re-dial as a failed attempt, retried under the loop's backoff.
 */
@FunctionalInterface
public interface NetlinkConnectionCustomizer {

    /** Which socket of a connection is being customized. */
    enum Socket {
        /** The connection's {@link Conn} bean, for requests; joined to no group. */
        BEAN,
        /** A socket of the connection's receive loop, about to join the configured groups. */
        RECEIVE_LOOP
    }

    /**
     * Customizes a freshly dialled socket.
     *
     * @param connectionName the {@code NAME} of {@code netlink.connections.NAME}
     * @param conn           the open socket; closed by its owner, never by the customizer
     * @param socket         whether {@code conn} is the connection's bean or a receive loop's socket
     */
    void customize(String connectionName, Conn conn, Socket socket);
}
