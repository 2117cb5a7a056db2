package io.github.jnetlink.ynl;

/** An entry of a spec's {@code definitions}: a constant, an enum (or flags), or a struct. */
public sealed interface Definition permits ConstDefinition, EnumDefinition, StructDefinition {

    /** @return the definition's name in the spec */
    String name();
}
