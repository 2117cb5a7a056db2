package io.github.jnetlink;

import io.github.jnetlink.bpf.BpfChecker;
import io.github.jnetlink.bpf.RawInstruction;
import io.github.jnetlink.internal.NetlinkSocket;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * A connection to the kernel over one {@code AF_NETLINK} socket.
 *
 * <pre>{@code
 * try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT)) {
 *     byte[] ifinfomsg = new byte[16];                       // family AF_UNSPEC: every link
 *     for (Message m : conn.execute(Message.of(18, HeaderFlags.REQUEST | HeaderFlags.DUMP, ifinfomsg))) {
 *         // each m is an RTM_NEWLINK (16) describing one interface
 *     }
 * }
 * }</pre>
 *
 * <h2>What the kernel does</h2>
 * The kernel answers a request on the same socket: a single message, an acknowledgement
 * ({@code NLMSG_ERROR} with code 0, when {@link HeaderFlags#ACKNOWLEDGE} was asked), an error
 * ({@code NLMSG_ERROR} with a negative errno, thrown here as {@link NetlinkErrorException}), or for a dump
 * a series of datagrams of {@link HeaderFlags#MULTI} messages ended by {@code NLMSG_DONE}. Multicast
 * notifications of the groups this socket joined arrive on the same socket with port ID 0.
 *
 * <h2>Threading</h2>
 * A {@code Conn} is safe for concurrent use. {@link #execute(Message)} is exclusive: concurrent executes
 * run one at a time, so none ever reads another's reply, and an execute waits while another thread is
 * inside {@link #receive()} (use one {@code Conn} to listen to multicast groups and another for
 * requests). {@link #send(Message)} may run while another thread blocks in {@link #receive()}, unless an
 * execute is already waiting for its turn: sends and receives then queue behind it, so a thread that
 * receives the replies to another thread's sends must not share its {@code Conn} with executes.
 * {@link #close()} never waits for a lock and wakes a blocked {@link #receive()} at once.
 */
public final class Conn implements AutoCloseable {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final int NLMSGERR_ATTR_MSG = 1;
    private static final int NLMSGERR_ATTR_OFFS = 2;

    private final NetlinkSocket socket;
    private final ConnObserver observer;
    private final java.util.Set<Integer> trustedPeers;
    private final boolean kernelOnly;
    private final AtomicInteger sequence = new AtomicInteger(ThreadLocalRandom.current().nextInt());
    private final ReentrantReadWriteLock exchange = new ReentrantReadWriteLock();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock receiveLock = new ReentrantLock();
    /** The capacity to start the next multipart reply with: a little over the size of the last one; receive side only. */
    private int multipartHint = 16;

    private Conn(NetlinkSocket socket, Config config) {
        this.socket = socket;
        this.observer = config.observer();
        this.trustedPeers = config.trustedPeers();
        this.kernelOnly = socket.protocol() != Protocol.USERSOCK;
    }

    /**
     * Opens a netlink socket of the given protocol and binds it.
     *
     * <p>The socket is created with {@code SOCK_CLOEXEC | SOCK_NONBLOCK}, inside {@link Config#netns()} when
     * set, gets the configured buffer sizes, is bound to {@link Config#pid()} (0: the kernel picks a unique
     * port ID, see {@link #pid()}) and the bind-time {@link Config#groups()}, and in
     * {@link Config#strict()} mode turns on extended ACKs and strict GET checking.
     *
     * @param protocol a {@link Protocol} number, 0-31
     * @param config   the configuration, or null for {@link Config#DEFAULT}
     * @return the open connection
     * @throws NetlinkSystemException when a system call fails: EPROTONOSUPPORT for a protocol the kernel
     *         lacks, EPERM entering a namespace without CAP_SYS_ADMIN, ENOENT for a missing namespace file,
     *         ENOPROTOOPT for strict mode on a kernel without it
     * @throws UnsupportedPlatformException off Linux
     */
    public static Conn dial(int protocol, Config config) {
        if (protocol < 0 || protocol > 31) {
            throw new NetlinkArgumentException("dial: netlink protocol must be 0-31, got " + protocol);
        }
        Config c = config == null ? Config.DEFAULT : config;
        NetlinkSocket socket = NetlinkSocket.open(protocol, c.netns(), c.netnsFd());
        try {
            if (c.receiveBufferSize() > 0) {
                socket.setReceiveBuffer(c.receiveBufferSize());
            }
            if (c.sendBufferSize() > 0) {
                socket.setSendBuffer(c.sendBufferSize());
            }
            socket.bind(c.pid(), c.groups());
            Conn conn = new Conn(socket, c);
            if (c.strict()) {
                conn.setOption(ConnOption.EXTENDED_ACKNOWLEDGE, true);
                conn.setOption(ConnOption.GET_STRICT_CHECK, true);
            }
            return conn;
        } catch (RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Opens a connection with the default configuration.
     *
     * @param protocol a {@link Protocol} number
     * @return the open connection
     * @see #dial(int, Config)
     */
    public static Conn dial(int protocol) {
        return dial(protocol, Config.DEFAULT);
    }

    /**
     * Sends one message to the kernel. A header length of 0 is computed, a sequence number of 0 is
     * replaced by the next of this connection's sequence, and a port ID of 0 by {@link #pid()}.
     *
     * @param message the message
     * @return the message as sent, with those fields filled in, to match replies against
     * @throws NetlinkException when sending fails, the write deadline passes or the connection is closed
     */
    public Message send(Message message) {
        return sendAll(List.of(requireMessage(message, "send"))).get(0);
    }

    /**
     * Sends several messages in one datagram (one {@code sendto}); the kernel processes them in order.
     * Fields are filled in as by {@link #send(Message)}.
     *
     * @param messages the messages, at least one
     * @return the messages as sent
     */
    public List<Message> sendAll(List<Message> messages) {
        exchange.readLock().lock();
        try {
            return sendLocked(messages);
        } finally {
            exchange.readLock().unlock();
        }
    }

    /**
     * Receives the next message or messages: one datagram, or for a multipart reply every datagram up to
     * {@code NLMSG_DONE}, which is removed. Acknowledgements ({@code NLMSG_ERROR} with code 0) are returned
     * as messages; errors are thrown. Datagrams that did not come from the kernel (port ID 0) or a
     * {@link Config#trustedPeers() trusted peer} are dropped and reported to {@link ConnObserver#rejected(int)}.
     *
     * @return the messages, at least one unless a multipart reply was empty
     * @throws NetlinkErrorException     when the kernel answered with an error
     * @throws DumpInterruptedException  when a dump was marked {@code NLM_F_DUMP_INTR}; it carries the results
     * @throws NetlinkOverrunException   when the receive buffer overflowed and messages were dropped
     * @throws NetlinkTimeoutException   when the read deadline passed
     * @throws NetlinkClosedException    when the connection is or gets closed
     */
    public List<Message> receive() {
        exchange.readLock().lock();
        try {
            receiveLock.lock();
            try {
                return receiveLocked("receive", null);
            } finally {
                receiveLock.unlock();
            }
        } finally {
            exchange.readLock().unlock();
        }
    }

    /**
     * Receives exactly one datagram and reports where it came from: the way to listen to multicast
     * notifications when the group matters. Unlike {@link #receive()} it does not drain multipart replies
     * and returns {@code NLMSG_ERROR}/{@code NLMSG_DONE} messages as they are instead of throwing.
     *
     * @return the datagram
     * @throws NetlinkOverrunException  when the receive buffer overflowed and messages were dropped
     * @throws NetlinkTimeoutException  when the read deadline passed
     * @throws NetlinkClosedException   when the connection is or gets closed
     */
    public Datagram receiveDatagram() {
        exchange.readLock().lock();
        try {
            receiveLock.lock();
            try {
                ByteBuffer datagram = nextDatagram();
                List<Message> messages = new ArrayList<>(1);
                parse(datagram, messages, 0, 0);
                return new Datagram(socket.lastGroup(), socket.lastSender(), messages);
            } finally {
                receiveLock.unlock();
            }
        } finally {
            exchange.readLock().unlock();
        }
    }

    /**
     * Receives one datagram as the kernel sent it, without splitting it into netlink messages: for
     * {@link Protocol#KOBJECT_UEVENT}, whose datagrams are uevent text ({@code ACTION@DEVPATH} then
     * {@code KEY=VALUE} strings, see {@link io.github.jnetlink.uevent.Uevent}) rather than netlink messages.
     * Datagrams from a sender other than the kernel or a {@link Config#trustedPeers() trusted peer} are dropped
     * and counted as for {@link #receive()}: udev's own re-broadcasts (group 2) come from userspace.
     *
     * @return a copy of the datagram's bytes
     * @throws NetlinkOverrunException  when the receive buffer overflowed and datagrams were dropped
     * @throws NetlinkTimeoutException  when the read deadline passed
     * @throws NetlinkClosedException   when the connection is or gets closed
     */
    public byte[] receiveBytes() {
        exchange.readLock().lock();
        try {
            receiveLock.lock();
            try {
                ByteBuffer datagram = nextDatagram();
                byte[] bytes = new byte[datagram.limit()];
                datagram.get(0, bytes);
                return bytes;
            } finally {
                receiveLock.unlock();
            }
        } finally {
            exchange.readLock().unlock();
        }
    }

    /**
     * Sends a request and returns its replies. This is what most callers want: a dump, a GET, or a change
     * with {@link HeaderFlags#ACKNOWLEDGE}.
     *
     * <p>Only messages with the request's sequence number and port ID are replies (what
     * {@link Validate#validate(Message, List)} checks). Anything else read meanwhile answers an earlier
     * request whose caller stopped waiting, or is a notification of a joined group: it is dropped and
     * reported to {@link ConnObserver#discarded(Message)}, so that one lost reply never shifts every later
     * exchange by one. With {@link HeaderFlags#ACKNOWLEDGE}, a request that is not a dump is read up to its
     * acknowledgement, which is returned last. A change request without it gets no answer at all when it
     * succeeds, so execute then waits for the read deadline: set {@link HeaderFlags#ACKNOWLEDGE} on changes
     * ({@code RouteClient} does).
     *
     * @param request the request
     * @return the replies, {@code NLMSG_DONE} removed
     * @throws NetlinkErrorException when the kernel answered with an error, with errno and extended ACK
     * @throws ValidationException   when a reply does not belong to the request
     * @see #receive()
     */
    public List<Message> execute(Message request) {
        requireMessage(request, "execute");
        long start = System.nanoTime();
        Message sent = request;
        exchange.writeLock().lock();
        try {
            sent = sendOneLocked(request);
            List<Message> replies = receiveLocked("execute", sent);
            observer.executed(sent, System.nanoTime() - start, null);
            return replies;
        } catch (RuntimeException e) {
            observer.executed(sent, System.nanoTime() - start, e);
            throw e;
        } finally {
            exchange.writeLock().unlock();
        }
    }

    /**
     * Sends a request and hands each reply to {@code consumer} as its datagram arrives, without collecting
     * them: the way to walk a dump too large to hold at once, such as a full routing table, in constant
     * memory. Replies are checked as by {@link #execute(Message)}, a datagram at a time, before any of its
     * messages reaches the consumer; {@code NLMSG_DONE} is not delivered.
     *
     * <p>The consumer runs on the calling thread while this connection is held for the exchange, so it must
     * not use this {@code Conn}. If it throws, the rest of the reply is read and discarded, leaving the
     * socket ready for the next request, and its exception is rethrown.
     *
     * <p>When the kernel marks the dump {@code NLM_F_DUMP_INTR}, every message has still been delivered and
     * then {@link DumpInterruptedException} is thrown with no messages of its own: discard what the consumer
     * built and dump again.
     *
     * @param request  the request, usually a dump ({@link HeaderFlags#DUMP})
     * @param consumer receives each reply in the kernel's order
     * @return the number of messages delivered
     * @throws NetlinkErrorException     when the kernel answered with an error
     * @throws ValidationException       when a reply does not belong to the request
     * @throws DumpInterruptedException  after the last message, when the dump was marked inconsistent
     * @throws NetlinkArgumentException  when {@code request} or {@code consumer} is null
     */
    public long execute(Message request, Consumer<? super Message> consumer) {
        requireMessage(request, "execute");
        if (consumer == null) {
            throw new NetlinkArgumentException("execute: consumer must not be null");
        }
        long start = System.nanoTime();
        Message sent = request;
        exchange.writeLock().lock();
        try {
            sent = sendOneLocked(request);
            long delivered = receiveEachLocked(sent, consumer);
            observer.executed(sent, System.nanoTime() - start, null);
            return delivered;
        } catch (RuntimeException e) {
            observer.executed(sent, System.nanoTime() - start, e);
            throw e;
        } finally {
            exchange.writeLock().unlock();
        }
    }

    /**
     * Joins a multicast group ({@code NETLINK_ADD_MEMBERSHIP}): any group number, including those above 32
     * that the bind-time bitmask cannot express. Joining some groups needs CAP_NET_ADMIN.
     *
     * @param group the group number, such as 1 for {@code RTNLGRP_LINK}
     */
    public void joinGroup(int group) {
        requireGroup(group, "joinGroup");
        socket.joinGroup(group);
    }

    /**
     * Leaves a multicast group ({@code NETLINK_DROP_MEMBERSHIP}).
     *
     * @param group the group number
     */
    public void leaveGroup(int group) {
        requireGroup(group, "leaveGroup");
        socket.leaveGroup(group);
    }

    /**
     * Turns a {@code SOL_NETLINK} socket option on or off.
     *
     * @param option the option
     * @param enabled its new value
     * @throws NetlinkSystemException ENOPROTOOPT when this kernel lacks the option
     */
    public void setOption(ConnOption option, boolean enabled) {
        if (option == null) {
            throw new NetlinkArgumentException("setOption: option must not be null");
        }
        if (option == ConnOption.PACKET_INFO) {
            socket.setPacketInfo(enabled);
        } else {
            socket.setNetlinkOption(option.value(), "NETLINK_" + option.name(), enabled);
        }
    }

    /**
     * Sets the socket receive buffer: {@code SO_RCVBUFFORCE} first, which passes {@code net.core.rmem_max}
     * but needs CAP_NET_ADMIN, then {@code SO_RCVBUF}. A larger buffer absorbs bursts of notifications
     * that would otherwise overrun ({@link NetlinkOverrunException}).
     *
     * @param bytes the requested size; the kernel doubles it for bookkeeping, see {@link #readBuffer()}
     */
    public void setReadBuffer(int bytes) {
        requirePositive(bytes, "setReadBuffer");
        socket.setReceiveBuffer(bytes);
    }

    /**
     * Sets the socket send buffer: {@code SO_SNDBUFFORCE} first, then {@code SO_SNDBUF}.
     *
     * @param bytes the requested size
     */
    public void setWriteBuffer(int bytes) {
        requirePositive(bytes, "setWriteBuffer");
        socket.setSendBuffer(bytes);
    }

    /** @return the receive buffer size in bytes as the kernel reports it ({@code SO_RCVBUF}, twice the request) */
    public int readBuffer() {
        return socket.receiveBuffer();
    }

    /** @return the send buffer size in bytes as the kernel reports it ({@code SO_SNDBUF}) */
    public int writeBuffer() {
        return socket.sendBufferSize();
    }

    /**
     * Sets the instant after which a waiting or future receive fails with {@link NetlinkTimeoutException}.
     * Takes effect at once, also for a thread already waiting.
     *
     * @param deadline the deadline, or null for none
     */
    public void setReadDeadline(Instant deadline) {
        socket.setReadDeadline(deadline);
    }

    /**
     * Sets the instant after which a send that waits for buffer space fails with
     * {@link NetlinkTimeoutException}.
     *
     * @param deadline the deadline, or null for none
     */
    public void setWriteDeadline(Instant deadline) {
        socket.setWriteDeadline(deadline);
    }

    /**
     * Sets both the read and the write deadline.
     *
     * @param deadline the deadline, or null for none
     */
    public void setDeadline(Instant deadline) {
        socket.setReadDeadline(deadline);
        socket.setWriteDeadline(deadline);
    }

    /**
     * Attaches a classic BPF filter ({@code SO_ATTACH_FILTER}): the kernel runs it on every datagram
     * queued to this socket and drops those for which it returns 0, before they reach the JVM. Replaces
     * any filter attached before. See {@code io.github.jnetlink.bpf.NetlinkFilters} for ready-made ones.
     *
     * <p>Unicast replies (acknowledgements and errors included) pass through the filter too: a socket that
     * sends requests must let {@link HeaderType#ERROR} and {@link HeaderType#DONE} through.
     *
     * @param program the instructions; an empty program is rejected, use {@link #removeBpf()} instead
     * @throws io.github.jnetlink.bpf.BpfException for a program {@link BpfChecker} rejects (empty, too long, a jump out of range,
     *         no final return, ...), naming the instruction
     * @throws NetlinkSystemException when the kernel rejects it anyway (EINVAL) or the filter is locked (EPERM)
     */
    public void setBpf(List<RawInstruction> program) {
        if (program == null || program.isEmpty()) {
            throw new NetlinkArgumentException("setBpf: the BPF program is empty; call removeBpf() to detach a filter");
        }
        BpfChecker.check(program);
        ByteBuffer b = ByteBuffer.allocate(program.size() * RawInstruction.SIZE).order(ByteOrder.nativeOrder());
        for (int i = 0; i < program.size(); i++) {
            RawInstruction ins = program.get(i);
            b.putShort(ins.op()).put(ins.jt()).put(ins.jf()).putInt(ins.k());
        }
        socket.attachFilter(b.array(), program.size());
    }

    /**
     * Detaches the BPF filter ({@code SO_DETACH_FILTER}); every datagram is delivered again.
     *
     * @throws NetlinkSystemException ENOENT when no filter is attached, EPERM when it is locked
     */
    public void removeBpf() {
        socket.detachFilter();
    }

    /**
     * Locks the attached filter ({@code SO_LOCK_FILTER}): it can no longer be replaced or removed for the
     * life of the socket, so code running later with this socket cannot widen what it sees.
     */
    public void lockBpf() {
        socket.lockFilter();
    }

    /** @return the port ID the socket is bound to ({@code nl_pid}), unique per socket in its namespace */
    public int pid() {
        return socket.pid();
    }

    /** @return the netlink protocol this connection speaks */
    public int protocol() {
        return socket.protocol();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return socket.isClosed();
    }

    /**
     * Closes the socket. A thread blocked in {@link #receive()} wakes at once with
     * {@link NetlinkClosedException}; the descriptor is released when no operation uses it any more.
     * Never blocks; calling it again does nothing.
     */
    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "Conn[protocol=" + Protocol.name(socket.protocol()) + ", pid=" + Integer.toUnsignedString(socket.pid())
                + (socket.isClosed() ? ", closed" : "") + "]";
    }

    private List<Message> sendLocked(List<Message> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new NetlinkArgumentException("send: at least one message is needed");
        }
        List<Message> sent = new ArrayList<>(messages.size());
        int total = 0;
        for (Message m : messages) {
            Message filled = fill(requireMessage(m, "send"));
            sent.add(filled);
            total += Message.align(filled.header().length());
        }
        sendLock.lock();
        try {
            ByteBuffer b = socket.sendBuffer(total);
            for (Message m : sent) {
                encode(b, m);
            }
            socket.send(total);
        } finally {
            sendLock.unlock();
        }
        for (Message m : sent) {
            observer.sent(m);
        }
        return sent;
    }

    /** {@link #sendLocked(List)} for the single request of {@link #execute(Message)}, without the lists. */
    private Message sendOneLocked(Message message) {
        Message sent = fill(message);
        int total = Message.align(sent.header().length());
        sendLock.lock();
        try {
            encode(socket.sendBuffer(total), sent);
            socket.send(total);
        } finally {
            sendLock.unlock();
        }
        observer.sent(sent);
        return sent;
    }

    private static void encode(ByteBuffer b, Message m) {
        int start = b.position();
        Message.putHeader(b, m.header());
        b.put(m.data());
        // the send buffer is reused: zero the alignment padding, which the header length may count, so
        // no byte of an earlier request reaches the kernel
        int end = start + Message.align(m.header().length());
        while (b.position() < end) {
            b.put((byte) 0);
        }
    }

    private Message fill(Message m) {
        Header h = m.header();
        int length = h.length() == 0 ? Message.align(Header.SIZE + m.data().length) : m.checkedLength();
        int seq = h.sequence();
        if (seq == 0) {
            do {
                seq = sequence.incrementAndGet();
            } while (seq == 0);
        }
        int pid = h.pid() == 0 ? socket.pid() : h.pid();
        return new Message(new Header(length, h.type(), h.flags(), seq, pid), m.data());
    }

    /**
     * Receives one reply: a datagram, or every datagram of a multipart reply up to NLMSG_DONE. With a
     * request (an execute), messages that do not answer it are dropped and reported to
     * {@link ConnObserver#discarded}, and a request with {@link HeaderFlags#ACKNOWLEDGE} that is not a dump
     * is read up to its acknowledgement, which the kernel sends in a datagram of its own after any reply.
     */
    private List<Message> receiveLocked(String operation, Message request) {
        ArrayList<Message> out = new ArrayList<>();
        int sequence = request == null ? 0 : request.header().sequence();
        int pid = request == null ? 0 : request.header().pid();
        boolean awaitAck = request != null && request.header().has(HeaderFlags.ACKNOWLEDGE);
        int seen = 0;
        boolean multipart = false;
        while (true) {
            int start = out.size();
            int summary = nextReplyDatagram(out, sequence, pid);
            if (out.size() == start) {
                return out;
            }
            seen |= summary;
            Message last = out.get(out.size() - 1);
            if (start == 0 && last.header().has(HeaderFlags.MULTI) && last.header().type() != HeaderType.DONE) {
                // A dump that did not fit one datagram: size the list like the last dump on this socket
                // instead of growing (and copying) it step by step.
                multipart = true;
                out.ensureCapacity(multipartHint);
            }
            if ((summary & Message.PARSED_CONTROL) != 0) {
                checkErrors(operation, out, start);
            }
            if (endsReply(last, awaitAck)) {
                if (last.header().type() == HeaderType.DONE) {
                    out.remove(out.size() - 1);
                }
                break;
            }
        }
        if (multipart) {
            if (out.size() < multipartHint / 4) {
                // Much smaller than the last dump: do not hand the caller a mostly empty array.
                out.trimToSize();
            }
            multipartHint = Math.max(16, out.size() + out.size() / 16);
        }
        if ((seen & HeaderFlags.DUMP_INTERRUPTED) != 0) {
            throw new DumpInterruptedException(operation, out);
        }
        return out;
    }

    /**
     * Reads datagrams into {@code out} until one holds a message that answers the request with this
     * sequence number and port ID (0: every message does), or one is empty. Messages that answer nothing are
     * dropped and reported to {@link ConnObserver#discarded}.
     *
     * @return the summary bits of the messages added, as {@link Message#parseDatagram} computes them; none
     *         were added when an empty datagram arrived
     */
    private int nextReplyDatagram(ArrayList<Message> out, int sequence, int pid) {
        int start = out.size();
        while (true) {
            int summary = parse(nextDatagram(), out, sequence, pid);
            if (out.size() == start || (summary & Message.PARSED_MISMATCH) == 0) {
                return summary;
            }
            summary = keepReplies(out, start, sequence, pid);
            if (out.size() > start) {
                return summary;
            }
        }
    }

    /** Whether {@code last} ends a reply: {@code NLMSG_DONE}, or a single message, after the ACK when one is awaited. */
    private static boolean endsReply(Message last, boolean awaitAck) {
        Header h = last.header();
        return h.type() == HeaderType.DONE || !h.has(HeaderFlags.MULTI) && (!awaitAck || h.type() == HeaderType.ERROR);
    }

    /** Throws the first kernel error carried by an {@code NLMSG_ERROR} or {@code NLMSG_DONE} of {@code messages} from {@code from} on. */
    private static void checkErrors(String operation, List<Message> messages, int from) {
        for (int i = from; i < messages.size(); i++) {
            int type = messages.get(i).header().type();
            if (type == HeaderType.ERROR || type == HeaderType.DONE) {
                checkError(operation, messages.get(i));
            }
        }
    }

    /**
     * Drops from {@code out}, from {@code start} on, the messages that do not answer the request with this
     * sequence number and port ID, as {@link Validate#validate} would reject them.
     *
     * @return the summary bits of the messages kept, as {@link Message#parseDatagram} computes them
     */
    private int keepReplies(ArrayList<Message> out, int start, int sequence, int pid) {
        int summary = 0;
        int kept = start;
        for (int i = start; i < out.size(); i++) {
            Message m = out.get(i);
            Header h = m.header();
            // the kernel addresses replies to the socket's port ID, whatever port ID the request's header named
            if (h.sequence() != sequence || pid != 0 && h.pid() != 0 && h.pid() != pid && h.pid() != socket.pid()) {
                observer.discarded(m);
                continue;
            }
            summary |= h.flags();
            if (h.type() == HeaderType.ERROR || h.type() == HeaderType.DONE) {
                summary |= Message.PARSED_CONTROL;
            }
            out.set(kept++, m);
        }
        out.subList(kept, out.size()).clear();
        return summary;
    }

    /** {@link #receiveLocked} for {@link #execute(Message, Consumer)}: one datagram's messages in memory at a time. */
    private long receiveEachLocked(Message request, Consumer<? super Message> consumer) {
        ArrayList<Message> batch = new ArrayList<>();
        int sequence = request.header().sequence();
        int pid = request.header().pid();
        boolean awaitAck = request.header().has(HeaderFlags.ACKNOWLEDGE);
        long delivered = 0;
        int seen = 0;
        RuntimeException failure = null;
        while (true) {
            batch.clear();
            int summary = nextReplyDatagram(batch, sequence, pid);
            if (batch.isEmpty()) {
                break;
            }
            seen |= summary;
            Message last = batch.get(batch.size() - 1);
            if ((summary & Message.PARSED_CONTROL) != 0) {
                try {
                    checkErrors("execute", batch, 0);
                } catch (RuntimeException e) {
                    if (failure != null) {
                        failure.addSuppressed(e);
                        throw failure;
                    }
                    throw e;
                }
            }
            if (failure == null) {
                int n = last.header().type() == HeaderType.DONE ? batch.size() - 1 : batch.size();
                try {
                    for (int i = 0; i < n; i++) {
                        consumer.accept(batch.get(i));
                        delivered++;
                    }
                } catch (RuntimeException e) {
                    // drain the rest of the reply so that the next exchange does not read it
                    failure = e;
                }
            }
            if (endsReply(last, awaitAck)) {
                break;
            }
        }
        if (failure != null) {
            throw failure;
        }
        if ((seen & HeaderFlags.DUMP_INTERRUPTED) != 0) {
            throw new DumpInterruptedException("execute", delivered);
        }
        return delivered;
    }

    /** The next datagram from the kernel or a trusted peer; others are dropped and counted. */
    private ByteBuffer nextDatagram() {
        while (true) {
            ByteBuffer datagram;
            try {
                datagram = socket.receive();
            } catch (NetlinkOverrunException e) {
                observer.overrun();
                throw e;
            }
            int sender = socket.lastSender();
            if (sender == 0 || !kernelOnly || trustedPeers.contains(sender)) {
                return datagram;
            }
            observer.rejected(sender);
        }
    }

    private int parse(ByteBuffer datagram, List<Message> out, int sequence, int pid) {
        int start = out.size();
        int summary = Message.parseDatagram(datagram, 0, datagram.limit(), out, sequence, pid);
        if (observer != ConnObserver.NONE) {
            for (int i = start; i < out.size(); i++) {
                observer.received(out.get(i));
            }
        }
        return summary;
    }

    /** Throws the kernel's error carried by an NLMSG_ERROR or NLMSG_DONE, if it is one. */
    private static void checkError(String operation, Message m) {
        byte[] d = m.data();
        Header h = m.header();
        boolean done = h.type() == HeaderType.DONE;
        if (d.length < 4) {
            if (done) {
                return;
            }
            throw new MalformedMessageException(operation + ": NLMSG_ERROR of " + d.length + " bytes, at least 4 needed");
        }
        int code = (int) INT.get(d, 0);
        if (code == 0) {
            return;
        }
        if (code > 0) {
            throw new MalformedMessageException(operation + ": " + (done ? "NLMSG_DONE" : "NLMSG_ERROR")
                    + " with positive error code " + code);
        }
        String extMessage = "";
        int extOffset = -1;
        if (h.has(HeaderFlags.ACKNOWLEDGE_TLVS)) {
            // The errno is known by now: a malformed extended ACK loses its text, never the error itself.
            long tlvs = 4;
            if (!done) {
                long originalLength = d.length >= 4 + Header.SIZE ? Integer.toUnsignedLong((int) INT.get(d, 4)) : -1;
                tlvs = originalLength < Header.SIZE ? d.length
                        : 4 + (h.has(HeaderFlags.CAPPED) ? Header.SIZE : (originalLength + 3 & ~3L));
            }
            if (tlvs < d.length) {
                try {
                    AttributeDecoder ad = new AttributeDecoder(d, (int) tlvs, d.length - (int) tlvs);
                    while (ad.next()) {
                        if (ad.type() == NLMSGERR_ATTR_MSG) {
                            extMessage = ad.string();
                        } else if (ad.type() == NLMSGERR_ATTR_OFFS) {
                            extOffset = ad.u32();
                        }
                    }
                } catch (NetlinkException malformed) {
                    extMessage = "";
                    extOffset = -1;
                }
            }
        }
        throw new NetlinkErrorException(operation, -code, h.sequence(), extMessage, extOffset);
    }

    private static Message requireMessage(Message m, String operation) {
        if (m == null) {
            throw new NetlinkArgumentException(operation + ": message must not be null");
        }
        return m;
    }

    private static void requireGroup(int group, String operation) {
        if (group <= 0) {
            throw new NetlinkArgumentException(operation + ": multicast group must be a positive number, got " + group);
        }
    }

    private static void requirePositive(int bytes, String operation) {
        if (bytes <= 0) {
            throw new NetlinkArgumentException(operation + ": buffer size must be positive, got " + bytes);
        }
    }
}
