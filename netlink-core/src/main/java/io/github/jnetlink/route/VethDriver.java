package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;

/** The {@code veth} driver: {@link VethData}. */
final class VethDriver implements LinkDriver {

    @Override
    public String kind() {
        return "veth";
    }

    static final int VETH_INFO_PEER = 1;

    @Override
    public VethData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "veth", "attribute decoder");
        VethData.Builder b = VethData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case VETH_INFO_PEER -> b.peer(DriverAttributes.peer(d));
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("veth", "IFLA_INFO_DATA", type, name(type), e);
        }
        return b.build();
    }

    @Override
    public void encode(LinkInfoData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "veth", "attribute encoder");
        VethData data = DriverAttributes.cast(value, VethData.class, "veth");
        if (data.peer() != null) {
            e.bytes(VETH_INFO_PEER, data.peer().encode());
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "VETH_INFO_PEER"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }
}
