package io.github.jnetlink.family.tc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An htb root qdisc with two classes: the generated tc client's {@code getqdisc} and {@code gettclass}, and the
 * kernel's qdisc and class dumps decoded by the generated {@link TcNotification}, with the {@code options}
 * sub-message chosen by {@code kind = "htb"}, compared with {@code tc -j qdisc show} and {@code tc class show}.
 *
 * <p>The class's {@code TCA_HTB_PARMS} ({@link TcHtbOpt}) is compared member by member with {@code tc -d}: it holds
 * two {@code struct tc_ratespec}, which the 6.12 spec gets wrong and jnetlink's errata correct (12 bytes, not 9).
 */
@NetlinkNamespace
class TcHtbKernelTest {

    /** struct tc_htb_opt: two 12-byte tc_ratespec and five u32. */
    static final int KERNEL_TC_HTB_OPT_SIZE = 44;
    /** struct tc_ratespec: u8, u8, u16, s16, u16, u32. */
    static final int KERNEL_TC_RATESPEC_SIZE = 12;
    static final int RTM_GETQDISC = 38;
    /** TC_LINKLAYER_ETHERNET of include/uapi/linux/pkt_sched.h. */
    static final int TC_LINKLAYER_ETHERNET = 1;
    static final int RTM_GETTCLASS = 42;
    /** One datagram's size on the wire, for the class's byte counter: 14 Ethernet + 20 IPv4 + 8 UDP + 100. */
    static final int DATAGRAMS = 5;

    static Netns ns;
    static Conn conn;
    static int ifindex;

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        // no IPv6 on the veth: its autoconfiguration would send packets through the qdisc at any time
        ns.exec("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
        ns.ip("link add veth0 type veth peer name veth1");
        ns.ip("link set veth0 up");
        ns.ip("link set veth1 up");
        ns.ip("addr add 10.17.0.1/24 dev veth0");
        // a neighbour that never answers: datagrams to it leave through veth0's qdisc and nothing else does
        ns.ip("neigh add 10.17.0.9 lladdr 02:00:00:00:00:09 dev veth0");
        ns.exec("tc", "qdisc", "add", "dev", "veth0", "root", "handle", "1:", "htb", "default", "10", "r2q", "20",
                "direct_qlen", "500");
        // over 2^32 bytes a second: the kernel adds TCA_HTB_RATE64 and TCA_HTB_CEIL64
        ns.exec("tc", "class", "add", "dev", "veth0", "parent", "1:", "classid", "1:1", "htb", "rate", "40gbit",
                "ceil", "50gbit");
        ns.exec("tc", "class", "add", "dev", "veth0", "parent", "1:1", "classid", "1:10", "htb", "rate", "10mbit",
                "ceil", "20mbit", "burst", "15k", "cburst", "20k", "prio", "3", "quantum", "1600", "overhead", "24", "mpu", "64");
        ns.exec("python3", "-c", "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                + "for i in range(" + DATAGRAMS + "):\n    s.sendto(bytes(100), ('10.17.0.9', 9))\n");
        ifindex = IpJson.of(ns, "link show dev veth0").get(0).get("ifindex").asInt();
        conn = ns.dial(Protocol.ROUTE);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    @Test
    void rootQdiscOptionsAreTheHtbSubMessage() {
        // as in TcKernelTest: this kernel answers a get to the asker only with NLM_F_ECHO
        HeaderedMessage<Tcmsg, TcAttrs> q = new TcClient(conn).getqdisc(new Tcmsg(0, ifindex, 0, 0xFFFF_FFFFL, 0), null,
                HeaderFlags.ECHO);
        JsonNode tc = JsonMapper.builder().build().readTree(ns.exec("tc", "-j", "qdisc", "show", "dev", "veth0", "root")).get(0);
        assertHtbQdisc(q, tc);
    }

    @Test
    void qdiscDumpHoldsTheHtbRootAsTcShowsIt() {
        Map<Long, TcNotification.Getqdisc> qdiscs = new LinkedHashMap<>();
        for (Message m : conn.execute(Message.of(RTM_GETQDISC, HeaderFlags.REQUEST | HeaderFlags.DUMP, Tcmsg.empty().encode()),
                "tc getqdisc (dump)")) {
            if (TcNotification.decode(m) instanceof TcNotification.Getqdisc q && q.header().ifindex() == ifindex) {
                qdiscs.put(q.header().handle(), q);
            }
        }
        JsonNode tc = JsonMapper.builder().build().readTree(ns.exec("tc", "-j", "qdisc", "show", "dev", "veth0"));
        assertThat(qdiscs).hasSize(tc.size()).containsOnlyKeys(0x1_0000L);
        TcNotification.Getqdisc q = qdiscs.get(0x1_0000L);
        assertHtbQdisc(new HeaderedMessage<>(q.header(), q.attributes()), tc.get(0));
    }

    static void assertHtbQdisc(HeaderedMessage<Tcmsg, TcAttrs> q, JsonNode tc) {
        assertThat(q.attributes().kind()).isEqualTo(tc.get("kind").asString()).isEqualTo("htb");
        assertThat(handle(q.header().handle())).isEqualTo(tc.get("handle").asString()).isEqualTo("1:");
        assertThat(q.header().parent()).isEqualTo(0xFFFF_FFFFL);
        assertThat(tc.get("root").asBoolean()).isTrue();
        TcOptionsMsg options = q.attributes().options();
        assertThat(options.selector()).isEqualTo("htb");
        assertThat(options.raw()).isNull();
        TcHtbAttrs htb = options.htb();
        // TCA_HTB_INIT, struct tc_htb_glob
        TcHtbGlob glob = htb.initStruct();
        assertThat(glob.rate2quantum()).isEqualTo(tc.get("options").get("r2q").asLong()).isEqualTo(20L);
        assertThat("0x" + Long.toHexString(glob.defcls())).isEqualTo(tc.get("options").get("default").asString()).isEqualTo("0x10");
        assertThat(glob.directPkts()).isEqualTo(tc.get("options").get("direct_packets_stat").asLong());
        // HTB_VER: TC_HTB_PROTOVER in the high 16 bits, which tc checks before printing the rest
        assertThat(glob.version() >>> 16).isEqualTo(3L);
        assertThat(htb.directQlen()).isEqualTo(tc.get("options").get("direct_qlen").asLong()).isEqualTo(500L);
        assertThat(htb.parms()).isNull();
        assertThat(htb.offload()).isFalse();
        assertThat(htb.unknownAttributes()).isEmpty();
    }

    @Test
    void classDumpAndGetAreTheClassesTcShows() {
        Map<String, TcClass> shown = tcClasses();
        assertThat(shown).containsOnlyKeys("1:1", "1:10");
        // a class dump names its device in the request: the kernel dumps that device's qdiscs' classes
        Map<String, TcNotification.Gettclass> dumped = new LinkedHashMap<>();
        for (Message m : conn.execute(Message.of(RTM_GETTCLASS, HeaderFlags.REQUEST | HeaderFlags.DUMP,
                new Tcmsg(0, ifindex, 0, 0, 0).encode()), "tc gettclass (dump)")) {
            if (TcNotification.decode(m) instanceof TcNotification.Gettclass c) {
                dumped.put(handle(c.header().handle()), c);
            }
        }
        assertThat(dumped.keySet()).isEqualTo(shown.keySet());
        TcClient client = new TcClient(conn);
        for (Map.Entry<String, TcClass> e : shown.entrySet()) {
            TcClass expected = e.getValue();
            TcNotification.Gettclass c = dumped.get(e.getKey());
            HeaderedMessage<Tcmsg, TcAttrs> got = client.gettclass(new Tcmsg(0, ifindex, c.header().handle(), 0, 0), null,
                    HeaderFlags.ECHO);
            for (HeaderedMessage<Tcmsg, TcAttrs> cl : java.util.List.of(new HeaderedMessage<>(c.header(), c.attributes()), got)) {
                assertThat(cl.header().ifindex()).isEqualTo(ifindex);
                assertThat(handle(cl.header().handle())).isEqualTo(e.getKey());
                assertThat(cl.header().parent() == 0xFFFF_FFFFL ? "root" : handle(cl.header().parent())).isEqualTo(expected.parent());
                assertThat(cl.attributes().kind()).isEqualTo("htb");
                TcHtbAttrs htb = cl.attributes().options().htb();
                assertThat(htb).isNotNull();
                assertThat(htb.parms()).hasSize(KERNEL_TC_HTB_OPT_SIZE).hasSize(TcHtbOpt.SIZE);
                TcHtbOpt parms = htb.parmsStruct();
                TcRatespec rate = TcRatespec.decode(parms.rate(), 0, parms.rate().length);
                TcRatespec ceil = TcRatespec.decode(parms.ceil(), 0, parms.ceil().length);
                assertThat(parms.rate()).hasSize(TcRatespec.SIZE).hasSize(KERNEL_TC_RATESPEC_SIZE);
                // the kernel caps the 32-bit rates; above 2^32 bytes a second they come in TCA_HTB_RATE64/CEIL64
                assertThat(rate.rate()).isEqualTo(Math.min(expected.rateBits() / 8, 0xFFFF_FFFFL));
                assertThat(ceil.rate()).isEqualTo(Math.min(expected.ceilBits() / 8, 0xFFFF_FFFFL));
                assertThat(rate.linklayer()).isEqualTo(ceil.linklayer()).isEqualTo(TC_LINKLAYER_ETHERNET);
                assertThat(expected.linklayer()).isEqualTo("ethernet");
                assertThat(rate.mpu()).isEqualTo(expected.mpu());
                assertThat(rate.overhead()).isEqualTo(expected.overhead());
                // the kernel answers with a ratespec rebuilt from its rate configuration: no cell log, no alignment
                assertThat(rate.cellLog()).isEqualTo(rate.cellAlign()).isZero();
                assertThat(parms.prio()).isEqualTo(expected.prio());
                assertThat(parms.level()).isEqualTo(expected.level());
                if (expected.quantum() >= 0) {
                    assertThat(parms.quantum()).isEqualTo(expected.quantum());
                }
                assertThat(htb.init()).isNull();
                if (expected.rateBits() >= 8L << 32) {
                    assertThat(htb.rate64() * 8).isEqualTo(expected.rateBits());
                    assertThat(htb.ceil64() * 8).isEqualTo(expected.ceilBits());
                } else {
                    assertThat(htb.rate64()).isNull();
                    assertThat(htb.ceil64()).isNull();
                }
                GnetStatsBasic basic = cl.attributes().stats2().basicStruct();
                assertThat(basic.bytes()).isEqualTo(expected.sentBytes());
                assertThat(basic.packets()).isEqualTo(expected.sentPackets());
            }
        }
        assertThat(dumped.get("1:1").attributes().options().htb().rate64()).isEqualTo(40_000_000_000L / 8);
        // the leaf the qdisc's default sends the datagrams to
        assertThat(shown.get("1:10").sentPackets()).isEqualTo(DATAGRAMS);
        // the members after the first 16-bit one of tc_ratespec, at the kernel's offsets
        assertThat(shown.get("1:10").overhead()).isEqualTo(24);
        assertThat(shown.get("1:10").mpu()).isEqualTo(64);
        assertThat(shown.get("1:10").prio()).isEqualTo(3);
        assertThat(shown.get("1:10").quantum()).isEqualTo(1600);
        assertThat(shown.get("1:10").sentBytes()).isEqualTo(DATAGRAMS * (14 + 20 + 8 + 100));
    }

    /** A class as {@code tc -s class show} prints it (this tc prints htb classes as text even with {@code -j}). */
    record TcClass(String parent, long rateBits, long ceilBits, long sentBytes, long sentPackets, long prio,
                   long quantum, long level, int mpu, int overhead, String linklayer) {
    }

    /** A number {@code tc -d} prints after {@code word} on a class's line, or -1 when it prints none. */
    static long detail(String line, String word) {
        Matcher m = Pattern.compile(" " + word + " (\\d+)").matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static final Pattern CLASS = Pattern.compile(
            "^class htb (\\S+) (?:parent (\\S+)|(root)).* rate (\\S+)(?: overhead \\d+)? ceil (\\S+) .*\\n Sent (\\d+) bytes (\\d+) pkt", Pattern.MULTILINE);

    static Map<String, TcClass> tcClasses() {
        String out = ns.exec("tc", "-s", "-d", "class", "show", "dev", "veth0");
        Map<String, TcClass> classes = new LinkedHashMap<>();
        Matcher m = CLASS.matcher(out);
        while (m.find()) {
            String line = m.group(0).lines().findFirst().orElseThrow();
            Matcher layer = Pattern.compile(" linklayer (\\S+)").matcher(line);
            classes.put(m.group(1), new TcClass(m.group(2) != null ? m.group(2) : m.group(3), bits(m.group(4)), bits(m.group(5)),
                    Long.parseLong(m.group(6)), Long.parseLong(m.group(7)), Math.max(0, detail(line, "prio")),
                    detail(line, "quantum"), detail(line, "level"), (int) detail(line.replaceAll(" mpu (\\d+)b", " mpu $1"), "mpu"),
                    (int) Math.max(0, detail(line, "overhead")), layer.find() ? layer.group(1) : "?"));
        }
        assertThat(out.lines().filter(l -> l.startsWith("class ")).count()).as(out).isEqualTo(classes.size());
        return classes;
    }

    /** tc's rate text, such as {@code 10Mbit}: SI prefixes on bits a second. */
    static long bits(String rate) {
        Matcher m = Pattern.compile("(\\d+)([KMGT]?)bit").matcher(rate);
        assertThat(m.matches()).as(rate).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "K" -> n * 1_000L;
            case "M" -> n * 1_000_000L;
            case "G" -> n * 1_000_000_000L;
            case "T" -> n * 1_000_000_000_000L;
            default -> n;
        };
    }

    /** A tc handle as tc prints it: {@code MAJOR:MINOR} in hex, {@code MAJOR:} when the minor is 0. */
    static String handle(long h) {
        long minor = h & 0xFFFF;
        return Long.toHexString(h >>> 16) + ":" + (minor == 0 ? "" : Long.toHexString(minor));
    }
}
