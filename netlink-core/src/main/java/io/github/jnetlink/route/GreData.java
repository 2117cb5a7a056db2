package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a GRE tunnel ({@code IFLA_INFO_DATA} of kinds {@code gre}, {@code gretap}, {@code ip6gre}, {@code
 * ip6gretap}, {@code erspan} and {@code ip6erspan}, the kernel's {@code ipgre_fill_info} and {@code
 * ip6gre_fill_info}).
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param kind the link kind, one of {@code "gre"}, {@code "gretap"}, {@code "ip6gre"}, {@code "ip6gretap"}, {@code
 *             "erspan"}, {@code "ip6erspan"}
 * @param link {@code IFLA_GRE_LINK} ({@code link}): the interface index of the underlying device
 * @param inputFlags {@code IFLA_GRE_IFLAGS} ({@code iflags}): the GRE flags expected on receive (GRE_CSUM 0x8000,
 *                   GRE_KEY 0x2000, GRE_SEQ 0x1000)
 * @param outputFlags {@code IFLA_GRE_OFLAGS} ({@code oflags}): the GRE flags sent
 * @param inputKey {@code IFLA_GRE_IKEY} ({@code ikey}): the key expected on receive
 * @param outputKey {@code IFLA_GRE_OKEY} ({@code okey}): the key sent
 * @param local {@code IFLA_GRE_LOCAL} ({@code local}): the source address, IPv4 for gre and gretap, IPv6 for ip6gre
 *              and ip6gretap
 * @param remote {@code IFLA_GRE_REMOTE} ({@code remote}): the destination address
 * @param ttl {@code IFLA_GRE_TTL} ({@code ttl}): the outer TTL (hop limit), 0 to inherit
 * @param tos {@code IFLA_GRE_TOS} ({@code tos}): the outer TOS, 1 to inherit
 * @param pmtuDiscovery {@code IFLA_GRE_PMTUDISC} ({@code pmtudisc}): whether path MTU discovery is on (IPv4)
 * @param encapLimit {@code IFLA_GRE_ENCAP_LIMIT} ({@code encap_limit}): the IPv6 tunnel encapsulation limit
 * @param flowInfo {@code IFLA_GRE_FLOWINFO} ({@code flowinfo}): the IPv6 flow information (traffic class and label)
 * @param flags {@code IFLA_GRE_FLAGS} ({@code flags}): the IP6_TNL_F_* flags (IPv6)
 * @param encapType {@code IFLA_GRE_ENCAP_TYPE} ({@code encap_type}): the outer encapsulation: 0 none, 1 fou, 2 gue
 * @param encapFlags {@code IFLA_GRE_ENCAP_FLAGS} ({@code encap_flags}): the TUNNEL_ENCAP_FLAG_* flags
 * @param encapSourcePort {@code IFLA_GRE_ENCAP_SPORT} ({@code encap_sport}): the encapsulation UDP source port, 0 for
 *                        automatic
 * @param encapDestinationPort {@code IFLA_GRE_ENCAP_DPORT} ({@code encap_dport}): the encapsulation UDP destination
 *                             port
 * @param collectMetadata {@code IFLA_GRE_COLLECT_METADATA} ({@code external}): external control (a flow-based device)
 * @param ignoreDf {@code IFLA_GRE_IGNORE_DF} ({@code ignore_df}): whether DF is ignored (IPv4)
 * @param fwmark {@code IFLA_GRE_FWMARK} ({@code fwmark}): the firewall mark of the outer packets
 * @param erspanIndex {@code IFLA_GRE_ERSPAN_INDEX} ({@code erspan_index}): the ERSPAN v1 index
 * @param erspanVersion {@code IFLA_GRE_ERSPAN_VER} ({@code erspan_ver}): the ERSPAN version, 1 or 2
 * @param erspanDirection {@code IFLA_GRE_ERSPAN_DIR} ({@code erspan_dir}): the ERSPAN v2 direction: 0 ingress, 1
 *                        egress
 * @param erspanHardwareId {@code IFLA_GRE_ERSPAN_HWID} ({@code erspan_hwid}): the ERSPAN v2 hardware id
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record GreData(String kind, Integer link, Integer inputFlags, Integer outputFlags, Integer inputKey,
        Integer outputKey, InetAddress local, InetAddress remote, Integer ttl, Integer tos, Boolean pmtuDiscovery,
        Integer encapLimit, Integer flowInfo, Integer flags, Integer encapType, Integer encapFlags,
        Integer encapSourcePort, Integer encapDestinationPort, boolean collectMetadata, Boolean ignoreDf,
        Integer fwmark, Integer erspanIndex, Integer erspanVersion, Integer erspanDirection, Integer erspanHardwareId,
        List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute or {@code kind} is not one of this record's, or
     * a list holds null
     */
    public GreData {
        DriverAttributes.kind("GreData", kind, "gre", "gretap", "ip6gre", "ip6gretap", "erspan", "ip6erspan");
        DriverAttributes.u16("gre inputFlags", inputFlags);
        DriverAttributes.u16("gre outputFlags", outputFlags);
        DriverAttributes.u8("gre ttl", ttl);
        DriverAttributes.u8("gre tos", tos);
        DriverAttributes.u8("gre encapLimit", encapLimit);
        DriverAttributes.u16("gre encapType", encapType);
        DriverAttributes.u16("gre encapFlags", encapFlags);
        DriverAttributes.u16("gre encapSourcePort", encapSourcePort);
        DriverAttributes.u16("gre encapDestinationPort", encapDestinationPort);
        DriverAttributes.u8("gre erspanVersion", erspanVersion);
        DriverAttributes.u8("gre erspanDirection", erspanDirection);
        DriverAttributes.u16("gre erspanHardwareId", erspanHardwareId);
        unknown = RoutePayload.copy(unknown, "gre unknown attributes");
    }

    /**
     * @param kind the link kind, one of {@code "gre"}, {@code "gretap"}, {@code "ip6gre"}, {@code "ip6gretap"},
     *             {@code "erspan"}, {@code "ip6erspan"}
     * @return a builder with every field absent
     */
    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    /** Builds a {@link GreData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private final String kind;
        private Integer link;
        private Integer inputFlags;
        private Integer outputFlags;
        private Integer inputKey;
        private Integer outputKey;
        private InetAddress local;
        private InetAddress remote;
        private Integer ttl;
        private Integer tos;
        private Boolean pmtuDiscovery;
        private Integer encapLimit;
        private Integer flowInfo;
        private Integer flags;
        private Integer encapType;
        private Integer encapFlags;
        private Integer encapSourcePort;
        private Integer encapDestinationPort;
        private boolean collectMetadata;
        private Boolean ignoreDf;
        private Integer fwmark;
        private Integer erspanIndex;
        private Integer erspanVersion;
        private Integer erspanDirection;
        private Integer erspanHardwareId;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder(String kind) {
            this.kind = kind;
        }

        /** Sets {@link GreData#link()}. */
        public Builder link(Integer link) {
            this.link = link;
            return this;
        }

        /** Sets {@link GreData#inputFlags()}. */
        public Builder inputFlags(Integer inputFlags) {
            this.inputFlags = inputFlags;
            return this;
        }

        /** Sets {@link GreData#outputFlags()}. */
        public Builder outputFlags(Integer outputFlags) {
            this.outputFlags = outputFlags;
            return this;
        }

        /** Sets {@link GreData#inputKey()}. */
        public Builder inputKey(Integer inputKey) {
            this.inputKey = inputKey;
            return this;
        }

        /** Sets {@link GreData#outputKey()}. */
        public Builder outputKey(Integer outputKey) {
            this.outputKey = outputKey;
            return this;
        }

        /** Sets {@link GreData#local()}. */
        public Builder local(InetAddress local) {
            this.local = local;
            return this;
        }

        /** Sets {@link GreData#remote()}. */
        public Builder remote(InetAddress remote) {
            this.remote = remote;
            return this;
        }

        /** Sets {@link GreData#ttl()}. */
        public Builder ttl(Integer ttl) {
            this.ttl = ttl;
            return this;
        }

        /** Sets {@link GreData#tos()}. */
        public Builder tos(Integer tos) {
            this.tos = tos;
            return this;
        }

        /** Sets {@link GreData#pmtuDiscovery()}. */
        public Builder pmtuDiscovery(Boolean pmtuDiscovery) {
            this.pmtuDiscovery = pmtuDiscovery;
            return this;
        }

        /** Sets {@link GreData#encapLimit()}. */
        public Builder encapLimit(Integer encapLimit) {
            this.encapLimit = encapLimit;
            return this;
        }

        /** Sets {@link GreData#flowInfo()}. */
        public Builder flowInfo(Integer flowInfo) {
            this.flowInfo = flowInfo;
            return this;
        }

        /** Sets {@link GreData#flags()}. */
        public Builder flags(Integer flags) {
            this.flags = flags;
            return this;
        }

        /** Sets {@link GreData#encapType()}. */
        public Builder encapType(Integer encapType) {
            this.encapType = encapType;
            return this;
        }

        /** Sets {@link GreData#encapFlags()}. */
        public Builder encapFlags(Integer encapFlags) {
            this.encapFlags = encapFlags;
            return this;
        }

        /** Sets {@link GreData#encapSourcePort()}. */
        public Builder encapSourcePort(Integer encapSourcePort) {
            this.encapSourcePort = encapSourcePort;
            return this;
        }

        /** Sets {@link GreData#encapDestinationPort()}. */
        public Builder encapDestinationPort(Integer encapDestinationPort) {
            this.encapDestinationPort = encapDestinationPort;
            return this;
        }

        /** Sets {@link GreData#collectMetadata()}. */
        public Builder collectMetadata(boolean collectMetadata) {
            this.collectMetadata = collectMetadata;
            return this;
        }

        /** Sets {@link GreData#ignoreDf()}. */
        public Builder ignoreDf(Boolean ignoreDf) {
            this.ignoreDf = ignoreDf;
            return this;
        }

        /** Sets {@link GreData#fwmark()}. */
        public Builder fwmark(Integer fwmark) {
            this.fwmark = fwmark;
            return this;
        }

        /** Sets {@link GreData#erspanIndex()}. */
        public Builder erspanIndex(Integer erspanIndex) {
            this.erspanIndex = erspanIndex;
            return this;
        }

        /** Sets {@link GreData#erspanVersion()}. */
        public Builder erspanVersion(Integer erspanVersion) {
            this.erspanVersion = erspanVersion;
            return this;
        }

        /** Sets {@link GreData#erspanDirection()}. */
        public Builder erspanDirection(Integer erspanDirection) {
            this.erspanDirection = erspanDirection;
            return this;
        }

        /** Sets {@link GreData#erspanHardwareId()}. */
        public Builder erspanHardwareId(Integer erspanHardwareId) {
            this.erspanHardwareId = erspanHardwareId;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public GreData build() {
            return new GreData(kind, link, inputFlags, outputFlags, inputKey, outputKey, local, remote, ttl, tos,
                    pmtuDiscovery, encapLimit, flowInfo, flags, encapType, encapFlags, encapSourcePort,
                    encapDestinationPort, collectMetadata, ignoreDf, fwmark, erspanIndex, erspanVersion,
                    erspanDirection, erspanHardwareId, unknown);
        }
    }
}
