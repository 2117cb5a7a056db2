package io.github.jnetlink.test;

import static io.github.jnetlink.HeaderFlags.CREATE;
import static io.github.jnetlink.HeaderFlags.EXCL;
import static io.github.jnetlink.HeaderFlags.REPLACE;
import static io.github.jnetlink.route.NeighborMessage.NUD_DELAY;
import static io.github.jnetlink.route.NeighborMessage.NUD_FAILED;
import static io.github.jnetlink.route.NeighborMessage.NUD_NOARP;
import static io.github.jnetlink.route.NeighborMessage.NUD_PERMANENT;
import static io.github.jnetlink.route.NeighborMessage.NUD_PROBE;
import static io.github.jnetlink.route.NeighborMessage.NUD_REACHABLE;
import static io.github.jnetlink.route.NeighborMessage.NUD_STALE;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.NeighborMessage;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The ARP (IPv4) and NDP (IPv6) neighbour entries of one fake namespace, keyed by link and destination, with the
 * rules of {@code neigh_add}, {@code neigh_delete} and {@code neigh_get}. Entries never age: their state stays the
 * one set. Each change appends the notifications the kernel sends to {@code out}, and either changes the table and
 * returns or throws a {@link Refusal} having changed nothing. Not thread-safe.
 */
final class NeighborTable {

    private static final int NUD_VALID = NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY;
    private static final int NUD_CONNECTED = NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE;

    private static final Comparator<NeighborMessage> ORDER = Comparator
            .<NeighborMessage>comparingInt(n -> n.family() == AddressFamily.INET ? 0 : 1)
            .thenComparingInt(NeighborMessage::index)
            .thenComparing(n -> n.destination().getAddress(), Arrays::compareUnsigned);

    private final LinkTable links;
    private final List<NeighborMessage> entries = new ArrayList<>();

    NeighborTable(LinkTable links) {
        this.links = links;
    }

    /** The entries of {@code family} ({@code AF_INET}, {@code AF_INET6}; any other: both), ARP first. */
    List<NeighborMessage> dump(int family) {
        return entries.stream().filter(n -> !isIp(family) || n.family() == family).toList();
    }

    /** {@code RTM_NEWNEIGH}. */
    void add(NeighborMessage request, int flags, Origin origin, List<Notice> out) {
        LinkMessage link = target(request);
        if (request.linkLayerAddress() != null && link.address() != null
                && request.linkLayerAddress().length() < link.address().length()) {
            throw new Refusal(Refusal.EINVAL, "Invalid link address");
        }
        NeighborMessage n = request.toBuilder().type(RouteMessageType.RTM_NEWNEIGH)
                .neighborType(request.destination().isMulticastAddress() ? RouteMessage.RTN_MULTICAST
                        : RouteMessage.RTN_UNICAST)
                // the kernel keeps its own cache times and probe count, whatever a request says
                .cacheInfo(null).probes(null)
                .unknown(request.unknown().stream().filter(NeighborTable::keptAttribute).toList()).build();
        if ((n.state() & NUD_VALID) == 0) {
            // __neigh_update takes no link-layer address into an invalid state, and neigh_fill_info shows none
            n = n.toBuilder().linkLayerAddress(null).build();
        }
        NeighborMessage existing = find(n);
        if (existing == null) {
            if ((flags & CREATE) == 0) {
                throw Refusal.of(Refusal.ENOENT);
            }
            entries.add(n);
            entries.sort(ORDER);
            out.add(notice(RouteMessageType.RTM_NEWNEIGH, n, origin.pidOnly()));
            return;
        }
        if ((flags & EXCL) != 0) {
            throw Refusal.of(Refusal.EEXIST);
        }
        // Without NLM_F_REPLACE, __neigh_update may not override the address of a connected entry: nothing changes.
        if ((flags & REPLACE) == 0 && (existing.state() & NUD_CONNECTED) != 0 && n.linkLayerAddress() != null
                && !n.linkLayerAddress().equals(existing.linkLayerAddress())) {
            return;
        }
        if (n.linkLayerAddress() == null && (n.state() & NUD_VALID) != 0) {
            n = n.toBuilder().linkLayerAddress(existing.linkLayerAddress()).build();
        }
        if (!n.equals(existing)) {
            entries.set(entries.indexOf(existing), n);
            out.add(notice(RouteMessageType.RTM_NEWNEIGH, n, origin.pidOnly()));
        }
    }

    /** {@code RTM_DELNEIGH}: the entry fails, then goes, as {@code neigh_delete} updates it to NUD_FAILED first. */
    void delete(NeighborMessage request, Origin origin, List<Notice> out) {
        target(request);
        NeighborMessage existing = find(request);
        if (existing == null) {
            throw Refusal.of(Refusal.ENOENT);
        }
        entries.remove(existing);
        NeighborMessage failed = existing.toBuilder().state(NUD_FAILED).linkLayerAddress(null).build();
        if ((existing.state() & NUD_VALID) != 0) {
            out.add(notice(RouteMessageType.RTM_NEWNEIGH, failed, origin.pidOnly()));
        }
        out.add(notice(RouteMessageType.RTM_DELNEIGH, failed, Origin.KERNEL));
    }

    /** {@code RTM_GETNEIGH} without {@code NLM_F_DUMP}. */
    NeighborMessage get(NeighborMessage request) {
        if (!isIp(request.family())) {
            throw new Refusal(Refusal.EAFNOSUPPORT, "Unsupported family in header for neighbor get request");
        }
        if (request.index() != 0 && links.get(request.index()) == null) {
            throw new Refusal(Refusal.ENODEV, "Unknown device ifindex");
        }
        if (request.destination() == null) {
            throw new Refusal(Refusal.EINVAL, "Network address not specified");
        }
        if (request.index() == 0) {
            throw new Refusal(Refusal.EINVAL, "No device specified");
        }
        NeighborMessage n = find(request);
        if (n == null) {
            throw new Refusal(Refusal.ENOENT, "Neighbour entry not found");
        }
        return n;
    }

    /** A link went down or away: its entries of {@code family} are flushed, each with {@code RTM_DELNEIGH}. */
    void flush(int index, int family, List<Notice> out) {
        for (NeighborMessage n : List.copyOf(entries)) {
            if (n.index() == index && n.family() == family) {
                entries.remove(n);
                out.add(notice(RouteMessageType.RTM_DELNEIGH, n, Origin.KERNEL));
            }
        }
    }

    /** The link of a change, checked in {@code neigh_add}'s order. */
    private LinkMessage target(NeighborMessage request) {
        if (request.destination() == null) {
            throw new Refusal(Refusal.EINVAL, "Network address not specified");
        }
        LinkMessage link = request.index() == 0 ? null : links.get(request.index());
        if (request.index() != 0 && link == null) {
            throw Refusal.of(Refusal.ENODEV);
        }
        if (request.family() == AddressFamily.BRIDGE) {
            // bridge forwarding entries have handlers of their own (rtnl_fdb_add), not modelled
            throw Refusal.of(Refusal.EOPNOTSUPP);
        }
        if (!isIp(request.family())) {
            throw Refusal.of(Refusal.EAFNOSUPPORT);
        }
        if (link == null) {
            throw new Refusal(Refusal.EINVAL, "Device not specified");
        }
        return link;
    }

    private NeighborMessage find(NeighborMessage key) {
        for (NeighborMessage n : entries) {
            if (n.family() == key.family() && n.index() == key.index()
                    && Objects.equals(n.destination(), key.destination())) {
                return n;
            }
        }
        return null;
    }

    /** The kernel reports its own cache information and probe count; other attributes sent are kept. */
    private static boolean keptAttribute(Attribute a) {
        int type = a.type() & 0x3FFF;
        return type != NeighborMessage.NDA_CACHEINFO && type != NeighborMessage.NDA_PROBES;
    }

    private static Notice notice(int type, NeighborMessage n, Origin origin) {
        return Notice.of(RouteGroup.NEIGH.group(), type, 0, n.encode(), origin);
    }

    private static boolean isIp(int family) {
        return family == AddressFamily.INET || family == AddressFamily.INET6;
    }
}
