package io.github.jnetlink.test;

import static io.github.jnetlink.test.Links.attribute;
import static io.github.jnetlink.test.Links.concat;
import static io.github.jnetlink.test.Links.link;
import static io.github.jnetlink.test.Links.links;
import static io.github.jnetlink.test.Links.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.ExtendedAck;
import io.github.jnetlink.Header;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bytes {@link Replies} renders, compared with what {@code <linux/netlink.h>} and the kernel lay out. */
class RepliesTest {

    static final int SEQ = 77;
    static final int PORT = -4096;
    /** A request as the fake receives it: RTM_DELLINK with NLM_F_ACK, 16 bytes of payload. */
    static final Message REQUEST = new Message(new Header(32, Links.RTM_DELLINK,
            HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE, SEQ, PORT), Links.ifinfomsg(4));

    static List<Message> messages(byte[] datagram) {
        List<Message> out = new ArrayList<>();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(datagram).order(java.nio.ByteOrder.nativeOrder());
        for (int off = 0; off < datagram.length; ) {
            int length = b.getInt(off);
            int end = Math.min(datagram.length, off + Links.align(length));
            out.add(Message.unmarshal(Arrays.copyOfRange(datagram, off, end)));
            off = end;
        }
        return out;
    }

    static List<List<Message>> render(Replies r, boolean capAck) {
        return r.render(REQUEST, PORT, capAck).stream().map(RepliesTest::messages).toList();
    }

    @Test
    void ofIsOneDatagramStampedWithTheRequestsSequenceAndPort() {
        List<List<Message>> d = render(Replies.of(link(1), link(2)), false);
        assertThat(d).singleElement().satisfies(messages -> assertThat(messages).containsExactly(
                new Message(new Header(32, Links.RTM_NEWLINK, 0, SEQ, PORT), Links.ifinfomsg(1)),
                new Message(new Header(32, Links.RTM_NEWLINK, 0, SEQ, PORT), Links.ifinfomsg(2))));
    }

    @Test
    void aSequenceOrPortAlreadySetIsKept() {
        Message m = new Message(new Header(0, Links.RTM_NEWLINK, 0, 5, 6), Links.ifinfomsg(1));
        assertThat(render(Replies.of(m), false).get(0).get(0).header()).isEqualTo(new Header(32, Links.RTM_NEWLINK, 0, 5, 6));
    }

    static Stream<Arguments> multiparts() {
        return Stream.of(
                Arguments.of(0, 2, List.of(List.of("DONE"))),
                Arguments.of(1, 2, List.of(List.of("1", "DONE"))),
                Arguments.of(2, 2, List.of(List.of("1", "2"), List.of("DONE"))),
                Arguments.of(3, 2, List.of(List.of("1", "2"), List.of("3", "DONE"))),
                Arguments.of(3, 1, List.of(List.of("1"), List.of("2"), List.of("3"), List.of("DONE"))),
                Arguments.of(4, 3, List.of(List.of("1", "2", "3"), List.of("4", "DONE"))));
    }

    @ParameterizedTest(name = "{0} messages, {1} a datagram")
    @MethodSource("multiparts")
    void multipartSplitsOverDatagramsAndEndsWithDone(int count, int perDatagram, List<List<String>> shape) {
        List<List<Message>> d = render(Replies.multipart(links(count), perDatagram), false);
        assertThat(d).extracting(messages -> messages.stream()
                .map(m -> m.header().type() == HeaderType.DONE ? "DONE" : Integer.toString(Links.index(m))).toList())
                .isEqualTo(shape);
        assertThat(d).flatExtracting(x -> x).allSatisfy(m -> {
            assertThat(m.header().flags()).isEqualTo(HeaderFlags.MULTI);
            assertThat(m.header().sequence()).isEqualTo(SEQ);
            assertThat(m.header().pid()).isEqualTo(PORT);
        });
        Message done = d.get(d.size() - 1).get(d.get(d.size() - 1).size() - 1);
        assertThat(done.data()).isEqualTo(u32(0));
    }

    @Test
    void dumpInterruptedMarksEveryMessageAndTheDone() {
        assertThat(render(Replies.dumpInterrupted(links(3)), false)).flatExtracting(x -> x).hasSize(4)
                .allSatisfy(m -> assertThat(m.header().flags()).isEqualTo(HeaderFlags.MULTI | HeaderFlags.DUMP_INTERRUPTED));
    }

    @Test
    void dumpFailedPutsTheErrnoAndTheMessageInTheDone() {
        List<List<Message>> d = render(Replies.dumpFailed(List.of(), 16, "busy"), false);
        byte[] data = concat(u32(-16), attribute(1, "busy\0".getBytes(StandardCharsets.UTF_8)));
        assertThat(d).singleElement().satisfies(messages -> assertThat(messages).containsExactly(new Message(
                new Header(16 + data.length, HeaderType.DONE, HeaderFlags.MULTI | HeaderFlags.ACKNOWLEDGE_TLVS, SEQ, PORT),
                data)));
    }

    @Test
    void anAckEchoesTheRequestHeaderOnlyAndIsCapped() {
        assertThat(render(Replies.ack(), false)).singleElement().satisfies(messages -> assertThat(messages).containsExactly(
                new Message(new Header(36, HeaderType.ERROR, HeaderFlags.CAPPED, SEQ, PORT),
                        concat(u32(0), Arrays.copyOf(REQUEST.marshal(), 16)))));
    }

    static Stream<Arguments> errors() {
        byte[] header = Arrays.copyOf(REQUEST.marshal(), 16);
        byte[] whole = REQUEST.marshal();
        byte[] msg = attribute(1, "No such device\0".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                Arguments.of("no text, whole request", Replies.error(19, (String) null), false, 0, concat(u32(-19), whole)),
                Arguments.of("no text, capped", Replies.error(19, ""), true, HeaderFlags.CAPPED, concat(u32(-19), header)),
                Arguments.of("text, whole request", Replies.error(19, "No such device"), false, HeaderFlags.ACKNOWLEDGE_TLVS,
                        concat(u32(-19), whole, msg)),
                Arguments.of("text, capped", Replies.error(19, "No such device"), true,
                        HeaderFlags.CAPPED | HeaderFlags.ACKNOWLEDGE_TLVS, concat(u32(-19), header, msg)),
                Arguments.of("every attribute", Replies.error(22, new ExtendedAck("m", 20, 3, 24, new byte[] {9}, u32(1))),
                        true, HeaderFlags.CAPPED | HeaderFlags.ACKNOWLEDGE_TLVS, concat(u32(-22), header,
                                attribute(1, "m\0".getBytes(StandardCharsets.UTF_8)), attribute(2, u32(20)),
                                attribute(5, u32(3)), attribute(6, u32(24)), attribute(3, new byte[] {9}),
                                attribute(4 | 0x8000, u32(1)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void anErrorIsLaidOutAsNetlinkAckLaysItOut(String name, Replies replies, boolean capAck, int flags, byte[] data) {
        assertThat(render(replies, capAck)).singleElement().satisfies(messages -> assertThat(messages).containsExactly(
                new Message(new Header(16 + data.length, HeaderType.ERROR, flags, SEQ, PORT), data)));
    }

    @Test
    void thenAppendsDatagramsAndNoneAddsNothing() {
        Replies r = Replies.of(link(1)).then(Replies.none()).then(Replies.ack());
        assertThat(r.datagramCount()).isEqualTo(2);
        assertThat(r.silent()).isFalse();
        assertThat(Replies.none().silent()).isTrue();
        assertThat(Replies.none().then(Replies.none()).silent()).isTrue();
        assertThat(r).hasToString("Replies[[16], [ACK]]");
    }

    @Test
    void repliesAreImmutable() {
        byte[] payload = Links.ifinfomsg(1);
        Replies r = Replies.of(Message.of(Links.RTM_NEWLINK, 0, payload));
        payload[4] = 99;
        assertThat(Links.index(render(r, false).get(0).get(0))).isEqualTo(1);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> Replies.of()).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> Replies.of((Message) null)).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> Replies.multipart(null)).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> Replies.multipart(links(2), 0)).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> Replies.error(0, "x")).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> Replies.error(-19, "x")).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> Replies.error(4096, "x")).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> Replies.ack().then(null)).isInstanceOf(NetlinkArgumentException.class);
    }
}
