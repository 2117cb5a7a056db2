package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * A route's lightweight tunnel encapsulation: {@code RTA_ENCAP_TYPE} (a u16 {@code LWTUNNEL_ENCAP_*} of
 * {@code <linux/lwtunnel.h>}) and the attributes nested in {@code RTA_ENCAP}, as {@code ip route add ...
 * encap mpls 100/200 dev eth0} sets them. For {@link #LWTUNNEL_ENCAP_MPLS} the label stack
 * ({@code MPLS_IPTUNNEL_DST} of {@code <linux/mpls_iptunnel.h>}) and TTL ({@code MPLS_IPTUNNEL_TTL}) are
 * decoded; every other attribute, and all those of other encapsulations ({@code ip}, {@code ip6},
 * {@code seg6}, {@code bpf}, ...), are kept as sent in {@link #attributes()}.
 *
 * @param type       {@code RTA_ENCAP_TYPE}, {@link #LWTUNNEL_ENCAP_MPLS} to {@link #LWTUNNEL_ENCAP_XFRM}; 0
 *                   ({@code LWTUNNEL_ENCAP_NONE}) when the kernel sent {@code RTA_ENCAP} alone
 * @param labels     {@code MPLS_IPTUNNEL_DST}: the label stack to push, outermost first; empty for other types
 * @param ttl        {@code MPLS_IPTUNNEL_TTL}: the TTL of the pushed labels, 0 to 255; null when absent (the
 *                   kernel then copies the IP TTL, by {@code net.mpls.ip_ttl_propagate}); null for other types
 * @param attributes the other attributes nested in {@code RTA_ENCAP}, as sent
 */
public record RouteEncap(int type, List<MplsLabel> labels, Integer ttl, List<Attribute> attributes) {

    /** {@code LWTUNNEL_ENCAP_NONE} (0). */
    public static final int LWTUNNEL_ENCAP_NONE = 0;
    /** {@code LWTUNNEL_ENCAP_MPLS} (1): push MPLS labels ({@code encap mpls}). */
    public static final int LWTUNNEL_ENCAP_MPLS = 1;
    /** {@code LWTUNNEL_ENCAP_IP} (2): an IPv4 tunnel's metadata ({@code encap ip}). */
    public static final int LWTUNNEL_ENCAP_IP = 2;
    /** {@code LWTUNNEL_ENCAP_ILA} (3): identifier-locator addressing. */
    public static final int LWTUNNEL_ENCAP_ILA = 3;
    /** {@code LWTUNNEL_ENCAP_IP6} (4): an IPv6 tunnel's metadata ({@code encap ip6}). */
    public static final int LWTUNNEL_ENCAP_IP6 = 4;
    /** {@code LWTUNNEL_ENCAP_SEG6} (5): IPv6 segment routing. */
    public static final int LWTUNNEL_ENCAP_SEG6 = 5;
    /** {@code LWTUNNEL_ENCAP_BPF} (6): BPF programs. */
    public static final int LWTUNNEL_ENCAP_BPF = 6;
    /** {@code LWTUNNEL_ENCAP_SEG6_LOCAL} (7): segment routing local behaviour. */
    public static final int LWTUNNEL_ENCAP_SEG6_LOCAL = 7;
    /** {@code LWTUNNEL_ENCAP_RPL} (8): RPL source routing. */
    public static final int LWTUNNEL_ENCAP_RPL = 8;
    /** {@code LWTUNNEL_ENCAP_IOAM6} (9): IPv6 in-situ OAM. */
    public static final int LWTUNNEL_ENCAP_IOAM6 = 9;
    /** {@code LWTUNNEL_ENCAP_XFRM} (10): XFRM interface. */
    public static final int LWTUNNEL_ENCAP_XFRM = 10;
    /** {@code MPLS_IPTUNNEL_DST} (1): the label stack, one big-endian u32 entry per label. */
    public static final int MPLS_IPTUNNEL_DST = 1;
    /** {@code MPLS_IPTUNNEL_TTL} (2): u8 TTL. */
    public static final int MPLS_IPTUNNEL_TTL = 2;

    private static final String[] NAMES = {"none", "mpls", "ip", "ila", "ip6", "seg6", "bpf", "seg6local", "rpl",
        "ioam6", "xfrm"};

    /**
     * Checks the ranges and copies the lists.
     *
     * @throws NetlinkException if {@code type} does not fit 16 bits, {@code ttl} 8 bits, a list contains null,
     *         or labels or a TTL are given for a type other than {@link #LWTUNNEL_ENCAP_MPLS}; a null list
     *         becomes empty
     */
    public RouteEncap {
        AddressFamily.u16(type, "RTA_ENCAP_TYPE");
        labels = RoutePayload.copy(labels, "RTA_ENCAP labels");
        attributes = RoutePayload.copy(attributes, "RTA_ENCAP attributes");
        if (ttl != null) {
            AddressFamily.u8(ttl, "MPLS_IPTUNNEL_TTL");
        }
        if (type != LWTUNNEL_ENCAP_MPLS && (!labels.isEmpty() || ttl != null)) {
            throw new NetlinkArgumentException("RTA_ENCAP of type " + name(type)
                    + " cannot hold MPLS labels or TTL; those are for type mpls (" + LWTUNNEL_ENCAP_MPLS + ")");
        }
    }

    /**
     * An MPLS encapsulation pushing the given labels, as {@code ip route add ... encap mpls 100/200} sends it:
     * traffic class 0, TTL 0, the bottom-of-stack bit on the last label.
     *
     * @param labels the labels, outermost first, each 0 to 1048575
     * @return the encapsulation, with no {@code MPLS_IPTUNNEL_TTL}
     * @throws NetlinkException if {@code labels} is null or empty or a label is out of range
     */
    public static RouteEncap mpls(int... labels) {
        if (labels == null || labels.length == 0) {
            throw new NetlinkArgumentException("RouteEncap.mpls: at least one label is needed");
        }
        List<MplsLabel> stack = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            stack.add(new MplsLabel(labels[i], 0, i == labels.length - 1, 0));
        }
        return new RouteEncap(LWTUNNEL_ENCAP_MPLS, stack, null, List.of());
    }

    /**
     * An encapsulation kept raw.
     *
     * @param type       an {@code LWTUNNEL_ENCAP_*} type other than MPLS
     * @param attributes the attributes to nest in {@code RTA_ENCAP}
     * @return the encapsulation
     * @throws NetlinkException if {@code type} does not fit 16 bits or the list contains null
     */
    public static RouteEncap of(int type, List<Attribute> attributes) {
        return new RouteEncap(type, List.of(), null, attributes);
    }

    /**
     * @return the label values of {@link #labels()}, outermost first, as {@code ip route} prints
     *         {@code encap mpls 100/200}
     */
    public List<Integer> labelValues() {
        return labels.stream().map(MplsLabel::label).toList();
    }

    /**
     * @return the type as {@code ip route} names it after {@code encap}: {@code "mpls"}, {@code "ip"},
     *         {@code "seg6local"}, ...
     */
    public String typeName() {
        return name(type);
    }

    static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : Integer.toString(type);
    }

    /** Which field decoding reads a raw attribute of an encapsulation of {@code type} into, or null. */
    static String field(int type, int attribute) {
        if (type != LWTUNNEL_ENCAP_MPLS) {
            return null;
        }
        return attribute == MPLS_IPTUNNEL_DST ? "labels (MPLS_IPTUNNEL_DST)"
                : attribute == MPLS_IPTUNNEL_TTL ? "ttl (MPLS_IPTUNNEL_TTL)" : null;
    }

    /**
     * Reads the {@code RTA_ENCAP} payload of an encapsulation of {@code type}; when an attribute repeats, the
     * last one counts.
     *
     * @throws MalformedMessageException if an attribute is malformed, the label stack is not a whole number of
     *         4-byte entries, or the TTL is not 1 byte
     */
    static RouteEncap decode(int type, byte[] b, int offset, int length) {
        List<MplsLabel> labels = List.of();
        Integer ttl = null;
        List<Attribute> attributes = null;
        AttributeDecoder d = new AttributeDecoder(b, offset, length);
        while (d.next()) {
            int t = type == LWTUNNEL_ENCAP_MPLS ? d.type() : -1;
            if (t == MPLS_IPTUNNEL_DST) {
                if (d.length() % 4 != 0) {
                    throw new MalformedMessageException("RTA_ENCAP MPLS_IPTUNNEL_DST at offset " + (d.offset() - 4)
                            + ": " + d.length() + " bytes, not a whole number of 4-byte label stack entries");
                }
                List<MplsLabel> stack = new ArrayList<>(d.length() / 4);
                for (int at = d.offset(); at < d.offset() + d.length(); at += 4) {
                    stack.add(MplsLabel.ofEntry((b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16
                            | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF));
                }
                labels = stack;
            } else if (t == MPLS_IPTUNNEL_TTL) {
                if (d.length() != 1) {
                    throw new MalformedMessageException("RTA_ENCAP MPLS_IPTUNNEL_TTL at offset " + (d.offset() - 4)
                            + " needs a 1-byte u8, got " + d.length() + " bytes");
                }
                ttl = d.u8();
            } else {
                attributes = RoutePayload.add(attributes, RoutePayload.raw(d));
            }
        }
        return new RouteEncap(type, labels, ttl, RoutePayload.finish(attributes));
    }

    /**
     * @return the {@code RTA_ENCAP} payload: the label stack unless empty, the TTL when present, then
     *         {@link #attributes()}
     */
    byte[] encode() {
        AttributeEncoder e = new AttributeEncoder(64);
        if (!labels.isEmpty()) {
            byte[] stack = new byte[4 * labels.size()];
            for (int i = 0; i < labels.size(); i++) {
                int entry = labels.get(i).entry();
                stack[4 * i] = (byte) (entry >>> 24);
                stack[4 * i + 1] = (byte) (entry >>> 16);
                stack[4 * i + 2] = (byte) (entry >>> 8);
                stack[4 * i + 3] = (byte) entry;
            }
            e.bytes(MPLS_IPTUNNEL_DST, stack);
        }
        if (ttl != null) {
            e.u8(MPLS_IPTUNNEL_TTL, ttl);
        }
        RoutePayload.writeAll(e, attributes);
        return e.encode();
    }

    /**
     * One MPLS label stack entry (RFC 3032), a big-endian u32: label (20 bits), traffic class (3), bottom of
     * stack (1), TTL (8).
     *
     * <pre>
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +---------------------------------------+-----+-+---------------+
     * |                 Label                 | TC  |S|      TTL      |
     * +---------------------------------------+-----+-+---------------+
     * </pre>
     *
     * @param label         the label, 0 to 1048575
     * @param trafficClass  the traffic class, 0 to 7
     * @param bottomOfStack the S bit: whether this is the last entry of the stack
     * @param ttl           the entry's TTL, 0 to 255 (the kernel's label stacks carry 0)
     */
    public record MplsLabel(int label, int trafficClass, boolean bottomOfStack, int ttl) {

        /** {@code MPLS_LS_S_MASK}: the bottom-of-stack bit of an entry. */
        public static final int BOTTOM_OF_STACK = 0x100;

        /**
         * @throws NetlinkException if a field is out of range
         */
        public MplsLabel {
            if ((label & ~0xFFFFF) != 0) {
                throw new NetlinkArgumentException("MPLS label must be 0 to 1048575, got " + label);
            }
            if ((trafficClass & ~7) != 0) {
                throw new NetlinkArgumentException("MPLS traffic class must be 0 to 7, got " + trafficClass);
            }
            AddressFamily.u8(ttl, "MPLS label TTL");
        }

        /**
         * @param entry a label stack entry as a u32 in host order (after reading the big-endian bytes)
         * @return its fields
         */
        public static MplsLabel ofEntry(int entry) {
            return new MplsLabel(entry >>> 12, (entry >>> 9) & 7, (entry & BOTTOM_OF_STACK) != 0, entry & 0xFF);
        }

        /**
         * @return the entry as a u32: {@code label << 12 | trafficClass << 9 | S << 8 | ttl}
         */
        public int entry() {
            return label << 12 | trafficClass << 9 | (bottomOfStack ? BOTTOM_OF_STACK : 0) | ttl;
        }
    }
}
