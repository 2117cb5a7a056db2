package io.github.jnetlink.internal;

import io.github.jnetlink.NetlinkSystemException;

/**
 * Creates {@code AF_NETLINK} socket descriptors, in another network namespace when asked.
 *
 * <p>A socket belongs to the namespace of the thread that created it and keeps it for life, whatever thread uses it
 * later. {@code setns(CLONE_NEWNET)} moves only the calling thread, and would leave a pooled or virtual carrier thread
 * in the wrong namespace, so a short-lived platform thread named {@code netlink-netns-dial} ({@link DialingThread})
 * enters the namespace, creates the socket and ends, taking its namespace with it.
 */
final class NetnsDialer {

    private NetnsDialer() {
    }

    /**
     * Creates a non-blocking, close-on-exec netlink socket descriptor.
     *
     * @param protocol  the netlink protocol
     * @param netnsPath a namespace file such as {@code /var/run/netns/x}, or null
     * @param netnsFd   an open namespace descriptor, used when {@code netnsPath} is null; -1 for none. It stays open.
     * @return the descriptor, owned by the caller
     * @throws NetlinkSystemException when {@code socket}, {@code open} or {@code setns} fails
     */
    static int socket(int protocol, String netnsPath, int netnsFd) {
        if (netnsPath == null && netnsFd < 0) {
            return socket(protocol);
        }
        return socketInNamespace(protocol, netnsPath, netnsFd);
    }

    private static int socket(int protocol) {
        int fd = Native.LIBC.socket(Native.AF_NETLINK, Native.SOCK_RAW | Native.SOCK_CLOEXEC | Native.SOCK_NONBLOCK,
                protocol);
        if (fd < 0) {
            throw new NetlinkSystemException("socket", "", Native.errno(), "AF_NETLINK, protocol " + protocol);
        }
        return fd;
    }

    private static int socketInNamespace(int protocol, String netnsPath, int netnsFd) {
        return DialingThread.run(() -> {
            String subject = netnsPath != null ? netnsPath : "fd " + netnsFd;
            int nsFd = netnsFd;
            if (netnsPath != null) {
                nsFd = Native.LIBC.open(netnsPath, Native.O_RDONLY | Native.O_CLOEXEC);
                if (nsFd < 0) {
                    throw new NetlinkSystemException("open", subject, Native.errno(), "network namespace");
                }
            }
            try {
                if (Native.LIBC.setns(nsFd, Native.CLONE_NEWNET) < 0) {
                    throw new NetlinkSystemException("setns", subject, Native.errno(), "CLONE_NEWNET");
                }
                return socket(protocol);
            } finally {
                if (netnsPath != null) {
                    Native.LIBC.close(nsFd);
                }
            }
        }, Native.LIBC::close);
    }
}
