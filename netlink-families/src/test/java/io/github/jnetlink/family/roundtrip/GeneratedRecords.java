package io.github.jnetlink.family.roundtrip;

import io.github.jnetlink.NetlinkException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The generated attribute-set records of every family package, found on the class path, and sample values for
 * their components made by reflection: what the round-trip and fuzz tests run over, so that a family added to the
 * specs is covered without a test written for it.
 */
final class GeneratedRecords {

    private GeneratedRecords() {
    }

    /** @return every attribute-set record class (a record with {@code decode(byte[], int, int)} and {@code builder()}) */
    static List<Class<?>> attributeSets() {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c : allClasses()) {
            if (c.isRecord() && hasMethod(c, "builder") && hasMethod(c, "attributeTypes")) {
                out.add(c);
            }
        }
        return out;
    }

    static List<Class<?>> allClasses() {
        URL root = GeneratedRecords.class.getClassLoader().getResource("io/github/jnetlink/family/netdev/NetdevClient.class");
        if (root == null) {
            throw new AssertionError("generated classes are not on the class path");
        }
        try {
            Path base = Path.of(root.toURI()).getParent().getParent();
            List<Class<?>> out = new ArrayList<>();
            try (Stream<Path> files = Files.walk(base)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$"))
                        .sorted().toList()) {
                    String rel = base.relativize(p).toString().replace('/', '.');
                    out.add(Class.forName("io.github.jnetlink.family." + rel.substring(0, rel.length() - 6)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    static boolean hasMethod(Class<?> c, String name) {
        return Arrays.stream(c.getMethods()).anyMatch(m -> m.getName().equals(name));
    }

    /** @return the record with every component empty */
    static Object empty(Class<?> c) {
        RecordComponent[] rc = c.getRecordComponents();
        Object[] args = new Object[rc.length];
        for (int i = 0; i < rc.length; i++) {
            args[i] = rc[i].getType() == boolean.class ? false : rc[i].getType() == List.class ? null : null;
        }
        return construct(c, args);
    }

    static Object construct(Class<?> c, Object[] args) {
        try {
            Class<?>[] types = Arrays.stream(c.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return c.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** @return the record with only component {@code index} set to {@code value} */
    static Object with(Class<?> c, int index, Object value) {
        RecordComponent[] rc = c.getRecordComponents();
        Object[] args = new Object[rc.length];
        for (int i = 0; i < rc.length; i++) {
            args[i] = i == index ? value : rc[i].getType() == boolean.class ? false : null;
        }
        return construct(c, args);
    }

    static byte[] encode(Object record) {
        return (byte[]) call(record, "encode");
    }

    static Object decode(Class<?> c, byte[] b) {
        try {
            return c.getMethod("decode", byte[].class, int.class, int.class).invoke(null, b, 0, b.length);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static Object call(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            return m.invoke(target);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Candidate values for a component, widest first: the first the encoder (and the spec's checks) accept is used.
     *
     * @param type  the component's generic type
     * @param depth how deep nests go before they are left empty
     * @return the candidates; empty when none can be made
     */
    static List<Object> candidates(Type type, int depth) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        List<Object> out = new ArrayList<>();
        if (raw == Integer.class) {
            out.addAll(List.of(0x1234, 7, 1));
        } else if (raw == Long.class) {
            out.addAll(List.of(0x1_2345_6789L, 0x8765_4321L, 7L, 1L));
        } else if (raw == String.class) {
            out.addAll(List.of("jnl0", "j"));
        } else if (raw == byte[].class) {
            for (int n : new int[] {16, 4, 6, 8, 32, 1, 2, 12, 20, 24, 40, 64, 256}) {
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) (i * 37 + n);
                }
                out.add(b);
            }
        } else if (raw == boolean.class) {
            out.add(true);
        } else if (raw == List.class && type instanceof ParameterizedType p) {
            Type elem = p.getActualTypeArguments()[0];
            for (Object v : candidates(elem, depth)) {
                out.add(List.of(v, v));
            }
        } else if (depth > 0 && raw.isRecord() && hasMethod(raw, "attributeTypes")) {
            out.add(sample(raw, depth - 1));
        } else if (raw.isRecord() && raw.getSimpleName().equals("Bitfield32")) {
            out.add(construct(raw, new Object[] {0x5L, 0x7L}));
        } else if (raw.isRecord() && raw.getSimpleName().equals("TypeValue") && type instanceof ParameterizedType p) {
            for (Object v : candidates(p.getActualTypeArguments()[0], depth)) {
                out.add(construct(raw, new Object[] {List.of(3), v}));
                out.add(construct(raw, new Object[] {List.of(3, 4), v}));
            }
        } else if (raw.isRecord() && raw.getSimpleName().equals("HeaderedMessage") && type instanceof ParameterizedType p) {
            List<Object> hs = candidates(p.getActualTypeArguments()[0], depth);
            List<Object> as = candidates(p.getActualTypeArguments()[1], depth);
            if (!hs.isEmpty() && !as.isEmpty()) {
                out.add(construct(raw, new Object[] {hs.get(0), as.get(0)}));
            }
        } else if (raw.isRecord() && hasMethod(raw, "empty")) {
            out.add(call0(raw, "empty"));
        } else if (raw.isRecord() && hasMethod(raw, "selector") && depth > 0) {
            // a sub-message: each static factory is one format
            for (Method m : raw.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 1 && m.getReturnType() == raw
                        && !m.getName().equals("decode")) {
                    for (Object v : candidates(m.getGenericParameterTypes()[0], depth - 1)) {
                        try {
                            out.add(m.invoke(null, v));
                        } catch (ReflectiveOperationException e) {
                            throw new AssertionError(e);
                        }
                        break;
                    }
                }
            }
        }
        return out;
    }

    static Object call0(Class<?> c, String name) {
        try {
            return c.getMethod(name).invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** @return a record with every component the encoder accepts set to a sample value */
    static Object sample(Class<?> c, int depth) {
        RecordComponent[] rc = c.getRecordComponents();
        Object[] args = new Object[rc.length];
        for (int i = 0; i < rc.length; i++) {
            args[i] = rc[i].getType() == boolean.class ? false : null;
        }
        for (int i = 0; i < rc.length - 1; i++) {
            for (Object v : candidates(rc[i].getGenericType(), depth)) {
                Object[] trial = args.clone();
                trial[i] = v;
                try {
                    encode(construct(c, trial));
                    args[i] = v;
                    break;
                } catch (NetlinkException e) {
                    // the spec's width or checks refuse this candidate: try the next
                }
            }
        }
        return construct(c, args);
    }
}
