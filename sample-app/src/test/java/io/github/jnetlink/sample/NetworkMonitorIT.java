package io.github.jnetlink.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.Command;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample as a user runs it: the packaged jar, started inside a throwaway namespace, watched while
 * {@code ip} changes links, addresses and routes, then stopped with SIGTERM.
 */
@NetlinkNamespace
class NetworkMonitorIT {

    static final String TIME = "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ";
    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
        ns.ip("link add pre0 type veth peer name pre1");
        ns.ip("addr add 10.43.0.1/24 dev pre0");
    }

    /** Starts the packaged sample with the given extra arguments; its output lines collect in {@code lines}. */
    static Process start(List<String> lines, String... args) throws java.io.IOException {
        return start(ns, List.of(), lines, args);
    }

    /**
     * Starts the packaged sample watching {@code namespace}, with the given JVM options and extra arguments;
     * its output lines collect in {@code lines}.
     */
    static Process start(Netns namespace, List<String> jvmOptions, List<String> lines, String... args) throws java.io.IOException {
        Path jar = Path.of(System.getProperty("sample.jar", "target/netlink-monitor.jar"));
        assertThat(jar).exists();
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--netlink.connections.route.netns=" + namespace.path()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        }, "sample-output");
        reader.start();
        return p;
    }

    @Test
    void saysSoOnOverrunAndTheMirrorPrintsWhatWasLost() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Process p = start(lines, "--netlink.connections.route.receive-buffer-size=4KB");
        try {
            waitFor(lines, "watching for link, address, route and neighbour changes", Duration.ofSeconds(60));
            List<String> adds = new java.util.ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                adds.add("route add 10.46." + (i / 250) + "." + (i % 250) + "/32 dev pre0");
            }
            ns.ip("link set pre0 up");
            // a stopped monitor cannot read, so the burst certainly overflows its 4 KB socket buffer
            Command.run("kill", "-STOP", Long.toString(p.pid()));
            try {
                ns.batch(adds);
            } finally {
                Command.run("kill", "-CONT", Long.toString(p.pid()));
            }
            waitFor(lines, "overrun on connection 'route': the kernel dropped notifications; the mirror resyncs", Duration.ofSeconds(20));
            waitFor(lines, "resynced: ", Duration.ofSeconds(20));
            // every route of the burst was printed once: live before the overrun, or as found by the resync
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            java.util.function.Supplier<Long> printed = () -> lines.stream().filter(l -> l.contains("route added: 10.46."))
                    .map(l -> l.substring(l.indexOf("route added: ")).replace(" (resync)", "")).distinct().count();
            while (printed.get() < 2000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(printed.get()).as("routes of the burst printed").isEqualTo(2000);
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("route added: 10.46.").endsWith(" (resync)"));
            assertThat(lines).anySatisfy(l -> assertThat(l).matches(TIME + "resynced: [1-9]\\d* changes"));
        } finally {
            p.destroy();
            assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
            ns.ip("link set pre0 down");
        }
    }

    @Test
    void printsTheTableThenEveryChangeAndStopsOnSigterm() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Process p = start(lines);
        try {
            waitFor(lines, "watching for link, address, route and neighbour changes", Duration.ofSeconds(60));
            assertThat(lines.get(0)).startsWith("INDEX").contains("NAME", "STATE", "MTU", "MAC", "ADDRESSES");
            assertThat(lines).anySatisfy(l -> assertThat(l).matches("1\\s+lo\\s+.*"));
            assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\d+\\s+pre0\\s+\\w+\\s+1500\\s+[0-9a-f:]{17}\\s+10\\.43\\.0\\.1/24"));

            ns.ip("link add e0 type veth peer name e1");
            ns.ip("addr add 10.44.0.1/24 dev e0");
            ns.ip("link set e1 up");
            ns.ip("link set e0 up");
            ns.ip("route add 10.45.0.0/24 via 10.44.0.2");
            ns.ip("route del 10.45.0.0/24");
            ns.ip("addr del 10.44.0.1/24 dev e0");
            ns.ip("link set e0 down");
            ns.ip("link del e0");

            waitFor(lines, "link removed: e0", Duration.ofSeconds(10));
            // a change the mirror found by a targeted re-dump (a veth's peer, a link deleted with its peer) is marked
            // " (resync)"; it is the same change, in the same place of the stream
            List<String> changes = lines.stream().filter(l -> l.matches(TIME + ".*")).map(l -> l.substring(13))
                    .map(l -> l.endsWith(" (resync)") ? l.substring(0, l.length() - " (resync)".length()) : l).toList();
            assertThat(changes).containsSubsequence(
                    "link added: e0 (index " + index(changes, "e0") + ", veth, down, mtu 1500)",
                    "address added: 10.44.0.1/24 on e0",
                    "link up: e0 (state LOWERLAYERDOWN)",
                    "route added: 10.45.0.0/24 via 10.44.0.2 dev e0",
                    "route removed: 10.45.0.0/24 via 10.44.0.2 dev e0",
                    "address removed: 10.44.0.1/24 on e0",
                    "link down: e0 (state DOWN)",
                    "link removed: e0 (index " + index(changes, "e0") + ")");
            assertThat(changes).contains("route added: 10.44.0.0/24 dev e0");
        } finally {
            long t0 = System.nanoTime();
            p.destroy();
            boolean ended = p.waitFor(2, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (!ended) {
                p.destroyForcibly();
            }
            assertThat(ended).as("stopped within 2 s of SIGTERM (took " + ms + " ms); output:\n" + String.join("\n", lines)).isTrue();
            assertThat(p.exitValue()).isIn(0, 143);
        }
    }

    private static String index(List<String> changes, String name) {
        return changes.stream().filter(l -> l.startsWith("link added: " + name + " (index "))
                .map(l -> l.substring(("link added: " + name + " (index ").length()).split(",")[0]).findFirst().orElse("?");
    }

    static void waitFor(List<String> lines, String text, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (lines.stream().noneMatch(l -> l.contains(text))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no line containing '" + text + "' within " + timeout + "; output:\n" + String.join("\n", lines));
            }
            Thread.sleep(20);
        }
    }

}
