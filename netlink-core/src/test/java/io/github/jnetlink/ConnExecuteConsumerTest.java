package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Conn#execute(Message, java.util.function.Consumer)}, the streaming form of execute, against the real
 * kernel in a throwaway namespace holding 20,000 routes, and against a userspace peer for what the kernel
 * cannot be made to send on demand.
 */
@NetlinkNamespace
class ConnExecuteConsumerTest {

    static final int RTM_GETLINK = 18;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_GETROUTE = 26;
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

    static Message routeDump() {
        byte[] rtmsg = new byte[12];
        rtmsg[0] = 2; // AF_INET
        return Message.of(RTM_GETROUTE, HeaderFlags.REQUEST | HeaderFlags.DUMP, rtmsg);
    }

    @Test
    void aStreamedDumpDeliversWhatExecuteCollectsInTheSameOrder() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            List<Message> collected = conn.execute(routeDump());
            List<Message> streamed = new ArrayList<>();
            long delivered = conn.execute(routeDump(), streamed::add);

            assertThat(delivered).isEqualTo(streamed.size());
            // the kernel's main table holds the 20,000 blackholes; the local table adds lo's routes
            assertThat(streamed.stream().filter(m -> m.header().type() == RTM_NEWROUTE).count()).isGreaterThanOrEqualTo(ROUTES);
            assertThat(streamed).extracting(Message::data).containsExactlyElementsOf(collected.stream().map(Message::data).toList());
            assertThat(streamed).allSatisfy(m -> assertThat(m.header().type()).isEqualTo(RTM_NEWROUTE));
            int sequence = streamed.get(0).header().sequence();
            assertThat(streamed).allSatisfy(m -> assertThat(m.header().sequence()).isEqualTo(sequence));
        }
    }

    @Test
    void aConsumerThatThrowsStopsDeliveryAndTheNextRequestGetsOnlyItsOwnReplies() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            List<Message> seen = new ArrayList<>();
            IllegalStateException stop = new IllegalStateException("enough");
            assertThatThrownBy(() -> conn.execute(routeDump(), m -> {
                seen.add(m);
                if (seen.size() == 100) {
                    throw stop;
                }
            })).isSameAs(stop);
            assertThat(seen).hasSize(100);

            // the rest of that dump was read and discarded: this request sees its own replies only
            conn.setReadDeadline(Instant.now().plusSeconds(5));
            List<Message> links = conn.execute(Message.of(RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, new byte[16]));
            assertThat(links).extracting(m -> m.header().type()).containsOnly(16);
            assertThat(links).hasSize(IpJson.of(ns, "link show").size());
        }
    }

    @Test
    void aKernelErrorIsThrownAndNothingIsDelivered() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            byte[] ifinfomsg = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, 9999).array();
            List<Message> seen = new ArrayList<>();
            assertThatThrownBy(() -> conn.execute(Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg), seen::add))
                    .isInstanceOfSatisfying(NetlinkErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("ENODEV"));
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void anInterruptedDumpIsReportedAfterEveryMessageWasDelivered() {
        try (NetlinkTransport kernel = NetlinkTransport.open(Protocol.ROUTE, config)) {
            kernel.bind(0, 0);
            try (Conn conn = Conn.dial(Protocol.ROUTE, config.withTrustedPeers(Set.of(kernel.pid())))) {
                int multi = HeaderFlags.MULTI;
                ConnPeerTest.sendDatagram(kernel, conn.pid(), ConnPeerTest.message(16, multi, 9, new byte[] {1}));
                ConnPeerTest.sendDatagram(kernel, conn.pid(),
                        ConnPeerTest.message(16, multi | HeaderFlags.DUMP_INTERRUPTED, 9, new byte[] {2}),
                        ConnPeerTest.message(HeaderType.DONE, multi | HeaderFlags.DUMP_INTERRUPTED, 9, new byte[4]));
                conn.setReadDeadline(Instant.now().plusSeconds(5));
                List<Byte> seen = new ArrayList<>();
                // NLMSG_NOOP without NLM_F_ACK: the kernel skips it and sends nothing, so the peer's datagrams are the reply
                Message noop = new Message(new Header(0, HeaderType.NOOP, HeaderFlags.REQUEST, 9, 0), new byte[0]);
                assertThatThrownBy(() -> conn.execute(noop, m -> seen.add(m.data()[0])))
                        .isInstanceOfSatisfying(DumpInterruptedException.class, e -> assertThat(e.messages()).isEmpty())
                        .hasMessageContaining("2 messages delivered");
                assertThat(seen).containsExactly((byte) 1, (byte) 2);
            }
        }
    }

    @Test
    void nullArgumentsAreRefused() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            assertThatThrownBy(() -> conn.execute(routeDump(), (Consumer<Message>) null)).isInstanceOf(NetlinkArgumentException.class)
                    .hasMessageContaining("consumer");
            assertThatThrownBy(() -> conn.execute(null, m -> { })).isInstanceOf(NetlinkArgumentException.class);
        }
    }
}
