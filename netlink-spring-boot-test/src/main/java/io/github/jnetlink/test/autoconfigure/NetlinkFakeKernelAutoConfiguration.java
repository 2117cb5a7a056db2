package io.github.jnetlink.test.autoconfigure;

import io.github.jnetlink.autoconfigure.NetlinkAutoConfiguration;
import io.github.jnetlink.autoconfigure.NetlinkDialer;
import io.github.jnetlink.test.FakeKernel;
import io.github.jnetlink.test.FakeRouteKernel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Switches the connections over to the fake kernels a test context declares: with a {@link FakeKernel} or
 * {@link FakeRouteKernel} bean (and no {@link NetlinkDialer} of the application's), every connection is dialled
 * over them, as with {@link AutoConfigureNetlinkFake}, without the annotation.
 */
@AutoConfiguration(before = NetlinkAutoConfiguration.class)
@ConditionalOnClass(FakeKernel.class)
@Conditional(NetlinkFakeKernelAutoConfiguration.OnFakeKernelBean.class)
public final class NetlinkFakeKernelAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(NetlinkDialer.class)
    NetlinkDialer netlinkFakeDialer(ObjectProvider<FakeRouteKernel> route, ObjectProvider<FakeKernel> kernels) {
        return new FakeKernelDialer(route.getIfUnique(), kernels.orderedStream().toList());
    }

    static final class OnFakeKernelBean extends AnyNestedCondition {

        OnFakeKernelBean() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(FakeKernel.class)
        static final class Kernel {
        }

        @ConditionalOnBean(FakeRouteKernel.class)
        static final class RouteKernel {
        }
    }
}
