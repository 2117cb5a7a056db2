package io.github.jnetlink.ynl;

import java.util.List;
import java.util.Optional;

/**
 * A {@code sub-messages} entry: the formats an attribute's payload can take, chosen by the value of a selector
 * attribute (such as rt-link's {@code linkinfo} data by {@code kind}).
 *
 * @param name    the name
 * @param formats the formats in the spec's order
 */
public record SubMessage(String name, List<Format> formats) {

    /**
     * @param value        the selector's value that picks this format, such as {@code vlan}
     * @param fixedHeader  a struct at the start of the payload, or null
     * @param attributeSet the set of the attributes (after the fixed header), or null
     */
    public record Format(String value, String fixedHeader, String attributeSet) {
    }

    /**
     * @param value a selector value
     * @return the format for it
     */
    public Optional<Format> format(String value) {
        return formats.stream().filter(f -> f.value().equals(value)).findFirst();
    }
}
