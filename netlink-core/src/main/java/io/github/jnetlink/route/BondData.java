package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The main settings of a bonding device ({@code IFLA_INFO_DATA} of kind {@code bond}, the kernel's {@code
 * bond_fill_info}).
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param mode {@code IFLA_BOND_MODE} ({@code mode}): 0 balance-rr, 1 active-backup, 2 balance-xor, 3 broadcast, 4
 *             802.3ad, 5 balance-tlb, 6 balance-alb
 * @param activeSlave {@code IFLA_BOND_ACTIVE_SLAVE} ({@code active_slave}): the active port's interface index
 * @param miimon {@code IFLA_BOND_MIIMON} ({@code miimon}): the MII link monitoring interval, in milliseconds
 * @param updelay {@code IFLA_BOND_UPDELAY} ({@code updelay}): the delay before a port is used after link up, in
 *                milliseconds
 * @param downdelay {@code IFLA_BOND_DOWNDELAY} ({@code downdelay}): the delay before a port is dropped after link
 *                  down, in milliseconds
 * @param useCarrier {@code IFLA_BOND_USE_CARRIER} ({@code use_carrier}): whether MII monitoring uses the carrier
 *                   state
 * @param arpInterval {@code IFLA_BOND_ARP_INTERVAL} ({@code arp_interval}): the ARP monitoring interval, in
 *                    milliseconds
 * @param arpIpTargets {@code IFLA_BOND_ARP_IP_TARGET} ({@code arp_ip_target}): the ARP monitoring targets, a nest of
 *                     IPv4 addresses
 * @param arpValidate {@code IFLA_BOND_ARP_VALIDATE} ({@code arp_validate}): which ARP replies are validated
 * @param arpAllTargets {@code IFLA_BOND_ARP_ALL_TARGETS} ({@code arp_all_targets}): 0 any, 1 all targets must answer
 * @param primary {@code IFLA_BOND_PRIMARY} ({@code primary}): the primary port's interface index
 * @param primaryReselect {@code IFLA_BOND_PRIMARY_RESELECT} ({@code primary_reselect}): 0 always, 1 better, 2 failure
 * @param failOverMac {@code IFLA_BOND_FAIL_OVER_MAC} ({@code fail_over_mac}): 0 none, 1 active, 2 follow
 * @param xmitHashPolicy {@code IFLA_BOND_XMIT_HASH_POLICY} ({@code xmit_hash_policy}): 0 layer2, 1 layer3+4, 2
 *                       layer2+3, 3 encap2+3, 4 encap3+4, 5 vlan+srcmac
 * @param resendIgmp {@code IFLA_BOND_RESEND_IGMP} ({@code resend_igmp}): IGMP reports sent after a failover
 * @param numPeerNotif {@code IFLA_BOND_NUM_PEER_NOTIF} ({@code num_peer_notif}): peer notifications sent after a
 *                     failover
 * @param allSlavesActive {@code IFLA_BOND_ALL_SLAVES_ACTIVE} ({@code all_slaves_active}): whether inactive ports
 *                        deliver duplicates
 * @param minLinks {@code IFLA_BOND_MIN_LINKS} ({@code min_links}): ports needed up for carrier
 * @param lpInterval {@code IFLA_BOND_LP_INTERVAL} ({@code lp_interval}): seconds between learning packets
 * @param packetsPerSlave {@code IFLA_BOND_PACKETS_PER_SLAVE} ({@code packets_per_slave}): packets sent through a port
 *                        before the next (balance-rr)
 * @param adLacpRate {@code IFLA_BOND_AD_LACP_RATE} ({@code ad_lacp_rate}): 0 slow, 1 fast
 * @param adSelect {@code IFLA_BOND_AD_SELECT} ({@code ad_select}): 0 stable, 1 bandwidth, 2 count
 * @param adInfo {@code IFLA_BOND_AD_INFO} ({@code ad_info}): 802.3ad aggregator information, a nest of
 *               IFLA_BOND_AD_INFO_*
 * @param adActorSysPrio {@code IFLA_BOND_AD_ACTOR_SYS_PRIO} ({@code ad_actor_sys_prio}): the 802.3ad system priority
 * @param adUserPortKey {@code IFLA_BOND_AD_USER_PORT_KEY} ({@code ad_user_port_key}): the 802.3ad user port key
 * @param adActorSystem {@code IFLA_BOND_AD_ACTOR_SYSTEM} ({@code ad_actor_system}): the 802.3ad system address
 * @param tlbDynamicLb {@code IFLA_BOND_TLB_DYNAMIC_LB} ({@code tlb_dynamic_lb}): dynamic balancing in balance-tlb
 * @param peerNotifDelay {@code IFLA_BOND_PEER_NOTIF_DELAY} ({@code peer_notify_delay}): the delay between peer
 *                       notifications, in milliseconds
 * @param adLacpActive {@code IFLA_BOND_AD_LACP_ACTIVE} ({@code ad_lacp_active}): whether LACPDUs are sent
 * @param missedMax {@code IFLA_BOND_MISSED_MAX} ({@code arp_missed_max}): ARP monitor intervals missed before a port
 *                  is down
 * @param nsIp6Targets {@code IFLA_BOND_NS_IP6_TARGET} ({@code ns_ip6_target}): the IPv6 neighbour solicitation
 *                     targets, a nest of addresses
 * @param coupledControl {@code IFLA_BOND_COUPLED_CONTROL} ({@code coupled_control}): 802.3ad coupled control
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record BondData(Integer mode, Integer activeSlave, Integer miimon, Integer updelay, Integer downdelay,
        Boolean useCarrier, Integer arpInterval, List<Attribute> arpIpTargets, Integer arpValidate,
        Integer arpAllTargets, Integer primary, Integer primaryReselect, Integer failOverMac, Integer xmitHashPolicy,
        Integer resendIgmp, Integer numPeerNotif, Boolean allSlavesActive, Integer minLinks, Integer lpInterval,
        Integer packetsPerSlave, Integer adLacpRate, Integer adSelect, List<Attribute> adInfo, Integer adActorSysPrio,
        Integer adUserPortKey, MacAddress adActorSystem, Boolean tlbDynamicLb, Integer peerNotifDelay,
        Boolean adLacpActive, Integer missedMax, List<Attribute> nsIp6Targets, Boolean coupledControl,
        List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute, or a list holds null
     */
    public BondData {
        DriverAttributes.u8("bond mode", mode);
        arpIpTargets = DriverAttributes.copy("bond arpIpTargets", arpIpTargets);
        DriverAttributes.u8("bond primaryReselect", primaryReselect);
        DriverAttributes.u8("bond failOverMac", failOverMac);
        DriverAttributes.u8("bond xmitHashPolicy", xmitHashPolicy);
        DriverAttributes.u8("bond numPeerNotif", numPeerNotif);
        DriverAttributes.u8("bond adLacpRate", adLacpRate);
        DriverAttributes.u8("bond adSelect", adSelect);
        adInfo = DriverAttributes.copy("bond adInfo", adInfo);
        DriverAttributes.u16("bond adActorSysPrio", adActorSysPrio);
        DriverAttributes.u16("bond adUserPortKey", adUserPortKey);
        DriverAttributes.u8("bond missedMax", missedMax);
        nsIp6Targets = DriverAttributes.copy("bond nsIp6Targets", nsIp6Targets);
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

    /** Builds a {@link BondData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private Integer mode;
        private Integer activeSlave;
        private Integer miimon;
        private Integer updelay;
        private Integer downdelay;
        private Boolean useCarrier;
        private Integer arpInterval;
        private List<Attribute> arpIpTargets;
        private Integer arpValidate;
        private Integer arpAllTargets;
        private Integer primary;
        private Integer primaryReselect;
        private Integer failOverMac;
        private Integer xmitHashPolicy;
        private Integer resendIgmp;
        private Integer numPeerNotif;
        private Boolean allSlavesActive;
        private Integer minLinks;
        private Integer lpInterval;
        private Integer packetsPerSlave;
        private Integer adLacpRate;
        private Integer adSelect;
        private List<Attribute> adInfo;
        private Integer adActorSysPrio;
        private Integer adUserPortKey;
        private MacAddress adActorSystem;
        private Boolean tlbDynamicLb;
        private Integer peerNotifDelay;
        private Boolean adLacpActive;
        private Integer missedMax;
        private List<Attribute> nsIp6Targets;
        private Boolean coupledControl;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@link BondData#mode()}. */
        public Builder mode(Integer mode) {
            this.mode = mode;
            return this;
        }

        /** Sets {@link BondData#activeSlave()}. */
        public Builder activeSlave(Integer activeSlave) {
            this.activeSlave = activeSlave;
            return this;
        }

        /** Sets {@link BondData#miimon()}. */
        public Builder miimon(Integer miimon) {
            this.miimon = miimon;
            return this;
        }

        /** Sets {@link BondData#updelay()}. */
        public Builder updelay(Integer updelay) {
            this.updelay = updelay;
            return this;
        }

        /** Sets {@link BondData#downdelay()}. */
        public Builder downdelay(Integer downdelay) {
            this.downdelay = downdelay;
            return this;
        }

        /** Sets {@link BondData#useCarrier()}. */
        public Builder useCarrier(Boolean useCarrier) {
            this.useCarrier = useCarrier;
            return this;
        }

        /** Sets {@link BondData#arpInterval()}. */
        public Builder arpInterval(Integer arpInterval) {
            this.arpInterval = arpInterval;
            return this;
        }

        /** Sets {@link BondData#arpIpTargets()}. */
        public Builder arpIpTargets(List<Attribute> arpIpTargets) {
            this.arpIpTargets = arpIpTargets;
            return this;
        }

        /** Sets {@link BondData#arpValidate()}. */
        public Builder arpValidate(Integer arpValidate) {
            this.arpValidate = arpValidate;
            return this;
        }

        /** Sets {@link BondData#arpAllTargets()}. */
        public Builder arpAllTargets(Integer arpAllTargets) {
            this.arpAllTargets = arpAllTargets;
            return this;
        }

        /** Sets {@link BondData#primary()}. */
        public Builder primary(Integer primary) {
            this.primary = primary;
            return this;
        }

        /** Sets {@link BondData#primaryReselect()}. */
        public Builder primaryReselect(Integer primaryReselect) {
            this.primaryReselect = primaryReselect;
            return this;
        }

        /** Sets {@link BondData#failOverMac()}. */
        public Builder failOverMac(Integer failOverMac) {
            this.failOverMac = failOverMac;
            return this;
        }

        /** Sets {@link BondData#xmitHashPolicy()}. */
        public Builder xmitHashPolicy(Integer xmitHashPolicy) {
            this.xmitHashPolicy = xmitHashPolicy;
            return this;
        }

        /** Sets {@link BondData#resendIgmp()}. */
        public Builder resendIgmp(Integer resendIgmp) {
            this.resendIgmp = resendIgmp;
            return this;
        }

        /** Sets {@link BondData#numPeerNotif()}. */
        public Builder numPeerNotif(Integer numPeerNotif) {
            this.numPeerNotif = numPeerNotif;
            return this;
        }

        /** Sets {@link BondData#allSlavesActive()}. */
        public Builder allSlavesActive(Boolean allSlavesActive) {
            this.allSlavesActive = allSlavesActive;
            return this;
        }

        /** Sets {@link BondData#minLinks()}. */
        public Builder minLinks(Integer minLinks) {
            this.minLinks = minLinks;
            return this;
        }

        /** Sets {@link BondData#lpInterval()}. */
        public Builder lpInterval(Integer lpInterval) {
            this.lpInterval = lpInterval;
            return this;
        }

        /** Sets {@link BondData#packetsPerSlave()}. */
        public Builder packetsPerSlave(Integer packetsPerSlave) {
            this.packetsPerSlave = packetsPerSlave;
            return this;
        }

        /** Sets {@link BondData#adLacpRate()}. */
        public Builder adLacpRate(Integer adLacpRate) {
            this.adLacpRate = adLacpRate;
            return this;
        }

        /** Sets {@link BondData#adSelect()}. */
        public Builder adSelect(Integer adSelect) {
            this.adSelect = adSelect;
            return this;
        }

        /** Sets {@link BondData#adInfo()}. */
        public Builder adInfo(List<Attribute> adInfo) {
            this.adInfo = adInfo;
            return this;
        }

        /** Sets {@link BondData#adActorSysPrio()}. */
        public Builder adActorSysPrio(Integer adActorSysPrio) {
            this.adActorSysPrio = adActorSysPrio;
            return this;
        }

        /** Sets {@link BondData#adUserPortKey()}. */
        public Builder adUserPortKey(Integer adUserPortKey) {
            this.adUserPortKey = adUserPortKey;
            return this;
        }

        /** Sets {@link BondData#adActorSystem()}. */
        public Builder adActorSystem(MacAddress adActorSystem) {
            this.adActorSystem = adActorSystem;
            return this;
        }

        /** Sets {@link BondData#tlbDynamicLb()}. */
        public Builder tlbDynamicLb(Boolean tlbDynamicLb) {
            this.tlbDynamicLb = tlbDynamicLb;
            return this;
        }

        /** Sets {@link BondData#peerNotifDelay()}. */
        public Builder peerNotifDelay(Integer peerNotifDelay) {
            this.peerNotifDelay = peerNotifDelay;
            return this;
        }

        /** Sets {@link BondData#adLacpActive()}. */
        public Builder adLacpActive(Boolean adLacpActive) {
            this.adLacpActive = adLacpActive;
            return this;
        }

        /** Sets {@link BondData#missedMax()}. */
        public Builder missedMax(Integer missedMax) {
            this.missedMax = missedMax;
            return this;
        }

        /** Sets {@link BondData#nsIp6Targets()}. */
        public Builder nsIp6Targets(List<Attribute> nsIp6Targets) {
            this.nsIp6Targets = nsIp6Targets;
            return this;
        }

        /** Sets {@link BondData#coupledControl()}. */
        public Builder coupledControl(Boolean coupledControl) {
            this.coupledControl = coupledControl;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public BondData build() {
            return new BondData(mode, activeSlave, miimon, updelay, downdelay, useCarrier, arpInterval, arpIpTargets,
                    arpValidate, arpAllTargets, primary, primaryReselect, failOverMac, xmitHashPolicy, resendIgmp,
                    numPeerNotif, allSlavesActive, minLinks, lpInterval, packetsPerSlave, adLacpRate, adSelect, adInfo,
                    adActorSysPrio, adUserPortKey, adActorSystem, tlbDynamicLb, peerNotifDelay, adLacpActive,
                    missedMax, nsIp6Targets, coupledControl, unknown);
        }
    }
}
