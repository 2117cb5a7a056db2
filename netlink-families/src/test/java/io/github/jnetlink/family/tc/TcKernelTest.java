package io.github.jnetlink.family.tc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generated tc client's {@code getqdisc}: the {@code options} sub-message, chosen by the
 * qdisc's {@code kind}, compared with {@code tc -j qdisc show}.
 */
@NetlinkNamespace
class TcKernelTest {

    static Netns ns;
    static Conn conn;

    @BeforeAll
    static void setUp(Netns namespace) {
        ns = namespace;
        ns.ip("link add veth0 type veth peer name veth1");
        ns.ip("link set veth0 up");
        ns.exec("tc", "qdisc", "add", "dev", "veth0", "root", "handle", "7:", "pfifo", "limit", "77");
        conn = ns.dial(Protocol.ROUTE);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    @Test
    void rootQdiscOptionsAreThePfifoSubMessage() {
        int ifindex = IpJson.of(ns, "link show dev veth0").get(0).get("ifindex").asInt();
        // TC_H_ROOT as the parent: the root qdisc of the device. This kernel answers a qdisc get as it notifies
        // (rtnl_notify_needed): to the asker only with NLM_F_ECHO
        HeaderedMessage<Tcmsg, TcAttrs> q = new TcClient(conn).getqdisc(new Tcmsg(0, ifindex, 0, 0xFFFF_FFFFL, 0), null,
                HeaderFlags.ECHO);
        JsonNode tc = JsonMapper.builder().build().readTree(ns.exec("tc", "-s", "-j", "qdisc", "show", "dev", "veth0", "root")).get(0);
        assertThat(q.attributes().kind()).isEqualTo(tc.get("kind").asString()).isEqualTo("pfifo");
        assertThat(q.header().ifindex()).isEqualTo(ifindex);
        assertThat(Long.toHexString(q.header().handle() >>> 16) + ":").isEqualTo(tc.get("handle").asString()).isEqualTo("7:");
        assertThat(q.header().parent()).isEqualTo(0xFFFF_FFFFL);
        // pfifo's TCA_OPTIONS is the fixed header struct tc_fifo_qopt alone, the format the "pfifo" selector names
        TcFifoQopt options = q.attributes().options().pfifo();
        assertThat(options).isNotNull();
        assertThat(options.limit()).isEqualTo(tc.get("options").get("limit").asLong()).isEqualTo(77L);
        assertThat(q.attributes().options().selector()).isEqualTo("pfifo");
        assertThat(q.attributes().options().raw()).isNull();
        // TCA_STATS2: struct gnet_stats_queue of an idle qdisc; no TCA_STATS_APP for pfifo
        TcaStatsAttrs stats = q.attributes().stats2();
        assertThat(stats.queueStruct().qlen()).isEqualTo(tc.get("qlen").asLong()).isZero();
        assertThat(stats.queueStruct().drops()).isEqualTo(tc.get("drops").asLong());
        assertThat(stats.app()).isNull();
    }
}
