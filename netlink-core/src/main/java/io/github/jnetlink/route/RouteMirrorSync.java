package io.github.jnetlink.route;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkOverrunException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.NetlinkTruncatedException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.RouteMirrorChange.Kind;
import io.github.jnetlink.route.RouteMirrorDumps.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What keeps a {@link RouteMirror}'s tables in step with the kernel: the barrier that holds notifications back while
 * a dump runs, the loss and targeted-resync ("dirty") bookkeeping, the resyncs themselves, and the bodies of the
 * {@code route-mirror} thread (self-driven and fed). {@link RouteMirror} validates arguments and delegates here.
 *
 * <p>Two locks, taken in this order: {@code dumpLock} serialises resyncs (a dump runs outside {@code lock}), and
 * {@code lock}, the mirror's single lock, guards the tables and every field below it.
 */
final class RouteMirrorSync implements RouteMirrorTables.TargetedResync {

    private static final System.Logger LOG = System.getLogger(RouteMirror.class.getName());
    static final List<RouteGroup> GROUPS = List.of(RouteGroup.LINK, RouteGroup.IPV4_IFADDR,
            RouteGroup.IPV6_IFADDR, RouteGroup.IPV4_ROUTE, RouteGroup.IPV6_ROUTE, RouteGroup.NEIGH,
            RouteGroup.IPV4_RULE, RouteGroup.IPV6_RULE, RouteGroup.NEXTHOP);
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
    /**
     * A fed mirror whose feeder calls {@link #idle()} resyncs when it does, in step with the stream; by itself only
     * this long after the loss or the change that made a resync due (a feeder that never finds its socket empty).
     */
    private static final long COOPERATIVE_MAX_NANOS = 1000 * MILLI;
    private static final long IDLE_MILLIS = 250;
    /** The first NOARP poll after a link or address change, and the interval of those that follow it. */
    private static final long NOARP_FIRST_NANOS = 300 * MILLI;
    private static final long NOARP_FAST_NANOS = 500 * MILLI;
    /** How long after a link or address change the kernel's reports may still create NOARP entries. */
    private static final long NOARP_WINDOW_NANOS = 5000 * MILLI;
    private static final long RETRY_MILLIS = 100;
    private static final Set<Kind> ALL = EnumSet.allOf(Kind.class);

    enum Reason { INITIAL, LOSS, TARGETED }

    enum Mode { SELF_DRIVEN, FED, MANUAL }

    private final Object lock;
    private final Object dumpLock = new Object();
    private final RouteMirrorTables tables;
    private final List<Message> buffered = new ArrayList<>();
    private final Mode mode;
    private final Conn requests;
    private final Config eventsConfig;
    private final boolean ownsConns;
    private volatile Conn events;
    private volatile boolean closed;
    private Thread thread;

    // guarded by lock
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
    /** When the NOARP neighbour entries are next re-dumped (with the proxy entries). */
    private long nextNoarpPoll;
    /** Until when NOARP entries are polled every {@link #NOARP_FAST_NANOS}, after a link or address change. */
    private long noarpWindowEnd;
    private long resyncs;
    private long targetedResyncs;
    /** The feeder calls {@link #idle()}: due resyncs wait for it (or for {@link #COOPERATIVE_MAX_NANOS}). */
    private boolean cooperative;
    /** {@link #idle()} was called since the fed thread last looked. */
    private boolean idleSignalled;

    RouteMirrorSync(Object lock, Mode mode, Conn requests, Conn events, Config eventsConfig, boolean ownsConns) {
        this.lock = lock;
        this.tables = new RouteMirrorTables(this);
        this.mode = mode;
        this.requests = requests;
        this.events = events;
        this.eventsConfig = eventsConfig;
        this.ownsConns = ownsConns;
        barrier = mode == Mode.FED;
    }

    /** @return the tables, guarded by the mirror's lock */
    RouteMirrorTables tables() {
        return tables;
    }

    // ---- what RouteMirror's public methods do, once their arguments are checked

    void start() {
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
        resync(requests, ALL, Scope.ALL, Reason.INITIAL);
        synchronized (lock) {
            if (started) {
                return;
            }
            started = true;
        }
        startThread(this::runFed);
    }

    void accept(Message notification) {
        if (!closed) {
            deliver(notification);
        }
    }

    void lost() {
        synchronized (lock) {
            markLostLocked();
        }
    }

    boolean resyncPending() {
        synchronized (lock) {
            return mode == Mode.FED && initialDone && !closed && (lost || dirty != 0);
        }
    }

    void idle() {
        synchronized (lock) {
            if (mode != Mode.FED) {
                return;
            }
            cooperative = true;
            if (lost || dirty != 0) {
                idleSignalled = true;
                lock.notifyAll();
            }
        }
    }

    void resync(Conn requests) {
        boolean first;
        synchronized (lock) {
            first = !initialDone;
        }
        resync(requests, ALL, Scope.ALL, first ? Reason.INITIAL : Reason.LOSS);
    }

    boolean isSynced() {
        synchronized (lock) {
            return syncedLocked();
        }
    }

    boolean awaitSynced(Duration timeout) {
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

    long resyncs() {
        synchronized (lock) {
            return resyncs;
        }
    }

    long targetedResyncs() {
        synchronized (lock) {
            return targetedResyncs;
        }
    }

    void close() {
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
                    + tables.sizeLocked(Kind.LINK) + " links, " + tables.sizeLocked(Kind.ADDRESS) + " addresses, "
                    + tables.sizeLocked(Kind.ROUTE) + " routes, " + tables.sizeLocked(Kind.NEIGHBOR)
                    + " neighbours, " + tables.sizeLocked(Kind.RULE) + " rules, " + tables.sizeLocked(Kind.NEXTHOP)
                    + " nexthops, " + (syncedLocked() ? "synced" : "not synced") + ", " + resyncs + " resyncs]";
        }
    }

    // ---- the self-driven thread

    void runSelfDriven() {
        boolean initial = true;
        while (!closed) {
            try {
                if (initial) {
                    resync(requests, ALL, Scope.ALL, Reason.INITIAL);
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
            proxyIn = Math.min(nextProxyPoll - now, nextNoarpPoll - now);
        }
        if (lostNow && now - lostSince() > MAX_QUIET_NANOS) {
            resync(requests, ALL, Scope.ALL, Reason.LOSS);
            return;
        }
        if (!lostNow && dirtyNow != 0 && dirtyAge > DIRTY_MAX_NANOS) {
            resync(requests, kinds(dirtyNow), Scope.ALL, Reason.TARGETED);
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
                resync(requests, ALL, Scope.ALL, Reason.LOSS);
            } else if (dirtyNow != 0) {
                resync(requests, kinds(dirtyNow), Scope.ALL, Reason.TARGETED);
            } else {
                Scope poll = duePoll(System.nanoTime());
                if (poll != null) {
                    resync(requests, EnumSet.of(Kind.NEIGHBOR), poll, Reason.TARGETED);
                }
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

    void runFed() {
        while (!closed) {
            try {
                Runnable work = null;
                synchronized (lock) {
                    long now = System.nanoTime();
                    long waitNanos = Math.max(MILLI, Math.min(nextProxyPoll - now, nextNoarpPoll - now));
                    boolean signalled = idleSignalled;
                    idleSignalled = false;
                    if (cooperative && lost) {
                        long lostFor = now - lostSince;
                        if (signalled || lostFor >= COOPERATIVE_MAX_NANOS) {
                            work = () -> resync(requests, ALL, Scope.ALL, Reason.LOSS);
                        } else {
                            waitNanos = Math.min(waitNanos, COOPERATIVE_MAX_NANOS - lostFor);
                        }
                    } else if (cooperative && dirty != 0) {
                        long dirtyFor = now - dirtySince;
                        if (signalled || dirtyFor >= COOPERATIVE_MAX_NANOS) {
                            Set<Kind> kinds = kinds(dirty);
                            work = () -> resync(requests, kinds, Scope.ALL, Reason.TARGETED);
                        } else {
                            waitNanos = Math.min(waitNanos, COOPERATIVE_MAX_NANOS - dirtyFor);
                        }
                    } else if (lost) {
                        long quietFor = now - Math.max(lastAccept, lostSince);
                        long lostFor = now - lostSince;
                        if (quietFor >= QUIET_NANOS || lostFor >= MAX_QUIET_NANOS) {
                            work = () -> resync(requests, ALL, Scope.ALL, Reason.LOSS);
                        } else {
                            waitNanos = Math.min(QUIET_NANOS - quietFor, MAX_QUIET_NANOS - lostFor);
                        }
                    } else if (dirty != 0) {
                        long quietFor = now - lastAccept;
                        if (quietFor >= DIRTY_QUIET_MILLIS * MILLI || now - dirtySince >= DIRTY_MAX_NANOS) {
                            Set<Kind> kinds = kinds(dirty);
                            work = () -> resync(requests, kinds, Scope.ALL, Reason.TARGETED);
                        } else {
                            waitNanos = DIRTY_QUIET_MILLIS * MILLI - quietFor;
                        }
                    } else {
                        Scope poll = duePollLocked(now);
                        if (poll != null) {
                            work = () -> resync(requests, EnumSet.of(Kind.NEIGHBOR), poll, Reason.TARGETED);
                        }
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

    private void resync(Conn conn, Set<Kind> kinds, Scope scope, Reason reason) {
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
                } else if (scope == Scope.ALL) {
                    dirty &= ~mask;
                }
                if (kinds.contains(Kind.NEIGHBOR)) {
                    long now = System.nanoTime();
                    nextProxyPoll = now + RouteMirror.PROXY_POLL_INTERVAL.toNanos();
                    if (scope != Scope.PROXY) {
                        nextNoarpPoll = now + (now - noarpWindowEnd < 0 ? NOARP_FAST_NANOS : RouteMirror.NOARP_POLL_INTERVAL.toNanos());
                    }
                }
            }
            EnumMap<Kind, Map<Object, Object>> dumped;
            try {
                dumped = RouteMirrorDumps.dump(conn, kinds, scope);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    if (reason != Reason.TARGETED) {
                        lossResyncRunning = false;
                        if (initialDone || wasLost) {
                            markLostLocked();
                        }
                    } else if (scope == Scope.ALL) {
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
                tables.mergeLocked(kinds, dumped, scope, marked, reason == Reason.TARGETED);
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

    // ---- applying notifications

    private void deliver(Message m) {
        synchronized (lock) {
            lastAccept = System.nanoTime();
            noarpSoonLocked(m);
            if (barrier) {
                buffered.add(m);
            } else {
                applySafelyLocked(m);
            }
        }
    }

    private void applySafelyLocked(Message m) {
        try {
            tables.applyLocked(m);
        } catch (MalformedMessageException e) {
            LOG.log(System.Logger.Level.WARNING, "route mirror: skipped a corrupt notification, resyncing: "
                    + e.getMessage(), e);
            markLostLocked();
        }
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

    @Override
    public void markDirtyLocked(Kind kind) {
        markDirtyLocked(mask(kind));
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

    /** @return the neighbour poll due at {@code now}, or null: NOARP entries (with the proxies) before proxies alone */
    private Scope duePoll(long now) {
        synchronized (lock) {
            return duePollLocked(now);
        }
    }

    private Scope duePollLocked(long now) {
        if (now - nextNoarpPoll >= 0) {
            return Scope.UNNOTIFIED;
        }
        return now - nextProxyPoll >= 0 ? Scope.PROXY : null;
    }

    /**
     * A link or address change makes the kernel send IGMP and MLD reports, router solicitations and duplicate
     * address detection, and so create NOARP neighbour entries for their multicast destinations, unnotified, over
     * the next second or two: poll for them soon and then often for {@link #NOARP_WINDOW_NANOS}.
     */
    private void noarpSoonLocked(Message m) {
        int type = m.header().type();
        if (type != RouteMessageType.RTM_NEWLINK && type != RouteMessageType.RTM_NEWADDR) {
            return;
        }
        long now = System.nanoTime();
        noarpWindowEnd = now + NOARP_WINDOW_NANOS;
        if (nextNoarpPoll - (now + NOARP_FIRST_NANOS) > 0) {
            nextNoarpPoll = now + NOARP_FIRST_NANOS;
            lock.notifyAll();
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

    void startThread(Runnable body) {
        Thread t = new Thread(body, RouteMirror.THREAD_NAME);
        t.setDaemon(true);
        synchronized (lock) {
            thread = t;
        }
        t.start();
    }

    static Conn dialEvents(Config config) {
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
}
