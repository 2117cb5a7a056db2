package io.github.jnetlink.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.Header;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.MessageView;
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
        RouteMessage record = DecoderOracle.check("RouteMessage.decode", payload, 24, RouteMessage::decode,
                RouteMessage::encode);
        // in place: the same message in the middle of other bytes decodes to the same route, or fails the same way
        byte[] datagram = new byte[7 * 4 + Header.SIZE + payload.length + 8];
        java.util.Arrays.fill(datagram, (byte) 0x5a);
        java.nio.ByteBuffer.wrap(datagram).order(java.nio.ByteOrder.nativeOrder()).position(28)
                .putInt(Header.SIZE + payload.length).putShort((short) 24).putShort((short) 0).putInt(0).putInt(0)
                .put(payload);
        RouteMessage inPlace;
        try {
            inPlace = RouteMessage.decode(MessageView.wrap(datagram, 28));
        } catch (MalformedMessageException e) {
            inPlace = null;
        }
        assertThat(inPlace).as("decoded in place").isEqualTo(record);
    }
}
