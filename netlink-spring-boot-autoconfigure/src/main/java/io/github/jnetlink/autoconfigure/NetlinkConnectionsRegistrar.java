package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.RouteMirror;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.RuntimeBeanReference;
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
 *
 * <p>It may run over definitions it registered before: in an AOT-processed application the generated
 * initializer has already registered the connections and loops seen at build time, and this post-processor
 * runs again at startup. A definition that is already there and is ours is kept; a loop's settings
 * (receive buffer, auto-startup, stop grace, concurrency, queue capacity, virtual threads) are then taken from the
 * runtime environment.
 *
 * <p>{@code listener.concurrency} below 1 or {@code listener.queue-capacity} below 1 fails startup with a
 * {@link NetlinkConfigurationException} naming the property.
 */
final class NetlinkConnectionsRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    static final String CONNECTIONS_BEAN = "netlinkConnections";
    static final String LOOP_SUFFIX = "NetlinkReceiveLoop";
    static final String SHUTDOWN_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";
    /** The loop settings this registrar sets as bean properties; the hints name their setters too. */
    static final List<String> LOOP_PROPERTIES = List.of("requestedReceiveBuffer", "autoStartup", "stopGrace", "concurrency",
            "queueCapacity", "virtualThreads", "mirror");
    static final String MIRROR_SUFFIX = "Mirror";
    static final String VIRTUAL_THREADS = "spring.threads.virtual.enabled";

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

    /** Whether {@code definition} is one this registrar made: of {@code type}, made by {@link #CONNECTIONS_BEAN}. */
    static boolean isOurs(BeanDefinition definition, Class<?> type) {
        if (definition instanceof RootBeanDefinition root && root.hasBeanClass() && root.getBeanClass() != type) {
            return false;
        }
        return type.getName().equals(definition.getBeanClassName())
                && CONNECTIONS_BEAN.equals(definition.getFactoryBeanName());
    }

    /** Lanes and their queues need at least one of each; a typo such as {@code 0} must not silently mean something. */
    private static void validateListener(String name, NetlinkProperties.Listener listener) {
        String prefix = "netlink.connections." + name + ".listener.";
        if (listener.getConcurrency() < 1) {
            throw new NetlinkConfigurationException(prefix + "concurrency", Integer.toString(listener.getConcurrency()), List.of(),
                    "netlink connection '" + name + "': " + prefix + "concurrency is " + listener.getConcurrency()
                            + ", but the listeners need at least one thread",
                    "Set " + prefix + "concurrency to 1 (listeners on the receive thread, the default) or more (ordered"
                            + " lanes)", null);
        }
        if (listener.getQueueCapacity() < 1) {
            throw new NetlinkConfigurationException(prefix + "queue-capacity", Integer.toString(listener.getQueueCapacity()),
                    List.of(), "netlink connection '" + name + "': " + prefix + "queue-capacity is "
                            + listener.getQueueCapacity() + ", but each lane must hold at least one notification",
                    "Set " + prefix + "queue-capacity to 1 or more (10000 by default)", null);
        }
    }

    /**
     * A mirror needs rtnetlink and the receive loop that feeds it; its bean {@code NAMEMirror} dumps over the
     * connection's {@code Conn} bean.
     */
    private static void registerMirror(BeanDefinitionRegistry registry, String name, NetlinkProperties.Connection c) {
        String prefix = "netlink.connections." + name + ".";
        int protocol;
        try {
            protocol = Protocol.parse(c.getProtocol());
        } catch (NetlinkException e) {
            return; // the connection fails at startup, naming its protocol
        }
        if (protocol != Protocol.ROUTE) {
            throw new NetlinkConfigurationException(prefix + "mirror.enabled", "true", List.of("false"),
                    "netlink connection '" + name + "' has mirror.enabled=true, but a RouteMirror mirrors rtnetlink and the"
                            + " connection's protocol is " + c.getProtocol(),
                    "Set " + prefix + "protocol=route, or remove " + prefix + "mirror.enabled", null);
        }
        if (!c.getListener().isEnabled()) {
            throw new NetlinkConfigurationException(prefix + "listener.enabled", "false", List.of("true"),
                    "netlink connection '" + name + "' has mirror.enabled=true, but its receive loop, which feeds the mirror,"
                            + " is turned off with " + prefix + "listener.enabled=false",
                    "Remove " + prefix + "listener.enabled=false, or " + prefix + "mirror.enabled", null);
        }
        String mirrorName = name + MIRROR_SUFFIX;
        if (registry.containsBeanDefinition(mirrorName) && isOurs(registry.getBeanDefinition(mirrorName), RouteMirror.class)) {
            return;
        }
        RootBeanDefinition mirror = new RootBeanDefinition(RouteMirror.class);
        mirror.setFactoryBeanName(CONNECTIONS_BEAN);
        mirror.setFactoryMethodName("mirror");
        mirror.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
        mirror.getConstructorArgumentValues().addIndexedArgumentValue(1, new RuntimeBeanReference(name));
        mirror.setDestroyMethodName("close");
        registry.registerBeanDefinition(mirrorName, mirror);
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        Map<String, NetlinkProperties.Connection> connections = Binder.get(environment)
                .bind("netlink.connections", Bindable.mapOf(String.class, NetlinkProperties.Connection.class))
                .orElse(Map.of());
        // what the lifecycle processor allows a phase to stop in: a listener still running gets as long
        Duration stopGrace = Binder.get(environment).bind(SHUTDOWN_TIMEOUT, Duration.class).orElse(null);
        boolean virtualThreads = Binder.get(environment).bind(VIRTUAL_THREADS, Boolean.class).orElse(false);
        for (Map.Entry<String, NetlinkProperties.Connection> e : connections.entrySet()) {
            String name = e.getKey();
            if (registry.containsBeanDefinition(name)) {
                // ours (registered by the AOT initializer, say) or the application's, which must be a Conn
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
            validateListener(name, c.getListener());
            if (c.getMirror().isEnabled()) {
                registerMirror(registry, name, c);
            }
            if (NetlinkConnections.hasLoop(c)) {
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
                if (c.getListener().getConcurrency() != 1) {
                    loop.getPropertyValues().add("concurrency", c.getListener().getConcurrency());
                    loop.getPropertyValues().add("queueCapacity", c.getListener().getQueueCapacity());
                    if (virtualThreads) {
                        loop.getPropertyValues().add("virtualThreads", true);
                    }
                }
                if (c.getMirror().isEnabled()) {
                    loop.getPropertyValues().add("mirror", new RuntimeBeanReference(name + MIRROR_SUFFIX));
                }
                String loopName = name + LOOP_SUFFIX;
                if (registry.containsBeanDefinition(loopName) && isOurs(registry.getBeanDefinition(loopName), NetlinkReceiveLoop.class)) {
                    // the AOT initializer's: keep its instance supplier, take the settings of this run
                    BeanDefinition existing = registry.getBeanDefinition(loopName);
                    for (String property : LOOP_PROPERTIES) {
                        existing.getPropertyValues().removePropertyValue(property);
                    }
                    existing.getPropertyValues().addPropertyValues(loop.getPropertyValues());
                } else {
                    registry.registerBeanDefinition(loopName, loop);
                }
            }
        }
    }
}
