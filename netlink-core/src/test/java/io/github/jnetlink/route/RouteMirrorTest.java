package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.ConnObserver;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.route.RouteMirrorChange.Kind;
import io.github.jnetlink.test.FakeRouteKernel;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RouteMirror} over {@link FakeRouteKernel}: the barrier of the first dump, the deletions the kernel does not
 * notify, healing after lost notifications, and the change stream: replaying a listener's changes onto the snapshot
 * it started from gives the mirror's final state.
 */
class RouteMirrorTest {

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Every entry of a snapshot by kind and key. */
    static Map<Object, Object> index(RouteMirrorSnapshot s) {
        Map<Object, Object> out = new LinkedHashMap<>();
        s.links().forEach(e -> out.put(List.of(Kind.LINK, RouteMirrorKeys.key(Kind.LINK, e)), e));
        s.addresses().forEach(e -> out.put(List.of(Kind.ADDRESS, RouteMirrorKeys.key(Kind.ADDRESS, e)), e));
        s.routes().forEach(e -> out.put(List.of(Kind.ROUTE, RouteMirrorKeys.key(Kind.ROUTE, e)), e));
        s.neighbors().forEach(e -> out.put(List.of(Kind.NEIGHBOR, RouteMirrorKeys.key(Kind.NEIGHBOR, e)), e));
        s.rules().forEach(e -> out.put(List.of(Kind.RULE, RouteMirrorKeys.key(Kind.RULE, e)), e));
        s.nexthops().forEach(e -> out.put(List.of(Kind.NEXTHOP, RouteMirrorKeys.key(Kind.NEXTHOP, e)), e));
        return out;
    }

    /** Applies changes, in order, to a snapshot; fails on a change that does not fit (a double add, a stray remove). */
    static Map<Object, Object> replay(RouteMirrorSnapshot start, List<RouteMirrorChange> changes) {
        Map<Object, Object> state = index(start);
        for (RouteMirrorChange c : changes) {
            List<Object> key = List.of(c.kind(), RouteMirrorKeys.key(c.kind(), c.entry()));
            if (c instanceof RouteMirrorChange.Added a) {
                assertThat(state.put(key, a.after())).as("added twice: %s", c).isNull();
            } else if (c instanceof RouteMirrorChange.Changed ch) {
                assertThat(state.put(key, ch.after())).as("changed unknown: %s", c).isNotNull();
            } else {
                assertThat(state.remove(key)).as("removed unknown: %s", c).isNotNull();
            }
        }
        return state;
    }

    /** Asserts two indexes hold the same keys, in the same state. */
    static void assertSameState(Map<Object, Object> actual, Map<Object, Object> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<Object, Object> e : expected.entrySet()) {
            Kind kind = (Kind) ((List<?>) e.getKey()).get(0);
            assertThat(RouteMirrorKeys.sameState(kind, actual.get(e.getKey()), e.getValue()))
                    .as("%s: %s versus %s", e.getKey(), actual.get(e.getKey()), e.getValue()).isTrue();
        }
    }

    static Map<Object, Object> index(FakeRouteKernel fake) {
        return index(new RouteMirrorSnapshot(fake.links(), fake.addresses(), fake.routes(), fake.neighbors(),
                fake.rules(), fake.nexthops()));
    }

    static void eventually(Supplier<Boolean> condition, String what) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("timed out waiting: " + what).isLessThan(end);
            Thread.sleep(5);
        }
    }

    static void eventuallySame(RouteMirror mirror, FakeRouteKernel fake) throws InterruptedException {
        eventually(() -> {
            try {
                assertSameState(index(mirror.snapshot()), index(fake));
                return true;
            } catch (AssertionError e) {
                return false;
            }
        }, "the mirror to match the fake");
        RouteMirrorSnapshot now = mirror.snapshot();
        assertSameState(index(now), index(fake));
        // the counts without a snapshot are the snapshot's
        assertThat(List.of(mirror.size(RouteMirrorChange.Kind.LINK), mirror.size(RouteMirrorChange.Kind.ADDRESS),
                mirror.size(RouteMirrorChange.Kind.ROUTE), mirror.size(RouteMirrorChange.Kind.NEIGHBOR)))
                .isEqualTo(List.of(now.links().size(), now.addresses().size(), now.routes().size(), now.neighbors().size()));
    }

    static int groupsMask() {
        int mask = 0;
        for (RouteGroup g : List.of(RouteGroup.LINK, RouteGroup.IPV4_IFADDR, RouteGroup.IPV6_IFADDR,
                RouteGroup.IPV4_ROUTE, RouteGroup.IPV6_ROUTE, RouteGroup.NEIGH)) {
            mask |= 1 << (g.group() - 1);
        }
        return mask;
    }

    /** Receives every notification waiting on a connection. */
    static List<Message> drain(Conn events) {
        List<Message> out = new ArrayList<>();
        while (true) {
            events.setReadDeadline(Instant.now().plusMillis(20));
            try {
                out.addAll(events.receive());
            } catch (NetlinkTimeoutException e) {
                return out;
            }
        }
    }

    static void populate(RouteClient rt, FakeRouteKernel fake) {
        rt.addVeth("a0", "b0");
        rt.setLinkUp(fake.link("a0").orElseThrow().index());
        rt.setLinkUp(fake.link("b0").orElseThrow().index());
        int a0 = fake.link("a0").orElseThrow().index();
        rt.addAddress(a0, ip("10.0.0.1"), 24);
        rt.addAddress(a0, ip("fd00::1"), 64);
        rt.addRoute(ip("10.1.0.0"), 16, null, a0);
        rt.addRoute(RouteMessage.of(ip("10.2.0.0"), 16, null, a0).toBuilder().table(100).build());
        rt.addRoute(ip("fd01::"), 64, null, a0);
        fake.addNeighbor(NeighborMessage.builder().family(AddressFamily.INET).index(a0)
                .state(NeighborMessage.NUD_PERMANENT).destination(ip("10.0.0.9"))
                .linkLayerAddress(MacAddress.parse("02:00:00:00:00:09")).build());
    }

    @Test
    void theFirstDumpArrivesAsAdditionsAndTheMirrorMatchesTheKernel() {
        try (FakeRouteKernel fake = FakeRouteKernel.create(); Conn conn = fake.dial(); Conn requests = fake.dial()) {
            populate(new RouteClient(conn), fake);
            RouteMirror mirror = RouteMirror.fed(requests);
            List<RouteMirrorChange> changes = new CopyOnWriteArrayList<>();
            assertThat(mirror.addListener(changes::add)).isEqualTo(RouteMirrorSnapshot.EMPTY);
            assertThat(mirror.isSynced()).isFalse();
            mirror.start();
            assertThat(mirror.isSynced()).isTrue();
            assertThat(mirror.awaitSynced(Duration.ZERO)).isTrue();
            assertSameState(index(mirror.snapshot()), index(fake));
            assertThat(changes).allMatch(c -> c instanceof RouteMirrorChange.Added && !c.resync());
            assertSameState(replay(RouteMirrorSnapshot.EMPTY, changes), index(fake));
            RouteMirrorSnapshot s = mirror.snapshot();
            assertThat(mirror.snapshot()).isSameAs(s);
            assertThat(s.link("a0")).isPresent();
            assertThat(s.routes(100)).extracting(RouteMessage::destinationString).containsExactly("10.2.0.0/16");
            assertThat(s.routeTo(ip("10.1.2.3"))).map(RouteMessage::destinationString).contains("10.1.0.0/16");
            assertThat(s.routeTo(ip("10.2.2.3"))).isEmpty();
            assertThat(s.neighbors(s.link("a0").orElseThrow().index())).hasSize(1);
            mirror.close();
        }
    }

    @Test
    void aChangeMadeWhileTheFirstDumpsRunIsNeitherLostNorDoubled() throws Exception {
        try (FakeRouteKernel fake = FakeRouteKernel.create(); Conn conn = fake.dial();
                Conn events = fake.dial(Config.DEFAULT.withGroups(groupsMask()))) {
            RouteClient rt = new RouteClient(conn);
            rt.addVeth("a0", "b0");
            drain(events);
            AtomicReferenceMirror holder = new AtomicReferenceMirror();
            AtomicInteger dumps = new AtomicInteger();
            ConnObserver between = new ConnObserver() {
                @Override
                public void executed(Message request, long nanos, RuntimeException failure) {
                    if (dumps.incrementAndGet() == 1) {
                        // after the link dump, before the address dump: a link and an address appear
                        rt.addVeth("c0", "d0");
                        rt.setLinkUp(fake.link("c0").orElseThrow().index());
                        rt.addAddress(fake.link("c0").orElseThrow().index(), ip("10.9.0.1"), 24);
                        drain(events).forEach(holder.mirror::accept);
                    }
                }
            };
            try (Conn requests = fake.dial(Config.DEFAULT.withObserver(between))) {
                holder.mirror = RouteMirror.fed(requests);
                List<RouteMirrorChange> changes = new CopyOnWriteArrayList<>();
                holder.mirror.addListener(changes::add);
                holder.mirror.start();
                eventuallySame(holder.mirror, fake);
                assertThat(changes.stream().filter(c -> c.kind() == Kind.ADDRESS)).hasSize(1);
                assertThat(changes.stream().filter(c -> c instanceof RouteMirrorChange.Added && c.kind() == Kind.LINK))
                        .extracting(c -> c.link().name()).containsExactlyInAnyOrder("lo", "a0", "b0", "c0", "d0");
                assertSameState(replay(RouteMirrorSnapshot.EMPTY, changes), index(fake));
                holder.mirror.close();
            }
        }
    }

    static final class AtomicReferenceMirror {
        volatile RouteMirror mirror;
    }

    @Test
    void deletingALinkTakesItsAddressesRoutesAndNeighboursAndGoingDownItsIpv4Routes() throws Exception {
        try (FakeRouteKernel fake = FakeRouteKernel.create(); Conn conn = fake.dial(); Conn requests = fake.dial();
                Conn events = fake.dial()) {
            RouteClient rt = new RouteClient(conn);
            try (RouteMirror mirror = RouteMirror.open(events, requests)) {
                assertThat(mirror.awaitSynced(Duration.ofSeconds(5))).isTrue();
                List<RouteMirrorChange> changes = new CopyOnWriteArrayList<>();
                RouteMirrorSnapshot start = mirror.addListener(changes::add);
                populate(rt, fake);
                eventuallySame(mirror, fake);
                int a0 = fake.link("a0").orElseThrow().index();

                rt.setLinkDown(a0);
                eventually(() -> mirror.snapshot().link(a0).map(l -> !l.hasFlags(LinkMessage.IFF_UP)).orElse(false)
                        && mirror.snapshot().routes().stream().noneMatch(r -> r.family() == AddressFamily.INET
                                && RouteMirrorKeys.uses(r, a0)), "a0 down");
                eventuallySame(mirror, fake);

                rt.setLinkUp(a0);
                rt.addRoute(ip("10.1.0.0"), 16, null, a0);
                rt.addRoute(RouteMessage.of(ip("10.2.0.0"), 16, null, a0).toBuilder().table(200).build());
                fake.removeLink("a0");
                eventually(() -> mirror.snapshot().link(a0).isEmpty() && mirror.snapshot().link("b0").isEmpty(),
                        "a0 gone");
                eventuallySame(mirror, fake);
                RouteMirrorSnapshot end = mirror.snapshot();
                assertThat(end.addresses(a0)).isEmpty();
                assertThat(end.neighbors(a0)).isEmpty();
                assertThat(end.routes()).noneMatch(r -> RouteMirrorKeys.uses(r, a0));
                assertSameState(index(end), index(fake));
                assertSameState(replay(start, changes), index(end));
                // addresses and neighbours went with notifications or with their link; routes may also go in the
                // route dump an address deletion makes, and veth peers' IFLA_LINK only ever comes from a dump
                assertThat(changes).noneMatch(c -> c.resync() && (c.kind() == Kind.ADDRESS || c.kind() == Kind.NEIGHBOR));
            }
        }
    }

    @Test
    void afterLostNotificationsAResyncReportsWhatWasMissedAsResyncChanges() throws Exception {
        try (FakeRouteKernel fake = FakeRouteKernel.create(); Conn conn = fake.dial(); Conn requests = fake.dial();
                Conn events = fake.dial(Config.DEFAULT.withGroups(groupsMask()))) {
            RouteClient rt = new RouteClient(conn);
            populate(rt, fake);
            drain(events);
            RouteMirror mirror = RouteMirror.fed(requests);
            mirror.start();
            List<RouteMirrorChange> changes = new CopyOnWriteArrayList<>();
            RouteMirrorSnapshot start = mirror.addListener(changes::add);
            int a0 = fake.link("a0").orElseThrow().index();

            // lost: a route, an address and a link appear, a neighbour goes, and nobody hears of it
            rt.addRoute(ip("10.3.0.0"), 16, null, a0);
            rt.addAddress(a0, ip("10.0.0.2"), 24);
            rt.addVeth("e0", "f0");
            fake.removeNeighbor(fake.neighbors().get(0));
            rt.deleteRoute(ip("10.1.0.0"), 16, null, a0);
            drain(events);
            // heard: a link goes up
            rt.setLinkUp(fake.link("e0").orElseThrow().index());
            mirror.lost();
            assertThat(mirror.isSynced()).isFalse();
            drain(events).forEach(mirror::accept);
            assertThat(mirror.awaitSynced(Duration.ofSeconds(5))).isTrue();
            assertThat(mirror.resyncs()).isEqualTo(1);
            assertSameState(index(mirror.snapshot()), index(fake));
            assertThat(changes.stream().filter(RouteMirrorChange::resync).map(c -> c.getClass().getSimpleName() + " "
                    + c.kind())).contains("Added ROUTE", "Removed ROUTE", "Added ADDRESS", "Added LINK",
                    "Removed NEIGHBOR");
            assertSameState(replay(start, changes), index(mirror.snapshot()));
            mirror.close();
        }
    }

    @Test
    void aSelfDrivenMirrorHealsAfterAnOverrun() throws Exception {
        try (FakeRouteKernel fake = FakeRouteKernel.create(); Conn conn = fake.dial(); Conn requests = fake.dial();
                Conn events = fake.dial()) {
            conn.setOption(io.github.jnetlink.ConnOption.NO_ENOBUFS, true);
            RouteClient rt = new RouteClient(conn);
            populate(rt, fake);
            try (RouteMirror mirror = RouteMirror.open(events, requests)) {
                assertThat(mirror.awaitSynced(Duration.ofSeconds(5))).isTrue();
                List<RouteMirrorChange> changes = new CopyOnWriteArrayList<>();
                RouteMirrorSnapshot start = mirror.addListener(changes::add);
                int a0 = fake.link("a0").orElseThrow().index();
                for (int i = 0; i < 50; i++) {
                    rt.addRoute(ip("10.10." + i + ".0"), 24, null, a0);
                    if (i % 10 == 0) {
                        fake.kernel().overrun();
                    }
                }
                eventually(() -> mirror.resyncs() >= 1 && mirror.isSynced(), "resynced");
                eventuallySame(mirror, fake);
                assertSameState(replay(start, changes), index(mirror.snapshot()));
                assertThat(mirror.toString()).contains("self-driven", "synced");
            }
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(RouteMirror.THREAD_NAME)
                    && t.isAlive());
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersNorTheMirror() {
        RouteMirror mirror = new RouteMirror();
        AtomicInteger seen = new AtomicInteger();
        mirror.addListener(c -> {
            throw new IllegalStateException("listener bug");
        });
        mirror.addListener(c -> seen.incrementAndGet());
        mirror.accept(LinkMessage.builder().index(7).name("x7").build().toMessage(RouteMessageType.RTM_NEWLINK));
        mirror.accept(LinkMessage.builder().index(8).name("x8").build().toMessage(RouteMessageType.RTM_NEWLINK));
        assertThat(seen).hasValue(2);
        assertThat(mirror.snapshot().links()).extracting(LinkMessage::name).containsExactly("x7", "x8");
    }

    /** Each link event that makes the kernel flush a link's nexthop objects, and what it must not flush. */
    static Stream<Arguments> nexthopFlushes() {
        int up = LinkMessage.IFF_UP | LinkMessage.IFF_RUNNING | LinkMessage.IFF_LOWER_UP;
        return Stream.of(
                Arguments.of("deleted", RouteMessageType.RTM_DELLINK, up, true),
                Arguments.of("down", RouteMessageType.RTM_NEWLINK, 0, true),
                Arguments.of("carrier lost", RouteMessageType.RTM_NEWLINK, LinkMessage.IFF_UP, true),
                Arguments.of("still up", RouteMessageType.RTM_NEWLINK, up, false));
    }

    @ParameterizedTest(name = "link {0}")
    @MethodSource("nexthopFlushes")
    void aLinkEventFlushesItsNexthopObjectsAndTheRoutesUsingThemAsTheKernelDoes(String what, int type, int flags,
            boolean flushed) {
        RouteMirror mirror = new RouteMirror();
        int up = LinkMessage.IFF_UP | LinkMessage.IFF_RUNNING | LinkMessage.IFF_LOWER_UP;
        mirror.accept(LinkMessage.builder().index(3).name("va").flags(up).build().toMessage(RouteMessageType.RTM_NEWLINK));
        mirror.accept(NexthopMessage.builder().id(1).family(AddressFamily.INET).index(3).gateway(ip("10.1.0.2")).build()
                .toMessage(RouteMessageType.RTM_NEWNEXTHOP));
        mirror.accept(NexthopMessage.builder().id(2).blackhole(true).build().toMessage(RouteMessageType.RTM_NEWNEXTHOP));
        mirror.accept(NexthopMessage.builder().id(10).group(List.of(new NexthopMessage.Member(1, 1))).build()
                .toMessage(RouteMessageType.RTM_NEWNEXTHOP));
        mirror.accept(RouteMessage.builder().destination(ip("10.9.0.0")).destinationLength(16).nexthopId(1).build()
                .toMessage(RouteMessageType.RTM_NEWROUTE));
        mirror.accept(RouteMessage.builder().destination(ip("10.10.0.0")).destinationLength(16).nexthopId(2).build()
                .toMessage(RouteMessageType.RTM_NEWROUTE));
        List<RouteMirrorChange> changes = new ArrayList<>();
        mirror.addListener(changes::add);

        mirror.accept(LinkMessage.builder().index(3).name("va").flags(flags).build().toMessage(type));

        RouteMirrorSnapshot s = mirror.snapshot();
        assertThat(s.nexthop(1).isEmpty()).as("nexthop on the link flushed").isEqualTo(flushed);
        assertThat(s.nexthop(2)).as("a blackhole has no link").isPresent();
        assertThat(s.routes()).extracting(RouteMessage::nexthopId)
                .containsExactlyElementsOf(flushed ? List.of(2) : List.of(1, 2));
        assertThat(changes).filteredOn(c -> c.kind() == Kind.NEXTHOP || c.kind() == Kind.ROUTE)
                .allMatch(c -> c instanceof RouteMirrorChange.Removed).hasSize(flushed ? 2 : 0);
    }

    @Test
    void aDeletedNexthopTakesItsRoutesAndDuplicateRulesAreOneEntry() {
        RouteMirror mirror = new RouteMirror();
        mirror.accept(NexthopMessage.builder().id(1).family(AddressFamily.INET).index(3).gateway(ip("10.1.0.2")).build()
                .toMessage(RouteMessageType.RTM_NEWNEXTHOP));
        mirror.accept(RouteMessage.builder().destination(ip("10.9.0.0")).destinationLength(16).nexthopId(1).build()
                .toMessage(RouteMessageType.RTM_NEWROUTE));
        mirror.accept(NexthopMessage.builder().id(1).build().toMessage(RouteMessageType.RTM_DELNEXTHOP));
        assertThat(mirror.snapshot().nexthops()).isEmpty();
        assertThat(mirror.snapshot().routes()).isEmpty();

        RuleMessage rule = RuleMessage.builder().family(AddressFamily.INET).table(100).priority(5).build();
        mirror.accept(rule.toMessage(RouteMessageType.RTM_NEWRULE));
        mirror.accept(rule.toMessage(RouteMessageType.RTM_NEWRULE));
        assertThat(mirror.snapshot().rules(AddressFamily.INET)).containsExactly(rule);
        mirror.accept(rule.toMessage(RouteMessageType.RTM_DELRULE));
        assertThat(mirror.snapshot().rules()).isEmpty();
    }

    @Test
    void bridgePortEventsAndClonesAreIgnoredAndIpv6KeepsSamePrefixRoutesOnEachDevice() {
        RouteMirror mirror = new RouteMirror();
        mirror.accept(LinkMessage.builder().index(3).name("br0").build().toMessage(RouteMessageType.RTM_NEWLINK));
        mirror.accept(LinkMessage.builder().index(3).family(AddressFamily.BRIDGE).name("br0").build()
                .toMessage(RouteMessageType.RTM_DELLINK));
        assertThat(mirror.snapshot().link(3)).isPresent();
        RouteMessage onA = RouteMessage.of(ip("fe80::"), 64, null, 3).toBuilder().priority(256).build();
        RouteMessage onB = onA.toBuilder().outputInterface(4).build();
        mirror.accept(onA.toMessage(RouteMessageType.RTM_NEWROUTE));
        mirror.accept(onB.toMessage(RouteMessageType.RTM_NEWROUTE));
        mirror.accept(onB.toBuilder().flags(RouteMirrorKeys.RTM_F_CLONED).destination(ip("fe80::1"))
                .destinationLength(128).build().toMessage(RouteMessageType.RTM_NEWROUTE));
        assertThat(mirror.snapshot().routes()).hasSize(2);
        // IPv4: same table, prefix, tos and metric is one route; a replace changes it
        RouteMessage v4 = RouteMessage.of(ip("10.0.0.0"), 8, null, 3);
        mirror.accept(v4.toMessage(RouteMessageType.RTM_NEWROUTE));
        mirror.accept(v4.toBuilder().routeType(RouteMessage.RTN_BLACKHOLE).outputInterface(null).build()
                .toMessage(RouteMessageType.RTM_NEWROUTE));
        assertThat(mirror.snapshot().routes(RouteMessage.RT_TABLE_MAIN).stream()
                .filter(r -> r.family() == AddressFamily.INET)).extracting(RouteMessage::routeType)
                .containsExactly(RouteMessage.RTN_BLACKHOLE);
        mirror.accept(LinkMessage.builder().index(3).name("br0").build().toMessage(RouteMessageType.RTM_DELLINK));
        assertThat(mirror.snapshot().routes()).extracting(RouteMessage::outputInterface).containsExactly(null, 4);
    }

    @Test
    void routeToPicksTheLongestPrefixThenTheLowestMetric() {
        RouteMirror mirror = new RouteMirror();
        for (RouteMessage r : List.of(RouteMessage.of(null, 0, ip("10.0.0.254"), 2),
                RouteMessage.of(ip("10.0.0.0"), 8, null, 2).toBuilder().priority(100).build(),
                RouteMessage.of(ip("10.0.0.0"), 8, null, 3).toBuilder().priority(50).build(),
                RouteMessage.of(ip("10.1.0.0"), 16, null, 4).toBuilder().table(100).build(),
                RouteMessage.of(ip("fd00::"), 8, null, 5))) {
            mirror.accept(r.toMessage(RouteMessageType.RTM_NEWROUTE));
        }
        RouteMirrorSnapshot s = mirror.snapshot();
        assertThat(s.routeTo(ip("10.1.2.3")).orElseThrow().outputInterface()).isEqualTo(3);
        assertThat(s.routeTo(ip("192.0.2.1")).orElseThrow().gateway()).isEqualTo(ip("10.0.0.254"));
        assertThat(s.routeTo(ip("fd12::1")).orElseThrow().outputInterface()).isEqualTo(5);
        assertThat(s.routeTo(ip("fe80::1"))).isEmpty();
        assertThat(s.routes(100)).hasSize(1);
        assertThat(s.routes(7)).isEmpty();
    }

    @Test
    void badArgumentsAreRefusedByName() {
        RouteMirror mirror = new RouteMirror();
        assertThatThrownBy(() -> mirror.accept(null)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("notification");
        assertThatThrownBy(() -> mirror.addListener(null)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("listener");
        assertThatThrownBy(() -> mirror.awaitSynced(null)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> RouteMirror.fed(null)).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> RouteMirror.open((Config) null)).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> mirror.snapshot().link(null)).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> mirror.snapshot().routeTo(null)).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> new RouteMirrorChange.Added(Kind.LINK, "x", false))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("LinkMessage");
        assertThatThrownBy(() -> new RouteMirrorChange.Removed(null, "x", false))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("kind");
        assertThatThrownBy(mirror::start).hasMessageContaining("fed(Conn)");
        assertThat(mirror.awaitSynced(Duration.ofMillis(1))).isFalse();
    }

    @Test
    void aMirrorOverTheFakeKeepsItsRulesAndNexthopsThroughAddsDeletesAndALinkGoingDown() throws Exception {
        try (FakeRouteKernel fake = FakeRouteKernel.create(); Conn conn = fake.dial(); Conn requests = fake.dial();
                Conn events = fake.dial()) {
            RouteClient rt = new RouteClient(conn);
            Rules rules = new Rules(conn);
            Nexthops nexthops = new Nexthops(conn);
            populate(rt, fake);
            int a0 = fake.link("a0").orElseThrow().index();
            int b0 = fake.link("b0").orElseThrow().index();
            nexthops.add(NexthopMessage.builder().id(1).family(AddressFamily.INET).index(a0).build());
            rules.add(RuleMessage.builder().priority(100).table(100).outputInterface("b0").build());
            try (RouteMirror mirror = RouteMirror.open(events, requests)) {
                assertThat(mirror.awaitSynced(Duration.ofSeconds(5))).isTrue();
                eventuallySame(mirror, fake);
                assertThat(mirror.snapshot().rules()).hasSize(6);
                assertThat(mirror.snapshot().nexthop(1)).isPresent();

                nexthops.add(NexthopMessage.builder().id(2).family(AddressFamily.INET).gateway(ip("10.0.0.2"))
                        .index(a0).build());
                nexthops.add(NexthopMessage.builder().id(3).family(AddressFamily.INET6).index(b0).build());
                nexthops.add(NexthopMessage.builder().id(10).addMember(1, 1).addMember(2, 2).build());
                nexthops.add(NexthopMessage.builder().id(11).addMember(1, 1).build());
                rt.addRoute(RouteMessage.builder().destination(ip("10.8.0.0")).destinationLength(16).nexthopId(1)
                        .build());
                rt.addRoute(RouteMessage.builder().destination(ip("10.9.0.0")).destinationLength(16).nexthopId(10)
                        .build());
                rt.addRoute(RouteMessage.builder().destination(ip("fd09::")).destinationLength(64).nexthopId(3)
                        .build());
                rules.add(RuleMessage.builder().table(200).build());
                rules.add(RuleMessage.builder().family(AddressFamily.INET6).priority(50).table(100).build());
                eventuallySame(mirror, fake);

                // a delete: group 11 goes, group 10 shrinks, the IPv4 route on 1 goes silently
                nexthops.delete(1);
                rules.delete(RuleMessage.builder().table(200).build());
                eventually(() -> mirror.snapshot().nexthop(11).isEmpty(), "group 11 gone");
                eventuallySame(mirror, fake);
                assertThat(fake.nexthops()).extracting(NexthopMessage::id).containsExactly(2, 3, 10);

                // a0 down flushes 2 and the emptied group 10 silently, and with them the route on 10; b0, its
                // peer, loses carrier, which flushes 3, whose IPv6 route goes with a notification
                rt.setLinkDown(a0);
                eventually(() -> mirror.snapshot().nexthops().isEmpty(), "a0's and b0's nexthops flushed");
                eventuallySame(mirror, fake);
                assertThat(fake.nexthops()).isEmpty();

                // deleting a0 (with b0) flushes b0's nexthop and its IPv6 route; the oif rule detaches
                rt.setLinkUp(a0);
                nexthops.add(NexthopMessage.builder().id(4).family(AddressFamily.INET6).index(b0).build());
                rt.addRoute(RouteMessage.builder().destination(ip("fd09::")).destinationLength(64).nexthopId(4)
                        .build());
                eventuallySame(mirror, fake);
                fake.removeLink("a0");
                eventually(() -> mirror.snapshot().nexthops().isEmpty(), "b0's nexthop flushed");
                eventuallySame(mirror, fake);
                assertThat(fake.rules()).filteredOn(r -> "b0".equals(r.outputInterface()))
                        .allMatch(r -> (r.flags() & RuleMessage.FIB_RULE_OIF_DETACHED) != 0);
                assertThat(fake.routes()).noneMatch(r -> r.nexthopId() != null);
            }
        }
    }
}
