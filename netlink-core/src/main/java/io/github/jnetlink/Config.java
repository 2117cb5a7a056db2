package io.github.jnetlink;

/**
 * How {@link Conn#dial(int, Config)} opens a socket. Immutable; start from {@link #DEFAULT} and use the
 * {@code with*} methods:
 * <pre>{@code
 * Config config = Config.DEFAULT.withNetns("/var/run/netns/blue").withStrict(true);
 * }</pre>
 *
 * @param groups            multicast groups 1-32 to join at bind time, as the bitmask of
 *                          {@code sockaddr_nl.nl_groups} (bit {@code g - 1} for group {@code g}); groups
 *                          above 32 need {@link Conn#joinGroup(int)}
 * @param netns             path of a network namespace to open the socket in, such as
 *                          {@code /var/run/netns/blue} or {@code /proc/1234/ns/net}; {@code null} for the
 *                          caller's namespace
 * @param netnsFd           an open file descriptor of a network namespace, used when {@code netns} is null;
 *                          {@code -1} for none. The descriptor stays the caller's to close
 * @param pid               port ID to bind; 0 lets the kernel choose a unique one (recommended)
 * @param strict            turn on extended ACKs ({@code NETLINK_EXT_ACK}) and strict checking of GET
 *                          requests ({@code NETLINK_GET_STRICT_CHK}); dial fails where the kernel cannot
 * @param receiveBufferSize socket receive buffer in bytes ({@code SO_RCVBUFFORCE}, else {@code SO_RCVBUF});
 *                          0 keeps the kernel default
 * @param sendBufferSize    socket send buffer in bytes; 0 keeps the kernel default
 * @param observer          callbacks for metrics, never null; {@link ConnObserver#NONE} by default
 * @param trustedPeers      port IDs of userspace sockets whose datagrams are accepted. Datagrams whose
 *                          sender is not the kernel (port ID 0) nor one of these are dropped and counted
 *                          ({@link ConnObserver#rejected(int)}): any local process may send to a netlink
 *                          socket, and a daemon that believes such a message came from the kernel can be
 *                          fooled (udev's CVE-2009-1185). Empty by default; ignored for
 *                          {@link Protocol#USERSOCK}, whose peers are all userspace
 * @param messageBufferSize the size in bytes of the userspace buffer datagrams are first received into, 0 for
 *                          64 KiB. It grows to fit any larger datagram (see {@link NetlinkTruncatedException});
 *                          a smaller one saves memory where many connections are open, a larger one avoids the
 *                          repeated request that growing costs when replies are known to be large. At least 1024
 */
public record Config(int groups, String netns, int netnsFd, int pid, boolean strict, int receiveBufferSize,
        int sendBufferSize, ConnObserver observer, java.util.Set<Integer> trustedPeers, int messageBufferSize) {

    /** The kernel defaults: no groups, the caller's namespace, a kernel-chosen port ID, lenient checking. */
    public static final Config DEFAULT = new Config(0, null, -1, 0, false, 0, 0, ConnObserver.NONE, java.util.Set.of(), 0);

    /**
     * @throws NetlinkArgumentException for a negative buffer size, a blank namespace path or a null trusted peer
     */
    public Config {
        if (receiveBufferSize < 0) {
            throw new NetlinkArgumentException("receiveBufferSize must be >= 0, got " + receiveBufferSize);
        }
        if (sendBufferSize < 0) {
            throw new NetlinkArgumentException("sendBufferSize must be >= 0, got " + sendBufferSize);
        }
        if (netns != null && netns.isBlank()) {
            throw new NetlinkArgumentException("netns path must not be blank; use null for the current namespace");
        }
        if (trustedPeers == null) {
            trustedPeers = java.util.Set.of();
        } else {
            for (Integer peer : trustedPeers) {
                if (peer == null) {
                    throw new NetlinkArgumentException("trustedPeers must not contain null");
                }
            }
            trustedPeers = java.util.Set.copyOf(trustedPeers);
        }
        if (observer == null) {
            observer = ConnObserver.NONE;
        }
        if (messageBufferSize != 0 && (messageBufferSize < 1024 || messageBufferSize > 1 << 30)) {
            throw new NetlinkArgumentException("messageBufferSize must be 0 (64 KiB) or 1024 to 1 GiB bytes, got " + messageBufferSize);
        }
        if (netnsFd < -1) {
            throw new NetlinkArgumentException("netnsFd must be an open descriptor or -1, got " + netnsFd);
        }
    }

    /**
     * @param groups the bind-time multicast group bitmask
     * @return a copy with {@code groups} set
     */
    public Config withGroups(int groups) {
        return new Config(groups, netns, netnsFd, pid, strict, receiveBufferSize, sendBufferSize, observer, trustedPeers, messageBufferSize);
    }

    /**
     * @param netns a network namespace path, or null for the caller's namespace
     * @return a copy with {@code netns} set
     */
    public Config withNetns(String netns) {
        return new Config(groups, netns, netnsFd, pid, strict, receiveBufferSize, sendBufferSize, observer, trustedPeers, messageBufferSize);
    }

    /**
     * @param netnsFd an open network namespace descriptor, or -1
     * @return a copy with {@code netnsFd} set
     */
    public Config withNetnsFd(int netnsFd) {
        return new Config(groups, netns, netnsFd, pid, strict, receiveBufferSize, sendBufferSize, observer, trustedPeers, messageBufferSize);
    }

    /**
     * @param pid the port ID to bind, 0 for kernel-assigned
     * @return a copy with {@code pid} set
     */
    public Config withPid(int pid) {
        return new Config(groups, netns, netnsFd, pid, strict, receiveBufferSize, sendBufferSize, observer, trustedPeers, messageBufferSize);
    }

    /**
     * @param strict whether to require extended ACKs and strict GET checking
     * @return a copy with {@code strict} set
     */
    public Config withStrict(boolean strict) {
        return new Config(groups, netns, netnsFd, pid, strict, receiveBufferSize, sendBufferSize, observer, trustedPeers, messageBufferSize);
    }

    /**
     * @param bytes the socket receive buffer size, 0 for the kernel default
     * @return a copy with {@code receiveBufferSize} set
     */
    public Config withReceiveBufferSize(int bytes) {
        return new Config(groups, netns, netnsFd, pid, strict, bytes, sendBufferSize, observer, trustedPeers, messageBufferSize);
    }

    /**
     * @param bytes the socket send buffer size, 0 for the kernel default
     * @return a copy with {@code sendBufferSize} set
     */
    public Config withSendBufferSize(int bytes) {
        return new Config(groups, netns, netnsFd, pid, strict, receiveBufferSize, bytes, observer, trustedPeers, messageBufferSize);
    }

    /**
     * @param observer callbacks for metrics, or null for none
     * @return a copy with {@code observer} set
     */
    public Config withObserver(ConnObserver observer) {
        return new Config(groups, netns, netnsFd, pid, strict, receiveBufferSize, sendBufferSize, observer, trustedPeers, messageBufferSize);
    }

    /**
     * @param pids port IDs of userspace peers whose datagrams this socket accepts besides the kernel's
     * @return a copy with {@code trustedPeers} set
     */
    public Config withTrustedPeers(java.util.Set<Integer> pids) {
        return new Config(groups, netns, netnsFd, pid, strict, receiveBufferSize, sendBufferSize, observer, pids, messageBufferSize);
    }

    /**
     * @param bytes the initial userspace receive buffer, 0 for 64 KiB, else 1024 or more
     * @return a copy with {@code messageBufferSize} set
     */
    public Config withMessageBufferSize(int bytes) {
        return new Config(groups, netns, netnsFd, pid, strict, receiveBufferSize, sendBufferSize, observer, trustedPeers, bytes);
    }
}
