package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.ConnObserver;
import java.util.Map;

/**
 * Where the auto-configuration reports what passes through the connections; Micrometer-backed when a
 * {@code MeterRegistry} exists ({@link NetlinkMetricsAutoConfiguration}), otherwise {@link #NONE}.
 */
interface NetlinkMetrics {

    /** Counts nothing. */
    NetlinkMetrics NONE = new NetlinkMetrics() {
        @Override
        public ConnObserver observer(String connection, int protocol, Map<Integer, String> groups) {
            return ConnObserver.NONE;
        }

        @Override
        public void listenerCreated(String connection, String listener) {
        }

        @Override
        public void listenerError(String connection, String listener) {
        }
    };

    /**
     * @param connection the connection name
     * @param protocol   its netlink protocol, to name message types
     * @param groups     the joined groups' configured names by number, to name the {@code group} tag; empty for a
     *                   socket that joins none
     * @return the observer for that connection's sockets: sent/received messages, executes, overruns; its counters
     *         exist, at zero, once it is created (when the connection is dialed), not at their first count
     */
    ConnObserver observer(String connection, int protocol, Map<Integer, String> groups);

    /**
     * A listener method was created for a connection: its error count exists, at zero, from startup on, so that a
     * dashboard or alert sees the listener before its first failure.
     *
     * @param connection the connection name
     * @param listener   the listener id
     */
    void listenerCreated(String connection, String listener);

    /**
     * A listener method threw or its argument could not be decoded.
     *
     * @param connection the connection name
     * @param listener   the listener id
     */
    void listenerError(String connection, String listener);
}
