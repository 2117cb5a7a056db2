package io.github.jnetlink.autoconfigure;

import java.lang.reflect.Method;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.EventListenerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Turns {@link NetlinkListener} methods into {@link NetlinkListenerMethodAdapter}s. Spring's
 * {@code EventListenerMethodProcessor} asks the factories in order; this one comes before the default
 * factory, which would otherwise take the method as a plain {@code @EventListener}.
 *
 * <p>Spring creates the listeners once every singleton exists, during startup; a listener that could never
 * be called fails it there with a {@link NetlinkConfigurationException}, checked against the bound
 * {@link NetlinkProperties}.
 */
final class NetlinkListenerFactory implements EventListenerFactory, Ordered, BeanFactoryAware {

    private final Supplier<NetlinkMetrics> metrics;
    private BeanFactory beanFactory;
    private ListenedConnections connections;

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
        return new NetlinkListenerMethodAdapter(beanName, type, method, beanFactory, metrics, connections());
    }

    /** Read at the first listener: this factory exists before the properties are bound. */
    private ListenedConnections connections() {
        if (connections == null && beanFactory instanceof ListableBeanFactory f) {
            NetlinkProperties properties = f.getBeanProvider(NetlinkProperties.class).getIfUnique();
            if (properties != null) {
                connections = ListenedConnections.of(properties);
            }
        }
        return connections;
    }
}
