package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.generic.Family;
import io.github.jnetlink.generic.GenericNetlink;
import io.github.jnetlink.generic.MulticastGroup;
import io.github.jnetlink.route.RouteGroup;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns the group names of {@code netlink.connections.NAME.groups} into group numbers: rtnetlink names
 * ({@code link}, {@code ipv4-ifaddr}) from {@link RouteGroup}, generic netlink {@code family/group} names by
 * asking the kernel's controller.
 */
final class GroupNames {

    record Resolved(int number, String name) {
    }

    private GroupNames() {
    }

    static Resolved resolve(String connection, String property, String value, int protocol) {
        if (protocol != Protocol.ROUTE) {
            throw new NetlinkStartupException(connection, property, value, List.of(),
                    "multicast group '" + value + "' of netlink connection '" + connection + "': names are known for protocol "
                            + "route, and as family/group for protocol generic; for protocol " + Protocol.name(protocol)
                            + " use the group number", null);
        }
        try {
            RouteGroup g = RouteGroup.fromName(value);
            return new Resolved(g.group(), g.kebabName());
        } catch (NetlinkException e) {
            throw new NetlinkStartupException(connection, property, value, routeGroupNames(),
                    "'" + value + "' is not an rtnetlink multicast group", e);
        }
    }

    static String nameOf(int protocol, int number) {
        if (protocol == Protocol.ROUTE) {
            try {
                return RouteGroup.fromNumber(number).kebabName();
            } catch (NetlinkException e) {
                return Integer.toString(number);
            }
        }
        return Integer.toString(number);
    }

    static int resolveGeneric(String connection, String property, String value, int protocol, @Nullable String netns,
            NetlinkDialer dialer) {
        if (protocol != Protocol.GENERIC) {
            throw new NetlinkStartupException(connection, property, value, List.of(),
                    "'" + value + "' names a generic netlink family/group, but netlink connection '" + connection
                            + "' has protocol " + Protocol.name(protocol) + "; set " + NetlinkConnections.prefix(connection)
                            + "protocol=generic", null);
        }
        int slash = value.indexOf('/');
        String familyName = value.substring(0, slash);
        String groupName = value.substring(slash + 1);
        if (familyName.isBlank() || groupName.isBlank() || groupName.contains("/")) {
            throw new NetlinkStartupException(connection, property, value, List.of(),
                    "'" + value + "' is not a generic netlink group: write it as family/group, such as nlctrl/notify", null);
        }
        try (Conn ctl = dialer.dial(connection, Protocol.GENERIC, Config.DEFAULT.withNetns(netns))) {
            GenericNetlink genl = new GenericNetlink(ctl);
            Family family;
            try {
                family = genl.family(familyName);
            } catch (NetlinkErrorException e) {
                List<String> valid = genl.families().stream()
                        .flatMap(f -> f.groups().stream().map(g -> f.name() + "/" + g.name())).sorted().toList();
                throw new NetlinkStartupException(connection, property, value, valid,
                        "generic netlink family '" + familyName + "' does not exist on this kernel", e);
            }
            for (MulticastGroup g : family.groups()) {
                if (g.name().equals(groupName)) {
                    return g.id();
                }
            }
            throw new NetlinkStartupException(connection, property, value,
                    family.groups().stream().map(g -> familyName + "/" + g.name()).toList(),
                    "generic netlink family '" + familyName + "' has no multicast group '" + groupName + "'", null);
        } catch (NetlinkStartupException e) {
            throw e;
        } catch (NetlinkException e) {
            throw new NetlinkStartupException(connection, property, value, List.of(),
                    "cannot look up generic netlink group '" + value + "': " + e.getMessage(), e);
        }
    }

    static List<String> routeGroupNames() {
        return Arrays.stream(RouteGroup.values()).map(RouteGroup::kebabName).toList();
    }
}
