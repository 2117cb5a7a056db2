package io.github.jnetlink.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.ynl.DynamicCodec;
import io.github.jnetlink.ynl.Spec;
import io.github.jnetlink.ynl.SpecLoader;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One YNL construct a row: the wire bytes the kernel would send (built by hand with core's encoder), what the
 * dynamic codec makes of them and encodes from its values, and what the generated record, compiled in memory from
 * the same inline spec, decodes and encodes again. Both must give back the wire bytes exactly.
 */
class ConstructsTest {

    static final String SPEC = """
            name: constructs
            doc: every construct the generator knows
            definitions:
              - {name: max-name, type: const, value: 8}
              - {name: color, type: enum, entries: [red, green, {name: blue, value: 5}]}
              - {name: opts, type: flags, entries: [a, b, c]}
              - name: hdr
                type: struct
                members:
                  - {name: family, type: u8}
                  - {name: pad, type: pad, len: 1}
                  - {name: port, type: u16, byte-order: big-endian}
                  - {name: index, type: u32}
            attribute-sets:
              - name: scalars
                attributes:
                  - {name: u8, type: u8}
                  - {name: u16, type: u16}
                  - {name: u32, type: u32}
                  - {name: u64, type: u64}
                  - {name: s8, type: s8}
                  - {name: s16, type: s16}
                  - {name: s32, type: s32}
                  - {name: s64, type: s64}
                  - {name: uint, type: uint}
                  - {name: sint, type: sint}
                  - {name: be16, type: u16, byte-order: big-endian}
                  - {name: be32, type: u32, byte-order: big-endian, display-hint: ipv4}
                  - {name: text, type: string, checks: {max-len: max-name}}
                  - {name: blob, type: binary, display-hint: mac}
                  - {name: enabled, type: flag}
                  - {name: bits, type: bitfield32}
                  - {name: hdr, type: binary, struct: hdr}
                  - {name: color, type: u32, enum: color}
                  - {name: opts, type: u32, enum: opts}
                  - {name: ranged, type: u16, checks: {min: 10, max: 20}}
                  - {name: pad, type: pad}
              - name: outer
                attributes:
                  - {name: kind, type: string}
                  - {name: inner, type: nest, nested-attributes: scalars}
                  - {name: many, type: u32, multi-attr: true}
                  - {name: items, type: indexed-array, sub-type: nest, nested-attributes: small}
                  - {name: nums, type: indexed-array, sub-type: u32}
                  - {name: tv, type: nest-type-value, type-value: [outer-id, inner-id], nested-attributes: small}
                  - {name: data, type: sub-message, sub-message: data-msg, selector: kind}
              - name: small
                attributes:
                  - {name: id, type: u32}
                  - {name: name, type: string}
              - name: wrapper
                attributes:
                  - {name: kind, type: string}
                  - {name: deep, type: nest, nested-attributes: deep}
              - name: deep
                attributes:
                  - {name: app, type: sub-message, sub-message: data-msg, selector: kind}
              - name: part
                subset-of: scalars
                attributes: [{name: u32}, {name: text}]
            sub-messages:
              - name: data-msg
                formats:
                  - {value: small, attribute-set: small}
                  - {value: hdr, fixed-header: hdr}
                  - {value: both, fixed-header: hdr, attribute-set: small}
            operations:
              list:
                - name: get
                  attribute-set: outer
                  do: {request: {attributes: [kind]}, reply: {attributes: [kind, inner]}}
                  dump: {reply: {attributes: [kind]}}
                - {name: get-ntf, notify: get, mcgrp: events}
            mcast-groups: {list: [{name: events}]}
            """;

    static final String PKG = "io.github.jnetlink.family.constructs.";
    static Spec spec;
    static DynamicCodec dynamic;
    static ClassLoader generated;

    @BeforeAll
    static void compile(@TempDir Path dir) throws IOException {
        spec = SpecLoader.withoutSchemas().parse("constructs.yaml", SPEC);
        dynamic = new DynamicCodec(spec);
        Map<String, String> files = new FamilyEmitter(spec).emit();
        List<File> sources = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve("src").resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
            sources.add(p.toFile());
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var fm = javac.getStandardFileManager(null, null, null);
        List<String> options = List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                "-Xlint:all", "-Werror", "-Xlint:-rawtypes");
        boolean ok = javac.getTask(null, fm, null, options, null, fm.getJavaFileObjectsFromFiles(sources)).call();
        assertThat(ok).as("the generated sources compile without warnings").isTrue();
        generated = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ConstructsTest.class.getClassLoader());
    }

    static byte[] wire(Consumer<AttributeEncoder> body) {
        AttributeEncoder e = new AttributeEncoder();
        body.accept(e);
        return e.encode();
    }

    static byte[] le(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.nativeOrder());
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static final byte[] HDR = {2, 0, 0x1F, (byte) 0x90, 7, 0, 0, 0}; // family 2, port 8080 big-endian, index 7

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("u8", "scalars", wire(e -> e.u8(1, 200)), map("u8", 200L)),
                Arguments.of("u16", "scalars", wire(e -> e.u16(2, 0xBEEF)), map("u16", 0xBEEFL)),
                Arguments.of("u32", "scalars", wire(e -> e.u32(3, 0xFFFF_FFFEL)), map("u32", 0xFFFF_FFFEL)),
                Arguments.of("u64", "scalars", wire(e -> e.u64(4, -2L)), map("u64", -2L)),
                Arguments.of("s8", "scalars", wire(e -> e.s8(5, -3)), map("s8", -3L)),
                Arguments.of("s16", "scalars", wire(e -> e.s16(6, -300)), map("s16", -300L)),
                Arguments.of("s32", "scalars", wire(e -> e.s32(7, -70000)), map("s32", -70000L)),
                Arguments.of("s64", "scalars", wire(e -> e.s64(8, Long.MIN_VALUE)), map("s64", Long.MIN_VALUE)),
                Arguments.of("uint in 4 bytes", "scalars", wire(e -> e.u32(9, 5)), map("uint", 5L)),
                Arguments.of("uint in 8 bytes", "scalars", wire(e -> e.u64(9, 0x1_0000_0000L)), map("uint", 0x1_0000_0000L)),
                Arguments.of("sint in 4 bytes", "scalars", wire(e -> e.s32(10, -5)), map("sint", -5L)),
                Arguments.of("sint in 8 bytes", "scalars", wire(e -> e.s64(10, -0x1_0000_0000L)), map("sint", -0x1_0000_0000L)),
                Arguments.of("big-endian u16", "scalars", wire(e -> e.u16(11, 0x8100, ByteOrder.BIG_ENDIAN)), map("be16", 0x8100L)),
                Arguments.of("big-endian u32", "scalars", wire(e -> e.u32(12, 0x0A000001L, ByteOrder.BIG_ENDIAN)), map("be32", 0x0A000001L)),
                Arguments.of("string", "scalars", wire(e -> e.string(13, "eth0")), map("text", "eth0")),
                Arguments.of("binary", "scalars", wire(e -> e.bytes(14, new byte[] {1, 2, 3, 4, 5, 6})), map("blob", new byte[] {1, 2, 3, 4, 5, 6})),
                Arguments.of("flag", "scalars", wire(e -> e.flag(15)), map("enabled", true)),
                Arguments.of("bitfield32", "scalars", wire(e -> e.bytes(16, le(5, 7))), map("bits", map("value", 5L, "selector", 7L))),
                Arguments.of("binary struct", "scalars", wire(e -> e.bytes(17, HDR)), map("hdr", map("family", 2L, "port", 8080L, "index", 7L))),
                Arguments.of("enum", "scalars", wire(e -> e.u32(18, 5)), map("color", 5L)),
                Arguments.of("nest", "outer", wire(e -> e.nested(2, n -> n.u8(1, 1).string(13, "x"))), map("inner", map("u8", 1L, "text", "x"))),
                Arguments.of("multi-attr", "outer", wire(e -> e.u32(3, 1).u32(3, 2).u32(3, 3)), map("many", List.of(1L, 2L, 3L))),
                Arguments.of("indexed-array of nests", "outer", wire(e -> e.nested(4, a -> a.nested(0, x -> x.u32(1, 9)).nested(1, x -> x.string(2, "b")))),
                        map("items", List.of(map("id", 9L), map("name", "b")))),
                Arguments.of("indexed-array of u32", "outer", wire(e -> e.nested(5, a -> a.u32(0, 10).u32(1, 20))), map("nums", List.of(10L, 20L))),
                Arguments.of("nest-type-value", "outer", wire(e -> e.nested(6, a -> a.nested(3, b -> b.nested(4, c -> c.u32(1, 8))))),
                        map("tv", List.of(map("outer-id", 3L, "inner-id", 4L, "attributes", map("id", 8L))))),
                Arguments.of("sub-message by selector", "outer", wire(e -> e.string(1, "small").bytes(7, wire(s -> s.u32(1, 5).string(2, "x")))),
                        map("kind", "small", "data", map("id", 5L, "name", "x"))),
                Arguments.of("sub-message with a fixed header", "outer", wire(e -> e.string(1, "hdr").bytes(7, HDR)),
                        map("kind", "hdr", "data", map("fixed-header", map("family", 2L, "port", 8080L, "index", 7L)))),
                Arguments.of("sub-message with header and attributes", "outer",
                        wire(e -> e.string(1, "both").bytes(7, new AttributeEncoder().header(HDR).u32(1, 6).encode())),
                        map("kind", "both", "data", map("fixed-header", map("family", 2L, "port", 8080L, "index", 7L), "id", 6L))),
                Arguments.of("sub-message of an unknown selector", "outer", wire(e -> e.string(1, "zzz").bytes(7, new byte[] {9, 9})),
                        map("kind", "zzz", "data", new byte[] {9, 9})),
                Arguments.of("sub-message selected by an enclosing set", "wrapper",
                        wire(e -> e.string(1, "small").nested(2, n -> n.bytes(1, wire(s -> s.u32(1, 5))))),
                        map("kind", "small", "deep", map("app", map("id", 5L)))),
                Arguments.of("subset-of", "part", wire(e -> e.u32(3, 4).string(13, "p")), map("u32", 4L, "text", "p")),
                Arguments.of("unknown attribute", "small", wire(e -> e.u32(1, 1).bytes(99, new byte[] {1, 2})),
                        map("id", 1L, "unknown-99", new byte[] {1, 2})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void dynamicCodecDecodesAndEncodesTheWireBytes(String construct, String set, byte[] wire, Map<String, Object> values) {
        Map<String, Object> decoded = dynamic.decode(set, wire, 0, wire.length);
        assertThat(decoded).usingRecursiveComparison().isEqualTo(values);
        assertThat(dynamic.encode(set, values)).isEqualTo(wire);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void generatedRecordDecodesAndEncodesTheWireBytes(String construct, String set, byte[] wire, Map<String, Object> values)
            throws Exception {
        Class<?> record = generated.loadClass(PKG + Names.type(set) + "Attrs");
        Object decoded = record.getMethod("decode", byte[].class, int.class, int.class).invoke(null, wire, 0, wire.length);
        assertThat((byte[]) record.getMethod("encode").invoke(decoded)).isEqualTo(wire);
        List<?> unknown = (List<?>) record.getMethod("unknownAttributes").invoke(decoded);
        assertThat(unknown).hasSize(values.keySet().stream().filter(k -> k.startsWith("unknown-")).toList().size());
    }

    static Object call(Object target, String method) throws Exception {
        return target.getClass().getMethod(method).invoke(target);
    }

    static Object decodeGenerated(String set, byte[] wire) throws Exception {
        return generated.loadClass(PKG + set).getMethod("decode", byte[].class, int.class, int.class).invoke(null, wire, 0, wire.length);
    }

    @Test
    void generatedAccessorsAreTyped() throws Exception {
        Object s = decodeGenerated("ScalarsAttrs", wire(e -> e.u8(1, 200).u32(3, 0xFFFF_FFFEL).s16(6, -300)
                .u32(12, 0x0A000001L, ByteOrder.BIG_ENDIAN).bytes(14, new byte[] {0, 0x1b, 0x21, 1, 2, 3}).flag(15)
                .bytes(17, HDR).u32(18, 5).u32(19, 5)));
        assertThat(call(s, "u8")).isEqualTo(200);
        assertThat(call(s, "u32")).isEqualTo(0xFFFF_FFFEL);
        assertThat(call(s, "s16")).isEqualTo(-300);
        assertThat(call(s, "be32Address").toString()).isEqualTo("/10.0.0.1");
        assertThat(call(s, "blobText")).isEqualTo("00:1b:21:01:02:03");
        assertThat(call(s, "enabled")).isEqualTo(true);
        Object hdr = call(s, "hdrStruct");
        assertThat(call(hdr, "family")).isEqualTo(2);
        assertThat(call(hdr, "port")).isEqualTo(8080);
        assertThat(call(hdr, "index")).isEqualTo(7L);
        assertThat(call(s, "colorEnum").toString()).isEqualTo("Optional[BLUE]");
        assertThat(call(s, "optsFlags").toString()).isEqualTo("[A, C]");
        Object outer = decodeGenerated("OuterAttrs", wire(e -> e.string(1, "small").bytes(7, wire(x -> x.u32(1, 5)))));
        Object data = call(outer, "data");
        assertThat(call(data, "selector")).isEqualTo("small");
        assertThat(call(call(data, "small"), "id")).isEqualTo(5L);
        assertThat(call(data, "raw")).isNull();
        Object wrapper = decodeGenerated("WrapperAttrs", wire(e -> e.nested(2, n -> n.bytes(1, wire(x -> x.u32(1, 6))))
                .string(1, "small")));
        Object app = call(call(wrapper, "deep"), "app");
        assertThat(call(app, "selector")).as("the selector of the enclosing set, even when it comes after the nest")
                .isEqualTo("small");
        assertThat(call(call(app, "small"), "id")).isEqualTo(6L);
    }

    @Test
    void checksAreEnforcedOnEncodeWithTheAttributesName() throws Exception {
        Class<?> scalars = generated.loadClass(PKG + "ScalarsAttrs");
        Object builder = scalars.getMethod("builder").invoke(null);
        builder.getClass().getMethod("ranged", Integer.class).invoke(builder, 21);
        Object tooBig = builder.getClass().getMethod("build").invoke(builder);
        assertThatThrownBy(() -> invoke(tooBig, "encode")).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("constructs scalars.ranged").hasMessageContaining("above the spec's maximum 20");
        Object b2 = scalars.getMethod("builder").invoke(null);
        b2.getClass().getMethod("text", String.class).invoke(b2, "much too long");
        Object tooLong = b2.getClass().getMethod("build").invoke(b2);
        assertThatThrownBy(() -> invoke(tooLong, "encode")).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("scalars.text").hasMessageContaining("at most 8");
        assertThatThrownBy(() -> dynamic.encode("scalars", map("ranged", 9L))).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("below the minimum 10");
        assertThatThrownBy(() -> dynamic.encode("scalars", map("nope", 1L))).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("has no attribute 'nope'");
    }

    static Object invoke(Object target, String method) throws Throwable {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void malformedInputNamesTheAttribute() {
        byte[] shortU32 = wire(e -> e.u16(3, 1));
        assertThatThrownBy(() -> {
            try {
                decodeGenerated("ScalarsAttrs", shortU32);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }).isInstanceOf(NetlinkException.class).hasMessageContaining("constructs scalars.u32 (3)");
        assertThatThrownBy(() -> dynamic.decode("scalars", shortU32, 0, shortU32.length)).isInstanceOf(NetlinkException.class);
    }

    @Test
    void notificationsDecodeByCommand() throws Exception {
        Class<?> ntf = generated.loadClass(PKG + "ConstructsNotification");
        byte[] data = new AttributeEncoder().header(new byte[] {2, 1, 0, 0}).string(1, "k").encode();
        Object n = ntf.getMethod("decode", io.github.jnetlink.Message.class).invoke(null, io.github.jnetlink.Message.of(0x20, 0, data));
        assertThat(n.getClass().getSimpleName()).isEqualTo("GetNtf");
        assertThat(call(call(n, "attributes"), "kind")).isEqualTo("k");
        Object unknown = ntf.getMethod("decode", io.github.jnetlink.Message.class)
                .invoke(null, io.github.jnetlink.Message.of(0x20, 0, new byte[] {9, 1, 0, 0}));
        assertThat(unknown.getClass().getSimpleName()).isEqualTo("Unknown");
        assertThat(call(unknown, "command")).isEqualTo(9);
    }

    @Test
    void dynamicCodecDecodesAndEncodesWholeMessagesOfAnOperation() {
        var get = spec.operation("get").orElseThrow();
        byte[] attrs = wire(e -> e.string(1, "small"));
        byte[] payload = new AttributeEncoder().header(new byte[] {1, 2, 0, 0}).encode();
        byte[] whole = java.util.Arrays.copyOf(payload, payload.length + attrs.length);
        System.arraycopy(attrs, 0, whole, payload.length, attrs.length);
        assertThat(dynamic.decodeMessage(get, whole)).isEqualTo(map("command", 1L, "version", 2L, "kind", "small"));
        assertThat(dynamic.encodeMessage(get, map("kind", "small"))).isEqualTo(attrs);
        assertThat(dynamic.operationOfMessage(2).orElseThrow().name()).isEqualTo("get-ntf");
        assertThatThrownBy(() -> dynamic.decodeMessage(get, new byte[] {1})).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("constructs get").hasMessageContaining("needs 4");
    }

    @Test
    void namesFollowTheDocumentedRule() {
        assertThat(Names.pkg("rt-link")).isEqualTo("rtlink");
        assertThat(Names.pkg("ovs_datapath")).isEqualTo("ovsdatapath");
        assertThat(Names.type("link-attrs")).isEqualTo("LinkAttrs");
        assertThat(Names.member("do")).isEqualTo("do_");
        assertThat(Names.member("10-khz")).isEqualTo("v10Khz");
        assertThat(Names.constant("77_5-khz")).isEqualTo("_77_5_KHZ");
    }
}
