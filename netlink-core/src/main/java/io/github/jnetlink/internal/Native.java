package io.github.jnetlink.internal;

import io.github.jnetlink.UnsupportedPlatformException;
import java.util.Locale;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The C library, bound once by jnr-ffi, and the Linux constants the socket uses. Binding fails, and
 * {@link #check()} throws an {@link UnsupportedPlatformException}, off Linux or where jnr-ffi cannot load.
 */
final class Native {

    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_ATTACH_FILTER = 26;
    static final int SO_DETACH_FILTER = 27;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_RCVBUFFORCE = 33;
    static final int SO_LOCK_FILTER = 44;

    static final int SOL_NETLINK = 270;
    static final int NETLINK_ADD_MEMBERSHIP = 1;
    static final int NETLINK_DROP_MEMBERSHIP = 2;
    static final int NETLINK_PKTINFO = 3;

    static final int MSG_TRUNC = 0x20;

    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;

    static final int EFD_SEMAPHORE = 1;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    /**
     * The C library calls the socket needs. Pointers are always direct memory, so jnr-ffi passes addresses without
     * copying; every call that can fail saves {@code errno}.
     *
     * <p>The interface is public only because jnr-ffi defines its implementation in a class loader of its own, which
     * cannot implement a package-private interface (its slow reflective fallback is not an option); nested in this
     * package-private class it is still out of reach of code outside the package.
     *
     * <p>{@code sendto} and {@code recvfrom} keep their {@link Pointer} parameters on purpose. With them jnr-ffi
     * 2.2.17 binds the calls to its fast-long invoker, which costs the same per call as raw {@code long} addresses
     * (measured: within a few ns of 300-400 ns for a failing {@code recvfrom}). With six primitive parameters it
     * would pick its x86-64 native stub instead, which passes a wrong sixth argument ({@code EINVAL} from
     * {@code sendto}, a garbage {@code addrlen} pointer for {@code recvfrom}). {@code sendmsg}/{@code recvmsg} avoid
     * six parameters but cost about 80 ns more in the kernel per call.
     */
    public interface LibC {

        @SaveError
        int socket(int domain, int type, int protocol);

        @SaveError
        int bind(int fd, Pointer addr, int addrlen);

        @SaveError
        int getsockname(int fd, Pointer addr, Pointer addrlen);

        @SaveError
        @ssize_t
        long sendto(int fd, Pointer buf, @size_t long len, int flags, Pointer addr, int addrlen);

        @SaveError
        @ssize_t
        long recvfrom(int fd, Pointer buf, @size_t long len, int flags, Pointer addr, Pointer addrlen);

        @SaveError
        @ssize_t
        long recvmsg(int fd, Pointer msg, int flags);

        @SaveError
        int setsockopt(int fd, int level, int name, Pointer value, int len);

        @SaveError
        int getsockopt(int fd, int level, int name, Pointer value, Pointer len);

        @SaveError
        int close(int fd);

        @SaveError
        int poll(Pointer fds, @size_t long nfds, int timeout);

        @SaveError
        int eventfd(int initval, int flags);

        @SaveError
        @ssize_t
        long read(int fd, Pointer buf, @size_t long count);

        @SaveError
        @ssize_t
        long write(int fd, Pointer buf, @size_t long count);

        @SaveError
        int setns(int fd, int nstype);

        @SaveError
        int open(String path, int flags);

        @IgnoreError
        int getpid();
    }

    static final LibC LIBC;
    static final Runtime RUNTIME;
    private static final Throwable LOAD_FAILURE;

    static {
        LibC libc = null;
        Runtime runtime = null;
        Throwable failure = null;
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            failure = new UnsupportedOperationException("netlink exists only on Linux; this is " + os);
        } else {
            try {
                libc = LibraryLoader.create(LibC.class).load("c");
                runtime = Runtime.getRuntime(libc);
            } catch (NoClassDefFoundError missing) {
                failure = new UnsupportedOperationException("jnr-ffi is not on the class path (" + missing.getMessage()
                        + " is missing): a real netlink socket needs com.github.jnr:jnr-ffi, which netlink-core depends on;"
                        + " only FakeKernel and the other in-memory transports work without it", missing);
            } catch (Throwable t) {
                failure = t;
            }
        }
        LIBC = libc;
        RUNTIME = runtime;
        LOAD_FAILURE = failure;
    }

    private Native() {
    }

    /**
     * Throws a clear exception if the C library could not be bound here, or if the C structures jnr-ffi lays out
     * for this architecture are not the kernel's (see {@link Structs}).
     */
    static void check() {
        if (LOAD_FAILURE != null) {
            throw new UnsupportedPlatformException(LOAD_FAILURE);
        }
        try {
            Structs.load();
        } catch (ExceptionInInitializerError e) {
            throw new UnsupportedPlatformException(e.getCause() == null ? e : e.getCause());
        } catch (LinkageError e) {
            // a later use of Structs after its initialisation failed: the first failure said why
            throw new UnsupportedPlatformException(e);
        }
    }

    static int errno() {
        return RUNTIME.getLastError();
    }

    /** Zeroed direct memory, freed when the returned {@link Pointer} is collected. */
    static Pointer allocate(int bytes) {
        return Memory.allocateDirect(RUNTIME, bytes, true);
    }
}
