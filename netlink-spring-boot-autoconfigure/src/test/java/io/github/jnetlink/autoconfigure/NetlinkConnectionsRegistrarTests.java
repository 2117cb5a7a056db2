package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.jnetlink.Conn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionOverrideException;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.mock.env.MockEnvironment;

/**
 * The registrar run twice over one registry, as in an AOT-processed application, where the generated
 * initializer has registered what the registrar registered at build time.
 */
class NetlinkConnectionsRegistrarTests {

    private static DefaultListableBeanFactory registry() {
        DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
        registry.setAllowBeanDefinitionOverriding(false); // as Spring Boot has it
        return registry;
    }

    private static NetlinkConnectionsRegistrar registrar(String... properties) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("netlink.connections.route.protocol", "route")
                .withProperty("netlink.connections.route.groups[0]", "link");
        for (String p : properties) {
            String[] kv = p.split("=", 2);
            environment.setProperty(kv[0], kv[1]);
        }
        NetlinkConnectionsRegistrar registrar = new NetlinkConnectionsRegistrar();
        registrar.setEnvironment(environment);
        return registrar;
    }

    @Test
    void runningAgainKeepsItsOwnDefinitions() {
        DefaultListableBeanFactory registry = registry();
        registrar().postProcessBeanDefinitionRegistry(registry);
        BeanDefinition conn = registry.getBeanDefinition("route");
        BeanDefinition loop = registry.getBeanDefinition("routeNetlinkReceiveLoop");

        registrar().postProcessBeanDefinitionRegistry(registry);

        assertThat(registry.getBeanDefinition("route")).isSameAs(conn);
        assertThat(registry.getBeanDefinition("routeNetlinkReceiveLoop")).isSameAs(loop);
    }

    @Test
    void runningAgainTakesTheLoopSettingsOfThisRun() {
        DefaultListableBeanFactory registry = registry();
        registrar("netlink.connections.route.listener.auto-startup=false").postProcessBeanDefinitionRegistry(registry);
        assertThat(registry.getBeanDefinition("routeNetlinkReceiveLoop").getPropertyValues().contains("autoStartup")).isTrue();

        registrar("spring.lifecycle.timeout-per-shutdown-phase=7s").postProcessBeanDefinitionRegistry(registry);

        BeanDefinition loop = registry.getBeanDefinition("routeNetlinkReceiveLoop");
        assertThat(loop.getPropertyValues().contains("autoStartup")).isFalse();
        assertThat(loop.getPropertyValues().get("stopGrace")).isEqualTo(java.time.Duration.ofSeconds(7));
    }

    @Test
    void setsConcurrencyQueueCapacityAndVirtualThreadsOnTheLoopOnlyWhenConcurrent() {
        DefaultListableBeanFactory registry = registry();
        registrar("spring.threads.virtual.enabled=true").postProcessBeanDefinitionRegistry(registry);
        BeanDefinition single = registry.getBeanDefinition("routeNetlinkReceiveLoop");
        assertThat(single.getPropertyValues().contains("concurrency")).isFalse();
        assertThat(single.getPropertyValues().contains("virtualThreads")).isFalse();

        registrar("netlink.connections.route.listener.concurrency=4", "netlink.connections.route.listener.queue-capacity=50",
                "spring.threads.virtual.enabled=true").postProcessBeanDefinitionRegistry(registry);
        BeanDefinition loop = registry.getBeanDefinition("routeNetlinkReceiveLoop");
        assertThat(loop.getPropertyValues().get("concurrency")).isEqualTo(4);
        assertThat(loop.getPropertyValues().get("queueCapacity")).isEqualTo(50);
        assertThat(loop.getPropertyValues().get("virtualThreads")).isEqualTo(true);
    }

    @Test
    void aConcurrencyBelowOneFailsNamingTheProperty() {
        assertThatExceptionOfType(NetlinkConfigurationException.class)
                .isThrownBy(() -> registrar("netlink.connections.route.listener.concurrency=-1")
                        .postProcessBeanDefinitionRegistry(registry()))
                .satisfies(e -> assertThat(e.element()).isEqualTo("netlink.connections.route.listener.concurrency"))
                .satisfies(e -> assertThat(e.value()).isEqualTo("-1"));
    }

    @Test
    void aDefinitionAsTheAotInitializerWritesItIsOurs() {
        // the generated code: the bean class and the factory bean, with an instance supplier instead of a factory method
        RootBeanDefinition loop = new RootBeanDefinition(NetlinkReceiveLoop.class);
        loop.setFactoryBeanName(NetlinkConnectionsRegistrar.CONNECTIONS_BEAN);
        assertThat(NetlinkConnectionsRegistrar.isOurs(loop, NetlinkReceiveLoop.class)).isTrue();
        assertThat(NetlinkConnectionsRegistrar.isOurs(new RootBeanDefinition(Conn.class), NetlinkReceiveLoop.class)).isFalse();
        RootBeanDefinition elsewhere = new RootBeanDefinition(NetlinkReceiveLoop.class);
        elsewhere.setFactoryBeanName("myFactory");
        assertThat(NetlinkConnectionsRegistrar.isOurs(elsewhere, NetlinkReceiveLoop.class)).isFalse();
    }

    @Test
    void anApplicationBeanOfTheLoopsNameIsStillAClash() {
        DefaultListableBeanFactory registry = registry();
        registry.registerBeanDefinition("routeNetlinkReceiveLoop", new RootBeanDefinition(String.class));
        assertThatExceptionOfType(BeanDefinitionOverrideException.class)
                .isThrownBy(() -> registrar().postProcessBeanDefinitionRegistry(registry));
    }

    @Test
    void anApplicationBeanOfTheConnectionsNameThatIsNoConnStillFails() {
        DefaultListableBeanFactory registry = registry();
        registry.registerBeanDefinition("route", new RootBeanDefinition(String.class));
        assertThatExceptionOfType(NetlinkStartupException.class)
                .isThrownBy(() -> registrar().postProcessBeanDefinitionRegistry(registry))
                .withMessageContaining("of type java.lang.String, not a Conn");
    }
}
