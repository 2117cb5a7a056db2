package io.github.jnetlink.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The fixed sources every family package gets (or gets when it uses them), read from the generator's resources. */
final class Support {

    private Support() {
    }

    static String codec(String pkg, boolean typeValues) {
        return resource("Codec.java.txt").replace("/*TYPEVALUE*/\n", typeValues ? resource("TypeValue.txt") + "\n" : "");
    }

    /** The one class every family package's {@code Codec} extends, in {@link #SUPPORT_PACKAGE}. */
    static String codecSupport() {
        return resource("CodecSupport.java.txt");
    }

    static final String SUPPORT_PACKAGE = "io.github.jnetlink.family.support";

    static String bitfield32(String pkg) {
        return part("Bitfield32");
    }

    static String typeValue(String pkg) {
        return part("TypeValue");
    }

    static String headered(String pkg) {
        return part("HeaderedMessage");
    }

    private static String part(String name) {
        String all = resource("Support.txt");
        int start = all.indexOf("===" + name + "\n");
        int end = all.indexOf("\n===", start + 1);
        return all.substring(start + name.length() + 4, end < 0 ? all.length() : end + 1);
    }

    private static String resource(String name) {
        try (InputStream in = Support.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("generator resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
