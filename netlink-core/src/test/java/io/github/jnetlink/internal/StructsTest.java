package io.github.jnetlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The C structure layouts jnr-ffi computes for this machine, against the kernel's uapi headers for LP64 (x86-64,
 * arm64, riscv64): {@code <linux/netlink.h>}, {@code <linux/socket.h>}, {@code <linux/uio.h>},
 * {@code <linux/filter.h>}, {@code <asm-generic/poll.h>}.
 */
class StructsTest {

    @BeforeAll
    static void lp64() {
        Native.check();
        assumeTrue(Native.RUNTIME.addressSize() == 8, "the expected values are LP64's");
    }

    static Stream<Arguments> lp64Layout() {
        return Stream.of(
                // struct sockaddr_nl { __kernel_sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; }
                Arguments.of("sizeof(struct sockaddr_nl)", Structs.SOCKADDR_NL_SIZE, 12),
                Arguments.of("sockaddr_nl.nl_family", Structs.NL_FAMILY, 0),
                Arguments.of("sockaddr_nl.nl_pid", Structs.NL_PID, 4),
                Arguments.of("sockaddr_nl.nl_groups", Structs.NL_GROUPS, 8),
                // struct iovec { void __user *iov_base; __kernel_size_t iov_len; }
                Arguments.of("sizeof(struct iovec)", Structs.IOVEC_SIZE, 16),
                Arguments.of("iovec.iov_base", Structs.IOV_BASE, 0),
                Arguments.of("iovec.iov_len", Structs.IOV_LEN, 8),
                // struct user_msghdr
                Arguments.of("sizeof(struct msghdr)", Structs.MSGHDR_SIZE, 56),
                Arguments.of("msghdr.msg_name", Structs.MSG_NAME, 0),
                Arguments.of("msghdr.msg_namelen", Structs.MSG_NAMELEN, 8),
                Arguments.of("msghdr.msg_iov", Structs.MSG_IOV, 16),
                Arguments.of("msghdr.msg_iovlen", Structs.MSG_IOVLEN, 24),
                Arguments.of("msghdr.msg_control", Structs.MSG_CONTROL, 32),
                Arguments.of("msghdr.msg_controllen", Structs.MSG_CONTROLLEN, 40),
                Arguments.of("msghdr.msg_flags", Structs.MSG_FLAGS, 48),
                // struct cmsghdr { __kernel_size_t cmsg_len; int cmsg_level; int cmsg_type; }
                Arguments.of("sizeof(struct cmsghdr)", Structs.CMSGHDR_SIZE, 16),
                Arguments.of("cmsghdr.cmsg_len", Structs.CMSG_LEN, 0),
                Arguments.of("cmsghdr.cmsg_level", Structs.CMSG_LEVEL, 8),
                Arguments.of("cmsghdr.cmsg_type", Structs.CMSG_TYPE, 12),
                Arguments.of("CMSG_DATA offset", Structs.CMSG_DATA, 16),
                // struct sock_filter { __u16 code; __u8 jt; __u8 jf; __u32 k; }
                Arguments.of("sizeof(struct sock_filter)", Structs.SOCK_FILTER_SIZE, 8),
                Arguments.of("sock_filter.code", Structs.FILTER_CODE, 0),
                Arguments.of("sock_filter.jt", Structs.FILTER_JT, 2),
                Arguments.of("sock_filter.jf", Structs.FILTER_JF, 3),
                Arguments.of("sock_filter.k", Structs.FILTER_K, 4),
                // struct sock_fprog { unsigned short len; struct sock_filter __user *filter; }
                Arguments.of("sizeof(struct sock_fprog)", Structs.SOCK_FPROG_SIZE, 16),
                Arguments.of("sock_fprog.len", Structs.FPROG_LEN, 0),
                Arguments.of("sock_fprog.filter", Structs.FPROG_FILTER, 8),
                // struct pollfd { int fd; short events; short revents; }
                Arguments.of("sizeof(struct pollfd)", Structs.POLLFD_SIZE, 8),
                Arguments.of("pollfd.fd", Structs.POLL_FD, 0),
                Arguments.of("pollfd.events", Structs.POLL_EVENTS, 4),
                Arguments.of("pollfd.revents", Structs.POLL_REVENTS, 6));
    }

    @ParameterizedTest(name = "{0} = {2}")
    @MethodSource("lp64Layout")
    void layoutIsTheKernels(String what, int actual, int expected) {
        assertThat(actual).as(what).isEqualTo(expected);
    }

    @Test
    void sizeTIsAWord() {
        assertThat(Structs.WORD).isEqualTo(8);
        assertThat(Native.RUNTIME.findType(jnr.ffi.TypeAlias.size_t).size()).isEqualTo(8);
    }

    @Test
    void controlMessagesAlignToSizeT() {
        // CMSG_ALIGN(len) = (len + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1)
        assertThat(Structs.align(0)).isEqualTo(0);
        assertThat(Structs.align(1)).isEqualTo(8);
        assertThat(Structs.align(20)).isEqualTo(24);
        assertThat(Structs.align(24)).isEqualTo(24);
    }

    @Test
    void sizeFieldsRoundTripInNativeOrder() {
        jnr.ffi.Pointer p = Native.allocate(16);
        Structs.putSize(p, 8, 0x0102_0304_0506_0708L);
        assertThat(Structs.getSize(p, 8)).isEqualTo(0x0102_0304_0506_0708L);
        assertThat(p.getLongLong(8)).isEqualTo(0x0102_0304_0506_0708L);
        assertThat(p.getLongLong(0)).isZero();
    }
}
