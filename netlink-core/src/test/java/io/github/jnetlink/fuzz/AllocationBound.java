package io.github.jnetlink.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Asserts that decoding allocates in proportion to its input, never to what a length field inside it claims:
 * at most {@link #PER_BYTE} bytes of heap per input byte plus {@link #FIXED} bytes, measured with the JVM's
 * per-thread allocation counter ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}).
 *
 * <p>A first decode may load and initialise classes (string concatenation bootstraps, exception classes),
 * which allocates once per JVM and has nothing to do with the input; so a measurement over the bound is
 * repeated once, and only the repeat can fail. Decoders are deterministic, so the repeat sees the same input
 * take the same path.
 */
final class AllocationBound {

    static final long PER_BYTE = 64;
    static final long FIXED = 64 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationBound() {
    }

    /**
     * Runs {@code decode} (which must catch the exceptions it expects) and fails if it allocated more than
     * the bound for {@code inputLength} bytes, naming {@code what}.
     */
    static void check(String what, int inputLength, Runnable decode) {
        long bound = PER_BYTE * inputLength + FIXED;
        long used = measure(decode);
        if (used > bound) {
            used = measure(decode);
            if (used > bound) {
                throw new AssertionError(what + " allocated " + used + " bytes decoding " + inputLength
                        + " bytes of input, more than the bound " + PER_BYTE + " * " + inputLength + " + " + FIXED + " = " + bound);
            }
        }
    }

    private static long measure(Runnable decode) {
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        decode.run();
        return THREADS.getThreadAllocatedBytes(id) - before;
    }
}
