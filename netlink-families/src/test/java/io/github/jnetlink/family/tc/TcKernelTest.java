package io.github.jnetlink.family.tc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Conn;
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
 * The generated tc client's {@code getqdisc}: the {@code options} and {@code xstats} sub-messages, chosen by the
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
        ns.exec("tc", "qdisc", "add", "dev", "veth0", "root", "fq_codel", "limit", "1234", "flows", "512", "quantum", "1600");
        conn = ns.dial(Protocol.ROUTE);
    }

    @AfterAll
    static void tearDown() {
        if (conn != null) {
            conn.close();
        }
    }

    @Test
    void rootQdiscOptionsAreTheFqCodelSubMessage() {
        int ifindex = IpJson.of(ns, "link show dev veth0").get(0).get("ifindex").asInt();
        // TC_H_ROOT as the parent: the root qdisc of the device
        HeaderedMessage<Tcmsg, TcAttrs> q = new TcClient(conn).getqdisc(new Tcmsg(0, ifindex, 0, 0xFFFF_FFFFL, 0), null);
        JsonNode tc = JsonMapper.builder().build().readTree(ns.exec("tc", "-j", "qdisc", "show", "dev", "veth0", "root")).get(0);
        assertThat(q.attributes().kind()).isEqualTo(tc.get("kind").asString()).isEqualTo("fq_codel");
        assertThat(q.header().ifindex()).isEqualTo(ifindex);
        assertThat(Long.toHexString(q.header().handle() >>> 16) + ":").isEqualTo(tc.get("handle").asString());
        TcFqCodelAttrs options = q.attributes().options().fqCodel();
        assertThat(options).isNotNull();
        assertThat(options.limit()).isEqualTo(tc.get("options").get("limit").asLong()).isEqualTo(1234L);
        assertThat(options.flows()).isEqualTo(tc.get("options").get("flows").asLong()).isEqualTo(512L);
        assertThat(options.quantum()).isEqualTo(tc.get("options").get("quantum").asLong()).isEqualTo(1600L);
        // TCA_XSTATS of fq_codel: struct tc_fq_codel_xstats, type 0 (TCA_FQ_CODEL_XSTATS_QDISC)
        TcFqCodelXstats xstats = q.attributes().xstats().fqCodel();
        assertThat(xstats).isNotNull();
        assertThat(xstats.type()).isEqualTo(0);
        assertThat(xstats.dropOverlimit()).isZero();
    }
}
