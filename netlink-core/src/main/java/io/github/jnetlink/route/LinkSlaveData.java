package io.github.jnetlink.route;

/**
 * The typed per-port settings a master keeps for an enslaved link: {@code IFLA_INFO_SLAVE_DATA} of
 * {@code IFLA_LINKINFO}, decoded by the {@link LinkDriver} of the master's kind ({@code IFLA_INFO_SLAVE_KIND}).
 * {@link RawLinkData} holds the data of a master kind without a driver; a user's own driver returns records
 * implementing {@link Custom}.
 */
public sealed interface LinkSlaveData permits BridgePortData, BondSlaveData, VrfSlaveData, RawLinkData,
        LinkSlaveData.Custom {

    /** @return the master's kind, {@code IFLA_INFO_SLAVE_KIND}, such as {@code "bridge"} */
    String kind();

    /** The port data of a master kind the library does not know, decoded by a driver the user registered. */
    non-sealed interface Custom extends LinkSlaveData {
    }
}
