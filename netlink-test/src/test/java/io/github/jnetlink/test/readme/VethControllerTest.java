package io.github.jnetlink.test.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Message;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteClient;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.test.FakeRouteKernel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's FakeRouteKernel example, exactly as printed there ("Testing your code"). */
class VethControllerTest {

    @Test
    void aNewVethIsAnnouncedAndListed() {
        try (FakeRouteKernel kernel = FakeRouteKernel.create(); Conn conn = kernel.dial(); Conn events = kernel.dial()) {
            events.joinGroup(RouteGroup.LINK.group());
            events.setReadDeadline(Instant.now().plusSeconds(5));

            new RouteClient(conn).addVeth("veth0", "veth1");

            List<Message> announced = events.receive();
            assertThat(LinkMessage.decode(announced.get(0)).name()).isEqualTo("veth1");
            assertThat(kernel.link("veth0")).isPresent();
        }
    }
}
