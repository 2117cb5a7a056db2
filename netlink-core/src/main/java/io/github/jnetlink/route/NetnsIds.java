package io.github.jnetlink.route;

import static io.github.jnetlink.HeaderFlags.ACKNOWLEDGE;
import static io.github.jnetlink.HeaderFlags.CREATE;
import static io.github.jnetlink.HeaderFlags.DUMP;
import static io.github.jnetlink.HeaderFlags.EXCL;
import static io.github.jnetlink.HeaderFlags.REQUEST;

import io.github.jnetlink.Conn;
import io.github.jnetlink.DumpInterruptedException;
import io.github.jnetlink.Dumps;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and assigns the IDs by which the connection's network namespace knows its peers, over a
 * {@link Protocol#ROUTE} connection, the way {@code ip netns list-id}, {@code ip netns set} and
 * {@code ip netns identify} do.
 *
 * <pre>{@code
 * try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT)) {
 *     NetnsIds ids = new NetnsIds(conn);
 *     ids.assignForPid(peerPid, 7);
 *     int id = ids.getForPid(peerPid);   // 7
 * }
 * }</pre>
 *
 * <p>A peer is named by a process in it ({@code NETNSA_PID}) or by an open file descriptor of it
 * ({@code NETNSA_FD}, such as one of {@code /run/netns/NAME}, which must stay open for the call). The list is an
 * {@code RTM_GETNSID} dump, read again while the kernel marks it interrupted ({@code NLM_F_DUMP_INTR}), up to
 * {@link Dumps#DEFAULT_ATTEMPTS} times. The kernel has no request to remove an ID: it goes when the peer
 * namespace does ({@code RTM_DELNSID} to {@link RouteGroup#NSID}). Assigning needs CAP_NET_ADMIN in the
 * namespace. A refusal surfaces as {@link NetlinkErrorException} whose operation names the request
 * ({@code "assign nsid 7 to the netns of pid 1234"}). Safe for concurrent use as far as the {@link Conn} is;
 * the connection stays the caller's to close.
 */
public final class NetnsIds {

    private final Conn conn;

    /**
     * @param conn an open connection dialed with {@link Protocol#ROUTE}; not closed by this service
     * @throws NetlinkException if {@code conn} is null or of another protocol
     */
    public NetnsIds(Conn conn) {
        if (conn == null) {
            throw new NetlinkArgumentException("netns IDs: connection must not be null");
        }
        if (conn.protocol() != Protocol.ROUTE) {
            throw new NetlinkArgumentException("netns IDs need a connection dialed with Protocol.ROUTE (0), got "
                    + Protocol.name(conn.protocol()) + " (" + conn.protocol() + ")");
        }
        this.conn = conn;
    }

    /**
     * Lists the IDs the namespace has given its peers, as {@code ip netns list-id}: an {@code RTM_GETNSID} dump.
     *
     * @return one message per ID, {@link NsidMessage#nsid()} set, in the kernel's order (ascending ID);
     *         unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when IDs changed during every one of {@link Dumps#DEFAULT_ATTEMPTS} dumps
     * @throws io.github.jnetlink.MalformedMessageException if a reply is corrupt
     */
    public List<NsidMessage> list() {
        Message request = Message.of(RouteMessageType.RTM_GETNSID, REQUEST | DUMP, new byte[NsidMessage.HEADER_SIZE]);
        List<NsidMessage> out = new ArrayList<>();
        for (Message m : Dumps.executeConsistent(conn, request, Dumps.DEFAULT_ATTEMPTS, "list netns IDs")) {
            if (m.header().type() == RouteMessageType.RTM_NEWNSID) {
                out.add(NsidMessage.decode(m));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The ID of the namespace a process is in, as {@code ip netns identify} finds it: {@code RTM_GETNSID} with
     * {@code NETNSA_PID}.
     *
     * @param pid the process, positive
     * @return the ID, {@link NsidMessage#NETNSA_NSID_NOT_ASSIGNED} (-1) when the namespace has none (the
     *         connection's own namespace has none for itself unless one was assigned)
     * @throws NetlinkErrorException ESRCH when there is no such process
     * @throws NetlinkException if {@code pid} is not positive
     */
    public int getForPid(int pid) {
        positive("get the nsid of the netns of pid", pid);
        return get(new NsidMessage(RouteMessageType.RTM_GETNSID, 0, null, pid, null, null, null, List.of()),
                "get the nsid of the netns of pid " + pid);
    }

    /**
     * The ID of the namespace an open file descriptor refers to: {@code RTM_GETNSID} with {@code NETNSA_FD}.
     *
     * @param fd an open descriptor of a network namespace in this process, 0 or more
     * @return the ID, or {@link NsidMessage#NETNSA_NSID_NOT_ASSIGNED} (-1) when it has none
     * @throws NetlinkErrorException EBADF when {@code fd} is not open, EINVAL when it is no network namespace
     * @throws NetlinkException if {@code fd} is negative
     */
    public int getForFd(int fd) {
        notNegative("get the nsid of the netns of fd", fd);
        return get(new NsidMessage(RouteMessageType.RTM_GETNSID, 0, null, null, fd, null, null, List.of()),
                "get the nsid of the netns of fd " + fd);
    }

    /**
     * Gives the namespace a process is in an ID, as {@code ip netns set NAME ID}: {@code RTM_NEWNSID} with
     * {@code NETNSA_PID}, {@code NETNSA_NSID} and {@code NLM_F_CREATE | NLM_F_EXCL}.
     *
     * @param pid  the process, positive
     * @param nsid the ID, 0 or more, or {@link NsidMessage#NETNSA_NSID_NOT_ASSIGNED} to let the kernel choose
     * @throws NetlinkErrorException EEXIST when the peer has an ID already or the ID is taken, ESRCH when there is
     *         no such process
     * @throws NetlinkException if {@code pid} is not positive or {@code nsid} below -1
     */
    public void assignForPid(int pid, int nsid) {
        positive("assign a nsid to the netns of pid", pid);
        assign(new NsidMessage(RouteMessageType.RTM_NEWNSID, 0, nsid, pid, null, null, null, List.of()),
                "assign nsid " + nsid + " to the netns of pid " + pid);
    }

    /**
     * Gives the namespace an open file descriptor refers to an ID: {@code RTM_NEWNSID} with {@code NETNSA_FD},
     * {@code NETNSA_NSID} and {@code NLM_F_CREATE | NLM_F_EXCL}.
     *
     * @param fd   an open descriptor of a network namespace in this process
     * @param nsid the ID, 0 or more, or {@link NsidMessage#NETNSA_NSID_NOT_ASSIGNED} to let the kernel choose
     * @throws NetlinkErrorException EEXIST when the peer has an ID already or the ID is taken, EBADF or EINVAL for
     *         a descriptor that is not an open network namespace
     * @throws NetlinkException if {@code fd} is negative or {@code nsid} below -1
     */
    public void assignForFd(int fd, int nsid) {
        notNegative("assign a nsid to the netns of fd", fd);
        assign(new NsidMessage(RouteMessageType.RTM_NEWNSID, 0, nsid, null, fd, null, null, List.of()),
                "assign nsid " + nsid + " to the netns of fd " + fd);
    }

    @Override
    public String toString() {
        return "NetnsIds[" + conn + "]";
    }

    private int get(NsidMessage request, String operation) {
        for (Message m : conn.execute(Message.of(RouteMessageType.RTM_GETNSID, REQUEST, request.encode()), operation)) {
            if (m.header().type() == RouteMessageType.RTM_NEWNSID) {
                NsidMessage answer = NsidMessage.decode(m);
                if (answer.nsid() == null) {
                    break;
                }
                return answer.nsid();
            }
        }
        throw new NetlinkException(operation + ": the kernel answered without an RTM_NEWNSID message holding NETNSA_NSID");
    }

    private void assign(NsidMessage request, String operation) {
        if (request.nsid() < NsidMessage.NETNSA_NSID_NOT_ASSIGNED) {
            throw new NetlinkArgumentException(operation + ": nsid must be 0 or more, or -1 to let the kernel choose");
        }
        conn.execute(Message.of(RouteMessageType.RTM_NEWNSID, REQUEST | ACKNOWLEDGE | CREATE | EXCL, request.encode()),
                operation);
    }

    private static void positive(String operation, int value) {
        if (value <= 0) {
            throw new NetlinkArgumentException(operation + ": pid must be positive, got " + value);
        }
    }

    private static void notNegative(String operation, int value) {
        if (value < 0) {
            throw new NetlinkArgumentException(operation + ": fd must not be negative, got " + value);
        }
    }
}
