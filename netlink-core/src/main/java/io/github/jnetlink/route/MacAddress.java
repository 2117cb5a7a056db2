package io.github.jnetlink.route;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.Arrays;

/**
 * A link-layer (hardware) address, such as an Ethernet MAC address: what the kernel sends in
 * {@code IFLA_ADDRESS}, {@code IFLA_BROADCAST} and {@code NDA_LLADDR}. Its length is the device's
 * {@code addr_len}: 6 bytes for Ethernet and veth, but 4 for IPv4 tunnels, 16 for IPv6 tunnels, 20 for
 * InfiniBand; the kernel allows 1 to 32 ({@code MAX_ADDR_LEN}).
 *
 * <p>Immutable; equal when the bytes are equal. {@link #toString()} is the lowercase colon-separated hex
 * that {@code ip} prints, such as {@code 02:42:ac:11:00:02}, and {@link #parse(String)} reads it back.
 */
public final class MacAddress {

    /** The most bytes a hardware address may have ({@code MAX_ADDR_LEN}). */
    public static final int MAX_LENGTH = 32;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] bytes;

    private MacAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param bytes the address, 1 to 32 bytes; copied
     * @return the address
     * @throws NetlinkException if {@code bytes} is null, empty or longer than 32 bytes
     */
    public static MacAddress of(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_LENGTH) {
            throw new NetlinkArgumentException("hardware address must be 1 to " + MAX_LENGTH + " bytes, got "
                    + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        return new MacAddress(bytes.clone());
    }

    /**
     * Reads the current attribute as a hardware address.
     *
     * @return the address, or null for an empty payload (a device without hardware address, kept raw)
     * @throws io.github.jnetlink.MalformedMessageException if the payload is longer than 32 bytes
     */
    static MacAddress decode(io.github.jnetlink.AttributeDecoder d, String what) {
        int length = d.length();
        if (length > MAX_LENGTH) {
            throw new io.github.jnetlink.MalformedMessageException(what + " at offset " + (d.offset() - 4) + ": "
                    + length + "-byte hardware address, at most " + MAX_LENGTH + " allowed");
        }
        return length == 0 ? null : new MacAddress(d.bytes());
    }

    /** Wraps without copying; for decoders that own {@code bytes}. */
    static MacAddress wrap(byte[] bytes) {
        return new MacAddress(bytes);
    }

    /**
     * Parses colon-separated hex bytes, one or two digits each, in either case: {@code "aa:bb:cc:dd:ee:ff"},
     * {@code "2:42:AC:11:0:2"}.
     *
     * @param text the address
     * @return the address
     * @throws NetlinkException naming the text when it is null or not 1 to 32 colon-separated hex bytes
     */
    public static MacAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new NetlinkArgumentException("hardware address must be colon-separated hex bytes such as aa:bb:cc:dd:ee:ff, got "
                    + (text == null ? "null" : "''"));
        }
        byte[] out = new byte[MAX_LENGTH];
        int n = 0;
        int i = 0;
        while (true) {
            int start = i;
            int value = 0;
            while (i < text.length() && text.charAt(i) != ':') {
                int digit = Character.digit(text.charAt(i), 16);
                if (digit < 0 || i - start >= 2) {
                    throw badText(text);
                }
                value = value * 16 + digit;
                i++;
            }
            if (i == start || n == MAX_LENGTH) {
                throw badText(text);
            }
            out[n++] = (byte) value;
            if (i == text.length()) {
                break;
            }
            i++;
        }
        return new MacAddress(Arrays.copyOf(out, n));
    }

    private static NetlinkException badText(String text) {
        return new NetlinkArgumentException("'" + text + "' is not a hardware address: expected 1 to " + MAX_LENGTH
                + " colon-separated hex bytes such as aa:bb:cc:dd:ee:ff");
    }

    /**
     * @return a copy of the address bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * @return the number of bytes, 1 to 32
     */
    public int length() {
        return bytes.length;
    }

    /** The bytes without copying, for encoders that only read them. */
    byte[] raw() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /**
     * @return the lowercase colon-separated form {@code ip} prints, such as {@code "02:42:ac:11:00:02"}
     */
    @Override
    public String toString() {
        char[] c = new char[bytes.length * 3 - 1];
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                c[i * 3 - 1] = ':';
            }
            c[i * 3] = HEX[(bytes[i] >> 4) & 0xF];
            c[i * 3 + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(c);
    }
}
