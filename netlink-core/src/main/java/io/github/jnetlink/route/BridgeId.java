package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;

/**
 * An STP bridge identifier, {@code struct ifla_bridge_id}: a 2-byte priority in network byte order then the
 * bridge's 6-byte address. {@link #toString()} prints it as {@code ip -d link} does, {@code 8000.02:00:00:00:00:01},
 * except that every address byte has two digits (ip prints {@code 8000.2:0:0:0:0:1}).
 *
 * @param priority the priority, 0 to 65535 (the bridge priority; STP keeps only its top 4 bits)
 * @param address  the bridge address, 6 bytes
 */
public record BridgeId(int priority, MacAddress address) {

    /** @throws NetlinkException if {@code priority} is out of range or {@code address} is null or not 6 bytes */
    public BridgeId {
        DriverAttributes.u16("bridge id priority", priority);
        if (address == null || address.length() != 6) {
            throw new NetlinkArgumentException("bridge id address must be 6 bytes, got "
                    + (address == null ? "null" : address.length() + " bytes"));
        }
    }

    static BridgeId decode(AttributeDecoder d) {
        byte[] b = DriverAttributes.fixed(d, 8, "struct ifla_bridge_id");
        byte[] mac = new byte[6];
        System.arraycopy(b, 2, mac, 0, 6);
        return new BridgeId((b[0] & 0xFF) << 8 | b[1] & 0xFF, MacAddress.of(mac));
    }

    byte[] bytes() {
        byte[] b = new byte[8];
        b[0] = (byte) (priority >> 8);
        b[1] = (byte) priority;
        System.arraycopy(address.bytes(), 0, b, 2, 6);
        return b;
    }

    /** @return the identifier as {@code ip -d link} prints it: 4 hex digits of priority, a dot, the address */
    @Override
    public String toString() {
        return String.format("%04x.%s", priority, address);
    }
}
