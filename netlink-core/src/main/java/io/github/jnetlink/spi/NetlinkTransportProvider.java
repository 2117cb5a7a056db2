package io.github.jnetlink.spi;

import io.github.jnetlink.NetlinkTransport;

/**
 * A way of opening real {@code AF_NETLINK} sockets, found by {@link java.util.ServiceLoader}: what
 * {@link io.github.jnetlink.Conn#dial(int, io.github.jnetlink.Config)} and
 * {@link NetlinkTransport#open(int, io.github.jnetlink.Config)} use.
 *
 * <p>netlink-core has one built in, {@code "jnr"} (jnr-ffi, any Java 17+ JVM, priority 0). The
 * {@code netlink-transport-ffm} artifact adds {@code "ffm"} ({@code java.lang.foreign}, Java 22+, priority 100).
 * When the first socket is opened, the available provider with the highest priority is chosen for the life of the
 * JVM; the system property {@code jnetlink.transport} (a provider's {@link #name()}) forces one instead, and opening
 * then fails if that one is missing or unavailable. {@link io.github.jnetlink.Conn#transportKind()} tells which
 * one carries a connection.
 *
 * <p>Implementations need a public no-argument constructor and a {@code META-INF/services} entry, must be cheap to
 * construct, and must not touch native code before {@link #open}.
 */
public interface NetlinkTransportProvider {

    /** @return the name {@code jnetlink.transport} selects this provider by, such as {@code "jnr"} or {@code "ffm"} */
    String name();

    /** @return the preference among available providers: the highest wins */
    int priority();

    /**
     * @return whether this JVM can use the provider (its Java version, native access); when false,
     *         {@link #unavailableReason()} says why
     */
    boolean isAvailable();

    /** @return why {@link #isAvailable()} is false, for the exception that forcing this provider then throws */
    default String unavailableReason() {
        return "not available in this JVM";
    }

    /**
     * Opens a socket as {@link NetlinkTransport#open(int, io.github.jnetlink.Config)} describes.
     *
     * @param protocol  the netlink protocol, 0-31 (already checked)
     * @param netnsPath a namespace file such as {@code /var/run/netns/x}, or null
     * @param netnsFd   an open namespace descriptor, used when {@code netnsPath} is null, or -1; it stays open
     * @return the socket, not yet bound
     */
    NetlinkTransport open(int protocol, String netnsPath, int netnsFd);
}
