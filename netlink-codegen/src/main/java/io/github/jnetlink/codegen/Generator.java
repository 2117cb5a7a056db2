package io.github.jnetlink.codegen;

import io.github.jnetlink.ynl.Spec;
import io.github.jnetlink.ynl.SpecLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The generator's entry point: {@code Generator SPEC_DIR OUT_DIR [RESOURCE_DIR]} reads every {@code *.yaml} spec,
 * checks it against the kernel's schemas (found beside the {@code specs} directory, as in the kernel's
 * {@code Documentation/netlink}), and writes one package per family under {@code OUT_DIR}
 * ({@code io/github/jnetlink/family/NAME/}); with {@code RESOURCE_DIR}, also each family's model for the CLI under
 * it ({@code META-INF/jnetlink/ynl/NAME.json}, see {@link ModelEmitter}). Run by {@code scripts/ynl-generate.sh}.
 */
public final class Generator {

    private Generator() {
    }

    /**
     * @param args the spec directory ({@code Documentation/netlink} or its {@code specs}) and the output source root
     */
    public static void main(String[] args) {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: Generator SPEC_DIR OUT_DIR [RESOURCE_DIR]");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path specs = Files.isDirectory(in.resolve("specs")) ? in.resolve("specs") : in;
        Path schemas = Files.exists(specs.resolveSibling("genetlink.yaml")) ? specs.getParent() : null;
        SpecLoader loader = schemas == null ? SpecLoader.withoutSchemas() : SpecLoader.withSchemas(schemas);
        if (schemas == null) {
            System.err.println("ynl-generate: no schemas beside " + specs + "; specs are not checked against them");
        }
        List<Spec> loaded = loader.loadAll(specs);
        Map<String, String> files = generate(loaded);
        write(files, Path.of(args[1]));
        if (args.length == 3) {
            Map<String, String> models = ModelEmitter.emit(specFiles(specs), loaded);
            write(models, Path.of(args[2]));
            System.err.println("ynl-generate: " + (models.size() - 1) + " family models in " + args[2]);
        }
        System.err.println("ynl-generate: " + files.size() + " files for " + files.keySet().stream()
                .map(f -> f.split("/")[4]).filter(p -> !p.equals("support")).distinct().count() + " families in "
                + args[1]);
    }

    /**
     * @param specs the families
     * @return source files by path relative to the source root, in a stable order
     */
    public static Map<String, String> generate(List<Spec> specs) {
        Map<String, String> files = new TreeMap<>();
        for (Spec s : specs) {
            files.putAll(new FamilyEmitter(s).emit());
        }
        return files;
    }

    /** @return the spec files in the order {@link SpecLoader#loadAll} reads them */
    static List<Path> specFiles(Path specs) {
        try (java.util.stream.Stream<Path> files = Files.list(specs)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Map<String, String> files, Path root) {
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = root.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
