package io.github.jnetlink.ynl;

/**
 * A {@code type: const} definition.
 *
 * @param name  the name
 * @param value a {@link Long}, or a {@link String} when the spec gives text
 */
public record ConstDefinition(String name, Object value) implements Definition {
}
