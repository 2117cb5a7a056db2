package io.github.jnetlink.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A {@code netlink} health contributor when Spring Boot's health support ({@code spring-boot-health}) is on the class
 * path: one component per connection with a receive loop, see {@link NetlinkHealthIndicator}. Turned off with
 * {@code management.health.netlink.enabled=false}.
 */
@AutoConfiguration(after = NetlinkAutoConfiguration.class)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(NetlinkConnections.class)
@ConditionalOnEnabledHealthIndicator("netlink")
public final class NetlinkHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = {"netlinkHealthIndicator", "netlinkHealthContributor"})
    NetlinkHealthContributor netlinkHealthContributor(ObjectProvider<NetlinkReceiveLoop> loops, ApplicationContext context) {
        return new NetlinkHealthContributor(loops, context);
    }
}
