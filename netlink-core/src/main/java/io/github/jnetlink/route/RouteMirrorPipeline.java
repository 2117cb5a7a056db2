package io.github.jnetlink.route;

import io.github.jnetlink.MessageView;
import io.github.jnetlink.NetlinkException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The route dump of a mirror, decoded and indexed on a second thread while the calling thread receives the rest.
 * The kernel writes each part of a dump during the {@code recvmsg} that asks for it, so the receiving thread spends
 * its time in the kernel, and the decoding of one part overlaps the kernel's filling of the next.
 *
 * <p>The first {@link #START_AFTER} routes are decoded in place on the receiving thread, as a small dump is whole:
 * a dump that is longer starts the second thread, which from then on alone adds to the table, in the dump's
 * order, until {@link #finish()} has waited for it. The payloads are copied into reused chunks; a chunk is handed
 * over when full, and when {@link #DEPTH} and two more are in use the receiving thread waits for one.
 *
 * <p>Not thread-safe: one dump, one receiving thread. {@link #close()} stops the second thread in any case.
 */
final class RouteMirrorPipeline implements AutoCloseable {

    /** Routes decoded on the receiving thread before the second one starts. */
    static final int START_AFTER = 2048;
    /** Chunks in flight, but for the one being filled and the one being decoded. */
    static final int DEPTH = 4;
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int CHUNK_MESSAGES = 1024;

    private final RouteMirrorRoutes entries;
    private final int startAfter;
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(DEPTH + 2);
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(DEPTH + 2);
    private int chunks;
    private Chunk current;
    private Thread thread;
    private volatile Throwable failure;
    private int inPlace;

    RouteMirrorPipeline(RouteMirrorRoutes entries) {
        this(entries, START_AFTER);
    }

    RouteMirrorPipeline(RouteMirrorRoutes entries, int startAfter) {
        this.entries = entries;
        this.startAfter = startAfter;
    }

    /** A chunk of route payloads, or a marker. */
    private static final class Chunk {
        static final Chunk RESTART = new Chunk(0, 0);
        static final Chunk END = new Chunk(0, 0);

        final byte[] data;
        final int[] offsets;
        final int[] lengths;
        int count;
        int used;

        Chunk(int bytes, int messages) {
            data = new byte[bytes];
            offsets = new int[messages];
            lengths = new int[messages];
        }

        boolean fits(int length) {
            return count < offsets.length && used + length <= data.length;
        }
    }

    /**
     * Takes one message of the dump, valid only during the call.
     *
     * @throws io.github.jnetlink.MalformedMessageException if it is not a route message
     * @throws NetlinkException if the decoding thread failed on an earlier route, with its exception as the cause
     */
    void accept(MessageView v) {
        RoutePayload.check(v, RouteMessageType.RTM_NEWROUTE, RouteMessage.HEADER_SIZE, "struct rtmsg");
        if (thread == null) {
            if (inPlace < startAfter) {
                inPlace++;
                add(RouteMessage.decode(v.type(), v.array(), v.payloadOffset(), v.payloadLength()));
                return;
            }
            start();
        }
        int length = v.payloadLength();
        if (current == null || !current.fits(length)) {
            handOver();
            current = freeChunk(length);
        }
        Chunk c = current;
        System.arraycopy(v.array(), v.payloadOffset(), c.data, c.used, length);
        c.offsets[c.count] = c.used;
        c.lengths[c.count] = length;
        c.count++;
        c.used += length;
    }

    /** The dump starts again ({@code NLM_F_DUMP_INTR}): the table is emptied, in order with the routes before. */
    void restart() {
        if (thread == null) {
            entries.clear();
            inPlace = 0;
            return;
        }
        handOver();
        put(Chunk.RESTART);
    }

    /**
     * Waits until every route taken has been added to the table.
     *
     * @throws NetlinkException if decoding one failed, with its exception as the cause
     */
    void finish() {
        if (thread == null) {
            return;
        }
        handOver();
        put(Chunk.END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkException("route mirror: interrupted while the route dump was decoded", e);
        }
        thread = null;
        rethrow();
    }

    /** Stops the decoding thread, if it still runs: after {@link #finish()}, or when the dump failed. */
    @Override
    public void close() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        thread = null;
        t.interrupt();
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void start() {
        Thread t = new Thread(this::decodeAll, RouteMirror.THREAD_NAME + "-decode");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void decodeAll() {
        try {
            while (true) {
                Chunk c = full.take();
                if (c == Chunk.END) {
                    return;
                }
                if (c == Chunk.RESTART) {
                    if (failure == null) {
                        entries.clear();
                    }
                    continue;
                }
                if (failure == null) {
                    try {
                        for (int i = 0; i < c.count; i++) {
                            add(RouteMessage.decode(RouteMessageType.RTM_NEWROUTE, c.data, c.offsets[i], c.lengths[i]));
                        }
                    } catch (RuntimeException | Error e) {
                        // keep taking chunks, so the receiving thread never waits for a thread that stopped
                        failure = e;
                    }
                }
                c.count = 0;
                c.used = 0;
                if (c.data.length == CHUNK_BYTES) {
                    free.offer(c);
                }
            }
        } catch (InterruptedException e) {
            // close(): the dump is abandoned
        }
    }

    private void add(RouteMessage r) {
        if (RouteMirrorKeys.keyed(r)) {
            entries.add(r);
        }
    }

    private void handOver() {
        rethrow();
        if (current != null && current.count > 0) {
            put(current);
            current = null;
        }
    }

    private Chunk freeChunk(int length) {
        if (length > CHUNK_BYTES) {
            return new Chunk(length, 1); // a route larger than a chunk (a long multipath list): its own, not reused
        }
        Chunk c = free.poll();
        if (c != null) {
            return c;
        }
        if (chunks < DEPTH + 2) {
            chunks++;
            return new Chunk(CHUNK_BYTES, CHUNK_MESSAGES);
        }
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkException("route mirror: interrupted while the route dump was decoded", e);
        }
    }

    private void put(Chunk c) {
        try {
            full.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkException("route mirror: interrupted while the route dump was decoded", e);
        }
    }

    private void rethrow() {
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }
}
