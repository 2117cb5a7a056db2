package io.github.jnetlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Warms up the request path once per JVM, at the first {@link Conn#dial}: {@link Conn#execute(Message)} and
 * {@link Conn#stream} with the send, the transport's receive, the reply engine and the parsing.
 *
 * <p>A fresh JVM interprets a round trip for its first few hundred requests, and runs code compiled with
 * profiling for a few thousand more: measured here, the p99 of 100,000 {@code RTM_GETLINK} round trips in a new
 * JVM is 19-31 µs, and 12-14 µs once 2,000 round trips ran first (C: 8.7 µs). So before the application's first
 * request, the same code runs {@link #EXCHANGES} times, or for {@link #BUDGET_NANOS} if that ends first: a
 * {@code NETLINK_ROUTE} connection of the same transport as the application's asks the kernel for the link with
 * index 1, the loopback that every network namespace has, reads the answer and is closed. The request only reads;
 * it needs no privilege and changes nothing. The warm-up goes through the real transport on purpose: the
 * compiled code then expects the transport class the application's connections use. An earlier warm-up over a
 * wrapper that answered for the kernel left the JIT's profile with a second class at every call into the transport,
 * and in two sets of 8 and 10 alternating runs W2's median was 0.1-0.5 µs higher than through the real
 * transport, its p99 0.2-1.6 µs higher. The budget counts from the open socket, as loading jnr-ffi takes about
 * 200 ms of the first dial by itself; the round trips then take 50-65 ms
 * here. Skipped with {@code -Djnetlink.warmup=false}, as the {@link ReceiveWarmup} is, and silently where the
 * socket cannot be made.
 */
final class ExchangeWarmup {

    /** Round trips: two thirds through {@code execute}, one third through {@code stream}, past the C1 thresholds. */
    static final int EXCHANGES = 3000;

    /** The longest the round trips may take, counted from the open socket: 250 ms, where the kernel answers slowly. */
    static final long BUDGET_NANOS = 250_000_000L;

    private static final AtomicBoolean DONE = new AtomicBoolean();
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_GETLINK = 18;

    private ExchangeWarmup() {
    }

    /** Runs the warm-up if no thread of this JVM has yet, and warm-ups are on ({@link Warmups}). */
    static void once() {
        Warmups.once(DONE, "exchange", () -> run(EXCHANGES, BUDGET_NANOS));
    }

    /**
     * Runs up to {@code exchanges} round trips of an {@code RTM_GETLINK} request for the loopback, stopping early
     * once {@code budgetNanos} have passed.
     *
     * @return the replies received and checked, one per round trip
     * @throws NetlinkException when the kernel's reply is not the loopback's link
     */
    static int run(int exchanges, long budgetNanos) {
        byte[] ifinfomsg = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, 1).array();
        Message request = Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg);
        long end = 0;
        int sent = 0;
        int replies = 0;
        try (Conn conn = Conn.over(NetlinkTransport.open(Protocol.ROUTE, Config.DEFAULT), Config.DEFAULT)) {
            conn.setReadDeadline(Instant.now().plusSeconds(5));
            // the budget counts from the open socket: loading the transport's classes is not the warm-up's
            end = System.nanoTime() + budgetNanos;
            int[] streamed = new int[1];
            java.util.function.Consumer<MessageView> count = v -> {
                if (v.type() == RTM_NEWLINK && v.payloadLength() >= 16 && v.s32(4) == 1) {
                    streamed[0]++;
                }
            };
            for (; sent < exchanges && (sent % 100 != 0 || System.nanoTime() - end < 0); sent++) {
                if (sent % 3 == 2) {
                    conn.stream(request, count);
                    continue;
                }
                List<Message> reply = conn.execute(request);
                if (reply.size() != 1 || !isLoopback(reply.get(0))) {
                    throw new MalformedMessageException("exchange warm-up: unexpected reply " + reply);
                }
                replies++;
            }
            replies += streamed[0];
        }
        if (replies != sent) {
            throw new MalformedMessageException("exchange warm-up: " + replies + " replies to " + sent + " requests");
        }
        return replies;
    }

    private static boolean isLoopback(Message reply) {
        byte[] data = reply.data();
        return reply.header().type() == RTM_NEWLINK && data.length >= 16
                && ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()).getInt(4) == 1;
    }
}
