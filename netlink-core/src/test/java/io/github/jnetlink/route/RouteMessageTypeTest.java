package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteMessageTypeTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "RTM_NEWLINK, 16", "RTM_DELLINK, 17", "RTM_GETLINK, 18", "RTM_SETLINK, 19",
            "RTM_NEWADDR, 20", "RTM_DELADDR, 21", "RTM_GETADDR, 22",
            "RTM_NEWROUTE, 24", "RTM_DELROUTE, 25", "RTM_GETROUTE, 26",
            "RTM_NEWNEIGH, 28", "RTM_DELNEIGH, 29", "RTM_GETNEIGH, 30",
            "RTM_NEWRULE, 32", "RTM_DELRULE, 33", "RTM_GETRULE, 34",
            "RTM_NEWQDISC, 36", "RTM_NEWTCLASS, 40", "RTM_NEWTFILTER, 44", "RTM_NEWACTION, 48",
            "RTM_NEWPREFIX, 52", "RTM_NEWMULTICAST, 56", "RTM_GETMULTICAST, 58", "RTM_NEWANYCAST, 60",
            "RTM_GETANYCAST, 62", "RTM_NEWNEIGHTBL, 64", "RTM_GETNEIGHTBL, 66", "RTM_SETNEIGHTBL, 67",
            "RTM_NEWNDUSEROPT, 68", "RTM_NEWADDRLABEL, 72", "RTM_GETDCB, 78", "RTM_SETDCB, 79",
            "RTM_NEWNETCONF, 80", "RTM_GETNETCONF, 82", "RTM_NEWMDB, 84", "RTM_NEWNSID, 88", "RTM_NEWSTATS, 92",
            "RTM_GETSTATS, 94", "RTM_NEWCACHEREPORT, 96", "RTM_NEWCHAIN, 100",
            "RTM_NEWNEXTHOP, 104", "RTM_DELNEXTHOP, 105", "RTM_GETNEXTHOP, 106",
            "RTM_NEWLINKPROP, 108", "RTM_NEWVLAN, 112", "RTM_NEWNEXTHOPBUCKET, 116", "RTM_NEWTUNNEL, 120",
            "RTM_GETTUNNEL, 122",
    })
    void constantsMatchTheKernelHeaderAndNameThemselves(String name, int value) throws ReflectiveOperationException {
        assertThat(RouteMessageType.class.getField(name).getInt(null)).isEqualTo(value);
        assertThat(RouteMessageType.name(value)).isEqualTo(name);
    }

    @Test
    void everyConstantHasItsOwnName() throws IllegalAccessException {
        Set<Integer> seen = new HashSet<>();
        for (Field f : RouteMessageType.class.getFields()) {
            assertThat(Modifier.isFinal(f.getModifiers()) && Modifier.isStatic(f.getModifiers())).isTrue();
            int value = f.getInt(null);
            assertThat(seen.add(value)).as("duplicate value %d", value).isTrue();
            assertThat(RouteMessageType.name(value)).isEqualTo(f.getName());
        }
        assertThat(seen).hasSize(75);
    }

    @ParameterizedTest
    @CsvSource({"1, NLMSG_NOOP", "2, NLMSG_ERROR", "3, NLMSG_DONE", "4, NLMSG_OVERRUN", "0, 0", "15, 15",
            "23, 23", "123, 123", "65535, 65535", "-1, -1"})
    void otherTypesAreNamedOrNumbered(int type, String name) {
        assertThat(RouteMessageType.name(type)).isEqualTo(name);
    }

    @Test
    void constantsAreCompileTimeConstantsUsableAsCaseLabels() {
        int type = 17;
        String s = switch (type) {
            case RouteMessageType.RTM_NEWLINK -> "new";
            case RouteMessageType.RTM_DELLINK -> "del";
            default -> "other";
        };
        assertThat(s).isEqualTo("del");
    }
}
