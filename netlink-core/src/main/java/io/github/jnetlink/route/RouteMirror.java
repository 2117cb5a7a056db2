package io.github.jnetlink.route;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Dumps;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkOverrunException;
import io.github.jnetlink.NetlinkTruncatedException;
import io.github.jnetlink.Protocol;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A copy, kept in memory, of a network namespace's links, addresses, routes (every table, IPv4 and IPv6),
 * neighbour entries (proxy entries included), policy rules and nexthop objects, as {@code ip -j link},
 * {@code ip -j addr}, {@code ip -j route show table all}, {@code ip -j -6 route show table all},
 * {@code ip -j neigh show nud all}, {@code ip -j neigh show proxy}, {@code ip -j rule}, {@code ip -j -6 rule} and
 * {@code ip -j nexthop} would show them, kept right through the kernel's unreliable multicast.
 *
 * <h2>Why it is hard</h2>
 * The kernel drops notifications when a listener's receive buffer is full and says only that it did (ENOBUFS,
 * {@link NetlinkOverrunException}); a datagram larger than the buffer is cut
 * ({@link NetlinkTruncatedException}). And some changes are never notified at all. So the mirror:
 * <ul>
 *   <li><b>starts with a barrier</b>: it joins the groups ({@link #GROUPS}) first, then dumps links, addresses,
 *       nexthop objects, routes, neighbours, proxy neighbours and rules on a
 *       second connection ({@link Dumps#executeConsistent(Conn, Message, int, String)}, repeated while the kernel
 *       marks a dump {@code NLM_F_DUMP_INTR}); notifications that arrive meanwhile wait and are applied after the
 *       dumps, in order. Each entry's last notification then restores whatever an older dump row missed.</li>
 *   <li><b>heals after a loss</b>: after an overrun or truncation (self-driven) or {@link #lost()} (fed), it keeps
 *       applying notifications until the socket's queue is empty (the kernel reports no new loss before that), then
 *       re-dumps every kind behind the same barrier, compares, and reports the differences as ordinary changes
 *       marked {@link RouteMirrorChange#resync()}. A loss during a resync makes another. {@link #resyncs()} counts
 *       them.</li>
 *   <li><b>infers what the kernel does silently</b> (verified on Linux 6.18, see below), and where a rule is
 *       uncertain re-dumps only the kind affected (a targeted resync, also marked {@code resync}).</li>
 * </ul>
 *
 * <h2>Keys: how entries are told apart</h2>
 * <ul>
 *   <li>Link: interface index. Only {@code AF_UNSPEC} link messages count: {@code AF_BRIDGE}
 *       {@code RTM_NEWLINK}/{@code RTM_DELLINK} are bridge-port events (a {@code DELLINK} then means a port left
 *       its bridge, not that the link is gone) and are ignored.</li>
 *   <li>Address: interface index, family, prefix length and the interface's own address
 *       ({@link AddressMessage#localAddress()}).</li>
 *   <li>IPv4 route: table, destination and prefix length, TOS, metric ({@code RTA_PRIORITY}, absent as 0). A
 *       replace that changes the type or the next hop has the same key and replaces the entry. Routes added with
 *       {@code NLM_F_APPEND} (several IPv4 routes of one key) are not told apart.</li>
 *   <li>IPv6 route: table, destination and source prefix, metric, and the output interface and gateway, since
 *       IPv6 keeps same-prefix same-metric routes on different devices apart ({@code fe80::/64} on every link). A
 *       multipath IPv6 route is keyed on its first path's device and gateway; because the kernel may notify a
 *       single path of one, any IPv6 multipath notification, a replace ({@code NLM_F_REPLACE}) or a deletion of
 *       an unknown IPv6 route makes a targeted route resync.</li>
 *   <li>Cached clones ({@code RTM_F_CLONED}) and families other than IPv4 and IPv6 (multicast routing, MPLS)
 *       are ignored.</li>
 *   <li>Neighbour: interface index, family, destination, and whether it is a proxy entry ({@code NTF_PROXY}).
 *       Bridge FDB entries ({@code AF_BRIDGE}) are ignored.</li>
 *   <li>Rule: the whole rule, as the kernel compares rules; identical rules (allowed without {@code NLM_F_EXCL})
 *       are one entry, so deleting a rule makes a targeted rule resync. Families other than IPv4 and IPv6
 *       (multicast routing rules) are ignored.</li>
 *   <li>Nexthop object: its ID.</li>
 * </ul>
 *
 * <h2>What the kernel does not notify, and what the mirror does</h2>
 * <ul>
 *   <li>A link deleted: its IPv4 routes go silently, also from other tables and those with a path through it. The
 *       mirror removes the link's addresses, routes (output interface or any path on it) and neighbour entries,
 *       proxy entries included.</li>
 *   <li>A link taken down ({@code IFF_UP} cleared): its IPv4 routes go silently, in every table, broadcast routes
 *       included, but not the local ({@code RTN_LOCAL}) routes of its addresses; its proxy entries go silently
 *       too. IPv6 routes, addresses and neighbours go with notifications. The mirror removes the IPv4 routes
 *       (single-path; a multipath one makes a targeted resync) on every {@code RTM_NEWLINK} saying the link is
 *       down, and the proxy entries when the link was up before.</li>
 *   <li>Carrier lost or regained: routes through the link gain or lose {@code RTNH_F_LINKDOWN} without a route
 *       notification. Whenever a link or route notification shows a non-local route whose {@code LINKDOWN} mark
 *       disagrees with its link's {@code IFF_LOWER_UP}, the mirror re-dumps the routes.</li>
 *   <li>An address removed: the kernel notifies the deletion of its prefix, local and broadcast routes (and of
 *       routes using it as preferred source) on 6.18; older kernels flushed the latter silently, so every address
 *       deletion also makes a targeted route resync.</li>
 *   <li>Proxy neighbour entries ({@code ip neigh add proxy}) are added and deleted without any notification, and
 *       only a dump with {@code ndm_flags = NTF_PROXY} lists them. The mirror re-dumps them every
 *       {@link #PROXY_POLL_INTERVAL}.</li>
 *   <li>Sending to a multicast address makes a {@code NUD_NOARP} neighbour entry for it (such as {@code ff02::16}
 *       for an MLD report, {@code 224.0.0.22} for IGMP, {@code ff02::1:ff00:1} for duplicate address detection),
 *       without a notification. The mirror re-dumps neighbours, keeping only NOARP and proxy entries, 0.3 s after a
 *       link or address change and every 0.5 s for 5 s after it, and otherwise every
 *       {@link #NOARP_POLL_INTERVAL}.</li>
 *   <li>A link deleted, taken down, or losing carrier (neither {@code IFF_RUNNING} nor {@code IFF_LOWER_UP}): its
 *       nexthop objects (not blackhole ones) go silently ({@code nexthop_flush_dev}), and with them, silently,
 *       the IPv4 routes using them; groups holding them shrink, and an emptied group goes, also silently. The
 *       mirror removes the objects and the routes using them (IPv6 ones too, whose deletion the kernel notifies),
 *       and when a group held one, re-dumps the nexthop objects and the routes.</li>
 *   <li>A nexthop object deleted ({@code RTM_DELNEXTHOP}): the IPv4 routes using it go silently. A nexthop object
 *       replaced, or a group changed: the paths of the routes using it change silently. The mirror removes the
 *       routes using a deleted object, and re-dumps the routes when one it uses changed.</li>
 *   <li>A link created, renamed or deleted: rules naming an interface ({@code iif}, {@code oif}) are attached or
 *       detached ({@code FIB_RULE_IIF_DETACHED}) silently, so the mirror re-dumps the rules when it has such
 *       rules.</li>
 *   <li>A veth's first {@code RTM_NEWLINK} says {@code IFLA_LINK} 0 (its peer does not exist yet); the kernel fills
 *       the peer in without a notification, so such a message makes a targeted link resync.</li>
 *   <li>Not handled: the {@code NUD_NOARP} entries IPv6 makes for the link's own multicast groups
 *       ({@code ff02::16}..., which {@code ip neigh} hides unless asked {@code nud all}) are created without a
 *       notification (their deletion is notified); the mirror has them only once a full resync has run.</li>
 * </ul>
 * Targeted resyncs wait until the notifications stop for a moment (at most 200 ms), so a burst costs one dump.
 *
 * <h2>What counts as a change</h2>
 * For a link its name, {@code IFF_*} flags, hardware type, MTU, hardware and broadcast addresses, operational state,
 * peer, master, transmit queue length and driver kind; for an address its flags, scope, peer, label and broadcast;
 * for a route its protocol, scope, type, flags, TOS, gateway, device, metric, preferred source and paths; for a
 * neighbour its state, flags, type and hardware address; for a nexthop object anything but the resilient group's
 * unbalanced timer. Counters, timers and cache information are not changes,
 * though the entries kept are always the kernel's latest messages whole.
 *
 * <h2>Three ways to drive it</h2>
 * <ol>
 *   <li>Self-driven, {@link #open(Config)}: the mirror dials two connections and runs one daemon thread named
 *       {@code route-mirror} that receives, applies, dumps and resyncs. {@link #close()} ends it.</li>
 *   <li>Fed, {@link #fed(Conn)}: the owner receives on its own connection (joined to the groups above) and
 *       passes every notification to {@link #accept(Message)}, in order, and calls {@link #lost()} after an
 *       overrun or any gap. {@link #start()} dumps. The mirror cannot see the owner's socket queue: an owner that
 *       can calls {@link #idle()} when a receive finds it empty while {@link #resyncPending()}, and the mirror's
 *       thread ({@code route-mirror}) resyncs then, so that its dump is never ahead of notifications still queued.
 *       For an owner that does not, it resyncs once no notification has been accepted for 50 ms after
 *       {@link #lost()} (at most 1 s), and 5 ms after a change that needs a targeted resync (at most 200 ms).
 *       Notifications accepted during the dumps wait and are applied after them.</li>
 *   <li>By hand, {@link #RouteMirror()}: {@link #accept(Message)} applies notifications, {@link #resync(Conn)}
 *       dumps on the calling thread; no thread, no automatic resync, no proxy polling.</li>
 * </ol>
 *
 * <pre>{@code
 * try (RouteMirror mirror = RouteMirror.open(Config.DEFAULT)) {
 *     mirror.awaitSynced(Duration.ofSeconds(5));
 *     RouteMirrorSnapshot now = mirror.addListener(change -> System.out.println(change));
 *     Optional<RouteMessage> route = now.routeTo(InetAddress.getByName("192.0.2.1"));
 * }
 * }</pre>
 *
 * <h2>Threads</h2>
 * Thread-safe. Changes are applied under one lock, and listeners are called under it, in order, on the thread
 * applying the change (the mirror's thread, or the caller of {@link #accept(Message)} or {@link #resync(Conn)}); a
 * listener may call {@link #snapshot()} but should not block. A listener's exception is logged (a
 * {@link System.Logger} WARNING) and does not stop the mirror. Dumps run outside the lock, so snapshots are served
 * while they run. Bad arguments throw {@link NetlinkArgumentException} naming what was wrong.
 */
public final class RouteMirror implements AutoCloseable {

    /**
     * The groups a mirror's notifications come from: {@link RouteGroup#LINK}, {@link RouteGroup#IPV4_IFADDR},
     * {@link RouteGroup#IPV6_IFADDR}, {@link RouteGroup#IPV4_ROUTE}, {@link RouteGroup#IPV6_ROUTE},
     * {@link RouteGroup#NEIGH}, {@link RouteGroup#IPV4_RULE}, {@link RouteGroup#IPV6_RULE} and
     * {@link RouteGroup#NEXTHOP}. A fed mirror's owner joins them all.
     */
    public static final java.util.List<RouteGroup> GROUPS = RouteMirrorSync.GROUPS;

    /** How often the proxy neighbour entries, which the kernel never notifies, are re-dumped. */
    public static final Duration PROXY_POLL_INTERVAL = Duration.ofSeconds(1);

    /**
     * How often the NOARP neighbour entries, which the kernel makes without notifying whenever the host sends to a
     * multicast address, are re-dumped; for five seconds after a link or address change, when the kernel's own IGMP,
     * MLD, router solicitation and duplicate address detection packets make them, every half second.
     */
    public static final Duration NOARP_POLL_INTERVAL = Duration.ofSeconds(10);

    static final String THREAD_NAME = "route-mirror";

    private final Object lock = new Object();
    /** Guarded by lock, like everything it holds. */
    private final RouteMirrorTables tables;
    private final RouteMirrorSync sync;

    /**
     * A mirror driven by hand: {@link #accept(Message)} applies each notification at once (until the first
     * {@link #resync(Conn)}, onto an empty mirror), {@link #resync(Conn)} dumps on the calling thread, behind the
     * barrier. {@link #lost()} only marks it not {@link #isSynced() synced} until the next {@link #resync(Conn)}.
     */
    public RouteMirror() {
        this(RouteMirrorSync.Mode.MANUAL, null, null, null, false);
    }

    private RouteMirror(RouteMirrorSync.Mode mode, Conn requests, Conn events, Config eventsConfig,
            boolean ownsConns) {
        this.sync = new RouteMirrorSync(lock, mode, requests, events, eventsConfig, ownsConns);
        this.tables = sync.tables();
    }

    /**
     * Opens a self-driven mirror: dials two {@link Protocol#ROUTE} connections with the configuration (one joined
     * to the groups, one for dumps), and starts the {@code route-mirror} daemon thread, which syncs; see
     * {@link #awaitSynced(Duration)}.
     *
     * @param config the connections' configuration, such as {@code Config.DEFAULT.withNetns(path)}
     * @return the mirror, syncing
     * @throws NetlinkArgumentException if {@code config} is null
     * @throws NetlinkException if a connection cannot be dialled or a group joined
     */
    public static RouteMirror open(Config config) {
        requireArgument(config, "config");
        return open(config, config);
    }

    /**
     * {@link #open(Config)} with a configuration for each connection: for example a larger receive buffer
     * ({@link Config#withReceiveBufferSize(int)}) for the one receiving notifications.
     *
     * @param eventsConfig   the configuration of the connection joined to the groups
     * @param requestsConfig the configuration of the connection the dumps run on
     * @return the mirror, syncing
     * @throws NetlinkArgumentException if a configuration is null
     * @throws NetlinkException if a connection cannot be dialled or a group joined
     */
    public static RouteMirror open(Config eventsConfig, Config requestsConfig) {
        requireArgument(eventsConfig, "events config");
        requireArgument(requestsConfig, "requests config");
        Conn events = RouteMirrorSync.dialEvents(eventsConfig);
        Conn requests;
        try {
            requests = Conn.dial(Protocol.ROUTE, requestsConfig);
        } catch (RuntimeException e) {
            events.close();
            throw e;
        }
        RouteMirror mirror = new RouteMirror(RouteMirrorSync.Mode.SELF_DRIVEN, requests, events, eventsConfig, true);
        mirror.sync.startThread(mirror.sync::runSelfDriven);
        return mirror;
    }

    /**
     * Opens a self-driven mirror over two connections the caller dialled and keeps: it joins {@code events} to the
     * groups, receives on it and dumps on {@code requests}. {@link #close()} stops the thread (within a quarter
     * of a second) but does not close them; a failed {@code events} is not re-dialled.
     *
     * @param events   a {@link Protocol#ROUTE} connection used for nothing else
     * @param requests another {@link Protocol#ROUTE} connection, for the dumps
     * @return the mirror, syncing
     * @throws NetlinkArgumentException if a connection is null, of another protocol, or both are the same
     */
    public static RouteMirror open(Conn events, Conn requests) {
        checkConn(events, "events connection");
        checkConn(requests, "requests connection");
        if (events == requests) {
            throw new NetlinkArgumentException("route mirror: the events and requests connections must differ, a"
                    + " dump's replies and notifications would interleave on one socket");
        }
        for (RouteGroup g : RouteMirrorSync.GROUPS) {
            events.joinGroup(g.group());
        }
        RouteMirror mirror = new RouteMirror(RouteMirrorSync.Mode.SELF_DRIVEN, requests, events, null, false);
        mirror.sync.startThread(mirror.sync::runSelfDriven);
        return mirror;
    }

    /**
     * A mirror fed by the caller's own receive loop: pass it every notification with {@link #accept(Message)} and
     * call {@link #lost()} after an overrun or any gap; {@link #start()} makes the first dump. The caller's receiving
     * connection must be joined to every group of {@link #GROUPS} before {@link #start()}. Notifications accepted
     * before {@link #start()} has finished
     * wait and are applied after its dumps.
     *
     * @param requests a {@link Protocol#ROUTE} connection for the dumps, not the one receiving notifications; not
     *                 closed by the mirror
     * @return the mirror, not started
     * @throws NetlinkArgumentException if {@code requests} is null or of another protocol
     */
    public static RouteMirror fed(Conn requests) {
        checkConn(requests, "requests connection");
        return new RouteMirror(RouteMirrorSync.Mode.FED, requests, null, null, false);
    }

    /**
     * Makes the first dump of a {@link #fed(Conn) fed} mirror, on the calling thread, then starts the
     * {@code route-mirror} thread that resyncs after {@link #lost()} and polls proxy entries. Notifications
     * accepted meanwhile are applied after the dumps. The listeners see the dumped entries as
     * {@link RouteMirrorChange.Added} changes, not marked {@code resync}.
     *
     * @throws NetlinkException if the mirror is not a fed one, was started or closed, or a dump fails (the mirror
     *         is then left unsynced; call {@link #start()} again)
     */
    public void start() {
        sync.start();
    }

    /**
     * Applies one notification, as received from a connection joined to the groups: links, addresses, routes and
     * neighbours added, changed or removed, with the inferences documented above. Other message types and
     * families are ignored, so every message received may be passed. While a dump runs the message waits, and is
     * applied after it. A corrupt message is logged, skipped and counted as a loss.
     *
     * Once the mirror is closed, notifications are ignored.
     *
     * @param notification a message from the kernel
     * @throws NetlinkArgumentException if {@code notification} is null
     */
    public void accept(Message notification) {
        requireArgument(notification, "notification");
        sync.accept(notification);
    }

    /**
     * Reports that notifications may have been lost: an overrun (ENOBUFS), a truncated datagram, a re-dialled
     * socket. A {@link #fed(Conn) fed} mirror then resyncs at the next {@link #idle()}, or, for a feeder that never
     * calls it, once nothing has been accepted for 50 ms (at most 1 s after the first loss); keep accepting meanwhile. A mirror driven by hand only becomes unsynced until
     * {@link #resync(Conn)}. Cheap; several losses before the resync make one resync.
     */
    public void lost() {
        sync.lost();
    }

    /**
     * For a {@link #fed(Conn) fed} mirror: whether a resync is due, after {@link #lost()} or after a change the kernel
     * does not fully notify, and waits for {@link #idle()}. A feeder that can tell when its socket's queue is empty
     * receives with a short deadline while this is true (a few milliseconds), and calls {@link #idle()} when the
     * deadline passes with nothing received. The Spring Boot starter's receive loop does.
     *
     * @return true while a resync is due; always false for a mirror that is not fed, not started or closed
     */
    public boolean resyncPending() {
        return sync.resyncPending();
    }

    /**
     * For a {@link #fed(Conn) fed} mirror: tells it that the feeder's socket had nothing queued (a receive timed out),
     * so every notification the kernel sent so far was accepted. A due resync then starts at once on the
     * {@code route-mirror} thread; its dump reads the kernel in step with the stream, and notifications older than the
     * dump are never applied after it. Once a feeder has called this, the mirror no longer guesses from a quiet spell
     * that the feeder caught up: it resyncs when told, or 1 s after the loss or change that made the resync due if it
     * is never told. Cheap, and a no-op when nothing is due or the mirror is not fed.
     */
    public void idle() {
        sync.idle();
    }

    /**
     * Dumps every kind now, on the calling thread, behind the barrier (notifications accepted meanwhile are
     * applied after the dumps), and reports what differed as changes marked {@code resync} (the first dump of a
     * mirror driven by hand as plain additions). Serialised with the mirror's own resyncs.
     *
     * @param requests a {@link Protocol#ROUTE} connection that is not receiving the notifications
     * @throws NetlinkArgumentException if {@code requests} is null or of another protocol
     * @throws NetlinkException whatever a dump throws; the mirror then stays as it was, unsynced
     */
    public void resync(Conn requests) {
        checkConn(requests, "requests connection");
        sync.resync(requests);
    }

    /**
     * Adds a listener, called with every change from now on, in order, on the thread applying it. Changes the
     * listener throws on are logged, not retried.
     *
     * @param listener the listener
     * @return the snapshot the listener's changes start from: applying them in order to it gives the mirror's state
     * @throws NetlinkArgumentException if {@code listener} is null
     */
    public RouteMirrorSnapshot addListener(Consumer<RouteMirrorChange> listener) {
        requireArgument(listener, "listener");
        synchronized (lock) {
            tables.addListenerLocked(listener);
            return tables.snapshotLocked();
        }
    }

    /**
     * Removes a listener added with {@link #addListener(Consumer)}; it gets no change once this returns (unless
     * called from a listener, for the change being delivered).
     *
     * @param listener the listener
     * @return true when it was registered
     * @throws NetlinkArgumentException if {@code listener} is null
     */
    public boolean removeListener(Consumer<RouteMirrorChange> listener) {
        requireArgument(listener, "listener");
        synchronized (lock) {
            return tables.removeListenerLocked(listener);
        }
    }

    /**
     * @return what the mirror holds now; immutable. The same instance is returned until something changes.
     */
    public RouteMirrorSnapshot snapshot() {
        synchronized (lock) {
            return tables.snapshotLocked();
        }
    }

    /**
     * How many entries of a kind the mirror holds: the size of the matching list of {@link #snapshot()}, without
     * building a snapshot (for meters and health checks that poll).
     *
     * @param kind what to count
     * @return the number of links, addresses, routes or neighbour entries
     * @throws NetlinkArgumentException if {@code kind} is null
     */
    public int size(RouteMirrorChange.Kind kind) {
        requireArgument(kind, "kind");
        synchronized (lock) {
            return tables.sizeLocked(kind);
        }
    }

    /**
     * @return true once the first dump is in and no loss is waiting for (or undergoing) a resync. Notifications
     *         still in flight may make the mirror trail the kernel by a few milliseconds even then.
     */
    public boolean isSynced() {
        return sync.isSynced();
    }

    /**
     * Waits until the mirror is {@link #isSynced() synced}.
     *
     * @param timeout how long to wait at most; zero or negative does not wait
     * @return true when synced; false on timeout, or when the mirror was closed before it synced
     * @throws NetlinkArgumentException if {@code timeout} is null
     * @throws io.github.jnetlink.NetlinkInterruptedException if the thread is interrupted while waiting
     */
    public boolean awaitSynced(Duration timeout) {
        requireArgument(timeout, "timeout");
        return sync.awaitSynced(timeout);
    }

    /**
     * @return how many full resyncs after a loss have completed (the first dump not counted)
     */
    public long resyncs() {
        return sync.resyncs();
    }

    /**
     * @return how many targeted resyncs (one kind re-dumped after a change the kernel does not fully notify, and
     *         proxy-entry polls) have completed
     */
    public long targetedResyncs() {
        return sync.targetedResyncs();
    }

    /**
     * Stops the mirror's thread and, for a mirror from {@link #open(Config)}, closes both connections (which wakes
     * a blocked receive). The snapshots stay readable. Idempotent.
     */
    @Override
    public void close() {
        sync.close();
    }

    @Override
    public String toString() {
        return sync.toString();
    }

    private static void checkConn(Conn conn, String what) {
        requireArgument(conn, what);
        if (conn.protocol() != Protocol.ROUTE) {
            throw new NetlinkArgumentException("route mirror: the " + what + " must be dialled with Protocol.ROUTE"
                    + " (0), got " + Protocol.name(conn.protocol()) + " (" + conn.protocol() + ")");
        }
    }

    private static void requireArgument(Object value, String what) {
        if (value == null) {
            throw new NetlinkArgumentException("route mirror: " + what + " must not be null");
        }
    }
}
