package io.github.jnetlink.internal.ffm;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * The C structures the socket hands to the kernel, as {@link MemoryLayout}s written after the kernel's uapi headers for
 * LP64 (the only model {@link Native#check()} accepts), and their field offsets. The receive path uses the offsets
 * with plain segment reads and writes.
 */
final class Structs {

    /** {@code struct sockaddr_nl} from {@code <linux/netlink.h>}. */
    static final StructLayout SOCKADDR_NL = MemoryLayout.structLayout(
            JAVA_SHORT.withName("nl_family"), JAVA_SHORT.withName("nl_pad"),
            JAVA_INT.withName("nl_pid"), JAVA_INT.withName("nl_groups"));

    /** {@code struct iovec} from {@code <linux/uio.h>}. */
    static final StructLayout IOVEC = MemoryLayout.structLayout(ADDRESS.withName("iov_base"), JAVA_LONG.withName("iov_len"));

    /** {@code struct user_msghdr} from {@code <linux/socket.h>}, which the C library's {@code struct msghdr} matches. */
    static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"), JAVA_INT.withName("msg_namelen"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"), JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"), JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"), MemoryLayout.paddingLayout(4));

    /** {@code struct cmsghdr}: the header of each control message. */
    static final StructLayout CMSGHDR = MemoryLayout.structLayout(
            JAVA_LONG.withName("cmsg_len"), JAVA_INT.withName("cmsg_level"), JAVA_INT.withName("cmsg_type"));

    /** {@code struct sock_filter} from {@code <linux/filter.h>}: one classic BPF instruction. */
    static final StructLayout SOCK_FILTER = MemoryLayout.structLayout(
            JAVA_SHORT.withName("code"), JAVA_BYTE.withName("jt"), JAVA_BYTE.withName("jf"), JAVA_INT.withName("k"));

    /** {@code struct sock_fprog}: the program {@code SO_ATTACH_FILTER} takes. */
    static final StructLayout SOCK_FPROG = MemoryLayout.structLayout(
            JAVA_SHORT.withName("len"), MemoryLayout.paddingLayout(6), ADDRESS.withName("filter"));

    /** {@code struct pollfd} from {@code <asm-generic/poll.h>}. */
    static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));

    static final int SOCKADDR_NL_SIZE = (int) SOCKADDR_NL.byteSize();
    static final long NL_FAMILY = offset(SOCKADDR_NL, "nl_family");
    static final long NL_PID = offset(SOCKADDR_NL, "nl_pid");
    static final long NL_GROUPS = offset(SOCKADDR_NL, "nl_groups");

    static final long IOV_BASE = offset(IOVEC, "iov_base");
    static final long IOV_LEN = offset(IOVEC, "iov_len");

    static final long MSG_NAME = offset(MSGHDR, "msg_name");
    static final long MSG_NAMELEN = offset(MSGHDR, "msg_namelen");
    static final long MSG_IOV = offset(MSGHDR, "msg_iov");
    static final long MSG_IOVLEN = offset(MSGHDR, "msg_iovlen");
    static final long MSG_CONTROL = offset(MSGHDR, "msg_control");
    static final long MSG_CONTROLLEN = offset(MSGHDR, "msg_controllen");

    static final long CMSGHDR_SIZE = CMSGHDR.byteSize();
    static final long CMSG_LEN = offset(CMSGHDR, "cmsg_len");
    static final long CMSG_LEVEL = offset(CMSGHDR, "cmsg_level");
    static final long CMSG_TYPE = offset(CMSGHDR, "cmsg_type");
    /** {@code CMSG_ALIGN(sizeof(struct cmsghdr))}: where a control message's data starts. */
    static final long CMSG_DATA = align(CMSGHDR_SIZE);

    static final long SOCK_FILTER_SIZE = SOCK_FILTER.byteSize();
    static final long FILTER_CODE = offset(SOCK_FILTER, "code");
    static final long FILTER_JT = offset(SOCK_FILTER, "jt");
    static final long FILTER_JF = offset(SOCK_FILTER, "jf");
    static final long FILTER_K = offset(SOCK_FILTER, "k");

    static final int SOCK_FPROG_SIZE = (int) SOCK_FPROG.byteSize();
    static final long FPROG_LEN = offset(SOCK_FPROG, "len");
    static final long FPROG_FILTER = offset(SOCK_FPROG, "filter");

    static final long POLLFD_SIZE = POLLFD.byteSize();
    static final long POLL_FD = offset(POLLFD, "fd");
    static final long POLL_EVENTS = offset(POLLFD, "events");
    static final long POLL_REVENTS = offset(POLLFD, "revents");

    /** {@code struct nl_pktinfo}: one {@code __u32 group}. */
    static final long NL_PKTINFO_SIZE = 4;

    private Structs() {
    }

    private static long offset(StructLayout layout, String field) {
        return layout.byteOffset(groupElement(field));
    }

    /** {@code CMSG_ALIGN}: control messages are aligned to {@code size_t}. */
    static long align(long length) {
        return (length + 7) & -8L;
    }
}
