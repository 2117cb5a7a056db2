package io.github.jnetlink;

import java.util.List;

/**
 * Runs dumps until the kernel vouches for them. A dump ({@link HeaderFlags#DUMP}) larger than one datagram is
 * produced in rounds: the kernel fills a datagram, the reader drains it, the kernel resumes where it stopped.
 * Between rounds the table may change. Where the dump handler tracks a generation counter (IPv4 and IPv6 address
 * dumps do, with the namespace's address generation, as do several others), it records it in {@code cb->seq}
 * and, when it differs from the previous round's, sets
 * {@link HeaderFlags#DUMP_INTERRUPTED} ({@code NLM_F_DUMP_INTR}) on the next message: the list may miss an entry
 * or hold one twice. {@link Conn#execute(Message)} reports that as {@link DumpInterruptedException}; this class
 * reruns the dump until one pass completes without the mark, so the list returned is a consistent snapshot as
 * far as the kernel can tell.
 *
 * <p>Not every dump tracks one: IPv4 route dumps resume after the last prefix they sent and IPv6 route dumps
 * restart their walk, skipping what they counted, when the tree changed; neither sets {@code NLM_F_DUMP_INTR}, so
 * for them a completed dump is the kernel's best effort and this class makes a single attempt.
 *
 * <pre>{@code
 * Message request = Message.of(RouteMessageType.RTM_GETADDR, HeaderFlags.REQUEST | HeaderFlags.DUMP, new byte[8]);
 * List<Message> replies = Dumps.executeConsistent(conn, request, 5);
 * }</pre>
 *
 * <p>Each attempt is one {@link Conn#execute(Message)}, so each interrupted attempt is also reported to the
 * connection's {@link ConnObserver#executed(Message, long, RuntimeException)} with the
 * {@link DumpInterruptedException} as its failure: the way to count retries. Thread-safe as far as the
 * connection is; attempts follow each other without a pause.
 */
public final class Dumps {

    /** Attempts {@link #executeConsistent(Conn, Message)} makes: enough for a table under steady churn. */
    public static final int DEFAULT_ATTEMPTS = 5;

    private Dumps() {
    }

    /**
     * Executes a dump request, repeating it while the kernel marks the result {@code NLM_F_DUMP_INTR}, at most
     * {@link #DEFAULT_ATTEMPTS} times.
     *
     * @param conn    the connection
     * @param request a request with {@link HeaderFlags#DUMP} set
     * @return the replies of the first uninterrupted attempt, {@code NLMSG_DONE} removed
     * @throws DumpInterruptedException when every attempt was interrupted; see
     *         {@link #executeConsistent(Conn, Message, int)}
     * @throws NetlinkException for an invalid argument, or whatever {@link Conn#execute(Message)} throws
     */
    public static List<Message> executeConsistent(Conn conn, Message request) {
        return executeConsistent(conn, request, DEFAULT_ATTEMPTS);
    }

    /**
     * Executes a dump request, repeating it while the kernel marks the result {@code NLM_F_DUMP_INTR}. Every
     * attempt sends the request anew; a request whose sequence number is 0 gets a fresh one each time. Any other
     * failure (an error reply, a timeout, an overrun, a closed connection) ends the loop at once and propagates
     * unchanged.
     *
     * @param conn        the connection
     * @param request     a request with both bits of {@link HeaderFlags#DUMP} set: a dump only reads, so sending
     *                    it again is harmless, which is not true of other requests
     * @param maxAttempts how many times to run the dump at most, 1 or more
     * @return the replies of the first uninterrupted attempt, {@code NLMSG_DONE} removed
     * @throws DumpInterruptedException when all {@code maxAttempts} attempts were interrupted: never a silently
     *         inconsistent list. Its {@link DumpInterruptedException#messages()} are the last attempt's replies,
     *         its message names the number of attempts, and its cause is the last attempt's own exception
     * @throws NetlinkException if {@code conn} or {@code request} is null, the request is not a dump or
     *         {@code maxAttempts} is below 1; or whatever {@link Conn#execute(Message)} throws
     */
    public static List<Message> executeConsistent(Conn conn, Message request, int maxAttempts) {
        return executeConsistent(conn, request, maxAttempts, "dump");
    }

    /**
     * {@link #executeConsistent(Conn, Message, int)}, naming the operation as
     * {@link Conn#execute(Message, String)} does: every exception, the exhausted attempts' included, reports it.
     *
     * @param conn        the connection
     * @param request     a dump request
     * @param maxAttempts how many times to run the dump at most, 1 or more
     * @param operation   what the dump is, such as {@code "list links"}
     * @return the replies of the first uninterrupted attempt, {@code NLMSG_DONE} removed
     * @throws DumpInterruptedException when all attempts were interrupted
     */
    public static List<Message> executeConsistent(Conn conn, Message request, int maxAttempts, String operation) {
        requireRepeatable(conn, request, maxAttempts);
        DumpInterruptedException last = null;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            try {
                return conn.execute(request, operation);
            } catch (DumpInterruptedException e) {
                last = e;
            }
        }
        throw new DumpInterruptedException(operation, maxAttempts, last);
    }

    /**
     * {@link #executeConsistent(Conn, Message, int, String)} in place: {@link Conn#stream} hands every reply of
     * each attempt to {@code consumer}, and before an attempt that repeats an interrupted one, {@code restart}
     * runs, so the consumer can discard what it built from the inconsistent one.
     *
     * @param conn        the connection
     * @param request     a request with both bits of {@link HeaderFlags#DUMP} set
     * @param maxAttempts how many times to run the dump at most, 1 or more
     * @param operation   what the dump is, named by the exception when every attempt was interrupted
     * @param restart     run before each repeated attempt
     * @param consumer    receives the replies, as by {@link Conn#stream}
     * @return the number of replies the last attempt delivered
     * @throws DumpInterruptedException when all attempts were interrupted
     * @throws NetlinkException for an invalid argument, or whatever {@link Conn#stream} throws
     */
    public static long streamConsistent(Conn conn, Message request, int maxAttempts, String operation,
            Runnable restart, java.util.function.Consumer<? super MessageView> consumer) {
        requireRepeatable(conn, request, maxAttempts);
        if (restart == null || consumer == null) {
            throw new NetlinkArgumentException("consistent dump: restart and consumer must not be null");
        }
        DumpInterruptedException last = null;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            if (attempt > 0) {
                restart.run();
            }
            try {
                return conn.stream(request, consumer);
            } catch (DumpInterruptedException e) {
                last = e;
            }
        }
        throw new DumpInterruptedException(operation, maxAttempts, last);
    }

    private static void requireRepeatable(Conn conn, Message request, int maxAttempts) {
        if (conn == null || request == null) {
            throw new NetlinkArgumentException("consistent dump: connection and request must not be null");
        }
        // Both bits: a NEW request's EXCL or REPLACE reuses one of them, and such a request must not be repeated.
        if ((request.header().flags() & HeaderFlags.DUMP) != HeaderFlags.DUMP) {
            throw new NetlinkArgumentException("consistent dump: the request must carry NLM_F_DUMP (0x300), only a dump is"
                    + " safe to repeat; flags were " + HeaderFlags.toString(request.header().flags()));
        }
        if (maxAttempts < 1) {
            throw new NetlinkArgumentException("consistent dump: maxAttempts must be at least 1, got " + maxAttempts);
        }
    }
}
