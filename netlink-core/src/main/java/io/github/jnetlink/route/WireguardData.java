package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of a WireGuard device (kind {@code wireguard}): rtnetlink only creates it and carries no settings; keys
 * and peers are configured over the {@code wireguard} generic netlink family.
 *
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record WireguardData(List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if {@code unknown} holds null
     */
    public WireguardData {
        unknown = RoutePayload.copy(unknown, "wireguard unknown attributes");
    }

    /** @return {@code "wireguard"} */
    @Override
    public String kind() {
        return "wireguard";
    }

    /**
     * @return a builder with every field absent
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link WireguardData}, each setter named after the component it sets. Not thread-safe. */
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
        public WireguardData build() {
            return new WireguardData(unknown);
        }
    }
}
