package io.github.jnetlink.autoconfigure;

import java.time.Duration;

/**
 * The waits of a failed receive loop before each re-dial: {@code initial}, then doubling up to {@code max}, back
 * to {@code initial} after a successful receive. A socket that breaks for good (its descriptor closed underneath,
 * say) then costs one attempt per step instead of a busy loop, and one that recovers is retried soon again the next
 * time. Used by the loop's thread alone: not thread-safe.
 */
final class ReconnectBackoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;
    private boolean stepped;

    /**
     * @param initial the first wait, more than zero
     * @param max     the longest wait, at least {@code initial}
     * @throws IllegalArgumentException when the bounds are not so
     */
    ReconnectBackoff(Duration initial, Duration max) {
        if (initial == null || max == null || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("a receive loop's backoff needs 0 < initial <= max, got initial " + initial
                    + " and max " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** @return the wait before the next attempt; the one after it is twice as long, at most {@code max} */
    Duration next() {
        Duration d = next;
        stepped = true;
        // compared before doubling: twice a very long max would overflow Duration
        next = d.compareTo(max.dividedBy(2)) > 0 ? max : d.multipliedBy(2);
        return d;
    }

    /** Starts again from {@code initial}: the socket received. */
    void reset() {
        next = initial;
        stepped = false;
    }

    /** @return whether the next wait is the initial one: nothing failed since the last successful receive */
    boolean isReset() {
        return !stepped;
    }

    Duration initial() {
        return initial;
    }

    Duration max() {
        return max;
    }

    @Override
    public String toString() {
        return "ReconnectBackoff[" + initial.toMillis() + " ms doubling to " + max.toMillis() + " ms, next " + next.toMillis() + " ms]";
    }
}
