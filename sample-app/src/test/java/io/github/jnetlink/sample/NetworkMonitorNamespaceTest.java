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

@SpringBootTest
@NetlinkNamespace
@ExtendWith(OutputCaptureExtension.class)
class NetworkMonitorNamespaceTest {

    @Test
    void printsALinkAddedInTheTestsNamespace(Netns ns, CapturedOutput output) {
        ns.ip("link add veth0 type veth peer name veth1");
        await().untilAsserted(() -> assertThat(output).contains("link added: veth0", "link added: veth1"));
    }
}
