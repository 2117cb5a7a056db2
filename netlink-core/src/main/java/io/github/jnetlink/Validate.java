package io.github.jnetlink;

import java.util.List;

/**
 * Checks that replies answer a request, as {@link Conn#execute(Message)} does before returning them.
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
            if (req.sequence() != 0 && h.sequence() != req.sequence()) {
                throw new ValidationException("mismatched sequence in netlink reply " + i + ": got "
                        + Integer.toUnsignedString(h.sequence()) + ", expected " + Integer.toUnsignedString(req.sequence()));
            }
            if (req.pid() != 0 && h.pid() != 0 && h.pid() != req.pid()) {
                throw new ValidationException("mismatched port ID in netlink reply " + i + ": got "
                        + Integer.toUnsignedString(h.pid()) + ", expected " + Integer.toUnsignedString(req.pid()));
            }
        }
    }
}
