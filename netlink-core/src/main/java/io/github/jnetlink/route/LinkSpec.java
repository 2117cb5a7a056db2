package io.github.jnetlink.route;

import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;

/**
 * What {@link RouteClient#addLink(LinkSpec)} asks the kernel to create, as {@code ip link add} does: an
 * {@code RTM_NEWLINK} request with the name, the kind and its settings in {@code IFLA_LINKINFO}, and optional
 * link attributes.
 *
 * <pre>{@code
 * rt.addLink(LinkSpec.of("br0", BridgeData.builder().stpState(1).forwardDelay(400).build()));
 * rt.addLink(LinkSpec.builder("va", VethData.peer("vb")).mtu(9000).up(true).build());
 * rt.addLink(LinkSpec.builder("mv0", MacvlanData.builder("macvlan").mode(MacvlanData.MODE_BRIDGE).build())
 *         .link(rt.link("va").index()).build());
 * }</pre>
 *
 * @param name          {@code IFLA_IFNAME}: the new link's name, 1 to 15 bytes
 * @param data          the kind and its settings, written into {@code IFLA_LINKINFO} by the kind's
 *                      {@link LinkDriver} (see {@link LinkInfo#of(LinkInfoData)})
 * @param mtu           {@code IFLA_MTU}, in bytes; null for the driver's default
 * @param address       {@code IFLA_ADDRESS}, the hardware address; null for a random one
 * @param link          {@code IFLA_LINK}: the lower device's index, for the kinds stacked on one (macvlan, vlan,
 *                      ipvlan); null for none
 * @param master        {@code IFLA_MASTER}: the index of a bridge, bond or VRF to enslave the link to; null for none
 * @param txQueueLength {@code IFLA_TXQLEN}, in packets; null for the driver's default
 * @param netnsFd       {@code IFLA_NET_NS_FD}: an open file descriptor of the network namespace to create the link
 *                      in (such as one of {@code /run/netns/NAME}); null for the connection's namespace
 * @param up            whether to create the link up ({@code IFF_UP} in {@code ifi_flags} and {@code ifi_change})
 */
public record LinkSpec(String name, LinkInfoData data, Integer mtu, MacAddress address, Integer link, Integer master,
        Integer txQueueLength, Integer netnsFd, boolean up) {

    private static final int IFLA_NET_NS_FD = 28;

    /** @throws NetlinkException if the name or data is missing or invalid, or a number is negative */
    public LinkSpec {
        DriverAttributes.interfaceName("link name", name);
        if (data == null) {
            throw new NetlinkArgumentException("link '" + name + "': kind data must not be null");
        }
        if (data.kind() == null || data.kind().isEmpty()) {
            throw new NetlinkArgumentException("link '" + name + "': " + data.getClass().getSimpleName()
                    + " names no kind");
        }
        nonNegative(name, "mtu", mtu);
        positive(name, "link (lower device index)", link);
        positive(name, "master index", master);
        nonNegative(name, "txqueuelen", txQueueLength);
        nonNegative(name, "netns file descriptor", netnsFd);
    }

    /**
     * @param name the new link's name
     * @param data the kind and its settings
     * @return a spec with nothing else set
     * @throws NetlinkException as the constructor does
     */
    public static LinkSpec of(String name, LinkInfoData data) {
        return new LinkSpec(name, data, null, null, null, null, null, null, false);
    }

    /**
     * @param name the new link's name
     * @param data the kind and its settings
     * @return a builder with nothing else set
     */
    public static Builder builder(String name, LinkInfoData data) {
        return new Builder(name, data);
    }

    /** The {@code RTM_NEWLINK} payload: {@code struct ifinfomsg} then the attributes. */
    byte[] encode() {
        byte[] header = new byte[LinkMessage.HEADER_SIZE];
        if (up) {
            RoutePayload.INT.set(header, 8, LinkMessage.IFF_UP);
            RoutePayload.INT.set(header, 12, LinkMessage.IFF_UP);
        }
        AttributeEncoder e = new AttributeEncoder(256).header(header).string(LinkMessage.IFLA_IFNAME, name);
        RoutePayload.u32(e, LinkMessage.IFLA_MTU, mtu);
        if (address != null) {
            e.bytes(LinkMessage.IFLA_ADDRESS, address.bytes());
        }
        RoutePayload.u32(e, LinkMessage.IFLA_LINK, link);
        RoutePayload.u32(e, LinkMessage.IFLA_MASTER, master);
        RoutePayload.u32(e, LinkMessage.IFLA_TXQLEN, txQueueLength);
        RoutePayload.u32(e, IFLA_NET_NS_FD, netnsFd);
        LinkInfo info = LinkInfo.of(data);
        e.nested(LinkMessage.IFLA_LINKINFO, n -> info.encode(n));
        return e.encode();
    }

    private static void nonNegative(String name, String what, Integer value) {
        if (value != null && value < 0) {
            throw new NetlinkArgumentException("link '" + name + "': " + what + " must not be negative, got " + value);
        }
    }

    private static void positive(String name, String what, Integer value) {
        if (value != null && value <= 0) {
            throw new NetlinkArgumentException("link '" + name + "': " + what + " must be positive, got " + value);
        }
    }

    /** Builds a {@link LinkSpec}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private final String name;
        private final LinkInfoData data;
        private Integer mtu;
        private MacAddress address;
        private Integer link;
        private Integer master;
        private Integer txQueueLength;
        private Integer netnsFd;
        private boolean up;

        private Builder(String name, LinkInfoData data) {
            this.name = name;
            this.data = data;
        }

        /** Sets {@link LinkSpec#mtu()}. */
        public Builder mtu(Integer mtu) {
            this.mtu = mtu;
            return this;
        }

        /** Sets {@link LinkSpec#address()}. */
        public Builder address(MacAddress address) {
            this.address = address;
            return this;
        }

        /** Sets {@link LinkSpec#link()}. */
        public Builder link(Integer link) {
            this.link = link;
            return this;
        }

        /** Sets {@link LinkSpec#master()}. */
        public Builder master(Integer master) {
            this.master = master;
            return this;
        }

        /** Sets {@link LinkSpec#txQueueLength()}. */
        public Builder txQueueLength(Integer txQueueLength) {
            this.txQueueLength = txQueueLength;
            return this;
        }

        /** Sets {@link LinkSpec#netnsFd()}. */
        public Builder netnsFd(Integer netnsFd) {
            this.netnsFd = netnsFd;
            return this;
        }

        /** Sets {@link LinkSpec#up()}. */
        public Builder up(boolean up) {
            this.up = up;
            return this;
        }

        /** Builds the spec; throws {@link NetlinkException} if a value is invalid. */
        public LinkSpec build() {
            return new LinkSpec(name, data, mtu, address, link, master, txQueueLength, netnsFd, up);
        }
    }
}
