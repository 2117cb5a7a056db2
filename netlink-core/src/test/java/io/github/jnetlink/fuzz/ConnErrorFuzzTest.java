package io.github.jnetlink.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.ConnObserver;
import io.github.jnetlink.Header;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkTransport;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.NativeBuffers;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Conn#receive()} fed arbitrary datagrams by a trusted userspace peer, as {@code ConnPeerTest} does with
 * crafted ones: the whole receive path, framing, multipart draining, and the decoding of {@code NLMSG_ERROR} and
 * {@code NLMSG_DONE} with their extended-ACK attributes. Each datagram is followed by a sentinel
 * {@code NLMSG_DONE} of a fresh sequence number; {@code receive()} is called until the sentinel has been
 * read, and may only return or throw a {@link NetlinkException}. Needs root, like the other kernel tests.
 */
@NetlinkNamespace
class ConnErrorFuzzTest {

    static final int MAX_DATAGRAM = 32 * 1024;

    static Netns ns;
    static NetlinkTransport peer;
    static final ByteBuffer out = NativeBuffers.allocate(MAX_DATAGRAM);
    static Conn conn;
    static volatile int sentinelSeen;
    static int sentinel;

    @BeforeAll
    static void connect(Netns namespace) {
        ns = namespace;
        peer = NetlinkTransport.open(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        peer.bind(0, 0);
        ConnObserver observer = new ConnObserver() {
            @Override
            public void received(Message m) {
                if (m.header().type() == HeaderType.DONE && m.header().pid() == peer.pid()) {
                    sentinelSeen = m.header().sequence();
                }
            }
        };
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()).withTrustedPeers(Set.of(peer.pid()))
                .withObserver(observer));
    }

    @AfterAll
    static void close() {
        if (conn != null) {
            conn.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    static Stream<byte[]> seeds() {
        return Stream.concat(KernelSeeds.datagrams(KernelSeeds.Kind.ACK).stream(),
                KernelSeeds.datagrams(KernelSeeds.Kind.ROUTE).stream());
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void receive(byte[] datagram) {
        if (datagram.length == 0 || datagram.length > MAX_DATAGRAM) {
            // The kernel refuses to send an empty datagram (sendto fails with ENODATA), so none can arrive.
            return;
        }
        out.clear().put(datagram).flip();
        peer.send(out, conn.pid());
        sentinel = sentinel == Integer.MAX_VALUE ? 1 : sentinel + 1;
        out.clear().putInt(Header.SIZE + 4).putShort((short) HeaderType.DONE)
                .putShort((short) HeaderFlags.MULTI).putInt(sentinel).putInt(peer.pid()).putInt(0).flip();
        peer.send(out, conn.pid());

        conn.setReadDeadline(Instant.now().plusSeconds(5));
        for (int calls = 0; sentinelSeen != sentinel; calls++) {
            // Each call reads at least one datagram: this one, the sentinel, or a sentinel a forged DONE left behind.
            assertThat(calls).as("receive() calls to reach the sentinel").isLessThan(4);
            try {
                conn.receive();
            } catch (NetlinkException expected) {
                // the kernel's error, or a malformed datagram
            }
        }
    }
}
