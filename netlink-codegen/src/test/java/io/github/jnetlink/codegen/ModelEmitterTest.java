package io.github.jnetlink.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.ynl.Spec;
import io.github.jnetlink.ynl.SpecLoader;
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

/** The CLI's embedded spec models: one YAML construct a row, then whole specs that must resolve as their files do. */
class ModelEmitterTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("a doc text is left out", "name: x\ndoc: the family\n", "{\"name\": \"x\"}\n"),
                Arguments.of("so is a nested one", "list:\n  - {name: a, doc: \"an attribute\", value: 3}\n",
                        "{\"list\": [{\"name\": \"a\", \"value\": 3}]}\n"),
                Arguments.of("a doc that is a value stays", "entries: [doc, docs]\n", "{\"entries\": [\"doc\", \"docs\"]}\n"),
                Arguments.of("numbers as YAML reads them", "value: 0x10\nbig: 0xffffffffffffffff\nneg: -1\n",
                        "{\"value\": 16, \"big\": 18446744073709551615, \"neg\": -1}\n"),
                Arguments.of("booleans", "multi-attr: true\n", "{\"multi-attr\": true}\n"),
                Arguments.of("strings escaped", "a: \"q\\\"b\\\\n\\té\"\n", "{\"a\": \"q\\\"b\\\\n\\t\\u00e9\"}\n"),
                Arguments.of("anchors expanded", "x: &l [a, b]\ny: *l\n", "{\"x\": [\"a\", \"b\"], \"y\": [\"a\", \"b\"]}\n"),
                Arguments.of("a long mapping is one entry a line", "attributes:\n" + "  - {name: aaaaaaaaaaaaaaaaaaaa, type: u32}\n".repeat(3),
                        """
                        {
                          "attributes": [
                            {"name": "aaaaaaaaaaaaaaaaaaaa", "type": "u32"},
                            {"name": "aaaaaaaaaaaaaaaaaaaa", "type": "u32"},
                            {"name": "aaaaaaaaaaaaaaaaaaaa", "type": "u32"}
                          ]
                        }
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theModelIsTheTreeWithoutDocAsJson(String name, String yaml, String json) {
        String model = ModelEmitter.model(new Yaml().load(yaml));
        assertThat(model).isEqualTo(json);
        Object reread = new Yaml().load(model);
        Object stripped = new Yaml().load(ModelEmitter.model(new Yaml().load(yaml)));
        assertThat(reread).as("JSON is YAML: SnakeYAML reads it back").isEqualTo(stripped);
    }

    @Test
    void theConstructsSpecResolvesToTheSameModel(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("constructs.yaml"), ConstructsTest.SPEC);
        Spec spec = SpecLoader.withoutSchemas().load(f);

        Map<String, String> out = ModelEmitter.emit(List.of(f), List.of(spec));

        assertThat(out).containsOnlyKeys("META-INF/jnetlink/ynl/constructs.json", "META-INF/jnetlink/ynl/index.txt");
        assertThat(out.get("META-INF/jnetlink/ynl/index.txt")).isEqualTo("constructs\n");
        String json = out.get("META-INF/jnetlink/ynl/constructs.json");
        assertThat(json).doesNotContain("every construct the generator knows");
        assertThat(ModelEmitter.sameModel(SpecLoader.withoutSchemas().parse("constructs.json", json), spec)).isTrue();
    }

    @Test
    void aModelThatResolvesDifferentlyStopsTheGenerator(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("constructs.yaml"), ConstructsTest.SPEC);
        Spec other = SpecLoader.withoutSchemas().parse("other.yaml", ConstructsTest.SPEC.replace("value: 5", "value: 6"));

        assertThatThrownBy(() -> ModelEmitter.emit(List.of(f), List.of(other))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not resolve to the spec itself");
    }
}
