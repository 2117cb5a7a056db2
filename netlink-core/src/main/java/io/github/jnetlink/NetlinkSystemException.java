package io.github.jnetlink;

import io.github.jnetlink.internal.Errno;

/**
 * A system call on a netlink socket failed with an {@code errno}: {@code socket}, {@code bind},
 * {@code setsockopt}, {@code sendmsg}, {@code recvmsg}, {@code setns} and so on.
 */
public class NetlinkSystemException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int errno;

    /**
     * @param operation the operation that failed, such as {@code "bind"} or {@code "setsockopt(NETLINK_EXT_ACK)"}
     * @param errno the positive error number
     */
    public NetlinkSystemException(String operation, int errno) {
        this(operation, errno, operation + ": " + Errno.name(errno) + " (" + Errno.describe(errno) + ")");
    }

    /**
     * @param operation the operation that failed
     * @param errno the positive error number
     * @param message the full message
     */
    protected NetlinkSystemException(String operation, int errno, String message) {
        super(message);
        this.operation = operation;
        this.errno = errno;
    }

    /**
     * @return the operation that failed, such as {@code "bind"}
     */
    public String operation() {
        return operation;
    }

    /**
     * @return the positive error number, as in {@code <errno.h>}
     */
    public int errno() {
        return errno;
    }

    /**
     * @return the symbolic name of {@link #errno()}, such as {@code "ENODEV"}, or {@code "E<n>"} when unknown
     */
    public String errnoName() {
        return Errno.name(errno);
    }
}
