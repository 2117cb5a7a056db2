package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a netkit pair ({@code IFLA_INFO_DATA} of kind {@code netkit}, the kernel's {@code
 * netkit_fill_info}, kernel 6.7+).
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param peer {@code IFLA_NETKIT_PEER_INFO}: the other end, as the {@code ifinfomsg} and attributes of the request
 *             that creates it; the kernel never sends it
 * @param primary {@code IFLA_NETKIT_PRIMARY} ({@code primary}): whether this is the primary end
 * @param policy {@code IFLA_NETKIT_POLICY} ({@code policy}): the default action without a BPF program: 0 pass, 2 drop
 * @param peerPolicy {@code IFLA_NETKIT_PEER_POLICY} ({@code peer_policy}): the peer's default action
 * @param mode {@code IFLA_NETKIT_MODE} ({@code mode}): 0 l2, 1 l3 (the default)
 * @param scrub {@code IFLA_NETKIT_SCRUB} ({@code scrub}): 0 none, 1 default: which packet metadata is cleared
 * @param peerScrub {@code IFLA_NETKIT_PEER_SCRUB} ({@code peer_scrub}): the peer's scrubbing
 * @param headroom {@code IFLA_NETKIT_HEADROOM} ({@code headroom}): the headroom asked for, in bytes
 * @param tailroom {@code IFLA_NETKIT_TAILROOM} ({@code tailroom}): the tailroom asked for, in bytes
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record NetkitData(LinkMessage peer, Boolean primary, Integer policy, Integer peerPolicy, Integer mode,
        Integer scrub, Integer peerScrub, Integer headroom, Integer tailroom,
        List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute, or a list holds null
     */
    public NetkitData {
        DriverAttributes.u16("netkit headroom", headroom);
        DriverAttributes.u16("netkit tailroom", tailroom);
        unknown = RoutePayload.copy(unknown, "netkit unknown attributes");
    }

    /** @return {@code "netkit"} */
    @Override
    public String kind() {
        return "netkit";
    }

    /**
     * @return a builder with every field absent
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NetkitData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private LinkMessage peer;
        private Boolean primary;
        private Integer policy;
        private Integer peerPolicy;
        private Integer mode;
        private Integer scrub;
        private Integer peerScrub;
        private Integer headroom;
        private Integer tailroom;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@link NetkitData#peer()}. */
        public Builder peer(LinkMessage peer) {
            this.peer = peer;
            return this;
        }

        /** Sets {@link NetkitData#primary()}. */
        public Builder primary(Boolean primary) {
            this.primary = primary;
            return this;
        }

        /** Sets {@link NetkitData#policy()}. */
        public Builder policy(Integer policy) {
            this.policy = policy;
            return this;
        }

        /** Sets {@link NetkitData#peerPolicy()}. */
        public Builder peerPolicy(Integer peerPolicy) {
            this.peerPolicy = peerPolicy;
            return this;
        }

        /** Sets {@link NetkitData#mode()}. */
        public Builder mode(Integer mode) {
            this.mode = mode;
            return this;
        }

        /** Sets {@link NetkitData#scrub()}. */
        public Builder scrub(Integer scrub) {
            this.scrub = scrub;
            return this;
        }

        /** Sets {@link NetkitData#peerScrub()}. */
        public Builder peerScrub(Integer peerScrub) {
            this.peerScrub = peerScrub;
            return this;
        }

        /** Sets {@link NetkitData#headroom()}. */
        public Builder headroom(Integer headroom) {
            this.headroom = headroom;
            return this;
        }

        /** Sets {@link NetkitData#tailroom()}. */
        public Builder tailroom(Integer tailroom) {
            this.tailroom = tailroom;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public NetkitData build() {
            return new NetkitData(peer, primary, policy, peerPolicy, mode, scrub, peerScrub, headroom, tailroom,
                    unknown);
        }
    }

    /** {@code NETKIT_PASS}: a packet no program decides on is passed. */
    public static final int NETKIT_PASS = 0;
    /** {@code NETKIT_DROP}: a packet no program decides on is dropped. */
    public static final int NETKIT_DROP = 2;
    /** {@code NETKIT_L2}: an Ethernet device. */
    public static final int NETKIT_L2 = 0;
    /** {@code NETKIT_L3}: an IP device without link-layer header, the default. */
    public static final int NETKIT_L3 = 1;
}
