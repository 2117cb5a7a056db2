package io.github.jnetlink.ynl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The JSON Schema keywords the kernel's YNL schemas use, each on a schema in the kernel schemas' own style, and
 * a loader with schemas reporting the first violation with its path.
 */
class SchemaValidatorTest {

    static final String SCHEMA = """
            $defs:
              uint: {type: integer, minimum: 0}
              len-or-define: {type: [string, integer], pattern: '^[0-9A-Za-z_-]+( - 1)?$', minimum: 0}
            type: object
            required: [name, attribute-sets]
            additionalProperties: False
            properties:
              name: {type: string}
              doc: {type: string}
              protocol: {enum: [genetlink]}
              operations: {type: object}
              attribute-sets:
                type: array
                items:
                  type: object
                  required: [name, attributes]
                  additionalProperties: False
                  properties:
                    name: {type: string}
                    subset-of: {type: string}
                    name-prefix: {type: string}
                    attributes:
                      type: array
                      items:
                        type: object
                        required: [name]
                        additionalProperties: False
                        properties:
                          name: {type: string}
                          type: {enum: [u8, u32, string, binary, nest]}
                          value: {$ref: '#/$defs/uint'}
                          len: {$ref: '#/$defs/len-or-define'}
                          struct: {type: string}
                        if: {properties: {type: {const: binary}}}
                        then:
                          oneOf: [{required: [len]}, {required: [struct]}]
                  dependencies:
                    name-prefix: {not: {required: [subset-of]}}
            """;

    static SchemaValidator validator() {
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = new Yaml().load(SCHEMA);
        return new SchemaValidator(schema);
    }

    static Stream<Arguments> cases() {
        String sets = "attribute-sets: [{name: a, attributes: [%s]}]";
        return Stream.of(
                Arguments.of("name: t\n" + sets.formatted("{name: x, type: u32}"), null),
                Arguments.of("doc: d\n" + sets.formatted("{name: x, type: u32}"), "missing required key 'name'"),
                Arguments.of("name: t\nfoo: 1\n" + sets.formatted(""), "key 'foo' is not allowed here"),
                Arguments.of("name: t\n" + sets.formatted("{name: x, type: u9}"), "attribute-sets[0].attributes[0].type: must be one of"),
                Arguments.of("name: 5\n" + sets.formatted(""), "name: must be string, found integer '5'"),
                Arguments.of("name: t\n" + sets.formatted("{name: x, type: u8, value: -1}"), "value: must be at least 0"),
                Arguments.of("name: t\n" + sets.formatted("{name: x, type: binary, len: 'a b'}"), "does not match"),
                Arguments.of("name: t\n" + sets.formatted("{name: x, type: binary}"), "attributes[0]: matches none of the allowed forms"),
                Arguments.of("name: t\n" + sets.formatted("{name: x, type: binary, len: 4, struct: s}"), "matches more than one"),
                Arguments.of("name: t\n" + sets.formatted("{name: x, type: binary, len: 'ifnamsiz - 1'}"), null),
                Arguments.of("name: t\nattribute-sets: [{name: a, subset-of: b, name-prefix: p, attributes: []}]",
                        "key 'name-prefix' cannot be combined"),
                Arguments.of("name: t\nprotocol: genetlink\n" + sets.formatted("{name: x, type: u8}"), null),
                // JSON Schema: "properties" holds for an absent key, so "if" is true and "then" applies
                Arguments.of("name: t\n" + sets.formatted("{name: x}"), "missing required key 'len'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void keywords(String doc, String expected) {
        List<String> errors = validator().validate(new Yaml().load(doc));
        if (expected == null) {
            assertThat(errors).isEmpty();
        } else {
            assertThat(errors).isNotEmpty();
            assertThat(String.join("\n", errors)).contains(expected);
        }
    }

    @Test
    void aLoaderWithSchemasNamesFileSchemaPathAndProblem(@TempDir Path dir) throws IOException {
        for (SpecProtocol p : SpecProtocol.values()) {
            Files.writeString(dir.resolve(p.yamlName() + ".yaml"), SCHEMA);
        }
        Path spec = dir.resolve("broken.yaml");
        Files.writeString(spec, "name: t\nattribute-sets: [{name: a, attributes: [{name: x, type: u64}]}]\n");
        assertThatThrownBy(() -> SpecLoader.withSchemas(dir).load(spec)).isInstanceOf(YnlSpecException.class)
                .hasMessageStartingWith("broken.yaml: attribute-sets[0].attributes[0].type: must be one of")
                .hasMessageContaining("(schema genetlink.yaml");
        Files.writeString(spec, "name: t\nattribute-sets: [{name: a, attributes: [{name: x, type: u32}]}]\n");
        assertThat(SpecLoader.withSchemas(dir).load(spec).attributeSet("a").attributes()).hasSize(1);
        assertThatThrownBy(() -> SpecLoader.withSchemas(dir.resolve("missing"))).isInstanceOf(YnlSpecException.class)
                .hasMessageContaining("genetlink.yaml").hasMessageContaining("cannot read");
    }
}
