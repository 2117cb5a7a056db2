package io.github.jnetlink;

/**
 * Netlink protocol families ({@code NETLINK_*} in {@code <linux/netlink.h>}), the third argument of
 * {@code socket(AF_NETLINK, SOCK_RAW, protocol)} and the first of {@link Conn#dial(int, Config)}.
 */
public final class Protocol {

    /** {@code NETLINK_ROUTE}: rtnetlink: links, addresses, routes, neighbours, rules, qdiscs. */
    public static final int ROUTE = 0;
    /** {@code NETLINK_UNUSED}. */
    public static final int UNUSED = 1;
    /** {@code NETLINK_USERSOCK}: reserved for user-mode socket protocols. */
    public static final int USERSOCK = 2;
    /** {@code NETLINK_FIREWALL}: unused by current kernels. */
    public static final int FIREWALL = 3;
    /** {@code NETLINK_SOCK_DIAG}: socket monitoring (ss). */
    public static final int SOCK_DIAG = 4;
    /** {@code NETLINK_NFLOG}: netfilter/iptables ULOG. */
    public static final int NFLOG = 5;
    /** {@code NETLINK_XFRM}: IPsec. */
    public static final int XFRM = 6;
    /** {@code NETLINK_SELINUX}: SELinux event notifications. */
    public static final int SELINUX = 7;
    /** {@code NETLINK_ISCSI}: Open-iSCSI. */
    public static final int ISCSI = 8;
    /** {@code NETLINK_AUDIT}: auditing. */
    public static final int AUDIT = 9;
    /** {@code NETLINK_FIB_LOOKUP}. */
    public static final int FIB_LOOKUP = 10;
    /** {@code NETLINK_CONNECTOR}: the kernel connector (process events). */
    public static final int CONNECTOR = 11;
    /** {@code NETLINK_NETFILTER}: netfilter subsystems (conntrack, nftables). */
    public static final int NETFILTER = 12;
    /** {@code NETLINK_IP6_FW}. */
    public static final int IP6_FW = 13;
    /** {@code NETLINK_DNRTMSG}: DECnet routing messages. */
    public static final int DNRTMSG = 14;
    /** {@code NETLINK_KOBJECT_UEVENT}: kernel messages to userspace (udev). */
    public static final int KOBJECT_UEVENT = 15;
    /** {@code NETLINK_GENERIC}: generic netlink, families resolved by name. */
    public static final int GENERIC = 16;
    /** {@code NETLINK_SCSITRANSPORT}: SCSI transports. */
    public static final int SCSITRANSPORT = 18;
    /** {@code NETLINK_ECRYPTFS}. */
    public static final int ECRYPTFS = 19;
    /** {@code NETLINK_RDMA}. */
    public static final int RDMA = 20;
    /** {@code NETLINK_CRYPTO}: the crypto layer. */
    public static final int CRYPTO = 21;
    /** {@code NETLINK_SMC}: SMC monitoring. */
    public static final int SMC = 22;

    private static final String[] NAMES = {"route", "unused", "usersock", "firewall", "sock-diag", "nflog", "xfrm",
        "selinux", "iscsi", "audit", "fib-lookup", "connector", "netfilter", "ip6-fw", "dnrtmsg", "kobject-uevent",
        "generic", null, "scsitransport", "ecryptfs", "rdma", "crypto", "smc"};

    private Protocol() {
    }

    /**
     * @param protocol a protocol number
     * @return its kebab-case name such as {@code "route"}, or the number as text when it has none
     */
    public static String name(int protocol) {
        return protocol >= 0 && protocol < NAMES.length && NAMES[protocol] != null ? NAMES[protocol] : Integer.toString(protocol);
    }

    /**
     * Resolves a protocol from its name ({@code route}, {@code generic}, {@code sock-diag}, case and
     * {@code _}/{@code -} insensitive, an optional {@code netlink-} prefix allowed) or its number.
     *
     * @param nameOrNumber for example {@code "route"}, {@code "NETLINK_GENERIC"} or {@code "16"}
     * @return the protocol number
     * @throws NetlinkException naming the valid names when the text is neither
     */
    public static int parse(String nameOrNumber) {
        if (nameOrNumber == null || nameOrNumber.isBlank()) {
            throw new NetlinkArgumentException("netlink protocol must not be empty; use one of " + names() + " or a number 0-31");
        }
        String s = nameOrNumber.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (s.startsWith("netlink-")) {
            s = s.substring("netlink-".length());
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (s.equals(NAMES[i])) {
                return i;
            }
        }
        try {
            int n = Integer.parseInt(s);
            if (n >= 0 && n < 32) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error naming the valid names
        }
        throw new NetlinkArgumentException("unknown netlink protocol '" + nameOrNumber + "'; use one of " + names() + " or a number 0-31");
    }

    /**
     * @return the known protocol names, in number order
     */
    public static java.util.List<String> names() {
        return java.util.Arrays.stream(NAMES).filter(java.util.Objects::nonNull).toList();
    }
}
