package io.github.jnetlink.test;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.ConnOption;
import io.github.jnetlink.Header;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.bpf.RawInstruction;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * An in-memory kernel for one netlink protocol, under real {@link Conn}s: {@link #dial()} returns a {@code Conn}
 * whose sequence numbers, reply matching, multipart draining, acknowledgements, errors, truncation and deadlines are
 * the production code, over a fake socket instead of {@code AF_NETLINK}. No native code is loaded.
 *
 * <pre>{@code
 * try (FakeKernel kernel = FakeKernel.create(Protocol.ROUTE)) {
 *     kernel.onRequest(request -> Replies.multipart(List.of(lo, eth0)));
 *     try (Conn conn = kernel.dial()) {
 *         List<Message> links = conn.execute(Message.of(RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, new byte[16]));
 *         assertThat(links).hasSize(2);
 *     }
 *     assertThat(kernel.requests()).singleElement().satisfies(r -> assertThat(r.header().type()).isEqualTo(RTM_GETLINK));
 * }
 * }</pre>
 *
 * <h2>What it does as the kernel does</h2>
 * <ul>
 *   <li>Each {@code FakeKernel} is a network namespace of its own with one port table. Binding to port ID 0 picks a
 *       unique one as {@code netlink_autobind} does: the process ID for the first socket, then -4096, -4097 and so
 *       on; binding to a port ID in use fails with {@code EADDRINUSE}. {@link Config#groups()} joins groups 1-32 at
 *       bind time.</li>
 *   <li>A sent datagram is handled on the sending thread before the send returns, message by message as
 *       {@code netlink_rcv_skb} does: messages without {@link HeaderFlags#REQUEST}, and control messages (types below
 *       {@link HeaderType#MIN_TYPE}), reach no handler and are only acknowledged if they asked; the others go, as one
 *       list, to the handler set with {@link #onRequest}. Its {@link Replies} are queued to the requesting socket
 *       (sender port ID 0, group 0) with the first request's sequence number and the socket's port ID filled in, then
 *       an acknowledgement for each message that asked for one (see {@link Replies}).</li>
 *   <li>Acknowledgements are {@code NLMSG_ERROR} with code 0 echoing the request's header only, flagged
 *       {@link HeaderFlags#CAPPED} (the kernel never echoes the payload of an acknowledgement); errors echo the whole
 *       request, or only its header and flag {@code NLM_F_CAPPED} when the socket turned on
 *       {@link ConnOption#CAP_ACKNOWLEDGE}.</li>
 *   <li>{@link #multicast} reaches every socket that joined the group, at bind or with {@code joinGroup}, with the
 *       group reported as {@code recvmsg} reports it (groups above 32 only with {@link ConnOption#PACKET_INFO}). A
 *       multicast that finds a socket's queue holding more bytes than its receive buffer is dropped and the socket
 *       gets {@code ENOBUFS}, as {@code netlink_broadcast} does (the kernel counts the larger {@code truesize}).</li>
 *   <li>An attached classic BPF filter runs on every datagram queued to the socket, replies included, with
 *       {@link io.github.jnetlink.bpf.Vm}: 0 drops it, a smaller length trims it.</li>
 *   <li>{@code SO_RCVBUF} and {@code SO_SNDBUF} read 212992 until set, then twice the size asked for, as with
 *       {@code SO_RCVBUFFORCE} (the fake has no {@code rmem_max} cap: every caller has CAP_NET_ADMIN).</li>
 *   <li>Receives wait until a datagram arrives, the read deadline passes ({@link io.github.jnetlink.NetlinkTimeoutException}),
 *       the thread is interrupted ({@link io.github.jnetlink.NetlinkInterruptedException} at once, interrupt status
 *       kept) or the socket closes ({@link NetlinkClosedException}); a queued datagram is returned even after the
 *       deadline, as {@code recvmsg} returns it.</li>
 * </ul>
 *
 * <h2>What it does not do</h2>
 * No permission checks (every caller may bind groups and send to other ports), no namespaces ({@link Config#netns()}
 * is ignored), no pacing of dumps (every datagram of a reply is queued at once, so a dump never overruns), no
 * {@code NLM_F_ECHO} broadcast and no notifications unless the test sends them with {@link #multicast}. Extended ACK
 * attributes are sent whenever the {@link Replies} carry them, whether or not the socket turned on
 * {@link ConnOption#EXTENDED_ACKNOWLEDGE}. With several messages in one datagram, all replies come before all
 * acknowledgements, where the kernel interleaves them message by message.
 *
 * <h2>Threading</h2>
 * Every method is thread-safe. The handler runs on the thread that sends, possibly on several at once for
 * different {@code Conn}s, and may call {@link #multicast}; an exception it throws propagates to the sender.
 */
public final class FakeKernel implements AutoCloseable {

    /** The first port ID autobind hands out once the process ID is taken; later ones count down. */
    private static final int FIRST_ROVER = -4096;
    private static final int EADDRINUSE = 98;
    private static final int EINVAL = 22;

    private final int protocol;
    private final int processId = (int) ProcessHandle.current().pid();
    private final Map<Integer, FakeSocket> ports = new ConcurrentHashMap<>();
    private final Map<Conn, FakeSocket> dialled = Collections.synchronizedMap(new WeakHashMap<>());
    private final List<Message> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean truncateNext = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Function<List<Message>, Replies> handler =
            request -> Replies.error(Replies.EOPNOTSUPP, "the FakeKernel has no handler: call onRequest");
    private int rover = FIRST_ROVER;

    private FakeKernel(int protocol) {
        this.protocol = protocol;
    }

    /**
     * Creates a kernel speaking one netlink protocol.
     *
     * @param protocol a {@link io.github.jnetlink.Protocol} number, 0-31
     * @return the kernel, with no handler yet: every request is refused with {@code EOPNOTSUPP}
     * @throws NetlinkArgumentException for a protocol outside 0-31
     */
    public static FakeKernel create(int protocol) {
        if (protocol < 0 || protocol > 31) {
            throw new NetlinkArgumentException("FakeKernel: netlink protocol must be 0-31, got " + protocol);
        }
        return new FakeKernel(protocol);
    }

    /** @return the netlink protocol this kernel speaks */
    public int protocol() {
        return protocol;
    }

    /**
     * Opens a connection with {@link Config#DEFAULT}.
     *
     * @return a real {@code Conn} over a fake socket of this kernel; {@link Conn#transportKind()} is {@code "fake"}
     * @throws NetlinkClosedException when this kernel is closed
     */
    public Conn dial() {
        return dial(Config.DEFAULT);
    }

    /**
     * Opens a connection: {@link Conn#over(io.github.jnetlink.NetlinkTransport, Config)} over a new fake socket, which
     * applies the buffer sizes, binds to {@link Config#pid()} (0: a unique port ID of this kernel's choosing) and the
     * groups of {@link Config#groups()}, and turns on the strict options. The namespace fields are ignored.
     *
     * @param config the configuration, or null for {@link Config#DEFAULT}
     * @return a real {@code Conn} over a fake socket of this kernel
     * @throws NetlinkClosedException when this kernel is closed
     * @throws NetlinkSystemException {@code EADDRINUSE} when {@link Config#pid()} is taken
     */
    public Conn dial(Config config) {
        if (closed.get()) {
            throw new NetlinkClosedException("dial");
        }
        FakeSocket socket = new FakeSocket(this, protocol);
        Conn conn = Conn.over(socket, config);
        dialled.put(conn, socket);
        return conn;
    }

    /**
     * Sets what the kernel answers. The handler gets the request messages of one sent datagram, as sent (sequence
     * number, port ID and length filled in by {@code Conn}), and returns the datagrams to queue in reply; see
     * {@link Replies} for what the fake adds.
     *
     * @param handler called on the sending thread for each datagram holding requests; must not return null
     * @return this kernel
     * @throws NetlinkArgumentException when {@code handler} is null
     */
    public FakeKernel onRequest(Function<List<Message>, Replies> handler) {
        if (handler == null) {
            throw new NetlinkArgumentException("onRequest: handler must not be null");
        }
        this.handler = handler;
        return this;
    }

    /**
     * @return every message sent to this kernel so far, by every {@code Conn}, in arrival order, as sent: a snapshot,
     *         including messages that reached no handler
     */
    public List<Message> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /**
     * Sends one datagram holding {@code messages} to a multicast group, as the kernel sends notifications: from port
     * ID 0, to every open socket that joined {@code group}, which reads it from {@code Conn.receive()} or with the
     * group in {@link io.github.jnetlink.Datagram#group()}. Headers are sent as given (a kernel notification carries
     * sequence number 0 and port ID 0, or those of the request that caused the change); a length of 0 is computed.
     *
     * @param group    the group number, 1 or more, such as 1 for {@code RTNLGRP_LINK}
     * @param messages the messages, at least one
     * @return how many sockets it was queued to (after filters and overruns)
     * @throws NetlinkArgumentException for a group below 1 or no messages
     * @throws NetlinkClosedException   when this kernel is closed
     */
    public int multicast(int group, Message... messages) {
        if (closed.get()) {
            throw new NetlinkClosedException("multicast");
        }
        if (group < 1) {
            throw new NetlinkArgumentException("multicast: group must be 1 or more, got " + group);
        }
        if (messages == null || messages.length == 0) {
            throw new NetlinkArgumentException("multicast: at least one message is needed");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Message m : messages) {
            if (m == null) {
                throw new NetlinkArgumentException("multicast: a message is null");
            }
            bytes.writeBytes(m.marshal());
        }
        byte[] datagram = bytes.toByteArray();
        boolean cut = truncateNext.getAndSet(false);
        int queued = 0;
        for (FakeSocket socket : ports.values()) {
            if (socket.member(group) && socket.deliver(datagram, 0, group, true, cut)) {
                queued++;
            }
        }
        return queued;
    }

    /**
     * Overruns the receive queue of every open socket, as a burst of notifications does: the next receive of each
     * fails with {@link io.github.jnetlink.NetlinkOverrunException} ({@code ENOBUFS}), and one already waiting wakes
     * with it, as {@code sk_err} makes them. The datagrams already queued are kept and received after the error: the
     * kernel drops the datagrams that arrive while the queue is full, not those in it. To model the notifications
     * that were lost, a test does not multicast them; a listener that resynchronises by dumping again still reads the
     * older notifications queued before the overrun afterwards, as on Linux. Sockets with
     * {@link ConnOption#NO_ENOBUFS} are not told.
     */
    public void overrun() {
        for (FakeSocket socket : ports.values()) {
            socket.overrun();
        }
    }

    /**
     * Cuts the next datagram this kernel sends (a reply, or every copy of a multicast), as if it had not fit the
     * receiver's buffer: its receive returns a length one byte larger than the buffer (or the true length when larger
     * still), with as much of the datagram as fits, which is {@code MSG_TRUNC}. {@code Conn} then grows its buffer;
     * an execute asks again once for a dump or a query, and fails with
     * {@link io.github.jnetlink.NetlinkTruncatedException} for a change request, as a receive of a multicast does.
     */
    public void truncate() {
        truncateNext.set(true);
    }

    /**
     * @param conn a connection dialled from this kernel
     * @return the socket options it turned on
     * @throws NetlinkArgumentException when {@code conn} was not dialled from this kernel
     */
    public Set<ConnOption> options(Conn conn) {
        return socketOf(conn, "options").options();
    }

    /**
     * @param conn a connection dialled from this kernel
     * @return the multicast groups it is a member of, at bind or by {@code joinGroup}
     * @throws NetlinkArgumentException when {@code conn} was not dialled from this kernel
     */
    public Set<Integer> groups(Conn conn) {
        return socketOf(conn, "groups").groups();
    }

    /**
     * @param conn a connection dialled from this kernel
     * @return the BPF program attached to it, empty when none
     * @throws NetlinkArgumentException when {@code conn} was not dialled from this kernel
     */
    public List<RawInstruction> filter(Conn conn) {
        return socketOf(conn, "filter").filter();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Shuts the kernel down: every socket closes, so a receive waiting in any of its {@code Conn}s ends with
     * {@link NetlinkClosedException}, as do later operations on them. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<FakeSocket> bound;
        synchronized (this) {
            // bind() holds this lock: every socket bound before the flag was seen is in the table now
            bound = List.copyOf(ports.values());
        }
        for (FakeSocket socket : bound) {
            socket.close();
        }
        synchronized (dialled) {
            for (FakeSocket socket : dialled.values()) {
                socket.close();
            }
        }
    }

    @Override
    public String toString() {
        return "FakeKernel[protocol=" + protocol + ", sockets=" + ports.size() + (closed.get() ? ", closed" : "") + "]";
    }

    /** Binds {@code socket}: to {@code pid} when free, or a port ID of autobind's choosing for 0. */
    synchronized int bind(FakeSocket socket, int pid) {
        if (closed.get()) {
            throw new NetlinkClosedException("bind");
        }
        if (socket.pid() != 0) {
            if (pid == 0 || pid == socket.pid()) {
                return socket.pid();
            }
            throw new NetlinkSystemException("bind", "", EINVAL);
        }
        int chosen = pid;
        if (chosen == 0) {
            chosen = processId;
            while (chosen == 0 || ports.containsKey(chosen)) {
                chosen = rover--;
                if (rover > FIRST_ROVER) {
                    rover = FIRST_ROVER - 1;
                }
            }
        } else if (ports.containsKey(chosen)) {
            throw new NetlinkSystemException("bind", "", EADDRINUSE);
        }
        ports.put(chosen, socket);
        return chosen;
    }

    /** Frees the port ID of a closing socket. */
    void release(FakeSocket socket) {
        if (socket.pid() != 0) {
            ports.remove(socket.pid(), socket);
        }
    }

    /** @return the open socket bound to {@code pid}, or null */
    FakeSocket port(int pid) {
        return ports.get(pid);
    }

    /** Handles a datagram {@code from} sent to the kernel, queuing the replies to it. */
    void receiveFrom(FakeSocket from, byte[] datagram) {
        List<Message> messages = split(datagram);
        List<Message> handled = new ArrayList<>(messages.size());
        synchronized (requests) {
            requests.addAll(messages);
        }
        for (Message m : messages) {
            // netlink_rcv_skb: a message that is no request, or a control message, is acknowledged without a handler
            if (m.header().has(HeaderFlags.REQUEST) && m.header().type() >= HeaderType.MIN_TYPE) {
                handled.add(m);
            }
        }
        List<byte[]> replies = new ArrayList<>();
        boolean silent = false;
        if (!handled.isEmpty()) {
            Replies r = handler.apply(List.copyOf(handled));
            if (r == null) {
                throw new IllegalStateException("the FakeKernel handler returned null for " + handled
                        + "; return Replies.none() for no answer");
            }
            silent = r.silent();
            replies.addAll(r.render(handled.get(0), from.pid(), from.option(ConnOption.CAP_ACKNOWLEDGE)));
        }
        if (!silent) {
            Set<Integer> answered = errorsAnswered(replies);
            for (Message m : messages) {
                Header h = m.header();
                boolean dump = (h.flags() & HeaderFlags.DUMP) == HeaderFlags.DUMP;
                if (h.has(HeaderFlags.ACKNOWLEDGE) && !dump && !answered.contains(h.sequence())) {
                    replies.add(Replies.acknowledgement(m, from.pid()));
                }
            }
        }
        for (byte[] reply : replies) {
            from.deliver(reply, 0, 0, false, truncateNext.getAndSet(false));
        }
    }

    /** The sequence numbers that an {@code NLMSG_ERROR} among the rendered replies answers. */
    private static Set<Integer> errorsAnswered(List<byte[]> datagrams) {
        Set<Integer> answered = new HashSet<>();
        for (byte[] d : datagrams) {
            ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.nativeOrder());
            for (int off = 0; off + Header.SIZE <= d.length; ) {
                int length = b.getInt(off);
                if ((b.getShort(off + 4) & 0xFFFF) == HeaderType.ERROR) {
                    answered.add(b.getInt(off + 8));
                }
                if (length < Header.SIZE) {
                    break;
                }
                off += (length + 3) & ~3;
            }
        }
        return answered;
    }

    /**
     * Splits a sent datagram as {@code netlink_rcv_skb} does; like the kernel, it stops silently at a header whose
     * length is short or runs past the datagram.
     */
    private static List<Message> split(byte[] datagram) {
        List<Message> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder());
        int off = 0;
        while (off + Header.SIZE <= datagram.length) {
            int length = b.getInt(off);
            if (length < Header.SIZE || length > datagram.length - off) {
                break;
            }
            Header h = new Header(length, b.getShort(off + 4) & 0xFFFF, b.getShort(off + 6) & 0xFFFF, b.getInt(off + 8),
                    b.getInt(off + 12));
            byte[] data = new byte[length - Header.SIZE];
            b.get(off + Header.SIZE, data);
            out.add(new Message(h, data));
            off += (length + 3) & ~3;
        }
        return out;
    }

    private FakeSocket socketOf(Conn conn, String operation) {
        FakeSocket socket = conn == null ? null : dialled.get(conn);
        if (socket == null) {
            throw new NetlinkArgumentException(operation + ": " + conn + " was not dialled from this FakeKernel");
        }
        return socket;
    }
}
