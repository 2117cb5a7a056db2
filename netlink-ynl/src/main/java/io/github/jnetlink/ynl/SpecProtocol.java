package io.github.jnetlink.ynl;

/** A spec's {@code protocol}, which also names the schema it follows. */
public enum SpecProtocol {
    /** Generic netlink, the default: {@code genetlink.yaml}. */
    GENETLINK("genetlink"),
    /** Generic netlink with C naming controls: {@code genetlink-c.yaml}. */
    GENETLINK_C("genetlink-c"),
    /** Generic netlink with older constructs (fixed headers, structs, directional ids): {@code genetlink-legacy.yaml}. */
    GENETLINK_LEGACY("genetlink-legacy"),
    /** A netlink protocol of its own, such as rtnetlink: {@code netlink-raw.yaml}. */
    NETLINK_RAW("netlink-raw");

    private final String yamlName;

    SpecProtocol(String yamlName) {
        this.yamlName = yamlName;
    }

    /** @return the name in the spec, and the schema's file name without {@code .yaml} */
    public String yamlName() {
        return yamlName;
    }

    /**
     * @param name the spec's {@code protocol}; null for the default
     * @return the protocol, or null if no protocol has that name
     */
    public static SpecProtocol of(String name) {
        if (name == null) {
            return GENETLINK;
        }
        for (SpecProtocol p : values()) {
            if (p.yamlName.equals(name)) {
                return p;
            }
        }
        return null;
    }
}
