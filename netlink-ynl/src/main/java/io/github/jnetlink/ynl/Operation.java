package io.github.jnetlink.ynl;

import java.util.List;

/**
 * An operation ({@code operations.list}): a command with {@code do} and/or {@code dump}, a notification the kernel
 * multicasts ({@code notify}, in the format of another operation's reply) or an {@code event}.
 *
 * @param name            the name
 * @param attributeSet    the set of the messages' top-level attributes, or null
 * @param fixedHeader     the struct after the netlink (and generic) header, or null
 * @param requestValue    the command (message type for raw families) of requests, or null when the op has none
 * @param replyValue      the command (or type) of replies and notifications, or null
 * @param doMode          the {@code do}, or null
 * @param dumpMode        the {@code dump}, or null
 * @param notifies        the operation whose reply format a notification has, or null
 * @param eventAttributes the attributes of an event, or null when this is no event
 * @param mcgrp           the multicast group notifications go to, or null
 * @param adminPerm       true when the kernel requires CAP_NET_ADMIN
 */
public record Operation(String name, String attributeSet, String fixedHeader, Integer requestValue, Integer replyValue,
                        Mode doMode, Mode dumpMode, String notifies, List<String> eventAttributes, String mcgrp,
                        boolean adminPerm) {

    /** @return true for a notification or event, which the kernel sends unasked */
    public boolean notification() {
        return notifies != null || eventAttributes != null;
    }
}
