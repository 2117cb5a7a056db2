package io.github.jnetlink.autoconfigure;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The {@code netlink.listener} observation of one {@link NetlinkListener} method: one per call of the method, with
 * the low-cardinality keys {@code connection}, {@code listener} (the listener id, as in {@code netlink.listener.errors})
 * and {@code outcome} ({@code success} or {@code error}). An {@code ObservationRegistry} bridged to a
 * {@code MeterRegistry} makes it a {@code netlink.listener} timer; a tracing handler makes it a span, current while
 * the method runs.
 *
 * <p>Only this class touches Micrometer Observation, and {@link NetlinkListenerFactory} loads it only when Micrometer
 * Observation is on the class path, so the listeners work without it. When the application has no
 * {@code ObservationRegistry}, or a no-op one, there is no instance and the listener calls its method directly: no
 * observation, no cost. Otherwise every key value but the connection of an any-connection
 * listener is made once, here, and an event costs what the {@code Observation} itself allocates.
 */
final class NetlinkListenerObservation {

    /** The observation name, and so the timer's. */
    static final String NAME = "netlink.listener";

    private static final KeyValue SUCCESS = KeyValue.of("outcome", "success");
    private static final KeyValue ERROR = KeyValue.of("outcome", "error");

    private final ObservationRegistry registry;
    private final KeyValue listener;
    private final String contextualName;
    /** The connection key of a listener bound to one connection; null for a listener of every connection. */
    private final KeyValue connection;
    /** The connection keys of a listener of every connection, one per configured connection at most. */
    private final ConcurrentHashMap<String, KeyValue> connections = new ConcurrentHashMap<>();

    private NetlinkListenerObservation(ObservationRegistry registry, String connection, String listener) {
        this.registry = registry;
        this.listener = KeyValue.of("listener", listener);
        this.contextualName = "netlink listener " + listener;
        this.connection = connection.isEmpty() ? null : KeyValue.of("connection", connection);
    }

    /**
     * The registry to observe listeners with, resolved once by {@link NetlinkListenerFactory}, and only when
     * Micrometer Observation is on the class path.
     *
     * @return the application's {@code ObservationRegistry} as an opaque handle, or null when there is none or it is
     *         a no-op
     */
    static Object registry(BeanFactory beanFactory) {
        if (!(beanFactory instanceof ListableBeanFactory f)) {
            return null;
        }
        ObservationRegistry registry = f.getBeanProvider(ObservationRegistry.class).getIfUnique();
        return registry == null || registry.isNoop() ? null : registry;
    }

    /**
     * @param registry   what {@link #registry} returned, not null
     * @param connection the listener's {@code connection}, empty for every connection
     * @param listener   the listener id
     * @return the listener's observation
     */
    static NetlinkListenerObservation of(Object registry, String connection, String listener) {
        return new NetlinkListenerObservation((ObservationRegistry) registry, connection, listener);
    }

    /** Calls the listener method in an observation; what the method throws is recorded and thrown on. */
    void observe(String eventConnection, NetlinkListenerMethodAdapter adapter, Object argument) {
        KeyValue c = connection != null ? connection
                : connections.computeIfAbsent(eventConnection, n -> KeyValue.of("connection", n));
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName(contextualName)
                .lowCardinalityKeyValue(c)
                .lowCardinalityKeyValue(listener);
        observation.start();
        KeyValue outcome = ERROR;
        try (Observation.Scope scope = observation.openScope()) {
            adapter.invokeAndHandle(argument);
            outcome = SUCCESS;
        } catch (RuntimeException e) {
            observation.error(e);
            throw e;
        } finally {
            observation.lowCardinalityKeyValue(outcome).stop();
        }
    }
}
