package io.github.jnetlink.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A throwaway network namespace for kernel tests: created with {@code ip netns add}, changed with
 * {@code ip -n NAME ...}, read with {@code ip -j}, and deleted on {@link #close()}. The host's own
 * namespace is never touched.
 *
 * <p>{@link #create(String)} skips the calling test with a clear reason when the process lacks the
 * privileges (not root, no {@code ip}); with {@code CI=true} it fails instead, so a CI run cannot pass by
 * skipping every kernel test.
 */
public final class Netns implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /**
     * Creates a namespace named {@code jnl-PREFIX-RANDOM} with {@code lo} up.
     *
     * @param prefix a short label, such as the test class
     * @return the namespace
     */
    public static Netns create(String prefix) {
        requireKernelPrivileges();
        String name = "jnl-" + prefix.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        run("ip", "netns", "add", name);
        Netns ns = new Netns(name);
        ns.ip("link set lo up");
        return ns;
    }

    /** Skips (or, with CI=true, fails) unless this process can create namespaces. */
    public static void requireKernelPrivileges() {
        String reason = privilegeProblem();
        if (reason == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("kernel test cannot run in CI: " + reason);
        }
        Assumptions.abort("kernel test skipped: " + reason);
    }

    private static String privilegeProblem() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return "netlink needs Linux, this is " + System.getProperty("os.name");
        }
        try {
            String status = Files.readString(Path.of("/proc/self/status"));
            boolean root = status.lines().anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
            if (!root) {
                return "network namespaces need root (CAP_SYS_ADMIN and CAP_NET_ADMIN); run the tests as root";
            }
        } catch (IOException e) {
            return "cannot read /proc/self/status: " + e.getMessage();
        }
        try {
            Process p = new ProcessBuilder("ip", "-V").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "'ip -V' failed; install iproute2";
            }
        } catch (IOException | InterruptedException e) {
            return "the 'ip' command (iproute2) is not installed: " + e.getMessage();
        }
        return null;
    }

    /** @return the namespace name */
    public String name() {
        return name;
    }

    /** @return the namespace file, such as {@code /var/run/netns/jnl-x-1a2b3c} */
    public String path() {
        return "/var/run/netns/" + name;
    }

    /**
     * Runs {@code ip -n NAME ARGS}, failing the test on a non-zero exit.
     *
     * @param args the arguments, split on spaces
     * @return standard output
     */
    public String ip(String args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(Arrays.asList(args.trim().split("\\s+")));
        return run(cmd.toArray(String[]::new));
    }

    /**
     * Runs {@code ip -j -n NAME ARGS} and parses its JSON.
     *
     * @param args the arguments, such as {@code "link show"}
     * @return the parsed array
     */
    public JsonNode ipJson(String args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-j", "-n", name));
        cmd.addAll(Arrays.asList(args.trim().split("\\s+")));
        return JSON.readTree(run(cmd.toArray(String[]::new)));
    }

    /**
     * Feeds commands to {@code ip -n NAME -batch -}, one a line: fast for thousands of changes.
     *
     * @param lines the commands without the {@code ip}
     */
    public void batch(List<String> lines) {
        try {
            Process p = new ProcessBuilder("ip", "-n", name, "-batch", "-").redirectErrorStream(true).start();
            p.getOutputStream().write(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("ip -batch failed: " + out);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("ip -batch failed", e);
        }
    }

    /** Deletes the namespace and everything in it. */
    @Override
    public void close() {
        run("ip", "netns", "del", name);
    }

    /**
     * Runs a command, failing on a non-zero exit.
     *
     * @param cmd the command and arguments
     * @return standard output
     */
    public static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            byte[] out;
            byte[] err;
            // close all three pipes now rather than when the JDK's reaper gets to them, so descriptor counts are exact
            try (var stdin = p.getOutputStream(); var stdout = p.getInputStream(); var stderr = p.getErrorStream()) {
                out = stdout.readAllBytes();
                err = stderr.readAllBytes();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue() + ": "
                        + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", cmd), e);
        }
    }

    /** @return the number of open file descriptors of this process */
    public static int openFileDescriptors() {
        String[] fds = new java.io.File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
