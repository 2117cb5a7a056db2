package io.github.jnetlink.route;

import io.github.jnetlink.MalformedMessageException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A link's 64-bit counters, {@code struct rtnl_link_stats64} of {@code <linux/if_link.h>}, which the kernel
 * sends in {@code IFLA_STATS64} with every link. The counters are unsigned 64-bit values kept in Java
 * {@code long}s (use {@link Long#toUnsignedString(long)} past {@link Long#MAX_VALUE}); they count since the
 * device was created and are not reset by bringing it down.
 *
 * <p>The structure grew over time: kernels before 4.6 send the first 23 counters (184 bytes), before 5.19
 * 24; counters the kernel did not send are 0. {@link #encode()} always writes all 25 (200 bytes).
 *
 * @param rxPackets packets received
 * @param txPackets packets sent
 * @param rxBytes bytes received
 * @param txBytes bytes sent
 * @param rxErrors bad packets received
 * @param txErrors packets that could not be sent
 * @param rxDropped received packets dropped, for example for lack of memory
 * @param txDropped packets dropped on send
 * @param multicast multicast packets received
 * @param collisions collisions on send
 * @param rxLengthErrors received packets of a bad length
 * @param rxOverErrors receive ring buffer overflows
 * @param rxCrcErrors received packets with a bad CRC
 * @param rxFrameErrors received frame alignment errors
 * @param rxFifoErrors receive FIFO overruns
 * @param rxMissedErrors packets the hardware missed
 * @param txAbortedErrors sends aborted
 * @param txCarrierErrors carrier losses on send
 * @param txFifoErrors send FIFO errors
 * @param txHeartbeatErrors heartbeat errors on send
 * @param txWindowErrors late collisions
 * @param rxCompressed compressed packets received
 * @param txCompressed compressed packets sent
 * @param rxNohandler packets received with no protocol handler (Linux 4.6 and later, else 0)
 * @param rxOtherhostDropped packets dropped as addressed to another host (Linux 5.19 and later, else 0)
 */
public record LinkStats(
        long rxPackets,
        long txPackets,
        long rxBytes,
        long txBytes,
        long rxErrors,
        long txErrors,
        long rxDropped,
        long txDropped,
        long multicast,
        long collisions,
        long rxLengthErrors,
        long rxOverErrors,
        long rxCrcErrors,
        long rxFrameErrors,
        long rxFifoErrors,
        long rxMissedErrors,
        long txAbortedErrors,
        long txCarrierErrors,
        long txFifoErrors,
        long txHeartbeatErrors,
        long txWindowErrors,
        long rxCompressed,
        long txCompressed,
        long rxNohandler,
        long rxOtherhostDropped) {

    /** The size of {@code struct rtnl_link_stats64} as this record encodes it, in bytes. */
    public static final int SIZE = 200;
    /** The smallest size a kernel sends: the 23 counters every kernel has had, in bytes. */
    public static final int MIN_SIZE = 184;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /**
     * Reads the structure from {@code length} bytes at {@code offset}; bytes past the known counters, which a
     * newer kernel may add, are ignored.
     *
     * @throws MalformedMessageException if {@code length} is below {@link #MIN_SIZE}
     */
    static LinkStats decode(byte[] b, int offset, int length) {
        return decode(b, offset, length, "IFLA_STATS64");
    }

    /** As {@link #decode(byte[], int, int)}, for an attribute of another name ({@code IFLA_STATS_LINK_64}). */
    static LinkStats decode(byte[] b, int offset, int length, String what) {
        if (length < MIN_SIZE) {
            throw new MalformedMessageException(what + " at offset " + (offset - 4) + ": " + length
                    + " bytes, struct rtnl_link_stats64 needs at least " + MIN_SIZE);
        }
        int count = Math.min(length / 8, SIZE / 8);
        return new LinkStats(
                field(b, offset, count, 0),
                field(b, offset, count, 1),
                field(b, offset, count, 2),
                field(b, offset, count, 3),
                field(b, offset, count, 4),
                field(b, offset, count, 5),
                field(b, offset, count, 6),
                field(b, offset, count, 7),
                field(b, offset, count, 8),
                field(b, offset, count, 9),
                field(b, offset, count, 10),
                field(b, offset, count, 11),
                field(b, offset, count, 12),
                field(b, offset, count, 13),
                field(b, offset, count, 14),
                field(b, offset, count, 15),
                field(b, offset, count, 16),
                field(b, offset, count, 17),
                field(b, offset, count, 18),
                field(b, offset, count, 19),
                field(b, offset, count, 20),
                field(b, offset, count, 21),
                field(b, offset, count, 22),
                field(b, offset, count, 23),
                field(b, offset, count, 24));
    }

    private static long field(byte[] b, int offset, int count, int index) {
        return index < count ? (long) LONG.get(b, offset + index * 8) : 0;
    }

    /**
     * @return the structure as the kernel lays it out, in host byte order, {@link #SIZE} bytes
     */
    public byte[] encode() {
        byte[] b = new byte[SIZE];
        LONG.set(b, 0, rxPackets);
        LONG.set(b, 8, txPackets);
        LONG.set(b, 16, rxBytes);
        LONG.set(b, 24, txBytes);
        LONG.set(b, 32, rxErrors);
        LONG.set(b, 40, txErrors);
        LONG.set(b, 48, rxDropped);
        LONG.set(b, 56, txDropped);
        LONG.set(b, 64, multicast);
        LONG.set(b, 72, collisions);
        LONG.set(b, 80, rxLengthErrors);
        LONG.set(b, 88, rxOverErrors);
        LONG.set(b, 96, rxCrcErrors);
        LONG.set(b, 104, rxFrameErrors);
        LONG.set(b, 112, rxFifoErrors);
        LONG.set(b, 120, rxMissedErrors);
        LONG.set(b, 128, txAbortedErrors);
        LONG.set(b, 136, txCarrierErrors);
        LONG.set(b, 144, txFifoErrors);
        LONG.set(b, 152, txHeartbeatErrors);
        LONG.set(b, 160, txWindowErrors);
        LONG.set(b, 168, rxCompressed);
        LONG.set(b, 176, txCompressed);
        LONG.set(b, 184, rxNohandler);
        LONG.set(b, 192, rxOtherhostDropped);
        return b;
    }
}
