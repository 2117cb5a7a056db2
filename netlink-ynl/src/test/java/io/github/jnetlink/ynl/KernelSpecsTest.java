package io.github.jnetlink.ynl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The kernel's own 19 specs (fetched by {@code scripts/ynl-specs.sh} into the ignored {@code build/}) pass their
 * schemas and resolve. Without the specs the test is skipped, except with {@code CI=true}, where it fails.
 */
class KernelSpecsTest {

    static final Path NETLINK = Path.of("..", "build", "ynl-specs", "linux-source-6.12", "Documentation", "netlink");

    @Test
    void allSpecsPassTheirSchemasAndResolve() {
        if (!Files.isDirectory(NETLINK.resolve("specs"))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but " + NETLINK.toAbsolutePath() + " is missing: run scripts/ynl-specs.sh first");
            }
            Assumptions.abort("the kernel's specs are not fetched: scripts/ynl-specs.sh");
        }
        List<Spec> specs = SpecLoader.withSchemas(NETLINK).loadAll(NETLINK.resolve("specs"));
        assertThat(specs).extracting(Spec::name).containsExactlyInAnyOrder("devlink", "dpll", "ethtool", "fou", "handshake",
                "mptcp_pm", "netdev", "nfsd", "nftables", "nlctrl", "ovs_datapath", "ovs_flow", "ovs_vport", "rt-addr",
                "rt-link", "rt-route", "tc", "tcp_metrics", "team");
        Spec link = specs.stream().filter(s -> s.name().equals("rt-link")).findFirst().orElseThrow();
        assertThat(link.protocol()).isEqualTo(SpecProtocol.NETLINK_RAW);
        assertThat(link.operation("getlink").orElseThrow().requestValue()).isEqualTo(18); // RTM_GETLINK
        assertThat(link.operation("getlink").orElseThrow().replyValue()).isEqualTo(16); // RTM_NEWLINK
        assertThat(link.struct("ifinfomsg").size()).isEqualTo(16);
        Spec ethtool = specs.stream().filter(s -> s.name().equals("ethtool")).findFirst().orElseThrow();
        // directional: ETHTOOL_MSG_CHANNELS_GET is 17 to the kernel, ETHTOOL_MSG_CHANNELS_GET_REPLY 18 back
        assertThat(ethtool.operation("channels-get").orElseThrow().requestValue()).isEqualTo(17);
        assertThat(ethtool.operation("channels-get").orElseThrow().replyValue()).isEqualTo(18);
    }
}
