package io.github.jnetlink.internal.ffm;

import io.github.jnetlink.NetlinkTransport;
import io.github.jnetlink.spi.NetlinkTransportProvider;

/**
 * Offers the {@code java.lang.foreign} transport to {@link java.util.ServiceLoader}: name {@code "ffm"}, priority 100,
 * so it wins over jnr-ffi wherever it is available. That is on Java 22 or later (where the API is final), with native
 * access enabled for this code ({@code --enable-native-access=ALL-UNNAMED}, or {@code Enable-Native-Access:
 * ALL-UNNAMED} in an executable jar's manifest), so that choosing it never makes the JVM print a warning, or fail
 * under {@code --illegal-native-access=deny}; otherwise jnr-ffi stays the default, and forcing {@code ffm} fails
 * with the reason.
 *
 * <p>This class is compiled for Java 22: on an older JVM the service loader cannot load it, and netlink-core skips it.
 */
public final class FfmTransportProvider implements NetlinkTransportProvider {

    /** The provider {@link java.util.ServiceLoader} instantiates. */
    public FfmTransportProvider() {
    }

    @Override
    public String name() {
        return "ffm";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean isAvailable() {
        return unavailableReason() == null;
    }

    @Override
    public String unavailableReason() {
        if (Runtime.version().feature() < 22) {
            return "the FFM transport needs Java 22 or later; this is " + Runtime.version();
        }
        if (!FfmTransportProvider.class.getModule().isNativeAccessEnabled()) {
            return "native access is not enabled for " + describe(FfmTransportProvider.class.getModule())
                    + ": run java with --enable-native-access=" + (FfmTransportProvider.class.getModule().isNamed()
                            ? FfmTransportProvider.class.getModule().getName() : "ALL-UNNAMED");
        }
        Throwable failure = Native.loadFailure();
        if (failure != null) {
            return failure.toString();
        }
        return null;
    }

    private static String describe(Module module) {
        return module.isNamed() ? "module " + module.getName() : "the class path";
    }

    @Override
    public NetlinkTransport open(int protocol, String netnsPath, int netnsFd) {
        return NetlinkSocket.open(protocol, netnsPath, netnsFd);
    }
}
