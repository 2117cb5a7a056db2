/**
 * Kernel uevents ({@code NETLINK_KOBJECT_UEVENT}): the notifications udev reads when a device is added,
 * removed, changed, moved, bound or unbound, network interfaces included. Unlike every other netlink protocol
 * their datagrams are not netlink messages but text; {@link io.github.jnetlink.Conn#receiveBytes()} reads
 * them and {@link io.github.jnetlink.uevent.Uevent#parse(byte[])} decodes one.
 *
 * <pre>{@code
 * try (Conn conn = Conn.dial(Protocol.KOBJECT_UEVENT, Config.DEFAULT.withGroups(Uevent.KERNEL_GROUP))) {
 *     Uevent e = Uevent.parse(conn.receiveBytes());   // e.g. add /devices/virtual/net/veth0, SUBSYSTEM=net
 * }
 * }</pre>
 */
package io.github.jnetlink.uevent;
