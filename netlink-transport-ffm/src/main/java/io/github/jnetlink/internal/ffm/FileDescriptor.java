package io.github.jnetlink.internal.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkSystemException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The socket descriptor, the eventfd that wakes its waiters, and the shared {@link Arena} of the socket's fixed C
 * structures, with their lifetime: the FFM twin of the jnr-ffi transport's class of the same name, with the same
 * protocol.
 *
 * <p>A descriptor number is reused by the kernel as soon as it is closed, so every operation holds a reference
 * ({@link #acquire(String)} / {@link #release()}), and the numbers are closed, and the arena after them, only when the
 * last reference goes: no call can then be using the arena's memory, so closing it cannot fail. {@link #close()} drops
 * the descriptor's own reference and writes a large count to the eventfd, which every {@link Poller} polls alongside
 * the socket, so each waiter wakes at once, sees {@link #isClosed()} and releases.
 *
 * <p>The eventfd is a semaphore ({@code EFD_SEMAPHORE}): {@link #wakeup()} adds one token per waiter and each woken
 * waiter reads one.
 */
final class FileDescriptor {

    /** Written on close and never consumed: every poll after it returns at once. */
    private static final long CLOSE_TOKENS = 1L << 40;

    private final int socket;
    private final int eventFd;
    private final Arena arena;

    /** 1 for the open descriptor plus one per operation in flight; everything is closed when it reaches 0. */
    private final AtomicInteger references = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Threads inside {@code poll} on the eventfd, or about to be: how many tokens a wake-up writes. */
    private final AtomicInteger waiters = new AtomicInteger();

    private final MemorySegment wakeTokens;
    private final MemorySegment closeTokens;
    /** The errno of writes and closes whose failure changes nothing; any thread may scribble on it. */
    private final MemorySegment ignoredErrno;

    private FileDescriptor(int socket, int eventFd, Arena arena, MemorySegment ignoredErrno) {
        this.socket = socket;
        this.eventFd = eventFd;
        this.arena = arena;
        this.ignoredErrno = ignoredErrno;
        this.wakeTokens = arena.allocate(JAVA_LONG);
        this.closeTokens = arena.allocate(JAVA_LONG);
        closeTokens.set(JAVA_LONG, 0, CLOSE_TOKENS);
    }

    /**
     * Takes ownership of an open socket descriptor, creates its eventfd and arena. On failure the socket is closed.
     *
     * @param socket the socket descriptor
     * @return the descriptors
     * @throws NetlinkSystemException when {@code eventfd} fails
     */
    static FileDescriptor forSocket(int socket) {
        Arena arena = Arena.ofShared();
        int eventFd = -1;
        try {
            MemorySegment state = Native.newErrnoSegment(arena);
            eventFd = Native.eventfd(state, 0, Native.EFD_CLOEXEC | Native.EFD_NONBLOCK | Native.EFD_SEMAPHORE);
            if (eventFd < 0) {
                throw new NetlinkSystemException("eventfd", "", Native.errno(state));
            }
            return new FileDescriptor(socket, eventFd, arena, state);
        } catch (Throwable e) {
            try (Arena scratch = Arena.ofConfined()) {
                MemorySegment state = Native.newErrnoSegment(scratch);
                if (eventFd >= 0) {
                    Native.close(state, eventFd);
                }
                Native.close(state, socket);
            }
            arena.close();
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

    /** @return the arena of the socket's fixed structures, for allocating them once; closed with the descriptors */
    Arena arena() {
        return arena;
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

    /** Gives back a reference; the last one closes both descriptors, then the arena. */
    void release() {
        if (references.decrementAndGet() == 0) {
            Native.close(ignoredErrno, socket);
            Native.close(ignoredErrno, eventFd);
            arena.close();
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

    /** Wakes every thread waiting in a {@link Poller}; does nothing when none waits or the descriptor is closed. */
    void wakeup() {
        int n = waiters.get();
        // without a reference a concurrent close could release the eventfd, and the write would go to whatever
        // file reuses its number
        if (n > 0 && tryAcquire()) {
            try {
                synchronized (wakeTokens) {
                    wakeTokens.set(JAVA_LONG, 0, n);
                    Native.write(ignoredErrno, eventFd, wakeTokens, 8);
                }
            } finally {
                release();
            }
        }
    }

    /** Closes: wakes every waiter and drops the descriptor's own reference. Never blocks; idempotent. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                Native.write(ignoredErrno, eventFd, closeTokens, 8);
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
