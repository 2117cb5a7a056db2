package io.github.jnetlink.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Message#unmarshal} on arbitrary bytes: it returns a message that marshals back to the same bytes
 * (padding aside) or throws {@link MalformedMessageException}, within the allocation bound.
 */
class MessageUnmarshalFuzzTest {

    static Stream<byte[]> seeds() {
        return Stream.of(KernelSeeds.Kind.values()).flatMap(k -> KernelSeeds.messages(k).stream());
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void unmarshal(byte[] input) {
        Message[] decoded = new Message[1];
        AllocationBound.check("Message.unmarshal", input.length, () -> {
            try {
                decoded[0] = Message.unmarshal(input);
            } catch (MalformedMessageException expected) {
                decoded[0] = null;
            }
        });
        if (decoded[0] != null) {
            int length = ByteBuffer.wrap(input).order(ByteOrder.nativeOrder()).getInt(0);
            assertThat(Arrays.copyOf(decoded[0].marshal(), length)).isEqualTo(Arrays.copyOf(input, length));
        }
    }
}
