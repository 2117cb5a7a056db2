package io.github.jnetlink.route;

import io.github.jnetlink.MalformedMessageException;

/**
 * A route's cache information, {@code struct rta_cacheinfo} of {@code <linux/rtnetlink.h>}, sent in
 * {@code RTA_CACHEINFO} (the kernel adds it to every IPv6 route, and to IPv4 routes of the route cache and
 * {@code RTM_GETROUTE} answers). Times are in clock ticks of {@link #USER_HZ} per second; all fields are
 * 32-bit values in Java {@code int}s.
 *
 * @param clientReferences {@code rta_clntref}: references to the cached route
 * @param lastUse          {@code rta_lastuse}: ticks since the route was last used
 * @param expires          {@code rta_expires}: ticks until the route expires (signed); 0 when it does not.
 *                         For an IPv6 route added with {@code ip -6 route add ... expires 300}, see
 *                         {@link #expiresSeconds()}
 * @param error            {@code rta_error}: the route's error, a negative errno, or 0
 * @param used             {@code rta_used}: times the route was used
 * @param id               {@code rta_id}: the IP ID of the peer, or 0
 * @param timestamp        {@code rta_ts}: the peer's TCP timestamp, or 0
 * @param timestampAge     {@code rta_tsage}: seconds since that timestamp was seen
 */
public record RouteCacheInfo(int clientReferences, int lastUse, int expires, int error, int used, int id,
        int timestamp, int timestampAge) {

    /** The size of {@code struct rta_cacheinfo} in bytes. */
    public static final int SIZE = 32;
    /** {@code USER_HZ}: the clock ticks per second of {@code clock_t} values the kernel reports to user space. */
    public static final int USER_HZ = 100;

    /**
     * @return {@link #expires()} in whole seconds, as {@code ip route} prints {@code expires 299sec}
     */
    public int expiresSeconds() {
        return expires / USER_HZ;
    }

    static RouteCacheInfo decode(byte[] b, int offset, int length) {
        if (length != SIZE) {
            throw new MalformedMessageException("RTA_CACHEINFO at offset " + (offset - 4) + ": " + length
                    + " bytes, struct rta_cacheinfo is " + SIZE);
        }
        int[] v = new int[8];
        for (int i = 0; i < v.length; i++) {
            v[i] = (int) RoutePayload.INT.get(b, offset + 4 * i);
        }
        return new RouteCacheInfo(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    /**
     * @return the structure in host byte order, {@link #SIZE} bytes
     */
    byte[] encode() {
        int[] v = {clientReferences, lastUse, expires, error, used, id, timestamp, timestampAge};
        byte[] b = new byte[SIZE];
        for (int i = 0; i < v.length; i++) {
            RoutePayload.INT.set(b, 4 * i, v[i]);
        }
        return b;
    }
}
