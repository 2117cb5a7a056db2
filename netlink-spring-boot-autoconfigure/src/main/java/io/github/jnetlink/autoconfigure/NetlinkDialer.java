package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;

/**
 * Opens the sockets of the {@code netlink.connections.*} entries: each connection's {@code Conn} bean, each receive
 * loop's socket, and the short-lived socket that looks up generic netlink groups. {@link #KERNEL} (the default) opens
 * real {@code AF_NETLINK} sockets with {@link Conn#dial(int, Config)}.
 *
 * <p>A bean of this type replaces it. The test support of {@code netlink-spring-boot-test}
 * ({@code @AutoConfigureNetlinkFake}) declares one that dials an in-memory kernel instead, so that receive loops,
 * filters, typed decoding, metrics and health run as in production without root, on any operating system.
 */
@FunctionalInterface
public interface NetlinkDialer {

    /** Real sockets: {@link Conn#dial(int, Config)}. */
    NetlinkDialer KERNEL = (connection, protocol, config) -> Conn.dial(protocol, config);

    /**
     * Opens one socket.
     *
     * @param connection the connection name, {@code NAME} of {@code netlink.connections.NAME}
     * @param protocol   its netlink protocol
     * @param config     the configuration built from its properties: namespace, buffers, strict checking, observer
     * @return the open connection, which the caller owns
     * @throws io.github.jnetlink.NetlinkException when the socket cannot be opened
     */
    Conn dial(String connection, int protocol, Config config);
}
