package io.github.jnetlink.generic;

import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_FAMILY_ID;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_FAMILY_NAME;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_HDRSIZE;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_MAXATTR;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_MCAST_GROUPS;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_MCAST_GRP_ID;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_MCAST_GRP_NAME;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_OPS;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_OP_FLAGS;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_OP_ID;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_VERSION;
import static io.github.jnetlink.generic.GenericControl.CTRL_CMD_NEWFAMILY;
import static io.github.jnetlink.generic.GenericControl.GENL_ID_CTRL;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.HeaderFlags;
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
 * (see {@link GenericNetlink#request(Family, int, int, int, byte[])}). The controller also lists the commands
 * the family takes, with what each can do ({@link #operations()}), which
 * {@link GenericNetlink#checkedRequest(Family, int, int, byte[])} checks before building a request.
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
 * @param operations    the family's commands ({@code CTRL_ATTR_OPS}), in the kernel's order (by command number
 *                      for most families); copied, never null. Empty for a family without commands, and for one
 *                      made with the constructor that leaves them out
 */
public record Family(int id, int version, String name, int headerSize, int maxAttributes, List<MulticastGroup> groups,
        List<Operation> operations) {

    /**
     * Checks the ID and copies the lists.
     *
     * @throws NetlinkArgumentException if {@code id} does not fit 16 unsigned bits, or {@code name},
     *                                  {@code groups}, {@code operations} or one of their elements is null
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
        if (operations == null) {
            throw new NetlinkArgumentException("generic netlink family " + name + ": operations must not be null");
        }
        for (Operation o : operations) {
            if (o == null) {
                throw new NetlinkArgumentException("generic netlink family " + name + ": operations must not contain null");
            }
        }
        groups = List.copyOf(groups);
        operations = List.copyOf(operations);
    }

    /**
     * A family without a list of its commands, as families were described before the controller's
     * {@code CTRL_ATTR_OPS} was read: {@link #operations()} is empty.
     *
     * @param id            the family ID, 0 to 65535
     * @param version       the family's protocol version
     * @param name          the family name
     * @param headerSize    the size of the family's own fixed header
     * @param maxAttributes the highest attribute type the family accepts
     * @param groups        the multicast groups; copied
     * @throws NetlinkArgumentException as the canonical constructor does
     */
    public Family(int id, int version, String name, int headerSize, int maxAttributes, List<MulticastGroup> groups) {
        this(id, version, name, headerSize, maxAttributes, groups, List.of());
    }

    /**
     * One command of a family as the controller lists it in {@code CTRL_ATTR_OPS}: its number and the
     * {@code GENL_*} flags, which the kernel ({@code ctrl_fill_info}) makes of the operation's own flags
     * ({@link #GENL_ADMIN_PERM}, {@link #GENL_UNS_ADMIN_PERM}) and of what it implements
     * ({@link #GENL_CMD_CAP_DO}, {@link #GENL_CMD_CAP_DUMP}, {@link #GENL_CMD_CAP_HASPOL}). {@code genl ctrl list}
     * prints each as {@code ID-0x3 Capabilities (0xe): can doit; can dumpit; has policy}.
     *
     * @param id    {@code CTRL_ATTR_OP_ID}: the command, as {@link GenericHeader#command()} carries it
     * @param flags {@code CTRL_ATTR_OP_FLAGS}: the {@code GENL_*} bits
     */
    public record Operation(int id, int flags) {

        /** {@code GENL_ADMIN_PERM}: the command needs CAP_NET_ADMIN in the initial user namespace. */
        public static final int GENL_ADMIN_PERM = 0x01;
        /** {@code GENL_CMD_CAP_DO}: the command answers a request without {@code NLM_F_DUMP} (a doit handler). */
        public static final int GENL_CMD_CAP_DO = 0x02;
        /** {@code GENL_CMD_CAP_DUMP}: the command answers a dump, {@code NLM_F_DUMP} (a dumpit handler). */
        public static final int GENL_CMD_CAP_DUMP = 0x04;
        /** {@code GENL_CMD_CAP_HASPOL}: the command checks its attributes against a policy. */
        public static final int GENL_CMD_CAP_HASPOL = 0x08;
        /** {@code GENL_UNS_ADMIN_PERM}: the command needs CAP_NET_ADMIN in the network namespace's user namespace. */
        public static final int GENL_UNS_ADMIN_PERM = 0x10;

        /**
         * @return whether the family takes the command as a single request ({@link #GENL_CMD_CAP_DO})
         */
        public boolean canDo() {
            return (flags & GENL_CMD_CAP_DO) != 0;
        }

        /**
         * @return whether the family takes the command as a dump ({@link #GENL_CMD_CAP_DUMP})
         */
        public boolean canDump() {
            return (flags & GENL_CMD_CAP_DUMP) != 0;
        }

        /**
         * @return whether the kernel validates the command's attributes against a policy
         *         ({@link #GENL_CMD_CAP_HASPOL})
         */
        public boolean hasPolicy() {
            return (flags & GENL_CMD_CAP_HASPOL) != 0;
        }

        /**
         * @return whether only an administrator may send the command: CAP_NET_ADMIN in the initial user namespace
         *         ({@link #GENL_ADMIN_PERM}) or in the one owning the network namespace
         *         ({@link #GENL_UNS_ADMIN_PERM}); the kernel answers others with EPERM
         */
        public boolean adminOnly() {
            return (flags & (GENL_ADMIN_PERM | GENL_UNS_ADMIN_PERM)) != 0;
        }
    }

    /**
     * Finds one of this family's commands.
     *
     * @param command the command number
     * @return the operation, or empty when the controller did not list the command
     */
    public Optional<Operation> operation(int command) {
        for (Operation o : operations) {
            if (o.id() == command) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks that the family takes a command the way a request with {@code flags} would send it: as a dump
     * when {@code flags} has {@link HeaderFlags#DUMP}, otherwise as a single request.
     *
     * @param command the command number
     * @param flags   the request's {@link HeaderFlags}
     * @return the operation
     * @throws NetlinkArgumentException naming the family and the command when the controller did not list the
     *         command (with the commands it did list), or listed it without the dump or do handler needed
     */
    public Operation requireOperation(int command, int flags) {
        Optional<Operation> found = operation(command);
        if (found.isEmpty()) {
            throw new NetlinkArgumentException("generic netlink family '" + name + "' has no command " + command
                    + (operations.isEmpty() ? "; it lists no commands"
                            : "; its commands are " + operations.stream().map(Operation::id).toList()));
        }
        Operation o = found.get();
        boolean dump = (flags & HeaderFlags.DUMP) == HeaderFlags.DUMP;
        if (dump ? !o.canDump() : !o.canDo()) {
            throw new NetlinkArgumentException("generic netlink family '" + name + "' command " + command
                    + (dump ? " cannot be dumped (no GENL_CMD_CAP_DUMP)" : " has no single-request handler (no GENL_CMD_CAP_DO)")
                    + "; its flags are 0x" + Integer.toHexString(o.flags()));
        }
        return o;
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
     * group with {@code CTRL_ATTR_MCAST_GRP_NAME} and {@code CTRL_ATTR_MCAST_GRP_ID} (u32), and
     * {@code CTRL_ATTR_OPS}, a nest holding one nest per command with {@code CTRL_ATTR_OP_ID} and
     * {@code CTRL_ATTR_OP_FLAGS} (u32 each). ID and name are required, the rest default to 0 or no groups or
     * operations; attributes this class does not know, such as policies, are skipped, and of repeated
     * attributes the last counts, as in the kernel's {@code nla_parse}.
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
        List<Operation> operations = List.of();
        AttributeDecoder d = new AttributeDecoder(data, GenericHeader.SIZE, data.length - GenericHeader.SIZE);
        while (d.next()) {
            switch (d.type()) {
                case CTRL_ATTR_FAMILY_ID -> id = d.u16();
                case CTRL_ATTR_FAMILY_NAME -> name = d.string();
                case CTRL_ATTR_VERSION -> version = d.u32();
                case CTRL_ATTR_HDRSIZE -> headerSize = d.u32();
                case CTRL_ATTR_MAXATTR -> maxAttributes = d.u32();
                case CTRL_ATTR_MCAST_GROUPS -> groups = decodeGroups(d.nestedDecoder());
                case CTRL_ATTR_OPS -> operations = decodeOperations(d.nestedDecoder());
                default -> {
                    // policies and attributes of newer kernels
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
        return new Family(id, version, name, headerSize, maxAttributes, groups, operations);
    }

    private static List<Operation> decodeOperations(AttributeDecoder list) {
        List<Operation> operations = new ArrayList<>();
        while (list.next()) {
            // Each entry's type is its 1-based index, as for the groups.
            int index = list.type();
            AttributeDecoder o = list.nestedDecoder();
            long opId = -1;
            int opFlags = 0;
            while (o.next()) {
                switch (o.type()) {
                    case CTRL_ATTR_OP_ID -> opId = Integer.toUnsignedLong(o.u32());
                    case CTRL_ATTR_OP_FLAGS -> opFlags = o.u32();
                    default -> {
                        // attributes of newer kernels
                    }
                }
            }
            if (opId < 0) {
                throw new MalformedMessageException("generic netlink operation #" + index + " without CTRL_ATTR_OP_ID");
            }
            operations.add(new Operation((int) opId, opFlags));
        }
        return operations;
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
