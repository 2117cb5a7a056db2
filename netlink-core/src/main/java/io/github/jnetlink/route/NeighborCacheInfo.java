package io.github.jnetlink.route;

import io.github.jnetlink.MalformedMessageException;

/**
 * How long ago a neighbour entry was last confirmed, used and updated, and how many references it has:
 * {@code struct nda_cacheinfo} of {@code <linux/neighbour.h>}, sent in {@code NDA_CACHEINFO}. All four fields
 * are unsigned 32-bit values in Java {@code int}s.
 *
 * <p>The kernel ({@code neigh_fill_info}) sends the three times as ages, {@code jiffies_to_clock_t(now - t)}:
 * clock ticks of {@link #USER_HZ} (100 a second, whatever the kernel's own {@code HZ}) before the message was
 * made, so they grow while the entry is left alone. {@code ip -s neigh} prints each divided by
 * {@code sysconf(_SC_CLK_TCK)}, that is in whole seconds ({@code used}, {@code confirmed} and {@code updated} in
 * {@code ip -s -j neigh}); {@link #usedSeconds()} and its siblings do the same. The reference count is the
 * kernel's less its own one reference; {@code ip} prints it as {@code refcnt} only when it is not 0.
 *
 * @param confirmed {@code ndm_confirmed}: ticks since the neighbour was last confirmed reachable
 * @param used      {@code ndm_used}: ticks since the entry was last used to send
 * @param updated   {@code ndm_updated}: ticks since its state or hardware address last changed
 * @param refcount  {@code ndm_refcnt}: references held on the entry, besides the table's own
 */
public record NeighborCacheInfo(int confirmed, int used, int updated, int refcount) {

    /** The size of {@code struct nda_cacheinfo} in bytes. */
    public static final int SIZE = 16;
    /** {@code USER_HZ}: the clock ticks a second the kernel gives the times in. */
    public static final int USER_HZ = 100;

    static NeighborCacheInfo decode(byte[] b, int offset, int length) {
        if (length != SIZE) {
            throw new MalformedMessageException("NDA_CACHEINFO at offset " + (offset - 4) + ": " + length
                    + " bytes, struct nda_cacheinfo is " + SIZE);
        }
        return new NeighborCacheInfo((int) RoutePayload.INT.get(b, offset), (int) RoutePayload.INT.get(b, offset + 4),
                (int) RoutePayload.INT.get(b, offset + 8), (int) RoutePayload.INT.get(b, offset + 12));
    }

    /**
     * @return the structure in host byte order, {@link #SIZE} bytes
     */
    public byte[] encode() {
        byte[] b = new byte[SIZE];
        RoutePayload.INT.set(b, 0, confirmed);
        RoutePayload.INT.set(b, 4, used);
        RoutePayload.INT.set(b, 8, updated);
        RoutePayload.INT.set(b, 12, refcount);
        return b;
    }

    /**
     * @return {@link #confirmed()} in whole seconds, as {@code ip -s neigh} prints it
     */
    public long confirmedSeconds() {
        return Integer.toUnsignedLong(confirmed) / USER_HZ;
    }

    /**
     * @return {@link #used()} in whole seconds, as {@code ip -s neigh} prints it
     */
    public long usedSeconds() {
        return Integer.toUnsignedLong(used) / USER_HZ;
    }

    /**
     * @return {@link #updated()} in whole seconds, as {@code ip -s neigh} prints it
     */
    public long updatedSeconds() {
        return Integer.toUnsignedLong(updated) / USER_HZ;
    }
}
