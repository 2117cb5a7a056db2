package io.github.jnetlink.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.1, 10.0.0.1",
        "ff00:0:0:0:0:0:0:0, ff00::",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "fe80:0:0:0:c70:91ff:fe16:ca6a, fe80::c70:91ff:fe16:ca6a",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:1:0:1:1:1:1, 2001:db8:1:0:1:1:1:1",
        "fd00:9:0:0:0:0:0:1, fd00:9::1",
    })
    void printsAddressesAsIpDoes(String address, String expected) throws Exception {
        assertThat(AddressText.of(InetAddress.getByName(address))).isEqualTo(expected);
    }
}
