package io.github.jnetlink.cli;

import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.ynl.AttrType;
import io.github.jnetlink.ynl.AttributeSet;
import io.github.jnetlink.ynl.AttributeSpec;
import io.github.jnetlink.ynl.DynamicCodec;
import io.github.jnetlink.ynl.Operation;
import io.github.jnetlink.ynl.Spec;
import io.github.jnetlink.ynl.StructDefinition;
import io.github.jnetlink.ynl.SubMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the kernel's messages into the values {@code cli.py} prints: attributes by spec name, enums by entry name,
 * flags as lists of names, display hints applied, binary as bytes (hex in JSON), fixed-header members beside the
 * attributes. Unlike {@code cli.py}, an attribute the spec does not know (a newer kernel's) is kept as
 * {@code "UnknownAttr(N)"}, as {@code cli.py --process-unknown} keeps it, instead of aborting, and an enum value the
 * spec does not list stays a number.
 */
final class ReplyDecoder {

    private final Spec spec;
    private final DynamicCodec codec;
    private final boolean processUnknown;

    ReplyDecoder(Spec spec, boolean processUnknown) {
        this.spec = spec;
        this.codec = new DynamicCodec(spec);
        this.processUnknown = processUnknown;
    }

    /**
     * @param op      the operation the message belongs to
     * @param payload the netlink payload (after the 16-byte header)
     * @return the attributes, then the fixed header's members, as {@code cli.py} orders them
     */
    Map<String, Object> message(Operation op, byte[] payload) {
        if (op.attributeSet() == null && op.notifies() != null) {
            // a notification without a set of its own (netdev's dev-add-ntf) is in the format of the one it notifies
            Operation target = spec.operation(op.notifies()).orElse(null);
            if (target != null) {
                op = new Operation(op.name(), target.attributeSet(), op.fixedHeader() != null ? op.fixedHeader()
                        : target.fixedHeader(), op.requestValue(), op.replyValue(), op.doMode(), op.dumpMode(),
                        op.notifies(), op.eventAttributes(), op.mcgrp(), op.adminPerm());
            }
        }
        int offset = spec.genetlink() ? 4 : 0;
        if (payload.length < offset) {
            throw new MalformedMessageException(spec.name() + " " + op.name() + ": " + payload.length
                    + " bytes, the generic netlink header needs 4");
        }
        StructDefinition header = spec.fixedHeader(op).orElse(null);
        Map<String, Object> fixed = Map.of();
        if (header != null) {
            fixed = struct(header, payload, offset, payload.length - offset);
            offset = Math.min(payload.length, offset + ((header.size() + 3) & ~3));
        }
        Map<String, Object> out = op.attributeSet() == null ? new LinkedHashMap<>()
                : set(spec.attributeSet(op.attributeSet()), new AttributeDecoder(payload, offset, payload.length - offset),
                        null);
        out.putAll(fixed);
        return out;
    }

    /** The attributes decoded so far around a nest, searched for a sub-message's selector, innermost first. */
    private record Scope(Map<String, Object> values, AttributeSet set, Scope outer) {
        Object lookup(String name) {
            for (Scope s = this; s != null; s = s.outer) {
                if (s.set.attribute(name).isPresent()) {
                    return s.values.get(name);
                }
            }
            return null;
        }
    }

    private Map<String, Object> set(AttributeSet set, AttributeDecoder d, Scope outer) {
        Map<String, Object> out = new LinkedHashMap<>();
        Scope scope = new Scope(out, set, outer);
        while (d.next()) {
            AttributeSpec a = set == null ? null : set.attribute(d.type()).orElse(null);
            if (a == null) {
                if (!processUnknown) {
                    throw new UnknownAttributeException("Space '" + (set == null ? "None" : set.name())
                            + "' has no attribute with value '" + d.type() + "'");
                }
                add(out, "UnknownAttr(" + d.type() + ")", null, d.nested() ? set(null, d.nestedDecoder(), null) : d.bytes());
                continue;
            }
            add(out, a.name(), a.multiAttr(), value(a, d, scope));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> out, String name, Boolean multi, Object v) {
        boolean list = multi != null ? multi : out.containsKey(name);
        if (!list) {
            out.put(name, v);
        } else if (out.get(name) instanceof List<?> l) {
            ((List<Object>) l).add(v);
        } else {
            List<Object> l = new ArrayList<>();
            if (multi == null) {
                l.add(out.get(name));
            }
            l.add(v);
            out.put(name, l);
        }
    }

    private Object value(AttributeSpec a, AttributeDecoder d, Scope scope) {
        ByteOrder order = a.byteOrder() == null ? ByteOrder.nativeOrder() : a.byteOrder();
        switch (a.type()) {
            case NEST:
                return set(spec.attributeSet(a.nestedAttributes()), d.nestedDecoder(), scope);
            case STRING: {
                byte[] b = d.bytes();
                // as cli.py: the text without its last byte, the NUL
                return new String(b, 0, Math.max(0, b.length - 1), java.nio.charset.StandardCharsets.UTF_8);
            }
            case FLAG:
                return Boolean.TRUE;
            case BINARY:
                return binary(a, d.bytes());
            case UINT:
            case SINT: {
                if (d.length() != 4 && d.length() != 8) {
                    throw new MalformedMessageException(a.name() + ": auto-scalar payload must be 4 or 8 bytes, got "
                            + d.length());
                }
                boolean signed = a.type() == AttrType.SINT;
                return d.length() == 4 ? (signed ? (Object) (long) d.u32(order) : (Object) Integer.toUnsignedLong(d.u32(order)))
                        : Values.integer(d.u64(order), !signed);
            }
            case INDEXED_ARRAY:
                return array(a, d.nestedDecoder());
            case BITFIELD32: {
                if (d.length() != 8) {
                    throw new MalformedMessageException(a.name() + ": bitfield32 payload is " + d.length() + " bytes, 8 expected");
                }
                ByteBuffer bb = ByteBuffer.wrap(d.bytes()).order(ByteOrder.nativeOrder());
                long value = Integer.toUnsignedLong(bb.getInt());
                long selector = Integer.toUnsignedLong(bb.getInt());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("value", a.enumName() == null ? value : Values.enumName(spec, a.enumName(), a.enumAsFlags(), value));
                m.put("selector", a.enumName() == null ? selector
                        : Values.enumName(spec, a.enumName(), a.enumAsFlags(), selector));
                return m;
            }
            case SUB_MESSAGE:
                return subMessage(a, d.bytes(), scope);
            case NEST_TYPE_VALUE:
                return typeValue(a, d);
            case PAD:
            case UNUSED:
                return d.bytes();
            default: {
                long v = scalar(a.type(), d, order);
                if (a.enumName() != null) {
                    return Values.enumName(spec, a.enumName(), a.enumAsFlags(), v);
                }
                Object n = Values.integer(v, !a.type().signed());
                return a.displayHint() == null ? n : Values.hint(n, a.displayHint());
            }
        }
    }

    private static long scalar(AttrType t, AttributeDecoder d, ByteOrder order) {
        int expected = t.width();
        if (d.length() != expected) {
            throw new MalformedMessageException(t.yamlName() + " attribute " + d.type() + ": payload is " + d.length()
                    + " bytes, " + expected + " expected");
        }
        return switch (t) {
            case U8 -> d.u8();
            case S8 -> d.s8();
            case U16 -> d.u16(order);
            case S16 -> (short) d.u16(order);
            case U32 -> Integer.toUnsignedLong(d.u32(order));
            case S32 -> d.u32(order);
            default -> d.u64(order);
        };
    }

    private Object binary(AttributeSpec a, byte[] b) {
        if (a.struct() != null) {
            return struct(spec.struct(a.struct()), b, 0, b.length);
        }
        if (a.subType() != null && a.subType().integer() && a.subType().width() > 0) {
            // a C array of scalars in host order, as cli.py's as_c_array reads it
            int w = a.subType().width();
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
            List<Object> l = new ArrayList<>();
            for (int i = 0; i + w <= b.length; i += w) {
                long v = switch (w) {
                    case 1 -> a.subType().signed() ? bb.get(i) : bb.get(i) & 0xFF;
                    case 2 -> a.subType().signed() ? bb.getShort(i) : bb.getShort(i) & 0xFFFF;
                    case 4 -> a.subType().signed() ? bb.getInt(i) : Integer.toUnsignedLong(bb.getInt(i));
                    default -> bb.getLong(i);
                };
                l.add(Values.integer(v, !a.subType().signed()));
            }
            return l;
        }
        return a.displayHint() == null ? b : Values.hint(b, a.displayHint());
    }

    private List<Object> array(AttributeSpec a, AttributeDecoder d) {
        List<Object> l = new ArrayList<>();
        ByteOrder order = a.byteOrder() == null ? ByteOrder.nativeOrder() : a.byteOrder();
        while (d.next()) {
            AttrType sub = a.subType() == null ? AttrType.BINARY : a.subType();
            if (sub == AttrType.NEST) {
                // cli.py keys each member by its index attribute's type, which the kernel may start at 1
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(String.valueOf(d.type()), set(spec.attributeSet(a.nestedAttributes()), d.nestedDecoder(), null));
                l.add(m);
            } else if (sub.integer() && sub.width() > 0) {
                Object n = Values.integer(scalar(sub, d, order), !sub.signed());
                l.add(a.displayHint() == null ? n : Values.hint(n, a.displayHint()));
            } else {
                byte[] b = d.bytes();
                l.add(a.displayHint() == null ? b : Values.hint(b, a.displayHint()));
            }
        }
        return l;
    }

    private Object subMessage(AttributeSpec a, byte[] payload, Scope scope) {
        SubMessage sm = spec.subMessages().get(a.subMessage());
        Object selector = scope.lookup(a.selector());
        SubMessage.Format f = sm == null || selector == null ? null : sm.format(String.valueOf(selector)).orElse(null);
        if (f == null) {
            // cli.py aborts here; a format the spec does not know stays raw
            return payload;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        int offset = 0;
        if (f.fixedHeader() != null) {
            StructDefinition s = spec.struct(f.fixedHeader());
            out.putAll(struct(s, payload, 0, payload.length));
            offset = Math.min(payload.length, s.size());
        }
        if (f.attributeSet() != null) {
            out.putAll(set(spec.attributeSet(f.attributeSet()), new AttributeDecoder(payload, offset,
                    payload.length - offset), scope));
        }
        return out;
    }

    private Map<String, Object> typeValue(AttributeSpec a, AttributeDecoder d) {
        // as cli.py: the first attribute of each level names that level's type value
        Map<String, Object> out = new LinkedHashMap<>();
        AttributeDecoder level = d;
        for (String name : a.typeValue()) {
            AttributeDecoder inner = level.nestedDecoder();
            if (!inner.next()) {
                return out;
            }
            out.put(name, (long) inner.type());
            level = inner;
        }
        out.putAll(set(spec.attributeSet(a.nestedAttributes()), level.nestedDecoder(), null));
        return out;
    }

    private Map<String, Object> struct(StructDefinition s, byte[] b, int offset, int length) {
        Map<String, Object> raw = codec.decodeStruct(s, b, offset, length);
        Map<String, Object> out = new LinkedHashMap<>();
        for (StructDefinition.Member m : s.members()) {
            if (!raw.containsKey(m.name())) {
                continue;
            }
            Object v = raw.get(m.name());
            if (v instanceof Long n) {
                if (m.enumName() != null) {
                    v = Values.enumName(spec, m.enumName(), m.enumAsFlags(), n);
                } else {
                    v = Values.integer(n, !m.type().signed());
                    if (m.displayHint() != null) {
                        v = Values.hint(v, m.displayHint());
                    }
                }
            } else if (v instanceof byte[] bytes && m.displayHint() != null) {
                v = Values.hint(bytes, m.displayHint());
            }
            out.put(m.name(), v);
        }
        return out;
    }

    /** {@code cli.py}'s abort on an attribute the spec lacks, asked for with {@code --no-process-unknown}. */
    static final class UnknownAttributeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownAttributeException(String message) {
            super(message);
        }
    }
}
