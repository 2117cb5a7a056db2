package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replies larger than the receive buffer, made by the real kernel: a link with about 490 alternative names of 125
 * bytes each, whose {@code RTM_NEWLINK} (the {@code IFLA_PROP_LIST} nest alone is nearly 64 KiB) does not fit the
 * 64 KiB buffer a {@link Conn} starts with.
 */
@NetlinkNamespace
class ConnTruncationKernelTest {

    static int bigIndex;

    @BeforeAll
    static void addALinkWithManyAltnames(Netns ns) {
        ns.ip("link add big0 type veth peer name small0");
        List<String> lines = new ArrayList<>();
        // The kernel refuses altnames once the property list would no longer fit a 16-bit attribute length.
        for (int i = 0; i < 489; i++) {
            lines.add("link property add dev big0 altname " + String.format("a%03d", i) + "x".repeat(120));
        }
        ns.batch(lines);
        try (Conn conn = ns.dial(Protocol.ROUTE)) {
            bigIndex = single(conn.execute(getLink("big0"))).index();
        }
    }

    @Test
    void aQueryWhoseReplyIsTooLargeIsRepeatedWithAGrownBuffer(Netns ns) {
        Counting observer = new Counting();
        try (Conn conn = ns.dial(Protocol.ROUTE, Config.DEFAULT.withObserver(observer))) {
            assertThat(conn.messageBufferSize()).isEqualTo(64 * 1024);
            List<Message> replies = conn.execute(getLink("big0"));
            assertThat(replies).hasSize(1);
            assertThat(replies.get(0).header().length()).isGreaterThan(64 * 1024);
            assertThat(LinkMessage.decode(replies.get(0)).name()).isEqualTo("big0");
            assertThat(observer.truncated.get()).isEqualTo(1);
            assertThat(observer.sent.get()).as("the query was sent twice").isEqualTo(2);
            assertThat(conn.messageBufferSize()).isGreaterThanOrEqualTo(replies.get(0).header().length());
            // the buffer stays grown: the next such reply costs nothing extra
            assertThat(conn.execute(getLink("big0"))).hasSize(1);
            assertThat(observer.truncated.get()).isEqualTo(1);
        }
    }

    // A link dump never truncates with the 64 KiB default: the kernel sizes dump datagrams to the reader's buffer,
    // at most 32 KiB, or to the largest link message when that is more, and on 6.18 it leaves out of a dump a link
    // whose message exceeds 64 KiB (big0). A 1 KiB buffer is smaller than any link message, so the first datagram
    // is cut.

    @Test
    void aDumpIsDrainedAndRepeatedWithAllItsMessages(Netns ns) {
        List<String> expected;
        try (Conn conn = ns.dial(Protocol.ROUTE)) {
            expected = names(conn.execute(dumpLinks()));
        }
        Counting observer = new Counting();
        try (Conn conn = ns.dial(Protocol.ROUTE, Config.DEFAULT.withMessageBufferSize(1024).withObserver(observer))) {
            assertThat(conn.messageBufferSize()).isEqualTo(1024);
            assertThat(names(conn.execute(dumpLinks()))).isEqualTo(expected).contains("lo", "small0");
            assertThat(observer.truncated.get()).isEqualTo(1);
            assertThat(observer.sent.get()).as("the dump was sent twice").isEqualTo(2);
            assertThat(conn.messageBufferSize()).isGreaterThan(1024);
            // the socket is in step: the next dump works, and fits
            assertThat(names(conn.execute(dumpLinks()))).isEqualTo(expected);
            assertThat(observer.truncated.get()).isEqualTo(1);
        }
    }

    @Test
    void aStreamedDumpIsRepeatedWhileNothingReachedTheConsumer(Netns ns) {
        List<String> expected;
        try (Conn conn = ns.dial(Protocol.ROUTE)) {
            expected = names(conn.execute(dumpLinks()));
        }
        Counting observer = new Counting();
        try (Conn conn = ns.dial(Protocol.ROUTE, Config.DEFAULT.withMessageBufferSize(1024).withObserver(observer))) {
            List<String> streamed = new ArrayList<>();
            assertThat(conn.execute(dumpLinks(), m -> streamed.add(LinkMessage.decode(m).name()))).isEqualTo(expected.size());
            assertThat(streamed).isEqualTo(expected);
            assertThat(observer.truncated.get()).isEqualTo(1);
        }
    }

    @Test
    void aChangeWhoseReplyIsTruncatedIsNotRepeated(Netns ns) throws Exception {
        ns.ip("link set big0 up");
        ns.ip("link set small0 up");
        ns.ip("addr add 10.50.0.1/16 dev small0");
        int index = Integer.parseInt(ns.exec("cat", "/sys/class/net/small0/ifindex").strip());
        // NLM_F_ECHO: the kernel sends the new route back to the requester; with 100 next hops it is ~2 KB
        List<io.github.jnetlink.route.NextHop> hops = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hops.add(io.github.jnetlink.route.NextHop.of(java.net.InetAddress.getByName("10.50.1." + (i + 1)), index, 1));
        }
        byte[] route = io.github.jnetlink.route.RouteMessage.multipath(java.net.InetAddress.getByName("10.60.0.0"), 16, hops).encode();
        Message request = Message.of(RouteMessageType.RTM_NEWROUTE, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE
                | HeaderFlags.CREATE | HeaderFlags.EXCL | HeaderFlags.ECHO, route);
        Counting observer = new Counting();
        try (Conn conn = ns.dial(Protocol.ROUTE, Config.DEFAULT.withMessageBufferSize(1024).withObserver(observer))) {
            assertThatThrownBy(() -> conn.execute(request, "add route 10.60.0.0/16"))
                    .isInstanceOfSatisfying(NetlinkTruncatedException.class, e -> {
                        assertThat(e.operation()).isEqualTo("add route 10.60.0.0/16");
                        assertThat(e.getMessage()).contains("not repeated");
                    });
            assertThat(observer.sent.get()).as("the change was sent once").isEqualTo(1);
            // it happened, once: repeating it would have failed with EEXIST
            assertThat(ns.ip("-4", "route", "show", "10.60.0.0/16")).contains("nexthop via 10.50.1.100");
            // and the connection is still in step
            assertThat(single(conn.execute(getLink("small0"))).index()).isEqualTo(index);
        }
    }

    @Test
    void aNotificationTooLargeIsReportedAsALossAndTheNextOneArrives(Netns ns) {
        Counting observer = new Counting();
        try (Conn listener = ns.dial(Protocol.ROUTE, Config.DEFAULT.withGroups(1 << (RouteGroup.LINK.group() - 1)).withObserver(observer))) {
            listener.setReadDeadline(Instant.now().plusSeconds(10));
            ns.ip("link set big0 mtu 1400");
            assertThatThrownBy(listener::receive).isInstanceOfSatisfying(NetlinkTruncatedException.class, e -> {
                assertThat(e.length()).isGreaterThan(64 * 1024);
                assertThat(e.operation()).isEqualTo("receive");
            });
            assertThat(observer.truncated.get()).isEqualTo(1);
            ns.ip("link set big0 mtu 1300");
            LinkMessage link = single(listener.receive());
            assertThat(link.name()).isEqualTo("big0");
            assertThat(link.mtu()).isEqualTo(Integer.valueOf(1300));
        }
    }

    @Test
    void anErrorWhoseEchoIsTooLargeStillReportsTheErrno(Netns ns) {
        // RTM_NEWLINK for an index that does not exist, padded with 90 KB of unknown attributes: the kernel refuses
        // it, and its NLMSG_ERROR echoes the whole request, more than the buffer holds
        AttributeEncoder ae = new AttributeEncoder().header(ifinfomsg(999_999));
        for (int i = 0; i < 3; i++) {
            ae.bytes(0x3ff0 + i, new byte[30_000]);
        }
        try (Conn conn = ns.dial(Protocol.ROUTE)) {
            conn.setWriteBuffer(1 << 20);
            Message request = Message.of(RouteMessageType.RTM_NEWLINK, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE, ae.encode());
            assertThatThrownBy(() -> conn.execute(request, "change link 999999"))
                    .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                        assertThat(e.errno()).isPositive();
                        assertThat(e.operation()).isEqualTo("change link 999999");
                    });
            assertThat(conn.messageBufferSize()).isGreaterThan(64 * 1024);
            assertThat(single(conn.execute(getLink("big0"))).index()).isEqualTo(bigIndex);
        }
    }

    private static Message getLink(String name) {
        byte[] payload = new AttributeEncoder().header(ifinfomsg(0)).string(LinkMessage.IFLA_IFNAME, name).encode();
        return Message.of(RouteMessageType.RTM_GETLINK, HeaderFlags.REQUEST, payload);
    }

    private static Message dumpLinks() {
        return Message.of(RouteMessageType.RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, ifinfomsg(0));
    }

    private static byte[] ifinfomsg(int index) {
        return ByteBuffer.allocate(LinkMessage.HEADER_SIZE).order(ByteOrder.nativeOrder()).putInt(4, index).array();
    }

    private static List<String> names(List<Message> replies) {
        return replies.stream().map(m -> LinkMessage.decode(m).name()).toList();
    }

    private static LinkMessage single(List<Message> replies) {
        assertThat(replies).hasSize(1);
        return LinkMessage.decode(replies.get(0));
    }

    private static final class Counting implements ConnObserver {
        final AtomicInteger truncated = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();

        @Override
        public void truncated(int length) {
            truncated.incrementAndGet();
        }

        @Override
        public void sent(Message message) {
            sent.incrementAndGet();
        }
    }
}
