package io.github.jnetlink.test;

import io.github.jnetlink.ConnOption;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkInterruptedException;
import io.github.jnetlink.NetlinkOverrunException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.NetlinkTransport;
import io.github.jnetlink.bpf.RawInstruction;
import io.github.jnetlink.bpf.Vm;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One socket of a {@link FakeKernel}: a receive queue of whole datagrams and the socket's state (port ID, groups,
 * options, buffer sizes, filter), behind the {@link NetlinkTransport} contract. Sending hands the datagram to the
 * kernel, which answers into this socket's queue before {@link #send} returns.
 *
 * <p>One lock guards the queue and the state; waiting receivers sleep on its condition, which every delivery,
 * {@link #close()}, {@link #wakeup()}, deadline change and overrun signals, so a wait ends at once. An interrupt ends
 * it at once too ({@link Condition#await} is interruptible).
 */
final class FakeSocket implements NetlinkTransport {

    /** {@code net.core.rmem_default} and {@code wmem_default} on most systems, what {@code SO_RCVBUF} reads before any set. */
    static final int DEFAULT_BUFFER = 212_992;

    private static final int EINVAL = 22;
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int ECONNREFUSED = 111;

    /** A datagram in the receive queue. {@code cut}: deliver it as truncated whatever the receiver's buffer. */
    private record Queued(byte[] bytes, int sender, int group, boolean cut) {
    }

    private final FakeKernel kernel;
    private final int protocol;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    // guarded by lock
    private final Set<Integer> groups = new TreeSet<>();
    private final EnumSet<ConnOption> options = EnumSet.noneOf(ConnOption.class);
    private long queuedBytes;
    private boolean overrunPending;
    private int receiveBuffer = DEFAULT_BUFFER;
    private int sendBuffer = DEFAULT_BUFFER;
    private List<RawInstruction> program = List.of();
    private Vm filter;
    private boolean filterLocked;

    private volatile int pid;
    private volatile Instant readDeadline;
    /** Recorded only: a fake send never waits for room, so it never times out. */
    private volatile Instant writeDeadline;
    // written and read by the one receiving thread
    private int lastSender;
    private int lastGroup;

    FakeSocket(FakeKernel kernel, int protocol) {
        this.kernel = kernel;
        this.protocol = protocol;
    }

    @Override
    public String kind() {
        return "fake";
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void bind(int pid, int groups) {
        requireOpen("bind");
        this.pid = kernel.bind(this, pid);
        lock.lock();
        try {
            for (int g = 1; g <= 32; g++) {
                if ((groups & (1 << (g - 1))) != 0) {
                    this.groups.add(g);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public void send(ByteBuffer datagram, int destination) {
        requireOpen("send");
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(datagram.position(), bytes);
        if (destination == 0) {
            kernel.receiveFrom(this, bytes);
            return;
        }
        FakeSocket peer = kernel.port(destination);
        if (peer == null) {
            throw new NetlinkSystemException("sendto", "", ECONNREFUSED);
        }
        peer.deliver(bytes, pid, 0, false, false);
    }

    @Override
    public int receive(ByteBuffer buffer) {
        lock.lock();
        try {
            while (true) {
                int length = take(buffer, "receive");
                if (length >= 0) {
                    return length;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new NetlinkInterruptedException("receive");
                }
                Instant deadline = readDeadline;
                try {
                    if (deadline == null) {
                        changed.await();
                    } else {
                        Duration left = Duration.between(Instant.now(), deadline);
                        if (left.isNegative() || left.isZero()) {
                            throw new NetlinkTimeoutException("receive");
                        }
                        changed.awaitNanos(saturatedNanos(left));
                    }
                } catch (InterruptedException e) {
                    // await cleared the status; the contract keeps it set
                    Thread.currentThread().interrupt();
                    throw new NetlinkInterruptedException("receive");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int tryReceive(ByteBuffer buffer) {
        lock.lock();
        try {
            return take(buffer, "receive");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next datagram into {@code buffer}, as {@code recvmsg(MSG_TRUNC)} does: a pending socket error first
     * (the kernel reports {@code sk_err} before dequeuing anything), then the head of the queue.
     *
     * @return its full length, or -1 when the queue is empty
     */
    private int take(ByteBuffer buffer, String operation) {
        if (closed.get()) {
            throw new NetlinkClosedException(operation);
        }
        if (overrunPending) {
            overrunPending = false;
            throw new NetlinkOverrunException(operation);
        }
        Queued q = queue.poll();
        if (q == null) {
            return -1;
        }
        queuedBytes -= q.bytes().length;
        int capacity = buffer.capacity();
        int stored = Math.min(q.bytes().length, capacity);
        buffer.clear();
        buffer.put(q.bytes(), 0, stored);
        buffer.flip();
        lastSender = q.sender();
        lastGroup = q.group() > 32 && !options.contains(ConnOption.PACKET_INFO) ? 0 : q.group();
        if (q.cut() && q.bytes().length <= capacity) {
            // as if the datagram had been one byte longer than the buffer: what arrived is all there is
            return capacity + 1;
        }
        return q.bytes().length;
    }

    /**
     * Queues a datagram, after running the socket filter on it as the kernel does ({@code sk_filter}): a program
     * returning 0 drops it, a smaller length trims it. A multicast datagram finding the queue already over the
     * receive buffer size is dropped and the socket gets {@code ENOBUFS}, unless {@code NETLINK_NO_ENOBUFS} is on.
     *
     * @return whether it was queued
     */
    boolean deliver(byte[] bytes, int sender, int group, boolean multicast, boolean cut) {
        lock.lock();
        try {
            if (closed.get()) {
                return false;
            }
            byte[] kept = bytes;
            if (filter != null) {
                long verdict = Integer.toUnsignedLong(filter.run(bytes));
                if (verdict == 0) {
                    return false;
                }
                if (verdict < bytes.length) {
                    kept = Arrays.copyOf(bytes, (int) verdict);
                }
            }
            if (multicast && queuedBytes > receiveBuffer) {
                overrunLocked();
                return false;
            }
            queue.add(new Queued(kept, sender, group, cut));
            queuedBytes += kept.length;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The receive queue overflowed: the next receive fails with {@code ENOBUFS}, unless {@code NETLINK_NO_ENOBUFS}. */
    void overrun() {
        lock.lock();
        try {
            overrunLocked();
        } finally {
            lock.unlock();
        }
    }

    private void overrunLocked() {
        if (!options.contains(ConnOption.NO_ENOBUFS)) {
            overrunPending = true;
            changed.signalAll();
        }
    }

    /** @return whether the socket receives datagrams sent to {@code group} */
    boolean member(int group) {
        lock.lock();
        try {
            return groups.contains(group);
        } finally {
            lock.unlock();
        }
    }

    /** @return the groups joined, in order */
    Set<Integer> groups() {
        lock.lock();
        try {
            return Set.copyOf(groups);
        } finally {
            lock.unlock();
        }
    }

    /** @return the options turned on */
    Set<ConnOption> options() {
        lock.lock();
        try {
            return Set.copyOf(options);
        } finally {
            lock.unlock();
        }
    }

    /** @return whether {@code option} is on */
    boolean option(ConnOption option) {
        lock.lock();
        try {
            return options.contains(option);
        } finally {
            lock.unlock();
        }
    }

    /** @return the attached filter program, empty when none */
    List<RawInstruction> filter() {
        lock.lock();
        try {
            return program;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int lastSender() {
        return lastSender;
    }

    @Override
    public int lastGroup() {
        return lastGroup;
    }

    @Override
    public void joinGroup(int group) {
        requireGroup(group, "NETLINK_ADD_MEMBERSHIP");
        lock.lock();
        try {
            groups.add(group);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void leaveGroup(int group) {
        requireGroup(group, "NETLINK_DROP_MEMBERSHIP");
        lock.lock();
        try {
            groups.remove(group);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setOption(ConnOption option, boolean enabled) {
        if (option == null) {
            throw new NetlinkArgumentException("setOption: option must not be null");
        }
        requireOpen("setsockopt(" + option.kernelName() + ")");
        lock.lock();
        try {
            if (enabled) {
                options.add(option);
            } else {
                options.remove(option);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setReceiveBufferSize(int bytes) {
        requireOpen("setsockopt(SO_RCVBUFFORCE)");
        lock.lock();
        try {
            receiveBuffer = doubled(bytes);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int receiveBufferSize() {
        lock.lock();
        try {
            return receiveBuffer;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setSendBufferSize(int bytes) {
        requireOpen("setsockopt(SO_SNDBUFFORCE)");
        lock.lock();
        try {
            sendBuffer = doubled(bytes);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int sendBufferSize() {
        lock.lock();
        try {
            return sendBuffer;
        } finally {
            lock.unlock();
        }
    }

    /** {@code sock_setsockopt}: the value is capped at {@code INT_MAX / 2}, then doubled for the kernel's bookkeeping. */
    private static int doubled(int bytes) {
        return Math.min(Math.max(bytes, 0), Integer.MAX_VALUE / 2) * 2;
    }

    @Override
    public void attachFilter(List<RawInstruction> program) {
        requireOpen("setsockopt(SO_ATTACH_FILTER)");
        Vm vm = new Vm(program);
        lock.lock();
        try {
            if (filterLocked) {
                throw new NetlinkSystemException("setsockopt", "SO_ATTACH_FILTER", EPERM);
            }
            this.program = vm.program();
            this.filter = vm;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void detachFilter() {
        requireOpen("setsockopt(SO_DETACH_FILTER)");
        lock.lock();
        try {
            if (filterLocked) {
                throw new NetlinkSystemException("setsockopt", "SO_DETACH_FILTER", EPERM);
            }
            if (filter == null) {
                throw new NetlinkSystemException("setsockopt", "SO_DETACH_FILTER", ENOENT);
            }
            program = List.of();
            filter = null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void lockFilter() {
        requireOpen("setsockopt(SO_LOCK_FILTER)");
        lock.lock();
        try {
            filterLocked = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setReadDeadline(Instant deadline) {
        readDeadline = deadline;
        wakeup();
    }

    @Override
    public void setWriteDeadline(Instant deadline) {
        // sends never wait: the fake kernel takes every datagram at once
        writeDeadline = deadline;
    }

    @Override
    public void wakeup() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        kernel.release(this);
        // the lock is never held across a wait (await releases it), nor while the kernel's handler runs: brief
        lock.lock();
        try {
            queue.clear();
            queuedBytes = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void requireOpen(String operation) {
        if (closed.get()) {
            throw new NetlinkClosedException(operation);
        }
    }

    private void requireGroup(int group, String option) {
        requireOpen("setsockopt(" + option + ")");
        if (group < 1) {
            // netlink_setsockopt: group 0 is no group
            throw new NetlinkSystemException("setsockopt", option, EINVAL);
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "FakeSocket[protocol=" + protocol + ", pid=" + Integer.toUnsignedString(pid) + (closed.get() ? ", closed" : "") + "]";
    }
}
