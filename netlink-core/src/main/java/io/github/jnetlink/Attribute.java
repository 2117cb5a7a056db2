package io.github.jnetlink;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One netlink attribute kept as raw bytes: what typed records hold for attribute types they do not
 * interpret, so nothing the kernel sent is dropped.
 *
 * @param type the attribute type including the {@code NLA_F_NESTED} and {@code NLA_F_NET_BYTEORDER} bits
 * @param data the payload, without header or padding; not copied, treat as read-only
 */
public record Attribute(int type, byte[] data) {

    /**
     * @throws NetlinkArgumentException if {@code data} is null
     */
    public Attribute {
        if (data == null) {
            throw new NetlinkArgumentException("attribute " + type + ": data must not be null");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribute a && a.type == type && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Attribute[type=" + type + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
}
