package io.github.jnetlink.test.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.autoconfigure.NetlinkAutoConfiguration;
import io.github.jnetlink.autoconfigure.NetlinkDialer;
import io.github.jnetlink.autoconfigure.NetlinkListener;
import io.github.jnetlink.autoconfigure.NetlinkMessageEvent;
import io.github.jnetlink.test.FakeKernel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Without the annotation: a {@link FakeKernel} bean alone switches the connections over to fake kernels, one per
 * protocol, and an application's own {@link NetlinkDialer} wins.
 */
class NetlinkFakeKernelAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class, NetlinkFakeKernelAutoConfiguration.class));

    static class GenericListener {
        final List<Integer> types = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "genl")
        void on(NetlinkMessageEvent event) {
            types.add(event.type());
        }
    }

    @Test
    void aFakeKernelBeanServesItsProtocolAndEveryOtherProtocolGetsAnEmptyOne() {
        FakeKernel generic = FakeKernel.create(Protocol.GENERIC);
        runner.withBean(FakeKernel.class, () -> generic).withBean(GenericListener.class)
                .withPropertyValues("netlink.connections.genl.protocol=generic", "netlink.connections.genl.groups=7",
                        "netlink.connections.route.protocol=route")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(NetlinkDialer.class);
                    assertThat(context.getBean("route", Conn.class).transportKind()).isEqualTo("fake");
                    GenericListener listener = context.getBean(GenericListener.class);
                    await().atMost(Duration.ofSeconds(5)).until(() -> generic.multicast(7, Message.of(0x20, HeaderFlags.REQUEST, new byte[4])) > 0);
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(listener.types).contains(0x20));
                });
        generic.close();
    }

    @Test
    void withoutAFakeKernelNothingChanges() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NetlinkDialer.class));
    }

    @Test
    void anApplicationsOwnDialerWins() {
        NetlinkDialer own = (name, protocol, config) -> FakeKernel.create(protocol).dial(config);
        runner.withBean(FakeKernel.class, () -> FakeKernel.create(Protocol.ROUTE)).withBean("own", NetlinkDialer.class, () -> own)
                .run(context -> assertThat(context).getBean(NetlinkDialer.class).isSameAs(own));
    }

    @Test
    void onlyClassScopedNamespacesPointASpringContextAtThemselves() {
        var factory = new NetlinkNamespaceContextCustomizerFactory();
        assertThat(factory.createContextCustomizer(ClassScoped.class, List.of())).isNotNull()
                .isEqualTo(factory.createContextCustomizer(ClassScoped.class, List.of()));
        assertThat(factory.createContextCustomizer(ClassScoped.Inner.class, List.of())).isNotNull();
        assertThat(factory.createContextCustomizer(MethodScoped.class, List.of())).isNull();
        assertThat(factory.createContextCustomizer(NetlinkFakeKernelAutoConfigurationTests.class, List.of())).isNull();
    }

    @io.github.jnetlink.test.NetlinkNamespace
    static class ClassScoped {
        class Inner {
        }
    }

    @io.github.jnetlink.test.NetlinkNamespace(scope = io.github.jnetlink.test.NetlinkNamespace.Scope.METHOD)
    static class MethodScoped {
    }
}
