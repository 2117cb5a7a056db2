package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a Geneve device ({@code IFLA_INFO_DATA} of kind {@code geneve}, the kernel's {@code
 * geneve_fill_info}).
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param id {@code IFLA_GENEVE_ID} ({@code id}): the virtual network identifier, 24 bits
 * @param remote {@code IFLA_GENEVE_REMOTE} ({@code remote}): the IPv4 remote address
 * @param ttl {@code IFLA_GENEVE_TTL} ({@code ttl}): the outer TTL, 0 for the route's
 * @param tos {@code IFLA_GENEVE_TOS} ({@code tos}): the outer TOS, 1 to inherit
 * @param port {@code IFLA_GENEVE_PORT} ({@code port}): the UDP destination port
 * @param collectMetadata {@code IFLA_GENEVE_COLLECT_METADATA} ({@code external}): external control (a flow-based
 *                        device)
 * @param remote6 {@code IFLA_GENEVE_REMOTE6} ({@code remote6}): the IPv6 remote address
 * @param udpChecksum {@code IFLA_GENEVE_UDP_CSUM} ({@code udp_csum}): whether IPv4 UDP checksums are computed
 * @param udpZeroChecksum6Tx {@code IFLA_GENEVE_UDP_ZERO_CSUM6_TX} ({@code udp_zero_csum6_tx}): whether IPv6 UDP is
 *                           sent with a zero checksum
 * @param udpZeroChecksum6Rx {@code IFLA_GENEVE_UDP_ZERO_CSUM6_RX} ({@code udp_zero_csum6_rx}): whether IPv6 UDP with
 *                           a zero checksum is accepted
 * @param label {@code IFLA_GENEVE_LABEL} ({@code label}): the IPv6 flow label, 20 bits
 * @param ttlInherit {@code IFLA_GENEVE_TTL_INHERIT} ({@code ttl_inherit}): whether the outer TTL is copied from the
 *                   inner packet
 * @param df {@code IFLA_GENEVE_DF} ({@code df}): the outer DF bit: 0 unset, 1 set, 2 inherit
 * @param innerProtoInherit {@code IFLA_GENEVE_INNER_PROTO_INHERIT} ({@code inner_proto_inherit}): whether the inner
 *                          protocol is taken from the packet
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record GeneveData(Integer id, InetAddress remote, Integer ttl, Integer tos, Integer port,
        boolean collectMetadata, InetAddress remote6, Boolean udpChecksum, Boolean udpZeroChecksum6Tx,
        Boolean udpZeroChecksum6Rx, Integer label, Boolean ttlInherit, Integer df, boolean innerProtoInherit,
        List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute, or a list holds null
     */
    public GeneveData {
        DriverAttributes.address("geneve remote", remote, 4);
        DriverAttributes.u8("geneve ttl", ttl);
        DriverAttributes.u8("geneve tos", tos);
        DriverAttributes.u16("geneve port", port);
        DriverAttributes.address("geneve remote6", remote6, 16);
        DriverAttributes.u8("geneve df", df);
        unknown = RoutePayload.copy(unknown, "geneve unknown attributes");
    }

    /** @return {@code "geneve"} */
    @Override
    public String kind() {
        return "geneve";
    }

    /**
     * @return a builder with every field absent
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GeneveData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private Integer id;
        private InetAddress remote;
        private Integer ttl;
        private Integer tos;
        private Integer port;
        private boolean collectMetadata;
        private InetAddress remote6;
        private Boolean udpChecksum;
        private Boolean udpZeroChecksum6Tx;
        private Boolean udpZeroChecksum6Rx;
        private Integer label;
        private Boolean ttlInherit;
        private Integer df;
        private boolean innerProtoInherit;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@link GeneveData#id()}. */
        public Builder id(Integer id) {
            this.id = id;
            return this;
        }

        /** Sets {@link GeneveData#remote()}. */
        public Builder remote(InetAddress remote) {
            this.remote = remote;
            return this;
        }

        /** Sets {@link GeneveData#ttl()}. */
        public Builder ttl(Integer ttl) {
            this.ttl = ttl;
            return this;
        }

        /** Sets {@link GeneveData#tos()}. */
        public Builder tos(Integer tos) {
            this.tos = tos;
            return this;
        }

        /** Sets {@link GeneveData#port()}. */
        public Builder port(Integer port) {
            this.port = port;
            return this;
        }

        /** Sets {@link GeneveData#collectMetadata()}. */
        public Builder collectMetadata(boolean collectMetadata) {
            this.collectMetadata = collectMetadata;
            return this;
        }

        /** Sets {@link GeneveData#remote6()}. */
        public Builder remote6(InetAddress remote6) {
            this.remote6 = remote6;
            return this;
        }

        /** Sets {@link GeneveData#udpChecksum()}. */
        public Builder udpChecksum(Boolean udpChecksum) {
            this.udpChecksum = udpChecksum;
            return this;
        }

        /** Sets {@link GeneveData#udpZeroChecksum6Tx()}. */
        public Builder udpZeroChecksum6Tx(Boolean udpZeroChecksum6Tx) {
            this.udpZeroChecksum6Tx = udpZeroChecksum6Tx;
            return this;
        }

        /** Sets {@link GeneveData#udpZeroChecksum6Rx()}. */
        public Builder udpZeroChecksum6Rx(Boolean udpZeroChecksum6Rx) {
            this.udpZeroChecksum6Rx = udpZeroChecksum6Rx;
            return this;
        }

        /** Sets {@link GeneveData#label()}. */
        public Builder label(Integer label) {
            this.label = label;
            return this;
        }

        /** Sets {@link GeneveData#ttlInherit()}. */
        public Builder ttlInherit(Boolean ttlInherit) {
            this.ttlInherit = ttlInherit;
            return this;
        }

        /** Sets {@link GeneveData#df()}. */
        public Builder df(Integer df) {
            this.df = df;
            return this;
        }

        /** Sets {@link GeneveData#innerProtoInherit()}. */
        public Builder innerProtoInherit(boolean innerProtoInherit) {
            this.innerProtoInherit = innerProtoInherit;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public GeneveData build() {
            return new GeneveData(id, remote, ttl, tos, port, collectMetadata, remote6, udpChecksum,
                    udpZeroChecksum6Tx, udpZeroChecksum6Rx, label, ttlInherit, df, innerProtoInherit, unknown);
        }
    }
}
