package io.github.jnetlink.ynl;

import java.nio.ByteOrder;
import java.util.List;

/**
 * One attribute of an {@link AttributeSet}.
 *
 * @param name             the name
 * @param value            its number, {@code nla_type}
 * @param type             its type
 * @param byteOrder        big-endian, or null for host order
 * @param multiAttr        true when it may appear more than once, each a value of its own
 * @param nestedAttributes the set of a nest, indexed-array of nests or nest-type-value, or null
 * @param subType          the members' type of an indexed-array, or null
 * @param enumName         the enum or flags definition its value belongs to, or null
 * @param enumAsFlags      true when the enum's values are bits of this value
 * @param displayHint      hex, mac, ipv4, ipv6, uuid, or null
 * @param struct           the struct a binary attribute holds, or null
 * @param subMessage       the sub-message of a {@code sub-message} attribute, or null
 * @param selector         the attribute whose value chooses the sub-message's format, or null: of the same set, or (tc's
 *                         {@code tca-stats-attrs}) of an enclosing one
 * @param typeValue        the names of the levels of a nest-type-value, outermost first; empty otherwise
 * @param checks           what the kernel's policy checks, as far as the spec says
 */
public record AttributeSpec(String name, int value, AttrType type, ByteOrder byteOrder, boolean multiAttr,
                            String nestedAttributes, AttrType subType, String enumName, boolean enumAsFlags,
                            String displayHint, String struct, String subMessage, String selector,
                            List<String> typeValue, Checks checks) {

    /**
     * The kernel's policy checks of an attribute; null members are not checked. Limits given as names of
     * constants the spec does not define (kernel-only defines) are left out.
     *
     * @param min      the smallest value
     * @param max      the largest value
     * @param minLen   the shortest payload (for strings, text without NUL)
     * @param maxLen   the longest payload
     * @param exactLen the one allowed payload length
     */
    public record Checks(Long min, Long max, Integer minLen, Integer maxLen, Integer exactLen) {

        /** No checks. */
        public static final Checks NONE = new Checks(null, null, null, null, null);

        /** @return true when nothing is checked */
        public boolean none() {
            return min == null && max == null && minLen == null && maxLen == null && exactLen == null;
        }
    }
}
