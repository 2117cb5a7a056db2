package io.github.jnetlink.route;

import static io.github.jnetlink.HeaderFlags.ACKNOWLEDGE;
import static io.github.jnetlink.HeaderFlags.CREATE;
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
import java.util.List;

/**
 * Reads and changes the policy routing rules of the connection's network namespace over a
 * {@link Protocol#ROUTE} connection, the way {@code ip rule} and {@code ip -6 rule} do.
 *
 * <pre>{@code
 * try (Conn conn = Conn.dial(Protocol.ROUTE, Config.DEFAULT)) {
 *     Rules rules = new Rules(conn);
 *     rules.add(RuleMessage.builder().priority(1000).source(InetAddress.getByName("10.1.0.0")).sourceLength(16)
 *             .table(100).build());
 *     List<RuleMessage> ipv4 = rules.list(AddressFamily.INET);
 * }
 * }</pre>
 *
 * <p>The kernel has no single-rule {@code RTM_GETRULE} and does not replace rules ({@code NLM_F_REPLACE} is
 * ignored), so there is no get, replace or change: delete and add. Lists are {@code RTM_GETRULE} dumps, read again while the kernel marks them interrupted
 * ({@code NLM_F_DUMP_INTR}), up to {@link Dumps#DEFAULT_ATTEMPTS} times in all. Changes ask for an
 * acknowledgement ({@code NLM_F_ACK}), so they return once the kernel has applied them; additions add
 * {@code NLM_F_CREATE | NLM_F_EXCL}, so adding a rule that exists fails with EEXIST. Changes need CAP_NET_ADMIN
 * in the namespace. A kernel refusal surfaces as {@link NetlinkErrorException} whose operation names the rule
 * ({@code "add rule 1000 inet from 10.1.0.0/16 lookup 100"}), keeping the errno, sequence and extended ACK.
 * Safe for concurrent use as far as the {@link Conn} is; the connection stays the caller's to close.
 */
public final class Rules {

    private final FilteredDumps dumps;

    /**
     * @param conn an open connection dialed with {@link Protocol#ROUTE}; not closed by this service. Its first
     *             list turns {@code NETLINK_GET_STRICT_CHK} on for it
     * @throws NetlinkException if {@code conn} is null or of another protocol
     */
    public Rules(Conn conn) {
        this(new FilteredDumps(FilteredDumps.requireRoute(conn, "rules"), true));
    }

    private Rules(FilteredDumps dumps) {
        this.dumps = dumps;
    }

    /** A service sharing {@code dumps} (its connection and strict-check state) with the others of a {@link Rtnetlink}. */
    static Rules over(FilteredDumps dumps) {
        return new Rules(dumps);
    }

    /**
     * Lists the IPv4 and IPv6 rules (and those of any other family the kernel has, such as IPv4 multicast
     * routing's): an {@code RTM_GETRULE} dump of family {@code AF_UNSPEC}, as {@code ip rule show} and
     * {@code ip -6 rule show} together.
     *
     * @return the rules, each family's in the kernel's order (by ascending priority); unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump
     * @throws DumpInterruptedException when the kernel marked every one of {@link Dumps#DEFAULT_ATTEMPTS} dumps
     *         interrupted
     * @throws io.github.jnetlink.MalformedMessageException if a reply is corrupt
     */
    public List<RuleMessage> list() {
        return list(AddressFamily.UNSPEC);
    }

    /**
     * Lists the rules of one family: an {@code RTM_GETRULE} dump with {@code family} in its header.
     *
     * @param family {@link AddressFamily#INET}, {@link AddressFamily#INET6}, {@link AddressFamily#IPMR},
     *               {@link AddressFamily#IP6MR}, or {@link AddressFamily#UNSPEC} for all
     * @return the rules, in the kernel's order (by ascending priority); unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump (EAFNOSUPPORT for a family it has no rules
     *         for)
     * @throws DumpInterruptedException when the kernel marked every one of {@link Dumps#DEFAULT_ATTEMPTS} dumps
     *         interrupted
     * @throws NetlinkException if {@code family} is not 0 to 255
     */
    public List<RuleMessage> list(int family) {
        if (family < 0 || family > 0xFF) {
            throw new NetlinkArgumentException("list rules: family must be 0 to 255, got " + family);
        }
        return list(new RuleFilter(family, 0));
    }

    /**
     * Lists the rules that match a filter, as {@code ip -4 rule show table T}: an {@code RTM_GETRULE} dump of the
     * filter's family, its table matched here (the kernel's rule dump filters by nothing but family).
     *
     * @param filter the filter, such as {@link RuleFilter#ALL}
     * @return the matching rules, each family's in the kernel's order (by ascending priority); unmodifiable
     * @throws NetlinkErrorException when the kernel refuses the dump (EAFNOSUPPORT for a family it has no rules
     *         for)
     * @throws DumpInterruptedException when the kernel marked every one of {@link Dumps#DEFAULT_ATTEMPTS} dumps
     *         interrupted
     * @throws NetlinkException if {@code filter} is null
     */
    public List<RuleMessage> list(RuleFilter filter) {
        if (filter == null) {
            throw new NetlinkArgumentException("list rules: filter must not be null");
        }
        byte[] header = new byte[RuleMessage.HEADER_SIZE];
        header[0] = (byte) filter.family();
        String operation = (filter.family() == AddressFamily.UNSPEC ? "list rules"
                : "list " + AddressFamily.name(filter.family()) + " rules")
                + (filter.table() == 0 ? "" : " of table " + Integer.toUnsignedString(filter.table()));
        return dumps.list(operation, RouteMessageType.RTM_GETRULE, header, RouteMessageType.RTM_NEWRULE,
                RuleMessage::decode, filter::matches, r -> true, errno -> false).items();
    }

    /**
     * Adds a rule, as {@code ip rule add}: {@code RTM_NEWRULE} with {@link RuleMessage#encode()} and
     * {@code NLM_F_CREATE | NLM_F_EXCL}. Without a {@link RuleMessage#priority()} the kernel gives the rule one
     * below the first rule of non-zero priority.
     *
     * @param rule the rule; its family must be one the kernel has rules for ({@link AddressFamily#INET},
     *             {@link AddressFamily#INET6})
     * @throws NetlinkErrorException EEXIST if an equal rule exists, EAFNOSUPPORT for another family, EINVAL for
     *         a rule the kernel finds inconsistent (such as a {@code goto} to its own priority)
     * @throws NetlinkException if {@code rule} is null or does not encode
     */
    public void add(RuleMessage rule) {
        change("add", RouteMessageType.RTM_NEWRULE, REQUEST | ACKNOWLEDGE | CREATE | EXCL, rule);
    }

    /**
     * Deletes a rule, as {@code ip rule del}: {@code RTM_DELRULE} with {@link RuleMessage#encode()}. The kernel
     * deletes the first rule that matches every selector sent (a field left at 0 or null matching any), so a
     * rule from {@link #list()} deletes exactly itself.
     *
     * @param rule the rule
     * @throws NetlinkErrorException ENOENT if no rule matches, EPERM for a {@link RuleMessage#FIB_RULE_PERMANENT}
     *         rule
     * @throws NetlinkException if {@code rule} is null or does not encode
     */
    public void delete(RuleMessage rule) {
        change("delete", RouteMessageType.RTM_DELRULE, REQUEST | ACKNOWLEDGE, rule);
    }

    @Override
    public String toString() {
        return "Rules[" + dumps.conn() + "]";
    }

    private void change(String verb, int type, int flags, RuleMessage rule) {
        if (rule == null) {
            throw new NetlinkArgumentException(verb + " rule: rule must not be null");
        }
        dumps.conn().execute(Message.of(type, flags, rule.encode()), verb + " rule " + describe(rule));
    }

    /** The rule in roughly {@code ip rule}'s words, for error messages. */
    static String describe(RuleMessage r) {
        StringBuilder b = new StringBuilder();
        if (r.priority() != null) {
            b.append(Integer.toUnsignedString(r.priority())).append(' ');
        }
        b.append(AddressFamily.name(r.family()));
        if (r.inverted()) {
            b.append(" not");
        }
        b.append(" from ").append(r.source() == null ? "all" : r.source().getHostAddress() + "/" + r.sourceLength());
        if (r.destination() != null) {
            b.append(" to ").append(r.destination().getHostAddress()).append('/').append(r.destinationLength());
        }
        if (r.fwmark() != null) {
            b.append(" fwmark 0x").append(Integer.toHexString(r.fwmark()));
            if (r.fwmask() != null) {
                b.append("/0x").append(Integer.toHexString(r.fwmask()));
            }
        }
        if (r.inputInterface() != null) {
            b.append(" iif ").append(r.inputInterface());
        }
        if (r.outputInterface() != null) {
            b.append(" oif ").append(r.outputInterface());
        }
        b.append(' ').append(r.actionName());
        if (r.action() == RuleMessage.FR_ACT_TO_TBL) {
            b.append(' ').append(Integer.toUnsignedString(r.table()));
        } else if (r.action() == RuleMessage.FR_ACT_GOTO && r.target() != null) {
            b.append(' ').append(Integer.toUnsignedString(r.target()));
        }
        return b.toString();
    }
}
