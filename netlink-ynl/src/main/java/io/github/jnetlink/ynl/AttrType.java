package io.github.jnetlink.ynl;

import java.util.Locale;

/** The attribute types a YNL spec names in {@code type:} and {@code sub-type:}. */
public enum AttrType {
    /** A value the kernel no longer uses; it keeps its number. */
    UNUSED(-1),
    /** Alignment padding ({@code *_PAD}); carries nothing. */
    PAD(-1),
    /** Present or absent, no payload. */
    FLAG(0),
    /** Bytes, possibly a struct or an address. */
    BINARY(-1),
    /** {@code struct nla_bitfield32}: value then selector, 8 bytes. */
    BITFIELD32(8),
    U8(1), U16(2), U32(4), U64(8), S8(1), S16(2), S32(4), S64(8),
    /** Unsigned of 4 or 8 bytes, as the kernel's {@code nla_put_uint} chose. */
    UINT(-1),
    /** Signed of 4 or 8 bytes, as the kernel's {@code nla_put_sint} chose. */
    SINT(-1),
    /** NUL-terminated text. */
    STRING(-1),
    /** Nested attributes of another set. */
    NEST(-1),
    /** A nest whose members are numbered 0, 1, 2... in order, each of {@code sub-type}. */
    INDEXED_ARRAY(-1),
    /** Nests whose attribute types carry values (legacy; the {@code type-value} list names them). */
    NEST_TYPE_VALUE(-1),
    /** Attributes whose format another attribute ({@code selector}) chooses. */
    SUB_MESSAGE(-1);

    private final int width;

    AttrType(int width) {
        this.width = width;
    }

    /** @return the fixed payload size in bytes, or -1 when the size varies */
    public int width() {
        return width;
    }

    /** @return true for the fixed-width and variable-width integer types */
    public boolean integer() {
        return this == U8 || this == U16 || this == U32 || this == U64 || this == S8 || this == S16 || this == S32
                || this == S64 || this == UINT || this == SINT;
    }

    /** @return true for the signed integer types */
    public boolean signed() {
        return this == S8 || this == S16 || this == S32 || this == S64 || this == SINT;
    }

    /** @return the name a spec uses, such as {@code indexed-array} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param name a spec's type name, such as {@code u32} or {@code nest-type-value}
     * @return the type, or null if there is none of that name
     */
    public static AttrType of(String name) {
        for (AttrType t : values()) {
            if (t.yamlName().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
