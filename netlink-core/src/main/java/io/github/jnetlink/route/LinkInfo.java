package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
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
 *
 * <p>{@link #data()}, {@link #slaveKind()} and {@link #slaveData()} read those attributes typed, through the
 * {@link LinkDriver}s of {@link LinkDrivers}, on every call; {@link #of(LinkInfoData)} builds the nest a request
 * sends from a typed record.
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

    /**
     * The nest a request sends to create or change a link of a kind: {@code IFLA_INFO_KIND} and
     * {@code IFLA_INFO_DATA} written by the kind's driver ({@link RawLinkData} is written as it is).
     *
     * @param data the driver settings, such as {@code BridgeData.builder().stpState(1).build()}
     * @return the link info
     * @throws NetlinkException if {@code data} is null, or no driver is registered for its kind
     */
    public static LinkInfo of(LinkInfoData data) {
        if (data == null) {
            throw new NetlinkArgumentException("link info data must not be null");
        }
        String kind = data.kind();
        if (kind == null) {
            throw new NetlinkArgumentException("link info data " + data.getClass().getSimpleName() + " names no kind");
        }
        AttributeEncoder e = new AttributeEncoder(64);
        if (data instanceof RawLinkData raw) {
            e.nested(IFLA_INFO_DATA, n -> RoutePayload.writeAll(n, raw.attributes()));
        } else {
            LinkDriver driver = LinkDrivers.of(kind);
            if (driver == null) {
                throw new NetlinkArgumentException("no link driver is registered for kind '" + kind
                        + "'; register one with LinkDrivers.register or send RawLinkData");
            }
            e.nested(IFLA_INFO_DATA, n -> driver.encode(data, n));
        }
        AttributeDecoder d = new AttributeDecoder(e.encode());
        d.next();
        return new LinkInfo(kind, List.of(RoutePayload.raw(d)));
    }

    /**
     * {@code IFLA_INFO_DATA} decoded by the driver of {@link #kind()}: a record such as {@link BridgeData}, or
     * {@link RawLinkData} when no driver is registered for the kind. Attributes the driver does not know stay
     * raw inside the record.
     *
     * @return the driver's settings, or null when the kernel sent no {@code IFLA_INFO_DATA} (a veth or ifb in a
     *         dump, a physical device)
     * @throws MalformedMessageException if an attribute the driver knows is malformed
     */
    public LinkInfoData data() {
        Attribute a = find(IFLA_INFO_DATA);
        if (a == null) {
            return null;
        }
        LinkDriver driver = LinkDrivers.of(kind);
        LinkInfoData data = driver == null ? null : driver.decode(new AttributeDecoder(a.data()));
        return data != null ? data : new RawLinkData(kind, DriverAttributes.nest(nest(a)));
    }

    /**
     * @return {@code IFLA_INFO_SLAVE_KIND}, the kind of the master the link is enslaved to, such as
     *         {@code "bridge"}; null when absent
     */
    public String slaveKind() {
        Attribute a = find(IFLA_INFO_SLAVE_KIND);
        if (a == null) {
            return null;
        }
        AttributeDecoder d = nest(a);
        return d.string();
    }

    /**
     * {@code IFLA_INFO_SLAVE_DATA} decoded by the driver of {@link #slaveKind()}: such as {@link BridgePortData},
     * or {@link RawLinkData} when that driver has no port data or none is registered.
     *
     * @return the master's per-port settings, or null when the kernel sent none
     * @throws MalformedMessageException if an attribute the driver knows is malformed
     */
    public LinkSlaveData slaveData() {
        Attribute a = find(IFLA_INFO_SLAVE_DATA);
        if (a == null) {
            return null;
        }
        String slaveKind = slaveKind();
        LinkDriver driver = LinkDrivers.of(slaveKind);
        LinkSlaveData data = driver == null ? null : driver.decodeSlave(new AttributeDecoder(a.data()));
        return data != null ? data : new RawLinkData(slaveKind, DriverAttributes.nest(nest(a)));
    }

    private Attribute find(int type) {
        for (Attribute a : attributes) {
            if ((a.type() & AttributeEncoder.TYPE_MASK) == type) {
                return a;
            }
        }
        return null;
    }

    /** A decoder positioned on the attribute itself, so that its payload reads as a string or a nest. */
    private static AttributeDecoder nest(Attribute a) {
        AttributeEncoder e = new AttributeEncoder(a.data().length + 8);
        RoutePayload.write(e, a);
        AttributeDecoder d = new AttributeDecoder(e.encode());
        d.next();
        return d;
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
