package io.github.jnetlink.ynl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads errata and applies them to a spec's tree, as {@link Erratum} describes. */
final class SpecErrata {

    static final String RESOURCE = "META-INF/jnetlink/ynl-errata.yaml";
    private static final Pattern SEGMENT = Pattern.compile("([a-z][a-z0-9-]*)(?:\\[([^\\[\\]]+)])?");
    private static final Set<String> KEYS = Set.of("family", "target", "property", "was", "value", "reason");

    private SpecErrata() {
    }

    /** The errata this jar ships, read once. */
    static final class BuiltIn {
        static final List<Erratum> ERRATA = fromResource();

        private BuiltIn() {
        }
    }

    private static List<Erratum> fromResource() {
        try (InputStream in = SpecErrata.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new YnlSpecException(RESOURCE, "", "not on the class path: the netlink-ynl jar is incomplete");
            }
            return parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new YnlSpecException(RESOURCE, "", "cannot read: " + e.getMessage());
        }
    }

    /**
     * @param source a name for messages
     * @param yaml   a document with a list {@code errata} of entries with the keys of {@link Erratum}
     * @return the errata, checked
     * @throws YnlSpecException naming the entry and what is wrong with it
     */
    static List<Erratum> parse(String source, String yaml) {
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new YnlSpecException(source, "", "not valid YAML: " + e.getMessage());
        }
        if (!(tree instanceof Map<?, ?> doc) || !(doc.get("errata") instanceof List<?> entries)) {
            throw new YnlSpecException(source, "", "the document must be a mapping with a list 'errata'");
        }
        List<Erratum> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = "errata[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> e)) {
                throw new YnlSpecException(source, path, "an erratum must be a mapping");
            }
            for (Object k : e.keySet()) {
                if (!KEYS.contains(String.valueOf(k))) {
                    throw new YnlSpecException(source, path + "." + k, "unknown key; an erratum has " + KEYS);
                }
            }
            for (String required : List.of("family", "target", "property", "reason")) {
                if (!(e.get(required) instanceof String s) || s.isBlank()) {
                    throw new YnlSpecException(source, path + "." + required, "missing: every erratum needs a text here");
                }
            }
            if (!e.containsKey("was") || !e.containsKey("value")) {
                throw new YnlSpecException(source, path, "'was' and 'value' are both needed (null for an absent key)");
            }
            Object was = scalar(e.get("was"), source, path + ".was");
            Object value = scalar(e.get("value"), source, path + ".value");
            if (Objects.equals(was, value)) {
                throw new YnlSpecException(source, path, "'was' and 'value' are the same: the erratum changes nothing");
            }
            Erratum erratum = new Erratum((String) e.get("family"), (String) e.get("target"), (String) e.get("property"),
                    was, value, (String) e.get("reason"));
            segments(erratum, source, path + ".target");
            out.add(erratum);
        }
        return List.copyOf(out);
    }

    /**
     * Applies the errata of {@code doc}'s family to it, in place.
     *
     * @param source the spec's file name, for messages
     * @param doc    the spec's tree as SnakeYAML reads it
     * @param errata the errata to consider
     * @return the errata applied, in order: those whose value the spec already has are not
     * @throws YnlSpecException naming the erratum when its target is missing or holds neither its 'was' nor its 'value'
     */
    @SuppressWarnings("unchecked")
    static List<Erratum> apply(String source, Map<String, Object> doc, List<Erratum> errata) {
        Object family = doc.get("name");
        List<Erratum> applied = new ArrayList<>();
        for (Erratum e : errata) {
            if (!e.family().equals(family)) {
                continue;
            }
            Map<String, Object> target = doc;
            for (String[] seg : segments(e, source, e.target())) {
                Object next = target.get(seg[0]);
                if (seg[1] != null) {
                    next = next instanceof List<?> list ? list.stream()
                            .filter(x -> x instanceof Map<?, ?> m && seg[1].equals(String.valueOf(m.get("name"))))
                            .findFirst().orElse(null) : null;
                }
                if (!(next instanceof Map<?, ?>)) {
                    throw new YnlSpecException(source, e.target(), "jnetlink's erratum names "
                            + seg[0] + (seg[1] == null ? "" : "[" + seg[1] + "]") + ", which the spec lacks, so it is stale"
                            + " and must be revised in " + RESOURCE + " (erratum: " + e.describe() + ")");
                }
                target = (Map<String, Object>) next;
            }
            Object now = normal(target.get(e.property()));
            if (Objects.equals(now, normal(e.value()))) {
                continue; // fixed upstream
            }
            if (!Objects.equals(now, normal(e.was()))) {
                throw new YnlSpecException(source, e.target() + "." + e.property(), "the spec says "
                        + (now == null ? "nothing" : "'" + now + "'") + ", which jnetlink's erratum neither expects ('"
                        + e.was() + "') nor sets ('" + e.value() + "'): check the kernel and revise " + RESOURCE
                        + " (erratum: " + e.describe() + ")");
            }
            if (e.value() == null) {
                target.remove(e.property());
            } else {
                target.put(e.property(), mutable(e.value()));
            }
            applied.add(e);
        }
        return List.copyOf(applied);
    }

    /**
     * Checks an erratum made in code as {@link #parse} checks one read from a file.
     *
     * @throws YnlSpecException naming the erratum when its target is not {@code key[name].key} or its values are not
     *         what YAML gives
     */
    static void check(Erratum e) {
        String source = "erratum " + e.target() + "." + e.property();
        segments(e, source, "target");
        scalar(e.was(), source, "was");
        scalar(e.value(), source, "value");
    }

    private static List<String[]> segments(Erratum e, String source, String path) {
        List<String[]> out = new ArrayList<>();
        for (String part : e.target().split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new YnlSpecException(source, path, "'" + e.target() + "' is not a target such as"
                        + " definitions[tc-ratespec].members[overhead]: '" + part + "' is not key or key[name]");
            }
            out.add(new String[] {m.group(1), m.group(2)});
        }
        return out;
    }

    /** A value as YAML gives it, checked and made immutable, numbers as {@code Long}. */
    private static Object scalar(Object v, String source, String path) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return normal(v);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object x = scalar(list.get(i), source, path + "[" + i + "]");
                if (x == null) {
                    throw new YnlSpecException(source, path + "[" + i + "]", "a list in an erratum must not hold null");
                }
                out.add(x);
            }
            return List.copyOf(out);
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object x = scalar(e.getValue(), source, path + "." + e.getKey());
                if (x == null) {
                    throw new YnlSpecException(source, path + "." + e.getKey(), "a mapping in an erratum must not hold null");
                }
                out.put(String.valueOf(e.getKey()), x);
            }
            return java.util.Collections.unmodifiableMap(out);
        }
        throw new YnlSpecException(source, path, "must be a string, a number, a boolean, a list, a mapping or null, not " + v);
    }

    /** A spec's value for comparing with an erratum's: numbers as {@code Long}, lists and mappings likewise. */
    private static Object normal(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(SpecErrata::normal).toList();
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(k), normal(x)));
            return out;
        }
        return v;
    }

    /** A mutable copy of an erratum's value for a spec's tree, which the loader may change further. */
    private static Object mutable(Object v) {
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(mutable(x)));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(k), mutable(x)));
            return out;
        }
        return v;
    }
}
