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
 * {@link FdbEntry} decoded from messages laid out as the kernel's {@code fdb_fill_info} (bridge) and
 * {@code vxlan_fdb_info} (VXLAN) lay them out ({@code <linux/neighbour.h>}), read from a {@link NeighborMessage},
 * encoded back, and refused when malformed.
 */
class FdbEntryTest {

    static Message kernel(int family, int index, int state, int flags, int type, Consumer<ByteBuffer> attributes) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        b.put((byte) family).put((byte) 0).putShort((short) 0).putInt(index).putShort((short) state)
                .put((byte) flags).put((byte) type);
        attributes.accept(b);
        byte[] data = new byte[b.position()];
        b.flip().get(data);
        return Message.of(RouteMessageType.RTM_NEWNEIGH, 0, data);
    }

    static byte[] cacheinfo(int confirmed, int used, int updated, int refcnt) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(confirmed).putInt(used).putInt(updated)
                .putInt(refcnt).array();
    }

    static Stream<Arguments> kernelMessages() {
        return Stream.of(
                Arguments.of("bridge: a static entry on a port, with its bridge and cache times",
                        kernel(AddressFamily.BRIDGE, 4, FdbEntry.NUD_NOARP, FdbEntry.NTF_STICKY, 0, b -> {
                            attr(b, NeighborMessage.NDA_LLADDR, 2, 0, 0, 0, 0, 1);
                            attr(b, NeighborMessage.NDA_MASTER, u32(2));
                            attr(b, NeighborMessage.NDA_CACHEINFO, cacheinfo(0, 150, 250, 0));
                            attr(b, NeighborMessage.NDA_FLAGS_EXT, u32(0));
                        }),
                        FdbEntry.builder().index(4).state(FdbEntry.NUD_NOARP).flags(FdbEntry.NTF_STICKY)
                                .address(MacAddress.parse("02:00:00:00:00:01")).master(2).extendedFlags(0)
                                .cacheInfo(new NeighborCacheInfo(0, 150, 250, 0)).build()),
                Arguments.of("bridge: a learned entry in VLAN 10, extern_learn and offloaded",
                        kernel(AddressFamily.BRIDGE, 4, FdbEntry.NUD_REACHABLE,
                                FdbEntry.NTF_EXT_LEARNED | FdbEntry.NTF_OFFLOADED, 0, b -> {
                                    attr(b, NeighborMessage.NDA_LLADDR, 2, 0, 0, 0, 0, 2);
                                    attr(b, NeighborMessage.NDA_MASTER, u32(2));
                                    attr(b, NeighborMessage.NDA_VLAN, u16(10));
                                }),
                        FdbEntry.builder().index(4).state(FdbEntry.NUD_REACHABLE)
                                .flags(FdbEntry.NTF_EXT_LEARNED | FdbEntry.NTF_OFFLOADED)
                                .address(MacAddress.parse("02:00:00:00:00:02")).master(2).vlan(10).build()),
                Arguments.of("vxlan: the all-zero address to a remote, port, VNI, via, source VNI, netns ID raw",
                        kernel(AddressFamily.BRIDGE, 7, FdbEntry.NUD_PERMANENT, FdbEntry.NTF_SELF,
                                RouteMessage.RTN_UNICAST, b -> {
                                    attr(b, NeighborMessage.NDA_LLADDR, 0, 0, 0, 0, 0, 0);
                                    attr(b, NeighborMessage.NDA_DST, 10, 0, 0, 3);
                                    // NDA_PORT travels big-endian: 5000 is 0x1388
                                    attr(b, NeighborMessage.NDA_PORT, 0x13, 0x88);
                                    attr(b, NeighborMessage.NDA_VNI, u32(43));
                                    attr(b, NeighborMessage.NDA_IFINDEX, u32(5));
                                    attr(b, FdbEntry.NDA_SRC_VNI, u32(42));
                                    attr(b, FdbEntry.NDA_LINK_NETNSID, u32(1));
                                }),
                        FdbEntry.builder().index(7).neighborType(RouteMessage.RTN_UNICAST)
                                .address(MacAddress.parse("00:00:00:00:00:00")).destination(ip("10.0.0.3"))
                                .port(5000).vni(43).remoteIndex(5).sourceVni(42)
                                .addUnknown(new Attribute(FdbEntry.NDA_LINK_NETNSID, u32(1))).build()),
                Arguments.of("vxlan: an IPv6 remote",
                        kernel(AddressFamily.BRIDGE, 7, FdbEntry.NUD_PERMANENT, FdbEntry.NTF_SELF,
                                RouteMessage.RTN_UNICAST, b -> {
                                    attr(b, NeighborMessage.NDA_LLADDR, 2, 0, 0, 0, 0, 9);
                                    attr(b, NeighborMessage.NDA_DST, ip("2001:db8::1").getAddress());
                                }),
                        FdbEntry.builder().index(7).neighborType(RouteMessage.RTN_UNICAST)
                                .address(MacAddress.parse("02:00:00:00:00:09")).destination(ip("2001:db8::1")).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelMessages")
    void decodesWhatTheKernelSendsLikeNeighborMessageDoes(String what, Message kernel, FdbEntry expected) {
        FdbEntry decoded = FdbEntry.decode(kernel);
        assertThat(decoded).isEqualTo(expected);
        assertThat(FdbEntry.from(NeighborMessage.decode(kernel))).isEqualTo(expected);
        assertThat(FdbEntry.decode(decoded.toMessage())).isEqualTo(decoded);
        assertThat(decoded.toMessage().data()).isEqualTo(FdbEntry.decode(decoded.toMessage()).encode());
    }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of(FdbEntry.NUD_PERMANENT, FdbEntry.NTF_SELF, null, "permanent", List.of("self")),
                Arguments.of(FdbEntry.NUD_NOARP, FdbEntry.NTF_STICKY, 0, "static", List.of("sticky")),
                Arguments.of(FdbEntry.NUD_REACHABLE, FdbEntry.NTF_EXT_LEARNED | FdbEntry.NTF_OFFLOADED, null, "",
                        List.of("extern_learn", "offload")),
                Arguments.of(FdbEntry.NUD_STALE, FdbEntry.NTF_ROUTER | FdbEntry.NTF_MASTER,
                        FdbEntry.NTF_EXT_LOCKED, "stale", List.of("router", "master", "locked")),
                Arguments.of(0, 0, null, "state=0x0", List.of()));
    }

    @ParameterizedTest
    @MethodSource("names")
    void namesStateAndFlagsAsBridgeFdbDoes(int state, int flags, Integer ext, String stateName, List<String> flagNames) {
        FdbEntry e = FdbEntry.builder().state(state).flags(flags).extendedFlags(ext).build();
        assertThat(e.stateName()).isEqualTo(stateName);
        assertThat(e.flagNames()).isEqualTo(flagNames);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("an IPv4 neighbour", kernel(AddressFamily.INET, 1, 2, 0, 1, b -> { }),
                        "family inet (2); FDB entries have family AF_BRIDGE (7)"),
                Arguments.of("shorter than ndmsg", Message.of(RouteMessageType.RTM_NEWNEIGH, 0, new byte[] {7, 0, 0}),
                        "truncated struct ndmsg"),
                Arguments.of("a 12-byte NDA_CACHEINFO", kernel(AddressFamily.BRIDGE, 1, 2, 0, 0,
                        b -> attr(b, NeighborMessage.NDA_CACHEINFO, new byte[12])), "struct nda_cacheinfo is 16"),
                Arguments.of("a 3-byte NDA_VLAN", kernel(AddressFamily.BRIDGE, 1, 2, 0, 0,
                        b -> attr(b, NeighborMessage.NDA_VLAN, 1, 0, 0)), "attribute type 5 at offset 12: u16 needs a 2-byte payload"),
                Arguments.of("an NDA_MASTER running past the end", Message.of(RouteMessageType.RTM_NEWNEIGH, 0,
                        ByteBuffer.allocate(20).order(ByteOrder.nativeOrder()).put((byte) 7).position(12)
                                .putShort((short) 24).putShort((short) NeighborMessage.NDA_MASTER).array()), ""),
                Arguments.of("a rule message", Message.of(RouteMessageType.RTM_NEWRULE, 0, new byte[12]),
                        "expected RTM_NEWNEIGH"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedMessagesAreRefusedByName(String what, Message message, String text) {
        assertThatThrownBy(() -> FdbEntry.decode(message)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(text);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> FdbEntry.from(NeighborMessage.builder().destination(ip("10.0.0.1")).build()))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("is no FDB entry");
        assertThatThrownBy(() -> FdbEntry.from(null)).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> FdbEntry.builder().vlan(4095).build()).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("vlan (NDA_VLAN) must be 1 to 4094, got 4095");
        assertThatThrownBy(() -> FdbEntry.builder().flags(256).build()).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("flags (ndm_flags) must be 0 to 255");
        assertThatThrownBy(() -> FdbEntry.builder().addUnknown(new Attribute(NeighborMessage.NDA_MASTER, u32(1))).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("master (NDA_MASTER)");
        assertThatThrownBy(() -> FdbEntry.builder().type(RouteMessageType.RTM_NEWLINK).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("type must be RTM_NEWNEIGH");
    }
}
