package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The object a notification is about, as an {@code int} read straight from the message bytes, so that a receive loop
 * with {@code listener.concurrency} above 1 sends every notification about one object to the same lane, where they
 * run in the order the kernel sent them. Two objects may share a key (a coarser key only serialises more); one object
 * never has two.
 *
 * <p>For {@code NETLINK_ROUTE}:
 * <ul>
 *   <li>links ({@code RTM_*LINK}, {@code ifinfomsg}), addresses ({@code RTM_*ADDR}, {@code ifaddrmsg}), neighbours
 *       ({@code RTM_*NEIGH}, {@code ndmsg}) and traffic control ({@code RTM_*QDISC}, {@code *TCLASS},
 *       {@code *TFILTER}, {@code tcmsg}): the interface index, the 32-bit field at offset 4 of each header. A link, its
 *       addresses, neighbours and qdiscs therefore keep their order among each other too.</li>
 *   <li>routes ({@code RTM_*ROUTE}, {@code rtmsg}): family, destination prefix length, table ({@code RTA_TABLE} when
 *       present, else {@code rtm_table}) and destination ({@code RTA_DST}); routes to one prefix in one table, whatever
 *       their metric or next hops, share a key.</li>
 *   <li>everything else (rules, next hops, netconf, ...), and a message too short for its header: its kind, the group
 *       of four types {@code NEW}, {@code DEL}, {@code GET}, {@code SET} it belongs to ({@code type >> 2}), so all rules
 *       stay in order, all next hops, and so on.</li>
 * </ul>
 * For {@code NETLINK_GENERIC} the message type, which is the family ID: one family's notifications stay in order.
 * Every other protocol has the single key 0, so its notifications all run on one lane, in kernel order. Uevents are
 * keyed by their {@code DEVPATH}.
 *
 * <p>Kernel structures are in host byte order; the key is only compared with keys read the same way.
 */
final class NotificationKey {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());

    /** {@code sizeof(struct rtmsg)}: the route attributes follow it. */
    private static final int RTMSG_SIZE = 12;
    private static final int RTA_DST = 1;
    private static final int RTA_TABLE = 15;
    /** {@code NLA_TYPE_MASK}: an attribute type without the nested and byte-order flags. */
    private static final int NLA_TYPE_MASK = 0x3fff;

    private NotificationKey() {
    }

    /**
     * @param protocol the connection's netlink protocol
     * @param message  a notification as received
     * @return its key; never throws, whatever the bytes
     */
    static int of(int protocol, Message message) {
        int type = message.header().type();
        if (protocol == Protocol.GENERIC) {
            return type;
        }
        if (protocol != Protocol.ROUTE) {
            return 0;
        }
        byte[] data = message.data();
        switch (type >> 2) {
            // RTM_*LINK, RTM_*ADDR, RTM_*NEIGH, RTM_*QDISC, RTM_*TCLASS, RTM_*TFILTER: ifindex at offset 4
            case 4, 5, 7, 9, 10, 11 -> {
                if (data.length >= 8) {
                    return (int) INT.get(data, 4);
                }
            }
            case 6 -> {
                if (data.length >= RTMSG_SIZE) {
                    return route(data);
                }
            }
            default -> {
            }
        }
        // a kind of its own, apart from any interface index a message of the cases above carries
        return ~(type >> 2);
    }

    /** Family, {@code rtm_dst_len}, table and {@code RTA_DST} of an {@code rtmsg} and its attributes. */
    private static int route(byte[] data) {
        int family = data[0] & 0xff;
        int dstLength = data[1] & 0xff;
        int table = data[4] & 0xff;
        int dst = 0;
        for (int at = RTMSG_SIZE; at + 4 <= data.length; ) {
            int length = (short) SHORT.get(data, at) & 0xffff;
            if (length < 4 || at + length > data.length) {
                break;
            }
            int attribute = (short) SHORT.get(data, at + 2) & NLA_TYPE_MASK;
            if (attribute == RTA_TABLE && length >= 8) {
                table = (int) INT.get(data, at + 4);
            } else if (attribute == RTA_DST) {
                for (int i = at + 4; i < at + length; i++) {
                    dst = 31 * dst + data[i];
                }
            }
            at += (length + 3) & ~3;
        }
        return ((family * 31 + dstLength) * 31 + table) * 31 + dst;
    }

    /**
     * The lane of a key among {@code lanes}, spread with a multiplicative hash so that consecutive interface indexes
     * and similar routes do not crowd into a few lanes.
     *
     * @param key   a key from {@link #of}
     * @param lanes the number of lanes, 1 or more
     * @return the lane, 0 to {@code lanes - 1}
     */
    static int lane(int key, int lanes) {
        int h = key * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), lanes);
    }
}
