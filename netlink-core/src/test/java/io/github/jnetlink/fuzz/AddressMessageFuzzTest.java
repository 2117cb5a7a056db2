package io.github.jnetlink.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.route.AddressMessage;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link AddressMessage#decode} on arbitrary payloads, checked by {@link DecoderOracle}. */
class AddressMessageFuzzTest {

    static Stream<byte[]> seeds() {
        return KernelSeeds.payloads(KernelSeeds.Kind.ADDRESS).stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] payload) {
        DecoderOracle.check("AddressMessage.decode", payload, 20, AddressMessage::decode, AddressMessage::encode);
    }
}
