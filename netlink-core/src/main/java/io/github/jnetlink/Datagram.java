package io.github.jnetlink;

import java.util.List;

/**
 * One datagram as received by {@link Conn#receiveDatagram()}: its messages and where it came from.
 *
 * @param group    the multicast group it was delivered through, or 0 for a unicast reply. Any group number
 *                 with {@link ConnOption#PACKET_INFO} on; otherwise the kernel reports only groups 1 to 32
 *                 (in {@code sockaddr_nl.nl_groups}) and a group above 32 also reads 0
 *                 this way
 * @param sender   the sender's port ID; 0 is the kernel
 * @param messages the messages, in order
 */
public record Datagram(int group, int sender, List<Message> messages) {
}
