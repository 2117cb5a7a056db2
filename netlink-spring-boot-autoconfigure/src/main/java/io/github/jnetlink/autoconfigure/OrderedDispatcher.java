package io.github.jnetlink.autoconfigure;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The lanes of a receive loop with {@code listener.concurrency} above 1: N threads, each taking events from a bounded
 * queue of its own and delivering them one at a time, in the order they were queued. The receive thread queues each
 * notification to the lane of its {@link NotificationKey}, so notifications about one object run in kernel order and
 * those about different objects run in parallel.
 *
 * <p>{@link #offer} never blocks: a full lane drops the event and says so, and the receive loop counts it. An overflow
 * <em>episode</em> of a lane begins with its first drop and ends when an offer finds the lane at most half full again;
 * {@link #offer} reports the first drop of each episode apart, so that the loop logs and publishes once per episode
 * rather than once per drop.
 *
 * <p>{@link #close} lets the lanes deliver what they hold until a deadline, then interrupts them and drops the rest.
 * A dispatcher is used once: a loop started again makes a new one.
 */
final class OrderedDispatcher {

    /** {@link #offer}: queued. */
    static final int QUEUED = 0;
    /** {@link #offer}: dropped, the first drop of an overflow episode of its lane. */
    static final int OVERFLOW_BEGAN = 1;
    /** {@link #offer}: dropped within an overflow episode already reported. */
    static final int DROPPED = 2;

    private static final Log logger = LogFactory.getLog(OrderedDispatcher.class);

    /** Queued behind the last event by {@link #close}, to wake a lane waiting for one. */
    private static final Object END = new Object();

    private final String connection;
    private final Lane[] lanes;
    private final int capacity;
    private final Consumer<Object> delivery;

    /**
     * @param connection the connection name, for logging
     * @param lanes      the number of lanes, 2 or more
     * @param capacity   the events each lane holds, 1 or more
     * @param threads    makes the lane threads, in lane order (named {@code netlink-listener-NAME-i} by the loop)
     * @param delivery   called on a lane's thread with each of its events in turn; must not throw
     */
    OrderedDispatcher(String connection, int lanes, int capacity, ThreadFactory threads, Consumer<Object> delivery) {
        this.connection = connection;
        this.capacity = capacity;
        this.delivery = delivery;
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            Lane lane = new Lane(capacity);
            lane.thread = threads.newThread(lane);
            this.lanes[i] = lane;
        }
    }

    /** Starts the lane threads. */
    void start() {
        for (Lane lane : lanes) {
            lane.thread.start();
        }
    }

    /** @return the number of lanes */
    int lanes() {
        return lanes.length;
    }

    /**
     * Queues an event to the lane of {@code key}. Called by the receive thread alone.
     *
     * @param key   the event's {@link NotificationKey}
     * @param event the event
     * @return {@link #QUEUED}, {@link #OVERFLOW_BEGAN} or {@link #DROPPED}
     */
    int offer(int key, Object event) {
        Lane lane = lanes[NotificationKey.lane(key, lanes.length)];
        if (lane.closed || !lane.queue.offer(event)) {
            if (lane.overflowing) {
                return DROPPED;
            }
            lane.overflowing = true;
            return OVERFLOW_BEGAN;
        }
        if (lane.overflowing && lane.queue.size() <= capacity / 2) {
            lane.overflowing = false;
        }
        return QUEUED;
    }

    /** @return the events queued and not yet taken, over all lanes */
    int queued() {
        int n = 0;
        for (Lane lane : lanes) {
            n += lane.queue.size();
        }
        return n;
    }

    /**
     * Ends the lanes: each delivers what it holds, until {@code deadline}; then the lanes still delivering are
     * interrupted, which ends a listener's wait or sleep that honours interrupts, and given one more second. A lane
     * whose thread is the caller's (a listener stopping its own loop) is not waited for: it ends when the listener
     * returns, after delivering what it holds.
     *
     * @param deadline when to stop waiting, from {@link System#nanoTime()}
     * @return the events dropped because the lanes did not deliver them in time
     */
    long close(long deadline) {
        for (Lane lane : lanes) {
            lane.closed = true;
            // a full queue has no room for END, but then its lane is not waiting: it sees closed once it drains
            lane.queue.offer(END);
        }
        Thread self = Thread.currentThread();
        try {
            for (Lane lane : lanes) {
                if (lane.thread != self) {
                    TimeUnit.NANOSECONDS.timedJoin(lane.thread, Math.max(1, deadline - System.nanoTime()));
                }
            }
            boolean interrupted = false;
            for (Lane lane : lanes) {
                if (lane.thread != self && lane.thread.isAlive()) {
                    lane.discard = true;
                    lane.thread.interrupt();
                    interrupted = true;
                }
            }
            if (interrupted) {
                logger.warn("netlink receive loop '" + connection + "' did not deliver its queued notifications within the"
                        + " stop grace: a listener is still running; interrupting it and dropping the rest");
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                for (Lane lane : lanes) {
                    if (lane.thread != self) {
                        TimeUnit.NANOSECONDS.timedJoin(lane.thread, Math.max(1, end - System.nanoTime()));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (Lane lane : lanes) {
                lane.discard = true;
            }
        }
        long dropped = 0;
        for (Lane lane : lanes) {
            if (lane.thread == self) {
                continue;
            }
            if (lane.thread.isAlive()) {
                logger.error("netlink receive loop '" + connection + "' is stuck in a listener that ignores interrupts; its"
                        + " thread " + lane.thread.getName() + " is left running");
            }
            if (lane.discard) {
                for (Object e; (e = lane.queue.poll()) != null; ) {
                    if (e != END) {
                        dropped++;
                    }
                }
            }
        }
        return dropped;
    }

    /** One lane: its queue and the thread that empties it. */
    private final class Lane implements Runnable {

        final ArrayBlockingQueue<Object> queue;
        Thread thread;
        /** No more offers: the lane delivers what it holds and ends. */
        volatile boolean closed;
        /** The stop grace ran out: the lane delivers nothing more. */
        volatile boolean discard;
        /** Whether the lane is in an overflow episode; the receive thread's alone. */
        boolean overflowing;

        Lane(int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        @Override
        public void run() {
            while (!discard) {
                Object event;
                try {
                    event = closed ? queue.poll() : queue.take();
                } catch (InterruptedException e) {
                    // close() interrupts only once the grace is over and discard is set; otherwise go on
                    continue;
                }
                if (event == null || discard) {
                    return;
                }
                if (event != END) {
                    delivery.accept(event);
                } else if (queue.isEmpty()) {
                    return;
                }
            }
        }
    }
}
