package io.github.jnetlink.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.uevent.Uevent;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Uevent#parse} on arbitrary datagrams: it returns a uevent whose every property came from the input,
 * or throws {@link MalformedMessageException}, within the allocation bound.
 */
class UeventFuzzTest {

    static Stream<byte[]> seeds() {
        return Stream.of(
                "add@/devices/virtual/net/ua\0ACTION=add\0DEVPATH=/devices/virtual/net/ua\0SUBSYSTEM=net\0INTERFACE=ua\0IFINDEX=2\0SEQNUM=1777\0",
                "remove@/devices/virtual/net/ua/queues/rx-0\0ACTION=remove\0SUBSYSTEM=queues\0SEQNUM=1790\0",
                "libudev\0\u00fe\u00ed\u00ca\u00fe").map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void parse(byte[] datagram) {
        AllocationBound.check("Uevent.parse", datagram.length, () -> {
            try {
                Uevent e = Uevent.parse(datagram);
                assertThat(e.action()).isNotEmpty().doesNotContain("\0");
                assertThat(e.properties().size()).isLessThanOrEqualTo(datagram.length / 2);
            } catch (MalformedMessageException expected) {
                // not a kernel uevent
            }
        });
    }
}
