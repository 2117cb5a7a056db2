package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static io.github.jnetlink.testing.KernelBytes.attr;
import static io.github.jnetlink.testing.KernelBytes.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkArgumentException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LinkInfo}'s typed view through {@link LinkDrivers}: which record {@link LinkInfo#data()} and
 * {@link LinkInfo#slaveData()} give for known kinds, unknown kinds and absent nests; a user's own driver; and the
 * arguments the records, {@link LinkSpec} and the registry refuse.
 */
class LinkInfoDataTest {

    static byte[] bytes(Consumer<ByteBuffer> body) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
        body.accept(b);
        return Arrays.copyOf(b.array(), b.position());
    }

    /** IFLA_LINKINFO's payload, decoded the way LinkMessage.decode does. */
    static LinkInfo linkInfo(Consumer<ByteBuffer> body) {
        return LinkInfo.decode(new AttributeDecoder(bytes(body)));
    }

    static final byte[] VRF_TABLE_10 = bytes(b -> attr(b, 1, u32(10)));

    @Test
    void aKnownKindAndItsMastersKindDecodeTyped() {
        LinkInfo info = linkInfo(b -> {
            attr(b, LinkInfo.IFLA_INFO_KIND, "vrf\0".getBytes());
            attr(b, LinkInfo.IFLA_INFO_DATA | AttributeEncoder.NESTED, VRF_TABLE_10);
            attr(b, LinkInfo.IFLA_INFO_SLAVE_KIND, "vrf\0".getBytes());
            attr(b, LinkInfo.IFLA_INFO_SLAVE_DATA | AttributeEncoder.NESTED, VRF_TABLE_10);
        });
        assertThat(info.kind()).isEqualTo("vrf");
        assertThat(info.data()).isEqualTo(VrfData.builder().table(10).build());
        assertThat(info.slaveKind()).isEqualTo("vrf");
        assertThat(info.slaveData()).isEqualTo(VrfSlaveData.builder().table(10).build());
        assertThat(info.attributes()).hasSize(3);
    }

    @Test
    void anUnknownKindAndAMasterWithoutPortDataStayRaw() {
        LinkInfo info = linkInfo(b -> {
            attr(b, LinkInfo.IFLA_INFO_KIND, "jnl-nosuch\0".getBytes());
            attr(b, LinkInfo.IFLA_INFO_DATA | AttributeEncoder.NESTED, VRF_TABLE_10);
            attr(b, LinkInfo.IFLA_INFO_SLAVE_KIND, "vxlan\0".getBytes());
            attr(b, LinkInfo.IFLA_INFO_SLAVE_DATA | AttributeEncoder.NESTED, VRF_TABLE_10);
        });
        RawLinkData raw = new RawLinkData("jnl-nosuch", List.of(new Attribute(1, u32(10))));
        assertThat(info.data()).isEqualTo(raw);
        assertThat(info.slaveData()).isEqualTo(new RawLinkData("vxlan", raw.attributes()));
        // sent back as it came
        assertThat(LinkInfo.of(raw).data()).isEqualTo(raw);
    }

    @Test
    void withoutTheNestsThereIsNoData() {
        LinkInfo info = linkInfo(b -> attr(b, LinkInfo.IFLA_INFO_KIND, "veth\0".getBytes()));
        assertThat(info.data()).isNull();
        assertThat(info.slaveKind()).isNull();
        assertThat(info.slaveData()).isNull();
        assertThat(LinkInfo.of("bridge").data()).isNull();
    }

    @Test
    void malformedDriverDataFailsOnlyWhenAskedFor() {
        LinkInfo info = linkInfo(b -> {
            attr(b, LinkInfo.IFLA_INFO_KIND, "vrf\0".getBytes());
            attr(b, LinkInfo.IFLA_INFO_DATA | AttributeEncoder.NESTED, bytes(n -> attr(n, 1, 1, 2)));
        });
        assertThat(info.kind()).isEqualTo("vrf");
        assertThatThrownBy(info::data).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("cannot decode vrf IFLA_INFO_DATA attribute IFLA_VRF_TABLE (1)");
    }

    /** A user's kind: IFLA_INFO_DATA holds one u32, attribute 1. */
    record Widget(int size) implements LinkInfoData.Custom {
        @Override
        public String kind() {
            return "jnl-widget";
        }
    }

    static final class WidgetDriver implements LinkDriver {
        @Override
        public String kind() {
            return "jnl-widget";
        }

        @Override
        public LinkInfoData decode(AttributeDecoder data) {
            int size = 0;
            while (data.next()) {
                if (data.type() == 1) {
                    size = data.u32();
                }
            }
            return new Widget(size);
        }

        @Override
        public void encode(LinkInfoData data, AttributeEncoder e) {
            e.s32(1, ((Widget) data).size());
        }
    }

    @Test
    void aUsersDriverDecodesAndEncodesItsKind() {
        assertThatThrownBy(() -> LinkInfo.of(new Widget(3))).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("no link driver is registered for kind 'jnl-widget'");
        LinkDrivers.register(new WidgetDriver());
        assertThat(LinkDrivers.kinds()).contains("jnl-widget", "bridge", "vxlan");
        LinkInfo info = LinkInfo.of(new Widget(3));
        assertThat(info.kind()).isEqualTo("jnl-widget");
        assertThat(info.data()).isEqualTo(new Widget(3));
        assertThatThrownBy(() -> LinkDrivers.register(new WidgetDriver())).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("'jnl-widget' already has a driver");
        // the encoded request carries it too
        byte[] request = LinkSpec.of("w0", new Widget(3)).encode();
        assertThat(request.length).isGreaterThan(LinkMessage.HEADER_SIZE);
        assertThatThrownBy(() -> LinkDrivers.of("jnl-widget").encodeSlave(new RawLinkData("x", List.of()),
                new AttributeEncoder())).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("jnl-widget driver has no port (slave) data");
    }

    @Test
    void aLinkSpecIsTheRequestIpLinkAddSends() {
        LinkSpec spec = LinkSpec.builder("va", VethData.peer("vb")).mtu(1400)
                .address(MacAddress.parse("02:00:00:00:00:07")).master(4).txQueueLength(10).up(true).build();
        byte[] payload = spec.encode();
        LinkMessage m = LinkMessage.decode(new io.github.jnetlink.Message(new io.github.jnetlink.Header(
                io.github.jnetlink.Header.SIZE + payload.length, RouteMessageType.RTM_NEWLINK, 0, 0, 0), payload));
        assertThat(m.name()).isEqualTo("va");
        assertThat(m.mtu()).isEqualTo(1400);
        assertThat(m.address()).isEqualTo(MacAddress.parse("02:00:00:00:00:07"));
        assertThat(m.master()).isEqualTo(4);
        assertThat(m.txQueueLength()).isEqualTo(10);
        assertThat(m.flags()).isEqualTo(LinkMessage.IFF_UP);
        assertThat(m.change()).isEqualTo(LinkMessage.IFF_UP);
        assertThat(m.linkInfo().kind()).isEqualTo("veth");
        assertThat(m.linkInfo().data()).isEqualTo(VethData.peer("vb"));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of((Runnable) () -> BridgeData.builder().priority(70000).build(),
                        "bridge priority must be 0 to 65535"),
                Arguments.of((Runnable) () -> BridgeData.builder().multicastRouter(256).build(),
                        "bridge multicastRouter must be 0 to 255"),
                Arguments.of((Runnable) () -> VxlanData.builder().group(ip("2001:db8::1")).build(),
                        "vxlan group must be an IPv4 address"),
                Arguments.of((Runnable) () -> VxlanData.builder().local6(ip("10.0.0.1")).build(),
                        "vxlan local6 must be an IPv6 address"),
                Arguments.of((Runnable) () -> new VxlanData.PortRange(-1, 5),
                        "vxlan port_range low must be 0 to 65535"),
                Arguments.of((Runnable) () -> MacvlanData.builder("ipvlan").build(),
                        "MacvlanData kind must be one of macvlan, macvtap"),
                Arguments.of((Runnable) () -> GreData.builder(null).build(), "got null"),
                Arguments.of((Runnable) () -> new BridgeId(1, MacAddress.parse("02:00:00:00:01")),
                        "bridge id address must be 6 bytes"),
                Arguments.of((Runnable) () -> VlanData.builder()
                        .egressQos(Arrays.asList((VlanData.QosMapping) null)).build(),
                        "must not contain null"),
                Arguments.of((Runnable) () -> BridgeData.builder().addUnknown(null).build(), "must not contain null"),
                Arguments.of((Runnable) () -> VethData.peer("a-name-too-long-for-linux"),
                        "veth peer name must be 1 to 15 bytes"),
                Arguments.of((Runnable) () -> LinkSpec.of("", IfbData.builder().build()),
                        "link name must be 1 to 15 bytes"),
                Arguments.of((Runnable) () -> LinkSpec.of("x0", null), "kind data must not be null"),
                Arguments.of((Runnable) () -> LinkSpec.builder("x0", IfbData.builder().build()).mtu(-1).build(),
                        "mtu must not be negative"),
                Arguments.of((Runnable) () -> LinkSpec.builder("x0", IfbData.builder().build()).master(0).build(),
                        "master index must be positive"),
                Arguments.of((Runnable) () -> LinkSpec.of("x0", new RawLinkData(null, List.of())), "names no kind"),
                Arguments.of((Runnable) () -> LinkInfo.of((LinkInfoData) null), "link info data must not be null"),
                Arguments.of((Runnable) () -> LinkDrivers.of("bridge")
                        .encode(VrfData.builder().build(), new AttributeEncoder()),
                        "the bridge driver encodes BridgeData, got VrfData"),
                Arguments.of((Runnable) () -> LinkDrivers.register(null), "link driver must not be null"),
                Arguments.of((Runnable) () -> LinkDrivers.register(new LinkDriver() {
                    @Override
                    public String kind() {
                        return "bridge";
                    }

                    @Override
                    public LinkInfoData decode(AttributeDecoder data) {
                        return null;
                    }

                    @Override
                    public void encode(LinkInfoData data, AttributeEncoder e) {
                    }
                }), "'bridge' already has a driver"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refused")
    void badArgumentsAreRefusedByName(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(NetlinkArgumentException.class).hasMessageContaining(message);
    }
}
