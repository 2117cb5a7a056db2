package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Conn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Netlink for a Spring Boot application: a {@link Conn} bean per {@code netlink.connections.NAME}, a
 * receive loop per connection with groups publishing {@link NetlinkMessageEvent}s, and
 * {@link NetlinkListener} methods receiving them, and the {@link NetlinkListenerContainerRegistry} to start, stop, pause
 * and resume the loops. {@code netlink.enabled=false} turns it all off. Every {@link NetlinkConnectionCustomizer} bean
 * is applied, in order, to each socket right after it is dialled.
 *
 * <p>Startup fails, explained by the failure analyzer, on a {@code netlink.*} property nothing binds and on a
 * {@code @NetlinkListener} that could never be called.
 */
@AutoConfiguration
@ConditionalOnClass(Conn.class)
@ConditionalOnProperty(prefix = "netlink", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(NetlinkProperties.class)
public final class NetlinkAutoConfiguration {

    @Bean
    static NetlinkConnectionsRegistrar netlinkConnectionsRegistrar() {
        return new NetlinkConnectionsRegistrar();
    }

    @Bean
    static NetlinkPropertyNames netlinkPropertyNames() {
        return new NetlinkPropertyNames();
    }

    @Bean
    static NetlinkListenerFactory netlinkListenerFactory(ObjectProvider<NetlinkMetrics> metrics) {
        return new NetlinkListenerFactory(() -> metrics.getIfAvailable(() -> NetlinkMetrics.NONE));
    }

    @Bean
    @ConditionalOnMissingBean
    NetlinkListenerContainerRegistry netlinkListenerContainerRegistry(ObjectProvider<NetlinkReceiveLoop> loops) {
        return new NetlinkListenerContainerRegistry(loops);
    }

    @Bean
    NetlinkMirrorReadiness netlinkMirrorReadiness(ObjectProvider<NetlinkReceiveLoop> loops, ApplicationContext context) {
        return new NetlinkMirrorReadiness(loops, context);
    }

    @Bean(NetlinkConnectionsRegistrar.CONNECTIONS_BEAN)
    NetlinkConnections netlinkConnections(NetlinkProperties properties, ApplicationEventPublisher publisher,
            ObjectProvider<NetlinkMetrics> metrics, ObjectProvider<NetlinkConnectionCustomizer> customizers,
            ObjectProvider<NetlinkDialer> dialer) {
        // no @ConditionalOnMissingBean: the Conn and loop beans are made by this bean, by name, and only it can make them
        return new NetlinkConnections(properties, publisher, () -> metrics.getIfAvailable(() -> NetlinkMetrics.NONE),
                () -> customizers.orderedStream().toList(), () -> dialer.getIfAvailable(() -> NetlinkDialer.KERNEL));
    }
}
