package io.github.jnetlink.sample;

import static io.github.jnetlink.route.RouteMessageType.RTM_DELADDR;
import static io.github.jnetlink.route.RouteMessageType.RTM_DELLINK;
import static io.github.jnetlink.route.RouteMessageType.RTM_DELNEIGH;
import static io.github.jnetlink.route.RouteMessageType.RTM_DELROUTE;

import io.github.jnetlink.Conn;
import io.github.jnetlink.autoconfigure.NetlinkListener;
import io.github.jnetlink.autoconfigure.NetlinkOverrunEvent;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.NeighborMessage;
import io.github.jnetlink.route.RouteClient;
import io.github.jnetlink.route.RouteMessage;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Prints the interfaces and addresses once (by dump requests on the {@code route} Conn bean), then one
 * line per change the kernel reports through the {@code route} connection's groups.
 */
@Component
class NetworkMonitor implements ApplicationRunner {

    private static final int RT_TABLE_MAIN = 254;
    private static final int RT_TABLE_LOCAL = 255;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final RouteClient client;
    private final PrintStream out = System.out;
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> up = new ConcurrentHashMap<>();

    NetworkMonitor(@Qualifier("route") Conn route) {
        this.client = new RouteClient(route);
    }

    @Override
    public void run(ApplicationArguments args) {
        printTable();
        out.println("watching for link, address, route and neighbour changes (Ctrl-C to stop)");
        out.flush();
    }

    /** Dumps links and addresses and prints them as a table; also resets what the monitor remembers. */
    synchronized void printTable() {
        List<LinkMessage> links = client.links();
        Map<Integer, List<String>> addresses = new TreeMap<>();
        for (AddressMessage a : client.addresses()) {
            addresses.computeIfAbsent(a.index(), i -> new ArrayList<>()).add(address(a));
        }
        names.clear();
        up.clear();
        out.printf("%-6s %-16s %-15s %-6s %-18s %s%n", "INDEX", "NAME", "STATE", "MTU", "MAC", "ADDRESSES");
        for (LinkMessage l : links) {
            remember(l);
            out.printf("%-6d %-16s %-15s %-6s %-18s %s%n", l.index(), l.name(), l.operStateName(),
                    l.mtu() == null ? "-" : l.mtu(), l.address() == null ? "-" : l.address(),
                    String.join(" ", addresses.getOrDefault(l.index(), List.of())));
        }
        out.flush();
    }

    @NetlinkListener(connection = "route")
    void onLink(LinkMessage link) {
        String name = link.name() == null ? name(link.index()) : link.name();
        if (link.type() == RTM_DELLINK) {
            names.remove(link.index());
            up.remove(link.index());
            line("link removed: " + name + " (index " + link.index() + ")");
            return;
        }
        Boolean wasUp = up.get(link.index());
        boolean isUp = link.hasFlags(LinkMessage.IFF_UP);
        remember(link);
        if (wasUp == null) {
            line("link added: " + name + " (index " + link.index() + (link.kind() == null ? "" : ", " + link.kind())
                    + ", " + (isUp ? "up" : "down") + ", mtu " + link.mtu() + ")");
        } else if (wasUp != isUp) {
            line("link " + (isUp ? "up" : "down") + ": " + name + " (state " + link.operStateName() + ")");
        } else {
            line("link changed: " + name + " (state " + link.operStateName() + ", mtu " + link.mtu() + ")");
        }
    }

    @NetlinkListener(connection = "route")
    void onAddress(AddressMessage address) {
        line("address " + (address.type() == RTM_DELADDR ? "removed: " : "added: ") + address(address) + " on "
                + name(address.index()));
    }

    @NetlinkListener(connection = "route")
    void onRoute(RouteMessage route) {
        StringBuilder b = new StringBuilder("route ").append(route.type() == RTM_DELROUTE ? "removed: " : "added: ")
                .append(destination(route));
        if (route.gateway() != null) {
            b.append(" via ").append(AddressText.of(route.gateway()));
        }
        if (route.outputInterface() != null) {
            b.append(" dev ").append(name(route.outputInterface()));
        }
        route.nextHops().forEach(h -> b.append(" nexthop").append(h.gateway() == null ? "" : " via " + AddressText.of(h.gateway()))
                .append(" dev ").append(name(h.index())));
        if (route.table() != RT_TABLE_MAIN) {
            b.append(" table ").append(route.table() == RT_TABLE_LOCAL ? "local" : Integer.toUnsignedString(route.table()));
        }
        line(b.toString());
    }

    @NetlinkListener(connection = "route")
    void onNeighbor(NeighborMessage neighbor) {
        line("neighbour " + (neighbor.type() == RTM_DELNEIGH ? "removed: " : "changed: ")
                + AddressText.of(neighbor.destination())
                + (neighbor.linkLayerAddress() == null ? "" : " lladdr " + neighbor.linkLayerAddress())
                + " dev " + name(neighbor.index()) + " state " + neighbor.stateName());
    }

    /** Notifications were lost: say so, then read the whole state again. */
    @EventListener
    void onOverrun(NetlinkOverrunEvent overrun) {
        line("overrun on connection '" + overrun.connection() + "': the kernel dropped notifications; re-reading the state");
        printTable();
    }

    private void remember(LinkMessage l) {
        names.put(l.index(), l.name() == null ? "#" + l.index() : l.name());
        up.put(l.index(), l.hasFlags(LinkMessage.IFF_UP));
    }

    private String name(Integer index) {
        return index == null ? "?" : names.getOrDefault(index, "#" + index);
    }

    private static String destination(RouteMessage route) {
        if (route.destination() == null) {
            return route.destinationLength() == 0 ? "default" : "?/" + route.destinationLength();
        }
        int bits = route.destination().getAddress().length * 8;
        String text = AddressText.of(route.destination());
        return route.destinationLength() == bits ? text : text + "/" + route.destinationLength();
    }

    private static String address(AddressMessage a) {
        var address = a.local() != null ? a.local() : a.address();
        return AddressText.of(address) + "/" + a.prefixLength();
    }

    private void line(String text) {
        out.println(TIME.format(Instant.now()) + " " + text);
        out.flush();
    }
}
