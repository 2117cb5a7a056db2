/**
 * Generic netlink ({@code NETLINK_GENERIC}): the kernel's multiplexer for families that register at run time
 * by name, such as {@code nlctrl}, {@code ethtool}, {@code devlink} or {@code nl80211}. Each family gets a
 * message type (its ID) and multicast group numbers from the kernel; the controller family {@code nlctrl}
 * resolves names to them.
 *
 * <p>{@link io.github.jnetlink.generic.GenericNetlink} looks families up and joins their groups;
 * {@link io.github.jnetlink.generic.GenericHeader} is the {@code struct genlmsghdr} every generic message
 * starts with; {@link io.github.jnetlink.generic.Family} and {@link io.github.jnetlink.generic.MulticastGroup}
 * are what the controller reports.
 */
package io.github.jnetlink.generic;
