package io.github.jnetlink.test.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteClient;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.test.FakeKernel;
import io.github.jnetlink.test.Replies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's FakeKernel example, exactly as printed there ("Testing your code"). */
class LinkListerTest {

    @Test
    void listsTheLinksTheKernelReports() {
        try (FakeKernel kernel = FakeKernel.create(Protocol.ROUTE); Conn conn = kernel.dial()) {
            kernel.onRequest(request -> Replies.multipart(List.of(
                    LinkMessage.builder().index(1).name("lo").build().toMessage(),
                    LinkMessage.builder().index(2).name("eth0").mtu(9000).build().toMessage())));

            List<LinkMessage> links = new RouteClient(conn).links();

            assertThat(links).extracting(LinkMessage::name).containsExactly("lo", "eth0");
            assertThat(kernel.requests().get(0).header().type()).isEqualTo(RouteMessageType.RTM_GETLINK);
        }
    }
}
