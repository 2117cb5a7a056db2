package io.github.jnetlink.generic;

import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_FAMILY_NAME;
import static io.github.jnetlink.generic.GenericControl.CTRL_CMD_GETFAMILY;
import static io.github.jnetlink.generic.GenericControl.CTRL_CMD_NEWFAMILY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The commands the real kernel lists for {@code nlctrl}, {@code ethtool} and {@code netdev}, compared with
 * {@code genl ctrl get name NAME} run in the same namespace, and {@link GenericNetlink#checkedRequest} against
 * what the kernel itself refuses. {@code genl} prints the capabilities only for families of version 2 or more,
 * so for {@code ethtool} and {@code netdev} (version 1) only the command numbers are compared, and their
 * flags are checked against what the kernel's source gives those commands.
 */
@NetlinkNamespace
class FamilyOperationsKernelTest {

    static Netns ns;
    static Conn conn;
    static GenericNetlink genl;

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        conn = Conn.dial(Protocol.GENERIC, Config.DEFAULT.withNetns(ns.path()));
        genl = new GenericNetlink(conn);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    static Family genlGet(String name) {
        return GenericNetlinkKernelTest.parseGenl(ns.exec("genl", "ctrl", "get", "name", name)).get(name);
    }

    @Test
    void nlctrlOperationsWithFlagsAreWhatGenlLists() {
        Family nlctrl = genl.family("nlctrl");
        Family expected = genlGet("nlctrl");
        assertThat(nlctrl.operations()).isNotEmpty().isEqualTo(expected.operations());
        Family.Operation getFamily = nlctrl.operation(CTRL_CMD_GETFAMILY).orElseThrow();
        assertThat(getFamily.canDo()).isTrue();
        assertThat(getFamily.canDump()).isTrue();
        assertThat(getFamily.hasPolicy()).isTrue();
        assertThat(getFamily.adminOnly()).isFalse();
        assertThat(nlctrl.operation(CTRL_CMD_NEWFAMILY)).isEmpty();
        assertThat(nlctrl).isEqualTo(expected);
    }

    @Test
    void ethtoolAndNetdevCommandsAreWhatGenlLists() {
        for (String name : List.of("ethtool", "netdev")) {
            Family f = genl.family(name);
            assertThat(f.operations()).as(name).extracting(Family.Operation::id)
                    .isNotEmpty().isEqualTo(genlGet(name).operations().stream().map(Family.Operation::id).toList());
            assertThat(GenericNetlinkKernelTest.byName(List.of(f)).get(name)).as(name).isEqualTo(genlGet(name));
        }
        Family ethtool = genl.family("ethtool");
        // ETHTOOL_MSG_STRSET_GET (1): doit and dumpit, a policy, anyone
        Family.Operation strset = ethtool.operation(1).orElseThrow();
        assertThat(List.of(strset.canDo(), strset.canDump(), strset.hasPolicy(), strset.adminOnly()))
                .containsExactly(true, true, true, false);
        // ETHTOOL_MSG_LINKINFO_SET (3): doit only, GENL_UNS_ADMIN_PERM
        Family.Operation linkinfoSet = ethtool.operation(3).orElseThrow();
        assertThat(List.of(linkinfoSet.canDo(), linkinfoSet.canDump(), linkinfoSet.adminOnly()))
                .containsExactly(true, false, true);
        assertThat(linkinfoSet.flags() & Family.Operation.GENL_UNS_ADMIN_PERM).isNotZero();
        // NETDEV_CMD_DEV_GET (1): doit and dumpit
        Family.Operation devGet = genl.family("netdev").operation(1).orElseThrow();
        assertThat(devGet.canDo()).isTrue();
        assertThat(devGet.canDump()).isTrue();
    }

    @Test
    void familiesDumpCarriesTheSameOperationsAsTheLookup() {
        for (Family f : genl.families()) {
            assertThat(genl.family(f.name()).operations()).as(f.name()).isEqualTo(f.operations());
        }
    }

    @Test
    void checkedRequestSendsWhatTheKernelTakesAndStopsWhatItWouldRefuse() {
        Family nlctrl = genl.family("nlctrl");
        byte[] attributes = new AttributeEncoder().string(CTRL_ATTR_FAMILY_NAME, "ethtool").encode();
        List<Message> replies = conn.execute(GenericNetlink.checkedRequest(nlctrl, CTRL_CMD_GETFAMILY,
                HeaderFlags.REQUEST, attributes), "get family ethtool");
        assertThat(replies).extracting(Family::decode).extracting(Family::name).containsExactly("ethtool");

        // The kernel answers a command it does not list with EOPNOTSUPP ...
        NetlinkErrorException e = catchThrowableOfType(NetlinkErrorException.class, () -> conn.execute(
                GenericNetlink.request(nlctrl, CTRL_CMD_NEWFAMILY, nlctrl.version(), HeaderFlags.REQUEST, null),
                "unchecked CTRL_CMD_NEWFAMILY"));
        assertThat(e.errnoName()).isEqualTo("EOPNOTSUPP");
        // ... which the check turns into an error before sending, naming family and command.
        assertThatThrownBy(() -> GenericNetlink.checkedRequest(nlctrl, CTRL_CMD_NEWFAMILY, HeaderFlags.REQUEST, null))
                .isInstanceOf(NetlinkArgumentException.class)
                .hasMessageStartingWith("generic netlink family 'nlctrl' has no command 1");
        // CTRL_CMD_GETPOLICY (10) is dump-only
        assertThatThrownBy(() -> GenericNetlink.checkedRequest(nlctrl, 10, HeaderFlags.REQUEST, null))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("GENL_CMD_CAP_DO");
    }
}
