package io.github.jnetlink.route;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@link BridgeVlanMessage} decoded from messages laid out as the kernel's {@code br_vlan_fill_vids} and
 * {@code br_vlan_global_opts_fill} lay them out ({@code <linux/if_bridge.h>}), encoded back, and refused when
 * malformed. This kernel has no bridge VLAN filtering, so these bytes stand in for its dumps.
 */
class BridgeVlanMessageTest {

    static byte[] bytes(Consumer<ByteBuffer> body) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
        body.accept(b);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /** A {@code br_vlan_msg} and attributes, host order, each padded to 4 bytes. */
    static Message kernel(int index, Consumer<ByteBuffer> attributes) {
        return Message.of(RouteMessageType.RTM_NEWVLAN, 0, bytes(b -> {
            b.put((byte) AddressFamily.BRIDGE).put((byte) 0).putShort((short) 0).putInt(index);
            attributes.accept(b);
        }));
    }

    static byte[] info(int flags, int vid) {
        return bytes(b -> b.putShort((short) flags).putShort((short) vid));
    }

    static final int NESTED = 1 << 15;

    static Stream<Arguments> kernelMessages() {
        int pvidUntagged = BridgeVlanEntry.BRIDGE_VLAN_INFO_PVID | BridgeVlanEntry.BRIDGE_VLAN_INFO_UNTAGGED;
        return Stream.of(
                Arguments.of("bridge vlan show: one VLAN, PVID and untagged, state forwarding",
                        kernel(3, b -> attr(b, BridgeVlanMessage.BRIDGE_VLANDB_ENTRY | NESTED, bytes(n -> {
                            attr(n, BridgeVlanEntry.BRIDGE_VLANDB_ENTRY_INFO, info(pvidUntagged, 1));
                            attr(n, BridgeVlanEntry.BRIDGE_VLANDB_ENTRY_STATE, 3);
                            attr(n, BridgeVlanEntry.BRIDGE_VLANDB_ENTRY_MCAST_ROUTER, 1);
                        }))),
                        new BridgeVlanMessage(RouteMessageType.RTM_NEWVLAN, AddressFamily.BRIDGE, 3,
                                List.of(new BridgeVlanEntry(pvidUntagged, 1, null, 3, null, null, null, 1, List.of())),
                                List.of(), List.of())),
                Arguments.of("a range 10-20 with a tunnel ID and counters, and a second entry",
                        kernel(4, b -> {
                            attr(b, BridgeVlanMessage.BRIDGE_VLANDB_ENTRY | NESTED, bytes(n -> {
                                attr(n, BridgeVlanEntry.BRIDGE_VLANDB_ENTRY_INFO, info(0, 10));
                                attr(n, BridgeVlanEntry.BRIDGE_VLANDB_ENTRY_RANGE, u16(20));
                                attr(n, BridgeVlanEntry.BRIDGE_VLANDB_ENTRY_TUNNEL_INFO | NESTED,
                                        bytes(t -> attr(t, BridgeVlanEntry.BRIDGE_VLANDB_TINFO_ID, u32(1010))));
                                attr(n, BridgeVlanEntry.BRIDGE_VLANDB_ENTRY_STATS | NESTED, bytes(s -> {
                                    // nla_put_u64_64bit pads with BRIDGE_VLANDB_STATS_PAD where a u64 would be
                                    // misaligned
                                    attr(s, BridgeVlanEntry.BRIDGE_VLANDB_STATS_PAD, new byte[0]);
                                    attr(s, BridgeVlanEntry.BRIDGE_VLANDB_STATS_RX_BYTES, u64(1500));
                                    attr(s, BridgeVlanEntry.BRIDGE_VLANDB_STATS_RX_PACKETS, u64(10));
                                    attr(s, BridgeVlanEntry.BRIDGE_VLANDB_STATS_TX_BYTES, u64(3000));
                                    attr(s, BridgeVlanEntry.BRIDGE_VLANDB_STATS_TX_PACKETS, u64(20));
                                }));
                                // BRIDGE_VLANDB_ENTRY_NEIGH_SUPPRESS (Linux 6.7), newer than the record
                                attr(n, 9, 1);
                            }));
                            attr(b, BridgeVlanMessage.BRIDGE_VLANDB_ENTRY | NESTED, bytes(n ->
                                    attr(n, BridgeVlanEntry.BRIDGE_VLANDB_ENTRY_INFO, info(0, 30))));
                        }),
                        new BridgeVlanMessage(RouteMessageType.RTM_NEWVLAN, AddressFamily.BRIDGE, 4, List.of(
                                new BridgeVlanEntry(0, 10, 20, null, 1010, null,
                                        new BridgeVlanEntry.Stats(1500, 10, 3000, 20), null,
                                        List.of(new Attribute(9, new byte[] {1}))),
                                BridgeVlanEntry.of(30, 0)), List.of(), List.of())),
                Arguments.of("bridge vlan global show: snooping, IGMP and MLD versions, MSTI, a timer kept raw",
                        kernel(2, b -> attr(b, BridgeVlanMessage.BRIDGE_VLANDB_GLOBAL_OPTIONS | NESTED, bytes(n -> {
                            attr(n, BridgeVlanGlobalOptions.BRIDGE_VLANDB_GOPTS_ID, u16(1));
                            attr(n, BridgeVlanGlobalOptions.BRIDGE_VLANDB_GOPTS_RANGE, u16(5));
                            attr(n, BridgeVlanGlobalOptions.BRIDGE_VLANDB_GOPTS_MCAST_SNOOPING, 1);
                            attr(n, BridgeVlanGlobalOptions.BRIDGE_VLANDB_GOPTS_MCAST_IGMP_VERSION, 2);
                            attr(n, BridgeVlanGlobalOptions.BRIDGE_VLANDB_GOPTS_MCAST_MLD_VERSION, 1);
                            attr(n, BridgeVlanGlobalOptions.BRIDGE_VLANDB_GOPTS_MSTI, u16(7));
                            // BRIDGE_VLANDB_GOPTS_MCAST_QUERY_INTVL, u64 centiseconds
                            attr(n, 12, u64(12500));
                        }))),
                        new BridgeVlanMessage(RouteMessageType.RTM_NEWVLAN, AddressFamily.BRIDGE, 2, List.of(),
                                List.of(new BridgeVlanGlobalOptions(1, 5, 1, 2, 1, 7,
                                        List.of(new Attribute(12, u64(12500))))), List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelMessages")
    void decodesWhatTheKernelSendsAndEncodesItBack(String what, Message kernel, BridgeVlanMessage expected) {
        BridgeVlanMessage decoded = BridgeVlanMessage.decode(kernel);
        assertThat(decoded).isEqualTo(expected);
        assertThat(BridgeVlanMessage.decode(decoded.toMessage())).isEqualTo(decoded);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("shorter than br_vlan_msg", Message.of(RouteMessageType.RTM_NEWVLAN, 0, new byte[7]),
                        "truncated struct br_vlan_msg: 7 bytes, 8 needed"),
                Arguments.of("an entry without ENTRY_INFO", kernel(3, b -> attr(b, BridgeVlanMessage.BRIDGE_VLANDB_ENTRY,
                        bytes(n -> attr(n, BridgeVlanEntry.BRIDGE_VLANDB_ENTRY_STATE, 3)))),
                        "has no BRIDGE_VLANDB_ENTRY_INFO"),
                Arguments.of("ENTRY_INFO of 2 bytes", kernel(3, b -> attr(b, BridgeVlanMessage.BRIDGE_VLANDB_ENTRY,
                        bytes(n -> attr(n, BridgeVlanEntry.BRIDGE_VLANDB_ENTRY_INFO, u16(1))))),
                        "2 bytes, struct bridge_vlan_info is 4"),
                Arguments.of("global options without an ID", kernel(3, b -> attr(b,
                        BridgeVlanMessage.BRIDGE_VLANDB_GLOBAL_OPTIONS, bytes(n ->
                                attr(n, BridgeVlanGlobalOptions.BRIDGE_VLANDB_GOPTS_MCAST_SNOOPING, 1)))),
                        "has no BRIDGE_VLANDB_GOPTS_ID"),
                Arguments.of("a 3-byte range", kernel(3, b -> attr(b, BridgeVlanMessage.BRIDGE_VLANDB_ENTRY, bytes(n -> {
                    attr(n, BridgeVlanEntry.BRIDGE_VLANDB_ENTRY_INFO, info(0, 1));
                    attr(n, BridgeVlanEntry.BRIDGE_VLANDB_ENTRY_RANGE, 1, 2, 3);
                }))), ""),
                Arguments.of("a nest whose length runs past the message",
                        Message.of(RouteMessageType.RTM_NEWVLAN, 0, bytes(b -> {
                            b.put((byte) AddressFamily.BRIDGE).put((byte) 0).putShort((short) 0).putInt(3);
                            b.putShort((short) 40).putShort((short) BridgeVlanMessage.BRIDGE_VLANDB_ENTRY).putInt(0);
                        })), ""),
                Arguments.of("a route message", Message.of(RouteMessageType.RTM_NEWROUTE, 0, new byte[12]),
                        "expected RTM_NEWVLAN to"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedMessagesAreRefusedByName(String what, Message message, String text) {
        assertThatThrownBy(() -> BridgeVlanMessage.decode(message)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(text);
    }

    @Test
    void requestsAreCheckedAtTheBoundary() {
        assertThatThrownBy(() -> BridgeVlanEntry.of(0, 0)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("vid must be 1 to 4094, got 0");
        assertThatThrownBy(() -> BridgeVlanMessage.of(RouteMessageType.RTM_NEWVLAN, 3, List.of()))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("at least one VLAN");
        assertThatThrownBy(() -> BridgeVlanMessage.of(RouteMessageType.RTM_NEWLINK, 3, List.of(BridgeVlanEntry.of(1, 0))))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("type must be RTM_NEWVLAN");
        assertThatThrownBy(() -> new BridgeVlanEntry(0, 70000, null, null, null, null, null, null, null))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("bridge VLAN ID");
        // bridge vlan add vid 10 untagged dev PORT: one entry, flags in bridge_vlan_info, NLA_F_NESTED set
        byte[] request = BridgeVlanMessage.of(RouteMessageType.RTM_NEWVLAN, 5,
                List.of(BridgeVlanEntry.of(10, BridgeVlanEntry.BRIDGE_VLAN_INFO_UNTAGGED))).encode();
        assertThat(request).isEqualTo(bytes(b -> {
            b.put((byte) AddressFamily.BRIDGE).put((byte) 0).putShort((short) 0).putInt(5);
            attr(b, BridgeVlanMessage.BRIDGE_VLANDB_ENTRY | NESTED, bytes(n ->
                    attr(n, BridgeVlanEntry.BRIDGE_VLANDB_ENTRY_INFO, info(BridgeVlanEntry.BRIDGE_VLAN_INFO_UNTAGGED, 10))));
        }));
    }
}
