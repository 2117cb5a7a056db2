package io.github.jnetlink.ynl;

import java.util.List;

/**
 * A {@code type: enum} or {@code type: flags} definition.
 *
 * @param name    the name
 * @param flags   true for {@code flags}: each entry's value is a bit, {@code 1 << position}
 * @param entries the entries in order, with their values
 */
public record EnumDefinition(String name, boolean flags, List<Entry> entries) implements Definition {

    /**
     * @param name  the entry's name
     * @param value the number (for flags, the mask of its bit)
     */
    public record Entry(String name, long value) {
    }
}
