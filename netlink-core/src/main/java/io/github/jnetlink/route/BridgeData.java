package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a bridge ({@code IFLA_INFO_DATA} of kind {@code bridge}, the kernel's {@code br_fill_info}), with
 * the names {@code ip -d link} prints in {@code info_data}.
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param forwardDelay {@code IFLA_BR_FORWARD_DELAY} ({@code forward_delay}): the STP forward delay, in centiseconds
 *                     (clock_t, USER_HZ 100)
 * @param helloTime {@code IFLA_BR_HELLO_TIME} ({@code hello_time}): the STP hello time, in centiseconds (clock_t,
 *                  USER_HZ 100)
 * @param maxAge {@code IFLA_BR_MAX_AGE} ({@code max_age}): the STP maximum message age, in centiseconds (clock_t,
 *               USER_HZ 100)
 * @param ageingTime {@code IFLA_BR_AGEING_TIME} ({@code ageing_time}): how long a learned FDB entry lives, in
 *                   centiseconds (clock_t, USER_HZ 100)
 * @param stpState {@code IFLA_BR_STP_STATE} ({@code stp_state}): 0 STP off, 1 kernel STP, 2 user-space STP
 * @param priority {@code IFLA_BR_PRIORITY} ({@code priority}): the bridge priority in the bridge identifier
 * @param vlanFiltering {@code IFLA_BR_VLAN_FILTERING} ({@code vlan_filtering}): whether the bridge filters by VLAN
 * @param vlanProtocol {@code IFLA_BR_VLAN_PROTOCOL} ({@code vlan_protocol}): the VLAN EtherType, 0x8100 (802.1Q) or
 *                     0x88a8 (802.1ad); sent only with VLAN filtering compiled in
 * @param groupForwardMask {@code IFLA_BR_GROUP_FWD_MASK} ({@code group_fwd_mask}): which link-local group addresses
 *                         01:80:c2:00:00:0X are forwarded, bit X
 * @param rootId {@code IFLA_BR_ROOT_ID} ({@code root_id}): the STP root bridge identifier
 * @param bridgeId {@code IFLA_BR_BRIDGE_ID} ({@code bridge_id}): this bridge's identifier
 * @param rootPort {@code IFLA_BR_ROOT_PORT} ({@code root_port}): the port number towards the root
 * @param rootPathCost {@code IFLA_BR_ROOT_PATH_COST} ({@code root_path_cost}): the STP path cost to the root
 * @param topologyChange {@code IFLA_BR_TOPOLOGY_CHANGE} ({@code topology_change}): 1 while a topology change is in
 *                       progress
 * @param topologyChangeDetected {@code IFLA_BR_TOPOLOGY_CHANGE_DETECTED} ({@code topology_change_detected}): 1 when a
 *                               topology change was detected
 * @param helloTimer {@code IFLA_BR_HELLO_TIMER} ({@code hello_timer}): time left on the hello timer, in centiseconds
 *                   (clock_t, USER_HZ 100)
 * @param tcnTimer {@code IFLA_BR_TCN_TIMER} ({@code tcn_timer}): time left on the topology change notification timer,
 *                 in centiseconds (clock_t, USER_HZ 100)
 * @param topologyChangeTimer {@code IFLA_BR_TOPOLOGY_CHANGE_TIMER} ({@code topology_change_timer}): time left on the
 *                            topology change timer, in centiseconds (clock_t, USER_HZ 100)
 * @param gcTimer {@code IFLA_BR_GC_TIMER} ({@code gc_timer}): time left until the FDB garbage collection, in
 *                centiseconds (clock_t, USER_HZ 100)
 * @param groupAddress {@code IFLA_BR_GROUP_ADDR} ({@code group_addr}): the STP group address
 * @param fdbFlush {@code IFLA_BR_FDB_FLUSH}: a request to flush the FDB; the kernel never sends it
 * @param multicastRouter {@code IFLA_BR_MCAST_ROUTER} ({@code mcast_router}): 0 never, 1 learned from queries, 2
 *                        always a multicast router
 * @param multicastSnooping {@code IFLA_BR_MCAST_SNOOPING} ({@code mcast_snooping}): whether IGMP/MLD snooping is on
 * @param multicastQueryUseIfaddr {@code IFLA_BR_MCAST_QUERY_USE_IFADDR} ({@code mcast_query_use_ifaddr}): whether
 *                                queries use the bridge's address as source
 * @param multicastQuerier {@code IFLA_BR_MCAST_QUERIER} ({@code mcast_querier}): whether the bridge sends queries
 * @param multicastHashElasticity {@code IFLA_BR_MCAST_HASH_ELASTICITY} ({@code mcast_hash_elasticity}): obsolete; the
 *                                kernel always reports 16
 * @param multicastHashMax {@code IFLA_BR_MCAST_HASH_MAX} ({@code mcast_hash_max}): the maximum number of multicast
 *                         groups
 * @param multicastLastMemberCount {@code IFLA_BR_MCAST_LAST_MEMBER_CNT} ({@code mcast_last_member_cnt}): last-member
 *                                 queries sent
 * @param multicastStartupQueryCount {@code IFLA_BR_MCAST_STARTUP_QUERY_CNT} ({@code mcast_startup_query_cnt}):
 *                                   queries sent at startup
 * @param multicastLastMemberInterval {@code IFLA_BR_MCAST_LAST_MEMBER_INTVL} ({@code mcast_last_member_intvl}): the
 *                                    interval between last-member queries, in centiseconds (clock_t, USER_HZ 100)
 * @param multicastMembershipInterval {@code IFLA_BR_MCAST_MEMBERSHIP_INTVL} ({@code mcast_membership_intvl}): how
 *                                    long a membership lives without a report, in centiseconds (clock_t, USER_HZ 100)
 * @param multicastQuerierInterval {@code IFLA_BR_MCAST_QUERIER_INTVL} ({@code mcast_querier_intvl}): how long another
 *                                 querier is believed present, in centiseconds (clock_t, USER_HZ 100)
 * @param multicastQueryInterval {@code IFLA_BR_MCAST_QUERY_INTVL} ({@code mcast_query_intvl}): the interval between
 *                               general queries, in centiseconds (clock_t, USER_HZ 100)
 * @param multicastQueryResponseInterval {@code IFLA_BR_MCAST_QUERY_RESPONSE_INTVL} ({@code
 *                                       mcast_query_response_intvl}): the maximum response delay in queries, in
 *                                       centiseconds (clock_t, USER_HZ 100)
 * @param multicastStartupQueryInterval {@code IFLA_BR_MCAST_STARTUP_QUERY_INTVL} ({@code mcast_startup_query_intvl}):
 *                                      the interval between startup queries, in centiseconds (clock_t, USER_HZ 100)
 * @param nfCallIptables {@code IFLA_BR_NF_CALL_IPTABLES} ({@code nf_call_iptables}): whether bridged IPv4 traffic
 *                       passes iptables
 * @param nfCallIp6tables {@code IFLA_BR_NF_CALL_IP6TABLES} ({@code nf_call_ip6tables}): whether bridged IPv6 traffic
 *                        passes ip6tables
 * @param nfCallArptables {@code IFLA_BR_NF_CALL_ARPTABLES} ({@code nf_call_arptables}): whether bridged ARP passes
 *                        arptables
 * @param vlanDefaultPvid {@code IFLA_BR_VLAN_DEFAULT_PVID} ({@code vlan_default_pvid}): the PVID new ports get; sent
 *                        only with VLAN filtering compiled in
 * @param vlanStatsEnabled {@code IFLA_BR_VLAN_STATS_ENABLED} ({@code vlan_stats_enabled}): whether per-VLAN
 *                         statistics are kept
 * @param multicastStatsEnabled {@code IFLA_BR_MCAST_STATS_ENABLED} ({@code mcast_stats_enabled}): whether multicast
 *                              statistics are kept
 * @param multicastIgmpVersion {@code IFLA_BR_MCAST_IGMP_VERSION} ({@code mcast_igmp_version}): the IGMP version of
 *                             queries, 2 or 3
 * @param multicastMldVersion {@code IFLA_BR_MCAST_MLD_VERSION} ({@code mcast_mld_version}): the MLD version of
 *                            queries, 1 or 2
 * @param vlanStatsPerPort {@code IFLA_BR_VLAN_STATS_PER_PORT} ({@code vlan_stats_per_port}): whether VLAN statistics
 *                         are kept per port
 * @param multiBoolOpt {@code IFLA_BR_MULTI_BOOLOPT}: the boolean options (no_linklocal_learn, mcast_vlan_snooping,
 *                     mst_enabled, ...) as {@code struct br_boolopt_multi}
 * @param multicastQuerierState {@code IFLA_BR_MCAST_QUERIER_STATE}: the querier seen, a nest of {@code
 *                              BRIDGE_QUERIER_*} attributes kept as sent
 * @param fdbLearnedCount {@code IFLA_BR_FDB_N_LEARNED} ({@code fdb_n_learned}): FDB entries learned (kernel 6.8+)
 * @param fdbMaxLearned {@code IFLA_BR_FDB_MAX_LEARNED} ({@code fdb_max_learned}): the limit on learned FDB entries, 0
 *                      for none (kernel 6.8+)
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record BridgeData(Integer forwardDelay, Integer helloTime, Integer maxAge, Integer ageingTime, Integer stpState,
        Integer priority, Boolean vlanFiltering, Integer vlanProtocol, Integer groupForwardMask, BridgeId rootId,
        BridgeId bridgeId, Integer rootPort, Integer rootPathCost, Integer topologyChange,
        Integer topologyChangeDetected, Long helloTimer, Long tcnTimer, Long topologyChangeTimer, Long gcTimer,
        MacAddress groupAddress, boolean fdbFlush, Integer multicastRouter, Boolean multicastSnooping,
        Boolean multicastQueryUseIfaddr, Boolean multicastQuerier, Integer multicastHashElasticity,
        Integer multicastHashMax, Integer multicastLastMemberCount, Integer multicastStartupQueryCount,
        Long multicastLastMemberInterval, Long multicastMembershipInterval, Long multicastQuerierInterval,
        Long multicastQueryInterval, Long multicastQueryResponseInterval, Long multicastStartupQueryInterval,
        Boolean nfCallIptables, Boolean nfCallIp6tables, Boolean nfCallArptables, Integer vlanDefaultPvid,
        Boolean vlanStatsEnabled, Boolean multicastStatsEnabled, Integer multicastIgmpVersion,
        Integer multicastMldVersion, Boolean vlanStatsPerPort, BridgeData.MultiBoolOpt multiBoolOpt,
        List<Attribute> multicastQuerierState, Integer fdbLearnedCount, Integer fdbMaxLearned,
        List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute, or a list holds null
     */
    public BridgeData {
        DriverAttributes.u16("bridge priority", priority);
        DriverAttributes.u16("bridge vlanProtocol", vlanProtocol);
        DriverAttributes.u16("bridge groupForwardMask", groupForwardMask);
        DriverAttributes.u16("bridge rootPort", rootPort);
        DriverAttributes.u8("bridge topologyChange", topologyChange);
        DriverAttributes.u8("bridge topologyChangeDetected", topologyChangeDetected);
        DriverAttributes.u8("bridge multicastRouter", multicastRouter);
        DriverAttributes.u16("bridge vlanDefaultPvid", vlanDefaultPvid);
        DriverAttributes.u8("bridge multicastIgmpVersion", multicastIgmpVersion);
        DriverAttributes.u8("bridge multicastMldVersion", multicastMldVersion);
        multicastQuerierState = DriverAttributes.copy("bridge multicastQuerierState", multicastQuerierState);
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

    /** Builds a {@link BridgeData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private Integer forwardDelay;
        private Integer helloTime;
        private Integer maxAge;
        private Integer ageingTime;
        private Integer stpState;
        private Integer priority;
        private Boolean vlanFiltering;
        private Integer vlanProtocol;
        private Integer groupForwardMask;
        private BridgeId rootId;
        private BridgeId bridgeId;
        private Integer rootPort;
        private Integer rootPathCost;
        private Integer topologyChange;
        private Integer topologyChangeDetected;
        private Long helloTimer;
        private Long tcnTimer;
        private Long topologyChangeTimer;
        private Long gcTimer;
        private MacAddress groupAddress;
        private boolean fdbFlush;
        private Integer multicastRouter;
        private Boolean multicastSnooping;
        private Boolean multicastQueryUseIfaddr;
        private Boolean multicastQuerier;
        private Integer multicastHashElasticity;
        private Integer multicastHashMax;
        private Integer multicastLastMemberCount;
        private Integer multicastStartupQueryCount;
        private Long multicastLastMemberInterval;
        private Long multicastMembershipInterval;
        private Long multicastQuerierInterval;
        private Long multicastQueryInterval;
        private Long multicastQueryResponseInterval;
        private Long multicastStartupQueryInterval;
        private Boolean nfCallIptables;
        private Boolean nfCallIp6tables;
        private Boolean nfCallArptables;
        private Integer vlanDefaultPvid;
        private Boolean vlanStatsEnabled;
        private Boolean multicastStatsEnabled;
        private Integer multicastIgmpVersion;
        private Integer multicastMldVersion;
        private Boolean vlanStatsPerPort;
        private BridgeData.MultiBoolOpt multiBoolOpt;
        private List<Attribute> multicastQuerierState;
        private Integer fdbLearnedCount;
        private Integer fdbMaxLearned;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@link BridgeData#forwardDelay()}. */
        public Builder forwardDelay(Integer forwardDelay) {
            this.forwardDelay = forwardDelay;
            return this;
        }

        /** Sets {@link BridgeData#helloTime()}. */
        public Builder helloTime(Integer helloTime) {
            this.helloTime = helloTime;
            return this;
        }

        /** Sets {@link BridgeData#maxAge()}. */
        public Builder maxAge(Integer maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        /** Sets {@link BridgeData#ageingTime()}. */
        public Builder ageingTime(Integer ageingTime) {
            this.ageingTime = ageingTime;
            return this;
        }

        /** Sets {@link BridgeData#stpState()}. */
        public Builder stpState(Integer stpState) {
            this.stpState = stpState;
            return this;
        }

        /** Sets {@link BridgeData#priority()}. */
        public Builder priority(Integer priority) {
            this.priority = priority;
            return this;
        }

        /** Sets {@link BridgeData#vlanFiltering()}. */
        public Builder vlanFiltering(Boolean vlanFiltering) {
            this.vlanFiltering = vlanFiltering;
            return this;
        }

        /** Sets {@link BridgeData#vlanProtocol()}. */
        public Builder vlanProtocol(Integer vlanProtocol) {
            this.vlanProtocol = vlanProtocol;
            return this;
        }

        /** Sets {@link BridgeData#groupForwardMask()}. */
        public Builder groupForwardMask(Integer groupForwardMask) {
            this.groupForwardMask = groupForwardMask;
            return this;
        }

        /** Sets {@link BridgeData#rootId()}. */
        public Builder rootId(BridgeId rootId) {
            this.rootId = rootId;
            return this;
        }

        /** Sets {@link BridgeData#bridgeId()}. */
        public Builder bridgeId(BridgeId bridgeId) {
            this.bridgeId = bridgeId;
            return this;
        }

        /** Sets {@link BridgeData#rootPort()}. */
        public Builder rootPort(Integer rootPort) {
            this.rootPort = rootPort;
            return this;
        }

        /** Sets {@link BridgeData#rootPathCost()}. */
        public Builder rootPathCost(Integer rootPathCost) {
            this.rootPathCost = rootPathCost;
            return this;
        }

        /** Sets {@link BridgeData#topologyChange()}. */
        public Builder topologyChange(Integer topologyChange) {
            this.topologyChange = topologyChange;
            return this;
        }

        /** Sets {@link BridgeData#topologyChangeDetected()}. */
        public Builder topologyChangeDetected(Integer topologyChangeDetected) {
            this.topologyChangeDetected = topologyChangeDetected;
            return this;
        }

        /** Sets {@link BridgeData#helloTimer()}. */
        public Builder helloTimer(Long helloTimer) {
            this.helloTimer = helloTimer;
            return this;
        }

        /** Sets {@link BridgeData#tcnTimer()}. */
        public Builder tcnTimer(Long tcnTimer) {
            this.tcnTimer = tcnTimer;
            return this;
        }

        /** Sets {@link BridgeData#topologyChangeTimer()}. */
        public Builder topologyChangeTimer(Long topologyChangeTimer) {
            this.topologyChangeTimer = topologyChangeTimer;
            return this;
        }

        /** Sets {@link BridgeData#gcTimer()}. */
        public Builder gcTimer(Long gcTimer) {
            this.gcTimer = gcTimer;
            return this;
        }

        /** Sets {@link BridgeData#groupAddress()}. */
        public Builder groupAddress(MacAddress groupAddress) {
            this.groupAddress = groupAddress;
            return this;
        }

        /** Sets {@link BridgeData#fdbFlush()}. */
        public Builder fdbFlush(boolean fdbFlush) {
            this.fdbFlush = fdbFlush;
            return this;
        }

        /** Sets {@link BridgeData#multicastRouter()}. */
        public Builder multicastRouter(Integer multicastRouter) {
            this.multicastRouter = multicastRouter;
            return this;
        }

        /** Sets {@link BridgeData#multicastSnooping()}. */
        public Builder multicastSnooping(Boolean multicastSnooping) {
            this.multicastSnooping = multicastSnooping;
            return this;
        }

        /** Sets {@link BridgeData#multicastQueryUseIfaddr()}. */
        public Builder multicastQueryUseIfaddr(Boolean multicastQueryUseIfaddr) {
            this.multicastQueryUseIfaddr = multicastQueryUseIfaddr;
            return this;
        }

        /** Sets {@link BridgeData#multicastQuerier()}. */
        public Builder multicastQuerier(Boolean multicastQuerier) {
            this.multicastQuerier = multicastQuerier;
            return this;
        }

        /** Sets {@link BridgeData#multicastHashElasticity()}. */
        public Builder multicastHashElasticity(Integer multicastHashElasticity) {
            this.multicastHashElasticity = multicastHashElasticity;
            return this;
        }

        /** Sets {@link BridgeData#multicastHashMax()}. */
        public Builder multicastHashMax(Integer multicastHashMax) {
            this.multicastHashMax = multicastHashMax;
            return this;
        }

        /** Sets {@link BridgeData#multicastLastMemberCount()}. */
        public Builder multicastLastMemberCount(Integer multicastLastMemberCount) {
            this.multicastLastMemberCount = multicastLastMemberCount;
            return this;
        }

        /** Sets {@link BridgeData#multicastStartupQueryCount()}. */
        public Builder multicastStartupQueryCount(Integer multicastStartupQueryCount) {
            this.multicastStartupQueryCount = multicastStartupQueryCount;
            return this;
        }

        /** Sets {@link BridgeData#multicastLastMemberInterval()}. */
        public Builder multicastLastMemberInterval(Long multicastLastMemberInterval) {
            this.multicastLastMemberInterval = multicastLastMemberInterval;
            return this;
        }

        /** Sets {@link BridgeData#multicastMembershipInterval()}. */
        public Builder multicastMembershipInterval(Long multicastMembershipInterval) {
            this.multicastMembershipInterval = multicastMembershipInterval;
            return this;
        }

        /** Sets {@link BridgeData#multicastQuerierInterval()}. */
        public Builder multicastQuerierInterval(Long multicastQuerierInterval) {
            this.multicastQuerierInterval = multicastQuerierInterval;
            return this;
        }

        /** Sets {@link BridgeData#multicastQueryInterval()}. */
        public Builder multicastQueryInterval(Long multicastQueryInterval) {
            this.multicastQueryInterval = multicastQueryInterval;
            return this;
        }

        /** Sets {@link BridgeData#multicastQueryResponseInterval()}. */
        public Builder multicastQueryResponseInterval(Long multicastQueryResponseInterval) {
            this.multicastQueryResponseInterval = multicastQueryResponseInterval;
            return this;
        }

        /** Sets {@link BridgeData#multicastStartupQueryInterval()}. */
        public Builder multicastStartupQueryInterval(Long multicastStartupQueryInterval) {
            this.multicastStartupQueryInterval = multicastStartupQueryInterval;
            return this;
        }

        /** Sets {@link BridgeData#nfCallIptables()}. */
        public Builder nfCallIptables(Boolean nfCallIptables) {
            this.nfCallIptables = nfCallIptables;
            return this;
        }

        /** Sets {@link BridgeData#nfCallIp6tables()}. */
        public Builder nfCallIp6tables(Boolean nfCallIp6tables) {
            this.nfCallIp6tables = nfCallIp6tables;
            return this;
        }

        /** Sets {@link BridgeData#nfCallArptables()}. */
        public Builder nfCallArptables(Boolean nfCallArptables) {
            this.nfCallArptables = nfCallArptables;
            return this;
        }

        /** Sets {@link BridgeData#vlanDefaultPvid()}. */
        public Builder vlanDefaultPvid(Integer vlanDefaultPvid) {
            this.vlanDefaultPvid = vlanDefaultPvid;
            return this;
        }

        /** Sets {@link BridgeData#vlanStatsEnabled()}. */
        public Builder vlanStatsEnabled(Boolean vlanStatsEnabled) {
            this.vlanStatsEnabled = vlanStatsEnabled;
            return this;
        }

        /** Sets {@link BridgeData#multicastStatsEnabled()}. */
        public Builder multicastStatsEnabled(Boolean multicastStatsEnabled) {
            this.multicastStatsEnabled = multicastStatsEnabled;
            return this;
        }

        /** Sets {@link BridgeData#multicastIgmpVersion()}. */
        public Builder multicastIgmpVersion(Integer multicastIgmpVersion) {
            this.multicastIgmpVersion = multicastIgmpVersion;
            return this;
        }

        /** Sets {@link BridgeData#multicastMldVersion()}. */
        public Builder multicastMldVersion(Integer multicastMldVersion) {
            this.multicastMldVersion = multicastMldVersion;
            return this;
        }

        /** Sets {@link BridgeData#vlanStatsPerPort()}. */
        public Builder vlanStatsPerPort(Boolean vlanStatsPerPort) {
            this.vlanStatsPerPort = vlanStatsPerPort;
            return this;
        }

        /** Sets {@link BridgeData#multiBoolOpt()}. */
        public Builder multiBoolOpt(BridgeData.MultiBoolOpt multiBoolOpt) {
            this.multiBoolOpt = multiBoolOpt;
            return this;
        }

        /** Sets {@link BridgeData#multicastQuerierState()}. */
        public Builder multicastQuerierState(List<Attribute> multicastQuerierState) {
            this.multicastQuerierState = multicastQuerierState;
            return this;
        }

        /** Sets {@link BridgeData#fdbLearnedCount()}. */
        public Builder fdbLearnedCount(Integer fdbLearnedCount) {
            this.fdbLearnedCount = fdbLearnedCount;
            return this;
        }

        /** Sets {@link BridgeData#fdbMaxLearned()}. */
        public Builder fdbMaxLearned(Integer fdbMaxLearned) {
            this.fdbMaxLearned = fdbMaxLearned;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public BridgeData build() {
            return new BridgeData(forwardDelay, helloTime, maxAge, ageingTime, stpState, priority, vlanFiltering,
                    vlanProtocol, groupForwardMask, rootId, bridgeId, rootPort, rootPathCost, topologyChange,
                    topologyChangeDetected, helloTimer, tcnTimer, topologyChangeTimer, gcTimer, groupAddress, fdbFlush,
                    multicastRouter, multicastSnooping, multicastQueryUseIfaddr, multicastQuerier,
                    multicastHashElasticity, multicastHashMax, multicastLastMemberCount, multicastStartupQueryCount,
                    multicastLastMemberInterval, multicastMembershipInterval, multicastQuerierInterval,
                    multicastQueryInterval, multicastQueryResponseInterval, multicastStartupQueryInterval,
                    nfCallIptables, nfCallIp6tables, nfCallArptables, vlanDefaultPvid, vlanStatsEnabled,
                    multicastStatsEnabled, multicastIgmpVersion, multicastMldVersion, vlanStatsPerPort, multiBoolOpt,
                    multicastQuerierState, fdbLearnedCount, fdbMaxLearned, unknown);
        }
    }

    /**
     * {@code struct br_boolopt_multi}: the bridge's boolean options, bit {@code BR_BOOLOPT_*} of each: 0
     * {@code no_linklocal_learn}, 1 {@code mcast_vlan_snooping}, 2 {@code mst_enabled}, 3
     * {@code mdb_offload_fail_notification}.
     *
     * @param values the options' values, a bit each
     * @param mask   which bits {@code values} sets; the kernel reports every option it has
     */
    public record MultiBoolOpt(int values, int mask) {

        /** {@code BR_BOOLOPT_NO_LL_LEARN}: link-local source addresses are not learned. */
        public static final int NO_LINKLOCAL_LEARN = 0;
        /** {@code BR_BOOLOPT_MCAST_VLAN_SNOOPING}: multicast snooping per VLAN. */
        public static final int MCAST_VLAN_SNOOPING = 1;
        /** {@code BR_BOOLOPT_MST_ENABLE}: multiple spanning trees. */
        public static final int MST_ENABLED = 2;

        /**
         * @param option a bit number, such as {@link #NO_LINKLOCAL_LEARN}
         * @return the option's value, or null when {@link #mask()} leaves it out
         */
        public Boolean option(int option) {
            if (option < 0 || option > 31 || (mask >>> option & 1) == 0) {
                return null;
            }
            return (values >>> option & 1) != 0;
        }

        static MultiBoolOpt decode(io.github.jnetlink.AttributeDecoder d) {
            byte[] b = DriverAttributes.fixed(d, 8, "struct br_boolopt_multi");
            return new MultiBoolOpt((int) RoutePayload.INT.get(b, 0), (int) RoutePayload.INT.get(b, 4));
        }

        byte[] bytes() {
            byte[] b = new byte[8];
            RoutePayload.INT.set(b, 0, values);
            RoutePayload.INT.set(b, 4, mask);
            return b;
        }
    }
}
