package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What {@link Conn#execute(Message)} does with what the kernel sends besides the reply it waits for:
 * acknowledgements in datagrams of their own, replies to earlier requests nobody waited for, malformed
 * extended ACKs; and what it sends, padding included. Real kernel in a throwaway namespace.
 */
@NetlinkNamespace
class ConnExchangeTest {

    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;

    static byte[] ifinfomsg(int index) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, index).array();
    }

    static Message getLink(int index, int extraFlags) {
        return Message.of(RTM_GETLINK, HeaderFlags.REQUEST | extraFlags, ifinfomsg(index));
    }

    /** Records what execute dropped. */
    static final class Discards implements ConnObserver {
        final List<Message> messages = new CopyOnWriteArrayList<>();

        @Override
        public void discarded(Message message) {
            messages.add(message);
        }
    }

    @Test
    void aGetWithAcknowledgeReturnsTheReplyThenTheAckAndLeavesNothingBehind(Netns ns) {
        try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()))) {
            conn.setReadDeadline(Instant.now().plusSeconds(5));
            // the kernel sends the RTM_NEWLINK and the acknowledgement in two datagrams
            List<Message> replies = conn.execute(getLink(1, HeaderFlags.ACKNOWLEDGE));
            assertThat(replies).extracting(m -> m.header().type()).containsExactly(RTM_NEWLINK, HeaderType.ERROR);
            assertThat(ByteBuffer.wrap(replies.get(1).data()).order(ByteOrder.nativeOrder()).getInt(0)).as("ack code").isZero();
            for (int i = 0; i < 4; i++) {
                Message sent = conn.send(getLink(1, 0));
                List<Message> next = conn.receive();
                assertThat(next).singleElement().satisfies(m -> {
                    assertThat(m.header().type()).isEqualTo(RTM_NEWLINK);
                    assertThat(m.header().sequence()).isEqualTo(sent.header().sequence());
                });
            }
        }
    }

    @Test
    void aReplyNobodyWaitedForIsDiscardedNotTakenForTheNextRequestsAnswer(Netns ns) {
        Discards discards = new Discards();
        try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withObserver(discards))) {
            conn.setReadDeadline(Instant.now().plusSeconds(5));
            // fire and forget: the kernel still answers ENODEV, and the answer waits in the socket
            Message orphan = conn.send(getLink(9999, 0));
            Message stale = conn.send(getLink(1, 0));

            List<Message> replies = conn.execute(getLink(1, 0));
            assertThat(replies).singleElement().satisfies(m -> assertThat(m.header().type()).isEqualTo(RTM_NEWLINK));
            assertThat(discards.messages).extracting(m -> m.header().sequence())
                    .containsExactly(orphan.header().sequence(), stale.header().sequence());
            assertThat(discards.messages.get(0).header().type()).isEqualTo(HeaderType.ERROR);

            // and the exchange after it is in step too
            assertThat(conn.execute(getLink(1, 0))).hasSize(1);
            assertThat(discards.messages).hasSize(2);
        }
    }

    @Test
    void aRequestNamingAnotherPortIdStillGetsItsReplies(Netns ns) {
        try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()))) {
            conn.setReadDeadline(Instant.now().plusSeconds(5));
            // the kernel answers the socket's own port ID, not the one in the request's header
            Message request = new Message(new Header(0, RTM_GETLINK, HeaderFlags.REQUEST, 0, conn.pid() + 1), ifinfomsg(1));
            assertThat(conn.execute(request)).singleElement()
                    .satisfies(m -> assertThat(m.header().pid()).isEqualTo(conn.pid()));
        }
    }

    @Test
    void theAlignmentPaddingOfARequestIsZeroNotWhatAnEarlierRequestLeft(Netns ns) {
        List<Message> received = new CopyOnWriteArrayList<>();
        ConnObserver capture = new ConnObserver() {
            @Override
            public void received(Message message) {
                received.add(message);
            }
        };
        try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withObserver(capture))) {
            conn.setReadDeadline(Instant.now().plusSeconds(5));
            byte[] secret = new byte[32];
            Arrays.fill(secret, (byte) 0xAB);
            // the kernel refuses 16 bytes of 0xAB as attributes; that request only has to fill the send buffer
            assertThatThrownBy(() -> conn.execute(Message.of(RTM_GETLINK, HeaderFlags.REQUEST, secret)))
                    .isInstanceOf(NetlinkErrorException.class);
            received.clear();
            // 5 bytes of payload: the header says 24 (aligned); the kernel refuses the short ifinfomsg and
            // echoes the whole request back in its error, padding included
            assertThatThrownBy(() -> conn.execute(Message.of(RTM_GETLINK, HeaderFlags.REQUEST, new byte[5])))
                    .isInstanceOf(NetlinkErrorException.class);
            Message error = received.get(0);
            assertThat(error.header().type()).isEqualTo(HeaderType.ERROR);
            byte[] echoedPayload = Arrays.copyOfRange(error.data(), 4 + Header.SIZE, 4 + Header.SIZE + 8);
            assertThat(echoedPayload).containsOnly(0);
        }
    }

    @Test
    void aMalformedExtendedAckKeepsTheKernelsErrno(Netns ns) {
        for (int originalLength : new int[] {-8, 0x7FFFFFFE, 1000, 3}) {
            try (NetlinkTransport kernel = NetlinkTransport.open(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()))) {
                kernel.bind(0, 0);
                try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withTrustedPeers(Set.of(kernel.pid())))) {
                    byte[] data = ByteBuffer.allocate(4 + 16 + 8).order(ByteOrder.nativeOrder()).putInt(-22).putInt(originalLength)
                            .putShort((short) RTM_GETLINK).putShort((short) 1).putInt(5).putInt(conn.pid())
                            .putShort((short) 8).putShort((short) 2).putInt(3).array();
                    ConnPeerTest.sendDatagram(kernel, conn.pid(),
                            new Message(new Header(0, HeaderType.ERROR, HeaderFlags.ACKNOWLEDGE_TLVS, 5, 0), data));
                    conn.setReadDeadline(Instant.now().plusSeconds(2));
                    assertThatThrownBy(conn::receive).as("original length %d", originalLength)
                            .isInstanceOfSatisfying(NetlinkErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("EINVAL"));
                }
            }
        }
    }
}
