package io.github.jnetlink.route;

/**
 * The typed settings of a link's driver: {@code IFLA_INFO_DATA} of {@code IFLA_LINKINFO}, decoded by the
 * {@link LinkDriver} registered in {@link LinkDrivers} for the link's kind. A kind without a driver, or a
 * request that wants to send bytes as they are, uses {@link RawLinkData}; a user's own driver returns records
 * implementing {@link Custom}.
 *
 * <pre>{@code
 * switch (link.linkInfo().data()) {
 *     case BridgeData br -> System.out.println("STP " + br.stpState());
 *     case VxlanData vx -> System.out.println("VNI " + vx.id());
 *     case null, default -> { }
 * }
 * }</pre>
 */
public sealed interface LinkInfoData permits BridgeData, VxlanData, MacvlanData, TunData, VethData, VlanData,
        BondData, VrfData, GreData, IpTunnelData, GeneveData, IpvlanData, NetkitData, IfbData, WireguardData,
        RawLinkData, LinkInfoData.Custom {

    /**
     * @return the link kind the data belongs to, {@code IFLA_INFO_KIND}, such as {@code "bridge"}; the
     *         registry picks the driver that encodes the data by it
     */
    String kind();

    /** The data of a kind the library does not know, decoded by a driver the user registered. */
    non-sealed interface Custom extends LinkInfoData {
    }
}
