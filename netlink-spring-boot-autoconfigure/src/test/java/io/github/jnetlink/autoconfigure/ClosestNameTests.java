package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The did-you-mean of the startup failures: typos and transpositions find their name, unrelated words find none.
 */
class ClosestNameTests {

    private static final List<String> PROPERTIES = List.of("protocol", "groups", "netns", "receive-buffer-size", "send-buffer-size",
            "strict", "extended-ack", "no-enobufs", "trusted-peers", "listener");

    @ParameterizedTest
    @CsvSource({
            "grups, groups",
            "group, groups",
            "recieve-buffer-size, receive-buffer-size",
            "recieveBufferSize, receive-buffer-size",
            "RECEIVE_BUFER_SIZE, receive-buffer-size",
            "protcol, protocol",
            "listner, listener",
            "netsn, netns",
            "colour, ",
            "x, "})
    void findsTheLikelyTypo(String typo, String expected) {
        assertThat(ClosestName.to(typo, PROPERTIES)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"abc, abc, 0", "abc, acb, 1", "rout, route, 1", "kitten, sitting, 3", "'', abc, 3"})
    void distanceCountsATranspositionAsOneEdit(String a, String b, int distance) {
        assertThat(ClosestName.distance(a, b)).isEqualTo(distance);
    }
}
