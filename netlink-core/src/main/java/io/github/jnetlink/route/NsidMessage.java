package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.List;

/**
 * A network namespace ID, one line of {@code ip netns list-id}: {@code struct rtgenmsg} followed by
 * {@code NETNSA_*} attributes ({@code <linux/net_namespace.h>}). A namespace names each peer namespace it has
 * been told about (or that one of its links points into) by a number local to it, the nsid; the kernel sends
 * one {@link RouteMessageType#RTM_NEWNSID} per nsid in answer to an {@link RouteMessageType#RTM_GETNSID} dump,
 * one in answer to a {@code RTM_GETNSID} request for a peer named by {@code NETNSA_PID} or {@code NETNSA_FD},
 * and multicasts {@code RTM_NEWNSID} / {@code RTM_DELNSID} to {@link RouteGroup#NSID} as IDs are assigned and
 * as peers go away.
 *
 * <pre>
 *  struct rtgenmsg (1 byte, padded to 4)
 *  0              1                                4
 * +--------------+--------------------------------+
 * | rtgen_family |            padding             |
 * +--------------+--------------------------------+
 * </pre>
 *
 * <p>Optional attributes the message lacks are null; attributes this record has no field for are kept in
 * {@link #unknown()} and written back by {@link #encode()}. The typed attributes are 4 bytes each; one of another
 * size makes the message malformed.
 *
 * <p>What {@code ip -j netns list-id} prints maps onto the fields so: {@code nsid} is {@link #nsid()}, and
 * {@code current-nsid} is {@link #currentNsid()} (sent only when the request named a target namespace).
 *
 * @param type        the message type, such as {@link RouteMessageType#RTM_NEWNSID}; not encoded
 * @param family      {@code rtgen_family}, {@link AddressFamily#UNSPEC} in every message the kernel sends
 * @param nsid        {@code NETNSA_NSID}: s32, the peer's ID, {@link #NETNSA_NSID_NOT_ASSIGNED} (-1) when it
 *                    has none or, in a request, to let the kernel choose
 * @param pid         {@code NETNSA_PID}: u32, in a request, a process whose namespace is the peer
 * @param fd          {@code NETNSA_FD}: u32, in a request, a file descriptor of the peer namespace (an open
 *                    {@code /run/netns/NAME} or {@code /proc/PID/ns/net})
 * @param targetNsid  {@code NETNSA_TARGET_NSID}: s32, in a request, the nsid of the namespace to answer for,
 *                    instead of the socket's
 * @param currentNsid {@code NETNSA_CURRENT_NSID}: s32, in an answer to a request with a target, the peer's ID as
 *                    the socket's namespace knows it
 * @param unknown     every other attribute, as sent
 */
public record NsidMessage(int type, int family, Integer nsid, Integer pid, Integer fd, Integer targetNsid,
        Integer currentNsid, List<Attribute> unknown) {

    /** Size of {@code struct rtgenmsg} with its padding to 4 bytes, where the attributes start. */
    public static final int HEADER_SIZE = 4;

    /** {@code NETNSA_NSID}: s32 namespace ID. */
    public static final int NETNSA_NSID = 1;
    /** {@code NETNSA_PID}: u32 process ID whose namespace is meant. */
    public static final int NETNSA_PID = 2;
    /** {@code NETNSA_FD}: u32 file descriptor of the namespace meant. */
    public static final int NETNSA_FD = 3;
    /** {@code NETNSA_TARGET_NSID}: s32 nsid of the namespace to answer for. */
    public static final int NETNSA_TARGET_NSID = 4;
    /** {@code NETNSA_CURRENT_NSID}: s32 nsid as the socket's namespace knows it. */
    public static final int NETNSA_CURRENT_NSID = 5;

    /** {@code NETNSA_NSID_NOT_ASSIGNED}: the peer has no ID; in a request, let the kernel choose one. */
    public static final int NETNSA_NSID_NOT_ASSIGNED = -1;

    /**
     * @throws NetlinkException if {@code type} does not fit 16 bits, {@code family} 8 bits, or {@code unknown}
     *         contains null; a null list becomes empty
     */
    public NsidMessage {
        AddressFamily.u16(type, "nsid message type");
        AddressFamily.u8(family, "nsid family (rtgen_family)");
        unknown = RoutePayload.copy(unknown, "nsid unknown attributes");
    }

    /**
     * A request or answer naming only an ID: family {@code AF_UNSPEC}, {@code NETNSA_NSID} and nothing else.
     *
     * @param type a nsid message type, {@code RTM_NEWNSID} to {@code RTM_GETNSID}
     * @param nsid the ID
     * @return the message
     * @throws NetlinkException if {@code type} is not a nsid message type
     */
    public static NsidMessage of(int type, int nsid) {
        RecordArguments.type("NsidMessage.of", type, RouteMessageType.RTM_NEWNSID);
        return new NsidMessage(type, AddressFamily.UNSPEC, nsid, null, null, null, null, List.of());
    }

    /**
     * @return whether {@link #nsid()} is an ID: present and not {@link #NETNSA_NSID_NOT_ASSIGNED}
     */
    public boolean assigned() {
        return nsid != null && nsid != NETNSA_NSID_NOT_ASSIGNED;
    }

    /**
     * This message as the kernel sends it: type {@link #type()}, flags 0, sequence and port ID 0, payload
     * {@link #encode()}. {@link #decode(Message)} of it equals this record.
     *
     * @return the message
     * @throws NetlinkException if {@link #type()} is not a nsid message type ({@code RTM_NEWNSID} to 91)
     */
    public Message toMessage() {
        return RecordArguments.message("NsidMessage", type, RouteMessageType.RTM_NEWNSID, 0, encode());
    }

    /**
     * Decodes an {@code RTM_NEWNSID}, {@code RTM_DELNSID} or {@code RTM_GETNSID} message. The kernel pads the
     * one-byte header to 4; a message of 1 to 3 bytes is a header without attributes. When an attribute repeats,
     * the last one counts.
     *
     * @param message the message
     * @return the record
     * @throws MalformedMessageException if the message is null, of another type, empty, an attribute is
     *         malformed or a typed attribute is not 4 bytes
     */
    public static NsidMessage decode(Message message) {
        byte[] b = RoutePayload.payload(message, RouteMessageType.RTM_NEWNSID, 1, "struct rtgenmsg");
        Integer nsid = null;
        Integer pid = null;
        Integer fd = null;
        Integer target = null;
        Integer current = null;
        List<Attribute> unknown = null;
        if (b.length > HEADER_SIZE) {
            AttributeDecoder d = RoutePayload.attributes(b, HEADER_SIZE);
            while (d.next()) {
                switch (d.type()) {
                    case NETNSA_NSID -> nsid = d.s32();
                    case NETNSA_PID -> pid = d.u32();
                    case NETNSA_FD -> fd = d.u32();
                    case NETNSA_TARGET_NSID -> target = d.s32();
                    case NETNSA_CURRENT_NSID -> current = d.s32();
                    default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
                }
            }
        }
        return new NsidMessage(message.header().type(), b[0] & 0xFF, nsid, pid, fd, target, current,
                RoutePayload.finish(unknown));
    }

    /**
     * Encodes the payload the kernel reads: {@code struct rtgenmsg} padded to 4 bytes, then the attributes that
     * are present in the order of their numbers, and {@link #unknown()}.
     *
     * @return the payload
     * @throws NetlinkException if an unknown attribute does not fit its 65535-byte limit
     */
    public byte[] encode() {
        byte[] header = new byte[HEADER_SIZE];
        header[0] = (byte) family;
        try {
            AttributeEncoder e = new AttributeEncoder(48).header(header);
            RoutePayload.u32(e, NETNSA_NSID, nsid);
            RoutePayload.u32(e, NETNSA_PID, pid);
            RoutePayload.u32(e, NETNSA_FD, fd);
            RoutePayload.u32(e, NETNSA_TARGET_NSID, targetNsid);
            RoutePayload.u32(e, NETNSA_CURRENT_NSID, currentNsid);
            RoutePayload.writeAll(e, unknown);
            return e.encode();
        } catch (NetlinkArgumentException ex) {
            throw RoutePayload.encodeFailure("nsid " + nsid, ex);
        }
    }
}
