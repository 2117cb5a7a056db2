package io.github.jnetlink.ynl;

/**
 * A correction to a kernel YNL spec where the spec disagrees with what the kernel puts on the wire, such as tc's
 * {@code tc-ratespec} in Linux 6.12, which gives three 16-bit members of {@code struct tc_ratespec} as u8.
 * {@link SpecLoader} applies jnetlink's errata ({@code META-INF/jnetlink/ynl-errata.yaml} in this jar) to a spec's
 * tree before it checks it against its schema, and only while the spec still says {@link #was()}: a spec already
 * fixed upstream is left alone, and one that says something else fails to load, naming the erratum.
 *
 * @param family   the spec's {@code name}, such as {@code tc}
 * @param target   the mapping corrected, as keys and names: {@code definitions[tc-ratespec].members[overhead]} is
 *                 the element named {@code overhead} of the list {@code members} of the element named
 *                 {@code tc-ratespec} of the list {@code definitions}
 * @param property the key of that mapping that is corrected, such as {@code type} or {@code byte-order}
 * @param was      what the faulty spec says there: a string, a number ({@code Long}), a boolean, an unmodifiable list
 *                 or mapping of those, or null when the key is absent
 * @param value    the corrected value, as {@code was}, or null to remove the key
 * @param reason   why, naming the kernel code that shows it
 */
public record Erratum(String family, String target, String property, Object was, Object value, String reason) {

    /**
     * @throws io.github.jnetlink.NetlinkArgumentException if {@code family}, {@code target}, {@code property} or
     *         {@code reason} is null or blank, or {@code was} equals {@code value}
     */
    public Erratum {
        for (String[] text : new String[][] {{"family", family}, {"target", target}, {"property", property},
                {"reason", reason}}) {
            if (text[1] == null || text[1].isBlank()) {
                throw new io.github.jnetlink.NetlinkArgumentException("erratum: " + text[0] + " must be a text, not "
                        + (text[1] == null ? "null" : "blank"));
            }
        }
        if (java.util.Objects.equals(was, value)) {
            throw new io.github.jnetlink.NetlinkArgumentException("erratum " + target + "." + property
                    + ": 'was' and 'value' are the same, so it changes nothing");
        }
    }

    /** @return the erratum in one line, as messages and generated Javadoc give it */
    public String describe() {
        if (value instanceof java.util.Collection<?> || value instanceof java.util.Map<?, ?>) {
            return target + "." + property + " is corrected: " + reason;
        }
        return target + "." + property + " is " + (value == null ? "absent" : "'" + value + "'") + " where the spec says "
                + (was == null ? "nothing" : "'" + was + "'") + ": " + reason;
    }
}
