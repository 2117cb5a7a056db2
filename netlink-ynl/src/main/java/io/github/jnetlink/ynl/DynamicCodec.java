package io.github.jnetlink.ynl;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkArgumentException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes and encodes any spec's attributes without generated code, for tools that read specs at run time (the
 * command line). Values are plain Java: integers {@link Long} (u64 as its bits), {@code string} {@link String},
 * {@code flag} {@link Boolean#TRUE}, {@code binary} {@code byte[]} (a {@code struct:} one a map of its members),
 * {@code bitfield32} a map of {@code value} and {@code selector}, nests and sub-messages maps by attribute name,
 * {@code multi-attr} and {@code indexed-array} lists, {@code nest-type-value} a list of maps holding the type
 * values (by their {@code type-value} names) and {@code attributes}. An attribute the spec does not know is kept as
 * {@code byte[]} under the key {@code "unknown-N"}, N its type. Maps keep the kernel's order.
 *
 * <p>Immutable and thread-safe.
 */
public final class DynamicCodec {

    private final Spec spec;

    /** @param spec the family */
    public DynamicCodec(Spec spec) {
        if (spec == null) {
            throw new NetlinkArgumentException("dynamic codec: spec must not be null");
        }
        this.spec = spec;
    }

    /** @return the family */
    public Spec spec() {
        return spec;
    }

    /**
     * Decodes a message's payload the way the operation describes it: after the generic netlink header (for
     * generic families, whose command and version are then under {@code "command"} and {@code "version"}), its
     * fixed header as a map under {@code "fixed-header"}, then its attributes.
     *
     * @param op      the operation the message belongs to (a reply, request or notification of it)
     * @param payload the netlink message's payload ({@link io.github.jnetlink.Message#data()})
     * @return the values by name
     * @throws MalformedMessageException when the payload is shorter than its headers or an attribute does not fit
     */
    public Map<String, Object> decodeMessage(Operation op, byte[] payload) {
        Map<String, Object> out = new LinkedHashMap<>();
        int offset = 0;
        if (spec.genetlink()) {
            if (payload.length < 4) {
                throw new MalformedMessageException(spec.name() + " " + op.name() + ": " + payload.length
                        + " bytes, the generic netlink header needs 4");
            }
            out.put("command", (long) (payload[0] & 0xFF));
            out.put("version", (long) (payload[1] & 0xFF));
            offset = 4;
        }
        StructDefinition header = spec.fixedHeader(op).orElse(null);
        if (header != null) {
            if (payload.length - offset < header.size()) {
                throw new MalformedMessageException(spec.name() + " " + op.name() + ": " + (payload.length - offset)
                        + " bytes left, the fixed header " + header.name() + " needs " + header.size());
            }
            out.put("fixed-header", decodeStruct(header, payload, offset, header.size()));
            offset = Math.min(payload.length, offset + align(header.size()));
        }
        if (op.attributeSet() != null) {
            out.putAll(decode(op.attributeSet(), payload, offset, payload.length - offset));
        }
        return out;
    }

    /**
     * Encodes what follows the generic netlink header of a request: the operation's fixed header (from the map
     * under {@code "fixed-header"}, zeros when absent), then the attributes of the other keys.
     *
     * @param op     the operation
     * @param values the values by name
     * @return the bytes, for {@link io.github.jnetlink.generic.GenericNetlink#request} or a raw message
     * @throws NetlinkArgumentException naming what cannot be encoded
     */
    @SuppressWarnings("unchecked")
    public byte[] encodeMessage(Operation op, Map<String, Object> values) {
        AttributeEncoder e = new AttributeEncoder();
        StructDefinition header = spec.fixedHeader(op).orElse(null);
        Map<String, Object> rest = new LinkedHashMap<>(values);
        Object h = rest.remove("fixed-header");
        if (header != null) {
            e.header(encodeStruct(header, h instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of()));
        }
        if (op.attributeSet() != null) {
            encodeSet(spec.attributeSet(op.attributeSet()), rest, e, null);
        } else if (!rest.isEmpty()) {
            throw new NetlinkArgumentException(spec.name() + " " + op.name() + " has no attribute set for " + rest.keySet());
        }
        return e.encode();
    }

    /**
     * @param command a generic netlink command, or a raw family's message type, that the kernel sent
     * @return the operation whose notifications (or, for raw families, replies) have that value
     */
    public java.util.Optional<Operation> operationOfMessage(int command) {
        return spec.operations().stream().filter(o -> o.replyValue() != null && o.replyValue() == command)
                .filter(o -> o.notification() || !spec.genetlink()).findFirst()
                .or(() -> spec.operations().stream().filter(o -> o.replyValue() != null && o.replyValue() == command).findFirst());
    }

    /**
     * @param setName the attribute set
     * @param b       the bytes
     * @param offset  where the attributes start
     * @param length  how many bytes of attributes there are
     * @return the values by attribute name
     * @throws MalformedMessageException naming the attribute when the bytes do not fit the spec
     */
    public Map<String, Object> decode(String setName, byte[] b, int offset, int length) {
        return decodeSet(spec.attributeSet(setName), new AttributeDecoder(b, offset, length), null);
    }

    private Map<String, Object> decodeSet(AttributeSet set, AttributeDecoder d, Map<String, Object> outer) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object[]> pending = new ArrayList<>();
        while (d.next()) {
            AttributeSpec a = set.attribute(d.type()).orElse(null);
            if (a == null || a.type() == AttrType.UNUSED || a.type() == AttrType.PAD) {
                if (a == null) {
                    out.put("unknown-" + d.type(), d.bytes());
                }
                continue;
            }
            if (a.type() == AttrType.SUB_MESSAGE) {
                pending.add(new Object[] {a, d.bytes()});
                continue;
            }
            Object v = value(a, a.type(), d, set, out);
            if (a.multiAttr()) {
                @SuppressWarnings("unchecked")
                List<Object> l = (List<Object>) out.computeIfAbsent(a.name(), k -> new ArrayList<>());
                l.add(v);
            } else {
                out.put(a.name(), v);
            }
        }
        for (Object[] p : pending) {
            AttributeSpec a = (AttributeSpec) p[0];
            // the selector is a sibling, or (tc's tca-stats-attrs) an attribute of an enclosing set
            Object selector = out.containsKey(a.selector()) ? out.get(a.selector())
                    : outer == null ? null : outer.get(a.selector());
            out.put(a.name(), subMessage(a, String.valueOf(selector), (byte[]) p[1], out));
        }
        return out;
    }

    private Object subMessage(AttributeSpec a, String selector, byte[] payload, Map<String, Object> enclosing) {
        SubMessage sm = spec.subMessages().get(a.subMessage());
        SubMessage.Format f = sm.format(selector).orElse(null);
        if (f == null) {
            return payload;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        int offset = 0;
        if (f.fixedHeader() != null) {
            StructDefinition s = spec.struct(f.fixedHeader());
            out.put("fixed-header", decodeStruct(s, payload, 0, payload.length));
            offset = Math.min(payload.length, align(s.size()));
        }
        if (f.attributeSet() != null) {
            out.putAll(decodeSet(spec.attributeSet(f.attributeSet()), new AttributeDecoder(payload, offset,
                    payload.length - offset), enclosing));
        }
        return out;
    }

    /** {@code enclosing}: the attributes decoded so far around this one, where a nested sub-message finds its selector. */
    private Object value(AttributeSpec a, AttrType type, AttributeDecoder d, AttributeSet set, Map<String, Object> enclosing) {
        ByteOrder order = a.byteOrder() == null ? ByteOrder.nativeOrder() : a.byteOrder();
        switch (type) {
            case FLAG:
                return Boolean.TRUE;
            case U8:
                return (long) d.u8();
            case S8:
                return (long) d.s8();
            case U16:
                return (long) d.u16(order);
            case S16:
                return (long) (short) d.u16(order);
            case U32:
                return Integer.toUnsignedLong(d.u32(order));
            case S32:
                return (long) d.u32(order);
            case U64:
            case S64:
                return d.u64(order);
            case UINT:
                return d.length() == 4 ? Integer.toUnsignedLong(d.u32(order)) : d.u64(order);
            case SINT:
                return d.length() == 4 ? (long) d.u32(order) : d.u64(order);
            case STRING:
                return d.string();
            case BITFIELD32: {
                byte[] v = fixed(d, 8, a);
                ByteBuffer bb = ByteBuffer.wrap(v).order(ByteOrder.nativeOrder());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("value", Integer.toUnsignedLong(bb.getInt()));
                m.put("selector", Integer.toUnsignedLong(bb.getInt()));
                return m;
            }
            case NEST:
                return decodeSet(spec.attributeSet(a.nestedAttributes()), d.nestedDecoder(), enclosing);
            case INDEXED_ARRAY: {
                List<Object> l = new ArrayList<>();
                AttributeDecoder inner = d.nestedDecoder();
                while (inner.next()) {
                    l.add(a.subType() == AttrType.NEST
                            ? decodeSet(spec.attributeSet(a.nestedAttributes()), inner.nestedDecoder(), null)
                            : value(a, a.subType(), inner, set, enclosing));
                }
                return l;
            }
            case NEST_TYPE_VALUE: {
                List<Object> l = new ArrayList<>();
                typeValues(a, d.nestedDecoder(), 0, new ArrayList<>(), l);
                return l;
            }
            case BINARY:
            default: {
                if (a.struct() != null) {
                    byte[] v = d.bytes();
                    return decodeStruct(spec.struct(a.struct()), v, 0, v.length);
                }
                return d.bytes();
            }
        }
    }

    private void typeValues(AttributeSpec a, AttributeDecoder d, int level, List<Long> types, List<Object> out) {
        while (d.next()) {
            List<Long> path = new ArrayList<>(types);
            path.add((long) d.type());
            if (level + 1 < a.typeValue().size()) {
                typeValues(a, d.nestedDecoder(), level + 1, path, out);
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < path.size(); i++) {
                    m.put(i < a.typeValue().size() ? a.typeValue().get(i) : "type-" + i, path.get(i));
                }
                m.put("attributes", decodeSet(spec.attributeSet(a.nestedAttributes()), d.nestedDecoder(), null));
                out.add(m);
            }
        }
    }

    private static byte[] fixed(AttributeDecoder d, int n, AttributeSpec a) {
        if (d.length() != n) {
            throw new MalformedMessageException("attribute " + a.name() + " (" + a.value() + "): " + a.type().yamlName()
                    + " payload is " + d.length() + " bytes, " + n + " expected");
        }
        return d.bytes();
    }

    /**
     * @param s      the struct
     * @param b      the bytes
     * @param offset where the struct starts
     * @param length the bytes available; a shorter struct (an older kernel's) leaves the missing members out
     * @return the members by name, pad members left out
     */
    public Map<String, Object> decodeStruct(StructDefinition s, byte[] b, int offset, int length) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (StructDefinition.Member m : s.members()) {
            if (m.type() == AttrType.PAD || m.offset() + m.length() > length) {
                continue;
            }
            ByteBuffer bb = ByteBuffer.wrap(b, offset + m.offset(), m.length())
                    .order(m.byteOrder() == null ? ByteOrder.nativeOrder() : m.byteOrder());
            Object v = switch (m.type()) {
                case U8 -> (long) (bb.get() & 0xFF);
                case S8 -> (long) bb.get();
                case U16 -> (long) (bb.getShort() & 0xFFFF);
                case S16 -> (long) bb.getShort();
                case U32 -> Integer.toUnsignedLong(bb.getInt());
                case S32 -> (long) bb.getInt();
                case U64, S64 -> bb.getLong();
                case STRING -> {
                    int n = 0;
                    while (n < m.length() && b[offset + m.offset() + n] != 0) {
                        n++;
                    }
                    yield new String(b, offset + m.offset(), n, StandardCharsets.UTF_8);
                }
                default -> Arrays.copyOfRange(b, offset + m.offset(), offset + m.offset() + m.length());
            };
            out.put(m.name(), v);
        }
        return out;
    }

    /**
     * @param s      the struct
     * @param values members by name; absent members are zero
     * @return the struct's bytes
     * @throws NetlinkArgumentException naming the member whose value has the wrong type or does not fit
     */
    public byte[] encodeStruct(StructDefinition s, Map<String, Object> values) {
        ByteBuffer bb = ByteBuffer.allocate(s.size());
        for (StructDefinition.Member m : s.members()) {
            Object v = values.get(m.name());
            if (v == null || m.type() == AttrType.PAD) {
                continue;
            }
            bb.order(m.byteOrder() == null ? ByteOrder.nativeOrder() : m.byteOrder());
            bb.position(m.offset());
            switch (m.type()) {
                case U8, S8 -> bb.put((byte) number(v, s.name() + "." + m.name()));
                case U16, S16 -> bb.putShort((short) number(v, s.name() + "." + m.name()));
                case U32, S32 -> bb.putInt((int) number(v, s.name() + "." + m.name()));
                case U64, S64 -> bb.putLong(number(v, s.name() + "." + m.name()));
                default -> {
                    byte[] bytes = v instanceof String t ? t.getBytes(StandardCharsets.UTF_8) : bytes(v, s.name() + "." + m.name());
                    if (bytes.length > m.length()) {
                        throw new NetlinkArgumentException(s.name() + "." + m.name() + ": " + bytes.length
                                + " bytes do not fit the member's " + m.length());
                    }
                    bb.put(bytes);
                }
            }
        }
        return bb.array();
    }

    /**
     * @param setName the attribute set
     * @param values  values by attribute name, as {@link #decode} returns them
     * @return the attributes' bytes
     * @throws NetlinkArgumentException naming the attribute that the set lacks, whose value has the wrong type, or
     *                                  that fails the spec's checks
     */
    public byte[] encode(String setName, Map<String, Object> values) {
        AttributeEncoder e = new AttributeEncoder();
        encodeSet(spec.attributeSet(setName), values, e, null);
        return e.encode();
    }

    private void encodeSet(AttributeSet set, Map<String, Object> values, AttributeEncoder e, Map<String, Object> outer) {
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith("unknown-")) {
                e.bytes(Integer.parseInt(key.substring(8)), bytes(entry.getValue(), key));
                continue;
            }
            AttributeSpec a = set.attribute(key).orElseThrow(() -> new NetlinkArgumentException(spec.name()
                    + ": attribute set '" + set.name() + "' has no attribute '" + key + "'"));
            if (a.multiAttr()) {
                for (Object v : list(entry.getValue(), a)) {
                    put(set, a, a.type(), v, values, outer, e);
                }
            } else {
                put(set, a, a.type(), entry.getValue(), values, outer, e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void put(AttributeSet set, AttributeSpec a, AttrType type, Object v, Map<String, Object> siblings,
                     Map<String, Object> outer, AttributeEncoder e) {
        String what = spec.name() + " " + set.name() + "." + a.name();
        ByteOrder order = a.byteOrder() == null ? ByteOrder.nativeOrder() : a.byteOrder();
        int t = a.value();
        switch (type) {
            case FLAG -> {
                if (Boolean.TRUE.equals(v)) {
                    e.flag(t);
                }
            }
            case U8, S8 -> e.u8(t, (int) checked(a, number(v, what), 0xFFL, what) & 0xFF);
            case U16, S16 -> e.u16(t, (int) checked(a, number(v, what), 0xFFFFL, what) & 0xFFFF, order);
            case U32, S32 -> e.u32(t, checked(a, number(v, what), 0xFFFF_FFFFL, what) & 0xFFFF_FFFFL, order);
            case U64, S64 -> e.u64(t, checked(a, number(v, what), -1, what), order);
            case UINT, SINT -> {
                long n = checked(a, number(v, what), -1, what);
                boolean small = type == AttrType.UINT ? (n >>> 32) == 0 : n == (int) n;
                if (small) {
                    e.u32(t, n & 0xFFFF_FFFFL, order);
                } else {
                    e.u64(t, n, order);
                }
            }
            case STRING -> {
                if (!(v instanceof String s)) {
                    throw new NetlinkArgumentException(what + ": a string attribute needs text, got " + typeName(v));
                }
                checkLength(a, s.getBytes(StandardCharsets.UTF_8).length, what);
                e.string(t, s);
            }
            case BITFIELD32 -> {
                Map<String, Object> m = map(v, what);
                ByteBuffer bb = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
                bb.putInt((int) number(m.getOrDefault("value", 0L), what + ".value"));
                bb.putInt((int) number(m.getOrDefault("selector", 0L), what + ".selector"));
                e.bytes(t, bb.array());
            }
            case NEST -> {
                Map<String, Object> m = map(v, what);
                e.nested(t, inner -> encodeSet(spec.attributeSet(a.nestedAttributes()), m, inner, siblings));
            }
            case INDEXED_ARRAY -> {
                List<Object> items = list(v, a);
                e.nested(t, inner -> {
                    for (int i = 0; i < items.size(); i++) {
                        Object item = items.get(i);
                        if (a.subType() == AttrType.NEST) {
                            int index = i;
                            Map<String, Object> m = map(item, what + "[" + i + "]");
                            inner.nested(index, n -> encodeSet(spec.attributeSet(a.nestedAttributes()), m, n, null));
                        } else {
                            AttributeSpec member = new AttributeSpec(a.name(), i, a.subType(), a.byteOrder(), false,
                                    null, null, null, false, a.displayHint(), a.struct(), null, null, List.of(), a.checks());
                            put(set, member, a.subType(), item, siblings, outer, inner);
                        }
                    }
                });
            }
            case NEST_TYPE_VALUE -> {
                List<Object> items = list(v, a);
                e.nested(t, inner -> {
                    for (Object item : items) {
                        Map<String, Object> m = map(item, what);
                        typeValue(a, m, 0, inner, what);
                    }
                });
            }
            case SUB_MESSAGE -> {
                Object selector = siblings.containsKey(a.selector()) ? siblings.get(a.selector())
                        : outer == null ? null : outer.get(a.selector());
                SubMessage.Format f = spec.subMessages().get(a.subMessage()).format(String.valueOf(selector)).orElse(null);
                if (f == null) {
                    e.bytes(t, bytes(v, what));
                    break;
                }
                Map<String, Object> m = map(v, what);
                AttributeEncoder body = new AttributeEncoder();
                if (f.fixedHeader() != null) {
                    StructDefinition s = spec.struct(f.fixedHeader());
                    byte[] h = encodeStruct(s, map(m.getOrDefault("fixed-header", Map.of()), what + ".fixed-header"));
                    body.header(Arrays.copyOf(h, align(h.length)));
                }
                if (f.attributeSet() != null) {
                    Map<String, Object> rest = new LinkedHashMap<>(m);
                    rest.remove("fixed-header");
                    encodeSet(spec.attributeSet(f.attributeSet()), rest, body, siblings);
                }
                e.bytes(t, body.encode());
            }
            default -> {
                byte[] bytes;
                if (a.struct() != null && v instanceof Map<?, ?> m) {
                    bytes = encodeStruct(spec.struct(a.struct()), (Map<String, Object>) m);
                } else {
                    bytes = bytes(v, what);
                }
                checkLength(a, bytes.length, what);
                e.bytes(t, bytes);
            }
        }
    }

    private void typeValue(AttributeSpec a, Map<String, Object> m, int level, AttributeEncoder e, String what) {
        String key = level < a.typeValue().size() ? a.typeValue().get(level) : "type-" + level;
        int type = (int) number(m.get(key), what + "." + key);
        if (level + 1 < a.typeValue().size()) {
            e.nested(type, inner -> typeValue(a, m, level + 1, inner, what));
        } else {
            Map<String, Object> attrs = map(m.getOrDefault("attributes", Map.of()), what + ".attributes");
            e.nested(type, inner -> encodeSet(spec.attributeSet(a.nestedAttributes()), attrs, inner, null));
        }
    }

    private static long checked(AttributeSpec a, long n, long mask, String what) {
        AttributeSpec.Checks c = a.checks();
        boolean signed = a.type().signed();
        if (mask != -1 && !signed && (n & ~mask) != 0) {
            throw new NetlinkArgumentException(what + ": " + n + " does not fit a " + a.type().yamlName());
        }
        if (c.min() != null && (signed ? n < c.min() : Long.compareUnsigned(n, c.min()) < 0)) {
            throw new NetlinkArgumentException(what + ": " + n + " is below the minimum " + c.min());
        }
        if (c.max() != null && (signed ? n > c.max() : Long.compareUnsigned(n, c.max()) > 0)) {
            throw new NetlinkArgumentException(what + ": " + n + " is above the maximum " + Long.toUnsignedString(c.max()));
        }
        return n;
    }

    private static void checkLength(AttributeSpec a, int length, String what) {
        AttributeSpec.Checks c = a.checks();
        if (c.minLen() != null && length < c.minLen()) {
            throw new NetlinkArgumentException(what + ": " + length + " bytes, at least " + c.minLen() + " needed");
        }
        if (c.maxLen() != null && length > c.maxLen()) {
            throw new NetlinkArgumentException(what + ": " + length + " bytes, at most " + c.maxLen() + " allowed");
        }
        if (c.exactLen() != null && length != c.exactLen()) {
            throw new NetlinkArgumentException(what + ": " + length + " bytes, exactly " + c.exactLen() + " needed");
        }
    }

    private static long number(Object v, String what) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new NetlinkArgumentException(what + ": needs a number, got " + typeName(v));
    }

    private static byte[] bytes(Object v, String what) {
        if (v instanceof byte[] b) {
            return b;
        }
        throw new NetlinkArgumentException(what + ": needs bytes, got " + typeName(v));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v, String what) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new NetlinkArgumentException(what + ": needs a map of attributes, got " + typeName(v));
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object v, AttributeSpec a) {
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new NetlinkArgumentException(spec.name() + " " + a.name() + ": needs a list, got " + typeName(v));
    }

    private static String typeName(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName();
    }

    static int align(int n) {
        return (n + 3) & ~3;
    }
}
