package io.github.jnetlink.test;

import static io.github.jnetlink.HeaderFlags.DUMP;
import static io.github.jnetlink.route.RouteMessageType.RTM_DELADDR;
import static io.github.jnetlink.route.RouteMessageType.RTM_DELLINK;
import static io.github.jnetlink.route.RouteMessageType.RTM_DELNEIGH;
import static io.github.jnetlink.route.RouteMessageType.RTM_DELNEXTHOP;
import static io.github.jnetlink.route.RouteMessageType.RTM_DELROUTE;
import static io.github.jnetlink.route.RouteMessageType.RTM_DELRULE;
import static io.github.jnetlink.route.RouteMessageType.RTM_GETADDR;
import static io.github.jnetlink.route.RouteMessageType.RTM_GETLINK;
import static io.github.jnetlink.route.RouteMessageType.RTM_GETNEIGH;
import static io.github.jnetlink.route.RouteMessageType.RTM_GETNEXTHOP;
import static io.github.jnetlink.route.RouteMessageType.RTM_GETROUTE;
import static io.github.jnetlink.route.RouteMessageType.RTM_GETRULE;
import static io.github.jnetlink.route.RouteMessageType.RTM_NEWADDR;
import static io.github.jnetlink.route.RouteMessageType.RTM_NEWLINK;
import static io.github.jnetlink.route.RouteMessageType.RTM_NEWNEIGH;
import static io.github.jnetlink.route.RouteMessageType.RTM_NEWNEXTHOP;
import static io.github.jnetlink.route.RouteMessageType.RTM_NEWROUTE;
import static io.github.jnetlink.route.RouteMessageType.RTM_NEWRULE;
import static io.github.jnetlink.route.RouteMessageType.RTM_SETLINK;

import io.github.jnetlink.Message;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.NeighborMessage;
import io.github.jnetlink.route.NexthopMessage;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RuleMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How {@code rtnetlink_rcv_msg} hands each request to its handler, over {@link RouteTables}: by message type, a GET
 * with either bit of {@code NLM_F_DUMP} being a dump. Dumps and queries answer from the tables; changes append their
 * notifications to {@code out} and answer nothing but their acknowledgement. Not thread-safe: the caller locks.
 */
final class RouteRequests {

    private final RouteTables tables;

    RouteRequests(RouteTables tables) {
        this.tables = tables;
    }

    /**
     * @return the replies, or null when the request succeeded with nothing to say but its acknowledgement
     * @throws Refusal                           what the kernel would answer instead, having changed nothing
     * @throws io.github.jnetlink.NetlinkException when the payload does not decode, which the kernel refuses as
     *                                           {@code nlmsg_parse} does (EINVAL)
     */
    Replies apply(Message request, List<Notice> out) {
        int type = request.header().type();
        int flags = request.header().flags();
        boolean dump = (flags & DUMP) != 0;
        Origin origin = Origin.of(request);
        switch (type) {
            case RTM_NEWLINK -> tables.newLink(LinkMessage.decode(request), flags, origin, out);
            case RTM_SETLINK -> tables.setLink(LinkMessage.decode(request), origin, out);
            case RTM_DELLINK -> tables.deleteLink(LinkMessage.decode(request), origin, out);
            case RTM_GETLINK -> {
                return dump ? dump(tables.links.rendered().values(), RTM_NEWLINK, LinkMessage::encode)
                        : single(RTM_NEWLINK, tables.getLink(LinkMessage.decode(request)).encode());
            }
            case RTM_NEWADDR -> tables.addresses.add(AddressMessage.decode(request), flags, origin, out);
            case RTM_DELADDR -> tables.deleteAddress(AddressMessage.decode(request), origin, out);
            case RTM_GETADDR -> {
                return dump ? dump(tables.addresses.dump(family(request)), RTM_NEWADDR, AddressMessage::encode)
                        : single(RTM_NEWADDR, tables.addresses.get(AddressMessage.decode(request)).encode());
            }
            case RTM_NEWROUTE -> tables.routes.add(RouteMessage.decode(request), flags, origin, out);
            case RTM_DELROUTE -> tables.routes.delete(RouteMessage.decode(request), origin, out);
            case RTM_GETROUTE -> {
                return dump ? dump(tables.routes.dump(family(request)), RTM_NEWROUTE, RouteMessage::encode)
                        : single(RTM_NEWROUTE, tables.routes.get(RouteMessage.decode(request)).encode());
            }
            case RTM_NEWNEIGH -> tables.neighbors.add(NeighborMessage.decode(request), flags, origin, out);
            case RTM_DELNEIGH -> tables.neighbors.delete(NeighborMessage.decode(request), origin, out);
            case RTM_GETNEIGH -> {
                return dump ? dump(tables.neighbors.dump(family(request)), RTM_NEWNEIGH, NeighborMessage::encode)
                        : single(RTM_NEWNEIGH, tables.neighbors.get(NeighborMessage.decode(request)).encode());
            }
            case RTM_NEWRULE -> tables.rules.add(RuleMessage.decode(request), flags, origin, out);
            case RTM_DELRULE -> tables.rules.delete(RuleMessage.decode(request), origin, out);
            case RTM_GETRULE -> {
                // fib_nl_dumprule answers dumps only: rtnetlink refuses a GET without NLM_F_DUMP
                if (!dump) {
                    throw Refusal.of(Refusal.EOPNOTSUPP);
                }
                return dump(tables.rules.dump(family(request)), RTM_NEWRULE, RuleMessage::encode);
            }
            case RTM_NEWNEXTHOP -> tables.nexthops.add(NexthopMessage.decode(request), flags, origin, out);
            case RTM_DELNEXTHOP -> tables.nexthops.delete(NexthopMessage.decode(request), flags, origin, out);
            case RTM_GETNEXTHOP -> {
                NexthopMessage n = request.data().length == 0 ? NexthopMessage.builder().build()
                        : NexthopMessage.decode(request);
                return dump ? dump(tables.nexthops.dump(n), RTM_NEWNEXTHOP, NexthopMessage::encode)
                        : single(RTM_NEWNEXTHOP, tables.nexthops.get(n).encode());
            }
            default -> throw Refusal.of(Refusal.EOPNOTSUPP);
        }
        return null;
    }

    /** A query's answer: one message, flags 0; the fake fills in the sequence number and port ID. */
    private static Replies single(int type, byte[] payload) {
        return Replies.of(Message.of(type, 0, payload));
    }

    /** A dump's answer: every object, {@code NLM_F_MULTI}, over several datagrams, then {@code NLMSG_DONE}. */
    private static <T> Replies dump(Iterable<T> objects, int type, Function<T, byte[]> encode) {
        List<Message> messages = new ArrayList<>();
        for (T o : objects) {
            messages.add(Message.of(type, 0, encode.apply(o)));
        }
        return Replies.multipart(messages);
    }

    /** The family a dump asks for: the first byte of its fixed header, or of an {@code rtgenmsg}. */
    private static int family(Message request) {
        return request.data().length == 0 ? AddressFamily.UNSPEC : request.data()[0] & 0xFF;
    }
}
