package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a macvlan or macvtap device ({@code IFLA_INFO_DATA}, the kernel's {@code macvlan_fill_info}); the
 * lower device is the link's {@code IFLA_LINK}.
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param kind the link kind, one of {@code "macvlan"}, {@code "macvtap"}
 * @param mode {@code IFLA_MACVLAN_MODE} ({@code mode}): the mode: 1 private, 2 vepa, 4 bridge, 8 passthru, 16 source
 * @param flags {@code IFLA_MACVLAN_FLAGS} ({@code flags}): 1 nopromisc (passthru), 2 nodst (source)
 * @param macAddressMode {@code IFLA_MACVLAN_MACADDR_MODE}: a request on the source list: 0 add, 1 delete, 2 flush, 3
 *                       set; the kernel never sends it
 * @param macAddress {@code IFLA_MACVLAN_MACADDR}: the address a MACADDR_MODE request adds or deletes; the kernel
 *                   never sends it
 * @param macAddressData {@code IFLA_MACVLAN_MACADDR_DATA}: the source mode's allowed addresses, a nest of
 *                       IFLA_MACVLAN_MACADDR
 * @param macAddressCount {@code IFLA_MACVLAN_MACADDR_COUNT} ({@code macaddr_count}): how many source addresses there
 *                        are (source mode only)
 * @param broadcastQueueLength {@code IFLA_MACVLAN_BC_QUEUE_LEN} ({@code bcqueuelen}): the broadcast queue length
 *                             asked for, in packets
 * @param broadcastQueueLengthUsed {@code IFLA_MACVLAN_BC_QUEUE_LEN_USED} ({@code usedbcqueuelen}): the broadcast
 *                                 queue length in use, the largest of its port's
 * @param broadcastCutoff {@code IFLA_MACVLAN_BC_CUTOFF} ({@code bc_cutoff}): above how many macvlans broadcast is not
 *                        queued, negative for never (kernel 6.3+)
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record MacvlanData(String kind, Integer mode, Integer flags, Integer macAddressMode, MacAddress macAddress,
        List<Attribute> macAddressData, Integer macAddressCount, Integer broadcastQueueLength,
        Integer broadcastQueueLengthUsed, Integer broadcastCutoff, List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute or {@code kind} is not one of this record's, or
     * a list holds null
     */
    public MacvlanData {
        DriverAttributes.kind("MacvlanData", kind, "macvlan", "macvtap");
        DriverAttributes.u16("macvlan flags", flags);
        macAddressData = DriverAttributes.copy("macvlan macAddressData", macAddressData);
        unknown = RoutePayload.copy(unknown, "macvlan unknown attributes");
    }

    /**
     * @param kind the link kind, one of {@code "macvlan"}, {@code "macvtap"}
     * @return a builder with every field absent
     */
    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    /** Builds a {@link MacvlanData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private final String kind;
        private Integer mode;
        private Integer flags;
        private Integer macAddressMode;
        private MacAddress macAddress;
        private List<Attribute> macAddressData;
        private Integer macAddressCount;
        private Integer broadcastQueueLength;
        private Integer broadcastQueueLengthUsed;
        private Integer broadcastCutoff;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder(String kind) {
            this.kind = kind;
        }

        /** Sets {@link MacvlanData#mode()}. */
        public Builder mode(Integer mode) {
            this.mode = mode;
            return this;
        }

        /** Sets {@link MacvlanData#flags()}. */
        public Builder flags(Integer flags) {
            this.flags = flags;
            return this;
        }

        /** Sets {@link MacvlanData#macAddressMode()}. */
        public Builder macAddressMode(Integer macAddressMode) {
            this.macAddressMode = macAddressMode;
            return this;
        }

        /** Sets {@link MacvlanData#macAddress()}. */
        public Builder macAddress(MacAddress macAddress) {
            this.macAddress = macAddress;
            return this;
        }

        /** Sets {@link MacvlanData#macAddressData()}. */
        public Builder macAddressData(List<Attribute> macAddressData) {
            this.macAddressData = macAddressData;
            return this;
        }

        /** Sets {@link MacvlanData#macAddressCount()}. */
        public Builder macAddressCount(Integer macAddressCount) {
            this.macAddressCount = macAddressCount;
            return this;
        }

        /** Sets {@link MacvlanData#broadcastQueueLength()}. */
        public Builder broadcastQueueLength(Integer broadcastQueueLength) {
            this.broadcastQueueLength = broadcastQueueLength;
            return this;
        }

        /** Sets {@link MacvlanData#broadcastQueueLengthUsed()}. */
        public Builder broadcastQueueLengthUsed(Integer broadcastQueueLengthUsed) {
            this.broadcastQueueLengthUsed = broadcastQueueLengthUsed;
            return this;
        }

        /** Sets {@link MacvlanData#broadcastCutoff()}. */
        public Builder broadcastCutoff(Integer broadcastCutoff) {
            this.broadcastCutoff = broadcastCutoff;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public MacvlanData build() {
            return new MacvlanData(kind, mode, flags, macAddressMode, macAddress, macAddressData, macAddressCount,
                    broadcastQueueLength, broadcastQueueLengthUsed, broadcastCutoff, unknown);
        }
    }

    /** {@code MACVLAN_MODE_PRIVATE}: no traffic between the lower device's macvlans. */
    public static final int MODE_PRIVATE = 1;
    /** {@code MACVLAN_MODE_VEPA}: traffic between macvlans goes through the external switch. */
    public static final int MODE_VEPA = 2;
    /** {@code MACVLAN_MODE_BRIDGE}: traffic between macvlans is bridged in the kernel. */
    public static final int MODE_BRIDGE = 4;
    /** {@code MACVLAN_MODE_PASSTHRU}: the one macvlan takes over the lower device. */
    public static final int MODE_PASSTHRU = 8;
    /** {@code MACVLAN_MODE_SOURCE}: frames are accepted by source address. */
    public static final int MODE_SOURCE = 16;
}
