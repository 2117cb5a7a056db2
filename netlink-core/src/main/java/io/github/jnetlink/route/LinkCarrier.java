package io.github.jnetlink.route;

/**
 * Whether a link has carrier and how often that changed: the driver's view of the physical layer, as
 * {@code ip -s -s -d link} prints it in {@code carrier_changes} and {@code /sys/class/net/NAME/} shows it in
 * {@code carrier}, {@code carrier_changes}, {@code carrier_up_count} and {@code carrier_down_count}. The kernel
 * sends all four in every {@code RTM_NEWLINK}; each is null when the message lacks it. Counters are unsigned
 * 32-bit values held in Java {@code int}s.
 *
 * @param carrier   {@code IFLA_CARRIER} (u8): whether the driver signals carrier ({@code netif_carrier_ok},
 *                  {@code LOWER_UP} in the flags); in a request it sets the carrier of devices that allow it
 * @param changes   {@code IFLA_CARRIER_CHANGES} (u32): carrier ups plus downs since the device was created
 * @param upCount   {@code IFLA_CARRIER_UP_COUNT} (u32): how often carrier came up
 * @param downCount {@code IFLA_CARRIER_DOWN_COUNT} (u32): how often carrier went down
 */
public record LinkCarrier(Boolean carrier, Integer changes, Integer upCount, Integer downCount) {

    /** {@code IFLA_CARRIER}: u8 carrier state. */
    public static final int IFLA_CARRIER = 33;
    /** {@code IFLA_CARRIER_CHANGES}: u32 count of carrier changes. */
    public static final int IFLA_CARRIER_CHANGES = 35;
    /** {@code IFLA_CARRIER_UP_COUNT}: u32 count of carrier ups. */
    public static final int IFLA_CARRIER_UP_COUNT = 47;
    /** {@code IFLA_CARRIER_DOWN_COUNT}: u32 count of carrier downs. */
    public static final int IFLA_CARRIER_DOWN_COUNT = 48;

    boolean isEmpty() {
        return carrier == null && changes == null && upCount == null && downCount == null;
    }

    void encode(io.github.jnetlink.AttributeEncoder e) {
        if (carrier != null) {
            e.u8(IFLA_CARRIER, carrier ? 1 : 0);
        }
        RoutePayload.u32(e, IFLA_CARRIER_CHANGES, changes);
        RoutePayload.u32(e, IFLA_CARRIER_UP_COUNT, upCount);
        RoutePayload.u32(e, IFLA_CARRIER_DOWN_COUNT, downCount);
    }
}
