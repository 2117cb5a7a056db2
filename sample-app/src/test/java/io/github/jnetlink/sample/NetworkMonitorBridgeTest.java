package io.github.jnetlink.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A port leaving a bridge makes the kernel send an {@code AF_BRIDGE} {@code RTM_DELLINK} for the port: the link is
 * still there, and the monitor says only that it changed.
 */
@SpringBootTest
@NetlinkNamespace
@ExtendWith(OutputCaptureExtension.class)
class NetworkMonitorBridgeTest {

    @Test
    void aPortLeavingABridgeIsNotALinkRemoved(Netns ns, CapturedOutput output) {
        ns.ip("link add br0 type bridge");
        ns.ip("link add bp0 type veth peer name bp1");
        ns.ip("link set bp0 master br0");
        await().untilAsserted(() -> assertThat(output).contains("link added: bp0"));
        ns.ip("link set bp0 nomaster");
        ns.ip("link add marker0 type veth peer name marker1"); // after the port's messages
        await().untilAsserted(() -> assertThat(output).contains("link added: marker0"));
        assertThat(output.toString()).doesNotContain("link removed: bp0");
        assertThat(ns.ip("link show bp0")).contains("bp0");
    }
}
