package io.github.jnetlink.testing;

import io.github.jnetlink.test.Netns;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What iproute2 shows, as JSON: the expected values our kernel tests compare against. Kept in our tests rather
 * than in {@link Netns} so that the test kit's users need no Jackson.
 */
public final class IpJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IpJson() {
    }

    /**
     * Runs {@code ip -n NAME -j ARGS} and parses its output.
     *
     * @param ns   the namespace
     * @param args the arguments, split on whitespace, such as {@code "link show"} or {@code "-d link show"}
     * @return the parsed array
     */
    public static JsonNode of(Netns ns, String args) {
        return JSON.readTree(ns.ip("-j " + args.trim()));
    }
}
