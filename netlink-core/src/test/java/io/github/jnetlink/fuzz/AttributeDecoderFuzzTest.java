package io.github.jnetlink.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AttributeDecoder} on arbitrary attribute runs, nested to {@link #MAX_DEPTH} levels, every payload also
 * tried as a nest. The first input byte cuts a region out of the rest: bits 0-1 skip that many leading bytes,
 * bits 2-3 leave that many trailing bytes outside it. Within a region, {@code next()} either moves to an
 * attribute lying wholly inside the region or throws {@link MalformedMessageException} (again on every later
 * call); each typed read returns a value or throws {@link MalformedMessageException} exactly when the payload
 * has the wrong size; decoding a region gives what decoding a copy of just that region gives.
 */
class AttributeDecoderFuzzTest {

    static final int MAX_DEPTH = 4;

    static Stream<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        int[] headers = {16, 8, 12, 12, 4, 4};
        KernelSeeds.Kind[] kinds = KernelSeeds.Kind.values();
        for (int k = 0; k < kinds.length; k++) {
            for (byte[] payload : KernelSeeds.payloads(kinds[k])) {
                int skip = Math.min(headers[k], payload.length);
                byte[] seed = new byte[1 + payload.length - skip];
                System.arraycopy(payload, skip, seed, 1, payload.length - skip);
                out.add(seed);
            }
        }
        return out.stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int start = 1 + (input[0] & 3);
        int end = input.length - ((input[0] >> 2) & 3);
        if (end < start) {
            start = 1;
            end = input.length;
        }
        int from = start;
        int to = end;
        AllocationBound.check("AttributeDecoder walk", input.length, () -> readAll(new AttributeDecoder(input, from, to - from)));

        List<String> placed = new ArrayList<>();
        walk(new AttributeDecoder(input, start, end - start), 0, start, end, placed);
        List<String> alone = new ArrayList<>();
        byte[] copy = Arrays.copyOfRange(input, start, end);
        walk(new AttributeDecoder(copy), 0, 0, copy.length, alone);
        assertThat(placed).isEqualTo(alone);
    }

    /**
     * What a record decoder does: every attribute's payload copied or read as text, every one opened as a nest
     * and walked one level down, the first malformed attribute ending it all. (The deeper walk below opens a nest
     * per attribute per level and carries on past malformed ones, which costs an exception each: the test's own
     * cost, not the decoder's.)
     */
    private static void readAll(AttributeDecoder d) {
        try {
            while (d.next()) {
                d.bytes();
                d.string();
                AttributeDecoder nest = d.nestedDecoder();
                while (nest.next()) {
                    nest.bytes();
                    nest.string();
                }
            }
        } catch (MalformedMessageException expected) {
            // as a record decoder, give up at the first malformed attribute
        }
    }

    /** Walks the attributes, reading each every way, recording each attribute's shape relative to {@code start}. */
    private static void walk(AttributeDecoder d, int depth, int start, int end, List<String> trace) {
        try {
            while (d.next()) {
                int offset = d.offset();
                int length = d.length();
                if (offset < start + 4 || offset + length > end) {
                    throw new AssertionError("attribute at " + offset + "+" + length + " outside [" + start + ", " + end + ")");
                }
                trace.add(depth + ":" + d.rawType() + "@" + (offset - start) + "+" + length + "=" + Arrays.hashCode(d.bytes()));
                if (d.type() != (d.rawType() & 0x3FFF)) {
                    throw new AssertionError("type " + d.type() + " is not the low 14 bits of " + d.rawType());
                }
                d.nested();
                d.netByteOrder();
                d.string();
                readValues(d, length);
                if (depth < MAX_DEPTH) {
                    walk(d.nestedDecoder(), depth + 1, offset, offset + length, trace);
                }
            }
            trace.add(depth + ":end");
            if (d.next()) {
                throw new AssertionError("next() found an attribute after returning false");
            }
            noCurrentAttribute(d);
        } catch (MalformedMessageException e) {
            trace.add(depth + ":malformed");
            try {
                d.next();
                throw new AssertionError("next() went on after a malformed attribute");
            } catch (MalformedMessageException expected) {
                noCurrentAttribute(d);
            }
        }
    }

    private static void noCurrentAttribute(AttributeDecoder d) {
        try {
            d.bytes();
        } catch (NetlinkException e) {
            if (e.getClass() == NetlinkException.class) {
                return;
            }
            throw e;
        }
        throw new AssertionError("an attribute is current after the end or a malformed one");
    }

    /**
     * Every typed read of the payload's size, in both byte orders, must succeed; one read of another size must be
     * refused. (Only one refusal an attribute: each costs an exception, and the walk visits many attributes.)
     */
    private static void readValues(AttributeDecoder d, int length) {
        d.byteOrder(length % 2 == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        switch (length) {
            case 0 -> d.flag();
            case 1 -> {
                d.u8();
                d.s8();
            }
            case 2 -> {
                d.u16();
                d.u16(ByteOrder.BIG_ENDIAN);
                d.s16();
            }
            case 4 -> {
                d.u32();
                d.u32(ByteOrder.LITTLE_ENDIAN);
                d.s32();
            }
            case 8 -> {
                d.u64();
                d.u64(ByteOrder.BIG_ENDIAN);
                d.s64();
            }
            default -> {
                // no typed read fits
            }
        }
        sized(length, 4, AttributeDecoder::u32, d);
        d.byteOrder(ByteOrder.nativeOrder());
    }

    /** A typed read succeeds exactly when the payload has its size, and otherwise is malformed. */
    private static void sized(int length, int size, Consumer<AttributeDecoder> read, AttributeDecoder d) {
        try {
            read.accept(d);
        } catch (MalformedMessageException e) {
            if (length == size) {
                throw new AssertionError("a " + size + "-byte payload refused: " + e.getMessage(), e);
            }
            return;
        }
        if (length != size) {
            throw new AssertionError("a " + length + "-byte payload read as a " + size + "-byte value");
        }
    }
}
