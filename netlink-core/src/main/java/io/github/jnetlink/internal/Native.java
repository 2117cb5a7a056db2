package io.github.jnetlink.internal;

import io.github.jnetlink.UnsupportedPlatformException;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Loads the C library once and holds the Linux constants jnetlink uses. Loading fails with a
 * {@link UnsupportedPlatformException} off Linux.
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
    static final int NETLINK_PKTINFO = 3;
    static final int NETLINK_ADD_MEMBERSHIP = 1;
    static final int NETLINK_DROP_MEMBERSHIP = 2;

    static final int MSG_TRUNC = 0x20;

    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;

    static final int EFD_SEMAPHORE = 1;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    static final int SOCKADDR_NL_SIZE = 12;

    static final LibC LIBC;
    static final Runtime RUNTIME;
    private static final Throwable LOAD_FAILURE;

    static {
        LibC libc = null;
        Runtime runtime = null;
        Throwable failure = null;
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            failure = new UnsupportedOperationException("netlink exists only on Linux; this is " + os);
        } else {
            try {
                libc = LibraryLoader.create(LibC.class).load("c");
                runtime = Runtime.getRuntime(libc);
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

    /** Throws a clear exception if the C library could not be bound here. */
    static void check() {
        if (LOAD_FAILURE != null) {
            throw new UnsupportedPlatformException(LOAD_FAILURE);
        }
    }

    static int errno() {
        return RUNTIME.getLastError();
    }

    static Pointer allocate(int bytes) {
        return Memory.allocateDirect(RUNTIME, bytes, true);
    }
}
