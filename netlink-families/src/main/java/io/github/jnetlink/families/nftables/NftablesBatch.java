package io.github.jnetlink.families.nftables;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Header;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.family.nftables.NftablesFamily;
import io.github.jnetlink.family.nftables.Nfgenmsg;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One nftables transaction. The kernel changes a ruleset only inside a batch: the messages of one datagram
 * between {@code NFNL_MSG_BATCH_BEGIN} and {@code NFNL_MSG_BATCH_END}, whose {@code res_id} names the
 * subsystem ({@code NFNL_SUBSYS_NFTABLES}). It applies every message in order to a copy of the ruleset and
 * commits all of them, or, when one fails, aborts all of them; a lone {@code NFT_MSG_NEWTABLE} and the like
 * outside a batch is refused with {@code EINVAL}. The generated {@link io.github.jnetlink.family.nftables.NftablesClient}
 * sends each operation alone, so this class is how its attribute records reach the kernel.
 *
 * <p>Every message is sent with {@code NLM_F_ACK}. The kernel answers the begin and end messages with nothing,
 * and queues the answers to the others until the whole batch has been processed: an acknowledgement for each
 * message of a committed batch, and for an aborted one an error for each message that failed, each carrying that
 * message's sequence number. The batch runs inside the {@code sendmsg} call, so a {@code NLMSG_NOOP} sent right
 * after it, with {@code NLM_F_ACK}, is answered after all of the batch's answers: {@link #commit(Conn)} reads up to
 * that one, so it never waits for an answer the kernel does not send.
 *
 * <p>Not thread-safe; build a batch on one thread. {@link #commit(Conn)} may be called on a connection other
 * threads use too, but their replies must not interleave with the batch's: give a batch its own connection.
 */
public final class NftablesBatch {

    /** {@code NFNL_SUBSYS_NFTABLES}, the subsystem a batch's {@code res_id} names. */
    public static final int NFNL_SUBSYS_NFTABLES = 10;

    private final List<Message> messages = new ArrayList<>();

    /**
     * Adds one message, such as {@code NftablesFamily.OP_NEWTABLE} with a
     * {@link io.github.jnetlink.family.nftables.TableAttrs}'s {@code encode()}.
     *
     * @param type       the message type: {@code NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_*}, an {@code NftablesFamily.OP_*}
     * @param family     the {@code nfgen_family} of the object: {@code NFPROTO_IPV4} (2), {@code NFPROTO_INET} (1), ...
     * @param flags      more {@link HeaderFlags}, such as {@code CREATE}, {@code EXCL} or {@code APPEND} for a rule; 0 for none
     * @param attributes the encoded attributes; null for none
     * @return this batch
     * @throws NetlinkArgumentException when the type is not an nftables message type or the family does not fit a u8
     */
    public NftablesBatch add(int type, int family, int flags, byte[] attributes) {
        if (type >>> 8 != NFNL_SUBSYS_NFTABLES || type > 0xFFFF) {
            throw new NetlinkArgumentException("nftables batch: message type 0x" + Integer.toHexString(type)
                    + " is not of NFNL_SUBSYS_NFTABLES (0x" + Integer.toHexString(NFNL_SUBSYS_NFTABLES << 8) + "..)");
        }
        byte[] header = new Nfgenmsg(family, 0, 0).encode();
        byte[] data = attributes == null ? header : concat(header, attributes);
        messages.add(Message.of(type, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE | flags, data));
        return this;
    }

    /** @return how many messages have been added */
    public int size() {
        return messages.size();
    }

    /**
     * Sends the batch in one datagram, framed by begin and end messages, and collects the kernel's answers.
     * The batch stays as it is: committing it again sends the same messages anew.
     *
     * @param conn a connection of {@link Protocol#NETFILTER}
     * @return what the kernel answered
     * @throws NetlinkArgumentException when the batch is empty or the connection is of another protocol
     * @throws io.github.jnetlink.NetlinkException when sending or receiving fails
     */
    public Result commit(Conn conn) {
        if (conn == null || conn.protocol() != Protocol.NETFILTER) {
            throw new NetlinkArgumentException("nftables batch: a connection of protocol NETFILTER (12) is needed, not " + conn);
        }
        if (messages.isEmpty()) {
            throw new NetlinkArgumentException("nftables batch: nothing to commit");
        }
        byte[] frame = new Nfgenmsg(0, 0, NFNL_SUBSYS_NFTABLES).encode();
        List<Message> datagram = new ArrayList<>(messages.size() + 2);
        datagram.add(Message.of(NftablesFamily.OP_BATCH_BEGIN, HeaderFlags.REQUEST, frame));
        datagram.addAll(messages);
        datagram.add(Message.of(NftablesFamily.OP_BATCH_END, HeaderFlags.REQUEST, frame));
        List<Message> sent = conn.sendAll(datagram);
        int barrier = conn.send(Message.of(HeaderType.NOOP, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE, null))
                .header().sequence();
        Map<Integer, Answer> answers = new HashMap<>();
        for (boolean done = false; !done; ) {
            for (Message m : conn.receiveDatagram().messages()) {
                if (m.header().type() != HeaderType.ERROR) {
                    continue;
                }
                Answer a = Answer.of(m);
                if (a.sequence() == barrier) {
                    done = true;
                } else {
                    answers.putIfAbsent(a.sequence(), a);
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>(messages.size());
        for (Message m : sent.subList(1, sent.size() - 1)) {
            Answer a = answers.get(m.header().sequence());
            outcomes.add(a == null ? new Outcome(m, false, 0, "") : new Outcome(m, true, a.errno(), a.text()));
        }
        Answer begin = answers.get(sent.get(0).header().sequence());
        return new Result(sent.get(0), outcomes, begin == null ? 0 : begin.errno(), begin == null ? "" : begin.text());
    }

    /**
     * What the kernel answered to a batch.
     *
     * @param begin        the begin message as sent, with its sequence number
     * @param outcomes     one for each added message, in order
     * @param beginErrno   the errno the kernel reported against the begin message, such as when the commit itself
     *                     failed or the batch was malformed; 0 for none
     * @param beginMessage the extended ACK text of that error; {@code ""} for none
     */
    public record Result(Message begin, List<Outcome> outcomes, int beginErrno, String beginMessage) {

        /** Keeps an unmodifiable copy of the outcomes. */
        public Result {
            outcomes = Collections.unmodifiableList(new ArrayList<>(outcomes));
        }

        /** @return whether the kernel committed the batch: every message acknowledged, none refused */
        public boolean committed() {
            return beginErrno == 0 && outcomes.stream().allMatch(o -> o.acknowledged() && o.errno() == 0);
        }

        /**
         * @throws NetlinkErrorException for the first message the kernel refused (or the begin message's error),
         *         with its errno, sequence number and extended ACK text, when the batch was not committed
         * @throws NetlinkException when the kernel refused nothing but did not acknowledge every message either
         */
        public void throwIfFailed() {
            if (beginErrno != 0) {
                throw new NetlinkErrorException("nftables batch", beginErrno, begin.header().sequence(), beginMessage, -1);
            }
            for (Outcome o : outcomes) {
                if (o.errno() != 0) {
                    throw new NetlinkErrorException("nftables batch: message type 0x" + Integer.toHexString(o.request().header().type()),
                            o.errno(), o.request().header().sequence(), o.message(), -1);
                }
            }
            if (!committed()) {
                throw new NetlinkException("nftables batch: the kernel did not acknowledge every message");
            }
        }
    }

    /**
     * The kernel's answer to one message of a batch.
     *
     * @param request      the message as sent, with its sequence number
     * @param acknowledged whether the kernel answered it at all
     * @param errno        the error the kernel answered with (positive, such as 2 for {@code ENOENT}); 0 for success
     * @param message      the extended ACK text, such as "Table does not exist"; {@code ""} for none
     */
    public record Outcome(Message request, boolean acknowledged, int errno, String message) {
    }

    /** One NLMSG_ERROR: the errno, the sequence number of the message it answers and NLMSGERR_ATTR_MSG. */
    private record Answer(int sequence, int errno, String text) {

        static Answer of(Message m) {
            byte[] d = m.data();
            if (d.length < 4 + Header.SIZE) {
                throw new MalformedMessageException("nftables batch: NLMSG_ERROR of " + d.length + " bytes, at least 20 needed");
            }
            ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.nativeOrder());
            int errno = -b.getInt(0);
            int echoedLength = b.getInt(4);
            int sequence = b.getInt(4 + 8);
            String text = "";
            if (m.header().has(HeaderFlags.ACKNOWLEDGE_TLVS)) {
                // the extended ACK follows the echoed header alone (NLM_F_CAPPED, and always for a success) or
                // the whole echoed request
                int at = 4 + (errno == 0 || m.header().has(HeaderFlags.CAPPED) ? Header.SIZE : (echoedLength + 3) & ~3);
                if (at < d.length) {
                    AttributeDecoder ad = new AttributeDecoder(d, at, d.length - at);
                    while (ad.next()) {
                        if (ad.type() == 1) {
                            text = ad.string();
                        }
                    }
                }
            }
            return new Answer(sequence, errno, text);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return "NftablesBatch[" + messages.size() + " messages]";
    }
}
