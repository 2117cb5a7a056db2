package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkException;
import java.util.List;

/**
 * The bridge-wide options of one VLAN (or range), a {@code BRIDGE_VLANDB_GLOBAL_OPTIONS} nest of a
 * {@link BridgeVlanMessage} ({@code <linux/if_bridge.h>}), one line of {@code bridge vlan global show}. The
 * kernel sends them in a dump that asked for {@link BridgeVlanMessage#BRIDGE_VLANDB_DUMPF_GLOBAL}.
 *
 * <p>The multicast timers and counters ({@code BRIDGE_VLANDB_GOPTS_MCAST_LAST_MEMBER_CNT} to
 * {@code _QUERIER_STATE}) have no field; they are kept in {@link #unknown()}, raw, as are options newer than this
 * record.
 *
 * @param id                {@code BRIDGE_VLANDB_GOPTS_ID}: u16, the VLAN ID ({@code vlan} in bridge's JSON)
 * @param rangeEnd          {@code BRIDGE_VLANDB_GOPTS_RANGE}: u16, the last VLAN with the same options
 *                          ({@code vlanEnd})
 * @param multicastSnooping {@code BRIDGE_VLANDB_GOPTS_MCAST_SNOOPING}: u8, 1 when IGMP/MLD snooping is on in the
 *                          VLAN ({@code mcast_snooping})
 * @param igmpVersion       {@code BRIDGE_VLANDB_GOPTS_MCAST_IGMP_VERSION}: u8, 2 or 3 ({@code mcast_igmp_version})
 * @param mldVersion        {@code BRIDGE_VLANDB_GOPTS_MCAST_MLD_VERSION}: u8, 1 or 2 ({@code mcast_mld_version})
 * @param msti              {@code BRIDGE_VLANDB_GOPTS_MSTI}: u16, the multiple spanning tree instance of the VLAN
 *                          ({@code msti})
 * @param unknown           every other option, as sent
 */
public record BridgeVlanGlobalOptions(int id, Integer rangeEnd, Integer multicastSnooping, Integer igmpVersion,
        Integer mldVersion, Integer msti, List<Attribute> unknown) {

    /** {@code BRIDGE_VLANDB_GOPTS_ID}: u16 VLAN ID. */
    public static final int BRIDGE_VLANDB_GOPTS_ID = 1;
    /** {@code BRIDGE_VLANDB_GOPTS_RANGE}: u16 last VLAN of the range. */
    public static final int BRIDGE_VLANDB_GOPTS_RANGE = 2;
    /** {@code BRIDGE_VLANDB_GOPTS_MCAST_SNOOPING}: u8. */
    public static final int BRIDGE_VLANDB_GOPTS_MCAST_SNOOPING = 3;
    /** {@code BRIDGE_VLANDB_GOPTS_MCAST_IGMP_VERSION}: u8. */
    public static final int BRIDGE_VLANDB_GOPTS_MCAST_IGMP_VERSION = 4;
    /** {@code BRIDGE_VLANDB_GOPTS_MCAST_MLD_VERSION}: u8. */
    public static final int BRIDGE_VLANDB_GOPTS_MCAST_MLD_VERSION = 5;
    /** {@code BRIDGE_VLANDB_GOPTS_MSTI}: u16 (Linux 5.18). */
    public static final int BRIDGE_VLANDB_GOPTS_MSTI = 19;

    /**
     * @throws NetlinkException if {@code id}, {@code rangeEnd} or {@code msti} does not fit 16 bits, a u8 option 8
     *         bits, or {@code unknown} contains null; a null list becomes empty
     */
    public BridgeVlanGlobalOptions {
        AddressFamily.u16(id, "bridge VLAN global options ID (BRIDGE_VLANDB_GOPTS_ID)");
        if (rangeEnd != null) {
            AddressFamily.u16(rangeEnd, "bridge VLAN global options range (BRIDGE_VLANDB_GOPTS_RANGE)");
        }
        if (multicastSnooping != null) {
            AddressFamily.u8(multicastSnooping, "bridge VLAN multicast snooping (BRIDGE_VLANDB_GOPTS_MCAST_SNOOPING)");
        }
        if (igmpVersion != null) {
            AddressFamily.u8(igmpVersion, "bridge VLAN IGMP version (BRIDGE_VLANDB_GOPTS_MCAST_IGMP_VERSION)");
        }
        if (mldVersion != null) {
            AddressFamily.u8(mldVersion, "bridge VLAN MLD version (BRIDGE_VLANDB_GOPTS_MCAST_MLD_VERSION)");
        }
        if (msti != null) {
            AddressFamily.u16(msti, "bridge VLAN MSTI (BRIDGE_VLANDB_GOPTS_MSTI)");
        }
        unknown = RoutePayload.copy(unknown, "bridge VLAN global options unknown attributes");
    }

    /** Reads the attributes nested in the current {@code BRIDGE_VLANDB_GLOBAL_OPTIONS} of {@code outer}. */
    static BridgeVlanGlobalOptions decode(AttributeDecoder outer) {
        int at = outer.offset() - AttributeEncoder.HEADER_SIZE;
        Integer id = null;
        Integer range = null;
        Integer snooping = null;
        Integer igmp = null;
        Integer mld = null;
        Integer msti = null;
        List<Attribute> unknown = null;
        AttributeDecoder d = outer.nestedDecoder();
        while (d.next()) {
            switch (d.type()) {
                case BRIDGE_VLANDB_GOPTS_ID -> id = d.u16();
                case BRIDGE_VLANDB_GOPTS_RANGE -> range = d.u16();
                case BRIDGE_VLANDB_GOPTS_MCAST_SNOOPING -> snooping = d.u8();
                case BRIDGE_VLANDB_GOPTS_MCAST_IGMP_VERSION -> igmp = d.u8();
                case BRIDGE_VLANDB_GOPTS_MCAST_MLD_VERSION -> mld = d.u8();
                case BRIDGE_VLANDB_GOPTS_MSTI -> msti = d.u16();
                default -> unknown = RoutePayload.add(unknown, RoutePayload.raw(d));
            }
        }
        if (id == null) {
            throw new MalformedMessageException("BRIDGE_VLANDB_GLOBAL_OPTIONS at offset " + at
                    + " has no BRIDGE_VLANDB_GOPTS_ID, which every set of global options carries");
        }
        return new BridgeVlanGlobalOptions(id, range, snooping, igmp, mld, msti, RoutePayload.finish(unknown));
    }

    /** Writes these options as a {@code BRIDGE_VLANDB_GLOBAL_OPTIONS} nest. */
    void encode(AttributeEncoder e, int type) {
        e.nested(type, n -> {
            n.u16(BRIDGE_VLANDB_GOPTS_ID, id);
            if (rangeEnd != null) {
                n.u16(BRIDGE_VLANDB_GOPTS_RANGE, rangeEnd);
            }
            if (multicastSnooping != null) {
                n.u8(BRIDGE_VLANDB_GOPTS_MCAST_SNOOPING, multicastSnooping);
            }
            if (igmpVersion != null) {
                n.u8(BRIDGE_VLANDB_GOPTS_MCAST_IGMP_VERSION, igmpVersion);
            }
            if (mldVersion != null) {
                n.u8(BRIDGE_VLANDB_GOPTS_MCAST_MLD_VERSION, mldVersion);
            }
            if (msti != null) {
                n.u16(BRIDGE_VLANDB_GOPTS_MSTI, msti);
            }
            RoutePayload.writeAll(n, unknown);
        });
    }
}
