package io.github.jnetlink;

import java.util.List;

/**
 * The kernel marked a dump reply with {@code NLM_F_DUMP_INTR}: the object set changed while it was being
 * dumped, so the results may be inconsistent (an entry missed or reported twice). The complete list of
 * replies is still available from {@link #messages()}, unless they went to the consumer of
 * {@link Conn#execute(Message, java.util.function.Consumer)}; the usual reaction is to run the dump again.
 */
public class DumpInterruptedException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    private final transient List<Message> messages;
    /** How many replies went to a consumer, or -1 when they were collected into {@link #messages}. */
    private final long delivered;

    /**
     * @param operation the operation that received the dump
     * @param messages every reply of the dump, {@code NLMSG_DONE} removed
     */
    public DumpInterruptedException(String operation, List<Message> messages) {
        super(operation, "dump interrupted (NLM_F_DUMP_INTR): the kernel's data changed during the dump; "
                + messages.size() + " messages received, retry for a consistent result", null);
        this.messages = List.copyOf(messages);
        this.delivered = -1;
    }

    /**
     * For a dump whose messages were handed to a consumer as they arrived rather than collected.
     *
     * @param operation the operation that received the dump
     * @param delivered how many messages the consumer was given
     */
    public DumpInterruptedException(String operation, long delivered) {
        super(operation, "dump interrupted (NLM_F_DUMP_INTR): the kernel's data changed during the dump; "
                + delivered + " messages delivered, discard them and retry for a consistent result", null);
        this.messages = List.of();
        this.delivered = delivered;
    }

    /**
     * After {@code attempts} consistent-dump attempts that were all interrupted.
     *
     * @param operation the operation that ran the dumps
     * @param attempts  how many attempts were made
     * @param last      the last attempt's exception: its messages are kept, and it becomes the cause
     */
    public DumpInterruptedException(String operation, int attempts, DumpInterruptedException last) {
        super(operation, "dump interrupted (NLM_F_DUMP_INTR) on all " + attempts + " attempts: the kernel's data kept"
                + " changing; " + (last.delivered < 0 ? last.messages.size() + " messages in the last attempt"
                : last.delivered + " messages delivered in the last attempt"), last);
        this.messages = last.messages;
        this.delivered = last.delivered;
    }

    /**
     * @return every message of the interrupted dump, as received; empty when they went to a consumer
     */
    public List<Message> messages() {
        return messages;
    }
}
