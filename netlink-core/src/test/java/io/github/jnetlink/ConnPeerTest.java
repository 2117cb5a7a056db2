package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.NativeBuffers;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Conn}'s receive path fed by a second, userspace netlink socket in the same namespace, which can
 * send exactly the datagrams a test needs: multipart replies split over datagrams, an interrupted dump,
 * an error with extended-ACK attributes, and spoofed "kernel" notifications.
 */
@NetlinkNamespace
class ConnPeerTest {

    static final int RTM_NEWLINK = 16;
    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    /** A userspace peer socket of the ROUTE protocol in the test namespace. */
    static NetlinkTransport peer() {
        NetlinkTransport s = NetlinkTransport.open(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        s.bind(0, 0);
        return s;
    }

    static void sendDatagram(NetlinkTransport from, int toPid, Message... messages) {
        int size = 0;
        for (Message m : messages) {
            size += Message.align(Header.SIZE + m.data().length);
        }
        ByteBuffer b = NativeBuffers.allocate(size);
        for (Message m : messages) {
            int start = b.position();
            Header h = m.header();
            Message.putHeader(b, new Header(Header.SIZE + m.data().length, h.type(), h.flags(), h.sequence(), h.pid()));
            b.put(m.data());
            b.position(start + Message.align(Header.SIZE + m.data().length));
        }
        from.send(b.flip(), toPid);
    }

    static Message message(int type, int flags, int seq, byte[] data) {
        return new Message(new Header(0, type, flags, seq, 0), data);
    }

    @Test
    void datagramsFromUserspaceAreDroppedAndCountedUnlessTrusted() {
        AtomicInteger rejected = new AtomicInteger();
        ConnObserver observer = new ConnObserver() {
            @Override
            public void rejected(int senderPid) {
                rejected.incrementAndGet();
            }
        };
        try (NetlinkTransport spoofer = peer();
                Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withObserver(observer))) {
            sendDatagram(spoofer, conn.pid(), message(RTM_NEWLINK, 0, 0, new byte[16]));
            conn.setReadDeadline(Instant.now().plusMillis(300));
            assertThatThrownBy(conn::receive).isInstanceOf(NetlinkTimeoutException.class);
            assertThat(rejected).hasValue(1);
        }
        try (NetlinkTransport friend = peer();
                Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withTrustedPeers(Set.of(friendPid(friend))))) {
            sendDatagram(friend, conn.pid(), message(RTM_NEWLINK, 0, 0, new byte[16]));
            conn.setReadDeadline(Instant.now().plusSeconds(2));
            Datagram d = conn.receiveDatagram();
            assertThat(d.sender()).isEqualTo(friend.pid());
            assertThat(d.group()).isZero();
            assertThat(d.messages()).singleElement().satisfies(m -> assertThat(m.header().type()).isEqualTo(RTM_NEWLINK));
        }
    }

    private static int friendPid(NetlinkTransport s) {
        return s.pid();
    }

    @Test
    void multipartReplyIsDrainedAcrossDatagramsAndDoneRemoved() {
        try (NetlinkTransport kernel = peer();
                Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withTrustedPeers(Set.of(kernel.pid())))) {
            int multi = HeaderFlags.MULTI;
            sendDatagram(kernel, conn.pid(), message(RTM_NEWLINK, multi, 7, new byte[] {1}), message(RTM_NEWLINK, multi, 7, new byte[] {2}));
            sendDatagram(kernel, conn.pid(), message(RTM_NEWLINK, multi, 7, new byte[] {3}));
            sendDatagram(kernel, conn.pid(), message(HeaderType.DONE, multi, 7, new byte[4]));
            conn.setReadDeadline(Instant.now().plusSeconds(2));
            List<Message> got = conn.receive();
            assertThat(got).extracting(m -> m.data()[0]).containsExactly((byte) 1, (byte) 2, (byte) 3);
        }
    }

    @Test
    void interruptedDumpThrowsWithTheCompleteResults() {
        try (NetlinkTransport kernel = peer();
                Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withTrustedPeers(Set.of(kernel.pid())))) {
            int multi = HeaderFlags.MULTI;
            sendDatagram(kernel, conn.pid(), message(RTM_NEWLINK, multi, 9, new byte[] {1}));
            sendDatagram(kernel, conn.pid(), message(RTM_NEWLINK, multi | HeaderFlags.DUMP_INTERRUPTED, 9, new byte[] {2}),
                    message(HeaderType.DONE, multi | HeaderFlags.DUMP_INTERRUPTED, 9, new byte[4]));
            conn.setReadDeadline(Instant.now().plusSeconds(2));
            assertThatThrownBy(conn::receive).isInstanceOfSatisfying(DumpInterruptedException.class,
                    e -> assertThat(e.messages()).extracting(m -> m.data()[0]).containsExactly((byte) 1, (byte) 2));
        }
    }

    @Test
    void errorWithExtendedAckAttributesIsDecoded() {
        try (NetlinkTransport kernel = peer();
                Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withTrustedPeers(Set.of(kernel.pid())))) {
            byte[] payload = ByteBuffer.allocate(4 + 16).order(java.nio.ByteOrder.nativeOrder())
                    .putInt(-22).putInt(16).putShort((short) 18).putShort((short) 1).putInt(5).putInt(conn.pid()).array();
            byte[] tlvs = new AttributeEncoder().string(1, "bad attribute here").u32(2, 20).encode();
            byte[] data = new byte[payload.length + tlvs.length];
            System.arraycopy(payload, 0, data, 0, payload.length);
            System.arraycopy(tlvs, 0, data, payload.length, tlvs.length);
            sendDatagram(kernel, conn.pid(), message(HeaderType.ERROR, HeaderFlags.CAPPED | HeaderFlags.ACKNOWLEDGE_TLVS, 5, data));
            conn.setReadDeadline(Instant.now().plusSeconds(2));
            assertThatThrownBy(conn::receive).isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                assertThat(e.errnoName()).isEqualTo("EINVAL");
                assertThat(e.sequence()).isEqualTo(5);
                assertThat(e.extendedMessage()).isEqualTo("bad attribute here");
                assertThat(e.extendedOffset()).isEqualTo(20);
            }).hasMessageContaining("bad attribute here");
        }
    }

    @Test
    void malformedDatagramIsAnErrorNotACrashAndTheConnSurvives() {
        try (NetlinkTransport kernel = peer();
                Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withTrustedPeers(Set.of(kernel.pid())))) {
            ByteBuffer b = NativeBuffers.allocate(20);
            b.putInt(0, 400).putShort(4, (short) RTM_NEWLINK);
            kernel.send(b, conn.pid());
            conn.setReadDeadline(Instant.now().plusSeconds(2));
            assertThatThrownBy(conn::receive).isInstanceOf(MalformedMessageException.class).hasMessageContaining("400");
            List<Message> next = new ArrayList<>();
            sendDatagram(kernel, conn.pid(), message(RTM_NEWLINK, 0, 1, new byte[4]));
            next.addAll(conn.receive());
            assertThat(next).hasSize(1);
        }
    }

    @Test
    void oversizedDatagramIsReportedNotSilentlyTruncatedAndTheBufferGrows() {
        try (NetlinkTransport kernel = peer();
                Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withTrustedPeers(Set.of(kernel.pid())))) {
            byte[] big = new byte[100_000];
            big[0] = 42;
            sendDatagram(kernel, conn.pid(), message(RTM_NEWLINK, 0, 1, big));
            conn.setReadDeadline(Instant.now().plusSeconds(2));
            assertThatThrownBy(conn::receive).isInstanceOf(NetlinkException.class).hasMessageContaining("100016 bytes");
            sendDatagram(kernel, conn.pid(), message(RTM_NEWLINK, 0, 2, big));
            assertThat(conn.receive()).singleElement().satisfies(m -> {
                assertThat(m.data()).hasSize(100_000);
                assertThat(m.data()[0]).isEqualTo((byte) 42);
            });
        }
    }
}
