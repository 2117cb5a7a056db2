package io.github.jnetlink.bpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BPF filters attached to real sockets: the kernel drops what the filter rejects before it reaches us.
 */
@NetlinkNamespace
class BpfKernelTest {

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTNLGRP_LINK = 1;

    static Netns ns;
    static Config config;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
        config = Config.DEFAULT.withNetns(ns.path());
    }

    /** Adds and deletes a veth pair, then returns the types of every link notification seen until a quiet 300 ms. */
    static List<Integer> typesSeenForAddAndDelete(Conn conn, String name) {
        ns.ip("link add " + name + " type veth peer name " + name + "p");
        ns.ip("link del " + name);
        List<Integer> types = new ArrayList<>();
        while (true) {
            conn.setReadDeadline(Instant.now().plusMillis(300));
            try {
                for (Message m : conn.receive()) {
                    types.add(m.header().type());
                }
            } catch (NetlinkTimeoutException e) {
                return types;
            }
        }
    }

    @Test
    void messageTypesFilterLetsOnlyDellinkThroughUntilRemoved() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            conn.joinGroup(RTNLGRP_LINK);

            List<Integer> unfiltered = typesSeenForAddAndDelete(conn, "bf0");
            assertThat(unfiltered).contains(RTM_NEWLINK, RTM_DELLINK);

            conn.setBpf(NetlinkFilters.messageTypes(RTM_DELLINK));
            List<Integer> filtered = typesSeenForAddAndDelete(conn, "bf1");
            assertThat(filtered).isNotEmpty().containsOnly(RTM_DELLINK);

            conn.removeBpf();
            List<Integer> again = typesSeenForAddAndDelete(conn, "bf2");
            assertThat(again).contains(RTM_NEWLINK, RTM_DELLINK);
        }
    }

    @Test
    void filterAppliesToUnicastRepliesToo() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            conn.setBpf(NetlinkFilters.messageTypes(RTM_NEWLINK, HeaderType.ERROR, HeaderType.DONE));
            byte[] ifinfomsg = new byte[16];
            assertThat(conn.execute(Message.of(RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, ifinfomsg))).isNotEmpty();

            conn.setBpf(NetlinkFilters.messageTypes(RTM_DELLINK));
            conn.send(Message.of(RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, ifinfomsg));
            conn.setReadDeadline(Instant.now().plusMillis(300));
            assertThatThrownBy(conn::receive).isInstanceOf(NetlinkTimeoutException.class);
        }
    }

    @Test
    void emptyAndInvalidProgramsAreRejectedBeforeTheKernel() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            assertThatThrownBy(() -> conn.setBpf(List.of())).isInstanceOf(NetlinkException.class).hasMessageContaining("removeBpf");
            assertThatThrownBy(() -> conn.setBpf(null)).isInstanceOf(NetlinkException.class);
            List<RawInstruction> noReturn = Bpf.assemble(List.of(new Instruction.LoadConstant(Register.A, 1)));
            assertThatThrownBy(() -> conn.setBpf(noReturn)).isInstanceOf(BpfException.class).hasMessageContaining("instruction 0");
            // with nothing attached, detaching is the kernel's ENOENT
            assertThatThrownBy(conn::removeBpf)
                    .isInstanceOfSatisfying(NetlinkSystemException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOENT"));
        }
    }

    @Test
    void lockedFilterCannotBeRemoved() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            conn.setBpf(NetlinkFilters.messageTypes(RTM_DELLINK));
            conn.lockBpf();
            assertThatThrownBy(conn::removeBpf)
                    .isInstanceOfSatisfying(NetlinkSystemException.class, e -> assertThat(e.errnoName()).isEqualTo("EPERM"));
        }
    }
}
