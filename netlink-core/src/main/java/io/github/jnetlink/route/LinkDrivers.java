package io.github.jnetlink.route;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of {@link LinkDriver}s by kind, which {@link LinkInfo#data()}, {@link LinkInfo#slaveData()},
 * {@link LinkInfo#of(LinkInfoData)} and {@link RouteClient#addLink(LinkSpec)} consult. It starts with the
 * library's drivers:
 * <ul>
 * <li>{@code bridge} ({@link BridgeData}, ports {@link BridgePortData}), {@code bond} ({@link BondData}, ports
 *     {@link BondSlaveData}), {@code vrf} ({@link VrfData}, ports {@link VrfSlaveData});
 * <li>{@code veth} ({@link VethData}), {@code netkit} ({@link NetkitData}), {@code vlan} ({@link VlanData}),
 *     {@code macvlan} and {@code macvtap} ({@link MacvlanData}), {@code ipvlan} and {@code ipvtap}
 *     ({@link IpvlanData}), {@code tun} ({@link TunData}), {@code ifb} ({@link IfbData}), {@code wireguard}
 *     ({@link WireguardData});
 * <li>{@code vxlan} ({@link VxlanData}), {@code geneve} ({@link GeneveData}), {@code gre}, {@code gretap},
 *     {@code ip6gre}, {@code ip6gretap}, {@code erspan}, {@code ip6erspan} ({@link GreData}), {@code ipip},
 *     {@code sit}, {@code ip6tnl} ({@link IpTunnelData}).
 * </ul>
 * Thread-safe; a driver registered is used by every connection from then on.
 */
public final class LinkDrivers {

    private static final Map<String, LinkDriver> DRIVERS = new ConcurrentHashMap<>();

    static {
        for (LinkDriver d : List.of(new BridgeDriver(), new BondDriver(), new VrfDriver(), new VethDriver(),
                new NetkitDriver(), new VlanDriver(), new MacvlanDriver("macvlan"), new MacvlanDriver("macvtap"),
                new IpvlanDriver("ipvlan"), new IpvlanDriver("ipvtap"), new TunDriver(), new IfbDriver(),
                new WireguardDriver(), new VxlanDriver(), new GeneveDriver(), new GreDriver("gre"),
                new GreDriver("gretap"), new GreDriver("ip6gre"), new GreDriver("ip6gretap"), new GreDriver("erspan"),
                new GreDriver("ip6erspan"), new IpTunnelDriver("ipip"), new IpTunnelDriver("sit"),
                new IpTunnelDriver("ip6tnl"))) {
            DRIVERS.put(d.kind(), d);
        }
    }

    private LinkDrivers() {
    }

    /**
     * Adds a driver for a kind that has none.
     *
     * @param driver the driver; its {@link LinkDriver#kind()} is the key
     * @throws NetlinkException if {@code driver} or its kind is null or empty, or the kind already has a driver
     */
    public static void register(LinkDriver driver) {
        if (driver == null) {
            throw new NetlinkArgumentException("link driver must not be null");
        }
        String kind = driver.kind();
        if (kind == null || kind.isEmpty() || kind.indexOf('\0') >= 0) {
            throw new NetlinkArgumentException("link driver " + driver.getClass().getName()
                    + " must name a kind without NUL, got " + (kind == null ? "null" : "'" + kind + "'"));
        }
        LinkDriver before = DRIVERS.putIfAbsent(kind, driver);
        if (before != null) {
            throw new NetlinkArgumentException("link kind '" + kind + "' already has a driver, "
                    + before.getClass().getName());
        }
    }

    /**
     * @param kind a link kind, such as {@code "bridge"}
     * @return its driver, or null when none is registered (or {@code kind} is null)
     */
    public static LinkDriver of(String kind) {
        return kind == null ? null : DRIVERS.get(kind);
    }

    /** @return the kinds that have a driver, sorted; a snapshot */
    public static Set<String> kinds() {
        return java.util.Collections.unmodifiableSet(new TreeSet<>(DRIVERS.keySet()));
    }
}
