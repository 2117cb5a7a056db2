package io.github.jnetlink.generic;

import io.github.jnetlink.NetlinkArgumentException;

/**
 * A generic netlink multicast group. The kernel gives each family's groups names, and numbers them at
 * registration from one space shared by all generic netlink families; joining a group by its
 * {@link #id()} ({@link io.github.jnetlink.Conn#joinGroup(int)}) delivers the family's notifications for it.
 *
 * @param id   the group number to join ({@code CTRL_ATTR_MCAST_GRP_ID})
 * @param name the group's name within its family, such as {@code "notify"} ({@code CTRL_ATTR_MCAST_GRP_NAME})
 */
public record MulticastGroup(int id, String name) {

    /**
     * @throws NetlinkArgumentException if {@code name} is null
     */
    public MulticastGroup {
        if (name == null) {
            throw new NetlinkArgumentException("multicast group " + id + ": name must not be null");
        }
    }
}
