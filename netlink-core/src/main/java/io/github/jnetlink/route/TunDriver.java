package io.github.jnetlink.route;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;

/** The {@code tun} driver: {@link TunData}. */
final class TunDriver implements LinkDriver {

    @Override
    public String kind() {
        return "tun";
    }

    static final int IFLA_TUN_OWNER = 1;
    static final int IFLA_TUN_GROUP = 2;
    static final int IFLA_TUN_TYPE = 3;
    static final int IFLA_TUN_PI = 4;
    static final int IFLA_TUN_VNET_HDR = 5;
    static final int IFLA_TUN_PERSIST = 6;
    static final int IFLA_TUN_MULTI_QUEUE = 7;
    static final int IFLA_TUN_NUM_QUEUES = 8;
    static final int IFLA_TUN_NUM_DISABLED_QUEUES = 9;

    @Override
    public TunData decode(AttributeDecoder d) {
        DriverAttributes.notNull(d, "tun", "attribute decoder");
        TunData.Builder b = TunData.builder();
        int type = -1;
        try {
            while (d.next()) {
                type = d.type();
                switch (type) {
                    case IFLA_TUN_OWNER -> b.owner(d.u32());
                    case IFLA_TUN_GROUP -> b.group(d.u32());
                    case IFLA_TUN_TYPE -> b.type(d.u8());
                    case IFLA_TUN_PI -> b.pi(d.u8() != 0);
                    case IFLA_TUN_VNET_HDR -> b.vnetHeader(d.u8() != 0);
                    case IFLA_TUN_PERSIST -> b.persist(d.u8() != 0);
                    case IFLA_TUN_MULTI_QUEUE -> b.multiQueue(d.u8() != 0);
                    case IFLA_TUN_NUM_QUEUES -> b.queueCount(d.u32());
                    case IFLA_TUN_NUM_DISABLED_QUEUES -> b.disabledQueueCount(d.u32());
                    default -> b.addUnknown(RoutePayload.raw(d));
                }
                type = -1;
            }
        } catch (MalformedMessageException e) {
            throw DriverAttributes.malformed("tun", "IFLA_INFO_DATA", type, name(type), e);
        }
        return b.build();
    }

    @Override
    public void encode(LinkInfoData value, AttributeEncoder e) {
        DriverAttributes.notNull(e, "tun", "attribute encoder");
        TunData data = DriverAttributes.cast(value, TunData.class, "tun");
        if (data.owner() != null) {
            e.s32(IFLA_TUN_OWNER, data.owner());
        }
        if (data.group() != null) {
            e.s32(IFLA_TUN_GROUP, data.group());
        }
        if (data.type() != null) {
            e.u8(IFLA_TUN_TYPE, data.type());
        }
        if (data.pi() != null) {
            e.u8(IFLA_TUN_PI, data.pi() ? 1 : 0);
        }
        if (data.vnetHeader() != null) {
            e.u8(IFLA_TUN_VNET_HDR, data.vnetHeader() ? 1 : 0);
        }
        if (data.persist() != null) {
            e.u8(IFLA_TUN_PERSIST, data.persist() ? 1 : 0);
        }
        if (data.multiQueue() != null) {
            e.u8(IFLA_TUN_MULTI_QUEUE, data.multiQueue() ? 1 : 0);
        }
        if (data.queueCount() != null) {
            e.s32(IFLA_TUN_NUM_QUEUES, data.queueCount());
        }
        if (data.disabledQueueCount() != null) {
            e.s32(IFLA_TUN_NUM_DISABLED_QUEUES, data.disabledQueueCount());
        }
        RoutePayload.writeAll(e, data.unknown());
    }

    private static final String[] NAMES = {null, "IFLA_TUN_OWNER", "IFLA_TUN_GROUP", "IFLA_TUN_TYPE", "IFLA_TUN_PI",
            "IFLA_TUN_VNET_HDR", "IFLA_TUN_PERSIST", "IFLA_TUN_MULTI_QUEUE", "IFLA_TUN_NUM_QUEUES",
            "IFLA_TUN_NUM_DISABLED_QUEUES"};

    private static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : null;
    }
}
