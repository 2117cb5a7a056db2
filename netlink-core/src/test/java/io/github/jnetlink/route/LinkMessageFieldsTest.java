package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code IFLA_*} attributes {@link LinkMessage} reads beyond name, MTU and addresses: decoded from payloads
 * laid out as {@code include/uapi/linux/if_link.h} and {@code rtnl_fill_ifinfo} write them, encoded back, and
 * refused when malformed.
 */
class LinkMessageFieldsTest {

    static Message link(Consumer<AttributeEncoder> attributes) {
        AttributeEncoder e = new AttributeEncoder().header(new byte[LinkMessage.HEADER_SIZE]);
        attributes.accept(e);
        return Message.of(RouteMessageType.RTM_NEWLINK, 0, e.encode());
    }

    static Arguments field(String name, Consumer<AttributeEncoder> attributes, Function<LinkMessage, Object> field,
            Object expected) {
        return Arguments.of(name, attributes, field, expected);
    }

    static Stream<Arguments> fields() {
        return Stream.of(
                field("IFLA_LINK_NETNSID s32", e -> e.s32(37, 3), LinkMessage::linkNetnsId, 3),
                field("IFLA_LINK_NETNSID -1 (NETNSA_NSID_NOT_ASSIGNED)", e -> e.s32(37, -1), LinkMessage::linkNetnsId, -1),
                field("IFLA_QDISC string", e -> e.string(6, "noqueue"), LinkMessage::qdisc, "noqueue"),
                field("IFLA_IFALIAS string", e -> e.string(20, "uplink one"), LinkMessage::ifAlias, "uplink one"),
                field("IFLA_PROP_LIST of two IFLA_ALT_IFNAME", e -> e.nested(52, n -> n.string(53, "foo").string(53,
                        "a-very-long-alternative-name-beyond-ifnamsiz")), LinkMessage::altNames,
                        List.of("foo", "a-very-long-alternative-name-beyond-ifnamsiz")),
                field("IFLA_GROUP u32", e -> e.u32(27, 5), LinkMessage::group, 5),
                field("IFLA_GROUP above 2^31", e -> e.s32(27, 0xFFFFFFFE), LinkMessage::group, 0xFFFFFFFE),
                field("IFLA_PROMISCUITY u32", e -> e.u32(30, 1), LinkMessage::promiscuity, 1),
                field("IFLA_ALLMULTI u32", e -> e.u32(61, 2), LinkMessage::allMulti, 2),
                field("IFLA_LINKMODE u8 dormant", e -> e.u8(17, 1), LinkMessage::linkModeName, "DORMANT"),
                field("IFLA_PROTO_DOWN u8 1", e -> e.u8(39, 1), LinkMessage::protoDown, true),
                field("IFLA_PROTO_DOWN u8 0", e -> e.u8(39, 0), LinkMessage::protoDown, false),
                field("IFLA_PROTO_DOWN_REASON value", e -> e.nested(55, n -> n.u32(2, 0x5)),
                        LinkMessage::protoDownReason, 5),
                field("IFLA_PERM_ADDRESS", e -> e.bytes(54, new byte[] {2, 0, 0, 0, 0, 9}), l -> l.permAddress().toString(),
                        "02:00:00:00:00:09"),
                field("IFLA_PARENT_DEV_NAME", e -> e.string(56, "0000:00:03.0"), LinkMessage::parentDevName,
                        "0000:00:03.0"),
                field("IFLA_PARENT_DEV_BUS_NAME", e -> e.string(57, "pci"), LinkMessage::parentDevBusName, "pci"),
                field("carrier and its three counters", e -> e.u8(33, 1).u32(35, 3).u32(47, 2).u32(48, 1),
                        LinkMessage::carrier, new LinkCarrier(true, 3, 2, 1)),
                field("only IFLA_CARRIER_CHANGES", e -> e.u32(35, 7), LinkMessage::carrier,
                        new LinkCarrier(null, 7, null, null)),
                field("limits as a 6.18 veth sends them", e -> e.u32(31, 2).u32(32, 2).u32(40, 65535).u32(41, 65536)
                        .u32(58, 65536).u32(63, 65536).u32(64, 65536).u32(59, 524280).u32(60, 65535).u32(50, 68)
                        .u32(51, 65535), LinkMessage::limits,
                        new LinkLimits(68, 65535, 2, 2, 65536, 65535, 65536, 524280, 65535, 65536, 65536)),
                field("IFLA_AF_SPEC with AF_INET and AF_INET6", e -> e.nested(26, a -> a
                        .nested(2, in -> in.nested(1, c -> c.u32(1, 0)))
                        .nested(10, in6 -> in6.s32(1, 0x80000000).u8(8, 1).u32(9, 0))),
                        l -> List.of(l.afSpec().inet6AddrGenMode(), l.afSpec().inet6AddrGenModeName(),
                                l.afSpec().inet6().stream().map(Attribute::type).toList(),
                                l.afSpec().families().stream().map(a -> a.type() & AttributeEncoder.TYPE_MASK).toList()),
                        List.of(1, "none", List.of(1, 9), List.of(2))),
                field("IFLA_AF_SPEC with an empty AF_INET6 kept raw", e -> e.nested(26, a -> a.bytes(10, new byte[0])),
                        LinkMessage::afSpec, new LinkAfSpec(null, List.of(), List.of(new Attribute(10, new byte[0])))),
                field("IFLA_XDP stays raw", e -> e.nested(43, x -> x.u8(1, 0)),
                        l -> l.unknown().stream().map(a -> a.type() & AttributeEncoder.TYPE_MASK).toList(), List.of(43)),
                field("an empty IFLA_PERM_ADDRESS stays raw", e -> e.bytes(54, new byte[0]),
                        l -> List.of(l.permAddress() == null, l.unknown().get(0).type()), List.of(true, 54)),
                field("the last of a repeated IFLA_GROUP counts", e -> e.u32(27, 1).u32(27, 2), LinkMessage::group, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void decodesFromKernelLayout(String name, Consumer<AttributeEncoder> attributes,
            Function<LinkMessage, Object> field, Object expected) {
        LinkMessage l = LinkMessage.decode(link(attributes));
        assertThat(field.apply(l)).isEqualTo(expected);
        if (!name.contains("raw")) {
            assertThat(l.unknown()).isEmpty();
        }
        assertThat(LinkMessage.decode(l.toMessage())).isEqualTo(l);
    }

    static LinkMessage full() {
        return LinkMessage.builder().index(4).name("va").linkType(1).mtu(1500).link(9).linkNetnsId(0).qdisc("noqueue")
                .ifAlias("bar").altNames(List.of("foo", "foo2")).group(5).promiscuity(1).allMulti(1)
                .linkMode(LinkMessage.IF_LINK_MODE_DEFAULT).protoDown(true).protoDownReason(0x3)
                .permAddress(MacAddress.parse("02:00:00:00:00:04")).parentDevName("0000:00:03.0")
                .parentDevBusName("pci").carrier(new LinkCarrier(false, 2, 1, 1))
                .limits(new LinkLimits(68, 65535, 2, 3, 65536, 65535, 65536, 524280, 65535, 65536, 65536))
                .afSpec(new LinkAfSpec(LinkAfSpec.IN6_ADDR_GEN_MODE_RANDOM,
                        List.of(new Attribute(1, new byte[] {0, 0, 0, (byte) 0x80})),
                        List.of(new Attribute(AttributeEncoder.NESTED | 2, new byte[] {8, 0, 1, 0, 1, 0, 0, 0}))))
                .linkInfo(LinkInfo.of("veth"))
                .addUnknown(new Attribute(AttributeEncoder.NESTED | LinkMessage.IFLA_XDP, new byte[] {5, 0, 1, 0, 0, 0, 0, 0}))
                .build();
    }

    @Test
    void everyFieldSurvivesEncodingAndDecoding() {
        LinkMessage l = full();
        LinkMessage back = LinkMessage.decode(l.toMessage());
        assertThat(back).isEqualTo(l);
        assertThat(back.toBuilder().build()).isEqualTo(l);
        assertThat(back.unknown()).extracting(a -> a.type() & AttributeEncoder.TYPE_MASK)
                .containsExactly(LinkMessage.IFLA_XDP);
        assertThat(l.toString()).contains("linkNetnsId=0", "qdisc=noqueue", "ifAlias=bar", "altNames=[foo, foo2]",
                "group=5", "promiscuity=1", "allMulti=1", "protoDown=true", "protoDownReason=3",
                "LinkCarrier[carrier=false, changes=2, upCount=1, downCount=1]", "minMtu=68", "inet6AddrGenMode=3");
    }

    @Test
    void encodesAttributesAsTheKernelLaysThemOut() {
        byte[] payload = LinkMessage.builder().linkNetnsId(7).altNames(List.of("foo")).protoDownReason(4)
                .afSpec(LinkAfSpec.ofInet6AddrGenMode(LinkAfSpec.IN6_ADDR_GEN_MODE_NONE)).build().encode();
        byte[] expected = new AttributeEncoder().header(new byte[16]).s32(37, 7)
                .nested(52, n -> n.string(53, "foo")).nested(55, n -> n.u32(2, 4))
                .nested(26, a -> a.nested(10, in6 -> in6.u8(8, 1))).encode();
        assertThat(payload).isEqualTo(expected);
    }

    @Test
    void emptyGroupsBecomeNull() {
        LinkMessage l = LinkMessage.builder().carrier(new LinkCarrier(null, null, null, null))
                .limits(new LinkLimits(null, null, null, null, null, null, null, null, null, null, null)).build();
        assertThat(l.carrier()).isNull();
        assertThat(l.limits()).isNull();
        assertThat(LinkMessage.decode(l.toMessage())).isEqualTo(l);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("IFLA_LINK_NETNSID of 1 byte", (Consumer<AttributeEncoder>) e -> e.u8(37, 0)),
                Arguments.of("IFLA_GROUP of 8 bytes", (Consumer<AttributeEncoder>) e -> e.u64(27, 1)),
                Arguments.of("IFLA_PROMISCUITY of 2 bytes", (Consumer<AttributeEncoder>) e -> e.u16(30, 1)),
                Arguments.of("IFLA_ALLMULTI empty", (Consumer<AttributeEncoder>) e -> e.bytes(61, new byte[0])),
                Arguments.of("IFLA_LINKMODE of 4 bytes", (Consumer<AttributeEncoder>) e -> e.u32(17, 0)),
                Arguments.of("IFLA_PROTO_DOWN of 4 bytes", (Consumer<AttributeEncoder>) e -> e.u32(39, 1)),
                Arguments.of("IFLA_CARRIER of 4 bytes", (Consumer<AttributeEncoder>) e -> e.u32(33, 1)),
                Arguments.of("IFLA_CARRIER_UP_COUNT of 1 byte", (Consumer<AttributeEncoder>) e -> e.u8(47, 1)),
                Arguments.of("IFLA_MIN_MTU of 2 bytes", (Consumer<AttributeEncoder>) e -> e.u16(50, 68)),
                Arguments.of("IFLA_GRO_IPV4_MAX_SIZE of 8 bytes", (Consumer<AttributeEncoder>) e -> e.u64(64, 1)),
                Arguments.of("IFLA_PERM_ADDRESS of 33 bytes", (Consumer<AttributeEncoder>) e -> e.bytes(54, new byte[33])),
                Arguments.of("IFLA_PROP_LIST holding 2 bytes", (Consumer<AttributeEncoder>) e -> e.bytes(52, new byte[2])),
                Arguments.of("IFLA_PROP_LIST with an overrunning name",
                        (Consumer<AttributeEncoder>) e -> e.bytes(52, new byte[] {40, 0, 53, 0, 'a', 0, 0, 0})),
                Arguments.of("IFLA_PROTO_DOWN_REASON value of 1 byte",
                        (Consumer<AttributeEncoder>) e -> e.nested(55, n -> n.u8(2, 1))),
                Arguments.of("IFLA_AF_SPEC holding 3 bytes", (Consumer<AttributeEncoder>) e -> e.bytes(26, new byte[3])),
                Arguments.of("AF_INET6 nest holding 1 byte",
                        (Consumer<AttributeEncoder>) e -> e.nested(26, a -> a.bytes(10, new byte[1]))),
                Arguments.of("IFLA_INET6_ADDR_GEN_MODE of 4 bytes",
                        (Consumer<AttributeEncoder>) e -> e.nested(26, a -> a.nested(10, in6 -> in6.u32(8, 1)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedAttributes(String name, Consumer<AttributeEncoder> attributes) {
        Message m = link(attributes);
        assertThatThrownBy(() -> LinkMessage.decode(m)).isInstanceOf(NetlinkException.class)
                .isNotInstanceOf(IndexOutOfBoundsException.class);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of((Runnable) () -> LinkMessage.builder().addUnknown(new Attribute(37, new byte[4])).build(),
                        "unknown[0] is linkNetnsId (IFLA_LINK_NETNSID)"),
                Arguments.of((Runnable) () -> LinkMessage.builder().addUnknown(new Attribute(41, new byte[4])).build(),
                        "unknown[0] is limits.gsoMaxSize (IFLA_GSO_MAX_SIZE)"),
                Arguments.of((Runnable) () -> LinkMessage.builder()
                        .addUnknown(new Attribute(AttributeEncoder.NESTED | 52, new byte[0])).build(),
                        "unknown[0] is altNames (IFLA_PROP_LIST)"),
                Arguments.of((Runnable) () -> LinkMessage.builder().addUnknown(new Attribute(35, new byte[4])).build(),
                        "unknown[0] is carrier.changes (IFLA_CARRIER_CHANGES)"),
                Arguments.of((Runnable) () -> LinkMessage.builder().linkMode(256).build(), "linkMode (IFLA_LINKMODE)"),
                Arguments.of((Runnable) () -> LinkMessage.builder().ifAlias("x".repeat(256)).build(),
                        "ifAlias (IFLA_IFALIAS) is 256 bytes of UTF-8, at most 255"),
                Arguments.of((Runnable) () -> LinkMessage.builder().altNames(List.of("ok", "")).build(),
                        "altNames[1] (IFLA_ALT_IFNAME) is empty"),
                Arguments.of((Runnable) () -> LinkMessage.builder().altNames(List.of("y".repeat(128))).build(),
                        "altNames[0] (IFLA_ALT_IFNAME) is 128 bytes"),
                Arguments.of((Runnable) () -> LinkMessage.builder().qdisc("a\0b").build(), "qdisc must not contain NUL"),
                Arguments.of((Runnable) () -> new LinkAfSpec(256, null, null), "IFLA_INET6_ADDR_GEN_MODE"),
                Arguments.of((Runnable) () -> new LinkAfSpec(null, List.of(new Attribute(8, new byte[1])), null),
                        "set inet6AddrGenMode instead"),
                Arguments.of((Runnable) () -> new LinkAfSpec(null, null, List.of(new Attribute(10, new byte[4]))),
                        "must not hold an AF_INET6 nest"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void buildRefusesBadValuesNamingTheField(Runnable build, String message) {
        assertThatThrownBy(build::run).isInstanceOf(NetlinkException.class).hasMessageContaining(message);
    }
}
