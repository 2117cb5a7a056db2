package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * A route's metrics, the {@code RTAX_*} attributes nested in {@code RTA_METRICS}: what {@code ip route add ...
 * mtu lock 1400 advmss 1360 rtt 100ms congctl reno} sets and {@code ip -d route} prints. The kernel sends only
 * the metrics that are not 0. Values are in the kernel's own units, as {@code RTA_METRICS} carries them:
 * {@link #rtt()} in 1/8 ms and {@link #rttVariance()} in 1/4 ms (see {@link #rttMillis()}), {@link #rtoMin()}
 * in ms, windows in bytes or segments as TCP counts them. Metrics the message lacks are {@code null}; unsigned
 * 32-bit values are Java {@code int}s holding the bits.
 *
 * <p>A locked metric ({@code ip route ... mtu lock 1400}) is one the kernel does not change on its own, for
 * example from path MTU discovery; {@link #lock()} is the {@code RTAX_LOCK} bit mask, bit {@code 1 << RTAX_x}
 * for each, and {@link #locked(int)} tests one.
 *
 * @param lock                    {@code RTAX_LOCK}: bit {@code 1 << RTAX_x} set for each locked metric; 0 for none
 * @param mtu                     {@code RTAX_MTU}: the path MTU in bytes ({@code mtu})
 * @param window                  {@code RTAX_WINDOW}: the largest TCP window to advertise, in bytes ({@code window})
 * @param rtt                     {@code RTAX_RTT}: the initial round-trip time, in 1/8 ms ({@code rtt}, which
 *                                {@code ip} prints in ms)
 * @param rttVariance             {@code RTAX_RTTVAR}: the initial RTT variance, in 1/4 ms ({@code rttvar})
 * @param slowStartThreshold      {@code RTAX_SSTHRESH}: the initial slow start threshold, in segments ({@code ssthresh})
 * @param congestionWindow        {@code RTAX_CWND}: the congestion window clamp, in segments ({@code cwnd})
 * @param advertisedMss           {@code RTAX_ADVMSS}: the MSS to advertise, in bytes ({@code advmss})
 * @param reordering              {@code RTAX_REORDERING}: the initial reordering level ({@code reordering})
 * @param hopLimit                {@code RTAX_HOPLIMIT}: the TTL or hop limit of packets sent ({@code hoplimit})
 * @param initialCongestionWindow {@code RTAX_INITCWND}: the initial congestion window, in segments ({@code initcwnd})
 * @param features                {@code RTAX_FEATURES}: {@code RTAX_FEATURE_*} bits, such as {@link #RTAX_FEATURE_ECN}
 *                                ({@code features ecn})
 * @param rtoMin                  {@code RTAX_RTO_MIN}: the smallest TCP retransmission timeout, in ms ({@code rto_min})
 * @param initialReceiveWindow    {@code RTAX_INITRWND}: the initial receive window, in segments ({@code initrwnd})
 * @param quickAck                {@code RTAX_QUICKACK}: 1 to keep TCP in quick-ack mode ({@code quickack})
 * @param congestionControl       {@code RTAX_CC_ALGO}: the TCP congestion control algorithm, such as
 *                                {@code "reno"} ({@code congctl})
 * @param fastOpenNoCookie        {@code RTAX_FASTOPEN_NO_COOKIE}: 1 to allow TCP Fast Open without a cookie
 *                                ({@code fastopen_no_cookie})
 * @param unknown                 other {@code RTAX_*} attributes, as sent
 */
public record RouteMetrics(int lock, Integer mtu, Integer window, Integer rtt, Integer rttVariance,
        Integer slowStartThreshold, Integer congestionWindow, Integer advertisedMss, Integer reordering,
        Integer hopLimit, Integer initialCongestionWindow, Integer features, Integer rtoMin,
        Integer initialReceiveWindow, Integer quickAck, String congestionControl, Integer fastOpenNoCookie,
        List<Attribute> unknown) {

    /** {@code RTAX_LOCK} (1): u32 mask of locked metrics. */
    public static final int RTAX_LOCK = 1;
    /** {@code RTAX_MTU} (2). */
    public static final int RTAX_MTU = 2;
    /** {@code RTAX_WINDOW} (3). */
    public static final int RTAX_WINDOW = 3;
    /** {@code RTAX_RTT} (4). */
    public static final int RTAX_RTT = 4;
    /** {@code RTAX_RTTVAR} (5). */
    public static final int RTAX_RTTVAR = 5;
    /** {@code RTAX_SSTHRESH} (6). */
    public static final int RTAX_SSTHRESH = 6;
    /** {@code RTAX_CWND} (7). */
    public static final int RTAX_CWND = 7;
    /** {@code RTAX_ADVMSS} (8). */
    public static final int RTAX_ADVMSS = 8;
    /** {@code RTAX_REORDERING} (9). */
    public static final int RTAX_REORDERING = 9;
    /** {@code RTAX_HOPLIMIT} (10). */
    public static final int RTAX_HOPLIMIT = 10;
    /** {@code RTAX_INITCWND} (11). */
    public static final int RTAX_INITCWND = 11;
    /** {@code RTAX_FEATURES} (12). */
    public static final int RTAX_FEATURES = 12;
    /** {@code RTAX_RTO_MIN} (13). */
    public static final int RTAX_RTO_MIN = 13;
    /** {@code RTAX_INITRWND} (14). */
    public static final int RTAX_INITRWND = 14;
    /** {@code RTAX_QUICKACK} (15). */
    public static final int RTAX_QUICKACK = 15;
    /** {@code RTAX_CC_ALGO} (16): string. */
    public static final int RTAX_CC_ALGO = 16;
    /** {@code RTAX_FASTOPEN_NO_COOKIE} (17). */
    public static final int RTAX_FASTOPEN_NO_COOKIE = 17;
    /** {@code RTAX_FEATURE_ECN}: use ECN on connections over the route. */
    public static final int RTAX_FEATURE_ECN = 1;

    /** The iproute2 names of RTAX_MTU to RTAX_FASTOPEN_NO_COOKIE, by type. */
    private static final String[] NAMES = {null, "lock", "mtu", "window", "rtt", "rttvar", "ssthresh", "cwnd", "advmss",
        "reordering", "hoplimit", "initcwnd", "features", "rto_min", "initrwnd", "quickack", "congctl",
        "fastopen_no_cookie"};

    /**
     * Copies {@code unknown}.
     *
     * @throws NetlinkException if {@code unknown} contains null; a null list becomes empty
     */
    public RouteMetrics {
        unknown = RoutePayload.copy(unknown, "route metrics unknown attributes");
    }

    /**
     * @return a builder with no metric set; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder holding these metrics
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.lock = lock;
        Integer[] v = values();
        System.arraycopy(v, 0, b.values, 0, v.length);
        b.congestionControl = congestionControl;
        b.unknown = new ArrayList<>(unknown);
        return b;
    }

    /**
     * @param metric an {@code RTAX_*} type, such as {@link #RTAX_MTU}
     * @return whether the metric is locked: bit {@code 1 << metric} of {@link #lock()}; false for a type
     *         outside 0 to 31
     */
    public boolean locked(int metric) {
        return metric >= 0 && metric < 32 && (lock & (1 << metric)) != 0;
    }

    /**
     * @return {@link #rtt()} in whole milliseconds, as {@code ip route} prints {@code rtt}; null when absent
     */
    public Integer rttMillis() {
        return rtt == null ? null : (int) (Integer.toUnsignedLong(rtt) / 8);
    }

    /**
     * @return {@link #rttVariance()} in whole milliseconds, as {@code ip route} prints {@code rttvar}; null when
     *         absent
     */
    public Integer rttVarianceMillis() {
        return rttVariance == null ? null : (int) (Integer.toUnsignedLong(rttVariance) / 4);
    }

    /**
     * @param metric an {@code RTAX_*} type from {@link #RTAX_LOCK} to {@link #RTAX_FASTOPEN_NO_COOKIE}
     * @return the name {@code ip route} gives it, such as {@code "advmss"}, or the number for another type
     */
    public static String name(int metric) {
        return metric > 0 && metric < NAMES.length ? NAMES[metric] : Integer.toString(metric);
    }

    /** The u32 metrics, RTAX_MTU (index 0) to RTAX_FASTOPEN_NO_COOKIE, with null for RTAX_CC_ALGO. */
    private Integer[] values() {
        return new Integer[] {mtu, window, rtt, rttVariance, slowStartThreshold, congestionWindow, advertisedMss,
            reordering, hopLimit, initialCongestionWindow, features, rtoMin, initialReceiveWindow, quickAck, null,
            fastOpenNoCookie};
    }

    /** Whether decoding reads a metric of this type into a field. */
    static boolean decoded(int type) {
        return type >= RTAX_LOCK && type <= RTAX_FASTOPEN_NO_COOKIE;
    }

    /**
     * Reads the {@code RTAX_*} attributes of an {@code RTA_METRICS} payload. When a metric repeats, the last
     * one counts.
     *
     * @throws MalformedMessageException if an attribute is malformed or a u32 metric is not 4 bytes
     */
    static RouteMetrics decode(byte[] b, int offset, int length) {
        int lock = 0;
        Integer[] v = new Integer[NAMES.length - 2];
        String cc = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = new AttributeDecoder(b, offset, length);
        while (d.next()) {
            int t = d.type();
            if (t == RTAX_CC_ALGO) {
                cc = d.string();
            } else if (decoded(t)) {
                if (d.length() != 4) {
                    throw new MalformedMessageException("RTA_METRICS: RTAX_" + name(t).toUpperCase() + " (" + t
                            + ") at offset " + (d.offset() - 4) + " needs a 4-byte u32, got " + d.length() + " bytes");
                }
                int value = d.u32();
                if (t == RTAX_LOCK) {
                    lock = value;
                } else {
                    v[t - RTAX_MTU] = value;
                }
            } else {
                unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        return new RouteMetrics(lock, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13], cc, v[15], RoutePayload.finish(unknown));
    }

    /**
     * @return the {@code RTA_METRICS} payload: {@code RTAX_LOCK} unless 0, each metric present in type order,
     *         then {@link #unknown()}
     * @throws NetlinkArgumentException if {@link #congestionControl()} contains NUL or an attribute is too long
     */
    byte[] encode() {
        AttributeEncoder e = new AttributeEncoder(160);
        if (lock != 0) {
            e.s32(RTAX_LOCK, lock);
        }
        Integer[] v = values();
        for (int i = 0; i < v.length; i++) {
            int t = RTAX_MTU + i;
            if (t == RTAX_CC_ALGO) {
                if (congestionControl != null) {
                    e.string(RTAX_CC_ALGO, congestionControl);
                }
            } else {
                RoutePayload.u32(e, t, v[i]);
            }
        }
        RoutePayload.writeAll(e, unknown);
        return e.encode();
    }

    /** Refuses raw attributes that decoding would read into a field. */
    static void checkRaw(String record, String list, List<Attribute> unknown) {
        RecordArguments.raw(record, list, unknown, (t, length) -> decoded(t)
                ? "RTAX_" + name(t).toUpperCase() + " (" + t + ")" : null);
    }

    /**
     * Builds {@link RouteMetrics} metric by metric, each setter named after the component it sets; a metric not
     * set is absent. Not thread-safe.
     */
    public static final class Builder {

        private int lock;
        private final Integer[] values = new Integer[NAMES.length - 2];
        private String congestionControl;
        private List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        private Builder set(int type, Integer value) {
            values[type - RTAX_MTU] = value;
            return this;
        }

        /**
         * @param lock the {@code RTAX_LOCK} mask, bit {@code 1 << RTAX_x} for each locked metric
         * @return this builder
         */
        public Builder lock(int lock) {
            this.lock = lock;
            return this;
        }

        /**
         * Locks one metric, as {@code ip route ... mtu lock 1400} does.
         *
         * @param metric an {@code RTAX_*} type, {@link RouteMetrics#RTAX_MTU} to 31
         * @param locked whether to lock it (or unlock it)
         * @return this builder
         * @throws NetlinkException if {@code metric} is not 0 to 31
         */
        public Builder lock(int metric, boolean locked) {
            if (metric < 0 || metric > 31) {
                throw new NetlinkArgumentException("RouteMetrics.builder(): lock metric must be an RTAX_* type 0 to 31, got "
                        + metric);
            }
            lock = locked ? lock | (1 << metric) : lock & ~(1 << metric);
            return this;
        }

        /**
         * @param mtu {@code RTAX_MTU} in bytes, or null
         * @return this builder
         */
        public Builder mtu(Integer mtu) {
            return set(RTAX_MTU, mtu);
        }

        /**
         * @param window {@code RTAX_WINDOW} in bytes, or null
         * @return this builder
         */
        public Builder window(Integer window) {
            return set(RTAX_WINDOW, window);
        }

        /**
         * @param rtt {@code RTAX_RTT} in 1/8 ms (8 times {@code ip}'s ms), or null
         * @return this builder
         */
        public Builder rtt(Integer rtt) {
            return set(RTAX_RTT, rtt);
        }

        /**
         * @param rttVariance {@code RTAX_RTTVAR} in 1/4 ms, or null
         * @return this builder
         */
        public Builder rttVariance(Integer rttVariance) {
            return set(RTAX_RTTVAR, rttVariance);
        }

        /**
         * @param slowStartThreshold {@code RTAX_SSTHRESH} in segments, or null
         * @return this builder
         */
        public Builder slowStartThreshold(Integer slowStartThreshold) {
            return set(RTAX_SSTHRESH, slowStartThreshold);
        }

        /**
         * @param congestionWindow {@code RTAX_CWND} in segments, or null
         * @return this builder
         */
        public Builder congestionWindow(Integer congestionWindow) {
            return set(RTAX_CWND, congestionWindow);
        }

        /**
         * @param advertisedMss {@code RTAX_ADVMSS} in bytes, or null
         * @return this builder
         */
        public Builder advertisedMss(Integer advertisedMss) {
            return set(RTAX_ADVMSS, advertisedMss);
        }

        /**
         * @param reordering {@code RTAX_REORDERING}, or null
         * @return this builder
         */
        public Builder reordering(Integer reordering) {
            return set(RTAX_REORDERING, reordering);
        }

        /**
         * @param hopLimit {@code RTAX_HOPLIMIT}, 1 to 255, or null
         * @return this builder
         */
        public Builder hopLimit(Integer hopLimit) {
            return set(RTAX_HOPLIMIT, hopLimit);
        }

        /**
         * @param initialCongestionWindow {@code RTAX_INITCWND} in segments, or null
         * @return this builder
         */
        public Builder initialCongestionWindow(Integer initialCongestionWindow) {
            return set(RTAX_INITCWND, initialCongestionWindow);
        }

        /**
         * @param features {@code RTAX_FEATURES} bits, or null
         * @return this builder
         */
        public Builder features(Integer features) {
            return set(RTAX_FEATURES, features);
        }

        /**
         * @param rtoMin {@code RTAX_RTO_MIN} in ms, or null
         * @return this builder
         */
        public Builder rtoMin(Integer rtoMin) {
            return set(RTAX_RTO_MIN, rtoMin);
        }

        /**
         * @param initialReceiveWindow {@code RTAX_INITRWND} in segments, or null
         * @return this builder
         */
        public Builder initialReceiveWindow(Integer initialReceiveWindow) {
            return set(RTAX_INITRWND, initialReceiveWindow);
        }

        /**
         * @param quickAck {@code RTAX_QUICKACK}, 0 or 1, or null
         * @return this builder
         */
        public Builder quickAck(Integer quickAck) {
            return set(RTAX_QUICKACK, quickAck);
        }

        /**
         * @param congestionControl {@code RTAX_CC_ALGO}, a TCP congestion control algorithm such as {@code "reno"},
         *                          without NUL; or null
         * @return this builder
         */
        public Builder congestionControl(String congestionControl) {
            this.congestionControl = congestionControl;
            return this;
        }

        /**
         * @param fastOpenNoCookie {@code RTAX_FASTOPEN_NO_COOKIE}, 0 or 1, or null
         * @return this builder
         */
        public Builder fastOpenNoCookie(Integer fastOpenNoCookie) {
            return set(RTAX_FASTOPEN_NO_COOKIE, fastOpenNoCookie);
        }

        /**
         * @param unknown other {@code RTAX_*} attributes, of types above {@link RouteMetrics#RTAX_FASTOPEN_NO_COOKIE};
         *                copied; null for none
         * @return this builder
         */
        public Builder unknown(List<Attribute> unknown) {
            this.unknown = RecordArguments.mutableCopy(unknown);
            return this;
        }

        /**
         * @return the metrics
         * @throws NetlinkException if {@code congestionControl} contains NUL, or an {@code unknown} attribute is
         *         null, too long, or of a type the record decodes into a field
         */
        public RouteMetrics build() {
            String what = "RouteMetrics.builder()";
            if (congestionControl != null && congestionControl.indexOf('\0') >= 0) {
                throw new NetlinkArgumentException(what + ": congestionControl (RTAX_CC_ALGO) contains NUL");
            }
            checkRaw(what, "unknown", unknown);
            Integer[] v = values;
            return new RouteMetrics(lock, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
                    v[12], v[13], congestionControl, v[15], unknown);
        }
    }
}
