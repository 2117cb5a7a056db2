package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.List;

/**
 * Driver data kept as the kernel sent it: {@code IFLA_INFO_DATA} or {@code IFLA_INFO_SLAVE_DATA} of a kind no
 * {@link LinkDriver} is registered for. In a request the attributes are written into the nest as they are.
 *
 * @param kind       the kind, {@code IFLA_INFO_KIND} or {@code IFLA_INFO_SLAVE_KIND}; null when the kernel sent
 *                   data without naming the kind
 * @param attributes the nest's attributes, as sent; never null
 */
public record RawLinkData(String kind, List<Attribute> attributes) implements LinkInfoData, LinkSlaveData {

    /** @throws NetlinkException if {@code kind} contains NUL or {@code attributes} holds null */
    public RawLinkData {
        if (kind != null && kind.indexOf('\0') >= 0) {
            throw new NetlinkArgumentException("raw link data: kind must not contain NUL");
        }
        attributes = RoutePayload.copy(attributes, "raw link data attributes");
    }
}
