package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;

/** The {@code wireguard} driver: {@link WireguardData}. */
final class WireguardDriver implements LinkDriver {

    @Override
    public String kind() {
        return "wireguard";
    }

    @Override
    public WireguardData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "wireguard", "attribute decoder");
        WireguardData.Builder b = WireguardData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                b.addUnknown(RoutePayload.raw(d));
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("wireguard", "IFLA_INFO_DATA", type, null, e);
        }
        return b.build();
    }

    @Override
    public void encode(LinkInfoData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "wireguard", "attribute encoder");
        WireguardData data = DriverAttributes.cast(value, WireguardData.class, "wireguard");
        RoutePayload.writeAll(e, data.unknown());
    }
}
