package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bridge and VXLAN forwarding entries as the real kernel reports them through {@link Fdb}, compared field by
 * field with {@code bridge -j -s fdb show}, and entries added, appended, replaced and deleted through {@link Fdb}
 * as {@code bridge fdb} then lists them.
 */
@NetlinkNamespace
class FdbKernelTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static Netns ns;
    static Conn conn;
    static Fdb fdb;
    static Map<Integer, String> names = new TreeMap<>();

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.ip("link add fbr0 type bridge");
        ns.ip("link add fp0 type veth peer name fp1");
        ns.ip("link add fp2 type veth peer name fp3");
        ns.ip("link set fp0 master fbr0");
        ns.ip("link set fp2 master fbr0");
        ns.ip("link set fbr0 up");
        ns.ip("link set fp0 up");
        ns.ip("link add vx0 type vxlan id 42 dstport 4789 local 10.0.0.1 nolearning");
        bridge("fdb add 02:00:00:00:00:01 dev fp0 master static");
        bridge("fdb add 02:00:00:00:00:02 dev fp0 master sticky static");
        bridge("fdb add 02:00:00:00:00:03 dev fp0 self");
        bridge("fdb add 02:00:00:00:00:04 dev fp2 master extern_learn");
        bridge("fdb add 02:00:00:00:00:05 dev fp2 master");
        for (JsonNode l : JSON.readTree(ns.ip("-j link show"))) {
            names.put(l.get("ifindex").asInt(), l.get("ifname").asString());
        }
        conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        fdb = new Fdb(conn);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    static String bridge(String args) {
        List<String> cmd = new ArrayList<>(List.of("bridge"));
        cmd.addAll(List.of(args.trim().split("\\s+")));
        return ns.exec(cmd.toArray(String[]::new));
    }

    static int index(String name) {
        return names.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst().orElseThrow().getKey();
    }

    static String text(JsonNode j, String field) {
        return j.has(field) ? j.get(field).asString() : null;
    }

    static Integer integer(JsonNode j, String field) {
        return j.has(field) ? j.get(field).asInt() : null;
    }

    /** Compares one entry with bridge's JSON of it, every field bridge prints. */
    static void assertSame(FdbEntry e, JsonNode j, String device) {
        String what = e + " vs " + j;
        assertThat(e.type()).as(what).isEqualTo(RouteMessageType.RTM_NEWNEIGH);
        assertThat(e.address()).as(what + " mac").isEqualTo(MacAddress.parse(text(j, "mac")));
        assertThat(names.get(e.index())).as(what + " ifname")
                .isEqualTo(j.has("ifname") ? text(j, "ifname") : device);
        assertThat(e.vlan()).as(what + " vlan").isEqualTo(integer(j, "vlan"));
        assertThat(e.master() == null ? null : names.get(e.master())).as(what + " master").isEqualTo(text(j, "master"));
        assertThat(e.destination()).as(what + " dst").isEqualTo(j.has("dst") ? ip(text(j, "dst")) : null);
        assertThat(e.port()).as(what + " port").isEqualTo(integer(j, "port"));
        assertThat(e.vni()).as(what + " vni").isEqualTo(integer(j, "vni"));
        assertThat(e.sourceVni()).as(what + " src_vni").isEqualTo(integer(j, "src_vni"));
        assertThat(e.remoteIndex() == null ? null : names.get(e.remoteIndex())).as(what + " viaIf")
                .isEqualTo(text(j, "viaIf"));
        assertThat(e.stateName()).as(what + " state").isEqualTo(text(j, "state"));
        List<String> flags = new ArrayList<>();
        j.get("flags").forEach(f -> flags.add(f.asString()));
        assertThat(e.flagNames()).as(what + " flags").containsExactlyInAnyOrderElementsOf(flags);
        if (j.has("used")) {
            // bridge prints the cache times in whole seconds; a second may pass between the two dumps
            assertThat(e.cacheInfo()).as(what + " cacheinfo").isNotNull();
            assertThat(e.cacheInfo().usedSeconds()).as(what + " used").isBetween(j.get("used").asLong() - 1,
                    j.get("used").asLong() + 1);
            assertThat(e.cacheInfo().updatedSeconds()).as(what + " updated")
                    .isBetween(j.get("updated").asLong() - 1, j.get("updated").asLong() + 1);
        } else {
            assertThat(e.cacheInfo()).as(what + " cacheinfo").isNull();
        }
        assertThat(e.unknown()).as(what + " unknown").isEmpty();
    }

    /** The same entries in the same order as bridge prints them: both read one kernel dump in its order. */
    static void assertSameAsBridge(List<FdbEntry> ours, String args) {
        JsonNode expected = JSON.readTree(bridge("-j -s fdb show " + args));
        assertThat(ours).as("bridge fdb show " + args).hasSize(expected.size());
        for (int i = 0; i < ours.size(); i++) {
            // with "dev NAME" bridge leaves the name out of every entry
            assertSame(ours.get(i), expected.get(i), args.startsWith("dev ") ? args.substring(4) : null);
        }
    }

    @Test
    void listByBridgeIsWhatBridgeFdbShowBrPrints() {
        List<FdbEntry> entries = fdb.listByBridge(index("fbr0"));
        assertSameAsBridge(entries, "br fbr0");
        FdbEntry sticky = entries.stream().filter(e -> e.address().equals(MacAddress.parse("02:00:00:00:00:02")))
                .findFirst().orElseThrow();
        assertThat(sticky.index()).isEqualTo(index("fp0"));
        assertThat(sticky.master()).isEqualTo(index("fbr0"));
        assertThat(sticky.state()).isEqualTo(FdbEntry.NUD_NOARP);
        assertThat(sticky.flags() & FdbEntry.NTF_STICKY).isNotZero();
        FdbEntry learned = entries.stream().filter(e -> e.address().equals(MacAddress.parse("02:00:00:00:00:04")))
                .findFirst().orElseThrow();
        assertThat(learned.flags() & FdbEntry.NTF_EXT_LEARNED).isNotZero();
        assertThat(learned.state()).isEqualTo(FdbEntry.NUD_REACHABLE);
        FdbEntry self = entries.stream().filter(e -> e.address().equals(MacAddress.parse("02:00:00:00:00:03")))
                .findFirst().orElseThrow();
        assertThat(self.flags()).isEqualTo(FdbEntry.NTF_SELF);
        assertThat(self.master()).isNull();
    }

    @Test
    void listByPortAndListAreWhatBridgeFdbShowPrints() {
        assertSameAsBridge(fdb.listByPort(index("fp2")), "dev fp2");
        List<FdbEntry> all = fdb.list();
        assertSameAsBridge(all, "");
        assertThat(all).extracting(FdbEntry::index).contains(index("fbr0"), index("fp0"), index("fp2"));
    }

    @Test
    void addedReplacedAndDeletedEntriesAreWhatBridgeShows() {
        int fp0 = index("fp0");
        int fp2 = index("fp2");
        MacAddress mac = MacAddress.parse("02:00:00:00:00:aa");
        FdbEntry entry = FdbEntry.builder().index(fp0).address(mac).flags(FdbEntry.NTF_MASTER)
                .state(FdbEntry.NUD_NOARP).build();
        fdb.add(entry);
        JsonNode added = entryOf(mac);
        assertThat(text(added, "ifname")).isEqualTo("fp0");
        assertThat(text(added, "state")).isEqualTo("static");
        assertThat(text(added, "master")).isEqualTo("fbr0");
        assertSameAsBridge(fdb.listByBridge(index("fbr0")), "br fbr0");

        assertThatThrownBy(() -> fdb.add(entry)).isInstanceOf(NetlinkErrorException.class)
                .hasMessageContaining("add FDB entry 02:00:00:00:00:aa dev " + fp0 + " master")
                .hasMessageContaining("EEXIST");

        FdbEntry got = fdb.get(FdbEntry.builder().index(fp0).address(mac).flags(FdbEntry.NTF_MASTER).build());
        assertSame(got, added, null);

        fdb.replace(entry.toBuilder().index(fp2).build());
        assertThat(text(entryOf(mac), "ifname")).isEqualTo("fp2");

        fdb.delete(entry.toBuilder().index(fp2).build());
        assertThat(JSON.readTree(bridge("-j fdb show br fbr0"))).noneMatch(j -> text(j, "mac").equals(mac.toString()));
        assertThatThrownBy(() -> fdb.delete(entry.toBuilder().index(fp2).build()))
                .isInstanceOf(NetlinkErrorException.class).hasMessageContaining("ENOENT");
        assertThatThrownBy(() -> fdb.get(FdbEntry.builder().index(fp0).address(mac).flags(FdbEntry.NTF_MASTER).build()))
                .isInstanceOf(NetlinkErrorException.class).hasMessageContaining("ENOENT");
    }

    @Test
    void bridgeDeletedEntryIsGoneFromTheList() {
        bridge("fdb add 02:00:00:00:00:bb dev fp2 master static");
        MacAddress mac = MacAddress.parse("02:00:00:00:00:bb");
        assertThat(fdb.listByPort(index("fp2"))).extracting(FdbEntry::address).contains(mac);
        bridge("fdb del 02:00:00:00:00:bb dev fp2 master");
        assertThat(fdb.listByPort(index("fp2"))).extracting(FdbEntry::address).doesNotContain(mac);
    }

    @Test
    void appendedVxlanRemotesAreWhatBridgeFdbShowDevPrints() {
        int vx0 = index("vx0");
        FdbEntry zero = FdbEntry.builder().index(vx0).address(MacAddress.parse("00:00:00:00:00:00"))
                .flags(FdbEntry.NTF_SELF).state(FdbEntry.NUD_PERMANENT).neighborType(RouteMessage.RTN_UNICAST)
                .destination(ip("10.0.0.2")).build();
        fdb.append(zero);
        fdb.append(zero.toBuilder().destination(ip("10.0.0.3")).port(5000).vni(43).remoteIndex(index("fp1")).build());
        List<FdbEntry> remotes = fdb.listByPort(vx0);
        assertSameAsBridge(remotes, "dev vx0");
        assertThat(remotes).extracting(FdbEntry::destination).containsExactlyInAnyOrder(ip("10.0.0.2"), ip("10.0.0.3"));
        assertThat(remotes).allSatisfy(r -> assertThat(r.flags() & FdbEntry.NTF_SELF).isNotZero());

        // the kernel takes a remote the entry has already as done
        fdb.append(zero);
        assertThat(fdb.listByPort(vx0)).hasSize(2);
        fdb.delete(zero);
        assertThat(fdb.listByPort(vx0)).extracting(FdbEntry::destination).containsExactly(ip("10.0.0.3"));
        assertSameAsBridge(fdb.listByPort(vx0), "dev vx0");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> fdb.listByBridge(0)).hasMessageContaining("interface index must be positive, got 0");
        assertThatThrownBy(() -> fdb.add(null)).hasMessageContaining("add FDB entry: entry must not be null");
        assertThatThrownBy(() -> fdb.get(FdbEntry.builder().index(1).build()))
                .hasMessageContaining("the key needs an address");
        assertThatThrownBy(() -> new Fdb(null)).hasMessageContaining("connection must not be null");
    }

    static JsonNode entryOf(MacAddress mac) {
        for (JsonNode j : JSON.readTree(bridge("-j -s fdb show br fbr0"))) {
            if (text(j, "mac").equals(mac.toString())) {
                return j;
            }
        }
        throw new AssertionError(mac + " not in bridge fdb show br fbr0");
    }
}
