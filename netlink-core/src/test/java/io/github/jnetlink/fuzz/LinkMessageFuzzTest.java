package io.github.jnetlink.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.route.LinkMessage;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link LinkMessage#decode} on arbitrary payloads, checked by {@link DecoderOracle}. */
class LinkMessageFuzzTest {

    static Stream<byte[]> seeds() {
        return KernelSeeds.payloads(KernelSeeds.Kind.LINK).stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] payload) {
        DecoderOracle.check("LinkMessage.decode", payload, 16, LinkMessage::decode, LinkMessage::encode);
    }
}
