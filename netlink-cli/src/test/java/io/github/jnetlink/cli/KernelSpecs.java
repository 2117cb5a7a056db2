package io.github.jnetlink.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The kernel's specs and its YNL CLI, fetched by {@code YNL_TOOLS=1 scripts/ynl-specs.sh} into the ignored
 * {@code build/}: fetched here when missing; a test that needs them is skipped only where they cannot be fetched,
 * and fails instead under {@code CI=true}.
 */
final class KernelSpecs {

    static final Path ROOT = Path.of("..", "build", "ynl-specs", "linux-source-6.12");

    private KernelSpecs() {
    }

    /** @return {@code Documentation/netlink}, with {@code specs/} and the schemas */
    static Path netlinkDir() {
        fetch();
        return ROOT.resolve("Documentation/netlink");
    }

    /** @return {@code tools/net/ynl/cli.py} */
    static Path cliPy() {
        fetch();
        return ROOT.resolve("tools/net/ynl/cli.py");
    }

    private static synchronized void fetch() {
        if (Files.isRegularFile(ROOT.resolve("tools/net/ynl/cli.py"))
                && Files.isDirectory(ROOT.resolve("Documentation/netlink/specs"))) {
            return;
        }
        String why;
        try {
            ProcessBuilder pb = new ProcessBuilder("../scripts/ynl-specs.sh").redirectErrorStream(true);
            pb.environment().put("YNL_TOOLS", "1");
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            why = p.waitFor() == 0 ? null : "scripts/ynl-specs.sh failed: " + out.strip();
        } catch (java.io.IOException e) {
            why = "cannot run scripts/ynl-specs.sh: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        if (why == null && Files.isRegularFile(ROOT.resolve("tools/net/ynl/cli.py"))) {
            return;
        }
        unavailable(why == null ? "the kernel's YNL tools are missing after scripts/ynl-specs.sh" : why);
    }

    static void unavailable(String why) {
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but " + why);
        }
        Assumptions.abort(why);
    }
}
