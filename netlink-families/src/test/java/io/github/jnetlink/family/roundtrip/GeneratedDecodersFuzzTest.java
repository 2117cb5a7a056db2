package io.github.jnetlink.family.roundtrip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated decoder of every family on arbitrary bytes: the first two bytes choose the decoder (an attribute
 * set's {@code decode}, or a family's notification {@code decode} for a message of that type), the rest is the
 * payload. A decoder may only throw {@link NetlinkException}; what it decodes must encode again (or be refused with
 * {@link NetlinkArgumentException} when a value breaks the spec's checks) and decode to the same bytes. Seeds are
 * sample records of spread-out sets; {@code JAZZER_FUZZ=1} fuzzes beyond them.
 */
class GeneratedDecodersFuzzTest {

    static final List<Class<?>> SETS = GeneratedRecords.attributeSets();
    static final List<Method> NOTIFICATIONS = notifications();

    static List<Method> notifications() {
        List<Method> out = new ArrayList<>();
        for (Class<?> c : GeneratedRecords.allClasses()) {
            if (c.isInterface() && c.getSimpleName().endsWith("Notification")) {
                try {
                    out.add(c.getMethod("decode", Message.class));
                } catch (NoSuchMethodException e) {
                    throw new AssertionError(c + " has no decode(Message)", e);
                }
            }
        }
        return out;
    }

    static Stream<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < SETS.size(); i += 7) {
            byte[] body = GeneratedRecords.encode(GeneratedRecords.sample(SETS.get(i), 2));
            seeds.add(withSelector(i, body));
        }
        for (int i = 0; i < NOTIFICATIONS.size(); i++) {
            seeds.add(withSelector(SETS.size() + i, new byte[] {1, 1, 0, 0, 8, 0, 1, 0, 7, 0, 0, 0}));
        }
        return seeds.stream();
    }

    static byte[] withSelector(int index, byte[] body) {
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) (index >>> 8);
        out[1] = (byte) index;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) throws Throwable {
        if (input.length < 2) {
            return;
        }
        int index = (((input[0] & 0xFF) << 8) | (input[1] & 0xFF)) % (SETS.size() + NOTIFICATIONS.size());
        byte[] body = Arrays.copyOfRange(input, 2, input.length);
        if (index >= SETS.size()) {
            Method m = NOTIFICATIONS.get(index - SETS.size());
            int type = body.length > 0 ? 0x10 + (body[0] & 0x3F) : 0x10;
            try {
                m.invoke(null, Message.of(type, 0, body));
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof NetlinkException)) {
                    throw e.getCause();
                }
            }
            return;
        }
        Class<?> c = SETS.get(index);
        Object decoded;
        try {
            decoded = GeneratedRecords.decode(c, body);
        } catch (NetlinkException e) {
            return;
        }
        byte[] again;
        try {
            again = GeneratedRecords.encode(decoded);
        } catch (NetlinkArgumentException e) {
            return; // the kernel would refuse such a value too (a string over max-len, a length the check forbids)
        }
        byte[] third = GeneratedRecords.encode(GeneratedRecords.decode(c, again));
        if (!Arrays.equals(again, third)) {
            throw new AssertionError(c.getName() + ": decode(encode(x)) encodes differently");
        }
    }
}
