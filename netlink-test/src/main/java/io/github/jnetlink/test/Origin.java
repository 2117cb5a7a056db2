package io.github.jnetlink.test;

import io.github.jnetlink.Message;

/**
 * What caused a change, as the kernel records it in the notifications the change sends: the sequence number and port
 * ID of the request, copied into the notification's header where the kernel copies them, or 0 and 0 for a change the
 * kernel makes on its own (or a test makes directly).
 *
 * @param sequence the request's sequence number
 * @param pid      the requesting socket's port ID
 */
record Origin(int sequence, int pid) {

    /** A change nobody asked for over netlink. */
    static final Origin KERNEL = new Origin(0, 0);

    static Origin of(Message request) {
        return new Origin(request.header().sequence(), request.header().pid());
    }

    /** The port ID alone, as neighbour notifications carry it (their sequence number is always 0). */
    Origin pidOnly() {
        return new Origin(0, pid);
    }
}
