package io.github.jnetlink;

import java.util.List;

/**
 * One datagram as received by {@link Conn#receiveDatagram()}: its messages and where it came from.
 *
 * @param group    the multicast group it was delivered through (1-32, from {@code sockaddr_nl.nl_groups}),
 *                 or 0 for a unicast reply or a group above 32, whose number the kernel does not report
 *                 this way
 * @param sender   the sender's port ID; 0 is the kernel
 * @param messages the messages, in order
 */
public record Datagram(int group, int sender, List<Message> messages) {
}
