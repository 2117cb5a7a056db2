package io.github.jnetlink.internal;

import io.github.jnetlink.NetlinkTimeoutException;
import java.time.Instant;

/**
 * How long one {@code poll} of a waiting receive or send may take: what is left until the deadline, at most one
 * slice of {@value #INTERRUPT_CHECK_MILLIS} ms, because {@code poll} cannot see {@link Thread#interrupt()}.
 *
 * <p>Public only so that the transport modules built on other native bindings wait exactly as this one does; not
 * an API.
 */
public final class PollSlice {

    /** How long a wait may take to notice {@link Thread#interrupt()}. */
    public static final int INTERRUPT_CHECK_MILLIS = 100;

    private PollSlice() {
    }

    /**
     * The poll timeout for the next slice of a wait.
     *
     * @param deadline  the deadline, or null for none
     * @param operation what waits, for the exception
     * @return milliseconds, 1 to {@value #INTERRUPT_CHECK_MILLIS}
     * @throws NetlinkTimeoutException when the deadline has passed
     */
    public static int millis(Instant deadline, String operation) {
        if (deadline == null) {
            return INTERRUPT_CHECK_MILLIS;
        }
        long left = millisUntil(deadline, Instant.now());
        if (left <= 0) {
            throw new NetlinkTimeoutException(operation);
        }
        return (int) Math.min(left, INTERRUPT_CHECK_MILLIS);
    }

    /** Milliseconds from {@code now} to {@code deadline}, rounded up, saturating; 0 or less when it has passed. */
    static long millisUntil(Instant deadline, Instant now) {
        long seconds = deadline.getEpochSecond() - now.getEpochSecond();
        if (seconds > Long.MAX_VALUE / 1_000_000_000L - 1) {
            return Long.MAX_VALUE;
        }
        if (seconds < Long.MIN_VALUE / 1_000_000_000L + 1) {
            return Long.MIN_VALUE;
        }
        long nanos = seconds * 1_000_000_000L + (deadline.getNano() - now.getNano());
        return nanos <= 0 ? nanos : (nanos + 999_999) / 1_000_000;
    }
}
