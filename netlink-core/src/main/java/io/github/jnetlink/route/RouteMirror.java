package io.github.jnetlink.route;

import static io.github.jnetlink.HeaderFlags.DUMP;
import static io.github.jnetlink.HeaderFlags.REQUEST;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Dumps;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkOverrunException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.NetlinkTruncatedException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.RouteMirrorChange.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A copy, kept in memory, of a network namespace's links, addresses, routes (every table, IPv4 and IPv6) and
 * neighbour entries (proxy entries included), as {@code ip -j link}, {@code ip -j addr},
 * {@code ip -j route show table all}, {@code ip -j -6 route show table all}, {@code ip -j neigh show nud all} and
 * {@code ip -j neigh show proxy} would show them, kept right through the kernel's unreliable multicast.
 *
 * <h2>Why it is hard</h2>
 * The kernel drops notifications when a listener's receive buffer is full and says only that it did (ENOBUFS,
 * {@link NetlinkOverrunException}); a datagram larger than the buffer is cut
 * ({@link NetlinkTruncatedException}). And some changes are never notified at all. So the mirror:
 * <ul>
 *   <li><b>starts with a barrier</b>: it joins the groups ({@link RouteGroup#LINK}, {@link RouteGroup#IPV4_IFADDR},
 *       {@link RouteGroup#IPV6_IFADDR}, {@link RouteGroup#IPV4_ROUTE}, {@link RouteGroup#IPV6_ROUTE},
 *       {@link RouteGroup#NEIGH}) first, then dumps links, addresses, routes, neighbours and proxy neighbours on a
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
 * neighbour its state, flags, type and hardware address. Counters, timers and cache information are not changes,
 * though the entries kept are always the kernel's latest messages whole.
 *
 * <h2>Three ways to drive it</h2>
 * <ol>
 *   <li>Self-driven, {@link #open(Config)}: the mirror dials two connections and runs one daemon thread named
 *       {@code route-mirror} that receives, applies, dumps and resyncs. {@link #close()} ends it.</li>
 *   <li>Fed, {@link #fed(Conn)}: the owner receives on its own connection (joined to the groups above) and
 *       passes every notification to {@link #accept(Message)}, in order, and calls {@link #lost()} after an
 *       overrun or any gap. {@link #start()} dumps. The mirror cannot see the owner's socket queue, so after
 *       {@link #lost()} its thread ({@code route-mirror}) waits until no notification has been accepted for 50 ms
 *       (at most 1 s), then resyncs; notifications accepted during the dumps wait and are applied after them.</li>
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

    /** How often the proxy neighbour entries, which the kernel never notifies, are re-dumped. */
    public static final Duration PROXY_POLL_INTERVAL = Duration.ofSeconds(1);

    static final String THREAD_NAME = "route-mirror";
    private static final System.Logger LOG = System.getLogger(RouteMirror.class.getName());
    private static final List<RouteGroup> GROUPS = List.of(RouteGroup.LINK, RouteGroup.IPV4_IFADDR,
            RouteGroup.IPV6_IFADDR, RouteGroup.IPV4_ROUTE, RouteGroup.IPV6_ROUTE, RouteGroup.NEIGH);
    private static final long MILLI = 1_000_000L;
    /** Fed mode: the owner's queue counts as drained once nothing was accepted for this long... */
    private static final long QUIET_NANOS = 50 * MILLI;
    /** ...or this long after the loss at most. */
    private static final long MAX_QUIET_NANOS = 1000 * MILLI;
    /** Self-driven: the receive deadline that, passing, shows the socket's queue empty. */
    private static final long DRAIN_MILLIS = 2;
    /** A targeted resync waits for this much quiet... */
    private static final long DIRTY_QUIET_MILLIS = 5;
    /** ...but not for longer than this. */
    private static final long DIRTY_MAX_NANOS = 200 * MILLI;
    private static final long IDLE_MILLIS = 250;
    private static final long RETRY_MILLIS = 100;
    private static final Set<Kind> ALL = EnumSet.allOf(Kind.class);

    private enum Reason { INITIAL, LOSS, TARGETED }

    private enum Mode { SELF_DRIVEN, FED, MANUAL }

    private final Object lock = new Object();
    private final Object dumpLock = new Object();
    private final EnumMap<Kind, Map<Object, Object>> tables = new EnumMap<>(Kind.class);
    private final List<Consumer<RouteMirrorChange>> listeners = new CopyOnWriteArrayList<>();
    private final List<Message> buffered = new ArrayList<>();
    private final Mode mode;
    private final Conn requests;
    private final Config eventsConfig;
    private final boolean ownsConns;
    private volatile Conn events;
    private volatile boolean closed;
    private Thread thread;

    // guarded by lock
    private RouteMirrorSnapshot cached = RouteMirrorSnapshot.EMPTY;
    private boolean barrier;
    private boolean initialDone;
    private boolean started;
    private boolean lost;
    private boolean lossResyncRunning;
    private long lostSince;
    private long lastAccept;
    private int dirty;
    private long dirtySince;
    private long nextProxyPoll;
    private long resyncs;
    private long targetedResyncs;

    /**
     * A mirror driven by hand: {@link #accept(Message)} applies each notification at once (until the first
     * {@link #resync(Conn)}, onto an empty mirror), {@link #resync(Conn)} dumps on the calling thread, behind the
     * barrier. {@link #lost()} only marks it not {@link #isSynced() synced} until the next {@link #resync(Conn)}.
     */
    public RouteMirror() {
        this(Mode.MANUAL, null, null, null, false);
    }

    private RouteMirror(Mode mode, Conn requests, Conn events, Config eventsConfig, boolean ownsConns) {
        this.mode = mode;
        this.requests = requests;
        this.events = events;
        this.eventsConfig = eventsConfig;
        this.ownsConns = ownsConns;
        for (Kind k : Kind.values()) {
            // insertion order: the dump's, which is nearly the snapshot's, so building a snapshot walks memory in order
            tables.put(k, new LinkedHashMap<>());
        }
        barrier = mode == Mode.FED;
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
        Conn events = dialEvents(eventsConfig);
        Conn requests;
        try {
            requests = Conn.dial(Protocol.ROUTE, requestsConfig);
        } catch (RuntimeException e) {
            events.close();
            throw e;
        }
        RouteMirror mirror = new RouteMirror(Mode.SELF_DRIVEN, requests, events, eventsConfig, true);
        mirror.startThread(mirror::runSelfDriven);
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
        for (RouteGroup g : GROUPS) {
            events.joinGroup(g.group());
        }
        RouteMirror mirror = new RouteMirror(Mode.SELF_DRIVEN, requests, events, null, false);
        mirror.startThread(mirror::runSelfDriven);
        return mirror;
    }

    /**
     * A mirror fed by the caller's own receive loop: pass it every notification with {@link #accept(Message)} and
     * call {@link #lost()} after an overrun or any gap; {@link #start()} makes the first dump. The caller's receiving
     * connection must be joined to {@link RouteGroup#LINK}, {@link RouteGroup#IPV4_IFADDR},
     * {@link RouteGroup#IPV6_IFADDR}, {@link RouteGroup#IPV4_ROUTE}, {@link RouteGroup#IPV6_ROUTE} and
     * {@link RouteGroup#NEIGH}, before {@link #start()}. Notifications accepted before {@link #start()} has finished
     * wait and are applied after its dumps.
     *
     * @param requests a {@link Protocol#ROUTE} connection for the dumps, not the one receiving notifications; not
     *                 closed by the mirror
     * @return the mirror, not started
     * @throws NetlinkArgumentException if {@code requests} is null or of another protocol
     */
    public static RouteMirror fed(Conn requests) {
        checkConn(requests, "requests connection");
        return new RouteMirror(Mode.FED, requests, null, null, false);
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
        if (mode != Mode.FED) {
            throw new NetlinkException("route mirror: start() is for a mirror made by fed(Conn); this one is "
                    + mode.name().toLowerCase().replace('_', '-'));
        }
        synchronized (lock) {
            if (closed) {
                throw new NetlinkClosedException("start route mirror");
            }
            if (started) {
                throw new NetlinkException("route mirror: already started");
            }
        }
        resync(requests, ALL, false, Reason.INITIAL);
        synchronized (lock) {
            if (started) {
                return;
            }
            started = true;
        }
        startThread(this::runFed);
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
        if (!closed) {
            deliver(notification);
        }
    }

    /**
     * Reports that notifications may have been lost: an overrun (ENOBUFS), a truncated datagram, a re-dialled
     * socket. A {@link #fed(Conn) fed} mirror then resyncs once nothing has been accepted for 50 ms (at most 1 s
     * after the first loss); keep accepting meanwhile. A mirror driven by hand only becomes unsynced until
     * {@link #resync(Conn)}. Cheap; several losses before the resync make one resync.
     */
    public void lost() {
        synchronized (lock) {
            markLostLocked();
        }
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
        boolean first;
        synchronized (lock) {
            first = !initialDone;
        }
        resync(requests, ALL, false, first ? Reason.INITIAL : Reason.LOSS);
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
            listeners.add(listener);
            return snapshotLocked();
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
            return listeners.remove(listener);
        }
    }

    /**
     * @return what the mirror holds now; immutable. The same instance is returned until something changes.
     */
    public RouteMirrorSnapshot snapshot() {
        synchronized (lock) {
            return snapshotLocked();
        }
    }

    /**
     * @return true once the first dump is in and no loss is waiting for (or undergoing) a resync. Notifications
     *         still in flight may make the mirror trail the kernel by a few milliseconds even then.
     */
    public boolean isSynced() {
        synchronized (lock) {
            return syncedLocked();
        }
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
        long end = System.nanoTime() + Math.max(0, saturatedNanos(timeout));
        synchronized (lock) {
            while (!syncedLocked() && !closed) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / MILLI));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new io.github.jnetlink.NetlinkInterruptedException("route mirror: await synced", e);
                }
            }
            return syncedLocked();
        }
    }

    /**
     * @return how many full resyncs after a loss have completed (the first dump not counted)
     */
    public long resyncs() {
        synchronized (lock) {
            return resyncs;
        }
    }

    /**
     * @return how many targeted resyncs (one kind re-dumped after a change the kernel does not fully notify, and
     *         proxy-entry polls) have completed
     */
    public long targetedResyncs() {
        synchronized (lock) {
            return targetedResyncs;
        }
    }

    /**
     * Stops the mirror's thread and, for a mirror from {@link #open(Config)}, closes both connections (which wakes
     * a blocked receive). The snapshots stay readable. Idempotent.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lock.notifyAll();
            t = thread;
        }
        if (ownsConns) {
            Conn e = events;
            if (e != null) {
                e.close();
            }
            requests.close();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "RouteMirror[" + mode.name().toLowerCase().replace('_', '-') + ", "
                    + tables.get(Kind.LINK).size() + " links, " + tables.get(Kind.ADDRESS).size() + " addresses, "
                    + tables.get(Kind.ROUTE).size() + " routes, " + tables.get(Kind.NEIGHBOR).size()
                    + " neighbours, " + (syncedLocked() ? "synced" : "not synced") + ", " + resyncs + " resyncs]";
        }
    }

    // ---- the self-driven thread

    private void runSelfDriven() {
        boolean initial = true;
        while (!closed) {
            try {
                if (initial) {
                    resync(requests, ALL, false, Reason.INITIAL);
                    initial = false;
                    continue;
                }
                step();
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                LOG.log(System.Logger.Level.WARNING, "route mirror: " + e.getMessage() + "; retrying", e);
                synchronized (lock) {
                    if (initialDone) {
                        markLostLocked();
                    }
                }
                pause(RETRY_MILLIS);
            }
        }
    }

    /** One receive, or the resync the last receives made due. */
    private void step() {
        long now = System.nanoTime();
        boolean lostNow;
        int dirtyNow;
        long dirtyAge;
        long proxyIn;
        synchronized (lock) {
            lostNow = lost;
            dirtyNow = dirty;
            dirtyAge = now - dirtySince;
            proxyIn = nextProxyPoll - now;
        }
        if (lostNow && now - lostSince() > MAX_QUIET_NANOS) {
            resync(requests, ALL, false, Reason.LOSS);
            return;
        }
        if (!lostNow && dirtyNow != 0 && dirtyAge > DIRTY_MAX_NANOS) {
            resync(requests, kinds(dirtyNow), false, Reason.TARGETED);
            return;
        }
        long wait = lostNow ? DRAIN_MILLIS : dirtyNow != 0 ? DIRTY_QUIET_MILLIS
                : Math.max(1, Math.min(IDLE_MILLIS, proxyIn / MILLI));
        Conn conn = events;
        List<Message> received;
        try {
            conn.setReadDeadline(Instant.now().plusMillis(wait));
            received = conn.receive();
        } catch (NetlinkTimeoutException e) {
            if (lostNow) {
                resync(requests, ALL, false, Reason.LOSS);
            } else if (dirtyNow != 0) {
                resync(requests, kinds(dirtyNow), false, Reason.TARGETED);
            } else if (System.nanoTime() >= nextProxyPoll()) {
                resync(requests, EnumSet.of(Kind.NEIGHBOR), true, Reason.TARGETED);
            }
            return;
        } catch (NetlinkOverrunException | NetlinkTruncatedException e) {
            lost();
            return;
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            redial(conn, e);
            return;
        }
        for (Message m : received) {
            deliver(m);
        }
    }

    private void redial(Conn failed, RuntimeException cause) {
        LOG.log(System.Logger.Level.WARNING, "route mirror: receiving notifications failed: " + cause.getMessage()
                + (ownsConns ? "; re-dialling" : "; retrying"), cause);
        lost();
        pause(RETRY_MILLIS);
        if (!ownsConns || closed) {
            return;
        }
        failed.close();
        Conn fresh = dialEvents(eventsConfig);
        synchronized (lock) {
            if (closed) {
                fresh.close();
                return;
            }
            events = fresh;
        }
    }

    // ---- the fed mirror's thread

    private void runFed() {
        while (!closed) {
            try {
                Runnable work = null;
                synchronized (lock) {
                    long now = System.nanoTime();
                    long waitNanos = Math.max(MILLI, nextProxyPoll - now);
                    if (lost) {
                        long quietFor = now - Math.max(lastAccept, lostSince);
                        long lostFor = now - lostSince;
                        if (quietFor >= QUIET_NANOS || lostFor >= MAX_QUIET_NANOS) {
                            work = () -> resync(requests, ALL, false, Reason.LOSS);
                        } else {
                            waitNanos = Math.min(QUIET_NANOS - quietFor, MAX_QUIET_NANOS - lostFor);
                        }
                    } else if (dirty != 0) {
                        long quietFor = now - lastAccept;
                        if (quietFor >= DIRTY_QUIET_MILLIS * MILLI || now - dirtySince >= DIRTY_MAX_NANOS) {
                            Set<Kind> kinds = kinds(dirty);
                            work = () -> resync(requests, kinds, false, Reason.TARGETED);
                        } else {
                            waitNanos = DIRTY_QUIET_MILLIS * MILLI - quietFor;
                        }
                    } else if (now >= nextProxyPoll) {
                        work = () -> resync(requests, EnumSet.of(Kind.NEIGHBOR), true, Reason.TARGETED);
                    }
                    if (work == null) {
                        lock.wait(Math.max(1, waitNanos / MILLI));
                        continue;
                    }
                }
                work.run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "route mirror: resync failed: " + e.getMessage()
                        + "; retrying", e);
                pause(RETRY_MILLIS);
            }
        }
    }

    // ---- resync: dump behind the barrier, compare, replace

    private void resync(Conn conn, Set<Kind> kinds, boolean proxyOnly, Reason reason) {
        synchronized (dumpLock) {
            int mask = mask(kinds);
            boolean wasLost;
            synchronized (lock) {
                barrier = true;
                wasLost = lost;
                if (reason != Reason.TARGETED) {
                    lost = false;
                    lossResyncRunning = true;
                    dirty = 0;
                } else if (!proxyOnly) {
                    dirty &= ~mask;
                }
                if (kinds.contains(Kind.NEIGHBOR)) {
                    nextProxyPoll = System.nanoTime() + PROXY_POLL_INTERVAL.toNanos();
                }
            }
            EnumMap<Kind, Map<Object, Object>> dumped;
            try {
                dumped = dump(conn, kinds, proxyOnly);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    if (reason != Reason.TARGETED) {
                        lossResyncRunning = false;
                        if (initialDone || wasLost) {
                            markLostLocked();
                        }
                    } else if (!proxyOnly) {
                        markDirtyLocked(mask);
                    }
                    if (mode != Mode.FED || initialDone) {
                        releaseBarrierLocked();
                    }
                    lock.notifyAll();
                }
                throw e;
            }
            synchronized (lock) {
                boolean marked = reason != Reason.INITIAL;
                List<Kind> order = new ArrayList<>(kinds);
                for (int i = order.size() - 1; i >= 0; i--) {
                    Kind k = order.get(i);
                    Map<Object, Object> now = dumped.get(k);
                    removeWhereLocked(k, (key, v) -> (!proxyOnly || isProxy(key)) && !now.containsKey(key), marked);
                }
                for (Kind k : order) {
                    Map<Object, Object> entries = dumped.get(k);
                    if (tables.get(k).isEmpty() && listeners.isEmpty()) {
                        // nothing to compare with and nobody to tell: the dump's map becomes the table as it is
                        tables.put(k, entries);
                        cached = null;
                        continue;
                    }
                    for (Map.Entry<Object, Object> e : entries.entrySet()) {
                        putLocked(k, e.getKey(), e.getValue(), marked);
                    }
                }
                switch (reason) {
                    case INITIAL -> initialDone = true;
                    case LOSS -> resyncs++;
                    case TARGETED -> targetedResyncs++;
                }
                if (reason != Reason.TARGETED) {
                    lossResyncRunning = false;
                }
                releaseBarrierLocked();
                lock.notifyAll();
            }
        }
    }

    private void releaseBarrierLocked() {
        barrier = false;
        if (!buffered.isEmpty()) {
            List<Message> waiting = new ArrayList<>(buffered);
            buffered.clear();
            for (Message m : waiting) {
                applySafelyLocked(m);
            }
        }
    }

    private static boolean isProxy(Object key) {
        return key instanceof RouteMirrorKeys.NeighborKey n && n.proxy();
    }

    private static EnumMap<Kind, Map<Object, Object>> dump(Conn conn, Set<Kind> kinds, boolean proxyOnly) {
        EnumMap<Kind, Map<Object, Object>> out = new EnumMap<>(Kind.class);
        for (Kind k : kinds) {
            Map<Object, Object> entries = new LinkedHashMap<>();
            switch (k) {
                case LINK -> {
                    for (Message m : dump(conn, RouteMessageType.RTM_GETLINK, new byte[LinkMessage.HEADER_SIZE],
                            "route mirror: dump links")) {
                        if (m.header().type() == RouteMessageType.RTM_NEWLINK) {
                            keep(entries, Kind.LINK, LinkMessage.decode(m));
                        }
                    }
                }
                case ADDRESS -> {
                    for (Message m : dump(conn, RouteMessageType.RTM_GETADDR, new byte[AddressMessage.HEADER_SIZE],
                            "route mirror: dump addresses")) {
                        if (m.header().type() == RouteMessageType.RTM_NEWADDR) {
                            keep(entries, Kind.ADDRESS, AddressMessage.decode(m));
                        }
                    }
                }
                case ROUTE -> {
                    List<Message> dumped = dump(conn, RouteMessageType.RTM_GETROUTE, new byte[RouteMessage.HEADER_SIZE],
                            "route mirror: dump routes");
                    // sized for the dump: growing a map of 100,000 routes step by step costs more than decoding them
                    entries = new LinkedHashMap<>((int) (dumped.size() / 0.75f) + 1);
                    for (Message m : dumped) {
                        if (m.header().type() == RouteMessageType.RTM_NEWROUTE) {
                            keep(entries, Kind.ROUTE, RouteMessage.decode(m));
                        }
                    }
                }
                case NEIGHBOR -> {
                    if (!proxyOnly) {
                        for (Message m : dump(conn, RouteMessageType.RTM_GETNEIGH,
                                new byte[NeighborMessage.HEADER_SIZE], "route mirror: dump neighbours")) {
                            if (m.header().type() == RouteMessageType.RTM_NEWNEIGH) {
                                keep(entries, Kind.NEIGHBOR, NeighborMessage.decode(m));
                            }
                        }
                    }
                    // A neighbour dump lists proxy entries only when asked with ndm_flags == NTF_PROXY, and then
                    // nothing else; kernels that do not know the flag answer with ordinary entries, skipped here.
                    byte[] ndmsg = new byte[NeighborMessage.HEADER_SIZE];
                    ndmsg[10] = (byte) NeighborMessage.NTF_PROXY;
                    for (Message m : dump(conn, RouteMessageType.RTM_GETNEIGH, ndmsg,
                            "route mirror: dump proxy neighbours")) {
                        if (m.header().type() == RouteMessageType.RTM_NEWNEIGH) {
                            NeighborMessage n = NeighborMessage.decode(m);
                            if ((n.flags() & NeighborMessage.NTF_PROXY) != 0) {
                                keep(entries, Kind.NEIGHBOR, n);
                            }
                        }
                    }
                }
            }
            out.put(k, entries);
        }
        return out;
    }

    private static void keep(Map<Object, Object> entries, Kind kind, Object entry) {
        Object key = RouteMirrorKeys.key(kind, entry);
        if (key != null) {
            entries.put(key, entry);
        }
    }

    private static List<Message> dump(Conn conn, int type, byte[] payload, String operation) {
        return Dumps.executeConsistent(conn, Message.of(type, REQUEST | DUMP, payload), Dumps.DEFAULT_ATTEMPTS,
                operation);
    }

    // ---- applying notifications

    private void deliver(Message m) {
        synchronized (lock) {
            lastAccept = System.nanoTime();
            if (barrier) {
                buffered.add(m);
            } else {
                applySafelyLocked(m);
            }
        }
    }

    private void applySafelyLocked(Message m) {
        try {
            applyLocked(m);
        } catch (MalformedMessageException e) {
            LOG.log(System.Logger.Level.WARNING, "route mirror: skipped a corrupt notification, resyncing: "
                    + e.getMessage(), e);
            markLostLocked();
        }
    }

    private void applyLocked(Message m) {
        int type = m.header().type();
        switch (type) {
            case RouteMessageType.RTM_NEWLINK, RouteMessageType.RTM_DELLINK ->
                    applyLink(LinkMessage.decode(m), type == RouteMessageType.RTM_DELLINK);
            case RouteMessageType.RTM_NEWADDR, RouteMessageType.RTM_DELADDR ->
                    applyAddress(AddressMessage.decode(m), type == RouteMessageType.RTM_DELADDR);
            case RouteMessageType.RTM_NEWROUTE, RouteMessageType.RTM_DELROUTE ->
                    applyRoute(RouteMessage.decode(m), type == RouteMessageType.RTM_DELROUTE, m.header().flags());
            case RouteMessageType.RTM_NEWNEIGH, RouteMessageType.RTM_DELNEIGH ->
                    applyNeighbor(NeighborMessage.decode(m), type == RouteMessageType.RTM_DELNEIGH);
            default -> {
            }
        }
    }

    private void applyLink(LinkMessage l, boolean deleted) {
        Integer key = RouteMirrorKeys.link(l);
        if (key == null) {
            return;
        }
        int index = key;
        if (deleted) {
            // unregister_netdevice: IPv4 routes through it go without notification, proxy entries too
            removeWhereLocked(Kind.NEIGHBOR, (k, v) -> ((NeighborMessage) v).index() == index, false);
            removeWhereLocked(Kind.ROUTE, (k, v) -> RouteMirrorKeys.uses((RouteMessage) v, index), false);
            removeWhereLocked(Kind.ADDRESS, (k, v) -> ((AddressMessage) v).index() == index, false);
            removeLocked(Kind.LINK, key, false);
            return;
        }
        LinkMessage old = (LinkMessage) putLocked(Kind.LINK, key, l, false);
        if ("veth".equals(l.kind()) && l.link() != null && l.link() == 0) {
            // A veth's first RTM_NEWLINK, sent before its peer exists, says IFLA_LINK 0; the kernel fills the peer
            // in later without notifying it, so a dump shows it.
            markDirtyLocked(mask(Kind.LINK));
        }
        if (!l.hasFlags(LinkMessage.IFF_UP)) {
            // fib_disable_ip on NETDEV_DOWN: every IPv4 route through the link but local ones, silently
            boolean[] multipath = {false};
            removeWhereLocked(Kind.ROUTE, (k, v) -> {
                RouteMessage r = (RouteMessage) v;
                if (r.family() != AddressFamily.INET || r.routeType() == RouteMessage.RTN_LOCAL
                        || !RouteMirrorKeys.uses(r, index)) {
                    return false;
                }
                if (!r.nextHops().isEmpty()) {
                    multipath[0] = true;
                    return false;
                }
                return true;
            }, false);
            if (multipath[0]) {
                markDirtyLocked(mask(Kind.ROUTE));
            }
            if (old != null && old.hasFlags(LinkMessage.IFF_UP)) {
                // neigh_ifdown also drops the link's proxy entries (pneigh_ifdown), silently
                removeWhereLocked(Kind.NEIGHBOR, (k, v) -> isProxy(k) && ((NeighborMessage) v).index() == index,
                        false);
            }
            return;
        }
        boolean carrier = l.hasFlags(LinkMessage.IFF_LOWER_UP);
        for (Object v : tables.get(Kind.ROUTE).values()) {
            RouteMessage r = (RouteMessage) v;
            if (RouteMirrorKeys.uses(r, index) && r.routeType() != RouteMessage.RTN_LOCAL
                    && linkDown(r, index) == carrier) {
                markDirtyLocked(mask(Kind.ROUTE));
                break;
            }
        }
    }

    private void applyAddress(AddressMessage a, boolean deleted) {
        RouteMirrorKeys.AddressKey key = RouteMirrorKeys.address(a);
        if (key == null) {
            return;
        }
        if (deleted) {
            removeLocked(Kind.ADDRESS, key, false);
            markDirtyLocked(mask(Kind.ROUTE));
        } else {
            putLocked(Kind.ADDRESS, key, a, false);
        }
    }

    private void applyRoute(RouteMessage r, boolean deleted, int headerFlags) {
        RouteMirrorKeys.RouteKey key = RouteMirrorKeys.route(r);
        if (key == null) {
            return;
        }
        if (r.family() == AddressFamily.INET6 && (!r.nextHops().isEmpty()
                || (!deleted && (headerFlags & HeaderFlags.REPLACE) != 0))) {
            markDirtyLocked(mask(Kind.ROUTE));
        }
        if (deleted) {
            if (removeLocked(Kind.ROUTE, key, false) == null && r.family() == AddressFamily.INET6) {
                markDirtyLocked(mask(Kind.ROUTE));
            }
            return;
        }
        if (r.family() == AddressFamily.INET && r.routeType() != RouteMessage.RTN_LOCAL && r.nextHops().isEmpty()
                && r.outputInterface() != null && tables.get(Kind.LINK).get(r.outputInterface()) instanceof LinkMessage l
                && !l.hasFlags(LinkMessage.IFF_UP)) {
            // the kernel refuses such a route (ENETDOWN) and flushes it when the link goes down: this notification
            // is older than what the mirror knows of the link, such as one waiting behind a dump
            return;
        }
        putLocked(Kind.ROUTE, key, r, false);
        if (r.routeType() == RouteMessage.RTN_LOCAL) {
            return;
        }
        for (int index : devices(r)) {
            LinkMessage link = (LinkMessage) tables.get(Kind.LINK).get(index);
            if (link != null && link.hasFlags(LinkMessage.IFF_UP)
                    && linkDown(r, index) == link.hasFlags(LinkMessage.IFF_LOWER_UP)) {
                markDirtyLocked(mask(Kind.ROUTE));
                return;
            }
        }
    }

    private void applyNeighbor(NeighborMessage n, boolean deleted) {
        RouteMirrorKeys.NeighborKey key = RouteMirrorKeys.neighbor(n);
        if (key == null) {
            return;
        }
        if (deleted) {
            removeLocked(Kind.NEIGHBOR, key, false);
        } else {
            putLocked(Kind.NEIGHBOR, key, n, false);
        }
    }

    private static List<Integer> devices(RouteMessage r) {
        List<Integer> out = new ArrayList<>(2);
        if (r.outputInterface() != null) {
            out.add(r.outputInterface());
        }
        for (NextHop h : r.nextHops()) {
            out.add(h.index());
        }
        return out;
    }

    /** @return whether the route's path through the link is marked {@code RTNH_F_LINKDOWN} */
    private static boolean linkDown(RouteMessage r, int index) {
        if (r.nextHops().isEmpty()) {
            return (r.flags() & NextHop.RTNH_F_LINKDOWN) != 0;
        }
        for (NextHop h : r.nextHops()) {
            if (h.index() == index && (h.flags() & NextHop.RTNH_F_LINKDOWN) == 0) {
                return false;
            }
        }
        return true;
    }

    // ---- the tables; every change goes through these and is emitted

    private Object putLocked(Kind kind, Object key, Object entry, boolean resync) {
        Object old = tables.get(kind).put(key, entry);
        cached = null;
        if (listeners.isEmpty()) {
            return old; // nobody to tell: no change objects (100,000 of them for a first dump of 100,000 routes)
        }
        if (old == null) {
            emit(new RouteMirrorChange.Added(kind, entry, resync));
        } else if (!RouteMirrorKeys.sameState(kind, old, entry)) {
            emit(new RouteMirrorChange.Changed(kind, old, entry, resync));
        }
        return old;
    }

    private Object removeLocked(Kind kind, Object key, boolean resync) {
        Object old = tables.get(kind).remove(key);
        if (old != null) {
            cached = null;
            emit(new RouteMirrorChange.Removed(kind, old, resync));
        }
        return old;
    }

    private void removeWhereLocked(Kind kind, java.util.function.BiPredicate<Object, Object> condition,
            boolean resync) {
        List<Object> gone = null;
        for (Iterator<Map.Entry<Object, Object>> it = tables.get(kind).entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Object, Object> e = it.next();
            if (condition.test(e.getKey(), e.getValue())) {
                it.remove();
                if (gone == null) {
                    gone = new ArrayList<>();
                }
                gone.add(e.getValue());
            }
        }
        if (gone != null) {
            cached = null;
            for (Object old : gone) {
                emit(new RouteMirrorChange.Removed(kind, old, resync));
            }
        }
    }

    private void emit(RouteMirrorChange change) {
        for (Consumer<RouteMirrorChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "route mirror: listener " + l + " failed on " + change, e);
            }
        }
    }

    private RouteMirrorSnapshot snapshotLocked() {
        if (cached == null) {
            cached = new RouteMirrorSnapshot(values(Kind.LINK), values(Kind.ADDRESS), values(Kind.ROUTE),
                    values(Kind.NEIGHBOR));
        }
        return cached;
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> values(Kind kind) {
        return new ArrayList<>((java.util.Collection<T>) tables.get(kind).values());
    }

    // ---- state helpers

    private boolean syncedLocked() {
        return initialDone && !lost && !lossResyncRunning;
    }

    private void markLostLocked() {
        if (!lost) {
            lost = true;
            lostSince = System.nanoTime();
        }
        lock.notifyAll();
    }

    private void markDirtyLocked(int mask) {
        if (dirty == 0) {
            dirtySince = System.nanoTime();
        }
        dirty |= mask;
        lock.notifyAll();
    }

    private long lostSince() {
        synchronized (lock) {
            return lostSince;
        }
    }

    private long nextProxyPoll() {
        synchronized (lock) {
            return nextProxyPoll;
        }
    }

    private static int mask(Kind kind) {
        return 1 << kind.ordinal();
    }

    private static int mask(Set<Kind> kinds) {
        int m = 0;
        for (Kind k : kinds) {
            m |= mask(k);
        }
        return m;
    }

    private static Set<Kind> kinds(int mask) {
        EnumSet<Kind> out = EnumSet.noneOf(Kind.class);
        for (Kind k : Kind.values()) {
            if ((mask & mask(k)) != 0) {
                out.add(k);
            }
        }
        return out;
    }

    private void startThread(Runnable body) {
        Thread t = new Thread(body, THREAD_NAME);
        t.setDaemon(true);
        synchronized (lock) {
            thread = t;
        }
        t.start();
    }

    private static Conn dialEvents(Config config) {
        Conn events = Conn.dial(Protocol.ROUTE, config);
        try {
            for (RouteGroup g : GROUPS) {
                events.joinGroup(g.group());
            }
        } catch (RuntimeException e) {
            events.close();
            throw e;
        }
        return events;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
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
