package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.testing.FileDescriptors;
import org.junit.jupiter.api.Test;

/**
 * The receive warm-up over two real {@code NETLINK_USERSOCK} sockets: every datagram it sends comes back through
 * both receive paths, decoded as the notification it imitates, and it leaves no descriptor open.
 */
class ReceiveWarmupTest {

    @Test
    void everyDatagramComesBackAndNothingStaysOpen() {
        ReceiveWarmup.run(50); // the classes loaded, so that the count below is of the warm-up's own descriptors
        int before = FileDescriptors.socketsAndEventfds();
        assertThat(ReceiveWarmup.run(ReceiveWarmup.DATAGRAMS)).isEqualTo(ReceiveWarmup.DATAGRAMS);
        assertThat(FileDescriptors.socketsAndEventfds()).isEqualTo(before);
    }

    @Test
    void theWarmUpDatagramIsANotificationOfAHostRoute() {
        try (NetlinkTransport sender = NetlinkTransport.open(Protocol.USERSOCK, Config.DEFAULT)) {
            sender.bind(0, 0);
            try (Conn receiver = Conn.dial(Protocol.USERSOCK, Config.DEFAULT.withTrustedPeers(java.util.Set.of(sender.pid())))) {
                receiver.setReadDeadline(java.time.Instant.now().plusSeconds(5));
                java.nio.ByteBuffer d = ReceiveWarmup.notification();
                sender.send(d, receiver.pid());
                Datagram got = receiver.receiveDatagram();
                assertThat(got.sender()).isEqualTo(sender.pid());
                assertThat(got.messages()).hasSize(1);
                io.github.jnetlink.route.RouteMessage r = io.github.jnetlink.route.RouteMessage.decode(got.messages().get(0));
                assertThat(r.destination().getHostAddress()).isEqualTo("11.0.0.1");
                assertThat(r.destinationLength()).isEqualTo(32);
                assertThat(r.table()).isEqualTo(254);
                assertThat(r.routeType()).isEqualTo(io.github.jnetlink.route.RouteMessage.RTN_BLACKHOLE);
                assertThat(r.unknown()).hasSize(1);
            }
        }
    }
}
