package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A fed mirror whose feeder lags: the kernel has moved on while notifications still wait in the feeder's socket. A
 * resync's dump then shows a later state than those notifications; the mirror must never let them take it back, so a
 * listener never sees a link go up and then down again when it only went up.
 */
@NetlinkNamespace(scope = NetlinkNamespace.Scope.METHOD)
class RouteMirrorOrderKernelTest {

    private static final Duration CONVERGE = Duration.ofSeconds(20);

    private static Conn events(Netns ns) {
        Conn events = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        for (RouteGroup g : RouteMirror.GROUPS) {
            events.joinGroup(g.group());
        }
        return events;
    }

    @Test
    void aTargetedResyncAheadOfTheStreamOnlyFillsInTheVethPeer(Netns ns) throws Exception {
        try (Conn events = events(ns); Conn requests = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
                RouteMirror mirror = RouteMirror.fed(requests)) {
            mirror.start();
            List<RouteMirrorChange> changes = new CopyOnWriteArrayList<>();
            mirror.addListener(changes::add);
            ns.ip("link add oa type veth peer name ob");
            List<Message> queued = new ArrayList<>(RouteMirrorTest.drain(events));
            // the first veth announced says IFLA_LINK 0: its peer did not exist yet
            int first = -1;
            for (int i = 0; i < queued.size() && first < 0; i++) {
                Message m = queued.get(i);
                if (m.header().type() == RouteMessageType.RTM_NEWLINK) {
                    LinkMessage l = LinkMessage.decode(m);
                    if (l.link() != null && l.link() == 0) {
                        first = i;
                    }
                }
            }
            assertThat(first).as("a veth announced before its peer existed").isNotNegative();
            String early = LinkMessage.decode(queued.get(first)).name();
            String late = early.equals("oa") ? "ob" : "oa";
            // the feeder hands over that one message and stalls; the kernel moves on meanwhile
            for (int i = 0; i <= first; i++) {
                mirror.accept(queued.get(i));
            }
            ns.ip("link set " + early + " up");
            ns.ip("link set " + late + " up");
            ns.ip("link set " + late + " mtu 1400");
            long end = System.nanoTime() + CONVERGE.toNanos();
            while (mirror.targetedResyncs() == 0 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(mirror.targetedResyncs()).as("the peer made a targeted resync").isPositive();
            RouteMirrorSnapshot mid = mirror.snapshot();
            LinkMessage earlyNow = mid.link(early).orElseThrow();
            assertThat(earlyNow.link()).as("the peer filled in from the dump").isNotNull().isNotZero();
            assertThat(earlyNow.hasFlags(LinkMessage.IFF_UP)).as("the state of its first notification, not the dump's")
                    .isFalse();
            assertThat(mid.link(late)).as("a link the stream has not announced yet").isEmpty();

            // the feeder catches up
            queued.subList(first + 1, queued.size()).forEach(mirror::accept);
            RouteMirrorTest.drain(events).forEach(mirror::accept);
            RouteMirrorSnapshot done = mirror.snapshot();
            assertThat(done.link(late).orElseThrow().mtu()).isEqualTo(1400);
            assertThat(done.link(early).orElseThrow().link()).isEqualTo(done.link(late).orElseThrow().index());
            for (String name : List.of(early, late)) {
                List<Boolean> up = changes.stream()
                        .filter(c -> c.kind() == RouteMirrorChange.Kind.LINK && !(c instanceof RouteMirrorChange.Removed))
                        .filter(c -> name.equals(c.link().name())).map(c -> c.link().hasFlags(LinkMessage.IFF_UP)).toList();
                assertThat(up).as("IFF_UP of " + name + ", change by change").isNotEmpty().isSorted().endsWith(true);
            }
            assertThat(changes).filteredOn(RouteMirrorChange::resync)
                    .allSatisfy(c -> assertThat(c.link().name()).isEqualTo(early))
                    .hasSize(1);
        }
    }

    @Test
    void aFeederThatSaysIdleIsWaitedForBeforeTheResync(Netns ns) throws Exception {
        try (Conn events = events(ns); Conn requests = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
                RouteMirror mirror = RouteMirror.fed(requests)) {
            mirror.start();
            assertThat(mirror.resyncPending()).isFalse();
            mirror.idle(); // nothing due: a no-op, but the mirror now knows its feeder says when it is idle
            List<RouteMirrorChange> changes = new CopyOnWriteArrayList<>();
            mirror.addListener(changes::add);
            ns.ip("link add ia type veth peer name ib");
            List<Message> lostOnes = RouteMirrorTest.drain(events);
            assertThat(lostOnes).isNotEmpty();
            mirror.lost(); // the feeder dropped them
            assertThat(mirror.resyncPending()).isTrue();
            ns.ip("link set ia up");
            // a quiet spell of 50 ms no longer makes the resync: the feeder has not said its socket is empty
            Thread.sleep(300);
            assertThat(mirror.resyncs()).isZero();
            assertThat(mirror.isSynced()).isFalse();
            RouteMirrorTest.drain(events).forEach(mirror::accept);
            mirror.idle();
            assertThat(mirror.awaitSynced(CONVERGE)).isTrue();
            assertThat(mirror.resyncs()).isEqualTo(1);
            assertThat(mirror.resyncPending()).isFalse();
            RouteMirrorSnapshot s = mirror.snapshot();
            assertThat(s.link("ia").orElseThrow().hasFlags(LinkMessage.IFF_UP)).isTrue();
            assertThat(s.link("ib")).isPresent();
            assertThat(changes).filteredOn(c -> c.kind() == RouteMirrorChange.Kind.LINK)
                    .anySatisfy(c -> assertThat(c.resync()).isTrue());
        }
    }

    @Test
    void withoutIdleALostFedMirrorStillResyncsByItself(Netns ns) throws Exception {
        try (Conn events = events(ns); Conn requests = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
                RouteMirror mirror = RouteMirror.fed(requests)) {
            mirror.start();
            mirror.idle();
            ns.ip("link add fa type veth peer name fb");
            RouteMirrorTest.drain(events);
            mirror.lost();
            // a feeder that never finds its socket empty: the mirror resyncs 1 s after the loss anyway
            assertThat(mirror.awaitSynced(CONVERGE)).isTrue();
            assertThat(mirror.resyncs()).isEqualTo(1);
            assertThat(mirror.snapshot().link("fa")).isPresent();
        }
    }
}
