package io.github.jnetlink.generic;

import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkArgumentException;

/**
 * The 4-byte header every generic netlink message carries right after {@code struct nlmsghdr},
 * {@code struct genlmsghdr}:
 * <pre>
 *  0        1        2                 4
 * +--------+--------+-----------------+
 * |  cmd   | version|    reserved     |
 * +--------+--------+-----------------+
 * </pre>
 * The kernel dispatches a request to the family named by the netlink message type and, within it, to the
 * operation numbered {@code cmd}; {@code version} lets a family change its message layout. The family's own
 * fixed header, if it has one ({@link Family#headerSize()}), and then its attributes follow.
 *
 * @param command the family-specific command ({@code cmd}), 0 to 255
 * @param version the family's protocol version ({@code version}), 0 to 255
 */
public record GenericHeader(int command, int version) {

    /** Size of {@code struct genlmsghdr} in bytes ({@code GENL_HDRLEN}); attributes start at this offset. */
    public static final int SIZE = 4;

    /**
     * Checks the 8-bit fields.
     *
     * @throws NetlinkArgumentException if {@code command} or {@code version} does not fit 8 unsigned bits
     */
    public GenericHeader {
        if ((command & ~0xFF) != 0) {
            throw new NetlinkArgumentException("generic netlink command " + command + " does not fit an unsigned 8-bit field");
        }
        if ((version & ~0xFF) != 0) {
            throw new NetlinkArgumentException("generic netlink version " + version + " does not fit an unsigned 8-bit field");
        }
    }

    /**
     * Encodes the header as the kernel reads it, with the reserved field zero.
     *
     * @return 4 bytes
     */
    public byte[] encode() {
        return new byte[] {(byte) command, (byte) version, 0, 0};
    }

    /**
     * Decodes the header at the start of a generic netlink message's payload ({@link io.github.jnetlink.Message#data()}).
     * The reserved field is ignored, as the kernel ignores it.
     *
     * @param data the message payload; only its first 4 bytes are read
     * @return the header
     * @throws MalformedMessageException if {@code data} is null or shorter than 4 bytes
     */
    public static GenericHeader decode(byte[] data) {
        if (data == null) {
            throw new MalformedMessageException("generic netlink header: message payload must not be null");
        }
        if (data.length < SIZE) {
            throw new MalformedMessageException("truncated generic netlink header: " + data.length
                    + " bytes, struct genlmsghdr needs 4");
        }
        return new GenericHeader(data[0] & 0xFF, data[1] & 0xFF);
    }
}
