package io.github.jnetlink.internal;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The C library calls jnetlink needs, bound by jnr-ffi. Pointers are always direct memory so that
 * jnr-ffi passes addresses without copying. Every call that can fail saves {@code errno}.
 *
 * <p>{@code sendto} and {@code recvfrom} keep their {@link Pointer} parameters on purpose. With them
 * jnr-ffi 2.2.17 binds the calls to its fast-long invoker, which costs the same per call as raw
 * {@code long} addresses (measured: within a few ns of 300-400 ns for a failing {@code recvfrom}). With
 * six primitive parameters it would pick its x86-64 native stub instead, which passes a wrong sixth
 * argument ({@code EINVAL} from {@code sendto}, a garbage {@code addrlen} pointer for {@code recvfrom}).
 * {@code sendmsg}/{@code recvmsg} avoid six parameters but cost about 80 ns more in the kernel per call.
 */
public interface LibC {

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, Pointer addr, int addrlen);

    @SaveError
    int getsockname(int fd, Pointer addr, Pointer addrlen);

    @SaveError
    @ssize_t
    long sendto(int fd, Pointer buf, @size_t long len, int flags, Pointer addr, int addrlen);

    @SaveError
    @ssize_t
    long recvfrom(int fd, Pointer buf, @size_t long len, int flags, Pointer addr, Pointer addrlen);

    @SaveError
    @ssize_t
    long recvmsg(int fd, Pointer msg, int flags);

    @SaveError
    int setsockopt(int fd, int level, int name, Pointer value, int len);

    @SaveError
    int getsockopt(int fd, int level, int name, Pointer value, Pointer len);

    @SaveError
    int close(int fd);

    @SaveError
    int poll(Pointer fds, @size_t long nfds, int timeout);

    @SaveError
    int eventfd(int initval, int flags);

    @SaveError
    @ssize_t
    long read(int fd, Pointer buf, @size_t long count);

    @SaveError
    @ssize_t
    long write(int fd, Pointer buf, @size_t long count);

    @SaveError
    int setns(int fd, int nstype);

    @SaveError
    int open(String path, int flags);

    @IgnoreError
    int getpid();
}
