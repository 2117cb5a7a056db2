package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jnr.ffi.LibraryLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Namespace IDs as the real kernel reports them through {@link NetnsIds}, compared with
 * {@code ip -j netns list-id}, and IDs assigned through {@link NetnsIds} (by process and by descriptor) next to
 * one set with {@code ip netns set}.
 */
@NetlinkNamespace
class NetnsIdsKernelTest {

    /** open(2) and close(2), to hand the kernel a namespace descriptor as {@code ip netns set} does. */
    public interface Libc {
        int open(String path, int flags);

        int close(int fd);
    }

    static final Libc LIBC = LibraryLoader.create(Libc.class).load("c");

    static Netns ns;
    static Netns byIp;
    static Netns byPid;
    static Netns byFd;
    static Netns unnamed;
    static Process sleeper;
    static Conn conn;
    static NetnsIds ids;

    @BeforeAll
    static void setUp(Netns namespace) throws Exception {
        ns = namespace;
        byIp = Netns.create("nsid-ip");
        byPid = Netns.create("nsid-pid");
        byFd = Netns.create("nsid-fd");
        unnamed = Netns.create("nsid-none");
        ns.ip("netns set " + byIp.name() + " 5");
        // ip netns exec execs the command, so the process's pid is one inside the namespace
        sleeper = new ProcessBuilder("ip", "netns", "exec", byPid.name(), "sleep", "120").start();
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        ids = new NetnsIds(conn);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (conn != null) {
            conn.close();
        }
        if (sleeper != null) {
            sleeper.destroy();
            sleeper.waitFor();
        }
        for (Netns n : new Netns[] {byIp, byPid, byFd, unnamed}) {
            if (n != null) {
                n.close();
            }
        }
    }

    static Map<Integer, String> ipListId() {
        Map<Integer, String> out = new HashMap<>();
        for (JsonNode j : IpJson.of(ns, "netns list-id")) {
            out.put(j.get("nsid").asInt(), j.has("name") ? j.get("name").asString() : null);
        }
        return out;
    }

    static int sleeperPid() throws InterruptedException {
        // until ip netns exec has entered the namespace and exec'd sleep
        for (int i = 0; i < 100; i++) {
            String comm;
            try {
                comm = Files.readString(Path.of("/proc/" + sleeper.pid() + "/comm"));
            } catch (IOException gone) {
                throw new AssertionError("ip netns exec " + byPid.name() + " sleep exited", gone);
            }
            if (comm.trim().equals("sleep")) {
                return (int) sleeper.pid();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("sleep never started in " + byPid.name());
    }

    @Test
    void assignedIdsAreWhatIpNetnsListIdPrints() throws Exception {
        int pid = sleeperPid();
        ids.assignForPid(pid, 7);
        int fd = LIBC.open(byFd.path(), 0);
        assertThat(fd).as("open " + byFd.path()).isNotNegative();
        try {
            ids.assignForFd(fd, NsidMessage.NETNSA_NSID_NOT_ASSIGNED);
            int chosen = ids.getForFd(fd);
            assertThat(chosen).isNotNegative().isNotIn(5, 7);

            List<NsidMessage> listed = ids.list();
            Map<Integer, String> ip = ipListId();
            assertThat(listed).extracting(NsidMessage::nsid).containsExactlyInAnyOrderElementsOf(ip.keySet());
            assertThat(ip).containsEntry(5, byIp.name()).containsEntry(7, byPid.name()).containsEntry(chosen, byFd.name());
            assertThat(listed).allSatisfy(m -> {
                assertThat(m.type()).isEqualTo(RouteMessageType.RTM_NEWNSID);
                assertThat(m.family()).isEqualTo(AddressFamily.UNSPEC);
                assertThat(m.assigned()).isTrue();
                assertThat(m.pid()).isNull();
                assertThat(m.fd()).isNull();
                assertThat(m.currentNsid()).isNull();
                assertThat(m.unknown()).isEmpty();
            });

            assertThat(ids.getForPid(pid)).isEqualTo(7);
            assertThatThrownBy(() -> ids.assignForFd(fd, 8)).isInstanceOf(NetlinkErrorException.class)
                    .hasMessageContaining("assign nsid 8 to the netns of fd " + fd).hasMessageContaining("EEXIST");
        } finally {
            LIBC.close(fd);
        }
    }

    @Test
    void aPeerWithoutAnIdIsMinusOne() {
        int fd = LIBC.open(unnamed.path(), 0);
        try {
            assertThat(ids.getForFd(fd)).isEqualTo(NsidMessage.NETNSA_NSID_NOT_ASSIGNED);
        } finally {
            LIBC.close(fd);
        }
        assertThat(ipListId()).doesNotContainValue(unnamed.name());
    }

    @Test
    void anIdTakenAlreadyIsRefused() {
        int fd = LIBC.open(unnamed.path(), 0);
        try {
            assertThatThrownBy(() -> ids.assignForFd(fd, 5)).isInstanceOf(NetlinkErrorException.class)
                    .hasMessageContaining("EEXIST");
        } finally {
            LIBC.close(fd);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> ids.getForPid(0)).hasMessageContaining("pid must be positive, got 0");
        assertThatThrownBy(() -> ids.getForFd(-1)).hasMessageContaining("fd must not be negative, got -1");
        assertThatThrownBy(() -> ids.assignForFd(3, -2)).hasMessageContaining("nsid must be 0 or more, or -1");
        assertThatThrownBy(() -> ids.getForPid(Integer.MAX_VALUE)).isInstanceOf(NetlinkErrorException.class)
                .hasMessageContaining("get the nsid of the netns of pid " + Integer.MAX_VALUE);
    }
}
