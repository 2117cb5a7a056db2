package io.github.jnetlink.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for netlink connections when the application has a {@link MeterRegistry}:
 * {@code netlink.messages.received}, {@code netlink.messages.sent}, {@code netlink.messages.rejected},
 * {@code netlink.messages.discarded}, {@code netlink.datagrams.truncated}, {@code netlink.overruns},
 * {@code netlink.listener.errors}, the {@code netlink.execute} timer and the
 * {@code netlink.listener.container.state} gauge and {@code netlink.listener.overflows} counter of each receive loop. The {@code netlink.listener} timer is not made
 * here: it comes from the {@code netlink.listener} observation of each listener call, when an
 * {@code ObservationRegistry} bridged to the {@code MeterRegistry} exists ({@link NetlinkListenerObservation}).
 */
@AutoConfiguration(before = NetlinkAutoConfiguration.class,
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnProperty(prefix = "netlink", name = "enabled", havingValue = "true", matchIfMissing = true)
public final class NetlinkMetricsAutoConfiguration {

    @Bean
    NetlinkMetrics netlinkMetrics(MeterRegistry registry) {
        return new MicrometerNetlinkMetrics(registry);
    }

    @Bean
    NetlinkReceiveLoopMeters netlinkReceiveLoopMeters(MeterRegistry registry, ObjectProvider<NetlinkReceiveLoop> loops) {
        return new NetlinkReceiveLoopMeters(registry, loops);
    }
}
