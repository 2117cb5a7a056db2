package io.github.jnetlink.benchmarks;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkOverrunException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.Protocol;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Java client of the shared benchmark harness ({@code shared/bench/run.sh}): the three workloads of
 * its client contract, through the public {@link Conn} API only, the way an application would use it.
 *
 * <pre>
 * java -jar nlbench.jar dump N R              W1: R timed RTM_GETROUTE dumps (after one warm-up)
 * java -jar nlbench.jar getlink K             W2: K sequential RTM_GETLINK round trips for ifindex 1
 * java -jar nlbench.jar mcast M RCVBUF IDLE   W3: count RTM_NEWROUTE notifications of RTNLGRP_IPV4_ROUTE
 * java -jar nlbench.jar jmh [JMH options]     the JMH decode benchmarks (package jmh), e.g. -prof gc
 * java -jar nlbench.jar alloc K R             heap bytes allocated per W2 round trip and per W1 dump message,
 *                                             collected and through the view path
 * java -jar nlbench.jar spring mcast M RCVBUF IDLE   W3 through the Spring Boot starter and a @NetlinkListener
 * java -jar nlbench.jar mirror N R            a RouteMirror over N routes: time to a consistent snapshot, R times,
 *                                             next to the W1 dump; heap bytes kept per route
 * java -jar nlbench.jar stream dump N R       W1 through the streaming execute(request, consumer), counting
 *                                             routes as they arrive instead of collecting the dump
 * java -jar nlbench.jar view dump N R         W1 through Conn.stream(request, view consumer): in place, no
 *                                             message objects (the "view path")
 * java -jar nlbench.jar view getlink K        W2 through Conn.stream: each reply checked in place
 * </pre>
 *
 * The W2 result line also gives {@code dial_ms}, the time the first {@code Conn.dial} of the JVM took (jnr-ffi's
 * loading and the exchange warm-up). With {@code -Dnlbench.trace=FILE}, W2 also writes each round trip's
 * nanoseconds to FILE, one a line in the order they ran, to see when in a run the slow ones fall.
 *
 * Prints exactly one {@code client=java ...} result line on stdout, ending with the transport that carried it
 * ({@code transport=netlink-socket} for jnr-ffi, {@code netlink-socket-ffm} for java.lang.foreign) and the Java
 * feature version ({@code jvm=17}); exits non-zero on any protocol error
 * (a kernel error, a reply with the wrong sequence, port ID, type or index, an interrupted dump, a short
 * count), with the reason on stderr.
 */
public final class NlBench {

    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_GETROUTE = 26;
    static final int AF_INET = 2;
    static final int RTNLGRP_IPV4_ROUTE = 7;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

    /** The {@link Conn#transportKind()} of the last connection dialled, for the result line. */
    private static String transport;

    private NlBench() {
    }

    /**
     * A NETLINK_ROUTE connection in the current namespace, over the transport {@code Conn.dial} chooses: jnr-ffi, or
     * on Java 22+ with native access (this jar's manifest enables it for {@code java -jar}) and
     * netlink-transport-ffm in the jar, java.lang.foreign; {@code -Djnetlink.transport=jnr|ffm} forces one.
     */
    static Conn dial() {
        Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT);
        transport = conn.transportKind();
        return conn;
    }

    /** Prints a result line with the transport and Java version appended. */
    static void result(String line) {
        System.out.println(line + (transport == null ? "" : " transport=" + transport) + " jvm="
                + Runtime.version().feature());
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        try {
            switch (args[0]) {
                case "spring" -> {
                    // the harness appends the workload: "spring mcast M RCVBUF IDLE_MS" runs W3 through the
                    // starter; W1 and W2 are request/response and run as the core client does
                    if (args.length > 1 && args[1].equals("mcast")) {
                        SpringMcast.run(Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
                    } else {
                        main(Arrays.copyOfRange(args, 1, args.length));
                    }
                }
                case "stream", "view" -> {
                    // "stream dump N R" runs W1 without collecting the dump, "view dump N R" in place; the other
                    // workloads run as the core client does
                    if (args.length > 1 && args[1].equals("dump")) {
                        dump(Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                                args[0].equals("stream") ? Path.STREAM : Path.VIEW);
                    } else if (args.length > 1 && args[1].equals("getlink") && args[0].equals("view")) {
                        getlink(Integer.parseInt(args[2]), Path.VIEW);
                    } else {
                        main(Arrays.copyOfRange(args, 1, args.length));
                    }
                }
                case "dump" -> dump(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.COLLECT);
                case "getlink" -> getlink(Integer.parseInt(args[1]), Path.COLLECT);
                case "mcast" -> mcast(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                case "jmh" -> org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
                case "alloc" -> alloc(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
                case "mirror" -> MirrorBench.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
                default -> usage();
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            usage();
        } catch (NetlinkException e) {
            fail(args[0] + ": " + e);
        }
    }

    private static void usage() {
        System.err.println("usage: nlbench [spring|stream|view] dump N R | getlink K | mcast M RCVBUF IDLE_MS | jmh [JMH options] | alloc K R | mirror N R");
        System.exit(2);
    }

    static void fail(String message) {
        System.err.println("nlbench: " + message);
        System.exit(1);
    }

    /** How W1 reads a dump. */
    enum Path {
        /** {@link Conn#execute(Message)}: the dump collected into a list of messages. */
        COLLECT("java"),
        /** {@link Conn#execute(Message, java.util.function.Consumer)}: messages handed over one datagram at a time. */
        STREAM("java-stream"),
        /** {@link Conn#stream(Message, java.util.function.Consumer)}: views over the receive buffer, no messages. */
        VIEW("java-view");

        final String client;

        Path(String client) {
            this.client = client;
        }
    }

    /** W1: R timed RTM_GETROUTE dumps after one warm-up, each counting the routes, read the {@code path} way. */
    static void dump(int n, int runs, Path path) {
        Message request = routeDump();
        int[] streamedCount = new int[1];
        java.util.function.Consumer<Message> counter = m -> {
            if (m.header().type() == RTM_NEWROUTE) {
                streamedCount[0]++;
            }
        };
        java.util.function.Consumer<io.github.jnetlink.MessageView> viewCounter = v -> {
            if (v.type() == RTM_NEWROUTE) {
                streamedCount[0]++;
            }
        };
        java.util.function.ToIntFunction<Conn> oneDump = switch (path) {
            case STREAM -> conn -> {
                streamedCount[0] = 0;
                conn.execute(request, counter);
                return streamedCount[0];
            };
            case VIEW -> conn -> {
                streamedCount[0] = 0;
                conn.stream(request, viewCounter);
                return streamedCount[0];
            };
            case COLLECT -> conn -> countRoutes(conn.execute(request));
        };
        double[] ms = new double[runs];
        int fewest = Integer.MAX_VALUE;
        try (Conn conn = dial()) {
            oneDump.applyAsInt(conn);
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                int count = oneDump.applyAsInt(conn);
                ms[r] = (System.nanoTime() - t0) / 1e6;
                fewest = Math.min(fewest, count);
            }
        }
        if (fewest < n) {
            fail("dump returned " + fewest + " routes, expected at least " + n);
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        result(String.format(Locale.ROOT, "client=%s workload=dump n=%d runs=%d median_ms=%.3f min_ms=%.3f count=%d",
                path.client, n, runs, median(sorted), sorted[0], fewest));
    }

    /** The W2 request: {@code RTM_GETLINK} for ifindex 1. */
    static Message getLoopback() {
        byte[] ifinfomsg = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, 1).array();
        return Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg);
    }

    /** The W1 request: every IPv4 route ({@code RTM_GETROUTE}, {@code NLM_F_DUMP}, {@code rtm_family = AF_INET}). */
    static Message routeDump() {
        byte[] rtmsg = new byte[12];
        rtmsg[0] = AF_INET;
        return Message.of(RTM_GETROUTE, HeaderFlags.REQUEST | HeaderFlags.DUMP, rtmsg);
    }

    private static int countRoutes(List<Message> replies) {
        int count = 0;
        for (Message m : replies) {
            if (m.header().type() == RTM_NEWROUTE) {
                count++;
            }
        }
        return count;
    }

    /**
     * W2: K RTM_GETLINK round trips, each reply checked (type, port ID, index 1), read the {@code path} way:
     * collected by {@link Conn#execute(Message)}, or in place by {@link Conn#stream}.
     */
    static void getlink(int k, Path path) {
        Message request = getLoopback();
        long[] ns = new long[k];
        int checked = 0;
        long start;
        long end;
        long dialing = System.nanoTime();
        long dialNs;
        try (Conn conn = dial()) {
            dialNs = System.nanoTime() - dialing;
            java.util.function.IntSupplier roundTrip = roundTrip(conn, request, path);
            start = System.nanoTime();
            long prev = start;
            for (int i = 0; i < k; i++) {
                checked += roundTrip.getAsInt();
                long now = System.nanoTime();
                ns[i] = now - prev;
                prev = now;
            }
            end = prev;
        }
        trace(ns);
        Arrays.sort(ns);
        double totalMs = (end - start) / 1e6;
        result(String.format(Locale.ROOT,
                "client=%s workload=getlink n=%d runs=1 median_us=%.2f p99_us=%.2f ops_s=%d total_ms=%.1f count=%d dial_ms=%.1f",
                path.client, k, median(ns) / 1e3, ns[Math.min(k - 1, (int) (k * 0.99))] / 1e3,
                Math.round(k / (totalMs / 1e3)), totalMs, checked, dialNs / 1e6));
    }

    /**
     * One W2 round trip over {@code conn}, its reply checked; returns 1. In a method of its own, as an application's
     * request is, so that the JIT compiles it after a few thousand calls. Inlined into the timed loop instead, it ran
     * in the interpreter until that loop's on-stack replacement, some 60,000 iterations in.
     */
    private static java.util.function.IntSupplier roundTrip(Conn conn, Message request, Path path) {
        int pid = conn.pid();
        if (path == Path.VIEW) {
            int[] bad = new int[1];
            java.util.function.Consumer<io.github.jnetlink.MessageView> check = v -> {
                if (v.type() != RTM_NEWLINK || v.pid() != pid || v.payloadLength() < 16 || v.s32(4) != 1) {
                    bad[0]++;
                }
            };
            return () -> {
                // stream checks the sequence number, and the port ID where the reply carries one; the kernel's
                // unicast reply always does, so it must be ours.
                long replies = conn.stream(request, check);
                if (replies != 1 || bad[0] != 0) {
                    fail("RTM_GETLINK: " + replies + " replies, " + bad[0] + " unexpected (type, port ID or index)");
                }
                return 1;
            };
        }
        return () -> {
            List<Message> replies = conn.execute(request);
            if (replies.size() != 1) {
                fail("RTM_GETLINK: " + replies.size() + " replies, expected 1: " + replies);
            }
            Message reply = replies.get(0);
            if (reply.header().type() != RTM_NEWLINK || reply.header().pid() != pid || reply.data().length < 16
                    || (int) INT.get(reply.data(), 4) != 1) {
                fail("unexpected RTM_GETLINK reply " + reply + " (own port ID " + Integer.toUnsignedString(pid) + ")");
            }
            return 1;
        };
    }

    /** Writes each round trip's nanoseconds, in the order they ran, to the file {@code -Dnlbench.trace} names. */
    private static void trace(long[] ns) {
        String file = System.getProperty("nlbench.trace");
        if (file == null) {
            return;
        }
        try (PrintWriter out = new PrintWriter(file, StandardCharsets.US_ASCII)) {
            for (long t : ns) {
                out.println(t);
            }
        } catch (IOException e) {
            fail("nlbench.trace: cannot write " + file + ": " + e.getMessage());
        }
    }

    static void mcast(int m, int rcvbuf, int idleMs) {
        int received = 0;
        int enobufs = 0;
        long first = 0;
        long last = 0;
        int effective;
        try (Conn conn = dial()) {
            conn.joinGroup(RTNLGRP_IPV4_ROUTE);
            if (rcvbuf > 0) {
                conn.setReadBuffer(rcvbuf);
            }
            effective = conn.readBuffer();
            System.out.println("ready");
            System.out.flush();
            conn.setReadDeadline(Instant.now().plusSeconds(60));
            while (received < m) {
                // Before the first notification wait up to 60 s (the harness adds the routes only after
                // "ready"), afterwards end after IDLE_MS without one.
                try {
                    for (Message msg : conn.receive()) {
                        if (msg.header().type() == RTM_NEWROUTE) {
                            if (received == 0) {
                                first = System.nanoTime();
                            }
                            received++;
                            last = System.nanoTime();
                        }
                    }
                    if (received > 0) {
                        conn.setReadDeadline(Instant.now().plusMillis(idleMs));
                    }
                } catch (NetlinkOverrunException e) {
                    enobufs++;
                } catch (NetlinkTimeoutException e) {
                    break;
                }
            }
        }
        report(m, effective, received, enobufs, first, last);
    }

    /**
     * Allocation of the steady-state receive path, read from the thread's allocation counter: K
     * RTM_GETLINK round trips, then R RTM_GETROUTE dumps, each measured after the same amount of warm-up.
     * Everything is counted, the reply objects handed to the caller included.
     */
    static void alloc(int k, int runs) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        Message getlink = getLoopback();
        Message dump = routeDump();
        try (Conn conn = dial()) {
            for (int pass = 0; pass < 2; pass++) {
                long before = threads.getThreadAllocatedBytes(thread);
                int replyBytes = 0;
                for (int i = 0; i < k; i++) {
                    replyBytes = conn.execute(getlink).get(0).data().length;
                }
                long getlinkBytes = threads.getThreadAllocatedBytes(thread) - before;
                before = threads.getThreadAllocatedBytes(thread);
                long messages = 0;
                for (int r = 0; r < runs; r++) {
                    messages += conn.execute(dump).size();
                }
                long dumpBytes = threads.getThreadAllocatedBytes(thread) - before;
                long[] viewed = new long[1];
                before = threads.getThreadAllocatedBytes(thread);
                for (int r = 0; r < runs; r++) {
                    conn.stream(dump, v -> viewed[0]++);
                }
                long viewBytes = threads.getThreadAllocatedBytes(thread) - before;
                if (pass == 1) {
                    result(String.format(Locale.ROOT,
                            "client=java workload=alloc getlink_b_op=%.0f reply_payload_b=%d dump_b_msg=%.1f"
                                    + " view_dump_b_msg=%.2f dump_msgs=%d",
                            getlinkBytes / (double) k, replyBytes, dumpBytes / (double) messages,
                            viewBytes / (double) viewed[0], messages));
                }
            }
        }
    }

    static void report(int m, int rcvbuf, int received, int enobufs, long first, long last) {
        report(m, rcvbuf, received, enobufs, first, last, "java");
    }

    static void report(int m, int rcvbuf, int received, int enobufs, long first, long last, String client) {
        double spanMs = (last - first) / 1e6;
        result(String.format(Locale.ROOT,
                "client=" + client + " workload=mcast n=%d runs=1 rcvbuf=%d received=%d lost=%d enobufs=%d events_s=%d span_ms=%.1f count=%d",
                m, rcvbuf, received, m - received, enobufs, spanMs > 0 ? Math.round(received / (spanMs / 1e3)) : 0, spanMs, received));
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
