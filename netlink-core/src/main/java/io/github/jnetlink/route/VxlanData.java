package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a VXLAN device ({@code IFLA_INFO_DATA} of kind {@code vxlan}, the kernel's {@code
 * vxlan_fill_info}).
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param id {@code IFLA_VXLAN_ID} ({@code id}): the VXLAN network identifier (VNI), 24 bits
 * @param group {@code IFLA_VXLAN_GROUP} ({@code group}): the IPv4 multicast group or remote address
 * @param link {@code IFLA_VXLAN_LINK} ({@code link}): the interface index of the underlying device
 * @param local {@code IFLA_VXLAN_LOCAL} ({@code local}): the IPv4 source address
 * @param ttl {@code IFLA_VXLAN_TTL} ({@code ttl}): the outer TTL, 0 for the route's
 * @param tos {@code IFLA_VXLAN_TOS} ({@code tos}): the outer TOS, 1 to inherit
 * @param learning {@code IFLA_VXLAN_LEARNING} ({@code learning}): whether remote addresses are learned into the FDB
 * @param ageing {@code IFLA_VXLAN_AGEING} ({@code ageing}): how long a learned entry lives, in seconds
 * @param limit {@code IFLA_VXLAN_LIMIT} ({@code limit}): the most FDB entries, 0 for none
 * @param portRange {@code IFLA_VXLAN_PORT_RANGE} ({@code port_range}): the UDP source port range
 * @param proxy {@code IFLA_VXLAN_PROXY} ({@code proxy}): ARP/ND proxy
 * @param rsc {@code IFLA_VXLAN_RSC} ({@code rsc}): route short circuit
 * @param l2miss {@code IFLA_VXLAN_L2MISS} ({@code l2miss}): whether link-layer misses are notified
 * @param l3miss {@code IFLA_VXLAN_L3MISS} ({@code l3miss}): whether IP misses are notified
 * @param port {@code IFLA_VXLAN_PORT} ({@code port}): the UDP destination port
 * @param group6 {@code IFLA_VXLAN_GROUP6} ({@code group6}): the IPv6 multicast group or remote address
 * @param local6 {@code IFLA_VXLAN_LOCAL6} ({@code local6}): the IPv6 source address
 * @param udpChecksum {@code IFLA_VXLAN_UDP_CSUM} ({@code udp_csum}): whether IPv4 UDP checksums are computed
 * @param udpZeroChecksum6Tx {@code IFLA_VXLAN_UDP_ZERO_CSUM6_TX} ({@code udp_zero_csum6_tx}): whether IPv6 UDP is
 *                           sent with a zero checksum
 * @param udpZeroChecksum6Rx {@code IFLA_VXLAN_UDP_ZERO_CSUM6_RX} ({@code udp_zero_csum6_rx}): whether IPv6 UDP with a
 *                           zero checksum is accepted
 * @param remoteChecksumTx {@code IFLA_VXLAN_REMCSUM_TX} ({@code remcsum_tx}): remote checksum offload on transmit
 * @param remoteChecksumRx {@code IFLA_VXLAN_REMCSUM_RX} ({@code remcsum_rx}): remote checksum offload on receive
 * @param gbp {@code IFLA_VXLAN_GBP} ({@code gbp}): the Group Based Policy extension
 * @param remoteChecksumNoPartial {@code IFLA_VXLAN_REMCSUM_NOPARTIAL} ({@code remcsum_nopartial}): remote checksum
 *                                offload without partial checksums
 * @param collectMetadata {@code IFLA_VXLAN_COLLECT_METADATA} ({@code external}): external control (collect metadata,
 *                        a flow-based device)
 * @param label {@code IFLA_VXLAN_LABEL} ({@code label}): the IPv6 flow label, 20 bits
 * @param gpe {@code IFLA_VXLAN_GPE} ({@code gpe}): the Generic Protocol Extension
 * @param ttlInherit {@code IFLA_VXLAN_TTL_INHERIT} ({@code ttl_inherit}): whether the outer TTL is copied from the
 *                   inner packet; a flag in requests, a u8 in the kernel's replies
 * @param df {@code IFLA_VXLAN_DF} ({@code df}): the outer DF bit: 0 unset, 1 set, 2 inherit
 * @param vniFilter {@code IFLA_VXLAN_VNIFILTER} ({@code vnifilter}): whether the device filters by VNI
 * @param localBypass {@code IFLA_VXLAN_LOCALBYPASS} ({@code localbypass}): whether traffic to a local VNI bypasses
 *                    the network (kernel 6.8+)
 * @param labelPolicy {@code IFLA_VXLAN_LABEL_POLICY} ({@code label_policy}): the flow label policy: 0 fixed, 1
 *                    inherit (kernel 6.9+)
 * @param reservedBits {@code IFLA_VXLAN_RESERVED_BITS} ({@code reserved_bits}): which reserved header bits are
 *                     accepted, as the 8-byte VXLAN header (kernel 6.13+)
 * @param multicastRoute {@code IFLA_VXLAN_MC_ROUTE} ({@code mc_route}): whether multicast goes through the multicast
 *                       routing table (kernel 6.16+)
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record VxlanData(Integer id, InetAddress group, Integer link, InetAddress local, Integer ttl, Integer tos,
        Boolean learning, Integer ageing, Integer limit, VxlanData.PortRange portRange, Boolean proxy, Boolean rsc,
        Boolean l2miss, Boolean l3miss, Integer port, InetAddress group6, InetAddress local6, Boolean udpChecksum,
        Boolean udpZeroChecksum6Tx, Boolean udpZeroChecksum6Rx, Boolean remoteChecksumTx, Boolean remoteChecksumRx,
        boolean gbp, boolean remoteChecksumNoPartial, Boolean collectMetadata, Integer label, boolean gpe,
        boolean ttlInherit, Integer df, Boolean vniFilter, Boolean localBypass, Integer labelPolicy, Long reservedBits,
        Boolean multicastRoute, List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute, or a list holds null
     */
    public VxlanData {
        DriverAttributes.address("vxlan group", group, 4);
        DriverAttributes.address("vxlan local", local, 4);
        DriverAttributes.u8("vxlan ttl", ttl);
        DriverAttributes.u8("vxlan tos", tos);
        DriverAttributes.u16("vxlan port", port);
        DriverAttributes.address("vxlan group6", group6, 16);
        DriverAttributes.address("vxlan local6", local6, 16);
        DriverAttributes.u8("vxlan df", df);
        unknown = RoutePayload.copy(unknown, "vxlan unknown attributes");
    }

    /** @return {@code "vxlan"} */
    @Override
    public String kind() {
        return "vxlan";
    }

    /**
     * @return a builder with every field absent
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link VxlanData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private Integer id;
        private InetAddress group;
        private Integer link;
        private InetAddress local;
        private Integer ttl;
        private Integer tos;
        private Boolean learning;
        private Integer ageing;
        private Integer limit;
        private VxlanData.PortRange portRange;
        private Boolean proxy;
        private Boolean rsc;
        private Boolean l2miss;
        private Boolean l3miss;
        private Integer port;
        private InetAddress group6;
        private InetAddress local6;
        private Boolean udpChecksum;
        private Boolean udpZeroChecksum6Tx;
        private Boolean udpZeroChecksum6Rx;
        private Boolean remoteChecksumTx;
        private Boolean remoteChecksumRx;
        private boolean gbp;
        private boolean remoteChecksumNoPartial;
        private Boolean collectMetadata;
        private Integer label;
        private boolean gpe;
        private boolean ttlInherit;
        private Integer df;
        private Boolean vniFilter;
        private Boolean localBypass;
        private Integer labelPolicy;
        private Long reservedBits;
        private Boolean multicastRoute;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@link VxlanData#id()}. */
        public Builder id(Integer id) {
            this.id = id;
            return this;
        }

        /** Sets {@link VxlanData#group()}. */
        public Builder group(InetAddress group) {
            this.group = group;
            return this;
        }

        /** Sets {@link VxlanData#link()}. */
        public Builder link(Integer link) {
            this.link = link;
            return this;
        }

        /** Sets {@link VxlanData#local()}. */
        public Builder local(InetAddress local) {
            this.local = local;
            return this;
        }

        /** Sets {@link VxlanData#ttl()}. */
        public Builder ttl(Integer ttl) {
            this.ttl = ttl;
            return this;
        }

        /** Sets {@link VxlanData#tos()}. */
        public Builder tos(Integer tos) {
            this.tos = tos;
            return this;
        }

        /** Sets {@link VxlanData#learning()}. */
        public Builder learning(Boolean learning) {
            this.learning = learning;
            return this;
        }

        /** Sets {@link VxlanData#ageing()}. */
        public Builder ageing(Integer ageing) {
            this.ageing = ageing;
            return this;
        }

        /** Sets {@link VxlanData#limit()}. */
        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        /** Sets {@link VxlanData#portRange()}. */
        public Builder portRange(VxlanData.PortRange portRange) {
            this.portRange = portRange;
            return this;
        }

        /** Sets {@link VxlanData#proxy()}. */
        public Builder proxy(Boolean proxy) {
            this.proxy = proxy;
            return this;
        }

        /** Sets {@link VxlanData#rsc()}. */
        public Builder rsc(Boolean rsc) {
            this.rsc = rsc;
            return this;
        }

        /** Sets {@link VxlanData#l2miss()}. */
        public Builder l2miss(Boolean l2miss) {
            this.l2miss = l2miss;
            return this;
        }

        /** Sets {@link VxlanData#l3miss()}. */
        public Builder l3miss(Boolean l3miss) {
            this.l3miss = l3miss;
            return this;
        }

        /** Sets {@link VxlanData#port()}. */
        public Builder port(Integer port) {
            this.port = port;
            return this;
        }

        /** Sets {@link VxlanData#group6()}. */
        public Builder group6(InetAddress group6) {
            this.group6 = group6;
            return this;
        }

        /** Sets {@link VxlanData#local6()}. */
        public Builder local6(InetAddress local6) {
            this.local6 = local6;
            return this;
        }

        /** Sets {@link VxlanData#udpChecksum()}. */
        public Builder udpChecksum(Boolean udpChecksum) {
            this.udpChecksum = udpChecksum;
            return this;
        }

        /** Sets {@link VxlanData#udpZeroChecksum6Tx()}. */
        public Builder udpZeroChecksum6Tx(Boolean udpZeroChecksum6Tx) {
            this.udpZeroChecksum6Tx = udpZeroChecksum6Tx;
            return this;
        }

        /** Sets {@link VxlanData#udpZeroChecksum6Rx()}. */
        public Builder udpZeroChecksum6Rx(Boolean udpZeroChecksum6Rx) {
            this.udpZeroChecksum6Rx = udpZeroChecksum6Rx;
            return this;
        }

        /** Sets {@link VxlanData#remoteChecksumTx()}. */
        public Builder remoteChecksumTx(Boolean remoteChecksumTx) {
            this.remoteChecksumTx = remoteChecksumTx;
            return this;
        }

        /** Sets {@link VxlanData#remoteChecksumRx()}. */
        public Builder remoteChecksumRx(Boolean remoteChecksumRx) {
            this.remoteChecksumRx = remoteChecksumRx;
            return this;
        }

        /** Sets {@link VxlanData#gbp()}. */
        public Builder gbp(boolean gbp) {
            this.gbp = gbp;
            return this;
        }

        /** Sets {@link VxlanData#remoteChecksumNoPartial()}. */
        public Builder remoteChecksumNoPartial(boolean remoteChecksumNoPartial) {
            this.remoteChecksumNoPartial = remoteChecksumNoPartial;
            return this;
        }

        /** Sets {@link VxlanData#collectMetadata()}. */
        public Builder collectMetadata(Boolean collectMetadata) {
            this.collectMetadata = collectMetadata;
            return this;
        }

        /** Sets {@link VxlanData#label()}. */
        public Builder label(Integer label) {
            this.label = label;
            return this;
        }

        /** Sets {@link VxlanData#gpe()}. */
        public Builder gpe(boolean gpe) {
            this.gpe = gpe;
            return this;
        }

        /** Sets {@link VxlanData#ttlInherit()}. */
        public Builder ttlInherit(boolean ttlInherit) {
            this.ttlInherit = ttlInherit;
            return this;
        }

        /** Sets {@link VxlanData#df()}. */
        public Builder df(Integer df) {
            this.df = df;
            return this;
        }

        /** Sets {@link VxlanData#vniFilter()}. */
        public Builder vniFilter(Boolean vniFilter) {
            this.vniFilter = vniFilter;
            return this;
        }

        /** Sets {@link VxlanData#localBypass()}. */
        public Builder localBypass(Boolean localBypass) {
            this.localBypass = localBypass;
            return this;
        }

        /** Sets {@link VxlanData#labelPolicy()}. */
        public Builder labelPolicy(Integer labelPolicy) {
            this.labelPolicy = labelPolicy;
            return this;
        }

        /** Sets {@link VxlanData#reservedBits()}. */
        public Builder reservedBits(Long reservedBits) {
            this.reservedBits = reservedBits;
            return this;
        }

        /** Sets {@link VxlanData#multicastRoute()}. */
        public Builder multicastRoute(Boolean multicastRoute) {
            this.multicastRoute = multicastRoute;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public VxlanData build() {
            return new VxlanData(id, group, link, local, ttl, tos, learning, ageing, limit, portRange, proxy, rsc,
                    l2miss, l3miss, port, group6, local6, udpChecksum, udpZeroChecksum6Tx, udpZeroChecksum6Rx,
                    remoteChecksumTx, remoteChecksumRx, gbp, remoteChecksumNoPartial, collectMetadata, label, gpe,
                    ttlInherit, df, vniFilter, localBypass, labelPolicy, reservedBits, multicastRoute, unknown);
        }
    }

    /**
     * {@code struct ifla_vxlan_port_range}: the UDP source ports the device picks from by flow hash, both 0 for
     * the kernel's local port range; {@code ip -d link} prints them in {@code port_range}.
     *
     * @param low  the lowest port, 0 to 65535
     * @param high the highest port, 0 to 65535
     */
    public record PortRange(int low, int high) {

        /** @throws NetlinkException if a port is out of range */
        public PortRange {
            DriverAttributes.u16("vxlan port_range low", low);
            DriverAttributes.u16("vxlan port_range high", high);
        }

        static PortRange decode(io.github.jnetlink.AttributeDecoder d) {
            byte[] b = DriverAttributes.fixed(d, 4, "struct ifla_vxlan_port_range");
            return new PortRange((b[0] & 0xFF) << 8 | b[1] & 0xFF, (b[2] & 0xFF) << 8 | b[3] & 0xFF);
        }

        byte[] bytes() {
            return new byte[] {(byte) (low >> 8), (byte) low, (byte) (high >> 8), (byte) high};
        }
    }
}
