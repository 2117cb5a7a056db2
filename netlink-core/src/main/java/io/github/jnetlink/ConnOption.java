package io.github.jnetlink;

/**
 * Boolean netlink socket options ({@code SOL_NETLINK} level), set with
 * {@link Conn#setOption(ConnOption, boolean)}.
 */
public enum ConnOption {
    /** {@code NETLINK_PKTINFO}: deliver the destination group with each message. */
    PACKET_INFO(3, "NETLINK_PKTINFO"),
    /** {@code NETLINK_BROADCAST_ERROR}: report errors delivering to this socket's groups to the sender. */
    BROADCAST_ERROR(4, "NETLINK_BROADCAST_ERROR"),
    /** {@code NETLINK_NO_ENOBUFS}: do not report receive-buffer overruns (the messages are still lost). */
    NO_ENOBUFS(5, "NETLINK_NO_ENOBUFS"),
    /** {@code NETLINK_LISTEN_ALL_NSID}: receive multicast from every namespace that has an ID here. */
    LISTEN_ALL_NSID(8, "NETLINK_LISTEN_ALL_NSID"),
    /** {@code NETLINK_CAP_ACK}: ACKs do not repeat the request's payload. */
    CAP_ACKNOWLEDGE(10, "NETLINK_CAP_ACK"),
    /** {@code NETLINK_EXT_ACK}: errors carry a text message and the offending attribute's offset. */
    EXTENDED_ACKNOWLEDGE(11, "NETLINK_EXT_ACK"),
    /** {@code NETLINK_GET_STRICT_CHK}: the kernel checks GET requests strictly and rejects unknown fields. */
    GET_STRICT_CHECK(12, "NETLINK_GET_STRICT_CHK");

    private final int value;
    private final String kernelName;

    ConnOption(int value, String kernelName) {
        this.value = value;
        this.kernelName = kernelName;
    }

    /**
     * @return the option's name in {@code <linux/netlink.h>}, such as {@code "NETLINK_EXT_ACK"}: the
     *         {@link NetlinkSystemException#subject()} of a failure to set it
     */
    public String kernelName() {
        return kernelName;
    }

    /**
     * @return the kernel's option number
     */
    public int value() {
        return value;
    }
}
