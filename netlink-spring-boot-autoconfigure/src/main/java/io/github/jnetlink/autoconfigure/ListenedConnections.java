package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMirrorChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configured connections as a {@link NetlinkListener} sees them: which exist, which run a receive loop
 * publishing {@link NetlinkMessageEvent}s, their protocol and the names of the groups they join. Checks a
 * listener's {@code connection} and {@code groups} against them, once, when the listener is created, so that
 * a listener that could never be called fails startup instead of staying silent.
 */
final class ListenedConnections {

    /**
     * One connection. {@code protocol} is -1 when the property does not parse (the connection fails on its own,
     * with its own message); {@code groupNames} holds every name and number an event of a joined group can carry.
     */
    private record Entry(String name, int protocol, List<String> groups, Set<String> groupNames, boolean anyNumber,
            boolean loopEnabled, boolean mirror) {

        boolean publishesMessages() {
            return !groups.isEmpty() && loopEnabled && protocol != Protocol.KOBJECT_UEVENT;
        }

        boolean joins(String group) {
            return protocol < 0 || groupNames.contains(group) || anyNumber && group.matches("\\d+");
        }

        String describe() {
            return name + " (" + String.join(", ", groups) + ")";
        }
    }

    private final Map<String, Entry> entries;

    private ListenedConnections(Map<String, Entry> entries) {
        this.entries = entries;
    }

    static ListenedConnections of(NetlinkProperties properties) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        properties.getConnections().forEach((name, c) -> entries.put(name, entry(name, c)));
        return new ListenedConnections(entries);
    }

    private static Entry entry(String name, NetlinkProperties.Connection c) {
        int protocol;
        try {
            protocol = Protocol.parse(c.getProtocol());
        } catch (NetlinkException e) {
            protocol = -1;
        }
        List<String> groups = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean anyNumber = false;
        for (String raw : NetlinkConnections.groups(c)) {
            String g = raw == null ? "" : raw.trim();
            if (g.isEmpty()) {
                continue;
            }
            groups.add(g);
            if (g.matches("\\d+")) {
                names.add(g.replaceFirst("^0+(?=\\d)", ""));
                if (protocol == Protocol.ROUTE) {
                    try {
                        names.add(RouteGroup.fromNumber(Integer.parseInt(g)).kebabName());
                    } catch (NetlinkException | NumberFormatException unknownNumber) {
                        // joined by number only
                    }
                }
            } else if (g.contains("/")) {
                // a generic netlink family/group: its number is the kernel's to say, so any number may be it
                names.add(g);
                anyNumber = true;
            } else if (protocol == Protocol.ROUTE) {
                try {
                    RouteGroup r = RouteGroup.fromName(g);
                    names.add(r.kebabName());
                    names.add(Integer.toString(r.group()));
                } catch (NetlinkException unknownName) {
                    // the connection itself fails at startup, naming the group
                }
            }
        }
        return new Entry(name, protocol, List.copyOf(groups), Set.copyOf(names), anyNumber, c.getListener().isEnabled(),
                c.getMirror().isEnabled());
    }

    /**
     * @param method        the listener method, as {@code com.example.Watcher.onLink}
     * @param connection    its {@code connection} attribute, empty for every connection
     * @param groups        its {@code groups} attribute as written
     * @param canonical     the same groups as the receive loop names them ({@code RTNLGRP_LINK} as {@code link})
     * @param parameterType the method's parameter type
     * @throws NetlinkConfigurationException when the method could never be called
     */
    void check(String method, String connection, String[] groups, List<String> canonical, Class<?> parameterType) {
        String listener = "@NetlinkListener method " + method;
        if (RouteMirrorChange.class.isAssignableFrom(parameterType)) {
            checkMirror(method, listener, connection, parameterType);
            return;
        }
        List<Entry> targets;
        if (!connection.isEmpty()) {
            Entry e = entries.get(connection);
            if (e == null) {
                throw unknownConnection(method, listener, connection);
            }
            String prefix = NetlinkConnections.prefix(connection);
            if (e.protocol() == Protocol.KOBJECT_UEVENT) {
                throw new NetlinkConfigurationException("@NetlinkListener(connection)", connection, List.of(),
                        listener + " listens to connection '" + connection + "', which has protocol kobject-uevent: its "
                                + "receive loop publishes NetlinkUeventEvent, never NetlinkMessageEvent, so the method would never be called.",
                        "Take the uevents in a plain @EventListener method with a NetlinkUeventEvent parameter instead of "
                                + "@NetlinkListener on " + method + ", or change " + prefix + "protocol.", null);
            }
            if (e.groups().isEmpty()) {
                throw new NetlinkConfigurationException(prefix + "groups", null, GroupNames.routeGroupNames(),
                        listener + " listens to connection '" + connection + "', which joins no multicast groups, so it has "
                                + "no receive loop and the method would never be called.",
                        "Set " + prefix + "groups to the groups to listen to (rtnetlink names such as link, ipv4-ifaddr, "
                                + "ipv4-route; family/group for generic netlink; or numbers), or remove @NetlinkListener from " + method + ".",
                        null);
            }
            if (!e.loopEnabled()) {
                throw new NetlinkConfigurationException(prefix + "listener.enabled", "false", List.of("true"),
                        listener + " listens to connection '" + connection + "', whose receive loop is turned off ("
                                + prefix + "listener.enabled=false), so the method would never be called.",
                        "Set " + prefix + "listener.enabled=true (or remove it: true is the default), or remove @NetlinkListener from "
                                + method + ".", null);
            }
            targets = List.of(e);
        } else {
            targets = entries.values().stream().filter(Entry::publishesMessages).toList();
            if (targets.isEmpty()) {
                throw noReceiveLoop(method, listener);
            }
        }
        if (TypedMessages.isTypedRecord(parameterType) && targets.stream().noneMatch(t -> t.protocol() == Protocol.ROUTE || t.protocol() < 0)) {
            String type = parameterType.getSimpleName();
            List<String> route = entries.values().stream().filter(e -> e.publishesMessages() && e.protocol() == Protocol.ROUTE)
                    .map(Entry::name).toList();
            throw new NetlinkConfigurationException("@NetlinkListener(connection)", connection, route,
                    listener + " takes " + type + ", an rtnetlink record, but " + (connection.isEmpty()
                            ? "no connection with a receive loop has protocol route"
                            : "connection '" + connection + "' has protocol " + Protocol.name(targets.get(0).protocol()))
                            + ", so no message it receives is ever decoded as " + type + ".",
                    "Change the parameter of " + method + " to Message or NetlinkMessageEvent, or "
                            + (route.isEmpty() ? "listen to a connection with netlink.connections.NAME.protocol=route and groups"
                                    : "set @NetlinkListener(connection) to a route connection: " + String.join(", ", route))
                            + ".", null);
        }
        for (int i = 0; i < canonical.size(); i++) {
            String g = canonical.get(i);
            if (targets.stream().noneMatch(t -> t.joins(g))) {
                throw groupNotJoined(method, listener, connection, groups[i].trim(), targets);
            }
        }
    }

    /** A listener of mirror changes needs a connection with {@code mirror.enabled}. */
    private void checkMirror(String method, String listener, String connection, Class<?> parameterType) {
        List<String> mirrored = entries.values().stream().filter(Entry::mirror).map(Entry::name).toList();
        if (!connection.isEmpty()) {
            Entry e = entries.get(connection);
            if (e == null) {
                throw unknownConnection(method, listener, connection);
            }
            if (e.mirror()) {
                return;
            }
        } else if (!mirrored.isEmpty()) {
            return;
        }
        String property = NetlinkConnections.prefix(connection.isEmpty() ? "NAME" : connection) + "mirror.enabled";
        throw new NetlinkConfigurationException(property, connection.isEmpty() ? null : "false", List.of("true"),
                listener + " takes " + parameterType.getSimpleName() + ", a change of a RouteMirror, but "
                        + (connection.isEmpty() ? "no connection has a mirror" : "connection '" + connection + "' has no mirror")
                        + ", so the method would never be called.",
                "Set " + property + "=true, or change the parameter of " + method + " to a notification type"
                        + " (NetlinkMessageEvent, Message or a typed record).", null);
    }

    private NetlinkConfigurationException unknownConnection(String method, String listener, String connection) {
        Collection<String> names = entries.keySet();
        String configured = names.isEmpty() ? "no connection is configured" : "the configured connections are " + String.join(", ", names);
        return new NetlinkConfigurationException("@NetlinkListener(connection)", connection, List.copyOf(names),
                listener + " names connection '" + connection + "', which is not configured (" + configured + ").",
                "Change @NetlinkListener(connection = \"" + connection + "\") on " + method + " to one of the configured "
                        + "connections" + (names.isEmpty() ? " (there are none)" : ": " + String.join(", ", names))
                        + "." + ClosestName.suggestion(connection, names) + " Or configure the connection under "
                        + NetlinkConnections.prefix(connection) + "* (protocol, groups).", null);
    }

    private NetlinkConfigurationException noReceiveLoop(String method, String listener) {
        String configured = entries.isEmpty() ? "no connection is configured"
                : "none of the configured connections (" + String.join(", ", entries.keySet()) + ") has groups and an enabled listener";
        String action = entries.isEmpty()
                ? "Configure a connection with groups, such as netlink.connections.route.groups=link, or remove @NetlinkListener from "
                        + method + "."
                : "Set netlink.connections.NAME.groups (and leave netlink.connections.NAME.listener.enabled true) for the connection to "
                        + "listen to, one of: " + String.join(", ", entries.keySet()) + "; or remove @NetlinkListener from " + method + ".";
        return new NetlinkConfigurationException("netlink.connections.NAME.groups", null, List.copyOf(entries.keySet()),
                listener + " listens to every connection, but no connection has a receive loop publishing NetlinkMessageEvents ("
                        + configured + "), so the method would never be called.", action, null);
    }

    private static NetlinkConfigurationException groupNotJoined(String method, String listener, String connection, String group,
            List<Entry> targets) {
        if (!connection.isEmpty()) {
            Entry e = targets.get(0);
            String property = NetlinkConnections.prefix(connection) + "groups";
            return new NetlinkConfigurationException("@NetlinkListener(groups)", group, e.groups(),
                    listener + " filters on group '" + group + "', which connection '" + connection + "' does not join (it joins "
                            + String.join(", ", e.groups()) + "), so the method would never be called for it.",
                    "Add " + group + " to " + property + " (now " + String.join(", ", e.groups()) + "), or change @NetlinkListener(groups) on "
                            + method + " to groups it joins: " + String.join(", ", e.groups()) + "."
                            + ClosestName.suggestion(group, e.groups()), null);
        }
        List<String> joined = targets.stream().flatMap(t -> t.groups().stream()).distinct().toList();
        return new NetlinkConfigurationException("@NetlinkListener(groups)", group, joined,
                listener + " filters on group '" + group + "', which no connection with a receive loop joins ("
                        + targets.stream().map(Entry::describe).collect(Collectors.joining(", ")) + "), so the method would never be called for it.",
                "Add " + group + " to the groups of the connection that should deliver it ("
                        + targets.stream().map(t -> NetlinkConnections.prefix(t.name()) + "groups").collect(Collectors.joining(" or "))
                        + "), or change @NetlinkListener(groups) on " + method + " to a joined group: " + String.join(", ", joined) + "."
                        + ClosestName.suggestion(group, joined), null);
    }
}
