package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AttributeDecoderTest {

    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** Builds one attribute with a header in host order, for inputs the encoder refuses to produce. */
    static byte[] raw(int length, int rawType, byte... payloadAndPadding) {
        ByteBuffer b = ByteBuffer.allocate(4 + payloadAndPadding.length).order(ByteOrder.nativeOrder());
        b.putShort((short) length).putShort((short) rawType).put(payloadAndPadding);
        return b.array();
    }

    static Stream<Arguments> roundTrips() {
        return Stream.of(
                arguments("u8 0", (Consumer<AttributeEncoder>) e -> e.u8(1, 0), (Function<AttributeDecoder, Object>) AttributeDecoder::u8, 0),
                arguments("u8 255", (Consumer<AttributeEncoder>) e -> e.u8(1, 255), (Function<AttributeDecoder, Object>) AttributeDecoder::u8, 255),
                arguments("s8 -128", (Consumer<AttributeEncoder>) e -> e.s8(1, -128), (Function<AttributeDecoder, Object>) AttributeDecoder::s8, (byte) -128),
                arguments("s8 127", (Consumer<AttributeEncoder>) e -> e.s8(1, 127), (Function<AttributeDecoder, Object>) AttributeDecoder::s8, (byte) 127),
                arguments("u16 65535", (Consumer<AttributeEncoder>) e -> e.u16(2, 65535), (Function<AttributeDecoder, Object>) AttributeDecoder::u16, 65535),
                arguments("u16 0x1234", (Consumer<AttributeEncoder>) e -> e.u16(2, 0x1234), (Function<AttributeDecoder, Object>) AttributeDecoder::u16, 0x1234),
                arguments("s16 -32768", (Consumer<AttributeEncoder>) e -> e.s16(2, -32768), (Function<AttributeDecoder, Object>) AttributeDecoder::s16, Short.MIN_VALUE),
                arguments("u32 1500", (Consumer<AttributeEncoder>) e -> e.u32(3, 1500), (Function<AttributeDecoder, Object>) AttributeDecoder::u32, 1500),
                arguments("u32 max comes back as the same 32 bits", (Consumer<AttributeEncoder>) e -> e.u32(3, 0xFFFF_FFFFL), (Function<AttributeDecoder, Object>) AttributeDecoder::u32, -1),
                arguments("s32 min", (Consumer<AttributeEncoder>) e -> e.s32(3, Integer.MIN_VALUE), (Function<AttributeDecoder, Object>) AttributeDecoder::s32, Integer.MIN_VALUE),
                arguments("u64", (Consumer<AttributeEncoder>) e -> e.u64(4, 0x0102030405060708L), (Function<AttributeDecoder, Object>) AttributeDecoder::u64, 0x0102030405060708L),
                arguments("u64 max", (Consumer<AttributeEncoder>) e -> e.u64(4, -1L), (Function<AttributeDecoder, Object>) AttributeDecoder::u64, -1L),
                arguments("s64 min", (Consumer<AttributeEncoder>) e -> e.s64(4, Long.MIN_VALUE), (Function<AttributeDecoder, Object>) AttributeDecoder::s64, Long.MIN_VALUE),
                arguments("flag", (Consumer<AttributeEncoder>) e -> e.flag(5), (Function<AttributeDecoder, Object>) AttributeDecoder::flag, true),
                arguments("string", (Consumer<AttributeEncoder>) e -> e.string(6, "eth0"), (Function<AttributeDecoder, Object>) AttributeDecoder::string, "eth0"),
                arguments("empty string", (Consumer<AttributeEncoder>) e -> e.string(6, ""), (Function<AttributeDecoder, Object>) AttributeDecoder::string, ""),
                arguments("UTF-8 string", (Consumer<AttributeEncoder>) e -> e.string(6, "vlan-ä€😀"), (Function<AttributeDecoder, Object>) AttributeDecoder::string, "vlan-ä€😀"),
                arguments("bytes", (Consumer<AttributeEncoder>) e -> e.bytes(7, new byte[] {1, 2, 3, 4, 5}), (Function<AttributeDecoder, Object>) AttributeDecoder::bytes, new byte[] {1, 2, 3, 4, 5}),
                arguments("empty bytes", (Consumer<AttributeEncoder>) e -> e.bytes(7, new byte[0]), (Function<AttributeDecoder, Object>) AttributeDecoder::bytes, new byte[0]),
                arguments("network order u16 by call", (Consumer<AttributeEncoder>) e -> e.u16(8, 4789, BE), (Function<AttributeDecoder, Object>) d -> d.u16(BE), 4789),
                arguments("network order u32 by call", (Consumer<AttributeEncoder>) e -> e.u32(8, 0xC0A80001L, BE), (Function<AttributeDecoder, Object>) d -> d.u32(BE), 0xC0A80001),
                arguments("network order u64 by call", (Consumer<AttributeEncoder>) e -> e.u64(8, 42, BE), (Function<AttributeDecoder, Object>) d -> d.u64(BE), 42L),
                arguments("network order for every value",
                        (Consumer<AttributeEncoder>) e -> e.byteOrder(BE).s16(9, -2),
                        (Function<AttributeDecoder, Object>) d -> d.byteOrder(BE).s16(), (short) -2),
                arguments("network order s32", (Consumer<AttributeEncoder>) e -> e.byteOrder(BE).s32(9, -3),
                        (Function<AttributeDecoder, Object>) d -> d.byteOrder(BE).s32(), -3),
                arguments("network order s64", (Consumer<AttributeEncoder>) e -> e.byteOrder(BE).s64(9, -4),
                        (Function<AttributeDecoder, Object>) d -> d.byteOrder(BE).s64(), -4L),
                arguments("nested", (Consumer<AttributeEncoder>) e -> e.nested(10, n -> n.u32(1, 7).string(2, "x")),
                        (Function<AttributeDecoder, Object>) AttributeDecoderTest::describeNested, List.of("nested", "1=7", "2=x")),
                arguments("nested decoder inherits the byte order",
                        (Consumer<AttributeEncoder>) e -> e.byteOrder(BE).nested(10, n -> n.u32(1, 7)),
                        (Function<AttributeDecoder, Object>) d -> {
                            AttributeDecoder n = d.byteOrder(BE).nestedDecoder();
                            n.next();
                            return n.u32();
                        }, 7));
    }

    private static List<String> describeNested(AttributeDecoder d) {
        List<String> out = new ArrayList<>();
        out.add(d.nested() ? "nested" : "plain");
        AttributeDecoder n = d.nestedDecoder();
        while (n.next()) {
            out.add(n.type() + "=" + (n.type() == 1 ? Integer.toString(n.u32()) : n.string()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void decodesWhatTheEncoderWrote(String name, Consumer<AttributeEncoder> encode, Function<AttributeDecoder, Object> read,
            Object expected) {
        AttributeEncoder e = new AttributeEncoder().u8(0x3FFF, 1);
        encode.accept(e);
        e.flag(0);
        AttributeDecoder d = new AttributeDecoder(e.encode());

        assertThat(d.next()).isTrue();
        assertThat(d.type()).isEqualTo(0x3FFF);
        assertThat(d.next()).isTrue();
        assertThat(read.apply(d)).isEqualTo(expected);
        assertThat(d.next()).isTrue();
        assertThat(d.type()).isZero();
        assertThat(d.next()).isFalse();
        assertThat(d.next()).isFalse();
    }

    @Test
    void decodesAKernelStyleLinkDump() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "input bytes are written for a little-endian host");
        // IFLA_IFNAME "lo", IFLA_MTU 65536, IFLA_LINKINFO without NLA_F_NESTED holding IFLA_INFO_KIND "veth",
        // then a type this code does not know.
        byte[] b = hex("0700 0300 6c6f00 00" + "0800 0400 00000100" + "1000 1200 0900 0100 76657468 00 000000"
                + "0800 ff3f 01020304");
        AttributeDecoder d = new AttributeDecoder(b);
        List<String> seen = new ArrayList<>();
        while (d.next()) {
            switch (d.type()) {
                case 3 -> seen.add("name=" + d.string());
                case 4 -> seen.add("mtu=" + d.u32());
                case 18 -> {
                    AttributeDecoder info = d.nestedDecoder();
                    while (info.next()) {
                        seen.add("kind=" + info.string() + " nested=" + d.nested());
                    }
                }
                default -> seen.add("unknown " + d.type() + " length " + d.length());
            }
        }
        assertThat(seen).containsExactly("name=lo", "mtu=65536", "kind=veth nested=false", "unknown 16383 length 4");
    }

    @Test
    void reportsTypeFlagsLengthAndOffset() {
        byte[] b = new AttributeEncoder().u8(1, 1).nested(2, n -> n.flag(3)).encode();
        byte[] flagged = raw(6, 5 | AttributeEncoder.NET_BYTEORDER, (byte) 0x12, (byte) 0x34, (byte) 0, (byte) 0);
        byte[] all = new byte[b.length + flagged.length];
        System.arraycopy(b, 0, all, 0, b.length);
        System.arraycopy(flagged, 0, all, b.length, flagged.length);

        AttributeDecoder d = new AttributeDecoder(all);
        assertThat(d.next()).isTrue();
        assertThat(List.of(d.type(), d.rawType(), d.nested(), d.netByteOrder(), d.length(), d.offset()))
                .containsExactly(1, 1, false, false, 1, 4);
        assertThat(d.next()).isTrue();
        assertThat(List.of(d.type(), d.rawType(), d.nested(), d.netByteOrder(), d.length(), d.offset()))
                .containsExactly(2, 0x8002, true, false, 4, 12);
        assertThat(d.next()).isTrue();
        assertThat(List.of(d.type(), d.rawType(), d.nested(), d.netByteOrder(), d.length(), d.offset()))
                .containsExactly(5, 0x4005, false, true, 2, 20);
        assertThat(d.u16(BE)).isEqualTo(0x1234);
        assertThat(d.next()).isFalse();
    }

    @Test
    void readsARegionWithAbsoluteOffsets() {
        byte[] attrs = new AttributeEncoder().u32(1, 99).encode();
        byte[] b = new byte[8 + attrs.length + 8];
        System.arraycopy(attrs, 0, b, 8, attrs.length);
        b[b.length - 8] = 42; // bytes after the region must not be read

        AttributeDecoder d = new AttributeDecoder(b, 8, attrs.length);
        assertThat(d.next()).isTrue();
        assertThat(d.offset()).isEqualTo(12);
        assertThat(d.u32()).isEqualTo(99);
        assertThat(d.next()).isFalse();

        AttributeDecoder empty = new AttributeDecoder(b, 3, 0);
        assertThat(empty.next()).isFalse();
    }

    @Test
    void nestedDecoderSharesTheArrayAndMovesOnItsOwn() {
        byte[] b = new AttributeEncoder().nested(1, n -> n.u8(2, 20).u8(3, 30)).u8(4, 40).encode();
        AttributeDecoder d = new AttributeDecoder(b);
        d.next();
        AttributeDecoder n = d.nestedDecoder();
        assertThat(n.next()).isTrue();
        assertThat(n.offset()).isEqualTo(8);
        assertThat(d.next()).isTrue();
        assertThat(d.u8()).isEqualTo(40);
        assertThat(n.next()).isTrue();
        assertThat(n.u8()).isEqualTo(30);
        assertThat(n.next()).isFalse();
        assertThat(n.byteOrder()).isEqualTo(ByteOrder.nativeOrder());
    }

    @Test
    void toleratesAMissingFinalPadding() {
        byte[] b = raw(5, 1, (byte) 0xAB);
        AttributeDecoder d = new AttributeDecoder(b);
        assertThat(d.next()).isTrue();
        assertThat(d.u8()).isEqualTo(0xAB);
        assertThat(d.next()).isFalse();
    }

    static Stream<Arguments> strings() {
        return Stream.of(
                arguments("NUL-terminated", new byte[] {'l', 'o', 0}, "lo"),
                arguments("without NUL, the whole payload", new byte[] {'h', 'i'}, "hi"),
                arguments("up to the first NUL", new byte[] {'a', 0, 'b', 0}, "a"),
                arguments("empty payload", new byte[0], ""),
                arguments("lone NUL", new byte[] {0}, ""),
                arguments("malformed UTF-8", new byte[] {(byte) 0xFF, 'x', 0}, "\uFFFDx"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strings")
    void decodesStringsAsTheKernelDoes(String name, byte[] payload, String expected) {
        AttributeDecoder d = new AttributeDecoder(new AttributeEncoder().bytes(1, payload).encode());
        assertThat(d.next()).isTrue();
        assertThat(d.string()).isEqualTo(expected);
    }

    @Test
    void bytesIsACopy() {
        byte[] b = new AttributeEncoder().bytes(1, new byte[] {1, 2}).encode();
        AttributeDecoder d = new AttributeDecoder(b);
        d.next();
        byte[] copy = d.bytes();
        copy[0] = 9;
        assertThat(b[4]).isEqualTo((byte) 1);
        assertThat(d.bytes()).containsExactly(1, 2);
    }

    static Stream<Arguments> malformed() {
        byte[] u8 = new AttributeEncoder().u8(1, 1).encode();
        return Stream.of(
                arguments("one stray byte", new byte[] {1}, 0,
                        "truncated netlink attribute header at offset 0: 1 bytes left, 4 needed"),
                arguments("three bytes after an attribute", concat(u8, new byte[] {1, 2, 3}), 1,
                        "truncated netlink attribute header at offset 8: 3 bytes left, 4 needed"),
                arguments("length 0", raw(0, 1), 0, "bad netlink attribute length 0 at offset 0 (type 1, 4 bytes left"),
                arguments("length 3, shorter than the header", raw(3, 2, new byte[4]), 0,
                        "bad netlink attribute length 3 at offset 0 (type 2, 8 bytes left"),
                arguments("length beyond the buffer", raw(9, 3, new byte[4]), 0,
                        "bad netlink attribute length 9 at offset 0 (type 3, 8 bytes left"),
                arguments("length 65535 in a short buffer", raw(0xFFFF, 0x8004, new byte[4]), 0,
                        "bad netlink attribute length 65535 at offset 0 (type 4, 8 bytes left"),
                arguments("second attribute overruns", concat(u8, raw(12, 5, new byte[4])), 1,
                        "bad netlink attribute length 12 at offset 8 (type 5, 8 bytes left"));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedHeaders(String name, byte[] b, int goodAttributes, String message) {
        AttributeDecoder d = new AttributeDecoder(b);
        for (int i = 0; i < goodAttributes; i++) {
            assertThat(d.next()).isTrue();
        }
        assertThatThrownBy(d::next).isInstanceOf(MalformedMessageException.class).hasMessageContaining(message);
        assertThatThrownBy(d::next).isInstanceOf(MalformedMessageException.class).hasMessageContaining(message);
        assertThatThrownBy(d::type).isExactlyInstanceOf(NetlinkException.class)
                .hasMessageContaining("next() found a malformed attribute");
    }

    @Test
    void neverReadsPastItsRegion() {
        byte[] b = new AttributeEncoder().u32(1, 1).encode();
        assertThatThrownBy(() -> new AttributeDecoder(b, 0, 6).next()).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("bad netlink attribute length 8 at offset 0 (type 1, 6 bytes left");
    }

    static Stream<Arguments> wrongSizes() {
        return Stream.of(
                arguments("u8 of 2 bytes", new byte[2], (Consumer<AttributeDecoder>) AttributeDecoder::u8, "u8 needs a 1-byte payload, got 2 bytes"),
                arguments("u8 of 0 bytes", new byte[0], (Consumer<AttributeDecoder>) AttributeDecoder::u8, "u8 needs a 1-byte payload, got 0 bytes"),
                arguments("s8 of 4 bytes", new byte[4], (Consumer<AttributeDecoder>) AttributeDecoder::s8, "s8 needs a 1-byte payload, got 4 bytes"),
                arguments("u16 of 4 bytes", new byte[4], (Consumer<AttributeDecoder>) AttributeDecoder::u16, "u16 needs a 2-byte payload, got 4 bytes"),
                arguments("u16 of 1 byte", new byte[1], (Consumer<AttributeDecoder>) d -> d.u16(BE), "u16 needs a 2-byte payload, got 1 bytes"),
                arguments("s16 of 3 bytes", new byte[3], (Consumer<AttributeDecoder>) AttributeDecoder::s16, "s16 needs a 2-byte payload, got 3 bytes"),
                arguments("u32 of 2 bytes", new byte[2], (Consumer<AttributeDecoder>) AttributeDecoder::u32, "u32 needs a 4-byte payload, got 2 bytes"),
                arguments("u32 of 8 bytes", new byte[8], (Consumer<AttributeDecoder>) d -> d.u32(BE), "u32 needs a 4-byte payload, got 8 bytes"),
                arguments("s32 of 5 bytes", new byte[5], (Consumer<AttributeDecoder>) AttributeDecoder::s32, "s32 needs a 4-byte payload, got 5 bytes"),
                arguments("u64 of 4 bytes", new byte[4], (Consumer<AttributeDecoder>) AttributeDecoder::u64, "u64 needs a 8-byte payload, got 4 bytes"),
                arguments("u64 of 12 bytes", new byte[12], (Consumer<AttributeDecoder>) d -> d.u64(BE), "u64 needs a 8-byte payload, got 12 bytes"),
                arguments("s64 of 7 bytes", new byte[7], (Consumer<AttributeDecoder>) AttributeDecoder::s64, "s64 needs a 8-byte payload, got 7 bytes"),
                arguments("flag with a payload", new byte[1], (Consumer<AttributeDecoder>) AttributeDecoder::flag, "flag needs a 0-byte payload, got 1 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongSizes")
    void rejectsPayloadsOfTheWrongSize(String name, byte[] payload, Consumer<AttributeDecoder> read, String message) {
        byte[] b = new AttributeEncoder().flag(1).bytes(7, payload).encode();
        AttributeDecoder d = new AttributeDecoder(b);
        d.next();
        d.next();
        assertThatThrownBy(() -> read.accept(d)).isInstanceOf(MalformedMessageException.class)
                .hasMessage("netlink attribute type 7 at offset 4: " + message);
        assertThat(d.bytes()).isEqualTo(payload);
    }

    static Stream<Arguments> accessors() {
        return Stream.of(
                arguments("type", (Consumer<AttributeDecoder>) AttributeDecoder::type),
                arguments("rawType", (Consumer<AttributeDecoder>) AttributeDecoder::rawType),
                arguments("nested", (Consumer<AttributeDecoder>) AttributeDecoder::nested),
                arguments("netByteOrder", (Consumer<AttributeDecoder>) AttributeDecoder::netByteOrder),
                arguments("length", (Consumer<AttributeDecoder>) AttributeDecoder::length),
                arguments("offset", (Consumer<AttributeDecoder>) AttributeDecoder::offset),
                arguments("flag", (Consumer<AttributeDecoder>) AttributeDecoder::flag),
                arguments("u8", (Consumer<AttributeDecoder>) AttributeDecoder::u8),
                arguments("s8", (Consumer<AttributeDecoder>) AttributeDecoder::s8),
                arguments("u16", (Consumer<AttributeDecoder>) AttributeDecoder::u16),
                arguments("s16", (Consumer<AttributeDecoder>) AttributeDecoder::s16),
                arguments("u32", (Consumer<AttributeDecoder>) AttributeDecoder::u32),
                arguments("s32", (Consumer<AttributeDecoder>) AttributeDecoder::s32),
                arguments("u64", (Consumer<AttributeDecoder>) AttributeDecoder::u64),
                arguments("s64", (Consumer<AttributeDecoder>) AttributeDecoder::s64),
                arguments("string", (Consumer<AttributeDecoder>) AttributeDecoder::string),
                arguments("bytes", (Consumer<AttributeDecoder>) AttributeDecoder::bytes),
                arguments("nestedDecoder", (Consumer<AttributeDecoder>) AttributeDecoder::nestedDecoder));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accessors")
    void accessorsNeedACurrentAttribute(String name, Consumer<AttributeDecoder> read) {
        AttributeDecoder d = new AttributeDecoder(new AttributeEncoder().u8(1, 1).encode());
        Throwable before = catchThrowable(() -> read.accept(d));
        assertThat(before).isExactlyInstanceOf(NetlinkException.class)
                .hasMessage("no current netlink attribute: call next() and check that it returns true before reading");

        d.next();
        d.next();
        Throwable after = catchThrowable(() -> read.accept(d));
        assertThat(after).isExactlyInstanceOf(NetlinkException.class)
                .hasMessage("no current netlink attribute: next() returned false, all attributes have been read");
    }

    @Test
    void rejectsBadConstructorArguments() {
        assertThatThrownBy(() -> new AttributeDecoder(null)).isExactlyInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("bytes must not be null");
        assertThatThrownBy(() -> new AttributeDecoder(null, 0, 0)).isExactlyInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> new AttributeDecoder(new byte[8], 4, 5)).isExactlyInstanceOf(NetlinkArgumentException.class)
                .hasMessage("attribute decoder: region offset 4, length 5 is outside the 8-byte array");
        assertThatThrownBy(() -> new AttributeDecoder(new byte[8], -1, 2)).isExactlyInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> new AttributeDecoder(new byte[8], 2, -1)).isExactlyInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> new AttributeDecoder(new byte[8], Integer.MAX_VALUE, 2)).isExactlyInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> new AttributeDecoder(new byte[8]).byteOrder(null)).isExactlyInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("byte order must not be null");
        AttributeDecoder d = new AttributeDecoder(new AttributeEncoder().u32(1, 1).encode());
        d.next();
        assertThatThrownBy(() -> d.u32(null)).isExactlyInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("byte order must not be null");
    }

    @Test
    void toStringDescribesTheCursor() {
        AttributeDecoder d = new AttributeDecoder(new AttributeEncoder().nested(3, n -> { }).encode());
        assertThat(d).hasToString("AttributeDecoder[before first, position=0, end=4]");
        d.next();
        assertThat(d).hasToString("AttributeDecoder[type=3, rawType=0x8003, offset=4, length=0]");
        d.next();
        assertThat(d).hasToString("AttributeDecoder[at end, position=4, end=4]");
    }
}
