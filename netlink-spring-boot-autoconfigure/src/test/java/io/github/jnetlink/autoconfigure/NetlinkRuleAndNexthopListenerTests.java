package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.route.NexthopMessage;
import io.github.jnetlink.route.RuleMessage;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Rules and nexthop objects reach typed {@code @NetlinkListener} methods, decoded from real kernel notifications. */
@NetlinkNamespace
class NetlinkRuleAndNexthopListenerTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
        ns.ip("link add rn0 type veth peer name rn1");
        ns.ip("link set rn1 up");
        ns.ip("link set rn0 up");
        ns.ip("addr add 10.77.0.1/24 dev rn0");
    }

    static class Listeners {
        final List<RuleMessage> rules = new CopyOnWriteArrayList<>();
        final List<NexthopMessage> nexthops = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route")
        void onRule(RuleMessage rule) {
            rules.add(rule);
        }

        @NetlinkListener(connection = "route")
        void onNexthop(NexthopMessage nexthop) {
            nexthops.add(nexthop);
        }
    }

    @Test
    void rulesAndNexthopsArriveTyped() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class))
                .withPropertyValues("netlink.connections.route.netns=" + ns.path(),
                        "netlink.connections.route.groups=ipv4-rule,nexthop")
                .withBean(Listeners.class).run(context -> {
                    assertThat(context).hasNotFailed();
                    NetlinkReceiveLoop loop = context.getBean(NetlinkReceiveLoop.class);
                    await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
                    Listeners listeners = context.getBean(Listeners.class);
                    ns.ip("rule add from 10.78.0.0/16 table 123 prio 4321");
                    ns.ip("nexthop add id 77 blackhole");
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                        assertThat(listeners.rules).anySatisfy(r -> {
                            assertThat(r.priority()).isEqualTo(4321);
                            assertThat(r.table()).isEqualTo(123);
                            assertThat(r.sourceLength()).isEqualTo(16);
                        });
                        assertThat(listeners.nexthops).anySatisfy(n -> {
                            assertThat(n.id()).isEqualTo(77);
                            assertThat(n.blackhole()).isTrue();
                        });
                    });
                    ns.ip("rule del prio 4321");
                    ns.ip("nexthop del id 77");
                });
    }
}
