package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Conn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Registers, for each {@code netlink.connections.NAME} entry, a {@link Conn} bean named {@code NAME}
 * (unless the application defines a bean of that name itself, which then wins) and, for entries with
 * groups and an enabled listener, a receive loop bean {@code NAMENetlinkReceiveLoop}, started with the context unless
 * {@code listener.auto-startup=false}, and waiting for its listeners at shutdown as long as
 * {@code spring.lifecycle.timeout-per-shutdown-phase} when that is set. Binds the map with
 * the {@link Binder} because it runs before {@code @ConfigurationProperties} beans exist.
 */
final class NetlinkConnectionsRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    static final String CONNECTIONS_BEAN = "netlinkConnections";
    static final String LOOP_SUFFIX = "NetlinkReceiveLoop";
    static final String SHUTDOWN_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /**
     * A bean the application defines under a connection's name stands in for the connection's {@code Conn}:
     * it must be one. Where its type can be told from the definition and is something else (a WebFlux
     * {@code RouterFunction} named {@code route}, say), startup fails naming the clash instead of leaving the
     * connection without its bean.
     */
    private static void requireConnType(String name, BeanDefinition definition) {
        String typeName = definition instanceof AnnotatedBeanDefinition a && a.getFactoryMethodMetadata() != null
                ? a.getFactoryMethodMetadata().getReturnTypeName()
                : definition.getFactoryMethodName() == null ? definition.getBeanClassName() : null;
        if (typeName == null) {
            return;
        }
        Class<?> type;
        try {
            type = ClassUtils.forName(typeName, NetlinkConnectionsRegistrar.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        if (type == Object.class || Conn.class.isAssignableFrom(type) || FactoryBean.class.isAssignableFrom(type)) {
            return;
        }
        throw new NetlinkStartupException(name, "netlink.connections." + name, null, List.of(),
                "netlink connection '" + name + "' needs the bean name '" + name + "', but the application defines a bean "
                        + "of that name of type " + type.getName() + ", not a Conn; rename the connection or that bean", null);
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        Map<String, NetlinkProperties.Connection> connections = Binder.get(environment)
                .bind("netlink.connections", Bindable.mapOf(String.class, NetlinkProperties.Connection.class))
                .orElse(Map.of());
        // what the lifecycle processor allows a phase to stop in: a listener still running gets as long
        Duration stopGrace = Binder.get(environment).bind(SHUTDOWN_TIMEOUT, Duration.class).orElse(null);
        for (Map.Entry<String, NetlinkProperties.Connection> e : connections.entrySet()) {
            String name = e.getKey();
            if (registry.containsBeanDefinition(name)) {
                requireConnType(name, registry.getBeanDefinition(name));
            } else {
                RootBeanDefinition conn = new RootBeanDefinition(Conn.class);
                conn.setFactoryBeanName(CONNECTIONS_BEAN);
                conn.setFactoryMethodName("open");
                conn.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
                conn.setDestroyMethodName("close");
                registry.registerBeanDefinition(name, conn);
            }
            NetlinkProperties.Connection c = e.getValue();
            if (!c.getGroups().isEmpty() && c.getListener().isEnabled()) {
                RootBeanDefinition loop = new RootBeanDefinition(NetlinkReceiveLoop.class);
                loop.setFactoryBeanName(CONNECTIONS_BEAN);
                loop.setFactoryMethodName("receiveLoop");
                loop.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
                long asked = (c.getReceiveBufferSize() != null ? c.getReceiveBufferSize() : NetlinkConnections.LISTENER_RECEIVE_BUFFER).toBytes();
                if (asked > 0 && asked <= Integer.MAX_VALUE) {
                    // for the WARN of a loop whose kernel granted less; a size out of range fails in NetlinkConnections
                    loop.getPropertyValues().add("requestedReceiveBuffer", (int) asked);
                }
                if (!c.getListener().isAutoStartup()) {
                    loop.getPropertyValues().add("autoStartup", false);
                }
                if (stopGrace != null) {
                    loop.getPropertyValues().add("stopGrace", stopGrace);
                }
                registry.registerBeanDefinition(name + LOOP_SUFFIX, loop);
            }
        }
    }
}
