package io.github.jnetlink.autoconfigure;

import static io.github.jnetlink.route.RouteMessageType.RTM_NEWLINK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code listener.concurrency} against the kernel: MTU changes of twenty veth links, made in a known order, reach the
 * listeners in that order per link while running on several lanes.
 */
@NetlinkNamespace
class NetlinkListenerConcurrencyKernelTests {

    private static final int PAIRS = 10;
    private static final int CHANGES = 6;

    static Netns ns;
    static final List<String> links = new ArrayList<>();

    @BeforeAll
    static void createLinks(Netns namespace) {
        ns = namespace;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            lines.add("link add cc" + i + "a type veth peer name cc" + i + "b");
            links.add("cc" + i + "a");
            links.add("cc" + i + "b");
        }
        ns.batch(lines);
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class))
            .withUserConfiguration(Listening.class)
            .withPropertyValues("netlink.connections.route.netns=" + ns.path(), "netlink.connections.route.groups=link",
                    "netlink.connections.route.listener.concurrency=3");

    @Configuration(proxyBeanMethods = false)
    static class Listening {
        @Bean
        Mtus mtus() {
            return new Mtus();
        }
    }

    static class Mtus {
        final Map<String, List<Integer>> byLink = new ConcurrentHashMap<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @NetlinkListener(connection = "route", groups = "link", types = RTM_NEWLINK,
                condition = "#root.args[0].name().startsWith('cc')")
        void onLink(LinkMessage link) {
            threads.add(Thread.currentThread().getName());
            if (link.mtu() == null || link.mtu() < 1200 || link.mtu() >= 1400) {
                // the state before the test's changes (1500), repeated by a peer's change
                return;
            }
            List<Integer> seen = byLink.computeIfAbsent(link.name(), k -> Collections.synchronizedList(new ArrayList<>()));
            // the kernel may repeat a link's state (a peer's change, say); only changes of MTU are compared
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(link.mtu())) {
                seen.add(link.mtu());
            }
            // slow enough that the lanes overlap
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(500_000));
        }
    }

    @Test
    void eachLinksMtuChangesArriveInTheOrderTheyWereMadeAcrossSeveralLanes() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            NetlinkReceiveLoop loop = context.getBean(NetlinkReceiveLoop.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> loop.state() == NetlinkReceiveLoop.State.RUNNING);
            Mtus mtus = context.getBean(Mtus.class);

            // each link gets its own sequence of MTUs, interleaved with the others' in one batch
            List<String> lines = new ArrayList<>();
            for (int change = 0; change < CHANGES; change++) {
                for (int l = 0; l < links.size(); l++) {
                    lines.add("link set " + links.get(l) + " mtu " + mtu(l, change));
                }
            }
            ns.batch(lines);

            await().atMost(Duration.ofSeconds(10)).until(() -> links.stream().allMatch(name -> {
                List<Integer> seen = mtus.byLink.get(name);
                return seen != null && !seen.isEmpty() && seen.get(seen.size() - 1) == mtu(links.indexOf(name), CHANGES - 1);
            }));
            assertThat(loop.overflows()).isZero();
            assertThat(loop.overruns()).isZero();
            for (int l = 0; l < links.size(); l++) {
                List<Integer> expected = new ArrayList<>();
                for (int change = 0; change < CHANGES; change++) {
                    expected.add(mtu(l, change));
                }
                assertThat(mtus.byLink.get(links.get(l))).as("MTUs of " + links.get(l)).isEqualTo(expected);
            }
            assertThat(mtus.threads).as("lanes the listener ran on").hasSizeGreaterThan(1)
                    .allSatisfy(name -> assertThat(name).matches("netlink-listener-route-[0-2]"));
            // every MTU as the kernel has it now, as ip -j reports it
            String json = ns.ip("-j", "link", "show", "dev", links.get(0));
            assertThat(json).contains("\"mtu\":" + mtu(0, CHANGES - 1));
        });
    }

    /** Distinct per link and per change, so that every change is a real one and order is visible. */
    private static int mtu(int link, int change) {
        return 1200 + link * 10 + change;
    }
}
