package io.github.jnetlink.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkArgumentException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GenericHeaderTest {

    @Test
    void encodesCommandVersionAndZeroReserved() {
        assertThat(new GenericHeader(3, 2).encode()).containsExactly(3, 2, 0, 0);
        assertThat(new GenericHeader(255, 255).encode()).containsExactly(0xFF, 0xFF, 0, 0);
    }

    @Test
    void decodesFirstFourBytesIgnoringReservedAndTheRest() {
        assertThat(GenericHeader.decode(new byte[] {1, 2, 0x7F, 0x7F, 9, 9})).isEqualTo(new GenericHeader(1, 2));
        assertThat(GenericHeader.decode(new byte[] {(byte) 0xFE, (byte) 0x80, 0, 0})).isEqualTo(new GenericHeader(0xFE, 0x80));
    }

    @Test
    void roundTrips() {
        for (int c = 0; c < 256; c += 17) {
            GenericHeader h = new GenericHeader(c, 255 - c);
            assertThat(GenericHeader.decode(h.encode())).isEqualTo(h);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void truncatedHeaderIsMalformed(int length) {
        assertThatThrownBy(() -> GenericHeader.decode(new byte[length]))
                .isExactlyInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("truncated generic netlink header: " + length + " bytes");
    }

    @Test
    void nullIsMalformed() {
        assertThatThrownBy(() -> GenericHeader.decode(null)).isExactlyInstanceOf(MalformedMessageException.class);
    }

    @Test
    void rejectsFieldsBeyondEightBits() {
        assertThatThrownBy(() -> new GenericHeader(256, 0)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("command 256");
        assertThatThrownBy(() -> new GenericHeader(0, -1)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("version -1");
    }
}
