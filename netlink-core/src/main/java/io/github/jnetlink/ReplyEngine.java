package io.github.jnetlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The receive side of a {@link Conn}: one loop that reads the datagrams of a reply, keeps the messages that
 * answer the request, throws the kernel's errors and hands each datagram's messages to a {@link Sink}. Collecting a
 * list, streaming to a consumer and {@link Conn#receive()} are three sinks of this one loop.
 *
 * <p>It owns the receive buffer. A datagram that did not fit it is truncated by the kernel; the buffer grows to
 * fit, and a reply that can be asked for again (a dump, or a query that changed nothing) is asked for again once,
 * so the caller sees the complete answer. Not thread-safe: {@code Conn} holds its receive lock around every call.
 */
final class ReplyEngine {

    /** Dump datagrams are at most 32 KiB (the kernel caps {@code max_recvmsg_len}); single messages are rarely more. */
    static final int INITIAL_BUFFER = 64 * 1024;
    private static final int MAX_BUFFER = 1 << 30;
    /** {@link #truncated}: the cut datagram answers another request. */
    private static final int NOT_OURS = -2;

    /**
     * Where the messages of each datagram of a reply go. The engine appends a datagram's messages to the sink's own
     * list, so that collecting a dump copies nothing, and then hands the sink what it appended.
     */
    interface Sink {

        /** @return the list the next datagram's messages are appended to */
        List<Message> messages();

        /**
         * @param messages the sink's list
         * @param from     where this datagram's replies start in it; they run to its end ({@code NLMSG_DONE} removed)
         * @param ended    whether this datagram ends the reply
         */
        void accept(List<Message> messages, int from, boolean ended);

        /** @return whether the reply can be read again from the start: nothing has left the sink yet */
        boolean restartable();

        /** Forgets what was accepted, before the request is sent again. */
        void restart();

        /** @param operation the operation @return the exception for a dump the kernel marked {@code NLM_F_DUMP_INTR} */
        DumpInterruptedException interrupted(String operation);

        /**
         * @return true when the sink reads replies in place through {@link #accept(MessageView)}, with no
         *         {@link Message} made for them; {@link #messages()} and {@link #accept(List, int, boolean)} are
         *         then not called
         */
        default boolean inPlace() {
            return false;
        }

        /** An in-place sink's reply, valid during the call only. */
        default void accept(MessageView reply) {
        }
    }

    private final NetlinkTransport transport;
    private final ConnObserver observer;
    private final Set<Integer> trustedPeers;
    private final boolean kernelOnly;
    private ByteBuffer buffer;
    /** The in-place sinks' copy of the current datagram, and the view over it. */
    private byte[] inPlace = new byte[0];
    private final MessageView view = new MessageView();
    private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

    /** Set by {@link #readOnce} when it stops at a truncated datagram. */
    private int truncatedLength;
    private int truncatedBuffer;

    /** Sends a request again (as given, before its fields were filled in) and returns it as sent. */
    private final UnaryOperator<Message> resend;

    ReplyEngine(NetlinkTransport transport, Config config, UnaryOperator<Message> resend) {
        this.resend = resend;
        this.transport = transport;
        this.observer = config.observer();
        this.trustedPeers = config.trustedPeers();
        this.kernelOnly = transport.protocol() != Protocol.USERSOCK;
        this.buffer = allocate(config.messageBufferSize() > 0 ? config.messageBufferSize() : INITIAL_BUFFER);
    }

    /** @return the size of the userspace receive buffer, which grows to fit the largest datagram seen */
    int bufferSize() {
        return buffer.capacity();
    }

    /**
     * Reads the reply to {@code request} into {@code sink}: every datagram up to {@code NLMSG_DONE} for a multipart
     * reply, up to the acknowledgement for a request that asked for one, else one datagram.
     *
     * @param operation the operation, for exceptions
     * @param original  the request as the caller gave it, to send again when its reply was truncated
     * @param request   the request as sent, or null to take whatever arrives next ({@link Conn#receive()})
     * @param sink      where the replies go
     * @return the request as last sent: {@code request}, or its repetition
     */
    Message read(String operation, Message original, Message request, Sink sink) {
        Message current = request;
        boolean repeated = false;
        while (true) {
            int truncatedType = readOnce(operation, current, sink);
            if (truncatedType < 0) {
                return current;
            }
            int length = truncatedLength;
            int before = truncatedBuffer;
            observer.truncated(length);
            if (current == null) {
                throw new NetlinkTruncatedException(operation, length, before,
                        "the buffer now holds " + buffer.capacity() + " bytes; resynchronise what the lost datagram described");
            }
            drain(current, truncatedType);
            String refusal = repeated ? "it was truncated again after the request was repeated"
                    : !repeatable(current) ? "the request was not repeated because it may have changed something; repeat it"
                    : !sink.restartable() ? "part of the reply already reached the consumer; run the request again" : null;
            if (refusal != null) {
                throw new NetlinkTruncatedException(operation, length, before, refusal);
            }
            sink.restart();
            current = resend.apply(original);
            repeated = true;
        }
    }

    /**
     * Whether asking again cannot change anything: a dump, or a request that wanted neither an acknowledgement nor
     * an echo and got a data reply (a change request's reply is an {@code NLMSG_ERROR}, which is never repeated).
     */
    private static boolean repeatable(Message request) {
        int flags = request.header().flags();
        return (flags & HeaderFlags.DUMP) == HeaderFlags.DUMP
                || (flags & (HeaderFlags.ACKNOWLEDGE | HeaderFlags.ECHO)) == 0;
    }

    /**
     * One pass of {@link #read}.
     *
     * @return -1 when the reply was read whole; otherwise the reply stopped at a truncated datagram (see
     *         {@link #truncatedLength}), and this is the type of its first message's header
     */
    private int readOnce(String operation, Message request, Sink sink) {
        if (sink.inPlace()) {
            return readOnceInPlace(operation, request, sink);
        }
        int sequence = request == null ? 0 : request.header().sequence();
        int pid = request == null ? 0 : request.header().pid();
        boolean awaitAck = request != null && request.header().has(HeaderFlags.ACKNOWLEDGE);
        int ownPid = transport.pid();
        int seen = 0;
        while (true) {
            List<Message> batch = sink.messages();
            int start = batch.size();
            int length = nextDatagram(operation);
            if (length > buffer.capacity()) {
                int type = truncated(operation, length, sequence, pid, ownPid, batch);
                if (type == NOT_OURS) {
                    // a late reply to an earlier request, too large: what execute would have discarded anyway
                    observer.truncated(length);
                    continue;
                }
                if (type == HeaderType.ERROR) {
                    sink.accept(batch, start, true);
                    return -1;
                }
                return type;
            }
            int summary = parse(length, sequence, pid, ownPid, batch);
            if (batch.size() == start) {
                // an empty datagram ends nothing and answers nothing: keep reading for a request, stop for receive()
                if (request == null) {
                    return -1;
                }
                continue;
            }
            if ((summary & Message.PARSED_MISMATCH) != 0) {
                summary = keepReplies(batch, start, sequence, pid, ownPid);
                if (batch.size() == start) {
                    continue;
                }
            }
            seen |= summary;
            if ((summary & Message.PARSED_CONTROL) != 0) {
                checkErrors(operation, batch, start);
            }
            Message last = batch.get(batch.size() - 1);
            boolean done = last.header().type() == HeaderType.DONE;
            if (done) {
                batch.remove(batch.size() - 1);
            }
            boolean ended = done || !last.header().has(HeaderFlags.MULTI) && (!awaitAck || last.header().type() == HeaderType.ERROR);
            sink.accept(batch, start, ended);
            if (ended) {
                break;
            }
        }
        if ((seen & HeaderFlags.DUMP_INTERRUPTED) != 0) {
            throw sink.interrupted(operation);
        }
        return -1;
    }

    /**
     * {@link #readOnce} for an in-place sink: each datagram is copied once out of the native buffer into a reused
     * array, and a {@link MessageView} walks its messages there. Replies to other requests are dropped, and
     * errors thrown, as for the other sinks; only control messages and what an observer sees become
     * {@link Message}s.
     */
    private int readOnceInPlace(String operation, Message request, Sink sink) {
        int sequence = request == null ? 0 : request.header().sequence();
        int pid = request == null ? 0 : request.header().pid();
        boolean awaitAck = request != null && request.header().has(HeaderFlags.ACKNOWLEDGE);
        int ownPid = transport.pid();
        int seen = 0;
        while (true) {
            int length = nextDatagram(operation);
            if (length > buffer.capacity()) {
                int type = truncated(operation, length, sequence, pid, ownPid, new java.util.ArrayList<>(1));
                if (type == NOT_OURS) {
                    observer.truncated(length);
                    continue;
                }
                return type == HeaderType.ERROR ? -1 : type;
            }
            if (inPlace.length < length) {
                inPlace = new byte[Math.max(length, buffer.capacity())];
            }
            byte[] b = inPlace;
            buffer.get(0, b, 0, length);
            int group = observer == ConnObserver.NONE ? 0 : transport.lastGroup();
            boolean ours = false;
            boolean ended = false;
            for (int off = 0; off < length; ) {
                MessageView m = view.at(b, off, checkedLength(b, off, length));
                off += Math.min(Message.align(m.length()), length - off);
                if (observer != ConnObserver.NONE) {
                    // as for the other sinks: every message received, then those answering another request discarded
                    observer.received(m.copy(), group);
                }
                if (!Validate.answers(sequence, pid, ownPid, m.sequence(), m.pid())) {
                    observer.discarded(m.copy());
                    continue;
                }
                ours = true;
                int type = m.type();
                seen |= m.flags();
                ended = type == HeaderType.DONE || !m.has(HeaderFlags.MULTI) && (!awaitAck || type == HeaderType.ERROR);
                if (type == HeaderType.ERROR || type == HeaderType.DONE) {
                    checkError(operation, m.copy());
                    continue;
                }
                sink.accept(m);
            }
            if (!ours && request == null) {
                return -1;
            }
            if (ended) {
                break;
            }
        }
        if ((seen & HeaderFlags.DUMP_INTERRUPTED) != 0) {
            throw sink.interrupted(operation);
        }
        return -1;
    }

    /** The length of the message at {@code off}, checked as {@link Message#parseDatagram} checks it. */
    private static int checkedLength(byte[] b, int off, int limit) {
        int left = limit - off;
        Message.checkHeaderRoom(off, left);
        return Message.checkLength((int) INT.get(b, off), off, left);
    }

    /**
     * A datagram of {@code length} bytes arrived cut to the buffer's size. The buffer grows to fit it. When its
     * first message is an {@code NLMSG_ERROR} answering the request, what was cut is only the echoed request and
     * the extended ACK: an acknowledgement ends the reply (ERROR is returned), an error is thrown without its
     * extended ACK. An acknowledgement is added to the batch, holding what arrived of the echoed header.
     *
     * @return the type of the datagram's first message, 0 when not even its header arrived, or {@link #NOT_OURS}
     *         when that header shows it answers another request
     */
    private int truncated(String operation, int length, int sequence, int pid, int ownPid, List<Message> batch) {
        ByteBuffer b = buffer;
        int stored = b.limit();
        truncatedLength = length;
        truncatedBuffer = b.capacity();
        int type = 0;
        if (stored >= Header.SIZE) {
            type = b.getShort(4) & 0xFFFF;
            int seq = b.getInt(8);
            int replyPid = b.getInt(12);
            if (sequence != 0 && !Validate.answers(sequence, pid, ownPid, seq, replyPid)) {
                grow(length);
                return NOT_OURS;
            }
            if (type == HeaderType.ERROR && stored >= Header.SIZE + 4 && sequence != 0) {
                int code = b.getInt(Header.SIZE);
                if (code == 0) {
                    // keep the acknowledgement with as much of the echoed request's header as arrived
                    byte[] data = new byte[Math.min(stored - Header.SIZE, 4 + Header.SIZE)];
                    b.get(Header.SIZE, data);
                    batch.add(new Message(new Header(Header.SIZE + data.length, type, b.getShort(6) & 0xFFFF, seq, replyPid), data));
                }
                grow(length);
                if (code < 0) {
                    throw new NetlinkErrorException(operation, -code, seq, ExtendedAck.NONE);
                }
                return HeaderType.ERROR;
            }
        }
        grow(length);
        return type == HeaderType.ERROR ? 0 : type;
    }

    /**
     * After a truncated datagram of a dump, reads what the kernel still sends of it, without waiting, and drops
     * it: the dump must end before the request can be sent again (the kernel answers EBUSY while one runs). The
     * kernel queues the next part of a dump while the previous one is being received, so an empty queue means the
     * dump is over.
     */
    private void drain(Message request, int truncatedType) {
        if ((request.header().flags() & HeaderFlags.DUMP) != HeaderFlags.DUMP || truncatedType == HeaderType.DONE) {
            return;
        }
        int sequence = request.header().sequence();
        while (true) {
            int length = transport.tryReceive(buffer);
            if (length < 0) {
                return;
            }
            if (length > buffer.capacity()) {
                grow(length);
                continue;
            }
            if (!accepted(transport.lastSender())) {
                continue;
            }
            for (int off = 0; off + Header.SIZE <= length; ) {
                int len = buffer.getInt(off);
                int type = buffer.getShort(off + 4) & 0xFFFF;
                if (buffer.getInt(off + 8) == sequence && (type == HeaderType.DONE || type == HeaderType.ERROR)) {
                    return;
                }
                if (len < Header.SIZE) {
                    break;
                }
                off += Message.align(len);
            }
        }
    }

    /** Receives the next datagram from the kernel or a trusted peer; others are dropped and counted. */
    private int nextDatagram(String operation) {
        while (true) {
            int length;
            try {
                length = transport.receive(buffer);
            } catch (NetlinkOverrunException e) {
                observer.overrun();
                throw e;
            }
            if (accepted(transport.lastSender())) {
                return length;
            }
            observer.rejected(transport.lastSender());
        }
    }

    private boolean accepted(int sender) {
        return sender == 0 || !kernelOnly || trustedPeers.contains(sender);
    }

    /**
     * Receives one datagram for {@link Conn#receiveDatagram()} and {@link Conn#receiveBytes()}.
     *
     * @return the buffer holding it, position 0, limit its length; valid until the next receive
     * @throws NetlinkTruncatedException when it did not fit the buffer
     */
    ByteBuffer nextWholeDatagram(String operation) {
        int length = nextDatagram(operation);
        if (length > buffer.capacity()) {
            int before = buffer.capacity();
            grow(length);
            observer.truncated(length);
            throw new NetlinkTruncatedException(operation, length, before,
                    "the buffer now holds " + buffer.capacity() + " bytes; resynchronise what the lost datagram described");
        }
        return buffer;
    }

    /** Splits a datagram (a buffer returned by {@link #nextWholeDatagram}) into messages, appended to {@code into}. */
    List<Message> split(ByteBuffer datagram, List<Message> into) {
        // the datagram is the engine's own buffer: split it as replies are, with nothing to match
        parse(datagram.limit(), 0, 0, 0, into);
        return into;
    }

    private int parse(int length, int sequence, int pid, int ownPid, List<Message> into) {
        int start = into.size();
        int summary = Message.parseDatagram(buffer, 0, length, into, sequence, pid, ownPid);
        notifyReceived(into, start);
        return summary;
    }

    private void notifyReceived(List<Message> messages, int from) {
        if (observer != ConnObserver.NONE) {
            int group = transport.lastGroup();
            for (int i = from; i < messages.size(); i++) {
                observer.received(messages.get(i), group);
            }
        }
    }

    /**
     * Drops from {@code batch}, from {@code start} on, the messages that do not answer the request (see
     * {@link Validate#answers}), reporting each to {@link ConnObserver#discarded}.
     *
     * @return the summary bits of the messages kept, as {@link Message#parseDatagram} computes them
     */
    private int keepReplies(List<Message> batch, int start, int sequence, int pid, int ownPid) {
        int summary = 0;
        int kept = start;
        for (int i = start; i < batch.size(); i++) {
            Message m = batch.get(i);
            Header h = m.header();
            if (!Validate.answers(sequence, pid, ownPid, h.sequence(), h.pid())) {
                observer.discarded(m);
                continue;
            }
            summary |= Message.summarise(h, 0, 0, 0);
            batch.set(kept++, m);
        }
        batch.subList(kept, batch.size()).clear();
        return summary;
    }

    /** Throws the first kernel error carried by an {@code NLMSG_ERROR} or {@code NLMSG_DONE} of the batch from {@code start} on. */
    private static void checkErrors(String operation, List<Message> batch, int start) {
        for (int i = start; i < batch.size(); i++) {
            Message m = batch.get(i);
            int type = m.header().type();
            if (type == HeaderType.ERROR || type == HeaderType.DONE) {
                checkError(operation, m);
            }
        }
    }

    /** Throws the kernel's error carried by an NLMSG_ERROR or NLMSG_DONE, if it is one. */
    static void checkError(String operation, Message m) {
        byte[] d = m.data();
        Header h = m.header();
        boolean done = h.type() == HeaderType.DONE;
        if (d.length < 4) {
            if (done) {
                return;
            }
            throw new MalformedMessageException(operation + ": NLMSG_ERROR of " + d.length + " bytes, at least 4 needed");
        }
        int code = ByteBuffer.wrap(d).order(ByteOrder.nativeOrder()).getInt(0);
        if (code == 0) {
            return;
        }
        if (code > 0) {
            throw new MalformedMessageException(operation + ": " + (done ? "NLMSG_DONE" : "NLMSG_ERROR")
                    + " with positive error code " + code);
        }
        ExtendedAck ack = ExtendedAck.NONE;
        if (h.has(HeaderFlags.ACKNOWLEDGE_TLVS)) {
            // NLMSG_DONE: the errno alone comes before the attributes. NLMSG_ERROR: the errno, then the request's
            // header, then (unless NLM_F_CAPPED) the rest of the request, padded to 4 bytes.
            long tlvs = 4;
            if (!done) {
                ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.nativeOrder());
                long originalLength = d.length >= 4 + Header.SIZE ? Integer.toUnsignedLong(b.getInt(4)) : -1;
                tlvs = originalLength < Header.SIZE ? d.length
                        : 4 + (h.has(HeaderFlags.CAPPED) ? Header.SIZE : (originalLength + 3 & ~3L));
            }
            if (tlvs < d.length) {
                ack = ExtendedAck.decode(d, (int) tlvs);
            }
        }
        throw new NetlinkErrorException(operation, -code, h.sequence(), ack);
    }

    private void grow(int length) {
        int size = buffer.capacity();
        while (size < length && size < MAX_BUFFER) {
            size <<= 1;
        }
        buffer = allocate(size);
    }

    private static ByteBuffer allocate(int size) {
        return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
    }
}
