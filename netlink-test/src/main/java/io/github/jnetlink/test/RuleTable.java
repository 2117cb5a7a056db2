package io.github.jnetlink.test;

import static io.github.jnetlink.HeaderFlags.EXCL;

import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.route.RuleMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * The IPv4 and IPv6 policy routing rules of one fake namespace, with the rules of {@code fib_nl_newrule} and
 * {@code fib_nl_delrule} ({@code net/core/fib_rules.c}): each family's list sorted by priority, a new rule after the
 * last of its priority, the default priority one below that of the second rule ({@code fib_default_rule_pref}),
 * {@code NLM_F_EXCL} refusing a rule equal to one listed in everything but its flags ({@code rule_exists}), a delete
 * taking the first rule matching what the request sets ({@code rule_find}). Rules name interfaces, not indexes:
 * {@code FIB_RULE_IIF_DETACHED} and {@code FIB_RULE_OIF_DETACHED} are reported while no link has the name, which the
 * kernel sets and clears on {@code NETDEV_REGISTER}, {@code _UNREGISTER} and {@code _CHANGENAME} without a
 * notification. Each change appends its notification to {@code out}, or throws a {@link Refusal} having changed
 * nothing. Not thread-safe.
 */
final class RuleTable {

    private static final int RTPROT_KERNEL = 2;
    private static final int RT_TABLE_MAX = 0xFFFFFFFF;

    private final LinkTable links;
    private final IntPredicate ipv4TableInUse;
    private final List<RuleMessage> ipv4 = new ArrayList<>();
    private final List<RuleMessage> ipv6 = new ArrayList<>();

    /**
     * @param ipv4TableInUse whether an IPv4 routing table of that ID exists, for the empty table
     *                       {@code fib4_rule_configure} picks for a lookup rule without one
     */
    RuleTable(LinkTable links, IntPredicate ipv4TableInUse) {
        this.links = links;
        this.ipv4TableInUse = ipv4TableInUse;
        // fib4_rules_init and fib6_rules_net_init: local, main (and for IPv4 default), protocol kernel
        ipv4.add(defaultRule(AddressFamily.INET, 0, RouteMessage.RT_TABLE_LOCAL));
        ipv4.add(defaultRule(AddressFamily.INET, 32766, RouteMessage.RT_TABLE_MAIN));
        ipv4.add(defaultRule(AddressFamily.INET, 32767, RouteMessage.RT_TABLE_DEFAULT));
        ipv6.add(defaultRule(AddressFamily.INET6, 0, RouteMessage.RT_TABLE_LOCAL));
        ipv6.add(defaultRule(AddressFamily.INET6, 32766, RouteMessage.RT_TABLE_MAIN));
    }

    /** The rules of {@code family} as a dump reports them, IPv4 then IPv6 for {@code AF_UNSPEC}. */
    List<RuleMessage> dump(int family) {
        if (family != AddressFamily.UNSPEC) {
            list(family);
        }
        List<RuleMessage> out = new ArrayList<>();
        if (family == AddressFamily.UNSPEC || family == AddressFamily.INET) {
            ipv4.forEach(r -> out.add(render(r)));
        }
        if (family == AddressFamily.UNSPEC || family == AddressFamily.INET6) {
            ipv6.forEach(r -> out.add(render(r)));
        }
        return out;
    }

    /** {@code RTM_NEWRULE}. */
    void add(RuleMessage request, int flags, Origin origin, List<Notice> out) {
        List<RuleMessage> list = list(request.family());
        boolean v4 = request.family() == AddressFamily.INET;
        RuleMessage rule = stored(request, list);
        if ((flags & EXCL) != 0) {
            for (RuleMessage r : list) {
                if (withoutFlags(r).equals(withoutFlags(rule))) {
                    throw Refusal.of(Refusal.EEXIST);
                }
            }
        }
        if (rule.action() == RuleMessage.FR_ACT_TO_TBL && rule.table() == 0
                && (rule.l3mdev() == null || rule.l3mdev() == 0)) {
            if (!v4) {
                throw new Refusal(Refusal.EINVAL, "Invalid table");
            }
            rule = rule.toBuilder().table(emptyTable()).build();
        }
        int at = 0;
        while (at < list.size() && Integer.compareUnsigned(pref(list.get(at)), pref(rule)) <= 0) {
            at++;
        }
        list.add(at, rule);
        out.add(notice(RouteMessageType.RTM_NEWRULE, rule, origin));
    }

    /** {@code RTM_DELRULE}: the first rule matching every selector the request sets. */
    void delete(RuleMessage request, Origin origin, List<Notice> out) {
        List<RuleMessage> list = list(request.family());
        RuleMessage k = stored(request, list);
        for (RuleMessage r : list) {
            if ((k.action() == 0 || k.action() == r.action()) && (k.table() == 0 || k.table() == r.table())
                    && (request.priority() == null || pref(r) == pref(k))
                    && (k.inputInterface() == null || k.inputInterface().equals(r.inputInterface()))
                    && (k.outputInterface() == null || k.outputInterface().equals(r.outputInterface()))
                    && (orZero(k.fwmark()) == 0 || Objects.equals(k.fwmark(), r.fwmark()))
                    && (orZero(k.fwmask()) == 0 || Objects.equals(k.fwmask(), r.fwmask()))
                    && (k.suppressPrefixLength() == -1 || k.suppressPrefixLength().equals(r.suppressPrefixLength()))
                    && (k.suppressInterfaceGroup() == null
                    || k.suppressInterfaceGroup().equals(r.suppressInterfaceGroup()))
                    && (k.tunnelId() == null || k.tunnelId().equals(r.tunnelId()))
                    && (k.l3mdev() == null || k.l3mdev().equals(r.l3mdev()))
                    && (k.uidRange() == null || k.uidRange().equals(r.uidRange()))
                    && (k.ipProtocol() == null || k.ipProtocol().equals(r.ipProtocol()))
                    && (orZero(k.protocol()) == 0 || k.protocol().equals(r.protocol()))
                    && (k.sourcePorts() == null || k.sourcePorts().equals(r.sourcePorts()))
                    && (k.destinationPorts() == null || k.destinationPorts().equals(r.destinationPorts()))
                    && (k.sourceLength() == 0 || k.sourceLength() == r.sourceLength()
                    && Objects.equals(k.source(), r.source()))
                    && (k.destinationLength() == 0 || k.destinationLength() == r.destinationLength()
                    && Objects.equals(k.destination(), r.destination()))
                    && (k.tos() == 0 || k.tos() == r.tos()) && (k.flow() == null || k.flow().equals(r.flow()))) {
                if ((r.flags() & RuleMessage.FIB_RULE_PERMANENT) != 0) {
                    throw Refusal.of(1);
                }
                list.remove(r);
                out.add(notice(RouteMessageType.RTM_DELRULE, r, origin));
                return;
            }
        }
        throw Refusal.of(Refusal.ENOENT);
    }

    /** The rule as {@code fib_nl2rule} makes it from a request, checked as it checks it; not yet listed. */
    private static RuleMessage stored(RuleMessage r, List<RuleMessage> list) {
        if (r.sourceLength() > 0 && r.source() == null) {
            throw new Refusal(Refusal.EINVAL, "Invalid source address");
        }
        if (r.destinationLength() > 0 && r.destination() == null) {
            throw new Refusal(Refusal.EINVAL, "Invalid dst address");
        }
        int pref = r.priority() != null ? r.priority() : defaultPref(list);
        int fwmark = orZero(r.fwmark());
        if (r.l3mdev() != null && r.l3mdev() != 1) {
            throw new Refusal(Refusal.EINVAL, "Invalid l3mdev attribute");
        }
        if (r.target() != null) {
            if (r.action() != RuleMessage.FR_ACT_GOTO) {
                throw new Refusal(Refusal.EINVAL, "Unexpected goto");
            }
            if (Integer.compareUnsigned(r.target(), pref) <= 0) {
                throw new Refusal(Refusal.EINVAL, "Backward goto not supported");
            }
        } else if (r.action() == RuleMessage.FR_ACT_GOTO) {
            throw new Refusal(Refusal.EINVAL, "Missing goto target for action goto");
        }
        if (r.l3mdev() != null && r.table() != 0) {
            throw new Refusal(Refusal.EINVAL, "l3mdev and table are mutually exclusive");
        }
        if (r.uidRange() != null && r.uidRange().start() > r.uidRange().end()) {
            throw new Refusal(Refusal.EINVAL, "Invalid uid range");
        }
        if (r.sourcePorts() != null && r.sourcePorts().start() > r.sourcePorts().end()) {
            throw new Refusal(Refusal.EINVAL, "Invalid sport range");
        }
        if (r.destinationPorts() != null && r.destinationPorts().start() > r.destinationPorts().end()) {
            throw new Refusal(Refusal.EINVAL, "Invalid dport range");
        }
        // a non-zero mark compares every bit unless a mask says otherwise; FRA_FWMASK is sent when either is set
        Integer fwmask = r.fwmask() != null ? r.fwmask() : fwmark != 0 ? Integer.valueOf(-1) : null;
        return r.toBuilder().type(RouteMessageType.RTM_NEWRULE).priority(pref)
                .flags(r.flags() & ~(RuleMessage.FIB_RULE_IIF_DETACHED | RuleMessage.FIB_RULE_OIF_DETACHED
                        | RuleMessage.FIB_RULE_UNRESOLVED))
                .fwmark(fwmark == 0 ? null : fwmark).fwmask(fwmask == null || fwmask == 0 && fwmark == 0 ? null : fwmask)
                .protocol(orZero(r.protocol())).suppressPrefixLength(r.suppressPrefixLength() == null ? -1
                        : r.suppressPrefixLength())
                .suppressInterfaceGroup(r.suppressInterfaceGroup() == null || r.suppressInterfaceGroup() == -1 ? null
                        : r.suppressInterfaceGroup())
                .tunnelId(r.tunnelId() == null || r.tunnelId() == 0 ? null : r.tunnelId())
                .ipProtocol(orZero(r.ipProtocol()) == 0 ? null : r.ipProtocol()).build();
    }

    /** {@code fib_default_rule_pref}: one below the second rule's priority when that is not 0, else 0. */
    private static int defaultPref(List<RuleMessage> list) {
        if (list.size() >= 2 && pref(list.get(1)) != 0) {
            return pref(list.get(1)) - 1;
        }
        return 0;
    }

    /** {@code fib_empty_table}: the lowest table ID from 1 up that has no IPv4 table yet. */
    private int emptyTable() {
        for (int id = 1; Integer.compareUnsigned(id, RT_TABLE_MAX) < 0; id++) {
            final int candidate = id;
            if (!ipv4TableInUse.test(id) && ipv4.stream().noneMatch(r -> r.table() == candidate)) {
                return id;
            }
        }
        throw Refusal.of(23);
    }

    /** The rule as a dump reports it: priority 0 left out, the detached flags from the links' names. */
    private RuleMessage render(RuleMessage r) {
        int flags = r.flags();
        if (r.inputInterface() != null && links.byName(r.inputInterface()) == null) {
            flags |= RuleMessage.FIB_RULE_IIF_DETACHED;
        }
        if (r.outputInterface() != null && links.byName(r.outputInterface()) == null) {
            flags |= RuleMessage.FIB_RULE_OIF_DETACHED;
        }
        if (r.action() == RuleMessage.FR_ACT_GOTO && list(r.family()).stream()
                .noneMatch(t -> pref(t) == r.target())) {
            flags |= RuleMessage.FIB_RULE_UNRESOLVED;
        }
        return r.toBuilder().flags(flags).priority(pref(r) == 0 ? null : r.priority()).build();
    }

    private List<RuleMessage> list(int family) {
        return switch (family) {
            case AddressFamily.INET -> ipv4;
            case AddressFamily.INET6 -> ipv6;
            default -> throw new Refusal(Refusal.EAFNOSUPPORT, "Rule family not supported");
        };
    }

    private static RuleMessage defaultRule(int family, int pref, int table) {
        return RuleMessage.builder().family(family).priority(pref).table(table).action(RuleMessage.FR_ACT_TO_TBL)
                .protocol(RTPROT_KERNEL).suppressPrefixLength(-1).build();
    }

    private static RuleMessage withoutFlags(RuleMessage r) {
        return r.toBuilder().flags(0).build();
    }

    private static int pref(RuleMessage r) {
        return orZero(r.priority());
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private Notice notice(int type, RuleMessage r, Origin origin) {
        RouteGroup group = r.family() == AddressFamily.INET ? RouteGroup.IPV4_RULE : RouteGroup.IPV6_RULE;
        return Notice.of(group.group(), type, 0, render(r).toBuilder().type(type).build().encode(), origin);
    }
}
