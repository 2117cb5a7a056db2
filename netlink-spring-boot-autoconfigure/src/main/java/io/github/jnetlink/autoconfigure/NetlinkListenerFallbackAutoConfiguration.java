package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Conn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Keeps {@link NetlinkListener} methods netlink listeners when {@link NetlinkAutoConfiguration} is off
 * ({@code netlink.enabled=false}) or excluded. {@code @NetlinkListener} is an {@code @EventListener}, so
 * without a {@link NetlinkListenerFactory} Spring's default factory would take each method as a plain
 * listener of its parameter type, filters ignored, and call it with whatever the application publishes. With
 * this factory they only ever see {@link NetlinkMessageEvent}s, and with no receive loop there are none
 * but those the application publishes itself. The connections are not checked: none are configured.
 */
@AutoConfiguration(after = NetlinkAutoConfiguration.class)
@ConditionalOnClass(Conn.class)
@ConditionalOnMissingBean(NetlinkListenerFactory.class)
public final class NetlinkListenerFallbackAutoConfiguration {

    @Bean
    static NetlinkListenerFactory netlinkListenerFactory(ObjectProvider<NetlinkMetrics> metrics) {
        return new NetlinkListenerFactory(() -> metrics.getIfAvailable(() -> NetlinkMetrics.NONE));
    }
}
