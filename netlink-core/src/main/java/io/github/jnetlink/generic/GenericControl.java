package io.github.jnetlink.generic;

/**
 * Numbers of the generic netlink controller, the family {@code nlctrl} that the kernel registers first at the
 * fixed ID {@code GENL_ID_CTRL} and that resolves every other family's name to its ID, version and multicast
 * groups ({@code <linux/genetlink.h>}).
 */
final class GenericControl {

    /** {@code GENL_ID_CTRL}: the controller's fixed family ID, {@code NLMSG_MIN_TYPE}. */
    static final int GENL_ID_CTRL = 0x10;
    /** The controller's own family version; version 2 added the dump of multicast groups and policies. */
    static final int CTRL_VERSION = 2;
    /** {@code GENL_NAMSIZ}: a family name, NUL included, fits 16 bytes. */
    static final int GENL_NAMSIZ = 16;

    /** {@code CTRL_CMD_NEWFAMILY}: a family's description, the reply to GETFAMILY and a notification. */
    static final int CTRL_CMD_NEWFAMILY = 1;
    /** {@code CTRL_CMD_DELFAMILY}: a family was unregistered (notification). */
    static final int CTRL_CMD_DELFAMILY = 2;
    /** {@code CTRL_CMD_GETFAMILY}: look up one family by name or ID, or dump them all. */
    static final int CTRL_CMD_GETFAMILY = 3;

    /** {@code CTRL_ATTR_FAMILY_ID}: u16. */
    static final int CTRL_ATTR_FAMILY_ID = 1;
    /** {@code CTRL_ATTR_FAMILY_NAME}: NUL-terminated string. */
    static final int CTRL_ATTR_FAMILY_NAME = 2;
    /** {@code CTRL_ATTR_VERSION}: u32. */
    static final int CTRL_ATTR_VERSION = 3;
    /** {@code CTRL_ATTR_HDRSIZE}: u32, the size of the family's own header after {@code genlmsghdr}. */
    static final int CTRL_ATTR_HDRSIZE = 4;
    /** {@code CTRL_ATTR_MAXATTR}: u32. */
    static final int CTRL_ATTR_MAXATTR = 5;
    /** {@code CTRL_ATTR_OPS}: nested list of the family's commands. */
    static final int CTRL_ATTR_OPS = 6;
    /** {@code CTRL_ATTR_MCAST_GROUPS}: nested list of nested groups. */
    static final int CTRL_ATTR_MCAST_GROUPS = 7;

    /** {@code CTRL_ATTR_MCAST_GRP_NAME}: NUL-terminated string, inside one group's nest. */
    static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
    /** {@code CTRL_ATTR_MCAST_GRP_ID}: u32, inside one group's nest. */
    static final int CTRL_ATTR_MCAST_GRP_ID = 2;

    /** {@code CTRL_ATTR_OP_ID}: u32, the command number, inside one operation's nest. */
    static final int CTRL_ATTR_OP_ID = 1;
    /** {@code CTRL_ATTR_OP_FLAGS}: u32, the {@code GENL_*} flags, inside one operation's nest. */
    static final int CTRL_ATTR_OP_FLAGS = 2;

    private GenericControl() {
    }
}
