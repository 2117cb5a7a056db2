package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * A bond port's state ({@code IFLA_INFO_SLAVE_DATA} of slave kind {@code bond}, the kernel's {@code
 * bond_fill_slave_info}).
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param state {@code IFLA_BOND_SLAVE_STATE} ({@code state}): 0 active, 1 backup
 * @param miiStatus {@code IFLA_BOND_SLAVE_MII_STATUS} ({@code mii_status}): 0 up, 1 fail, 2 down, 3 back
 * @param linkFailureCount {@code IFLA_BOND_SLAVE_LINK_FAILURE_COUNT} ({@code link_failure_count}): link failures seen
 * @param permanentAddress {@code IFLA_BOND_SLAVE_PERM_HWADDR} ({@code perm_hwaddr}): the port's own hardware address
 * @param queueId {@code IFLA_BOND_SLAVE_QUEUE_ID} ({@code queue_id}): the transmit queue id
 * @param adAggregatorId {@code IFLA_BOND_SLAVE_AD_AGGREGATOR_ID} ({@code ad_aggregator_id}): the 802.3ad aggregator
 *                       id
 * @param adActorOperPortState {@code IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE} ({@code ad_actor_oper_port_state}):
 *                             the 802.3ad actor port state
 * @param adPartnerOperPortState {@code IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE} ({@code
 *                               ad_partner_oper_port_state}): the 802.3ad partner port state
 * @param priority {@code IFLA_BOND_SLAVE_PRIO} ({@code prio}): the port priority for reselection
 * @param actorPortPriority {@code IFLA_BOND_SLAVE_ACTOR_PORT_PRIO} ({@code actor_port_prio}): the 802.3ad actor port
 *                          priority
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record BondSlaveData(Integer state, Integer miiStatus, Integer linkFailureCount, MacAddress permanentAddress,
        Integer queueId, Integer adAggregatorId, Integer adActorOperPortState, Integer adPartnerOperPortState,
        Integer priority, Integer actorPortPriority, List<Attribute> unknown) implements LinkSlaveData {

    /**
     * @throws NetlinkException if a value does not fit its attribute, or a list holds null
     */
    public BondSlaveData {
        DriverAttributes.u8("bond state", state);
        DriverAttributes.u8("bond miiStatus", miiStatus);
        DriverAttributes.u16("bond queueId", queueId);
        DriverAttributes.u16("bond adAggregatorId", adAggregatorId);
        DriverAttributes.u8("bond adActorOperPortState", adActorOperPortState);
        DriverAttributes.u16("bond adPartnerOperPortState", adPartnerOperPortState);
        DriverAttributes.u16("bond actorPortPriority", actorPortPriority);
        unknown = RoutePayload.copy(unknown, "bond unknown attributes");
    }

    /** @return {@code "bond"} */
    @Override
    public String kind() {
        return "bond";
    }

    /**
     * @return a builder with every field absent
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BondSlaveData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private Integer state;
        private Integer miiStatus;
        private Integer linkFailureCount;
        private MacAddress permanentAddress;
        private Integer queueId;
        private Integer adAggregatorId;
        private Integer adActorOperPortState;
        private Integer adPartnerOperPortState;
        private Integer priority;
        private Integer actorPortPriority;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@link BondSlaveData#state()}. */
        public Builder state(Integer state) {
            this.state = state;
            return this;
        }

        /** Sets {@link BondSlaveData#miiStatus()}. */
        public Builder miiStatus(Integer miiStatus) {
            this.miiStatus = miiStatus;
            return this;
        }

        /** Sets {@link BondSlaveData#linkFailureCount()}. */
        public Builder linkFailureCount(Integer linkFailureCount) {
            this.linkFailureCount = linkFailureCount;
            return this;
        }

        /** Sets {@link BondSlaveData#permanentAddress()}. */
        public Builder permanentAddress(MacAddress permanentAddress) {
            this.permanentAddress = permanentAddress;
            return this;
        }

        /** Sets {@link BondSlaveData#queueId()}. */
        public Builder queueId(Integer queueId) {
            this.queueId = queueId;
            return this;
        }

        /** Sets {@link BondSlaveData#adAggregatorId()}. */
        public Builder adAggregatorId(Integer adAggregatorId) {
            this.adAggregatorId = adAggregatorId;
            return this;
        }

        /** Sets {@link BondSlaveData#adActorOperPortState()}. */
        public Builder adActorOperPortState(Integer adActorOperPortState) {
            this.adActorOperPortState = adActorOperPortState;
            return this;
        }

        /** Sets {@link BondSlaveData#adPartnerOperPortState()}. */
        public Builder adPartnerOperPortState(Integer adPartnerOperPortState) {
            this.adPartnerOperPortState = adPartnerOperPortState;
            return this;
        }

        /** Sets {@link BondSlaveData#priority()}. */
        public Builder priority(Integer priority) {
            this.priority = priority;
            return this;
        }

        /** Sets {@link BondSlaveData#actorPortPriority()}. */
        public Builder actorPortPriority(Integer actorPortPriority) {
            this.actorPortPriority = actorPortPriority;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public BondSlaveData build() {
            return new BondSlaveData(state, miiStatus, linkFailureCount, permanentAddress, queueId, adAggregatorId,
                    adActorOperPortState, adPartnerOperPortState, priority, actorPortPriority, unknown);
        }
    }
}
