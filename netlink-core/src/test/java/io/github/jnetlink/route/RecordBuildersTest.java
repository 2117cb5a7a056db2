package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Header;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records' builders and {@code toMessage}: what they default to, that {@code decode(toMessage(type))}
 * gives back the record for every kind of link, address, route and neighbour the kernel sends, and that
 * {@code build()} refuses bad values with a {@link NetlinkArgumentException} naming the field.
 */
class RecordBuildersTest {

    // Types beyond every rtnetlink attribute set, as a newer kernel's would be.
    static final Attribute RAW_ODD = new Attribute(200, new byte[] {1, 2, 3});
    static final Attribute RAW_NESTED = new Attribute(AttributeEncoder.NESTED | 201,
            new AttributeEncoder().u32(1, 7).string(2, "x").encode());

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static LinkStats counting() {
        return new LinkStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
                Long.MIN_VALUE);
    }

    static Arguments link(String name, LinkMessage.Builder b) {
        return Arguments.of(name, b.build(), (Function<Record, Message>) r -> ((LinkMessage) r).toMessage(),
                (Function<Message, Record>) LinkMessage::decode);
    }

    static Arguments address(String name, AddressMessage.Builder b) {
        return Arguments.of(name, b.build(), (Function<Record, Message>) r -> ((AddressMessage) r).toMessage(),
                (Function<Message, Record>) AddressMessage::decode);
    }

    static Arguments route(String name, RouteMessage.Builder b) {
        return Arguments.of(name, b.build(), (Function<Record, Message>) r -> ((RouteMessage) r).toMessage(),
                (Function<Message, Record>) RouteMessage::decode);
    }

    static Arguments neighbor(String name, NeighborMessage.Builder b) {
        return Arguments.of(name, b.build(), (Function<Record, Message>) r -> ((NeighborMessage) r).toMessage(),
                (Function<Message, Record>) NeighborMessage::decode);
    }

    static Stream<Arguments> records() {
        return Stream.of(
                link("link with defaults only", LinkMessage.builder()),
                link("loopback", LinkMessage.builder().index(1).name("lo").linkType(772).mtu(65536)
                        .flags(LinkMessage.IFF_UP | LinkMessage.IFF_LOOPBACK | LinkMessage.IFF_RUNNING
                                | LinkMessage.IFF_LOWER_UP)
                        .address(MacAddress.parse("00:00:00:00:00:00")).broadcast(MacAddress.parse("00:00:00:00:00:00"))
                        .operState(LinkMessage.IF_OPER_UNKNOWN).txQueueLength(1000).stats64(counting())),
                link("veth with link info, peer, master and counters", LinkMessage.builder().index(7).name("veth-ü")
                        .linkType(1).flags(LinkMessage.IFF_UP | LinkMessage.IFF_BROADCAST | LinkMessage.IFF_MULTICAST)
                        .change(0xFFFFFFFF).mtu(9000).address(MacAddress.parse("02:00:00:00:00:07"))
                        .broadcast(MacAddress.parse("ff:ff:ff:ff:ff:ff")).operState(LinkMessage.IF_OPER_LOWERLAYERDOWN)
                        .link(8).master(3).txQueueLength(0xFFFFFFFF)
                        .linkInfo(new LinkInfo("veth", List.of(
                                new Attribute(LinkInfo.IFLA_INFO_DATA | AttributeEncoder.NESTED, new byte[0]),
                                new Attribute(LinkInfo.IFLA_INFO_SLAVE_KIND, "bridge\0".getBytes()),
                                new Attribute(LinkInfo.IFLA_INFO_KIND, "second\0".getBytes()))))
                        .stats64(counting()).unknown(List.of(RAW_NESTED)).addUnknown(RAW_ODD)),
                link("IPIP tunnel: 4-byte hardware address, no kind", LinkMessage.builder().index(9).name("tunl0")
                        .linkType(768).flags(LinkMessage.IFF_NOARP).address(MacAddress.of(new byte[] {0, 0, 0, 0}))
                        .linkInfo(new LinkInfo(null, List.of(new Attribute(LinkInfo.IFLA_INFO_DATA, new byte[0]))))),
                link("deleted link with an empty IFLA_ADDRESS kept raw", LinkMessage.builder()
                        .type(RouteMessageType.RTM_DELLINK).index(12).name("wg0").linkType(65534)
                        .addUnknown(new Attribute(LinkMessage.IFLA_ADDRESS, new byte[0]))),
                address("IPv4 address with label, broadcast and lifetimes", AddressMessage.builder().index(3)
                        .prefixLength(24).flags(AddressMessage.IFA_F_PERMANENT).address(ip("10.0.0.1"))
                        .local(ip("10.0.0.1")).label("eth0:1").broadcast(ip("10.0.0.255"))
                        .cacheInfo(new AddressCacheInfo(AddressCacheInfo.FOREVER, AddressCacheInfo.FOREVER, 123, 456))
                        .extendedFlags(AddressMessage.IFA_F_PERMANENT | AddressMessage.IFA_F_NOPREFIXROUTE)),
                address("IPv4 point-to-point peer", AddressMessage.builder().index(4).prefixLength(32)
                        .address(ip("192.0.2.2")).local(ip("192.0.2.1")).addUnknown(RAW_ODD)),
                address("IPv6 global address, tentative", AddressMessage.builder().index(2).prefixLength(64)
                        .flags(AddressMessage.IFA_F_TENTATIVE).address(ip("2001:db8::1"))
                        .cacheInfo(new AddressCacheInfo(3600, 7200, 1, 2)).extendedFlags(AddressMessage.IFA_F_TENTATIVE)),
                address("IPv6 link-local, deleted", AddressMessage.builder().type(RouteMessageType.RTM_DELADDR)
                        .index(2).prefixLength(64).scope(253).address(ip("fe80::1"))),
                address("IPv4-mapped IPv6 host address", AddressMessage.builder().family(AddressFamily.INET6)
                        .index(2).prefixLength(128).address(mapped())),
                route("IPv4 default route via gateway", RouteMessage.builder().gateway(ip("10.0.0.254"))
                        .outputInterface(3).priority(100)),
                route("IPv4 connected prefix, kernel-made", RouteMessage.builder().destination(ip("10.0.0.0"))
                        .destinationLength(24).protocol(RouteMessage.RTPROT_KERNEL).scope(RouteMessage.RT_SCOPE_LINK)
                        .preferredSource(ip("10.0.0.1")).outputInterface(3)),
                route("IPv4 local route in the local table", RouteMessage.builder().destination(ip("10.0.0.1"))
                        .destinationLength(32).table(RouteMessage.RT_TABLE_LOCAL).protocol(RouteMessage.RTPROT_KERNEL)
                        .scope(RouteMessage.RT_SCOPE_HOST).routeType(RouteMessage.RTN_LOCAL)
                        .preferredSource(ip("10.0.0.1")).outputInterface(3)),
                route("IPv4 multipath with weights, onlink, a raw next-hop attribute, table 100000",
                        RouteMessage.builder().destination(ip("10.9.0.0")).destinationLength(24).table(100000)
                                .protocol(RouteMessage.RTPROT_STATIC).priority(0xFFFFFFFF)
                                .addNextHop(NextHop.of(ip("10.0.0.2"), 3, 1)).addNextHop(NextHop.of(ip("10.0.1.2"), 4, 256))
                                .addNextHop(new NextHop(NextHop.RTNH_F_ONLINK, 0, 5, ip("192.0.2.9"), List.of(RAW_ODD)))
                                .addNextHop(new NextHop(NextHop.RTNH_F_LINKDOWN | NextHop.RTNH_F_DEAD, 9, 6, null, List.of()))
                                .unknown(List.of(RAW_NESTED))),
                route("IPv6 multipath", RouteMessage.builder().destination(ip("2001:db8:1::")).destinationLength(48)
                        .priority(1024).nextHops(List.of(NextHop.of(ip("fe80::1"), 2, 1), NextHop.of(ip("fe80::2"), 3, 3)))),
                route("IPv6 source route, deleted", RouteMessage.builder().type(RouteMessageType.RTM_DELROUTE)
                        .destination(ip("2001:db8::")).destinationLength(64).source(ip("fd00::")).sourceLength(56)
                        .gateway(ip("fe80::1")).outputInterface(2).flags(0x100)),
                route("IPv4 blackhole with tos", RouteMessage.builder().family(AddressFamily.INET)
                        .destination(ip("198.51.100.0")).destinationLength(24).tos(0x10)
                        .routeType(RouteMessage.RTN_BLACKHOLE)),
                route("MPLS route: addresses stay raw", RouteMessage.builder().family(AddressFamily.MPLS)
                        .destinationLength(20).table(0).routeType(RouteMessage.RTN_UNICAST)
                        .addUnknown(new Attribute(RouteMessage.RTA_DST, new byte[] {0, 1, 0x41, 0}))
                        .addUnknown(new Attribute(RouteMessage.RTA_GATEWAY, new byte[] {1, 2}))),
                route("request without table", RouteMessage.builder().type(RouteMessageType.RTM_GETROUTE)
                        .table(RouteMessage.RT_TABLE_UNSPEC).protocol(RouteMessage.RTPROT_UNSPEC).routeType(0)),
                neighbor("IPv4 ARP entry, reachable", NeighborMessage.builder().index(3)
                        .state(NeighborMessage.NUD_REACHABLE).destination(ip("10.0.0.2"))
                        .linkLayerAddress(MacAddress.parse("02:00:00:00:00:02"))),
                neighbor("IPv6 router, stale, with cache info and probes", NeighborMessage.builder().index(2)
                        .state(NeighborMessage.NUD_STALE).flags(NeighborMessage.NTF_ROUTER).destination(ip("fe80::1"))
                        .linkLayerAddress(MacAddress.parse("02:00:00:00:00:01"))
                        .cacheInfo(new NeighborCacheInfo(0, 0, 0, 0)).probes(3)),
                neighbor("incomplete, no hardware address yet, deleted", NeighborMessage.builder()
                        .type(RouteMessageType.RTM_DELNEIGH).index(3).state(NeighborMessage.NUD_INCOMPLETE)
                        .destination(ip("10.0.0.3"))),
                neighbor("InfiniBand 20-byte hardware address", NeighborMessage.builder().index(5)
                        .state(NeighborMessage.NUD_PERMANENT).destination(ip("10.1.0.2"))
                        .linkLayerAddress(MacAddress.of(new byte[20]))),
                neighbor("bridge FDB entry: no IP, empty NDA_LLADDR after the real one kept raw", NeighborMessage.builder()
                        .family(AddressFamily.BRIDGE).index(4).state(NeighborMessage.NUD_PERMANENT).flags(2)
                        .neighborType(0).linkLayerAddress(MacAddress.parse("02:00:00:00:00:03"))
                        .addUnknown(new Attribute(NeighborMessage.NDA_LLADDR, new byte[0]))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void decodeOfToMessageGivesTheBuiltRecord(String name, Record built, Function<Record, Message> toMessage,
            Function<Message, Record> decode) {
        Message m = toMessage.apply(built);
        assertThat(m.header()).isEqualTo(Header.of(m.header().type(), 0));
        assertThat(m.data().length % 4).as("payload length, padded").isZero();
        assertThat(decode.apply(m)).isEqualTo(built);
        // as a real socket would carry it: marshalled with its length filled in, then read back
        assertThat(decode.apply(Message.unmarshal(m.marshal()))).isEqualTo(built);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void toBuilderCopiesEveryField(String name, Record built, Function<Record, Message> toMessage,
            Function<Message, Record> decode) {
        Record copy;
        if (built instanceof LinkMessage l) {
            copy = l.toBuilder().build();
        } else if (built instanceof AddressMessage a) {
            copy = a.toBuilder().build();
        } else if (built instanceof RouteMessage r) {
            copy = r.toBuilder().build();
        } else {
            copy = ((NeighborMessage) built).toBuilder().build();
        }
        assertThat(copy).isEqualTo(built).isNotSameAs(built);
    }

    static InetAddress mapped() {
        try {
            return Inet6Address.getByAddress(null, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 10, 9, 9, 9}, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void toMessageTakesEachOfTheObjectsTypesAndFlags() {
        LinkMessage link = LinkMessage.builder().index(4).name("eth0").build();
        for (int type = RouteMessageType.RTM_NEWLINK; type <= RouteMessageType.RTM_SETLINK; type++) {
            Message m = link.toMessage(type);
            assertThat(m.header().type()).isEqualTo(type);
            assertThat(LinkMessage.decode(m)).isEqualTo(link.toBuilder().type(type).build());
        }
        Message reply = link.toMessage(RouteMessageType.RTM_NEWLINK, HeaderFlags.MULTI);
        assertThat(reply.header()).isEqualTo(new Header(0, RouteMessageType.RTM_NEWLINK, HeaderFlags.MULTI, 0, 0));
        assertThat(reply.data()).isEqualTo(link.encode());

        AddressMessage address = AddressMessage.of(2, ip("10.0.0.1"), 8);
        assertThat(AddressMessage.decode(address.toMessage(RouteMessageType.RTM_DELADDR)).type())
                .isEqualTo(RouteMessageType.RTM_DELADDR);
        RouteMessage route = RouteMessage.of(ip("10.1.0.0"), 16, null, 3);
        assertThat(route.toMessage(RouteMessageType.RTM_DELROUTE, HeaderFlags.REQUEST).header().flags())
                .isEqualTo(HeaderFlags.REQUEST);
        NeighborMessage neighbor = NeighborMessage.builder().destination(ip("10.0.0.2")).build();
        assertThat(neighbor.toMessage().header().type()).isEqualTo(RouteMessageType.RTM_NEWNEIGH);
    }

    static Stream<Arguments> badMessages() {
        return Stream.of(
                Arguments.of("link as an address message", (Runnable) () -> LinkMessage.builder().build()
                        .toMessage(RouteMessageType.RTM_NEWADDR), "LinkMessage.toMessage: type must be RTM_NEWLINK"),
                Arguments.of("address as a route message", (Runnable) () -> AddressMessage.builder().build()
                        .toMessage(RouteMessageType.RTM_NEWROUTE), "got 24 (RTM_NEWROUTE)"),
                Arguments.of("route as type 65536", (Runnable) () -> RouteMessage.builder().build().toMessage(65536),
                        "RouteMessage.toMessage: type must be RTM_NEWROUTE (24)"),
                Arguments.of("neighbour with flags above 16 bits", (Runnable) () -> NeighborMessage.builder().build()
                        .toMessage(RouteMessageType.RTM_NEWNEIGH, 0x10000),
                        "NeighborMessage.toMessage: flags (nlmsg_flags) must fit 16 bits, got 0x10000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void toMessageRefusesTypesTheDecoderWouldNotTake(String name, Runnable call, String expected) {
        assertThatThrownBy(call::run).isInstanceOf(NetlinkArgumentException.class).hasMessageContaining(expected);
    }

    @Test
    void defaultsAreAnAttributelessNewMessage() {
        assertThat(LinkMessage.builder().build())
                .isEqualTo(LinkMessage.decode(Message.of(RouteMessageType.RTM_NEWLINK, 0, new byte[16])));
        assertThat(AddressMessage.builder().build())
                .isEqualTo(AddressMessage.decode(Message.of(RouteMessageType.RTM_NEWADDR, 0, new byte[8])));
        // table main, protocol boot, scope universe, type unicast: a route as ip route add sends it
        byte[] rtmsg = {0, 0, 0, 0, (byte) RouteMessage.RT_TABLE_MAIN, RouteMessage.RTPROT_BOOT, 0,
                RouteMessage.RTN_UNICAST, 0, 0, 0, 0};
        RouteMessage route = RouteMessage.builder().build();
        assertThat(route).isEqualTo(RouteMessage.decode(Message.of(RouteMessageType.RTM_NEWROUTE, 0, rtmsg)));
        assertThat(route.family()).isEqualTo(AddressFamily.UNSPEC);
        assertThat(route.nextHops()).isEmpty();
        byte[] ndmsg = new byte[12];
        ndmsg[11] = RouteMessage.RTN_UNICAST;
        assertThat(NeighborMessage.builder().build())
                .isEqualTo(NeighborMessage.decode(Message.of(RouteMessageType.RTM_NEWNEIGH, 0, ndmsg)));
    }

    @Test
    void familyComesFromTheFirstAddressUnlessGiven() {
        assertThat(AddressMessage.builder().local(ip("10.0.0.1")).build().family()).isEqualTo(AddressFamily.INET);
        assertThat(AddressMessage.builder().broadcast(ip("10.0.0.255")).build().family()).isEqualTo(AddressFamily.INET);
        assertThat(AddressMessage.builder().address(ip("fd00::1")).build().family()).isEqualTo(AddressFamily.INET6);
        assertThat(RouteMessage.builder().preferredSource(ip("fd00::1")).build().family()).isEqualTo(AddressFamily.INET6);
        assertThat(RouteMessage.builder().addNextHop(NextHop.of(ip("10.0.0.1"), 1, 1)).build().family())
                .isEqualTo(AddressFamily.INET);
        assertThat(NeighborMessage.builder().destination(ip("fe80::2")).build().family()).isEqualTo(AddressFamily.INET6);
        assertThat(NeighborMessage.builder().family(AddressFamily.BRIDGE).destination(ip("192.0.2.1")).build().family())
                .isEqualTo(AddressFamily.BRIDGE);
        assertThat(RouteMessage.builder().family(AddressFamily.MPLS).build().family()).isEqualTo(AddressFamily.MPLS);
    }

    @Test
    void toBuilderCopiesAndChangesWithoutTouchingTheOriginal() {
        RouteMessage route = RouteMessage.builder().destination(ip("10.9.0.0")).destinationLength(24)
                .addNextHop(NextHop.of(ip("10.0.0.2"), 3, 1)).build();
        RouteMessage more = route.toBuilder().addNextHop(NextHop.of(ip("10.0.1.2"), 4, 2)).priority(20).build();
        assertThat(route.nextHops()).hasSize(1);
        assertThat(route.priority()).isNull();
        assertThat(more.nextHops()).hasSize(2);
        assertThat(more.priority()).isEqualTo(20);
        assertThat(more.toBuilder().priority(null).nextHops(route.nextHops()).build()).isEqualTo(route);

        LinkMessage.Builder b = LinkMessage.builder().index(1).addUnknown(RAW_ODD);
        LinkMessage first = b.build();
        LinkMessage second = b.addUnknown(RAW_NESTED).build();
        assertThat(first.unknown()).containsExactly(RAW_ODD);
        assertThat(second.unknown()).containsExactly(RAW_ODD, RAW_NESTED);

        List<Attribute> mine = new ArrayList<>(List.of(RAW_ODD));
        NeighborMessage.Builder nb = NeighborMessage.builder().unknown(mine);
        mine.clear();
        assertThat(nb.build().unknown()).containsExactly(RAW_ODD);
        assertThat(nb.unknown(null).build().unknown()).isEmpty();
    }

    @Test
    void factoriesAreBuiltTheSameWay() {
        assertThat(RouteMessage.of(ip("10.1.0.0"), 16, null, 3)).isEqualTo(RouteMessage.builder()
                .destination(ip("10.1.0.0")).destinationLength(16).scope(RouteMessage.RT_SCOPE_LINK)
                .outputInterface(3).build());
        assertThat(RouteMessage.multipath(null, 0, List.of(NextHop.of(ip("fd00::1"), 2, 1)))).isEqualTo(
                RouteMessage.builder().family(AddressFamily.INET6).addNextHop(NextHop.of(ip("fd00::1"), 2, 1)).build());
        assertThat(AddressMessage.of(2, ip("fd00::1"), 64)).isEqualTo(AddressMessage.builder().index(2)
                .prefixLength(64).address(ip("fd00::1")).local(ip("fd00::1")).build());
        assertThatThrownBy(() -> RouteMessage.multipath(null, 0, java.util.Collections.singletonList(null)))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("next hop 0 is null");
    }

    static Stream<Arguments> invalidBuilders() {
        List<Attribute> withNull = new ArrayList<>();
        withNull.add(null);
        return Stream.of(
                // links
                Arguments.of(run(() -> LinkMessage.builder().type(RouteMessageType.RTM_NEWADDR).build()),
                        "LinkMessage.builder(): type must be RTM_NEWLINK (16), RTM_DELLINK (17), RTM_GETLINK (18) or"
                                + " RTM_SETLINK (19), got 20 (RTM_NEWADDR)"),
                Arguments.of(run(() -> LinkMessage.builder().family(256).build()), "family (ifi_family) must be 0 to 255"),
                Arguments.of(run(() -> LinkMessage.builder().linkType(65536).build()), "linkType (ifi_type) must be 0 to 65535"),
                Arguments.of(run(() -> LinkMessage.builder().name("sixteen-bytes-xx").build()),
                        "name (IFLA_IFNAME) 'sixteen-bytes-xx' is 16 bytes of UTF-8, at most 15"),
                Arguments.of(run(() -> LinkMessage.builder().name("a\0b").build()), "name (IFLA_IFNAME) must not contain NUL"),
                Arguments.of(run(() -> LinkMessage.builder().operState(-1).build()), "operState (IFLA_OPERSTATE)"),
                Arguments.of(run(() -> LinkMessage.builder().addUnknown(null).build()), "unknown[0] is null"),
                Arguments.of(run(() -> LinkMessage.builder().unknown(withNull).build()), "unknown[0] is null"),
                Arguments.of(run(() -> LinkMessage.builder().addUnknown(RAW_ODD)
                        .addUnknown(new Attribute(LinkMessage.IFLA_MTU, new byte[4])).build()),
                        "unknown[1] is mtu (IFLA_MTU)"),
                Arguments.of(run(() -> LinkMessage.builder()
                        .addUnknown(new Attribute(AttributeEncoder.NESTED | LinkMessage.IFLA_LINKINFO, new byte[0])).build()),
                        "linkInfo (IFLA_LINKINFO)"),
                Arguments.of(run(() -> LinkMessage.builder()
                        .addUnknown(new Attribute(LinkMessage.IFLA_BROADCAST, new byte[6])).build()),
                        "broadcast (IFLA_BROADCAST)"),
                Arguments.of(run(() -> LinkMessage.builder().addUnknown(new Attribute(0x10000, new byte[0])).build()),
                        "nla_type must be 0 to 65535"),
                Arguments.of(run(() -> LinkMessage.builder().addUnknown(new Attribute(50, new byte[65532])).build()),
                        "65532 bytes, more than the 65531"),
                Arguments.of(run(() -> LinkMessage.builder().linkInfo(new LinkInfo(null,
                        List.of(new Attribute(LinkInfo.IFLA_INFO_KIND, "veth\0".getBytes())))).build()),
                        "linkInfo.attributes[0] is kind (IFLA_INFO_KIND)"),
                // addresses
                Arguments.of(run(() -> AddressMessage.builder().type(RouteMessageType.RTM_NEWLINK).build()),
                        "AddressMessage.builder(): type must be RTM_NEWADDR (20)"),
                Arguments.of(run(() -> AddressMessage.builder().address(ip("10.0.0.1")).prefixLength(33).build()),
                        "prefixLength (ifa_prefixlen) must be 0 to 32 for family inet, got 33"),
                Arguments.of(run(() -> AddressMessage.builder().address(ip("fd00::1")).prefixLength(129).build()),
                        "prefixLength (ifa_prefixlen) must be 0 to 128 for family inet6, got 129"),
                Arguments.of(run(() -> AddressMessage.builder().address(ip("10.0.0.1")).local(ip("fd00::1")).build()),
                        "AddressMessage.builder(): IFA_LOCAL fd00:0:0:0:0:0:0:1 does not belong to address family inet"),
                Arguments.of(run(() -> AddressMessage.builder().flags(0x100).build()), "flags (ifa_flags) must be 0 to 255"),
                Arguments.of(run(() -> AddressMessage.builder().scope(-1).build()), "scope (ifa_scope)"),
                Arguments.of(run(() -> AddressMessage.builder().family(-1).build()), "family (ifa_family)"),
                Arguments.of(run(() -> AddressMessage.builder().label("eth0:abcdefghijk").build()), "label (IFA_LABEL)"),
                Arguments.of(run(() -> AddressMessage.builder().address(ip("10.0.0.1"))
                        .addUnknown(new Attribute(AddressMessage.IFA_LOCAL, new byte[4])).build()), "local (IFA_LOCAL)"),
                Arguments.of(run(() -> AddressMessage.builder()
                        .addUnknown(new Attribute(AddressMessage.IFA_FLAGS, new byte[4])).build()),
                        "extendedFlags (IFA_FLAGS)"),
                // routes
                Arguments.of(run(() -> RouteMessage.builder().type(RouteMessageType.RTM_NEWNEIGH).build()),
                        "RouteMessage.builder(): type must be RTM_NEWROUTE (24)"),
                Arguments.of(run(() -> RouteMessage.builder().destination(ip("10.0.0.0")).destinationLength(33).build()),
                        "destinationLength (rtm_dst_len) must be 0 to 32 for family inet"),
                Arguments.of(run(() -> RouteMessage.builder().source(ip("fd00::")).sourceLength(129).build()),
                        "sourceLength (rtm_src_len) must be 0 to 128 for family inet6"),
                Arguments.of(run(() -> RouteMessage.builder().family(AddressFamily.UNSPEC).destinationLength(256).build()),
                        "destinationLength (rtm_dst_len) must be 0 to 255"),
                Arguments.of(run(() -> RouteMessage.builder().tos(256).build()), "tos (rtm_tos)"),
                Arguments.of(run(() -> RouteMessage.builder().protocol(256).build()), "protocol (rtm_protocol)"),
                Arguments.of(run(() -> RouteMessage.builder().scope(300).build()), "scope (rtm_scope)"),
                Arguments.of(run(() -> RouteMessage.builder().routeType(-1).build()), "routeType (rtm_type)"),
                Arguments.of(run(() -> RouteMessage.builder().destination(ip("10.0.0.0")).gateway(ip("fd00::1")).build()),
                        "RTA_GATEWAY fd00:0:0:0:0:0:0:1 does not belong to address family inet"),
                Arguments.of(run(() -> RouteMessage.builder().destination(ip("10.0.0.0"))
                        .addNextHop(NextHop.of(ip("fd00::1"), 1, 1)).build()), "next hop RTA_GATEWAY"),
                Arguments.of(run(() -> RouteMessage.builder().addNextHop(NextHop.of(null, 1, 1)).addNextHop(null).build()),
                        "nextHops[1] is null"),
                Arguments.of(run(() -> RouteMessage.builder().family(AddressFamily.INET).addNextHop(new NextHop(0, 0, 1,
                        null, List.of(new Attribute(RouteMessage.RTA_GATEWAY, new byte[4])))).build()),
                        "nextHops[0].unknown[0] is gateway (RTA_GATEWAY)"),
                Arguments.of(run(() -> RouteMessage.builder()
                        .addUnknown(new Attribute(RouteMessage.RTA_TABLE, new byte[4])).build()), "table (RTA_TABLE)"),
                Arguments.of(run(() -> RouteMessage.builder().family(AddressFamily.UNSPEC)
                        .addUnknown(new Attribute(RouteMessage.RTA_DST, new byte[16])).build()), "destination (RTA_DST)"),
                Arguments.of(run(() -> RouteMessage.builder().family(AddressFamily.MPLS).gateway(ip("10.0.0.1")).build()),
                        "RTA_GATEWAY 10.0.0.1 does not belong to address family mpls"),
                // neighbours
                Arguments.of(run(() -> NeighborMessage.builder().type(RouteMessageType.RTM_NEWRULE).build()),
                        "NeighborMessage.builder(): type must be RTM_NEWNEIGH (28), RTM_DELNEIGH (29), RTM_GETNEIGH (30)"
                                + " or 31, got 32 (RTM_NEWRULE)"),
                Arguments.of(run(() -> NeighborMessage.builder().state(0x10000).build()), "state (ndm_state) must be 0 to 65535"),
                Arguments.of(run(() -> NeighborMessage.builder().flags(256).build()), "flags (ndm_flags)"),
                Arguments.of(run(() -> NeighborMessage.builder().neighborType(256).build()), "neighborType (ndm_type)"),
                Arguments.of(run(() -> NeighborMessage.builder().family(AddressFamily.INET6).destination(ip("10.0.0.1"))
                        .build()), "NDA_DST 10.0.0.1 does not belong to address family inet6"),
                Arguments.of(run(() -> NeighborMessage.builder()
                        .addUnknown(new Attribute(NeighborMessage.NDA_LLADDR, new byte[6])).build()),
                        "linkLayerAddress (NDA_LLADDR)"),
                Arguments.of(run(() -> NeighborMessage.builder().destination(ip("10.0.0.1"))
                        .addUnknown(new Attribute(NeighborMessage.NDA_DST, new byte[4])).build()), "destination (NDA_DST)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidBuilders")
    void buildRefusesBadValuesNamingTheField(Runnable build, String expected) {
        assertThatThrownBy(build::run).isInstanceOf(NetlinkArgumentException.class).hasMessageContaining(expected)
                .hasMessageMatching("(?s)(Link|Address|Route|Neighbor)Message\\.builder\\(\\): .*");
    }

    private static Runnable run(Runnable r) {
        return r;
    }
}
