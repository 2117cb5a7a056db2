package io.github.jnetlink.internal;

import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkSystemException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.Pointer;

/**
 * The socket descriptor and the eventfd that wakes its waiters, with their lifetime.
 *
 * <p>A descriptor number is reused by the kernel as soon as it is closed, so closing one under a running
 * {@code recvfrom} could make that call read from whatever file gets the number next. Every operation therefore
 * holds a reference ({@link #acquire(String)} / {@link #release()}) and the numbers are closed only when the last
 * reference goes. {@link #close()} drops the socket's own reference and writes a large count to the eventfd, which
 * every {@link Poller} polls alongside the socket, so each waiter wakes at once, sees {@link #isClosed()} and
 * releases.
 *
 * <p>The eventfd is a semaphore ({@code EFD_SEMAPHORE}): {@link #wakeup()} adds one token per waiter, and each woken
 * waiter reads one. A token left over (its waiter woke for another reason) only costs a spurious wake-up later.
 */
final class FileDescriptor {

    /** Written on close and never consumed: every poll after it returns at once. */
    private static final long CLOSE_TOKENS = 1L << 40;

    private final int socket;
    private final int eventFd;

    /** 1 for the open descriptor plus one per operation in flight; the numbers are closed when it reaches 0. */
    private final AtomicInteger references = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Threads inside {@code poll} on the eventfd, or about to be: how many tokens a wake-up writes. */
    private final AtomicInteger waiters = new AtomicInteger();

    private final Pointer wakeTokens = Native.allocate(8);
    private final Pointer closeTokens = Native.allocate(8);

    private FileDescriptor(int socket, int eventFd) {
        this.socket = socket;
        this.eventFd = eventFd;
        closeTokens.putLongLong(0, CLOSE_TOKENS);
    }

    /**
     * Takes ownership of an open socket descriptor and creates its eventfd. On failure the socket is closed.
     *
     * @param socket the socket descriptor
     * @return the pair
     * @throws NetlinkSystemException when {@code eventfd} fails
     */
    static FileDescriptor forSocket(int socket) {
        int eventFd = Native.LIBC.eventfd(0, Native.EFD_CLOEXEC | Native.EFD_NONBLOCK | Native.EFD_SEMAPHORE);
        if (eventFd < 0) {
            int errno = Native.errno();
            Native.LIBC.close(socket);
            throw new NetlinkSystemException("eventfd", "", errno);
        }
        try {
            return new FileDescriptor(socket, eventFd);
        } catch (Throwable e) {
            // out of direct memory for the token buffers must not leak the descriptors
            Native.LIBC.close(eventFd);
            Native.LIBC.close(socket);
            throw e;
        }
    }

    /** @return the socket descriptor; valid only while a reference is held */
    int socket() {
        return socket;
    }

    /** @return the eventfd; valid only while a reference is held */
    int eventFd() {
        return eventFd;
    }

    /**
     * Takes a reference for one operation.
     *
     * @param operation what is about to run, for the exception
     * @throws NetlinkClosedException when the descriptor is closed
     */
    void acquire(String operation) {
        if (!tryAcquire()) {
            throw new NetlinkClosedException(operation);
        }
    }

    /** @return whether a reference was taken: false once closed */
    boolean tryAcquire() {
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

    /** Gives back a reference taken by {@link #acquire(String)}; the last one closes both descriptors. */
    void release() {
        if (references.decrementAndGet() == 0) {
            Native.LIBC.close(socket);
            Native.LIBC.close(eventFd);
        }
    }

    /** @return whether {@link #close()} was called */
    boolean isClosed() {
        return closed.get();
    }

    /** Counts the calling thread as waiting on the eventfd; pair with {@link #endWait()}. */
    void beginWait() {
        waiters.incrementAndGet();
    }

    void endWait() {
        waiters.decrementAndGet();
    }

    /**
     * Wakes every thread waiting in a {@link Poller}; they re-read their deadline and the interrupt status. Does
     * nothing when none waits or the descriptor is closed (closing woke them already).
     */
    void wakeup() {
        int n = waiters.get();
        // without a reference a concurrent close could release the eventfd, and the write would go to whatever
        // file reuses its number
        if (n > 0 && tryAcquire()) {
            try {
                synchronized (wakeTokens) {
                    wakeTokens.putLongLong(0, n);
                    Native.LIBC.write(eventFd, wakeTokens, 8);
                }
            } finally {
                release();
            }
        }
    }

    /**
     * Closes: wakes every waiter, which then fails with {@link NetlinkClosedException}, and drops the descriptor's
     * own reference, so the numbers are closed as soon as no operation uses them. Never blocks; idempotent.
     */
    void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                Native.LIBC.write(eventFd, closeTokens, 8);
            } finally {
                release();
            }
        }
    }

    @Override
    public String toString() {
        return "fd " + socket + (closed.get() ? " (closed)" : "");
    }
}
