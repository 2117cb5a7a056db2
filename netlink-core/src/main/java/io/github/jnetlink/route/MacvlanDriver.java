package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;

/** The {@code macvlan}, {@code macvtap} driver: {@link MacvlanData}. */
final class MacvlanDriver implements LinkDriver {

    private final String kind;

    MacvlanDriver(String kind) {
        this.kind = kind;
    }

    @Override
    public String kind() {
        return kind;
    }

    static final int IFLA_MACVLAN_MODE = 1;
    static final int IFLA_MACVLAN_FLAGS = 2;
    static final int IFLA_MACVLAN_MACADDR_MODE = 3;
    static final int IFLA_MACVLAN_MACADDR = 4;
    static final int IFLA_MACVLAN_MACADDR_DATA = 5;
    static final int IFLA_MACVLAN_MACADDR_COUNT = 6;
    static final int IFLA_MACVLAN_BC_QUEUE_LEN = 7;
    static final int IFLA_MACVLAN_BC_QUEUE_LEN_USED = 8;
    static final int IFLA_MACVLAN_BC_CUTOFF = 9;

    @Override
    public MacvlanData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, kind, "attribute decoder");
        MacvlanData.Builder b = MacvlanData.builder(kind);
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_MACVLAN_MODE -> b.mode(d.u32());
                    case IFLA_MACVLAN_FLAGS -> b.flags(d.u16());
                    case IFLA_MACVLAN_MACADDR_MODE -> b.macAddressMode(d.u32());
                    case IFLA_MACVLAN_MACADDR -> b.macAddress(DriverAttributes.mac(d));
                    case IFLA_MACVLAN_MACADDR_DATA -> b.macAddressData(DriverAttributes.nest(d));
                    case IFLA_MACVLAN_MACADDR_COUNT -> b.macAddressCount(d.u32());
                    case IFLA_MACVLAN_BC_QUEUE_LEN -> b.broadcastQueueLength(d.u32());
                    case IFLA_MACVLAN_BC_QUEUE_LEN_USED -> b.broadcastQueueLengthUsed(d.u32());
                    case IFLA_MACVLAN_BC_CUTOFF -> b.broadcastCutoff(d.s32());
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed(kind, "IFLA_INFO_DATA", type, name(type), e);
        }
        return b.build();
    }

    @Override
    public void encode(LinkInfoData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, kind, "attribute encoder");
        MacvlanData data = DriverAttributes.cast(value, MacvlanData.class, kind);
        if (data.mode() != null) {
            e.s32(IFLA_MACVLAN_MODE, data.mode());
        }
        if (data.flags() != null) {
            e.u16(IFLA_MACVLAN_FLAGS, data.flags());
        }
        if (data.macAddressMode() != null) {
            e.s32(IFLA_MACVLAN_MACADDR_MODE, data.macAddressMode());
        }
        if (data.macAddress() != null) {
            e.bytes(IFLA_MACVLAN_MACADDR, data.macAddress().bytes());
        }
        if (data.macAddressData() != null) {
            e.nested(IFLA_MACVLAN_MACADDR_DATA, n -> RoutePayload.writeAll(n, data.macAddressData()));
        }
        if (data.macAddressCount() != null) {
            e.s32(IFLA_MACVLAN_MACADDR_COUNT, data.macAddressCount());
        }
        if (data.broadcastQueueLength() != null) {
            e.s32(IFLA_MACVLAN_BC_QUEUE_LEN, data.broadcastQueueLength());
        }
        if (data.broadcastQueueLengthUsed() != null) {
            e.s32(IFLA_MACVLAN_BC_QUEUE_LEN_USED, data.broadcastQueueLengthUsed());
        }
        if (data.broadcastCutoff() != null) {
            e.s32(IFLA_MACVLAN_BC_CUTOFF, data.broadcastCutoff());
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_MACVLAN_MODE", "IFLA_MACVLAN_FLAGS",
            "IFLA_MACVLAN_MACADDR_MODE", "IFLA_MACVLAN_MACADDR", "IFLA_MACVLAN_MACADDR_DATA",
            "IFLA_MACVLAN_MACADDR_COUNT", "IFLA_MACVLAN_BC_QUEUE_LEN", "IFLA_MACVLAN_BC_QUEUE_LEN_USED",
            "IFLA_MACVLAN_BC_CUTOFF"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }
}
