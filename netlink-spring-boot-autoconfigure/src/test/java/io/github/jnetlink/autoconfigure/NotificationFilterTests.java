package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.bpf.Bpf;
import io.github.jnetlink.bpf.Instruction;
import io.github.jnetlink.bpf.RawInstruction;
import io.github.jnetlink.bpf.Vm;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMessageType;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The programs {@link NotificationFilter} compiles, run through the core's BPF {@link Vm} on messages shaped as the
 * kernel sends them, and the values it refuses.
 */
class NotificationFilterTests {

    private static final Map<String, byte[]> MESSAGES = Map.of(
            "RTM_NEWLINK", LinkMessage.builder().index(2).name("eth0").build().toMessage(RouteMessageType.RTM_NEWLINK).marshal(),
            "RTM_DELLINK", LinkMessage.builder().index(2).name("eth0").build().toMessage(RouteMessageType.RTM_DELLINK).marshal(),
            "RTM_NEWADDR inet", AddressMessage.of(2, address("10.0.0.1"), 24).toMessage(RouteMessageType.RTM_NEWADDR).marshal(),
            "RTM_NEWADDR inet6", AddressMessage.of(2, address("fd00::1"), 64).toMessage(RouteMessageType.RTM_NEWADDR).marshal(),
            "RTM_DELADDR inet6", AddressMessage.of(2, address("fd00::1"), 64).toMessage(RouteMessageType.RTM_DELADDR).marshal(),
            "NLMSG_ERROR", error(),
            "NLMSG_DONE", Message.of(HeaderType.DONE, HeaderFlags.MULTI, new byte[4]).marshal());

    static Stream<Arguments> verdicts() {
        return Stream.of(
                // types, families, message, kept
                arguments(List.of("RTM_NEWADDR"), List.of(), "RTM_NEWADDR inet", true),
                arguments(List.of("RTM_NEWADDR"), List.of(), "RTM_NEWADDR inet6", true),
                arguments(List.of("RTM_NEWADDR"), List.of(), "RTM_DELADDR inet6", false),
                arguments(List.of("RTM_NEWADDR"), List.of(), "RTM_NEWLINK", false),
                arguments(List.of("RTM_NEWADDR"), List.of(), "NLMSG_ERROR", true),
                arguments(List.of("RTM_NEWADDR"), List.of(), "NLMSG_DONE", true),
                arguments(List.of("rtm_newlink", "17"), List.of(), "RTM_NEWLINK", true),
                arguments(List.of("rtm_newlink", "17"), List.of(), "RTM_DELLINK", true),
                arguments(List.of("rtm_newlink", "17"), List.of(), "RTM_NEWADDR inet", false),
                arguments(List.of(), List.of("inet6"), "RTM_NEWADDR inet6", true),
                arguments(List.of(), List.of("inet6"), "RTM_DELADDR inet6", true),
                arguments(List.of(), List.of("inet6"), "RTM_NEWADDR inet", false),
                arguments(List.of(), List.of("inet6"), "RTM_NEWLINK", false), // ifinfomsg family is unspec
                arguments(List.of(), List.of("inet6", "unspec"), "RTM_NEWLINK", true),
                arguments(List.of(), List.of("inet6"), "NLMSG_ERROR", true),
                arguments(List.of(), List.of("inet6"), "NLMSG_DONE", true),
                arguments(List.of("RTM_NEWADDR"), List.of("10"), "RTM_NEWADDR inet6", true),
                arguments(List.of("RTM_NEWADDR"), List.of("10"), "RTM_NEWADDR inet", false),
                arguments(List.of("RTM_NEWADDR"), List.of("10"), "RTM_DELADDR inet6", false),
                arguments(List.of("RTM_NEWADDR"), List.of("10"), "NLMSG_DONE", true),
                // only control types: they pass, nothing else does
                arguments(List.of("2"), List.of(), "NLMSG_ERROR", true),
                arguments(List.of("2"), List.of(), "RTM_NEWLINK", false));
    }

    @ParameterizedTest(name = "types {0} families {1}: {2} kept {3}")
    @MethodSource("verdicts")
    void theKernelKeepsOrDropsEachMessage(List<String> types, List<String> families, String message, boolean kept) {
        Vm vm = new Vm(NotificationFilter.compile("route", filter(types, families), Protocol.ROUTE));
        assertThat(Integer.toUnsignedLong(vm.run(MESSAGES.get(message)))).isEqualTo(kept ? 0xffff_ffffL : 0);
    }

    @Test
    void aBigEndianKernelGetsAProgramReadingTheTypeInItsOrder() {
        List<RawInstruction> program = NotificationFilter.compile("route", filter(List.of("RTM_NEWADDR"), List.of("inet")),
                Protocol.ROUTE, ByteOrder.BIG_ENDIAN);
        assertThat(Bpf.disassemble(program).get(0)).isEqualTo(new Instruction.LoadAbsolute(io.github.jnetlink.bpf.Size.HALF, 4));
        Vm vm = new Vm(program);
        assertThat(vm.run(bigEndian(RouteMessageType.RTM_NEWADDR, AddressFamily.INET))).isEqualTo(0xffff_ffff);
        assertThat(vm.run(bigEndian(RouteMessageType.RTM_NEWADDR, AddressFamily.INET6))).isZero();
        assertThat(vm.run(bigEndian(RouteMessageType.RTM_NEWLINK, AddressFamily.INET))).isZero();
        assertThat(vm.run(bigEndian(HeaderType.DONE, 0))).isEqualTo(0xffff_ffff);
        // the little-endian program on the same bytes reads RTM_NEWADDR as 0x1400
        Vm little = new Vm(NotificationFilter.compile("route", filter(List.of("RTM_NEWADDR"), List.of("inet")), Protocol.ROUTE,
                ByteOrder.LITTLE_ENDIAN));
        assertThat(little.run(bigEndian(RouteMessageType.RTM_NEWADDR, AddressFamily.INET))).isZero();
    }

    @Test
    void noTypesAndNoFamiliesIsNoProgram() {
        assertThat(NotificationFilter.compile("route", new NetlinkProperties.Filter(), Protocol.ROUTE)).isEmpty();
        assertThat(NotificationFilter.compile("audit", new NetlinkProperties.Filter(), Protocol.AUDIT)).isEmpty();
    }

    @Test
    void numbersWorkForAnyProtocol() {
        Vm vm = new Vm(NotificationFilter.compile("audit", filter(List.of("1100"), List.of()), Protocol.AUDIT));
        assertThat(vm.run(Message.of(1100, 0, new byte[8]).marshal())).isEqualTo(0xffff_ffff);
        assertThat(vm.run(Message.of(1101, 0, new byte[8]).marshal())).isZero();
    }

    @Test
    void aShortDatagramIsDropped() {
        Vm vm = new Vm(NotificationFilter.compile("route", filter(List.of(), List.of("inet")), Protocol.ROUTE));
        assertThat(vm.run(new byte[3])).isZero();
        // a header with the type but no family byte
        assertThat(vm.run(Arrays.copyOf(MESSAGES.get("RTM_NEWADDR inet"), 16))).isZero();
    }

    @Test
    void hundredsOfTypesNeedMoreThanOneBlockOfJumps() {
        List<String> types = IntStream.range(16, 16 + 600).mapToObj(Integer::toString).toList();
        Vm vm = new Vm(NotificationFilter.compile("route", filter(types, List.of("inet")), Protocol.ROUTE));
        for (int type : new int[] {16, 16 + 254, 16 + 255, 16 + 510, 16 + 599}) {
            assertThat(vm.run(nativeHeader(type, AddressFamily.INET))).as("type " + type).isEqualTo(0xffff_ffff);
            assertThat(vm.run(nativeHeader(type, AddressFamily.INET6))).as("type " + type + " inet6").isZero();
        }
        assertThat(vm.run(nativeHeader(16 + 600, AddressFamily.INET))).isZero();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // types, families, protocol, property, valid values listed, message
                arguments(List.of("RTM_NEWADDR", "RTM_NEWLNK"), List.of(), Protocol.ROUTE, "netlink.connections.c.filter.types[1]",
                        "RTM_NEWLINK", "Did you mean 'RTM_NEWLINK'?"),
                arguments(List.of("70000"), List.of(), Protocol.ROUTE, "netlink.connections.c.filter.types[0]", null, "0 to 65535"),
                arguments(List.of("99999999999"), List.of(), Protocol.ROUTE, "netlink.connections.c.filter.types[0]", null, "0 to 65535"),
                arguments(List.of(""), List.of(), Protocol.ROUTE, "netlink.connections.c.filter.types[0]", "RTM_NEWADDR", "not an rtnetlink"),
                arguments(List.of("RTM_NEWLINK"), List.of(), Protocol.GENERIC, "netlink.connections.c.filter.types[0]", null,
                        "use the type number"),
                arguments(List.of(), List.of("inet", "inet7"), Protocol.ROUTE, "netlink.connections.c.filter.families[1]", "inet6",
                        "not an address family"),
                arguments(List.of(), List.of("256"), Protocol.ROUTE, "netlink.connections.c.filter.families[0]", null, "0 to 255"),
                arguments(List.of(), List.of("inet"), Protocol.GENERIC, "netlink.connections.c.filter.families[0]", null,
                        "needs protocol route"));
    }

    @ParameterizedTest(name = "types {0} families {1}: {3}")
    @MethodSource("invalid")
    void aBadValueFailsNamingItsProperty(List<String> types, List<String> families, int protocol, String property, String valid,
            String message) {
        assertThatThrownBy(() -> NotificationFilter.compile("c", filter(types, families), protocol))
                .isInstanceOfSatisfying(NetlinkStartupException.class, e -> {
                    assertThat(e.connection()).isEqualTo("c");
                    assertThat(e.property()).isEqualTo(property);
                    assertThat(e.getMessage()).contains(message);
                    if (valid == null) {
                        assertThat(e.validValues()).isEmpty();
                    } else {
                        assertThat(e.validValues()).contains(valid);
                    }
                });
    }

    @Test
    void theValidTypesAreTheRtnetlinkNamesAndTheValidFamiliesThoseIpPrints() {
        NetlinkStartupException e = catchStartup(filter(List.of("nope"), List.of()));
        assertThat(e.validValues()).startsWith("RTM_NEWLINK", "RTM_DELLINK", "RTM_GETLINK").contains("RTM_GETTUNNEL")
                .allMatch(n -> n.startsWith("RTM_"));
        assertThat(catchStartup(filter(List.of(), List.of("nope"))).validValues())
                .containsExactly("unspec", "inet", "bridge", "inet6", "packet", "mpls", "ipmr", "ip6mr");
    }

    private static NetlinkStartupException catchStartup(NetlinkProperties.Filter filter) {
        try {
            NotificationFilter.compile("c", filter, Protocol.ROUTE);
        } catch (NetlinkStartupException e) {
            return e;
        }
        throw new AssertionError("no NetlinkStartupException");
    }

    private static NetlinkProperties.Filter filter(List<String> types, List<String> families) {
        NetlinkProperties.Filter f = new NetlinkProperties.Filter();
        f.setTypes(types);
        f.setFamilies(families);
        return f;
    }

    /** An acknowledgement as the kernel sends it: error 0 and the request's header. */
    private static byte[] error() {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putInt(0).putInt(20).putShort((short) RouteMessageType.RTM_NEWADDR).putShort((short) HeaderFlags.REQUEST).putInt(1).putInt(0);
        return Message.of(HeaderType.ERROR, 0, b.array()).marshal();
    }

    /** A header and a family byte from a big-endian kernel. */
    private static byte[] bigEndian(int type, int family) {
        return header(ByteOrder.BIG_ENDIAN, type, family);
    }

    private static byte[] nativeHeader(int type, int family) {
        return header(ByteOrder.nativeOrder(), type, family);
    }

    private static byte[] header(ByteOrder order, int type, int family) {
        ByteBuffer b = ByteBuffer.allocate(24).order(order);
        b.putInt(24).putShort((short) type).putShort((short) 0).putInt(1).putInt(0).put((byte) family);
        return b.array();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
