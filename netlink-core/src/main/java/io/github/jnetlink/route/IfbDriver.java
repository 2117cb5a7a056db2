package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;

/** The {@code ifb} driver: {@link IfbData}. */
final class IfbDriver implements LinkDriver {

    @Override
    public String kind() {
        return "ifb";
    }

    @Override
    public IfbData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "ifb", "attribute decoder");
        IfbData.Builder b = IfbData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                b.addUnknown(RoutePayload.raw(d));
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("ifb", "IFLA_INFO_DATA", type, null, e);
        }
        return b.build();
    }

    @Override
    public void encode(LinkInfoData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "ifb", "attribute encoder");
        IfbData data = DriverAttributes.cast(value, IfbData.class, "ifb");
        RoutePayload.writeAll(e, data.unknown());
    }
}
