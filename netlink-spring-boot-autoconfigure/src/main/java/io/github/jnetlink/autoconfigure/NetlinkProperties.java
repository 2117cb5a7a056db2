package io.github.jnetlink.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Netlink connections of the application, under {@code netlink.*}.
 *
 * <pre>
 * netlink:
 *   connections:
 *     route:
 *       protocol: route
 *       groups: [link, ipv4-ifaddr, ipv6-ifaddr, ipv4-route]
 * </pre>
 */
@ConfigurationProperties("netlink")
public class NetlinkProperties {

    /**
     * Whether to create netlink connections and receive loops at all.
     */
    private boolean enabled = true;

    /**
     * Network namespace for every connection that sets no netns of its own, such as
     * /var/run/netns/blue: what a test points at its throwaway namespace. Empty for the
     * application's own namespace.
     */
    private @Nullable String netns;

    /**
     * Netlink connections by name. Each becomes a Conn bean of that name, and the name is what
     * {@code @NetlinkListener(connection = ...)} refers to.
     */
    private Map<String, Connection> connections = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getNetns() {
        return netns;
    }

    public void setNetns(@Nullable String netns) {
        this.netns = netns;
    }

    public Map<String, Connection> getConnections() {
        return connections;
    }

    public void setConnections(Map<String, Connection> connections) {
        this.connections = connections;
    }

    /**
     * One netlink connection.
     */
    public static class Connection {

        /**
         * Netlink protocol family: a name (route, generic, netfilter, sock-diag, xfrm, audit,
         * kobject-uevent, ...) or a number 0-31.
         */
        private String protocol = "route";

        /**
         * Multicast groups to listen to: rtnetlink group names (link, ipv4-ifaddr, ipv6-ifaddr,
         * ipv4-route, ipv6-route, neigh, ...), generic netlink "family/group" names, or numbers. A
         * connection with groups gets a receive loop that publishes each notification as a
         * NetlinkMessageEvent.
         */
        private List<String> groups = new ArrayList<>();

        /**
         * Network namespace to open the sockets in, such as /var/run/netns/blue or /proc/1/ns/net.
         * Entering another namespace needs CAP_SYS_ADMIN. Empty for the application's own namespace.
         */
        private @Nullable String netns;

        /**
         * Socket receive buffer (SO_RCVBUFFORCE, falling back to SO_RCVBUF). Larger buffers absorb
         * bursts of notifications that would otherwise be dropped (an overrun). When not set, the receive
         * loop's socket gets 16MB and the Conn bean the kernel default.
         */
        private @Nullable DataSize receiveBufferSize;

        /**
         * Socket send buffer (SO_SNDBUFFORCE, falling back to SO_SNDBUF). Kernel default when not set.
         */
        private @Nullable DataSize sendBufferSize;

        /**
         * Whether to turn on strict checking of requests (NETLINK_GET_STRICT_CHK) and extended
         * acknowledgements; startup fails where the kernel cannot.
         */
        private boolean strict;

        /**
         * Whether kernel errors carry a text message and the offending attribute's offset
         * (NETLINK_EXT_ACK).
         */
        private boolean extendedAck = true;

        /**
         * Whether to stop the kernel from reporting receive-buffer overruns (NETLINK_NO_ENOBUFS). The
         * messages are still lost, silently: leave off unless the application cannot resynchronise.
         */
        private boolean noEnobufs;

        /**
         * Port IDs of userspace netlink sockets whose messages are accepted besides the kernel's. Empty
         * (the default) accepts only the kernel; other senders are dropped and counted.
         */
        private List<Integer> trustedPeers = new ArrayList<>();

        /**
         * The receive loop of this connection.
         */
        private final Listener listener = new Listener();

        private final Filter filter = new Filter();

        private final Mirror mirror = new Mirror();

        public String getProtocol() {
            return protocol;
        }

        public void setProtocol(String protocol) {
            this.protocol = protocol;
        }

        public List<String> getGroups() {
            return groups;
        }

        public void setGroups(List<String> groups) {
            this.groups = groups;
        }

        public @Nullable String getNetns() {
            return netns;
        }

        public void setNetns(@Nullable String netns) {
            this.netns = netns;
        }

        public @Nullable DataSize getReceiveBufferSize() {
            return receiveBufferSize;
        }

        public void setReceiveBufferSize(@Nullable DataSize receiveBufferSize) {
            this.receiveBufferSize = receiveBufferSize;
        }

        public @Nullable DataSize getSendBufferSize() {
            return sendBufferSize;
        }

        public void setSendBufferSize(@Nullable DataSize sendBufferSize) {
            this.sendBufferSize = sendBufferSize;
        }

        public boolean isStrict() {
            return strict;
        }

        public void setStrict(boolean strict) {
            this.strict = strict;
        }

        public boolean isExtendedAck() {
            return extendedAck;
        }

        public void setExtendedAck(boolean extendedAck) {
            this.extendedAck = extendedAck;
        }

        public boolean isNoEnobufs() {
            return noEnobufs;
        }

        public void setNoEnobufs(boolean noEnobufs) {
            this.noEnobufs = noEnobufs;
        }

        public List<Integer> getTrustedPeers() {
            return trustedPeers;
        }

        public void setTrustedPeers(List<Integer> trustedPeers) {
            this.trustedPeers = trustedPeers;
        }

        public Listener getListener() {
            return listener;
        }

        public Filter getFilter() {
            return filter;
        }

        public Mirror getMirror() {
            return mirror;
        }
    }

    /**
     * A RouteMirror of the connection's namespace, fed by its receive loop.
     */
    public static class Mirror {

        /**
         * Whether to keep a RouteMirror bean named NAMEMirror: links, addresses, routes and
         * neighbours, synced at startup, healed after every overrun (protocol route only). The loop
         * joins the groups the mirror needs.
         */
        private boolean enabled;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /**
     * A classic BPF program the kernel runs on the receive loop's socket, so that notifications nobody
     * listens to never reach the JVM. Acknowledgements, errors and the ends of dumps always pass.
     */
    public static class Filter {

        /**
         * Message types to let through: names (RTM_NEWLINK, RTM_DELLINK, ...) or numbers. Empty lets
         * every type through.
         */
        private List<String> types = new ArrayList<>();

        /**
         * Address families to let through, read from the first byte of the message's family header
         * (ifinfomsg, ifaddrmsg, rtmsg, ndmsg): inet, inet6, bridge, unspec, or numbers. Empty lets
         * every family through.
         */
        private List<String> families = new ArrayList<>();

        public List<String> getTypes() {
            return types;
        }

        public void setTypes(List<String> types) {
            this.types = types;
        }

        public List<String> getFamilies() {
            return families;
        }

        public void setFamilies(List<String> families) {
            this.families = families;
        }
    }

    /**
     * The receive loop of a connection.
     */
    public static class Listener {

        /**
         * Whether to run a receive loop publishing this connection's multicast notifications as
         * application events (only for connections with groups).
         */
        private boolean enabled = true;

        /**
         * Whether the receive loop starts with the application context. When false, the loop exists
         * but receives nothing until the application starts it through the
         * NetlinkListenerContainerRegistry (after winning a leader election, say).
         */
        private boolean autoStartup = true;

        /**
         * Threads that call the listeners. 1 (the default) calls them on the receive thread. With
         * more, the receive thread only reads the socket and hands each notification to one of N
         * ordered lanes: notifications about the same object (link, address, route, neighbour) run on
         * the same lane, in kernel order. Virtual threads with spring.threads.virtual.enabled.
         */
        private int concurrency = 1;

        /**
         * Notifications each lane holds before the loop drops what arrives (concurrency above 1). A
         * drop is counted and published like a receive-buffer overrun.
         */
        private int queueCapacity = 10_000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isAutoStartup() {
            return autoStartup;
        }

        public void setAutoStartup(boolean autoStartup) {
            this.autoStartup = autoStartup;
        }

        public int getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public int getQueueCapacity() {
            return queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }
    }
}
