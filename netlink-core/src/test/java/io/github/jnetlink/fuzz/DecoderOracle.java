package io.github.jnetlink.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Header;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import java.util.function.Function;

/**
 * What every record decoder must do with a payload: return a record, or throw {@link MalformedMessageException}
 * (any other exception escapes to the fuzzer as a finding), within {@link AllocationBound}; and a record it
 * returns, encoded again, decodes to an equal record.
 */
final class DecoderOracle {

    private DecoderOracle() {
    }

    /**
     * @param payload the message data
     * @param type    the message type to decode it as
     * @param decode  the decoder
     * @param encode  the record's encoder, giving a payload of the same type, or null when it has none
     * @return the record, or null when the payload was malformed
     */
    static <T> T check(String what, byte[] payload, int type, Function<Message, T> decode, Function<T, byte[]> encode) {
        Message message = new Message(new Header(Header.SIZE + payload.length, type, 0, 0, 0), payload);
        Object[] result = new Object[1];
        AllocationBound.check(what, payload.length, () -> {
            try {
                result[0] = decode.apply(message);
            } catch (MalformedMessageException expected) {
                result[0] = null;
            }
        });
        @SuppressWarnings("unchecked")
        T record = (T) result[0];
        if (record != null && encode != null) {
            byte[] again = encode.apply(record);
            assertThat(decode.apply(new Message(new Header(Header.SIZE + again.length, type, 0, 0, 0), again)))
                    .as("%s of its own encoding", what).isEqualTo(record);
        }
        return record;
    }
}
