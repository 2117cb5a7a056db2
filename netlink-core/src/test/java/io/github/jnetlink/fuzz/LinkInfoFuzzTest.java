package io.github.jnetlink.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.route.LinkInfo;
import io.github.jnetlink.route.LinkMessage;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LinkInfo}'s typed accessors ({@code data()}, {@code slaveKind()}, {@code slaveData()}) on whatever
 * {@code IFLA_LINKINFO} a link message decodes with: a record, null, or {@link MalformedMessageException}, within
 * {@link AllocationBound}. Seeded with the kernel's own link dumps.
 */
class LinkInfoFuzzTest {

    static Stream<byte[]> seeds() {
        return KernelSeeds.payloads(KernelSeeds.Kind.LINK).stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void typedView(byte[] payload) {
        LinkMessage link = DecoderOracle.check("LinkMessage.decode", payload, 16, LinkMessage::decode, null);
        if (link == null || link.linkInfo() == null) {
            return;
        }
        LinkInfo info = link.linkInfo();
        AllocationBound.check("LinkInfo typed view", payload.length, () -> {
            try {
                info.data();
                info.slaveKind();
                info.slaveData();
            } catch (MalformedMessageException expected) {
                // a driver refused an attribute it knows the size of
            }
        });
    }
}
