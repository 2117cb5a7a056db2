package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Conn;
import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Registers, for each {@code netlink.connections.NAME} entry, a {@link Conn} bean named {@code NAME}
 * (unless the application defines a bean of that name itself, which then wins) and, for entries with
 * groups and an enabled listener, a receive loop bean {@code NAMENetlinkReceiveLoop}. Binds the map with
 * the {@link Binder} because it runs before {@code @ConfigurationProperties} beans exist.
 */
final class NetlinkConnectionsRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    static final String CONNECTIONS_BEAN = "netlinkConnections";
    static final String LOOP_SUFFIX = "NetlinkReceiveLoop";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        Map<String, NetlinkProperties.Connection> connections = Binder.get(environment)
                .bind("netlink.connections", Bindable.mapOf(String.class, NetlinkProperties.Connection.class))
                .orElse(Map.of());
        for (Map.Entry<String, NetlinkProperties.Connection> e : connections.entrySet()) {
            String name = e.getKey();
            if (!registry.containsBeanDefinition(name)) {
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
                registry.registerBeanDefinition(name + LOOP_SUFFIX, loop);
            }
        }
    }
}
