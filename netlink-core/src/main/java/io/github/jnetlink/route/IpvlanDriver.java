package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;

/** The {@code ipvlan}, {@code ipvtap} driver: {@link IpvlanData}. */
final class IpvlanDriver implements LinkDriver {

    private final String kind;

    IpvlanDriver(String kind) {
        this.kind = kind;
    }

    @Override
    public String kind() {
        return kind;
    }

    static final int IFLA_IPVLAN_MODE = 1;
    static final int IFLA_IPVLAN_FLAGS = 2;

    @Override
    public IpvlanData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, kind, "attribute decoder");
        IpvlanData.Builder b = IpvlanData.builder(kind);
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_IPVLAN_MODE -> b.mode(d.u16());
                    case IFLA_IPVLAN_FLAGS -> b.flags(d.u16());
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
        IpvlanData data = DriverAttributes.cast(value, IpvlanData.class, kind);
        if (data.mode() != null) {
            e.u16(IFLA_IPVLAN_MODE, data.mode());
        }
        if (data.flags() != null) {
            e.u16(IFLA_IPVLAN_FLAGS, data.flags());
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_IPVLAN_MODE", "IFLA_IPVLAN_FLAGS"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }
}
