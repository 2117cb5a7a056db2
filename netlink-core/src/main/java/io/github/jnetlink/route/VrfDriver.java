package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;

/** The {@code vrf} driver: {@link VrfData} and {@link VrfSlaveData}. */
final class VrfDriver implements LinkDriver {

    @Override
    public String kind() {
        return "vrf";
    }

    static final int IFLA_VRF_TABLE = 1;

    @Override
    public VrfData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "vrf", "attribute decoder");
        VrfData.Builder b = VrfData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_VRF_TABLE -> b.table(d.u32());
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("vrf", "IFLA_INFO_DATA", type, name(type), e);
        }
        return b.build();
    }

    @Override
    public void encode(LinkInfoData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "vrf", "attribute encoder");
        VrfData data = DriverAttributes.cast(value, VrfData.class, "vrf");
        if (data.table() != null) {
            e.s32(IFLA_VRF_TABLE, data.table());
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_VRF_TABLE"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }

    @Override
    public VrfSlaveData decodeSlave(AttributeDecoder d) {
        return VrfSlaveAttributes.decode(d);
    }

    @Override
    public void encodeSlave(LinkSlaveData value, AttributeEncoder e) {
        VrfSlaveAttributes.encode(value, e);
    }
}
