package io.github.jnetlink.family.nlctrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.family.ovsdatapath.OvsDatapathClient;
import io.github.jnetlink.family.team.TeamClient;
import io.github.jnetlink.generic.Family;
import io.github.jnetlink.generic.GenericNetlink;
import io.github.jnetlink.generic.MulticastGroup;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated nlctrl client's {@code getfamily} against the kernel, compared with core's own hand-written
 * decoding of the same controller ({@link GenericNetlink}); and the error of a client whose family is missing.
 */
@NetlinkNamespace
class NlctrlKernelTest {

    static Conn conn;
    static NlctrlClient nlctrl;
    static GenericNetlink genl;

    @BeforeAll
    static void setUp(Netns ns) {
        conn = ns.dial(Protocol.GENERIC);
        nlctrl = new NlctrlClient(conn);
        genl = new GenericNetlink(conn);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    static void assertSame(CtrlAttrs generated, Family core) {
        assertThat(generated.familyId()).isEqualTo(core.id());
        assertThat(generated.familyName()).isEqualTo(core.name());
        assertThat(generated.version()).isEqualTo(core.version());
        assertThat(generated.hdrsize()).isEqualTo(core.headerSize());
        assertThat(generated.maxattr()).isEqualTo(core.maxAttributes());
        List<String> groups = new ArrayList<>();
        generated.mcastGroups().forEach(g -> groups.add(g.name() + "=" + g.id()));
        List<String> expected = new ArrayList<>();
        for (MulticastGroup g : core.groups()) {
            expected.add(g.name() + "=" + g.id());
        }
        assertThat(groups).containsExactlyElementsOf(expected);
        for (OpAttrs op : generated.ops()) {
            Family.Operation o = core.operation(op.id().intValue()).orElseThrow();
            assertThat(op.flags()).isEqualTo(o.flags());
        }
        assertThat(generated.ops()).hasSize(core.operations().size());
    }

    @Test
    void getfamilyMatchesCoresDecodingForEthtoolAndNlctrl() {
        for (String name : List.of("nlctrl", "ethtool", "netdev")) {
            CtrlAttrs f = nlctrl.getfamily(CtrlAttrs.builder().familyName(name).build());
            assertSame(f, genl.family(name));
        }
    }

    @Test
    void getfamilyDumpListsTheSameFamiliesAsCore() {
        Set<String> generated = new TreeSet<>();
        nlctrl.getfamilyDump(null).forEach(f -> generated.add(f.familyName() + "/" + f.familyId()));
        Set<String> core = new TreeSet<>();
        genl.families().forEach(f -> core.add(f.name() + "/" + f.id()));
        assertThat(generated).isEqualTo(core).contains("nlctrl/16");
    }

    @Test
    void getpolicyDecodesNestTypeValues() {
        List<CtrlAttrs> policy = nlctrl.getpolicyDump(CtrlAttrs.builder().familyName("nlctrl").build());
        assertThat(policy).isNotEmpty();
        // ctrl_policy_family: CTRL_ATTR_FAMILY_NAME (2) is NLA_NUL_STRING, reported as NL_ATTR_TYPE_NUL_STRING (12),
        // at most GENL_NAMSIZ - 1 = 15 bytes; CTRL_ATTR_FAMILY_ID (1) is a u16, NL_ATTR_TYPE_U16 (3)
        boolean seen = policy.stream().filter(p -> p.policy() != null).flatMap(p -> p.policy().stream())
                .anyMatch(tv -> tv.types().size() == 2 && tv.types().get(1) == 2 && tv.value().type() == 12L
                        && tv.value().maxLength() == 15L);
        boolean id = policy.stream().filter(p -> p.policy() != null).flatMap(p -> p.policy().stream())
                .anyMatch(tv -> tv.types().size() == 2 && tv.types().get(1) == 1 && tv.value().type() == 3L);
        assertThat(id).isTrue();
        assertThat(seen).isTrue();
    }

    @Test
    void anUnknownFamilyNameIsTheKernelsEnoent() {
        assertThatThrownBy(() -> nlctrl.getfamily(CtrlAttrs.builder().familyName("no-such-family").build()))
                .isInstanceOf(NetlinkErrorException.class).hasMessageContaining("nlctrl getfamily");
    }

    @Test
    void aClientOfAFamilyTheKernelLacksNamesItAndWhatProvidesIt() {
        Set<String> present = new TreeSet<>();
        genl.families().forEach(f -> present.add(f.name()));
        if (!present.contains("team")) {
            assertThatThrownBy(() -> new TeamClient(conn).family()).isInstanceOf(NetlinkException.class)
                    .hasMessageContaining("'team' is not present").hasMessageContaining("modprobe team");
        }
        if (!present.contains("ovs_datapath")) {
            assertThatThrownBy(() -> new OvsDatapathClient(conn).family()).isInstanceOf(NetlinkException.class)
                    .hasMessageContaining("'ovs_datapath' is not present").hasMessageContaining("modprobe openvswitch");
        }
        assertThat(present.contains("team") && present.contains("ovs_datapath"))
                .as("this test needs a kernel without team or openvswitch loaded").isFalse();
    }
}
