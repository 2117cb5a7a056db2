package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.testing.FileDescriptors;
import org.junit.jupiter.api.Test;

/**
 * The exchange warm-up against the real kernel: every request for the loopback gets the kernel's answer through
 * {@code execute} or {@code stream} (the warm-up checks each reply is the link with index 1), the time budget ends
 * it early, and nothing stays open.
 */
class ExchangeWarmupTest {

    private static final long NO_LIMIT = Long.MAX_VALUE / 2;

    @Test
    void everyRequestIsAnsweredAndNothingStaysOpen() {
        ExchangeWarmup.run(30, NO_LIMIT); // the classes loaded, so that the count below is of the warm-up's own descriptors
        int before = FileDescriptors.socketsAndEventfds();
        assertThat(ExchangeWarmup.run(ExchangeWarmup.EXCHANGES, NO_LIMIT)).isEqualTo(ExchangeWarmup.EXCHANGES);
        assertThat(FileDescriptors.socketsAndEventfds()).isEqualTo(before);
    }

    @Test
    void aCountThatIsNoMultipleOfTheBudgetCheckIsRunInFull() {
        assertThat(ExchangeWarmup.run(151, NO_LIMIT)).isEqualTo(151);
    }

    @Test
    void aSpentBudgetEndsTheWarmUpBeforeItsFirstRequest() {
        int before = FileDescriptors.socketsAndEventfds();
        assertThat(ExchangeWarmup.run(ExchangeWarmup.EXCHANGES, 0)).isZero();
        assertThat(FileDescriptors.socketsAndEventfds()).isEqualTo(before);
    }
}
