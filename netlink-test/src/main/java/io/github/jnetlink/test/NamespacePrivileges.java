package io.github.jnetlink.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whether this process can make network namespaces: Linux, CAP_SYS_ADMIN ({@code ip netns add} mounts the
 * namespace file, and {@code setns} needs it) and CAP_NET_ADMIN (changing links and routes), and iproute2's
 * {@code ip}. Checked once per JVM: none of it changes while tests run.
 */
final class NamespacePrivileges {

    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;

    private NamespacePrivileges() {
    }

    /** The answer once known: the empty string when namespaces can be made, else the reason. */
    private static volatile String known;

    /** @return why namespaces cannot be made here, or null when they can */
    static String problem() {
        String answer = known;
        if (answer == null) {
            try {
                answer = check();
            } catch (InterruptedException e) {
                // not an answer about this machine, so not remembered
                Thread.currentThread().interrupt();
                return "interrupted while running 'ip -V'";
            }
            known = answer == null ? "" : answer;
        }
        return answer == null || answer.isEmpty() ? null : answer;
    }

    private static String check() throws InterruptedException {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return "network namespaces need Linux, this is " + os;
        }
        long effective;
        try {
            effective = Files.readString(Path.of("/proc/self/status")).lines()
                    .filter(l -> l.startsWith("CapEff:"))
                    .map(l -> Long.parseUnsignedLong(l.substring("CapEff:".length()).strip(), 16))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no CapEff line"));
        } catch (IOException | RuntimeException e) {
            return "cannot read the capabilities in /proc/self/status: " + e.getMessage();
        }
        boolean sysAdmin = (effective & (1L << CAP_SYS_ADMIN)) != 0;
        boolean netAdmin = (effective & (1L << CAP_NET_ADMIN)) != 0;
        if (!sysAdmin || !netAdmin) {
            return "network namespaces need CAP_SYS_ADMIN and CAP_NET_ADMIN, and this process lacks "
                    + (sysAdmin ? "CAP_NET_ADMIN" : netAdmin ? "CAP_SYS_ADMIN" : "both")
                    + "; run the tests as root";
        }
        try {
            Process p = new ProcessBuilder("ip", "-V").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "'ip -V' did not answer in 10 s";
            }
            if (p.exitValue() != 0) {
                return "'ip -V' exited " + p.exitValue() + "; install iproute2";
            }
        } catch (IOException e) {
            return "the 'ip' command of iproute2 is not installed (" + e.getMessage() + ")";
        }
        return null;
    }
}
