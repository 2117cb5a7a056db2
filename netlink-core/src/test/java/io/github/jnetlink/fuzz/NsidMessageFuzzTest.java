package io.github.jnetlink.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.Attribute;
import io.github.jnetlink.route.NsidMessage;
import io.github.jnetlink.route.RouteMessageType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link NsidMessage#decode} on arbitrary payloads, checked by {@link DecoderOracle}; seeds as rtnl_net_fill sends. */
class NsidMessageFuzzTest {

    static Stream<byte[]> seeds() {
        return Stream.of(
                NsidMessage.of(RouteMessageType.RTM_NEWNSID, 5),
                new NsidMessage(RouteMessageType.RTM_NEWNSID, 0, -1, null, null, null, 3, List.of()),
                new NsidMessage(RouteMessageType.RTM_GETNSID, 0, null, 1234, 9, 2, null,
                        List.of(new Attribute(6, new byte[] {7, 0, 0, 0}))))
                .map(NsidMessage::encode);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] payload) {
        DecoderOracle.check("NsidMessage.decode", payload, RouteMessageType.RTM_NEWNSID, NsidMessage::decode,
                NsidMessage::encode);
    }
}
