package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a VRF device ({@code IFLA_INFO_DATA} of kind {@code vrf}).
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param table {@code IFLA_VRF_TABLE} ({@code table}): the routing table the VRF uses
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record VrfData(Integer table, List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute, or a list holds null
     */
    public VrfData {
        unknown = RoutePayload.copy(unknown, "vrf unknown attributes");
    }

    /** @return {@code "vrf"} */
    @Override
    public String kind() {
        return "vrf";
    }

    /**
     * @return a builder with every field absent
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link VrfData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private Integer table;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@link VrfData#table()}. */
        public Builder table(Integer table) {
            this.table = table;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public VrfData build() {
            return new VrfData(table, unknown);
        }
    }
}
