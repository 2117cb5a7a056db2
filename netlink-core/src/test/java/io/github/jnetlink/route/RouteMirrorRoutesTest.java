package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.route.RouteMirrorKeys.RouteKey;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RouteMirrorRoutes} against a {@code LinkedHashMap} of {@link RouteKey}s, the structure it replaces: random
 * adds, replaces, removals by key and by iterator, and clears over a small key space (so that keys collide, repeat
 * and leave holes), compared entry by entry and in order after every step.
 */
class RouteMirrorRoutesTest {

    private static InetAddress ip(String text) {
        return RouteMirrorTest.ip(text);
    }

    /** A route of a key space of a few thousand keys, IPv4 and IPv6, with fields outside the key varying too. */
    private static RouteMessage route(Random random) {
        boolean v6 = random.nextInt(3) == 0;
        int table = random.nextBoolean() ? RouteMessage.RT_TABLE_MAIN : 100 + random.nextInt(2);
        int length = random.nextInt(4) == 0 ? 0 : 8 + random.nextInt(3) * 8;
        RouteMessage.Builder b = RouteMessage.builder().table(table).destinationLength(length)
                .protocol(random.nextInt(4)).priority(random.nextInt(4) == 0 ? null : random.nextInt(3));
        if (v6) {
            b.family(AddressFamily.INET6);
            if (length > 0) {
                b.destination(ip("fd00:" + random.nextInt(40) + "::"));
            }
            if (random.nextBoolean()) {
                b.addNextHop(NextHop.of(ip("fe80::" + (1 + random.nextInt(3))), 1 + random.nextInt(3), 1))
                        .addNextHop(NextHop.of(ip("fe80::9"), 4, 1));
            } else {
                b.outputInterface(1 + random.nextInt(3)).gateway(random.nextBoolean() ? ip("fe80::" + (1 + random.nextInt(3))) : null);
            }
        } else {
            b.family(AddressFamily.INET).tos(random.nextInt(4) == 0 ? 0x10 : 0).outputInterface(1 + random.nextInt(3));
            if (length > 0) {
                b.destination(ip("10." + random.nextInt(60) + ".0.0"));
            }
        }
        return b.build();
    }

    @Test
    void aKeysHashAndEqualityAreThoseOfTheRouteItIsMadeFrom() {
        Random random = new Random(7);
        List<RouteMessage> routes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            routes.add(route(random));
        }
        for (int i = 0; i < routes.size(); i++) {
            RouteMessage a = routes.get(i);
            RouteKey ka = RouteMirrorKeys.route(a);
            assertThat(RouteMirrorKeys.routeHash(a)).isEqualTo(ka.hashCode());
            assertThat(RouteMirrorKeys.routeKeyOf(ka, a)).isTrue();
            RouteMessage b = routes.get((i * 31 + 7) % routes.size());
            RouteKey kb = RouteMirrorKeys.route(b);
            assertThat(RouteMirrorKeys.sameRouteKey(a, b)).as(a + " / " + b).isEqualTo(ka.equals(kb));
            assertThat(RouteMirrorKeys.routeKeyOf(ka, b)).isEqualTo(ka.equals(kb));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void behavesAsALinkedHashMapOfKeys(long seed) {
        Random random = new Random(seed);
        RouteMirrorRoutes routes = new RouteMirrorRoutes(random.nextInt(64));
        Map<Object, Object> model = new LinkedHashMap<>();
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(100);
            RouteMessage r = route(random);
            RouteKey key = RouteMirrorKeys.route(r);
            if (op < 45) {
                assertThat(routes.add(r)).isEqualTo(model.put(key, r));
            } else if (op < 55) {
                assertThat(routes.put(key, r)).isEqualTo(model.put(key, r));
            } else if (op < 80) {
                assertThat(routes.remove(key)).isEqualTo(model.remove(key));
            } else if (op < 95) {
                assertThat(routes.get(key)).isEqualTo(model.get(key));
                assertThat(routes.containsKey(key)).isEqualTo(model.containsKey(key));
            } else if (op < 99) {
                // removal while iterating, as the mirror's removeWhere does
                int modulus = 2 + random.nextInt(5);
                int i = 0;
                for (Iterator<Map.Entry<Object, Object>> it = routes.entrySet().iterator(); it.hasNext(); i++) {
                    Map.Entry<Object, Object> e = it.next();
                    if (i % modulus == 0) {
                        it.remove();
                        assertThat(model.remove(e.getKey())).isSameAs(e.getValue());
                    }
                }
            } else if (random.nextInt(20) == 0) {
                routes.clear();
                model.clear();
            }
            assertThat(routes.size()).isEqualTo(model.size());
            if (step % 97 == 0) {
                assertThat(new ArrayList<>(routes.values())).containsExactlyElementsOf(new ArrayList<>(model.values()));
                assertThat(new ArrayList<>(routes.entrySet())).containsExactlyElementsOf(new ArrayList<>(model.entrySet()));
            }
        }
        assertThat(new ArrayList<>(routes.values())).containsExactlyElementsOf(new ArrayList<>(model.values()));
    }

    @Test
    void growsFromEmptyToAHundredThousandRoutesAndBack() {
        RouteMirrorRoutes routes = new RouteMirrorRoutes();
        List<RouteMessage> all = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            RouteMessage r = RouteMessage.of(ip("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255)), 32, null, 1);
            all.add(r);
            assertThat(routes.add(r)).isNull();
        }
        assertThat(routes).hasSize(100_000);
        assertThat(routes.values().toArray()).containsExactly(all.toArray());
        for (int i = 0; i < 100_000; i += 2) {
            assertThat(routes.remove(RouteMirrorKeys.route(all.get(i)))).isSameAs(all.get(i));
        }
        assertThat(routes).hasSize(50_000);
        for (int i = 1; i < 100_000; i += 2) {
            assertThat(routes.get(RouteMirrorKeys.route(all.get(i)))).isSameAs(all.get(i));
        }
    }

    @Test
    void aKeyThatIsNotTheRoutesOwnIsRefused() {
        RouteMirrorRoutes routes = new RouteMirrorRoutes();
        RouteMessage a = RouteMessage.of(ip("10.0.0.0"), 8, null, 1);
        RouteMessage b = RouteMessage.of(ip("10.1.0.0"), 16, null, 1);
        assertThatThrownBy(() -> routes.put(RouteMirrorKeys.route(a), b)).isInstanceOf(IllegalArgumentException.class);
        assertThat(routes.get("not a key")).isNull();
        assertThat(routes.remove(42)).isNull();
    }
}
