package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.Command;
import io.github.jnetlink.testing.FileDescriptors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a {@link Conn} does when the world changes under it: its namespace is deleted, its descriptor is
 * closed by someone else, the process runs out of descriptors. Each case ends in a documented exception
 * or in normal operation, and leaves no descriptor behind.
 */
@NetlinkNamespace
class ConnFaultsTest {

    static final int RTM_GETLINK = 18;
    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
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
        CLibrary libc = LibraryLoader.create(CLibrary.class).load("c");
        int before = FileDescriptors.count();
        Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        int fd = FileDescriptors.ofSocket(ns, conn);
        assertThat(libc.close(fd)).isZero();
        assertThatThrownBy(() -> conn.execute(linkDump()))
                .isInstanceOfSatisfying(NetlinkSystemException.class, e -> assertThat(e.errnoName()).isEqualTo("EBADF"));
        conn.close();
        assertThat(FileDescriptors.count()).isEqualTo(before);
    }

    /** {@code close(2)} of the C library, declared here: the test closes a descriptor behind the library's back. */
    public interface CLibrary {
        /**
         * @param fd the descriptor
         * @return 0, or -1 with errno set
         */
        int close(int fd);
    }


    @Test
    void runningOutOfDescriptorsIsEmfileAndLeaksNothing() throws Exception {
        // the first round also opens what the JVM keeps open for good (jar files, pipes of ProcessBuilder)
        exhaustDescriptors();
        int open = FileDescriptors.count();
        exhaustDescriptors();
        assertThat(FileDescriptors.count()).isEqualTo(open);
    }

    private static void exhaustDescriptors() {
        long pid = ProcessHandle.current().pid();
        String[] softHard = Command.run("prlimit", "--pid", Long.toString(pid), "--nofile", "--noheadings", "--output", "SOFT,HARD")
                .trim().split("\\s+");
        List<Conn> conns = new ArrayList<>();
        Command.run("prlimit", "--pid", Long.toString(pid), "--nofile=" + (FileDescriptors.count() + 40) + ":" + softHard[1]);
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
            Command.run("prlimit", "--pid", Long.toString(pid), "--nofile=" + softHard[0] + ":" + softHard[1]);
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
