package io.github.jnetlink;

import io.github.jnetlink.bpf.BpfChecker;
import io.github.jnetlink.bpf.RawInstruction;
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
 *
 * <h2>Transport</h2>
 * A {@code Conn} is the exchange engine (sequence numbers, reply matching, multipart draining, acknowledgements,
 * errors) over a {@link NetlinkTransport} that moves datagrams. {@link #dial(int, Config)} opens a real
 * {@code AF_NETLINK} socket; {@link #over(NetlinkTransport, Config)} runs the same engine over any transport, such
 * as the in-memory kernel of the {@code netlink-test} artifact.
 */
public final class Conn implements AutoCloseable {

    private final NetlinkTransport transport;
    private final ConnObserver observer;
    private final ReplyEngine replies;
    private final AtomicInteger sequence = new AtomicInteger(ThreadLocalRandom.current().nextInt());
    private final ReentrantReadWriteLock exchange = new ReentrantReadWriteLock();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock receiveLock = new ReentrantLock();
    /** The reusable send buffer, direct so that the socket passes its address without a copy; send side only. */
    private ByteBuffer sendBuffer = ByteBuffer.allocateDirect(4096).order(ByteOrder.nativeOrder());
    /** The capacity to start the next multipart reply with: a little over the size of the last one; receive side only. */
    private int multipartHint = 16;
    /**
     * The sink of the collecting execute and of receive(), reused: an execute holds the exchange exclusively and
     * receives hold the receive lock, so no two use it at once.
     */
    private final Collector collector = new Collector();
    /** A socket of {@link #dial}: its first {@link #joinGroup} warms up the receive path ({@link ReceiveWarmup}). */
    private boolean warmOnJoin;
    /**
     * A socket of {@link #dial} whose receive buffer nobody chose ({@link Config#receiveBufferSize()} 0, no
     * {@link #setReadBuffer}): its first group gets {@link #LISTENER_READ_BUFFER}.
     */
    private volatile boolean listenerBufferOnJoin;

    /**
     * The receive buffer a dialled socket asks for when it joins its first multicast group, unless its buffer was
     * chosen: 8 MiB ({@code SO_RCVBUFFORCE} with CAP_NET_ADMIN, else {@code SO_RCVBUF}, which
     * {@code net.core.rmem_max} caps; the kernel doubles what it grants). The kernel's default of 212,992 bytes
     * holds about 270 notifications, under 2 ms of a burst such as a routing daemon's, so any pause of the
     * listener (a collection, a compilation, a slow callback) overruns it; {@code ip monitor} asks for 1 MiB and
     * more for the same reason. The memory is used only while notifications wait. Override with
     * {@code -Djnetlink.listenerReadBuffer=BYTES} (0 keeps the kernel's default), or choose a buffer.
     */
    public static final int LISTENER_READ_BUFFER = 8 << 20;

    private Conn(NetlinkTransport transport, Config config) {
        this.transport = transport;
        this.observer = config.observer();
        this.replies = new ReplyEngine(transport, config, this::sendOneLocked);
    }

    /**
     * Opens a netlink socket of the given protocol and binds it.
     *
     * <p>The socket is created with {@code SOCK_CLOEXEC | SOCK_NONBLOCK}, inside {@link Config#netns()} when
     * set, gets the configured buffer sizes, is bound to {@link Config#pid()} (0: the kernel picks a unique
     * port ID, see {@link #pid()}) and the bind-time {@link Config#groups()}, and in
     * {@link Config#strict()} mode turns on extended ACKs and strict GET checking.
     *
     * <p>The first dial in a JVM first warms up the request path, so that the application's first requests do not
     * run interpreted: a few thousand round trips over a private {@code NETLINK_USERSOCK} socket that answers
     * itself, a few tens of milliseconds, with nothing sent to the kernel's handlers or to another socket.
     * {@code -Djnetlink.warmup=false} turns this off, and the receive warm-up of {@link #joinGroup} with it.
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
        ExchangeWarmup.once();
        Conn conn = over(NetlinkTransport.open(protocol, config), config);
        conn.warmOnJoin = true;
        conn.listenerBufferOnJoin = config == null || config.receiveBufferSize() == 0;
        if (config != null && config.groups() != 0) {
            conn.listenerBuffer();
        }
        return conn;
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
     * Puts a connection over a transport that is open but not yet bound, configured as {@link #dial(int, Config)}
     * configures its socket: buffer sizes, then {@link NetlinkTransport#bind bind} to {@link Config#pid()} and
     * {@link Config#groups()}, then the strict options. The namespace fields of {@code config} are the
     * transport's business and are not read. The connection owns the transport from now on and closes it, also
     * when this method fails.
     *
     * @param transport the transport, such as {@link NetlinkTransport#open(int, Config)} or an in-memory fake
     * @param config    the configuration, or null for {@link Config#DEFAULT}
     * @return the open connection
     * @throws NetlinkArgumentException when {@code transport} is null or already closed
     */
    public static Conn over(NetlinkTransport transport, Config config) {
        if (transport == null) {
            throw new NetlinkArgumentException("over: transport must not be null");
        }
        if (transport.isClosed()) {
            throw new NetlinkArgumentException("over: the transport is closed");
        }
        Config c = config == null ? Config.DEFAULT : config;
        try {
            if (c.receiveBufferSize() > 0) {
                transport.setReceiveBufferSize(c.receiveBufferSize());
            }
            if (c.sendBufferSize() > 0) {
                transport.setSendBufferSize(c.sendBufferSize());
            }
            transport.bind(c.pid(), c.groups());
            Conn conn = new Conn(transport, c);
            if (c.strict()) {
                conn.setOption(ConnOption.EXTENDED_ACKNOWLEDGE, true);
                conn.setOption(ConnOption.GET_STRICT_CHECK, true);
            }
            return conn;
        } catch (RuntimeException | Error e) {
            transport.close();
            throw e;
        }
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
     * @throws NetlinkTruncatedException when a datagram did not fit the receive buffer (which then grows)
     * @throws NetlinkTimeoutException   when the read deadline passed
     * @throws NetlinkClosedException    when the connection is or gets closed
     */
    public List<Message> receive() {
        exchange.readLock().lock();
        try {
            receiveLock.lock();
            try {
                replies.read("receive", null, null, collector.begin());
                return collector.finish();
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
     * @throws NetlinkOverrunException   when the receive buffer overflowed and messages were dropped
     * @throws NetlinkTruncatedException when the datagram did not fit the receive buffer: it is lost
     * @throws NetlinkTimeoutException   when the read deadline passed
     * @throws NetlinkClosedException    when the connection is or gets closed
     */
    public Datagram receiveDatagram() {
        exchange.readLock().lock();
        try {
            receiveLock.lock();
            try {
                ByteBuffer datagram = replies.nextWholeDatagram("receive");
                List<Message> messages = replies.split(datagram, new ArrayList<>(1));
                return new Datagram(transport.lastGroup(), transport.lastSender(), messages);
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
     * @throws NetlinkOverrunException   when the receive buffer overflowed and datagrams were dropped
     * @throws NetlinkTruncatedException when the datagram did not fit the receive buffer: it is lost
     * @throws NetlinkTimeoutException   when the read deadline passed
     * @throws NetlinkClosedException    when the connection is or gets closed
     */
    public byte[] receiveBytes() {
        exchange.readLock().lock();
        try {
            receiveLock.lock();
            try {
                ByteBuffer datagram = replies.nextWholeDatagram("receive");
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
     * <p>Only messages that answer the request are replies: its sequence number, and its port ID or this
     * socket's ({@link Validate#validate(Message, List)} checks the same rule). Anything else read meanwhile
     * answers an earlier request whose caller stopped waiting, or is a notification of a joined group: it is
     * dropped and reported to {@link ConnObserver#discarded(Message)}, so that one lost reply never shifts every
     * later exchange by one. With {@link HeaderFlags#ACKNOWLEDGE}, a request that is not a dump is read up to its
     * acknowledgement, which is returned last. A change request without it gets no answer at all when it
     * succeeds, so execute then waits for the read deadline: set {@link HeaderFlags#ACKNOWLEDGE} on changes
     * ({@code RouteClient} does).
     *
     * <p>A reply datagram larger than the receive buffer is cut by the kernel. The buffer then grows to fit, and
     * a request that cannot have changed anything (a dump, or one without {@link HeaderFlags#ACKNOWLEDGE} and
     * {@link HeaderFlags#ECHO}) is sent once more, so the caller gets the complete answer; otherwise
     * {@link NetlinkTruncatedException} is thrown. An error reply cut that way still reports its errno.
     *
     * @param request the request
     * @return the replies, {@code NLMSG_DONE} removed
     * @throws NetlinkErrorException when the kernel answered with an error, with errno and extended ACK
     * @see #receive()
     */
    public List<Message> execute(Message request) {
        return execute(request, "execute");
    }

    /**
     * {@link #execute(Message)}, naming the operation: exceptions report {@code operation} as their
     * {@link NetlinkException#operation()} and start their message with it. Services built on a {@code Conn}
     * use this to say what failed in their own words ({@code "list links"}).
     *
     * @param request   the request
     * @param operation what the request does, such as {@code "delete link 'veth0'"}
     * @return the replies, {@code NLMSG_DONE} removed
     * @throws NetlinkErrorException when the kernel answered with an error
     */
    public List<Message> execute(Message request, String operation) {
        requireMessage(request, "execute");
        String op = requireOperation(operation);
        exchange.writeLock().lock();
        try {
            exchange(op, request, collector.begin());
            return collector.finish();
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
     * built and dump again. A truncated first datagram is asked for again as by {@link #execute(Message)}; one
     * cut after messages reached the consumer ends the exchange with {@link NetlinkTruncatedException}.
     *
     * @param request  the request, usually a dump ({@link HeaderFlags#DUMP})
     * @param consumer receives each reply in the kernel's order
     * @return the number of messages delivered
     * @throws NetlinkErrorException     when the kernel answered with an error
     * @throws DumpInterruptedException  after the last message, when the dump was marked inconsistent
     * @throws NetlinkArgumentException  when {@code request} or {@code consumer} is null
     */
    public long execute(Message request, Consumer<? super Message> consumer) {
        requireMessage(request, "execute");
        if (consumer == null) {
            throw new NetlinkArgumentException("execute: consumer must not be null");
        }
        Streamer out = new Streamer(consumer);
        exchange.writeLock().lock();
        try {
            exchange("execute", request, out);
        } catch (RuntimeException e) {
            if (out.failure != null && out.failure != e) {
                out.failure.addSuppressed(e);
                throw out.failure;
            }
            throw e;
        } finally {
            exchange.writeLock().unlock();
        }
        if (out.failure != null) {
            throw out.failure;
        }
        return out.delivered;
    }

    /**
     * Sends a request and hands each reply to {@code consumer} in place, as a {@link MessageView} over the
     * received datagram: the zero-copy form of {@link #execute(Message, Consumer)}. No {@link Message} is made for
     * a reply (each datagram is copied once out of the socket's native buffer into an array this connection
     * reuses), so a dump of any size allocates nothing per message beyond what the consumer does. The view is the
     * same object for every reply and valid only during the call; {@link MessageView#copy()} keeps one. Typed
     * decoders read views directly, such as {@code RouteMessage.decode(MessageView)}.
     *
     * <p>Replies are checked as by {@link #execute(Message)}; {@code NLMSG_DONE} and acknowledgements are not
     * delivered, an error reply is thrown. The consumer runs on the calling thread while this connection is held,
     * so it must not use this {@code Conn}. If it throws, the rest of the reply is read and discarded and its
     * exception is rethrown. When the kernel marks the dump {@code NLM_F_DUMP_INTR}, every reply has been
     * delivered and then {@link DumpInterruptedException} is thrown: discard what the consumer built, and dump
     * again.
     *
     * @param request  the request, usually a dump ({@link HeaderFlags#DUMP})
     * @param consumer receives each reply in the kernel's order
     * @return the number of replies delivered
     * @throws NetlinkErrorException    when the kernel answered with an error
     * @throws DumpInterruptedException after the last reply, when the dump was marked inconsistent
     * @throws NetlinkArgumentException when {@code request} or {@code consumer} is null
     */
    public long stream(Message request, Consumer<? super MessageView> consumer) {
        requireMessage(request, "stream");
        if (consumer == null) {
            throw new NetlinkArgumentException("stream: consumer must not be null");
        }
        InPlace out = new InPlace(consumer);
        exchange.writeLock().lock();
        try {
            exchange("stream", request, out);
        } catch (RuntimeException e) {
            if (out.failure != null && out.failure != e) {
                out.failure.addSuppressed(e);
                throw out.failure;
            }
            throw e;
        } finally {
            exchange.writeLock().unlock();
        }
        if (out.failure != null) {
            throw out.failure;
        }
        return out.delivered;
    }

    /** Sends the request and reads its reply into {@code sink}; the caller holds the exchange's write lock. */
    private void exchange(String operation, Message request, ReplyEngine.Sink sink) {
        // the clock is read only for an observer: two reads are a visible part of a round trip's own cost
        boolean timed = observer != ConnObserver.NONE;
        long start = timed ? System.nanoTime() : 0;
        Message sent = request;
        try {
            sent = sendOneLocked(request);
            sent = replies.read(operation, request, sent, sink);
            if (timed) {
                observer.executed(sent, System.nanoTime() - start, null);
            }
        } catch (RuntimeException e) {
            RuntimeException named = named(e, operation);
            if (timed) {
                observer.executed(sent, System.nanoTime() - start, named);
            }
            throw named;
        }
    }

    /**
     * The transport names what it was doing ({@code "receive"}, {@code "send"}); an exchange's failures name the
     * exchange, so that a timeout says which request timed out. The transport's exception becomes the cause.
     */
    private static RuntimeException named(RuntimeException e, String operation) {
        if (!(e instanceof NetlinkException failure) || failure.operation().equals(operation)) {
            return e;
        }
        if (e instanceof NetlinkTimeoutException) {
            return new NetlinkTimeoutException(operation, e);
        }
        if (e instanceof NetlinkClosedException) {
            return new NetlinkClosedException(operation, e);
        }
        if (e instanceof NetlinkInterruptedException) {
            return new NetlinkInterruptedException(operation, e);
        }
        if (e instanceof NetlinkOverrunException) {
            return new NetlinkOverrunException(operation, e);
        }
        return e;
    }

    /**
     * Joins a multicast group ({@code NETLINK_ADD_MEMBERSHIP}): any group number, including those above 32
     * that the bind-time bitmask cannot express. Joining some groups needs CAP_NET_ADMIN.
     *
     * <p>The first join of a socket made by {@link #dial} in a JVM first warms up the receive path, so that the
     * first burst of notifications is drained at full speed rather than by interpreted code while the JIT
     * compiles it (which, on a busy machine, overruns the default receive buffer where C does not): a few
     * thousand datagrams sent between two private {@code NETLINK_USERSOCK} sockets and received through
     * {@link #receive()} and {@link #receiveDatagram()}, about 20-60 ms once. {@code -Djnetlink.warmup=false}
     * turns it off; where those sockets cannot be made it is skipped. The first join of such a socket whose
     * receive buffer was not chosen also enlarges the buffer to {@link #LISTENER_READ_BUFFER}, as the bind-time
     * groups of {@link #dial} do.
     *
     * @param group the group number, such as 1 for {@code RTNLGRP_LINK}
     */
    public void joinGroup(int group) {
        requireGroup(group, "joinGroup");
        if (warmOnJoin) {
            warmOnJoin = false;
            ReceiveWarmup.once();
        }
        listenerBuffer();
        transport.joinGroup(group);
    }

    /** Gives a listening socket whose buffer nobody chose {@link #LISTENER_READ_BUFFER}, once; never shrinks it. */
    private void listenerBuffer() {
        if (!listenerBufferOnJoin) {
            return;
        }
        listenerBufferOnJoin = false;
        int bytes = Integer.getInteger("jnetlink.listenerReadBuffer", LISTENER_READ_BUFFER);
        try {
            if (bytes > 0 && transport.receiveBufferSize() < bytes) {
                transport.setReceiveBufferSize(bytes);
            }
        } catch (RuntimeException e) {
            // a larger buffer is a margin, not a requirement: the kernel's stays
            System.getLogger(Conn.class.getName()).log(System.Logger.Level.DEBUG,
                    "jnetlink: could not enlarge the receive buffer of a listening socket: " + e.getMessage(), e);
        }
    }

    /**
     * Leaves a multicast group ({@code NETLINK_DROP_MEMBERSHIP}).
     *
     * @param group the group number
     */
    public void leaveGroup(int group) {
        requireGroup(group, "leaveGroup");
        transport.leaveGroup(group);
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
        transport.setOption(option, enabled);
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
        listenerBufferOnJoin = false;
        transport.setReceiveBufferSize(bytes);
    }

    /**
     * Sets the socket send buffer: {@code SO_SNDBUFFORCE} first, then {@code SO_SNDBUF}.
     *
     * @param bytes the requested size
     */
    public void setWriteBuffer(int bytes) {
        requirePositive(bytes, "setWriteBuffer");
        transport.setSendBufferSize(bytes);
    }

    /** @return the receive buffer size in bytes as the kernel reports it ({@code SO_RCVBUF}, twice the request) */
    public int readBuffer() {
        return transport.receiveBufferSize();
    }

    /** @return the send buffer size in bytes as the kernel reports it ({@code SO_SNDBUF}) */
    public int writeBuffer() {
        return transport.sendBufferSize();
    }

    /**
     * Sets the instant after which a waiting or future receive fails with {@link NetlinkTimeoutException}.
     * Takes effect at once, also for a thread already waiting.
     *
     * @param deadline the deadline, or null for none
     */
    public void setReadDeadline(Instant deadline) {
        transport.setReadDeadline(deadline);
    }

    /**
     * Sets the instant after which a send that waits for buffer space fails with
     * {@link NetlinkTimeoutException}.
     *
     * @param deadline the deadline, or null for none
     */
    public void setWriteDeadline(Instant deadline) {
        transport.setWriteDeadline(deadline);
    }

    /**
     * Sets both the read and the write deadline.
     *
     * @param deadline the deadline, or null for none
     */
    public void setDeadline(Instant deadline) {
        transport.setReadDeadline(deadline);
        transport.setWriteDeadline(deadline);
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
        transport.attachFilter(List.copyOf(program));
    }

    /**
     * Detaches the BPF filter ({@code SO_DETACH_FILTER}); every datagram is delivered again.
     *
     * @throws NetlinkSystemException ENOENT when no filter is attached, EPERM when it is locked
     */
    public void removeBpf() {
        transport.detachFilter();
    }

    /**
     * Locks the attached filter ({@code SO_LOCK_FILTER}): it can no longer be replaced or removed for the
     * life of the socket, so code running later with this socket cannot widen what it sees.
     */
    public void lockBpf() {
        transport.lockFilter();
    }

    /** @return the port ID the socket is bound to ({@code nl_pid}), unique per socket in its namespace */
    public int pid() {
        return transport.pid();
    }

    /** @return the netlink protocol this connection speaks */
    public int protocol() {
        return transport.protocol();
    }

    /**
     * @return what carries this connection's datagrams: for a socket of {@link #dial(int, Config)}
     *         {@code "netlink-socket"} (jnr-ffi) or {@code "netlink-socket-ffm"} ({@code java.lang.foreign}, see
     *         {@link io.github.jnetlink.spi.NetlinkTransportProvider}), else the {@link NetlinkTransport#kind()} given
     *         to {@link #over}
     */
    public String transportKind() {
        return transport.kind();
    }

    /** @return the size in bytes of the userspace buffer datagrams are received into; it grows to fit the largest */
    public int messageBufferSize() {
        receiveLock.lock();
        try {
            return replies.bufferSize();
        } finally {
            receiveLock.unlock();
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return transport.isClosed();
    }

    /**
     * Closes the socket. A thread blocked in {@link #receive()} wakes at once with
     * {@link NetlinkClosedException}; the descriptor is released when no operation uses it any more.
     * Never blocks; calling it again does nothing.
     */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "Conn[protocol=" + Protocol.name(transport.protocol()) + ", pid=" + Integer.toUnsignedString(transport.pid())
                + (transport.kind().equals("netlink-socket") ? "" : ", transport=" + transport.kind())
                + (transport.isClosed() ? ", closed" : "") + "]";
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
            ByteBuffer b = sendBuffer(total);
            for (Message m : sent) {
                encode(b, m);
            }
            transport.send(b.flip(), 0);
        } finally {
            sendLock.unlock();
        }
        for (Message m : sent) {
            observer.sent(m);
        }
        return sent;
    }

    /**
     * {@link #sendLocked(List)} for the single request of an exchange, without the lists. The caller holds the
     * exchange's write lock, which keeps out every other sender ({@link #send} holds its read lock), so the send
     * lock is not taken.
     */
    private Message sendOneLocked(Message message) {
        Message sent = fill(message);
        int total = Message.align(sent.header().length());
        ByteBuffer b = sendBuffer(total);
        encode(b, sent);
        transport.send(b.flip(), 0);
        observer.sent(sent);
        return sent;
    }

    /** The send buffer, cleared, with room for {@code size} bytes. */
    private ByteBuffer sendBuffer(int size) {
        if (sendBuffer.capacity() < size) {
            sendBuffer = ByteBuffer.allocateDirect(Math.max(size, sendBuffer.capacity() * 2)).order(ByteOrder.nativeOrder());
        }
        return sendBuffer.clear();
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
        int pid = h.pid() == 0 ? transport.pid() : h.pid();
        return new Message(new Header(length, h.type(), h.flags(), seq, pid), m.data());
    }

    /** The sink of the collecting execute and of {@link #receive()}: every reply in one list. */
    private final class Collector implements ReplyEngine.Sink {
        private ArrayList<Message> out;
        private boolean multipart;

        Collector begin() {
            out = new ArrayList<>();
            multipart = false;
            return this;
        }

        @Override
        public List<Message> messages() {
            return out;
        }

        @Override
        public void accept(List<Message> messages, int from, boolean ended) {
            if (from == 0 && !ended && !out.isEmpty() && out.get(out.size() - 1).header().has(HeaderFlags.MULTI)) {
                // A dump that did not fit one datagram: size the list like the last dump on this socket
                // instead of growing (and copying) it step by step.
                multipart = true;
                out.ensureCapacity(multipartHint);
            }
        }

        @Override
        public boolean restartable() {
            return true;
        }

        @Override
        public void restart() {
            out.clear();
        }

        @Override
        public DumpInterruptedException interrupted(String operation) {
            return new DumpInterruptedException(operation, out);
        }

        List<Message> finish() {
            ArrayList<Message> result = out;
            out = null;
            if (multipart) {
                if (result.size() < multipartHint / 4) {
                    // Much smaller than the last dump: do not hand the caller a mostly empty array.
                    result.trimToSize();
                }
                multipartHint = Math.max(16, result.size() + result.size() / 16);
            }
            return result;
        }
    }

    /** The sink of {@link #execute(Message, Consumer)}: each reply to the consumer, until it throws. */
    private static final class Streamer implements ReplyEngine.Sink {
        private final ArrayList<Message> batch = new ArrayList<>();
        private final Consumer<? super Message> consumer;
        private long delivered;
        private RuntimeException failure;

        Streamer(Consumer<? super Message> consumer) {
            this.consumer = consumer;
        }

        @Override
        public List<Message> messages() {
            return batch;
        }

        @Override
        public void accept(List<Message> messages, int from, boolean ended) {
            try {
                if (failure == null) {
                    for (int i = from; i < messages.size(); i++) {
                        consumer.accept(messages.get(i));
                        delivered++;
                    }
                }
            } catch (RuntimeException e) {
                // the rest of the reply is still read, so that the next exchange does not get it
                failure = e;
            } finally {
                // one datagram's messages in memory at a time
                batch.clear();
            }
        }

        @Override
        public boolean restartable() {
            return delivered == 0 && failure == null;
        }

        @Override
        public void restart() {
            // nothing was delivered
        }

        @Override
        public DumpInterruptedException interrupted(String operation) {
            return new DumpInterruptedException(operation, delivered);
        }
    }

    /** The sink of {@link #stream}: each reply to the consumer in place, until it throws. */
    private static final class InPlace implements ReplyEngine.Sink {
        private final Consumer<? super MessageView> consumer;
        private long delivered;
        private RuntimeException failure;

        InPlace(Consumer<? super MessageView> consumer) {
            this.consumer = consumer;
        }

        @Override
        public boolean inPlace() {
            return true;
        }

        @Override
        public void accept(MessageView reply) {
            if (failure != null) {
                return;
            }
            try {
                consumer.accept(reply);
                delivered++;
            } catch (RuntimeException e) {
                // the rest of the reply is still read, so that the next exchange does not get it
                failure = e;
            }
        }

        @Override
        public List<Message> messages() {
            throw new IllegalStateException("an in-place sink has no message list");
        }

        @Override
        public void accept(List<Message> messages, int from, boolean ended) {
            throw new IllegalStateException("an in-place sink takes views");
        }

        @Override
        public boolean restartable() {
            return delivered == 0 && failure == null;
        }

        @Override
        public void restart() {
            // nothing was delivered
        }

        @Override
        public DumpInterruptedException interrupted(String operation) {
            return new DumpInterruptedException(operation, delivered);
        }
    }

    private static Message requireMessage(Message m, String operation) {
        if (m == null) {
            throw new NetlinkArgumentException(operation + ": message must not be null");
        }
        return m;
    }

    private static String requireOperation(String operation) {
        if (operation == null || operation.isBlank()) {
            throw new NetlinkArgumentException("execute: operation must name what the request does, got "
                    + (operation == null ? "null" : "'" + operation + "'"));
        }
        return operation;
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
