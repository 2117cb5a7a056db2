package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When a warm-up runs: once per JVM, never when turned off or in a native image, and never failing its caller. */
class WarmupsTest {

    @Test
    void aWarmUpRunsOncePerJvmAndNeverWhenTurnedOffOrInANativeImage() {
        AtomicBoolean done = new AtomicBoolean();
        String warmup = System.getProperty("jnetlink.warmup");
        try {
            System.setProperty("jnetlink.warmup", "false");
            assertThat(Warmups.claim(done)).isFalse();
            System.clearProperty("jnetlink.warmup");
            System.setProperty("org.graalvm.nativeimage.imagecode", "runtime");
            assertThat(Warmups.claim(done)).isFalse();
            System.clearProperty("org.graalvm.nativeimage.imagecode");
            assertThat(done).isFalse();
            assertThat(Warmups.claim(done)).isTrue();
            assertThat(Warmups.claim(done)).isFalse();
        } finally {
            System.clearProperty("org.graalvm.nativeimage.imagecode");
            if (warmup == null) {
                System.clearProperty("jnetlink.warmup");
            } else {
                System.setProperty("jnetlink.warmup", warmup);
            }
        }
    }

    @Test
    void aFailingWarmUpIsSkippedWithoutFailingItsCallerAndNotRunAgain() {
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        Runnable failing = () -> {
            runs.incrementAndGet();
            throw new NetlinkClosedException("receive");
        };
        Warmups.once(done, "test", failing);
        Warmups.once(done, "test", failing);
        assertThat(runs).hasValue(1);
        assertThat(done).isTrue();
    }
}
