package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import java.nio.ByteOrder;

/**
 * The {@code gre}, {@code gretap}, {@code ip6gre}, {@code ip6gretap}, {@code erspan}, {@code ip6erspan} driver:
 * {@link GreData}.
 */
final class GreDriver implements LinkDriver {

    private final String kind;

    GreDriver(String kind) {
        this.kind = kind;
    }

    @Override
    public String kind() {
        return kind;
    }

    static final int IFLA_GRE_LINK = 1;
    static final int IFLA_GRE_IFLAGS = 2;
    static final int IFLA_GRE_OFLAGS = 3;
    static final int IFLA_GRE_IKEY = 4;
    static final int IFLA_GRE_OKEY = 5;
    static final int IFLA_GRE_LOCAL = 6;
    static final int IFLA_GRE_REMOTE = 7;
    static final int IFLA_GRE_TTL = 8;
    static final int IFLA_GRE_TOS = 9;
    static final int IFLA_GRE_PMTUDISC = 10;
    static final int IFLA_GRE_ENCAP_LIMIT = 11;
    static final int IFLA_GRE_FLOWINFO = 12;
    static final int IFLA_GRE_FLAGS = 13;
    static final int IFLA_GRE_ENCAP_TYPE = 14;
    static final int IFLA_GRE_ENCAP_FLAGS = 15;
    static final int IFLA_GRE_ENCAP_SPORT = 16;
    static final int IFLA_GRE_ENCAP_DPORT = 17;
    static final int IFLA_GRE_COLLECT_METADATA = 18;
    static final int IFLA_GRE_IGNORE_DF = 19;
    static final int IFLA_GRE_FWMARK = 20;
    static final int IFLA_GRE_ERSPAN_INDEX = 21;
    static final int IFLA_GRE_ERSPAN_VER = 22;
    static final int IFLA_GRE_ERSPAN_DIR = 23;
    static final int IFLA_GRE_ERSPAN_HWID = 24;

    @Override
    public GreData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, kind, "attribute decoder");
        GreData.Builder b = GreData.builder(kind);
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_GRE_LINK -> b.link(d.u32());
                    case IFLA_GRE_IFLAGS -> b.inputFlags(d.u16(ByteOrder.BIG_ENDIAN));
                    case IFLA_GRE_OFLAGS -> b.outputFlags(d.u16(ByteOrder.BIG_ENDIAN));
                    case IFLA_GRE_IKEY -> b.inputKey(d.u32(ByteOrder.BIG_ENDIAN));
                    case IFLA_GRE_OKEY -> b.outputKey(d.u32(ByteOrder.BIG_ENDIAN));
                    case IFLA_GRE_LOCAL -> b.local(DriverAttributes.address(d, 0));
                    case IFLA_GRE_REMOTE -> b.remote(DriverAttributes.address(d, 0));
                    case IFLA_GRE_TTL -> b.ttl(d.u8());
                    case IFLA_GRE_TOS -> b.tos(d.u8());
                    case IFLA_GRE_PMTUDISC -> b.pmtuDiscovery(d.u8() != 0);
                    case IFLA_GRE_ENCAP_LIMIT -> b.encapLimit(d.u8());
                    case IFLA_GRE_FLOWINFO -> b.flowInfo(d.u32(ByteOrder.BIG_ENDIAN));
                    case IFLA_GRE_FLAGS -> b.flags(d.u32());
                    case IFLA_GRE_ENCAP_TYPE -> b.encapType(d.u16());
                    case IFLA_GRE_ENCAP_FLAGS -> b.encapFlags(d.u16());
                    case IFLA_GRE_ENCAP_SPORT -> b.encapSourcePort(d.u16(ByteOrder.BIG_ENDIAN));
                    case IFLA_GRE_ENCAP_DPORT -> b.encapDestinationPort(d.u16(ByteOrder.BIG_ENDIAN));
                    case IFLA_GRE_COLLECT_METADATA -> b.collectMetadata(d.flag());
                    case IFLA_GRE_IGNORE_DF -> b.ignoreDf(d.u8() != 0);
                    case IFLA_GRE_FWMARK -> b.fwmark(d.u32());
                    case IFLA_GRE_ERSPAN_INDEX -> b.erspanIndex(d.u32());
                    case IFLA_GRE_ERSPAN_VER -> b.erspanVersion(d.u8());
                    case IFLA_GRE_ERSPAN_DIR -> b.erspanDirection(d.u8());
                    case IFLA_GRE_ERSPAN_HWID -> b.erspanHardwareId(d.u16());
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
        GreData data = DriverAttributes.cast(value, GreData.class, kind);
        if (data.link() != null) {
            e.s32(IFLA_GRE_LINK, data.link());
        }
        if (data.inputFlags() != null) {
            e.u16(IFLA_GRE_IFLAGS, data.inputFlags(), ByteOrder.BIG_ENDIAN);
        }
        if (data.outputFlags() != null) {
            e.u16(IFLA_GRE_OFLAGS, data.outputFlags(), ByteOrder.BIG_ENDIAN);
        }
        if (data.inputKey() != null) {
            e.u32(IFLA_GRE_IKEY, Integer.toUnsignedLong(data.inputKey()), ByteOrder.BIG_ENDIAN);
        }
        if (data.outputKey() != null) {
            e.u32(IFLA_GRE_OKEY, Integer.toUnsignedLong(data.outputKey()), ByteOrder.BIG_ENDIAN);
        }
        if (data.local() != null) {
            e.bytes(IFLA_GRE_LOCAL, data.local().getAddress());
        }
        if (data.remote() != null) {
            e.bytes(IFLA_GRE_REMOTE, data.remote().getAddress());
        }
        if (data.ttl() != null) {
            e.u8(IFLA_GRE_TTL, data.ttl());
        }
        if (data.tos() != null) {
            e.u8(IFLA_GRE_TOS, data.tos());
        }
        if (data.pmtuDiscovery() != null) {
            e.u8(IFLA_GRE_PMTUDISC, data.pmtuDiscovery() ? 1 : 0);
        }
        if (data.encapLimit() != null) {
            e.u8(IFLA_GRE_ENCAP_LIMIT, data.encapLimit());
        }
        if (data.flowInfo() != null) {
            e.u32(IFLA_GRE_FLOWINFO, Integer.toUnsignedLong(data.flowInfo()), ByteOrder.BIG_ENDIAN);
        }
        if (data.flags() != null) {
            e.s32(IFLA_GRE_FLAGS, data.flags());
        }
        if (data.encapType() != null) {
            e.u16(IFLA_GRE_ENCAP_TYPE, data.encapType());
        }
        if (data.encapFlags() != null) {
            e.u16(IFLA_GRE_ENCAP_FLAGS, data.encapFlags());
        }
        if (data.encapSourcePort() != null) {
            e.u16(IFLA_GRE_ENCAP_SPORT, data.encapSourcePort(), ByteOrder.BIG_ENDIAN);
        }
        if (data.encapDestinationPort() != null) {
            e.u16(IFLA_GRE_ENCAP_DPORT, data.encapDestinationPort(), ByteOrder.BIG_ENDIAN);
        }
        if (data.collectMetadata()) {
            e.flag(IFLA_GRE_COLLECT_METADATA);
        }
        if (data.ignoreDf() != null) {
            e.u8(IFLA_GRE_IGNORE_DF, data.ignoreDf() ? 1 : 0);
        }
        if (data.fwmark() != null) {
            e.s32(IFLA_GRE_FWMARK, data.fwmark());
        }
        if (data.erspanIndex() != null) {
            e.s32(IFLA_GRE_ERSPAN_INDEX, data.erspanIndex());
        }
        if (data.erspanVersion() != null) {
            e.u8(IFLA_GRE_ERSPAN_VER, data.erspanVersion());
        }
        if (data.erspanDirection() != null) {
            e.u8(IFLA_GRE_ERSPAN_DIR, data.erspanDirection());
        }
        if (data.erspanHardwareId() != null) {
            e.u16(IFLA_GRE_ERSPAN_HWID, data.erspanHardwareId());
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_GRE_LINK", "IFLA_GRE_IFLAGS", "IFLA_GRE_OFLAGS",
            "IFLA_GRE_IKEY", "IFLA_GRE_OKEY", "IFLA_GRE_LOCAL", "IFLA_GRE_REMOTE", "IFLA_GRE_TTL", "IFLA_GRE_TOS",
            "IFLA_GRE_PMTUDISC", "IFLA_GRE_ENCAP_LIMIT", "IFLA_GRE_FLOWINFO", "IFLA_GRE_FLAGS", "IFLA_GRE_ENCAP_TYPE",
            "IFLA_GRE_ENCAP_FLAGS", "IFLA_GRE_ENCAP_SPORT", "IFLA_GRE_ENCAP_DPORT", "IFLA_GRE_COLLECT_METADATA",
            "IFLA_GRE_IGNORE_DF", "IFLA_GRE_FWMARK", "IFLA_GRE_ERSPAN_INDEX", "IFLA_GRE_ERSPAN_VER",
            "IFLA_GRE_ERSPAN_DIR", "IFLA_GRE_ERSPAN_HWID"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }
}
