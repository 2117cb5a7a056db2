package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import java.nio.ByteOrder;

/**
 * The attributes of {@link BridgePortData}, inside {@code IFLA_INFO_SLAVE_DATA}: decoded and encoded for {@link
 * BridgeDriver}.
 */
final class BridgePortAttributes {

    static final int IFLA_BRPORT_STATE = 1;
    static final int IFLA_BRPORT_PRIORITY = 2;
    static final int IFLA_BRPORT_COST = 3;
    static final int IFLA_BRPORT_MODE = 4;
    static final int IFLA_BRPORT_GUARD = 5;
    static final int IFLA_BRPORT_PROTECT = 6;
    static final int IFLA_BRPORT_FAST_LEAVE = 7;
    static final int IFLA_BRPORT_LEARNING = 8;
    static final int IFLA_BRPORT_UNICAST_FLOOD = 9;
    static final int IFLA_BRPORT_PROXYARP = 10;
    static final int IFLA_BRPORT_LEARNING_SYNC = 11;
    static final int IFLA_BRPORT_PROXYARP_WIFI = 12;
    static final int IFLA_BRPORT_ROOT_ID = 13;
    static final int IFLA_BRPORT_BRIDGE_ID = 14;
    static final int IFLA_BRPORT_DESIGNATED_PORT = 15;
    static final int IFLA_BRPORT_DESIGNATED_COST = 16;
    static final int IFLA_BRPORT_ID = 17;
    static final int IFLA_BRPORT_NO = 18;
    static final int IFLA_BRPORT_TOPOLOGY_CHANGE_ACK = 19;
    static final int IFLA_BRPORT_CONFIG_PENDING = 20;
    static final int IFLA_BRPORT_MESSAGE_AGE_TIMER = 21;
    static final int IFLA_BRPORT_FORWARD_DELAY_TIMER = 22;
    static final int IFLA_BRPORT_HOLD_TIMER = 23;
    static final int IFLA_BRPORT_FLUSH = 24;
    static final int IFLA_BRPORT_MULTICAST_ROUTER = 25;
    static final int IFLA_BRPORT_MCAST_FLOOD = 27;
    static final int IFLA_BRPORT_MCAST_TO_UCAST = 28;
    static final int IFLA_BRPORT_VLAN_TUNNEL = 29;
    static final int IFLA_BRPORT_BCAST_FLOOD = 30;
    static final int IFLA_BRPORT_GROUP_FWD_MASK = 31;
    static final int IFLA_BRPORT_NEIGH_SUPPRESS = 32;
    static final int IFLA_BRPORT_ISOLATED = 33;
    static final int IFLA_BRPORT_BACKUP_PORT = 34;
    static final int IFLA_BRPORT_MRP_RING_OPEN = 35;
    static final int IFLA_BRPORT_MRP_IN_OPEN = 36;
    static final int IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT = 37;
    static final int IFLA_BRPORT_MCAST_EHT_HOSTS_CNT = 38;
    static final int IFLA_BRPORT_LOCKED = 39;
    static final int IFLA_BRPORT_MAB = 40;
    static final int IFLA_BRPORT_MCAST_N_GROUPS = 41;
    static final int IFLA_BRPORT_MCAST_MAX_GROUPS = 42;
    static final int IFLA_BRPORT_NEIGH_VLAN_SUPPRESS = 43;
    static final int IFLA_BRPORT_BACKUP_NHID = 44;

    private BridgePortAttributes() {
    }

    static BridgePortData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "bridge", "attribute decoder");
        BridgePortData.Builder b = BridgePortData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_BRPORT_STATE -> b.state(d.u8());
                    case IFLA_BRPORT_PRIORITY -> b.priority(d.u16());
                    case IFLA_BRPORT_COST -> b.cost(d.u32());
                    case IFLA_BRPORT_MODE -> b.hairpin(d.u8() != 0);
                    case IFLA_BRPORT_GUARD -> b.guard(d.u8() != 0);
                    case IFLA_BRPORT_PROTECT -> b.rootBlock(d.u8() != 0);
                    case IFLA_BRPORT_FAST_LEAVE -> b.fastLeave(d.u8() != 0);
                    case IFLA_BRPORT_LEARNING -> b.learning(d.u8() != 0);
                    case IFLA_BRPORT_UNICAST_FLOOD -> b.unicastFlood(d.u8() != 0);
                    case IFLA_BRPORT_PROXYARP -> b.proxyArp(d.u8() != 0);
                    case IFLA_BRPORT_LEARNING_SYNC -> b.learningSync(d.u8() != 0);
                    case IFLA_BRPORT_PROXYARP_WIFI -> b.proxyArpWifi(d.u8() != 0);
                    case IFLA_BRPORT_ROOT_ID -> b.rootId(BridgeId.decode(d));
                    case IFLA_BRPORT_BRIDGE_ID -> b.bridgeId(BridgeId.decode(d));
                    case IFLA_BRPORT_DESIGNATED_PORT -> b.designatedPort(d.u16());
                    case IFLA_BRPORT_DESIGNATED_COST -> b.designatedCost(d.u16());
                    case IFLA_BRPORT_ID -> b.id(d.u16());
                    case IFLA_BRPORT_NO -> b.number(d.u16());
                    case IFLA_BRPORT_TOPOLOGY_CHANGE_ACK -> b.topologyChangeAck(d.u8());
                    case IFLA_BRPORT_CONFIG_PENDING -> b.configPending(d.u8());
                    case IFLA_BRPORT_MESSAGE_AGE_TIMER -> b.messageAgeTimer(d.u64());
                    case IFLA_BRPORT_FORWARD_DELAY_TIMER -> b.forwardDelayTimer(d.u64());
                    case IFLA_BRPORT_HOLD_TIMER -> b.holdTimer(d.u64());
                    case IFLA_BRPORT_FLUSH -> b.flush(d.flag());
                    case IFLA_BRPORT_MULTICAST_ROUTER -> b.multicastRouter(d.u8());
                    case IFLA_BRPORT_MCAST_FLOOD -> b.multicastFlood(d.u8() != 0);
                    case IFLA_BRPORT_MCAST_TO_UCAST -> b.multicastToUnicast(d.u8() != 0);
                    case IFLA_BRPORT_VLAN_TUNNEL -> b.vlanTunnel(d.u8() != 0);
                    case IFLA_BRPORT_BCAST_FLOOD -> b.broadcastFlood(d.u8() != 0);
                    case IFLA_BRPORT_GROUP_FWD_MASK -> b.groupForwardMask(d.u16());
                    case IFLA_BRPORT_NEIGH_SUPPRESS -> b.neighSuppress(d.u8() != 0);
                    case IFLA_BRPORT_ISOLATED -> b.isolated(d.u8() != 0);
                    case IFLA_BRPORT_BACKUP_PORT -> b.backupPort(d.u32());
                    case IFLA_BRPORT_MRP_RING_OPEN -> b.mrpRingOpen(d.u8() != 0);
                    case IFLA_BRPORT_MRP_IN_OPEN -> b.mrpInOpen(d.u8() != 0);
                    case IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT -> b.multicastEhtHostsLimit(d.u32());
                    case IFLA_BRPORT_MCAST_EHT_HOSTS_CNT -> b.multicastEhtHostsCount(d.u32());
                    case IFLA_BRPORT_LOCKED -> b.locked(d.u8() != 0);
                    case IFLA_BRPORT_MAB -> b.mab(d.u8() != 0);
                    case IFLA_BRPORT_MCAST_N_GROUPS -> b.multicastGroupCount(d.u32());
                    case IFLA_BRPORT_MCAST_MAX_GROUPS -> b.multicastMaxGroups(d.u32());
                    case IFLA_BRPORT_NEIGH_VLAN_SUPPRESS -> b.neighVlanSuppress(d.u8() != 0);
                    case IFLA_BRPORT_BACKUP_NHID -> b.backupNexthopId(d.u32());
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("bridge", "IFLA_INFO_SLAVE_DATA", type, name(type), e);
        }
        return b.build();
    }

    static void encode(LinkSlaveData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "bridge", "attribute encoder");
        BridgePortData data = DriverAttributes.cast(value, BridgePortData.class, "bridge");
        if (data.state() != null) {
            e.u8(IFLA_BRPORT_STATE, data.state());
        }
        if (data.priority() != null) {
            e.u16(IFLA_BRPORT_PRIORITY, data.priority());
        }
        if (data.cost() != null) {
            e.s32(IFLA_BRPORT_COST, data.cost());
        }
        if (data.hairpin() != null) {
            e.u8(IFLA_BRPORT_MODE, data.hairpin() ? 1 : 0);
        }
        if (data.guard() != null) {
            e.u8(IFLA_BRPORT_GUARD, data.guard() ? 1 : 0);
        }
        if (data.rootBlock() != null) {
            e.u8(IFLA_BRPORT_PROTECT, data.rootBlock() ? 1 : 0);
        }
        if (data.fastLeave() != null) {
            e.u8(IFLA_BRPORT_FAST_LEAVE, data.fastLeave() ? 1 : 0);
        }
        if (data.learning() != null) {
            e.u8(IFLA_BRPORT_LEARNING, data.learning() ? 1 : 0);
        }
        if (data.unicastFlood() != null) {
            e.u8(IFLA_BRPORT_UNICAST_FLOOD, data.unicastFlood() ? 1 : 0);
        }
        if (data.proxyArp() != null) {
            e.u8(IFLA_BRPORT_PROXYARP, data.proxyArp() ? 1 : 0);
        }
        if (data.learningSync() != null) {
            e.u8(IFLA_BRPORT_LEARNING_SYNC, data.learningSync() ? 1 : 0);
        }
        if (data.proxyArpWifi() != null) {
            e.u8(IFLA_BRPORT_PROXYARP_WIFI, data.proxyArpWifi() ? 1 : 0);
        }
        if (data.rootId() != null) {
            e.bytes(IFLA_BRPORT_ROOT_ID, data.rootId().bytes());
        }
        if (data.bridgeId() != null) {
            e.bytes(IFLA_BRPORT_BRIDGE_ID, data.bridgeId().bytes());
        }
        if (data.designatedPort() != null) {
            e.u16(IFLA_BRPORT_DESIGNATED_PORT, data.designatedPort());
        }
        if (data.designatedCost() != null) {
            e.u16(IFLA_BRPORT_DESIGNATED_COST, data.designatedCost());
        }
        if (data.id() != null) {
            e.u16(IFLA_BRPORT_ID, data.id());
        }
        if (data.number() != null) {
            e.u16(IFLA_BRPORT_NO, data.number());
        }
        if (data.topologyChangeAck() != null) {
            e.u8(IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, data.topologyChangeAck());
        }
        if (data.configPending() != null) {
            e.u8(IFLA_BRPORT_CONFIG_PENDING, data.configPending());
        }
        if (data.messageAgeTimer() != null) {
            e.u64(IFLA_BRPORT_MESSAGE_AGE_TIMER, data.messageAgeTimer());
        }
        if (data.forwardDelayTimer() != null) {
            e.u64(IFLA_BRPORT_FORWARD_DELAY_TIMER, data.forwardDelayTimer());
        }
        if (data.holdTimer() != null) {
            e.u64(IFLA_BRPORT_HOLD_TIMER, data.holdTimer());
        }
        if (data.flush()) {
            e.flag(IFLA_BRPORT_FLUSH);
        }
        if (data.multicastRouter() != null) {
            e.u8(IFLA_BRPORT_MULTICAST_ROUTER, data.multicastRouter());
        }
        if (data.multicastFlood() != null) {
            e.u8(IFLA_BRPORT_MCAST_FLOOD, data.multicastFlood() ? 1 : 0);
        }
        if (data.multicastToUnicast() != null) {
            e.u8(IFLA_BRPORT_MCAST_TO_UCAST, data.multicastToUnicast() ? 1 : 0);
        }
        if (data.vlanTunnel() != null) {
            e.u8(IFLA_BRPORT_VLAN_TUNNEL, data.vlanTunnel() ? 1 : 0);
        }
        if (data.broadcastFlood() != null) {
            e.u8(IFLA_BRPORT_BCAST_FLOOD, data.broadcastFlood() ? 1 : 0);
        }
        if (data.groupForwardMask() != null) {
            e.u16(IFLA_BRPORT_GROUP_FWD_MASK, data.groupForwardMask());
        }
        if (data.neighSuppress() != null) {
            e.u8(IFLA_BRPORT_NEIGH_SUPPRESS, data.neighSuppress() ? 1 : 0);
        }
        if (data.isolated() != null) {
            e.u8(IFLA_BRPORT_ISOLATED, data.isolated() ? 1 : 0);
        }
        if (data.backupPort() != null) {
            e.s32(IFLA_BRPORT_BACKUP_PORT, data.backupPort());
        }
        if (data.mrpRingOpen() != null) {
            e.u8(IFLA_BRPORT_MRP_RING_OPEN, data.mrpRingOpen() ? 1 : 0);
        }
        if (data.mrpInOpen() != null) {
            e.u8(IFLA_BRPORT_MRP_IN_OPEN, data.mrpInOpen() ? 1 : 0);
        }
        if (data.multicastEhtHostsLimit() != null) {
            e.s32(IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT, data.multicastEhtHostsLimit());
        }
        if (data.multicastEhtHostsCount() != null) {
            e.s32(IFLA_BRPORT_MCAST_EHT_HOSTS_CNT, data.multicastEhtHostsCount());
        }
        if (data.locked() != null) {
            e.u8(IFLA_BRPORT_LOCKED, data.locked() ? 1 : 0);
        }
        if (data.mab() != null) {
            e.u8(IFLA_BRPORT_MAB, data.mab() ? 1 : 0);
        }
        if (data.multicastGroupCount() != null) {
            e.s32(IFLA_BRPORT_MCAST_N_GROUPS, data.multicastGroupCount());
        }
        if (data.multicastMaxGroups() != null) {
            e.s32(IFLA_BRPORT_MCAST_MAX_GROUPS, data.multicastMaxGroups());
        }
        if (data.neighVlanSuppress() != null) {
            e.u8(IFLA_BRPORT_NEIGH_VLAN_SUPPRESS, data.neighVlanSuppress() ? 1 : 0);
        }
        if (data.backupNexthopId() != null) {
            e.s32(IFLA_BRPORT_BACKUP_NHID, data.backupNexthopId());
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_BRPORT_STATE", "IFLA_BRPORT_PRIORITY", "IFLA_BRPORT_COST",
            "IFLA_BRPORT_MODE", "IFLA_BRPORT_GUARD", "IFLA_BRPORT_PROTECT", "IFLA_BRPORT_FAST_LEAVE",
            "IFLA_BRPORT_LEARNING", "IFLA_BRPORT_UNICAST_FLOOD", "IFLA_BRPORT_PROXYARP", "IFLA_BRPORT_LEARNING_SYNC",
            "IFLA_BRPORT_PROXYARP_WIFI", "IFLA_BRPORT_ROOT_ID", "IFLA_BRPORT_BRIDGE_ID",
            "IFLA_BRPORT_DESIGNATED_PORT", "IFLA_BRPORT_DESIGNATED_COST", "IFLA_BRPORT_ID", "IFLA_BRPORT_NO",
            "IFLA_BRPORT_TOPOLOGY_CHANGE_ACK", "IFLA_BRPORT_CONFIG_PENDING", "IFLA_BRPORT_MESSAGE_AGE_TIMER",
            "IFLA_BRPORT_FORWARD_DELAY_TIMER", "IFLA_BRPORT_HOLD_TIMER", "IFLA_BRPORT_FLUSH",
            "IFLA_BRPORT_MULTICAST_ROUTER", null, "IFLA_BRPORT_MCAST_FLOOD", "IFLA_BRPORT_MCAST_TO_UCAST",
            "IFLA_BRPORT_VLAN_TUNNEL", "IFLA_BRPORT_BCAST_FLOOD", "IFLA_BRPORT_GROUP_FWD_MASK",
            "IFLA_BRPORT_NEIGH_SUPPRESS", "IFLA_BRPORT_ISOLATED", "IFLA_BRPORT_BACKUP_PORT",
            "IFLA_BRPORT_MRP_RING_OPEN", "IFLA_BRPORT_MRP_IN_OPEN", "IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT",
            "IFLA_BRPORT_MCAST_EHT_HOSTS_CNT", "IFLA_BRPORT_LOCKED", "IFLA_BRPORT_MAB", "IFLA_BRPORT_MCAST_N_GROUPS",
            "IFLA_BRPORT_MCAST_MAX_GROUPS", "IFLA_BRPORT_NEIGH_VLAN_SUPPRESS", "IFLA_BRPORT_BACKUP_NHID"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }
}
