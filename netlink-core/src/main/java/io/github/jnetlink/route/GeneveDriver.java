package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import java.nio.ByteOrder;

/** The {@code geneve} driver: {@link GeneveData}. */
final class GeneveDriver implements LinkDriver {

    @Override
    public String kind() {
        return "geneve";
    }

    static final int IFLA_GENEVE_ID = 1;
    static final int IFLA_GENEVE_REMOTE = 2;
    static final int IFLA_GENEVE_TTL = 3;
    static final int IFLA_GENEVE_TOS = 4;
    static final int IFLA_GENEVE_PORT = 5;
    static final int IFLA_GENEVE_COLLECT_METADATA = 6;
    static final int IFLA_GENEVE_REMOTE6 = 7;
    static final int IFLA_GENEVE_UDP_CSUM = 8;
    static final int IFLA_GENEVE_UDP_ZERO_CSUM6_TX = 9;
    static final int IFLA_GENEVE_UDP_ZERO_CSUM6_RX = 10;
    static final int IFLA_GENEVE_LABEL = 11;
    static final int IFLA_GENEVE_TTL_INHERIT = 12;
    static final int IFLA_GENEVE_DF = 13;
    static final int IFLA_GENEVE_INNER_PROTO_INHERIT = 14;

    @Override
    public GeneveData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "geneve", "attribute decoder");
        GeneveData.Builder b = GeneveData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_GENEVE_ID -> b.id(d.u32());
                    case IFLA_GENEVE_REMOTE -> b.remote(DriverAttributes.address(d, 4));
                    case IFLA_GENEVE_TTL -> b.ttl(d.u8());
                    case IFLA_GENEVE_TOS -> b.tos(d.u8());
                    case IFLA_GENEVE_PORT -> b.port(d.u16(ByteOrder.BIG_ENDIAN));
                    case IFLA_GENEVE_COLLECT_METADATA -> b.collectMetadata(d.flag());
                    case IFLA_GENEVE_REMOTE6 -> b.remote6(DriverAttributes.address(d, 16));
                    case IFLA_GENEVE_UDP_CSUM -> b.udpChecksum(d.u8() != 0);
                    case IFLA_GENEVE_UDP_ZERO_CSUM6_TX -> b.udpZeroChecksum6Tx(d.u8() != 0);
                    case IFLA_GENEVE_UDP_ZERO_CSUM6_RX -> b.udpZeroChecksum6Rx(d.u8() != 0);
                    case IFLA_GENEVE_LABEL -> b.label(d.u32(ByteOrder.BIG_ENDIAN));
                    case IFLA_GENEVE_TTL_INHERIT -> b.ttlInherit(d.u8() != 0);
                    case IFLA_GENEVE_DF -> b.df(d.u8());
                    case IFLA_GENEVE_INNER_PROTO_INHERIT -> b.innerProtoInherit(d.flag());
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("geneve", "IFLA_INFO_DATA", type, name(type), e);
        }
        return b.build();
    }

    @Override
    public void encode(LinkInfoData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "geneve", "attribute encoder");
        GeneveData data = DriverAttributes.cast(value, GeneveData.class, "geneve");
        if (data.id() != null) {
            e.s32(IFLA_GENEVE_ID, data.id());
        }
        if (data.remote() != null) {
            e.bytes(IFLA_GENEVE_REMOTE, data.remote().getAddress());
        }
        if (data.ttl() != null) {
            e.u8(IFLA_GENEVE_TTL, data.ttl());
        }
        if (data.tos() != null) {
            e.u8(IFLA_GENEVE_TOS, data.tos());
        }
        if (data.port() != null) {
            e.u16(IFLA_GENEVE_PORT, data.port(), ByteOrder.BIG_ENDIAN);
        }
        if (data.collectMetadata()) {
            e.flag(IFLA_GENEVE_COLLECT_METADATA);
        }
        if (data.remote6() != null) {
            e.bytes(IFLA_GENEVE_REMOTE6, data.remote6().getAddress());
        }
        if (data.udpChecksum() != null) {
            e.u8(IFLA_GENEVE_UDP_CSUM, data.udpChecksum() ? 1 : 0);
        }
        if (data.udpZeroChecksum6Tx() != null) {
            e.u8(IFLA_GENEVE_UDP_ZERO_CSUM6_TX, data.udpZeroChecksum6Tx() ? 1 : 0);
        }
        if (data.udpZeroChecksum6Rx() != null) {
            e.u8(IFLA_GENEVE_UDP_ZERO_CSUM6_RX, data.udpZeroChecksum6Rx() ? 1 : 0);
        }
        if (data.label() != null) {
            e.u32(IFLA_GENEVE_LABEL, Integer.toUnsignedLong(data.label()), ByteOrder.BIG_ENDIAN);
        }
        if (data.ttlInherit() != null) {
            e.u8(IFLA_GENEVE_TTL_INHERIT, data.ttlInherit() ? 1 : 0);
        }
        if (data.df() != null) {
            e.u8(IFLA_GENEVE_DF, data.df());
        }
        if (data.innerProtoInherit()) {
            e.flag(IFLA_GENEVE_INNER_PROTO_INHERIT);
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_GENEVE_ID", "IFLA_GENEVE_REMOTE", "IFLA_GENEVE_TTL",
            "IFLA_GENEVE_TOS", "IFLA_GENEVE_PORT", "IFLA_GENEVE_COLLECT_METADATA", "IFLA_GENEVE_REMOTE6",
            "IFLA_GENEVE_UDP_CSUM", "IFLA_GENEVE_UDP_ZERO_CSUM6_TX", "IFLA_GENEVE_UDP_ZERO_CSUM6_RX",
            "IFLA_GENEVE_LABEL", "IFLA_GENEVE_TTL_INHERIT", "IFLA_GENEVE_DF", "IFLA_GENEVE_INNER_PROTO_INHERIT"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }
}
