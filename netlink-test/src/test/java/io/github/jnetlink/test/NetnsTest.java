package io.github.jnetlink.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Netns} against the real kernel: each command lands in the namespace, and failures carry iproute2's words. */
@NetlinkNamespace(scope = NetlinkNamespace.Scope.METHOD)
class NetnsTest {

    static List<String> linkNames(Conn conn) {
        return new RouteClient(conn).links().stream().map(LinkMessage::name).toList();
    }

    @Test
    void isNamedAfterTheTestClassAndHasLoopbackUp(Netns ns) {
        assertThat(ns.name()).matches("jnl-netnstest-[0-9a-f]{6}");
        assertThat(ns.path()).isEqualTo("/var/run/netns/" + ns.name());
        assertThat(Path.of(ns.path())).exists();
        assertThat(ns.ip("link show lo")).contains(",UP");
    }

    @Test
    void oneArgumentIsSplitOnWhitespaceAndSeveralArePassedAsTheyAre(Netns ns) {
        ns.ip("  link add na0   type veth peer name nb0 ");
        ns.ip("link", "set", "na0", "alias", "uplink one");
        assertThat(ns.ip("-o", "link", "show", "na0")).contains("alias uplink one");
    }

    @Test
    void aFailingCommandCarriesIproute2sStandardError(Netns ns) {
        assertThatThrownBy(() -> ns.ip("link show nosuch0")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ip -n " + ns.name() + " link show nosuch0 exited")
                .hasMessageContaining("\"nosuch0\" does not exist");
    }

    @Test
    void batchRunsEveryLineAndReportsTheFirstFailure(Netns ns) {
        ns.batch(List.of("link add ba0 type veth peer name bb0", "addr add 10.77.0.1/24 dev ba0"));
        assertThat(ns.ip("addr show ba0")).contains("10.77.0.1/24");
        assertThatThrownBy(() -> ns.batch(List.of("link add ba0 type veth peer name bb0")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("File exists");
    }

    @Test
    void execRunsInsideTheNamespaceAndNotInOurs(Netns ns) throws IOException {
        ns.ip("link add xa0 type veth peer name xb0");
        assertThat(ns.exec("cat", "/proc/net/dev")).contains("xa0:");
        assertThat(Files.readString(Path.of("/proc/self/net/dev"))).doesNotContain("xa0:");
    }

    @Test
    void dialOpensTheConnInTheNamespaceWhateverTheConfigSaid(Netns ns) {
        ns.ip("link add da0 type veth peer name db0");
        try (Conn conn = ns.dial(Protocol.ROUTE)) {
            assertThat(linkNames(conn)).containsExactlyInAnyOrder("lo", "da0", "db0");
        }
        try (Conn conn = ns.dial(Protocol.ROUTE, Config.DEFAULT.withNetns("/var/run/netns/elsewhere").withStrict(true))) {
            assertThat(linkNames(conn)).containsExactlyInAnyOrder("lo", "da0", "db0");
        }
    }

    @Test
    void closeDeletesTheNamespace() {
        Netns ns = Netns.create("Odd Label_1!");
        assertThat(ns.name()).matches("jnl-oddlabel1-[0-9a-f]{6}");
        ns.close();
        assertThat(Path.of(ns.path())).doesNotExist();
        assertThatThrownBy(ns::close).isInstanceOf(IllegalStateException.class).hasMessageContaining(ns.name());
    }
}
