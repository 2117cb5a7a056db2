package io.github.jnetlink.ynl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How the loader numbers and resolves a spec, and how it reports a spec it cannot use. */
class SpecLoaderTest {

    static final SpecLoader LOADER = SpecLoader.withoutSchemas();

    static Spec spec(String body) {
        return LOADER.parse("test.yaml", "name: test\ndoc: d\n" + body);
    }

    @Test
    void attributesAreNumberedFromOneAndAnExplicitValueRestartsTheCount() {
        Spec s = spec("""
                attribute-sets:
                  - name: a
                    attributes:
                      - {name: x, type: u32}
                      - {name: y, type: string}
                      - {name: z, type: u8, value: 10}
                      - {name: w, type: flag}
                operations: {list: []}
                """);
        assertThat(s.attributeSet("a").attributes()).extracting(AttributeSpec::name, AttributeSpec::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("x", 1), org.assertj.core.groups.Tuple.tuple("y", 2),
                        org.assertj.core.groups.Tuple.tuple("z", 10), org.assertj.core.groups.Tuple.tuple("w", 11));
        assertThat(s.protocol()).isEqualTo(SpecProtocol.GENETLINK);
        assertThat(s.protonum()).isEqualTo(16);
    }

    @Test
    void enumsCountFromValueStartAndFlagsAreBits() {
        Spec s = spec("""
                definitions:
                  - {name: e, type: enum, entries: [a, b, {name: c, value: 7}, d]}
                  - {name: f, type: flags, entries: [a, b, c], value-start: 2}
                  - {name: k, type: const, value: 42}
                attribute-sets: [{name: a, attributes: []}]
                operations: {list: []}
                """);
        EnumDefinition e = (EnumDefinition) s.definitions().get("e");
        assertThat(e.entries()).extracting(EnumDefinition.Entry::value).containsExactly(0L, 1L, 7L, 8L);
        EnumDefinition f = (EnumDefinition) s.definitions().get("f");
        assertThat(f.flags()).isTrue();
        assertThat(f.entries()).extracting(EnumDefinition.Entry::value).containsExactly(4L, 8L, 16L);
        assertThat(((ConstDefinition) s.definitions().get("k")).value()).isEqualTo(42L);
    }

    @Test
    void structsAreLaidOutMemberAfterMemberWithLengthsFromConstants() {
        Spec s = spec("""
                definitions:
                  - {name: namsiz, type: const, value: 16}
                  - name: inner
                    type: struct
                    members: [{name: a, type: u16}, {name: b, type: u16, byte-order: big-endian}]
                  - name: outer
                    type: struct
                    members:
                      - {name: x, type: u8}
                      - {name: pad, type: pad, len: 3}
                      - {name: name, type: string, len: namsiz}
                      - {name: in, type: binary, struct: inner}
                      - {name: y, type: u64}
                attribute-sets: [{name: a, attributes: []}]
                operations: {list: []}
                """);
        StructDefinition outer = s.struct("outer");
        assertThat(outer.size()).isEqualTo(1 + 3 + 16 + 4 + 8);
        assertThat(outer.members()).extracting(StructDefinition.Member::offset).containsExactly(0, 1, 4, 20, 24);
        assertThat(s.struct("inner").members().get(1).byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
    }

    @Test
    void aSubsetTakesItsParentsAttributesWithTheirNumbers() {
        Spec s = spec("""
                attribute-sets:
                  - name: all
                    attributes: [{name: a, type: u32}, {name: b, type: string}, {name: c, type: u8}]
                  - name: some
                    subset-of: all
                    attributes: [{name: c}, {name: a}, {name: a}]
                operations: {list: []}
                """);
        assertThat(s.attributeSet("some").attributes()).extracting(AttributeSpec::name, AttributeSpec::value, AttributeSpec::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c", 3, AttrType.U8),
                        org.assertj.core.groups.Tuple.tuple("a", 1, AttrType.U32));
    }

    @Test
    void operationsAreNumberedUnifiedOrDirectional() {
        Spec unified = spec("""
                attribute-sets: [{name: a, attributes: [{name: x, type: u32}]}]
                operations:
                  list:
                    - {name: get, attribute-set: a, do: {request: {attributes: [x]}, reply: {attributes: [x]}}}
                    - {name: set, attribute-set: a, value: 5, do: {request: {attributes: [x]}}}
                    - {name: ntf, notify: get}
                """);
        assertThat(unified.operations()).extracting(Operation::name, Operation::requestValue, Operation::replyValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("get", 1, 1), org.assertj.core.groups.Tuple.tuple("set", 5, 5),
                        org.assertj.core.groups.Tuple.tuple("ntf", null, 6));
        assertThat(unified.notificationAttributes(unified.operations().get(2))).containsExactly("x");
        Spec directional = spec("""
                attribute-sets: [{name: a, attributes: [{name: x, type: u32}]}]
                operations:
                  enum-model: directional
                  list:
                    - {name: get, attribute-set: a, do: {request: {attributes: [x]}, reply: {attributes: [x]}}}
                    - {name: set, attribute-set: a, do: {request: {attributes: [x]}}}
                    - {name: ntf, notify: get}
                    - {name: other, attribute-set: a, do: {request: {value: 20, attributes: [x]}, reply: {value: 30, attributes: [x]}}}
                """);
        assertThat(directional.operations()).extracting(Operation::requestValue, Operation::replyValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(2, null),
                        org.assertj.core.groups.Tuple.tuple(null, 2), org.assertj.core.groups.Tuple.tuple(20, 30));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("attribute-sets: [{name: a, attributes: [{name: x, type: u33}]}]\noperations: {list: []}",
                        "attribute-sets[0].attributes[0].type", "unknown attribute type 'u33'"),
                Arguments.of("attribute-sets: [{name: a, attributes: [{name: x, type: nest}]}]\noperations: {list: []}",
                        "attribute-sets[0].attributes[0]", "needs 'nested-attributes'"),
                Arguments.of("attribute-sets: [{name: a, attributes: [{name: x, type: nest, nested-attributes: b}]}]\noperations: {list: []}",
                        "attribute-sets[a].attributes[x].nested-attributes", "no attribute set 'b'"),
                Arguments.of("attribute-sets: [{name: a, subset-of: z, attributes: [{name: x}]}]\noperations: {list: []}",
                        "attribute-sets[0].subset-of", "no attribute set 'z'"),
                Arguments.of("attribute-sets: [{name: a, attributes: [{name: x}]}]\noperations: {list: []}",
                        "attribute-sets[0].attributes[0]", "missing required key 'type'"),
                Arguments.of("attribute-sets: [{name: a, attributes: []}]\noperations: {list: [{name: o, attribute-set: q, do: {}}]}",
                        "operations.list[0].attribute-set", "no attribute set 'q'"),
                Arguments.of("definitions: [{name: s, type: struct, members: [{name: m, type: binary}]}]\nattribute-sets: []\noperations: {list: []}",
                        "definitions[0].members[0]", "needs 'len'"),
                Arguments.of("protocol: genetlink-new\nattribute-sets: []\noperations: {list: []}", "protocol", "unknown protocol"),
                Arguments.of("attribute-sets: [{name: a, attributes: [{name: on, type: flag}]}]\noperations: {list: []}",
                        "attribute-sets[0].attributes[0].name", "quote the name"),
                Arguments.of("attribute-sets: [ {name: a\n", "", "not valid YAML"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalid")
    void anInvalidSpecNamesFilePathAndProblem(String body, String path, String problem) {
        assertThatThrownBy(() -> spec(body)).isInstanceOf(YnlSpecException.class)
                .hasMessageStartingWith("test.yaml")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((YnlSpecException) e).path()).isEqualTo(path));
    }

    @Test
    void theDocumentMustBeAMapping() {
        assertThatThrownBy(() -> LOADER.parse("x.yaml", "- a\n- b\n")).isInstanceOf(YnlSpecException.class)
                .hasMessageContaining("x.yaml").hasMessageContaining("mapping");
        assertThat(List.of(SpecProtocol.values())).extracting(SpecProtocol::yamlName)
                .containsExactly("genetlink", "genetlink-c", "genetlink-legacy", "netlink-raw");
    }
}
