package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The waits of a failed receive loop before each re-dial. */
class ReconnectBackoffTests {

    private static List<Long> millis(ReconnectBackoff backoff, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(backoff.next().toMillis());
        }
        return out;
    }

    @Test
    void theDefaultsDoubleFrom100MillisecondsAndStayAt30Seconds() {
        ReconnectBackoff backoff = new ReconnectBackoff(NetlinkReceiveLoop.DEFAULT_INITIAL_BACKOFF, NetlinkReceiveLoop.DEFAULT_MAX_BACKOFF);
        assertThat(millis(backoff, 12)).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 30000L, 30000L, 30000L);
    }

    @Test
    void aSuccessfulReceiveStartsAgainFromTheInitialWait() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
        assertThat(backoff.isReset()).isTrue();
        assertThat(millis(backoff, 3)).containsExactly(10L, 20L, 40L);
        assertThat(backoff.isReset()).isFalse();
        backoff.reset();
        assertThat(backoff.isReset()).isTrue();
        assertThat(millis(backoff, 4)).containsExactly(10L, 20L, 40L, 50L);
    }

    @Test
    void equalBoundsWaitTheSameEveryTimeAndStillTellAFirstFailure() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(backoff.isReset()).isTrue();
        assertThat(millis(backoff, 3)).containsExactly(1000L, 1000L, 1000L);
        assertThat(backoff.isReset()).isFalse();
    }

    @Test
    void aVeryLongMaximumDoesNotOverflow() {
        Duration max = Duration.ofSeconds(Long.MAX_VALUE);
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(Long.MAX_VALUE / 3), max);
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE / 3));
        // twice this one is past what a Duration holds
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE / 3 * 2));
        assertThat(backoff.next()).isEqualTo(max);
        assertThat(backoff.next()).isEqualTo(max);
    }

    @ParameterizedTest
    @CsvSource({ "0, 1000", "-1, 1000", "200, 100" })
    void boundsOutOfOrderAreRefused(long initial, long max) {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofMillis(initial), Duration.ofMillis(max)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 < initial <= max");
    }

    @Test
    void missingBoundsAreRefused() {
        assertThatThrownBy(() -> new ReconnectBackoff(null, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(1), null)).isInstanceOf(IllegalArgumentException.class);
    }
}
