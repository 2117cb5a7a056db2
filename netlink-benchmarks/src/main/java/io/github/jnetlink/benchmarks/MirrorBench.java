package io.github.jnetlink.benchmarks;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.RouteMirror;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link RouteMirror} costs, in a namespace holding N routes (the harness's W1 setup): the time from
 * {@code RouteMirror.open} to a consistent snapshot in hand (sockets, the dumps of every kind behind the barrier,
 * decoding, and the sorted snapshot), R times, next to the W1 dump of the same routes (one collected
 * {@code RTM_GETROUTE} dump on a fresh socket) measured alternately in the same process; and the heap the mirror
 * keeps per route.
 *
 * <pre>
 * ip netns exec NS java -jar nlbench.jar mirror N R
 * client=java workload=mirror n=100000 runs=5 median_ms=... dump_median_ms=... ratio=... bytes_per_route=... routes=...
 * </pre>
 */
final class MirrorBench {

    private MirrorBench() {
    }

    static void run(int n, int runs) throws Exception {
        double[] sync = new double[runs];
        double[] dump = new double[runs];
        int routes = 0;
        // warm-up: one mirror, one dump
        try (RouteMirror warm = RouteMirror.open(Config.DEFAULT)) {
            warm.awaitSynced(Duration.ofMinutes(2));
        }
        dumpOnce();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            dumpOnce();
            dump[i] = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            try (RouteMirror mirror = RouteMirror.open(Config.DEFAULT)) {
                if (!mirror.awaitSynced(Duration.ofMinutes(2))) {
                    NlBench.fail("mirror: not synced within 2 minutes");
                }
                // the consistent snapshot itself, sorted, is part of the time
                routes = mirror.snapshot().routes().size();
                sync[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        if (routes < n) {
            NlBench.fail("mirror: " + routes + " routes mirrored, fewer than " + n);
        }
        long before = usedHeap();
        RouteMirror kept = RouteMirror.open(Config.DEFAULT);
        kept.awaitSynced(Duration.ofMinutes(2));
        long after = usedHeap();
        int mirrored = kept.snapshot().routes().size();
        kept.close();
        Arrays.sort(sync);
        Arrays.sort(dump);
        double syncMedian = sync[runs / 2];
        double dumpMedian = dump[runs / 2];
        System.out.println(String.format(Locale.ROOT,
                "client=java workload=mirror n=%d runs=%d median_ms=%.2f min_ms=%.2f dump_median_ms=%.2f ratio=%.2f"
                        + " bytes_per_route=%d routes=%d",
                n, runs, syncMedian, sync[0], dumpMedian, syncMedian / dumpMedian, (after - before) / Math.max(1, mirrored), mirrored));
    }

    /** One RTM_GETROUTE dump of every family, as W1 does (collected). */
    private static void dumpOnce() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT)) {
            List<Message> replies = conn.execute(Message.of(NlBench.RTM_GETROUTE, HeaderFlags.REQUEST | HeaderFlags.DUMP, new byte[12]));
            if (replies.isEmpty()) {
                NlBench.fail("mirror: empty route dump");
            }
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }
}
