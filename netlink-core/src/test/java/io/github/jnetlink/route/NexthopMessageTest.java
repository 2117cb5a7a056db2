package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static io.github.jnetlink.testing.KernelBytes.attr;
import static io.github.jnetlink.testing.KernelBytes.u16;
import static io.github.jnetlink.testing.KernelBytes.u32;
import static io.github.jnetlink.testing.KernelBytes.u64;
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
 * {@link NexthopMessage} decoded from messages laid out as the kernel's {@code nh_fill_info} lays them out
 * ({@code <linux/nexthop.h>}), built back, and refused when malformed.
 */
class NexthopMessageTest {

    static final int SCOPE_LINK = RouteMessage.RT_SCOPE_LINK;
    static final int SCOPE_HOST = RouteMessage.RT_SCOPE_HOST;

    /** An {@code nhmsg} and attributes, as the kernel writes them: host order, each padded to 4 bytes. */
    static Message kernel(int family, int scope, int protocol, int flags, Consumer<ByteBuffer> attributes) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
        b.put((byte) family).put((byte) scope).put((byte) protocol).put((byte) 0).putInt(flags);
        attributes.accept(b);
        byte[] data = new byte[b.position()];
        b.flip().get(data);
        return Message.of(RouteMessageType.RTM_NEWNEXTHOP, 0, data);
    }

    /** {@code struct nexthop_grp} entries: id, weight - 1 (low byte), weight_high, resvd2. */
    static byte[] grp(int... idAndStoredWeight) {
        ByteBuffer b = ByteBuffer.allocate(idAndStoredWeight.length * 4).order(ByteOrder.nativeOrder());
        for (int i = 0; i < idAndStoredWeight.length; i += 2) {
            b.putInt(idAndStoredWeight[i]).put((byte) idAndStoredWeight[i + 1])
                    .put((byte) (idAndStoredWeight[i + 1] >>> 8)).putShort((short) 0);
        }
        return b.array();
    }

    static byte[] nest(Consumer<ByteBuffer> attributes) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        attributes.accept(b);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    static Stream<Arguments> kernelMessages() {
        return Stream.of(
                Arguments.of("IPv4 gateway on a link, onlink",
                        kernel(AddressFamily.INET, SCOPE_LINK, 0, NextHop.RTNH_F_ONLINK, b -> {
                            attr(b, NexthopMessage.NHA_ID, u32(1));
                            attr(b, NexthopMessage.NHA_OIF, u32(3));
                            attr(b, NexthopMessage.NHA_GATEWAY, 10, 0, 0, 2);
                        }),
                        NexthopMessage.builder().scope(SCOPE_LINK).flags(NextHop.RTNH_F_ONLINK).id(1).index(3)
                                .gateway(ip("10.0.0.2")).build()),
                Arguments.of("IPv6 gateway, protocol 99",
                        kernel(AddressFamily.INET6, SCOPE_LINK, 99, 0, b -> {
                            attr(b, NexthopMessage.NHA_ID, u32(4));
                            attr(b, NexthopMessage.NHA_OIF, u32(3));
                            attr(b, NexthopMessage.NHA_GATEWAY, ip("2001:db8::2").getAddress());
                        }),
                        NexthopMessage.builder().scope(SCOPE_LINK).protocol(99).id(4).index(3)
                                .gateway(ip("2001:db8::2")).build()),
                Arguments.of("device only",
                        kernel(AddressFamily.INET, SCOPE_HOST, 0, 0, b -> {
                            attr(b, NexthopMessage.NHA_ID, u32(2));
                            attr(b, NexthopMessage.NHA_OIF, u32(3));
                        }),
                        NexthopMessage.builder().family(AddressFamily.INET).scope(SCOPE_HOST).id(2).index(3).build()),
                Arguments.of("blackhole",
                        kernel(AddressFamily.INET, 0, 0, 0, b -> {
                            attr(b, NexthopMessage.NHA_ID, u32(3));
                            attr(b, NexthopMessage.NHA_BLACKHOLE, new byte[0]);
                        }),
                        NexthopMessage.builder().family(AddressFamily.INET).id(3).blackhole(true).build()),
                Arguments.of("multipath group 1/2,3: type before members, as nla_put_nh_group writes them",
                        kernel(AddressFamily.UNSPEC, 0, 0, 0, b -> {
                            attr(b, NexthopMessage.NHA_ID, u32(10));
                            attr(b, NexthopMessage.NHA_GROUP_TYPE, u16(NexthopMessage.NEXTHOP_GRP_TYPE_MPATH));
                            attr(b, NexthopMessage.NHA_GROUP, grp(1, 0, 2, 2));
                        }),
                        NexthopMessage.builder().id(10).addMember(1, 1).addMember(2, 3)
                                .groupType(NexthopMessage.NEXTHOP_GRP_TYPE_MPATH).build()),
                Arguments.of("group reply of Linux 6.12 and later: NHA_OP_FLAGS says resvd fields are zero",
                        kernel(AddressFamily.UNSPEC, 0, 0, 0, b -> {
                            attr(b, NexthopMessage.NHA_ID, u32(10));
                            attr(b, NexthopMessage.NHA_GROUP_TYPE, u16(NexthopMessage.NEXTHOP_GRP_TYPE_MPATH));
                            attr(b, NexthopMessage.NHA_GROUP, grp(1, 0));
                            attr(b, NexthopMessage.NHA_OP_FLAGS, u32(NexthopMessage.NHA_OP_FLAG_RESP_GRP_RESVD_0));
                        }),
                        NexthopMessage.builder().id(10).addMember(1, 1).groupType(NexthopMessage.NEXTHOP_GRP_TYPE_MPATH)
                                .opFlags(NexthopMessage.NHA_OP_FLAG_RESP_GRP_RESVD_0).build()),
                Arguments.of("weights above 256 use weight_high",
                        kernel(AddressFamily.UNSPEC, 0, 0, 0, b -> {
                            attr(b, NexthopMessage.NHA_ID, u32(12));
                            attr(b, NexthopMessage.NHA_GROUP, grp(1, 299, 2, 0xFFFF, 3, 255));
                        }),
                        NexthopMessage.builder().id(12).addMember(1, 300).addMember(2, 65536).addMember(3, 256)
                                .build()),
                Arguments.of("resilient group with its parameters",
                        kernel(AddressFamily.UNSPEC, 0, 0, 0, b -> {
                            attr(b, NexthopMessage.NHA_ID, u32(11));
                            attr(b, NexthopMessage.NHA_GROUP_TYPE, u16(NexthopMessage.NEXTHOP_GRP_TYPE_RES));
                            attr(b, NexthopMessage.NHA_GROUP, grp(1, 0, 2, 0));
                            attr(b, NexthopMessage.NHA_RES_GROUP | 0x8000, nest(n -> {
                                attr(n, NexthopMessage.NHA_RES_GROUP_BUCKETS, u16(8));
                                attr(n, NexthopMessage.NHA_RES_GROUP_IDLE_TIMER, u32(10000));
                                attr(n, NexthopMessage.NHA_RES_GROUP_UNBALANCED_TIMER, u32(0));
                                attr(n, NexthopMessage.NHA_RES_GROUP_UNBALANCED_TIME, u64(250));
                            }));
                        }),
                        NexthopMessage.builder().id(11).addMember(1, 1).addMember(2, 1)
                                .groupType(NexthopMessage.NEXTHOP_GRP_TYPE_RES)
                                .resilientGroup(new NexthopMessage.ResilientGroup(8, 10000, 0, 250L, List.of()))
                                .build()),
                Arguments.of("FDB nexthop and group",
                        kernel(AddressFamily.INET, SCOPE_LINK, 0, 0, b -> {
                            attr(b, NexthopMessage.NHA_ID, u32(12));
                            attr(b, NexthopMessage.NHA_GATEWAY, 10, 0, 0, 3);
                            attr(b, NexthopMessage.NHA_FDB, new byte[0]);
                        }),
                        NexthopMessage.builder().scope(SCOPE_LINK).id(12).gateway(ip("10.0.0.3")).fdb(true).build()),
                Arguments.of("MPLS encapsulation, type after the nest",
                        kernel(AddressFamily.INET, SCOPE_LINK, 0, 0, b -> {
                            attr(b, NexthopMessage.NHA_ID, u32(5));
                            attr(b, NexthopMessage.NHA_OIF, u32(3));
                            attr(b, NexthopMessage.NHA_GATEWAY, 10, 0, 0, 2);
                            attr(b, NexthopMessage.NHA_ENCAP, nest(n ->
                                    attr(n, RouteEncap.MPLS_IPTUNNEL_DST, 0, 0x06, 0x41, 0x00)));
                            attr(b, NexthopMessage.NHA_ENCAP_TYPE, u16(RouteEncap.LWTUNNEL_ENCAP_MPLS));
                        }),
                        NexthopMessage.builder().scope(SCOPE_LINK).id(5).index(3).gateway(ip("10.0.0.2"))
                                .encap(RouteEncap.mpls(100)).build()),
                Arguments.of("attributes without a field are kept raw, the nested flag included",
                        kernel(AddressFamily.UNSPEC, 0, 0, 0, b -> {
                            attr(b, NexthopMessage.NHA_ID, u32(20));
                            attr(b, NexthopMessage.NHA_GROUP, grp(1, 0));
                            attr(b, NexthopMessage.NHA_HW_STATS_ENABLE, u32(1));
                            attr(b, NexthopMessage.NHA_GROUP_STATS | 0x8000, new byte[] {4, 0, 1, 0});
                            attr(b, 99, 1, 2, 3);
                        }),
                        NexthopMessage.builder().id(20).addMember(1, 1)
                                .addUnknown(new Attribute(NexthopMessage.NHA_HW_STATS_ENABLE, u32(1)))
                                .addUnknown(new Attribute(NexthopMessage.NHA_GROUP_STATS | 0x8000, new byte[] {4, 0, 1, 0}))
                                .addUnknown(new Attribute(99, new byte[] {1, 2, 3})).build()),
                Arguments.of("empty NHA_GROUP is kept raw",
                        kernel(AddressFamily.UNSPEC, 0, 0, 0, b -> attr(b, NexthopMessage.NHA_GROUP, new byte[0])),
                        NexthopMessage.builder().addUnknown(new Attribute(NexthopMessage.NHA_GROUP, new byte[0])).build()),
                Arguments.of("just the header",
                        kernel(AddressFamily.INET, 0, 0, 0, b -> { }),
                        NexthopMessage.builder().family(AddressFamily.INET).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelMessages")
    void decodesWhatTheKernelSendsAndRoundTrips(String name, Message kernel, NexthopMessage expected) {
        NexthopMessage decoded = NexthopMessage.decode(kernel);
        assertThat(decoded).isEqualTo(expected);
        assertThat(NexthopMessage.decode(decoded.toMessage())).isEqualTo(decoded);
        assertThat(NexthopMessage.decode(decoded.toBuilder().build().toMessage(RouteMessageType.RTM_DELNEXTHOP)))
                .isEqualTo(decoded.toBuilder().type(RouteMessageType.RTM_DELNEXTHOP).build());
    }

    @Test
    void encodesInTheKernelLayout() {
        NexthopMessage n = NexthopMessage.builder().scope(SCOPE_LINK).protocol(4).flags(NextHop.RTNH_F_ONLINK).id(1)
                .index(3).gateway(ip("10.0.0.2")).build();
        Message kernel = kernel(AddressFamily.INET, SCOPE_LINK, 4, NextHop.RTNH_F_ONLINK, b -> {
            attr(b, NexthopMessage.NHA_ID, u32(1));
            attr(b, NexthopMessage.NHA_OIF, u32(3));
            attr(b, NexthopMessage.NHA_GATEWAY, 10, 0, 0, 2);
        });
        assertThat(n.encode()).isEqualTo(kernel.data());

        NexthopMessage group = NexthopMessage.builder().id(10).addMember(7, 300).build();
        Message g = kernel(AddressFamily.UNSPEC, 0, 0, 0, b -> {
            attr(b, NexthopMessage.NHA_ID, u32(10));
            attr(b, NexthopMessage.NHA_GROUP, grp(7, 299));
        });
        assertThat(group.encode()).isEqualTo(g.data());
        assertThat(group.isGroup()).isTrue();
        assertThat(n.isGroup()).isFalse();
    }

    @Test
    void resilientParametersInSeconds() {
        NexthopMessage.ResilientGroup r = NexthopMessage.ResilientGroup.of(8, 100, 30);
        assertThat(r.idleTimer()).isEqualTo(10000);
        assertThat(r.unbalancedTimer()).isEqualTo(3000);
        assertThat(r.idleTimerSeconds()).isEqualTo(100L);
        assertThat(r.unbalancedTimerSeconds()).isEqualTo(30L);
        assertThat(r.unbalancedTimeSeconds()).isNull();
        assertThat(new NexthopMessage.ResilientGroup(null, -1, null, -1L, null).idleTimerSeconds())
                .isEqualTo(0xFFFFFFFFL / 100);
        assertThatThrownBy(() -> NexthopMessage.ResilientGroup.of(70000, 1, 1)).isInstanceOf(NetlinkException.class);
        assertThatThrownBy(() -> NexthopMessage.ResilientGroup.of(8, -1, 1)).isInstanceOf(NetlinkException.class);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("truncated nhmsg", Message.of(RouteMessageType.RTM_NEWNEXTHOP, 0, new byte[7])),
                Arguments.of("another type", Message.of(RouteMessageType.RTM_NEWROUTE, 0, new byte[12])),
                Arguments.of("NHA_GROUP not a multiple of 8",
                        kernel(0, 0, 0, 0, b -> attr(b, NexthopMessage.NHA_GROUP, new byte[12]))),
                Arguments.of("NHA_ID of 2 bytes", kernel(0, 0, 0, 0, b -> attr(b, NexthopMessage.NHA_ID, u16(1)))),
                Arguments.of("NHA_OP_FLAGS of 2 bytes",
                        kernel(0, 0, 0, 0, b -> attr(b, NexthopMessage.NHA_OP_FLAGS, u16(1)))),
                Arguments.of("NHA_OIF of 8 bytes", kernel(0, 0, 0, 0, b -> attr(b, NexthopMessage.NHA_OIF, u64(1)))),
                Arguments.of("NHA_GROUP_TYPE of 4 bytes",
                        kernel(0, 0, 0, 0, b -> attr(b, NexthopMessage.NHA_GROUP_TYPE, u32(1)))),
                Arguments.of("NHA_BLACKHOLE with a payload",
                        kernel(2, 0, 0, 0, b -> attr(b, NexthopMessage.NHA_BLACKHOLE, u32(1)))),
                Arguments.of("NHA_FDB with a payload", kernel(2, 0, 0, 0, b -> attr(b, NexthopMessage.NHA_FDB, 1))),
                Arguments.of("NHA_GROUPS with a payload",
                        kernel(0, 0, 0, 0, b -> attr(b, NexthopMessage.NHA_GROUPS, 1))),
                Arguments.of("IPv4 gateway of 16 bytes",
                        kernel(AddressFamily.INET, 0, 0, 0, b -> attr(b, NexthopMessage.NHA_GATEWAY, new byte[16]))),
                Arguments.of("IPv6 gateway of 4 bytes",
                        kernel(AddressFamily.INET6, 0, 0, 0, b -> attr(b, NexthopMessage.NHA_GATEWAY, 10, 0, 0, 1))),
                Arguments.of("resilient buckets of 4 bytes", kernel(0, 0, 0, 0, b -> attr(b, NexthopMessage.NHA_RES_GROUP,
                        nest(n -> attr(n, NexthopMessage.NHA_RES_GROUP_BUCKETS, u32(8)))))),
                Arguments.of("resilient unbalanced time of 4 bytes", kernel(0, 0, 0, 0, b -> attr(b,
                        NexthopMessage.NHA_RES_GROUP, nest(n -> attr(n, NexthopMessage.NHA_RES_GROUP_UNBALANCED_TIME,
                                u32(8)))))),
                Arguments.of("resilient nest cut short", kernel(0, 0, 0, 0, b -> attr(b, NexthopMessage.NHA_RES_GROUP,
                        new byte[] {12, 0, 2, 0}))),
                Arguments.of("attribute longer than the message", kernel(0, 0, 0, 0, b -> b.putShort((short) 40)
                        .putShort((short) NexthopMessage.NHA_ID).putInt(1))),
                Arguments.of("attribute header cut short", kernel(0, 0, 0, 0, b -> b.putShort((short) 8))),
                Arguments.of("MPLS label stack of 3 bytes", kernel(AddressFamily.INET, 0, 0, 0, b -> {
                    attr(b, NexthopMessage.NHA_ENCAP_TYPE, u16(RouteEncap.LWTUNNEL_ENCAP_MPLS));
                    attr(b, NexthopMessage.NHA_ENCAP, nest(n -> attr(n, RouteEncap.MPLS_IPTUNNEL_DST, 1, 2, 3)));
                })));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedMessages(String name, Message message) {
        assertThatThrownBy(() -> NexthopMessage.decode(message)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> NexthopMessage.decode(null)).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> new Nexthops(null)).isInstanceOf(NetlinkArgumentException.class);
    }

    @Test
    void builderChecksItsFields() {
        assertThatThrownBy(() -> NexthopMessage.builder().type(RouteMessageType.RTM_NEWROUTE).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("RTM_NEWNEXTHOP");
        assertThatThrownBy(() -> NexthopMessage.builder().family(AddressFamily.INET6).gateway(ip("10.0.0.1")).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("NHA_GATEWAY");
        assertThatThrownBy(() -> NexthopMessage.builder().scope(256).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("nh_scope");
        assertThatThrownBy(() -> NexthopMessage.builder().protocol(-1).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("nh_protocol");
        assertThatThrownBy(() -> NexthopMessage.builder().groupType(0x10000).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("NHA_GROUP_TYPE");
        assertThatThrownBy(() -> NexthopMessage.builder().addMember(1, 0))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> new NexthopMessage.Member(1, 65537))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> NexthopMessage.builder()
                .addUnknown(new Attribute(NexthopMessage.NHA_ID, u32(1))).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("id (NHA_ID)");
        assertThatThrownBy(() -> NexthopMessage.builder()
                .addUnknown(new Attribute(NexthopMessage.NHA_RES_GROUP | 0x8000, new byte[0])).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("resilientGroup");
        assertThatThrownBy(() -> NexthopMessage.builder().group(java.util.Arrays.asList((NexthopMessage.Member) null))
                .build()).isInstanceOf(NetlinkArgumentException.class);
        assertThat(NexthopMessage.builder().gateway(ip("2001:db8::1")).build().family()).isEqualTo(AddressFamily.INET6);
        assertThat(NexthopMessage.builder().build().family()).isEqualTo(AddressFamily.UNSPEC);
        assertThat(NexthopMessage.builder().build().group()).isEmpty();
    }

    @Test
    void nullListsBecomeEmpty() {
        NexthopMessage n = new NexthopMessage(RouteMessageType.RTM_NEWNEXTHOP, 0, 0, 0, 0, null, null, null, false,
                null, null, null, false, null, false, null, null, null);
        assertThat(n.group()).isEmpty();
        assertThat(n.unknown()).isEmpty();
        assertThat(NexthopMessage.decode(n.toMessage())).isEqualTo(n);
    }
}
