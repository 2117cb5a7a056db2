package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Protocol;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.EventListenerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Turns {@link NetlinkListener} methods into {@link NetlinkListenerMethodAdapter}s. Spring's
 * {@code EventListenerMethodProcessor} asks the factories in order; this one comes before the default
 * factory, which would otherwise take the method as a plain {@code @EventListener}.
 *
 * <p>Spring creates the listeners once every singleton exists, during startup; a listener that could never
 * be called fails it there with a {@link NetlinkConfigurationException}, checked against the bound
 * {@link NetlinkProperties}.
 *
 * <p>With an {@code ObservationRegistry} in the context each listener call is a {@code netlink.listener} observation
 * ({@link NetlinkListenerObservation}); the registry is looked up once, at the first listener.
 */
final class NetlinkListenerFactory implements EventListenerFactory, Ordered, BeanFactoryAware {

    private final Supplier<NetlinkMetrics> metrics;
    private BeanFactory beanFactory;
    private ListenedConnections connections;
    /** The connections a listener of every connection may hear: those whose receive loop publishes messages. */
    private List<String> listenedConnections = List.of();
    private boolean observationResolved;
    /** Every listener created, for the {@code netlink} endpoint. */
    private final List<NetlinkListenerMethodAdapter> created = new CopyOnWriteArrayList<>();
    private Object observationRegistry;

    private static final boolean OBSERVATION_PRESENT = ClassUtils.isPresent("io.micrometer.observation.ObservationRegistry",
            NetlinkListenerFactory.class.getClassLoader());

    NetlinkListenerFactory(Supplier<NetlinkMetrics> metrics) {
        this.metrics = metrics;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public int getOrder() {
        return 40;
    }

    @Override
    public boolean supportsMethod(Method method) {
        return AnnotatedElementUtils.hasAnnotation(method, NetlinkListener.class);
    }

    @Override
    public ApplicationListener<?> createApplicationListener(String beanName, Class<?> type, Method method) {
        ListenedConnections checked = connections();
        NetlinkListenerMethodAdapter adapter = new NetlinkListenerMethodAdapter(beanName, type, method, beanFactory, metrics,
                checked, observationRegistry(), listenedConnections);
        created.add(adapter);
        return adapter;
    }

    /** @return the listeners created so far, in creation order */
    List<NetlinkEndpoint.ListenerDescriptor> listeners() {
        return created.stream().map(NetlinkListenerMethodAdapter::descriptor).toList();
    }

    /** Read at the first listener, as the connections are: the registry bean exists by then. */
    private Object observationRegistry() {
        if (!observationResolved) {
            observationRegistry = OBSERVATION_PRESENT ? NetlinkListenerObservation.registry(beanFactory) : null;
            observationResolved = true;
        }
        return observationRegistry;
    }

    /** Read at the first listener: this factory exists before the properties are bound. */
    private ListenedConnections connections() {
        if (connections == null && beanFactory instanceof ListableBeanFactory f) {
            NetlinkProperties properties = f.getBeanProvider(NetlinkProperties.class).getIfUnique();
            if (properties != null) {
                connections = ListenedConnections.of(properties);
                listenedConnections = properties.getConnections().entrySet().stream()
                        .filter(e -> publishesMessages(e.getValue())).map(e -> e.getKey()).toList();
            }
        }
        return connections;
    }

    private static boolean publishesMessages(NetlinkProperties.Connection c) {
        if (!NetlinkConnections.hasLoop(c)) {
            return false;
        }
        try {
            return Protocol.parse(c.getProtocol()) != Protocol.KOBJECT_UEVENT;
        } catch (RuntimeException unparsable) {
            return false;
        }
    }

}
