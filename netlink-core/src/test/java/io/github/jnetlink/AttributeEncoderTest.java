package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AttributeEncoderTest {

    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static Stream<Arguments> exactBytes() {
        return Stream.of(
                arguments("u8", (Consumer<AttributeEncoder>) e -> e.u8(1, 0xAB), "0500 0100 ab000000"),
                arguments("u8 zero", (Consumer<AttributeEncoder>) e -> e.u8(1, 0), "0500 0100 00000000"),
                arguments("s8 -1", (Consumer<AttributeEncoder>) e -> e.s8(1, -1), "0500 0100 ff000000"),
                arguments("u16", (Consumer<AttributeEncoder>) e -> e.u16(2, 0x1234), "0600 0200 3412 0000"),
                arguments("u16 max", (Consumer<AttributeEncoder>) e -> e.u16(2, 0xFFFF), "0600 0200 ffff 0000"),
                arguments("s16 -2", (Consumer<AttributeEncoder>) e -> e.s16(2, -2), "0600 0200 feff 0000"),
                arguments("u32", (Consumer<AttributeEncoder>) e -> e.u32(3, 0xDEADBEEFL), "0800 0300 efbeadde"),
                arguments("u32 max", (Consumer<AttributeEncoder>) e -> e.u32(3, 0xFFFF_FFFFL), "0800 0300 ffffffff"),
                arguments("s32 -1", (Consumer<AttributeEncoder>) e -> e.s32(3, -1), "0800 0300 ffffffff"),
                arguments("u64", (Consumer<AttributeEncoder>) e -> e.u64(4, 0x0102030405060708L),
                        "0c00 0400 0807060504030201"),
                arguments("u64 max", (Consumer<AttributeEncoder>) e -> e.u64(4, -1L), "0c00 0400 ffffffffffffffff"),
                arguments("s64 min", (Consumer<AttributeEncoder>) e -> e.s64(4, Long.MIN_VALUE),
                        "0c00 0400 0000000000000080"),
                arguments("flag", (Consumer<AttributeEncoder>) e -> e.flag(5), "0400 0500"),
                arguments("type 0", (Consumer<AttributeEncoder>) e -> e.flag(0), "0400 0000"),
                arguments("largest type", (Consumer<AttributeEncoder>) e -> e.flag(0x3FFF), "0400 ff3f"),
                arguments("string", (Consumer<AttributeEncoder>) e -> e.string(3, "lo"), "0700 0300 6c6f00 00"),
                arguments("string needing no padding", (Consumer<AttributeEncoder>) e -> e.string(3, "eth"),
                        "0800 0300 65746800"),
                arguments("empty string is a lone NUL", (Consumer<AttributeEncoder>) e -> e.string(3, ""),
                        "0500 0300 00000000"),
                arguments("string in UTF-8", (Consumer<AttributeEncoder>) e -> e.string(3, "ä€"),
                        "0a00 0300 c3a4 e282ac 00 0000"),
                arguments("bytes", (Consumer<AttributeEncoder>) e -> e.bytes(6, new byte[] {1, 2, 3}),
                        "0700 0600 010203 00"),
                arguments("bytes aligned", (Consumer<AttributeEncoder>) e -> e.bytes(6, new byte[] {1, 2, 3, 4}),
                        "0800 0600 01020304"),
                arguments("empty bytes", (Consumer<AttributeEncoder>) e -> e.bytes(6, new byte[0]), "0400 0600"),
                arguments("bytes region", (Consumer<AttributeEncoder>) e -> e.bytes(6, new byte[] {9, 1, 2, 9}, 1, 2),
                        "0600 0600 0102 0000"),
                arguments("several attributes", (Consumer<AttributeEncoder>) e -> e.u8(1, 1).flag(2).u16(3, 3),
                        "0500 0100 01000000 0400 0200 0600 0300 0300 0000"),
                arguments("nested sets NLA_F_NESTED and counts the children's padding",
                        (Consumer<AttributeEncoder>) e -> e.nested(1, n -> n.u8(2, 1).u16(3, 2)),
                        "1400 0180 0500 0200 01000000 0600 0300 0200 0000"),
                arguments("empty nested", (Consumer<AttributeEncoder>) e -> e.nested(7, n -> { }), "0400 0780"),
                arguments("nested twice",
                        (Consumer<AttributeEncoder>) e -> e.nested(1, a -> a.nested(2, b -> b.flag(3))).flag(4),
                        "0c00 0180 0800 0280 0400 0300 0400 0400"),
                arguments("network order u16", (Consumer<AttributeEncoder>) e -> e.u16(1, 0x1234, BE),
                        "0600 0100 1234 0000"),
                arguments("network order u32", (Consumer<AttributeEncoder>) e -> e.u32(1, 0x01020304L, BE),
                        "0800 0100 01020304"),
                arguments("network order u64", (Consumer<AttributeEncoder>) e -> e.u64(1, 0x0102030405060708L, BE),
                        "0c00 0100 0102030405060708"),
                arguments("byteOrder applies to values, never headers",
                        (Consumer<AttributeEncoder>) e -> e.byteOrder(BE).u16(1, 0x0102).s16(2, 0x0304)
                                .u32(3, 0x05060708L).s32(4, 0x090a0b0c).u64(5, 1).s64(6, 2),
                        "0600 0100 0102 0000 0600 0200 0304 0000 0800 0300 05060708 0800 0400 090a0b0c"
                                + " 0c00 0500 0000000000000001 0c00 0600 0000000000000002"),
                arguments("nested inherits the byte order",
                        (Consumer<AttributeEncoder>) e -> e.byteOrder(BE).nested(1, n -> n.u16(2, 0x0102)),
                        "0c00 0180 0600 0200 0102 0000"),
                arguments("a nested byte order change ends with the nested attribute",
                        (Consumer<AttributeEncoder>) e -> e.nested(1, n -> n.byteOrder(BE).u16(2, 0x0102)).u16(3, 0x0102),
                        "0c00 0180 0600 0200 0102 0000 0600 0300 0201 0000"),
                arguments("per-call order leaves the encoder's order alone",
                        (Consumer<AttributeEncoder>) e -> e.u16(1, 0x0102, BE).u16(2, 0x0102),
                        "0600 0100 0102 0000 0600 0200 0201 0000"),
                arguments("fixed header padded before the attributes",
                        (Consumer<AttributeEncoder>) e -> e.header(new byte[] {1, 2, 3}).u8(1, 1),
                        "010203 00 0500 0100 01000000"),
                arguments("empty", (Consumer<AttributeEncoder>) e -> { }, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactBytes")
    void encodesExactBytes(String name, Consumer<AttributeEncoder> build, String expected) {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "expected bytes are written for a little-endian host");
        AttributeEncoder e = new AttributeEncoder();
        build.accept(e);
        assertThat(HexFormat.of().formatHex(e.encode())).isEqualTo(HexFormat.of().formatHex(hex(expected)));
        assertThat(e.size()).isEqualTo(hex(expected).length);
        assertThat(e.size() % 4).isZero();
    }

    @Test
    void aByteThatMakesTheBufferGrowIsKept() {
        // u8 and s8 once wrote into the array from before begin() grew it: an index exception, or a lost byte
        AttributeEncoder small = new AttributeEncoder(4).u8(1, 7).s8(2, -3);
        byte[] b = small.encode();
        assertThat(b).hasSize(16);
        assertThat(b[4]).isEqualTo((byte) 7);
        assertThat(b[12]).isEqualTo((byte) -3);
    }

    @Test
    void headersAreInHostOrder() {
        byte[] b = new AttributeEncoder().byteOrder(BE).u16(0x1234, 7).encode();
        ByteBuffer host = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertThat(host.getShort(0)).isEqualTo((short) 6);
        assertThat(host.getShort(2)).isEqualTo((short) 0x1234);
        assertThat(ByteBuffer.wrap(b).order(BE).getShort(4)).isEqualTo((short) 7);
    }

    @Test
    void valuesDefaultToHostOrder() {
        AttributeEncoder e = new AttributeEncoder();
        assertThat(e.byteOrder()).isEqualTo(ByteOrder.nativeOrder());
        byte[] b = e.u32(1, 0x01020304L).u64(2, 0x0102030405060708L).encode();
        ByteBuffer host = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertThat(host.getInt(4)).isEqualTo(0x01020304);
        assertThat(host.getLong(12)).isEqualTo(0x0102030405060708L);
    }

    static Stream<Arguments> invalidArguments() {
        return Stream.of(
                arguments("u8 above 255", (Consumer<AttributeEncoder>) e -> e.u8(1, 256), "attribute type 1: u8 value 256 is out of range 0 to 255"),
                arguments("u8 negative", (Consumer<AttributeEncoder>) e -> e.u8(1, -1), "u8 value -1 is out of range"),
                arguments("s8 above 127", (Consumer<AttributeEncoder>) e -> e.s8(1, 128), "s8 value 128 is out of range -128 to 127"),
                arguments("s8 below -128", (Consumer<AttributeEncoder>) e -> e.s8(1, -129), "s8 value -129"),
                arguments("u16 above 65535", (Consumer<AttributeEncoder>) e -> e.u16(2, 0x10000), "attribute type 2: u16 value 65536 is out of range 0 to 65535"),
                arguments("u16 negative", (Consumer<AttributeEncoder>) e -> e.u16(2, -1, BE), "u16 value -1"),
                arguments("s16 above 32767", (Consumer<AttributeEncoder>) e -> e.s16(2, 32768), "s16 value 32768 is out of range -32768 to 32767"),
                arguments("u32 negative", (Consumer<AttributeEncoder>) e -> e.u32(3, -1L), "attribute type 3: u32 value -1 is out of range 0 to 4294967295"),
                arguments("u32 above 2^32-1", (Consumer<AttributeEncoder>) e -> e.u32(3, 1L << 32), "u32 value 4294967296"),
                arguments("negative type", (Consumer<AttributeEncoder>) e -> e.flag(-1), "attribute type -1 (0xffffffff) is out of range 0 to 0x3FFF"),
                arguments("type with NLA_F_NET_BYTEORDER", (Consumer<AttributeEncoder>) e -> e.u8(0x4000, 1), "attribute type 16384 (0x4000) is out of range"),
                arguments("type with NLA_F_NESTED", (Consumer<AttributeEncoder>) e -> e.nested(0x8001, n -> n.flag(1)), "(0x8001) is out of range"),
                arguments("type above 16 bits", (Consumer<AttributeEncoder>) e -> e.string(0x10000, "x"), "(0x10000) is out of range"),
                arguments("null string", (Consumer<AttributeEncoder>) e -> e.string(4, null), "attribute type 4: string must not be null"),
                arguments("string with NUL", (Consumer<AttributeEncoder>) e -> e.string(4, "a\0b"), "attribute type 4: string contains NUL at index 1"),
                arguments("non-ASCII string with NUL", (Consumer<AttributeEncoder>) e -> e.string(4, "ä\0"), "string contains NUL at byte 2"),
                arguments("string too long", (Consumer<AttributeEncoder>) e -> e.string(4, "x".repeat(65531)), "payload of 65532 bytes does not fit, nla_len allows at most 65531"),
                arguments("null bytes", (Consumer<AttributeEncoder>) e -> e.bytes(5, null), "attribute type 5: bytes must not be null"),
                arguments("bytes too long", (Consumer<AttributeEncoder>) e -> e.bytes(5, new byte[65532]), "attribute type 5: payload of 65532 bytes does not fit"),
                arguments("bytes region outside the array", (Consumer<AttributeEncoder>) e -> e.bytes(5, new byte[4], 2, 3), "region offset 2, length 3 is outside the 4-byte array"),
                arguments("nested too long", (Consumer<AttributeEncoder>) e -> e.nested(6, n -> n.bytes(1, new byte[40000]).bytes(2, new byte[40000])), "attribute type 6: nested attributes are 80012 bytes long"),
                arguments("null nested body", (Consumer<AttributeEncoder>) e -> e.nested(6, null), "nested body must not be null"),
                arguments("null byte order", (Consumer<AttributeEncoder>) e -> e.byteOrder(null), "byte order must not be null"),
                arguments("null per-call byte order", (Consumer<AttributeEncoder>) e -> e.u32(1, 1, null), "byte order must not be null"),
                arguments("null fixed header", (Consumer<AttributeEncoder>) e -> e.header(null), "fixed header must not be null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidArguments")
    void rejectsInvalidArgumentsAndStaysUnchanged(String name, Consumer<AttributeEncoder> build, String message) {
        AttributeEncoder e = new AttributeEncoder().u8(9, 9);
        byte[] before = e.encode();
        assertThatThrownBy(() -> build.accept(e)).isInstanceOf(NetlinkArgumentException.class).hasMessageContaining(message);
        assertThat(e.encode()).isEqualTo(before);
        assertThat(e.byteOrder()).isEqualTo(ByteOrder.nativeOrder());
    }

    @Test
    void acceptsTheLongestAttributes() {
        byte[] b = new AttributeEncoder().bytes(1, new byte[65531]).encode();
        assertThat(b).hasSize(65536);
        assertThat(ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getShort(0) & 0xFFFF).isEqualTo(65535);

        byte[] s = new AttributeEncoder().string(1, "x".repeat(65530)).encode();
        assertThat(ByteBuffer.wrap(s).order(ByteOrder.nativeOrder()).getShort(0) & 0xFFFF).isEqualTo(65535);
        assertThat(s[4 + 65530]).isZero();

        // Nested content is whole padded attributes, so the longest nested nla_len is 65532.
        byte[] n = new AttributeEncoder().nested(1, x -> x.bytes(2, new byte[65524])).encode();
        assertThat(ByteBuffer.wrap(n).order(ByteOrder.nativeOrder()).getShort(0) & 0xFFFF).isEqualTo(65532);
        assertThatThrownBy(() -> new AttributeEncoder().nested(1, x -> x.bytes(2, new byte[65525])))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("nested attributes are 65536 bytes long");
    }

    @Test
    void failingNestedBodyIsDiscarded() {
        AttributeEncoder e = new AttributeEncoder().u8(1, 1);
        byte[] before = e.encode();
        assertThatThrownBy(() -> e.nested(2, n -> n.byteOrder(BE).u32(3, 5).u8(4, 300)))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("u8 value 300");
        assertThat(e.encode()).isEqualTo(before);
        assertThat(e.byteOrder()).isEqualTo(ByteOrder.nativeOrder());
        e.u8(5, 5);
        assertThat(e.size()).isEqualTo(16);
    }

    @Test
    void paddingIsZeroWhenTheBufferIsReused() {
        AttributeEncoder e = new AttributeEncoder().bytes(1, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
        e.reset();
        byte[] b = e.u8(2, 1).encode();
        assertThat(Arrays.copyOfRange(b, 5, 8)).containsOnly(0);

        AttributeEncoder f = new AttributeEncoder();
        assertThatThrownBy(() -> f.nested(1, n -> {
            n.bytes(2, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
            throw new IllegalArgumentException("boom");
        })).hasMessage("boom");
        assertThat(f.size()).isZero();
        assertThat(Arrays.copyOfRange(f.flag(3).string(4, "").encode(), 9, 12)).containsOnly(0);
    }

    @Test
    void resetReturnsToHostOrder() {
        AttributeEncoder e = new AttributeEncoder().byteOrder(BE).u8(1, 1);
        assertThat(e.reset().size()).isZero();
        assertThat(e.byteOrder()).isEqualTo(ByteOrder.nativeOrder());
        assertThat(e.encode()).isEmpty();
    }

    @Test
    void growsFromAnyCapacity() {
        AttributeEncoder e = new AttributeEncoder(0);
        for (int i = 0; i < 1000; i++) {
            e.u32(i, i);
        }
        assertThat(e.size()).isEqualTo(8000);
        AttributeDecoder d = new AttributeDecoder(e.encode());
        for (int i = 0; i < 1000; i++) {
            assertThat(d.next()).isTrue();
            assertThat(d.type()).isEqualTo(i);
            assertThat(d.u32()).isEqualTo(i);
        }
        assertThat(d.next()).isFalse();
        assertThatThrownBy(() -> new AttributeEncoder(-1)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("capacity must be >= 0, got -1");
    }

    @Test
    void encodeToWritesAfterWhatTheBufferHolds() {
        AttributeEncoder e = new AttributeEncoder().u8(1, 7).flag(2);
        ByteBuffer dst = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
        dst.putInt(0xCAFEBABE);
        assertThat(e.encodeTo(dst)).isSameAs(dst);
        assertThat(dst.position()).isEqualTo(4 + 12);
        byte[] written = new byte[12];
        dst.get(4, written);
        assertThat(written).isEqualTo(e.encode());
    }

    @Test
    void encodeToRefusesABufferItDoesNotFitAndLeavesItUnchanged() {
        AttributeEncoder e = new AttributeEncoder().u32(1, 7).u32(2, 8);
        ByteBuffer small = ByteBuffer.allocate(19).position(4);
        assertThatThrownBy(() -> e.encodeTo(small)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("16 bytes of attributes do not fit the 15 bytes remaining");
        assertThat(small.position()).isEqualTo(4);
        ByteBuffer tight = ByteBuffer.allocate(16);
        assertThatThrownBy(() -> e.encodeTo(tight.position(1))).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("15 bytes remaining");
        assertThat(e.encodeTo(tight.position(0)).position()).isEqualTo(16);
        assertThatThrownBy(() -> e.encodeTo(ByteBuffer.allocate(64).asReadOnlyBuffer()))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("read-only");
    }

    @Test
    void encodeReturnsACopy() {
        AttributeEncoder e = new AttributeEncoder().u8(1, 7);
        byte[] first = e.encode();
        first[4] = 0;
        assertThat(e.encode()[4]).isEqualTo((byte) 7);
    }

    @Test
    void toStringShowsSizeAndOrder() {
        assertThat(new AttributeEncoder().byteOrder(BE).flag(1)).hasToString("AttributeEncoder[size=4, byteOrder=BIG_ENDIAN]");
    }

    @Test
    void flagConstantsMatchTheKernel() {
        assertThat(AttributeEncoder.NESTED).isEqualTo(0x8000);
        assertThat(AttributeEncoder.NET_BYTEORDER).isEqualTo(0x4000);
        assertThat(AttributeEncoder.TYPE_MASK).isEqualTo(0x3FFF);
        assertThat(AttributeEncoder.HEADER_SIZE).isEqualTo(4);
    }
}
