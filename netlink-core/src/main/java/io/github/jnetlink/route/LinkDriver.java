package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;

/**
 * Decodes and encodes the settings of one link kind: the attributes inside {@code IFLA_INFO_DATA} of a link
 * whose {@code IFLA_INFO_KIND} is {@link #kind()}, and optionally those inside {@code IFLA_INFO_SLAVE_DATA} of
 * the links enslaved to such a link ({@code IFLA_INFO_SLAVE_KIND}, the master's kind). The library registers one
 * for each kind it knows in {@link LinkDrivers}; a user adds one for another kind with
 * {@link LinkDrivers#register(LinkDriver)}, returning records that implement {@link LinkInfoData.Custom} and
 * {@link LinkSlaveData.Custom}.
 *
 * <p>A decoder must keep every attribute it does not know (as {@link io.github.jnetlink.Attribute}s) rather than
 * fail, so that a newer kernel's additions stay available, and throw only {@link MalformedMessageException} for
 * one it knows that has the wrong size. Implementations must be stateless and thread-safe: one instance serves
 * every connection.
 */
public interface LinkDriver {

    /** @return the kind, {@code IFLA_INFO_KIND}, such as {@code "bridge"}; never null */
    String kind();

    /**
     * @param data a decoder over the attributes inside {@code IFLA_INFO_DATA}, before the first
     * @return the settings
     * @throws MalformedMessageException if an attribute the driver knows is malformed
     */
    LinkInfoData decode(AttributeDecoder data);

    /**
     * Writes the settings as the attributes inside {@code IFLA_INFO_DATA} (the caller writes the nest).
     *
     * @param data the settings, of the type {@link #decode} returns
     * @param e    the encoder positioned inside the nest
     * @throws NetlinkException if {@code data} is of another driver
     */
    void encode(LinkInfoData data, AttributeEncoder e);

    /**
     * @param data a decoder over the attributes inside {@code IFLA_INFO_SLAVE_DATA} of a link enslaved to a
     *             link of this kind
     * @return the port settings, or null when the driver has no port data (the caller then keeps it raw)
     * @throws MalformedMessageException if an attribute the driver knows is malformed
     */
    default LinkSlaveData decodeSlave(AttributeDecoder data) {
        return null;
    }

    /**
     * Writes port settings as the attributes inside {@code IFLA_INFO_SLAVE_DATA}.
     *
     * @param data the port settings, of the type {@link #decodeSlave} returns
     * @param e    the encoder positioned inside the nest
     * @throws NetlinkException if this driver has no port data or {@code data} is of another driver
     */
    default void encodeSlave(LinkSlaveData data, AttributeEncoder e) {
        throw new NetlinkArgumentException("the " + kind() + " driver has no port (slave) data to encode");
    }
}
