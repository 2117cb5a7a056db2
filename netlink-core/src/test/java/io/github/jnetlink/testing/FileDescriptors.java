package io.github.jnetlink.testing;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.Netns;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** This process's open file descriptors, for tests that prove nothing leaks or that break a socket underneath. */
public final class FileDescriptors {

    private FileDescriptors() {
    }

    /** @return the number of open file descriptors of this process, -1 where /proc/self/fd cannot be read */
    public static int count() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    /**
     * @return the open descriptors that a {@code Conn} can leak, sockets and eventfds; unlike {@link #count()} not
     *         moved by the JVM opening a jar or a file of its own meanwhile; -1 where /proc/self/fd cannot be read
     */
    public static int socketsAndEventfds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.map(FileDescriptors::target).filter(t -> t.startsWith("socket:") || t.equals("anon_inode:[eventfd]")).count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /**
     * The socket descriptor behind a route Conn, which no public API exposes, found as any other program could:
     * {@code /proc/net/netlink} in the namespace gives the inode of the socket bound to the Conn's port ID, and the
     * descriptor is the one in {@code /proc/self/fd} that links to {@code socket:[INODE]}.
     *
     * @param ns   the namespace the Conn's socket lives in
     * @param conn a {@link Protocol#ROUTE} connection
     * @return its descriptor number
     */
    public static int ofSocket(Netns ns, Conn conn) {
        String pid = Integer.toUnsignedString(conn.pid());
        // columns: sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode
        String inode = ns.exec("cat", "/proc/net/netlink").lines().skip(1)
                .map(l -> l.trim().split("\\s+"))
                .filter(f -> f[1].equals(Integer.toString(Protocol.ROUTE)) && f[2].equals(pid))
                .map(f -> f[9]).findFirst()
                .orElseThrow(() -> new AssertionError("no ROUTE socket with port ID " + pid + " in /proc/net/netlink"));
        String link = "socket:[" + inode + "]";
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> link.equals(target(fd))).map(fd -> Integer.parseInt(fd.getFileName().toString()))
                    .findFirst().orElseThrow(() -> new AssertionError("no descriptor of this process links to " + link));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            // the descriptor of the directory listing itself, gone by the time it is read
            return "";
        }
    }
}
