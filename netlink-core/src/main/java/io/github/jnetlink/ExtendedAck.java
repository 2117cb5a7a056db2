package io.github.jnetlink;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the kernel adds to an {@code NLMSG_ERROR} (or to the {@code NLMSG_DONE} ending a dump) when extended
 * acknowledgements are on ({@link ConnOption#EXTENDED_ACKNOWLEDGE}, or {@link Config#strict()}): the
 * {@code NLMSGERR_ATTR_*} attributes of {@code <linux/netlink.h>}, placed after the echoed request (or after its
 * header alone when {@code NLM_F_CAPPED} is set), flagged by {@code NLM_F_ACK_TLVS}.
 *
 * @param message          {@code NLMSGERR_ATTR_MSG}: the kernel's text, such as "Unknown device type"; {@code ""} when absent
 * @param offset           {@code NLMSGERR_ATTR_OFFS}: the byte offset, within the request, of the attribute that was
 *                         rejected; -1 when absent
 * @param missingType      {@code NLMSGERR_ATTR_MISS_TYPE}: the type of a required attribute that was missing; -1 when absent
 * @param missingNest      {@code NLMSGERR_ATTR_MISS_NEST}: the offset of the nest it was missing from; -1 when absent
 * @param cookie           {@code NLMSGERR_ATTR_COOKIE}: bytes some subsystems return on success or failure; empty when absent
 * @param policy           {@code NLMSGERR_ATTR_POLICY}: the nested policy of the rejected attribute
 *                         ({@code NL_POLICY_TYPE_ATTR_*} attributes), raw; empty when absent
 */
public record ExtendedAck(String message, int offset, int missingType, int missingNest, byte[] cookie, byte[] policy) {

    /** No extended ACK: the kernel sent none, or extended ACKs are off. */
    public static final ExtendedAck NONE = new ExtendedAck("", -1, -1, -1, new byte[0], new byte[0]);

    static final int NLMSGERR_ATTR_MSG = 1;
    static final int NLMSGERR_ATTR_OFFS = 2;
    static final int NLMSGERR_ATTR_COOKIE = 3;
    static final int NLMSGERR_ATTR_POLICY = 4;
    static final int NLMSGERR_ATTR_MISS_TYPE = 5;
    static final int NLMSGERR_ATTR_MISS_NEST = 6;

    /** Null text becomes {@code ""}, null byte arrays empty ones. */
    public ExtendedAck {
        message = message == null ? "" : message;
        cookie = cookie == null ? new byte[0] : cookie;
        policy = policy == null ? new byte[0] : policy;
    }

    /** @return whether the kernel sent nothing at all */
    public boolean isEmpty() {
        return message.isEmpty() && offset < 0 && missingType < 0 && missingNest < 0 && cookie.length == 0 && policy.length == 0;
    }

    /**
     * Decodes the attributes after the fixed part of an {@code NLMSG_ERROR} or {@code NLMSG_DONE} payload. A
     * malformed block yields {@link #NONE}: the errno, already known, is what matters, and a broken extended ACK
     * must never hide it.
     *
     * @param data   the message payload
     * @param offset where the attributes start
     * @return the extended ACK, {@link #NONE} when there is none or it is malformed
     */
    static ExtendedAck decode(byte[] data, int offset) {
        if (offset < 0 || offset >= data.length) {
            return NONE;
        }
        String message = "";
        int offs = -1;
        int missType = -1;
        int missNest = -1;
        byte[] cookie = null;
        byte[] policy = null;
        try {
            AttributeDecoder ad = new AttributeDecoder(data, offset, data.length - offset);
            while (ad.next()) {
                switch (ad.type()) {
                    case NLMSGERR_ATTR_MSG -> message = ad.string();
                    case NLMSGERR_ATTR_OFFS -> offs = ad.u32();
                    case NLMSGERR_ATTR_COOKIE -> cookie = ad.bytes();
                    case NLMSGERR_ATTR_POLICY -> policy = ad.bytes();
                    case NLMSGERR_ATTR_MISS_TYPE -> missType = ad.u32();
                    case NLMSGERR_ATTR_MISS_NEST -> missNest = ad.u32();
                    default -> {
                        // a newer kernel's attribute: nothing to report from it
                    }
                }
            }
        } catch (NetlinkException malformed) {
            return NONE;
        }
        ExtendedAck ack = new ExtendedAck(message, offs, missType, missNest, cookie, policy);
        return ack.isEmpty() ? NONE : ack;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedAck e && message.equals(e.message) && offset == e.offset && missingType == e.missingType
                && missingNest == e.missingNest && Arrays.equals(cookie, e.cookie) && Arrays.equals(policy, e.policy);
    }

    @Override
    public int hashCode() {
        return (message.hashCode() * 31 + offset) * 31 + Arrays.hashCode(cookie);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (!message.isEmpty()) {
            b.append(message);
        }
        append(b, offset >= 0, "at offset " + offset);
        append(b, missingType >= 0, "missing attribute type " + missingType);
        append(b, missingNest >= 0, "in the nest at offset " + missingNest);
        append(b, cookie.length > 0, "cookie " + HexFormat.of().formatHex(cookie));
        append(b, policy.length > 0, "policy of " + policy.length + " bytes");
        return b.toString();
    }

    private static void append(StringBuilder b, boolean present, String text) {
        if (present) {
            b.append(b.length() == 0 ? "" : " ").append(b.length() == 0 ? text : "[" + text + "]");
        }
    }
}
