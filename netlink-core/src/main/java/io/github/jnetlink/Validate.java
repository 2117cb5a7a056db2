package io.github.jnetlink;

import java.util.List;

/**
 * Decides which messages answer a request: the one rule that {@link Conn#execute(Message)} uses to keep
 * replies, and that {@link #validate(Message, List)} checks.
 */
public final class Validate {

    private Validate() {
    }

    /**
     * Checks every reply against the request that was sent (with its sequence and port ID filled in, as
     * {@link Conn#send(Message)} returns it).
     * <ul>
     *   <li>A reply's sequence number must equal the request's, unless the request's is 0 (no check).</li>
     *   <li>A reply's port ID must equal the request's, unless the request's is 0 (no check) or the
     *       reply's is 0: the kernel sends multicast and some replies with port ID 0.</li>
     * </ul>
     * {@link Conn#execute(Message)} applies the same rule, and also accepts a reply addressed to the port ID of
     * the socket it was sent on, which is what the kernel answers whatever port ID the request's header named.
     *
     * @param request the request as sent
     * @param replies its replies
     * @throws ValidationException naming the field and both values on the first mismatch
     * @throws NetlinkException if an argument is null
     */
    public static void validate(Message request, List<Message> replies) {
        if (request == null || replies == null) {
            throw new NetlinkArgumentException("validate: request and replies must not be null");
        }
        Header req = request.header();
        for (int i = 0; i < replies.size(); i++) {
            Message reply = replies.get(i);
            if (reply == null) {
                throw new NetlinkArgumentException("validate: reply " + i + " is null");
            }
            Header h = reply.header();
            if (answers(req.sequence(), req.pid(), 0, h.sequence(), h.pid())) {
                continue;
            }
            if (!sequenceAnswers(req.sequence(), h.sequence())) {
                throw new ValidationException("mismatched sequence in netlink reply " + i + ": got "
                        + Integer.toUnsignedString(h.sequence()) + ", expected " + Integer.toUnsignedString(req.sequence()));
            }
            throw new ValidationException("mismatched port ID in netlink reply " + i + ": got "
                    + Integer.toUnsignedString(h.pid()) + ", expected " + Integer.toUnsignedString(req.pid()));
        }
    }

    /**
     * Whether a message answers a request: the one predicate behind {@link #validate}, the replies
     * {@link Conn#execute(Message)} keeps, and the summary the datagram parser computes.
     *
     * @param sequence      the request's sequence number; 0 matches every reply
     * @param pid           the port ID the request named; 0 matches every reply
     * @param ownPid        the port ID of the socket the request went out on (0: unknown), which the kernel
     *                      addresses replies to whatever the request named
     * @param replySequence the message's sequence number
     * @param replyPid      the message's port ID; 0 (the kernel's multicast and some replies) always matches
     * @return whether it answers
     */
    static boolean answers(int sequence, int pid, int ownPid, int replySequence, int replyPid) {
        return sequenceAnswers(sequence, replySequence)
                && (pid == 0 || replyPid == 0 || replyPid == pid || ownPid != 0 && replyPid == ownPid);
    }

    private static boolean sequenceAnswers(int sequence, int replySequence) {
        return sequence == 0 || replySequence == sequence;
    }
}
