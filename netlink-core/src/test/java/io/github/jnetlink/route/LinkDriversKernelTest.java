package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Links of every kind this kernel has, created with {@link RouteClient#addLink(LinkSpec)} (tun and tap with
 * {@code ip tuntap}, since the kernel creates those only by ioctl), read back with {@link RouteClient#link(String)}
 * and their typed {@link LinkInfo#data()} and {@link LinkInfo#slaveData()} compared field by field with
 * {@code ip -d -j link show}'s {@code info_data} and {@code info_slave_data}.
 */
@NetlinkNamespace
class LinkDriversKernelTest {

    static Netns ns;
    static Conn conn;
    static RouteClient rt;
    static Map<String, JsonNode> shown;
    static Map<Integer, String> names;

    @BeforeAll
    static void createLinks(Netns namespace) {
        ns = namespace;
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        rt = new RouteClient(conn);
        rt.addLink(LinkSpec.of("br0", BridgeData.builder().stpState(1).forwardDelay(400).helloTime(300).maxAge(2500)
                .ageingTime(20000).priority(4096).groupForwardMask(8).multicastQuerier(true).multicastIgmpVersion(3)
                .multicastMldVersion(2).multicastLastMemberCount(3).multicastHashMax(1024).multicastStatsEnabled(true)
                .multicastQueryInterval(10000L).build()));
        int br = rt.link("br0").index();
        rt.addLink(LinkSpec.builder("va", VethData.peer("vb")).master(br).mtu(1400).up(true).build());
        ns.ip("link set va type bridge_slave cost 7 priority 9 learning off mcast_flood off isolated on hairpin on");
        rt.addVeth("vc", "vd");
        int vc = rt.link("vc").index();
        int vd = rt.link("vd").index();
        rt.addLink(LinkSpec.of("vx4", VxlanData.builder().id(42).group(ip("239.1.1.1")).link(vc).local(ip("10.0.0.1"))
                .port(4789).ttl(5).ageing(100).limit(50).portRange(new VxlanData.PortRange(1000, 2000)).learning(false)
                .proxy(true).l2miss(true).l3miss(true).udpChecksum(false).df(1).gbp(true).build()));
        rt.addLink(LinkSpec.of("vx6", VxlanData.builder().id(43).group6(ip("2001:db8::2")).local6(ip("2001:db8::1"))
                .port(4790).label(5).ttl(10).tos(0x10).udpZeroChecksum6Tx(true).udpZeroChecksum6Rx(true)
                .remoteChecksumTx(true).build()));
        rt.addLink(LinkSpec.builder("mv", MacvlanData.builder("macvlan").mode(MacvlanData.MODE_BRIDGE)
                .broadcastQueueLength(500).build()).link(vc).build());
        rt.addLink(LinkSpec.builder("mt", MacvlanData.builder("macvtap").mode(MacvlanData.MODE_SOURCE).build())
                .link(vd).build());
        ns.ip("link set mt type macvtap macaddr add 02:00:00:00:00:01");
        rt.addLink(LinkSpec.of("ifb0", IfbData.builder().build()));
        ns.ip("tuntap add tn mode tun pi vnet_hdr");
        ns.ip("tuntap add tp mode tap multi_queue user 4242 group 4343");
        shown = StreamSupport.stream(IpJson.of(ns, "-d link show").spliterator(), false)
                .collect(Collectors.toMap(n -> n.get("ifname").asString(), n -> n));
        names = rt.links().stream().collect(Collectors.toMap(LinkMessage::index, LinkMessage::name));
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    /** A timer ip prints in seconds with two decimals; it runs between our dump and ip's. */
    record Timer(double seconds) {
    }

    static Object u32(Integer v) {
        return v == null ? null : Integer.toUnsignedLong(v);
    }

    static Object bit(Boolean b) {
        return b == null ? null : b ? 1 : 0;
    }

    static Object timer(Long centiseconds) {
        return centiseconds == null ? null : new Timer(centiseconds / 100.0);
    }

    /** ip's {@code %#x}: "0" for zero, else 0x and lowercase hex. */
    static Object hexOrZero(Integer v) {
        return v == null ? null : v == 0 ? "0" : "0x" + Integer.toHexString(v);
    }

    static Object hex(Integer v) {
        return v == null ? null : "0x" + Integer.toHexString(v);
    }

    static Object nonZeroHex(Integer v) {
        return v == null || v == 0 ? null : "0x" + Integer.toHexString(v);
    }

    static Object trueOrAbsent(boolean b) {
        return b ? Boolean.TRUE : null;
    }

    static Object trueOrAbsent(Boolean b) {
        return Boolean.TRUE.equals(b) ? Boolean.TRUE : null;
    }

    static Object name(Integer index) {
        return index == null || index == 0 ? null : names.get(index);
    }

    /** glibc's ether_ntoa, which ip uses for bridge ids: bytes in hex without leading zeros. */
    static Object bridgeId(BridgeId id) {
        if (id == null) {
            return null;
        }
        List<String> bytes = new ArrayList<>();
        for (byte b : id.address().bytes()) {
            bytes.add(Integer.toHexString(b & 0xFF));
        }
        return String.format("%04x.%s", id.priority(), String.join(":", bytes));
    }

    static Object option(BridgeData.MultiBoolOpt o, int bit) {
        return o == null ? null : bit(o.option(bit));
    }

    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        return v;
    }

    static Object fromIp(JsonNode v, boolean timer) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (timer) {
            return new Timer(v.asDouble());
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            v.forEach(x -> out.add(fromIp(x, false)));
            return out;
        }
        if (v.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            v.properties().forEach(e -> out.put(e.getKey(), fromIp(e.getValue(), false)));
            return out;
        }
        return v.asString();
    }

    /**
     * Compares every row with ip's JSON object: each value we derive must be what ip prints under its key (absent
     * when we give null); every key ip prints must have a row; the keys in {@code notPrinted} (sent by this kernel,
     * unknown to ip 6.1) are returned for the caller's own checks instead.
     */
    static <T> void assertSameAsIp(String what, T ours, JsonNode ip, Map<String, Function<T, Object>> rows,
            Set<String> notPrinted, Set<String> derivedByIp) {
        assertThat(ip).as(what + " in ip's output").isNotNull();
        Set<String> ipKeys = new HashSet<>();
        ip.propertyNames().forEach(ipKeys::add);
        assertThat(rows.keySet()).as(what + ": keys ip prints that no row compares")
                .containsAll(ipKeys.stream().filter(k -> !derivedByIp.contains(k)).toList());
        for (Map.Entry<String, Function<T, Object>> row : rows.entrySet()) {
            if (notPrinted.contains(row.getKey())) {
                continue;
            }
            Object mine = normalize(row.getValue().apply(ours));
            Object theirs = fromIp(ip.get(row.getKey()), mine instanceof Timer);
            if (mine instanceof InetAddress && theirs instanceof String text) {
                theirs = ip(text);
            }
            if (mine instanceof Timer t && theirs instanceof Timer u) {
                assertThat(t.seconds()).as(what + " " + row.getKey()).isCloseTo(u.seconds(),
                        org.assertj.core.data.Offset.offset(2.0));
            } else {
                assertThat(mine).as(what + " " + row.getKey()).isEqualTo(theirs);
            }
        }
    }

    static LinkInfo info(String name) {
        LinkInfo info = rt.link(name).linkInfo();
        assertThat(info).as(name + " linkinfo").isNotNull();
        return info;
    }

    static JsonNode ipInfo(String name, String field) {
        return shown.get(name).get("linkinfo").get(field);
    }

    /** The driver's own encoding of a kernel-decoded record decodes to the same record. */
    static void assertRoundTrip(LinkInfoData data) {
        LinkDriver driver = LinkDrivers.of(data.kind());
        AttributeEncoder e = new AttributeEncoder();
        driver.encode(data, e);
        assertThat(driver.decode(new AttributeDecoder(e.encode()))).as(data.kind() + " round trip").isEqualTo(data);
    }

    static final Map<String, Function<BridgeData, Object>> BRIDGE = new LinkedHashMap<>();
    static {
        BRIDGE.put("forward_delay", b -> u32(b.forwardDelay()));
        BRIDGE.put("hello_time", b -> u32(b.helloTime()));
        BRIDGE.put("max_age", b -> u32(b.maxAge()));
        BRIDGE.put("ageing_time", b -> u32(b.ageingTime()));
        BRIDGE.put("stp_state", b -> u32(b.stpState()));
        BRIDGE.put("priority", BridgeData::priority);
        BRIDGE.put("vlan_filtering", b -> bit(b.vlanFiltering()));
        BRIDGE.put("vlan_protocol", b -> b.vlanProtocol() == null ? null : b.vlanProtocol() == 0x8100 ? "802.1Q"
                : b.vlanProtocol() == 0x88a8 ? "802.1ad" : hex(b.vlanProtocol()));
        BRIDGE.put("bridge_id", b -> bridgeId(b.bridgeId()));
        BRIDGE.put("root_id", b -> bridgeId(b.rootId()));
        BRIDGE.put("root_port", BridgeData::rootPort);
        BRIDGE.put("root_path_cost", b -> u32(b.rootPathCost()));
        BRIDGE.put("topology_change", BridgeData::topologyChange);
        BRIDGE.put("topology_change_detected", BridgeData::topologyChangeDetected);
        BRIDGE.put("hello_timer", b -> timer(b.helloTimer()));
        BRIDGE.put("tcn_timer", b -> timer(b.tcnTimer()));
        BRIDGE.put("topology_change_timer", b -> timer(b.topologyChangeTimer()));
        BRIDGE.put("gc_timer", b -> timer(b.gcTimer()));
        BRIDGE.put("group_fwd_mask", b -> hexOrZero(b.groupForwardMask()));
        BRIDGE.put("group_addr", b -> b.groupAddress() == null ? null : b.groupAddress().toString());
        BRIDGE.put("mcast_snooping", b -> bit(b.multicastSnooping()));
        BRIDGE.put("no_linklocal_learn", b -> option(b.multiBoolOpt(), BridgeData.MultiBoolOpt.NO_LINKLOCAL_LEARN));
        BRIDGE.put("mcast_vlan_snooping", b -> option(b.multiBoolOpt(), BridgeData.MultiBoolOpt.MCAST_VLAN_SNOOPING));
        BRIDGE.put("mcast_router", BridgeData::multicastRouter);
        BRIDGE.put("mcast_query_use_ifaddr", b -> bit(b.multicastQueryUseIfaddr()));
        BRIDGE.put("mcast_querier", b -> bit(b.multicastQuerier()));
        BRIDGE.put("mcast_hash_elasticity", b -> u32(b.multicastHashElasticity()));
        BRIDGE.put("mcast_hash_max", b -> u32(b.multicastHashMax()));
        BRIDGE.put("mcast_last_member_cnt", b -> u32(b.multicastLastMemberCount()));
        BRIDGE.put("mcast_startup_query_cnt", b -> u32(b.multicastStartupQueryCount()));
        BRIDGE.put("mcast_last_member_intvl", BridgeData::multicastLastMemberInterval);
        BRIDGE.put("mcast_membership_intvl", BridgeData::multicastMembershipInterval);
        BRIDGE.put("mcast_querier_intvl", BridgeData::multicastQuerierInterval);
        BRIDGE.put("mcast_query_intvl", BridgeData::multicastQueryInterval);
        BRIDGE.put("mcast_query_response_intvl", BridgeData::multicastQueryResponseInterval);
        BRIDGE.put("mcast_startup_query_intvl", BridgeData::multicastStartupQueryInterval);
        BRIDGE.put("mcast_stats_enabled", b -> bit(b.multicastStatsEnabled()));
        BRIDGE.put("mcast_igmp_version", BridgeData::multicastIgmpVersion);
        BRIDGE.put("mcast_mld_version", BridgeData::multicastMldVersion);
        BRIDGE.put("nf_call_iptables", b -> bit(b.nfCallIptables()));
        BRIDGE.put("nf_call_ip6tables", b -> bit(b.nfCallIp6tables()));
        BRIDGE.put("nf_call_arptables", b -> bit(b.nfCallArptables()));
        BRIDGE.put("vlan_default_pvid", BridgeData::vlanDefaultPvid);
        BRIDGE.put("vlan_stats_enabled", b -> bit(b.vlanStatsEnabled()));
        BRIDGE.put("vlan_stats_per_port", b -> bit(b.vlanStatsPerPort()));
    }

    @Test
    void bridgeDataIsWhatIpPrints() {
        LinkInfo info = info("br0");
        BridgeData br = (BridgeData) info.data();
        assertSameAsIp("br0 info_data", br, ipInfo("br0", "info_data"), BRIDGE, Set.of(), Set.of());
        // what we asked for on creation, as the kernel now reports it
        assertThat(br.stpState()).isEqualTo(1);
        assertThat(br.forwardDelay()).isEqualTo(400);
        assertThat(br.priority()).isEqualTo(4096);
        assertThat(br.bridgeId().priority()).isEqualTo(4096);
        assertThat(br.multicastQueryInterval()).isEqualTo(10000L);
        // sent by this kernel and not printed by ip 6.1: the querier nest and the learned-entry limit (default none)
        assertThat(br.multicastQuerierState()).isNotNull();
        assertThat(br.fdbMaxLearned()).isZero();
        assertThat(br.unknown()).as("bridge attributes the record does not name").isEmpty();
        assertRoundTrip(br);
    }

    static final String[] PORT_STATES = {"disabled", "listening", "learning", "forwarding", "blocking"};

    static final Map<String, Function<BridgePortData, Object>> PORT = new LinkedHashMap<>();
    static {
        PORT.put("state", p -> PORT_STATES[p.state()]);
        PORT.put("priority", BridgePortData::priority);
        PORT.put("cost", p -> u32(p.cost()));
        PORT.put("hairpin", BridgePortData::hairpin);
        PORT.put("guard", BridgePortData::guard);
        PORT.put("root_block", BridgePortData::rootBlock);
        PORT.put("fastleave", BridgePortData::fastLeave);
        PORT.put("learning", BridgePortData::learning);
        PORT.put("flood", BridgePortData::unicastFlood);
        PORT.put("id", p -> hex(p.id()));
        PORT.put("no", p -> hex(p.number()));
        PORT.put("designated_port", BridgePortData::designatedPort);
        PORT.put("designated_cost", BridgePortData::designatedCost);
        PORT.put("bridge_id", p -> bridgeId(p.bridgeId()));
        PORT.put("root_id", p -> bridgeId(p.rootId()));
        PORT.put("hold_timer", p -> timer(p.holdTimer()));
        PORT.put("message_age_timer", p -> timer(p.messageAgeTimer()));
        PORT.put("forward_delay_timer", p -> timer(p.forwardDelayTimer()));
        PORT.put("topology_change_ack", BridgePortData::topologyChangeAck);
        PORT.put("config_pending", BridgePortData::configPending);
        PORT.put("proxy_arp", BridgePortData::proxyArp);
        PORT.put("proxy_arp_wifi", BridgePortData::proxyArpWifi);
        PORT.put("multicast_router", BridgePortData::multicastRouter);
        PORT.put("mcast_flood", BridgePortData::multicastFlood);
        PORT.put("bcast_flood", BridgePortData::broadcastFlood);
        PORT.put("mcast_to_unicast", BridgePortData::multicastToUnicast);
        PORT.put("neigh_suppress", BridgePortData::neighSuppress);
        PORT.put("group_fwd_mask", p -> hexOrZero(p.groupForwardMask()));
        PORT.put("group_fwd_mask_str", p -> hex(p.groupForwardMask()));
        PORT.put("vlan_tunnel", BridgePortData::vlanTunnel);
        PORT.put("isolated", BridgePortData::isolated);
        PORT.put("locked", BridgePortData::locked);
        PORT.put("backup_port", p -> name(p.backupPort()));
    }

    @Test
    void bridgePortDataIsWhatIpPrints() {
        LinkInfo info = info("va");
        assertThat(info.kind()).isEqualTo("veth");
        assertThat(info.data()).as("the kernel sends no veth data").isNull();
        assertThat(info.slaveKind()).isEqualTo(ipInfo("va", "info_slave_kind").asString()).isEqualTo("bridge");
        BridgePortData port = (BridgePortData) info.slaveData();
        assertSameAsIp("va info_slave_data", port, ipInfo("va", "info_slave_data"), PORT, Set.of(), Set.of());
        assertThat(port.cost()).isEqualTo(7);
        assertThat(port.priority()).isEqualTo(9);
        assertThat(port.learning()).isFalse();
        assertThat(port.isolated()).isTrue();
        assertThat(port.hairpin()).isTrue();
        // sent by this kernel and not printed by ip 6.1, at the kernel's defaults
        assertThat(port.multicastEhtHostsLimit()).isEqualTo(512);
        assertThat(port.mab()).isFalse();
        assertThat(port.neighVlanSuppress()).isFalse();
        assertThat(port.multicastMaxGroups()).isZero();
        assertThat(port.unknown()).as("port attributes the record does not name").isEmpty();
        AttributeEncoder e = new AttributeEncoder();
        LinkDrivers.of("bridge").encodeSlave(port, e);
        assertThat(LinkDrivers.of("bridge").decodeSlave(new AttributeDecoder(e.encode()))).isEqualTo(port);
    }

    static final String[] DF = {"unset", "set", "inherit"};

    static Map<String, Function<VxlanData, Object>> vxlanRows(boolean multicast) {
        Map<String, Function<VxlanData, Object>> rows = new LinkedHashMap<>();
        rows.put("id", v -> u32(v.id()));
        rows.put(multicast ? "group" : "remote", VxlanData::group);
        rows.put(multicast ? "group6" : "remote6", VxlanData::group6);
        rows.put("local", VxlanData::local);
        rows.put("local6", VxlanData::local6);
        rows.put("link", v -> name(v.link()));
        rows.put("port_range", v -> Map.of("low", (long) v.portRange().low(), "high", (long) v.portRange().high()));
        rows.put("port", VxlanData::port);
        rows.put("learning", VxlanData::learning);
        rows.put("proxy", v -> trueOrAbsent(v.proxy()));
        rows.put("rsc", v -> trueOrAbsent(v.rsc()));
        rows.put("l2miss", v -> trueOrAbsent(v.l2miss()));
        rows.put("l3miss", v -> trueOrAbsent(v.l3miss()));
        rows.put("tos", v -> v.tos() == null || v.tos() == 0 ? null : v.tos() == 1 ? "inherit" : hex(v.tos()));
        rows.put("ttl", v -> v.ttlInherit() ? "inherit" : v.ttl());
        rows.put("df", v -> DF[v.df()]);
        rows.put("label", v -> nonZeroHex(v.label()));
        rows.put("ageing", v -> u32(v.ageing()));
        rows.put("limit", v -> v.limit() == null || v.limit() == 0 ? null : u32(v.limit()));
        rows.put("udp_csum", VxlanData::udpChecksum);
        rows.put("udp_zero_csum6_tx", VxlanData::udpZeroChecksum6Tx);
        rows.put("udp_zero_csum6_rx", VxlanData::udpZeroChecksum6Rx);
        rows.put("remcsum_tx", v -> trueOrAbsent(v.remoteChecksumTx()));
        rows.put("remcsum_rx", v -> trueOrAbsent(v.remoteChecksumRx()));
        rows.put("external", v -> trueOrAbsent(v.collectMetadata()));
        rows.put("vnifilter", v -> trueOrAbsent(v.vniFilter()));
        rows.put("gbp", v -> trueOrAbsent(v.gbp()));
        rows.put("gpe", v -> trueOrAbsent(v.gpe()));
        rows.put("remcsum_nopartial", v -> trueOrAbsent(v.remoteChecksumNoPartial()));
        return rows;
    }

    @Test
    void vxlanDataIsWhatIpPrints() {
        VxlanData v4 = (VxlanData) info("vx4").data();
        assertSameAsIp("vx4 info_data", v4, ipInfo("vx4", "info_data"), vxlanRows(true), Set.of(), Set.of());
        VxlanData v6 = (VxlanData) info("vx6").data();
        assertSameAsIp("vx6 info_data", v6, ipInfo("vx6", "info_data"), vxlanRows(false), Set.of(), Set.of());
        assertThat(v4.group()).isEqualTo(ip("239.1.1.1"));
        assertThat(v4.portRange()).isEqualTo(new VxlanData.PortRange(1000, 2000));
        assertThat(v4.gbp()).isTrue();
        assertThat(v6.label()).isEqualTo(5);
        assertThat(v6.group6()).isEqualTo(ip("2001:db8::2"));
        for (VxlanData v : List.of(v4, v6)) {
            // sent by this kernel and not printed by ip 6.1: local bypass is on and the label fixed by default
            assertThat(v.localBypass()).isTrue();
            assertThat(v.labelPolicy()).isZero();
            assertThat(v.reservedBits()).isNotNull();
            assertThat(v.unknown()).as(v + ": attributes the record does not name").isEmpty();
            assertRoundTrip(v);
        }
    }

    static final Map<Integer, String> MACVLAN_MODES = Map.of(1, "private", 2, "vepa", 4, "bridge", 8, "passthru",
            16, "source");

    static final Map<String, Function<MacvlanData, Object>> MACVLAN = new LinkedHashMap<>();
    static {
        MACVLAN.put("mode", m -> MACVLAN_MODES.get(m.mode()));
        MACVLAN.put("nopromisc", m -> m.flags() != null && (m.flags() & 1) != 0 ? Boolean.TRUE : null);
        MACVLAN.put("nodst", m -> m.flags() != null && (m.flags() & 2) != 0 ? Boolean.TRUE : null);
        MACVLAN.put("bcqueuelen", m -> u32(m.broadcastQueueLength()));
        MACVLAN.put("usedbcqueuelen", m -> u32(m.broadcastQueueLengthUsed()));
        // ip prints the count only in source mode; the kernel sends it in every mode
        MACVLAN.put("macaddr_count", m -> m.mode() == MacvlanData.MODE_SOURCE ? u32(m.macAddressCount()) : null);
        MACVLAN.put("macaddr_data", m -> m.macAddressData() == null ? null : m.macAddressData().stream()
                .map(a -> (Object) MacAddress.of(a.data()).toString()).toList());
    }

    @Test
    void macvlanAndMacvtapDataAreWhatIpPrints() {
        for (String name : List.of("mv", "mt")) {
            LinkInfo info = info(name);
            MacvlanData m = (MacvlanData) info.data();
            assertThat(m.kind()).isEqualTo(info.kind()).isEqualTo(ipInfo(name, "info_kind").asString());
            assertSameAsIp(name + " info_data", m, ipInfo(name, "info_data"), MACVLAN, Set.of(), Set.of());
            assertThat(m.unknown()).as(name + ": attributes the record does not name").isEmpty();
            assertRoundTrip(m);
        }
        assertThat(((MacvlanData) info("mv").data()).broadcastQueueLength()).isEqualTo(500);
        assertThat(((MacvlanData) info("mt").data()).mode()).isEqualTo(MacvlanData.MODE_SOURCE);
    }

    static final Map<String, Function<TunData, Object>> TUN = new LinkedHashMap<>();
    static {
        TUN.put("type", t -> t.type() == TunData.IFF_TUN ? "tun" : t.type() == TunData.IFF_TAP ? "tap" : "unknown");
        TUN.put("pi", TunData::pi);
        TUN.put("vnet_hdr", TunData::vnetHeader);
        TUN.put("multi_queue", TunData::multiQueue);
        TUN.put("persist", TunData::persist);
        TUN.put("numqueues", t -> u32(t.queueCount()));
        TUN.put("numdisabled", t -> u32(t.disabledQueueCount()));
        TUN.put("user", t -> u32(t.owner()));
        TUN.put("group", t -> u32(t.group()));
    }

    @Test
    void tunAndTapDataAreWhatIpPrints() {
        for (String name : List.of("tn", "tp")) {
            TunData t = (TunData) info(name).data();
            assertSameAsIp(name + " info_data", t, ipInfo(name, "info_data"), TUN, Set.of(), Set.of());
            assertThat(t.unknown()).isEmpty();
            assertRoundTrip(t);
        }
        assertThat(((TunData) info("tp").data()).owner()).isEqualTo(4242);
    }

    @Test
    void theKernelRefusesToCreateTunOverRtnetlink() {
        assertThatThrownBy(() -> rt.addLink(LinkSpec.of("tx", TunData.builder().type(TunData.IFF_TAP).build())))
                .isInstanceOf(NetlinkErrorException.class).hasMessageContaining("add tun 'tx'");
    }

    @Test
    void vethAndIfbCarryNoDataButTheirKind() {
        for (String name : List.of("va", "vb", "vc", "vd", "ifb0")) {
            LinkInfo info = info(name);
            assertThat(info.kind()).as(name).isEqualTo(ipInfo(name, "info_kind").asString());
            assertThat(info.data()).as(name).isNull();
            assertThat(shown.get(name).get("linkinfo").has("info_data")).as(name).isFalse();
        }
        // the peer was created with the name in VethData, and the spec's mtu and up went to the first end
        assertThat(shown.get("va").get("mtu").asInt()).isEqualTo(1400);
        assertThat(shown.get("va").get("flags").toString()).contains("\"UP\"");
        assertThat(shown.get("va").get("master").asString()).isEqualTo("br0");
        assertThat(shown.get("vb").get("link").asString()).isEqualTo("va");
    }

    /** The number of one of this process's descriptors open on {@code path}, found by inode in /proc/self/fd. */
    static int descriptorOf(String path) throws IOException {
        Object inode = Files.getAttribute(Path.of(path), "unix:ino");
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (inode.equals(Files.getAttribute(fd, "unix:ino"))) {
                        return Integer.parseInt(fd.getFileName().toString());
                    }
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, or one closed since
                }
            }
        }
        throw new IllegalStateException("no descriptor open on " + path);
    }

    @Test
    void aLinkIsCreatedInTheNamespaceItsDescriptorNames() throws IOException {
        try (Netns other = Netns.create("driversnetns"); FileInputStream open = new FileInputStream(other.path())) {
            rt.addLink(LinkSpec.builder("nsifb", IfbData.builder().build()).netnsFd(descriptorOf(other.path()))
                    .build());
            JsonNode there = IpJson.of(other, "-d link show nsifb").get(0);
            assertThat(there.get("ifname").asString()).isEqualTo("nsifb");
            assertThat(there.get("linkinfo").get("info_kind").asString()).isEqualTo("ifb");
            assertThatThrownBy(() -> rt.link("nsifb")).isInstanceOf(NetlinkErrorException.class);
        }
    }

    @Test
    void addingALinkThatExistsFailsWithEexist() {
        assertThatThrownBy(() -> rt.addLink(LinkSpec.of("br0", BridgeData.builder().build())))
                .isInstanceOf(NetlinkErrorException.class).hasMessageContaining("add bridge 'br0'");
    }
}
