package io.github.jnetlink.test;

import io.github.jnetlink.Header;
import io.github.jnetlink.Message;

/**
 * One rtnetlink notification to multicast, in its own datagram as the kernel sends each: the group and the message.
 *
 * @param group   the {@code RTNLGRP_*} group number
 * @param message the message, its header carrying the type, the {@code NLM_F_*} flags the kernel sets on it, and
 *                the sequence number and port ID of the {@link Origin} the kernel copies
 */
record Notice(int group, Message message) {

    static Notice of(int group, int type, int flags, byte[] payload, Origin origin) {
        return new Notice(group, new Message(new Header(0, type, flags, origin.sequence(), origin.pid()), payload));
    }
}
