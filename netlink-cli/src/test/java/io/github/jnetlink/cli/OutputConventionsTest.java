package io.github.jnetlink.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.ynl.Operation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each of cli.py's output conventions, on the demo spec: the JSON text is what {@code json.dumps} of cli.py's
 * decoded message prints (separators ", " and ": ").
 */
class OutputConventionsTest {

    static final Operation GET = DemoSpec.SPEC.operation("get").orElseThrow();

    static byte[] message(Consumer<AttributeEncoder> attrs) {
        byte[] hdr = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).put((byte) 7).put(new byte[3]).putInt(-3).array();
        AttributeEncoder e = new AttributeEncoder().header(hdr);
        attrs.accept(e);
        return e.encode();
    }

    /** The decoded attributes as JSON, the fixed header's members left out (they are checked once, below). */
    static String json(Consumer<AttributeEncoder> attrs) {
        Map<String, Object> m = new LinkedHashMap<>(new ReplyDecoder(DemoSpec.SPEC, true).message(GET, message(attrs)));
        m.remove("family");
        m.remove("index");
        return Json.write(m, false);
    }

    @Test
    void fixedHeaderMembersFollowTheAttributes() {
        String out = Json.write(new ReplyDecoder(DemoSpec.SPEC, true).message(GET, message(e -> e.u32(1, 5))), false);
        assertThat(out).isEqualTo("{\"count\": 5, \"family\": 7, \"index\": -3}");
    }

    @Test
    void integersAreNumbersSignedAndUnsigned() {
        assertThat(json(e -> e.u32(1, 0xFFFF_FFFFL).s8(2, -5).u64(3, -1L)))
                .isEqualTo("{\"count\": 4294967295, \"delta\": -5, \"big\": 18446744073709551615}");
        assertThat(json(e -> e.u32(25, 9))).isEqualTo("{\"auto\": 9}");
        assertThat(json(e -> e.u64(25, 1L << 40))).isEqualTo("{\"auto\": 1099511627776}");
    }

    @Test
    void stringsLoseTheirNulAndAreEscapedAsJsonDumpsDoes() {
        assertThat(json(e -> e.string(4, "eth\"0\u00e9"))).isEqualTo("{\"label\": \"eth\\\"0\\u00e9\"}");
    }

    @Test
    void enumsAreNamesAndAValueTheSpecLacksStaysANumber() {
        assertThat(json(e -> e.u8(5, 2))).isEqualTo("{\"color\": \"blue\"}");
        assertThat(json(e -> e.u8(5, 9))).isEqualTo("{\"color\": 9}");
    }

    @Test
    void flagsAreListsOfNamesLowestBitFirst() {
        assertThat(json(e -> e.u32(6, 0b101))).isEqualTo("{\"caps\": [\"fast\", \"cheap\"]}");
        assertThat(json(e -> e.u32(6, 0))).isEqualTo("{\"caps\": []}");
        assertThat(json(e -> e.u32(6, 0b1010))).isEqualTo("{\"caps\": [\"safe\", 8]}");
        assertThat(json(e -> e.u32(7, 0b110))).isEqualTo("{\"colors\": [\"green\", \"blue\"]}");
        assertThat(json(e -> e.flag(24))).isEqualTo("{\"enabled\": true}");
    }

    @Test
    void nestsAreObjectsAndMultiAttrsLists() {
        assertThat(json(e -> e.nested(8, n -> n.u32(1, 3).string(2, "a")).string(9, "one").string(9, "two")))
                .isEqualTo("{\"inner\": {\"x\": 3, \"y\": \"a\"}, \"alias\": [\"one\", \"two\"]}");
        assertThat(json(e -> e.string(9, "only"))).isEqualTo("{\"alias\": [\"only\"]}");
    }

    @Test
    void binaryIsHexAndDisplayHintsFormatIt() {
        assertThat(json(e -> e.bytes(10, new byte[] {1, (byte) 0xAB}))).isEqualTo("{\"blob\": \"01ab\"}");
        assertThat(json(e -> e.bytes(11, new byte[] {10, 0, 0, 1}))).isEqualTo("{\"addr4\": \"10.0.0.1\"}");
        byte[] v6 = new byte[16];
        v6[0] = (byte) 0xfe;
        v6[1] = (byte) 0x80;
        v6[15] = 1;
        assertThat(json(e -> e.bytes(12, v6))).isEqualTo("{\"addr6\": \"fe80::1\"}");
        assertThat(json(e -> e.bytes(13, new byte[] {2, 0, 0, (byte) 0xaa, (byte) 0xbb, 0x0c})))
                .isEqualTo("{\"mac\": \"02:00:00:aa:bb:0c\"}");
        byte[] uuid = new byte[16];
        uuid[15] = 0x42;
        assertThat(json(e -> e.bytes(14, uuid))).isEqualTo("{\"id\": \"00000000-0000-0000-0000-000000000042\"}");
        assertThat(json(e -> e.bytes(15, new byte[] {1, 2, 3}))).isEqualTo("{\"raw-hex\": \"01 02 03\"}");
        assertThat(json(e -> e.u32(16, 255))).isEqualTo("{\"mask\": \"0xff\"}");
        assertThat(json(e -> e.u32(17, 0xC0A80001L, ByteOrder.BIG_ENDIAN))).isEqualTo("{\"gw\": \"192.168.0.1\"}");
    }

    @Test
    void ipv6KeepsOneZeroGroupAndCompressesTheLongestRun() {
        assertThat(Values.ip(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}))
                .isEqualTo("2001:db8:0:1::1");
        assertThat(Values.ip(new byte[16])).isEqualTo("::");
    }

    @Test
    void structsAreObjectsWithEnumsAndHints() {
        byte[] pair = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putShort((short) 1).putShort((short) 0x1f)
                .put((byte) 1).array();
        assertThat(json(e -> e.bytes(18, pair))).isEqualTo("{\"pair\": {\"lo\": 1, \"hi\": \"0x1f\", \"tint\": \"green\"}}");
    }

    @Test
    void subMessagesTakeTheirFormatFromTheSelectorWithTheFixedHeaderFirst() {
        byte[] vlan = new AttributeEncoder()
                .header(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putShort((short) 100).array())
                .u16(1, 0x8100, ByteOrder.BIG_ENDIAN).encode();
        assertThat(json(e -> e.string(19, "vlan").bytes(20, vlan)))
                .isEqualTo("{\"kind\": \"vlan\", \"data\": {\"id\": 100, \"proto\": \"0x8100\"}}");
        // a selector value the spec has no format for: the payload stays raw where cli.py aborts
        assertThat(json(e -> e.string(19, "gre").bytes(20, new byte[] {1}))).isEqualTo("{\"kind\": \"gre\", \"data\": \"01\"}");
    }

    @Test
    void indexedArraysAndBitfields() {
        assertThat(json(e -> e.nested(21, a -> a.nested(1, n -> n.u32(1, 4)).nested(2, n -> n.u32(1, 5)))))
                .isEqualTo("{\"items\": [{\"1\": {\"x\": 4}}, {\"2\": {\"x\": 5}}]}");
        assertThat(json(e -> e.nested(22, a -> a.u16(0, 80).u16(1, 443)))).isEqualTo("{\"ports\": [80, 443]}");
        byte[] bf = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(1).putInt(3).array();
        assertThat(json(e -> e.bytes(23, bf))).isEqualTo("{\"bits\": {\"value\": [\"fast\"], \"selector\": [\"fast\", \"safe\"]}}");
    }

    @Test
    void unknownAttributesArePrintedRawInsteadOfAborting() {
        assertThat(json(e -> e.u32(1, 1).bytes(60, new byte[] {1, 0, 0, 0}).nested(61, n -> n.u8(3, 9))))
                .isEqualTo("{\"count\": 1, \"UnknownAttr(60)\": \"01000000\", \"UnknownAttr(61)\": {\"UnknownAttr(3)\": \"09\"}}");
        assertThat(json(e -> e.u8(60, 1).u8(60, 2))).isEqualTo("{\"UnknownAttr(60)\": [\"01\", \"02\"]}");
        assertThatThrownBy(() -> new ReplyDecoder(DemoSpec.SPEC, false).message(GET, message(e -> e.u8(60, 1))))
                .hasMessage("Space 'main' has no attribute with value '60'");
    }

    @Test
    void indentedOutputHoldsTheSameJson() {
        assertThat(Json.write(Map.of("a", java.util.List.of(1L, 2L)), true)).isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ]\n}");
        assertThat(Json.write(java.util.List.of(), true)).isEqualTo("[]");
    }
}
