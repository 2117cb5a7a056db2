package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;

/**
 * The attributes of {@link BondSlaveData}, inside {@code IFLA_INFO_SLAVE_DATA}: decoded and encoded for {@link
 * BondDriver}.
 */
final class BondSlaveAttributes {

    static final int IFLA_BOND_SLAVE_STATE = 1;
    static final int IFLA_BOND_SLAVE_MII_STATUS = 2;
    static final int IFLA_BOND_SLAVE_LINK_FAILURE_COUNT = 3;
    static final int IFLA_BOND_SLAVE_PERM_HWADDR = 4;
    static final int IFLA_BOND_SLAVE_QUEUE_ID = 5;
    static final int IFLA_BOND_SLAVE_AD_AGGREGATOR_ID = 6;
    static final int IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE = 7;
    static final int IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE = 8;
    static final int IFLA_BOND_SLAVE_PRIO = 9;
    static final int IFLA_BOND_SLAVE_ACTOR_PORT_PRIO = 10;

    private BondSlaveAttributes() {
    }

    static BondSlaveData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "bond", "attribute decoder");
        BondSlaveData.Builder b = BondSlaveData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_BOND_SLAVE_STATE -> b.state(d.u8());
                    case IFLA_BOND_SLAVE_MII_STATUS -> b.miiStatus(d.u8());
                    case IFLA_BOND_SLAVE_LINK_FAILURE_COUNT -> b.linkFailureCount(d.u32());
                    case IFLA_BOND_SLAVE_PERM_HWADDR -> b.permanentAddress(DriverAttributes.mac(d));
                    case IFLA_BOND_SLAVE_QUEUE_ID -> b.queueId(d.u16());
                    case IFLA_BOND_SLAVE_AD_AGGREGATOR_ID -> b.adAggregatorId(d.u16());
                    case IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE -> b.adActorOperPortState(d.u8());
                    case IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE -> b.adPartnerOperPortState(d.u16());
                    case IFLA_BOND_SLAVE_PRIO -> b.priority(d.s32());
                    case IFLA_BOND_SLAVE_ACTOR_PORT_PRIO -> b.actorPortPriority(d.u16());
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("bond", "IFLA_INFO_SLAVE_DATA", type, name(type), e);
        }
        return b.build();
    }

    static void encode(LinkSlaveData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "bond", "attribute encoder");
        BondSlaveData data = DriverAttributes.cast(value, BondSlaveData.class, "bond");
        if (data.state() != null) {
            e.u8(IFLA_BOND_SLAVE_STATE, data.state());
        }
        if (data.miiStatus() != null) {
            e.u8(IFLA_BOND_SLAVE_MII_STATUS, data.miiStatus());
        }
        if (data.linkFailureCount() != null) {
            e.s32(IFLA_BOND_SLAVE_LINK_FAILURE_COUNT, data.linkFailureCount());
        }
        if (data.permanentAddress() != null) {
            e.bytes(IFLA_BOND_SLAVE_PERM_HWADDR, data.permanentAddress().bytes());
        }
        if (data.queueId() != null) {
            e.u16(IFLA_BOND_SLAVE_QUEUE_ID, data.queueId());
        }
        if (data.adAggregatorId() != null) {
            e.u16(IFLA_BOND_SLAVE_AD_AGGREGATOR_ID, data.adAggregatorId());
        }
        if (data.adActorOperPortState() != null) {
            e.u8(IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE, data.adActorOperPortState());
        }
        if (data.adPartnerOperPortState() != null) {
            e.u16(IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE, data.adPartnerOperPortState());
        }
        if (data.priority() != null) {
            e.s32(IFLA_BOND_SLAVE_PRIO, data.priority());
        }
        if (data.actorPortPriority() != null) {
            e.u16(IFLA_BOND_SLAVE_ACTOR_PORT_PRIO, data.actorPortPriority());
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_BOND_SLAVE_STATE", "IFLA_BOND_SLAVE_MII_STATUS",
            "IFLA_BOND_SLAVE_LINK_FAILURE_COUNT", "IFLA_BOND_SLAVE_PERM_HWADDR", "IFLA_BOND_SLAVE_QUEUE_ID",
            "IFLA_BOND_SLAVE_AD_AGGREGATOR_ID", "IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE",
            "IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE", "IFLA_BOND_SLAVE_PRIO", "IFLA_BOND_SLAVE_ACTOR_PORT_PRIO"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }
}
