package io.github.jnetlink.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jnetlink.test.FakeRouteKernel;
import io.github.jnetlink.test.autoconfigure.AutoConfigureNetlinkFake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@SpringBootTest
@AutoConfigureNetlinkFake
@ExtendWith(OutputCaptureExtension.class)
class NetworkMonitorFakeTest {

    @Autowired
    FakeRouteKernel kernel;

    @Test
    void printsALinkTheKernelAdds(CapturedOutput output) {
        kernel.addVeth("veth0", "veth1");
        await().untilAsserted(() -> assertThat(output).contains("link added: veth0", "link added: veth1"));
    }
}
