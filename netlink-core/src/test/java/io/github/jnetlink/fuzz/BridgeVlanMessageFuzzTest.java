package io.github.jnetlink.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.Attribute;
import io.github.jnetlink.route.BridgeVlanEntry;
import io.github.jnetlink.route.BridgeVlanGlobalOptions;
import io.github.jnetlink.route.BridgeVlanMessage;
import io.github.jnetlink.route.RouteMessageType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BridgeVlanMessage#decode} on arbitrary payloads, checked by {@link DecoderOracle}; seeds shaped as
 * {@code br_vlan_fill_vids} and {@code br_vlan_global_opts_fill} send them.
 */
class BridgeVlanMessageFuzzTest {

    static Stream<byte[]> seeds() {
        return Stream.of(
                new BridgeVlanMessage(RouteMessageType.RTM_NEWVLAN, 7, 3, List.of(
                        new BridgeVlanEntry(6, 1, null, 3, null, null, null, 1, List.of()),
                        new BridgeVlanEntry(0, 10, 20, 3, 1010, null, new BridgeVlanEntry.Stats(1, 2, 3, 4), null,
                                List.of(new Attribute(9, new byte[] {1})))), List.of(), List.of()),
                new BridgeVlanMessage(RouteMessageType.RTM_NEWVLAN, 7, 2, List.of(), List.of(
                        new BridgeVlanGlobalOptions(1, 5, 1, 2, 1, 7, List.of(new Attribute(12, new byte[8])))),
                        List.of()))
                .map(BridgeVlanMessage::encode);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] payload) {
        DecoderOracle.check("BridgeVlanMessage.decode", payload, RouteMessageType.RTM_NEWVLAN,
                BridgeVlanMessage::decode, BridgeVlanMessage::encode);
    }
}
