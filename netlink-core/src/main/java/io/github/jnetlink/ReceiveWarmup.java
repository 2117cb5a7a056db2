package io.github.jnetlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Warms up the receive path once per JVM, before the first multicast group is joined ({@link Conn#joinGroup}).
 *
 * <p>A listener's first burst arrives when nothing of the receive path has run yet: the interpreter drains the
 * socket while the JIT compiles, and on a machine where the producer takes the other core the compiler threads
 * take the listener's, so a burst that C drains with the default receive buffer (212,992 bytes, about 270
 * notifications of {@code skb} overhead) overruns it. Here the same code runs first on datagrams shaped like
 * rtnetlink notifications, sent from one private {@code NETLINK_USERSOCK} socket to another (a protocol whose
 * sockets any user may unicast to each other), and received through {@link Conn#receive()} and
 * {@link Conn#receiveDatagram()}: the transport's receive, the engine, parsing and the message objects, until the
 * JIT has compiled them. Nothing is sent to the kernel or to any other socket, and both sockets are closed.
 * Skipped with {@code -Djnetlink.warmup=false}, and silently where the sockets cannot be made.
 */
final class ReceiveWarmup {

    /** Datagrams received through each of the two paths: past the JIT's compile thresholds for their methods. */
    static final int DATAGRAMS = 3000;

    private static final AtomicBoolean DONE = new AtomicBoolean();

    private ReceiveWarmup() {
    }

    /** Runs the warm-up if no thread of this JVM has yet, and warm-ups are on ({@link Warmups}). */
    static void once() {
        Warmups.once(DONE, "receive", () -> run(DATAGRAMS));
    }

    /**
     * Sends {@code datagrams} notification-shaped datagrams to a private socket and receives each, half through
     * {@link Conn#receive()}, half through {@link Conn#receiveDatagram()}.
     *
     * @return the messages received, all of them
     */
    static int run(int datagrams) {
        int received = 0;
        try (NetlinkTransport sender = NetlinkTransport.open(Protocol.USERSOCK, Config.DEFAULT)) {
            sender.bind(0, 0);
            try (Conn receiver = Conn.dial(Protocol.USERSOCK, Config.DEFAULT.withTrustedPeers(Set.of(sender.pid())))) {
                receiver.setReadDeadline(Instant.now().plusSeconds(5));
                ByteBuffer datagram = notification();
                for (int i = 0; i < datagrams; i++) {
                    datagram.clear();
                    datagram.putInt(8, i + 1); // a sequence number, as the kernel numbers nothing in notifications
                    sender.send(datagram, receiver.pid());
                    received += (i & 1) == 0 ? receiver.receive().size() : receiver.receiveDatagram().messages().size();
                }
            }
        }
        return received;
    }

    /** An {@code RTM_NEWROUTE} of a host route, as {@code ipv4-route} carries it: rtmsg, RTA_TABLE, RTA_DST. */
    static ByteBuffer notification() {
        ByteBuffer b = ByteBuffer.allocateDirect(48).order(ByteOrder.nativeOrder());
        b.putInt(48).putShort((short) 24).putShort((short) 0).putInt(0).putInt(0); // nlmsghdr: RTM_NEWROUTE
        b.put((byte) 2).put((byte) 32).put((byte) 0).put((byte) 0) // rtmsg: AF_INET, /32, tos 0
                .put((byte) 254).put((byte) 3).put((byte) 0).put((byte) 6).putInt(0); // main, kernel, blackhole
        b.putShort((short) 8).putShort((short) 15).putInt(254); // RTA_TABLE
        b.putShort((short) 8).putShort((short) 1).put(new byte[] {11, 0, 0, 1}); // RTA_DST
        b.putShort((short) 4).putShort((short) 0); // an empty attribute of an unknown type, kept raw
        b.flip();
        return b;
    }
}
