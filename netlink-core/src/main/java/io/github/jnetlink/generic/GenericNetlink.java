package io.github.jnetlink.generic;

import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_FAMILY_NAME;
import static io.github.jnetlink.generic.GenericControl.CTRL_CMD_GETFAMILY;
import static io.github.jnetlink.generic.GenericControl.CTRL_CMD_NEWFAMILY;
import static io.github.jnetlink.generic.GenericControl.CTRL_VERSION;
import static io.github.jnetlink.generic.GenericControl.GENL_ID_CTRL;

import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generic netlink over a {@link Conn} of {@link Protocol#GENERIC}: resolving families by name through the
 * kernel's controller ({@code nlctrl}, family ID {@code GENL_ID_CTRL} = 0x10), joining their multicast groups
 * by name, and building requests to them.
 *
 * <pre>{@code
 * try (Conn conn = Conn.dial(Protocol.GENERIC, Config.DEFAULT)) {
 *     GenericNetlink genl = new GenericNetlink(conn);
 *     Family family = genl.family("nlctrl");
 *     List<Message> replies = conn.execute(GenericNetlink.request(family, command, family.version(),
 *             HeaderFlags.REQUEST, attributes));
 * }
 * }</pre>
 *
 * <p>The kernel lists, in a network namespace other than the initial one, only the families registered as
 * namespace-aware ({@code netnsok}); the others answer ENOENT there. Family IDs and multicast group numbers
 * are the same in every namespace.
 *
 * <p>Safe for concurrent use as far as the {@link Conn} is: every lookup is one {@link Conn#execute(Message)}.
 * The connection stays the caller's to close.
 */
public final class GenericNetlink {

    private final Conn conn;

    /**
     * @param conn an open connection dialed with {@link Protocol#GENERIC}
     * @throws NetlinkException if {@code conn} is null or of another protocol
     */
    public GenericNetlink(Conn conn) {
        if (conn == null) {
            throw new NetlinkArgumentException("generic netlink: connection must not be null");
        }
        if (conn.protocol() != Protocol.GENERIC) {
            throw new NetlinkArgumentException("generic netlink needs a connection dialed with Protocol.GENERIC (16), got "
                    + Protocol.name(conn.protocol()) + " (" + conn.protocol() + ")");
        }
        this.conn = conn;
    }

    /**
     * Looks up a family by name: the controller's {@code CTRL_CMD_GETFAMILY} with
     * {@code CTRL_ATTR_FAMILY_NAME}. The kernel loads the family's module on demand when it can
     * ({@code net-pf-16-proto-16-family-NAME}), and answers with one {@code CTRL_CMD_NEWFAMILY} message.
     *
     * @param name the family name, such as {@code "nlctrl"} or {@code "ethtool"}; case-sensitive
     * @return the family
     * @throws NetlinkErrorException ENOENT, with a message naming the family, when the kernel has no such family
     *         (or it is not available in the connection's namespace); any other kernel error, also naming it
     * @throws NetlinkException if {@code name} is null, empty or contains NUL, or the reply holds no family
     * @throws io.github.jnetlink.MalformedMessageException if the reply is corrupt
     */
    public Family family(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new NetlinkArgumentException("generic netlink family name must be non-empty text without NUL, got "
                    + (name == null ? "null" : "'" + name.replace("\0", "\\0") + "'"));
        }
        byte[] attributes = new AttributeEncoder().string(CTRL_ATTR_FAMILY_NAME, name).encode();
        List<Message> replies = conn.execute(controllerRequest(HeaderFlags.REQUEST, attributes),
                "generic netlink family '" + name + "'");
        for (Message m : replies) {
            if (isNewFamily(m)) {
                return Family.decode(m);
            }
        }
        throw new NetlinkException("generic netlink family '" + name + "': the controller answered "
                + replies.size() + " message(s) and none was CTRL_CMD_NEWFAMILY");
    }

    /**
     * Lists every family the kernel has registered (and, outside the initial network namespace, makes
     * available there): a dump of {@code CTRL_CMD_GETFAMILY}, one {@code CTRL_CMD_NEWFAMILY} message per family.
     *
     * @return the families in the kernel's order, by ascending ID; unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws io.github.jnetlink.DumpInterruptedException when families registered or left during every one of
     *         {@link io.github.jnetlink.Dumps#DEFAULT_ATTEMPTS} dumps
     * @throws io.github.jnetlink.MalformedMessageException if a reply is corrupt
     */
    public List<Family> families() {
        List<Message> replies = io.github.jnetlink.Dumps.executeConsistent(conn,
                controllerRequest(HeaderFlags.REQUEST | HeaderFlags.DUMP, new byte[0]), io.github.jnetlink.Dumps.DEFAULT_ATTEMPTS,
                "list generic netlink families");
        List<Family> families = new ArrayList<>(replies.size());
        for (Message m : replies) {
            if (isNewFamily(m)) {
                families.add(Family.decode(m));
            }
        }
        return List.copyOf(families);
    }

    /**
     * Resolves a family's multicast group by name and joins it on this connection
     * ({@code NETLINK_ADD_MEMBERSHIP}), so that the family's notifications for it arrive on
     * {@link Conn#receive()}. Some groups need CAP_NET_ADMIN or CAP_SYS_ADMIN to join.
     *
     * @param family the family name, such as {@code "nlctrl"}
     * @param group  the group name within the family, such as {@code "notify"}
     * @return the group joined, with its number
     * @throws NetlinkErrorException ENOENT naming the family when it does not exist
     * @throws NetlinkException naming the family's groups when it has no group of that name, or if an
     *         argument is null
     * @throws io.github.jnetlink.NetlinkSystemException when the kernel refuses the membership, such as EPERM
     */
    public MulticastGroup joinGroup(String family, String group) {
        if (group == null) {
            throw new NetlinkArgumentException("generic netlink joinGroup: group name must not be null");
        }
        Family f = family(family);
        MulticastGroup g = f.group(group).orElseThrow(() -> new NetlinkArgumentException("generic netlink family '"
                + f.name() + "' has no multicast group '" + group + "'; "
                + (f.groups().isEmpty() ? "it has no multicast groups"
                        : "its groups are " + f.groups().stream().map(MulticastGroup::name).toList())));
        conn.joinGroup(g.id());
        return g;
    }

    /**
     * Builds a request to a generic netlink family: a message whose type is the family's ID and whose payload
     * is {@code struct genlmsghdr} followed by {@code attributes}. Send it with {@link Conn#execute(Message)};
     * the replies carry the same kind of payload, to read with {@link GenericHeader#decode(byte[])} and an
     * {@link io.github.jnetlink.AttributeDecoder} from offset {@link GenericHeader#SIZE}.
     *
     * @param family     the family, as {@link #family(String)} resolved it
     * @param command    the family's command, 0 to 255
     * @param version    the version of the family's protocol the request speaks, 0 to 255, usually
     *                   {@link Family#version()}
     * @param flags      the {@link HeaderFlags}, such as {@code REQUEST} or {@code REQUEST | DUMP}
     * @param attributes what follows the generic header: the family's own fixed header when
     *                   {@link Family#headerSize()} is not 0, then the attributes, as an
     *                   {@link AttributeEncoder} encodes them; null for none. Copied.
     * @return the request, with length, sequence and port ID left for {@link Conn#send(Message)} to fill in
     * @throws NetlinkException if {@code family} is null
     * @throws NetlinkArgumentException if {@code command}, {@code version} or {@code flags} is out of range
     */
    public static Message request(Family family, int command, int version, int flags, byte[] attributes) {
        if (family == null) {
            throw new NetlinkArgumentException("generic netlink request: family must not be null");
        }
        return request(family.id(), new GenericHeader(command, version), flags, attributes);
    }

    /**
     * Builds a request as {@link #request(Family, int, int, int, byte[])} does, in the family's own
     * {@link Family#version()}, once {@link Family#requireOperation(int, int)} has checked that the family
     * lists the command and takes it as {@code flags} would send it (a dump with {@link HeaderFlags#DUMP}, a
     * single request without). What the kernel would refuse with EOPNOTSUPP then fails here, naming the family
     * and the command, before anything is sent. It does not check permissions: an
     * {@link Family.Operation#adminOnly()} command still fails with EPERM for an unprivileged caller.
     *
     * @param family     the family, as {@link #family(String)} or {@link #families()} resolved it (a family made
     *                   without its operations has none, and every command fails the check)
     * @param command    the family's command, 0 to 255
     * @param flags      the {@link HeaderFlags}, such as {@code REQUEST} or {@code REQUEST | DUMP}
     * @param attributes what follows the generic header, as for {@link #request(Family, int, int, int, byte[])};
     *                   null for none. Copied.
     * @return the request
     * @throws NetlinkArgumentException if {@code family} is null, the family does not list {@code command} or
     *         cannot take it that way, or {@code command}, the version or {@code flags} is out of range
     */
    public static Message checkedRequest(Family family, int command, int flags, byte[] attributes) {
        if (family == null) {
            throw new NetlinkArgumentException("generic netlink request: family must not be null");
        }
        family.requireOperation(command, flags);
        return request(family, command, family.version(), flags, attributes);
    }

    private static Message request(int familyId, GenericHeader header, int flags, byte[] attributes) {
        byte[] rest = attributes == null ? new byte[0] : attributes;
        byte[] data = Arrays.copyOf(header.encode(), GenericHeader.SIZE + rest.length);
        System.arraycopy(rest, 0, data, GenericHeader.SIZE, rest.length);
        return Message.of(familyId, flags, data);
    }

    static Message controllerRequest(int flags, byte[] attributes) {
        return request(GENL_ID_CTRL, new GenericHeader(CTRL_CMD_GETFAMILY, CTRL_VERSION), flags, attributes);
    }

    private static boolean isNewFamily(Message m) {
        byte[] data = m.data();
        return m.header().type() == GENL_ID_CTRL && data.length >= GenericHeader.SIZE && (data[0] & 0xFF) == CTRL_CMD_NEWFAMILY;
    }

    @Override
    public String toString() {
        return "GenericNetlink[" + conn + "]";
    }
}
