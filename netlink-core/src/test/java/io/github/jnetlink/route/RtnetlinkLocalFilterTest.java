package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Conn;
import io.github.jnetlink.test.FakeRouteKernel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local half of the filtered lists, without a kernel: {@link FakeRouteKernel} filters dumps by family only
 * and never sets {@code NLM_F_DUMP_FILTERED}, like a kernel before 4.20, so every other criterion must be
 * applied by the services, the neighbours' master through a list of the master's ports.
 */
class RtnetlinkLocalFilterTest {

    FakeRouteKernel fake;
    Conn conn;
    Rtnetlink rt;
    int br0;
    int va;
    int vc;

    @BeforeEach
    void setUp() {
        fake = FakeRouteKernel.create();
        conn = fake.dial();
        rt = new Rtnetlink(conn);
        br0 = fake.addLink(LinkMessage.builder().name("br0").linkInfo(LinkInfo.of("bridge")).build()).index();
        fake.addVeth("va", "vb");
        fake.addVeth("vc", "vd");
        va = fake.link("va").orElseThrow().index();
        vc = fake.link("vc").orElseThrow().index();
        rt.links().change(LinkMessage.builder().index(vc).master(br0).build());
        for (String name : List.of("br0", "va", "vc")) {
            fake.setLinkUp(name, true);
        }
        fake.addAddress(AddressMessage.of(va, ip("10.0.0.1"), 24));
        fake.addAddress(AddressMessage.of(vc, ip("10.0.1.1"), 24));
        fake.addAddress(AddressMessage.of(va, ip("2001:db8::1"), 64));
        fake.addRoute(RouteMessage.of(ip("10.1.0.0"), 16, null, va).toBuilder().table(100)
                .protocol(RouteMessage.RTPROT_STATIC).build());
        fake.addRoute(RouteMessage.of(ip("10.2.0.0"), 16, null, vc).toBuilder().table(100).protocol(99).build());
        fake.addRoute(RouteMessage.of(ip("10.3.0.0"), 16, null, va).toBuilder().table(200)
                .protocol(RouteMessage.RTPROT_STATIC).build());
        for (int index : new int[] {va, vc}) {
            fake.addNeighbor(NeighborMessage.builder().family(AddressFamily.INET).index(index)
                    .state(NeighborMessage.NUD_PERMANENT).destination(ip(index == va ? "10.0.0.2" : "10.0.1.2"))
                    .linkLayerAddress(MacAddress.parse("02:00:00:00:00:0" + (index == va ? 2 : 3))).build());
        }
    }

    @AfterEach
    void tearDown() {
        conn.close();
        fake.close();
    }

    @Test
    void linksByMasterAndKind() {
        assertThat(rt.links().list(LinkFilter.builder().master(br0).build())).extracting(LinkMessage::name)
                .containsExactly("vc");
        assertThat(rt.links().list(LinkFilter.builder().kind("veth").build())).extracting(LinkMessage::name)
                .containsExactlyInAnyOrder("va", "vb", "vc", "vd");
        assertThat(rt.links().list(LinkFilter.builder().master(br0).kind("bridge").build())).isEmpty();
        assertThat(rt.links().listing(LinkFilter.builder().kind("veth").build()).kernelFiltered()).isFalse();
    }

    @Test
    void addressesByLinkAndFamily() {
        assertThat(rt.addresses().list(AddressFilter.builder().index(va).build()))
                .extracting(a -> a.localAddress().getHostAddress())
                .containsExactly("10.0.0.1", ip("2001:db8::1").getHostAddress());
        assertThat(rt.addresses().list(AddressFilter.builder().index(va).family(AddressFamily.INET6).build()))
                .extracting(AddressMessage::family).containsExactly(AddressFamily.INET6);
        assertThat(rt.addresses().list(AddressFilter.builder().index(99).build())).isEmpty();
    }

    @Test
    void routesByTableProtocolAndLink() {
        assertThat(rt.routes().list(RouteFilter.builder().table(100).build())).extracting(RouteMessage::destinationString)
                .containsExactlyInAnyOrder("10.1.0.0/16", "10.2.0.0/16");
        assertThat(rt.routes().list(RouteFilter.builder().table(100).protocol(99).build()))
                .extracting(RouteMessage::destinationString).containsExactly("10.2.0.0/16");
        assertThat(rt.routes().list(RouteFilter.builder().protocol(RouteMessage.RTPROT_STATIC).outputInterface(va)
                .build())).extracting(RouteMessage::destinationString)
                .containsExactlyInAnyOrder("10.1.0.0/16", "10.3.0.0/16");
        assertThat(rt.routes().list(RouteFilter.builder().table(300).build())).isEmpty();
    }

    @Test
    void neighborsByLinkAndByMasterThroughItsPorts() {
        assertThat(rt.neighbors().list(NeighborFilter.builder().index(va).build()))
                .extracting(n -> n.destination().getHostAddress()).containsExactly("10.0.0.2");
        assertThat(rt.neighbors().list(NeighborFilter.builder().master(br0).build()))
                .extracting(n -> n.destination().getHostAddress()).containsExactly("10.0.1.2");
        assertThat(rt.neighbors().list(NeighborFilter.PROXIES)).isEmpty();
    }
}
