package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;

/**
 * The attributes of {@link VrfSlaveData}, inside {@code IFLA_INFO_SLAVE_DATA}: decoded and encoded for {@link
 * VrfDriver}.
 */
final class VrfSlaveAttributes {

    static final int IFLA_VRF_PORT_TABLE = 1;

    private VrfSlaveAttributes() {
    }

    static VrfSlaveData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "vrf", "attribute decoder");
        VrfSlaveData.Builder b = VrfSlaveData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_VRF_PORT_TABLE -> b.table(d.u32());
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("vrf", "IFLA_INFO_SLAVE_DATA", type, name(type), e);
        }
        return b.build();
    }

    static void encode(LinkSlaveData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "vrf", "attribute encoder");
        VrfSlaveData data = DriverAttributes.cast(value, VrfSlaveData.class, "vrf");
        if (data.table() != null) {
            e.s32(IFLA_VRF_PORT_TABLE, data.table());
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_VRF_PORT_TABLE"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }
}
