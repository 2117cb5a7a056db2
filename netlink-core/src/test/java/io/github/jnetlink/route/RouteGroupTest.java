package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.NetlinkException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RouteGroupTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "link, LINK, 1",
            "notify, NOTIFY, 2",
            "neigh, NEIGH, 3",
            "tc, TC, 4",
            "ipv4-ifaddr, IPV4_IFADDR, 5",
            "ipv4-mroute, IPV4_MROUTE, 6",
            "ipv4-route, IPV4_ROUTE, 7",
            "ipv4-rule, IPV4_RULE, 8",
            "ipv6-ifaddr, IPV6_IFADDR, 9",
            "ipv6-mroute, IPV6_MROUTE, 10",
            "ipv6-route, IPV6_ROUTE, 11",
            "ipv6-ifinfo, IPV6_IFINFO, 12",
            "decnet-ifaddr, DECNET_IFADDR, 13",
            "decnet-route, DECNET_ROUTE, 15",
            "decnet-rule, DECNET_RULE, 16",
            "ipv6-prefix, IPV6_PREFIX, 18",
            "ipv6-rule, IPV6_RULE, 19",
            "nd-useropt, ND_USEROPT, 20",
            "phonet-ifaddr, PHONET_IFADDR, 21",
            "phonet-route, PHONET_ROUTE, 22",
            "dcb, DCB, 23",
            "ipv4-netconf, IPV4_NETCONF, 24",
            "ipv6-netconf, IPV6_NETCONF, 25",
            "mdb, MDB, 26",
            "mpls-route, MPLS_ROUTE, 27",
            "nsid, NSID, 28",
            "mpls-netconf, MPLS_NETCONF, 29",
            "ipv4-mroute-r, IPV4_MROUTE_R, 30",
            "ipv6-mroute-r, IPV6_MROUTE_R, 31",
            "nexthop, NEXTHOP, 32",
            "brvlan, BRVLAN, 33",
            "mctp-ifaddr, MCTP_IFADDR, 34",
            "tunnel, TUNNEL, 35",
            "stats, STATS, 36",
            "ipv4-mcaddr, IPV4_MCADDR, 37",
            "ipv6-mcaddr, IPV6_MCADDR, 38",
            "ipv6-acaddr, IPV6_ACADDR, 39",
    })
    void namesAndNumbersMatchTheKernelHeader(String kebab, String constant, int number) {
        RouteGroup g = RouteGroup.valueOf(constant);
        assertThat(g.group()).isEqualTo(number);
        assertThat(g.kebabName()).isEqualTo(kebab);
        assertThat(RouteGroup.fromNumber(number)).isSameAs(g);
        assertThat(RouteGroup.fromName(kebab)).isSameAs(g);
        assertThat(RouteGroup.fromName(constant)).isSameAs(g);
        assertThat(RouteGroup.fromName("RTNLGRP_" + constant)).isSameAs(g);
        assertThat(RouteGroup.fromName(g.kernelName())).isSameAs(g);
        assertThat(RouteGroup.fromName(" " + kebab.toUpperCase() + " ")).isSameAs(g);
        assertThat(RouteGroup.fromName("rtnlgrp_" + constant.toLowerCase())).isSameAs(g);
    }

    @Test
    void everyConstantIsListedOnceWithUniqueNumbersAndNames() {
        assertThat(RouteGroup.values()).hasSize(37);
        Set<Integer> numbers = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (RouteGroup g : RouteGroup.values()) {
            assertThat(numbers.add(g.group())).isTrue();
            assertThat(names.add(g.kebabName())).isTrue();
            assertThat(g.kebabName()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(g.kernelName()).startsWith("RTNLGRP_");
        }
        assertThat(RouteGroup.DECNET_ROUTE.kernelName()).isEqualTo("RTNLGRP_DECnet_ROUTE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lnik", "ipv4", "rtnlgrp_", "RTNLGRP_NONE", "none", "nop2", "ipv4--ifaddr", "link,neigh"})
    void unknownNamesListTheValidOnes(String name) {
        assertThatThrownBy(() -> RouteGroup.fromName(name))
                .isInstanceOf(NetlinkException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("link, notify, neigh")
                .hasMessageContaining("ipv4-ifaddr")
                .hasMessageContaining("ipv6-route");
    }

    @Test
    void nullNameIsANetlinkException() {
        assertThatThrownBy(() -> RouteGroup.fromName(null)).isInstanceOf(NetlinkException.class).hasMessageContaining("null");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 14, 17, 40, 41, -1, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void unknownNumbersAreRejected(int number) {
        assertThatThrownBy(() -> RouteGroup.fromNumber(number)).isInstanceOf(NetlinkException.class)
                .hasMessageContaining(Integer.toString(number));
    }

    @Test
    void kebabNamesAreTheConstantNames() {
        assertThat(Arrays.stream(RouteGroup.values()).map(RouteGroup::kebabName))
                .startsWith("link", "notify", "neigh", "tc", "ipv4-ifaddr");
    }
}
