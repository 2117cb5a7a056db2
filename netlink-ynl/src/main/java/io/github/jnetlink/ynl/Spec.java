package io.github.jnetlink.ynl;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One YNL family spec, resolved: every value numbered as the kernel numbers it, {@code subset-of} sets filled in
 * from their parent, every reference checked. Immutable; built by {@link SpecLoader}.
 *
 * @param name           the family's name, such as {@code ethtool} or {@code rt-link}
 * @param protocol       the spec's {@code protocol}
 * @param protonum       the netlink protocol number: 16 (generic) unless a raw spec says otherwise
 * @param version        the generic netlink family version, or 1 when the spec gives none
 * @param definitions    constants, enums, flags and structs by name, in the spec's order
 * @param attributeSets  attribute sets by name, in the spec's order
 * @param subMessages    sub-messages by name
 * @param operations     operations in the spec's order, numbered
 * @param multicastGroups the multicast groups
 * @param errata         jnetlink's corrections applied to the spec before it was resolved ({@link Erratum}), in order
 * @param source         the file (or name) the spec came from
 */
public record Spec(String name, SpecProtocol protocol, int protonum, int version, Map<String, Definition> definitions,
                   Map<String, AttributeSet> attributeSets, Map<String, SubMessage> subMessages,
                   List<Operation> operations, List<MulticastGroupSpec> multicastGroups, List<Erratum> errata,
                   String source) {

    /** @return true for a generic netlink family, false for a raw (such as rtnetlink) one */
    public boolean genetlink() {
        return protocol != SpecProtocol.NETLINK_RAW;
    }

    /**
     * @param setName an attribute set's name
     * @return the set
     * @throws YnlSpecException if the spec has no set of that name
     */
    public AttributeSet attributeSet(String setName) {
        AttributeSet s = attributeSets.get(setName);
        if (s == null) {
            throw new YnlSpecException(source, "attribute-sets", "no attribute set '" + setName + "'; the spec has "
                    + attributeSets.keySet());
        }
        return s;
    }

    /**
     * @param defName a definition's name
     * @return the struct of that name
     * @throws YnlSpecException if there is no struct of that name
     */
    public StructDefinition struct(String defName) {
        if (definitions.get(defName) instanceof StructDefinition s) {
            return s;
        }
        throw new YnlSpecException(source, "definitions", "no struct '" + defName + "'");
    }

    /**
     * @param opName an operation's name
     * @return the operation, if the spec has one of that name
     */
    public Optional<Operation> operation(String opName) {
        return operations.stream().filter(o -> o.name().equals(opName)).findFirst();
    }

    /**
     * The operation's fixed header: its own {@code fixed-header}, or the family's in {@code operations}.
     *
     * @param op one of this spec's operations
     * @return the struct, or empty when messages have none after the netlink (and generic) header
     */
    public Optional<StructDefinition> fixedHeader(Operation op) {
        return op.fixedHeader() == null ? Optional.empty() : Optional.of(struct(op.fixedHeader()));
    }

    /**
     * The attributes of a message the kernel sends for a notification: those of the {@code do} (else {@code dump})
     * reply of the operation {@code notify} names, or the {@code event} list.
     *
     * @param op a notification or event
     * @return the attribute names
     */
    public List<String> notificationAttributes(Operation op) {
        if (op.eventAttributes() != null) {
            return op.eventAttributes();
        }
        if (op.notifies() != null) {
            Operation target = operation(op.notifies()).orElseThrow();
            Mode m = target.doMode() != null && target.doMode().reply() != null ? target.doMode() : target.dumpMode();
            return m == null || m.reply() == null ? List.of() : m.reply();
        }
        return List.of();
    }
}
