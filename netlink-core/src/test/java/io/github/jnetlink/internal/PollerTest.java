package io.github.jnetlink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The deadline arithmetic of {@link Poller}, without a kernel. */
class PollerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.000000500Z");

    @Test
    void partialMillisecondsRoundUpSoAWaitNeverEndsEarly() {
        assertThat(Poller.millisUntil(NOW.plusNanos(1), NOW)).isEqualTo(1);
        assertThat(Poller.millisUntil(NOW.plusMillis(5), NOW)).isEqualTo(5);
        assertThat(Poller.millisUntil(NOW.plusMillis(5).plusNanos(1), NOW)).isEqualTo(6);
        assertThat(Poller.millisUntil(NOW.plusSeconds(2).minusNanos(999_999_999), NOW)).isEqualTo(1001);
    }

    @Test
    void aPassedDeadlineLeavesNothing() {
        assertThat(Poller.millisUntil(NOW, NOW)).isZero();
        assertThat(Poller.millisUntil(NOW.minusNanos(1), NOW)).isNegative();
        assertThat(Poller.millisUntil(NOW.minusSeconds(3600), NOW)).isNegative();
    }

    @Test
    void farDeadlinesSaturate() {
        assertThat(Poller.millisUntil(Instant.MAX, NOW)).isEqualTo(Long.MAX_VALUE);
        assertThat(Poller.millisUntil(Instant.MIN, NOW)).isNegative();
        assertThat(Poller.millisUntil(NOW.plusSeconds(86_400L * 365 * 100), NOW)).isEqualTo(86_400_000L * 365 * 100);
    }
}
