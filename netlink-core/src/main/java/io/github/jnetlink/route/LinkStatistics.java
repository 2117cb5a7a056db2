package io.github.jnetlink.route;

import static io.github.jnetlink.HeaderFlags.DUMP;
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
 * Reads link statistics over a {@link Protocol#ROUTE} connection, the way {@code ip stats show} does:
 * {@code RTM_GETSTATS} requests whose {@code filter_mask} chooses the groups of counters.
 *
 * <pre>{@code
 * try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT)) {
 *     LinkStatistics statistics = new LinkStatistics(conn);
 *     LinkStats eth0 = statistics.get(2, LinkStatsMessage.FILTER_LINK_64).stats64();
 * }
 * }</pre>
 *
 * <p>The list is an {@code RTM_GETSTATS} dump, read again while the kernel marks it interrupted
 * ({@code NLM_F_DUMP_INTR}), up to {@link Dumps#DEFAULT_ATTEMPTS} times. Reading needs no privilege. A refusal
 * surfaces as {@link NetlinkErrorException} whose operation names the request
 * ({@code "get statistics of link 7 (filter 0x1)"}). Safe for concurrent use as far as the {@link Conn} is;
 * the connection stays the caller's to close.
 */
public final class LinkStatistics {

    private final Conn conn;

    /**
     * @param conn an open connection dialed with {@link Protocol#ROUTE}; not closed by this service
     * @throws NetlinkException if {@code conn} is null or of another protocol
     */
    public LinkStatistics(Conn conn) {
        if (conn == null) {
            throw new NetlinkArgumentException("link statistics: connection must not be null");
        }
        if (conn.protocol() != Protocol.ROUTE) {
            throw new NetlinkArgumentException("link statistics need a connection dialed with Protocol.ROUTE (0), got "
                    + Protocol.name(conn.protocol()) + " (" + conn.protocol() + ")");
        }
        this.conn = conn;
    }

    /**
     * Reads one link's statistics: {@code RTM_GETSTATS} with {@code ifindex} and {@code filter_mask}.
     *
     * @param index      the link's interface index, positive
     * @param filterMask the groups, {@code IFLA_STATS_FILTER_BIT}s such as {@link LinkStatsMessage#FILTER_LINK_64};
     *                   a group the link has nothing for is left out of the answer
     * @return the statistics
     * @throws NetlinkErrorException ENODEV when there is no such link, EINVAL for a bit the kernel does not know
     * @throws NetlinkException if {@code index} is not positive or {@code filterMask} is 0
     */
    public LinkStatsMessage get(int index, int filterMask) {
        if (index <= 0) {
            throw new NetlinkArgumentException("get link statistics: interface index must be positive, got " + index);
        }
        LinkStatsMessage request = LinkStatsMessage.request(index, filterMask);
        String operation = "get statistics of link " + index + " (filter 0x" + Integer.toHexString(filterMask) + ")";
        for (Message m : conn.execute(Message.of(RouteMessageType.RTM_GETSTATS, REQUEST, request.encode()), operation)) {
            if (m.header().type() == RouteMessageType.RTM_NEWSTATS) {
                return LinkStatsMessage.decode(m);
            }
        }
        throw new NetlinkException(operation + ": the kernel answered without an RTM_NEWSTATS message");
    }

    /**
     * Reads every link's statistics: an {@code RTM_GETSTATS} dump with {@code filter_mask}.
     *
     * @param filterMask the groups, such as {@link LinkStatsMessage#FILTER_LINK_64}; not 0
     * @return one message per link, in the kernel's order (by index); unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when links changed during every one of {@link Dumps#DEFAULT_ATTEMPTS} dumps
     * @throws NetlinkException if {@code filterMask} is 0
     */
    public List<LinkStatsMessage> list(int filterMask) {
        LinkStatsMessage request = LinkStatsMessage.request(0, filterMask);
        String operation = "list link statistics (filter 0x" + Integer.toHexString(filterMask) + ")";
        List<LinkStatsMessage> out = new ArrayList<>();
        for (Message m : Dumps.executeConsistent(conn, Message.of(RouteMessageType.RTM_GETSTATS, REQUEST | DUMP,
                request.encode()), Dumps.DEFAULT_ATTEMPTS, operation)) {
            if (m.header().type() == RouteMessageType.RTM_NEWSTATS) {
                out.add(LinkStatsMessage.decode(m));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "LinkStatistics[" + conn + "]";
    }
}
