package io.github.jnetlink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line's arguments, its errors (one line on stderr, a non-zero exit, no stack trace) and --list-ops. */
class ArgumentsTest {

    @TempDir
    static Path dir;

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String demoFile() throws IOException {
        Path specs = dir.resolve("specs");
        Files.createDirectories(specs);
        Path f = specs.resolve("demo.yaml");
        Files.writeString(f, DemoSpec.YAML);
        return f.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--list-ops|one of --spec FILE or --family NAME is required",
        "--spec SPEC --family demo --list-ops|--spec and --family exclude each other",
        "--spec SPEC --do get --dump get|--do, --dump, --list-ops and --list-msgs exclude each other",
        "--spec SPEC --list-ops --list-msgs|--do, --dump, --list-ops and --list-msgs exclude each other",
        "--spec SPEC --sleep soon|--sleep: needs whole seconds, got 'soon'",
        "--spec SPEC --sleep -1|--sleep: needs whole seconds, got '-1'",
        "--spec SPEC --frobnicate|unrecognized argument '--frobnicate'",
        "--spec SPEC --do|--do: expected one argument",
        "--spec SPEC --do put|demo has no operation 'put'; its operations are [get]",
        "--spec SPEC --do get --json [1]|--json: needs a JSON object such as '{\"ifindex\": 1}', got [1]",
        "--spec SPEC --do get --json {\"count\":|--json: not valid JSON",
        "--spec SPEC --do get --json {\"nope\": 1}|Space 'main' has no attribute 'nope'; it has [count, delta",
        "--spec SPEC --do get --json {\"count\": \"many\"}|demo main.count: needs a number, got 'many'",
        "--spec SPEC --do get --json {\"color\": \"pink\"}|color has no entry 'pink'; its entries are [red, green, blue]",
        "--spec SPEC --do get --json {\"blob\": \"xyz\"}|demo main.blob: 'xyz' is not hex",
        "--spec SPEC --json {\"count\": 1}|--json needs --do or --dump",
        "--spec SPEC --subscribe nope --list-ops|--subscribe: demo has no multicast group 'nope'; its groups are [demo-grp]",
        "--spec /no/such.yaml --list-ops|--spec: no such file /no/such.yaml",
        "--family nope --spec-dir DIR --list-ops|--family nope: no spec nope.yaml in",
    })
    void userErrorsPrintOneMessageAndExitNonZeroWithoutAStackTrace(String line, String message) throws IOException {
        String spec = demoFile();
        String[] args = line.replace("SPEC", spec).replace("DIR", dir.toString()).split(" ", -1);
        // the JSON examples hold spaces: glue the words after --json back together
        List<String> list = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--json")) {
                StringBuilder sb = new StringBuilder(args[++i]);
                while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    sb.append(' ').append(args[++i]);
                }
                list.add("--json");
                list.add(sb.toString());
            } else {
                list.add(args[i]);
            }
        }
        Result r = run(list.toArray(String[]::new));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("jnetlink: ").contains(message).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void helpListsTheOptionsAndSucceeds() {
        Result r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--family NAME", "--dump OP", "--subscribe GROUP", "--output-json", "--list-ops");
    }

    @Test
    void listOpsPrintsEachOperationWithItsModesAsCliPyDoes() throws IOException {
        Result r = run("--spec", demoFile(), "--list-ops");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("get  [ do, dump ]\n");
        Result byFamily = run("--family", "demo", "--spec-dir", dir.toString(), "--list-ops");
        assertThat(byFamily.out()).isEqualTo(r.out());
    }

    @Test
    void listOpsOfTheKernelsNetdevSpecLeavesNotificationsOut() {
        Path netlink = KernelSpecs.netlinkDir();
        Result r = run("--family", "netdev", "--spec-dir", netlink.toString(), "--list-ops");
        assertThat(r.status()).isZero();
        assertThat(r.out().lines().toList()).contains("dev-get  [ do, dump ]", "page-pool-get  [ do, dump ]",
                "qstats-get  [ dump ]").noneMatch(l -> l.contains("ntf"));
        Result msgs = run("--family", "netdev", "--spec-dir", netlink.toString(), "--list-msgs");
        assertThat(msgs.out().lines().toList()).contains("dev-get  [ do, dump ]", "dev-add-ntf  [ notify ]");
        // rt_link.yaml is found as rt-link, the family's own name
        assertThat(run("--family", "rt-link", "--spec-dir", netlink.toString(), "--list-ops").out())
                .contains("getlink  [ do, dump ]");
    }
}
