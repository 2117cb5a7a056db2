package io.github.jnetlink.uevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@link Uevent#parse}, table-driven over datagrams as the kernel formats them and as it never does. */
class UeventTest {

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesAKernelNetDeviceEvent() {
        Uevent e = Uevent.parse(bytes("add@/devices/virtual/net/veth0\0ACTION=add\0DEVPATH=/devices/virtual/net/veth0\0"
                + "SUBSYSTEM=net\0INTERFACE=veth0\0IFINDEX=7\0SEQNUM=4711\0"));
        assertThat(e.action()).isEqualTo("add");
        assertThat(e.devpath()).isEqualTo("/devices/virtual/net/veth0");
        assertThat(e.subsystem()).isEqualTo("net");
        assertThat(e.property("INTERFACE")).isEqualTo("veth0");
        assertThat(e.sequenceNumber()).isEqualTo(4711);
        assertThat(e.properties().keySet()).containsExactly("ACTION", "DEVPATH", "SUBSYSTEM", "INTERFACE", "IFINDEX", "SEQNUM");
        assertThatThrownBy(() -> e.properties().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("header only", "remove@/devices/x", "remove", "/devices/x", Map.of()),
                Arguments.of("no trailing NUL", "change@/d\0A=1", "change", "/d", Map.of("A", "1")),
                Arguments.of("empty strings skipped", "move@/d\0\0A=1\0\0", "move", "/d", Map.of("A", "1")),
                Arguments.of("empty value", "bind@/d\0DRIVER=\0", "bind", "/d", Map.of("DRIVER", "")),
                Arguments.of("value holding =", "add@/d\0MODALIAS=a=b\0", "add", "/d", Map.of("MODALIAS", "a=b")),
                Arguments.of("repeated key: the last wins", "add@/d\0A=1\0A=2\0", "add", "/d", Map.of("A", "2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parses(String name, String datagram, String action, String devpath, Map<String, String> properties) {
        Uevent e = Uevent.parse(bytes(datagram));
        assertThat(e.action()).isEqualTo(action);
        assertThat(e.devpath()).isEqualTo(devpath);
        assertThat(e.properties()).isEqualTo(properties);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", "not a kernel uevent"),
                Arguments.of("udev's re-broadcast", "libudev\0\u00fe\u00ed\u00ca\u00fe", "not a kernel uevent"),
                Arguments.of("no @", "add/devices/x\0", "not ACTION@DEVPATH"),
                Arguments.of("no action", "@/devices/x\0", "not ACTION@DEVPATH"),
                Arguments.of("no devpath", "add@\0", "not ACTION@DEVPATH"),
                Arguments.of("property without =", "add@/d\0ACTION\0", "is not KEY=VALUE"),
                Arguments.of("property without key", "add@/d\0=x\0", "is not KEY=VALUE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesWhatIsNotAKernelUevent(String name, String datagram, String message) {
        assertThatThrownBy(() -> Uevent.parse(bytes(datagram))).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(message);
    }

    @Test
    void sequenceNumberIsMinusOneWhenAbsentOrNotANumber() {
        assertThat(Uevent.parse(bytes("add@/d\0")).sequenceNumber()).isEqualTo(-1);
        assertThat(Uevent.parse(bytes("add@/d\0SEQNUM=x\0")).sequenceNumber()).isEqualTo(-1);
    }

    @Test
    void nullIsRefusedByName() {
        assertThatThrownBy(() -> Uevent.parse(null)).isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("datagram");
    }
}
