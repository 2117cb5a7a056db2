package io.github.jnetlink.internal.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.internal.TransportSelection;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How {@code Conn.dial} picks this transport on a JVM that can use it, and that jnr-ffi still works beside it. The
 * build forces {@code ffm} ({@code -Djnetlink.transport=ffm}) for the reused core tests; this class checks that the
 * force took, and what the choice would be without it.
 */
@NetlinkNamespace
class FfmSelectionTest {

    private static Config config;

    @BeforeAll
    static void namespace(Netns ns) {
        config = Config.DEFAULT.withNetns(ns.path());
    }

    @Test
    void dialUsesTheFfmTransport() {
        assertThat(System.getProperty(TransportSelection.PROPERTY)).isEqualTo("ffm");
        assertThat(TransportSelection.chosen().name()).isEqualTo("ffm");
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            assertThat(conn.transportKind()).isEqualTo("netlink-socket-ffm");
            assertThat(conn.pid()).isNotZero();
        }
    }

    @Test
    void withNativeAccessFfmWinsOverJnrAndJnrCanStillBeForced() {
        assertThat(new FfmTransportProvider().unavailableReason()).isNull();
        assertThat(TransportSelection.choose(null).name()).isEqualTo("ffm");
        assertThat(TransportSelection.choose("jnr").name()).isEqualTo("jnr");
        try (Conn jnr = Conn.over(TransportSelection.choose("jnr").open(Protocol.ROUTE, config.netns(), -1), config);
                Conn ffm = Conn.dial(Protocol.ROUTE, config)) {
            assertThat(jnr.transportKind()).isEqualTo("netlink-socket");
            assertThat(ffm.transportKind()).isEqualTo("netlink-socket-ffm");
            // the same kernel answers both: the loopback device of the namespace
            assertThat(jnr.execute(linkRequest()).size()).isEqualTo(ffm.execute(linkRequest()).size());
        }
    }

    @Test
    void closingAConnEndsAReceiveBlockedInTheFfmPoll() throws Exception {
        Conn conn = Conn.dial(Protocol.ROUTE, config);
        conn.joinGroup(RouteGroup.LINK.group());
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                conn.receive();
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        Thread.sleep(200);
        long start = System.nanoTime();
        conn.close();
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(NetlinkClosedException.class);
        // FfmNetlinkSocketTest times the eventfd wake-up itself; here only that Conn's close reaches it, on a busy machine
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    private static Message linkRequest() {
        return Message.of(RouteMessageType.RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, new byte[16]);
    }
}
