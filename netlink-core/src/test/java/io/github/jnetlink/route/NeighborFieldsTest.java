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
 * The typed {@code NDA_*} fields of {@link NeighborMessage}, decoded from messages laid out as the kernel's
 * {@code neigh_fill_info}, {@code pneigh_fill_info} and {@code vxlan_fdb_info} lay them out
 * ({@code <linux/neighbour.h>}), built back, and refused when malformed.
 */
class NeighborFieldsTest {

    /** An {@code ndmsg} and attributes, as the kernel writes them: host order, each padded to 4 bytes. */
    static Message kernel(int family, int index, int state, int flags, Consumer<ByteBuffer> attributes) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
        b.put((byte) family).put((byte) 0).putShort((short) 0).putInt(index).putShort((short) state)
                .put((byte) flags).put((byte) RouteMessage.RTN_UNICAST);
        attributes.accept(b);
        byte[] data = new byte[b.position()];
        b.flip().get(data);
        return Message.of(io.github.jnetlink.route.RouteMessageType.RTM_NEWNEIGH, 0, data);
    }

    static byte[] cacheinfo(int confirmed, int used, int updated, int refcnt) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(confirmed).putInt(used).putInt(updated)
                .putInt(refcnt).array();
    }

    static Stream<Arguments> kernelMessages() {
        return Stream.of(
                Arguments.of("ARP entry: cache info, probes, protocol, managed",
                        kernel(AddressFamily.INET, 3, NeighborMessage.NUD_REACHABLE, 0, b -> {
                            attr(b, NeighborMessage.NDA_DST, 10, 0, 0, 9);
                            attr(b, NeighborMessage.NDA_LLADDR, 2, 0, 0, 0, 0, 9);
                            attr(b, NeighborMessage.NDA_CACHEINFO, cacheinfo(6000, 150, 42, 1));
                            attr(b, NeighborMessage.NDA_PROBES, u32(4));
                            attr(b, NeighborMessage.NDA_PROTOCOL, (byte) 12);
                            attr(b, NeighborMessage.NDA_FLAGS_EXT, u32(NeighborMessage.NTF_EXT_MANAGED));
                        }),
                        NeighborMessage.builder().index(3).state(NeighborMessage.NUD_REACHABLE)
                                .destination(ip("10.0.0.9")).linkLayerAddress(MacAddress.parse("02:00:00:00:00:09"))
                                .cacheInfo(new NeighborCacheInfo(6000, 150, 42, 1)).probes(4).protocol(12)
                                .extendedFlags(NeighborMessage.NTF_EXT_MANAGED).build()),
                Arguments.of("IPv6 proxy entry: flags only, no cache info",
                        kernel(AddressFamily.INET6, 2, 0, NeighborMessage.NTF_PROXY, b ->
                                attr(b, NeighborMessage.NDA_DST, ip("2001:db8::5").getAddress())),
                        NeighborMessage.builder().index(2).flags(NeighborMessage.NTF_PROXY)
                                .destination(ip("2001:db8::5")).build()),
                Arguments.of("bridge FDB entry: VLAN, master, locked",
                        kernel(AddressFamily.BRIDGE, 7, NeighborMessage.NUD_REACHABLE, NeighborMessage.NTF_MASTER, b -> {
                            attr(b, NeighborMessage.NDA_LLADDR, 2, 0, 0, 0, 0, 7);
                            attr(b, NeighborMessage.NDA_MASTER, u32(5));
                            attr(b, NeighborMessage.NDA_VLAN, u16(100));
                            attr(b, NeighborMessage.NDA_CACHEINFO, cacheinfo(0, 0, 0, 0));
                            attr(b, NeighborMessage.NDA_FLAGS_EXT, u32(NeighborMessage.NTF_EXT_LOCKED));
                        }),
                        NeighborMessage.builder().family(AddressFamily.BRIDGE).index(7)
                                .state(NeighborMessage.NUD_REACHABLE).flags(NeighborMessage.NTF_MASTER)
                                .linkLayerAddress(MacAddress.parse("02:00:00:00:00:07")).master(5).vlan(100)
                                .cacheInfo(new NeighborCacheInfo(0, 0, 0, 0))
                                .extendedFlags(NeighborMessage.NTF_EXT_LOCKED).build()),
                Arguments.of("VXLAN FDB entry: remote, port big-endian, VNI, via, unknown NDA_SRC_VNI kept",
                        kernel(AddressFamily.BRIDGE, 9, NeighborMessage.NUD_PERMANENT, NeighborMessage.NTF_SELF, b -> {
                            attr(b, NeighborMessage.NDA_LLADDR, 0, 0, 0, 0, 0, 0);
                            attr(b, NeighborMessage.NDA_DST, 192, 0, 2, 1);
                            attr(b, NeighborMessage.NDA_PORT, (byte) 0x12, (byte) 0xB5);
                            attr(b, NeighborMessage.NDA_VNI, u32(0xFFFFFF));
                            attr(b, NeighborMessage.NDA_IFINDEX, u32(4));
                            attr(b, 11, u32(77));
                        }),
                        NeighborMessage.builder().family(AddressFamily.BRIDGE).index(9)
                                .state(NeighborMessage.NUD_PERMANENT).flags(NeighborMessage.NTF_SELF)
                                .linkLayerAddress(MacAddress.parse("00:00:00:00:00:00")).destination(ip("192.0.2.1"))
                                .port(4789).vni(0xFFFFFF).remoteIndex(4).addUnknown(new Attribute(11, u32(77))).build()),
                Arguments.of("unsigned extremes",
                        kernel(AddressFamily.INET, 1, NeighborMessage.NUD_STALE, 0, b -> {
                            attr(b, NeighborMessage.NDA_DST, 10, 0, 0, 1);
                            attr(b, NeighborMessage.NDA_CACHEINFO, cacheinfo(-1, -1, -1, -1));
                            attr(b, NeighborMessage.NDA_PROBES, u32(-1));
                            attr(b, NeighborMessage.NDA_PORT, (byte) 0xFF, (byte) 0xFF);
                            attr(b, NeighborMessage.NDA_PROTOCOL, (byte) 0xFF);
                        }),
                        NeighborMessage.builder().index(1).state(NeighborMessage.NUD_STALE).destination(ip("10.0.0.1"))
                                .cacheInfo(new NeighborCacheInfo(-1, -1, -1, -1)).probes(-1).port(0xFFFF).protocol(255)
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelMessages")
    void decodesKernelLayoutsIntoFieldsAndBack(String name, Message message, NeighborMessage expected) {
        NeighborMessage n = NeighborMessage.decode(message);
        assertThat(n).isEqualTo(expected);
        assertThat(n.unknown()).extracting(a -> a.type() & 0x3FFF).doesNotContain(NeighborMessage.NDA_CACHEINFO,
                NeighborMessage.NDA_PROBES, NeighborMessage.NDA_VLAN, NeighborMessage.NDA_PORT, NeighborMessage.NDA_VNI,
                NeighborMessage.NDA_IFINDEX, NeighborMessage.NDA_MASTER, NeighborMessage.NDA_PROTOCOL,
                NeighborMessage.NDA_FLAGS_EXT);
        assertThat(NeighborMessage.decode(n.toMessage())).isEqualTo(n);
        assertThat(n.toBuilder().build()).isEqualTo(n);
    }

    @Test
    void portIsBigEndianOnTheWire() {
        byte[] payload = NeighborMessage.builder().family(AddressFamily.BRIDGE).port(4789).build().encode();
        // ndmsg, then NDA_PORT: length 6, type 6, 0x12B5 in network order
        assertThat(payload).hasSize(NeighborMessage.HEADER_SIZE + 8);
        assertThat(payload[NeighborMessage.HEADER_SIZE + 4]).isEqualTo((byte) 0x12);
        assertThat(payload[NeighborMessage.HEADER_SIZE + 5]).isEqualTo((byte) 0xB5);
    }

    @Test
    void cacheInfoSecondsAreTicksOverUserHz() {
        NeighborCacheInfo ci = new NeighborCacheInfo(6099, 150, -1, 0);
        assertThat(ci.confirmedSeconds()).isEqualTo(60);
        assertThat(ci.usedSeconds()).isEqualTo(1);
        assertThat(ci.updatedSeconds()).isEqualTo(0xFFFFFFFFL / 100);
        assertThat(ci.encode()).isEqualTo(cacheinfo(6099, 150, -1, 0));
    }

    @Test
    void flagHelpers() {
        NeighborMessage proxy = NeighborMessage.builder().flags(NeighborMessage.NTF_PROXY).build();
        assertThat(proxy.proxy()).isTrue();
        assertThat(proxy.managed()).isFalse();
        NeighborMessage managed = NeighborMessage.builder().extendedFlags(NeighborMessage.NTF_EXT_MANAGED).build();
        assertThat(managed.managed()).isTrue();
        assertThat(managed.proxy()).isFalse();
        assertThat(NeighborMessage.builder().extendedFlags(NeighborMessage.NTF_EXT_LOCKED).build().managed()).isFalse();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("NDA_CACHEINFO of 12 bytes", NeighborMessage.NDA_CACHEINFO, new byte[12]),
                Arguments.of("NDA_CACHEINFO of 20 bytes", NeighborMessage.NDA_CACHEINFO, new byte[20]),
                Arguments.of("empty NDA_CACHEINFO", NeighborMessage.NDA_CACHEINFO, new byte[0]),
                Arguments.of("NDA_PROBES of 2 bytes", NeighborMessage.NDA_PROBES, new byte[2]),
                Arguments.of("NDA_VLAN of 4 bytes", NeighborMessage.NDA_VLAN, new byte[4]),
                Arguments.of("NDA_PORT of 1 byte", NeighborMessage.NDA_PORT, new byte[1]),
                Arguments.of("NDA_VNI of 3 bytes", NeighborMessage.NDA_VNI, new byte[3]),
                Arguments.of("NDA_IFINDEX of 8 bytes", NeighborMessage.NDA_IFINDEX, new byte[8]),
                Arguments.of("NDA_MASTER empty", NeighborMessage.NDA_MASTER, new byte[0]),
                Arguments.of("NDA_PROTOCOL of 4 bytes", NeighborMessage.NDA_PROTOCOL, new byte[4]),
                Arguments.of("NDA_FLAGS_EXT of 1 byte", NeighborMessage.NDA_FLAGS_EXT, new byte[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void wrongSizesAreMalformed(String name, int type, byte[] payload) {
        Message m = kernel(AddressFamily.INET, 1, 0, 0, b -> attr(b, type, payload));
        assertThatThrownBy(() -> NeighborMessage.decode(m)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void truncatedAttributeHeaderIsMalformed() {
        Message full = kernel(AddressFamily.INET, 1, 0, 0, b -> attr(b, NeighborMessage.NDA_CACHEINFO,
                cacheinfo(1, 2, 3, 4)));
        for (int cut = NeighborMessage.HEADER_SIZE + 1; cut < full.data().length; cut++) {
            byte[] data = java.util.Arrays.copyOf(full.data(), cut);
            Message m = Message.of(RouteMessageType.RTM_NEWNEIGH, 0, data);
            assertThatThrownBy(() -> NeighborMessage.decode(m)).as("cut at " + cut)
                    .isInstanceOf(NetlinkException.class);
        }
    }

    @Test
    void builderRefusesOutOfRangeAndRawTypedAttributes() {
        assertThatThrownBy(() -> NeighborMessage.builder().vlan(0x10000).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("vlan (NDA_VLAN)");
        assertThatThrownBy(() -> NeighborMessage.builder().port(-1).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("port (NDA_PORT)");
        assertThatThrownBy(() -> NeighborMessage.builder().protocol(256).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("protocol (NDA_PROTOCOL)");
        for (int type : List.of(NeighborMessage.NDA_CACHEINFO, NeighborMessage.NDA_PROBES, NeighborMessage.NDA_VLAN,
                NeighborMessage.NDA_PORT, NeighborMessage.NDA_VNI, NeighborMessage.NDA_IFINDEX,
                NeighborMessage.NDA_MASTER, NeighborMessage.NDA_PROTOCOL, NeighborMessage.NDA_FLAGS_EXT)) {
            assertThatThrownBy(() -> NeighborMessage.builder().addUnknown(new Attribute(type, new byte[4])).build())
                    .as("type " + type).isInstanceOf(NetlinkArgumentException.class)
                    .hasMessageContaining("set the field instead");
        }
    }
}
