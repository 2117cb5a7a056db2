package io.github.jnetlink.generic;

import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_FAMILY_NAME;
import static io.github.jnetlink.generic.GenericControl.CTRL_CMD_GETFAMILY;
import static io.github.jnetlink.generic.GenericControl.GENL_ID_CTRL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link GenericNetlink} against the real kernel, compared with what {@code genl ctrl list} (iproute2)
 * prints: in this process's namespace, and in a throwaway one, where the kernel shows only the
 * namespace-aware families.
 */
@NetlinkNamespace
class GenericNetlinkKernelTest {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    private static final Pattern NAME = Pattern.compile("^Name: (\\S+)\\s*$");
    private static final Pattern IDS = Pattern.compile(
            "^\\s+ID: 0x([0-9a-f]+)\\s+Version: 0x([0-9a-f]+)\\s+header size: (\\d+)\\s+max attribs: (\\d+)");
    private static final Pattern GROUP = Pattern.compile("^\\s+#\\d+:\\s+ID-0x([0-9a-f]+)\\s+name: (\\S+)\\s*$");
    private static final Pattern OPERATION = Pattern.compile("^\\s+#\\d+:\\s+ID-0x([0-9a-f]+)\\s*$");
    private static final Pattern CAPABILITIES = Pattern.compile("^\\s+Capabilities \\(0x([0-9a-f]+)\\):");

    /** Parses {@code genl ctrl list}: families keyed by name, in the order printed, with their commands. */
    static Map<String, Family> parseGenl(String text) {
        Map<String, Family> out = new LinkedHashMap<>();
        String name = null;
        int[] ids = null;
        List<MulticastGroup> groups = new ArrayList<>();
        List<Family.Operation> operations = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = NAME.matcher(line)).matches()) {
                if (name != null) {
                    out.put(name, new Family(ids[0], ids[1], name, ids[2], ids[3], groups, operations));
                }
                name = m.group(1);
                ids = null;
                groups = new ArrayList<>();
                operations = new ArrayList<>();
            } else if ((m = IDS.matcher(line)).find()) {
                ids = new int[] {Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))};
            } else if ((m = GROUP.matcher(line)).matches()) {
                groups.add(new MulticastGroup(Integer.parseInt(m.group(1), 16), m.group(2)));
            } else if ((m = OPERATION.matcher(line)).matches()) {
                operations.add(new Family.Operation(Integer.parseInt(m.group(1), 16), 0));
            } else if ((m = CAPABILITIES.matcher(line)).find()) {
                Family.Operation last = operations.remove(operations.size() - 1);
                operations.add(new Family.Operation(last.id(), Integer.parseInt(m.group(1), 16)));
            }
        }
        if (name != null) {
            out.put(name, new Family(ids[0], ids[1], name, ids[2], ids[3], groups, operations));
        }
        return out;
    }

    /**
     * Families keyed by name, as {@link #parseGenl} reads them: {@code genl} prints the commands' capabilities
     * only for families of version 2 or more (it takes the family's version for the controller's), so the
     * flags of the others' commands are left 0 here.
     */
    static Map<String, Family> byName(List<Family> families) {
        Map<String, Family> out = new LinkedHashMap<>();
        families.forEach(f -> out.put(f.name(), f.version() >= 2 ? f : new Family(f.id(), f.version(), f.name(),
                f.headerSize(), f.maxAttributes(), f.groups(),
                f.operations().stream().map(o -> new Family.Operation(o.id(), 0)).toList())));
        return out;
    }

    static Conn hostConn() {
        return Conn.dial(Protocol.GENERIC, Config.DEFAULT);
    }

    static Conn nsConn() {
        return Conn.dial(Protocol.GENERIC, Config.DEFAULT.withNetns(ns.path()));
    }

    @Test
    void familiesEqualGenlCtrlList() {
        Map<String, Family> expected = parseGenl(Command.run("genl", "ctrl", "list"));
        assertThat(expected).containsKey("nlctrl");
        try (Conn conn = hostConn()) {
            List<Family> families = new GenericNetlink(conn).families();
            assertThat(byName(families)).containsExactlyEntriesOf(expected);
            assertThat(families).extracting(Family::id).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void eachFamilyResolvesByNameToWhatTheDumpSays() {
        try (Conn conn = hostConn()) {
            GenericNetlink genl = new GenericNetlink(conn);
            for (Family f : genl.families()) {
                assertThat(genl.family(f.name())).isEqualTo(f);
            }
        }
    }

    @Test
    void nlctrlIsTheControllerWithItsNotifyGroup() {
        Family expected = parseGenl(Command.run("genl", "ctrl", "list")).get("nlctrl");
        try (Conn conn = hostConn()) {
            Family nlctrl = new GenericNetlink(conn).family("nlctrl");
            assertThat(nlctrl).isEqualTo(expected);
            assertThat(nlctrl.id()).isEqualTo(0x10);
            assertThat(nlctrl.groups()).containsExactly(new MulticastGroup(0x10, "notify"));
        }
    }

    @Test
    void missingFamilyIsEnoentNamingIt() {
        try (Conn conn = hostConn()) {
            NetlinkErrorException e = catchThrowableOfType(NetlinkErrorException.class,
                    () -> new GenericNetlink(conn).family("jnl-no-such"));
            assertThat(e.errno()).isEqualTo(2);
            assertThat(e.errnoName()).isEqualTo("ENOENT");
            assertThat(e.getMessage()).contains("'jnl-no-such'").contains("ENOENT");
            assertThat(e.operation()).isEqualTo("generic netlink family 'jnl-no-such'");
        }
    }

    @Test
    void badNamesAreRejectedBeforeTheKernel() {
        try (Conn conn = hostConn()) {
            GenericNetlink genl = new GenericNetlink(conn);
            assertThatThrownBy(() -> genl.family(null)).isInstanceOf(NetlinkException.class).hasMessageContaining("null");
            assertThatThrownBy(() -> genl.family("")).isInstanceOf(NetlinkException.class).hasMessageContaining("non-empty");
            assertThatThrownBy(() -> genl.family("nl\0ctrl")).isInstanceOf(NetlinkException.class).hasMessageContaining("\\0");
        }
    }

    @Test
    void insideANamespaceTheListIsWhatGenlPrintsThere() {
        Map<String, Family> host = parseGenl(Command.run("genl", "ctrl", "list"));
        Map<String, Family> expected = parseGenl(ns.exec("genl", "ctrl", "list"));
        try (Conn conn = nsConn()) {
            GenericNetlink genl = new GenericNetlink(conn);
            Map<String, Family> actual = byName(genl.families());
            assertThat(actual).containsExactlyEntriesOf(expected).containsEntry("nlctrl", host.get("nlctrl"));
            // IDs and group numbers are global: every family seen in the namespace is the host's.
            assertThat(host).containsAllEntriesOf(actual);
            for (String hidden : host.keySet()) {
                if (!actual.containsKey(hidden)) {
                    NetlinkErrorException e = catchThrowableOfType(NetlinkErrorException.class, () -> genl.family(hidden));
                    assertThat(e.errnoName()).as(hidden).isEqualTo("ENOENT");
                    assertThat(e.getMessage()).contains("'" + hidden + "'");
                }
            }
            assertThat(genl.family("nlctrl").id()).isEqualTo(0x10);
        }
    }

    @Test
    void joinGroupJoinsTheResolvedNumber() throws Exception {
        try (Conn conn = nsConn()) {
            MulticastGroup notify = new GenericNetlink(conn).joinGroup("nlctrl", "notify");
            assertThat(notify).isEqualTo(new MulticastGroup(0x10, "notify"));
            // /proc/net/netlink shows the first 32 groups of each socket as a bitmask; group n is bit n-1.
            String proc = ns.exec("cat", "/proc/net/netlink");
            String groups = proc.lines().map(l -> l.trim().split("\\s+"))
                    .filter(f -> f[1].equals("16") && f[2].equals(Integer.toUnsignedString(conn.pid())))
                    .map(f -> f[3]).findFirst().orElseThrow();
            assertThat(Long.parseLong(groups, 16)).isEqualTo(1L << (0x10 - 1));
        }
    }

    @Test
    void joinGroupOfUnknownGroupNamesTheFamilysGroups() {
        try (Conn conn = hostConn()) {
            GenericNetlink genl = new GenericNetlink(conn);
            assertThatThrownBy(() -> genl.joinGroup("nlctrl", "nope"))
                    .isExactlyInstanceOf(NetlinkArgumentException.class)
                    .hasMessage("generic netlink family 'nlctrl' has no multicast group 'nope'; its groups are [notify]");
            assertThatThrownBy(() -> genl.joinGroup("tcp_metrics", "x"))
                    .isExactlyInstanceOf(NetlinkArgumentException.class)
                    .hasMessageContaining("it has no multicast groups");
            assertThatThrownBy(() -> genl.joinGroup("jnl-no-such", "notify"))
                    .isInstanceOfSatisfying(NetlinkErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOENT"));
        }
    }

    @Test
    void requestBuildsWhatTheKernelAccepts() {
        try (Conn conn = nsConn()) {
            GenericNetlink genl = new GenericNetlink(conn);
            Family nlctrl = genl.family("nlctrl");
            byte[] attrs = new AttributeEncoder().string(CTRL_ATTR_FAMILY_NAME, "nlctrl").encode();
            List<Message> replies = conn.execute(GenericNetlink.request(nlctrl, CTRL_CMD_GETFAMILY, nlctrl.version(),
                    HeaderFlags.REQUEST, attrs));
            assertThat(replies).hasSize(1);
            assertThat(GenericHeader.decode(replies.get(0).data()).command()).isEqualTo(GenericControl.CTRL_CMD_NEWFAMILY);
            assertThat(Family.decode(replies.get(0))).isEqualTo(nlctrl);
        }
    }

    @Test
    void onlyGenericConnectionsAreAccepted() {
        try (Conn route = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()))) {
            assertThatThrownBy(() -> new GenericNetlink(route)).isExactlyInstanceOf(NetlinkArgumentException.class)
                    .hasMessageContaining("Protocol.GENERIC").hasMessageContaining("route (0)");
        }
        assertThatThrownBy(() -> new GenericNetlink(null)).isExactlyInstanceOf(NetlinkArgumentException.class);
    }

    @Test
    void truncatedOrFlippedControllerMessagesFailOnlyAsMalformed() {
        List<Message> captured;
        try (Conn conn = hostConn()) {
            captured = conn.execute(GenericNetlink.controllerRequest(HeaderFlags.REQUEST | HeaderFlags.DUMP, new byte[0]));
        }
        assertThat(captured).isNotEmpty().allSatisfy(m -> assertThat(m.header().type()).isEqualTo(GENL_ID_CTRL));
        Random random = new Random(0x67656e6cL);
        int decoded = 0;
        int malformed = 0;
        for (Message m : captured) {
            byte[] data = m.data();
            List<byte[]> variants = new ArrayList<>();
            for (int n = 0; n < data.length; n++) {
                variants.add(Arrays.copyOf(data, n));
            }
            for (int i = 0; i < 400; i++) {
                byte[] b = data.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                variants.add(random.nextBoolean() ? b : Arrays.copyOf(b, random.nextInt(b.length + 1)));
            }
            for (int i = 0; i < 100; i++) {
                byte[] b = data.clone();
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                variants.add(b);
            }
            for (byte[] v : variants) {
                try {
                    assertThat(Family.decode(new Message(m.header(), v))).isNotNull();
                    decoded++;
                } catch (MalformedMessageException e) {
                    assertThat(e.getMessage()).isNotBlank();
                    malformed++;
                }
            }
        }
        assertThat(decoded).isPositive();
        assertThat(malformed).isPositive();
    }
}
