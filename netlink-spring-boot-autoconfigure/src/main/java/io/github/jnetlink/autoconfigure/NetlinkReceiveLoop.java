package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Datagram;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkInterruptedException;
import io.github.jnetlink.NetlinkOverrunException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.NetlinkTruncatedException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.RouteMirror;
import io.github.jnetlink.uevent.Uevent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * Receives one connection's multicast notifications on its own thread ({@code netlink-receive-NAME})
 * and publishes each message as a {@link NetlinkMessageEvent}, or for {@code kobject-uevent} each uevent as a
 * {@link NetlinkUeventEvent}. The loop has a socket of its own, joined to
 * the configured groups, so that requests on the connection's {@link Conn} bean never wait behind it.
 *
 * <p>An overrun is published as a {@link NetlinkOverrunEvent} and counted; the loop keeps running. Nothing
 * a listener throws stops it. Listeners run on this thread, so a listener that blocks holds up the others
 * of this connection: the kernel keeps queueing into the socket buffer, and once that is full it drops
 * notifications, which the loop reports as overruns when the listener returns (back-pressure, nothing lost
 * silently). {@link #stop()} closes the socket, which wakes the thread at once, waits for a listener still running
 * (up to {@code spring.lifecycle.timeout-per-shutdown-phase} when that is set, else one second), then interrupts it
 * and waits one more second.
 *
 * <p>As a {@link NetlinkListenerContainer} the loop can be paused (its socket closed and its thread ended, as by
 * {@link #stop()}, but still running in the lifecycle's eyes) and resumed on a new socket, which publishes a
 * {@link NetlinkResumeResyncEvent} first. With {@code listener.auto-startup=false} it does not start with the
 * context ({@link #isAutoStartup()}); the application starts it through the {@link NetlinkListenerContainerRegistry}.
 *
 * <p>A socket that breaks never makes the loop spin. A receive error that no retry can cure ({@code EBADF},
 * {@code ENOTSOCK}, {@code EINVAL}, ... from a descriptor closed or replaced underneath), {@value #REPEATED_ERRORS}
 * errors in a row without a successful receive in between, or the socket closed by someone other than
 * {@link #stop()} make the loop {@link State#FAILED}: it closes the socket, publishes a
 * {@link NetlinkListenerContainerFailedEvent}, waits (100 ms doubling to 30 s by default, see
 * {@link ReconnectBackoff}) and dials a new socket with the same dialer, again after each failed dial. A dial that
 * succeeds publishes a {@link NetlinkListenerContainerRecoveredEvent} and then a {@link NetlinkRecoveryResyncEvent}
 * (notifications of the gap were lost). The first failure of an outage is logged at ERROR with its stack trace, then
 * one line per attempt; the backoff starts again from its initial wait after a successful receive.
 *
 * <p>With {@code listener.concurrency} N above 1 the receive thread only reads the socket: it queues each notification
 * to one of N lanes ({@link OrderedDispatcher}), threads {@code netlink-listener-NAME-0} to {@code -(N-1)}, virtual
 * ones with {@code spring.threads.virtual.enabled} on Java 21 or later, which publish it as above. The lane is chosen
 * by the object the notification is about ({@link NotificationKey}): notifications about one link, address, route or
 * neighbour reach the listeners in kernel order; those about different objects may run at once and in any order. A
 * lane holds {@code listener.queue-capacity} notifications; when it is full, what arrives for it is dropped, counted
 * in {@link #overruns()} and {@link #overflows()}, logged and published as a {@link NetlinkOverrunEvent} once per
 * overflow episode (until the lane has drained to half), never waited for. Uevents go to lanes by their
 * {@code DEVPATH}. The resync, failure and recovery events are published on the receive thread, not through the
 * lanes, so a resync listener may run while lanes still deliver notifications received before the loss. {@link #stop()}
 * and {@link #pause()} end the lanes after the receive thread: what they hold is delivered before the call returns,
 * within the stop grace; what is left after it is dropped and counted as overflows. A loop started or resumed again has
 * new lanes.
 */
final class NetlinkReceiveLoop implements SmartLifecycle, NetlinkListenerContainer {

    /** What the loop is doing, for health and metrics. */
    enum State {
        /** {@link #start()} is opening the socket, or the thread has not begun receiving yet. */
        STARTING,
        /** Receiving on an open socket. */
        RUNNING,
        /** The socket failed: the loop waits out its backoff or dials a new socket. */
        FAILED,
        /** Paused by the application: no socket, nothing delivered, until resumed. */
        PAUSED,
        /** Not started, or stopped. */
        STOPPED
    }

    static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    /** Errors in a row, without a successful receive in between, that count as a broken socket. */
    static final int REPEATED_ERRORS = 3;
    /**
     * While the mirror has a resync due, a receive waits this long at most: when it passes with nothing received, the
     * socket's queue is empty and the mirror is told so ({@link RouteMirror#idle()}).
     */
    static final Duration IDLE_PROBE = Duration.ofMillis(5);

    /**
     * Receive errors of a socket that no retry can cure: the descriptor is closed ({@code EBADF}) or now names
     * something else ({@code ENOTSOCK}, {@code EINVAL}, {@code ENOTCONN}, {@code EOPNOTSUPP}), or the call itself is
     * broken ({@code EFAULT}).
     */
    static final Set<String> BROKEN_SOCKET = Set.of("EBADF", "ENOTSOCK", "EINVAL", "ENOTCONN", "EOPNOTSUPP", "EFAULT", "EPIPE");

    private static final Log logger = LogFactory.getLog(NetlinkReceiveLoop.class);

    private final String name;
    private final Supplier<Conn> dialer;
    private final Map<Integer, String> groupNames;
    private final ApplicationEventPublisher publisher;
    private final ReconnectBackoff backoff;
    /** Where a backing-off thread waits; {@link #stop()} wakes it. */
    private final Object pause = new Object();

    private volatile @Nullable Conn conn;
    private volatile @Nullable Thread thread;
    /** Whether the current thread may receive; false while paused. */
    private volatile boolean running;
    private volatile boolean paused;
    /** When the pause began, from {@link System#nanoTime()}. */
    private volatile long pausedSince;
    private volatile boolean autoStartup = true;
    /** How long {@link #stop()} waits for a listener still running before interrupting it. */
    private volatile Duration stopGrace = Duration.ofSeconds(1);
    private volatile State state = State.STOPPED;
    private volatile @Nullable RuntimeException lastFailure;
    private volatile long failures;
    /** Written by the loop's thread alone; read by health and metrics. */
    private volatile long overruns;
    /** The receive buffer the configuration asks for, in bytes, or 0 when unknown. */
    private volatile int requestedReceiveBuffer;
    /** {@code SO_RCVBUF} as read when the current socket was opened; 0 before. */
    private volatile int grantedReceiveBuffer;
    /** When the last datagram arrived, in epoch milliseconds; 0 before the first. Written by the receive thread only. */
    private volatile long lastReceivedMillis;
    /** Notifications published, counted by the receive thread only. */
    private volatile long notifications;
    /** Lanes calling the listeners; 1: the receive thread calls them. */
    private volatile int concurrency = 1;
    /** Notifications each lane holds. */
    private volatile int queueCapacity = 10_000;
    /** Whether lanes are virtual threads, on Java 21 and later. */
    private volatile boolean virtualThreads;
    /** The current run's lanes, or null with concurrency 1 and while stopped or paused. */
    private volatile @Nullable OrderedDispatcher dispatcher;
    /**
     * Notifications dropped because their lane was full, or still queued when the stop grace ran out. Written by the
     * receive thread, and by {@link #stop()} after that thread ended.
     */
    private volatile long overflows;
    /** The mirror this loop feeds ({@code mirror.enabled}), or null. */
    private volatile @Nullable RouteMirror mirror;
    /** Whether the mirror made its first dump: it is started once, at the loop's first start. */
    private boolean mirrorStarted;
    private final Object mirrorLock = new Object();

    NetlinkReceiveLoop(String name, Supplier<Conn> dialer, Map<Integer, String> groupNames, ApplicationEventPublisher publisher) {
        this(name, dialer, groupNames, publisher, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    /**
     * @param initialBackoff the wait before the first re-dial after a failure
     * @param maxBackoff     the longest wait between re-dials
     */
    NetlinkReceiveLoop(String name, Supplier<Conn> dialer, Map<Integer, String> groupNames, ApplicationEventPublisher publisher,
            Duration initialBackoff, Duration maxBackoff) {
        this.name = name;
        this.dialer = dialer;
        this.groupNames = Collections.unmodifiableMap(new LinkedHashMap<>(groupNames)); // configuration order
        this.publisher = publisher;
        this.backoff = new ReconnectBackoff(initialBackoff, maxBackoff);
    }

    @Override
    public void start() {
        synchronized (this) {
            if (running || paused) {
                return;
            }
            launch(null);
        }
        RouteMirror m = mirror;
        if (m == null) {
            return;
        }
        synchronized (mirrorLock) {
            if (mirrorStarted) {
                return;
            }
            // the socket has joined the mirror's groups: notifications from now on wait behind its first dump
            try {
                m.start();
            } catch (RuntimeException e) {
                stop();
                throw new NetlinkStartupException(name, null, null, List.of(), "netlink connection '" + name
                        + "': its RouteMirror cannot make its first dump: " + e.getMessage(), e);
            }
            mirrorStarted = true;
        }
    }

    /**
     * The mirror this loop feeds, in kernel order on the receive thread, before the notifications reach any listener;
     * set by {@link NetlinkConnectionsRegistrar} for {@code mirror.enabled}. The loop starts it once its socket has
     * joined, and tells it of every loss: overruns, truncated notifications, a replaced socket, a pause.
     *
     * @param mirror the mirror, made with {@code RouteMirror.fed}
     */
    public void setMirror(RouteMirror mirror) {
        this.mirror = mirror;
    }

    /** @return the mirror this loop feeds, or null */
    @Nullable RouteMirror mirror() {
        return mirror;
    }

    /** Notifications were lost: the mirror, if any, resyncs. */
    private void lostNotifications() {
        RouteMirror m = mirror;
        if (m != null) {
            m.lost();
        }
    }

    /** Hands a notification to the mirror, if any; a failure there never stops the loop. */
    private void mirror(Message m) {
        RouteMirror rm = mirror;
        if (rm == null) {
            return;
        }
        try {
            rm.accept(m);
        } catch (RuntimeException e) {
            logger.error("netlink connection '" + name + "': the RouteMirror failed on a notification; it resyncs", e);
            rm.lost();
        }
    }

    /**
     * Dials the socket and starts a thread on it.
     *
     * @param resync published by the new thread before it receives, or null
     */
    private void launch(NetlinkResyncEvent resync) {
        state = State.STARTING;
        try {
            conn = dialer.get();
        } catch (RuntimeException e) {
            state = State.STOPPED;
            throw e;
        }
        running = true;
        backoff.reset();
        int lanes = concurrency;
        OrderedDispatcher d = lanes > 1 ? new OrderedDispatcher(name, lanes, queueCapacity, laneThreads(), this::publish) : null;
        dispatcher = d;
        Thread t = new Thread(() -> run(resync, d), "netlink-receive-" + name);
        t.setDaemon(false);
        thread = t;
        if (d != null) {
            d.start();
        }
        t.start();
        logStarted(conn);
    }

    /**
     * One INFO line per start naming the groups and the receive buffer the kernel granted, and a WARN when it granted
     * less than was asked: the kernel reports {@code SO_RCVBUF} as twice the request, and caps a process without
     * {@code CAP_NET_ADMIN} at {@code net.core.rmem_max}.
     */
    private void logStarted(Conn c) {
        int granted;
        try {
            granted = c.readBuffer();
        } catch (RuntimeException e) {
            logger.info("netlink receive loop '" + name + "' started, groups " + groupNames.values() + "; its receive buffer "
                    + "cannot be read: " + e.getMessage());
            return;
        }
        grantedReceiveBuffer = granted;
        logger.info("netlink receive loop '" + name + "' started, groups " + groupNames.values() + ", receive buffer "
                + granted + " bytes granted");
        int asked = requestedReceiveBuffer;
        if (asked > 0 && granted < 2L * asked) {
            logger.warn("netlink connection '" + name + "': asked for a receive buffer of " + asked + " bytes, the kernel"
                    + " granted " + granted + " (it reports twice what it reserves, so " + (granted / 2) + " usable); an"
                    + " unprivileged process is capped at net.core.rmem_max: raise it (sysctl -w net.core.rmem_max="
                    + asked + ") or grant CAP_NET_ADMIN, or notifications may be lost as overruns in bursts");
        }
    }

    /**
     * The lane threads' factory: virtual threads when {@code spring.threads.virtual.enabled} and the JVM has them (21
     * and later), else platform threads; named {@code netlink-listener-NAME-i}, from 0 in each run.
     */
    private ThreadFactory laneThreads() {
        String prefix = "netlink-listener-" + name + "-";
        if (virtualThreads && Runtime.version().feature() >= 21) {
            // Spring's multi-release class: Thread.ofVirtual() on 21+, where this project compiles for 17
            return new VirtualThreadTaskExecutor(prefix).getVirtualThreadFactory();
        }
        AtomicInteger next = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + next.getAndIncrement());
            t.setDaemon(false);
            return t;
        };
    }

    @Override
    public void stop() {
        Thread t;
        OrderedDispatcher d;
        synchronized (this) {
            if (paused) {
                paused = false;
                state = State.STOPPED;
                return;
            }
            if (!running) {
                return;
            }
            d = dispatcher;
            t = halt(State.STOPPED);
        }
        await(t, d);
    }

    @Override
    public void pause() {
        Thread t;
        OrderedDispatcher d;
        synchronized (this) {
            if (!running) {
                return;
            }
            paused = true;
            pausedSince = System.nanoTime();
            d = dispatcher;
            t = halt(State.PAUSED);
        }
        logger.info("netlink receive loop '" + name + "' paused; notifications are lost until it is resumed");
        await(t, d);
    }

    @Override
    public synchronized void resume() {
        if (!paused) {
            return;
        }
        Duration pausedFor = Duration.ofNanos(System.nanoTime() - pausedSince);
        state = State.STARTING;
        try {
            launch(new NetlinkResumeResyncEvent(name, pausedFor, Instant.now()));
        } catch (RuntimeException e) {
            state = State.PAUSED;
            throw e;
        }
        paused = false;
    }

    /** Ends the current run: the thread may no longer go on, and its socket is closed. Called holding the lock. */
    private Thread halt(State next) {
        running = false;
        state = next;
        dispatcher = null;
        conn.close();
        return thread;
    }

    /**
     * Wakes a backing-off thread and waits for it to end, then for the lanes to deliver what they hold, all within the
     * stop grace; a thread whose listener stops the loop is not waited for.
     */
    private void await(Thread t, @Nullable OrderedDispatcher d) {
        synchronized (pause) {
            pause.notifyAll();
        }
        Duration grace = stopGrace;
        long deadline = System.nanoTime() + Math.max(TimeUnit.MILLISECONDS.toNanos(1), grace.toNanos());
        if (t != Thread.currentThread()) {
            // stop() or pause() from a listener on the receive thread: it ends when the listener returns
            join(t, grace);
        }
        if (d != null) {
            long dropped = d.close(deadline);
            if (dropped > 0) {
                overflows += dropped;
                overruns += dropped;
                logger.warn("netlink receive loop '" + name + "' dropped " + dropped + " queued notifications when it"
                        + " stopped (" + overflows + " dropped so far)");
            }
        }
    }

    private void join(Thread t, Duration grace) {
        try {
            t.join(Math.max(1, grace.toMillis()));
            if (t.isAlive()) {
                // a listener is still running: interrupt it, which ends waits and sleeps that honour interrupts
                logger.warn("netlink receive loop '" + name + "' did not stop within " + millis(grace)
                        + ": a listener is still running; interrupting it");
                t.interrupt();
                t.join(TimeUnit.SECONDS.toMillis(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            logger.error("netlink receive loop '" + name + "' is stuck in a listener that ignores interrupts; its thread "
                    + t.getName() + " is left running (the socket is closed)");
        }
    }

    @Override
    public boolean isRunning() {
        return running || paused;
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    /**
     * Whether the loop starts with the context; set by {@link NetlinkConnectionsRegistrar} from
     * {@code netlink.connections.NAME.listener.auto-startup}.
     *
     * @param autoStartup false to leave starting to the application
     */
    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    /**
     * How long {@link #stop()} waits for a listener still running before interrupting it; set by
     * {@link NetlinkConnectionsRegistrar} from {@code spring.lifecycle.timeout-per-shutdown-phase} when that is set.
     *
     * @param grace the wait, one second unless set
     */
    public void setStopGrace(Duration grace) {
        this.stopGrace = grace;
    }

    /** @return how long {@link #stop()} waits for a listener still running before interrupting it */
    Duration stopGrace() {
        return stopGrace;
    }

    @Override
    public String getConnectionName() {
        return name;
    }

    /** @return the connection name */
    String name() {
        return name;
    }

    /** @return the loop's own socket, while running; a new one after each recovery */
    @Nullable Conn conn() {
        return conn;
    }

    /** @return what the loop is doing */
    State state() {
        return state;
    }

    /** @return the last failure, of a receive or of a re-dial, or null when there was none */
    @Nullable RuntimeException lastFailure() {
        return lastFailure;
    }

    /** @return how many times the loop failed: once per {@link NetlinkListenerContainerFailedEvent} */
    long failures() {
        return failures;
    }

    /** @return the receive-buffer overruns and lost oversized notifications counted so far */
    long overruns() {
        return overruns;
    }

    /** @return the receive buffer asked for in bytes, 0 when the kernel default was kept */
    int requestedReceiveBuffer() {
        return requestedReceiveBuffer;
    }

    /** @return {@code SO_RCVBUF} of the socket as the kernel granted it when the socket opened, 0 before */
    int grantedReceiveBuffer() {
        return grantedReceiveBuffer;
    }

    /** @return when the last datagram or overrun report arrived, or null before the first */
    @Nullable Instant lastReceived() {
        long at = lastReceivedMillis;
        return at == 0 ? null : Instant.ofEpochMilli(at);
    }

    /** @return the notifications this loop published since it was created, uevents included */
    long notifications() {
        return notifications;
    }

    /**
     * @return the notifications dropped because their lane was full, or still queued when a stop's grace ran out;
     *         always 0 with concurrency 1
     */
    long overflows() {
        return overflows;
    }

    /** @return the lanes calling the listeners, 1 when the receive thread calls them */
    int concurrency() {
        return concurrency;
    }

    /** @return the notifications each lane holds */
    int queueCapacity() {
        return queueCapacity;
    }

    /** @return notifications queued to the lanes and not yet taken, 0 with concurrency 1 or while stopped */
    int queued() {
        OrderedDispatcher d = dispatcher;
        return d == null ? 0 : d.queued();
    }

    /**
     * How many lanes call the listeners; set by {@link NetlinkConnectionsRegistrar} from
     * {@code netlink.connections.NAME.listener.concurrency}. Takes effect at the next start or resume.
     *
     * @param concurrency 1 (the default) to call them on the receive thread, or more
     */
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    /**
     * How many notifications each lane holds before what arrives for it is dropped; set by
     * {@link NetlinkConnectionsRegistrar} from {@code netlink.connections.NAME.listener.queue-capacity}.
     *
     * @param capacity 1 or more, 10000 unless set
     */
    public void setQueueCapacity(int capacity) {
        this.queueCapacity = capacity;
    }

    /**
     * Whether the lanes are virtual threads; set by {@link NetlinkConnectionsRegistrar} from
     * {@code spring.threads.virtual.enabled}. Ignored before Java 21, as Spring Boot ignores that property there.
     *
     * @param virtualThreads true for virtual lanes
     */
    public void setVirtualThreads(boolean virtualThreads) {
        this.virtualThreads = virtualThreads;
    }

    /** @return the joined multicast groups, by number, with their configured names */
    Map<Integer, String> groups() {
        return groupNames;
    }

    /**
     * The receive buffer the configuration asks for, so that {@link #start()} can warn when the kernel granted less.
     * Set by {@link NetlinkConnectionsRegistrar} on the bean definition.
     *
     * @param bytes the requested size in bytes, or 0 when unknown
     */
    public void setRequestedReceiveBuffer(int bytes) {
        this.requestedReceiveBuffer = bytes;
    }

    /** Whether {@code self} is the thread of the current run, which alone may go on and change the state. */
    private boolean current(Thread self) {
        return running && thread == self;
    }

    private synchronized boolean enter(Thread self, State s) {
        if (!current(self)) {
            return false;
        }
        state = s;
        return true;
    }

    private void run(NetlinkResyncEvent resync, @Nullable OrderedDispatcher d) {
        Conn c = conn;
        Thread self = Thread.currentThread();
        int errors = 0;
        enter(self, State.RUNNING);
        if (resync != null && current(self)) {
            logger.info("netlink receive loop '" + name + "' resumed; notifications of the pause were lost");
            lostNotifications();
            publish(resync);
        }
        // A thread that stop() gave up on (a listener ignoring interrupts) may come back after a restart:
        // only the current run's thread may go on, or clear the running flag.
        while (current(self)) {
            try {
                receive(c, d);
                errors = 0;
            } catch (NetlinkOverrunException e) {
                received();
                errors = 0;
                overruns++;
                logger.warn("netlink connection '" + name + "': receive buffer overrun, notifications were lost "
                        + "(overrun " + overruns + "); raise netlink.connections." + name + ".receive-buffer-size");
                lostNotifications();
                publish(new NetlinkOverrunEvent(name, overruns, Instant.now()));
            } catch (NetlinkTruncatedException e) {
                // a notification too large for the buffer: it is lost like an overrun's, and the buffer has grown
                received();
                errors = 0;
                overruns++;
                logger.warn("netlink connection '" + name + "': a notification of " + e.length() + " bytes did not fit the "
                        + e.bufferSize() + "-byte receive buffer and was lost (overrun " + overruns + "); the buffer has grown");
                lostNotifications();
                publish(new NetlinkOverrunEvent(name, overruns, Instant.now()));
            } catch (NetlinkInterruptedException e) {
                if (!current(self)) {
                    return;
                }
                logger.warn("netlink connection '" + name + "': receive loop interrupted while running; ignoring the interrupt");
                Thread.interrupted();
            } catch (NetlinkClosedException e) {
                if (!current(self)) {
                    return;
                }
                // closed by someone else than stop(), through conn(): a socket like any other broken one
                c = recover(self, c, e);
                errors = 0;
            } catch (MalformedMessageException e) {
                // a datagram was received whole and dropped: the socket works, so this never counts towards a re-dial
                received();
                errors = 0;
                logger.error("netlink connection '" + name + "': dropping a datagram: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (!current(self)) {
                    return;
                }
                if (broken(e) || ++errors >= REPEATED_ERRORS) {
                    c = recover(self, c, e);
                    errors = 0;
                } else if (e instanceof NetlinkException) {
                    logger.error("netlink connection '" + name + "': receive failed (" + errors + " in a row; the socket is"
                            + " replaced after " + REPEATED_ERRORS + "): " + e.getMessage(), e);
                } else {
                    logger.error("netlink connection '" + name + "': unexpected failure in the receive loop; it goes on", e);
                }
            }
            if (c == null) {
                return;
            }
        }
    }

    private void receive(Conn c, @Nullable OrderedDispatcher d) {
        if (c.protocol() == Protocol.KOBJECT_UEVENT) {
            // uevents are text, not netlink messages
            byte[] bytes = c.receiveBytes();
            received();
            Uevent uevent = Uevent.parse(bytes);
            NetlinkUeventEvent event = new NetlinkUeventEvent(name, uevent, Instant.now());
            if (d == null) {
                notifications++;
                publish(event);
            } else if (dispatch(d, uevent.devpath().hashCode(), event)) {
                notifications++;
            }
            return;
        }
        RouteMirror rm = mirror;
        boolean probe = rm != null && rm.resyncPending();
        Datagram datagram;
        if (probe) {
            // the mirror's resync waits until this socket's queue is empty, so its dump never runs ahead of the stream
            c.setReadDeadline(Instant.now().plus(IDLE_PROBE));
            try {
                datagram = c.receiveDatagram();
            } catch (NetlinkTimeoutException e) {
                rm.idle();
                return;
            } finally {
                c.setReadDeadline(null);
            }
        } else {
            datagram = c.receiveDatagram();
        }
        received();
        Instant now = Instant.now();
        String groupName = groupName(datagram.group());
        for (Message m : datagram.messages()) {
            int type = m.header().type();
            if (type == HeaderType.NOOP || type == HeaderType.DONE || type == HeaderType.ERROR) {
                continue;
            }
            mirror(m);
            NetlinkMessageEvent event = new NetlinkMessageEvent(name, c.protocol(), datagram.group(), groupName, m, now);
            if (d == null) {
                notifications++;
                publish(event);
            } else if (dispatch(d, NotificationKey.of(c.protocol(), m), event)) {
                notifications++;
            }
        }
    }

    /**
     * Queues a notification to its lane, or counts it dropped when the lane is full; the first drop of an episode is
     * logged and published as a {@link NetlinkOverrunEvent}, on this thread.
     *
     * @return whether it was queued
     */
    private boolean dispatch(OrderedDispatcher d, int key, Object event) {
        int outcome = d.offer(key, event);
        if (outcome == OrderedDispatcher.QUEUED) {
            return true;
        }
        overflows++;
        overruns++;
        if (outcome == OrderedDispatcher.OVERFLOW_BEGAN) {
            logger.warn("netlink connection '" + name + "': a listener lane is full (" + queueCapacity + " notifications),"
                    + " dropping what arrives for it until it has drained to half (" + overflows + " dropped so far): the"
                    + " listeners are slower than the kernel; raise netlink.connections." + name + ".listener.concurrency"
                    + " or netlink.connections." + name + ".listener.queue-capacity, or make the listeners faster");
            publish(new NetlinkOverrunEvent(name, overruns, Instant.now()));
        }
        return false;
    }

    /** The socket works: the next failure waits the initial backoff again. */
    private void received() {
        backoff.reset();
        lastReceivedMillis = System.currentTimeMillis();
    }

    static boolean broken(RuntimeException e) {
        return e instanceof NetlinkSystemException s && BROKEN_SOCKET.contains(s.errnoName());
    }

    /**
     * Closes the broken socket and dials new ones under the backoff until one opens or the loop stops.
     *
     * @return the new socket, or null when the loop stopped meanwhile
     */
    private Conn recover(Thread self, Conn broken, RuntimeException cause) {
        long downSince = System.nanoTime();
        try {
            broken.close();
        } catch (RuntimeException e) {
            // nothing more can be done with it; the new socket is what matters
            logger.debug("netlink connection '" + name + "': closing the failed socket failed too", e);
        }
        if (!enter(self, State.FAILED)) {
            return null;
        }
        RuntimeException failure = cause;
        for (int attempt = 1; ; attempt++) {
            boolean first = backoff.isReset();
            Duration delay = backoff.next();
            failures++;
            lastFailure = failure;
            if (attempt == 1 && first) {
                logger.error("netlink connection '" + name + "': the receive loop's socket failed (" + failure.getMessage()
                        + "); notifications are not received until a new socket is open; closed it, dialing a new one in "
                        + millis(delay), failure);
            } else if (attempt == 1) {
                // failed again before a single successful receive: already reported with its stack trace
                logger.error("netlink connection '" + name + "': the receive loop's socket failed again before receiving ("
                        + failure.getMessage() + "); dialing a new one in " + millis(delay));
            } else {
                logger.warn("netlink connection '" + name + "': dialing a new socket for the receive loop failed (attempt "
                        + attempt + "): " + failure.getMessage() + "; next attempt in " + millis(delay));
            }
            publish(new NetlinkListenerContainerFailedEvent(name, failure, attempt, delay, Instant.now()));
            if (!pause(self, delay)) {
                return null;
            }
            Conn fresh;
            try {
                fresh = dialer.get();
            } catch (RuntimeException e) {
                failure = e;
                continue;
            }
            synchronized (this) {
                if (!current(self)) {
                    // stop() came during the dial and closed the old socket, not this one
                    fresh.close();
                    return null;
                }
                conn = fresh;
                state = State.RUNNING;
            }
            Duration downtime = Duration.ofNanos(System.nanoTime() - downSince);
            Instant now = Instant.now();
            logger.info("netlink connection '" + name + "': the receive loop has a new socket after " + millis(downtime)
                    + " and " + attempt + (attempt == 1 ? " attempt" : " attempts") + "; notifications of that time were lost");
            publish(new NetlinkListenerContainerRecoveredEvent(name, downtime, attempt, now));
            lostNotifications();
            publish(new NetlinkRecoveryResyncEvent(name, downtime, now));
            return fresh;
        }
    }

    /** Waits {@code delay} unless the loop stops first; an interrupt alone does not end the wait. */
    private boolean pause(Thread self, Duration delay) {
        long end = System.nanoTime() + delay.toNanos();
        synchronized (pause) {
            for (long left = delay.toNanos(); current(self) && left > 0; left = end - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(pause, left);
                } catch (InterruptedException e) {
                    // stop() interrupts only a thread that outlived its join; the flag is checked above
                }
            }
        }
        return current(self);
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    private void publish(Object event) {
        try {
            publisher.publishEvent(event);
        } catch (RuntimeException | Error e) {
            // @NetlinkListener methods catch their own failures; this is a plain @EventListener's, which
            // Spring's multicaster lets stop delivery of this event to the listeners after it
            logger.error("netlink connection '" + name + "': a listener of " + event + " failed", e);
        }
    }

    private String groupName(int group) {
        String n = groupNames.get(group);
        return n != null ? n : Integer.toString(group);
    }
}
