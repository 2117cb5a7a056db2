package io.github.jnetlink.test;

import static io.github.jnetlink.route.LinkMessage.IFF_LOWER_UP;
import static io.github.jnetlink.route.LinkMessage.IFF_RUNNING;
import static io.github.jnetlink.route.LinkMessage.IFF_UP;

import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.MacAddress;
import io.github.jnetlink.route.RouteMessageType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The links of one fake network namespace, by index, with what the kernel derives from them: each is stored with
 * its administrative state only (its {@code IFF_*} flags without {@code IFF_RUNNING} and {@code IFF_LOWER_UP}, no
 * operational state), and {@link #render(LinkMessage)} adds the carrier and RFC 2863 operational state the kernel
 * would report, which depend on other links (a veth's peer, a bridge's ports). Not thread-safe: the caller locks.
 */
final class LinkTable {

    static final int ARPHRD_ETHER = 1;
    static final int ARPHRD_LOOPBACK = 772;
    static final int LOOPBACK_INDEX = 1;
    static final int DEFAULT_MTU = 1500;
    static final int LOOPBACK_MTU = 65536;
    static final int DEFAULT_TX_QUEUE_LENGTH = 1000;
    static final int IFNAMSIZ = 16;

    /** The kinds whose links can take ports ({@code ndo_add_slave}). */
    static final Set<String> MASTER_KINDS = Set.of("bridge", "bond", "team", "vrf");
    /** The kinds whose carrier is that of their ports: a bridge or bond without a working port has none. */
    private static final Set<String> CARRIER_FROM_PORTS = Set.of("bridge", "bond", "team");

    private final TreeMap<Integer, LinkMessage> links = new TreeMap<>();
    private int nextIndex = LOOPBACK_INDEX;

    LinkTable() {
        // A new namespace holds lo alone, down, as loopback_net_init registers it.
        byte[] zero = new byte[6];
        put(LinkMessage.builder().linkType(ARPHRD_LOOPBACK).index(allocateIndex()).flags(LinkMessage.IFF_LOOPBACK)
                .name("lo").mtu(LOOPBACK_MTU).address(MacAddress.of(zero)).broadcast(MacAddress.of(zero))
                .txQueueLength(DEFAULT_TX_QUEUE_LENGTH).build());
    }

    LinkMessage get(int index) {
        return links.get(index);
    }

    LinkMessage byName(String name) {
        for (LinkMessage l : links.values()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    /** The link a request names: by {@code ifi_index} when positive, else by {@code IFLA_IFNAME}; null if none. */
    LinkMessage find(LinkMessage request) {
        if (request.index() > 0) {
            return get(request.index());
        }
        return request.name() == null ? null : byName(request.name());
    }

    List<LinkMessage> all() {
        return List.copyOf(links.values());
    }

    void put(LinkMessage link) {
        links.put(link.index(), link);
    }

    void remove(int index) {
        links.remove(index);
    }

    /** The next free index, as {@code dev_index_reserve} hands them out: counting up, never reusing one early. */
    int allocateIndex() {
        while (links.containsKey(nextIndex)) {
            nextIndex++;
        }
        return nextIndex++;
    }

    /**
     * The name a new link gets, as {@code dev_get_valid_name} picks it: {@code name} itself, or for a pattern such
     * as {@code "veth%d"} the pattern with the smallest number not in use, here or in {@code taken} (the names of
     * links being created with it).
     *
     * @throws Refusal EINVAL for an invalid name, EEXIST for a name in use
     */
    String allocateName(String name, Set<String> taken) {
        checkName(name);
        if (!name.contains("%d")) {
            if (byName(name) != null || taken.contains(name)) {
                throw Refusal.of(Refusal.EEXIST);
            }
            return name;
        }
        for (int i = 0; ; i++) {
            String candidate = name.replace("%d", Integer.toString(i));
            if (byName(candidate) == null && !taken.contains(candidate)) {
                checkName(candidate);
                return candidate;
            }
        }
    }

    /** {@code dev_valid_name}: 1 to 15 bytes, not "." or "..", without '/', ':' or white space. */
    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length >= IFNAMSIZ
                || name.equals(".") || name.equals("..") || name.chars().anyMatch(c -> c == '/' || c == ':'
                || Character.isWhitespace(c))) {
            throw Refusal.of(Refusal.EINVAL);
        }
    }

    /** A locally administered MAC derived from the index, where the kernel draws a random one. */
    static MacAddress generatedAddress(int index) {
        return MacAddress.of(new byte[] {0x02, 0, 0, 0, (byte) (index >> 8), (byte) index});
    }

    /** The indexes of the links enslaved to {@code master}, by index. */
    List<Integer> ports(int master) {
        List<Integer> out = new ArrayList<>();
        for (LinkMessage l : links.values()) {
            if (l.master() != null && l.master() == master) {
                out.add(l.index());
            }
        }
        return out;
    }

    /** The other end of a veth, or null. */
    LinkMessage peer(LinkMessage link) {
        return "veth".equals(link.kind()) && link.link() != null ? get(link.link()) : null;
    }

    /** Every link as the kernel reports it, by index. */
    Map<Integer, LinkMessage> rendered() {
        Map<Integer, LinkMessage> out = new LinkedHashMap<>();
        for (LinkMessage l : links.values()) {
            out.put(l.index(), render(l));
        }
        return out;
    }

    /**
     * A stored link as the kernel reports it: {@code IFF_LOWER_UP} when it is up and has carrier, {@code IFF_RUNNING}
     * when it is up and operationally up or unknown, {@code IFLA_OPERSTATE} as {@code rfc2863_policy} derives it,
     * type {@code RTM_NEWLINK}, {@code ifi_change} 0.
     */
    LinkMessage render(LinkMessage link) {
        boolean up = link.hasFlags(IFF_UP);
        boolean carrier = up && carrier(link, 0);
        int oper;
        if (!up) {
            oper = LinkMessage.IF_OPER_DOWN;
        } else if (!carrier) {
            // default_operstate: a link bound to another one (iflink != ifindex, as a veth to its peer) is held down
            // by that lower layer
            oper = link.link() != null && link.link() != link.index() ? LinkMessage.IF_OPER_LOWERLAYERDOWN
                    : LinkMessage.IF_OPER_DOWN;
        } else {
            oper = operUnknown(link) ? LinkMessage.IF_OPER_UNKNOWN : LinkMessage.IF_OPER_UP;
        }
        int flags = link.flags() & ~(IFF_RUNNING | IFF_LOWER_UP);
        if (carrier) {
            flags |= IFF_LOWER_UP | IFF_RUNNING;
        }
        return link.toBuilder().type(RouteMessageType.RTM_NEWLINK).family(AddressFamily.UNSPEC).change(0)
                .flags(flags).operState(oper).build();
    }

    /** Whether an up link has carrier: a veth when its peer is up, a bridge or bond when a port has; others always. */
    private boolean carrier(LinkMessage link, int depth) {
        String kind = link.kind();
        if ("veth".equals(kind)) {
            LinkMessage peer = peer(link);
            return peer != null && peer.hasFlags(IFF_UP);
        }
        if (kind != null && CARRIER_FROM_PORTS.contains(kind)) {
            for (int port : ports(link.index())) {
                LinkMessage p = get(port);
                if (depth < 8 && p.hasFlags(IFF_UP) && carrier(p, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /** Drivers that never report an operational state, as lo and dummy: "UNKNOWN" while up. */
    private static boolean operUnknown(LinkMessage link) {
        String kind = link.kind();
        return link.index() == LOOPBACK_INDEX || (kind != null && !kind.equals("veth")
                && !CARRIER_FROM_PORTS.contains(kind));
    }
}
