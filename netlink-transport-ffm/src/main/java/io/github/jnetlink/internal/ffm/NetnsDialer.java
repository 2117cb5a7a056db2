package io.github.jnetlink.internal.ffm;

import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.internal.DialingThread;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Creates {@code AF_NETLINK} socket descriptors, in another network namespace when asked: {@code setns(CLONE_NEWNET)}
 * runs on a short-lived platform thread of its own ({@link DialingThread}), as in the jnr-ffi transport, so no pooled
 * or virtual carrier thread is left in another namespace.
 */
final class NetnsDialer {

    private NetnsDialer() {
    }

    /**
     * @param protocol  the netlink protocol
     * @param netnsPath a namespace file such as {@code /var/run/netns/x}, or null
     * @param netnsFd   an open namespace descriptor, used when {@code netnsPath} is null; -1 for none. It stays open.
     * @return a non-blocking, close-on-exec descriptor, owned by the caller
     * @throws NetlinkSystemException when {@code socket}, {@code open} or {@code setns} fails
     */
    static int socket(int protocol, String netnsPath, int netnsFd) {
        if (netnsPath == null && netnsFd < 0) {
            return socket(protocol);
        }
        return DialingThread.run(() -> socketIn(protocol, netnsPath, netnsFd), NetnsDialer::close);
    }

    private static int socket(int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.newErrnoSegment(arena);
            int fd = Native.socket(errno, Native.AF_NETLINK, Native.SOCK_RAW | Native.SOCK_CLOEXEC | Native.SOCK_NONBLOCK,
                    protocol);
            if (fd < 0) {
                throw new NetlinkSystemException("socket", "", Native.errno(errno), "AF_NETLINK, protocol " + protocol);
            }
            return fd;
        }
    }

    /** Runs on the dialling thread. */
    private static int socketIn(int protocol, String netnsPath, int netnsFd) {
        String subject = netnsPath != null ? netnsPath : "fd " + netnsFd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.newErrnoSegment(arena);
            int nsFd = netnsFd;
            if (netnsPath != null) {
                nsFd = Native.open(errno, arena.allocateFrom(netnsPath), Native.O_RDONLY | Native.O_CLOEXEC);
                if (nsFd < 0) {
                    throw new NetlinkSystemException("open", subject, Native.errno(errno), "network namespace");
                }
            }
            try {
                if (Native.setns(errno, nsFd, Native.CLONE_NEWNET) < 0) {
                    throw new NetlinkSystemException("setns", subject, Native.errno(errno), "CLONE_NEWNET");
                }
                return socket(protocol);
            } finally {
                if (netnsPath != null) {
                    Native.close(errno, nsFd);
                }
            }
        }
    }

    private static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            Native.close(Native.newErrnoSegment(arena), fd);
        }
    }
}
