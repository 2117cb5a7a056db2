package io.github.jnetlink.route;

import io.github.jnetlink.MalformedMessageException;

/**
 * An address's lifetimes and timestamps, {@code struct ifa_cacheinfo} of {@code <linux/if_addr.h>}, sent in
 * {@code IFA_CACHEINFO}. All four fields are unsigned 32-bit values in Java {@code int}s.
 *
 * @param preferred {@code ifa_prefered}: seconds the address stays preferred; {@link #FOREVER} for ever
 *                  ({@code preferred_life_time} in {@code ip -j addr})
 * @param valid     {@code ifa_valid}: seconds the address stays valid; {@link #FOREVER} for ever
 *                  ({@code valid_life_time})
 * @param created   {@code cstamp}: when the address was added, in hundredths of a second since boot
 * @param updated   {@code tstamp}: when it last changed, in hundredths of a second since boot
 */
public record AddressCacheInfo(int preferred, int valid, int created, int updated) {

    /** The size of {@code struct ifa_cacheinfo} in bytes. */
    public static final int SIZE = 16;
    /** {@code INFINITY_LIFE_TIME}: a lifetime that never ends, 0xFFFFFFFF. */
    public static final int FOREVER = 0xFFFFFFFF;

    static AddressCacheInfo decode(byte[] b, int offset, int length) {
        if (length != SIZE) {
            throw new MalformedMessageException("IFA_CACHEINFO at offset " + (offset - 4) + ": " + length
                    + " bytes, struct ifa_cacheinfo is " + SIZE);
        }
        return new AddressCacheInfo((int) RoutePayload.INT.get(b, offset), (int) RoutePayload.INT.get(b, offset + 4),
                (int) RoutePayload.INT.get(b, offset + 8), (int) RoutePayload.INT.get(b, offset + 12));
    }

    /**
     * @return the structure in host byte order, {@link #SIZE} bytes
     */
    public byte[] encode() {
        byte[] b = new byte[SIZE];
        RoutePayload.INT.set(b, 0, preferred);
        RoutePayload.INT.set(b, 4, valid);
        RoutePayload.INT.set(b, 8, created);
        RoutePayload.INT.set(b, 12, updated);
        return b;
    }
}
