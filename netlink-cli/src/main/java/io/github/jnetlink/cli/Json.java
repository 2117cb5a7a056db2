package io.github.jnetlink.cli;

import io.github.jnetlink.NetlinkArgumentException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** JSON in and out: out as Python's {@code json.dumps} writes it (so the two tools' output compares byte for byte). */
final class Json {

    private Json() {
    }

    /** @return the text as {@code json.dumps(v)} writes it, bytes as hex; with {@code indent}, one member a line */
    static String write(Object v, boolean indent) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, indent ? 0 : -1);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int level) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean || v instanceof Number) {
            sb.append(v);
        } else if (v instanceof byte[] b) {
            string(sb, HexFormat.of().formatHex(b));
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                separator(sb, first, level + 1);
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), level < 0 ? -1 : level + 1);
            }
            close(sb, m.isEmpty(), level, '}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            boolean first = true;
            for (Object item : l) {
                separator(sb, first, level + 1);
                first = false;
                write(sb, item, level < 0 ? -1 : level + 1);
            }
            close(sb, l.isEmpty(), level, ']');
        } else {
            string(sb, v.toString());
        }
    }

    private static void separator(StringBuilder sb, boolean first, int level) {
        if (!first) {
            sb.append(level <= 0 ? ", " : ",");
        }
        if (level > 0) {
            sb.append('\n').append("  ".repeat(level));
        }
    }

    private static void close(StringBuilder sb, boolean empty, int level, char c) {
        if (level >= 0 && !empty) {
            sb.append('\n').append("  ".repeat(level));
        }
        sb.append(c);
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    // json.dumps escapes everything outside printable ASCII (ensure_ascii)
                    if (c < 0x20 || c > 0x7E) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * @return the object {@code --json} gives (JSON is YAML, so SnakeYAML's safe loader reads it)
     * @throws NetlinkArgumentException naming the option when the text is no JSON object
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readObject(String text, String option) {
        Object v;
        try {
            v = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new NetlinkArgumentException(option + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new NetlinkArgumentException(option + ": needs a JSON object such as '{\"ifindex\": 1}', got " + text);
        }
        return (Map<String, Object>) m;
    }
}
