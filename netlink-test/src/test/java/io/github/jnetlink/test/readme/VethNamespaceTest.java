package io.github.jnetlink.test.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.RouteClient;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import org.junit.jupiter.api.Test;

/** The README's namespace example, exactly as printed there ("Testing your code"). */
@NetlinkNamespace
class VethNamespaceTest {

    @Test
    void theKernelShowsTheNewVeth(Netns ns) {
        try (Conn conn = ns.dial(Protocol.ROUTE)) {
            new RouteClient(conn).addVeth("veth0", "veth1");

            assertThat(ns.ip("link show veth0")).contains("veth0@veth1");
            assertThat(new RouteClient(conn).link("veth1").name()).isEqualTo("veth1");
        }
    }
}
