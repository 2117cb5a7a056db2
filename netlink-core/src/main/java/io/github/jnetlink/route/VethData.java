package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The creation data of a veth pair ({@code IFLA_INFO_DATA} of kind {@code veth}): the peer. The kernel sends no data
 * for veth in a dump.
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param peer {@code VETH_INFO_PEER}: the other end, as the {@code ifinfomsg} and attributes of the request that
 *             creates it; the kernel never sends it in a dump
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record VethData(LinkMessage peer, List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute, or a list holds null
     */
    public VethData {
        unknown = RoutePayload.copy(unknown, "veth unknown attributes");
    }

    /** @return {@code "veth"} */
    @Override
    public String kind() {
        return "veth";
    }

    /**
     * @return a builder with every field absent
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link VethData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private LinkMessage peer;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@link VethData#peer()}. */
        public Builder peer(LinkMessage peer) {
            this.peer = peer;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public VethData build() {
            return new VethData(peer, unknown);
        }
    }

    /**
     * @param name the peer's name
     * @return the data creating a veth whose other end is called {@code name}, with the kernel's defaults
     * @throws NetlinkException if {@code name} is null or longer than an interface name can be
     */
    public static VethData peer(String name) {
        DriverAttributes.interfaceName("veth peer name", name);
        return new VethData(LinkMessage.builder().name(name).build(), List.of());
    }
}
