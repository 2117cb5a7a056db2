package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The snapshot's route order: {@code sortRoutes}, with its packed IPv4 sort and its shortcut for routes already in
 * order, gives exactly what {@link RouteMirrorKeys#ROUTE_ORDER} does, for shuffled routes, routes in the kernel's
 * order, and routes in that order but for one.
 */
class RouteMirrorKeysTest {

    private static InetAddress v4(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static List<RouteMessage> routes(Random random, int n, boolean distinct) {
        List<RouteMessage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int d = distinct ? i * 3 : random.nextInt(n / 4 + 1);
            out.add(RouteMessage.builder().family(AddressFamily.INET).table(random.nextInt(8) == 0 ? 100 : 254)
                    .destination(v4(d)).destinationLength(distinct ? 32 : 24 + random.nextInt(9))
                    .tos(distinct ? 0 : random.nextInt(2) * 0x10).priority(distinct ? null : random.nextInt(3))
                    .outputInterface(1).build());
        }
        return out;
    }

    @ParameterizedTest(name = "{0} routes, {1}")
    @CsvSource({"1, shuffled", "2, shuffled", "500, shuffled", "5000, shuffled", "5000, kernel order",
            "5000, kernel order but one", "5000, with ties", "5000, with ties in order",
            "5000, with ties in order but one tie"})
    void sortRoutesIsRouteOrder(int n, String shape) {
        Random random = new Random(n * 31L + shape.hashCode());
        List<RouteMessage> routes = routes(random, n, !shape.startsWith("with ties"));
        List<RouteMessage> expected = new ArrayList<>(routes);
        expected.sort(RouteMirrorKeys.ROUTE_ORDER);
        List<RouteMessage> input = new ArrayList<>(shape.startsWith("kernel order") || shape.contains("in order") ? expected
                : routes);
        if (shape.equals("shuffled") || shape.equals("with ties")) {
            Collections.shuffle(input, random);
        } else if (shape.equals("kernel order but one") && n > 2) {
            Collections.swap(input, n / 3, n / 3 + 1);
        } else if (shape.endsWith("but one tie")) {
            // two routes to one prefix of one table, told apart only by tos or priority, the wrong way round
            int i = n / 3;
            while (!(input.get(i).table() == input.get(i + 1).table()
                    && input.get(i).destination().equals(input.get(i + 1).destination())
                    && input.get(i).destinationLength() == input.get(i + 1).destinationLength())) {
                i++;
            }
            Collections.swap(input, i, i + 1);
        }
        RouteMirrorKeys.sortRoutes(input);
        assertThat(input).containsExactlyElementsOf(expected);
    }
}
