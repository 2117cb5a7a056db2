package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.BridgeVlanMessage;
import io.github.jnetlink.route.FdbEntry;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.LinkStatsMessage;
import io.github.jnetlink.route.NeighborMessage;
import io.github.jnetlink.route.NexthopMessage;
import io.github.jnetlink.route.NsidMessage;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.route.RuleMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The typed records a {@link NetlinkListener} method may take instead of a raw message, and how an
 * rtnetlink message becomes one: a switch on the message type, no reflection.
 */
final class TypedMessages {

    private static final List<Class<?>> RECORDS = List.of(LinkMessage.class, AddressMessage.class, RouteMessage.class,
            NeighborMessage.class, RuleMessage.class, NexthopMessage.class, FdbEntry.class, NsidMessage.class,
            BridgeVlanMessage.class, LinkStatsMessage.class);

    /** The message types {@link #decode} turns into each record; keep in step with its switch. */
    private static final Map<Class<?>, int[]> TYPES = Map.of(
            LinkMessage.class, new int[] {RouteMessageType.RTM_NEWLINK, RouteMessageType.RTM_DELLINK},
            AddressMessage.class, new int[] {RouteMessageType.RTM_NEWADDR, RouteMessageType.RTM_DELADDR},
            RouteMessage.class, new int[] {RouteMessageType.RTM_NEWROUTE, RouteMessageType.RTM_DELROUTE},
            NeighborMessage.class, new int[] {RouteMessageType.RTM_NEWNEIGH, RouteMessageType.RTM_DELNEIGH, RouteMessageType.RTM_GETNEIGH},
            RuleMessage.class, new int[] {RouteMessageType.RTM_NEWRULE, RouteMessageType.RTM_DELRULE},
            NexthopMessage.class, new int[] {RouteMessageType.RTM_NEWNEXTHOP, RouteMessageType.RTM_DELNEXTHOP},
            // an AF_BRIDGE neighbour: decoded as NeighborMessage, handed to an FdbEntry parameter by argument()
            FdbEntry.class, new int[] {RouteMessageType.RTM_NEWNEIGH, RouteMessageType.RTM_DELNEIGH},
            NsidMessage.class, new int[] {RouteMessageType.RTM_NEWNSID, RouteMessageType.RTM_DELNSID},
            BridgeVlanMessage.class, new int[] {RouteMessageType.RTM_NEWVLAN, RouteMessageType.RTM_DELVLAN},
            LinkStatsMessage.class, new int[] {RouteMessageType.RTM_NEWSTATS});

    private TypedMessages() {
    }

    /**
     * @return the rtnetlink message types decoded as {@code record}, such as RTM_NEWLINK and RTM_DELLINK for
     *         {@code LinkMessage}; empty for a type that is no typed record
     */
    static int[] typesOf(Class<?> record) {
        int[] types = TYPES.get(record);
        return types == null ? new int[0] : types.clone();
    }

    /** @return the typed record an rtnetlink message type is decoded as, or null when it has none */
    static Class<?> recordOf(int type) {
        for (Class<?> record : RECORDS) {
            if (Arrays.stream(TYPES.get(record)).anyMatch(t -> t == type)) {
                return record;
            }
        }
        return null;
    }

    /**
     * @return the record for an rtnetlink link, address, route, neighbour (neighbour resolution requests,
     *         RTM_GETNEIGH, included), rule, nexthop, nsid, bridge VLAN or stats message; null for anything else
     * @throws io.github.jnetlink.MalformedMessageException when the message is corrupt
     */
    static Object decode(int protocol, Message message) {
        if (protocol != Protocol.ROUTE) {
            return null;
        }
        return switch (message.header().type()) {
            case RouteMessageType.RTM_NEWLINK, RouteMessageType.RTM_DELLINK -> LinkMessage.decode(message);
            case RouteMessageType.RTM_NEWADDR, RouteMessageType.RTM_DELADDR -> AddressMessage.decode(message);
            case RouteMessageType.RTM_NEWROUTE, RouteMessageType.RTM_DELROUTE -> RouteMessage.decode(message);
            // RTM_GETNEIGH as a notification is the kernel asking for a resolution (app_solicit, mcast_resolicit;
            // "miss" in ip monitor), sent to RTNLGRP_NEIGH with the same ndmsg as the other two
            case RouteMessageType.RTM_NEWNEIGH, RouteMessageType.RTM_DELNEIGH, RouteMessageType.RTM_GETNEIGH ->
                    NeighborMessage.decode(message);
            case RouteMessageType.RTM_NEWRULE, RouteMessageType.RTM_DELRULE -> RuleMessage.decode(message);
            case RouteMessageType.RTM_NEWNEXTHOP, RouteMessageType.RTM_DELNEXTHOP -> NexthopMessage.decode(message);
            case RouteMessageType.RTM_NEWNSID, RouteMessageType.RTM_DELNSID -> NsidMessage.decode(message);
            case RouteMessageType.RTM_NEWVLAN, RouteMessageType.RTM_DELVLAN -> BridgeVlanMessage.decode(message);
            case RouteMessageType.RTM_NEWSTATS -> LinkStatsMessage.decode(message);
            default -> null;
        };
    }

    /**
     * The argument a method taking {@code parameterType} gets for a decoded record: the record itself when it
     * is one, an {@link FdbEntry} for a {@link NeighborMessage} of family {@code AF_BRIDGE}, else null (the
     * method is not called).
     */
    static Object argument(Class<?> parameterType, Object decoded) {
        if (parameterType.isInstance(decoded)) {
            return decoded;
        }
        if (parameterType == FdbEntry.class && decoded instanceof NeighborMessage n && n.family() == AddressFamily.BRIDGE) {
            return FdbEntry.from(n);
        }
        return null;
    }

    static boolean isTypedRecord(Class<?> type) {
        return RECORDS.contains(type);
    }

    static String typedRecordNames() {
        return String.join(", ", RECORDS.stream().map(Class::getSimpleName).toList());
    }
}
