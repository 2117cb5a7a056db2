package io.github.jnetlink.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's Spring testing examples are these tests, verbatim from their first annotation on. */
class ReadmeExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"NetworkMonitorFakeTest", "NetworkMonitorNamespaceTest"})
    void theReadmeShowsTheTestAsItIs(String test) throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/github/jnetlink/sample", test + ".java"));
        String example = source.substring(source.indexOf("@SpringBootTest")).strip();
        assertThat(Files.readString(Path.of("../README.md"))).contains(example);
        assertThat(example.lines().count()).as("lines of the example").isLessThan(20);
    }
}
