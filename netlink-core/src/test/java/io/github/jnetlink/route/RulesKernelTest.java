package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Policy routing rules as the real kernel reports them through {@link Rules}, compared field by field with
 * {@code ip -j -N -d rule show} and {@code ip -6 ...}, and rules added and deleted through {@link Rules} as
 * {@code ip rule show} then lists them.
 */
@NetlinkNamespace
class RulesKernelTest {

    static Netns ns;
    static Conn conn;
    static Rules rules;

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.ip("link set lo up");
        ns.ip("rule add from 10.1.0.0/16 table 100 prio 1000");
        ns.ip("rule add fwmark 0x10/0xff lookup 200 prio 1001");
        ns.ip("rule add iif lo uidrange 1000-2000 ipproto tcp dport 80-90 prio 1002 table 300");
        ns.ip("rule add not to 10.9.0.0/16 prohibit prio 1003");
        ns.ip("-6 rule add from 2001:db8::/32 table 400 prio 1004");
        // goto, oif, a single source port, tos, a protocol, a fwmark without mask and a large table
        ns.ip("rule add from 10.2.0.0/24 oif lo sport 1000 tos 0x10 fwmark 7 goto 1000 prio 999 protocol 99");
        ns.ip("rule add to 10.3.0.0/24 blackhole prio 1010");
        ns.ip("rule add ipproto udp sport 5000-5010 unreachable prio 1011");
        ns.ip("-6 rule add to 2001:db8:1::/48 iif lo table 70000 prio 1005");
        ns.ip("-6 rule add not from 2001:db8:2::1 nop prio 1006");
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        rules = new Rules(conn);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    /** ip's rules of one family by priority; ip prints 0 for the local rule, whose FRA_PRIORITY is absent. */
    static Map<Long, JsonNode> byPriority(String args) {
        Map<Long, JsonNode> out = new HashMap<>();
        IpJson.of(ns, args).forEach(r -> out.put(r.get("priority").asLong(), r));
        return out;
    }

    static long priority(RuleMessage r) {
        return r.priority() == null ? 0 : Integer.toUnsignedLong(r.priority());
    }

    static String text(JsonNode j, String field) {
        return j.has(field) ? j.get(field).asString() : null;
    }

    static Integer integer(JsonNode j, String field) {
        return j.has(field) ? j.get(field).asInt() : null;
    }

    static Long hex(JsonNode j, String field) {
        return j.has(field) ? Long.decode(j.get(field).asString()) : null;
    }

    /** Compares one decoded rule with ip's JSON of it, every field ip prints. */
    static void assertSame(RuleMessage r, JsonNode j) {
        String what = AddressFamily.name(r.family()) + " rule " + priority(r) + " " + j;
        int hostLength = r.family() == AddressFamily.INET ? 32 : 128;
        assertThat(r.inverted()).as(what + " not").isEqualTo(j.has("not"));
        if (r.source() == null) {
            assertThat(text(j, "src")).as(what + " src").isEqualTo("all");
            assertThat(r.sourceLength()).as(what + " srclen").isZero();
        } else {
            assertThat(ip(text(j, "src"))).as(what + " src").isEqualTo(r.source());
            assertThat(r.sourceLength()).as(what + " srclen")
                    .isEqualTo(j.has("srclen") ? j.get("srclen").asInt() : hostLength);
        }
        if (r.destination() == null) {
            assertThat(j.has("dst")).as(what + " dst").isFalse();
            assertThat(r.destinationLength()).as(what + " dstlen").isZero();
        } else {
            assertThat(ip(text(j, "dst"))).as(what + " dst").isEqualTo(r.destination());
            assertThat(r.destinationLength()).as(what + " dstlen")
                    .isEqualTo(j.has("dstlen") ? j.get("dstlen").asInt() : hostLength);
        }
        if (j.has("tos") && text(j, "tos").startsWith("0x")) {
            assertThat((long) r.tos()).as(what + " tos").isEqualTo(hex(j, "tos"));
        } else if (!j.has("tos")) {
            assertThat(r.tos()).as(what + " tos").isZero();
        }
        assertThat(r.fwmark() == null ? null : Integer.toUnsignedLong(r.fwmark())).as(what + " fwmark")
                .isEqualTo(hex(j, "fwmark"));
        if (j.has("fwmask")) {
            assertThat(Integer.toUnsignedLong(r.fwmask())).as(what + " fwmask").isEqualTo(hex(j, "fwmask"));
        } else if (r.fwmark() != null) {
            // ip leaves out the mask when it is every bit
            assertThat(r.fwmask()).as(what + " fwmask").isEqualTo(-1);
        }
        assertThat(r.inputInterface()).as(what + " iif").isEqualTo(text(j, "iif"));
        assertThat(r.outputInterface()).as(what + " oif").isEqualTo(text(j, "oif"));
        assertThat(r.uidRange()).as(what + " uidrange").isEqualTo(j.has("uid_start")
                ? new RuleMessage.UidRange(j.get("uid_start").asLong(), j.get("uid_end").asLong()) : null);
        // with -N ip names protocols it does not know by number as "ipproto-N"
        assertThat(r.ipProtocol() == null ? null : "ipproto-" + r.ipProtocol()).as(what + " ipproto")
                .isEqualTo(text(j, "ipproto"));
        assertThat(r.sourcePorts()).as(what + " sport").isEqualTo(ports(j, "sport"));
        assertThat(r.destinationPorts()).as(what + " dport").isEqualTo(ports(j, "dport"));
        // ip prints the table whenever it is not 0, whatever the action
        assertThat(r.table() == 0 ? null : Integer.toUnsignedString(r.table())).as(what + " table")
                .isEqualTo(text(j, "table"));
        assertThat(r.target()).as(what + " goto").isEqualTo(integer(j, "goto"));
        // with -N ip prints an action other than lookup and goto by number
        // and nop as a key of its own
        String action = j.has("action") ? text(j, "action") : j.has("goto") ? "goto" : j.has("nop") ? "nop" : "lookup";
        assertThat(action.chars().allMatch(Character::isDigit) ? Integer.toString(r.action()) : r.actionName())
                .as(what + " action").isEqualTo(action);
        assertThat(r.protocol() == null ? null : Integer.toString(r.protocol())).as(what + " protocol")
                .isEqualTo(text(j, "protocol"));
        // the kernel sends FRA_SUPPRESS_PREFIXLEN for every rule, -1 when unset, which ip leaves out
        assertThat(r.suppressPrefixLength()).as(what + " suppress_prefixlength")
                .isEqualTo(j.has("suppress_prefixlen") ? j.get("suppress_prefixlen").asInt() : -1);
        // ip 6.1 prints no port masks; a kernel that sends one (6.15+) sends 0xFFFF for a single port
        if (r.sourcePortMask() != null) {
            assertThat(r.sourcePorts()).as(what + " sport mask").isNotNull()
                    .satisfies(p -> assertThat(p.start()).isEqualTo(p.end()));
            assertThat(r.sourcePortMask()).as(what + " sport mask").isEqualTo(0xFFFF);
        }
        if (r.destinationPortMask() != null) {
            assertThat(r.destinationPorts()).as(what + " dport mask").isNotNull()
                    .satisfies(p -> assertThat(p.start()).isEqualTo(p.end()));
            assertThat(r.destinationPortMask()).as(what + " dport mask").isEqualTo(0xFFFF);
        }
        assertThat(r.unknown()).as(what + " unknown").isEmpty();
    }

    static RuleMessage.PortRange ports(JsonNode j, String name) {
        if (j.has(name)) {
            return new RuleMessage.PortRange(j.get(name).asInt(), j.get(name).asInt());
        }
        if (j.has(name + "_start")) {
            return new RuleMessage.PortRange(j.get(name + "_start").asInt(), j.get(name + "_end").asInt());
        }
        return null;
    }

    static void assertSameAsIp(List<RuleMessage> ours, int family) {
        Map<Long, JsonNode> expected = byPriority((family == AddressFamily.INET6 ? "-6 " : "") + "-N -d rule show");
        List<RuleMessage> ofFamily = ours.stream().filter(r -> r.family() == family).toList();
        assertThat(ofFamily).extracting(RulesKernelTest::priority)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (RuleMessage r : ofFamily) {
            assertSame(r, expected.get(priority(r)));
        }
    }

    @Test
    void everyListedRuleIsWhatIpRuleShowPrints() {
        List<RuleMessage> all = rules.list();
        // AF_UNSPEC dumps every family's rules: the multicast routing ones (ip mrule) too, where the kernel has
        // multicast routing
        List<Integer> families = new ArrayList<>(List.of(AddressFamily.INET, AddressFamily.INET6));
        if (hasMulticastRouting("")) {
            families.add(AddressFamily.IPMR);
        }
        if (hasMulticastRouting("-6 ")) {
            families.add(AddressFamily.IP6MR);
        }
        assertThat(all).extracting(RuleMessage::family).hasSameElementsAs(families);
        assertThat(all).extracting(RuleMessage::type).containsOnly(RouteMessageType.RTM_NEWRULE);
        assertSameAsIp(all, AddressFamily.INET);
        assertSameAsIp(all, AddressFamily.INET6);

        assertThat(all).filteredOn(r -> r.family() == AddressFamily.INET).extracting(RulesKernelTest::priority)
                .contains(0L, 999L, 1000L, 1001L, 1002L, 1003L, 1010L, 1011L, 32766L, 32767L);
        RuleMessage fromPrefix = find(all, AddressFamily.INET, 1000);
        assertThat(fromPrefix.source()).isEqualTo(ip("10.1.0.0"));
        assertThat(fromPrefix.sourceLength()).isEqualTo(16);
        assertThat(fromPrefix.table()).isEqualTo(100);
        assertThat(fromPrefix.action()).isEqualTo(RuleMessage.FR_ACT_TO_TBL);
        RuleMessage uid = find(all, AddressFamily.INET, 1002);
        assertThat(uid.uidRange()).isEqualTo(new RuleMessage.UidRange(1000, 2000));
        assertThat(uid.ipProtocol()).isEqualTo(6);
        assertThat(uid.destinationPorts()).isEqualTo(new RuleMessage.PortRange(80, 90));
        assertThat(uid.inputInterface()).isEqualTo("lo");
        assertThat(uid.table()).isEqualTo(300);
        RuleMessage prohibit = find(all, AddressFamily.INET, 1003);
        assertThat(prohibit.inverted()).isTrue();
        assertThat(prohibit.action()).isEqualTo(RuleMessage.FR_ACT_PROHIBIT);
        assertThat(prohibit.table()).isZero();
        RuleMessage goTo = find(all, AddressFamily.INET, 999);
        assertThat(goTo.action()).isEqualTo(RuleMessage.FR_ACT_GOTO);
        assertThat(goTo.target()).isEqualTo(1000);
        assertThat(goTo.protocol()).isEqualTo(99);
        assertThat(goTo.tos()).isEqualTo(0x10);
        RuleMessage large = find(all, AddressFamily.INET6, 1005);
        assertThat(large.table()).isEqualTo(70000);
        RuleMessage local = find(all, AddressFamily.INET, 0);
        assertThat(local.priority()).as("the kernel leaves out FRA_PRIORITY 0").isNull();
        assertThat(local.table()).isEqualTo(255);
        assertThat(local.protocol()).isEqualTo(2);
    }

    @Test
    void listOfOneFamilyIsThatFamilysRules() {
        List<RuleMessage> v4 = rules.list(AddressFamily.INET);
        List<RuleMessage> v6 = rules.list(AddressFamily.INET6);
        assertThat(v4).isNotEmpty().extracting(RuleMessage::family).containsOnly(AddressFamily.INET);
        assertThat(v6).isNotEmpty().extracting(RuleMessage::family).containsOnly(AddressFamily.INET6);
        assertSameAsIp(v4, AddressFamily.INET);
        assertSameAsIp(v6, AddressFamily.INET6);
        assertThatThrownBy(() -> rules.list(256)).isInstanceOf(io.github.jnetlink.NetlinkArgumentException.class);
    }

    static Stream<Arguments> ruleFilters() {
        return Stream.of(
                Arguments.of(AddressFamily.INET, 100, "table 100"),
                Arguments.of(AddressFamily.INET6, 400, "table 400"),
                Arguments.of(AddressFamily.INET6, 70000, "table 70000"),
                Arguments.of(AddressFamily.INET, 255, "table local"),
                Arguments.of(AddressFamily.UNSPEC, 254, "table main"),
                Arguments.of(AddressFamily.UNSPEC, 300, "table 300"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("ruleFilters")
    void filteredListsAreWhatIpRuleShowPrints(int family, int table, String args) {
        List<RuleMessage> got = rules.list(RuleFilter.builder().family(family).table(table).build());
        List<Long> expected = new ArrayList<>();
        for (int f : family == AddressFamily.UNSPEC ? new int[] {AddressFamily.INET, AddressFamily.INET6}
                : new int[] {family}) {
            Map<Long, JsonNode> ip = byPriority((f == AddressFamily.INET6 ? "-6 " : "") + "-N -d rule show " + args);
            expected.addAll(ip.keySet());
            got.stream().filter(r -> r.family() == f).forEach(r -> assertSame(r, ip.get(priority(r))));
        }
        // AF_UNSPEC also dumps the multicast routing families' rules, which ip rule does not show
        assertThat(got).filteredOn(r -> r.family() == AddressFamily.INET || r.family() == AddressFamily.INET6)
                .extracting(RulesKernelTest::priority).containsExactlyInAnyOrderElementsOf(expected).isNotEmpty();
        assertThat(got).extracting(RuleMessage::family).isSubsetOf(family == AddressFamily.UNSPEC
                ? List.of(AddressFamily.INET, AddressFamily.INET6, AddressFamily.IPMR, AddressFamily.IP6MR)
                : List.of(family));
        assertThat(got).allSatisfy(r -> assertThat(r.table()).isEqualTo(table));
        try (Conn plainConn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()))) {
            assertThat(new Rtnetlink(plainConn, false).rules().list(new RuleFilter(family, table))).isEqualTo(got);
        }
    }

    /** Whether {@code ip mrule show} works: a kernel built without multicast routing refuses the family. */
    static boolean hasMulticastRouting(String familyOption) {
        try {
            ns.ip(familyOption + "mrule show");
            return true;
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("Address family not supported")) {
                return false;
            }
            throw e;
        }
    }

    static RuleMessage find(List<RuleMessage> all, int family, long priority) {
        return all.stream().filter(r -> r.family() == family && priority(r) == priority).findFirst().orElseThrow();
    }

    @Test
    void addAndDeleteThroughRulesAsIpRuleShowSees() {
        RuleMessage v4 = RuleMessage.builder().priority(2000).source(ip("10.5.0.0")).sourceLength(16)
                .fwmark(0x20).fwmask(0xf0).uidRange(new RuleMessage.UidRange(10, 20)).ipProtocol(17)
                .destinationPorts(new RuleMessage.PortRange(53, 53)).table(500).protocol(199).build();
        RuleMessage v6 = RuleMessage.builder().priority(2001).destination(ip("2001:db8:5::")).destinationLength(48)
                .flags(RuleMessage.FIB_RULE_INVERT).action(RuleMessage.FR_ACT_UNREACHABLE).build();
        RuleMessage goTo = RuleMessage.builder().priority(1990).inputInterface("lo").action(RuleMessage.FR_ACT_GOTO)
                .target(2000).build();
        rules.add(v4);
        rules.add(v6);
        rules.add(goTo);
        try {
            assertThat(ns.ip("rule show")).contains(
                    "2000:\tfrom 10.5.0.0/16 fwmark 0x20/0xf0 uidrange 10-20 ipproto udp dport 53 lookup 500 proto 199",
                    "1990:\tfrom all iif lo goto 2000");
            assertThat(ns.ip("-6 rule show")).contains("2001:\tnot from all to 2001:db8:5::/48 unreachable");

            List<RuleMessage> listed = rules.list();
            assertSameAsIp(listed, AddressFamily.INET);
            assertSameAsIp(listed, AddressFamily.INET6);
            RuleMessage back = find(listed, AddressFamily.INET, 2000);
            assertThat(back.toBuilder().suppressPrefixLength(null).destinationPortMask(null).build()).isEqualTo(v4);
            assertThat(find(listed, AddressFamily.INET, 1990).flags() & RuleMessage.FIB_RULE_UNRESOLVED).isZero();

            // the kernel's refusals come back as NetlinkErrorException naming the rule
            assertThatThrownBy(() -> rules.add(goTo.toBuilder().priority(2010).build()))
                    .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                        assertThat(e.errnoName()).as("backward goto").isEqualTo("EINVAL");
                        assertThat(e.getMessage()).contains("add rule 2010 inet from all iif lo goto 2000");
                    });

            assertThatThrownBy(() -> rules.add(v4)).isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                assertThat(e.errnoName()).isEqualTo("EEXIST");
                assertThat(e.getMessage()).contains("add rule 2000 inet from 10.5.0.0/16");
            });
            assertThatThrownBy(() -> rules.add(v4.toBuilder().family(AddressFamily.UNSPEC).source(null)
                    .sourceLength(0).build())).isInstanceOfSatisfying(NetlinkErrorException.class,
                            e -> assertThat(e.errnoName()).isEqualTo("EAFNOSUPPORT"));
        } finally {
            // a listed rule deletes exactly itself
            for (RuleMessage r : new ArrayList<>(rules.list())) {
                if (priority(r) == 1990 || priority(r) == 2000 || priority(r) == 2001) {
                    rules.delete(r);
                }
            }
        }
        assertThat(ns.ip("rule show")).doesNotContain("2000:\t", "1990:\t");
        assertThat(ns.ip("-6 rule show")).doesNotContain("2001:\t");
        assertThatThrownBy(() -> rules.delete(v4)).isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("ENOENT");
            assertThat(e.getMessage()).contains("delete rule 2000");
        });
    }

    @Test
    void deleteByBuiltRuleMatchesLikeIpRuleDel() {
        rules.add(RuleMessage.builder().priority(3000).destination(ip("10.7.0.0")).destinationLength(16).table(700)
                .build());
        assertThat(ns.ip("rule show")).contains("3000:\tfrom all to 10.7.0.0/16 lookup 700");
        rules.delete(RuleMessage.builder().priority(3000).build());
        assertThat(ns.ip("rule show")).doesNotContain("3000:\t");
        assertThat(rules.list()).noneMatch(r -> priority(r) == 3000);
    }

    @Test
    void rulesNeedsARouteConnection() {
        try (Conn generic = Conn.dial(Protocol.GENERIC, Config.DEFAULT.withNetns(ns.path()))) {
            assertThatThrownBy(() -> new Rules(generic)).isInstanceOf(io.github.jnetlink.NetlinkArgumentException.class)
                    .hasMessageContaining("Protocol.ROUTE");
        }
    }
}
