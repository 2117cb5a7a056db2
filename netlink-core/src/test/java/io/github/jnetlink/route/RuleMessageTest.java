package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static io.github.jnetlink.testing.KernelBytes.attr;
import static io.github.jnetlink.testing.KernelBytes.u16;
import static io.github.jnetlink.testing.KernelBytes.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RuleMessage} decoded from messages laid out as the kernel's {@code fib_nl_fill_rule} and
 * {@code fib4_rule_fill} / {@code fib6_rule_fill} lay them out ({@code <linux/fib_rules.h>}), built back, and
 * refused when malformed.
 */
class RuleMessageTest {

    /** A {@code fib_rule_hdr} and attributes, as the kernel writes them: host order, each padded to 4 bytes. */
    static Message kernel(int family, int dstLen, int srcLen, int tos, int table, int action, int flags,
            Consumer<ByteBuffer> attributes) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
        b.put((byte) family).put((byte) dstLen).put((byte) srcLen).put((byte) tos)
                .put((byte) table).put((byte) 0).put((byte) 0).put((byte) action).putInt(flags);
        attributes.accept(b);
        byte[] data = new byte[b.position()];
        b.flip().get(data);
        return Message.of(RouteMessageType.RTM_NEWRULE, 0, data);
    }

    static byte[] ports(int start, int end) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putShort((short) start).putShort((short) end)
                .array();
    }

    static byte[] uids(int start, int end) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(start).putInt(end).array();
    }

    static byte[] string(String s) {
        byte[] a = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(a, a.length + 1);
    }

    /** What every kernel rule carries: FRA_TABLE, FRA_SUPPRESS_PREFIXLEN (-1: unset) and FRA_PROTOCOL. */
    static void common(ByteBuffer b, int table, int protocol) {
        attr(b, RuleMessage.FRA_TABLE, u32(table));
        attr(b, RuleMessage.FRA_SUPPRESS_PREFIXLEN, u32(-1));
        attr(b, RuleMessage.FRA_PROTOCOL, protocol);
    }

    static RuleMessage.Builder base(int table, int protocol) {
        return RuleMessage.builder().table(table).suppressPrefixLength(-1).protocol(protocol);
    }

    static Stream<Arguments> kernelMessages() {
        return Stream.of(
                Arguments.of("local rule: priority 0 has no FRA_PRIORITY",
                        kernel(AddressFamily.INET, 0, 0, 0, 255, RuleMessage.FR_ACT_TO_TBL, 0, b -> common(b, 255, 2)),
                        base(255, 2).build()),
                Arguments.of("from 10.1.0.0/16 table 100 prio 1000",
                        kernel(AddressFamily.INET, 0, 16, 0, 100, RuleMessage.FR_ACT_TO_TBL, 0, b -> {
                            common(b, 100, 0);
                            attr(b, RuleMessage.FRA_PRIORITY, u32(1000));
                            attr(b, RuleMessage.FRA_SRC, 10, 1, 0, 0);
                        }),
                        base(100, 0).priority(1000).source(ip("10.1.0.0")).sourceLength(16).build()),
                Arguments.of("fwmark 0x10/0xff lookup 200",
                        kernel(AddressFamily.INET, 0, 0, 0, 200, RuleMessage.FR_ACT_TO_TBL, 0, b -> {
                            common(b, 200, 0);
                            attr(b, RuleMessage.FRA_PRIORITY, u32(1001));
                            attr(b, RuleMessage.FRA_FWMARK, u32(0x10));
                            attr(b, RuleMessage.FRA_FWMASK, u32(0xff));
                        }),
                        base(200, 0).priority(1001).fwmark(0x10).fwmask(0xff).build()),
                Arguments.of("iif lo uidrange ipproto tcp dport 80-90, table above 255 through RT_TABLE_COMPAT",
                        kernel(AddressFamily.INET, 0, 0, 0, 252, RuleMessage.FR_ACT_TO_TBL, 0, b -> {
                            common(b, 300, 0);
                            attr(b, RuleMessage.FRA_IIFNAME, string("lo"));
                            attr(b, RuleMessage.FRA_PRIORITY, u32(1002));
                            attr(b, RuleMessage.FRA_UID_RANGE, uids(1000, 2000));
                            attr(b, RuleMessage.FRA_DPORT_RANGE, ports(80, 90));
                            attr(b, RuleMessage.FRA_IP_PROTO, 6);
                        }),
                        base(300, 0).priority(1002).inputInterface("lo").uidRange(new RuleMessage.UidRange(1000, 2000))
                                .destinationPorts(new RuleMessage.PortRange(80, 90)).ipProtocol(6).build()),
                Arguments.of("not to 10.9.0.0/16 prohibit",
                        kernel(AddressFamily.INET, 16, 0, 0, 0, RuleMessage.FR_ACT_PROHIBIT, RuleMessage.FIB_RULE_INVERT,
                                b -> {
                                    common(b, 0, 0);
                                    attr(b, RuleMessage.FRA_PRIORITY, u32(1003));
                                    attr(b, RuleMessage.FRA_DST, 10, 9, 0, 0);
                                }),
                        base(0, 0).priority(1003).action(RuleMessage.FR_ACT_PROHIBIT).flags(RuleMessage.FIB_RULE_INVERT)
                                .destination(ip("10.9.0.0")).destinationLength(16).build()),
                Arguments.of("goto, unresolved, oif detached, sport, tos, realms, suppress_ifgroup, l3mdev, tun_id",
                        kernel(AddressFamily.INET, 0, 0, 0x10, 0, RuleMessage.FR_ACT_GOTO,
                                RuleMessage.FIB_RULE_UNRESOLVED | RuleMessage.FIB_RULE_OIF_DETACHED, b -> {
                                    attr(b, RuleMessage.FRA_TABLE, u32(0));
                                    attr(b, RuleMessage.FRA_SUPPRESS_PREFIXLEN, u32(8));
                                    attr(b, RuleMessage.FRA_PROTOCOL, 99);
                                    attr(b, RuleMessage.FRA_OIFNAME, string("gone0"));
                                    attr(b, RuleMessage.FRA_PRIORITY, u32(999));
                                    attr(b, RuleMessage.FRA_GOTO, u32(2000));
                                    attr(b, RuleMessage.FRA_TUN_ID, 0, 0, 0, 0, 0, 0, 0x12, 0x34);
                                    attr(b, RuleMessage.FRA_L3MDEV, 1);
                                    attr(b, RuleMessage.FRA_SPORT_RANGE, ports(1000, 1000));
                                    attr(b, RuleMessage.FRA_SUPPRESS_IFGROUP, u32(7));
                                    attr(b, RuleMessage.FRA_FLOW, u32(0x00050006));
                                    attr(b, RuleMessage.FRA_SPORT_MASK, 0xFF, 0xFF);
                                    attr(b, RuleMessage.FRA_DPORT_MASK, u16(0x00F0));
                                }),
                        RuleMessage.builder().tos(0x10).action(RuleMessage.FR_ACT_GOTO)
                                .flags(RuleMessage.FIB_RULE_UNRESOLVED | RuleMessage.FIB_RULE_OIF_DETACHED)
                                .suppressPrefixLength(8).protocol(99).outputInterface("gone0").priority(999).target(2000)
                                .tunnelId(0x1234L).l3mdev(1).sourcePorts(new RuleMessage.PortRange(1000, 1000))
                                .suppressInterfaceGroup(7).flow(0x00050006).sourcePortMask(0xFFFF)
                                .destinationPortMask(0x00F0).build()),
                Arguments.of("IPv6 from 2001:db8::/32 table 400, DSCP and an unknown FRA_FLOWLABEL kept raw",
                        kernel(AddressFamily.INET6, 0, 32, 0, 252, RuleMessage.FR_ACT_TO_TBL, 0, b -> {
                            common(b, 400, 0);
                            attr(b, RuleMessage.FRA_PRIORITY, u32(1004));
                            attr(b, RuleMessage.FRA_SRC, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                            attr(b, RuleMessage.FRA_DSCP, 46);
                            attr(b, RuleMessage.FRA_FLOWLABEL, 0, 1, 0x23, 0x45);
                        }),
                        base(400, 0).priority(1004).source(ip("2001:db8::")).sourceLength(32).dscp(46)
                                .addUnknown(new Attribute(RuleMessage.FRA_FLOWLABEL, new byte[] {0, 1, 0x23, 0x45})).build()),
                Arguments.of("no FRA_TABLE: the header byte is the table",
                        kernel(AddressFamily.INET, 0, 0, 0, 254, RuleMessage.FR_ACT_TO_TBL, 0,
                                b -> attr(b, RuleMessage.FRA_PRIORITY, u32(32766))),
                        RuleMessage.builder().table(254).priority(32766).build()),
                Arguments.of("u32 values above Integer.MAX_VALUE",
                        kernel(AddressFamily.INET, 0, 0, 0, 252, RuleMessage.FR_ACT_TO_TBL, 0, b -> {
                            attr(b, RuleMessage.FRA_TABLE, u32(0xFFFFFFF0));
                            attr(b, RuleMessage.FRA_PRIORITY, u32(0xFFFFFFFF));
                            attr(b, RuleMessage.FRA_UID_RANGE, uids(0x80000000, 0xFFFFFFFE));
                        }),
                        RuleMessage.builder().table(0xFFFFFFF0).priority(0xFFFFFFFF)
                                .uidRange(new RuleMessage.UidRange(0x80000000L, 0xFFFFFFFEL)).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelMessages")
    void decodesKernelMessagesAndRoundTrips(String name, Message message, RuleMessage expected) {
        RuleMessage decoded = RuleMessage.decode(message);
        assertThat(decoded).isEqualTo(expected);
        assertThat(RuleMessage.decode(decoded.toMessage())).isEqualTo(decoded);
        assertThat(RuleMessage.decode(expected.toBuilder().build().toMessage(RouteMessageType.RTM_DELRULE)))
                .isEqualTo(expected.toBuilder().type(RouteMessageType.RTM_DELRULE).build());
    }

    @Test
    void tableIsFraTableOverTheHeaderByte() {
        RuleMessage r = RuleMessage.decode(kernel(AddressFamily.INET, 0, 0, 0, 5, RuleMessage.FR_ACT_TO_TBL, 0,
                b -> attr(b, RuleMessage.FRA_TABLE, u32(100))));
        assertThat(r.table()).isEqualTo(100);
    }

    @Test
    void encodeLaysOutTheHeaderAsTheKernelReadsIt() {
        RuleMessage r = RuleMessage.builder().family(AddressFamily.INET6).destination(ip("2001:db8:1::"))
                .destinationLength(48).tos(0x20).table(1000).action(RuleMessage.FR_ACT_TO_TBL)
                .flags(RuleMessage.FIB_RULE_INVERT).build();
        byte[] p = r.encode();
        assertThat(p[0]).isEqualTo((byte) AddressFamily.INET6);
        assertThat(p[1]).isEqualTo((byte) 48);
        assertThat(p[2]).isZero();
        assertThat(p[3]).isEqualTo((byte) 0x20);
        assertThat(p[4] & 0xFF).as("RT_TABLE_COMPAT").isEqualTo(252);
        assertThat(p[7]).isEqualTo((byte) RuleMessage.FR_ACT_TO_TBL);
        assertThat(ByteBuffer.wrap(p, 8, 4).order(ByteOrder.nativeOrder()).getInt()).isEqualTo(RuleMessage.FIB_RULE_INVERT);
        // small tables fit the header byte, and no table means no FRA_TABLE
        assertThat(RuleMessage.builder().table(100).build().encode()[4]).isEqualTo((byte) 100);
        assertThat(RuleMessage.builder().action(RuleMessage.FR_ACT_BLACKHOLE).build().encode())
                .hasSize(RuleMessage.HEADER_SIZE);
    }

    @Test
    void tunnelIdIsBigEndianOnTheWire() {
        byte[] p = RuleMessage.builder().tunnelId(0x0102030405060708L).build().encode();
        assertThat(p).hasSize(RuleMessage.HEADER_SIZE + 12);
        assertThat(java.util.Arrays.copyOfRange(p, RuleMessage.HEADER_SIZE + 4, p.length))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void helpers() {
        assertThat(RuleMessage.builder().flags(RuleMessage.FIB_RULE_INVERT).build().inverted()).isTrue();
        assertThat(RuleMessage.builder().build().inverted()).isFalse();
        assertThat(Stream.of(0, 1, 2, 3, 6, 7, 8, 9)
                .map(a -> RuleMessage.builder().action(a).build().actionName()))
                .containsExactly("unspec", "lookup", "goto", "nop", "blackhole", "unreachable", "prohibit", "9");
        assertThat(RuleMessage.builder().build().family()).isEqualTo(AddressFamily.INET);
        assertThat(RuleMessage.builder().destination(ip("2001:db8::")).build().family()).isEqualTo(AddressFamily.INET6);
        assertThat(Rules.describe(RuleMessage.builder().priority(1000).source(ip("10.1.0.0")).sourceLength(16)
                .table(100).build())).isEqualTo("1000 inet from 10.1.0.0/16 lookup 100");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("header cut short", Message.of(RouteMessageType.RTM_NEWRULE, 0, new byte[11])),
                Arguments.of("another message type", Message.of(RouteMessageType.RTM_NEWROUTE, 0, new byte[12])),
                Arguments.of("FRA_PRIORITY of 2 bytes", kernel(AddressFamily.INET, 0, 0, 0, 0, 1, 0,
                        b -> attr(b, RuleMessage.FRA_PRIORITY, 1, 2))),
                Arguments.of("FRA_TABLE of 8 bytes", kernel(AddressFamily.INET, 0, 0, 0, 0, 1, 0,
                        b -> attr(b, RuleMessage.FRA_TABLE, new byte[8]))),
                Arguments.of("FRA_UID_RANGE of 4 bytes", kernel(AddressFamily.INET, 0, 0, 0, 0, 1, 0,
                        b -> attr(b, RuleMessage.FRA_UID_RANGE, new byte[4]))),
                Arguments.of("FRA_SPORT_RANGE of 2 bytes", kernel(AddressFamily.INET, 0, 0, 0, 0, 1, 0,
                        b -> attr(b, RuleMessage.FRA_SPORT_RANGE, new byte[2]))),
                Arguments.of("FRA_DPORT_RANGE of 8 bytes", kernel(AddressFamily.INET, 0, 0, 0, 0, 1, 0,
                        b -> attr(b, RuleMessage.FRA_DPORT_RANGE, new byte[8]))),
                Arguments.of("FRA_SPORT_MASK of 4 bytes", kernel(AddressFamily.INET, 0, 0, 0, 0, 1, 0,
                        b -> attr(b, RuleMessage.FRA_SPORT_MASK, u32(0xFFFF)))),
                Arguments.of("FRA_TUN_ID of 4 bytes", kernel(AddressFamily.INET, 0, 0, 0, 0, 1, 0,
                        b -> attr(b, RuleMessage.FRA_TUN_ID, new byte[4]))),
                Arguments.of("FRA_PROTOCOL of 4 bytes", kernel(AddressFamily.INET, 0, 0, 0, 0, 1, 0,
                        b -> attr(b, RuleMessage.FRA_PROTOCOL, u32(2)))),
                Arguments.of("IPv6 address in an IPv4 rule", kernel(AddressFamily.INET, 0, 0, 0, 0, 1, 0,
                        b -> attr(b, RuleMessage.FRA_SRC, new byte[16]))),
                Arguments.of("IPv4 address in an IPv6 rule", kernel(AddressFamily.INET6, 0, 0, 0, 0, 1, 0,
                        b -> attr(b, RuleMessage.FRA_DST, new byte[4]))),
                Arguments.of("attribute longer than the message", kernel(AddressFamily.INET, 0, 0, 0, 0, 1, 0,
                        b -> b.putShort((short) 40).putShort((short) RuleMessage.FRA_PRIORITY).putInt(1))),
                Arguments.of("attribute length below its header", kernel(AddressFamily.INET, 0, 0, 0, 0, 1, 0,
                        b -> b.putShort((short) 2).putShort((short) RuleMessage.FRA_PRIORITY))),
                Arguments.of("null message", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedIsRefused(String name, Message message) {
        assertThatThrownBy(() -> RuleMessage.decode(message)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void everyCutOfAKernelMessageIsRefusedOrDecodes() {
        Message full = (Message) kernelMessages().toList().get(5).get()[1];
        for (int cut = 0; cut < full.data().length; cut++) {
            Message m = Message.of(RouteMessageType.RTM_NEWRULE, 0, java.util.Arrays.copyOf(full.data(), cut));
            try {
                RuleMessage.decode(m);
            } catch (NetlinkException expected) {
                assertThat(expected).as("cut at " + cut).isInstanceOf(MalformedMessageException.class);
            }
        }
    }

    @Test
    void nonIpFamilyKeepsAddressesRaw() {
        RuleMessage r = RuleMessage.decode(kernel(AddressFamily.MPLS, 0, 0, 0, 0, 1, 0,
                b -> attr(b, RuleMessage.FRA_DST, 1, 2, 3)));
        assertThat(r.destination()).isNull();
        assertThat(r.unknown()).containsExactly(new Attribute(RuleMessage.FRA_DST, new byte[] {1, 2, 3}));
        assertThat(RuleMessage.decode(r.toMessage())).isEqualTo(r);
    }

    @Test
    void builderRefusesOutOfRangeAndRawTypedAttributes() {
        assertThatThrownBy(() -> RuleMessage.builder().sourceLength(33).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("sourceLength (src_len)");
        assertThatThrownBy(() -> RuleMessage.builder().family(AddressFamily.INET6).destinationLength(129).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("destinationLength (dst_len)");
        assertThatThrownBy(() -> RuleMessage.builder().action(256).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("action");
        assertThatThrownBy(() -> RuleMessage.builder().protocol(256).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("protocol (FRA_PROTOCOL)");
        assertThatThrownBy(() -> RuleMessage.builder().ipProtocol(-1).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("ipProtocol (FRA_IP_PROTO)");
        assertThatThrownBy(() -> RuleMessage.builder().sourcePortMask(0x10000).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("sourcePortMask (FRA_SPORT_MASK)");
        assertThatThrownBy(() -> RuleMessage.builder().dscp(64).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("dscp (FRA_DSCP)");
        assertThatThrownBy(() -> RuleMessage.builder().inputInterface("a-name-too-long0").build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("inputInterface (FRA_IIFNAME)");
        assertThatThrownBy(() -> RuleMessage.builder().outputInterface("").build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("outputInterface (FRA_OIFNAME)");
        assertThatThrownBy(() -> RuleMessage.builder().family(AddressFamily.INET).source(ip("2001:db8::")).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("FRA_SRC");
        assertThatThrownBy(() -> RuleMessage.builder().type(RouteMessageType.RTM_NEWROUTE).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("RTM_NEWRULE");
        assertThatThrownBy(() -> new RuleMessage.PortRange(0, 65536)).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> new RuleMessage.UidRange(-1, 5)).isInstanceOf(NetlinkArgumentException.class);
        for (int type : List.of(RuleMessage.FRA_IIFNAME, RuleMessage.FRA_GOTO, RuleMessage.FRA_PRIORITY,
                RuleMessage.FRA_FWMARK, RuleMessage.FRA_FLOW, RuleMessage.FRA_TUN_ID, RuleMessage.FRA_SUPPRESS_IFGROUP,
                RuleMessage.FRA_SUPPRESS_PREFIXLEN, RuleMessage.FRA_TABLE, RuleMessage.FRA_FWMASK,
                RuleMessage.FRA_OIFNAME, RuleMessage.FRA_L3MDEV, RuleMessage.FRA_UID_RANGE, RuleMessage.FRA_PROTOCOL,
                RuleMessage.FRA_IP_PROTO, RuleMessage.FRA_SPORT_RANGE, RuleMessage.FRA_DPORT_RANGE,
                RuleMessage.FRA_DSCP, RuleMessage.FRA_SPORT_MASK, RuleMessage.FRA_DPORT_MASK, RuleMessage.FRA_DST,
                RuleMessage.FRA_SRC)) {
            assertThatThrownBy(() -> RuleMessage.builder().addUnknown(new Attribute(type, new byte[4])).build())
                    .as("type " + type).isInstanceOf(NetlinkArgumentException.class)
                    .hasMessageContaining("set the field instead");
        }
        // FRA_PAD and types the record has no field for stay raw
        assertThat(RuleMessage.builder().addUnknown(new Attribute(RuleMessage.FRA_PAD, new byte[0])).build().unknown())
                .hasSize(1);
    }

    @Test
    void rulesRefusesNullConnection() {
        assertThatThrownBy(() -> new Rules(null)).isInstanceOf(NetlinkArgumentException.class);
    }
}
