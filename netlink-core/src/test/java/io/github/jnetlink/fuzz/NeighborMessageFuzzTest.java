package io.github.jnetlink.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.route.NeighborMessage;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link NeighborMessage#decode} on arbitrary payloads, checked by {@link DecoderOracle}. */
class NeighborMessageFuzzTest {

    static Stream<byte[]> seeds() {
        return KernelSeeds.payloads(KernelSeeds.Kind.NEIGHBOR).stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] payload) {
        DecoderOracle.check("NeighborMessage.decode", payload, 28, NeighborMessage::decode, NeighborMessage::encode);
    }
}
