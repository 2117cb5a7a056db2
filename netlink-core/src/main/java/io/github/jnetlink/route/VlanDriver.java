package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import java.nio.ByteOrder;

/** The {@code vlan} driver: {@link VlanData}. */
final class VlanDriver implements LinkDriver {

    @Override
    public String kind() {
        return "vlan";
    }

    static final int IFLA_VLAN_ID = 1;
    static final int IFLA_VLAN_FLAGS = 2;
    static final int IFLA_VLAN_EGRESS_QOS = 3;
    static final int IFLA_VLAN_INGRESS_QOS = 4;
    static final int IFLA_VLAN_PROTOCOL = 5;

    @Override
    public VlanData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "vlan", "attribute decoder");
        VlanData.Builder b = VlanData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_VLAN_ID -> b.id(d.u16());
                    case IFLA_VLAN_FLAGS -> b.flags(VlanData.Flags.decode(d));
                    case IFLA_VLAN_EGRESS_QOS -> b.egressQos(VlanData.QosMapping.decodeAll(d));
                    case IFLA_VLAN_INGRESS_QOS -> b.ingressQos(VlanData.QosMapping.decodeAll(d));
                    case IFLA_VLAN_PROTOCOL -> b.protocol(d.u16(ByteOrder.BIG_ENDIAN));
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("vlan", "IFLA_INFO_DATA", type, name(type), e);
        }
        return b.build();
    }

    @Override
    public void encode(LinkInfoData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "vlan", "attribute encoder");
        VlanData data = DriverAttributes.cast(value, VlanData.class, "vlan");
        if (data.id() != null) {
            e.u16(IFLA_VLAN_ID, data.id());
        }
        if (data.flags() != null) {
            e.bytes(IFLA_VLAN_FLAGS, data.flags().bytes());
        }
        if (data.egressQos() != null) {
            e.nested(IFLA_VLAN_EGRESS_QOS, n -> VlanData.QosMapping.encodeAll(n, data.egressQos()));
        }
        if (data.ingressQos() != null) {
            e.nested(IFLA_VLAN_INGRESS_QOS, n -> VlanData.QosMapping.encodeAll(n, data.ingressQos()));
        }
        if (data.protocol() != null) {
            e.u16(IFLA_VLAN_PROTOCOL, data.protocol(), ByteOrder.BIG_ENDIAN);
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_VLAN_ID", "IFLA_VLAN_FLAGS", "IFLA_VLAN_EGRESS_QOS",
            "IFLA_VLAN_INGRESS_QOS", "IFLA_VLAN_PROTOCOL"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }
}
