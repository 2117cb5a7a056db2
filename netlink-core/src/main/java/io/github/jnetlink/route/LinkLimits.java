package io.github.jnetlink.route;

import io.github.jnetlink.AttributeEncoder;

/**
 * The sizes a link's driver allows and uses: MTU bounds, queue counts, and the largest packets the stack
 * builds for segmentation offload (GSO, TSO) and accepts from receive aggregation (GRO). {@code ip -d link}
 * prints them as {@code min_mtu}, {@code max_mtu}, {@code num_tx_queues}, {@code num_rx_queues},
 * {@code gso_max_size}, {@code gso_max_segs}, {@code gro_max_size}, {@code tso_max_size}, {@code tso_max_segs},
 * {@code gso_ipv4_max_size} and {@code gro_ipv4_max_size}. Every value is an unsigned 32-bit attribute held in a
 * Java {@code int}, null when the message lacks it (older kernels lack the newer ones). Sizes are in bytes.
 *
 * <p>In a request, {@code IFLA_GSO_MAX_SIZE}, {@code IFLA_GSO_MAX_SEGS}, {@code IFLA_GRO_MAX_SIZE} and the IPv4
 * ones change the link; the queue counts only apply when creating one; the others are read-only.
 *
 * @param minMtu         {@code IFLA_MIN_MTU}: the smallest MTU the driver accepts
 * @param maxMtu         {@code IFLA_MAX_MTU}: the largest MTU the driver accepts
 * @param numTxQueues    {@code IFLA_NUM_TX_QUEUES}: transmit queues
 * @param numRxQueues    {@code IFLA_NUM_RX_QUEUES}: receive queues
 * @param gsoMaxSize     {@code IFLA_GSO_MAX_SIZE}: the largest GSO packet the stack builds for IPv6 (and for
 *                       IPv4 up to {@code gsoIpv4MaxSize})
 * @param gsoMaxSegs     {@code IFLA_GSO_MAX_SEGS}: the most segments in one GSO packet
 * @param groMaxSize     {@code IFLA_GRO_MAX_SIZE}: the largest packet GRO builds for IPv6
 * @param tsoMaxSize     {@code IFLA_TSO_MAX_SIZE}: the largest TSO packet the device can take (read-only)
 * @param tsoMaxSegs     {@code IFLA_TSO_MAX_SEGS}: the most segments the device can take (read-only)
 * @param gsoIpv4MaxSize {@code IFLA_GSO_IPV4_MAX_SIZE}: the largest GSO packet for IPv4
 * @param groIpv4MaxSize {@code IFLA_GRO_IPV4_MAX_SIZE}: the largest GRO packet for IPv4
 */
public record LinkLimits(Integer minMtu, Integer maxMtu, Integer numTxQueues, Integer numRxQueues,
        Integer gsoMaxSize, Integer gsoMaxSegs, Integer groMaxSize, Integer tsoMaxSize, Integer tsoMaxSegs,
        Integer gsoIpv4MaxSize, Integer groIpv4MaxSize) {

    /** {@code IFLA_NUM_TX_QUEUES}: u32. */
    public static final int IFLA_NUM_TX_QUEUES = 31;
    /** {@code IFLA_NUM_RX_QUEUES}: u32. */
    public static final int IFLA_NUM_RX_QUEUES = 32;
    /** {@code IFLA_GSO_MAX_SEGS}: u32. */
    public static final int IFLA_GSO_MAX_SEGS = 40;
    /** {@code IFLA_GSO_MAX_SIZE}: u32 bytes. */
    public static final int IFLA_GSO_MAX_SIZE = 41;
    /** {@code IFLA_MIN_MTU}: u32 bytes. */
    public static final int IFLA_MIN_MTU = 50;
    /** {@code IFLA_MAX_MTU}: u32 bytes. */
    public static final int IFLA_MAX_MTU = 51;
    /** {@code IFLA_GRO_MAX_SIZE}: u32 bytes. */
    public static final int IFLA_GRO_MAX_SIZE = 58;
    /** {@code IFLA_TSO_MAX_SIZE}: u32 bytes. */
    public static final int IFLA_TSO_MAX_SIZE = 59;
    /** {@code IFLA_TSO_MAX_SEGS}: u32. */
    public static final int IFLA_TSO_MAX_SEGS = 60;
    /** {@code IFLA_GSO_IPV4_MAX_SIZE}: u32 bytes. */
    public static final int IFLA_GSO_IPV4_MAX_SIZE = 63;
    /** {@code IFLA_GRO_IPV4_MAX_SIZE}: u32 bytes. */
    public static final int IFLA_GRO_IPV4_MAX_SIZE = 64;

    /** The attribute types this record holds, in the order {@link #encode} writes them. */
    static final int[] TYPES = {IFLA_MIN_MTU, IFLA_MAX_MTU, IFLA_NUM_TX_QUEUES, IFLA_NUM_RX_QUEUES,
        IFLA_GSO_MAX_SIZE, IFLA_GSO_MAX_SEGS, IFLA_GRO_MAX_SIZE, IFLA_TSO_MAX_SIZE, IFLA_TSO_MAX_SEGS,
        IFLA_GSO_IPV4_MAX_SIZE, IFLA_GRO_IPV4_MAX_SIZE};

    /** The value of one of {@link #TYPES}, by its position there. */
    Integer get(int i) {
        return switch (i) {
            case 0 -> minMtu;
            case 1 -> maxMtu;
            case 2 -> numTxQueues;
            case 3 -> numRxQueues;
            case 4 -> gsoMaxSize;
            case 5 -> gsoMaxSegs;
            case 6 -> groMaxSize;
            case 7 -> tsoMaxSize;
            case 8 -> tsoMaxSegs;
            case 9 -> gsoIpv4MaxSize;
            case 10 -> groIpv4MaxSize;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    /** The position in {@link #TYPES} of an attribute type, or -1. */
    static int slot(int type) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i] == type) {
                return i;
            }
        }
        return -1;
    }

    /** The name of the field holding an attribute type, or null. */
    static String field(int type) {
        return switch (type) {
            case IFLA_MIN_MTU -> "limits.minMtu (IFLA_MIN_MTU)";
            case IFLA_MAX_MTU -> "limits.maxMtu (IFLA_MAX_MTU)";
            case IFLA_NUM_TX_QUEUES -> "limits.numTxQueues (IFLA_NUM_TX_QUEUES)";
            case IFLA_NUM_RX_QUEUES -> "limits.numRxQueues (IFLA_NUM_RX_QUEUES)";
            case IFLA_GSO_MAX_SIZE -> "limits.gsoMaxSize (IFLA_GSO_MAX_SIZE)";
            case IFLA_GSO_MAX_SEGS -> "limits.gsoMaxSegs (IFLA_GSO_MAX_SEGS)";
            case IFLA_GRO_MAX_SIZE -> "limits.groMaxSize (IFLA_GRO_MAX_SIZE)";
            case IFLA_TSO_MAX_SIZE -> "limits.tsoMaxSize (IFLA_TSO_MAX_SIZE)";
            case IFLA_TSO_MAX_SEGS -> "limits.tsoMaxSegs (IFLA_TSO_MAX_SEGS)";
            case IFLA_GSO_IPV4_MAX_SIZE -> "limits.gsoIpv4MaxSize (IFLA_GSO_IPV4_MAX_SIZE)";
            case IFLA_GRO_IPV4_MAX_SIZE -> "limits.groIpv4MaxSize (IFLA_GRO_IPV4_MAX_SIZE)";
            default -> null;
        };
    }

    /** The record of values decoded by position in {@link #TYPES}, or null when none was present. */
    static LinkLimits of(Integer[] v) {
        for (Integer x : v) {
            if (x != null) {
                return new LinkLimits(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
            }
        }
        return null;
    }

    boolean isEmpty() {
        for (int i = 0; i < TYPES.length; i++) {
            if (get(i) != null) {
                return false;
            }
        }
        return true;
    }

    void encode(AttributeEncoder e) {
        for (int i = 0; i < TYPES.length; i++) {
            RoutePayload.u32(e, TYPES[i], get(i));
        }
    }
}
