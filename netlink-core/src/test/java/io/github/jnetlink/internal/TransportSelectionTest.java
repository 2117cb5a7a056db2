package io.github.jnetlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.UnsupportedPlatformException;
import org.junit.jupiter.api.Test;

/** Which transport provider opens sockets, in netlink-core alone (no FFM module on the class path); no kernel. */
class TransportSelectionTest {

    @Test
    void withoutOtherProvidersJnrIsChosen() {
        assertThat(TransportSelection.choose(null).name()).isEqualTo("jnr");
        assertThat(TransportSelection.choose(" ").name()).isEqualTo("jnr");
        assertThat(TransportSelection.choose("JNR").name()).isEqualTo("jnr");
        assertThat(TransportSelection.chosen().name()).isEqualTo("jnr");
    }

    @Test
    void forcingAMissingTransportSaysWhatToAdd() {
        assertThatThrownBy(() -> TransportSelection.choose("ffm")).isInstanceOf(UnsupportedPlatformException.class)
                .hasMessageContaining("jnetlink.transport=ffm").hasMessageContaining("netlink-transport-ffm")
                .hasMessageContaining("[jnr]");
    }

    @Test
    void anUnknownNameIsAnArgumentError() {
        assertThatThrownBy(() -> TransportSelection.choose("jni")).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("jnetlink.transport=jni names no transport");
    }
}
