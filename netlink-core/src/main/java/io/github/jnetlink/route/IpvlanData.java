package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of an ipvlan or ipvtap device ({@code IFLA_INFO_DATA}, the kernel's {@code ipvlan_nl_fillinfo}); the
 * lower device is the link's {@code IFLA_LINK}.
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param kind the link kind, one of {@code "ipvlan"}, {@code "ipvtap"}
 * @param mode {@code IFLA_IPVLAN_MODE} ({@code mode}): 0 l2, 1 l3, 2 l3s
 * @param flags {@code IFLA_IPVLAN_FLAGS} ({@code flags}): 1 private, 2 vepa; 0 bridge
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record IpvlanData(String kind, Integer mode, Integer flags, List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute or {@code kind} is not one of this record's, or
     * a list holds null
     */
    public IpvlanData {
        DriverAttributes.kind("IpvlanData", kind, "ipvlan", "ipvtap");
        DriverAttributes.u16("ipvlan mode", mode);
        DriverAttributes.u16("ipvlan flags", flags);
        unknown = RoutePayload.copy(unknown, "ipvlan unknown attributes");
    }

    /**
     * @param kind the link kind, one of {@code "ipvlan"}, {@code "ipvtap"}
     * @return a builder with every field absent
     */
    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    /** Builds a {@link IpvlanData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private final String kind;
        private Integer mode;
        private Integer flags;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder(String kind) {
            this.kind = kind;
        }

        /** Sets {@link IpvlanData#mode()}. */
        public Builder mode(Integer mode) {
            this.mode = mode;
            return this;
        }

        /** Sets {@link IpvlanData#flags()}. */
        public Builder flags(Integer flags) {
            this.flags = flags;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public IpvlanData build() {
            return new IpvlanData(kind, mode, flags, unknown);
        }
    }
}
