package io.github.jnetlink.test.autoconfigure;

import io.github.jnetlink.autoconfigure.NetlinkAutoConfiguration;
import io.github.jnetlink.autoconfigure.NetlinkDialer;
import io.github.jnetlink.test.FakeKernel;
import io.github.jnetlink.test.FakeRouteKernel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * What {@link AutoConfigureNetlinkFake} imports: a {@link FakeRouteKernel} bean unless the test declares one, and a
 * {@link NetlinkDialer} that opens every connection's sockets over the fake kernels.
 */
@AutoConfiguration(before = {NetlinkAutoConfiguration.class, NetlinkFakeKernelAutoConfiguration.class})
public final class NetlinkFakeAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    FakeRouteKernel fakeRouteKernel() {
        return FakeRouteKernel.create();
    }

    @Bean
    @ConditionalOnMissingBean(NetlinkDialer.class)
    NetlinkDialer netlinkFakeDialer(ObjectProvider<FakeRouteKernel> route, ObjectProvider<FakeKernel> kernels) {
        return new FakeKernelDialer(route.getIfUnique(), kernels.orderedStream().toList());
    }
}
