package io.github.jnetlink.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.github.jnetlink.UnsupportedPlatformException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * The C library calls the socket needs, bound once through {@link Linker#nativeLinker()}, and the Linux constants.
 *
 * <p>Every call that can fail captures {@code errno} ({@link Linker.Option#captureCallState(String...)}) into a
 * segment the caller passes first ({@link #newErrnoSegment}), so no other call of the JVM can overwrite it between the
 * call and the read. The calls on a hot path that never wait for an event are {@link Linker.Option#critical(boolean)
 * critical}: the socket and the eventfd are non-blocking and the receive flags add {@code MSG_DONTWAIT}, so
 * {@code sendto}, {@code recvfrom}, {@code recvmsg}, {@code read} and {@code write} return at once (the kernel may
 * still take a mutex such as rtnl's for a dump, which delays a JVM safepoint for that long, and only that). Calls
 * that wait ({@code poll}), or may wait for other sockets' readers ({@code setsockopt} of memberships takes the
 * netlink table lock), or run rarely ({@code close}, {@code open}, {@code setns}) go through the normal transition.
 * The system property {@code jnetlink.ffm.critical=false} binds the hot calls without the option, for comparison.
 *
 * <p>Only 64-bit Linux is supported (LP64: pointers, {@code long} and {@code size_t} are 8 bytes); elsewhere
 * {@link #check()} throws.
 */
final class Native {

    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_ATTACH_FILTER = 26;
    static final int SO_DETACH_FILTER = 27;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_RCVBUFFORCE = 33;
    static final int SO_LOCK_FILTER = 44;

    static final int SOL_NETLINK = 270;
    static final int NETLINK_ADD_MEMBERSHIP = 1;
    static final int NETLINK_DROP_MEMBERSHIP = 2;
    static final int NETLINK_PKTINFO = 3;

    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;

    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;

    static final int EFD_SEMAPHORE = 1;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    /** The layout of the captured call state; {@code errno} at {@link #ERRNO_OFFSET}. */
    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = CALL_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET;
    private static final MethodHandle BIND;
    private static final MethodHandle GETSOCKNAME;
    private static final MethodHandle SENDTO;
    private static final MethodHandle RECVFROM;
    private static final MethodHandle RECVMSG;
    private static final MethodHandle SETSOCKOPT;
    private static final MethodHandle GETSOCKOPT;
    private static final MethodHandle CLOSE;
    private static final MethodHandle POLL;
    private static final MethodHandle EVENTFD;
    private static final MethodHandle READ;
    private static final MethodHandle WRITE;
    private static final MethodHandle SETNS;
    private static final MethodHandle OPEN;

    private static final Throwable LOAD_FAILURE;

    static {
        MethodHandle[] h = new MethodHandle[15];
        Throwable failure = null;
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            failure = new UnsupportedOperationException("netlink exists only on Linux; this is " + os);
        } else if (ADDRESS.byteSize() != 8
                || !JAVA_LONG.equals(Linker.nativeLinker().canonicalLayouts().get("size_t"))) {
            failure = new UnsupportedOperationException("the FFM transport supports 64-bit Linux only (LP64); pointers here are "
                    + ADDRESS.byteSize() + " bytes: use the jnr-ffi transport (-Djnetlink.transport=jnr)");
        } else {
            try {
                boolean critical = !"false".equals(System.getProperty("jnetlink.ffm.critical"));
                Linker.Option errno = Linker.Option.captureCallState("errno");
                Linker.Option[] fast = critical ? new Linker.Option[] {errno, Linker.Option.critical(false)}
                        : new Linker.Option[] {errno};
                Linker.Option[] slow = {errno};
                h[0] = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), fast);
                h[1] = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), fast);
                h[2] = bind("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), fast);
                h[3] = bind("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS,
                        JAVA_INT), fast);
                h[4] = bind("recvfrom", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS,
                        ADDRESS), fast);
                h[5] = bind("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), fast);
                h[6] = bind("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT),
                        slow);
                h[7] = bind("getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS),
                        slow);
                h[8] = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), slow);
                h[9] = bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), slow);
                h[10] = bind("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), fast);
                h[11] = bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), fast);
                h[12] = bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), fast);
                h[13] = bind("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), slow);
                // open(path, flags, ...): the mode is variadic, passed as such (0: no O_CREAT)
                h[14] = bind("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), errno,
                        Linker.Option.firstVariadicArg(2));
            } catch (Throwable t) {
                failure = t;
            }
        }
        SOCKET = h[0];
        BIND = h[1];
        GETSOCKNAME = h[2];
        SENDTO = h[3];
        RECVFROM = h[4];
        RECVMSG = h[5];
        SETSOCKOPT = h[6];
        GETSOCKOPT = h[7];
        CLOSE = h[8];
        POLL = h[9];
        EVENTFD = h[10];
        READ = h[11];
        WRITE = h[12];
        SETNS = h[13];
        OPEN = h[14];
        LOAD_FAILURE = failure;
    }

    private Native() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor function, Linker.Option... options) {
        Linker linker = Linker.nativeLinker();
        MemorySegment symbol = linker.defaultLookup().find(name)
                .orElseThrow(() -> new UnsupportedOperationException("the C library has no " + name));
        return linker.downcallHandle(symbol, function, options);
    }

    /** Throws a clear exception if the C library could not be bound here. */
    static void check() {
        if (LOAD_FAILURE != null) {
            throw new UnsupportedPlatformException(LOAD_FAILURE);
        }
    }

    /** @return why the C library cannot be bound, or null */
    static Throwable loadFailure() {
        return LOAD_FAILURE;
    }

    /**
     * @param arena where to allocate it
     * @return a segment for one call's captured {@code errno}; one per thread that makes calls
     */
    static MemorySegment newErrnoSegment(java.lang.foreign.SegmentAllocator arena) {
        return arena.allocate(CALL_STATE);
    }

    /** @return the {@code errno} the last call that captured into {@code state} left */
    static int errno(MemorySegment state) {
        return state.get(JAVA_INT, ERRNO_OFFSET);
    }

    static int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int bind(MemorySegment state, int fd, MemorySegment address, int length) {
        try {
            return (int) BIND.invokeExact(state, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getsockname(MemorySegment state, int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) GETSOCKNAME.invokeExact(state, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long sendto(MemorySegment state, int fd, MemorySegment bytes, long length, int flags, MemorySegment address,
            int addressLength) {
        try {
            return (long) SENDTO.invokeExact(state, fd, bytes, length, flags, address, addressLength);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long recvfrom(MemorySegment state, int fd, MemorySegment bytes, long length, int flags, MemorySegment address,
            MemorySegment addressLength) {
        try {
            return (long) RECVFROM.invokeExact(state, fd, bytes, length, flags, address, addressLength);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long recvmsg(MemorySegment state, int fd, MemorySegment message, int flags) {
        try {
            return (long) RECVMSG.invokeExact(state, fd, message, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(state, fd, level, name, value, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value, MemorySegment length) {
        try {
            return (int) GETSOCKOPT.invokeExact(state, fd, level, name, value, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int close(MemorySegment state, int fd) {
        try {
            return (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int poll(MemorySegment state, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(state, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int eventfd(MemorySegment state, int initial, int flags) {
        try {
            return (int) EVENTFD.invokeExact(state, initial, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long read(MemorySegment state, int fd, MemorySegment into, long count) {
        try {
            return (long) READ.invokeExact(state, fd, into, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long write(MemorySegment state, int fd, MemorySegment from, long count) {
        try {
            return (long) WRITE.invokeExact(state, fd, from, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int setns(MemorySegment state, int fd, int type) {
        try {
            return (int) SETNS.invokeExact(state, fd, type);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int open(MemorySegment state, MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(state, path, flags, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A downcall throws only what the JVM throws (out of memory, a closed arena): let it through unchecked. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
