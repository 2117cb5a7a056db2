package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;

/** The {@code bond} driver: {@link BondData} and {@link BondSlaveData}. */
final class BondDriver implements LinkDriver {

    @Override
    public String kind() {
        return "bond";
    }

    static final int IFLA_BOND_MODE = 1;
    static final int IFLA_BOND_ACTIVE_SLAVE = 2;
    static final int IFLA_BOND_MIIMON = 3;
    static final int IFLA_BOND_UPDELAY = 4;
    static final int IFLA_BOND_DOWNDELAY = 5;
    static final int IFLA_BOND_USE_CARRIER = 6;
    static final int IFLA_BOND_ARP_INTERVAL = 7;
    static final int IFLA_BOND_ARP_IP_TARGET = 8;
    static final int IFLA_BOND_ARP_VALIDATE = 9;
    static final int IFLA_BOND_ARP_ALL_TARGETS = 10;
    static final int IFLA_BOND_PRIMARY = 11;
    static final int IFLA_BOND_PRIMARY_RESELECT = 12;
    static final int IFLA_BOND_FAIL_OVER_MAC = 13;
    static final int IFLA_BOND_XMIT_HASH_POLICY = 14;
    static final int IFLA_BOND_RESEND_IGMP = 15;
    static final int IFLA_BOND_NUM_PEER_NOTIF = 16;
    static final int IFLA_BOND_ALL_SLAVES_ACTIVE = 17;
    static final int IFLA_BOND_MIN_LINKS = 18;
    static final int IFLA_BOND_LP_INTERVAL = 19;
    static final int IFLA_BOND_PACKETS_PER_SLAVE = 20;
    static final int IFLA_BOND_AD_LACP_RATE = 21;
    static final int IFLA_BOND_AD_SELECT = 22;
    static final int IFLA_BOND_AD_INFO = 23;
    static final int IFLA_BOND_AD_ACTOR_SYS_PRIO = 24;
    static final int IFLA_BOND_AD_USER_PORT_KEY = 25;
    static final int IFLA_BOND_AD_ACTOR_SYSTEM = 26;
    static final int IFLA_BOND_TLB_DYNAMIC_LB = 27;
    static final int IFLA_BOND_PEER_NOTIF_DELAY = 28;
    static final int IFLA_BOND_AD_LACP_ACTIVE = 29;
    static final int IFLA_BOND_MISSED_MAX = 30;
    static final int IFLA_BOND_NS_IP6_TARGET = 31;
    static final int IFLA_BOND_COUPLED_CONTROL = 32;

    @Override
    public BondData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "bond", "attribute decoder");
        BondData.Builder b = BondData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_BOND_MODE -> b.mode(d.u8());
                    case IFLA_BOND_ACTIVE_SLAVE -> b.activeSlave(d.u32());
                    case IFLA_BOND_MIIMON -> b.miimon(d.u32());
                    case IFLA_BOND_UPDELAY -> b.updelay(d.u32());
                    case IFLA_BOND_DOWNDELAY -> b.downdelay(d.u32());
                    case IFLA_BOND_USE_CARRIER -> b.useCarrier(d.u8() != 0);
                    case IFLA_BOND_ARP_INTERVAL -> b.arpInterval(d.u32());
                    case IFLA_BOND_ARP_IP_TARGET -> b.arpIpTargets(DriverAttributes.nest(d));
                    case IFLA_BOND_ARP_VALIDATE -> b.arpValidate(d.u32());
                    case IFLA_BOND_ARP_ALL_TARGETS -> b.arpAllTargets(d.u32());
                    case IFLA_BOND_PRIMARY -> b.primary(d.u32());
                    case IFLA_BOND_PRIMARY_RESELECT -> b.primaryReselect(d.u8());
                    case IFLA_BOND_FAIL_OVER_MAC -> b.failOverMac(d.u8());
                    case IFLA_BOND_XMIT_HASH_POLICY -> b.xmitHashPolicy(d.u8());
                    case IFLA_BOND_RESEND_IGMP -> b.resendIgmp(d.u32());
                    case IFLA_BOND_NUM_PEER_NOTIF -> b.numPeerNotif(d.u8());
                    case IFLA_BOND_ALL_SLAVES_ACTIVE -> b.allSlavesActive(d.u8() != 0);
                    case IFLA_BOND_MIN_LINKS -> b.minLinks(d.u32());
                    case IFLA_BOND_LP_INTERVAL -> b.lpInterval(d.u32());
                    case IFLA_BOND_PACKETS_PER_SLAVE -> b.packetsPerSlave(d.u32());
                    case IFLA_BOND_AD_LACP_RATE -> b.adLacpRate(d.u8());
                    case IFLA_BOND_AD_SELECT -> b.adSelect(d.u8());
                    case IFLA_BOND_AD_INFO -> b.adInfo(DriverAttributes.nest(d));
                    case IFLA_BOND_AD_ACTOR_SYS_PRIO -> b.adActorSysPrio(d.u16());
                    case IFLA_BOND_AD_USER_PORT_KEY -> b.adUserPortKey(d.u16());
                    case IFLA_BOND_AD_ACTOR_SYSTEM -> b.adActorSystem(DriverAttributes.mac(d));
                    case IFLA_BOND_TLB_DYNAMIC_LB -> b.tlbDynamicLb(d.u8() != 0);
                    case IFLA_BOND_PEER_NOTIF_DELAY -> b.peerNotifDelay(d.u32());
                    case IFLA_BOND_AD_LACP_ACTIVE -> b.adLacpActive(d.u8() != 0);
                    case IFLA_BOND_MISSED_MAX -> b.missedMax(d.u8());
                    case IFLA_BOND_NS_IP6_TARGET -> b.nsIp6Targets(DriverAttributes.nest(d));
                    case IFLA_BOND_COUPLED_CONTROL -> b.coupledControl(d.u8() != 0);
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("bond", "IFLA_INFO_DATA", type, name(type), e);
        }
        return b.build();
    }

    @Override
    public void encode(LinkInfoData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "bond", "attribute encoder");
        BondData data = DriverAttributes.cast(value, BondData.class, "bond");
        if (data.mode() != null) {
            e.u8(IFLA_BOND_MODE, data.mode());
        }
        if (data.activeSlave() != null) {
            e.s32(IFLA_BOND_ACTIVE_SLAVE, data.activeSlave());
        }
        if (data.miimon() != null) {
            e.s32(IFLA_BOND_MIIMON, data.miimon());
        }
        if (data.updelay() != null) {
            e.s32(IFLA_BOND_UPDELAY, data.updelay());
        }
        if (data.downdelay() != null) {
            e.s32(IFLA_BOND_DOWNDELAY, data.downdelay());
        }
        if (data.useCarrier() != null) {
            e.u8(IFLA_BOND_USE_CARRIER, data.useCarrier() ? 1 : 0);
        }
        if (data.arpInterval() != null) {
            e.s32(IFLA_BOND_ARP_INTERVAL, data.arpInterval());
        }
        if (data.arpIpTargets() != null) {
            e.nested(IFLA_BOND_ARP_IP_TARGET, n -> RoutePayload.writeAll(n, data.arpIpTargets()));
        }
        if (data.arpValidate() != null) {
            e.s32(IFLA_BOND_ARP_VALIDATE, data.arpValidate());
        }
        if (data.arpAllTargets() != null) {
            e.s32(IFLA_BOND_ARP_ALL_TARGETS, data.arpAllTargets());
        }
        if (data.primary() != null) {
            e.s32(IFLA_BOND_PRIMARY, data.primary());
        }
        if (data.primaryReselect() != null) {
            e.u8(IFLA_BOND_PRIMARY_RESELECT, data.primaryReselect());
        }
        if (data.failOverMac() != null) {
            e.u8(IFLA_BOND_FAIL_OVER_MAC, data.failOverMac());
        }
        if (data.xmitHashPolicy() != null) {
            e.u8(IFLA_BOND_XMIT_HASH_POLICY, data.xmitHashPolicy());
        }
        if (data.resendIgmp() != null) {
            e.s32(IFLA_BOND_RESEND_IGMP, data.resendIgmp());
        }
        if (data.numPeerNotif() != null) {
            e.u8(IFLA_BOND_NUM_PEER_NOTIF, data.numPeerNotif());
        }
        if (data.allSlavesActive() != null) {
            e.u8(IFLA_BOND_ALL_SLAVES_ACTIVE, data.allSlavesActive() ? 1 : 0);
        }
        if (data.minLinks() != null) {
            e.s32(IFLA_BOND_MIN_LINKS, data.minLinks());
        }
        if (data.lpInterval() != null) {
            e.s32(IFLA_BOND_LP_INTERVAL, data.lpInterval());
        }
        if (data.packetsPerSlave() != null) {
            e.s32(IFLA_BOND_PACKETS_PER_SLAVE, data.packetsPerSlave());
        }
        if (data.adLacpRate() != null) {
            e.u8(IFLA_BOND_AD_LACP_RATE, data.adLacpRate());
        }
        if (data.adSelect() != null) {
            e.u8(IFLA_BOND_AD_SELECT, data.adSelect());
        }
        if (data.adInfo() != null) {
            e.nested(IFLA_BOND_AD_INFO, n -> RoutePayload.writeAll(n, data.adInfo()));
        }
        if (data.adActorSysPrio() != null) {
            e.u16(IFLA_BOND_AD_ACTOR_SYS_PRIO, data.adActorSysPrio());
        }
        if (data.adUserPortKey() != null) {
            e.u16(IFLA_BOND_AD_USER_PORT_KEY, data.adUserPortKey());
        }
        if (data.adActorSystem() != null) {
            e.bytes(IFLA_BOND_AD_ACTOR_SYSTEM, data.adActorSystem().bytes());
        }
        if (data.tlbDynamicLb() != null) {
            e.u8(IFLA_BOND_TLB_DYNAMIC_LB, data.tlbDynamicLb() ? 1 : 0);
        }
        if (data.peerNotifDelay() != null) {
            e.s32(IFLA_BOND_PEER_NOTIF_DELAY, data.peerNotifDelay());
        }
        if (data.adLacpActive() != null) {
            e.u8(IFLA_BOND_AD_LACP_ACTIVE, data.adLacpActive() ? 1 : 0);
        }
        if (data.missedMax() != null) {
            e.u8(IFLA_BOND_MISSED_MAX, data.missedMax());
        }
        if (data.nsIp6Targets() != null) {
            e.nested(IFLA_BOND_NS_IP6_TARGET, n -> RoutePayload.writeAll(n, data.nsIp6Targets()));
        }
        if (data.coupledControl() != null) {
            e.u8(IFLA_BOND_COUPLED_CONTROL, data.coupledControl() ? 1 : 0);
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_BOND_MODE", "IFLA_BOND_ACTIVE_SLAVE", "IFLA_BOND_MIIMON",
            "IFLA_BOND_UPDELAY", "IFLA_BOND_DOWNDELAY", "IFLA_BOND_USE_CARRIER", "IFLA_BOND_ARP_INTERVAL",
            "IFLA_BOND_ARP_IP_TARGET", "IFLA_BOND_ARP_VALIDATE", "IFLA_BOND_ARP_ALL_TARGETS", "IFLA_BOND_PRIMARY",
            "IFLA_BOND_PRIMARY_RESELECT", "IFLA_BOND_FAIL_OVER_MAC", "IFLA_BOND_XMIT_HASH_POLICY",
            "IFLA_BOND_RESEND_IGMP", "IFLA_BOND_NUM_PEER_NOTIF", "IFLA_BOND_ALL_SLAVES_ACTIVE", "IFLA_BOND_MIN_LINKS",
            "IFLA_BOND_LP_INTERVAL", "IFLA_BOND_PACKETS_PER_SLAVE", "IFLA_BOND_AD_LACP_RATE", "IFLA_BOND_AD_SELECT",
            "IFLA_BOND_AD_INFO", "IFLA_BOND_AD_ACTOR_SYS_PRIO", "IFLA_BOND_AD_USER_PORT_KEY",
            "IFLA_BOND_AD_ACTOR_SYSTEM", "IFLA_BOND_TLB_DYNAMIC_LB", "IFLA_BOND_PEER_NOTIF_DELAY",
            "IFLA_BOND_AD_LACP_ACTIVE", "IFLA_BOND_MISSED_MAX", "IFLA_BOND_NS_IP6_TARGET",
            "IFLA_BOND_COUPLED_CONTROL"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }

    @Override
    public BondSlaveData decodeSlave(AttributeDecoder d) {
        return BondSlaveAttributes.decode(d);
    }

    @Override
    public void encodeSlave(LinkSlaveData value, AttributeEncoder e) {
        BondSlaveAttributes.encode(value, e);
    }
}
