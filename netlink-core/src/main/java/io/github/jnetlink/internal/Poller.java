package io.github.jnetlink.internal;

import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkInterruptedException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.NetlinkTimeoutException;
import java.lang.ref.Reference;
import java.time.Instant;
import jnr.ffi.Pointer;

/**
 * Waits for one direction of a socket, receive or send, with its deadline.
 *
 * <p>The socket is non-blocking: an operation tries the call first and comes here only on {@code EAGAIN}. A wait is a
 * {@code poll} on the socket and its eventfd, so {@link FileDescriptor#close()} and a changed deadline end it at once
 * (a blocking {@code recv} is not woken by {@code close} on Linux). {@code poll} cannot see {@link Thread#interrupt()},
 * so a wait is cut into slices of at most 100 ms that check for one.
 *
 * <p>One thread waits in a poller at a time (the transport contract serialises each direction); the deadline may be
 * set from any thread.
 */
final class Poller {

    /** How long a wait may take to notice {@link Thread#interrupt()}. */
    static final int INTERRUPT_CHECK_MILLIS = PollSlice.INTERRUPT_CHECK_MILLIS;

    private final FileDescriptor descriptor;
    private final String operation;
    /** Two {@code struct pollfd}: the socket with {@code events}, then the eventfd with {@code POLLIN}. */
    private final Pointer pollFds;
    /** Where a woken waiter reads its eventfd token. */
    private final Pointer token;
    private final long eventFdRevents;
    private volatile Instant deadline;

    /**
     * @param descriptor the descriptors to poll
     * @param events     {@code POLLIN} or {@code POLLOUT}
     * @param operation  {@code "receive"} or {@code "send"}, for exceptions
     */
    Poller(FileDescriptor descriptor, short events, String operation) {
        this.descriptor = descriptor;
        this.operation = operation;
        this.pollFds = Native.allocate(2 * Structs.POLLFD_SIZE);
        this.token = Native.allocate(8);
        pollFds.putInt(Structs.POLL_FD, descriptor.socket());
        pollFds.putShort(Structs.POLL_EVENTS, events);
        pollFds.putInt(Structs.POLLFD_SIZE + Structs.POLL_FD, descriptor.eventFd());
        pollFds.putShort(Structs.POLLFD_SIZE + Structs.POLL_EVENTS, Native.POLLIN);
        this.eventFdRevents = Structs.POLLFD_SIZE + Structs.POLL_REVENTS;
    }

    /**
     * Sets the deadline and wakes a waiter so that it applies at once.
     *
     * @param deadline the instant after which a wait fails, or null for none
     */
    void setDeadline(Instant deadline) {
        this.deadline = deadline;
        descriptor.wakeup();
    }

    /**
     * Waits until the socket may be ready, a wake-up came or up to 100 ms passed; the caller then retries its call.
     * The caller holds a reference on the descriptor.
     *
     * @throws NetlinkTimeoutException     when the deadline has passed
     * @throws NetlinkInterruptedException when the thread is interrupted (its interrupt status stays set)
     * @throws NetlinkClosedException      when the descriptor is or gets closed
     * @throws NetlinkSystemException      when {@code poll} fails
     */
    void await() {
        if (Thread.currentThread().isInterrupted()) {
            throw new NetlinkInterruptedException(operation);
        }
        // counted as a waiter before the deadline is read: a concurrent setDeadline either is seen here or sees
        // this waiter and wakes it
        descriptor.beginWait();
        int r;
        try {
            int timeout = PollSlice.millis(deadline, operation);
            r = Native.LIBC.poll(pollFds, 2, timeout);
        } finally {
            descriptor.endWait();
        }
        if (descriptor.isClosed()) {
            throw new NetlinkClosedException(operation);
        }
        if (r < 0) {
            int errno = Native.errno();
            if (errno != Errno.EINTR) {
                throw new NetlinkSystemException("poll", "", errno);
            }
        } else if (r > 0 && pollFds.getShort(eventFdRevents) != 0) {
            // woken: take this waiter's token; EAGAIN means another waiter took it, which is fine
            Native.LIBC.read(descriptor.eventFd(), token, 8);
        }
        Reference.reachabilityFence(this);
    }

    /** @see PollSlice#millisUntil(Instant, Instant) */
    static long millisUntil(Instant deadline, Instant now) {
        return PollSlice.millisUntil(deadline, now);
    }
}
