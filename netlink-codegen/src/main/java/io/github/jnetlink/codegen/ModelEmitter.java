package io.github.jnetlink.codegen;

import io.github.jnetlink.ynl.Spec;
import io.github.jnetlink.ynl.SpecLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A family's spec as the jnetlink CLI embeds it ({@code META-INF/jnetlink/ynl/NAME.json} in netlink-families): the
 * spec's own tree, anchors expanded, with every {@code doc} text left out, written as JSON. It is still a YNL spec
 * (JSON is YAML), so {@link SpecLoader} resolves it into the same {@link Spec} as the file it came from; the
 * generator checks that it does before writing it. {@code NAME} is the spec file's name without {@code .yaml}, as
 * {@code cli.py --family} looks it up ({@code rt_link}).
 */
final class ModelEmitter {

    /** Where in the class path the models go, and the index listing them (one name a line). */
    static final String DIRECTORY = "META-INF/jnetlink/ynl/";
    static final String INDEX = DIRECTORY + "index.txt";

    /** A list or mapping whose JSON is at most this long stays on one line. */
    private static final int LINE = 100;

    private ModelEmitter() {
    }

    /**
     * @param specFiles the spec files, in a stable order
     * @param loaded    each file's spec as the generator loaded it, in the same order
     * @return the resources by path relative to the resource root, the index among them
     * @throws IllegalStateException when a model does not resolve to the spec loaded from its file
     */
    static Map<String, String> emit(List<Path> specFiles, List<Spec> loaded) {
        Map<String, String> out = new java.util.TreeMap<>();
        StringBuilder index = new StringBuilder();
        for (int i = 0; i < specFiles.size(); i++) {
            Path f = specFiles.get(i);
            String name = f.getFileName().toString().replaceFirst("\\.yaml$", "");
            String json = model(read(f));
            Spec again = SpecLoader.withoutSchemas().parse(f.getFileName().toString(), json);
            if (!sameModel(again, loaded.get(i))) {
                throw new IllegalStateException("ynl-generate: the model of " + f + " does not resolve to the spec itself");
            }
            out.put(DIRECTORY + name + ".json", json);
            index.append(name).append('\n');
        }
        out.put(INDEX, index.toString());
        return out;
    }

    /** @return whether two specs are the same but for where they came from */
    static boolean sameModel(Spec a, Spec b) {
        return a.equals(new Spec(b.name(), b.protocol(), b.protonum(), b.version(), b.definitions(), b.attributeSets(),
                b.subMessages(), b.operations(), b.multicastGroups(), b.errata(), a.source()));
    }

    /**
     * @param tree a spec as SnakeYAML reads it: maps, lists, strings, numbers, booleans
     * @return its JSON without {@code doc} entries, ending in a newline
     */
    static String model(Object tree) {
        StringBuilder b = new StringBuilder();
        write(b, strip(tree), "");
        return b.append('\n').toString();
    }

    private static Object read(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        try {
            return new Yaml(new SafeConstructor(options)).load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key of a YNL mapping is the schema's, never a name the spec chose, so any {@code doc} key is a text. */
    private static Object strip(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> {
                if (!"doc".equals(k)) {
                    out.put(String.valueOf(k), strip(x));
                }
            });
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(strip(x)));
            return out;
        }
        return v;
    }

    private static void write(StringBuilder b, Object v, String indent) {
        String flat = flat(v);
        if (flat.length() + indent.length() <= LINE || !(v instanceof Map || v instanceof List)) {
            b.append(flat);
            return;
        }
        String inner = indent + "  ";
        if (v instanceof Map<?, ?> m) {
            b.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(inner).append(string((String) e.getKey())).append(": ");
                write(b, e.getValue(), inner);
                b.append(++i < m.size() ? ",\n" : "\n");
            }
            b.append(indent).append('}');
        } else {
            List<?> l = (List<?>) v;
            b.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                b.append(inner);
                write(b, l.get(i), inner);
                b.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            b.append(indent).append(']');
        }
    }

    private static String flat(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> parts.add(string((String) k) + ": " + flat(x)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(flat(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
            return v.toString();
        }
        if (v instanceof String s) {
            return string(s);
        }
        throw new IllegalStateException("ynl-generate: a spec value of type " + v.getClass().getName()
                + " has no JSON form: " + v);
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
