package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Datagram;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkInterruptedException;
import io.github.jnetlink.NetlinkOverrunException;
import io.github.jnetlink.NetlinkTruncatedException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.uevent.Uevent;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

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
 * silently). {@link #stop()} closes the socket, which wakes the thread at once, waits up to one second,
 * then interrupts a listener still running and waits one more second.
 */
final class NetlinkReceiveLoop implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(NetlinkReceiveLoop.class);

    private final String name;
    private final Supplier<Conn> dialer;
    private final Map<Integer, String> groupNames;
    private final ApplicationEventPublisher publisher;

    private volatile Conn conn;
    private volatile Thread thread;
    private volatile boolean running;
    private long overruns;

    NetlinkReceiveLoop(String name, Supplier<Conn> dialer, Map<Integer, String> groupNames, ApplicationEventPublisher publisher) {
        this.name = name;
        this.dialer = dialer;
        this.groupNames = Map.copyOf(groupNames);
        this.publisher = publisher;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        conn = dialer.get();
        running = true;
        Thread t = new Thread(this::run, "netlink-receive-" + name);
        t.setDaemon(false);
        thread = t;
        t.start();
        logger.debug("netlink receive loop '" + name + "' started on " + conn);
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            t = thread;
            conn.close();
        }
        try {
            t.join(TimeUnit.SECONDS.toMillis(1));
            if (t.isAlive()) {
                // a listener is still running: interrupt it, which ends waits and sleeps that honour interrupts
                logger.warn("netlink receive loop '" + name + "' did not stop within 1 s: a listener is still running; interrupting it");
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
        return running;
    }

    /** @return the connection name */
    String name() {
        return name;
    }

    /** @return the loop's own socket, while running */
    Conn conn() {
        return conn;
    }

    private void run() {
        Conn c = conn;
        Thread self = Thread.currentThread();
        // A thread that stop() gave up on (a listener ignoring interrupts) may come back after a restart:
        // only the current run's thread may go on, or clear the running flag.
        while (running && thread == self) {
            try {
                if (c.protocol() == Protocol.KOBJECT_UEVENT) {
                    // uevents are text, not netlink messages
                    publish(new NetlinkUeventEvent(name, Uevent.parse(c.receiveBytes()), Instant.now()));
                    continue;
                }
                Datagram datagram = c.receiveDatagram();
                Instant now = Instant.now();
                String groupName = groupName(datagram.group());
                for (Message m : datagram.messages()) {
                    int type = m.header().type();
                    if (type == HeaderType.NOOP || type == HeaderType.DONE || type == HeaderType.ERROR) {
                        continue;
                    }
                    publish(new NetlinkMessageEvent(name, c.protocol(), datagram.group(), groupName, m, now));
                }
            } catch (NetlinkOverrunException e) {
                overruns++;
                logger.warn("netlink connection '" + name + "': receive buffer overrun, notifications were lost "
                        + "(overrun " + overruns + "); raise netlink.connections." + name + ".receive-buffer-size");
                publish(new NetlinkOverrunEvent(name, overruns, Instant.now()));
            } catch (NetlinkTruncatedException e) {
                // a notification too large for the buffer: it is lost like an overrun's, and the buffer has grown
                overruns++;
                logger.warn("netlink connection '" + name + "': a notification of " + e.length() + " bytes did not fit the "
                        + e.bufferSize() + "-byte receive buffer and was lost (overrun " + overruns + "); the buffer has grown");
                publish(new NetlinkOverrunEvent(name, overruns, Instant.now()));
            } catch (NetlinkInterruptedException e) {
                if (!running || thread != self) {
                    return;
                }
                logger.warn("netlink connection '" + name + "': receive loop interrupted while running; ignoring the interrupt");
                Thread.interrupted();
            } catch (NetlinkClosedException e) {
                if (running && thread == self) {
                    logger.error("netlink connection '" + name + "': socket closed under the receive loop", e);
                    running = false;
                }
                return;
            } catch (NetlinkException e) {
                logger.error("netlink connection '" + name + "': dropping a datagram: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                logger.error("netlink connection '" + name + "': unexpected failure in the receive loop; it goes on", e);
            }
        }
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
