package io.github.jnetlink.test;

import static io.github.jnetlink.test.Links.RTM_DELLINK;
import static io.github.jnetlink.test.Links.RTM_NEWLINK;
import static io.github.jnetlink.test.Links.getLink;
import static io.github.jnetlink.test.Links.link;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.ConnOption;
import io.github.jnetlink.Datagram;
import io.github.jnetlink.Header;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.bpf.NetlinkFilters;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The socket side of a {@link FakeKernel}: multicast groups, options, buffer sizes and BPF filters, as a
 * {@code Conn} sets them and the kernel applies them.
 */
class FakeKernelSocketTest {

    FakeKernel kernel;

    @BeforeEach
    void create() {
        kernel = FakeKernel.create(Protocol.ROUTE);
    }

    @AfterEach
    void close() {
        kernel.close();
    }

    Conn dial(Config config) {
        Conn c = kernel.dial(config);
        c.setReadDeadline(Instant.now().plusSeconds(10));
        return c;
    }

    // --- multicast ------------------------------------------------------------------------------------------------

    /**
     * @param bindGroups the bind-time bitmask
     * @param setUp      what the Conn does after dialling
     * @param group      the group the kernel sends to
     * @param expected   the group receiveDatagram reports, or -1 when nothing must arrive
     */
    record Membership(String name, int bindGroups, Consumer<Conn> setUp, int group, int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Membership> memberships() {
        Consumer<Conn> nothing = c -> { };
        return Stream.of(
                new Membership("bind bitmask bit 0 is group 1", 0b1, nothing, 1, 1),
                new Membership("bind bitmask bit 2 is group 3", 0b100, nothing, 3, 3),
                new Membership("bind bitmask bit 31 is group 32", 1 << 31, nothing, 32, 32),
                new Membership("joinGroup", 0, c -> c.joinGroup(5), 5, 5),
                new Membership("joinGroup above 32 reads group 0 without PACKET_INFO", 0, c -> c.joinGroup(40), 40, 0),
                new Membership("joinGroup above 32 with PACKET_INFO", 0, c -> {
                    c.joinGroup(40);
                    c.setOption(ConnOption.PACKET_INFO, true);
                }, 40, 40),
                new Membership("another group", 0b1, nothing, 2, -1),
                new Membership("joined then left", 0, c -> {
                    c.joinGroup(7);
                    c.leaveGroup(7);
                }, 7, -1),
                new Membership("bound then left", 0b1, c -> c.leaveGroup(1), 1, -1),
                new Membership("no group at all", 0, nothing, 1, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("memberships")
    void aNotificationReachesOnlyMembersWithItsGroup(Membership row) {
        try (Conn conn = dial(Config.DEFAULT.withGroups(row.bindGroups()))) {
            row.setUp().accept(conn);
            Message notification = new Message(new Header(0, RTM_NEWLINK, 0, 0, 0), Links.ifinfomsg(3));

            int queued = kernel.multicast(row.group(), notification);

            if (row.expected() < 0) {
                assertThat(queued).isZero();
                conn.setReadDeadline(Instant.now().plusMillis(50));
                assertThatThrownBy(conn::receiveDatagram).isInstanceOf(NetlinkTimeoutException.class);
                return;
            }
            assertThat(queued).isOne();
            Datagram d = conn.receiveDatagram();
            assertThat(d.group()).isEqualTo(row.expected());
            assertThat(d.sender()).isZero();
            assertThat(d.messages()).containsExactly(new Message(new Header(32, RTM_NEWLINK, 0, 0, 0), Links.ifinfomsg(3)));
        }
    }

    @Test
    void aMulticastReachesEveryJoinedConnAndNoOther() {
        try (Conn bound = dial(Config.DEFAULT.withGroups(1));
                Conn joined = dial(Config.DEFAULT);
                Conn other = dial(Config.DEFAULT.withGroups(0b10))) {
            joined.joinGroup(1);

            assertThat(kernel.multicast(1, link(1), link(2))).isEqualTo(2);

            assertThat(bound.receive()).extracting(Links::index).containsExactly(1, 2);
            assertThat(joined.receiveDatagram().messages()).extracting(Links::index).containsExactly(1, 2);
            other.setReadDeadline(Instant.now().plusMillis(50));
            assertThatThrownBy(other::receive).isInstanceOf(NetlinkTimeoutException.class);
            assertThat(kernel.groups(bound)).containsExactly(1);
            assertThat(kernel.groups(joined)).containsExactly(1);
            assertThat(kernel.groups(other)).containsExactly(2);
        }
    }

    @Test
    void aClosedConnGetsNoMoreNotifications() {
        Conn conn = dial(Config.DEFAULT.withGroups(1));
        conn.close();
        assertThat(kernel.multicast(1, link(1))).isZero();
    }

    @Test
    void groupZeroIsNoGroup() {
        try (Conn conn = dial(Config.DEFAULT)) {
            assertThatThrownBy(() -> kernel.multicast(0, link(1))).isInstanceOf(NetlinkArgumentException.class);
            assertThatThrownBy(() -> conn.joinGroup(0)).isInstanceOf(NetlinkException.class);
        }
    }

    // --- options and buffers --------------------------------------------------------------------------------------

    @Test
    void strictModeTurnsOnExtendedAcksAndStrictChecking() {
        try (Conn conn = dial(Config.DEFAULT.withStrict(true))) {
            assertThat(kernel.options(conn)).containsExactlyInAnyOrder(ConnOption.EXTENDED_ACKNOWLEDGE,
                    ConnOption.GET_STRICT_CHECK);
            conn.setOption(ConnOption.GET_STRICT_CHECK, false);
            conn.setOption(ConnOption.CAP_ACKNOWLEDGE, true);
            assertThat(kernel.options(conn)).containsExactlyInAnyOrder(ConnOption.EXTENDED_ACKNOWLEDGE,
                    ConnOption.CAP_ACKNOWLEDGE);
        }
    }

    @Test
    void bufferSizesReadAsTheKernelReportsThem() {
        try (Conn plain = dial(Config.DEFAULT);
                Conn sized = dial(Config.DEFAULT.withReceiveBufferSize(4096).withSendBufferSize(1000))) {
            assertThat(plain.readBuffer()).isEqualTo(212_992);
            assertThat(plain.writeBuffer()).isEqualTo(212_992);
            assertThat(sized.readBuffer()).isEqualTo(8192);
            assertThat(sized.writeBuffer()).isEqualTo(2000);
            plain.setReadBuffer(Integer.MAX_VALUE);
            assertThat(plain.readBuffer()).as("capped at INT_MAX / 2, then doubled").isEqualTo(Integer.MAX_VALUE - 1);
        }
    }

    @Test
    void aConnOfAnotherKernelIsRefused() {
        try (FakeKernel other = FakeKernel.create(Protocol.ROUTE); Conn foreign = other.dial()) {
            assertThatThrownBy(() -> kernel.options(foreign)).isInstanceOf(NetlinkArgumentException.class);
        }
    }

    // --- BPF ------------------------------------------------------------------------------------------------------

    @Test
    void anAttachedFilterRunsOnEveryDatagramRepliesIncluded() {
        try (Conn conn = dial(Config.DEFAULT.withGroups(1))) {
            List<io.github.jnetlink.bpf.RawInstruction> program =
                    NetlinkFilters.messageTypes(RTM_NEWLINK, HeaderType.ERROR, HeaderType.DONE);
            conn.setBpf(program);
            assertThat(kernel.filter(conn)).isEqualTo(program);

            kernel.multicast(1, Message.of(RTM_DELLINK, 0, Links.ifinfomsg(1)));
            kernel.multicast(1, link(2));
            assertThat(conn.receive()).extracting(Links::index).containsExactly(2);

            // a reply of a type the filter drops never arrives
            kernel.onRequest(request -> Replies.of(Message.of(RTM_DELLINK, 0, Links.ifinfomsg(3))));
            conn.setReadDeadline(Instant.now().plusMillis(50));
            assertThatThrownBy(() -> conn.execute(getLink(3, 0))).isInstanceOf(NetlinkTimeoutException.class);

            conn.removeBpf();
            assertThat(kernel.filter(conn)).isEmpty();
            conn.setReadDeadline(Instant.now().plusSeconds(10));
            assertThat(conn.execute(getLink(3, 0))).hasSize(1);
        }
    }

    @Test
    void aFilterTrimsADatagramToTheLengthItReturns() {
        try (Conn conn = dial(Config.DEFAULT.withGroups(1))) {
            // ret #40: keep the first 40 bytes, a message and a half
            conn.setBpf(List.of(io.github.jnetlink.bpf.RawInstruction.statement(0x06, 40)));
            kernel.multicast(1, link(1), link(2));
            assertThat(conn.receiveBytes()).hasSize(40);
        }
    }

    @Test
    void aLockedFilterCannotBeReplacedOrRemovedAndNoneCannotBeRemoved() {
        try (Conn conn = dial(Config.DEFAULT)) {
            NetlinkSystemException none = catchThrowableOfType(NetlinkSystemException.class, conn::removeBpf);
            assertThat(none.errnoName()).isEqualTo("ENOENT");

            conn.setBpf(NetlinkFilters.messageTypes(RTM_NEWLINK));
            conn.lockBpf();
            NetlinkSystemException replace = catchThrowableOfType(NetlinkSystemException.class,
                    () -> conn.setBpf(NetlinkFilters.messageTypes(RTM_DELLINK)));
            assertThat(replace.errnoName()).isEqualTo("EPERM");
            assertThat(catchThrowableOfType(NetlinkSystemException.class, conn::removeBpf).errnoName()).isEqualTo("EPERM");
            assertThat(kernel.filter(conn)).isEqualTo(NetlinkFilters.messageTypes(RTM_NEWLINK));
        }
    }

    @Test
    void requestsIsASnapshot() {
        kernel.onRequest(request -> Replies.of(link(1)));
        try (Conn conn = dial(Config.DEFAULT)) {
            conn.execute(getLink(1, 0));
            List<Message> snapshot = kernel.requests();
            conn.execute(getLink(1, 0));
            assertThat(snapshot).hasSize(1);
            assertThat(kernel.requests()).hasSize(2);
            assertThatThrownBy(() -> snapshot.add(link(1))).isInstanceOf(UnsupportedOperationException.class);
            assertThat(Set.copyOf(kernel.requests())).hasSize(2);
        }
    }
}
