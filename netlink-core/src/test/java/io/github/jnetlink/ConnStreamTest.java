package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Conn#stream(Message, Consumer)}, the in-place form of execute, against the real kernel in a throwaway
 * namespace holding 20,000 routes, and against a userspace peer for what the kernel cannot be made to send on
 * demand: it must deliver exactly what the collecting {@link Conn#execute(Message)} returns.
 */
@NetlinkNamespace
class ConnStreamTest {

    static final int RTM_GETLINK = 18;
    static final int ROUTES = 20_000;

    static Netns ns;
    static Config config;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
        ns.ip("link add sa type veth peer name sb");
        ns.ip("link set sa up");
        ns.batch(IntStream.range(0, ROUTES)
                .mapToObj(i -> "route add blackhole 10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + "/32")
                .toList());
        config = Config.DEFAULT.withNetns(ns.path());
    }

    @Test
    void viewsOfADumpAreWhatExecuteCollectsAndDecodeToTheSameRoutes() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            List<Message> collected = conn.execute(ConnExecuteConsumerTest.routeDump());
            List<Message> copies = new ArrayList<>();
            List<RouteMessage> decoded = new ArrayList<>();
            long delivered = conn.stream(ConnExecuteConsumerTest.routeDump(), v -> {
                copies.add(v.copy());
                decoded.add(RouteMessage.decode(v));
            });

            assertThat(delivered).isEqualTo(collected.size()).isGreaterThanOrEqualTo(ROUTES);
            assertThat(copies).extracting(Message::data).containsExactlyElementsOf(collected.stream().map(Message::data).toList());
            assertThat(copies).extracting(m -> m.header().type()).containsOnly(ConnExecuteConsumerTest.RTM_NEWROUTE);
            assertThat(decoded).containsExactlyElementsOf(collected.stream().map(RouteMessage::decode).toList());
        }
    }

    @Test
    void aViewReadsTheHeaderAndFixedFieldsInPlaceAndRefusesReadsPastThePayload() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            List<Message> collected = conn.execute(ConnExecuteConsumerTest.routeDump());
            AtomicInteger at = new AtomicInteger();
            conn.stream(ConnExecuteConsumerTest.routeDump(), v -> {
                Message m = collected.get(at.getAndIncrement());
                assertThat(v.header()).isEqualTo(new Header(m.header().length(), m.header().type(), m.header().flags(),
                        v.sequence(), m.header().pid()));
                assertThat(v.payloadLength()).isEqualTo(m.data().length);
                assertThat(v.u8(0)).isEqualTo(m.data()[0] & 0xFF); // rtm_family
                assertThat(v.s32(8)).isEqualTo(ByteBuffer.wrap(m.data()).order(ByteOrder.nativeOrder()).getInt(8));
                assertThatThrownBy(() -> v.s32(v.payloadLength() - 2)).isInstanceOf(MalformedMessageException.class)
                        .hasMessageContaining("payload offset");
                assertThatThrownBy(() -> v.attributes(v.payloadLength() + 4)).isInstanceOf(MalformedMessageException.class);
            });
            assertThat(at.get()).isEqualTo(collected.size());
        }
    }

    @Test
    void aConsumerThatThrowsStopsDeliveryAndTheNextRequestGetsOnlyItsOwnReplies() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            AtomicInteger seen = new AtomicInteger();
            IllegalStateException stop = new IllegalStateException("enough");
            assertThatThrownBy(() -> conn.stream(ConnExecuteConsumerTest.routeDump(), v -> {
                if (seen.incrementAndGet() == 100) {
                    throw stop;
                }
            })).isSameAs(stop);
            assertThat(seen.get()).isEqualTo(100);

            conn.setReadDeadline(Instant.now().plusSeconds(5));
            List<Integer> types = new ArrayList<>();
            conn.stream(Message.of(RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, new byte[16]), v -> types.add(v.type()));
            assertThat(types).containsOnly(16).hasSize(IpJson.of(ns, "link show").size());
        }
    }

    @Test
    void aKernelErrorIsThrownAndNothingIsDelivered() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            byte[] ifinfomsg = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, 9999).array();
            List<MessageView> seen = new ArrayList<>();
            assertThatThrownBy(() -> conn.stream(Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg), seen::add))
                    .isInstanceOfSatisfying(NetlinkErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("ENODEV"));
            assertThat(seen).isEmpty();
            // the same request for lo: its one reply
            byte[] lo = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, 1).array();
            assertThat(conn.stream(Message.of(RTM_GETLINK, HeaderFlags.REQUEST, lo), seen::add)).isEqualTo(1);
        }
    }

    @Test
    void anInterruptedDumpIsReportedAfterEveryMessageWasDeliveredAndStrangersAreDropped() {
        try (NetlinkTransport kernel = NetlinkTransport.open(Protocol.ROUTE, config)) {
            kernel.bind(0, 0);
            try (Conn conn = Conn.dial(Protocol.ROUTE, config.withTrustedPeers(Set.of(kernel.pid())))) {
                int multi = HeaderFlags.MULTI;
                // a reply to another request first: dropped
                ConnPeerTest.sendDatagram(kernel, conn.pid(), ConnPeerTest.message(16, multi, 8, new byte[] {7}),
                        ConnPeerTest.message(16, multi, 9, new byte[] {1}));
                ConnPeerTest.sendDatagram(kernel, conn.pid(),
                        ConnPeerTest.message(16, multi | HeaderFlags.DUMP_INTERRUPTED, 9, new byte[] {2}),
                        ConnPeerTest.message(HeaderType.DONE, multi | HeaderFlags.DUMP_INTERRUPTED, 9, new byte[4]));
                conn.setReadDeadline(Instant.now().plusSeconds(5));
                List<Integer> seen = new ArrayList<>();
                Message noop = new Message(new Header(0, HeaderType.NOOP, HeaderFlags.REQUEST, 9, 0), new byte[0]);
                assertThatThrownBy(() -> conn.stream(noop, v -> seen.add(v.u8(0))))
                        .isInstanceOf(DumpInterruptedException.class).hasMessageContaining("2 messages delivered");
                assertThat(seen).containsExactly(1, 2);
            }
        }
    }

    @Test
    void aMalformedDatagramIsRefusedByName() {
        try (NetlinkTransport kernel = NetlinkTransport.open(Protocol.ROUTE, config)) {
            kernel.bind(0, 0);
            try (Conn conn = Conn.dial(Protocol.ROUTE, config.withTrustedPeers(Set.of(kernel.pid())))) {
                // nlmsg_len 64 in a 20-byte datagram
                ByteBuffer bad = ByteBuffer.allocateDirect(20).order(ByteOrder.nativeOrder());
                bad.putInt(64).putShort((short) 16).putShort((short) 0).putInt(9).putInt(kernel.pid()).putInt(0).flip();
                kernel.send(bad, conn.pid());
                conn.setReadDeadline(Instant.now().plusSeconds(5));
                Message noop = new Message(new Header(0, HeaderType.NOOP, HeaderFlags.REQUEST, 9, 0), new byte[0]);
                assertThatThrownBy(() -> conn.stream(noop, v -> { })).isInstanceOf(MalformedMessageException.class)
                        .hasMessageContaining("bad netlink message length 64");
            }
        }
    }

    @Test
    void theObserverSeesEveryReplyAsForExecute() {
        AtomicInteger received = new AtomicInteger();
        ConnObserver counting = new ConnObserver() {
            @Override
            public void received(Message message, int group) {
                received.incrementAndGet();
            }
        };
        try (Conn conn = Conn.dial(Protocol.ROUTE, config.withObserver(counting))) {
            conn.execute(ConnExecuteConsumerTest.routeDump());
            int byExecute = received.getAndSet(0);
            long delivered = conn.stream(ConnExecuteConsumerTest.routeDump(), v -> { });
            // NLMSG_DONE is received but not delivered, by both
            assertThat(received.get()).isEqualTo(byExecute).isEqualTo((int) delivered + 1);
        }
    }

    @Test
    void nullArgumentsAreRefused() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            assertThatThrownBy(() -> conn.stream(ConnExecuteConsumerTest.routeDump(), null))
                    .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("consumer");
            assertThatThrownBy(() -> conn.stream(null, v -> { })).isInstanceOf(NetlinkArgumentException.class);
        }
    }
}
