package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.List;

/**
 * The {@code IFLA_LINKINFO} nest of a link: which driver ("kind") made it and that driver's settings. The
 * kernel sends it for links of a virtual driver (veth, bridge, vlan, ...), not for physical devices or
 * {@code lo}; a request that creates a link must send it to name the driver.
 *
 * @param kind       {@code IFLA_INFO_KIND}: the driver, such as {@code "veth"} or {@code "bridge"}, as
 *                   {@code ip -d link} prints it in {@code info_kind}; null when absent
 * @param attributes the nest's other attributes, kept as sent: {@code IFLA_INFO_DATA} (the driver's
 *                   settings), {@code IFLA_INFO_SLAVE_KIND} and {@code IFLA_INFO_SLAVE_DATA} (those of the
 *                   master the link is enslaved to), {@code IFLA_INFO_XSTATS}; never null
 */
public record LinkInfo(String kind, List<Attribute> attributes) {

    /** {@code IFLA_INFO_KIND}: the driver name, a string. */
    public static final int IFLA_INFO_KIND = 1;
    /** {@code IFLA_INFO_DATA}: the driver's settings, a nest of driver-specific attributes. */
    public static final int IFLA_INFO_DATA = 2;
    /** {@code IFLA_INFO_XSTATS}: driver-specific statistics. */
    public static final int IFLA_INFO_XSTATS = 3;
    /** {@code IFLA_INFO_SLAVE_KIND}: the master's driver name, for an enslaved link. */
    public static final int IFLA_INFO_SLAVE_KIND = 4;
    /** {@code IFLA_INFO_SLAVE_DATA}: the master's per-port settings, for an enslaved link. */
    public static final int IFLA_INFO_SLAVE_DATA = 5;

    /**
     * @throws NetlinkException if {@code kind} contains NUL or {@code attributes} contains null; a null list
     *         becomes empty
     */
    public LinkInfo {
        if (kind != null && kind.indexOf('\0') >= 0) {
            throw new NetlinkArgumentException("link kind must not contain NUL");
        }
        attributes = RoutePayload.copy(attributes, "link info attributes");
    }

    /**
     * @param kind the driver, such as {@code "bridge"}
     * @return the link info naming only the driver
     */
    public static LinkInfo of(String kind) {
        return new LinkInfo(kind, List.of());
    }

    static LinkInfo decode(AttributeDecoder nest) {
        String kind = null;
        List<Attribute> rest = null;
        while (nest.next()) {
            if (nest.type() == IFLA_INFO_KIND && kind == null) {
                kind = nest.string();
            } else {
                rest = RoutePayload.add(rest, RoutePayload.raw(nest));
            }
        }
        return new LinkInfo(kind, RoutePayload.finish(rest));
    }

    void encode(AttributeEncoder e) {
        if (kind != null) {
            e.string(IFLA_INFO_KIND, kind);
        }
        RoutePayload.writeAll(e, attributes);
    }
}
