package io.github.jnetlink.internal;

import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkInterruptedException;
import io.github.jnetlink.NetlinkOverrunException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.NetlinkTimeoutException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jnr.ffi.Pointer;

/**
 * A non-blocking {@code AF_NETLINK} socket plus an eventfd that wakes its waiters.
 *
 * <p>Blocking is done with {@code poll} on the socket and the eventfd, so {@link #close()} from any thread
 * and a changed deadline wake a blocked receive at once (a blocking {@code recv} is not woken by
 * {@code close} on Linux). {@link Thread#interrupt()} ends a wait within 100 ms with a
 * {@link NetlinkInterruptedException}; the thread's interrupt status stays set. The descriptors are released when the last operation in flight ends, so a
 * closed descriptor number is never reused under a running call.
 *
 * <p>Threading: at most one thread may receive and at most one may send at a time (the caller serialises
 * each side, see {@code Conn}); receive and send may run concurrently, and everything else is safe from
 * any thread.
 */
public final class NetlinkSocket implements AutoCloseable {

    /** The initial receive buffer; dump datagrams are at most 32 KiB, single messages are rarely more. */
    private static final int INITIAL_RECEIVE_BUFFER = 64 * 1024;
    private static final long CLOSE_TOKENS = 1L << 40;
    /** How long a blocked operation may take to notice {@link Thread#interrupt()}. */
    private static final int INTERRUPT_CHECK_MILLIS = 100;
    /** {@code struct msghdr} on LP64 (x86-64, arm64), and room for one {@code nl_pktinfo} control message. */
    private static final int MSGHDR_SIZE = 56;
    private static final int CONTROL_SIZE = 64;
    /** {@code struct cmsghdr} on LP64: a {@code size_t} length, then level and type. */
    private static final int CMSG_HEADER_SIZE = 16;

    private final int fd;
    private final int eventFd;
    private final int protocol;
    private volatile int pid;

    /** 1 for the open socket plus one per operation in flight; the descriptors go when it reaches 0. */
    private final AtomicInteger references = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger waiters = new AtomicInteger();

    private final AtomicReference<Instant> readDeadline = new AtomicReference<>();
    private final AtomicReference<Instant> writeDeadline = new AtomicReference<>();

    private ByteBuffer receiveBuffer;
    private Pointer receivePointer;
    private final Pointer receivePoll = Native.allocate(16);
    private final Pointer receiveScratch = Native.allocate(8);
    private final Pointer sourceAddress = Native.allocate(Native.SOCKADDR_NL_SIZE);
    private final Pointer sourceAddressLength = Native.allocate(4);
    private int lastSender;
    private int lastGroups;
    private int lastGroup;
    /** With NETLINK_PKTINFO on, receive uses recvmsg to read the group number the kernel attaches. */
    private volatile boolean packetInfo;
    private final Pointer receiveMessage = Native.allocate(MSGHDR_SIZE);
    private final Pointer receiveIovec = Native.allocate(16);
    private final Pointer receiveControl = Native.allocate(CONTROL_SIZE);

    private ByteBuffer sendBuffer;
    private Pointer sendPointer;
    private final Pointer sendPoll = Native.allocate(16);
    private final Pointer sendScratch = Native.allocate(8);
    private final Pointer kernelAddress = Native.allocate(Native.SOCKADDR_NL_SIZE);

    private NetlinkSocket(int fd, int eventFd, int protocol) {
        this.fd = fd;
        this.eventFd = eventFd;
        this.protocol = protocol;
        this.kernelAddress.putShort(0, (short) Native.AF_NETLINK);
        growReceiveBuffer(INITIAL_RECEIVE_BUFFER);
        growSendBuffer(4096);
    }

    /**
     * Creates a socket, in the given network namespace when one is named. The namespace is entered by a
     * short-lived dedicated thread, which ends afterwards, so no pooled thread is ever left in another
     * namespace; the socket keeps the namespace it was created in and works from any thread.
     *
     * @param protocol  the netlink protocol
     * @param netnsPath a namespace file such as {@code /var/run/netns/x}, or null
     * @param netnsFd   an open namespace descriptor used when {@code netnsPath} is null, or -1
     * @return the socket, not yet bound
     */
    public static NetlinkSocket open(int protocol, String netnsPath, int netnsFd) {
        Native.check();
        int fd = netnsPath == null && netnsFd < 0 ? createSocket(protocol) : createSocketInNamespace(protocol, netnsPath, netnsFd);
        int efd = Native.LIBC.eventfd(0, Native.EFD_CLOEXEC | Native.EFD_NONBLOCK | Native.EFD_SEMAPHORE);
        if (efd < 0) {
            int errno = Native.errno();
            Native.LIBC.close(fd);
            throw new NetlinkSystemException("eventfd", errno);
        }
        try {
            return new NetlinkSocket(fd, efd, protocol);
        } catch (Throwable e) {
            // the constructor allocates direct buffers: out of direct memory must not leak the descriptors
            Native.LIBC.close(efd);
            Native.LIBC.close(fd);
            throw e;
        }
    }

    private static int createSocket(int protocol) {
        int fd = Native.LIBC.socket(Native.AF_NETLINK, Native.SOCK_RAW | Native.SOCK_CLOEXEC | Native.SOCK_NONBLOCK, protocol);
        if (fd < 0) {
            throw new NetlinkSystemException("socket(AF_NETLINK, " + protocol + ")", Native.errno());
        }
        return fd;
    }

    private static int createSocketInNamespace(int protocol, String netnsPath, int netnsFd) {
        int[] result = {-1};
        Throwable[] failure = {null};
        Thread thread = new Thread(() -> {
            try {
                int nsFd = netnsFd;
                if (netnsPath != null) {
                    nsFd = Native.LIBC.open(netnsPath, Native.O_RDONLY | Native.O_CLOEXEC);
                    if (nsFd < 0) {
                        throw new NetlinkSystemException("open network namespace " + netnsPath, Native.errno());
                    }
                }
                try {
                    if (Native.LIBC.setns(nsFd, Native.CLONE_NEWNET) < 0) {
                        throw new NetlinkSystemException("setns(" + (netnsPath != null ? netnsPath : "fd " + netnsFd)
                                + ", CLONE_NEWNET)", Native.errno());
                    }
                    result[0] = createSocket(protocol);
                } finally {
                    if (netnsPath != null) {
                        Native.LIBC.close(nsFd);
                    }
                }
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "netlink-netns-dial");
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        return result[0];
    }

    /**
     * Binds to a port ID and bind-time groups, then reads back the port ID the kernel chose.
     *
     * @param pid    the port ID to request, 0 for any
     * @param groups the multicast group bitmask
     */
    public void bind(int pid, int groups) {
        acquire("bind");
        try {
            Pointer addr = Native.allocate(Native.SOCKADDR_NL_SIZE);
            addr.putShort(0, (short) Native.AF_NETLINK);
            addr.putInt(4, pid);
            addr.putInt(8, groups);
            if (Native.LIBC.bind(fd, addr, Native.SOCKADDR_NL_SIZE) < 0) {
                throw new NetlinkSystemException("bind(pid=" + Integer.toUnsignedString(pid) + ", groups=0x"
                        + Integer.toHexString(groups) + ")", Native.errno());
            }
            Pointer len = Native.allocate(4);
            len.putInt(0, Native.SOCKADDR_NL_SIZE);
            if (Native.LIBC.getsockname(fd, addr, len) < 0) {
                throw new NetlinkSystemException("getsockname", Native.errno());
            }
            Reference.reachabilityFence(len);
            this.pid = addr.getInt(4);
        } finally {
            release();
        }
    }

    /** @return the bound port ID */
    public int pid() {
        return pid;
    }

    /** @return the netlink protocol */
    public int protocol() {
        return protocol;
    }

    /** @return the socket descriptor, for diagnostics */
    public int fd() {
        return fd;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Receives one datagram into the reusable buffer, waiting until one arrives, the read deadline passes
     * or the socket is closed. The buffer is valid until the next call.
     *
     * @return the datagram, position 0, limit its length, native byte order
     * @throws NetlinkOverrunException  on ENOBUFS
     * @throws NetlinkTimeoutException  when the read deadline passed
     * @throws NetlinkClosedException   when the socket is or gets closed
     */
    public ByteBuffer receive() {
        acquire("receive");
        try {
            while (true) {
                sourceAddressLength.putInt(0, Native.SOCKADDR_NL_SIZE);
                int capacity = receiveBuffer.capacity();
                long n = packetInfo ? receiveMessage(capacity)
                        : Native.LIBC.recvfrom(fd, receivePointer, capacity, Native.MSG_TRUNC, sourceAddress, sourceAddressLength);
                if (n >= 0) {
                    if (n > capacity) {
                        growReceiveBuffer((int) Math.min(Integer.MAX_VALUE - 8, Long.highestOneBit(n) << 1));
                        throw new NetlinkException("receive: a datagram of " + n + " bytes did not fit the " + capacity
                                + "-byte buffer and the kernel truncated it; the buffer now holds "
                                + receiveBuffer.capacity() + " bytes, repeat the request");
                    }
                    lastSender = sourceAddress.getInt(4);
                    lastGroups = sourceAddress.getInt(8);
                    lastGroup = packetInfo ? groupFromControl() : lastGroups == 0 ? 0 : Integer.numberOfTrailingZeros(lastGroups) + 1;
                    receiveBuffer.limit((int) n).position(0);
                    return receiveBuffer;
                }
                int errno = Native.errno();
                if (errno == Errno.EAGAIN) {
                    await(receivePoll, receiveScratch, Native.POLLIN, readDeadline.get(), "receive");
                } else if (errno == Errno.ENOBUFS) {
                    throw new NetlinkOverrunException("receive");
                } else if (errno != Errno.EINTR) {
                    throw closed.get() ? new NetlinkClosedException("receive") : new NetlinkSystemException("recvfrom", errno);
                }
            }
        } finally {
            release();
        }
    }

    /** recvmsg into the receive buffer, with room for the NETLINK_PKTINFO control message (64-bit layout). */
    private long receiveMessage(int capacity) {
        receiveIovec.putAddress(0, receivePointer.address());
        receiveIovec.putLong(8, capacity);
        receiveMessage.putAddress(0, sourceAddress.address());
        receiveMessage.putInt(8, Native.SOCKADDR_NL_SIZE);
        receiveMessage.putAddress(16, receiveIovec.address());
        receiveMessage.putLong(24, 1);
        receiveMessage.putAddress(32, receiveControl.address());
        receiveMessage.putLong(40, CONTROL_SIZE);
        receiveMessage.putInt(48, 0);
        return Native.LIBC.recvmsg(fd, receiveMessage, Native.MSG_TRUNC);
    }

    /** The group of {@code struct nl_pktinfo} in the control messages of the last recvmsg; 0 when absent (unicast). */
    private int groupFromControl() {
        long length = Math.min(receiveMessage.getLong(40), CONTROL_SIZE);
        long offset = 0;
        while (offset + CMSG_HEADER_SIZE <= length) {
            long cmsgLength = receiveControl.getLong(offset);
            if (cmsgLength < CMSG_HEADER_SIZE || offset + cmsgLength > length) {
                break;
            }
            if (receiveControl.getInt(offset + 8) == Native.SOL_NETLINK && receiveControl.getInt(offset + 12) == Native.NETLINK_PKTINFO
                    && cmsgLength >= CMSG_HEADER_SIZE + 4) {
                return receiveControl.getInt(offset + CMSG_HEADER_SIZE);
            }
            offset += (cmsgLength + 7) & ~7L;
        }
        return 0;
    }

    /**
     * Turns {@code NETLINK_PKTINFO} on or off. On, each multicast datagram comes with the number of the group
     * it was sent to, whatever its size, which {@link #lastGroup()} then reports; the receive path uses
     * {@code recvmsg} instead of {@code recvfrom} for it.
     *
     * @param on whether to turn it on
     */
    public void setPacketInfo(boolean on) {
        setNetlinkOption(Native.NETLINK_PKTINFO, "NETLINK_PKTINFO", on);
        packetInfo = on;
    }

    /**
     * @return the multicast group the last datagram was delivered through, 0 for unicast: any group number
     *         with {@link #setPacketInfo packet info} on, otherwise only groups 1 to 32 (from {@code nl_groups})
     */
    public int lastGroup() {
        return lastGroup;
    }

    /** @return the port ID of the sender of the last datagram received; 0 is the kernel */
    public int lastSender() {
        return lastSender;
    }

    /**
     * @return the multicast group bitmask the last datagram was delivered through ({@code nl_groups} of the
     *         source address: bit {@code g - 1} for group {@code g} up to 32), 0 for unicast
     */
    public int lastGroups() {
        return lastGroups;
    }

    /**
     * The reusable send buffer, cleared, in native order, with room for at least {@code size} bytes.
     * Fill it from position 0 and call {@link #send(int)}.
     *
     * @param size the bytes needed
     * @return the buffer
     */
    public ByteBuffer sendBuffer(int size) {
        if (sendBuffer.capacity() < size) {
            growSendBuffer(Math.max(size, sendBuffer.capacity() * 2));
        }
        sendBuffer.clear();
        return sendBuffer;
    }

    /**
     * Sends the first {@code length} bytes of the send buffer to the kernel as one datagram, waiting for
     * room until the write deadline.
     *
     * @param length bytes to send
     */
    public void send(int length) {
        sendTo(length, kernelAddress);
    }

    /**
     * Sends the first {@code length} bytes of the send buffer to another socket's port ID, as a
     * userspace peer would; the kernel allows this on most protocols only with CAP_NET_ADMIN.
     *
     * @param length bytes to send
     * @param pid    the destination port ID
     */
    public void sendToPeer(int length, int pid) {
        Pointer address = Native.allocate(Native.SOCKADDR_NL_SIZE);
        address.putShort(0, (short) Native.AF_NETLINK);
        address.putInt(4, pid);
        sendTo(length, address);
        Reference.reachabilityFence(address);
    }

    private void sendTo(int length, Pointer address) {
        acquire("send");
        try {
            while (true) {
                long n = Native.LIBC.sendto(fd, sendPointer, length, 0, address, Native.SOCKADDR_NL_SIZE);
                if (n >= 0) {
                    return;
                }
                int errno = Native.errno();
                if (errno == Errno.EAGAIN) {
                    await(sendPoll, sendScratch, Native.POLLOUT, writeDeadline.get(), "send");
                } else if (errno != Errno.EINTR) {
                    throw closed.get() ? new NetlinkClosedException("send") : new NetlinkSystemException("sendto", errno);
                }
            }
        } finally {
            release();
        }
    }

    /**
     * Sets the read deadline and wakes a waiting receiver so it applies at once.
     *
     * @param deadline the instant, or null for none
     */
    public void setReadDeadline(Instant deadline) {
        readDeadline.set(deadline);
        wakeWaiters();
    }

    /**
     * Sets the write deadline and wakes a waiting sender so it applies at once.
     *
     * @param deadline the instant, or null for none
     */
    public void setWriteDeadline(Instant deadline) {
        writeDeadline.set(deadline);
        wakeWaiters();
    }

    /**
     * Sets an integer socket option.
     *
     * @param level  SOL_SOCKET or SOL_NETLINK
     * @param name   the option
     * @param value  the value
     * @param label  the option's name, for errors
     */
    public void setInt(int level, int name, int value, String label) {
        acquire("setsockopt(" + label + ")");
        try {
            Pointer p = Native.allocate(4);
            p.putInt(0, value);
            int r = Native.LIBC.setsockopt(fd, level, name, p, 4);
            // jnr-ffi frees the memory when the Pointer is collected: keep it until the kernel has read it
            Reference.reachabilityFence(p);
            if (r < 0) {
                throw new NetlinkSystemException("setsockopt(" + label + ", " + value + ")", Native.errno());
            }
        } finally {
            release();
        }
    }

    /**
     * Reads an integer socket option.
     *
     * @param level SOL_SOCKET or SOL_NETLINK
     * @param name  the option
     * @param label the option's name, for errors
     * @return the value
     */
    public int getInt(int level, int name, String label) {
        acquire("getsockopt(" + label + ")");
        try {
            Pointer p = Native.allocate(4);
            Pointer len = Native.allocate(4);
            len.putInt(0, 4);
            int r = Native.LIBC.getsockopt(fd, level, name, p, len);
            Reference.reachabilityFence(len);
            if (r < 0) {
                throw new NetlinkSystemException("getsockopt(" + label + ")", Native.errno());
            }
            return p.getInt(0);
        } finally {
            release();
        }
    }

    /** @param group a multicast group number, any size */
    public void joinGroup(int group) {
        setInt(Native.SOL_NETLINK, Native.NETLINK_ADD_MEMBERSHIP, group, "NETLINK_ADD_MEMBERSHIP");
    }

    /** @param group a multicast group number */
    public void leaveGroup(int group) {
        setInt(Native.SOL_NETLINK, Native.NETLINK_DROP_MEMBERSHIP, group, "NETLINK_DROP_MEMBERSHIP");
    }

    /** @param option a {@code SOL_NETLINK} boolean option number @param label its name @param on the value */
    public void setNetlinkOption(int option, String label, boolean on) {
        setInt(Native.SOL_NETLINK, option, on ? 1 : 0, label);
    }

    /**
     * Sets the receive buffer: {@code SO_RCVBUFFORCE} (which needs CAP_NET_ADMIN and passes
     * {@code rmem_max}), falling back to {@code SO_RCVBUF} (capped at {@code rmem_max}).
     *
     * @param bytes the requested size; the kernel doubles it for bookkeeping
     */
    public void setReceiveBuffer(int bytes) {
        setBuffer(Native.SO_RCVBUFFORCE, "SO_RCVBUFFORCE", Native.SO_RCVBUF, "SO_RCVBUF", bytes);
    }

    /** @param bytes the requested send buffer size, as {@link #setReceiveBuffer(int)} */
    public void setSendBuffer(int bytes) {
        setBuffer(Native.SO_SNDBUFFORCE, "SO_SNDBUFFORCE", Native.SO_SNDBUF, "SO_SNDBUF", bytes);
    }

    private void setBuffer(int force, String forceLabel, int plain, String plainLabel, int bytes) {
        try {
            setInt(Native.SOL_SOCKET, force, bytes, forceLabel);
        } catch (NetlinkSystemException e) {
            if (e.errno() != Errno.EPERM) {
                throw e;
            }
            setInt(Native.SOL_SOCKET, plain, bytes, plainLabel);
        }
    }

    /** @return {@code SO_RCVBUF} as the kernel reports it (twice the requested size) */
    public int receiveBuffer() {
        return getInt(Native.SOL_SOCKET, Native.SO_RCVBUF, "SO_RCVBUF");
    }

    /** @return {@code SO_SNDBUF} as the kernel reports it */
    public int sendBufferSize() {
        return getInt(Native.SOL_SOCKET, Native.SO_SNDBUF, "SO_SNDBUF");
    }

    /**
     * Attaches a classic BPF program ({@code SO_ATTACH_FILTER} with a {@code struct sock_fprog}).
     *
     * @param program {@code count} {@code struct sock_filter}s, 8 bytes each, in native order
     * @param count   the number of instructions
     */
    public void attachFilter(byte[] program, int count) {
        acquire("setsockopt(SO_ATTACH_FILTER)");
        try {
            Pointer filter = Native.allocate(program.length);
            filter.put(0, program, 0, program.length);
            Pointer prog = Native.allocate(16);
            prog.putShort(0, (short) count);
            prog.putAddress(8, filter.address());
            int r = Native.LIBC.setsockopt(fd, Native.SOL_SOCKET, Native.SO_ATTACH_FILTER, prog, 16);
            // the kernel copies the program during the call; until then both blocks must not be freed
            Reference.reachabilityFence(filter);
            Reference.reachabilityFence(prog);
            if (r < 0) {
                throw new NetlinkSystemException("setsockopt(SO_ATTACH_FILTER, " + count + " instructions)", Native.errno());
            }
        } finally {
            release();
        }
    }

    /** Removes an attached filter ({@code SO_DETACH_FILTER}). */
    public void detachFilter() {
        setInt(Native.SOL_SOCKET, Native.SO_DETACH_FILTER, 0, "SO_DETACH_FILTER");
    }

    /** Locks the attached filter so it can no longer be replaced or removed ({@code SO_LOCK_FILTER}). */
    public void lockFilter() {
        setInt(Native.SOL_SOCKET, Native.SO_LOCK_FILTER, 1, "SO_LOCK_FILTER");
    }

    /**
     * Closes the socket: wakes every blocked operation at once (they fail with
     * {@link NetlinkClosedException}); the descriptors are released as soon as none is in use. Never
     * blocks; idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Pointer p = Native.allocate(8);
            p.putLong(0, CLOSE_TOKENS);
            Native.LIBC.write(eventFd, p, 8);
            Reference.reachabilityFence(p);
            release();
        }
    }

    private void acquire(String operation) {
        if (!tryAcquire()) {
            throw new NetlinkClosedException(operation);
        }
    }

    /** Takes a reference on the descriptors unless the socket is closed: while held, their numbers cannot be reused. */
    private boolean tryAcquire() {
        while (true) {
            int r = references.get();
            if (r == 0 || closed.get()) {
                return false;
            }
            if (references.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    private void release() {
        if (references.decrementAndGet() == 0) {
            Native.LIBC.close(fd);
            Native.LIBC.close(eventFd);
        }
    }

    private void wakeWaiters() {
        int n = waiters.get();
        // without a reference, a concurrent close could release the eventfd and its number be reused for
        // another file, which this write would then corrupt
        if (n > 0 && tryAcquire()) {
            try {
                Pointer p = Native.allocate(8);
                p.putLong(0, n);
                Native.LIBC.write(eventFd, p, 8);
                Reference.reachabilityFence(p);
            } finally {
                release();
            }
        }
    }

    /** Waits until the socket is ready, the deadline passes (throws), the socket closes (throws) or a deadline changes. */
    private void await(Pointer pfd, Pointer scratch, short events, Instant deadline, String operation) {
        if (Thread.currentThread().isInterrupted()) {
            throw new NetlinkInterruptedException(operation);
        }
        // poll cannot see a Java interrupt, so a wait without end is cut into slices that check for one
        int timeout = timeoutMillis(deadline, operation);
        if (timeout < 0 || timeout > INTERRUPT_CHECK_MILLIS) {
            timeout = INTERRUPT_CHECK_MILLIS;
        }
        pfd.putInt(0, fd);
        pfd.putShort(4, events);
        pfd.putShort(6, (short) 0);
        pfd.putInt(8, eventFd);
        pfd.putShort(12, Native.POLLIN);
        pfd.putShort(14, (short) 0);
        waiters.incrementAndGet();
        int r;
        try {
            r = Native.LIBC.poll(pfd, 2, timeout);
        } finally {
            waiters.decrementAndGet();
        }
        if (closed.get()) {
            throw new NetlinkClosedException(operation);
        }
        if (r < 0) {
            int errno = Native.errno();
            if (errno != Errno.EINTR) {
                throw new NetlinkSystemException("poll", errno);
            }
            return;
        }
        if (r > 0 && pfd.getShort(14) != 0) {
            // A deadline changed: take our token and let the caller re-evaluate.
            Native.LIBC.read(eventFd, scratch, 8);
        }
    }

    private static int timeoutMillis(Instant deadline, String operation) {
        if (deadline == null) {
            return -1;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new NetlinkTimeoutException(operation);
        }
        if (left.getSeconds() >= Integer.MAX_VALUE / 1000) {
            return Integer.MAX_VALUE;
        }
        return (int) ((left.toNanos() + 999_999) / 1_000_000);
    }

    private void growReceiveBuffer(int size) {
        receiveBuffer = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        receivePointer = Pointer.wrap(Native.RUNTIME, receiveBuffer);
    }

    private void growSendBuffer(int size) {
        sendBuffer = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        sendPointer = Pointer.wrap(Native.RUNTIME, sendBuffer);
    }
}
