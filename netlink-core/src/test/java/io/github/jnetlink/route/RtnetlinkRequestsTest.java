package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static io.github.jnetlink.testing.KernelBytes.attr;
import static io.github.jnetlink.testing.KernelBytes.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Conn;
import io.github.jnetlink.ConnOption;
import io.github.jnetlink.DumpInterruptedException;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.FakeKernel;
import io.github.jnetlink.test.Replies;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the services send and how they read the answer, against a {@link FakeKernel}: each filter laid out as the
 * kernel's {@code rtnl_valid_dump_*_req} functions read it (bytes written by hand, not by the library's encoder),
 * {@code NETLINK_GET_STRICT_CHK} set once, {@code NLM_F_DUMP_FILTERED} replies trusted and others filtered, and
 * {@code NLM_F_DUMP_INTR} dumps read again.
 */
class RtnetlinkRequestsTest {

    FakeKernel kernel;
    Conn conn;
    Rtnetlink rt;

    @BeforeEach
    void setUp() {
        kernel = FakeKernel.create(Protocol.ROUTE);
        kernel.onRequest(request -> Replies.multipart(List.of()));
        conn = kernel.dial();
        rt = new Rtnetlink(conn);
    }

    @AfterEach
    void tearDown() {
        conn.close();
        kernel.close();
    }

    static byte[] bytes(int headerSize, Consumer<ByteBuffer> header, Consumer<ByteBuffer> attributes) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        header.accept(b);
        b.position(headerSize);
        attributes.accept(b);
        return Arrays.copyOf(b.array(), b.position());
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("links of master 7 of kind veth", (Consumer<Rtnetlink>) rt -> rt.links()
                        .list(LinkFilter.builder().master(7).kind("veth").build()), RouteMessageType.RTM_GETLINK,
                        bytes(16, h -> { }, a -> {
                            attr(a, LinkMessage.IFLA_MASTER, u32(7));
                            // IFLA_LINKINFO, marked NLA_F_NESTED, { IFLA_INFO_KIND "veth\0" }
                            a.putShort((short) 16).putShort((short) (LinkMessage.IFLA_LINKINFO | 0x8000));
                            attr(a, 1, 'v', 'e', 't', 'h', 0);
                        })),
                Arguments.of("every link", (Consumer<Rtnetlink>) rt -> rt.links().list(), RouteMessageType.RTM_GETLINK,
                        new byte[16]),
                Arguments.of("IPv6 addresses of link 5", (Consumer<Rtnetlink>) rt -> rt.addresses()
                        .list(AddressFilter.builder().family(AddressFamily.INET6).index(5).build()),
                        RouteMessageType.RTM_GETADDR, bytes(8, h -> h.put(0, (byte) 10).putInt(4, 5), a -> { })),
                Arguments.of("routes of table 100 proto static type blackhole dev 3", (Consumer<Rtnetlink>) rt -> rt
                        .routes().list(RouteFilter.builder().family(AddressFamily.INET).table(100).protocol(4)
                                .routeType(6).outputInterface(3).build()), RouteMessageType.RTM_GETROUTE,
                        bytes(12, h -> h.put(0, (byte) 2).put(4, (byte) 100).put(5, (byte) 4).put(7, (byte) 6), a -> {
                            attr(a, RouteMessage.RTA_TABLE, u32(100));
                            attr(a, RouteMessage.RTA_OIF, u32(3));
                        })),
                Arguments.of("routes of table 70000", (Consumer<Rtnetlink>) rt -> rt.routes()
                        .list(RouteFilter.builder().table(70000).build()), RouteMessageType.RTM_GETROUTE,
                        bytes(12, h -> h.put(4, (byte) 252), a -> attr(a, RouteMessage.RTA_TABLE, u32(70000)))),
                Arguments.of("proxy neighbours of link 4 of master 2", (Consumer<Rtnetlink>) rt -> rt.neighbors()
                        .list(NeighborFilter.builder().index(4).master(2).proxy(true).build()),
                        RouteMessageType.RTM_GETNEIGH, bytes(12, h -> h.put(10, (byte) NeighborMessage.NTF_PROXY), a -> {
                            attr(a, NeighborMessage.NDA_IFINDEX, u32(4));
                            attr(a, NeighborMessage.NDA_MASTER, u32(2));
                        })),
                Arguments.of("IPv6 rules of table 100: the table is not sent", (Consumer<Rtnetlink>) rt -> rt.rules()
                        .list(RuleFilter.builder().family(AddressFamily.INET6).table(100).build()),
                        RouteMessageType.RTM_GETRULE, bytes(12, h -> h.put(0, (byte) 10), a -> { })),
                Arguments.of("IPv4 FDB nexthops of link 3", (Consumer<Rtnetlink>) rt -> rt.nexthops().list(
                        NexthopFilter.builder().family(AddressFamily.INET).outputInterface(3).fdb(true).build()),
                        RouteMessageType.RTM_GETNEXTHOP, bytes(8, h -> h.put(0, (byte) 2), a -> {
                            attr(a, NexthopMessage.NHA_OIF, u32(3));
                            attr(a, NexthopMessage.NHA_FDB, new byte[0]);
                        })));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void filtersAreLaidOutAsTheKernelReadsThem(String name, Consumer<Rtnetlink> list, int type, byte[] payload) {
        list.accept(rt);
        Message sent = kernel.requests().get(kernel.requests().size() - 1);
        assertThat(sent.header().type()).isEqualTo(type);
        assertThat(sent.header().flags()).isEqualTo(HeaderFlags.REQUEST | HeaderFlags.DUMP);
        assertThat(sent.data()).as(name).containsExactly(payload);
        assertThat(kernel.options(conn)).contains(ConnOption.GET_STRICT_CHECK);
        assertThat(rt.strictCheck()).isTrue();
    }

    @Test
    void strictCheckingIsLeftAloneWhenAskedAndByRouteClient() {
        try (Conn other = kernel.dial()) {
            new Rtnetlink(other, false).routes().list(RouteFilter.builder().table(100).build());
            new RouteClient(other).routes();
            assertThat(kernel.options(other)).doesNotContain(ConnOption.GET_STRICT_CHECK);
        }
    }

    static Message route(int flags, String destination, int table, Integer oif) {
        RouteMessage r = RouteMessage.of(ip(destination), 16, null, oif == null ? 0 : oif).toBuilder().table(table)
                .build();
        return r.toMessage(RouteMessageType.RTM_NEWROUTE, flags);
    }

    @Test
    void repliesMarkedFilteredAreTrustedAndOthersFilteredHere() {
        // the kernel matches a route through a nexthop object by the object's link, which the reply does not show
        kernel.onRequest(request -> Replies.multipart(List.of(
                route(HeaderFlags.MULTI | HeaderFlags.DUMP_FILTERED, "10.1.0.0", 100, null),
                route(HeaderFlags.MULTI | HeaderFlags.DUMP_FILTERED, "10.2.0.0", 100, 3))));
        FilteredDumps.FilteredList<RouteMessage> trusted = rt.routes()
                .listing(RouteFilter.builder().table(100).outputInterface(3).build());
        assertThat(trusted.kernelFiltered()).isTrue();
        assertThat(trusted.items()).extracting(RouteMessage::destinationString).containsExactly("10.1.0.0/16",
                "10.2.0.0/16");

        kernel.onRequest(request -> Replies.multipart(List.of(
                route(HeaderFlags.MULTI, "10.1.0.0", 100, null),
                route(HeaderFlags.MULTI, "10.2.0.0", 100, 3),
                route(HeaderFlags.MULTI, "10.3.0.0", 200, 3))));
        FilteredDumps.FilteredList<RouteMessage> local = rt.routes()
                .listing(RouteFilter.builder().table(100).outputInterface(3).build());
        assertThat(local.kernelFiltered()).isFalse();
        assertThat(local.items()).extracting(RouteMessage::destinationString).containsExactly("10.2.0.0/16");
    }

    @Test
    void tableAndFamilyAreCheckedOnEveryReplyEvenMarkedFiltered() {
        kernel.onRequest(request -> Replies.multipart(List.of(
                route(HeaderFlags.MULTI | HeaderFlags.DUMP_FILTERED, "10.1.0.0", 100, 3),
                route(HeaderFlags.MULTI | HeaderFlags.DUMP_FILTERED, "10.9.0.0", 200, 3))));
        assertThat(rt.routes().list(RouteFilter.builder().table(100).build()))
                .extracting(RouteMessage::destinationString).containsExactly("10.1.0.0/16");
    }

    @Test
    void interruptedDumpsAreReadAgain() {
        int[] calls = {0};
        kernel.onRequest(request -> calls[0]++ == 0
                ? Replies.dumpInterrupted(List.of(route(HeaderFlags.MULTI, "10.1.0.0", 100, 3)))
                : Replies.multipart(List.of(route(HeaderFlags.MULTI, "10.2.0.0", 100, 3))));
        assertThat(rt.routes().list(RouteFilter.builder().table(100).build()))
                .extracting(RouteMessage::destinationString).containsExactly("10.2.0.0/16");
        assertThat(calls[0]).isEqualTo(2);

        kernel.onRequest(request -> Replies.dumpInterrupted(List.of(route(HeaderFlags.MULTI, "10.1.0.0", 100, 3))));
        assertThatThrownBy(() -> rt.neighbors().list(NeighborFilter.builder().index(3).build()))
                .isInstanceOf(DumpInterruptedException.class).hasMessageContaining("list neighbours of link 3");
    }

    @Test
    void errorsThatMeanNothingMatchesAreEmptyListsOthersPropagate() {
        kernel.onRequest(request -> Replies.dumpFailed(List.of(), 19, "Unknown device"));
        assertThat(rt.routes().list(RouteFilter.builder().outputInterface(9).build())).isEmpty();
        assertThat(rt.addresses().list(AddressFilter.builder().index(9).build())).isEmpty();
        assertThatThrownBy(() -> rt.routes().list()).isInstanceOfSatisfying(
                io.github.jnetlink.NetlinkErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("ENODEV"));
        kernel.onRequest(request -> Replies.dumpFailed(List.of(), 2, "ipv4: FIB table does not exist"));
        assertThat(rt.routes().list(RouteFilter.builder().family(AddressFamily.INET).table(4242).build())).isEmpty();
        assertThatThrownBy(() -> rt.links().list(LinkFilter.builder().kind("veth").build()))
                .isInstanceOf(io.github.jnetlink.NetlinkErrorException.class).hasMessageContaining("list links of kind veth");
    }
}
