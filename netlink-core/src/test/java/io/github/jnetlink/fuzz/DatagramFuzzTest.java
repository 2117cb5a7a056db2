package io.github.jnetlink.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.Header;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The receive path's framing, the package-private {@code Message.parseDatagram(ByteBuffer, int, int, List)}, on
 * arbitrary datagrams. The first input byte places the datagram 0 to 7 bytes into a direct buffer with
 * garbage around it; the rest is the datagram. Parsing must give the same messages as parsing the datagram
 * alone (it never reads outside {@code [position, limit)}), or throw {@link MalformedMessageException} with the
 * same message, within the allocation bound.
 */
class DatagramFuzzTest {

    private static final MethodHandle PARSE = parseDatagram();
    private static final byte GARBAGE = (byte) 0xA5;

    private static MethodHandle parseDatagram() {
        try {
            return MethodHandles.privateLookupIn(Message.class, MethodHandles.lookup()).findStatic(Message.class,
                    "parseDatagram", MethodType.methodType(void.class, ByteBuffer.class, int.class, int.class, List.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Message.parseDatagram(ByteBuffer, int, int, List) is gone; update this test", e);
        }
    }

    static Stream<byte[]> seeds() {
        List<byte[]> datagrams = KernelSeeds.allDatagrams();
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < datagrams.size(); i++) {
            byte[] d = datagrams.get(i);
            byte[] seed = new byte[d.length + 1];
            seed[0] = (byte) i;
            System.arraycopy(d, 0, seed, 1, d.length);
            out.add(seed);
        }
        return out.stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void parseDatagram(byte[] input) throws Throwable {
        if (input.length == 0) {
            return;
        }
        int position = input[0] & 7;
        int length = input.length - 1;
        ByteBuffer placed = ByteBuffer.allocateDirect(position + length + 8).order(ByteOrder.nativeOrder());
        while (placed.hasRemaining()) {
            placed.put(GARBAGE);
        }
        placed.put(position, input, 1, length);
        ByteBuffer alone = ByteBuffer.wrap(Arrays.copyOfRange(input, 1, input.length)).order(ByteOrder.nativeOrder());

        Object[] result = new Object[1];
        AllocationBound.check("Message.parseDatagram", length, () -> result[0] = parse(placed, position, position + length));
        Object expected = parse(alone, 0, length);
        if (expected instanceof MalformedMessageException e) {
            assertThat(result[0]).isInstanceOfSatisfying(MalformedMessageException.class,
                    r -> assertThat(r.getMessage()).isEqualTo(e.getMessage()));
            return;
        }
        assertThat(result[0]).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        List<Message> messages = (List<Message>) expected;
        int off = 0;
        for (Message m : messages) {
            assertThat(m.header().length()).isEqualTo(Header.SIZE + m.data().length);
            off += (m.header().length() + 3) & ~3;
        }
        assertThat(off).isBetween(length, length + 3);
    }

    /** The messages parsed, or the {@link MalformedMessageException} thrown; anything else escapes. */
    private static Object parse(ByteBuffer b, int position, int limit) {
        List<Message> out = new ArrayList<>();
        try {
            PARSE.invokeExact(b, position, limit, (List<Message>) out);
            return out;
        } catch (MalformedMessageException e) {
            return e;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
