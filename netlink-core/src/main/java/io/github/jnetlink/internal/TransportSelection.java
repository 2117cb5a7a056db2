package io.github.jnetlink.internal;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkTransport;
import io.github.jnetlink.UnsupportedPlatformException;
import io.github.jnetlink.spi.NetlinkTransportProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Chooses, once per JVM, which {@link NetlinkTransportProvider} opens real sockets: the one named by the system
 * property {@value #PROPERTY}, else the available one with the highest priority. The built-in jnr-ffi provider is
 * always there, so without other providers nothing changes.
 *
 * <p>A provider compiled for a newer Java than the running one fails to load ({@link ServiceConfigurationError}, or
 * {@link UnsupportedClassVersionError} from the class path); it is skipped, and its reason kept for the message
 * should it be forced.
 */
public final class TransportSelection {

    /** The system property that forces a provider by name: {@code jnr} or {@code ffm}. */
    public static final String PROPERTY = "jnetlink.transport";

    private TransportSelection() {
    }

    /**
     * Opens a socket with the chosen provider.
     *
     * @param protocol  the netlink protocol, 0-31
     * @param netnsPath a namespace file, or null
     * @param netnsFd   a namespace descriptor, or -1
     * @return the socket, not yet bound
     * @throws UnsupportedPlatformException when the forced provider is missing or unavailable
     * @throws NetlinkArgumentException     when {@value #PROPERTY} names no known provider
     */
    public static NetlinkTransport open(int protocol, String netnsPath, int netnsFd) {
        return Holder.CHOICE.get().open(protocol, netnsPath, netnsFd);
    }

    /**
     * @return the provider sockets are opened with, chosen at the first call for the life of the JVM
     * @throws UnsupportedPlatformException when the forced provider is missing or unavailable
     * @throws NetlinkArgumentException     when {@value #PROPERTY} names no known provider
     */
    public static NetlinkTransportProvider chosen() {
        return Holder.CHOICE.get();
    }

    /**
     * Chooses as the first {@link #open} does, for a given value of {@value #PROPERTY}; for tests and diagnostics.
     *
     * @param forced a provider name, or null or blank to choose by availability and priority
     * @return the provider
     * @throws UnsupportedPlatformException when the forced provider is missing or unavailable
     * @throws NetlinkArgumentException     when {@code forced} names no known provider
     */
    public static NetlinkTransportProvider choose(String forced) {
        return decide(forced, TransportSelection.class.getClassLoader()).get();
    }

    private static final class Holder {
        static final Choice CHOICE = decide(System.getProperty(PROPERTY), TransportSelection.class.getClassLoader());
    }

    /** A provider, or how to fail: a new exception each time, so that each has the stack of its own caller. */
    record Choice(NetlinkTransportProvider provider, Supplier<RuntimeException> failure) {
        NetlinkTransportProvider get() {
            if (provider == null) {
                throw failure.get();
            }
            return provider;
        }
    }

    /** {@link #choose(String)} with the providers {@code loader} finds, which tests pick. */
    static Choice decide(String forced, ClassLoader loader) {
        List<NetlinkTransportProvider> providers = new ArrayList<>();
        providers.add(new JnrTransportProvider());
        List<String> skipped = new ArrayList<>();
        Iterator<NetlinkTransportProvider> it =
                ServiceLoader.load(NetlinkTransportProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                providers.add(it.next());
            } catch (ServiceConfigurationError e) {
                skipped.add(e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            } catch (LinkageError e) {
                // a class path provider compiled for a newer Java (UnsupportedClassVersionError) fails in hasNext
                // itself, after its name was consumed: the iteration goes on with the next one
                skipped.add(e.toString());
            }
            if (skipped.size() > 16) {
                break;
            }
        }
        String name = forced == null ? "" : forced.trim().toLowerCase(Locale.ROOT);
        if (!name.isEmpty()) {
            for (NetlinkTransportProvider p : providers) {
                if (p.name().equals(name)) {
                    if (p.isAvailable()) {
                        return new Choice(p, null);
                    }
                    String why = PROPERTY + "=" + name + ": " + p.unavailableReason();
                    return new Choice(null, () -> new UnsupportedPlatformException(new IllegalStateException(why)));
                }
            }
            List<String> names = providers.stream().map(NetlinkTransportProvider::name).toList();
            String why = PROPERTY + "=" + forced + " names no transport on the class path; found " + names
                    + (name.equals("ffm") ? ", add io.github.jnetlink:netlink-transport-ffm and run on Java 22 or later" : "")
                    + (skipped.isEmpty() ? "" : "; providers that failed to load: " + String.join("; ", skipped));
            return new Choice(null, name.equals("ffm") || name.equals("jnr")
                    ? () -> new UnsupportedPlatformException(new IllegalStateException(why))
                    : () -> new NetlinkArgumentException(why));
        }
        NetlinkTransportProvider best = null;
        for (NetlinkTransportProvider p : providers) {
            if ((best == null || p.priority() > best.priority()) && p.isAvailable()) {
                best = p;
            }
        }
        return new Choice(best, null);
    }

    /** jnr-ffi, in this package: every JVM netlink-core runs on. Native failures surface at open, as ever. */
    private static final class JnrTransportProvider implements NetlinkTransportProvider {
        @Override
        public String name() {
            return "jnr";
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public NetlinkTransport open(int protocol, String netnsPath, int netnsFd) {
            return NetlinkSocket.open(protocol, netnsPath, netnsFd);
        }
    }
}
