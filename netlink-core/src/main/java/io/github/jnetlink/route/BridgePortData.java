package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * A bridge port's settings and STP state ({@code IFLA_INFO_SLAVE_DATA} of slave kind {@code bridge}, the kernel's
 * {@code br_port_fill_attrs}), with the names {@code ip -d link} prints in {@code info_slave_data}.
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param state {@code IFLA_BRPORT_STATE} ({@code state}): the STP port state: 0 disabled, 1 listening, 2 learning, 3
 *              forwarding, 4 blocking
 * @param priority {@code IFLA_BRPORT_PRIORITY} ({@code priority}): the port priority
 * @param cost {@code IFLA_BRPORT_COST} ({@code cost}): the STP path cost
 * @param hairpin {@code IFLA_BRPORT_MODE} ({@code hairpin}): hairpin mode: frames may leave by the port they came in
 * @param guard {@code IFLA_BRPORT_GUARD} ({@code guard}): BPDU guard: STP frames disable the port
 * @param rootBlock {@code IFLA_BRPORT_PROTECT} ({@code root_block}): root port protection
 * @param fastLeave {@code IFLA_BRPORT_FAST_LEAVE} ({@code fastleave}): multicast fast leave
 * @param learning {@code IFLA_BRPORT_LEARNING} ({@code learning}): whether source addresses are learned
 * @param unicastFlood {@code IFLA_BRPORT_UNICAST_FLOOD} ({@code flood}): whether unknown unicast is flooded to the
 *                     port
 * @param proxyArp {@code IFLA_BRPORT_PROXYARP} ({@code proxy_arp}): proxy ARP
 * @param learningSync {@code IFLA_BRPORT_LEARNING_SYNC}: switchdev learning sync
 * @param proxyArpWifi {@code IFLA_BRPORT_PROXYARP_WIFI} ({@code proxy_arp_wifi}): proxy ARP for Wi-Fi
 * @param rootId {@code IFLA_BRPORT_ROOT_ID} ({@code root_id}): the designated root
 * @param bridgeId {@code IFLA_BRPORT_BRIDGE_ID} ({@code bridge_id}): the designated bridge
 * @param designatedPort {@code IFLA_BRPORT_DESIGNATED_PORT} ({@code designated_port}): the designated port
 * @param designatedCost {@code IFLA_BRPORT_DESIGNATED_COST} ({@code designated_cost}): the designated cost
 * @param id {@code IFLA_BRPORT_ID} ({@code id}): the port identifier (priority and number)
 * @param number {@code IFLA_BRPORT_NO} ({@code no}): the port number
 * @param topologyChangeAck {@code IFLA_BRPORT_TOPOLOGY_CHANGE_ACK} ({@code topology_change_ack}): a topology change
 *                          acknowledgement is pending
 * @param configPending {@code IFLA_BRPORT_CONFIG_PENDING} ({@code config_pending}): a configuration BPDU is pending
 * @param messageAgeTimer {@code IFLA_BRPORT_MESSAGE_AGE_TIMER} ({@code message_age_timer}): time left on the message
 *                        age timer, in centiseconds (clock_t, USER_HZ 100)
 * @param forwardDelayTimer {@code IFLA_BRPORT_FORWARD_DELAY_TIMER} ({@code forward_delay_timer}): time left on the
 *                          forward delay timer, in centiseconds (clock_t, USER_HZ 100)
 * @param holdTimer {@code IFLA_BRPORT_HOLD_TIMER} ({@code hold_timer}): time left on the hold timer, in centiseconds
 *                  (clock_t, USER_HZ 100)
 * @param flush {@code IFLA_BRPORT_FLUSH}: a request to flush the port's FDB entries; the kernel never sends it
 * @param multicastRouter {@code IFLA_BRPORT_MULTICAST_ROUTER} ({@code multicast_router}): 0 never, 1 learned, 2
 *                        always, 3 temporary
 * @param multicastFlood {@code IFLA_BRPORT_MCAST_FLOOD} ({@code mcast_flood}): whether unknown multicast is flooded
 *                       to the port
 * @param multicastToUnicast {@code IFLA_BRPORT_MCAST_TO_UCAST} ({@code mcast_to_unicast}): multicast to unicast
 * @param vlanTunnel {@code IFLA_BRPORT_VLAN_TUNNEL} ({@code vlan_tunnel}): VLAN to tunnel mapping
 * @param broadcastFlood {@code IFLA_BRPORT_BCAST_FLOOD} ({@code bcast_flood}): whether broadcast is flooded to the
 *                       port
 * @param groupForwardMask {@code IFLA_BRPORT_GROUP_FWD_MASK} ({@code group_fwd_mask}): link-local groups forwarded
 *                         from this port
 * @param neighSuppress {@code IFLA_BRPORT_NEIGH_SUPPRESS} ({@code neigh_suppress}): ARP/ND suppression
 * @param isolated {@code IFLA_BRPORT_ISOLATED} ({@code isolated}): an isolated port talks only to non-isolated ones
 * @param backupPort {@code IFLA_BRPORT_BACKUP_PORT} ({@code backup_port}): the backup port's interface index
 * @param mrpRingOpen {@code IFLA_BRPORT_MRP_RING_OPEN}: MRP ring open
 * @param mrpInOpen {@code IFLA_BRPORT_MRP_IN_OPEN}: MRP interconnect open
 * @param multicastEhtHostsLimit {@code IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT} ({@code mcast_eht_hosts_limit}): the limit
 *                               on IGMPv3/MLDv2 explicit hosts tracked
 * @param multicastEhtHostsCount {@code IFLA_BRPORT_MCAST_EHT_HOSTS_CNT} ({@code mcast_eht_hosts_cnt}): explicit hosts
 *                               tracked
 * @param locked {@code IFLA_BRPORT_LOCKED} ({@code locked}): a locked port forwards only from FDB-known hosts
 * @param mab {@code IFLA_BRPORT_MAB} ({@code mab}): MAC authentication bypass (kernel 6.2+)
 * @param multicastGroupCount {@code IFLA_BRPORT_MCAST_N_GROUPS} ({@code mcast_n_groups}): multicast groups joined
 *                            through the port (kernel 6.3+)
 * @param multicastMaxGroups {@code IFLA_BRPORT_MCAST_MAX_GROUPS} ({@code mcast_max_groups}): the limit on such
 *                           groups, 0 for none (kernel 6.3+)
 * @param neighVlanSuppress {@code IFLA_BRPORT_NEIGH_VLAN_SUPPRESS} ({@code neigh_vlan_suppress}): per-VLAN ARP/ND
 *                          suppression (kernel 6.6+)
 * @param backupNexthopId {@code IFLA_BRPORT_BACKUP_NHID} ({@code backup_nhid}): the backup nexthop group id (kernel
 *                        6.6+)
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record BridgePortData(Integer state, Integer priority, Integer cost, Boolean hairpin, Boolean guard,
        Boolean rootBlock, Boolean fastLeave, Boolean learning, Boolean unicastFlood, Boolean proxyArp,
        Boolean learningSync, Boolean proxyArpWifi, BridgeId rootId, BridgeId bridgeId, Integer designatedPort,
        Integer designatedCost, Integer id, Integer number, Integer topologyChangeAck, Integer configPending,
        Long messageAgeTimer, Long forwardDelayTimer, Long holdTimer, boolean flush, Integer multicastRouter,
        Boolean multicastFlood, Boolean multicastToUnicast, Boolean vlanTunnel, Boolean broadcastFlood,
        Integer groupForwardMask, Boolean neighSuppress, Boolean isolated, Integer backupPort, Boolean mrpRingOpen,
        Boolean mrpInOpen, Integer multicastEhtHostsLimit, Integer multicastEhtHostsCount, Boolean locked, Boolean mab,
        Integer multicastGroupCount, Integer multicastMaxGroups, Boolean neighVlanSuppress, Integer backupNexthopId,
        List<Attribute> unknown) implements LinkSlaveData {

    /**
     * @throws NetlinkException if a value does not fit its attribute, or a list holds null
     */
    public BridgePortData {
        DriverAttributes.u8("bridge state", state);
        DriverAttributes.u16("bridge priority", priority);
        DriverAttributes.u16("bridge designatedPort", designatedPort);
        DriverAttributes.u16("bridge designatedCost", designatedCost);
        DriverAttributes.u16("bridge id", id);
        DriverAttributes.u16("bridge number", number);
        DriverAttributes.u8("bridge topologyChangeAck", topologyChangeAck);
        DriverAttributes.u8("bridge configPending", configPending);
        DriverAttributes.u8("bridge multicastRouter", multicastRouter);
        DriverAttributes.u16("bridge groupForwardMask", groupForwardMask);
        unknown = RoutePayload.copy(unknown, "bridge unknown attributes");
    }

    /** @return {@code "bridge"} */
    @Override
    public String kind() {
        return "bridge";
    }

    /**
     * @return a builder with every field absent
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BridgePortData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private Integer state;
        private Integer priority;
        private Integer cost;
        private Boolean hairpin;
        private Boolean guard;
        private Boolean rootBlock;
        private Boolean fastLeave;
        private Boolean learning;
        private Boolean unicastFlood;
        private Boolean proxyArp;
        private Boolean learningSync;
        private Boolean proxyArpWifi;
        private BridgeId rootId;
        private BridgeId bridgeId;
        private Integer designatedPort;
        private Integer designatedCost;
        private Integer id;
        private Integer number;
        private Integer topologyChangeAck;
        private Integer configPending;
        private Long messageAgeTimer;
        private Long forwardDelayTimer;
        private Long holdTimer;
        private boolean flush;
        private Integer multicastRouter;
        private Boolean multicastFlood;
        private Boolean multicastToUnicast;
        private Boolean vlanTunnel;
        private Boolean broadcastFlood;
        private Integer groupForwardMask;
        private Boolean neighSuppress;
        private Boolean isolated;
        private Integer backupPort;
        private Boolean mrpRingOpen;
        private Boolean mrpInOpen;
        private Integer multicastEhtHostsLimit;
        private Integer multicastEhtHostsCount;
        private Boolean locked;
        private Boolean mab;
        private Integer multicastGroupCount;
        private Integer multicastMaxGroups;
        private Boolean neighVlanSuppress;
        private Integer backupNexthopId;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@link BridgePortData#state()}. */
        public Builder state(Integer state) {
            this.state = state;
            return this;
        }

        /** Sets {@link BridgePortData#priority()}. */
        public Builder priority(Integer priority) {
            this.priority = priority;
            return this;
        }

        /** Sets {@link BridgePortData#cost()}. */
        public Builder cost(Integer cost) {
            this.cost = cost;
            return this;
        }

        /** Sets {@link BridgePortData#hairpin()}. */
        public Builder hairpin(Boolean hairpin) {
            this.hairpin = hairpin;
            return this;
        }

        /** Sets {@link BridgePortData#guard()}. */
        public Builder guard(Boolean guard) {
            this.guard = guard;
            return this;
        }

        /** Sets {@link BridgePortData#rootBlock()}. */
        public Builder rootBlock(Boolean rootBlock) {
            this.rootBlock = rootBlock;
            return this;
        }

        /** Sets {@link BridgePortData#fastLeave()}. */
        public Builder fastLeave(Boolean fastLeave) {
            this.fastLeave = fastLeave;
            return this;
        }

        /** Sets {@link BridgePortData#learning()}. */
        public Builder learning(Boolean learning) {
            this.learning = learning;
            return this;
        }

        /** Sets {@link BridgePortData#unicastFlood()}. */
        public Builder unicastFlood(Boolean unicastFlood) {
            this.unicastFlood = unicastFlood;
            return this;
        }

        /** Sets {@link BridgePortData#proxyArp()}. */
        public Builder proxyArp(Boolean proxyArp) {
            this.proxyArp = proxyArp;
            return this;
        }

        /** Sets {@link BridgePortData#learningSync()}. */
        public Builder learningSync(Boolean learningSync) {
            this.learningSync = learningSync;
            return this;
        }

        /** Sets {@link BridgePortData#proxyArpWifi()}. */
        public Builder proxyArpWifi(Boolean proxyArpWifi) {
            this.proxyArpWifi = proxyArpWifi;
            return this;
        }

        /** Sets {@link BridgePortData#rootId()}. */
        public Builder rootId(BridgeId rootId) {
            this.rootId = rootId;
            return this;
        }

        /** Sets {@link BridgePortData#bridgeId()}. */
        public Builder bridgeId(BridgeId bridgeId) {
            this.bridgeId = bridgeId;
            return this;
        }

        /** Sets {@link BridgePortData#designatedPort()}. */
        public Builder designatedPort(Integer designatedPort) {
            this.designatedPort = designatedPort;
            return this;
        }

        /** Sets {@link BridgePortData#designatedCost()}. */
        public Builder designatedCost(Integer designatedCost) {
            this.designatedCost = designatedCost;
            return this;
        }

        /** Sets {@link BridgePortData#id()}. */
        public Builder id(Integer id) {
            this.id = id;
            return this;
        }

        /** Sets {@link BridgePortData#number()}. */
        public Builder number(Integer number) {
            this.number = number;
            return this;
        }

        /** Sets {@link BridgePortData#topologyChangeAck()}. */
        public Builder topologyChangeAck(Integer topologyChangeAck) {
            this.topologyChangeAck = topologyChangeAck;
            return this;
        }

        /** Sets {@link BridgePortData#configPending()}. */
        public Builder configPending(Integer configPending) {
            this.configPending = configPending;
            return this;
        }

        /** Sets {@link BridgePortData#messageAgeTimer()}. */
        public Builder messageAgeTimer(Long messageAgeTimer) {
            this.messageAgeTimer = messageAgeTimer;
            return this;
        }

        /** Sets {@link BridgePortData#forwardDelayTimer()}. */
        public Builder forwardDelayTimer(Long forwardDelayTimer) {
            this.forwardDelayTimer = forwardDelayTimer;
            return this;
        }

        /** Sets {@link BridgePortData#holdTimer()}. */
        public Builder holdTimer(Long holdTimer) {
            this.holdTimer = holdTimer;
            return this;
        }

        /** Sets {@link BridgePortData#flush()}. */
        public Builder flush(boolean flush) {
            this.flush = flush;
            return this;
        }

        /** Sets {@link BridgePortData#multicastRouter()}. */
        public Builder multicastRouter(Integer multicastRouter) {
            this.multicastRouter = multicastRouter;
            return this;
        }

        /** Sets {@link BridgePortData#multicastFlood()}. */
        public Builder multicastFlood(Boolean multicastFlood) {
            this.multicastFlood = multicastFlood;
            return this;
        }

        /** Sets {@link BridgePortData#multicastToUnicast()}. */
        public Builder multicastToUnicast(Boolean multicastToUnicast) {
            this.multicastToUnicast = multicastToUnicast;
            return this;
        }

        /** Sets {@link BridgePortData#vlanTunnel()}. */
        public Builder vlanTunnel(Boolean vlanTunnel) {
            this.vlanTunnel = vlanTunnel;
            return this;
        }

        /** Sets {@link BridgePortData#broadcastFlood()}. */
        public Builder broadcastFlood(Boolean broadcastFlood) {
            this.broadcastFlood = broadcastFlood;
            return this;
        }

        /** Sets {@link BridgePortData#groupForwardMask()}. */
        public Builder groupForwardMask(Integer groupForwardMask) {
            this.groupForwardMask = groupForwardMask;
            return this;
        }

        /** Sets {@link BridgePortData#neighSuppress()}. */
        public Builder neighSuppress(Boolean neighSuppress) {
            this.neighSuppress = neighSuppress;
            return this;
        }

        /** Sets {@link BridgePortData#isolated()}. */
        public Builder isolated(Boolean isolated) {
            this.isolated = isolated;
            return this;
        }

        /** Sets {@link BridgePortData#backupPort()}. */
        public Builder backupPort(Integer backupPort) {
            this.backupPort = backupPort;
            return this;
        }

        /** Sets {@link BridgePortData#mrpRingOpen()}. */
        public Builder mrpRingOpen(Boolean mrpRingOpen) {
            this.mrpRingOpen = mrpRingOpen;
            return this;
        }

        /** Sets {@link BridgePortData#mrpInOpen()}. */
        public Builder mrpInOpen(Boolean mrpInOpen) {
            this.mrpInOpen = mrpInOpen;
            return this;
        }

        /** Sets {@link BridgePortData#multicastEhtHostsLimit()}. */
        public Builder multicastEhtHostsLimit(Integer multicastEhtHostsLimit) {
            this.multicastEhtHostsLimit = multicastEhtHostsLimit;
            return this;
        }

        /** Sets {@link BridgePortData#multicastEhtHostsCount()}. */
        public Builder multicastEhtHostsCount(Integer multicastEhtHostsCount) {
            this.multicastEhtHostsCount = multicastEhtHostsCount;
            return this;
        }

        /** Sets {@link BridgePortData#locked()}. */
        public Builder locked(Boolean locked) {
            this.locked = locked;
            return this;
        }

        /** Sets {@link BridgePortData#mab()}. */
        public Builder mab(Boolean mab) {
            this.mab = mab;
            return this;
        }

        /** Sets {@link BridgePortData#multicastGroupCount()}. */
        public Builder multicastGroupCount(Integer multicastGroupCount) {
            this.multicastGroupCount = multicastGroupCount;
            return this;
        }

        /** Sets {@link BridgePortData#multicastMaxGroups()}. */
        public Builder multicastMaxGroups(Integer multicastMaxGroups) {
            this.multicastMaxGroups = multicastMaxGroups;
            return this;
        }

        /** Sets {@link BridgePortData#neighVlanSuppress()}. */
        public Builder neighVlanSuppress(Boolean neighVlanSuppress) {
            this.neighVlanSuppress = neighVlanSuppress;
            return this;
        }

        /** Sets {@link BridgePortData#backupNexthopId()}. */
        public Builder backupNexthopId(Integer backupNexthopId) {
            this.backupNexthopId = backupNexthopId;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public BridgePortData build() {
            return new BridgePortData(state, priority, cost, hairpin, guard, rootBlock, fastLeave, learning,
                    unicastFlood, proxyArp, learningSync, proxyArpWifi, rootId, bridgeId, designatedPort,
                    designatedCost, id, number, topologyChangeAck, configPending, messageAgeTimer, forwardDelayTimer,
                    holdTimer, flush, multicastRouter, multicastFlood, multicastToUnicast, vlanTunnel, broadcastFlood,
                    groupForwardMask, neighSuppress, isolated, backupPort, mrpRingOpen, mrpInOpen,
                    multicastEhtHostsLimit, multicastEhtHostsCount, locked, mab, multicastGroupCount,
                    multicastMaxGroups, neighVlanSuppress, backupNexthopId, unknown);
        }
    }
}
