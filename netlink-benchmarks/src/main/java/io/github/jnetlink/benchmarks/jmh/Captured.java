package io.github.jnetlink.benchmarks.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Real messages captured from a kernel with {@code Conn.execute} and stored as hex resources beside this
 * class (native byte order of the capturing machine: little-endian x86-64), so the decode benchmarks work
 * on what the kernel really sends rather than on hand-made bytes.
 */
final class Captured {

    /** Offset of the attributes in an {@code RTM_NEWLINK} payload: after {@code struct ifinfomsg}. */
    static final int IFINFOMSG_SIZE = 16;
    /** Offset of the attributes in an {@code RTM_NEWROUTE} payload: after {@code struct rtmsg}. */
    static final int RTMSG_SIZE = 12;

    private Captured() {
    }

    /**
     * The reply to {@code RTM_GETLINK} for ifindex 1: {@code lo} in a fresh namespace, 1468 bytes with the
     * header: 38 top-level attributes (among them {@code IFLA_STATS64} and {@code IFLA_AF_SPEC}), 48 with
     * those nested in {@code IFLA_AF_SPEC}.
     */
    static byte[] linkMessage() {
        return load("rtm_newlink_lo.hex");
    }

    /** One message of an {@code RTM_GETROUTE} dump: {@code blackhole 10.0.0.0/32}, 44 bytes with the header. */
    static byte[] routeMessage() {
        return load("rtm_newroute_blackhole.hex");
    }

    private static byte[] load(String name) {
        try (InputStream in = Captured.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource " + name);
            }
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s+", "");
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
