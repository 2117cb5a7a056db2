package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import java.nio.ByteOrder;

/** The {@code vxlan} driver: {@link VxlanData}. */
final class VxlanDriver implements LinkDriver {

    @Override
    public String kind() {
        return "vxlan";
    }

    static final int IFLA_VXLAN_ID = 1;
    static final int IFLA_VXLAN_GROUP = 2;
    static final int IFLA_VXLAN_LINK = 3;
    static final int IFLA_VXLAN_LOCAL = 4;
    static final int IFLA_VXLAN_TTL = 5;
    static final int IFLA_VXLAN_TOS = 6;
    static final int IFLA_VXLAN_LEARNING = 7;
    static final int IFLA_VXLAN_AGEING = 8;
    static final int IFLA_VXLAN_LIMIT = 9;
    static final int IFLA_VXLAN_PORT_RANGE = 10;
    static final int IFLA_VXLAN_PROXY = 11;
    static final int IFLA_VXLAN_RSC = 12;
    static final int IFLA_VXLAN_L2MISS = 13;
    static final int IFLA_VXLAN_L3MISS = 14;
    static final int IFLA_VXLAN_PORT = 15;
    static final int IFLA_VXLAN_GROUP6 = 16;
    static final int IFLA_VXLAN_LOCAL6 = 17;
    static final int IFLA_VXLAN_UDP_CSUM = 18;
    static final int IFLA_VXLAN_UDP_ZERO_CSUM6_TX = 19;
    static final int IFLA_VXLAN_UDP_ZERO_CSUM6_RX = 20;
    static final int IFLA_VXLAN_REMCSUM_TX = 21;
    static final int IFLA_VXLAN_REMCSUM_RX = 22;
    static final int IFLA_VXLAN_GBP = 23;
    static final int IFLA_VXLAN_REMCSUM_NOPARTIAL = 24;
    static final int IFLA_VXLAN_COLLECT_METADATA = 25;
    static final int IFLA_VXLAN_LABEL = 26;
    static final int IFLA_VXLAN_GPE = 27;
    static final int IFLA_VXLAN_TTL_INHERIT = 28;
    static final int IFLA_VXLAN_DF = 29;
    static final int IFLA_VXLAN_VNIFILTER = 30;
    static final int IFLA_VXLAN_LOCALBYPASS = 31;
    static final int IFLA_VXLAN_LABEL_POLICY = 32;
    static final int IFLA_VXLAN_RESERVED_BITS = 33;
    static final int IFLA_VXLAN_MC_ROUTE = 34;

    @Override
    public VxlanData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "vxlan", "attribute decoder");
        VxlanData.Builder b = VxlanData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_VXLAN_ID -> b.id(d.u32());
                    case IFLA_VXLAN_GROUP -> b.group(DriverAttributes.address(d, 4));
                    case IFLA_VXLAN_LINK -> b.link(d.u32());
                    case IFLA_VXLAN_LOCAL -> b.local(DriverAttributes.address(d, 4));
                    case IFLA_VXLAN_TTL -> b.ttl(d.u8());
                    case IFLA_VXLAN_TOS -> b.tos(d.u8());
                    case IFLA_VXLAN_LEARNING -> b.learning(d.u8() != 0);
                    case IFLA_VXLAN_AGEING -> b.ageing(d.u32());
                    case IFLA_VXLAN_LIMIT -> b.limit(d.u32());
                    case IFLA_VXLAN_PORT_RANGE -> b.portRange(VxlanData.PortRange.decode(d));
                    case IFLA_VXLAN_PROXY -> b.proxy(d.u8() != 0);
                    case IFLA_VXLAN_RSC -> b.rsc(d.u8() != 0);
                    case IFLA_VXLAN_L2MISS -> b.l2miss(d.u8() != 0);
                    case IFLA_VXLAN_L3MISS -> b.l3miss(d.u8() != 0);
                    case IFLA_VXLAN_PORT -> b.port(d.u16(ByteOrder.BIG_ENDIAN));
                    case IFLA_VXLAN_GROUP6 -> b.group6(DriverAttributes.address(d, 16));
                    case IFLA_VXLAN_LOCAL6 -> b.local6(DriverAttributes.address(d, 16));
                    case IFLA_VXLAN_UDP_CSUM -> b.udpChecksum(d.u8() != 0);
                    case IFLA_VXLAN_UDP_ZERO_CSUM6_TX -> b.udpZeroChecksum6Tx(d.u8() != 0);
                    case IFLA_VXLAN_UDP_ZERO_CSUM6_RX -> b.udpZeroChecksum6Rx(d.u8() != 0);
                    case IFLA_VXLAN_REMCSUM_TX -> b.remoteChecksumTx(d.u8() != 0);
                    case IFLA_VXLAN_REMCSUM_RX -> b.remoteChecksumRx(d.u8() != 0);
                    case IFLA_VXLAN_GBP -> b.gbp(d.flag());
                    case IFLA_VXLAN_REMCSUM_NOPARTIAL -> b.remoteChecksumNoPartial(d.flag());
                    case IFLA_VXLAN_COLLECT_METADATA -> b.collectMetadata(d.u8() != 0);
                    case IFLA_VXLAN_LABEL -> b.label(d.u32(ByteOrder.BIG_ENDIAN));
                    case IFLA_VXLAN_GPE -> b.gpe(d.flag());
                    case IFLA_VXLAN_TTL_INHERIT -> b.ttlInherit(d.length() == 0 || d.u8() != 0);
                    case IFLA_VXLAN_DF -> b.df(d.u8());
                    case IFLA_VXLAN_VNIFILTER -> b.vniFilter(d.u8() != 0);
                    case IFLA_VXLAN_LOCALBYPASS -> b.localBypass(d.u8() != 0);
                    case IFLA_VXLAN_LABEL_POLICY -> b.labelPolicy(d.u32());
                    case IFLA_VXLAN_RESERVED_BITS -> b.reservedBits(d.u64(ByteOrder.BIG_ENDIAN));
                    case IFLA_VXLAN_MC_ROUTE -> b.multicastRoute(d.u8() != 0);
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("vxlan", "IFLA_INFO_DATA", type, name(type), e);
        }
        return b.build();
    }

    @Override
    public void encode(LinkInfoData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "vxlan", "attribute encoder");
        VxlanData data = DriverAttributes.cast(value, VxlanData.class, "vxlan");
        if (data.id() != null) {
            e.s32(IFLA_VXLAN_ID, data.id());
        }
        if (data.group() != null) {
            e.bytes(IFLA_VXLAN_GROUP, data.group().getAddress());
        }
        if (data.link() != null) {
            e.s32(IFLA_VXLAN_LINK, data.link());
        }
        if (data.local() != null) {
            e.bytes(IFLA_VXLAN_LOCAL, data.local().getAddress());
        }
        if (data.ttl() != null) {
            e.u8(IFLA_VXLAN_TTL, data.ttl());
        }
        if (data.tos() != null) {
            e.u8(IFLA_VXLAN_TOS, data.tos());
        }
        if (data.learning() != null) {
            e.u8(IFLA_VXLAN_LEARNING, data.learning() ? 1 : 0);
        }
        if (data.ageing() != null) {
            e.s32(IFLA_VXLAN_AGEING, data.ageing());
        }
        if (data.limit() != null) {
            e.s32(IFLA_VXLAN_LIMIT, data.limit());
        }
        if (data.portRange() != null) {
            e.bytes(IFLA_VXLAN_PORT_RANGE, data.portRange().bytes());
        }
        if (data.proxy() != null) {
            e.u8(IFLA_VXLAN_PROXY, data.proxy() ? 1 : 0);
        }
        if (data.rsc() != null) {
            e.u8(IFLA_VXLAN_RSC, data.rsc() ? 1 : 0);
        }
        if (data.l2miss() != null) {
            e.u8(IFLA_VXLAN_L2MISS, data.l2miss() ? 1 : 0);
        }
        if (data.l3miss() != null) {
            e.u8(IFLA_VXLAN_L3MISS, data.l3miss() ? 1 : 0);
        }
        if (data.port() != null) {
            e.u16(IFLA_VXLAN_PORT, data.port(), ByteOrder.BIG_ENDIAN);
        }
        if (data.group6() != null) {
            e.bytes(IFLA_VXLAN_GROUP6, data.group6().getAddress());
        }
        if (data.local6() != null) {
            e.bytes(IFLA_VXLAN_LOCAL6, data.local6().getAddress());
        }
        if (data.udpChecksum() != null) {
            e.u8(IFLA_VXLAN_UDP_CSUM, data.udpChecksum() ? 1 : 0);
        }
        if (data.udpZeroChecksum6Tx() != null) {
            e.u8(IFLA_VXLAN_UDP_ZERO_CSUM6_TX, data.udpZeroChecksum6Tx() ? 1 : 0);
        }
        if (data.udpZeroChecksum6Rx() != null) {
            e.u8(IFLA_VXLAN_UDP_ZERO_CSUM6_RX, data.udpZeroChecksum6Rx() ? 1 : 0);
        }
        if (data.remoteChecksumTx() != null) {
            e.u8(IFLA_VXLAN_REMCSUM_TX, data.remoteChecksumTx() ? 1 : 0);
        }
        if (data.remoteChecksumRx() != null) {
            e.u8(IFLA_VXLAN_REMCSUM_RX, data.remoteChecksumRx() ? 1 : 0);
        }
        if (data.gbp()) {
            e.flag(IFLA_VXLAN_GBP);
        }
        if (data.remoteChecksumNoPartial()) {
            e.flag(IFLA_VXLAN_REMCSUM_NOPARTIAL);
        }
        if (data.collectMetadata() != null) {
            e.u8(IFLA_VXLAN_COLLECT_METADATA, data.collectMetadata() ? 1 : 0);
        }
        if (data.label() != null) {
            e.u32(IFLA_VXLAN_LABEL, Integer.toUnsignedLong(data.label()), ByteOrder.BIG_ENDIAN);
        }
        if (data.gpe()) {
            e.flag(IFLA_VXLAN_GPE);
        }
        if (data.ttlInherit()) {
            e.flag(IFLA_VXLAN_TTL_INHERIT);
        }
        if (data.df() != null) {
            e.u8(IFLA_VXLAN_DF, data.df());
        }
        if (data.vniFilter() != null) {
            e.u8(IFLA_VXLAN_VNIFILTER, data.vniFilter() ? 1 : 0);
        }
        if (data.localBypass() != null) {
            e.u8(IFLA_VXLAN_LOCALBYPASS, data.localBypass() ? 1 : 0);
        }
        if (data.labelPolicy() != null) {
            e.s32(IFLA_VXLAN_LABEL_POLICY, data.labelPolicy());
        }
        if (data.reservedBits() != null) {
            e.u64(IFLA_VXLAN_RESERVED_BITS, data.reservedBits(), ByteOrder.BIG_ENDIAN);
        }
        if (data.multicastRoute() != null) {
            e.u8(IFLA_VXLAN_MC_ROUTE, data.multicastRoute() ? 1 : 0);
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_VXLAN_ID", "IFLA_VXLAN_GROUP", "IFLA_VXLAN_LINK",
            "IFLA_VXLAN_LOCAL", "IFLA_VXLAN_TTL", "IFLA_VXLAN_TOS", "IFLA_VXLAN_LEARNING", "IFLA_VXLAN_AGEING",
            "IFLA_VXLAN_LIMIT", "IFLA_VXLAN_PORT_RANGE", "IFLA_VXLAN_PROXY", "IFLA_VXLAN_RSC", "IFLA_VXLAN_L2MISS",
            "IFLA_VXLAN_L3MISS", "IFLA_VXLAN_PORT", "IFLA_VXLAN_GROUP6", "IFLA_VXLAN_LOCAL6", "IFLA_VXLAN_UDP_CSUM",
            "IFLA_VXLAN_UDP_ZERO_CSUM6_TX", "IFLA_VXLAN_UDP_ZERO_CSUM6_RX", "IFLA_VXLAN_REMCSUM_TX",
            "IFLA_VXLAN_REMCSUM_RX", "IFLA_VXLAN_GBP", "IFLA_VXLAN_REMCSUM_NOPARTIAL", "IFLA_VXLAN_COLLECT_METADATA",
            "IFLA_VXLAN_LABEL", "IFLA_VXLAN_GPE", "IFLA_VXLAN_TTL_INHERIT", "IFLA_VXLAN_DF", "IFLA_VXLAN_VNIFILTER",
            "IFLA_VXLAN_LOCALBYPASS", "IFLA_VXLAN_LABEL_POLICY", "IFLA_VXLAN_RESERVED_BITS", "IFLA_VXLAN_MC_ROUTE"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }
}
