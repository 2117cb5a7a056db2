package io.github.jnetlink.cli;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.ynl.Operation;
import io.github.jnetlink.ynl.Spec;
import io.github.jnetlink.ynl.SpecLoader;
import io.github.jnetlink.ynl.YnlSpecException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The {@code jnetlink} command: {@code java -jar jnetlink-cli.jar --family netdev --dump dev-get --output-json}.
 * Arguments and output follow the kernel's {@code tools/net/ynl/cli.py}; see {@code --help}. User errors print one
 * line on standard error and exit 2 (arguments, specs) or 1 (the kernel's answer), never a stack trace.
 */
public final class Main {

    /** Held so that the setting sticks: SnakeYAML warns of the kernel schemas' duplicate keys through JUL. */
    private static final Logger YAML_LOG = Logger.getLogger("org.yaml.snakeyaml");

    private Main() {
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args the arguments; {@code --help} lists them
     */
    public static void main(String[] args) {
        // a run makes a few requests and ends: the core's JIT warm-ups at the first dial and join would cost
        // more than they save (about 30 ms of a 450 ms run), unless asked for with -Djnetlink.warmup=true
        if (System.getProperty("jnetlink.warmup") == null) {
            System.setProperty("jnetlink.warmup", "false");
        }
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** @return the exit status: 0, 1 for a netlink error, 2 for a usage or spec error */
    static int run(List<String> argv, PrintStream out, PrintStream err) {
        YAML_LOG.setLevel(Level.SEVERE);
        try {
            Arguments args = Arguments.parse(argv);
            if (args.help()) {
                out.print(Arguments.USAGE);
                return 0;
            }
            Spec spec = load(args);
            Map<String, Object> json = args.json() == null ? Map.of() : Json.readObject(args.json(), "--json");
            new Session(spec, args, out, err).run(json);
            return 0;
        } catch (ReplyDecoder.UnknownAttributeException e) {
            err.println("jnetlink: " + e.getMessage());
            return 1;
        } catch (NetlinkErrorException e) {
            err.println("jnetlink: Netlink error: " + e.getMessage());
            return 1;
        } catch (NetlinkArgumentException | YnlSpecException e) {
            err.println("jnetlink: " + e.getMessage());
            err.println("try 'jnetlink --help'");
            return 2;
        } catch (NetlinkException e) {
            err.println("jnetlink: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The spec: {@code --spec FILE}; or {@code --family NAME} from {@code --spec-dir DIR}, else from
     * {@code $JNETLINK_YNL_SPECS}, else the one netlink-families embeds ({@link EmbeddedSpecs}).
     */
    static Spec load(Arguments args) {
        Spec spec;
        String dir = args.specDir() != null ? args.specDir() : System.getenv("JNETLINK_YNL_SPECS");
        if (args.spec() == null && dir == null) {
            spec = EmbeddedSpecs.load(args.family());
        } else {
            Path file;
            if (args.spec() != null) {
                file = Path.of(args.spec());
                if (!Files.isRegularFile(file)) {
                    throw new NetlinkArgumentException("--spec: no such file " + file);
                }
            } else {
                file = familySpec(args.family(), Path.of(dir));
            }
            Path netlinkDir = file.toAbsolutePath().getParent().getParent();
            boolean schemas = !args.noSchema() && netlinkDir != null && Files.isRegularFile(netlinkDir.resolve("genetlink.yaml"));
            spec = (schemas ? SpecLoader.withSchemas(netlinkDir) : SpecLoader.withoutSchemas()).load(file);
        }
        if (args.doOp() != null) {
            operation(spec, args.doOp());
        }
        if (args.dumpOp() != null) {
            operation(spec, args.dumpOp());
        }
        return spec;
    }

    static Operation operation(Spec spec, String name) {
        Operation op = spec.operation(name).filter(o -> !o.notification()).orElseThrow(() -> new NetlinkArgumentException(
                spec.name() + " has no operation '" + name + "'; its operations are "
                        + spec.operations().stream().filter(o -> !o.notification()).map(Operation::name).toList()));
        // as cli.py, a mode the spec leaves out is still asked for (tc 6.12 lists getqdisc as do only, and the
        // kernel dumps it): the kernel, not the spec, has the last word
        if (op.requestValue() == null) {
            throw new NetlinkArgumentException(spec.name() + " " + name + " has no request; it has " + Session.modes(op));
        }
        return op;
    }

    static Path familySpec(String family, Path dir) {
        Path specs = Files.isDirectory(dir.resolve("specs")) ? dir.resolve("specs") : dir;
        if (!Files.isDirectory(specs)) {
            throw new NetlinkArgumentException("--family " + family + ": no spec directory " + dir.toAbsolutePath()
                    + "; give --spec FILE, or --spec-dir DIR (scripts/ynl-specs.sh fetches the kernel's specs)");
        }
        for (String name : List.of(family, family.replace('-', '_'), family.replace('_', '-'))) {
            Path f = specs.resolve(name + ".yaml");
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        List<String> known = new ArrayList<>();
        try (Stream<Path> files = Files.list(specs)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted()
                    .forEach(n -> known.add(n.substring(0, n.length() - 5)));
        } catch (IOException e) {
            throw new NetlinkArgumentException("--family " + family + ": cannot list " + specs + ": " + e.getMessage());
        }
        throw new NetlinkArgumentException("--family " + family + ": no spec " + family + ".yaml in " + specs
                + "; it has " + known + "; give --spec FILE for another one");
    }
}
