package io.github.jnetlink.ynl;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads YNL specs into {@link Spec}s. With a schema directory (the kernel's {@code Documentation/netlink}, which
 * holds {@code genetlink.yaml} and the others) each spec is first checked against the schema its
 * {@code protocol} names; every spec is then resolved the way the kernel's own tools number it: attributes from 1,
 * enum entries from {@code value-start} (0), flags as bits, operations by their enum model ({@code unified} or
 * {@code directional}). Problems throw {@link YnlSpecException} naming the file, the path in it and what is wrong.
 *
 * <p>Thread-safe: a loader holds only its schemas, read once.
 */
public final class SpecLoader {

    private final Map<SpecProtocol, SchemaValidator> schemas;
    private final List<Erratum> errata;

    private SpecLoader(Map<SpecProtocol, SchemaValidator> schemas, List<Erratum> errata) {
        this.schemas = schemas;
        this.errata = errata;
    }

    /**
     * A loader that checks specs against the schemas in {@code schemaDir}.
     *
     * @param schemaDir the directory with {@code genetlink.yaml}, {@code genetlink-c.yaml},
     *                  {@code genetlink-legacy.yaml} and {@code netlink-raw.yaml}
     * @return the loader
     * @throws YnlSpecException naming the schema when one is missing or unreadable
     */
    public static SpecLoader withSchemas(Path schemaDir) {
        Map<SpecProtocol, SchemaValidator> schemas = new HashMap<>();
        for (SpecProtocol p : SpecProtocol.values()) {
            Path file = schemaDir.resolve(p.yamlName() + ".yaml");
            schemas.put(p, new SchemaValidator(asMap(readYaml(file), file.toString())));
        }
        return new SpecLoader(schemas, SpecErrata.BuiltIn.ERRATA);
    }

    /** @return a loader that resolves specs without checking them against a schema */
    public static SpecLoader withoutSchemas() {
        return new SpecLoader(Map.of(), SpecErrata.BuiltIn.ERRATA);
    }

    /**
     * A loader like this one that applies other errata than jnetlink's own.
     *
     * @param errata the errata, none to read specs exactly as written
     * @return the loader
     * @throws io.github.jnetlink.NetlinkArgumentException if {@code errata} or one of its elements is null
     * @throws YnlSpecException naming an erratum whose target or values are malformed
     */
    public SpecLoader withErrata(List<Erratum> errata) {
        if (errata == null || errata.stream().anyMatch(java.util.Objects::isNull)) {
            throw new io.github.jnetlink.NetlinkArgumentException("errata must be a list of errata, not "
                    + (errata == null ? "null" : "a list holding null"));
        }
        errata.forEach(SpecErrata::check);
        return new SpecLoader(schemas, List.copyOf(errata));
    }

    /** @return jnetlink's own errata, which every loader applies unless {@link #withErrata} says otherwise */
    public static List<Erratum> builtInErrata() {
        return SpecErrata.BuiltIn.ERRATA;
    }

    /**
     * Loads every {@code *.yaml} in a directory.
     *
     * @param specDir the directory, such as {@code Documentation/netlink/specs}
     * @return the specs, by file name order
     * @throws YnlSpecException naming the file of the first invalid spec
     */
    public List<Spec> loadAll(Path specDir) {
        try (Stream<Path> files = Files.list(specDir)) {
            List<Spec> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                out.add(load(f));
            }
            return out;
        } catch (IOException e) {
            throw new YnlSpecException(specDir.toString(), "", "cannot list the directory: " + e.getMessage());
        }
    }

    /**
     * @param file a spec file
     * @return the resolved spec
     * @throws YnlSpecException naming the file, the path and the problem
     */
    public Spec load(Path file) {
        return resolve(file.getFileName().toString(), readYaml(file));
    }

    /**
     * @param source a name for messages, such as the file name
     * @param yaml   the spec's text
     * @return the resolved spec
     * @throws YnlSpecException naming {@code source}, the path and the problem
     */
    public Spec parse(String source, String yaml) {
        try {
            return resolve(source, yaml(source).load(yaml));
        } catch (YAMLException e) {
            throw new YnlSpecException(source, "", "not valid YAML: " + e.getMessage());
        }
    }

    private Spec resolve(String source, Object tree) {
        Map<String, Object> doc = asMap(tree, source);
        Object protocolName = doc.get("protocol");
        SpecProtocol protocol = SpecProtocol.of(protocolName == null ? null : String.valueOf(protocolName));
        if (protocol == null) {
            throw new YnlSpecException(source, "protocol", "unknown protocol '" + protocolName + "'; one of "
                    + Stream.of(SpecProtocol.values()).map(SpecProtocol::yamlName).toList());
        }
        List<Erratum> applied = SpecErrata.apply(source, doc, errata);
        SchemaValidator schema = schemas.get(protocol);
        if (schema != null) {
            List<String> errors = schema.validate(doc);
            if (!errors.isEmpty()) {
                String first = errors.get(0);
                int colon = first.indexOf(": ");
                String path = colon < 0 ? "" : first.substring(0, colon);
                String problem = colon < 0 ? first : first.substring(colon + 2);
                throw new YnlSpecException(source, path, problem + " (schema " + protocol.yamlName() + ".yaml"
                        + (errors.size() > 1 ? "; " + (errors.size() - 1) + " more problem(s): " + errors.subList(1,
                        Math.min(errors.size(), 4)) : "") + ")");
            }
        }
        return new Resolver(source, doc, protocol, applied).spec();
    }

    private static Yaml yaml(String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // the kernel's schemas repeat "if:" within one mapping
        options.setMaxAliasesForCollections(200);
        return new Yaml(options);
    }

    private static Object readYaml(Path file) {
        try {
            return yaml(file.toString()).load(Files.readString(file));
        } catch (IOException e) {
            throw new YnlSpecException(file.toString(), "", "cannot read: " + e.getMessage());
        } catch (YAMLException e) {
            throw new YnlSpecException(file.toString(), "", "not valid YAML: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o, String source) {
        if (!(o instanceof Map)) {
            throw new YnlSpecException(source, "", "the document must be a mapping, found "
                    + (o == null ? "nothing" : o.getClass().getSimpleName()));
        }
        return (Map<String, Object>) o;
    }

    /** One spec's resolution: numbering and references. */
    private static final class Resolver {

        private final String source;
        private final Map<String, Object> doc;
        private final SpecProtocol protocol;
        private final Map<String, Definition> definitions = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> rawStructs = new HashMap<>();
        private final Map<String, String> structPaths = new HashMap<>();
        private final Map<String, AttributeSet> sets = new LinkedHashMap<>();
        private final List<Erratum> errata;

        Resolver(String source, Map<String, Object> doc, SpecProtocol protocol, List<Erratum> errata) {
            this.source = source;
            this.doc = doc;
            this.protocol = protocol;
            this.errata = errata;
        }

        Spec spec() {
            String name = text(doc, "name", "");
            int protonum = doc.containsKey("protonum") ? (int) number(doc.get("protonum"), "protonum") : 16;
            int version = doc.containsKey("version") ? (int) number(doc.get("version"), "version") : 1;
            definitions();
            attributeSets();
            Map<String, SubMessage> subMessages = subMessages();
            checkReferences(subMessages);
            List<Operation> operations = operations();
            List<MulticastGroupSpec> groups = new ArrayList<>();
            Map<String, Object> mcast = map(doc.get("mcast-groups"), "mcast-groups");
            List<Object> list = mcast == null ? List.of() : list(mcast.get("list"), "mcast-groups.list");
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> g = map(list.get(i), "mcast-groups.list[" + i + "]");
                groups.add(new MulticastGroupSpec(text(g, "name", "mcast-groups.list[" + i + "]"),
                        g.containsKey("value") ? (int) number(g.get("value"), "mcast-groups.list[" + i + "].value") : null));
            }
            return new Spec(name, protocol, protonum, version, unmodifiable(definitions), unmodifiable(sets),
                    unmodifiable(subMessages), List.copyOf(operations), List.copyOf(groups), errata, source);
        }

        private void definitions() {
            List<Object> defs = list(doc.get("definitions"), "definitions");
            for (int i = 0; i < defs.size(); i++) {
                String path = "definitions[" + i + "]";
                Map<String, Object> d = map(defs.get(i), path);
                String name = text(d, "name", path);
                String type = text(d, "type", path);
                switch (type) {
                    case "const" -> {
                        Object v = d.get("value");
                        definitions.put(name, new ConstDefinition(name, v instanceof Number n ? (Object) n.longValue()
                                : String.valueOf(v)));
                    }
                    case "enum", "flags" -> definitions.put(name, enumDefinition(name, type.equals("flags"), d, path));
                    case "struct" -> {
                        rawStructs.put(name, d);
                        structPaths.put(name, path);
                    }
                    default -> throw new YnlSpecException(source, path + ".type", "unknown definition type '" + type
                            + "'; one of [const, enum, flags, struct]");
                }
            }
            for (int i = 0; i < defs.size(); i++) {
                Map<String, Object> d = map(defs.get(i), "definitions[" + i + "]");
                if ("struct".equals(d.get("type"))) {
                    struct(String.valueOf(d.get("name")), new ArrayList<>());
                }
            }
        }

        private EnumDefinition enumDefinition(String name, boolean flags, Map<String, Object> d, String path) {
            long next = d.get("value-start") instanceof Number n ? n.longValue() : 0;
            List<EnumDefinition.Entry> entries = new ArrayList<>();
            List<Object> raw = list(d.get("entries"), path + ".entries");
            for (int j = 0; j < raw.size(); j++) {
                Object e = raw.get(j);
                String entryName;
                if (e instanceof Map<?, ?>) {
                    Map<String, Object> m = map(e, path + ".entries[" + j + "]");
                    entryName = text(m, "name", path + ".entries[" + j + "]");
                    if (m.containsKey("value")) {
                        next = number(m.get("value"), path + ".entries[" + j + "].value");
                    }
                } else {
                    entryName = String.valueOf(e);
                }
                if (flags && (next < 0 || next > 63)) {
                    throw new YnlSpecException(source, path + ".entries[" + j + "]", "flag bit " + next
                            + " is outside 0..63");
                }
                entries.add(new EnumDefinition.Entry(entryName, flags ? 1L << next : next));
                next++;
            }
            return new EnumDefinition(name, flags, List.copyOf(entries));
        }

        private StructDefinition struct(String name, List<String> stack) {
            if (definitions.get(name) instanceof StructDefinition s) {
                return s;
            }
            String path = structPaths.get(name);
            if (path == null) {
                return null;
            }
            if (stack.contains(name)) {
                throw new YnlSpecException(source, path, "struct '" + name + "' contains itself through " + stack);
            }
            stack.add(name);
            Map<String, Object> d = rawStructs.get(name);
            List<Object> raw = list(d.get("members"), path + ".members");
            List<StructDefinition.Member> members = new ArrayList<>();
            int offset = 0;
            for (int j = 0; j < raw.size(); j++) {
                String mp = path + ".members[" + j + "]";
                Map<String, Object> m = map(raw.get(j), mp);
                String typeName = text(m, "type", mp);
                AttrType type = AttrType.of(typeName);
                int length;
                if (type != null && type.integer() && type.width() > 0) {
                    length = type.width();
                } else if (type == AttrType.STRING || type == AttrType.BINARY || type == AttrType.PAD) {
                    if (m.containsKey("len")) {
                        length = (int) length(m.get("len"), mp + ".len");
                    } else if (m.get("struct") instanceof String inner && struct(inner, stack) != null) {
                        length = struct(inner, stack).size();
                    } else {
                        throw new YnlSpecException(source, mp, "a " + typeName + " member needs 'len' (or 'struct')");
                    }
                } else {
                    throw new YnlSpecException(source, mp + ".type", "unknown struct member type '" + typeName
                            + "'; one of [u8, u16, u32, u64, s8, s16, s32, s64, string, binary, pad]");
                }
                members.add(new StructDefinition.Member(text(m, "name", mp), type, offset, length,
                        order(m, mp), optionalText(m, "enum"), Boolean.TRUE.equals(m.get("enum-as-flags")),
                        optionalText(m, "display-hint")));
                offset += length;
            }
            stack.remove(name);
            StructDefinition s = new StructDefinition(name, List.copyOf(members), offset);
            definitions.put(name, s);
            return s;
        }

        private void attributeSets() {
            List<Object> raw = list(doc.get("attribute-sets"), "attribute-sets");
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < raw.size(); i++) {
                index.put(text(map(raw.get(i), "attribute-sets[" + i + "]"), "name", "attribute-sets[" + i + "]"), i);
            }
            for (int i = 0; i < raw.size(); i++) {
                set(i, raw, index, new ArrayList<>());
            }
        }

        private AttributeSet set(int i, List<Object> raw, Map<String, Integer> index, List<String> stack) {
            String path = "attribute-sets[" + i + "]";
            Map<String, Object> s = map(raw.get(i), path);
            String name = text(s, "name", path);
            if (sets.containsKey(name)) {
                return sets.get(name);
            }
            String subsetOf = optionalText(s, "subset-of");
            List<Object> attrs = list(s.get("attributes"), path + ".attributes");
            List<AttributeSpec> out = new ArrayList<>();
            if (subsetOf != null) {
                Integer parentIndex = index.get(subsetOf);
                if (parentIndex == null) {
                    throw new YnlSpecException(source, path + ".subset-of", "no attribute set '" + subsetOf + "'");
                }
                if (stack.contains(name)) {
                    throw new YnlSpecException(source, path + ".subset-of", "subsets form a cycle: " + stack);
                }
                stack.add(name);
                AttributeSet parent = set(parentIndex, raw, index, stack);
                for (int j = 0; j < attrs.size(); j++) {
                    String ap = path + ".attributes[" + j + "]";
                    Map<String, Object> a = map(attrs.get(j), ap);
                    String attrName = text(a, "name", ap);
                    AttributeSpec base = parent.attribute(attrName).orElseThrow(() -> new YnlSpecException(source,
                            ap + ".name", "attribute '" + attrName + "' is not in the parent set '" + subsetOf + "'"));
                    if (out.stream().anyMatch(x -> x.name().equals(attrName))) {
                        continue; // devlink's dl-dpipe-table lists two attributes twice; they are one attribute
                    }
                    out.add(a.size() == 1 ? base : attribute(merge(base, a), base.value(), ap));
                }
            } else {
                int value = 1;
                for (int j = 0; j < attrs.size(); j++) {
                    String ap = path + ".attributes[" + j + "]";
                    Map<String, Object> a = map(attrs.get(j), ap);
                    if (a.containsKey("value")) {
                        value = (int) number(a.get("value"), ap + ".value");
                    }
                    if (!a.containsKey("type")) {
                        throw new YnlSpecException(source, ap, "missing required key 'type'");
                    }
                    out.add(attribute(a, value, ap));
                    value++;
                }
            }
            AttributeSet set = new AttributeSet(name, subsetOf, List.copyOf(out));
            sets.put(name, set);
            return set;
        }

        /** A subset's attribute: the parent's, with what the subset restates (such as another nested set). */
        private static Map<String, Object> merge(AttributeSpec base, Map<String, Object> a) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", base.name());
            m.put("type", base.type().yamlName());
            if (base.byteOrder() != null) {
                m.put("byte-order", "big-endian");
            }
            m.put("multi-attr", base.multiAttr());
            put(m, "nested-attributes", base.nestedAttributes());
            put(m, "sub-type", base.subType() == null ? null : base.subType().yamlName());
            put(m, "enum", base.enumName());
            m.put("enum-as-flags", base.enumAsFlags());
            put(m, "display-hint", base.displayHint());
            put(m, "struct", base.struct());
            put(m, "sub-message", base.subMessage());
            put(m, "selector", base.selector());
            if (!base.typeValue().isEmpty()) {
                m.put("type-value", base.typeValue());
            }
            m.putAll(a);
            m.put("checks-resolved", base.checks());
            return m;
        }

        private static void put(Map<String, Object> m, String key, Object value) {
            if (value != null) {
                m.put(key, value);
            }
        }

        private AttributeSpec attribute(Map<String, Object> a, int value, String path) {
            String typeName = text(a, "type", path);
            AttrType type = AttrType.of(typeName);
            if (type == null) {
                throw new YnlSpecException(source, path + ".type", "unknown attribute type '" + typeName + "'");
            }
            AttrType subType = null;
            if (a.get("sub-type") != null) {
                subType = AttrType.of(String.valueOf(a.get("sub-type")));
                if (subType == null) {
                    throw new YnlSpecException(source, path + ".sub-type", "unknown sub-type '" + a.get("sub-type") + "'");
                }
            }
            if (type == AttrType.INDEXED_ARRAY && subType == null) {
                throw new YnlSpecException(source, path, "an indexed-array needs 'sub-type'");
            }
            if ((type == AttrType.NEST || type == AttrType.NEST_TYPE_VALUE
                    || (type == AttrType.INDEXED_ARRAY && subType == AttrType.NEST)) && a.get("nested-attributes") == null) {
                throw new YnlSpecException(source, path, "a " + type.yamlName() + " needs 'nested-attributes'");
            }
            if (type == AttrType.SUB_MESSAGE && (a.get("sub-message") == null || a.get("selector") == null)) {
                throw new YnlSpecException(source, path, "a sub-message needs 'sub-message' and 'selector'");
            }
            List<String> typeValue = new ArrayList<>();
            if (a.get("type-value") != null) {
                for (Object o : list(a.get("type-value"), path + ".type-value")) {
                    typeValue.add(String.valueOf(o));
                }
            }
            AttributeSpec.Checks checks = a.get("checks-resolved") instanceof AttributeSpec.Checks c && !a.containsKey("checks")
                    ? c : checks(map(a.get("checks"), path + ".checks"), path + ".checks");
            return new AttributeSpec(text(a, "name", path), value, type, order(a, path), Boolean.TRUE.equals(a.get("multi-attr")),
                    optionalText(a, "nested-attributes"), subType, optionalText(a, "enum"),
                    Boolean.TRUE.equals(a.get("enum-as-flags")), optionalText(a, "display-hint"), optionalText(a, "struct"),
                    optionalText(a, "sub-message"), optionalText(a, "selector"), List.copyOf(typeValue), checks);
        }

        private AttributeSpec.Checks checks(Map<String, Object> c, String path) {
            if (c == null) {
                return AttributeSpec.Checks.NONE;
            }
            Long minLen = limit(c.get("min-len"), path + ".min-len");
            Long maxLen = limit(c.get("max-len"), path + ".max-len");
            Long exact = limit(c.get("exact-len"), path + ".exact-len");
            return new AttributeSpec.Checks(limit(c.get("min"), path + ".min"), limit(c.get("max"), path + ".max"),
                    minLen == null ? null : minLen.intValue(), maxLen == null ? null : maxLen.intValue(),
                    exact == null ? null : exact.intValue());
        }

        /** A limit: a number, a type limit such as {@code u32-max}, a constant, optionally "- 1"; null if unknown. */
        private Long limit(Object o, String path) {
            if (o == null) {
                return null;
            }
            if (o instanceof Number n) {
                return n.longValue();
            }
            String s = String.valueOf(o).trim();
            long minus = 0;
            if (s.endsWith(" - 1")) {
                minus = 1;
                s = s.substring(0, s.length() - 4).trim();
            }
            Long base = switch (s) {
                case "u8-max" -> 0xFFL;
                case "u16-max" -> 0xFFFFL;
                case "u32-max" -> 0xFFFF_FFFFL;
                case "u64-max" -> -1L;
                case "s8-min" -> (long) Byte.MIN_VALUE;
                case "s8-max" -> (long) Byte.MAX_VALUE;
                case "s16-min" -> (long) Short.MIN_VALUE;
                case "s16-max" -> (long) Short.MAX_VALUE;
                case "s32-min" -> (long) Integer.MIN_VALUE;
                case "s32-max" -> (long) Integer.MAX_VALUE;
                case "s64-min" -> Long.MIN_VALUE;
                case "s64-max" -> Long.MAX_VALUE;
                default -> definitions.get(s) instanceof ConstDefinition c && c.value() instanceof Long l ? l : null;
            };
            if (base == null) {
                try {
                    base = Long.decode(s);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return base - minus;
        }

        private long length(Object o, String path) {
            Long l = limit(o, path);
            if (l == null || l < 0) {
                throw new YnlSpecException(source, path, "length '" + o + "' is neither a number nor a constant of the spec");
            }
            return l;
        }

        private Map<String, SubMessage> subMessages() {
            Map<String, SubMessage> out = new LinkedHashMap<>();
            List<Object> raw = list(doc.get("sub-messages"), "sub-messages");
            for (int i = 0; i < raw.size(); i++) {
                String path = "sub-messages[" + i + "]";
                Map<String, Object> s = map(raw.get(i), path);
                List<SubMessage.Format> formats = new ArrayList<>();
                List<Object> fs = list(s.get("formats"), path + ".formats");
                for (int j = 0; j < fs.size(); j++) {
                    String fp = path + ".formats[" + j + "]";
                    Map<String, Object> f = map(fs.get(j), fp);
                    String header = optionalText(f, "fixed-header");
                    String set = optionalText(f, "attribute-set");
                    if (header != null && !(definitions.get(header) instanceof StructDefinition)) {
                        throw new YnlSpecException(source, fp + ".fixed-header", "no struct '" + header + "'");
                    }
                    if (set != null && !sets.containsKey(set)) {
                        throw new YnlSpecException(source, fp + ".attribute-set", "no attribute set '" + set + "'");
                    }
                    formats.add(new SubMessage.Format(text(f, "value", fp), header, set));
                }
                String name = text(s, "name", path);
                out.put(name, new SubMessage(name, List.copyOf(formats)));
            }
            return out;
        }

        private void checkReferences(Map<String, SubMessage> subMessages) {
            for (AttributeSet set : sets.values()) {
                for (AttributeSpec a : set.attributes()) {
                    String path = "attribute-sets[" + set.name() + "].attributes[" + a.name() + "]";
                    if (a.nestedAttributes() != null && !sets.containsKey(a.nestedAttributes())) {
                        throw new YnlSpecException(source, path + ".nested-attributes", "no attribute set '"
                                + a.nestedAttributes() + "'");
                    }
                    if (a.struct() != null && !(definitions.get(a.struct()) instanceof StructDefinition)) {
                        throw new YnlSpecException(source, path + ".struct", "no struct '" + a.struct() + "'");
                    }
                    if (a.enumName() != null && !(definitions.get(a.enumName()) instanceof EnumDefinition)) {
                        throw new YnlSpecException(source, path + ".enum", "no enum or flags '" + a.enumName() + "'");
                    }
                    if (a.subMessage() != null && !subMessages.containsKey(a.subMessage())) {
                        throw new YnlSpecException(source, path + ".sub-message", "no sub-message '" + a.subMessage() + "'");
                    }
                }
            }
        }

        private List<Operation> operations() {
            Map<String, Object> ops = map(doc.get("operations"), "operations");
            if (ops == null) {
                return List.of();
            }
            String familyHeader = optionalText(ops, "fixed-header");
            boolean directional = "directional".equals(ops.get("enum-model"));
            List<Object> raw = list(ops.get("list"), "operations.list");
            List<Operation> out = new ArrayList<>();
            int value = 1;
            Integer req = 1;
            Integer rsp = 1;
            for (int i = 0; i < raw.size(); i++) {
                String path = "operations.list[" + i + "]";
                Map<String, Object> o = map(raw.get(i), path);
                String name = text(o, "name", path);
                Mode doMode = mode(o.get("do"), path + ".do");
                Mode dumpMode = mode(o.get("dump"), path + ".dump");
                String notify = optionalText(o, "notify");
                List<String> event = null;
                if (o.containsKey("event")) {
                    Map<String, Object> e = map(o.get("event"), path + ".event");
                    event = names(e == null ? null : e.get("attributes"), path + ".event.attributes");
                    if (event == null) {
                        event = List.of();
                    }
                }
                Integer requestValue;
                Integer replyValue;
                if (!directional) {
                    if (o.containsKey("value")) {
                        value = (int) number(o.get("value"), path + ".value");
                    }
                    boolean async = notify != null || event != null;
                    requestValue = async ? null : value;
                    replyValue = value;
                    value++;
                } else if (notify != null || event != null) {
                    if (o.containsKey("value")) {
                        rsp = (int) number(o.get("value"), path + ".value");
                    }
                    requestValue = null;
                    replyValue = rsp;
                    rsp = rsp + 1;
                } else {
                    Map<String, Object> m = map(o.containsKey("do") ? o.get("do") : o.get("dump"), path);
                    Map<String, Object> request = m == null ? null : map(m.get("request"), path + ".request");
                    Map<String, Object> reply = m == null ? null : map(m.get("reply"), path + ".reply");
                    if (request != null && request.get("value") != null) {
                        req = (int) number(request.get("value"), path + ".request.value");
                    }
                    if (reply != null && reply.get("value") != null) {
                        rsp = (int) number(reply.get("value"), path + ".reply.value");
                    }
                    requestValue = req;
                    replyValue = reply != null ? rsp : null;
                    req = req + 1;
                    rsp = rsp + (reply != null ? 1 : 0);
                }
                String set = optionalText(o, "attribute-set");
                if (set != null && !sets.containsKey(set)) {
                    throw new YnlSpecException(source, path + ".attribute-set", "no attribute set '" + set + "'");
                }
                String header = o.containsKey("fixed-header") ? optionalText(o, "fixed-header") : familyHeader;
                if (header != null && !(definitions.get(header) instanceof StructDefinition)) {
                    throw new YnlSpecException(source, path + ".fixed-header", "no struct '" + header + "'");
                }
                List<Object> flags = list(o.get("flags"), path + ".flags");
                out.add(new Operation(name, set, header, requestValue, replyValue, doMode, dumpMode, notify, event,
                        optionalText(o, "mcgrp"), flags.contains("admin-perm")));
            }
            for (int i = 0; i < out.size(); i++) {
                Operation op = out.get(i);
                String path = "operations.list[" + i + "]";
                if (op.notifies() != null && out.stream().noneMatch(x -> x.name().equals(op.notifies()))) {
                    throw new YnlSpecException(source, path + ".notify", "no operation '" + op.notifies() + "'");
                }
                checkNames(op, op.doMode(), path + ".do");
                checkNames(op, op.dumpMode(), path + ".dump");
                if (op.eventAttributes() != null) {
                    checkNames(op, new Mode(op.eventAttributes(), null), path + ".event");
                }
            }
            return out;
        }

        /**
     * The kernel's own specs list a few names in operations that are neither attributes nor header members
     * (rt-link's {@code if-netnsid}, nftables' {@code name}); its tools ignore them, and so does this loader: only
     * an operation listing attributes without having an attribute set is an error.
     */
    private void checkNames(Operation op, Mode mode, String path) {
        if (mode == null) {
            return;
        }
        if (op.attributeSet() == null && (mode.request() != null && !mode.request().isEmpty()
                || mode.reply() != null && !mode.reply().isEmpty())) {
            throw new YnlSpecException(source, path, "lists attributes but the operation has no 'attribute-set'");
        }
    }

    private Mode mode(Object o, String path) {
            if (o == null) {
                return null;
            }
            Map<String, Object> m = map(o, path);
            Map<String, Object> request = map(m.get("request"), path + ".request");
            Map<String, Object> reply = map(m.get("reply"), path + ".reply");
            List<String> req = request == null ? null : names(request.get("attributes"), path + ".request.attributes");
            List<String> rep = reply == null ? null : names(reply.get("attributes"), path + ".reply.attributes");
            return new Mode(request != null && req == null ? List.of() : req, reply != null && rep == null ? List.of() : rep);
        }

        private List<String> names(Object o, String path) {
            if (o == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (Object x : list(o, path)) {
                out.add(String.valueOf(x));
            }
            return List.copyOf(out);
        }

        private ByteOrder order(Map<String, Object> m, String path) {
            Object o = m.get("byte-order");
            if (o == null || "little-endian".equals(o)) {
                return null;
            }
            if ("big-endian".equals(o)) {
                return ByteOrder.BIG_ENDIAN;
            }
            throw new YnlSpecException(source, path + ".byte-order", "must be big-endian or little-endian, found '" + o + "'");
        }

        private long number(Object o, String path) {
            if (o instanceof Number n) {
                return n.longValue();
            }
            throw new YnlSpecException(source, path, "must be an integer, found '" + o + "'");
        }

        private String text(Map<String, Object> m, String key, String path) {
            Object o = m.get(key);
            if (o == null) {
                throw new YnlSpecException(source, path, "missing required key '" + key + "'");
            }
            if (o instanceof Map || o instanceof List) {
                throw new YnlSpecException(source, path.isEmpty() ? key : path + "." + key, "must be text");
            }
            if (o instanceof Boolean) {
                throw new YnlSpecException(source, path.isEmpty() ? key : path + "." + key, "must be text, found the boolean "
                        + o + " (YAML reads unquoted on/off/yes/no as booleans: quote the name)");
            }
            return String.valueOf(o);
        }

        private static String optionalText(Map<String, Object> m, String key) {
            Object o = m.get(key);
            return o == null ? null : String.valueOf(o);
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> map(Object o, String path) {
            if (o == null) {
                return null;
            }
            if (!(o instanceof Map)) {
                throw new YnlSpecException(source, path, "must be a mapping, found " + o.getClass().getSimpleName());
            }
            return (Map<String, Object>) o;
        }

        @SuppressWarnings("unchecked")
        private List<Object> list(Object o, String path) {
            if (o == null) {
                return List.of();
            }
            if (!(o instanceof List)) {
                throw new YnlSpecException(source, path, "must be a list, found " + o.getClass().getSimpleName());
            }
            return (List<Object>) o;
        }

        private static <V> Map<String, V> unmodifiable(Map<String, V> m) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(m));
        }
    }
}
