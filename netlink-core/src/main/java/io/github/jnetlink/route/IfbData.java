package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of an intermediate functional block device (kind {@code ifb}): the driver has none, so this only names the
 * kind and keeps any attribute sent.
 *
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record IfbData(List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if {@code unknown} holds null
     */
    public IfbData {
        unknown = RoutePayload.copy(unknown, "ifb unknown attributes");
    }

    /** @return {@code "ifb"} */
    @Override
    public String kind() {
        return "ifb";
    }

    /**
     * @return a builder with every field absent
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link IfbData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private final List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public IfbData build() {
            return new IfbData(unknown);
        }
    }
}
