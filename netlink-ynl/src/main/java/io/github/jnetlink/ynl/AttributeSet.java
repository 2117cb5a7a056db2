package io.github.jnetlink.ynl;

import java.util.List;
import java.util.Optional;

/**
 * An attribute set ({@code attribute-sets}): the attributes of one message or nest, numbered.
 *
 * @param name       the name
 * @param subsetOf   the set this one is a part of (its attributes are that set's), or null
 * @param attributes the attributes in the spec's order
 */
public record AttributeSet(String name, String subsetOf, List<AttributeSpec> attributes) {

    /**
     * @param attrName an attribute's name
     * @return the attribute
     */
    public Optional<AttributeSpec> attribute(String attrName) {
        return attributes.stream().filter(a -> a.name().equals(attrName)).findFirst();
    }

    /**
     * @param type an attribute type number
     * @return the attribute with that number
     */
    public Optional<AttributeSpec> attribute(int type) {
        return attributes.stream().filter(a -> a.value() == type).findFirst();
    }
}
