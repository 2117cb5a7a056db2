package io.github.jnetlink.cli;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.ynl.AttrType;
import io.github.jnetlink.ynl.AttributeSet;
import io.github.jnetlink.ynl.AttributeSpec;
import io.github.jnetlink.ynl.DynamicCodec;
import io.github.jnetlink.ynl.Operation;
import io.github.jnetlink.ynl.Spec;
import io.github.jnetlink.ynl.StructDefinition;
import io.github.jnetlink.ynl.SubMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code --json} request values, in {@code cli.py}'s conventions (enum names, a flag name or list of names,
 * binary as hex, fixed-header members beside the attributes), into the plain values {@link DynamicCodec} encodes.
 * Every error names the attribute and what was wrong with it.
 */
final class RequestEncoder {

    private final Spec spec;
    private final DynamicCodec codec;

    RequestEncoder(Spec spec) {
        this.spec = spec;
        this.codec = new DynamicCodec(spec);
    }

    /** @return what follows the netlink (and generic) header: the fixed header, then the attributes */
    byte[] encode(Operation op, Map<String, Object> json) {
        Map<String, Object> rest = new LinkedHashMap<>(json);
        Map<String, Object> values = new LinkedHashMap<>();
        StructDefinition header = spec.fixedHeader(op).orElse(null);
        if (header != null) {
            values.put("fixed-header", struct(header, rest, spec.name() + " " + op.name()));
        }
        if (op.attributeSet() != null) {
            values.putAll(set(spec.attributeSet(op.attributeSet()), rest));
        } else if (!rest.isEmpty()) {
            throw new NetlinkArgumentException(spec.name() + " " + op.name() + " takes no attributes, got " + rest.keySet());
        }
        return codec.encodeMessage(op, values);
    }

    /** Takes the struct's members out of {@code from}, as {@code cli.py} does with a fixed header. */
    private Map<String, Object> struct(StructDefinition s, Map<String, Object> from, String what) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (StructDefinition.Member m : s.members()) {
            if (!from.containsKey(m.name()) || m.type() == AttrType.PAD) {
                continue;
            }
            Object v = from.remove(m.name());
            String w = what + " " + s.name() + "." + m.name();
            if (m.type().integer()) {
                out.put(m.name(), m.enumName() != null ? Values.enumValue(spec, m.enumName(), m.enumAsFlags(), v, w)
                        : number(v, w));
            } else if (m.type() == AttrType.STRING) {
                out.put(m.name(), String.valueOf(v));
            } else {
                out.put(m.name(), v instanceof String t ? Values.parseBinary(t, m.displayHint(), w) : v);
            }
        }
        return out;
    }

    private Map<String, Object> set(AttributeSet set, Map<String, Object> json) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            AttributeSpec a = set.attribute(e.getKey()).orElseThrow(() -> new NetlinkArgumentException("Space '"
                    + set.name() + "' has no attribute '" + e.getKey() + "'; it has "
                    + set.attributes().stream().map(AttributeSpec::name).toList()));
            String what = spec.name() + " " + set.name() + "." + a.name();
            if (a.multiAttr() && e.getValue() instanceof List<?> l) {
                List<Object> items = new ArrayList<>();
                for (Object item : l) {
                    items.add(value(a, item, json, what));
                }
                out.put(a.name(), items);
            } else if (a.multiAttr()) {
                out.put(a.name(), List.of(value(a, e.getValue(), json, what)));
            } else {
                Object v = value(a, e.getValue(), json, what);
                if (v != null) {
                    out.put(a.name(), v);
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object value(AttributeSpec a, Object v, Map<String, Object> siblings, String what) {
        switch (a.type()) {
            case FLAG:
                return v == null || Boolean.FALSE.equals(v) ? null : Boolean.TRUE;
            case STRING:
                return String.valueOf(v);
            case NEST:
                return set(spec.attributeSet(a.nestedAttributes()), map(v, what));
            case BINARY:
                if (v instanceof String t) {
                    return Values.parseBinary(t, a.displayHint(), what);
                }
                if (v instanceof Map<?, ?> m && a.struct() != null) {
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
                    Map<String, Object> s = struct(spec.struct(a.struct()), copy, what);
                    if (!copy.isEmpty()) {
                        throw new NetlinkArgumentException(what + ": struct " + a.struct() + " has no member " + copy.keySet());
                    }
                    return s;
                }
                throw new NetlinkArgumentException(what + ": a binary attribute takes hex text"
                        + (a.struct() != null ? " or the members of struct " + a.struct() : "") + ", got " + v);
            case BITFIELD32: {
                Map<String, Object> m = map(v, what);
                Map<String, Object> out = new LinkedHashMap<>();
                for (String k : List.of("value", "selector")) {
                    Object x = m.get(k);
                    if (x == null) {
                        throw new NetlinkArgumentException(what + ": a bitfield32 takes {\"value\": ..., \"selector\": ...}");
                    }
                    out.put(k, a.enumName() != null ? Values.enumValue(spec, a.enumName(), true, x, what + "." + k)
                            : number(x, what + "." + k));
                }
                return out;
            }
            case INDEXED_ARRAY: {
                if (!(v instanceof List<?> l)) {
                    throw new NetlinkArgumentException(what + ": an indexed-array takes a list, got " + v);
                }
                List<Object> out = new ArrayList<>();
                for (Object item : l) {
                    out.add(a.subType() == AttrType.NEST ? set(spec.attributeSet(a.nestedAttributes()), map(item, what))
                            : a.subType() == AttrType.BINARY && item instanceof String t
                                    ? Values.parseBinary(t, a.displayHint(), what) : number(item, what));
                }
                return out;
            }
            case SUB_MESSAGE: {
                Object selector = siblings.get(a.selector());
                SubMessage sm = spec.subMessages().get(a.subMessage());
                SubMessage.Format f = sm.format(String.valueOf(selector)).orElseThrow(() -> new NetlinkArgumentException(
                        what + ": no format for " + a.selector() + " '" + selector + "' in sub-message " + sm.name()
                                + "; it has " + sm.formats().stream().map(SubMessage.Format::value).toList()));
                Map<String, Object> rest = new LinkedHashMap<>(map(v, what));
                Map<String, Object> out = new LinkedHashMap<>();
                if (f.fixedHeader() != null) {
                    out.put("fixed-header", struct(spec.struct(f.fixedHeader()), rest, what));
                }
                if (f.attributeSet() != null) {
                    out.putAll(set(spec.attributeSet(f.attributeSet()), rest));
                } else if (!rest.isEmpty()) {
                    throw new NetlinkArgumentException(what + ": format '" + f.value() + "' has no attributes, got " + rest.keySet());
                }
                return out;
            }
            default:
                if (a.type().integer()) {
                    return a.enumName() != null && !(v instanceof Number)
                            ? Values.enumValue(spec, a.enumName(), a.enumAsFlags(), v, what) : number(v, what);
                }
                throw new NetlinkArgumentException(what + ": " + a.type().yamlName() + " attributes cannot be sent from JSON");
        }
    }

    private static long number(Object v, String what) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                // as Python's int(): decimal text is a number too
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new NetlinkArgumentException(what + ": needs a number, got " + (v instanceof String ? "'" + v + "'" : v));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v, String what) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new NetlinkArgumentException(what + ": needs a JSON object of attributes, got " + v);
    }
}
