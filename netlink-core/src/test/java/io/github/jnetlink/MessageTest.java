package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** An encoded message whose header is written as given, without the checks {@link Message#marshal()} makes. */
    static byte[] encoded(int length, int type, int flags, int sequence, int pid, int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        b.putInt(length).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(pid);
        for (int i = Header.SIZE; i < size; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    static Stream<Arguments> roundTrips() {
        return Stream.of(
                arguments("empty payload", Message.of(HeaderType.NOOP, 0, new byte[0])),
                arguments("request with data",
                        new Message(new Header(0, 0x10, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE, 1, 100), new byte[] {1, 2, 3, 4})),
                arguments("length already set",
                        new Message(new Header(24, 0x12, HeaderFlags.REQUEST | HeaderFlags.DUMP, 2, 0), new byte[] {9, 8, 7, 6, 5, 4, 3, 2})),
                arguments("largest field values",
                        new Message(new Header(0, 0xFFFF, 0xFFFF, -1, -1), new byte[] {-1, -1, -1, -1})),
                arguments("an error with its request", new Message(new Header(0, HeaderType.ERROR, HeaderFlags.CAPPED, 7, 4242),
                        new byte[20])),
                arguments("null data is empty", new Message(new Header(0, HeaderType.DONE, HeaderFlags.MULTI, 3, 3), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void unmarshalsWhatItMarshals(String name, Message m) {
        byte[] b = m.marshal();
        assertThat(b).hasSize(Header.SIZE + m.data().length);
        Message back = Message.unmarshal(b);

        Header h = m.header();
        assertThat(back.header()).isEqualTo(new Header(Header.SIZE + m.data().length, h.type(), h.flags(), h.sequence(), h.pid()));
        assertThat(back.data()).isEqualTo(m.data());
        assertThat(back.marshal()).isEqualTo(b);
    }

    @Test
    void unmarshalsWhatItMarshalsForUnalignedPayloads() {
        Message m = Message.of(0x10, HeaderFlags.REQUEST, new byte[] {1, 2, 3, 4, 5});
        Message back = Message.unmarshal(m.marshal());
        assertThat(back.header().length()).isEqualTo(21);
        assertThat(back.data()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void marshalsExactBytes() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "expected bytes are written for a little-endian host");
        Message m = new Message(new Header(0, 0x10, 0x0305, 1, 2), new byte[] {1, 2, 3});
        assertThat(HexFormat.of().formatHex(m.marshal()))
                .isEqualTo("13000000" + "1000" + "0503" + "01000000" + "02000000" + "010203" + "00");
    }

    static Stream<Arguments> marshalLengths() {
        return Stream.of(
                arguments("0 is computed", 0, 3, 19),
                arguments("the exact length", 19, 3, 19),
                arguments("the padded length", 20, 3, 20),
                arguments("header only", 16, 0, 16));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("marshalLengths")
    void marshalWritesTheLengthAndZeroPadding(String name, int headerLength, int dataLength, int written) {
        byte[] data = new byte[dataLength];
        java.util.Arrays.fill(data, (byte) 0x7F);
        byte[] b = new Message(new Header(headerLength, 0x10, 0, 0, 0), data).marshal();
        assertThat(ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt(0)).isEqualTo(written);
        assertThat(b.length % 4).isZero();
        for (int i = Header.SIZE + dataLength; i < b.length; i++) {
            assertThat(b[i]).as("padding byte %d", i).isZero();
        }
    }

    static Stream<Arguments> badMarshalLengths() {
        return Stream.of(
                arguments("too long", 99, "header length 99 does not match the message size 19 (16-byte header + 3 bytes of data)"),
                arguments("too short", 18, "header length 18 does not match the message size 19"),
                arguments("shorter than a header", 4, "header length 4 does not match"),
                arguments("negative is a huge unsigned length", -1, "header length 4294967295 does not match"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMarshalLengths")
    void marshalRejectsAWrongLength(String name, int headerLength, String message) {
        Message m = new Message(new Header(headerLength, 0x10, 0, 0, 0), new byte[3]);
        assertThatThrownBy(m::marshal).isInstanceOf(MalformedMessageException.class).hasMessageContaining(message);
    }

    static Stream<Arguments> badUnmarshals() {
        return Stream.of(
                arguments("null", null, "netlink message bytes must not be null"),
                arguments("empty", new byte[0], "netlink message too short: 0 bytes, the header alone needs 16"),
                arguments("one byte short", new byte[15], "netlink message too short: 15 bytes"),
                arguments("unaligned by one", encoded(17, 0x10, 0, 0, 0, 17), "netlink message not aligned: 17 bytes is not a multiple of 4"),
                arguments("unaligned by three", encoded(19, 0x10, 0, 0, 0, 19), "netlink message not aligned: 19 bytes"),
                arguments("length field bigger", encoded(24, 0x10, 0, 0, 0, 20), "netlink message length field 24 does not match the 20 bytes given"),
                arguments("length field smaller", encoded(16, 0x10, 0, 0, 0, 20), "netlink message length field 16 does not match the 20 bytes given"),
                arguments("length field smaller by padding only is fine, smaller by more is not",
                        encoded(15, 0x10, 0, 0, 0, 20), "netlink message length field 15 does not match the 20 bytes given"),
                arguments("length field zero", encoded(0, 0x10, 0, 0, 0, 16), "netlink message length field 0 does not match the 16 bytes given"),
                arguments("length field huge", encoded(-4, 0x10, 0, 0, 0, 16), "netlink message length field 4294967292 does not match"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUnmarshals")
    void unmarshalRejectsMalformedBytes(String name, byte[] b, String message) {
        assertThatThrownBy(() -> Message.unmarshal(b)).isInstanceOf(MalformedMessageException.class).hasMessageStartingWith(message);
    }

    @Test
    void unmarshalReadsEveryHeaderField() {
        Message m = Message.unmarshal(encoded(20, 0xABCD, 0x1234, 0x80000001, 77, 20));
        assertThat(m.header()).isEqualTo(new Header(20, 0xABCD, 0x1234, 0x80000001, 77));
        assertThat(m.data()).containsExactly(16, 17, 18, 19);
    }

    @Test
    void unmarshalCopiesTheInput() {
        byte[] b = encoded(20, 0x10, 0, 0, 0, 20);
        Message m = Message.unmarshal(b);
        b[16] = 0;
        assertThat(m.data()[0]).isEqualTo((byte) 16);
    }

    static Stream<Arguments> equality() {
        Header h = new Header(20, 0x10, 1, 2, 3);
        return Stream.of(
                arguments("same content in different arrays", new Message(h, new byte[] {1, 2}), new Message(h, new byte[] {1, 2}), true),
                arguments("null and empty data", new Message(h, null), new Message(h, new byte[0]), true),
                arguments("different data", new Message(h, new byte[] {1, 2}), new Message(h, new byte[] {1, 3}), false),
                arguments("different data length", new Message(h, new byte[] {1}), new Message(h, new byte[] {1, 0}), false),
                arguments("different header", new Message(h, new byte[] {1}), new Message(new Header(20, 0x10, 1, 2, 4), new byte[] {1}), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("equality")
    void equalsAndHashCodeCompareDataContent(String name, Message a, Message b, boolean equal) {
        assertThat(a.equals(b)).isEqualTo(equal);
        assertThat(b.equals(a)).isEqualTo(equal);
        if (equal) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
        assertThat(a).isEqualTo(a).isNotEqualTo(null).isNotEqualTo("a message");
    }

    @Test
    void rejectsANullHeader() {
        assertThatThrownBy(() -> new Message(null, new byte[0])).isInstanceOf(NetlinkArgumentException.class)
                .hasMessage("message header must not be null");
    }

    @Test
    void ofLeavesLengthSequenceAndPidForSend() {
        Message m = Message.of(0x12, HeaderFlags.REQUEST | HeaderFlags.DUMP, new byte[] {1});
        assertThat(m.header()).isEqualTo(new Header(0, 0x12, 0x301, 0, 0));
        assertThat(m.data()).containsExactly(1);
    }

    @Test
    void toStringShowsTheHeaderAndUpTo64BytesOfData() {
        Message small = new Message(new Header(18, HeaderType.DONE, HeaderFlags.MULTI, 5, 0), new byte[] {0x0a, (byte) 0xff});
        assertThat(small).hasToString("Message[Header[length=18, type=DONE, flags=MULTI, sequence=5, pid=0], data(2)=0aff]");
        Message big = Message.of(0x10, 0, new byte[65]);
        assertThat(big.toString()).endsWith("data(65)=" + "00".repeat(64) + "...]");
    }

    // parseDatagram: the receive path's splitting of one recvmsg datagram into messages.

    static ByteBuffer datagram(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.nativeOrder());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b;
    }

    static List<Message> parse(ByteBuffer b, int position, int limit) {
        List<Message> out = new ArrayList<>();
        Message.parseDatagram(b, position, limit, out);
        return out;
    }

    @Test
    void parseDatagramSplitsMessagesAtTheirAlignedLengths() {
        Message a = new Message(new Header(0, 0x10, HeaderFlags.MULTI, 1, 5), new byte[] {1, 2, 3, 4});
        Message b = new Message(new Header(0, 0x10, HeaderFlags.MULTI, 1, 5), new byte[] {5, 6, 7, 8, 9});
        Message done = new Message(new Header(0, HeaderType.DONE, HeaderFlags.MULTI, 1, 5), new byte[0]);
        ByteBuffer d = datagram(a.marshal(), b.marshal(), done.marshal());

        List<Message> out = parse(d, 0, d.capacity());

        assertThat(out).containsExactly(
                new Message(new Header(20, 0x10, HeaderFlags.MULTI, 1, 5), new byte[] {1, 2, 3, 4}),
                new Message(new Header(21, 0x10, HeaderFlags.MULTI, 1, 5), new byte[] {5, 6, 7, 8, 9}),
                new Message(new Header(16, HeaderType.DONE, HeaderFlags.MULTI, 1, 5), new byte[0]));
    }

    @Test
    void parseDatagramAcceptsAnUnpaddedLastMessage() {
        ByteBuffer d = datagram(encoded(20, 0x10, 0, 0, 0, 20), encoded(21, 0x11, 0, 0, 0, 21));
        List<Message> out = parse(d, 0, d.capacity());
        assertThat(out).hasSize(2);
        assertThat(out.get(1).header().length()).isEqualTo(21);
        assertThat(out.get(1).data()).containsExactly(16, 17, 18, 19, 20);
    }

    @Test
    void parseDatagramReadsOnlyFromPositionToLimitAndAppends() {
        ByteBuffer d = datagram(new byte[8], encoded(20, 0x10, 0, 9, 0, 20), new byte[12]);
        d.putInt(28, 0xFFFFFFFF);
        List<Message> out = new ArrayList<>(List.of(Message.of(1, 0, null)));
        Message.parseDatagram(d, 8, 28, out);
        assertThat(out).hasSize(2);
        assertThat(out.get(1).header().sequence()).isEqualTo(9);
        assertThat(parse(d, 8, 8)).isEmpty();
    }

    @Test
    void parseDatagramSharesEqualHeadersAndReadsEachStillExactly() {
        ByteBuffer d = datagram(encoded(20, 0x18, HeaderFlags.MULTI, 7, 9, 20), encoded(20, 0x18, HeaderFlags.MULTI, 7, 9, 20),
                encoded(21, 0x18, HeaderFlags.MULTI, 7, 9, 24), encoded(20, 0x18, HeaderFlags.MULTI, 7, 9, 20));
        List<Message> out = parse(d, 0, d.capacity());
        assertThat(out).extracting(Message::header).containsExactly(new Header(20, 0x18, HeaderFlags.MULTI, 7, 9),
                new Header(20, 0x18, HeaderFlags.MULTI, 7, 9), new Header(21, 0x18, HeaderFlags.MULTI, 7, 9),
                new Header(20, 0x18, HeaderFlags.MULTI, 7, 9));
        assertThat(out.get(1).header()).isSameAs(out.get(0).header());
        assertThat(out.get(2).data()).containsExactly(16, 17, 18, 19, 20);
    }

    @Test
    void parseDatagramSummarisesFlagsControlMessagesAndMismatches() {
        ByteBuffer ok = datagram(encoded(20, 0x18, HeaderFlags.MULTI, 7, 9, 20), encoded(20, 0x18, HeaderFlags.MULTI | HeaderFlags.DUMP_INTERRUPTED, 7, 0, 20));
        int summary = Message.parseDatagram(ok, 0, ok.capacity(), new ArrayList<>(), 7, 9, 0);
        assertThat(summary).isEqualTo(HeaderFlags.MULTI | HeaderFlags.DUMP_INTERRUPTED);

        ByteBuffer done = datagram(encoded(20, HeaderType.DONE, HeaderFlags.MULTI, 7, 9, 20));
        assertThat(Message.parseDatagram(done, 0, done.capacity(), new ArrayList<>(), 7, 9, 0) & Message.PARSED_CONTROL).isNotZero();

        ByteBuffer wrongSequence = datagram(encoded(20, 0x18, 0, 7, 9, 20), encoded(20, 0x18, 0, 8, 9, 20));
        assertThat(Message.parseDatagram(wrongSequence, 0, wrongSequence.capacity(), new ArrayList<>(), 7, 9, 0) & Message.PARSED_MISMATCH)
                .isNotZero();
        assertThat(Message.parseDatagram(wrongSequence, 0, wrongSequence.capacity(), new ArrayList<>(), 0, 0, 0)).isZero();
        ByteBuffer wrongPid = datagram(encoded(20, 0x18, 0, 7, 10, 20));
        assertThat(Message.parseDatagram(wrongPid, 0, wrongPid.capacity(), new ArrayList<>(), 7, 9, 0) & Message.PARSED_MISMATCH).isNotZero();
        // the kernel answers to the socket's own port ID whatever the request named: that is no mismatch
        assertThat(Message.parseDatagram(wrongPid, 0, wrongPid.capacity(), new ArrayList<>(), 7, 9, 10) & Message.PARSED_MISMATCH).isZero();
    }

    static Stream<Arguments> badDatagrams() {
        return Stream.of(
                arguments("shorter than a header", datagram(new byte[8]), 0, 8,
                        "truncated netlink header at offset 0: 8 bytes left, 16 needed"),
                arguments("trailing bytes after a message", datagram(encoded(16, 0x10, 0, 0, 0, 16), new byte[12]), 0, 28,
                        "truncated netlink header at offset 16: 12 bytes left, 16 needed"),
                arguments("offsets count from the position", datagram(new byte[4], encoded(16, 0x10, 0, 0, 0, 16), new byte[4]), 4, 24,
                        "truncated netlink header at offset 16: 4 bytes left, 16 needed"),
                arguments("length below 16", datagram(encoded(8, 0x10, 0, 0, 0, 20)), 0, 20,
                        "bad netlink message length 8 at offset 0 (20 bytes left in the datagram)"),
                arguments("length 0", datagram(encoded(0, 0x10, 0, 0, 0, 16)), 0, 16,
                        "bad netlink message length 0 at offset 0 (16 bytes left in the datagram)"),
                arguments("length beyond the datagram", datagram(encoded(16, 0x10, 0, 0, 0, 16), encoded(40, 0x10, 0, 0, 0, 20)), 0, 36,
                        "bad netlink message length 40 at offset 16 (20 bytes left in the datagram)"),
                arguments("length beyond the limit", datagram(encoded(20, 0x10, 0, 0, 0, 20)), 0, 18,
                        "bad netlink message length 20 at offset 0 (18 bytes left in the datagram)"),
                arguments("negative length", datagram(encoded(-1, 0x10, 0, 0, 0, 16)), 0, 16,
                        "bad netlink message length 4294967295 at offset 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDatagrams")
    void parseDatagramRejectsBadFraming(String name, ByteBuffer d, int position, int limit, String message) {
        assertThatThrownBy(() -> parse(d, position, limit)).isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith(message);
    }
}
