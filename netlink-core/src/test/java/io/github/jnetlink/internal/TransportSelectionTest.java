package io.github.jnetlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkTransport;
import io.github.jnetlink.UnsupportedPlatformException;
import io.github.jnetlink.spi.NetlinkTransportProvider;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aProviderCompiledForANewerJavaIsSkipped(@TempDir Path dir) throws Exception {
        // what Java 17 sees of netlink-transport-ffm: a registered provider whose class file it cannot read
        String name = Future.class.getName();
        byte[] bytes;
        try (InputStream in = Future.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
            bytes = in.readAllBytes();
        }
        bytes[6] = 0;
        bytes[7] = 99;
        Path file = dir.resolve(name.replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Path services = dir.resolve("META-INF/services/" + NetlinkTransportProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, name + "\n");
        // the platform loader as parent: the test's own loader would find the readable class first
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            assertThat(TransportSelection.decide(null, loader).get().name()).isEqualTo("jnr");
            assertThatThrownBy(() -> TransportSelection.decide("future", loader).get())
                    .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("UnsupportedClassVersionError");
        }
    }

    /** A provider; the test above loads it from a class file marked as Java 55 (major version 99). */
    public static final class Future implements NetlinkTransportProvider {
        @Override
        public String name() {
            return "future";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public NetlinkTransport open(int protocol, String netnsPath, int netnsFd) {
            throw new UnsupportedOperationException();
        }
    }
}
