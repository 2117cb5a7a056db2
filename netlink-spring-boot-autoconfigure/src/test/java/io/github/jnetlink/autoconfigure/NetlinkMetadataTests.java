package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.RouteGroup;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an IDE gets: the configuration processor's metadata merged with the hand-written part. Boot's
 * processor describes a map of objects only as the map itself, so the value properties and their hints
 * are written by hand; these tests keep that hand-written part complete and in step with the code.
 */
class NetlinkMetadataTests {

    static JsonNode metadata() throws Exception {
        try (InputStream in = NetlinkMetadataTests.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata on the classpath").isNotNull();
            return JsonMapper.builder().build().readTree(in);
        }
    }

    static Map<String, JsonNode> byName(JsonNode array) {
        Map<String, JsonNode> out = new HashMap<>();
        array.forEach(n -> out.put(n.get("name").asString(), n));
        return out;
    }

    /** The kebab-case property names of a bean class, as the binder sees them. */
    static Set<String> bindableProperties(Class<?> type, String prefix) {
        Set<String> out = new TreeSet<>();
        for (var m : type.getMethods()) {
            if (m.getDeclaringClass() == Object.class || m.getParameterCount() != 0) {
                continue;
            }
            String name = m.getName().startsWith("get") ? m.getName().substring(3) : m.getName().startsWith("is") ? m.getName().substring(2) : null;
            if (name == null || name.isEmpty()) {
                continue;
            }
            String kebab = name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
            if (m.getReturnType() == NetlinkProperties.Listener.class || m.getReturnType() == NetlinkProperties.Filter.class
                    || m.getReturnType() == NetlinkProperties.Mirror.class) {
                out.addAll(bindableProperties(m.getReturnType(), prefix + kebab + "."));
            } else {
                out.add(prefix + kebab);
            }
        }
        return out;
    }

    @Test
    void everyConnectionPropertyIsDescribedForTheDocumentedNames() throws Exception {
        Map<String, JsonNode> properties = byName(metadata().get("properties"));
        assertThat(properties).containsKeys("netlink.enabled", "netlink.connections");
        for (String connection : List.of("route", "generic")) {
            for (String property : bindableProperties(NetlinkProperties.Connection.class, "netlink.connections." + connection + ".")) {
                assertThat(properties).as(property).containsKey(property);
                assertThat(properties.get(property).get("description").asString()).as(property).isNotBlank();
            }
        }
        assertThat(properties.get("netlink.connections.route.receive-buffer-size").get("type").asString())
                .isEqualTo("org.springframework.util.unit.DataSize");
        // a default shown is the code's; under 'generic' none is shown, since a name never chooses the protocol
        NetlinkProperties.Connection defaults = new NetlinkProperties.Connection();
        assertThat(properties.get("netlink.connections.route.protocol").get("defaultValue").asString())
                .isEqualTo(defaults.getProtocol()).isEqualTo("route");
        assertThat(properties.get("netlink.connections.generic.protocol").has("defaultValue")).isFalse();
        assertThat(properties.get("netlink.connections.generic.protocol").get("description").asString())
                .contains("set to generic", "route unless set");
    }

    /**
     * Any other name: the map's entry names its value type, from which IDEs that expand maps of objects (IntelliJ IDEA,
     * Spring Tools) offer and describe {@code netlink.connections.ANY.*}; its keys are hinted with the usual names.
     */
    @Test
    void everyOtherConnectionNameIsDescribedByTheMapsValueType() throws Exception {
        Map<String, JsonNode> properties = byName(metadata().get("properties"));
        assertThat(properties.get("netlink.connections").get("type").asString())
                .isEqualTo("java.util.Map<java.lang.String," + NetlinkProperties.Connection.class.getName() + ">");
        Map<String, JsonNode> hints = byName(metadata().get("hints"));
        List<String> keys = new ArrayList<>();
        hints.get("netlink.connections.keys").get("values").forEach(v -> keys.add(v.get("value").asString()));
        assertThat(keys).containsExactly("route", "generic", "uevent");
        assertThat(hints.get("netlink.connections.keys").get("providers").get(0).get("name").asString()).isEqualTo("any");
        // and the value type binds exactly the properties the examples describe
        assertThat(bindableProperties(NetlinkProperties.Connection.class, "netlink.connections.route."))
                .isEqualTo(properties.keySet().stream().filter(n -> n.startsWith("netlink.connections.route."))
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void groupHintsAreExactlyTheRouteGroups() throws Exception {
        Map<String, JsonNode> hints = byName(metadata().get("hints"));
        List<String> values = new ArrayList<>();
        hints.get("netlink.connections.route.groups").get("values").forEach(v -> values.add(v.get("value").asString()));
        assertThat(values).containsExactlyElementsOf(Arrays.stream(RouteGroup.values()).map(RouteGroup::kebabName).toList());
        hints.get("netlink.connections.route.groups").get("values")
                .forEach(v -> assertThat(v.get("description").asString()).isNotBlank());
    }

    @Test
    void protocolHintsAllParse() throws Exception {
        Map<String, JsonNode> hints = byName(metadata().get("hints"));
        Set<String> values = new TreeSet<>();
        hints.get("netlink.connections.route.protocol").get("values").forEach(v -> values.add(v.get("value").asString()));
        assertThat(values).contains("route", "generic", "netfilter");
        assertThat(values).allSatisfy(v -> assertThat(Protocol.parse(v)).isBetween(0, 31));
        assertThat(values).isEqualTo(Protocol.names().stream().filter(n -> !n.equals("unused")).collect(Collectors.toCollection(TreeSet::new)));
    }
}
