package io.github.jnetlink.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Netlink attributes written by hand, as the kernel lays them out ({@code struct nlattr}: u16 length, u16 type, the
 * payload, zero padding to 4 bytes), in host order. For decode tests that must not use the library's own encoder as
 * their oracle.
 */
public final class KernelBytes {

    private KernelBytes() {
    }

    /** Writes one attribute whose payload is the given byte values (each cast to a byte). */
    public static void attr(ByteBuffer b, int type, int... payload) {
        byte[] bytes = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            bytes[i] = (byte) payload[i];
        }
        attr(b, type, bytes);
    }

    /** Writes one attribute with its padding. */
    public static void attr(ByteBuffer b, int type, byte[] payload) {
        b.putShort((short) (4 + payload.length)).putShort((short) type).put(payload);
        for (int i = payload.length; i % 4 != 0; i++) {
            b.put((byte) 0);
        }
    }

    /** @return a u16 in host order */
    public static byte[] u16(int v) {
        return ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) v).array();
    }

    /** @return a u32 in host order */
    public static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    /** @return a u64 in host order */
    public static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(v).array();
    }
}
