package io.github.jnetlink.test;

import io.github.jnetlink.NetlinkErrorException;

/**
 * A change or query the fake rtnetlink refuses as the kernel would: the errno and the extended-ACK text the kernel
 * sets with {@code NL_SET_ERR_MSG} on that path, empty where it sets none. {@link RouteTables} throws it before it
 * changes anything; {@link FakeRouteKernel} turns it into an {@code NLMSG_ERROR} reply for a request, or into a
 * {@link NetlinkErrorException} for a direct change made by a test.
 */
final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ELOOP = 40;
    static final int EOPNOTSUPP = 95;
    static final int EAFNOSUPPORT = 97;
    static final int EADDRNOTAVAIL = 99;
    static final int ENETDOWN = 100;
    static final int ENETUNREACH = 101;

    private final int errno;
    private final String text;

    Refusal(int errno, String text) {
        super(text == null || text.isEmpty() ? "errno " + errno : text, null, false, false);
        this.errno = errno;
        this.text = text == null ? "" : text;
    }

    /** A refusal without extended-ACK text. */
    static Refusal of(int errno) {
        return new Refusal(errno, "");
    }

    int errno() {
        return errno;
    }

    /** The kernel's extended-ACK text, {@code ""} when it sends none. */
    String text() {
        return text;
    }

    /** The reply to the refused request. */
    Replies replies() {
        return Replies.error(errno, text);
    }

    /** What a test's direct change throws: the errno and text the equivalent request would have been answered with. */
    NetlinkErrorException exception(String operation) {
        return new NetlinkErrorException(operation, errno, 0, text, -1);
    }
}
