package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.FakeKernel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The lines a receive loop logs when it starts: the groups and buffer granted, and a warning when it is short. */
@ExtendWith(OutputCaptureExtension.class)
class NetlinkReceiveLoopStartLogTests {

    private static NetlinkReceiveLoop loop(FakeKernel kernel, int requested) {
        NetlinkReceiveLoop loop = new NetlinkReceiveLoop("route", kernel::dial, Map.of(1, "link"), event -> { });
        loop.setRequestedReceiveBuffer(requested);
        return loop;
    }

    @Test
    void startLogsTheGroupsAndTheBufferGranted(CapturedOutput output) {
        // the fake socket reports 212992 bytes, the kernel default: twice a request of 106496
        NetlinkReceiveLoop loop = loop(FakeKernel.create(Protocol.ROUTE), 100_000);
        loop.start();
        loop.stop();
        assertThat(output).contains("netlink receive loop 'route' started, groups [link], receive buffer 212992 bytes granted")
                .doesNotContain("the kernel granted");
    }

    @Test
    void startWarnsWhenTheKernelGrantedLessThanAsked(CapturedOutput output) {
        NetlinkReceiveLoop loop = loop(FakeKernel.create(Protocol.ROUTE), 4 * 1024 * 1024);
        loop.start();
        loop.stop();
        assertThat(output).contains("asked for a receive buffer of 4194304 bytes, the kernel granted 212992")
                .contains("net.core.rmem_max");
    }
}
