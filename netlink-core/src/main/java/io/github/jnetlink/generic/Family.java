package io.github.jnetlink.generic;

import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_FAMILY_ID;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_FAMILY_NAME;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_HDRSIZE;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_MAXATTR;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_MCAST_GROUPS;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_MCAST_GRP_ID;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_MCAST_GRP_NAME;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_VERSION;
import static io.github.jnetlink.generic.GenericControl.CTRL_CMD_NEWFAMILY;
import static io.github.jnetlink.generic.GenericControl.GENL_ID_CTRL;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A generic netlink family as the kernel's controller ({@code nlctrl}) describes it in a
 * {@code CTRL_CMD_NEWFAMILY} message. Families register with a name at run time and the kernel assigns them
 * a message type, the {@link #id()}; a program looks the name up once and then sends requests of that type
 * (see {@link GenericNetlink#request(Family, int, int, int, byte[])}).
 *
 * @param id            the family ID, the netlink message type of its messages ({@code CTRL_ATTR_FAMILY_ID}),
 *                      0 to 65535
 * @param version       the family's protocol version ({@code CTRL_ATTR_VERSION})
 * @param name          the family name, such as {@code "nlctrl"} ({@code CTRL_ATTR_FAMILY_NAME})
 * @param headerSize    the size in bytes of the family's own fixed header after {@code struct genlmsghdr},
 *                      usually 0 ({@code CTRL_ATTR_HDRSIZE})
 * @param maxAttributes the highest attribute type the family accepts ({@code CTRL_ATTR_MAXATTR}); 0 for
 *                      families whose commands each have their own policy
 * @param groups        the family's multicast groups ({@code CTRL_ATTR_MCAST_GROUPS}), in the kernel's order;
 *                      copied, never null
 */
public record Family(int id, int version, String name, int headerSize, int maxAttributes, List<MulticastGroup> groups) {

    /**
     * Checks the ID and copies the groups.
     *
     * @throws NetlinkArgumentException if {@code id} does not fit 16 unsigned bits, or {@code name},
     *                                  {@code groups} or one of the groups is null
     */
    public Family {
        if ((id & ~0xFFFF) != 0) {
            throw new NetlinkArgumentException("generic netlink family ID " + id + " does not fit an unsigned 16-bit field");
        }
        if (name == null) {
            throw new NetlinkArgumentException("generic netlink family " + id + ": name must not be null");
        }
        if (groups == null) {
            throw new NetlinkArgumentException("generic netlink family " + name + ": groups must not be null");
        }
        for (MulticastGroup g : groups) {
            if (g == null) {
                throw new NetlinkArgumentException("generic netlink family " + name + ": groups must not contain null");
            }
        }
        groups = List.copyOf(groups);
    }

    /**
     * Finds one of this family's multicast groups by its exact name.
     *
     * @param groupName the group name, such as {@code "notify"}
     * @return the group, or empty when the family has none of that name
     */
    public Optional<MulticastGroup> group(String groupName) {
        return groups.stream().filter(g -> g.name().equals(groupName)).findFirst();
    }

    /**
     * Decodes a family description, as the controller sends it in reply to {@code CTRL_CMD_GETFAMILY} (one
     * message, or one per family in a dump) and to the {@code notify} group when a family registers: a
     * message of type {@code GENL_ID_CTRL} whose {@link GenericHeader#command()} is
     * {@code CTRL_CMD_NEWFAMILY}, with the attributes {@code CTRL_ATTR_FAMILY_ID} (u16),
     * {@code CTRL_ATTR_FAMILY_NAME}, {@code CTRL_ATTR_VERSION}, {@code CTRL_ATTR_HDRSIZE},
     * {@code CTRL_ATTR_MAXATTR} (u32 each) and {@code CTRL_ATTR_MCAST_GROUPS}, a nest holding one nest per
     * group with {@code CTRL_ATTR_MCAST_GRP_NAME} and {@code CTRL_ATTR_MCAST_GRP_ID} (u32). ID and name are
     * required, the rest default to 0 or no groups; attributes this class does not know, such as
     * {@code CTRL_ATTR_OPS}, are skipped, and of repeated attributes the last counts, as in the kernel's
     * {@code nla_parse}.
     *
     * @param message a controller message
     * @return the family
     * @throws MalformedMessageException if the message is null, not a {@code CTRL_CMD_NEWFAMILY} message of
     *         the controller, or its header or attributes are truncated, corrupt, of the wrong size or missing;
     *         never any other exception
     */
    public static Family decode(Message message) {
        if (message == null) {
            throw new MalformedMessageException("generic netlink family: message must not be null");
        }
        if (message.header().type() != GENL_ID_CTRL) {
            throw new MalformedMessageException("generic netlink family: message type "
                    + HeaderType.toString(message.header().type()) + " is not the controller's, GENL_ID_CTRL (0x10)");
        }
        byte[] data = message.data();
        GenericHeader genl = GenericHeader.decode(data);
        if (genl.command() != CTRL_CMD_NEWFAMILY) {
            throw new MalformedMessageException("generic netlink family: controller command " + genl.command()
                    + " is not CTRL_CMD_NEWFAMILY (1)");
        }
        int id = -1;
        String name = null;
        int version = 0;
        int headerSize = 0;
        int maxAttributes = 0;
        List<MulticastGroup> groups = List.of();
        AttributeDecoder d = new AttributeDecoder(data, GenericHeader.SIZE, data.length - GenericHeader.SIZE);
        while (d.next()) {
            switch (d.type()) {
                case CTRL_ATTR_FAMILY_ID -> id = d.u16();
                case CTRL_ATTR_FAMILY_NAME -> name = d.string();
                case CTRL_ATTR_VERSION -> version = d.u32();
                case CTRL_ATTR_HDRSIZE -> headerSize = d.u32();
                case CTRL_ATTR_MAXATTR -> maxAttributes = d.u32();
                case CTRL_ATTR_MCAST_GROUPS -> groups = decodeGroups(d.nestedDecoder());
                default -> {
                    // CTRL_ATTR_OPS, policies and attributes of newer kernels
                }
            }
        }
        if (id < 0) {
            throw new MalformedMessageException("generic netlink family " + (name == null ? "" : "'" + name + "' ")
                    + "without CTRL_ATTR_FAMILY_ID");
        }
        if (name == null) {
            throw new MalformedMessageException("generic netlink family " + id + " without CTRL_ATTR_FAMILY_NAME");
        }
        return new Family(id, version, name, headerSize, maxAttributes, groups);
    }

    private static List<MulticastGroup> decodeGroups(AttributeDecoder list) {
        List<MulticastGroup> groups = new ArrayList<>();
        while (list.next()) {
            // Each entry's type is its 1-based index; the kernel does not set NLA_F_NESTED on it.
            int index = list.type();
            AttributeDecoder g = list.nestedDecoder();
            String groupName = null;
            long groupId = -1;
            while (g.next()) {
                switch (g.type()) {
                    case CTRL_ATTR_MCAST_GRP_NAME -> groupName = g.string();
                    case CTRL_ATTR_MCAST_GRP_ID -> groupId = Integer.toUnsignedLong(g.u32());
                    default -> {
                        // attributes of newer kernels
                    }
                }
            }
            if (groupName == null || groupId < 0) {
                throw new MalformedMessageException("generic netlink multicast group #" + index + " without "
                        + (groupName == null ? "CTRL_ATTR_MCAST_GRP_NAME" : "CTRL_ATTR_MCAST_GRP_ID"));
            }
            groups.add(new MulticastGroup((int) groupId, groupName));
        }
        return groups;
    }
}
