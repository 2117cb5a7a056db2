package io.github.jnetlink.sample;

import io.github.jnetlink.autoconfigure.NetlinkListener;
import io.github.jnetlink.autoconfigure.NetlinkOverrunEvent;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.NeighborMessage;
import io.github.jnetlink.route.NexthopMessage;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMirror;
import io.github.jnetlink.route.RouteMirrorChange;
import io.github.jnetlink.route.RouteMirrorSnapshot;
import io.github.jnetlink.route.RuleMessage;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Prints the interfaces and addresses once, from the {@code route} connection's {@link RouteMirror}, then one line
 * per change of a link, address, route or neighbour as the mirror reports it. The mirror heals what an overrun lost:
 * those changes are printed like any other, marked {@code (resync)}, then how many there were.
 */
@Component
class NetworkMonitor implements ApplicationRunner {

    private static final int RT_TABLE_MAIN = 254;
    private static final int RT_TABLE_LOCAL = 255;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final RouteMirror mirror;
    private final PrintStream out = System.out;
    /** Link names by index, kept from the mirror's link changes, to name the device of other changes. */
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    /** Whether the table is printed: changes before that are in it. */
    private volatile boolean live;
    private final AtomicBoolean resyncing = new AtomicBoolean();
    private final AtomicInteger resyncChanges = new AtomicInteger();

    NetworkMonitor(@Qualifier("routeMirror") RouteMirror mirror) {
        this.mirror = mirror;
    }

    @Override
    public void run(ApplicationArguments args) {
        printTable();
        live = true;
        out.println("watching for link, address, route and neighbour changes (Ctrl-C to stop)");
        out.flush();
    }

    /** Prints the mirror's links and addresses as a table. */
    synchronized void printTable() {
        RouteMirrorSnapshot now = mirror.snapshot();
        Map<Integer, List<String>> addresses = new TreeMap<>();
        for (AddressMessage a : now.addresses()) {
            addresses.computeIfAbsent(a.index(), i -> new ArrayList<>()).add(address(a));
        }
        out.printf("%-6s %-16s %-15s %-6s %-18s %s%n", "INDEX", "NAME", "STATE", "MTU", "MAC", "ADDRESSES");
        for (LinkMessage l : now.links()) {
            names.put(l.index(), name(l));
            out.printf("%-6d %-16s %-15s %-6s %-18s %s%n", l.index(), l.name(), l.operStateName(),
                    l.mtu() == null ? "-" : l.mtu(), l.address() == null ? "-" : l.address(),
                    String.join(" ", addresses.getOrDefault(l.index(), List.of())));
        }
        out.flush();
    }

    @NetlinkListener(connection = "route")
    void onChange(RouteMirrorChange change) {
        if (change.kind() == RouteMirrorChange.Kind.LINK && change.after() != null) {
            names.put(change.link().index(), name(change.link()));
        }
        if (!live) {
            return;
        }
        String text = switch (change.kind()) {
            case LINK -> link(change);
            case ADDRESS -> "address " + verb(change, "added", "changed", "removed") + ": " + address(change.address())
                    + " on " + name(change.address().index());
            case ROUTE -> "route " + verb(change, "added", "changed", "removed") + ": " + route(change.route());
            case NEIGHBOR -> neighbor(change);
            case RULE -> "rule " + verb(change, "added", "changed", "removed") + ": " + rule(change.rule());
            case NEXTHOP -> "nexthop " + verb(change, "added", "changed", "removed") + ": " + nexthop(change.nexthop());
        };
        if (change.kind() == RouteMirrorChange.Kind.LINK && change.after() == null) {
            names.remove(change.link().index());
        }
        if (change.resync()) {
            resyncChanges.incrementAndGet();
            text += " (resync)";
        }
        line(text);
    }

    /** Notifications were lost: say so; the mirror dumps again by itself, and once it has, say how much it found. */
    @EventListener
    void onOverrun(NetlinkOverrunEvent overrun) {
        line("overrun on connection '" + overrun.connection() + "': the kernel dropped notifications; the mirror resyncs");
        if (resyncing.compareAndSet(false, true)) {
            resyncChanges.set(0);
            Thread waiter = new Thread(() -> {
                try {
                    if (mirror.awaitSynced(Duration.ofSeconds(60))) {
                        line("resynced: " + resyncChanges.get() + " changes");
                    }
                } finally {
                    resyncing.set(false);
                }
            }, "sample-resync");
            waiter.setDaemon(true);
            waiter.start();
        }
    }

    private String link(RouteMirrorChange change) {
        LinkMessage link = change.link();
        String name = name(link);
        if (change instanceof RouteMirrorChange.Removed) {
            return "link removed: " + name + " (index " + link.index() + ")";
        }
        if (change instanceof RouteMirrorChange.Added) {
            return "link added: " + name + " (index " + link.index() + (link.kind() == null ? "" : ", " + link.kind())
                    + ", " + (link.hasFlags(LinkMessage.IFF_UP) ? "up" : "down") + ", mtu " + link.mtu() + ")";
        }
        boolean wasUp = ((LinkMessage) change.before()).hasFlags(LinkMessage.IFF_UP);
        boolean isUp = link.hasFlags(LinkMessage.IFF_UP);
        if (wasUp != isUp) {
            return "link " + (isUp ? "up" : "down") + ": " + name + " (state " + link.operStateName() + ")";
        }
        return "link changed: " + name + " (state " + link.operStateName() + ", mtu " + link.mtu() + ")";
    }

    private String neighbor(RouteMirrorChange change) {
        NeighborMessage n = change.neighbor();
        return "neighbour " + verb(change, "added", "changed", "removed") + ": " + AddressText.of(n.destination())
                + (n.linkLayerAddress() == null ? "" : " lladdr " + n.linkLayerAddress())
                + " dev " + name(n.index()) + " state " + n.stateName();
    }

    private String route(RouteMessage route) {
        StringBuilder b = new StringBuilder(destination(route));
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
        return b.toString();
    }

    private static String rule(RuleMessage r) {
        StringBuilder b = new StringBuilder(r.priority() == null ? "" : Integer.toUnsignedString(r.priority()) + ": ");
        b.append("from ").append(r.source() == null ? "all" : AddressText.of(r.source()) + "/" + r.sourceLength());
        if (r.destination() != null) {
            b.append(" to ").append(AddressText.of(r.destination())).append('/').append(r.destinationLength());
        }
        if (r.inputInterface() != null) {
            b.append(" iif ").append(r.inputInterface());
        }
        return b.append(" lookup ").append(Integer.toUnsignedString(r.table())).toString();
    }

    private String nexthop(NexthopMessage n) {
        StringBuilder b = new StringBuilder("id ").append(Integer.toUnsignedString(n.id()));
        if (!n.group().isEmpty()) {
            b.append(" group");
            n.group().forEach(m -> b.append(' ').append(Integer.toUnsignedString(m.id())));
        } else if (n.blackhole()) {
            b.append(" blackhole");
        } else {
            if (n.gateway() != null) {
                b.append(" via ").append(AddressText.of(n.gateway()));
            }
            b.append(" dev ").append(name(n.index()));
        }
        return b.toString();
    }

    private static String verb(RouteMirrorChange change, String added, String changed, String removed) {
        return change instanceof RouteMirrorChange.Added ? added : change instanceof RouteMirrorChange.Changed ? changed : removed;
    }

    private static String name(LinkMessage l) {
        return l.name() == null ? "#" + l.index() : l.name();
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
        synchronized (out) {
            out.println(TIME.format(Instant.now()) + " " + text);
            out.flush();
        }
    }
}
