package io.github.jnetlink.codegen;

import java.util.Locale;
import java.util.Set;

/**
 * How spec names become Java names. A family's package is its name lowercased with everything but letters and
 * digits removed ({@code rt-link} and {@code ovs_datapath} become {@code rtlink} and {@code ovsdatapath}); types
 * are UpperCamelCase and members lowerCamelCase of the name's words (split at {@code -}, {@code _} and anything
 * else not a letter or digit); constants UPPER_SNAKE_CASE. A Java keyword or a name the generated code uses
 * itself gets a trailing {@code _}; a name starting with a digit gets a leading {@code _} (constants) or
 * {@code T}/{@code v} (types, members).
 */
final class Names {

    static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
            "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits", "non", "_",
            "hashCode", "toString", "equals", "getClass", "wait", "notify", "notifyAll", "clone", "finalize");

    /** java.lang types a generated type must not hide. */
    static final Set<String> JAVA_LANG = Set.of("String", "Integer", "Long", "Short", "Byte", "Boolean", "Character",
            "Object", "Override", "Record", "Enum", "Class", "Number", "Math", "System", "Thread", "Error",
            "Exception", "Void", "Process", "Runtime", "Module", "Package", "Iterable", "Comparable", "Deprecated",
            "SuppressWarnings", "SafeVarargs", "FunctionalInterface", "Double", "Float", "Runnable", "Throwable",
            "StringBuilder", "Cloneable", "AutoCloseable", "RuntimeException", "Builder");

    private Names() {
    }

    static String pkg(String specName) {
        return specName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    static String[] words(String name) {
        return name.split("[^A-Za-z0-9]+");
    }

    static String type(String name) {
        StringBuilder b = new StringBuilder();
        for (String w : words(name)) {
            if (!w.isEmpty()) {
                b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
            b.insert(0, 'T');
        }
        return b.toString();
    }

    static String member(String name) {
        String t = type(name);
        if (t.startsWith("T") && (type(name).length() > 1 && Character.isDigit(t.charAt(1)))) {
            t = "v" + t.substring(1);
        } else {
            t = Character.toLowerCase(t.charAt(0)) + t.substring(1);
        }
        return KEYWORDS.contains(t) ? t + "_" : t;
    }

    static String constant(String name) {
        String c = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        if (c.isEmpty() || Character.isDigit(c.charAt(0))) {
            c = "_" + c;
        }
        return c.equals("_") ? "__" : c;
    }

    static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A Java string literal of {@code s}. */
    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Text safe inside Javadoc: no comment end, no HTML. */
    static String doc(String s) {
        return s.replace("*/", "*&#47;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;");
    }
}
