package io.github.jnetlink.test;

import io.github.jnetlink.ExtendedAck;
import io.github.jnetlink.Header;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a {@link FakeKernel} sends back for one request datagram: a series of datagrams, each a list of messages, in
 * the order the kernel would queue them to the requesting socket. Immutable and thread-safe.
 *
 * <p>Reply messages are sent as given except for two fields, filled in the way the kernel addresses a reply: a
 * sequence number of 0 becomes the request's, and a port ID of 0 becomes the requesting {@code Conn}'s. A message
 * that already carries a sequence number keeps it, which is how a test sends the late reply to an earlier request.
 * The request a reply answers is the first message of the datagram the handler was given.
 *
 * <p>After the handler's replies the fake appends an acknowledgement for every request message of the datagram that
 * asked for one ({@link HeaderFlags#ACKNOWLEDGE}) and is not a dump, unless the replies already hold an
 * {@code NLMSG_ERROR} with that message's sequence number (an error, or an {@link #ack()}); {@link #none()} suppresses
 * even that.
 *
 * <pre>{@code
 * kernel.onRequest(request -> switch (request.get(0).header().type()) {
 *     case RTM_GETLINK -> Replies.multipart(List.of(lo, eth0, eth1));
 *     case RTM_DELLINK -> Replies.error(19, "Cannot find device");
 *     default -> Replies.ack();
 * });
 * }</pre>
 */
public final class Replies {

    /** Messages per datagram of {@link #multipart(List)}: few, so that even a small dump spans several datagrams. */
    public static final int DEFAULT_PER_DATAGRAM = 2;

    /** {@code EOPNOTSUPP}, what rtnetlink answers for a message type it has no handler for. */
    static final int EOPNOTSUPP = 95;

    private static final int NLMSGERR_ATTR_MSG = 1;
    private static final int NLMSGERR_ATTR_OFFS = 2;
    private static final int NLMSGERR_ATTR_COOKIE = 3;
    private static final int NLMSGERR_ATTR_POLICY = 4;
    private static final int NLMSGERR_ATTR_MISS_TYPE = 5;
    private static final int NLMSGERR_ATTR_MISS_NEST = 6;
    private static final int NLA_F_NESTED = 1 << 15;
    private static final int MAX_ERRNO = 4095;

    private static final Replies NONE = new Replies(List.of(), true);

    /** One message of a reply datagram, rendered against the request when the datagram is sent. */
    sealed interface Part permits Reply, Failure, Done {
    }

    /** A message as the handler gave it. */
    record Reply(Message message) implements Part {
    }

    /** An {@code NLMSG_ERROR}: an acknowledgement when {@code errno} is 0. */
    record Failure(int errno, ExtendedAck ack) implements Part {
    }

    /** The {@code NLMSG_DONE} ending a dump, carrying {@code -errno} and the flags of the messages before it. */
    record Done(int flags, int errno, ExtendedAck ack) implements Part {
    }

    private final List<List<Part>> datagrams;
    private final boolean silent;

    private Replies(List<List<Part>> datagrams, boolean silent) {
        this.datagrams = datagrams;
        this.silent = silent;
    }

    /**
     * One datagram holding {@code messages}, as the kernel sends the answer to a GET (a single {@code RTM_NEWLINK})
     * or a short dump that it has put in one datagram. Flags are sent as given: set {@link HeaderFlags#MULTI} and end
     * with an {@code NLMSG_DONE} yourself, or use {@link #multipart(List)}.
     *
     * @param messages the messages, at least one; their payloads are copied
     * @return the replies
     * @throws NetlinkArgumentException when {@code messages} is null, empty or holds null
     */
    public static Replies of(Message... messages) {
        if (messages == null || messages.length == 0) {
            throw new NetlinkArgumentException("Replies.of: at least one message is needed; use Replies.none() for no answer");
        }
        List<Part> datagram = new ArrayList<>(messages.length);
        for (Message m : messages) {
            datagram.add(new Reply(copy(m, 0, "Replies.of")));
        }
        return new Replies(List.of(List.copyOf(datagram)), false);
    }

    /**
     * A dump's answer as the kernel sends it: every message flagged {@link HeaderFlags#MULTI}, {@value #DEFAULT_PER_DATAGRAM}
     * to a datagram, then {@code NLMSG_DONE} (flagged {@code NLM_F_MULTI}, carrying error code 0). The kernel fills a
     * datagram until the next message does not fit, and appends {@code NLMSG_DONE} to the last one when there is room
     * (since Linux 4.20) or sends it alone: here it goes into the last datagram when that holds fewer than
     * {@value #DEFAULT_PER_DATAGRAM} messages, else into one of its own, so that both shapes occur. An empty dump is
     * a lone {@code NLMSG_DONE}. A reader must drain every datagram up to {@code NLMSG_DONE}.
     *
     * @param messages the dumped objects, in order; payloads are copied
     * @return the replies
     * @throws NetlinkArgumentException when {@code messages} is null or holds null
     */
    public static Replies multipart(List<Message> messages) {
        return multipart(messages, DEFAULT_PER_DATAGRAM);
    }

    /**
     * {@link #multipart(List)} with {@code perDatagram} messages to a datagram.
     *
     * @param messages    the dumped objects, in order
     * @param perDatagram how many messages the kernel puts in each datagram, at least 1
     * @return the replies
     * @throws NetlinkArgumentException when {@code messages} is null or holds null, or {@code perDatagram} is below 1
     */
    public static Replies multipart(List<Message> messages, int perDatagram) {
        return dump(messages, perDatagram, 0, 0, ExtendedAck.NONE, "Replies.multipart");
    }

    /**
     * A dump whose table changed while it was being read: {@link #multipart(List)}, with every message and the
     * {@code NLMSG_DONE} flagged {@link HeaderFlags#DUMP_INTERRUPTED} ({@code NLM_F_DUMP_INTR}). The kernel sets the
     * flag on the messages it puts after it noticed the generation counter change, the {@code NLMSG_DONE} among them;
     * marking all of them is one such case. {@code Conn.execute} then throws
     * {@link io.github.jnetlink.DumpInterruptedException}, and {@link io.github.jnetlink.Dumps#executeConsistent}
     * dumps again.
     *
     * @param messages the dumped objects, in order
     * @return the replies
     * @throws NetlinkArgumentException when {@code messages} is null or holds null
     */
    public static Replies dumpInterrupted(List<Message> messages) {
        return dump(messages, DEFAULT_PER_DATAGRAM, HeaderFlags.DUMP_INTERRUPTED, 0, ExtendedAck.NONE,
                "Replies.dumpInterrupted");
    }

    /**
     * A dump that failed part way: {@link #multipart(List)} of the messages sent before the failure, ended by an
     * {@code NLMSG_DONE} carrying {@code -errno} instead of 0, followed by the extended ACK attributes
     * ({@code NLMSGERR_ATTR_MSG}, flag {@code NLM_F_ACK_TLVS}) when a message is given, as the kernel's
     * {@code netlink_dump_done} does.
     *
     * @param messages      what was dumped before the failure
     * @param errno         the positive error number, 1 to 4095
     * @param extAckMessage the kernel's text, or null or empty for none
     * @return the replies
     * @throws NetlinkArgumentException for a null list or message, or an errno out of range
     */
    public static Replies dumpFailed(List<Message> messages, int errno, String extAckMessage) {
        requireErrno(errno, "Replies.dumpFailed");
        return dump(messages, DEFAULT_PER_DATAGRAM, 0, errno, textAck(extAckMessage), "Replies.dumpFailed");
    }

    /**
     * The acknowledgement of a request that succeeded: an {@code NLMSG_ERROR} with error code 0, echoing the request's
     * header (the kernel never echoes the payload of an acknowledgement, so the message is flagged
     * {@link HeaderFlags#CAPPED}), in a datagram of its own. The fake acknowledges requests that asked for it by
     * itself, after any other reply; this is the whole answer of a change request that succeeded, and it is sent even
     * to a request without {@link HeaderFlags#ACKNOWLEDGE} (which a kernel would leave unanswered).
     *
     * @return the replies
     */
    public static Replies ack() {
        return new Replies(List.of(List.of(new Failure(0, ExtendedAck.NONE))), false);
    }

    /**
     * The kernel's refusal: an {@code NLMSG_ERROR} carrying {@code -errno} and the request it refuses, in a datagram
     * of its own. The request is echoed whole, or only its header (flag {@link HeaderFlags#CAPPED}) when the
     * {@code Conn} turned on {@link io.github.jnetlink.ConnOption#CAP_ACKNOWLEDGE}; with a message the extended ACK
     * attribute {@code NLMSGERR_ATTR_MSG} follows, flagged {@link HeaderFlags#ACKNOWLEDGE_TLVS}.
     *
     * <p>The kernel adds extended ACK attributes only to sockets that turned on
     * {@link io.github.jnetlink.ConnOption#EXTENDED_ACKNOWLEDGE}; the fake adds them whenever a message is given.
     *
     * @param errno         the positive error number, such as 19 ({@code ENODEV}), 1 to 4095
     * @param extAckMessage the kernel's text, such as {@code "Unknown device type"}, or null or empty for none
     * @return the replies
     * @throws NetlinkArgumentException for an errno out of range
     */
    public static Replies error(int errno, String extAckMessage) {
        requireErrno(errno, "Replies.error");
        return new Replies(List.of(List.of(new Failure(errno, textAck(extAckMessage)))), false);
    }

    /**
     * {@link #error(int, String)} with every extended ACK attribute the kernel can send: {@code NLMSGERR_ATTR_MSG},
     * {@code _OFFS}, {@code _MISS_TYPE}, {@code _MISS_NEST}, {@code _COOKIE} and {@code _POLICY} (a nested
     * attribute, its raw contents given), each present when set in {@code ack}.
     *
     * @param errno the positive error number, 1 to 4095
     * @param ack   what to add, {@link ExtendedAck#NONE} or null for nothing
     * @return the replies
     * @throws NetlinkArgumentException for an errno out of range
     */
    public static Replies error(int errno, ExtendedAck ack) {
        requireErrno(errno, "Replies.error");
        return new Replies(List.of(List.of(new Failure(errno, ack == null ? ExtendedAck.NONE : ack))), false);
    }

    /**
     * No answer at all, not even the acknowledgement {@link HeaderFlags#ACKNOWLEDGE} asked for: what a caller sees
     * when the kernel never got the request, or of a change request without {@code NLM_F_ACK} that succeeded. An
     * execute then waits for its read deadline.
     *
     * @return the replies
     */
    public static Replies none() {
        return NONE;
    }

    /**
     * These datagrams, then those of {@code next}: for instance a reply to an earlier request arriving first,
     * {@code Replies.of(lateReply).then(Replies.of(reply))}, or a reply then an error.
     *
     * @param next what the kernel sends afterwards
     * @return the replies
     * @throws NetlinkArgumentException when {@code next} is null
     */
    public Replies then(Replies next) {
        if (next == null) {
            throw new NetlinkArgumentException("Replies.then: next must not be null");
        }
        List<List<Part>> all = new ArrayList<>(datagrams);
        all.addAll(next.datagrams);
        return new Replies(List.copyOf(all), silent && next.silent);
    }

    /** @return how many datagrams the kernel sends, acknowledgements the fake adds not counted */
    public int datagramCount() {
        return datagrams.size();
    }

    @Override
    public String toString() {
        if (silent && datagrams.isEmpty()) {
            return "Replies[none]";
        }
        StringBuilder b = new StringBuilder("Replies[");
        for (int i = 0; i < datagrams.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('[');
            List<Part> d = datagrams.get(i);
            for (int j = 0; j < d.size(); j++) {
                b.append(j == 0 ? "" : ", ").append(describe(d.get(j)));
            }
            b.append(']');
        }
        return b.append(']').toString();
    }

    private static String describe(Part p) {
        if (p instanceof Reply r) {
            return HeaderType.toString(r.message().header().type());
        }
        if (p instanceof Failure f) {
            return f.errno() == 0 ? "ACK" : "ERROR(-" + f.errno() + ")";
        }
        Done d = (Done) p;
        return d.errno() == 0 ? "DONE" : "DONE(-" + d.errno() + ")";
    }

    /** @return whether the fake must add nothing, not even acknowledgements */
    boolean silent() {
        return silent;
    }

    /**
     * Encodes the datagrams as the kernel sends them to {@code portId} in answer to {@code request}.
     *
     * @param request the request answered, as sent
     * @param portId  the requesting socket's port ID
     * @param capAck  whether the socket turned on {@code NETLINK_CAP_ACK}
     * @return each datagram's bytes
     */
    List<byte[]> render(Message request, int portId, boolean capAck) {
        List<byte[]> out = new ArrayList<>(datagrams.size());
        for (List<Part> datagram : datagrams) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (Part part : datagram) {
                bytes.writeBytes(render(part, request, portId, capAck).marshal());
            }
            out.add(bytes.toByteArray());
        }
        return out;
    }

    /** The acknowledgement the fake adds for {@code request}. */
    static byte[] acknowledgement(Message request, int portId) {
        return render(new Failure(0, ExtendedAck.NONE), request, portId, true).marshal();
    }

    private static Message render(Part part, Message request, int portId, boolean capAck) {
        Header req = request.header();
        if (part instanceof Reply r) {
            Header h = r.message().header();
            return new Message(new Header(0, h.type(), h.flags(), h.sequence() == 0 ? req.sequence() : h.sequence(),
                    h.pid() == 0 ? portId : h.pid()), r.message().data());
        }
        if (part instanceof Failure f) {
            // netlink_ack: an acknowledgement never echoes the payload; an error does unless NETLINK_CAP_ACK is on
            boolean capped = f.errno() == 0 || capAck;
            byte[] echo = request.marshal();
            int echoed = capped ? Header.SIZE : Math.min(echo.length, Math.max(Header.SIZE, req.length()));
            byte[] tlvs = tlvs(f.ack());
            int flags = (capped ? HeaderFlags.CAPPED : 0) | (tlvs.length > 0 ? HeaderFlags.ACKNOWLEDGE_TLVS : 0);
            ByteBuffer b = ByteBuffer.allocate(4 + align(echoed) + tlvs.length).order(ByteOrder.nativeOrder());
            b.putInt(-f.errno()).put(echo, 0, echoed);
            b.position(4 + align(echoed));
            b.put(tlvs);
            byte[] data = tlvs.length > 0 ? b.array() : Arrays.copyOf(b.array(), 4 + echoed);
            return new Message(new Header(0, HeaderType.ERROR, flags, req.sequence(), portId), data);
        }
        Done d = (Done) part;
        byte[] tlvs = tlvs(d.ack());
        ByteBuffer b = ByteBuffer.allocate(4 + tlvs.length).order(ByteOrder.nativeOrder());
        b.putInt(-d.errno()).put(tlvs);
        int flags = HeaderFlags.MULTI | d.flags() | (tlvs.length > 0 ? HeaderFlags.ACKNOWLEDGE_TLVS : 0);
        return new Message(new Header(0, HeaderType.DONE, flags, req.sequence(), portId), b.array());
    }

    /** The {@code NLMSGERR_ATTR_*} attributes of {@code <linux/netlink.h>} for {@code ack}, in the kernel's order. */
    private static byte[] tlvs(ExtendedAck ack) {
        if (ack == null || ack.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ack.message().isEmpty()) {
            byte[] text = ack.message().getBytes(StandardCharsets.UTF_8);
            byte[] nul = Arrays.copyOf(text, text.length + 1);
            attribute(out, NLMSGERR_ATTR_MSG, nul);
        }
        if (ack.offset() >= 0) {
            attribute(out, NLMSGERR_ATTR_OFFS, u32(ack.offset()));
        }
        if (ack.missingType() >= 0) {
            attribute(out, NLMSGERR_ATTR_MISS_TYPE, u32(ack.missingType()));
        }
        if (ack.missingNest() >= 0) {
            attribute(out, NLMSGERR_ATTR_MISS_NEST, u32(ack.missingNest()));
        }
        if (ack.cookie().length > 0) {
            attribute(out, NLMSGERR_ATTR_COOKIE, ack.cookie());
        }
        if (ack.policy().length > 0) {
            attribute(out, NLMSGERR_ATTR_POLICY | NLA_F_NESTED, ack.policy());
        }
        return out.toByteArray();
    }

    private static void attribute(ByteArrayOutputStream out, int type, byte[] value) {
        int length = 4 + value.length;
        if (length > 0xFFFF) {
            throw new NetlinkArgumentException("extended ACK attribute " + (type & 0x3FFF) + " of " + value.length
                    + " bytes does not fit a netlink attribute");
        }
        ByteBuffer b = ByteBuffer.allocate(align(length)).order(ByteOrder.nativeOrder());
        b.putShort((short) length).putShort((short) type).put(value);
        out.writeBytes(b.array());
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }

    private static Replies dump(List<Message> messages, int perDatagram, int extraFlags, int errno, ExtendedAck ack,
            String operation) {
        if (messages == null) {
            throw new NetlinkArgumentException(operation + ": messages must not be null");
        }
        if (perDatagram < 1) {
            throw new NetlinkArgumentException(operation + ": at least 1 message per datagram, got " + perDatagram);
        }
        List<List<Part>> datagrams = new ArrayList<>();
        List<Part> current = new ArrayList<>(perDatagram + 1);
        for (Message m : messages) {
            if (current.size() == perDatagram) {
                datagrams.add(List.copyOf(current));
                current.clear();
            }
            current.add(new Reply(copy(m, HeaderFlags.MULTI | extraFlags, operation)));
        }
        if (current.size() == perDatagram) {
            datagrams.add(List.copyOf(current));
            current.clear();
        }
        current.add(new Done(extraFlags, errno, ack));
        datagrams.add(List.copyOf(current));
        return new Replies(List.copyOf(datagrams), false);
    }

    private static Message copy(Message m, int extraFlags, String operation) {
        if (m == null) {
            throw new NetlinkArgumentException(operation + ": a message is null");
        }
        Header h = m.header();
        // the length is recomputed when sent; checking it now reports a bad one where the test built it
        m.marshal();
        return new Message(new Header(0, h.type(), h.flags() | extraFlags, h.sequence(), h.pid()), m.data().clone());
    }

    private static ExtendedAck textAck(String message) {
        return message == null || message.isEmpty() ? ExtendedAck.NONE : new ExtendedAck(message, -1, -1, -1, null, null);
    }

    private static void requireErrno(int errno, String operation) {
        if (errno < 1 || errno > MAX_ERRNO) {
            throw new NetlinkArgumentException(operation + ": errno must be 1 to " + MAX_ERRNO + " (positive; the kernel"
                    + " sends it negated), got " + errno);
        }
    }

    private static int align(int length) {
        return (length + 3) & ~3;
    }
}
