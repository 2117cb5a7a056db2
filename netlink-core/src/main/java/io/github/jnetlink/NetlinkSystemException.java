package io.github.jnetlink;

import io.github.jnetlink.internal.Errno;

/**
 * A system call on a netlink socket failed with an {@code errno}: {@code socket}, {@code bind},
 * {@code setsockopt}, {@code sendmsg}, {@code recvmsg}, {@code setns} and so on.
 *
 * <p>{@link #syscall()} and {@link #subject()} say which call failed on what, as data: a caller that reacts to
 * one failure (a namespace that does not exist, a buffer size refused) tests them rather than the message.
 */
public class NetlinkSystemException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    private final String syscall;
    private final String subject;
    private final int errno;

    /**
     * @param operation the call that failed, as text; {@link #syscall()} is then the same and {@link #subject()} empty
     * @param errno     the positive error number
     */
    public NetlinkSystemException(String operation, int errno) {
        this(operation, "", errno, null);
    }

    /**
     * @param syscall the C call that failed, such as {@code "setsockopt"}, {@code "setns"} or {@code "bind"}
     * @param subject what it was called on: the option name ({@code "SO_RCVBUFFORCE"}), the namespace path, or
     *                {@code ""}
     * @param errno   the positive error number
     */
    public NetlinkSystemException(String syscall, String subject, int errno) {
        this(syscall, subject, errno, null);
    }

    /**
     * @param syscall the C call that failed
     * @param subject what it was called on, or {@code ""}
     * @param errno   the positive error number
     * @param detail  more about the failure, appended to the message, or null
     */
    public NetlinkSystemException(String syscall, String subject, int errno, String detail) {
        super(operation(syscall, subject), Errno.name(errno) + " (" + Errno.describe(errno) + ")"
                + (detail == null || detail.isEmpty() ? "" : ": " + detail), null);
        this.syscall = syscall == null ? "" : syscall;
        this.subject = subject == null ? "" : subject;
        this.errno = errno;
    }

    /**
     * For subclasses that build their own message.
     *
     * @param operation the operation that failed
     * @param errno     the positive error number
     * @param detail    the message after the operation
     * @param cause     the underlying failure, or null
     */
    protected NetlinkSystemException(String operation, int errno, String detail, Throwable cause) {
        super(operation, detail, cause);
        this.syscall = "";
        this.subject = "";
        this.errno = errno;
    }

    private static String operation(String syscall, String subject) {
        String s = syscall == null ? "" : syscall;
        return subject == null || subject.isEmpty() ? s : s + "(" + subject + ")";
    }

    /** @return the C call that failed, such as {@code "setns"}; empty for errors the kernel sent in a message */
    public String syscall() {
        return syscall;
    }

    /** @return what the call was made on: a socket option name, a namespace path; empty when nothing in particular */
    public String subject() {
        return subject;
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
