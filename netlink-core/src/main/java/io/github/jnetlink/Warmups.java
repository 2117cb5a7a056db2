package io.github.jnetlink;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When the JIT warm-ups ({@link ExchangeWarmup} at the first dial, {@link ReceiveWarmup} at the first join) run: once
 * each per JVM, unless {@code -Djnetlink.warmup=false} turns them off or this is a GraalVM native image, compiled
 * ahead of time, where there is no JIT to warm up. A warm-up that fails is skipped, logged at DEBUG: it only ever
 * makes the first requests faster.
 */
final class Warmups {

    private static final System.Logger LOG = System.getLogger(Conn.class.getName());

    private Warmups() {
    }

    /**
     * @param done the flag of one warm-up
     * @return true for the first caller of this JVM, when warm-ups run at all
     */
    static boolean claim(AtomicBoolean done) {
        return Boolean.parseBoolean(System.getProperty("jnetlink.warmup", "true"))
                && System.getProperty("org.graalvm.nativeimage.imagecode") == null && done.compareAndSet(false, true);
    }

    /**
     * Runs {@code warmUp} if {@link #claim} says so.
     *
     * @param done   the flag of this warm-up
     * @param name   what it warms up, for the log
     * @param warmUp the warm-up
     */
    static void once(AtomicBoolean done, String name, Runnable warmUp) {
        if (!claim(done)) {
            return;
        }
        try {
            warmUp.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "jnetlink: " + name + " warm-up skipped: " + e.getMessage(), e);
        }
    }
}
