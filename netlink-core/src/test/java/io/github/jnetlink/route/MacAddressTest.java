package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.NetlinkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "aa:bb:cc:dd:ee:ff, aa:bb:cc:dd:ee:ff",
            "AA:BB:CC:DD:EE:FF, aa:bb:cc:dd:ee:ff",
            "2:42:ac:11:0:2, 02:42:ac:11:00:02",
            "00:00:00:00:00:00, 00:00:00:00:00:00",
            "ff, ff",
            "0a:00:00:01, 0a:00:00:01",
            "80:00:00:48:fe:80:00:00:00:00:00:00:02:c9:03:00:00:0f:0c:a1, 80:00:00:48:fe:80:00:00:00:00:00:00:02:c9:03:00:00:0f:0c:a1",
    })
    void parsesAndFormatsAsIpPrints(String text, String formatted) {
        MacAddress m = MacAddress.parse(text);
        assertThat(m.toString()).isEqualTo(formatted);
        assertThat(MacAddress.parse(m.toString())).isEqualTo(m).hasSameHashCodeAs(m);
        assertThat(m.length()).isEqualTo(formatted.split(":").length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", "aa:", ":aa", "aa::bb", "aaa:bb", "gg:00", "aa-bb-cc-dd-ee-ff", " aa:bb", "aa:bb ",
            "0x1:2", "+1:2", "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00"})
    void rejectsMalformedTextWithANetlinkException(String text) {
        assertThatThrownBy(() -> MacAddress.parse(text)).isInstanceOf(NetlinkException.class);
    }

    @Test
    void rejectsNullAndBadLengths() {
        assertThatThrownBy(() -> MacAddress.parse(null)).isInstanceOf(NetlinkException.class);
        assertThatThrownBy(() -> MacAddress.of(null)).isInstanceOf(NetlinkException.class);
        assertThatThrownBy(() -> MacAddress.of(new byte[0])).isInstanceOf(NetlinkException.class);
        assertThatThrownBy(() -> MacAddress.of(new byte[33])).isInstanceOf(NetlinkException.class);
        assertThat(MacAddress.of(new byte[32]).length()).isEqualTo(32);
    }

    @Test
    void isImmutableAndComparesBytes() {
        byte[] b = {2, 0, 0, 0, 0, 1};
        MacAddress m = MacAddress.of(b);
        b[0] = 9;
        m.bytes()[1] = 9;
        assertThat(m.toString()).isEqualTo("02:00:00:00:00:01");
        assertThat(m).isEqualTo(MacAddress.parse("2:0:0:0:0:1")).isNotEqualTo(MacAddress.parse("02:00:00:00:00:02"))
                .isNotEqualTo("02:00:00:00:00:01");
    }
}
