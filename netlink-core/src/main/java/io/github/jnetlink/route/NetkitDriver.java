package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;

/** The {@code netkit} driver: {@link NetkitData}. */
final class NetkitDriver implements LinkDriver {

    @Override
    public String kind() {
        return "netkit";
    }

    static final int IFLA_NETKIT_PEER_INFO = 1;
    static final int IFLA_NETKIT_PRIMARY = 2;
    static final int IFLA_NETKIT_POLICY = 3;
    static final int IFLA_NETKIT_PEER_POLICY = 4;
    static final int IFLA_NETKIT_MODE = 5;
    static final int IFLA_NETKIT_SCRUB = 6;
    static final int IFLA_NETKIT_PEER_SCRUB = 7;
    static final int IFLA_NETKIT_HEADROOM = 8;
    static final int IFLA_NETKIT_TAILROOM = 9;

    @Override
    public NetkitData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "netkit", "attribute decoder");
        NetkitData.Builder b = NetkitData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_NETKIT_PEER_INFO -> b.peer(DriverAttributes.peer(d));
                    case IFLA_NETKIT_PRIMARY -> b.primary(d.u8() != 0);
                    case IFLA_NETKIT_POLICY -> b.policy(d.u32());
                    case IFLA_NETKIT_PEER_POLICY -> b.peerPolicy(d.u32());
                    case IFLA_NETKIT_MODE -> b.mode(d.u32());
                    case IFLA_NETKIT_SCRUB -> b.scrub(d.u32());
                    case IFLA_NETKIT_PEER_SCRUB -> b.peerScrub(d.u32());
                    case IFLA_NETKIT_HEADROOM -> b.headroom(d.u16());
                    case IFLA_NETKIT_TAILROOM -> b.tailroom(d.u16());
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("netkit", "IFLA_INFO_DATA", type, name(type), e);
        }
        return b.build();
    }

    @Override
    public void encode(LinkInfoData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "netkit", "attribute encoder");
        NetkitData data = DriverAttributes.cast(value, NetkitData.class, "netkit");
        if (data.peer() != null) {
            e.bytes(IFLA_NETKIT_PEER_INFO, data.peer().encode());
        }
        if (data.primary() != null) {
            e.u8(IFLA_NETKIT_PRIMARY, data.primary() ? 1 : 0);
        }
        if (data.policy() != null) {
            e.s32(IFLA_NETKIT_POLICY, data.policy());
        }
        if (data.peerPolicy() != null) {
            e.s32(IFLA_NETKIT_PEER_POLICY, data.peerPolicy());
        }
        if (data.mode() != null) {
            e.s32(IFLA_NETKIT_MODE, data.mode());
        }
        if (data.scrub() != null) {
            e.s32(IFLA_NETKIT_SCRUB, data.scrub());
        }
        if (data.peerScrub() != null) {
            e.s32(IFLA_NETKIT_PEER_SCRUB, data.peerScrub());
        }
        if (data.headroom() != null) {
            e.u16(IFLA_NETKIT_HEADROOM, data.headroom());
        }
        if (data.tailroom() != null) {
            e.u16(IFLA_NETKIT_TAILROOM, data.tailroom());
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_NETKIT_PEER_INFO", "IFLA_NETKIT_PRIMARY", "IFLA_NETKIT_POLICY",
            "IFLA_NETKIT_PEER_POLICY", "IFLA_NETKIT_MODE", "IFLA_NETKIT_SCRUB", "IFLA_NETKIT_PEER_SCRUB",
            "IFLA_NETKIT_HEADROOM", "IFLA_NETKIT_TAILROOM"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }
}
