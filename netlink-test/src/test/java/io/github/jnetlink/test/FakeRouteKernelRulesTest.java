package io.github.jnetlink.test;

import static io.github.jnetlink.HeaderFlags.ACKNOWLEDGE;
import static io.github.jnetlink.HeaderFlags.CREATE;
import static io.github.jnetlink.HeaderFlags.DUMP;
import static io.github.jnetlink.HeaderFlags.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Datagram;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.RouteClient;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.route.RuleMessage;
import io.github.jnetlink.route.Rules;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policy routing rules in {@link FakeRouteKernel}, as checked against Linux 6.18 in a throwaway namespace: the default
 * rules, the priority the kernel picks, the duplicate check, delete matching, notifications and the detached flags.
 * Every test starts with the veth pair {@code veth1} (index 2) and {@code veth0} (index 3), both up.
 */
class FakeRouteKernelRulesTest {

    static final int ENOENT = 2;
    static final int EEXIST = 17;
    static final int EINVAL = 22;
    static final int EAFNOSUPPORT = 97;

    static FakeRouteKernel fake;
    static Conn conn;
    static Rules rules;
    static RouteMonitor monitor;

    @BeforeEach
    void dial() {
        fake = FakeRouteKernel.create();
        conn = fake.dial();
        conn.setReadDeadline(Instant.now().plusSeconds(10));
        RouteClient rt = new RouteClient(conn);
        rt.addVeth("veth0", "veth1");
        rt.setLinkUp(2);
        rt.setLinkUp(3);
        rules = new Rules(conn);
        monitor = new RouteMonitor(fake, RouteGroup.IPV4_RULE, RouteGroup.IPV6_RULE);
    }

    @AfterEach
    void close() {
        monitor.close();
        conn.close();
        fake.close();
    }

    static RuleMessage.Builder rule(int table) {
        return RuleMessage.builder().table(table);
    }

    static List<String> shown(List<RuleMessage> list) {
        return list.stream().map(r -> AddressFamily.name(r.family()) + " " + (r.priority() == null ? 0 : r.priority())
                + " " + r.table() + (r.inputInterface() == null ? "" : " iif " + r.inputInterface())
                + (r.outputInterface() == null ? "" : " oif " + r.outputInterface())
                + ((r.flags() & RuleMessage.FIB_RULE_IIF_DETACHED) != 0 ? " iif-detached" : "")
                + ((r.flags() & RuleMessage.FIB_RULE_OIF_DETACHED) != 0 ? " oif-detached" : "")).toList();
    }

    @Test
    void aNewNamespaceHasTheDefaultRulesAsTheKernelReportsThem() {
        assertThat(shown(rules.list())).containsExactly("inet 0 255", "inet 32766 254", "inet 32767 253",
                "inet6 0 255", "inet6 32766 254");
        assertThat(rules.list(AddressFamily.INET6)).hasSize(2);
        // fib_nl_fill_rule: no FRA_PRIORITY for 0, FRA_SUPPRESS_PREFIXLEN and FRA_PROTOCOL always
        RuleMessage local = fake.rules().get(0);
        assertThat(local.priority()).isNull();
        assertThat(local.protocol()).isEqualTo(2);
        assertThat(local.suppressPrefixLength()).isEqualTo(-1);
        assertThat(local.action()).isEqualTo(RuleMessage.FR_ACT_TO_TBL);
        assertThat(fake.rules()).isEqualTo(rules.list());
    }

    static Stream<Arguments> defaultPriorities() {
        return Stream.of(
                Arguments.of(AddressFamily.INET, List.of(), List.of(32765, 32764, 32763)),
                Arguments.of(AddressFamily.INET6, List.of(), List.of(32765, 32764)),
                // the second rule decides: one below it, whatever comes after
                Arguments.of(AddressFamily.INET, List.of(100), List.of(99, 98)),
                // a second rule of priority 0 leaves 0
                Arguments.of(AddressFamily.INET, List.of(0), List.of(0)));
    }

    @ParameterizedTest(name = "family {0} with {1} added first")
    @MethodSource("defaultPriorities")
    void aRuleWithoutPriorityGoesOneBelowTheSecondRule(int family, List<Integer> first, List<Integer> expected) {
        for (int p : first) {
            rules.add(rule(10).family(family).priority(p).build());
        }
        for (int p : expected) {
            rules.add(rule(20 + p % 7).family(family).build());
            List<RuleMessage> now = rules.list(family);
            assertThat(now).anyMatch(r -> (r.priority() == null ? 0 : r.priority()) == p && r.table() == 20 + p % 7);
        }
    }

    @Test
    void aDuplicateIsRefusedOnlyWithExclAndOnlyWhenEverySelectorAndPriorityAgree() {
        rules.add(rule(5).priority(100).build());
        NetlinkErrorException e = catchThrowableOfType(() -> rules.add(rule(5).priority(100).build()),
                NetlinkErrorException.class);
        assertThat(e.errno()).isEqualTo(EEXIST);
        // the flags are not compared: "not" is the same rule to rule_exists
        assertThat(catchThrowableOfType(() -> rules.add(rule(5).priority(100).flags(RuleMessage.FIB_RULE_INVERT)
                .build()), NetlinkErrorException.class).errno()).isEqualTo(EEXIST);
        rules.add(rule(5).priority(100).inputInterface("veth0").build());
        // without a priority the new rule gets another one, so it is no duplicate
        rules.add(rule(5).build());
        // without NLM_F_EXCL the kernel lists the same rule twice
        conn.execute(rule(5).priority(100).build().toMessage(RouteMessageType.RTM_NEWRULE,
                REQUEST | ACKNOWLEDGE | CREATE));
        assertThat(shown(rules.list(AddressFamily.INET))).containsExactly("inet 0 255", "inet 99 5",
                "inet 100 5", "inet 100 5 iif veth0", "inet 100 5", "inet 32766 254", "inet 32767 253");
    }

    @Test
    void aDeleteTakesTheFirstRuleMatchingWhatItSets() {
        rules.add(rule(5).priority(100).inputInterface("veth0").build());
        rules.add(rule(5).priority(200).build());
        rules.add(rule(6).priority(300).build());
        rules.delete(RuleMessage.builder().table(5).build());
        assertThat(shown(rules.list(AddressFamily.INET))).containsExactly("inet 0 255", "inet 200 5",
                "inet 300 6", "inet 32766 254", "inet 32767 253");
        rules.delete(RuleMessage.builder().priority(300).action(0).build());
        // the local rule, priority 0, is deleted as any other
        rules.delete(RuleMessage.builder().priority(0).build());
        assertThat(shown(rules.list(AddressFamily.INET))).containsExactly("inet 200 5", "inet 32766 254",
                "inet 32767 253");
        assertThat(catchThrowableOfType(() -> rules.delete(RuleMessage.builder().priority(555).build()),
                NetlinkErrorException.class).errno()).isEqualTo(ENOENT);
    }

    @Test
    void changesAreNotifiedToTheirFamilysGroupWithTheRequestsSequenceAndPort() {
        rules.add(rule(5).priority(100).build());
        rules.add(rule(5).family(AddressFamily.INET6).priority(100).build());
        rules.delete(rule(5).priority(100).build());
        List<Datagram> got = monitor.datagrams();
        assertThat(got).extracting(d -> RouteMonitor.describe(d.group(), d.messages().get(0))).containsExactly(
                "ipv4-rule RTM_NEWRULE 100 lookup 5", "ipv6-rule RTM_NEWRULE 100 lookup 5",
                "ipv4-rule RTM_DELRULE 100 lookup 5");
        for (Datagram d : got) {
            Message m = d.messages().get(0);
            assertThat(m.header().flags()).isZero();
            assertThat(m.header().pid()).isEqualTo(conn.pid());
            assertThat(m.header().sequence()).isNotZero();
        }
        RuleMessage added = RuleMessage.decode(got.get(0).messages().get(0));
        assertThat(added.protocol()).isZero();
        assertThat(added.suppressPrefixLength()).isEqualTo(-1);
    }

    @Test
    void rulesNamingAnInterfaceAreDetachedAndAttachedSilentlyAsLinksComeAndGo() {
        rules.add(rule(9).priority(7).outputInterface("veth1").build());
        rules.add(rule(9).priority(8).inputInterface("nosuch").build());
        monitor.datagrams();
        assertThat(shown(rules.list(AddressFamily.INET)).subList(1, 3)).containsExactly("inet 7 9 oif veth1",
                "inet 8 9 iif nosuch iif-detached");
        fake.removeLink("veth0");
        assertThat(shown(rules.list(AddressFamily.INET)).get(1)).isEqualTo("inet 7 9 oif veth1 oif-detached");
        new RouteClient(conn).addVeth("veth1", "nosuch");
        assertThat(shown(rules.list(AddressFamily.INET)).subList(1, 3)).containsExactly("inet 7 9 oif veth1",
                "inet 8 9 iif nosuch");
        assertThat(monitor.drain()).as("no rule notification").isEmpty();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("a family without rules", EAFNOSUPPORT, "Rule family not supported",
                        (ThrowingCallable) () -> rules.add(rule(5).family(AddressFamily.BRIDGE).build())),
                Arguments.of("a goto without target", EINVAL, "Missing goto target for action goto",
                        (ThrowingCallable) () -> rules.add(rule(0).priority(5).action(RuleMessage.FR_ACT_GOTO)
                                .build())),
                Arguments.of("a backward goto", EINVAL, "Backward goto not supported",
                        (ThrowingCallable) () -> rules.add(rule(0).priority(5).action(RuleMessage.FR_ACT_GOTO)
                                .target(5).build())),
                Arguments.of("a target without goto", EINVAL, "Unexpected goto",
                        (ThrowingCallable) () -> rules.add(rule(5).priority(5).target(9).build())),
                Arguments.of("an IPv6 lookup without table", EINVAL, "Invalid table",
                        (ThrowingCallable) () -> rules.add(rule(0).family(AddressFamily.INET6).build())),
                Arguments.of("l3mdev other than 1", EINVAL, "Invalid l3mdev attribute",
                        (ThrowingCallable) () -> rules.add(rule(0).l3mdev(2).build())),
                Arguments.of("a rule GET without dump", 95, "",
                        (ThrowingCallable) () -> conn.execute(rule(0).build().toMessage(RouteMessageType.RTM_GETRULE,
                                REQUEST)))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesAsTheKernelDoes(String what, int errno, String extAck, ThrowingCallable call) {
        NetlinkErrorException e = catchThrowableOfType(call, NetlinkErrorException.class);
        assertThat(e).as(what).isNotNull();
        assertThat(e.errno()).as(what).isEqualTo(errno);
        assertThat(e.extendedMessage()).as(what).isEqualTo(extAck);
        assertThat(fake.rules()).as("a refusal changes nothing").hasSize(5);
    }

    @Test
    void anIpv4LookupWithoutTableGetsTheFirstEmptyTable() {
        new RouteClient(conn).addRoute(RouteMessage.of(ip("10.9.0.0"), 16, null, 3).toBuilder()
                .table(1).build());
        rules.add(rule(0).priority(50).build());
        assertThat(rules.list(AddressFamily.INET).get(1).table()).isEqualTo(2);
        byte[] header = new byte[RuleMessage.HEADER_SIZE];
        header[0] = (byte) AddressFamily.INET6;
        assertThat(conn.execute(Message.of(RouteMessageType.RTM_GETRULE, REQUEST | DUMP, header))).hasSize(2);
    }

    static java.net.InetAddress ip(String text) {
        try {
            return java.net.InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
