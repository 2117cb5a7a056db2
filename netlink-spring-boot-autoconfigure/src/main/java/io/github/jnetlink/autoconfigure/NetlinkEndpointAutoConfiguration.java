package io.github.jnetlink.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code netlink} Actuator endpoint ({@link NetlinkEndpoint}) when Actuator is on the class path and the endpoint
 * is available: {@code management.endpoint.netlink.access} not {@code none}, and exposed through
 * {@code management.endpoints.web.exposure.include} (or JMX).
 */
@AutoConfiguration(after = NetlinkAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(NetlinkConnections.class)
@ConditionalOnAvailableEndpoint(NetlinkEndpoint.class)
public final class NetlinkEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    NetlinkEndpoint netlinkEndpoint(NetlinkProperties properties, ObjectProvider<NetlinkReceiveLoop> loops,
            ObjectProvider<NetlinkListenerFactory> listeners) {
        return new NetlinkEndpoint(properties, loops,
                () -> listeners.stream().flatMap(f -> f.listeners().stream()).toList());
    }
}
