package io.github.jnetlink.internal;

import io.github.jnetlink.UnsupportedPlatformException;
import java.nio.ByteOrder;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;

/**
 * The C structures the socket hands to the kernel, as jnr-ffi lays them out for the running architecture, and
 * their field offsets read once from those layouts.
 *
 * <p>The offsets are then used with plain {@link jnr.ffi.Pointer} reads and writes on memory allocated once, so the
 * receive path touches no {@link Struct} object. When the class loads, every layout is compared with what the
 * kernel's uapi headers give for the runtime's pointer size under the C alignment rules (LP64 on x86-64 and arm64:
 * {@code struct msghdr} is 56 bytes, {@code struct cmsghdr} 16); on a mismatch {@link #load()}, which
 * {@link Native#check()} calls before any socket is opened, throws an {@link UnsupportedPlatformException} naming
 * the fields, rather than letting a wrong offset reach the kernel. Loading this class needs the bound C library.
 */
final class Structs {

    /** {@code struct sockaddr_nl} from {@code <linux/netlink.h>}. */
    static final class SockaddrNl extends Struct {
        final Unsigned16 family = new Unsigned16();
        final Unsigned16 pad = new Unsigned16();
        final Unsigned32 pid = new Unsigned32();
        final Unsigned32 groups = new Unsigned32();

        SockaddrNl(Runtime runtime) {
            super(runtime);
        }
    }

    /** {@code struct iovec} from {@code <linux/uio.h>}. */
    static final class Iovec extends Struct {
        final Struct.Pointer base = new Struct.Pointer();
        final size_t length = new size_t();

        Iovec(Runtime runtime) {
            super(runtime);
        }
    }

    /** {@code struct user_msghdr} from {@code <linux/socket.h>}, which the C library's {@code struct msghdr} matches. */
    static final class Msghdr extends Struct {
        final Struct.Pointer name = new Struct.Pointer();
        final Signed32 nameLength = new Signed32();
        final Struct.Pointer iov = new Struct.Pointer();
        final size_t iovLength = new size_t();
        final Struct.Pointer control = new Struct.Pointer();
        final size_t controlLength = new size_t();
        final Unsigned32 flags = new Unsigned32();

        Msghdr(Runtime runtime) {
            super(runtime);
        }
    }

    /** {@code struct cmsghdr} from {@code <linux/socket.h>}: the header of each control message. */
    static final class Cmsghdr extends Struct {
        final size_t length = new size_t();
        final Signed32 level = new Signed32();
        final Signed32 type = new Signed32();

        Cmsghdr(Runtime runtime) {
            super(runtime);
        }
    }

    /** {@code struct sock_filter} from {@code <linux/filter.h>}: one classic BPF instruction. */
    static final class SockFilter extends Struct {
        final Unsigned16 code = new Unsigned16();
        final Unsigned8 jt = new Unsigned8();
        final Unsigned8 jf = new Unsigned8();
        final Unsigned32 k = new Unsigned32();

        SockFilter(Runtime runtime) {
            super(runtime);
        }
    }

    /** {@code struct sock_fprog} from {@code <linux/filter.h>}: the program {@code SO_ATTACH_FILTER} takes. */
    static final class SockFprog extends Struct {
        final Unsigned16 length = new Unsigned16();
        final Struct.Pointer filter = new Struct.Pointer();

        SockFprog(Runtime runtime) {
            super(runtime);
        }
    }

    /** {@code struct pollfd} from {@code <asm-generic/poll.h>}. */
    static final class Pollfd extends Struct {
        final Signed32 fd = new Signed32();
        final Signed16 events = new Signed16();
        final Signed16 revents = new Signed16();

        Pollfd(Runtime runtime) {
            super(runtime);
        }
    }

    /** Bytes of a pointer and of {@code size_t}, which Linux keeps equal (4 or 8). */
    static final int WORD;

    static final int SOCKADDR_NL_SIZE;
    static final int NL_FAMILY;
    static final int NL_PID;
    static final int NL_GROUPS;

    static final int IOVEC_SIZE;
    static final int IOV_BASE;
    static final int IOV_LEN;

    static final int MSGHDR_SIZE;
    static final int MSG_NAME;
    static final int MSG_NAMELEN;
    static final int MSG_IOV;
    static final int MSG_IOVLEN;
    static final int MSG_CONTROL;
    static final int MSG_CONTROLLEN;
    static final int MSG_FLAGS;

    static final int CMSGHDR_SIZE;
    static final int CMSG_LEN;
    static final int CMSG_LEVEL;
    static final int CMSG_TYPE;
    /** {@code CMSG_ALIGN(sizeof(struct cmsghdr))}: where a control message's data starts. */
    static final int CMSG_DATA;

    static final int SOCK_FILTER_SIZE;
    static final int FILTER_CODE;
    static final int FILTER_JT;
    static final int FILTER_JF;
    static final int FILTER_K;

    static final int SOCK_FPROG_SIZE;
    static final int FPROG_LEN;
    static final int FPROG_FILTER;

    static final int POLLFD_SIZE;
    static final int POLL_FD;
    static final int POLL_EVENTS;
    static final int POLL_REVENTS;

    /** {@code struct nl_pktinfo}: one {@code __u32 group}. */
    static final int NL_PKTINFO_SIZE = 4;

    /** What disagrees with the kernel's layouts, or null. */
    private static final String PROBLEMS;

    static {
        Runtime runtime = Native.RUNTIME;
        Layout check = new Layout();
        int word = runtime.addressSize();
        check.require(word == 4 || word == 8, "pointers are " + word + " bytes; only 4 and 8 are known");
        check.require(runtime.longSize() == word, "long is " + runtime.longSize() + " bytes and a pointer " + word);
        check.require(runtime.findType(jnr.ffi.TypeAlias.size_t).size() == word,
                "size_t is " + runtime.findType(jnr.ffi.TypeAlias.size_t).size() + " bytes and a pointer " + word);
        check.require(runtime.byteOrder().equals(ByteOrder.nativeOrder()),
                "jnr-ffi byte order " + runtime.byteOrder() + " is not the JVM's " + ByteOrder.nativeOrder());
        WORD = word;

        SockaddrNl sa = new SockaddrNl(runtime);
        NL_FAMILY = check.offset("sockaddr_nl.nl_family", sa.family.offset(), 0);
        check.offset("sockaddr_nl.nl_pad", sa.pad.offset(), 2);
        NL_PID = check.offset("sockaddr_nl.nl_pid", sa.pid.offset(), 4);
        NL_GROUPS = check.offset("sockaddr_nl.nl_groups", sa.groups.offset(), 8);
        SOCKADDR_NL_SIZE = check.size("sockaddr_nl", sa, 12);

        Iovec iov = new Iovec(runtime);
        IOV_BASE = check.offset("iovec.iov_base", iov.base.offset(), 0);
        IOV_LEN = check.offset("iovec.iov_len", iov.length.offset(), word);
        IOVEC_SIZE = check.size("iovec", iov, 2 * word);

        Msghdr msg = new Msghdr(runtime);
        MSG_NAME = check.offset("msghdr.msg_name", msg.name.offset(), 0);
        MSG_NAMELEN = check.offset("msghdr.msg_namelen", msg.nameLength.offset(), word);
        MSG_IOV = check.offset("msghdr.msg_iov", msg.iov.offset(), 2 * word);
        MSG_IOVLEN = check.offset("msghdr.msg_iovlen", msg.iovLength.offset(), 3 * word);
        MSG_CONTROL = check.offset("msghdr.msg_control", msg.control.offset(), 4 * word);
        MSG_CONTROLLEN = check.offset("msghdr.msg_controllen", msg.controlLength.offset(), 5 * word);
        MSG_FLAGS = check.offset("msghdr.msg_flags", msg.flags.offset(), 6 * word);
        MSGHDR_SIZE = check.size("msghdr", msg, 7 * word);

        Cmsghdr cmsg = new Cmsghdr(runtime);
        CMSG_LEN = check.offset("cmsghdr.cmsg_len", cmsg.length.offset(), 0);
        CMSG_LEVEL = check.offset("cmsghdr.cmsg_level", cmsg.level.offset(), word);
        CMSG_TYPE = check.offset("cmsghdr.cmsg_type", cmsg.type.offset(), word + 4);
        CMSGHDR_SIZE = check.size("cmsghdr", cmsg, word + 8);
        CMSG_DATA = align(CMSGHDR_SIZE);

        SockFilter filter = new SockFilter(runtime);
        FILTER_CODE = check.offset("sock_filter.code", filter.code.offset(), 0);
        FILTER_JT = check.offset("sock_filter.jt", filter.jt.offset(), 2);
        FILTER_JF = check.offset("sock_filter.jf", filter.jf.offset(), 3);
        FILTER_K = check.offset("sock_filter.k", filter.k.offset(), 4);
        SOCK_FILTER_SIZE = check.size("sock_filter", filter, 8);

        SockFprog prog = new SockFprog(runtime);
        FPROG_LEN = check.offset("sock_fprog.len", prog.length.offset(), 0);
        FPROG_FILTER = check.offset("sock_fprog.filter", prog.filter.offset(), word);
        SOCK_FPROG_SIZE = check.size("sock_fprog", prog, 2 * word);

        Pollfd poll = new Pollfd(runtime);
        POLL_FD = check.offset("pollfd.fd", poll.fd.offset(), 0);
        POLL_EVENTS = check.offset("pollfd.events", poll.events.offset(), 4);
        POLL_REVENTS = check.offset("pollfd.revents", poll.revents.offset(), 6);
        POLLFD_SIZE = check.size("pollfd", poll, 8);

        PROBLEMS = check.problems();
    }

    private Structs() {
    }

    /**
     * Makes sure the layouts were computed and agree with the kernel's.
     *
     * @throws UnsupportedPlatformException naming every field that does not
     */
    static void load() {
        if (PROBLEMS != null) {
            throw new UnsupportedPlatformException(new IllegalStateException("unexpected C structure layout on "
                    + System.getProperty("os.arch") + ": " + PROBLEMS));
        }
    }

    /** {@code CMSG_ALIGN}: control messages are aligned to {@code size_t}. */
    static long align(long length) {
        return (length + WORD - 1) & -WORD;
    }

    private static int align(int length) {
        return (length + WORD - 1) & -WORD;
    }

    /** Writes a {@code size_t} field. */
    static void putSize(jnr.ffi.Pointer memory, int offset, long value) {
        if (WORD == 8) {
            memory.putLongLong(offset, value);
        } else {
            memory.putInt(offset, (int) value);
        }
    }

    /** Reads a {@code size_t} field. */
    static long getSize(jnr.ffi.Pointer memory, long offset) {
        return WORD == 8 ? memory.getLongLong(offset) : memory.getInt(offset) & 0xffff_ffffL;
    }

    /** Collects every disagreement between jnr-ffi's layouts and the kernel's, so the failure names them all. */
    private static final class Layout {
        private final StringBuilder problems = new StringBuilder();

        void require(boolean condition, String problem) {
            if (!condition) {
                problems.append(problems.length() == 0 ? "" : "; ").append(problem);
            }
        }

        int offset(String field, long actual, int expected) {
            require(actual == expected, field + " is at offset " + actual + ", the kernel expects " + expected);
            return (int) actual;
        }

        /** {@code sizeof}: jnr-ffi's size does not include the tail padding C adds up to the alignment. */
        int size(String struct, Struct layout, int expected) {
            int alignment = Struct.alignment(layout);
            int actual = (Struct.size(layout) + alignment - 1) / alignment * alignment;
            require(actual == expected, "struct " + struct + " is " + actual + " bytes, the kernel expects " + expected);
            return actual;
        }

        String problems() {
            return problems.length() == 0 ? null : problems.toString();
        }
    }
}
