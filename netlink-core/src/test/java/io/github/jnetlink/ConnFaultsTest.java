package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.internal.LibC;
import io.github.jnetlink.testing.Netns;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a {@link Conn} does when the world changes under it: its namespace is deleted, its descriptor is
 * closed by someone else, the process runs out of descriptors. Each case ends in a documented exception
 * or in normal operation, and leaves no descriptor behind.
 */
class ConnFaultsTest {

    static final int RTM_GETLINK = 18;
    static Netns ns;

    @BeforeAll
    static void createNamespace() {
        ns = Netns.create("faults");
    }

    @AfterAll
    static void deleteNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    static Message linkDump() {
        return Message.of(RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, new byte[16]);
    }

    @Test
    void deletingTheNamespaceNameLeavesAnOpenConnWorking() {
        Netns doomed = Netns.create("doomed");
        doomed.ip("link add dv0 type veth peer name dv1");
        Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(doomed.path()));
        try {
            doomed.close();
            // the namespace lives on while a socket holds it; only its name is gone
            assertThat(conn.execute(linkDump())).hasSize(3);
            conn.joinGroup(1);
            conn.setReadDeadline(Instant.now().plusMillis(100));
            assertThatThrownBy(conn::receive).isInstanceOf(NetlinkTimeoutException.class);
            assertThatThrownBy(() -> Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(doomed.path())))
                    .isInstanceOfSatisfying(NetlinkSystemException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOENT"));
        } finally {
            conn.close();
        }
    }

    @Test
    void descriptorClosedUnderneathGivesEbadfNotACrash() {
        LibC libc = LibraryLoader.create(LibC.class).load("c");
        int before = Netns.openFileDescriptors();
        Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        int fd = socketFd(conn);
        assertThat(libc.close(fd)).isZero();
        assertThatThrownBy(() -> conn.execute(linkDump()))
                .isInstanceOfSatisfying(NetlinkSystemException.class, e -> assertThat(e.errnoName()).isEqualTo("EBADF"));
        conn.close();
        assertThat(Netns.openFileDescriptors()).isEqualTo(before);
    }

    /** The socket descriptor behind a Conn, which no public API exposes. */
    private static int socketFd(Conn conn) {
        try {
            var field = Conn.class.getDeclaredField("socket");
            field.setAccessible(true);
            return ((io.github.jnetlink.internal.NetlinkSocket) field.get(conn)).fd();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void runningOutOfDescriptorsIsEmfileAndLeaksNothing() throws Exception {
        // the first round also opens what the JVM keeps open for good (jar files, pipes of ProcessBuilder)
        exhaustDescriptors();
        int open = Netns.openFileDescriptors();
        exhaustDescriptors();
        assertThat(Netns.openFileDescriptors()).isEqualTo(open);
    }

    private static void exhaustDescriptors() {
        long pid = ProcessHandle.current().pid();
        String[] softHard = Netns.run("prlimit", "--pid", Long.toString(pid), "--nofile", "--noheadings", "--output", "SOFT,HARD")
                .trim().split("\\s+");
        List<Conn> conns = new ArrayList<>();
        Netns.run("prlimit", "--pid", Long.toString(pid), "--nofile=" + (Netns.openFileDescriptors() + 40) + ":" + softHard[1]);
        try {
            NetlinkSystemException failure = null;
            for (int i = 0; i < 100 && failure == null; i++) {
                try {
                    conns.add(Conn.dial(Protocol.ROUTE));
                } catch (NetlinkSystemException e) {
                    failure = e;
                }
            }
            assertThat(failure).isNotNull();
            assertThat(failure.errnoName()).isEqualTo("EMFILE");
            assertThat(conns).isNotEmpty();
            // the connections opened before the limit still work
            assertThat(conns.get(0).execute(Message.of(RTM_GETLINK, HeaderFlags.REQUEST,
                    ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, 1).array()))).hasSize(1);
        } finally {
            conns.forEach(Conn::close);
            Netns.run("prlimit", "--pid", Long.toString(pid), "--nofile=" + softHard[0] + ":" + softHard[1]);
        }
    }

    @Test
    void interruptingAThreadBlockedInReceiveEndsTheWaitAndKeepsTheConn() throws Exception {
        try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()))) {
            conn.joinGroup(1);
            java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
            Thread t = new Thread(() -> {
                try {
                    conn.receive();
                } catch (Throwable e) {
                    thrown.set(e);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            t.start();
            Thread.sleep(200);
            assertThat(t.isAlive()).isTrue();
            t.interrupt();
            t.join(2000);
            assertThat(t.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(NetlinkInterruptedException.class);
            assertThat(stillInterrupted).isTrue();
            assertThat(conn.execute(linkDump())).isNotEmpty();
        }
    }
}
