package io.github.jnetlink.ynl;

/**
 * A multicast group ({@code mcast-groups}).
 *
 * @param name  the name; generic netlink resolves it to a number at run time
 * @param value the group number raw families give, or null
 */
public record MulticastGroupSpec(String name, Integer value) {
}
