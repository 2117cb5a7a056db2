package io.github.jnetlink;

/**
 * The {@code NLM_F_*} flags of {@link Header#flags()}. The same bits mean different things on GET
 * requests (ROOT, MATCH, ATOMIC, DUMP), NEW requests (REPLACE, EXCL, CREATE, APPEND) and ACKs (CAPPED,
 * ACKNOWLEDGE_TLVS), as in {@code <linux/netlink.h>}.
 */
public final class HeaderFlags {

    /** {@code NLM_F_REQUEST}: a request; every message sent to the kernel needs it. */
    public static final int REQUEST = 0x01;
    /** {@code NLM_F_MULTI}: part of a multipart reply, terminated by {@link HeaderType#DONE}. */
    public static final int MULTI = 0x02;
    /** {@code NLM_F_ACK}: ask the kernel to acknowledge with an {@code NLMSG_ERROR} of code 0. */
    public static final int ACKNOWLEDGE = 0x04;
    /** {@code NLM_F_ECHO}: echo this request to the sender's multicast groups. */
    public static final int ECHO = 0x08;
    /** {@code NLM_F_DUMP_INTR}: the dump was inconsistent because the data changed during it. */
    public static final int DUMP_INTERRUPTED = 0x10;
    /** {@code NLM_F_DUMP_FILTERED}: the kernel filtered the dump as the request asked. */
    public static final int DUMP_FILTERED = 0x20;

    /** {@code NLM_F_ROOT}: return the whole table (GET requests). */
    public static final int ROOT = 0x100;
    /** {@code NLM_F_MATCH}: return all matching entries (GET requests). */
    public static final int MATCH = 0x200;
    /** {@code NLM_F_ATOMIC}: atomic snapshot (GET requests; obsolete). */
    public static final int ATOMIC = 0x400;
    /** {@code NLM_F_DUMP}: {@code ROOT | MATCH}, a dump. */
    public static final int DUMP = ROOT | MATCH;

    /** {@code NLM_F_REPLACE}: replace an existing object (NEW requests). */
    public static final int REPLACE = 0x100;
    /** {@code NLM_F_EXCL}: fail with EEXIST if the object exists (NEW requests). */
    public static final int EXCL = 0x200;
    /** {@code NLM_F_CREATE}: create the object if it does not exist (NEW requests). */
    public static final int CREATE = 0x400;
    /** {@code NLM_F_APPEND}: add to the end of the list (NEW requests). */
    public static final int APPEND = 0x800;

    /** {@code NLM_F_CAPPED}: the ACK does not repeat the request's payload. */
    public static final int CAPPED = 0x100;
    /** {@code NLM_F_ACK_TLVS}: the ACK carries extended-ACK attributes. */
    public static final int ACKNOWLEDGE_TLVS = 0x200;

    private HeaderFlags() {
    }

    /**
     * @param flags a flags value
     * @return the flags as {@code REQUEST|ACKNOWLEDGE|0x...}, naming only the bits whose meaning does not
     *         depend on the message kind, the rest in hex
     */
    public static String toString(int flags) {
        StringBuilder b = new StringBuilder();
        String[] names = {"REQUEST", "MULTI", "ACKNOWLEDGE", "ECHO", "DUMP_INTERRUPTED", "DUMP_FILTERED"};
        int rest = flags;
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                b.append(b.length() == 0 ? "" : "|").append(names[i]);
                rest &= ~(1 << i);
            }
        }
        if (rest != 0 || b.length() == 0) {
            b.append(b.length() == 0 ? "" : "|").append("0x").append(Integer.toHexString(rest));
        }
        return b.toString();
    }
}
