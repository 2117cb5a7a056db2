package io.github.jnetlink.cli;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.ynl.Definition;
import io.github.jnetlink.ynl.EnumDefinition;
import io.github.jnetlink.ynl.Spec;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The value conventions {@code cli.py} shares with us: enum names, flag lists, display hints, hex. */
final class Values {

    private Values() {
    }

    /** @return {@code v} as a number, a u64 above {@code Long.MAX_VALUE} as the unsigned {@link BigInteger} */
    static Object integer(long v, boolean unsigned) {
        return unsigned && v < 0 ? new BigInteger(Long.toUnsignedString(v)) : (Object) v;
    }

    static EnumDefinition enumDefinition(Spec spec, String name) {
        Definition d = spec.definitions().get(name);
        if (d instanceof EnumDefinition e) {
            return e;
        }
        throw new NetlinkArgumentException(spec.name() + ": no enum or flags named '" + name + "'");
    }

    /**
     * @return the entry's name; for flags (or an enum used as flags) the list of the set bits' names, lowest first.
     *         A value or bit the spec does not name stays a number.
     */
    static Object enumName(Spec spec, String enumName, boolean asFlags, long raw) {
        EnumDefinition e = enumDefinition(spec, enumName);
        if (!e.flags() && !asFlags) {
            for (EnumDefinition.Entry entry : e.entries()) {
                if (entry.value() == raw) {
                    return entry.name();
                }
            }
            return raw;
        }
        List<Object> names = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            if ((raw & (1L << i)) == 0) {
                continue;
            }
            long want = e.flags() ? 1L << i : i;
            names.add(e.entries().stream().filter(x -> x.value() == want).map(x -> (Object) x.name()).findFirst()
                    .orElse(integer(1L << i, true)));
        }
        return names;
    }

    /** @return the number of an entry's name, or (flags) the mask of a name or list of names */
    static long enumValue(Spec spec, String enumName, boolean asFlags, Object v, String what) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        EnumDefinition e = enumDefinition(spec, enumName);
        boolean flags = e.flags() || asFlags;
        List<?> names = v instanceof List<?> l ? l : List.of(v);
        if (!flags && names.size() != 1) {
            throw new NetlinkArgumentException(what + ": enum " + e.name() + " takes one name, got " + v);
        }
        long mask = 0;
        for (Object name : names) {
            if (name instanceof Number n) {
                mask |= n.longValue();
                continue;
            }
            EnumDefinition.Entry entry = e.entries().stream().filter(x -> x.name().equals(String.valueOf(name)))
                    .findFirst().orElseThrow(() -> new NetlinkArgumentException(what + ": " + e.name() + " has no entry '"
                            + name + "'; its entries are " + e.entries().stream().map(EnumDefinition.Entry::name).toList()));
            if (!flags) {
                return entry.value();
            }
            mask |= e.flags() ? entry.value() : 1L << entry.value();
        }
        return mask;
    }

    /** @return the text a display hint asks for: hex, mac, ipv4, ipv6, uuid; other hints leave the value */
    static Object hint(Object v, String hint) {
        if (v instanceof Number n) {
            return switch (hint) {
                case "hex" -> "0x" + (n instanceof BigInteger b ? b.toString(16) : Long.toHexString(n.longValue()));
                case "ipv4", "ipv6" -> {
                    long x = n.longValue();
                    yield (n instanceof BigInteger || (x >>> 32) != 0) ? v
                            : ip(ByteBuffer.allocate(4).putInt((int) x).array());
                }
                default -> v;
            };
        }
        byte[] b = (byte[]) v;
        return switch (hint) {
            case "mac" -> HexFormat.ofDelimiter(":").formatHex(b);
            case "hex" -> HexFormat.ofDelimiter(" ").formatHex(b);
            case "ipv4", "ipv6" -> b.length == 4 || b.length == 16 ? ip(b) : b;
            case "uuid" -> b.length == 16 ? uuid(b) : b;
            default -> b;
        };
    }

    /** @return the address as Python's {@code ipaddress} writes it: dotted, or IPv6 with the longest zero run as :: */
    static String ip(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
        }
        int[] h = new int[8];
        for (int i = 0; i < 8; i++) {
            h[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (h[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && h[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestLen > 1 && i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(h[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    private static String uuid(byte[] b) {
        String x = HexFormat.of().formatHex(b);
        return x.substring(0, 8) + "-" + x.substring(8, 12) + "-" + x.substring(12, 16) + "-" + x.substring(16, 20) + "-"
                + x.substring(20);
    }

    /**
     * @return the bytes of a binary value given as text: hex (spaces allowed, as Python's {@code bytes.fromhex}), or
     *         in the attribute's display hint (mac {@code aa:bb:..}, dotted IPv4, IPv6)
     */
    static byte[] parseBinary(String text, String hint, String what) {
        String t = text.trim();
        try {
            if (("ipv4".equals(hint) || "ipv6".equals(hint)) && (t.contains(".") || t.contains(":"))) {
                return java.net.InetAddress.getByName(literal(t)).getAddress();
            }
            if (("mac".equals(hint) || "hex".equals(hint)) && t.contains(":")) {
                return HexFormat.ofDelimiter(":").parseHex(t.toLowerCase(Locale.ROOT));
            }
            return HexFormat.of().parseHex(t.replace(" ", ""));
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            throw new NetlinkArgumentException(what + ": '" + text + "' is not " + (hint == null ? "hex" : "hex or " + hint));
        }
    }

    private static String literal(String t) {
        // InetAddress.getByName must never resolve a host name: only address literals reach it
        if (!t.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException(t);
        }
        return t;
    }
}
