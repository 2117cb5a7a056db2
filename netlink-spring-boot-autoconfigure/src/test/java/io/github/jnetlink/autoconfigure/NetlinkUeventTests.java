package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * A {@code kobject-uevent} connection: the receive loop turns the kernel's uevents, which are text rather
 * than netlink messages, into {@link NetlinkUeventEvent}s. A veth pair created in a throwaway namespace
 * makes the kernel send its {@code add} uevents there.
 */
@NetlinkNamespace
class NetlinkUeventTests {

    @Configuration(proxyBeanMethods = false)
    static class Devices {
        final List<NetlinkUeventEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void onUevent(NetlinkUeventEvent event) {
            events.add(event);
        }
    }

    @Test
    void ueventsOfANewVethPairArriveAsEvents(Netns ns) {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class))
                .withUserConfiguration(Devices.class)
                .withPropertyValues("netlink.connections.devices.protocol=kobject-uevent",
                        "netlink.connections.devices.groups=1", "netlink.connections.devices.netns=" + ns.path())
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("devicesNetlinkReceiveLoop");
                    Devices devices = context.getBean(Devices.class);
                    ns.ip("link add uva type veth peer name uvb");
                    await().atMost(Duration.ofSeconds(10)).until(() -> devices.events.stream()
                            .filter(e -> "net".equals(e.uevent().subsystem()) && "add".equals(e.uevent().action()))
                            .map(e -> e.uevent().property("INTERFACE")).toList().containsAll(List.of("uva", "uvb")));
                    assertThat(devices.events).allSatisfy(e -> assertThat(e.connection()).isEqualTo("devices"));
                    assertThat(devices.events).filteredOn(e -> "uva".equals(e.uevent().property("INTERFACE")))
                            .first().satisfies(e -> assertThat(e.uevent().devpath()).isEqualTo("/devices/virtual/net/uva"));
                });
    }
}
