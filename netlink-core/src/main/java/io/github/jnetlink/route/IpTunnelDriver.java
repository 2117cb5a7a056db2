package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import java.nio.ByteOrder;

/** The {@code ipip}, {@code sit}, {@code ip6tnl} driver: {@link IpTunnelData}. */
final class IpTunnelDriver implements LinkDriver {

    private final String kind;

    IpTunnelDriver(String kind) {
        this.kind = kind;
    }

    @Override
    public String kind() {
        return kind;
    }

    static final int IFLA_IPTUN_LINK = 1;
    static final int IFLA_IPTUN_LOCAL = 2;
    static final int IFLA_IPTUN_REMOTE = 3;
    static final int IFLA_IPTUN_TTL = 4;
    static final int IFLA_IPTUN_TOS = 5;
    static final int IFLA_IPTUN_ENCAP_LIMIT = 6;
    static final int IFLA_IPTUN_FLOWINFO = 7;
    static final int IFLA_IPTUN_FLAGS = 8;
    static final int IFLA_IPTUN_PROTO = 9;
    static final int IFLA_IPTUN_PMTUDISC = 10;
    static final int IFLA_IPTUN_6RD_PREFIX = 11;
    static final int IFLA_IPTUN_6RD_RELAY_PREFIX = 12;
    static final int IFLA_IPTUN_6RD_PREFIXLEN = 13;
    static final int IFLA_IPTUN_6RD_RELAY_PREFIXLEN = 14;
    static final int IFLA_IPTUN_ENCAP_TYPE = 15;
    static final int IFLA_IPTUN_ENCAP_FLAGS = 16;
    static final int IFLA_IPTUN_ENCAP_SPORT = 17;
    static final int IFLA_IPTUN_ENCAP_DPORT = 18;
    static final int IFLA_IPTUN_COLLECT_METADATA = 19;
    static final int IFLA_IPTUN_FWMARK = 20;

    @Override
    public IpTunnelData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, kind, "attribute decoder");
        IpTunnelData.Builder b = IpTunnelData.builder(kind);
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_IPTUN_LINK -> b.link(d.u32());
                    case IFLA_IPTUN_LOCAL -> b.local(DriverAttributes.address(d, 0));
                    case IFLA_IPTUN_REMOTE -> b.remote(DriverAttributes.address(d, 0));
                    case IFLA_IPTUN_TTL -> b.ttl(d.u8());
                    case IFLA_IPTUN_TOS -> b.tos(d.u8());
                    case IFLA_IPTUN_ENCAP_LIMIT -> b.encapLimit(d.u8());
                    case IFLA_IPTUN_FLOWINFO -> b.flowInfo(d.u32(ByteOrder.BIG_ENDIAN));
                    case IFLA_IPTUN_FLAGS -> b.flags(DriverAttributes.u16OrU32(d));
                    case IFLA_IPTUN_PROTO -> b.protocol(d.u8());
                    case IFLA_IPTUN_PMTUDISC -> b.pmtuDiscovery(d.u8() != 0);
                    case IFLA_IPTUN_6RD_PREFIX -> b.sixrdPrefix(DriverAttributes.address(d, 16));
                    case IFLA_IPTUN_6RD_RELAY_PREFIX -> b.sixrdRelayPrefix(DriverAttributes.address(d, 4));
                    case IFLA_IPTUN_6RD_PREFIXLEN -> b.sixrdPrefixLength(d.u16());
                    case IFLA_IPTUN_6RD_RELAY_PREFIXLEN -> b.sixrdRelayPrefixLength(d.u16());
                    case IFLA_IPTUN_ENCAP_TYPE -> b.encapType(d.u16());
                    case IFLA_IPTUN_ENCAP_FLAGS -> b.encapFlags(d.u16());
                    case IFLA_IPTUN_ENCAP_SPORT -> b.encapSourcePort(d.u16(ByteOrder.BIG_ENDIAN));
                    case IFLA_IPTUN_ENCAP_DPORT -> b.encapDestinationPort(d.u16(ByteOrder.BIG_ENDIAN));
                    case IFLA_IPTUN_COLLECT_METADATA -> b.collectMetadata(d.flag());
                    case IFLA_IPTUN_FWMARK -> b.fwmark(d.u32());
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed(kind, "IFLA_INFO_DATA", type, name(type), e);
        }
        return b.build();
    }

    @Override
    public void encode(LinkInfoData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, kind, "attribute encoder");
        IpTunnelData data = DriverAttributes.cast(value, IpTunnelData.class, kind);
        if (data.link() != null) {
            e.s32(IFLA_IPTUN_LINK, data.link());
        }
        if (data.local() != null) {
            e.bytes(IFLA_IPTUN_LOCAL, data.local().getAddress());
        }
        if (data.remote() != null) {
            e.bytes(IFLA_IPTUN_REMOTE, data.remote().getAddress());
        }
        if (data.ttl() != null) {
            e.u8(IFLA_IPTUN_TTL, data.ttl());
        }
        if (data.tos() != null) {
            e.u8(IFLA_IPTUN_TOS, data.tos());
        }
        if (data.encapLimit() != null) {
            e.u8(IFLA_IPTUN_ENCAP_LIMIT, data.encapLimit());
        }
        if (data.flowInfo() != null) {
            e.u32(IFLA_IPTUN_FLOWINFO, Integer.toUnsignedLong(data.flowInfo()), ByteOrder.BIG_ENDIAN);
        }
        if (data.flags() != null) {
            DriverAttributes.u16OrU32(e, IFLA_IPTUN_FLAGS, data.flags(), "ip6tnl".equals(data.kind()));
        }
        if (data.protocol() != null) {
            e.u8(IFLA_IPTUN_PROTO, data.protocol());
        }
        if (data.pmtuDiscovery() != null) {
            e.u8(IFLA_IPTUN_PMTUDISC, data.pmtuDiscovery() ? 1 : 0);
        }
        if (data.sixrdPrefix() != null) {
            e.bytes(IFLA_IPTUN_6RD_PREFIX, data.sixrdPrefix().getAddress());
        }
        if (data.sixrdRelayPrefix() != null) {
            e.bytes(IFLA_IPTUN_6RD_RELAY_PREFIX, data.sixrdRelayPrefix().getAddress());
        }
        if (data.sixrdPrefixLength() != null) {
            e.u16(IFLA_IPTUN_6RD_PREFIXLEN, data.sixrdPrefixLength());
        }
        if (data.sixrdRelayPrefixLength() != null) {
            e.u16(IFLA_IPTUN_6RD_RELAY_PREFIXLEN, data.sixrdRelayPrefixLength());
        }
        if (data.encapType() != null) {
            e.u16(IFLA_IPTUN_ENCAP_TYPE, data.encapType());
        }
        if (data.encapFlags() != null) {
            e.u16(IFLA_IPTUN_ENCAP_FLAGS, data.encapFlags());
        }
        if (data.encapSourcePort() != null) {
            e.u16(IFLA_IPTUN_ENCAP_SPORT, data.encapSourcePort(), ByteOrder.BIG_ENDIAN);
        }
        if (data.encapDestinationPort() != null) {
            e.u16(IFLA_IPTUN_ENCAP_DPORT, data.encapDestinationPort(), ByteOrder.BIG_ENDIAN);
        }
        if (data.collectMetadata()) {
            e.flag(IFLA_IPTUN_COLLECT_METADATA);
        }
        if (data.fwmark() != null) {
            e.s32(IFLA_IPTUN_FWMARK, data.fwmark());
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_IPTUN_LINK", "IFLA_IPTUN_LOCAL", "IFLA_IPTUN_REMOTE",
            "IFLA_IPTUN_TTL", "IFLA_IPTUN_TOS", "IFLA_IPTUN_ENCAP_LIMIT", "IFLA_IPTUN_FLOWINFO", "IFLA_IPTUN_FLAGS",
            "IFLA_IPTUN_PROTO", "IFLA_IPTUN_PMTUDISC", "IFLA_IPTUN_6RD_PREFIX", "IFLA_IPTUN_6RD_RELAY_PREFIX",
            "IFLA_IPTUN_6RD_PREFIXLEN", "IFLA_IPTUN_6RD_RELAY_PREFIXLEN", "IFLA_IPTUN_ENCAP_TYPE",
            "IFLA_IPTUN_ENCAP_FLAGS", "IFLA_IPTUN_ENCAP_SPORT", "IFLA_IPTUN_ENCAP_DPORT",
            "IFLA_IPTUN_COLLECT_METADATA", "IFLA_IPTUN_FWMARK"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }
}
