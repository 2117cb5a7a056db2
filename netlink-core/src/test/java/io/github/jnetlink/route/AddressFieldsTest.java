package io.github.jnetlink.route;

import static io.github.jnetlink.testing.Addresses.ip;
import static io.github.jnetlink.testing.KernelBytes.attr;
import static io.github.jnetlink.testing.KernelBytes.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code IFA_RT_PRIORITY} and {@code IFA_PROTO} in {@link AddressMessage}, decoded from messages laid out as
 * the kernel's {@code inet_fill_ifaddr} and {@code inet6_fill_ifaddr} lay them out ({@code <linux/if_addr.h>}),
 * built back, and refused when malformed.
 */
class AddressFieldsTest {

    static Message kernel(int family, int prefix, int index, Consumer<ByteBuffer> attributes) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        b.put((byte) family).put((byte) prefix).put((byte) AddressMessage.IFA_F_PERMANENT).put((byte) 0).putInt(index);
        attributes.accept(b);
        byte[] data = new byte[b.position()];
        b.flip().get(data);
        return Message.of(RouteMessageType.RTM_NEWADDR, 0, data);
    }

    static Stream<Arguments> kernelMessages() {
        return Stream.of(
                Arguments.of("IPv4 with metric and protocol, as inet_fill_ifaddr orders them",
                        kernel(AddressFamily.INET, 24, 3, b -> {
                            attr(b, AddressMessage.IFA_ADDRESS, 10, 0, 0, 1);
                            attr(b, AddressMessage.IFA_LOCAL, 10, 0, 0, 1);
                            attr(b, AddressMessage.IFA_BROADCAST, 10, 0, 0, (byte) 255);
                            attr(b, AddressMessage.IFA_LABEL, (byte) 'v', (byte) '0', (byte) 0);
                            attr(b, AddressMessage.IFA_PROTO, (byte) 99);
                            attr(b, AddressMessage.IFA_FLAGS, u32(AddressMessage.IFA_F_PERMANENT));
                            attr(b, AddressMessage.IFA_RT_PRIORITY, u32(77));
                        }),
                        AddressMessage.builder().prefixLength(24).flags(AddressMessage.IFA_F_PERMANENT).index(3)
                                .address(ip("10.0.0.1")).local(ip("10.0.0.1")).broadcast(ip("10.0.0.255")).label("v0")
                                .protocol(99).extendedFlags(AddressMessage.IFA_F_PERMANENT).metric(77).build()),
                Arguments.of("IPv6 link-local the kernel added, metric above 2^31",
                        kernel(AddressFamily.INET6, 64, 2, b -> {
                            attr(b, AddressMessage.IFA_ADDRESS, ip("fe80::1").getAddress());
                            attr(b, AddressMessage.IFA_PROTO, (byte) AddressMessage.IFAPROT_KERNEL_LL);
                            attr(b, AddressMessage.IFA_RT_PRIORITY, u32(0xFFFFFFFE));
                        }),
                        AddressMessage.builder().prefixLength(64).flags(AddressMessage.IFA_F_PERMANENT).index(2)
                                .address(ip("fe80::1")).protocol(AddressMessage.IFAPROT_KERNEL_LL).metric(0xFFFFFFFE)
                                .build()),
                Arguments.of("without either: both null, IFA_TARGET_NETNSID kept raw",
                        kernel(AddressFamily.INET, 8, 1, b -> {
                            attr(b, AddressMessage.IFA_LOCAL, 127, 0, 0, 1);
                            attr(b, 10, u32(3));
                        }),
                        AddressMessage.builder().prefixLength(8).flags(AddressMessage.IFA_F_PERMANENT).index(1)
                                .local(ip("127.0.0.1")).addUnknown(new Attribute(10, u32(3))).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelMessages")
    void decodesKernelLayoutsIntoFieldsAndBack(String name, Message message, AddressMessage expected) {
        AddressMessage a = AddressMessage.decode(message);
        assertThat(a).isEqualTo(expected);
        assertThat(a.unknown()).extracting(x -> x.type() & 0x3FFF)
                .doesNotContain(AddressMessage.IFA_RT_PRIORITY, AddressMessage.IFA_PROTO);
        assertThat(AddressMessage.decode(a.toMessage())).isEqualTo(a);
        assertThat(a.toBuilder().build()).isEqualTo(a);
    }

    @Test
    void nullFieldsWhenAbsent() {
        AddressMessage a = AddressMessage.decode(AddressMessage.of(1, ip("10.0.0.1"), 24).toMessage());
        assertThat(a.metric()).isNull();
        assertThat(a.protocol()).isNull();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("IFA_RT_PRIORITY of 2 bytes", AddressMessage.IFA_RT_PRIORITY, new byte[2]),
                Arguments.of("IFA_RT_PRIORITY of 8 bytes", AddressMessage.IFA_RT_PRIORITY, new byte[8]),
                Arguments.of("empty IFA_RT_PRIORITY", AddressMessage.IFA_RT_PRIORITY, new byte[0]),
                Arguments.of("IFA_PROTO of 4 bytes", AddressMessage.IFA_PROTO, new byte[4]),
                Arguments.of("empty IFA_PROTO", AddressMessage.IFA_PROTO, new byte[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void wrongSizesAreMalformed(String name, int type, byte[] payload) {
        Message m = kernel(AddressFamily.INET, 24, 1, b -> attr(b, type, payload));
        assertThatThrownBy(() -> AddressMessage.decode(m)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void builderRefusesOutOfRangeProtocolAndRawTypedAttributes() {
        assertThatThrownBy(() -> AddressMessage.builder().protocol(256).build())
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("protocol (IFA_PROTO)");
        assertThatThrownBy(() -> AddressMessage.builder().protocol(-1).build())
                .isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> AddressMessage.builder().addUnknown(new Attribute(AddressMessage.IFA_RT_PRIORITY,
                u32(1))).build()).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("metric (IFA_RT_PRIORITY)");
        assertThatThrownBy(() -> AddressMessage.builder().addUnknown(new Attribute(AddressMessage.IFA_PROTO,
                new byte[] {1})).build()).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("protocol (IFA_PROTO)");
    }
}
