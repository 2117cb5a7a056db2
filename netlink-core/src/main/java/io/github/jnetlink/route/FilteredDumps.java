package io.github.jnetlink.route;

import static io.github.jnetlink.HeaderFlags.DUMP;
import static io.github.jnetlink.HeaderFlags.REQUEST;

import io.github.jnetlink.Conn;
import io.github.jnetlink.ConnOption;
import io.github.jnetlink.Dumps;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * The dump path the per-object services share: turns {@code NETLINK_GET_STRICT_CHK} on for the connection once,
 * runs a filtered dump with {@link Dumps#executeConsistent(Conn, Message, int, String)} (so an
 * {@code NLM_F_DUMP_INTR} dump is read again), and applies the filter locally to every reply the kernel did not
 * mark {@code NLM_F_DUMP_FILTERED}.
 *
 * <p>With strict checking the kernel validates a dump request's header and attributes as its
 * {@code rtnl_valid_dump_*_req} functions say, refusing with EINVAL and an extended-ACK text what it does not
 * know, and filters by what it does, marking each reply {@code NLM_F_DUMP_FILTERED}. Without it (a kernel before
 * 4.20, a connection where the option was refused, or one the caller asked to leave alone) most dumps ignore the
 * filter and answer with everything; the local filter then gives the same list. Thread-safe: the option is set
 * at most once however many threads list at the same time.
 */
final class FilteredDumps {

    private static final int ENOPROTOOPT = 92;

    private final Conn conn;
    private final boolean strictCheck;
    private volatile boolean optionTried;
    private volatile boolean strict;

    /**
     * @param conn        a {@link Protocol#ROUTE} connection, not closed here
     * @param strictCheck whether to turn {@code NETLINK_GET_STRICT_CHK} on for it before the first dump
     */
    FilteredDumps(Conn conn, boolean strictCheck) {
        this.conn = requireRoute(conn, "rtnetlink");
        this.strictCheck = strictCheck;
    }

    static Conn requireRoute(Conn conn, String what) {
        if (conn == null) {
            throw new NetlinkArgumentException(what + ": connection must not be null");
        }
        if (conn.protocol() != Protocol.ROUTE) {
            throw new NetlinkArgumentException(what + " needs a connection dialed with Protocol.ROUTE (0), got "
                    + Protocol.name(conn.protocol()) + " (" + conn.protocol() + ")");
        }
        return conn;
    }

    Conn conn() {
        return conn;
    }

    /**
     * @return whether dumps run with {@code NETLINK_GET_STRICT_CHK} on: false before the first dump, when the
     *         caller asked not to set it, or when the kernel refused it
     */
    boolean strict() {
        return strict;
    }

    /**
     * One filtered dump.
     *
     * @param operation  what the dump is, for exceptions
     * @param request    the {@code RTM_GET*} type
     * @param payload    the request's header and filter attributes
     * @param reply      the {@code RTM_NEW*} type of the replies to keep
     * @param decode     decodes a reply
     * @param always     the part of the filter applied to every reply (exact locally, or never done in the kernel)
     * @param unfiltered the part applied to replies without {@code NLM_F_DUMP_FILTERED}
     * @param empty      errnos that, with this filter, mean "nothing matches" (such as ENODEV for a filter by a
     *                   link that does not exist): answered with an empty list, as the local filter would
     * @return the matching objects, in the kernel's order, and whether the kernel filtered every one of them
     */
    <T> FilteredList<T> list(String operation, int request, byte[] payload, int reply, Function<Message, T> decode,
            Predicate<? super T> always, Predicate<? super T> unfiltered, IntPredicate empty) {
        enableStrictCheck();
        List<Message> replies;
        try {
            replies = Dumps.executeConsistent(conn, Message.of(request, REQUEST | DUMP, payload), Dumps.DEFAULT_ATTEMPTS,
                    operation);
        } catch (NetlinkErrorException e) {
            if (empty.test(e.errno())) {
                return new FilteredList<>(List.of(), strict);
            }
            throw e;
        }
        List<T> out = new ArrayList<>(replies.size());
        int objects = 0;
        int byKernelCount = 0;
        for (Message m : replies) {
            if (m.header().type() != reply) {
                continue;
            }
            T item = decode.apply(m);
            boolean byKernel = m.header().has(HeaderFlags.DUMP_FILTERED);
            objects++;
            byKernelCount += byKernel ? 1 : 0;
            if (always.test(item) && (byKernel || unfiltered.test(item))) {
                out.add(item);
            }
        }
        return new FilteredList<>(List.copyOf(out), objects > 0 && byKernelCount == objects);
    }

    private void enableStrictCheck() {
        if (!strictCheck || optionTried) {
            return;
        }
        synchronized (this) {
            if (optionTried) {
                return;
            }
            try {
                conn.setOption(ConnOption.GET_STRICT_CHECK, true);
                strict = true;
            } catch (NetlinkSystemException e) {
                // a kernel before 4.20 has no such option: its dumps ignore filters, the local filter does the work
                if (e.errno() != ENOPROTOOPT) {
                    throw new NetlinkException("enable NETLINK_GET_STRICT_CHK: " + e.getMessage(), e);
                }
            }
            optionTried = true;
        }
    }

    /**
     * A filtered list and how it was filtered.
     *
     * @param items          the objects that match
     * @param kernelFiltered whether every reply carried {@code NLM_F_DUMP_FILTERED} (false for an empty dump,
     *                       which says nothing)
     */
    record FilteredList<T>(List<T> items, boolean kernelFiltered) {
    }
}
