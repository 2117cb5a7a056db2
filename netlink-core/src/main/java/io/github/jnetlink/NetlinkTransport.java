package io.github.jnetlink;

import io.github.jnetlink.bpf.RawInstruction;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * The datagram socket under a {@link Conn}: it moves whole netlink datagrams and knows nothing of messages,
 * sequence numbers or replies, which are {@code Conn}'s business.
 *
 * <p>{@link Conn#dial(int, Config)} uses the {@code AF_NETLINK} socket of {@link #open(int, Config)}.
 * {@link Conn#over(NetlinkTransport, Config)} puts a {@code Conn} over any other implementation, such as the
 * in-memory kernel of the {@code netlink-test} artifact, so that the exchange logic runs unchanged without a
 * kernel.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>At most one thread receives and at most one sends at a time ({@code Conn} serialises each side);
 *       a receive and a send may run concurrently, and every other method is safe from any thread.</li>
 *   <li>{@link #receive(ByteBuffer)} and {@link #send(ByteBuffer, int)} wait until the read or write deadline;
 *       {@link #close()} and {@link #wakeup()} end such a wait at once, and {@link Thread#interrupt()} within
 *       100 ms with {@link NetlinkInterruptedException}.</li>
 *   <li>A datagram larger than the buffer it is received into is truncated, as the kernel does with
 *       {@code MSG_TRUNC}: the receive returns the datagram's full length, so the caller sees it was cut.</li>
 *   <li>Failures are {@link NetlinkException}s: {@link NetlinkOverrunException} for {@code ENOBUFS},
 *       {@link NetlinkTimeoutException}, {@link NetlinkClosedException}, {@link NetlinkSystemException}.</li>
 * </ul>
 */
public interface NetlinkTransport extends AutoCloseable {

    /**
     * Opens an {@code AF_NETLINK} socket ({@code SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK}) of the given protocol,
     * not yet bound, inside {@link Config#netns()} or {@link Config#netnsFd()} when set. The namespace is entered
     * by a short-lived platform thread, so no pooled or virtual thread is ever moved into another namespace.
     * Only the namespace fields of {@code config} are read here; {@link Conn#over(NetlinkTransport, Config)}
     * applies the rest.
     *
     * <p>The socket comes from a {@link io.github.jnetlink.spi.NetlinkTransportProvider}: jnr-ffi by default, the
     * {@code java.lang.foreign} one of {@code netlink-transport-ffm} when that is on the class path of a Java 22+
     * JVM with native access enabled, or whichever the system property {@code jnetlink.transport} ({@code jnr},
     * {@code ffm}) names.
     *
     * <p>Most callers want {@link Conn#dial(int, Config)}. A bare socket serves as a userspace peer: a test that
     * sends a datagram to a {@code Conn}'s port ID the way another process could.
     *
     * @param protocol a {@link Protocol} number, 0-31
     * @param config   where to open it, or null for the caller's namespace
     * @return the socket
     * @throws NetlinkSystemException          when {@code socket}, {@code open} or {@code setns} fails
     * @throws UnsupportedPlatformException    off Linux, where the C library cannot be bound, or when
     *                                         {@code jnetlink.transport} forces a transport that is missing
     * @throws NetlinkArgumentException        for a protocol outside 0-31
     */
    static NetlinkTransport open(int protocol, Config config) {
        if (protocol < 0 || protocol > 31) {
            throw new NetlinkArgumentException("open: netlink protocol must be 0-31, got " + protocol);
        }
        Config c = config == null ? Config.DEFAULT : config;
        return io.github.jnetlink.internal.TransportSelection.open(protocol, c.netns(), c.netnsFd());
    }

    /** @return a short name of the implementation, such as {@code "netlink-socket"} or {@code "fake"}, for diagnostics */
    String kind();

    /** @return the netlink protocol */
    int protocol();

    /**
     * Binds the socket: asks for a port ID ({@code nl_pid}, 0 lets the kernel pick a unique one) and the bind-time
     * multicast groups, then learns the port ID granted (see {@link #pid()}).
     *
     * @param pid    the port ID to ask for, 0 for any
     * @param groups the bitmask of groups 1-32 ({@code nl_groups}: bit {@code g - 1} for group {@code g})
     * @throws NetlinkSystemException when the kernel refuses (EADDRINUSE, EPERM for groups that need CAP_NET_ADMIN)
     */
    void bind(int pid, int groups);

    /** @return the port ID the socket is bound to; 0 before {@link #bind(int, int)} */
    int pid();

    /**
     * Sends {@code datagram}'s bytes from its position to its limit as one datagram. The position is left as it
     * was. Waits for room in the send buffer until the write deadline.
     *
     * @param datagram    the bytes; the real socket needs a direct buffer
     * @param destination the port ID to send to: 0 is the kernel, anything else a userspace socket (most protocols
     *                    allow that only with CAP_NET_ADMIN)
     */
    void send(ByteBuffer datagram, int destination);

    /**
     * Receives one datagram into {@code buffer}, from index 0, waiting until one arrives, the read deadline passes
     * or the transport is closed. Afterwards the buffer's position is 0 and its limit the number of bytes stored,
     * and {@link #lastSender()} and {@link #lastGroup()} describe the datagram.
     *
     * @param buffer where to store it; the real socket needs a direct buffer in native byte order
     * @return the datagram's full length: more than {@code buffer.capacity()} when it did not fit and was
     *         truncated, the rest being lost
     */
    int receive(ByteBuffer buffer);

    /**
     * {@link #receive(ByteBuffer)} without waiting.
     *
     * @param buffer where to store it
     * @return the datagram's full length, or -1 when none is queued
     */
    int tryReceive(ByteBuffer buffer);

    /** @return the port ID that sent the last datagram received; 0 is the kernel */
    int lastSender();

    /**
     * @return the multicast group the last datagram was delivered through, 0 for unicast. Any group number while
     *         {@link ConnOption#PACKET_INFO} is on; otherwise only groups 1 to 32 (from {@code nl_groups})
     */
    int lastGroup();

    /** @param group a multicast group to join ({@code NETLINK_ADD_MEMBERSHIP}), any number */
    void joinGroup(int group);

    /** @param group a multicast group to leave ({@code NETLINK_DROP_MEMBERSHIP}) */
    void leaveGroup(int group);

    /**
     * Turns a {@code SOL_NETLINK} option on or off.
     *
     * @param option  the option
     * @param enabled its new value
     * @throws NetlinkSystemException ENOPROTOOPT where the kernel lacks it
     */
    void setOption(ConnOption option, boolean enabled);

    /**
     * Sets the receive buffer ({@code SO_RCVBUFFORCE}, or {@code SO_RCVBUF} without CAP_NET_ADMIN, which the kernel
     * caps at {@code net.core.rmem_max}).
     *
     * @param bytes the size asked for; the kernel doubles it for bookkeeping
     */
    void setReceiveBufferSize(int bytes);

    /** @return {@code SO_RCVBUF} as the kernel reports it */
    int receiveBufferSize();

    /** @param bytes the send buffer size asked for ({@code SO_SNDBUFFORCE}, else {@code SO_SNDBUF}) */
    void setSendBufferSize(int bytes);

    /** @return {@code SO_SNDBUF} as the kernel reports it */
    int sendBufferSize();

    /**
     * Attaches a classic BPF program ({@code SO_ATTACH_FILTER}), replacing any attached before. The program has
     * been checked by {@link io.github.jnetlink.bpf.BpfChecker}.
     *
     * @param program the instructions, at least one
     */
    void attachFilter(List<RawInstruction> program);

    /** Detaches the filter ({@code SO_DETACH_FILTER}); ENOENT when none is attached. */
    void detachFilter();

    /** Locks the filter ({@code SO_LOCK_FILTER}) for the life of the socket. */
    void lockFilter();

    /** @param deadline after which a waiting or later receive fails with {@link NetlinkTimeoutException}; null for none */
    void setReadDeadline(Instant deadline);

    /** @param deadline after which a send waiting for room fails with {@link NetlinkTimeoutException}; null for none */
    void setWriteDeadline(Instant deadline);

    /** Wakes every thread waiting in a receive or send, which then checks its deadline and the interrupt status again. */
    void wakeup();

    /** @return whether {@link #close()} was called */
    boolean isClosed();

    /**
     * Closes the transport: every waiting receive or send ends at once with {@link NetlinkClosedException}, and
     * resources are released when no operation uses them any more. Never blocks; idempotent.
     */
    @Override
    void close();
}
