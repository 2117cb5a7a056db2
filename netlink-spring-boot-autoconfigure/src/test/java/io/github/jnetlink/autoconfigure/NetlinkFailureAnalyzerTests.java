package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.UnsupportedPlatformException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The analyzer's text for failures a test machine cannot produce for real (another OS, no privileges);
 * the real-kernel failures are in {@link NetlinkAutoConfigurationTests}.
 */
class NetlinkFailureAnalyzerTests {

    private final NetlinkFailureAnalyzer analyzer = new NetlinkFailureAnalyzer();

    private FailureAnalysis analyze(NetlinkStartupException e) {
        return analyzer.analyze(new BeanCreationException("route", "wrapped", e));
    }

    @Test
    void notLinux() {
        FailureAnalysis a = analyze(new NetlinkStartupException("route", null, null, List.of(), "no netlink",
                new UnsupportedPlatformException(new UnsupportedOperationException("Mac OS X"))));
        assertThat(a.getDescription()).contains("'route'");
        assertThat(a.getAction()).contains("Linux", "netlink.enabled=false", "netlink.connections.route");
    }

    @Test
    void permissionDeniedEnteringANamespace() {
        FailureAnalysis a = analyze(new NetlinkStartupException("route", "netlink.connections.route.netns", "/var/run/netns/x",
                List.of(), "cannot enter", new NetlinkSystemException("setns", "/var/run/netns/x", 1)));
        assertThat(a.getAction()).contains("CAP_SYS_ADMIN", "netlink.connections.route.netns");
    }

    @Test
    void permissionDeniedJoiningAGroup() {
        FailureAnalysis a = analyze(new NetlinkStartupException("route", "netlink.connections.route.groups", "link", List.of(),
                "cannot join", new NetlinkSystemException("setsockopt", "NETLINK_ADD_MEMBERSHIP", 1)));
        assertThat(a.getAction()).contains("CAP_NET_ADMIN", "netlink.connections.route.groups");
    }

    @Test
    void unknownValueListsTheValidOnes() {
        FailureAnalysis a = analyze(new NetlinkStartupException("route", "netlink.connections.route.groups[0]", "lnk",
                List.of("link", "neigh"), "'lnk' is not an rtnetlink multicast group", null));
        assertThat(a.getAction()).isEqualTo("Change netlink.connections.route.groups[0] (now 'lnk') to one of: link, neigh.");
    }

    @Test
    void configurationFailuresShowTheirMessageAndAction() {
        NetlinkConfigurationException e = new NetlinkConfigurationException("@NetlinkListener(connection)", "rout", List.of("route"),
                "@NetlinkListener method Watcher.onLink names connection 'rout', which is not configured.",
                "Change @NetlinkListener(connection = \"rout\") on Watcher.onLink to one of the configured connections: route.", null);
        FailureAnalysis a = analyzer.analyze(new org.springframework.beans.factory.BeanInitializationException("wrapped", e));
        assertThat(a.getDescription()).isEqualTo(e.getMessage());
        assertThat(a.getAction()).isEqualTo(e.action());
        assertThat(a.getCause()).isSameAs(e);
    }

    @Test
    void otherExceptionsAreNotAnalyzed() {
        assertThat(analyzer.analyze(new IllegalStateException("unrelated"))).isNull();
    }
}
