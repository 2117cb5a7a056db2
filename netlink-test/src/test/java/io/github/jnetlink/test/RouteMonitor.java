package io.github.jnetlink.test;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Datagram;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.NeighborMessage;
import io.github.jnetlink.route.NexthopMessage;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.route.RuleMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code Conn} joined to rtnetlink groups, as {@code ip monitor} is, that renders what it received as one line a
 * notification ({@code "link RTM_NEWLINK veth0@2 up UP"}), so that a test asserts the kernel's order at a glance.
 */
final class RouteMonitor implements AutoCloseable {

    private final Conn conn;

    RouteMonitor(FakeRouteKernel fake, RouteGroup... groups) {
        conn = fake.dial();
        for (RouteGroup g : groups) {
            conn.joinGroup(g.group());
        }
    }

    /** @return every datagram queued so far, without waiting: the fake queues notifications before a request returns */
    List<Datagram> datagrams() {
        conn.setReadDeadline(Instant.now());
        List<Datagram> out = new ArrayList<>();
        while (true) {
            try {
                out.add(conn.receiveDatagram());
            } catch (NetlinkTimeoutException e) {
                return out;
            }
        }
    }

    /** @return every notification queued so far, one line each, in arrival order */
    List<String> drain() {
        List<String> out = new ArrayList<>();
        for (Datagram d : datagrams()) {
            for (Message m : d.messages()) {
                out.add(describe(d.group(), m));
            }
        }
        return out;
    }

    static String describe(int group, Message m) {
        String type = RouteMessageType.name(m.header().type());
        String what = switch (m.header().type()) {
            case RouteMessageType.RTM_NEWLINK, RouteMessageType.RTM_DELLINK -> {
                LinkMessage l = LinkMessage.decode(m);
                yield l.name() + (l.link() == null ? "" : "@" + l.link()) + " "
                        + (l.hasFlags(LinkMessage.IFF_UP) ? "up" : "down") + " " + l.operStateName()
                        + (l.master() == null ? "" : " master " + l.master());
            }
            case RouteMessageType.RTM_NEWADDR, RouteMessageType.RTM_DELADDR -> {
                AddressMessage a = AddressMessage.decode(m);
                yield a.localAddress().getHostAddress() + "/" + a.prefixLength() + " dev " + a.index();
            }
            case RouteMessageType.RTM_NEWROUTE, RouteMessageType.RTM_DELROUTE -> {
                RouteMessage r = RouteMessage.decode(m);
                yield r.destinationString() + (r.gateway() == null ? "" : " via " + r.gateway().getHostAddress())
                        + (r.outputInterface() == null ? "" : " dev " + r.outputInterface()) + " table " + r.table();
            }
            case RouteMessageType.RTM_NEWNEIGH, RouteMessageType.RTM_DELNEIGH -> {
                NeighborMessage n = NeighborMessage.decode(m);
                yield n.destination().getHostAddress() + " dev " + n.index() + " " + n.stateName();
            }
            case RouteMessageType.RTM_NEWRULE, RouteMessageType.RTM_DELRULE -> {
                RuleMessage r = RuleMessage.decode(m);
                yield (r.priority() == null ? 0 : r.priority()) + " " + r.actionName() + " " + r.table();
            }
            case RouteMessageType.RTM_NEWNEXTHOP, RouteMessageType.RTM_DELNEXTHOP -> {
                NexthopMessage n = NexthopMessage.decode(m);
                yield "id " + n.id() + (n.isGroup() ? " group " + n.group().stream()
                        .map(g -> Integer.toString(g.id())).collect(java.util.stream.Collectors.joining("/"))
                        : n.blackhole() ? " blackhole" : " dev " + n.index());
            }
            default -> "?";
        };
        return RouteGroup.fromNumber(group).kebabName() + " " + type + " " + what;
    }

    @Override
    public void close() {
        conn.close();
    }
}
