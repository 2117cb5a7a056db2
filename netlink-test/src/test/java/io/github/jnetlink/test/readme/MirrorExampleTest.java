package io.github.jnetlink.test.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Config;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMirror;
import io.github.jnetlink.route.RouteMirrorChange;
import io.github.jnetlink.route.RouteMirrorSnapshot;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The README's mirror example ("Mirror: network state you can trust"), run in a namespace: the same calls, with the
 * namespace's {@code Config} and a link named as the namespace has it.
 */
@NetlinkNamespace
class MirrorExampleTest {

    @Test
    void theReadmeMirrorExampleWorks(Netns ns) throws Exception {
        ns.ip("link add eth0 type veth peer name eth1");
        ns.ip("link set eth0 up");
        ns.ip("addr add 10.1.0.1/16 dev eth0");
        List<RouteMirrorChange> changes = new CopyOnWriteArrayList<>();
        try (RouteMirror mirror = RouteMirror.open(Config.DEFAULT.withNetns(ns.path()))) {
            mirror.awaitSynced(Duration.ofSeconds(5));
            RouteMirrorSnapshot now = mirror.addListener(changes::add);
            Optional<RouteMessage> route = now.routeTo(InetAddress.getByName("10.1.2.3"));
            List<AddressMessage> addresses = now.addresses(now.link("eth0").orElseThrow().index());

            assertThat(route).hasValueSatisfying(r -> assertThat(r.destinationLength()).isEqualTo(16));
            assertThat(addresses).extracting(a -> a.local().getHostAddress()).containsExactly("10.1.0.1");
        }
    }
}
