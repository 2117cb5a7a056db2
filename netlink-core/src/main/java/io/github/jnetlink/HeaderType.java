package io.github.jnetlink;

/**
 * The control message types every netlink family shares ({@code NLMSG_*}). Family-specific types start
 * at {@link #MIN_TYPE}.
 */
public final class HeaderType {

    /** {@code NLMSG_NOOP}: nothing; ignored. */
    public static final int NOOP = 1;
    /** {@code NLMSG_ERROR}: an error, or with code 0 an acknowledgement. */
    public static final int ERROR = 2;
    /** {@code NLMSG_DONE}: the end of a multipart reply. */
    public static final int DONE = 3;
    /** {@code NLMSG_OVERRUN}: data lost (unused by current kernels). */
    public static final int OVERRUN = 4;
    /** {@code NLMSG_MIN_TYPE}: the first type a family may use. */
    public static final int MIN_TYPE = 0x10;

    private HeaderType() {
    }

    /**
     * @param type a message type
     * @return {@code "ERROR"} and the like for control types, the decimal number otherwise
     */
    public static String toString(int type) {
        return switch (type) {
            case NOOP -> "NOOP";
            case ERROR -> "ERROR";
            case DONE -> "DONE";
            case OVERRUN -> "OVERRUN";
            default -> Integer.toString(type);
        };
    }
}
