package io.github.jnetlink.ynl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a spec's YAML tree against one of the kernel's YNL schemas ({@code genetlink.yaml}, ...,
 * {@code netlink-raw.yaml}), which are JSON Schema (draft 7) written in YAML. It implements the keywords those
 * schemas use: {@code type}, {@code enum}, {@code const}, {@code required}, {@code properties},
 * {@code additionalProperties}, {@code items}, {@code oneOf}, {@code anyOf}, {@code allOf}, {@code not},
 * {@code if}/{@code then}/{@code else}, {@code dependencies}, {@code pattern}, {@code minimum} and local
 * {@code $ref}s. Unknown keywords are ignored, as JSON Schema says.
 */
final class SchemaValidator {

    private final Map<String, Object> root;

    SchemaValidator(Map<String, Object> schema) {
        this.root = schema;
    }

    /**
     * @return the problems found, each "path: problem"; empty when the document is valid
     */
    List<String> validate(Object document) {
        List<String> errors = new ArrayList<>();
        check(root, document, "", errors);
        return errors;
    }

    @SuppressWarnings("unchecked")
    private void check(Object schemaNode, Object value, String path, List<String> errors) {
        if (!(schemaNode instanceof Map<?, ?> rawSchema)) {
            if (Boolean.FALSE.equals(schemaNode)) {
                errors.add(at(path) + "is not allowed");
            }
            return;
        }
        Map<String, Object> schema = (Map<String, Object>) rawSchema;
        if (schema.get("$ref") instanceof String ref) {
            check(resolve(ref), value, path, errors);
        }
        if (schema.containsKey("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(at(path) + "must be " + schema.get("type") + ", found " + describe(value));
            return;
        }
        if (schema.get("enum") instanceof List<?> allowed && !contains(allowed, value)) {
            errors.add(at(path) + "must be one of " + allowed + ", found '" + value + "'");
        }
        if (schema.containsKey("const") && !same(schema.get("const"), value)) {
            errors.add(at(path) + "must be '" + schema.get("const") + "', found '" + value + "'");
        }
        if (schema.get("pattern") instanceof String p && value instanceof String s && !Pattern.compile(p).matcher(s).find()) {
            errors.add(at(path) + "'" + s + "' does not match " + p);
        }
        if (schema.get("minimum") instanceof Number min && value instanceof Number n
                && new BigInteger(n.toString()).compareTo(new BigInteger(min.toString())) < 0) {
            errors.add(at(path) + "must be at least " + min + ", found " + n);
        }
        if (value instanceof Map<?, ?> map) {
            object(schema, (Map<String, Object>) map, path, errors);
        }
        if (value instanceof List<?> list && schema.containsKey("items")) {
            for (int i = 0; i < list.size(); i++) {
                check(schema.get("items"), list.get(i), path + "[" + i + "]", errors);
            }
        }
        if (schema.get("allOf") instanceof List<?> all) {
            all.forEach(s -> check(s, value, path, errors));
        }
        if (schema.get("anyOf") instanceof List<?> any && any.stream().noneMatch(s -> valid(s, value, path))) {
            errors.add(at(path) + "matches none of the allowed forms");
        }
        if (schema.get("oneOf") instanceof List<?> one) {
            long matching = one.stream().filter(s -> valid(s, value, path)).count();
            if (matching != 1) {
                List<String> why = new ArrayList<>();
                if (matching == 0) {
                    for (Object s : one) {
                        check(s, value, path, why);
                    }
                }
                errors.add(at(path) + (matching == 0 ? "matches none of the allowed forms" + (why.isEmpty() ? ""
                        : " (" + String.join("; ", why) + ")") : "matches more than one of the exclusive forms"));
            }
        }
        if (schema.containsKey("not") && valid(schema.get("not"), value, path)) {
            errors.add(at(path) + "has a form the schema forbids");
        }
        if (schema.containsKey("if")) {
            Object branch = valid(schema.get("if"), value, path) ? schema.get("then") : schema.get("else");
            if (branch != null) {
                check(branch, value, path, errors);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void object(Map<String, Object> schema, Map<String, Object> map, String path, List<String> errors) {
        if (schema.get("required") instanceof List<?> required) {
            for (Object key : required) {
                if (!map.containsKey(String.valueOf(key))) {
                    errors.add(at(path) + "missing required key '" + key + "'");
                }
            }
        }
        Map<String, Object> properties = schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        Object additional = schema.get("additionalProperties");
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String child = path.isEmpty() ? key : path + "." + key;
            if (properties.containsKey(key)) {
                check(properties.get(key), e.getValue(), child, errors);
            } else if (Boolean.FALSE.equals(additional)) {
                errors.add(at(path) + "key '" + key + "' is not allowed here; allowed: " + properties.keySet());
            } else if (additional instanceof Map<?, ?>) {
                check(additional, e.getValue(), child, errors);
            }
        }
        if (schema.get("dependencies") instanceof Map<?, ?> deps) {
            for (Map.Entry<?, ?> d : deps.entrySet()) {
                if (!map.containsKey(String.valueOf(d.getKey()))) {
                    continue;
                }
                if (d.getValue() instanceof List<?> keys) {
                    for (Object k : keys) {
                        if (!map.containsKey(String.valueOf(k))) {
                            errors.add(at(path) + "key '" + d.getKey() + "' needs key '" + k + "'");
                        }
                    }
                } else if (!valid(d.getValue(), map, path)) {
                    errors.add(at(path) + "key '" + d.getKey() + "' cannot be combined with the keys given");
                }
            }
        }
    }

    private boolean valid(Object schema, Object value, String path) {
        List<String> scratch = new ArrayList<>();
        check(schema, value, path, scratch);
        return scratch.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Object resolve(String ref) {
        if (!ref.startsWith("#/")) {
            return Map.of();
        }
        Object node = root;
        for (String part : ref.substring(2).split("/")) {
            node = node instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(part) : null;
        }
        if (node == null) {
            throw new IllegalStateException("schema $ref " + ref + " does not resolve");
        }
        return node;
    }

    private static boolean typeMatches(Object type, Object value) {
        if (type instanceof List<?> types) {
            return types.stream().anyMatch(t -> typeMatches(t, value));
        }
        return switch (String.valueOf(type)) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long || value instanceof BigInteger;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "null" -> value == null;
            default -> true;
        };
    }

    private static boolean contains(List<?> allowed, Object value) {
        return allowed.stream().anyMatch(a -> same(a, value));
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.toString().equals(y.toString());
        }
        return a == null ? b == null : a.equals(b);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        return (value instanceof String ? "text '" : value.getClass().getSimpleName().toLowerCase() + " '") + value + "'";
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }
}
