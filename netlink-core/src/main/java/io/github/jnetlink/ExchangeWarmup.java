package io.github.jnetlink;

import io.github.jnetlink.bpf.RawInstruction;
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
 * request, the same code runs {@link #EXCHANGES} times over one private {@code NETLINK_USERSOCK} socket: a
 * request the connection sends to the kernel (port 0) is answered instead by the socket to itself, with an
 * {@code RTM_NEWLINK}-shaped reply carrying the request's sequence number and port ID. Nothing reaches the
 * kernel's protocol handlers or any other socket, and the socket is closed. It takes a few tens of milliseconds
 * of the first dial. Skipped with {@code -Djnetlink.warmup=false}, as the {@link ReceiveWarmup} is, and silently
 * where the socket cannot be made.
 */
final class ExchangeWarmup {

    /** Round trips: two thirds through {@code execute}, one third through {@code stream}, past the C1 thresholds. */
    static final int EXCHANGES = 3000;

    private static final AtomicBoolean DONE = new AtomicBoolean();
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_GETLINK = 18;

    private ExchangeWarmup() {
    }

    /** Runs the warm-up if no thread of this JVM has yet, and warm-ups are on ({@link Warmups}). */
    static void once() {
        Warmups.once(DONE, "exchange", () -> run(EXCHANGES));
    }

    /**
     * Runs {@code exchanges} round trips of an {@code RTM_GETLINK} request over a self-answering socket.
     *
     * @return the replies received and checked, one per round trip
     * @throws NetlinkException when a reply is not the answer the socket sent itself
     */
    static int run(int exchanges) {
        byte[] ifinfomsg = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, 1).array();
        Message request = Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg);
        NetlinkTransport socket = NetlinkTransport.open(Protocol.USERSOCK, Config.DEFAULT);
        int replies = 0;
        try (Conn conn = Conn.over(new SelfAnswering(socket), Config.DEFAULT)) {
            conn.setReadDeadline(Instant.now().plusSeconds(5));
            int[] streamed = new int[1];
            java.util.function.Consumer<MessageView> count = v -> {
                if (v.type() == RTM_NEWLINK && v.s32(4) == 1) {
                    streamed[0]++;
                }
            };
            for (int i = 0; i < exchanges; i++) {
                if (i % 3 == 2) {
                    conn.stream(request, count);
                    continue;
                }
                List<Message> reply = conn.execute(request);
                if (reply.size() != 1 || reply.get(0).header().type() != RTM_NEWLINK) {
                    throw new MalformedMessageException("exchange warm-up: unexpected reply " + reply);
                }
                replies++;
            }
            replies += streamed[0];
        }
        if (replies != exchanges) {
            throw new MalformedMessageException("exchange warm-up: " + replies + " replies to " + exchanges + " requests");
        }
        return replies;
    }

    /**
     * A transport over a real socket that answers what is sent to the kernel itself: the reply goes to the
     * socket's own port ID, to be received as the kernel's answer would be. Everything else is the socket's.
     */
    static final class SelfAnswering implements NetlinkTransport {
        private final NetlinkTransport socket;
        private final ByteBuffer reply = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());

        SelfAnswering(NetlinkTransport socket) {
            this.socket = socket;
        }

        @Override
        public void send(ByteBuffer datagram, int destination) {
            if (destination != 0) {
                socket.send(datagram, destination);
                return;
            }
            int at = datagram.position();
            reply.clear();
            // nlmsghdr: RTM_NEWLINK, the request's sequence number and port ID; ifinfomsg of index 1;
            // IFLA_IFNAME "lo" and IFLA_MTU 65536, as the kernel's reply for the loopback begins
            reply.putInt(48).putShort((short) RTM_NEWLINK).putShort((short) 0)
                    .putInt(datagram.getInt(at + 8)).putInt(datagram.getInt(at + 12));
            reply.putShort((short) 0).putShort((short) 772).putInt(1).putInt(0x49).putInt(0);
            reply.putShort((short) 7).putShort((short) 3).put((byte) 'l').put((byte) 'o').put((byte) 0).put((byte) 0);
            reply.putShort((short) 8).putShort((short) 4).putInt(65536);
            socket.send(reply.flip(), socket.pid());
        }

        @Override
        public String kind() {
            return "warm-up";
        }

        @Override
        public int protocol() {
            return socket.protocol();
        }

        @Override
        public void bind(int pid, int groups) {
            socket.bind(pid, groups);
        }

        @Override
        public int pid() {
            return socket.pid();
        }

        @Override
        public int receive(ByteBuffer buffer) {
            return socket.receive(buffer);
        }

        @Override
        public int tryReceive(ByteBuffer buffer) {
            return socket.tryReceive(buffer);
        }

        @Override
        public int lastSender() {
            return socket.lastSender();
        }

        @Override
        public int lastGroup() {
            return socket.lastGroup();
        }

        @Override
        public void joinGroup(int group) {
            socket.joinGroup(group);
        }

        @Override
        public void leaveGroup(int group) {
            socket.leaveGroup(group);
        }

        @Override
        public void setOption(ConnOption option, boolean enabled) {
            socket.setOption(option, enabled);
        }

        @Override
        public void setReceiveBufferSize(int bytes) {
            socket.setReceiveBufferSize(bytes);
        }

        @Override
        public int receiveBufferSize() {
            return socket.receiveBufferSize();
        }

        @Override
        public void setSendBufferSize(int bytes) {
            socket.setSendBufferSize(bytes);
        }

        @Override
        public int sendBufferSize() {
            return socket.sendBufferSize();
        }

        @Override
        public void attachFilter(List<RawInstruction> program) {
            socket.attachFilter(program);
        }

        @Override
        public void detachFilter() {
            socket.detachFilter();
        }

        @Override
        public void lockFilter() {
            socket.lockFilter();
        }

        @Override
        public void setReadDeadline(Instant deadline) {
            socket.setReadDeadline(deadline);
        }

        @Override
        public void setWriteDeadline(Instant deadline) {
            socket.setWriteDeadline(deadline);
        }

        @Override
        public void wakeup() {
            socket.wakeup();
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
