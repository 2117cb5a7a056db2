package io.github.jnetlink.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.jnetlink.cli.ArgumentsTest.Result;
import io.github.jnetlink.ynl.Spec;
import io.github.jnetlink.ynl.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --family NAME} without a spec directory: the models netlink-families embeds resolve to the same spec as the
 * kernel's YAML files (checked against the schemas), and the command line reads them as it reads {@code --spec-dir}.
 */
class EmbeddedSpecsTest {

    @BeforeAll
    static void noSpecDirectoryInTheEnvironment() {
        assumeThat(System.getenv("JNETLINK_YNL_SPECS")).as("JNETLINK_YNL_SPECS would take the place of the embedded specs")
                .isNull();
    }

    static List<String> specFiles() throws IOException {
        try (Stream<Path> files = Files.list(KernelSpecs.netlinkDir().resolve("specs"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
    }

    @Test
    void everyKernelSpecIsEmbedded() throws IOException {
        assertThat(EmbeddedSpecs.names()).isEqualTo(specFiles());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specFiles")
    void theEmbeddedModelIsTheSpecOfTheYamlFile(String name) {
        Path netlink = KernelSpecs.netlinkDir();
        Spec yaml = SpecLoader.withSchemas(netlink).load(netlink.resolve("specs").resolve(name + ".yaml"));

        Spec embedded = EmbeddedSpecs.load(name);

        assertThat(embedded.source()).isEqualTo(name + ".yaml (embedded)");
        assertThat(embedded).usingRecursiveComparison().ignoringFields("source").isEqualTo(yaml);
        assertThat(embedded).isEqualTo(new Spec(yaml.name(), yaml.protocol(), yaml.protonum(), yaml.version(),
                yaml.definitions(), yaml.attributeSets(), yaml.subMessages(), yaml.operations(), yaml.multicastGroups(),
                yaml.errata(), embedded.source()));
    }

    @Test
    void listOpsWithoutASpecDirectoryPrintsWhatTheSpecDirectoryGives() {
        String netlink = KernelSpecs.netlinkDir().toString();
        for (String family : List.of("netdev", "rt-link", "rt_addr", "ethtool")) {
            Result embedded = ArgumentsTest.run("--family", family, "--list-ops");
            assertThat(embedded.status()).as("%s: %s", family, embedded.err()).isZero();
            assertThat(embedded.out()).isEqualTo(ArgumentsTest.run("--family", family, "--spec-dir", netlink, "--list-ops").out());
        }
        assertThat(ArgumentsTest.run("--family", "netdev", "--list-ops").out().lines().toList())
                .contains("dev-get  [ do, dump ]", "page-pool-get  [ do, dump ]", "qstats-get  [ dump ]")
                .noneMatch(l -> l.contains("ntf"));
        assertThat(ArgumentsTest.run("--family", "netdev", "--list-msgs").out().lines().toList())
                .contains("dev-add-ntf  [ notify ]");
    }

    @Test
    void anUnknownFamilyNamesTheEmbeddedOnes() {
        Result r = ArgumentsTest.run("--family", "nope", "--list-ops");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("jnetlink: --family nope: no such family among the embedded specs [devlink, dpll,")
                .contains("rt_link", "; give --spec FILE, or --spec-dir DIR for the specs on disk\n");
    }

    @Test
    void anUnknownOperationIsCheckedAgainstTheEmbeddedSpec() {
        Result r = ArgumentsTest.run("--family", "netdev", "--dump", "nope");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("jnetlink: netdev has no operation 'nope'; its operations are [dev-get, ");
    }
}
