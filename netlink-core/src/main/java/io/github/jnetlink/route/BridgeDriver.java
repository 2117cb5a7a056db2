package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import java.nio.ByteOrder;

/** The {@code bridge} driver: {@link BridgeData} and {@link BridgePortData}. */
final class BridgeDriver implements LinkDriver {

    @Override
    public String kind() {
        return "bridge";
    }

    static final int IFLA_BR_FORWARD_DELAY = 1;
    static final int IFLA_BR_HELLO_TIME = 2;
    static final int IFLA_BR_MAX_AGE = 3;
    static final int IFLA_BR_AGEING_TIME = 4;
    static final int IFLA_BR_STP_STATE = 5;
    static final int IFLA_BR_PRIORITY = 6;
    static final int IFLA_BR_VLAN_FILTERING = 7;
    static final int IFLA_BR_VLAN_PROTOCOL = 8;
    static final int IFLA_BR_GROUP_FWD_MASK = 9;
    static final int IFLA_BR_ROOT_ID = 10;
    static final int IFLA_BR_BRIDGE_ID = 11;
    static final int IFLA_BR_ROOT_PORT = 12;
    static final int IFLA_BR_ROOT_PATH_COST = 13;
    static final int IFLA_BR_TOPOLOGY_CHANGE = 14;
    static final int IFLA_BR_TOPOLOGY_CHANGE_DETECTED = 15;
    static final int IFLA_BR_HELLO_TIMER = 16;
    static final int IFLA_BR_TCN_TIMER = 17;
    static final int IFLA_BR_TOPOLOGY_CHANGE_TIMER = 18;
    static final int IFLA_BR_GC_TIMER = 19;
    static final int IFLA_BR_GROUP_ADDR = 20;
    static final int IFLA_BR_FDB_FLUSH = 21;
    static final int IFLA_BR_MCAST_ROUTER = 22;
    static final int IFLA_BR_MCAST_SNOOPING = 23;
    static final int IFLA_BR_MCAST_QUERY_USE_IFADDR = 24;
    static final int IFLA_BR_MCAST_QUERIER = 25;
    static final int IFLA_BR_MCAST_HASH_ELASTICITY = 26;
    static final int IFLA_BR_MCAST_HASH_MAX = 27;
    static final int IFLA_BR_MCAST_LAST_MEMBER_CNT = 28;
    static final int IFLA_BR_MCAST_STARTUP_QUERY_CNT = 29;
    static final int IFLA_BR_MCAST_LAST_MEMBER_INTVL = 30;
    static final int IFLA_BR_MCAST_MEMBERSHIP_INTVL = 31;
    static final int IFLA_BR_MCAST_QUERIER_INTVL = 32;
    static final int IFLA_BR_MCAST_QUERY_INTVL = 33;
    static final int IFLA_BR_MCAST_QUERY_RESPONSE_INTVL = 34;
    static final int IFLA_BR_MCAST_STARTUP_QUERY_INTVL = 35;
    static final int IFLA_BR_NF_CALL_IPTABLES = 36;
    static final int IFLA_BR_NF_CALL_IP6TABLES = 37;
    static final int IFLA_BR_NF_CALL_ARPTABLES = 38;
    static final int IFLA_BR_VLAN_DEFAULT_PVID = 39;
    static final int IFLA_BR_VLAN_STATS_ENABLED = 41;
    static final int IFLA_BR_MCAST_STATS_ENABLED = 42;
    static final int IFLA_BR_MCAST_IGMP_VERSION = 43;
    static final int IFLA_BR_MCAST_MLD_VERSION = 44;
    static final int IFLA_BR_VLAN_STATS_PER_PORT = 45;
    static final int IFLA_BR_MULTI_BOOLOPT = 46;
    static final int IFLA_BR_MCAST_QUERIER_STATE = 47;
    static final int IFLA_BR_FDB_N_LEARNED = 48;
    static final int IFLA_BR_FDB_MAX_LEARNED = 49;

    @Override
    public BridgeData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "bridge", "attribute decoder");
        BridgeData.Builder b = BridgeData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_BR_FORWARD_DELAY -> b.forwardDelay(d.u32());
                    case IFLA_BR_HELLO_TIME -> b.helloTime(d.u32());
                    case IFLA_BR_MAX_AGE -> b.maxAge(d.u32());
                    case IFLA_BR_AGEING_TIME -> b.ageingTime(d.u32());
                    case IFLA_BR_STP_STATE -> b.stpState(d.u32());
                    case IFLA_BR_PRIORITY -> b.priority(d.u16());
                    case IFLA_BR_VLAN_FILTERING -> b.vlanFiltering(d.u8() != 0);
                    case IFLA_BR_VLAN_PROTOCOL -> b.vlanProtocol(d.u16(ByteOrder.BIG_ENDIAN));
                    case IFLA_BR_GROUP_FWD_MASK -> b.groupForwardMask(d.u16());
                    case IFLA_BR_ROOT_ID -> b.rootId(BridgeId.decode(d));
                    case IFLA_BR_BRIDGE_ID -> b.bridgeId(BridgeId.decode(d));
                    case IFLA_BR_ROOT_PORT -> b.rootPort(d.u16());
                    case IFLA_BR_ROOT_PATH_COST -> b.rootPathCost(d.u32());
                    case IFLA_BR_TOPOLOGY_CHANGE -> b.topologyChange(d.u8());
                    case IFLA_BR_TOPOLOGY_CHANGE_DETECTED -> b.topologyChangeDetected(d.u8());
                    case IFLA_BR_HELLO_TIMER -> b.helloTimer(d.u64());
                    case IFLA_BR_TCN_TIMER -> b.tcnTimer(d.u64());
                    case IFLA_BR_TOPOLOGY_CHANGE_TIMER -> b.topologyChangeTimer(d.u64());
                    case IFLA_BR_GC_TIMER -> b.gcTimer(d.u64());
                    case IFLA_BR_GROUP_ADDR -> b.groupAddress(DriverAttributes.mac(d));
                    case IFLA_BR_FDB_FLUSH -> b.fdbFlush(d.flag());
                    case IFLA_BR_MCAST_ROUTER -> b.multicastRouter(d.u8());
                    case IFLA_BR_MCAST_SNOOPING -> b.multicastSnooping(d.u8() != 0);
                    case IFLA_BR_MCAST_QUERY_USE_IFADDR -> b.multicastQueryUseIfaddr(d.u8() != 0);
                    case IFLA_BR_MCAST_QUERIER -> b.multicastQuerier(d.u8() != 0);
                    case IFLA_BR_MCAST_HASH_ELASTICITY -> b.multicastHashElasticity(d.u32());
                    case IFLA_BR_MCAST_HASH_MAX -> b.multicastHashMax(d.u32());
                    case IFLA_BR_MCAST_LAST_MEMBER_CNT -> b.multicastLastMemberCount(d.u32());
                    case IFLA_BR_MCAST_STARTUP_QUERY_CNT -> b.multicastStartupQueryCount(d.u32());
                    case IFLA_BR_MCAST_LAST_MEMBER_INTVL -> b.multicastLastMemberInterval(d.u64());
                    case IFLA_BR_MCAST_MEMBERSHIP_INTVL -> b.multicastMembershipInterval(d.u64());
                    case IFLA_BR_MCAST_QUERIER_INTVL -> b.multicastQuerierInterval(d.u64());
                    case IFLA_BR_MCAST_QUERY_INTVL -> b.multicastQueryInterval(d.u64());
                    case IFLA_BR_MCAST_QUERY_RESPONSE_INTVL -> b.multicastQueryResponseInterval(d.u64());
                    case IFLA_BR_MCAST_STARTUP_QUERY_INTVL -> b.multicastStartupQueryInterval(d.u64());
                    case IFLA_BR_NF_CALL_IPTABLES -> b.nfCallIptables(d.u8() != 0);
                    case IFLA_BR_NF_CALL_IP6TABLES -> b.nfCallIp6tables(d.u8() != 0);
                    case IFLA_BR_NF_CALL_ARPTABLES -> b.nfCallArptables(d.u8() != 0);
                    case IFLA_BR_VLAN_DEFAULT_PVID -> b.vlanDefaultPvid(d.u16());
                    case IFLA_BR_VLAN_STATS_ENABLED -> b.vlanStatsEnabled(d.u8() != 0);
                    case IFLA_BR_MCAST_STATS_ENABLED -> b.multicastStatsEnabled(d.u8() != 0);
                    case IFLA_BR_MCAST_IGMP_VERSION -> b.multicastIgmpVersion(d.u8());
                    case IFLA_BR_MCAST_MLD_VERSION -> b.multicastMldVersion(d.u8());
                    case IFLA_BR_VLAN_STATS_PER_PORT -> b.vlanStatsPerPort(d.u8() != 0);
                    case IFLA_BR_MULTI_BOOLOPT -> b.multiBoolOpt(BridgeData.MultiBoolOpt.decode(d));
                    case IFLA_BR_MCAST_QUERIER_STATE -> b.multicastQuerierState(DriverAttributes.nest(d));
                    case IFLA_BR_FDB_N_LEARNED -> b.fdbLearnedCount(d.u32());
                    case IFLA_BR_FDB_MAX_LEARNED -> b.fdbMaxLearned(d.u32());
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("bridge", "IFLA_INFO_DATA", type, name(type), e);
        }
        return b.build();
    }

    @Override
    public void encode(LinkInfoData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "bridge", "attribute encoder");
        BridgeData data = DriverAttributes.cast(value, BridgeData.class, "bridge");
        if (data.forwardDelay() != null) {
            e.s32(IFLA_BR_FORWARD_DELAY, data.forwardDelay());
        }
        if (data.helloTime() != null) {
            e.s32(IFLA_BR_HELLO_TIME, data.helloTime());
        }
        if (data.maxAge() != null) {
            e.s32(IFLA_BR_MAX_AGE, data.maxAge());
        }
        if (data.ageingTime() != null) {
            e.s32(IFLA_BR_AGEING_TIME, data.ageingTime());
        }
        if (data.stpState() != null) {
            e.s32(IFLA_BR_STP_STATE, data.stpState());
        }
        if (data.priority() != null) {
            e.u16(IFLA_BR_PRIORITY, data.priority());
        }
        if (data.vlanFiltering() != null) {
            e.u8(IFLA_BR_VLAN_FILTERING, data.vlanFiltering() ? 1 : 0);
        }
        if (data.vlanProtocol() != null) {
            e.u16(IFLA_BR_VLAN_PROTOCOL, data.vlanProtocol(), ByteOrder.BIG_ENDIAN);
        }
        if (data.groupForwardMask() != null) {
            e.u16(IFLA_BR_GROUP_FWD_MASK, data.groupForwardMask());
        }
        if (data.rootId() != null) {
            e.bytes(IFLA_BR_ROOT_ID, data.rootId().bytes());
        }
        if (data.bridgeId() != null) {
            e.bytes(IFLA_BR_BRIDGE_ID, data.bridgeId().bytes());
        }
        if (data.rootPort() != null) {
            e.u16(IFLA_BR_ROOT_PORT, data.rootPort());
        }
        if (data.rootPathCost() != null) {
            e.s32(IFLA_BR_ROOT_PATH_COST, data.rootPathCost());
        }
        if (data.topologyChange() != null) {
            e.u8(IFLA_BR_TOPOLOGY_CHANGE, data.topologyChange());
        }
        if (data.topologyChangeDetected() != null) {
            e.u8(IFLA_BR_TOPOLOGY_CHANGE_DETECTED, data.topologyChangeDetected());
        }
        if (data.helloTimer() != null) {
            e.u64(IFLA_BR_HELLO_TIMER, data.helloTimer());
        }
        if (data.tcnTimer() != null) {
            e.u64(IFLA_BR_TCN_TIMER, data.tcnTimer());
        }
        if (data.topologyChangeTimer() != null) {
            e.u64(IFLA_BR_TOPOLOGY_CHANGE_TIMER, data.topologyChangeTimer());
        }
        if (data.gcTimer() != null) {
            e.u64(IFLA_BR_GC_TIMER, data.gcTimer());
        }
        if (data.groupAddress() != null) {
            e.bytes(IFLA_BR_GROUP_ADDR, data.groupAddress().bytes());
        }
        if (data.fdbFlush()) {
            e.flag(IFLA_BR_FDB_FLUSH);
        }
        if (data.multicastRouter() != null) {
            e.u8(IFLA_BR_MCAST_ROUTER, data.multicastRouter());
        }
        if (data.multicastSnooping() != null) {
            e.u8(IFLA_BR_MCAST_SNOOPING, data.multicastSnooping() ? 1 : 0);
        }
        if (data.multicastQueryUseIfaddr() != null) {
            e.u8(IFLA_BR_MCAST_QUERY_USE_IFADDR, data.multicastQueryUseIfaddr() ? 1 : 0);
        }
        if (data.multicastQuerier() != null) {
            e.u8(IFLA_BR_MCAST_QUERIER, data.multicastQuerier() ? 1 : 0);
        }
        if (data.multicastHashElasticity() != null) {
            e.s32(IFLA_BR_MCAST_HASH_ELASTICITY, data.multicastHashElasticity());
        }
        if (data.multicastHashMax() != null) {
            e.s32(IFLA_BR_MCAST_HASH_MAX, data.multicastHashMax());
        }
        if (data.multicastLastMemberCount() != null) {
            e.s32(IFLA_BR_MCAST_LAST_MEMBER_CNT, data.multicastLastMemberCount());
        }
        if (data.multicastStartupQueryCount() != null) {
            e.s32(IFLA_BR_MCAST_STARTUP_QUERY_CNT, data.multicastStartupQueryCount());
        }
        if (data.multicastLastMemberInterval() != null) {
            e.u64(IFLA_BR_MCAST_LAST_MEMBER_INTVL, data.multicastLastMemberInterval());
        }
        if (data.multicastMembershipInterval() != null) {
            e.u64(IFLA_BR_MCAST_MEMBERSHIP_INTVL, data.multicastMembershipInterval());
        }
        if (data.multicastQuerierInterval() != null) {
            e.u64(IFLA_BR_MCAST_QUERIER_INTVL, data.multicastQuerierInterval());
        }
        if (data.multicastQueryInterval() != null) {
            e.u64(IFLA_BR_MCAST_QUERY_INTVL, data.multicastQueryInterval());
        }
        if (data.multicastQueryResponseInterval() != null) {
            e.u64(IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, data.multicastQueryResponseInterval());
        }
        if (data.multicastStartupQueryInterval() != null) {
            e.u64(IFLA_BR_MCAST_STARTUP_QUERY_INTVL, data.multicastStartupQueryInterval());
        }
        if (data.nfCallIptables() != null) {
            e.u8(IFLA_BR_NF_CALL_IPTABLES, data.nfCallIptables() ? 1 : 0);
        }
        if (data.nfCallIp6tables() != null) {
            e.u8(IFLA_BR_NF_CALL_IP6TABLES, data.nfCallIp6tables() ? 1 : 0);
        }
        if (data.nfCallArptables() != null) {
            e.u8(IFLA_BR_NF_CALL_ARPTABLES, data.nfCallArptables() ? 1 : 0);
        }
        if (data.vlanDefaultPvid() != null) {
            e.u16(IFLA_BR_VLAN_DEFAULT_PVID, data.vlanDefaultPvid());
        }
        if (data.vlanStatsEnabled() != null) {
            e.u8(IFLA_BR_VLAN_STATS_ENABLED, data.vlanStatsEnabled() ? 1 : 0);
        }
        if (data.multicastStatsEnabled() != null) {
            e.u8(IFLA_BR_MCAST_STATS_ENABLED, data.multicastStatsEnabled() ? 1 : 0);
        }
        if (data.multicastIgmpVersion() != null) {
            e.u8(IFLA_BR_MCAST_IGMP_VERSION, data.multicastIgmpVersion());
        }
        if (data.multicastMldVersion() != null) {
            e.u8(IFLA_BR_MCAST_MLD_VERSION, data.multicastMldVersion());
        }
        if (data.vlanStatsPerPort() != null) {
            e.u8(IFLA_BR_VLAN_STATS_PER_PORT, data.vlanStatsPerPort() ? 1 : 0);
        }
        if (data.multiBoolOpt() != null) {
            e.bytes(IFLA_BR_MULTI_BOOLOPT, data.multiBoolOpt().bytes());
        }
        if (data.multicastQuerierState() != null) {
            e.nested(IFLA_BR_MCAST_QUERIER_STATE, n -> RoutePayload.writeAll(n, data.multicastQuerierState()));
        }
        if (data.fdbLearnedCount() != null) {
            e.s32(IFLA_BR_FDB_N_LEARNED, data.fdbLearnedCount());
        }
        if (data.fdbMaxLearned() != null) {
            e.s32(IFLA_BR_FDB_MAX_LEARNED, data.fdbMaxLearned());
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_BR_FORWARD_DELAY", "IFLA_BR_HELLO_TIME", "IFLA_BR_MAX_AGE",
            "IFLA_BR_AGEING_TIME", "IFLA_BR_STP_STATE", "IFLA_BR_PRIORITY", "IFLA_BR_VLAN_FILTERING",
            "IFLA_BR_VLAN_PROTOCOL", "IFLA_BR_GROUP_FWD_MASK", "IFLA_BR_ROOT_ID", "IFLA_BR_BRIDGE_ID",
            "IFLA_BR_ROOT_PORT", "IFLA_BR_ROOT_PATH_COST", "IFLA_BR_TOPOLOGY_CHANGE",
            "IFLA_BR_TOPOLOGY_CHANGE_DETECTED", "IFLA_BR_HELLO_TIMER", "IFLA_BR_TCN_TIMER",
            "IFLA_BR_TOPOLOGY_CHANGE_TIMER", "IFLA_BR_GC_TIMER", "IFLA_BR_GROUP_ADDR", "IFLA_BR_FDB_FLUSH",
            "IFLA_BR_MCAST_ROUTER", "IFLA_BR_MCAST_SNOOPING", "IFLA_BR_MCAST_QUERY_USE_IFADDR",
            "IFLA_BR_MCAST_QUERIER", "IFLA_BR_MCAST_HASH_ELASTICITY", "IFLA_BR_MCAST_HASH_MAX",
            "IFLA_BR_MCAST_LAST_MEMBER_CNT", "IFLA_BR_MCAST_STARTUP_QUERY_CNT", "IFLA_BR_MCAST_LAST_MEMBER_INTVL",
            "IFLA_BR_MCAST_MEMBERSHIP_INTVL", "IFLA_BR_MCAST_QUERIER_INTVL", "IFLA_BR_MCAST_QUERY_INTVL",
            "IFLA_BR_MCAST_QUERY_RESPONSE_INTVL", "IFLA_BR_MCAST_STARTUP_QUERY_INTVL", "IFLA_BR_NF_CALL_IPTABLES",
            "IFLA_BR_NF_CALL_IP6TABLES", "IFLA_BR_NF_CALL_ARPTABLES", "IFLA_BR_VLAN_DEFAULT_PVID", null,
            "IFLA_BR_VLAN_STATS_ENABLED", "IFLA_BR_MCAST_STATS_ENABLED", "IFLA_BR_MCAST_IGMP_VERSION",
            "IFLA_BR_MCAST_MLD_VERSION", "IFLA_BR_VLAN_STATS_PER_PORT", "IFLA_BR_MULTI_BOOLOPT",
            "IFLA_BR_MCAST_QUERIER_STATE", "IFLA_BR_FDB_N_LEARNED", "IFLA_BR_FDB_MAX_LEARNED"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }

    @Override
    public BridgePortData decodeSlave(AttributeDecoder d) {
        return BridgePortAttributes.decode(d);
    }

    @Override
    public void encodeSlave(LinkSlaveData value, AttributeEncoder e) {
        BridgePortAttributes.encode(value, e);
    }
}
