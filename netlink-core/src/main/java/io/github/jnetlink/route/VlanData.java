package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of an 802.1Q/802.1ad VLAN device ({@code IFLA_INFO_DATA} of kind {@code vlan}, the kernel's {@code
 * vlan_fill_info}); the lower device is the link's {@code IFLA_LINK}.
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param id {@code IFLA_VLAN_ID} ({@code id}): the VLAN id, 0 to 4095
 * @param flags {@code IFLA_VLAN_FLAGS} ({@code flags}): the VLAN_FLAG_* flags and the mask of those set
 * @param egressQos {@code IFLA_VLAN_EGRESS_QOS} ({@code egress_qos}): the skb priority to VLAN PCP mapping on
 *                  transmit
 * @param ingressQos {@code IFLA_VLAN_INGRESS_QOS} ({@code ingress_qos}): the VLAN PCP to skb priority mapping on
 *                   receive
 * @param protocol {@code IFLA_VLAN_PROTOCOL} ({@code protocol}): the EtherType, 0x8100 (802.1Q) or 0x88a8 (802.1ad)
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record VlanData(Integer id, VlanData.Flags flags, List<VlanData.QosMapping> egressQos,
        List<VlanData.QosMapping> ingressQos, Integer protocol, List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute, or a list holds null
     */
    public VlanData {
        DriverAttributes.u16("vlan id", id);
        egressQos = DriverAttributes.copy("vlan egressQos", egressQos);
        ingressQos = DriverAttributes.copy("vlan ingressQos", ingressQos);
        DriverAttributes.u16("vlan protocol", protocol);
        unknown = RoutePayload.copy(unknown, "vlan unknown attributes");
    }

    /** @return {@code "vlan"} */
    @Override
    public String kind() {
        return "vlan";
    }

    /**
     * @return a builder with every field absent
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link VlanData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private Integer id;
        private VlanData.Flags flags;
        private List<VlanData.QosMapping> egressQos;
        private List<VlanData.QosMapping> ingressQos;
        private Integer protocol;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@link VlanData#id()}. */
        public Builder id(Integer id) {
            this.id = id;
            return this;
        }

        /** Sets {@link VlanData#flags()}. */
        public Builder flags(VlanData.Flags flags) {
            this.flags = flags;
            return this;
        }

        /** Sets {@link VlanData#egressQos()}. */
        public Builder egressQos(List<VlanData.QosMapping> egressQos) {
            this.egressQos = egressQos;
            return this;
        }

        /** Sets {@link VlanData#ingressQos()}. */
        public Builder ingressQos(List<VlanData.QosMapping> ingressQos) {
            this.ingressQos = ingressQos;
            return this;
        }

        /** Sets {@link VlanData#protocol()}. */
        public Builder protocol(Integer protocol) {
            this.protocol = protocol;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public VlanData build() {
            return new VlanData(id, flags, egressQos, ingressQos, protocol, unknown);
        }
    }

    /** {@code VLAN_FLAG_REORDER_HDR}: the VLAN header is removed on receive. */
    public static final int VLAN_FLAG_REORDER_HDR = 0x1;
    /** {@code VLAN_FLAG_GVRP}: GVRP registration. */
    public static final int VLAN_FLAG_GVRP = 0x2;
    /** {@code VLAN_FLAG_LOOSE_BINDING}: the state does not follow the lower device's. */
    public static final int VLAN_FLAG_LOOSE_BINDING = 0x4;
    /** {@code VLAN_FLAG_MVRP}: MVRP registration. */
    public static final int VLAN_FLAG_MVRP = 0x8;
    /** {@code VLAN_FLAG_BRIDGE_BINDING}: the state follows the bridge VLAN's. */
    public static final int VLAN_FLAG_BRIDGE_BINDING = 0x10;

    /**
     * {@code struct ifla_vlan_flags}.
     *
     * @param flags the {@code VLAN_FLAG_*} values
     * @param mask  which flags {@code flags} sets; the kernel reports all ({@code 0xffffffff})
     */
    public record Flags(int flags, int mask) {

        static Flags decode(io.github.jnetlink.AttributeDecoder d) {
            byte[] b = DriverAttributes.fixed(d, 8, "struct ifla_vlan_flags");
            return new Flags((int) RoutePayload.INT.get(b, 0), (int) RoutePayload.INT.get(b, 4));
        }

        byte[] bytes() {
            byte[] b = new byte[8];
            RoutePayload.INT.set(b, 0, flags);
            RoutePayload.INT.set(b, 4, mask);
            return b;
        }
    }

    /**
     * {@code struct ifla_vlan_qos_mapping}, one {@code IFLA_VLAN_QOS_MAPPING} of a QoS nest.
     *
     * @param from the skb priority (egress) or VLAN PCP (ingress)
     * @param to   the VLAN PCP (egress) or skb priority (ingress)
     */
    public record QosMapping(int from, int to) {

        static final int IFLA_VLAN_QOS_MAPPING = 1;

        static List<QosMapping> decodeAll(io.github.jnetlink.AttributeDecoder nest) {
            io.github.jnetlink.AttributeDecoder d = nest.nestedDecoder();
            List<QosMapping> out = new ArrayList<>();
            while (d.next()) {
                if (d.type() != IFLA_VLAN_QOS_MAPPING) {
                    throw new io.github.jnetlink.MalformedMessageException("VLAN QoS nest holds attribute type "
                            + d.type() + "; only IFLA_VLAN_QOS_MAPPING (1) is defined");
                }
                byte[] b = DriverAttributes.fixed(d, 8, "struct ifla_vlan_qos_mapping");
                out.add(new QosMapping((int) RoutePayload.INT.get(b, 0), (int) RoutePayload.INT.get(b, 4)));
            }
            return List.copyOf(out);
        }

        static void encodeAll(io.github.jnetlink.AttributeEncoder e, List<QosMapping> mappings) {
            for (QosMapping m : mappings) {
                byte[] b = new byte[8];
                RoutePayload.INT.set(b, 0, m.from);
                RoutePayload.INT.set(b, 4, m.to);
                e.bytes(IFLA_VLAN_QOS_MAPPING, b);
            }
        }
    }
}
