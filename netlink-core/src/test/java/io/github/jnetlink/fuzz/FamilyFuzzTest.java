package io.github.jnetlink.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.generic.Family;
import io.github.jnetlink.generic.GenericHeader;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GenericHeader#decode} and {@link Family#decode} on arbitrary controller payloads, checked by
 * {@link DecoderOracle}.
 */
class FamilyFuzzTest {

    static final int GENL_ID_CTRL = 0x10;

    static Stream<byte[]> seeds() {
        return KernelSeeds.payloads(KernelSeeds.Kind.FAMILY).stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] payload) {
        AllocationBound.check("GenericHeader.decode", payload.length, () -> {
            try {
                GenericHeader.decode(payload);
            } catch (MalformedMessageException expected) {
                // too short
            }
        });
        DecoderOracle.check("Family.decode", payload, GENL_ID_CTRL, Family::decode, null);
    }
}
