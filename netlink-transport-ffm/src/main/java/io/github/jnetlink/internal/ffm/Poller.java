package io.github.jnetlink.internal.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkInterruptedException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.internal.Errno;
import io.github.jnetlink.internal.PollSlice;
import java.lang.foreign.MemorySegment;
import java.time.Instant;

/**
 * Waits for one direction of a socket, receive or send, with its deadline: a {@code poll} on the socket and its
 * eventfd, in slices of at most 100 ms that check for {@link Thread#interrupt()} ({@link PollSlice}), exactly as the
 * jnr-ffi transport's poller does.
 *
 * <p>One thread waits in a poller at a time; the deadline may be set from any thread.
 */
final class Poller {

    private final FileDescriptor descriptor;
    private final String operation;
    /** Two {@code struct pollfd}: the socket with {@code events}, then the eventfd with {@code POLLIN}. */
    private final MemorySegment pollFds;
    /** Where a woken waiter reads its eventfd token. */
    private final MemorySegment token;
    private final MemorySegment errno;
    private final long eventFdRevents;
    private volatile Instant deadline;

    /**
     * @param descriptor the descriptors to poll; the poll set lives in its arena
     * @param events     {@code POLLIN} or {@code POLLOUT}
     * @param operation  {@code "receive"} or {@code "send"}, for exceptions
     */
    Poller(FileDescriptor descriptor, short events, String operation) {
        this.descriptor = descriptor;
        this.operation = operation;
        this.pollFds = descriptor.arena().allocate(Structs.POLLFD, 2);
        this.token = descriptor.arena().allocate(JAVA_LONG);
        this.errno = Native.newErrnoSegment(descriptor.arena());
        pollFds.set(JAVA_INT, Structs.POLL_FD, descriptor.socket());
        pollFds.set(JAVA_SHORT, Structs.POLL_EVENTS, events);
        pollFds.set(JAVA_INT, Structs.POLLFD_SIZE + Structs.POLL_FD, descriptor.eventFd());
        pollFds.set(JAVA_SHORT, Structs.POLLFD_SIZE + Structs.POLL_EVENTS, Native.POLLIN);
        this.eventFdRevents = Structs.POLLFD_SIZE + Structs.POLL_REVENTS;
    }

    /** @param deadline the instant after which a wait fails, or null for none; a waiter applies it at once */
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
            r = Native.poll(errno, pollFds, 2, PollSlice.millis(deadline, operation));
        } finally {
            descriptor.endWait();
        }
        if (descriptor.isClosed()) {
            throw new NetlinkClosedException(operation);
        }
        if (r < 0) {
            int e = Native.errno(errno);
            if (e != Errno.EINTR) {
                throw new NetlinkSystemException("poll", "", e);
            }
        } else if (r > 0 && pollFds.get(JAVA_SHORT, eventFdRevents) != 0) {
            // woken: take this waiter's token; EAGAIN means another waiter took it, which is fine
            Native.read(errno, descriptor.eventFd(), token, 8);
        }
    }
}
