package io.github.jnetlink.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.route.RouteMessage;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link RouteMessage#decode} on arbitrary payloads, checked by {@link DecoderOracle}. */
class RouteMessageFuzzTest {

    static Stream<byte[]> seeds() {
        return KernelSeeds.payloads(KernelSeeds.Kind.ROUTE).stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] payload) {
        DecoderOracle.check("RouteMessage.decode", payload, 24, RouteMessage::decode, RouteMessage::encode);
    }
}
