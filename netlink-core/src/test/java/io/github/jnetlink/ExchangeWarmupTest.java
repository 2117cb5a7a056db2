package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.testing.FileDescriptors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exchange warm-up over a real {@code NETLINK_USERSOCK} socket that answers itself: every request gets its
 * reply through {@code execute} or {@code stream}, the reply is what the kernel's for the loopback begins with, and
 * nothing stays open.
 */
class ExchangeWarmupTest {

    @Test
    void everyRequestIsAnsweredAndNothingStaysOpen() {
        ExchangeWarmup.run(30); // the classes loaded, so that the count below is of the warm-up's own descriptors
        int before = FileDescriptors.socketsAndEventfds();
        assertThat(ExchangeWarmup.run(ExchangeWarmup.EXCHANGES)).isEqualTo(ExchangeWarmup.EXCHANGES);
        assertThat(FileDescriptors.socketsAndEventfds()).isEqualTo(before);
    }

    @Test
    void theSelfAnsweredReplyIsTheLoopbacksLinkMessageForTheRequestSent() {
        try (Conn conn = Conn.over(new ExchangeWarmup.SelfAnswering(NetlinkTransport.open(Protocol.USERSOCK, Config.DEFAULT)),
                Config.DEFAULT)) {
            conn.setReadDeadline(Instant.now().plusSeconds(5));
            byte[] ifinfomsg = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, 1).array();
            Message request = new Message(new Header(0, 18, HeaderFlags.REQUEST, 4711, 0), ifinfomsg);
            List<Message> replies = conn.execute(request);
            assertThat(replies).hasSize(1);
            Message reply = replies.get(0);
            assertThat(reply.header().sequence()).isEqualTo(4711);
            assertThat(reply.header().pid()).isEqualTo(conn.pid());
            LinkMessage link = LinkMessage.decode(reply);
            assertThat(link.index()).isEqualTo(1);
            assertThat(link.name()).isEqualTo("lo");
            assertThat(link.mtu()).isEqualTo(65536);
            assertThat(link.linkType()).isEqualTo(772);
            assertThat(link.unknown()).isEmpty();
        }
    }

    @Test
    void aSendToAnotherPortIsTheSocketsOwn() {
        try (NetlinkTransport peer = NetlinkTransport.open(Protocol.USERSOCK, Config.DEFAULT);
                NetlinkTransport self = new ExchangeWarmup.SelfAnswering(NetlinkTransport.open(Protocol.USERSOCK, Config.DEFAULT))) {
            peer.bind(0, 0);
            self.bind(0, 0);
            peer.setReadDeadline(Instant.now().plusSeconds(5));
            ByteBuffer datagram = ReceiveWarmup.notification();
            self.send(datagram, peer.pid());
            ByteBuffer in = ByteBuffer.allocateDirect(256).order(ByteOrder.nativeOrder());
            assertThat(peer.receive(in)).isEqualTo(48);
            assertThat(peer.lastSender()).isEqualTo(self.pid());
            assertThat(in.getShort(4)).isEqualTo((short) 24); // the notification itself, not an answer
        }
    }
}
