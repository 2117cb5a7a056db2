package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of a WireGuard device (kind {@code wireguard}): rtnetlink only creates it and carries no settings; keys
 * and peers are configured over the {@code wireguard} generic netlink family.
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record WireguardData(List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute, or a list holds null
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
