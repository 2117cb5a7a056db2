package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static io.github.jnetlink.testing.KernelBytes.attr;
import static io.github.jnetlink.testing.KernelBytes.u16;
import static io.github.jnetlink.testing.KernelBytes.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The drivers of kinds this test kernel cannot create (vlan, bond, vrf, the GRE and IP-in-IP tunnels, geneve,
 * ipvlan, netkit, wireguard), and the veth peer, against {@code IFLA_INFO_DATA} bytes laid out by hand from the
 * uapi headers ({@code if_link.h}, {@code if_tunnel.h}, {@code veth.h}): decoded to the values written, encoded back
 * to the same bytes, and malformed attributes refused with {@link MalformedMessageException} naming the attribute.
 */
class LinkDriverBytesTest {

    static final int NLA_F_NESTED = 1 << 15;

    static byte[] bytes(Consumer<ByteBuffer> body) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());
        body.accept(b);
        return Arrays.copyOf(b.array(), b.position());
    }

    static byte[] be16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] be32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    static byte[] addr(String text) {
        return ip(text).getAddress();
    }

    static byte[] two(int a, int b) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(a).putInt(b).array();
    }

    static final byte[] MAC = {2, 0, 0, 0, 0, 9};

    /** An ifinfomsg (family, pad, type, index, flags, change: all 0) and IFLA_IFNAME. */
    static byte[] peer(String name) {
        return bytes(b -> {
            b.put(new byte[16]);
            attr(b, LinkMessage.IFLA_IFNAME, (name + "\0").getBytes());
        });
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("vlan", bytes(b -> {
                    attr(b, 1, u16(100));
                    attr(b, 2, two(VlanData.VLAN_FLAG_REORDER_HDR | VlanData.VLAN_FLAG_GVRP, -1));
                    attr(b, 3 | NLA_F_NESTED, bytes(n -> attr(n, 1, two(0, 3))));
                    attr(b, 4 | NLA_F_NESTED, bytes(n -> {
                        attr(n, 1, two(1, 2));
                        attr(n, 1, two(5, 6));
                    }));
                    attr(b, 5, be16(0x88a8));
                }), VlanData.builder().id(100).flags(new VlanData.Flags(3, -1))
                        .egressQos(List.of(new VlanData.QosMapping(0, 3)))
                        .ingressQos(List.of(new VlanData.QosMapping(1, 2), new VlanData.QosMapping(5, 6)))
                        .protocol(0x88a8).build()),
                Arguments.of("bond", bytes(b -> {
                    attr(b, 1, 4);
                    attr(b, 3, u32(100));
                    attr(b, 4, u32(200));
                    attr(b, 5, u32(300));
                    attr(b, 6, 1);
                    attr(b, 8 | NLA_F_NESTED, bytes(n -> attr(n, 0, addr("10.0.0.1"))));
                    attr(b, 14, 1);
                    attr(b, 18, u32(2));
                    attr(b, 21, 1);
                    attr(b, 24, u16(65535));
                    attr(b, 26, MAC);
                }), BondData.builder().mode(4).miimon(100).updelay(200).downdelay(300).useCarrier(true)
                        .arpIpTargets(List.of(new Attribute(0, addr("10.0.0.1")))).xmitHashPolicy(1).minLinks(2)
                        .adLacpRate(1).adActorSysPrio(65535).adActorSystem(MacAddress.of(MAC)).build()),
                Arguments.of("vrf", bytes(b -> attr(b, 1, u32(10))), VrfData.builder().table(10).build()),
                Arguments.of("gre", bytes(b -> {
                    attr(b, 1, u32(2));
                    attr(b, 2, be16(0x2000));
                    attr(b, 3, be16(0x2000));
                    attr(b, 4, be32(42));
                    attr(b, 5, be32(0x80000001));
                    attr(b, 6, addr("192.0.2.1"));
                    attr(b, 7, addr("192.0.2.2"));
                    attr(b, 8, 64);
                    attr(b, 9, 1);
                    attr(b, 10, 1);
                    attr(b, 16, be16(5555));
                    attr(b, 18, new byte[0]);
                    attr(b, 20, u32(7));
                }), GreData.builder("gre").link(2).inputFlags(0x2000).outputFlags(0x2000).inputKey(42)
                        .outputKey(0x80000001).local(ip("192.0.2.1")).remote(ip("192.0.2.2")).ttl(64).tos(1)
                        .pmtuDiscovery(true).encapSourcePort(5555).collectMetadata(true).fwmark(7).build()),
                Arguments.of("ip6gretap", bytes(b -> {
                    attr(b, 6, addr("2001:db8::1"));
                    attr(b, 7, addr("2001:db8::2"));
                    attr(b, 11, 4);
                    attr(b, 12, be32(0x00012345));
                    attr(b, 13, u32(0x10000));
                }), GreData.builder("ip6gretap").local(ip("2001:db8::1")).remote(ip("2001:db8::2")).encapLimit(4)
                        .flowInfo(0x12345).flags(0x10000).build()),
                Arguments.of("erspan", bytes(b -> {
                    attr(b, 21, u32(9));
                    attr(b, 22, 2);
                    attr(b, 23, 1);
                    attr(b, 24, u16(0x3f));
                }), GreData.builder("erspan").erspanIndex(9).erspanVersion(2).erspanDirection(1)
                        .erspanHardwareId(0x3f).build()),
                Arguments.of("ipip", bytes(b -> {
                    attr(b, 1, u32(3));
                    attr(b, 2, addr("198.51.100.1"));
                    attr(b, 3, addr("198.51.100.2"));
                    attr(b, 4, 0);
                    attr(b, 5, 0);
                    attr(b, 9, 4);
                    attr(b, 10, 1);
                    attr(b, 19, new byte[0]);
                    attr(b, 20, u32(1));
                }), IpTunnelData.builder("ipip").link(3).local(ip("198.51.100.1")).remote(ip("198.51.100.2")).ttl(0)
                        .tos(0).protocol(4).pmtuDiscovery(true).collectMetadata(true).fwmark(1).build()),
                Arguments.of("sit", bytes(b -> {
                    attr(b, 8, u16(1));
                    attr(b, 9, 41);
                    attr(b, 11, addr("2001:db8::"));
                    attr(b, 12, addr("10.0.0.0"));
                    attr(b, 13, u16(32));
                    attr(b, 14, u16(8));
                }), IpTunnelData.builder("sit").flags(1).protocol(41).sixrdPrefix(ip("2001:db8::"))
                        .sixrdRelayPrefix(ip("10.0.0.0")).sixrdPrefixLength(32).sixrdRelayPrefixLength(8).build()),
                Arguments.of("ip6tnl", bytes(b -> {
                    attr(b, 2, addr("2001:db8::a"));
                    attr(b, 6, 4);
                    attr(b, 7, be32(0x0ff00000));
                    attr(b, 8, u32(0x30000));
                    attr(b, 9, 41);
                }), IpTunnelData.builder("ip6tnl").local(ip("2001:db8::a")).encapLimit(4).flowInfo(0x0ff00000)
                        .flags(0x30000).protocol(41).build()),
                Arguments.of("geneve", bytes(b -> {
                    attr(b, 1, u32(7));
                    attr(b, 2, addr("203.0.113.9"));
                    attr(b, 3, 32);
                    attr(b, 4, 1);
                    attr(b, 5, be16(6081));
                    attr(b, 6, new byte[0]);
                    attr(b, 7, addr("2001:db8::9"));
                    attr(b, 8, 1);
                    attr(b, 11, be32(0xabcde));
                    attr(b, 13, 2);
                }), GeneveData.builder().id(7).remote(ip("203.0.113.9")).ttl(32).tos(1).port(6081)
                        .collectMetadata(true).remote6(ip("2001:db8::9")).udpChecksum(true).label(0xabcde).df(2)
                        .build()),
                Arguments.of("ipvlan", bytes(b -> {
                    attr(b, 1, u16(1));
                    attr(b, 2, u16(2));
                }), IpvlanData.builder("ipvlan").mode(1).flags(2).build()),
                Arguments.of("netkit", bytes(b -> {
                    attr(b, 1, peer("nk1"));
                    attr(b, 2, 1);
                    // enum netkit_action: NETKIT_PASS 0, NETKIT_DROP 2; enum netkit_mode: NETKIT_L2 0, NETKIT_L3 1
                    attr(b, 3, u32(0));
                    attr(b, 4, u32(2));
                    attr(b, 5, u32(0));
                    attr(b, 8, u16(64));
                }), NetkitData.builder().peer(LinkMessage.builder().name("nk1").build()).primary(true)
                        .policy(NetkitData.NETKIT_PASS).peerPolicy(NetkitData.NETKIT_DROP).mode(NetkitData.NETKIT_L2)
                        .headroom(64).build()),
                Arguments.of("veth", bytes(b -> attr(b, 1, peer("vb"))), VethData.peer("vb")),
                Arguments.of("wireguard", bytes(b -> attr(b, 7, u32(1))),
                        WireguardData.builder().addUnknown(new Attribute(7, u32(1))).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void decodesTheKernelsBytesAndEncodesThemBack(String kind, byte[] data, LinkInfoData expected) {
        LinkDriver driver = LinkDrivers.of(kind);
        assertThat(driver).as("driver of " + kind).isNotNull();
        LinkInfoData decoded = driver.decode(new AttributeDecoder(data));
        assertThat(decoded).isEqualTo(expected);
        assertThat(decoded.kind()).isEqualTo(kind);
        AttributeEncoder e = new AttributeEncoder();
        driver.encode(expected, e);
        assertThat(e.encode()).as("%s encoded", kind).isEqualTo(data);
        // through IFLA_LINKINFO, as LinkMessage carries it
        assertThat(LinkInfo.of(expected).data()).isEqualTo(expected);
    }

    static Stream<Arguments> slaves() {
        return Stream.of(
                Arguments.of("bond", bytes(b -> {
                    attr(b, 1, 1);
                    attr(b, 2, 0);
                    attr(b, 3, u32(3));
                    attr(b, 4, MAC);
                    attr(b, 5, u16(0));
                    attr(b, 6, u16(1));
                    attr(b, 9, u32(-5));
                }), BondSlaveData.builder().state(1).miiStatus(0).linkFailureCount(3)
                        .permanentAddress(MacAddress.of(MAC)).queueId(0).adAggregatorId(1).priority(-5).build()),
                Arguments.of("vrf", bytes(b -> attr(b, 1, u32(10))), VrfSlaveData.builder().table(10).build()),
                Arguments.of("bridge", bytes(b -> {
                    attr(b, 1, 3);
                    attr(b, 2, u16(32));
                    attr(b, 4, 1);
                    attr(b, 13, new byte[] {(byte) 0x80, 0, 2, 0, 0, 0, 0, 1});
                    attr(b, 21, io.github.jnetlink.testing.KernelBytes.u64(150));
                    attr(b, 44, u32(12));
                }), BridgePortData.builder().state(3).priority(32).hairpin(true)
                        .rootId(new BridgeId(0x8000, MacAddress.parse("02:00:00:00:00:01"))).messageAgeTimer(150L)
                        .backupNexthopId(12).build()));
    }

    @ParameterizedTest(name = "{0} port")
    @MethodSource("slaves")
    void decodesPortDataAndEncodesItBack(String kind, byte[] data, LinkSlaveData expected) {
        LinkDriver driver = LinkDrivers.of(kind);
        LinkSlaveData decoded = driver.decodeSlave(new AttributeDecoder(data));
        assertThat(decoded).isEqualTo(expected);
        assertThat(decoded.kind()).isEqualTo(kind);
        AttributeEncoder e = new AttributeEncoder();
        driver.encodeSlave(expected, e);
        assertThat(e.encode()).isEqualTo(data);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("vlan", bytes(b -> attr(b, 1, 100)), "vlan IFLA_INFO_DATA attribute IFLA_VLAN_ID (1)"),
                Arguments.of("vlan", bytes(b -> attr(b, 2, u32(1))), "struct ifla_vlan_flags is 8 bytes, got 4"),
                Arguments.of("vlan", bytes(b -> attr(b, 3 | NLA_F_NESTED, bytes(n -> attr(n, 2, two(0, 1))))),
                        "only IFLA_VLAN_QOS_MAPPING"),
                Arguments.of("gre", bytes(b -> attr(b, 6, new byte[5])), "IFLA_GRE_LOCAL (6)"),
                Arguments.of("gre", bytes(b -> attr(b, 18, u32(1))), "IFLA_GRE_COLLECT_METADATA"),
                Arguments.of("sit", bytes(b -> attr(b, 8, 1, 2, 3)), "IFLA_IPTUN_FLAGS is 2 (sit) or 4 (ip6tnl)"),
                Arguments.of("vxlan", bytes(b -> attr(b, 10, u16(1))), "struct ifla_vxlan_port_range"),
                Arguments.of("vxlan", bytes(b -> attr(b, 2, addr("2001:db8::1"))), "IFLA_VXLAN_GROUP (2)"),
                Arguments.of("bridge", bytes(b -> attr(b, 10, MAC)), "struct ifla_bridge_id is 8 bytes, got 6"),
                Arguments.of("bridge", bytes(b -> attr(b, 46, u32(1))), "struct br_boolopt_multi"),
                Arguments.of("netkit", bytes(b -> attr(b, 1, u32(0))), "IFLA_NETKIT_PEER_INFO"),
                Arguments.of("macvlan", bytes(b -> attr(b, 5 | NLA_F_NESTED, new byte[] {9, 0, 4, 0})),
                        "IFLA_MACVLAN_MACADDR_DATA"),
                Arguments.of("bond", new byte[] {8, 0, 3}, "cannot decode bond IFLA_INFO_DATA"),
                Arguments.of("ipvlan", new byte[] {40, 0, 1, 0, 0, 0, 0, 0}, "bad netlink attribute length 40"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("malformed")
    void malformedAttributesAreRefusedByName(String kind, byte[] data, String message) {
        assertThatThrownBy(() -> LinkDrivers.of(kind).decode(new AttributeDecoder(data)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining(message);
    }

    /** The library's kinds: another test registers a toy driver of its own ("jnl-...") in the same JVM. */
    static Stream<String> everyKind() {
        return LinkDrivers.kinds().stream().filter(k -> !k.startsWith("jnl-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void anAttributeNoDriverKnowsIsKeptRawAndWrittenBack(String kind) {
        byte[] data = bytes(b -> {
            attr(b, 1000, u32(0x01020304));
            attr(b, 1001 | NLA_F_NESTED, bytes(n -> attr(n, 1, 7)));
        });
        LinkDriver driver = LinkDrivers.of(kind);
        LinkInfoData decoded = driver.decode(new AttributeDecoder(data));
        assertThat(decoded.kind()).isEqualTo(kind);
        AttributeEncoder e = new AttributeEncoder();
        driver.encode(decoded, e);
        assertThat(e.encode()).isEqualTo(data);
        LinkSlaveData port = driver.decodeSlave(new AttributeDecoder(data));
        if (port != null) {
            AttributeEncoder s = new AttributeEncoder();
            driver.encodeSlave(port, s);
            assertThat(s.encode()).isEqualTo(data);
        }
    }
}
