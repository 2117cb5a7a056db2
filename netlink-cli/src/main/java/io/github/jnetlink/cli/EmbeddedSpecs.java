package io.github.jnetlink.cli;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.ynl.Spec;
import io.github.jnetlink.ynl.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The specs of the families netlink-families was generated from, as the generator embeds them in its jar
 * ({@code META-INF/jnetlink/ynl/NAME.json}, listed in {@code index.txt}): each spec file's tree without its
 * {@code doc} texts, which {@link SpecLoader} resolves into the same {@link Spec} as the file. What
 * {@code --family NAME} reads when no spec directory is given. The generator checked them against the kernel's
 * schemas; they are not checked again.
 */
final class EmbeddedSpecs {

    static final String DIRECTORY = "/META-INF/jnetlink/ynl/";

    private EmbeddedSpecs() {
    }

    /**
     * @param family the name as cli.py's {@code --family} takes it: the spec file's ({@code rt_link}) or the family's
     *               own ({@code rt-link})
     * @return the resolved spec
     * @throws NetlinkArgumentException naming the embedded families when there is none of that name
     */
    static Spec load(String family) {
        for (String name : List.of(family, family.replace('-', '_'), family.replace('_', '-'))) {
            String json = read(name + ".json");
            if (json != null) {
                return SpecLoader.withoutSchemas().parse(name + ".yaml (embedded)", json);
            }
        }
        throw new NetlinkArgumentException("--family " + family + ": no such family among the embedded specs " + names()
                + "; give --spec FILE, or --spec-dir DIR for the specs on disk");
    }

    /** @return the embedded families by spec file name, in the index's order; empty when netlink-families is missing */
    static List<String> names() {
        String index = read("index.txt");
        return index == null ? List.of() : index.lines().filter(l -> !l.isBlank()).toList();
    }

    private static String read(String name) {
        if (name.contains("/")) {
            return null;
        }
        try (InputStream in = EmbeddedSpecs.class.getResourceAsStream(DIRECTORY + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
