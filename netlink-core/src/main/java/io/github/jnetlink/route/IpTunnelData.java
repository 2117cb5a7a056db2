package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of an IP-in-IP tunnel ({@code IFLA_INFO_DATA} of kinds {@code ipip}, {@code sit} and {@code ip6tnl},
 * the kernel's {@code ipip_fill_info}, {@code ipip6_fill_info} and {@code ip6_tnl_fill_info}).
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param kind the link kind, one of {@code "ipip"}, {@code "sit"}, {@code "ip6tnl"}
 * @param link {@code IFLA_IPTUN_LINK} ({@code link}): the interface index of the underlying device
 * @param local {@code IFLA_IPTUN_LOCAL} ({@code local}): the source address, IPv4 for ipip and sit, IPv6 for ip6tnl
 * @param remote {@code IFLA_IPTUN_REMOTE} ({@code remote}): the destination address
 * @param ttl {@code IFLA_IPTUN_TTL} ({@code ttl}): the outer TTL (hop limit), 0 to inherit
 * @param tos {@code IFLA_IPTUN_TOS} ({@code tos}): the outer TOS, 1 to inherit (IPv4)
 * @param encapLimit {@code IFLA_IPTUN_ENCAP_LIMIT} ({@code encap_limit}): the encapsulation limit (ip6tnl)
 * @param flowInfo {@code IFLA_IPTUN_FLOWINFO} ({@code flowinfo}): the flow information (ip6tnl)
 * @param flags {@code IFLA_IPTUN_FLAGS} ({@code flags}): the flags: u16 SIT_ISATAP for sit, u32 IP6_TNL_F_* for
 *              ip6tnl
 * @param protocol {@code IFLA_IPTUN_PROTO} ({@code proto}): the inner protocol: 4 (IPIP), 41 (IPv6), 137 (MPLS), 0
 *                 any
 * @param pmtuDiscovery {@code IFLA_IPTUN_PMTUDISC} ({@code pmtudisc}): whether path MTU discovery is on
 * @param sixrdPrefix {@code IFLA_IPTUN_6RD_PREFIX} ({@code 6rd_prefix}): the 6rd IPv6 prefix (sit)
 * @param sixrdRelayPrefix {@code IFLA_IPTUN_6RD_RELAY_PREFIX} ({@code 6rd_relay_prefix}): the 6rd relay IPv4 prefix
 *                         (sit)
 * @param sixrdPrefixLength {@code IFLA_IPTUN_6RD_PREFIXLEN} ({@code 6rd_prefixlen}): the 6rd prefix length
 * @param sixrdRelayPrefixLength {@code IFLA_IPTUN_6RD_RELAY_PREFIXLEN} ({@code 6rd_relay_prefixlen}): the 6rd relay
 *                               prefix length
 * @param encapType {@code IFLA_IPTUN_ENCAP_TYPE} ({@code encap_type}): the outer encapsulation: 0 none, 1 fou, 2 gue
 * @param encapFlags {@code IFLA_IPTUN_ENCAP_FLAGS} ({@code encap_flags}): the TUNNEL_ENCAP_FLAG_* flags
 * @param encapSourcePort {@code IFLA_IPTUN_ENCAP_SPORT} ({@code encap_sport}): the encapsulation UDP source port
 * @param encapDestinationPort {@code IFLA_IPTUN_ENCAP_DPORT} ({@code encap_dport}): the encapsulation UDP destination
 *                             port
 * @param collectMetadata {@code IFLA_IPTUN_COLLECT_METADATA} ({@code external}): external control (a flow-based
 *                        device)
 * @param fwmark {@code IFLA_IPTUN_FWMARK} ({@code fwmark}): the firewall mark of the outer packets
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record IpTunnelData(String kind, Integer link, InetAddress local, InetAddress remote, Integer ttl, Integer tos,
        Integer encapLimit, Integer flowInfo, Integer flags, Integer protocol, Boolean pmtuDiscovery,
        InetAddress sixrdPrefix, InetAddress sixrdRelayPrefix, Integer sixrdPrefixLength,
        Integer sixrdRelayPrefixLength, Integer encapType, Integer encapFlags, Integer encapSourcePort,
        Integer encapDestinationPort, boolean collectMetadata, Integer fwmark,
        List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute or {@code kind} is not one of this record's, or
     * a list holds null
     */
    public IpTunnelData {
        DriverAttributes.kind("IpTunnelData", kind, "ipip", "sit", "ip6tnl");
        DriverAttributes.u8("ipip ttl", ttl);
        DriverAttributes.u8("ipip tos", tos);
        DriverAttributes.u8("ipip encapLimit", encapLimit);
        DriverAttributes.u8("ipip protocol", protocol);
        DriverAttributes.address("ipip sixrdPrefix", sixrdPrefix, 16);
        DriverAttributes.address("ipip sixrdRelayPrefix", sixrdRelayPrefix, 4);
        DriverAttributes.u16("ipip sixrdPrefixLength", sixrdPrefixLength);
        DriverAttributes.u16("ipip sixrdRelayPrefixLength", sixrdRelayPrefixLength);
        DriverAttributes.u16("ipip encapType", encapType);
        DriverAttributes.u16("ipip encapFlags", encapFlags);
        DriverAttributes.u16("ipip encapSourcePort", encapSourcePort);
        DriverAttributes.u16("ipip encapDestinationPort", encapDestinationPort);
        unknown = RoutePayload.copy(unknown, "ipip unknown attributes");
    }

    /**
     * @param kind the link kind, one of {@code "ipip"}, {@code "sit"}, {@code "ip6tnl"}
     * @return a builder with every field absent
     */
    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    /** Builds a {@link IpTunnelData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private final String kind;
        private Integer link;
        private InetAddress local;
        private InetAddress remote;
        private Integer ttl;
        private Integer tos;
        private Integer encapLimit;
        private Integer flowInfo;
        private Integer flags;
        private Integer protocol;
        private Boolean pmtuDiscovery;
        private InetAddress sixrdPrefix;
        private InetAddress sixrdRelayPrefix;
        private Integer sixrdPrefixLength;
        private Integer sixrdRelayPrefixLength;
        private Integer encapType;
        private Integer encapFlags;
        private Integer encapSourcePort;
        private Integer encapDestinationPort;
        private boolean collectMetadata;
        private Integer fwmark;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder(String kind) {
            this.kind = kind;
        }

        /** Sets {@link IpTunnelData#link()}. */
        public Builder link(Integer link) {
            this.link = link;
            return this;
        }

        /** Sets {@link IpTunnelData#local()}. */
        public Builder local(InetAddress local) {
            this.local = local;
            return this;
        }

        /** Sets {@link IpTunnelData#remote()}. */
        public Builder remote(InetAddress remote) {
            this.remote = remote;
            return this;
        }

        /** Sets {@link IpTunnelData#ttl()}. */
        public Builder ttl(Integer ttl) {
            this.ttl = ttl;
            return this;
        }

        /** Sets {@link IpTunnelData#tos()}. */
        public Builder tos(Integer tos) {
            this.tos = tos;
            return this;
        }

        /** Sets {@link IpTunnelData#encapLimit()}. */
        public Builder encapLimit(Integer encapLimit) {
            this.encapLimit = encapLimit;
            return this;
        }

        /** Sets {@link IpTunnelData#flowInfo()}. */
        public Builder flowInfo(Integer flowInfo) {
            this.flowInfo = flowInfo;
            return this;
        }

        /** Sets {@link IpTunnelData#flags()}. */
        public Builder flags(Integer flags) {
            this.flags = flags;
            return this;
        }

        /** Sets {@link IpTunnelData#protocol()}. */
        public Builder protocol(Integer protocol) {
            this.protocol = protocol;
            return this;
        }

        /** Sets {@link IpTunnelData#pmtuDiscovery()}. */
        public Builder pmtuDiscovery(Boolean pmtuDiscovery) {
            this.pmtuDiscovery = pmtuDiscovery;
            return this;
        }

        /** Sets {@link IpTunnelData#sixrdPrefix()}. */
        public Builder sixrdPrefix(InetAddress sixrdPrefix) {
            this.sixrdPrefix = sixrdPrefix;
            return this;
        }

        /** Sets {@link IpTunnelData#sixrdRelayPrefix()}. */
        public Builder sixrdRelayPrefix(InetAddress sixrdRelayPrefix) {
            this.sixrdRelayPrefix = sixrdRelayPrefix;
            return this;
        }

        /** Sets {@link IpTunnelData#sixrdPrefixLength()}. */
        public Builder sixrdPrefixLength(Integer sixrdPrefixLength) {
            this.sixrdPrefixLength = sixrdPrefixLength;
            return this;
        }

        /** Sets {@link IpTunnelData#sixrdRelayPrefixLength()}. */
        public Builder sixrdRelayPrefixLength(Integer sixrdRelayPrefixLength) {
            this.sixrdRelayPrefixLength = sixrdRelayPrefixLength;
            return this;
        }

        /** Sets {@link IpTunnelData#encapType()}. */
        public Builder encapType(Integer encapType) {
            this.encapType = encapType;
            return this;
        }

        /** Sets {@link IpTunnelData#encapFlags()}. */
        public Builder encapFlags(Integer encapFlags) {
            this.encapFlags = encapFlags;
            return this;
        }

        /** Sets {@link IpTunnelData#encapSourcePort()}. */
        public Builder encapSourcePort(Integer encapSourcePort) {
            this.encapSourcePort = encapSourcePort;
            return this;
        }

        /** Sets {@link IpTunnelData#encapDestinationPort()}. */
        public Builder encapDestinationPort(Integer encapDestinationPort) {
            this.encapDestinationPort = encapDestinationPort;
            return this;
        }

        /** Sets {@link IpTunnelData#collectMetadata()}. */
        public Builder collectMetadata(boolean collectMetadata) {
            this.collectMetadata = collectMetadata;
            return this;
        }

        /** Sets {@link IpTunnelData#fwmark()}. */
        public Builder fwmark(Integer fwmark) {
            this.fwmark = fwmark;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public IpTunnelData build() {
            return new IpTunnelData(kind, link, local, remote, ttl, tos, encapLimit, flowInfo, flags, protocol,
                    pmtuDiscovery, sixrdPrefix, sixrdRelayPrefix, sixrdPrefixLength, sixrdRelayPrefixLength, encapType,
                    encapFlags, encapSourcePort, encapDestinationPort, collectMetadata, fwmark, unknown);
        }
    }
}
