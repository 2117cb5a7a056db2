package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateTest {

    static Message message(int sequence, int pid) {
        return new Message(new Header(0, 0x10, HeaderFlags.REQUEST, sequence, pid), null);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("no replies", message(1, 1), List.of(), null),
                arguments("matching sequence and port ID", message(1, 1), List.of(message(1, 1)), null),
                arguments("every reply matches", message(7, 9), List.of(message(7, 9), message(7, 9), message(7, 0)), null),
                arguments("request sequence 0 skips the sequence check", message(0, 1), List.of(message(2, 1)), null),
                arguments("request port ID 0 skips the port ID check", message(1, 0), List.of(message(1, 2)), null),
                arguments("reply port ID 0, from the kernel, is accepted", message(1, 1), List.of(message(1, 0)), null),
                arguments("unsigned values compare by their bits", message(-1, -2), List.of(message(-1, -2)), null),
                arguments("mismatched sequence", message(1, 1), List.of(message(2, 1)),
                        "mismatched sequence in netlink reply 0: got 2, expected 1"),
                arguments("mismatched sequence in a later reply", message(1, 1), List.of(message(1, 1), message(3, 1)),
                        "mismatched sequence in netlink reply 1: got 3, expected 1"),
                arguments("mismatched sequence shown unsigned", message(-1, 1), List.of(message(5, 1)),
                        "mismatched sequence in netlink reply 0: got 5, expected 4294967295"),
                arguments("mismatched port ID", message(1, 1), List.of(message(1, 2)),
                        "mismatched port ID in netlink reply 0: got 2, expected 1"),
                arguments("mismatched port ID shown unsigned", message(1, 1), List.of(message(1, 0x80000000)),
                        "mismatched port ID in netlink reply 0: got 2147483648, expected 1"),
                arguments("the sequence is checked before the port ID", message(1, 1), List.of(message(2, 2)),
                        "mismatched sequence in netlink reply 0: got 2, expected 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validate(String name, Message request, List<Message> replies, String error) {
        if (error == null) {
            assertThatCode(() -> Validate.validate(request, replies)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> Validate.validate(request, replies)).isInstanceOf(ValidationException.class)
                    .isInstanceOf(NetlinkException.class).hasMessage(error);
        }
    }

    @Test
    void rejectsNullArguments() {
        assertThatThrownBy(() -> Validate.validate(null, List.of())).isExactlyInstanceOf(NetlinkArgumentException.class)
                .hasMessage("validate: request and replies must not be null");
        assertThatThrownBy(() -> Validate.validate(message(1, 1), null)).isExactlyInstanceOf(NetlinkArgumentException.class)
                .hasMessage("validate: request and replies must not be null");
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                // name, request sequence, request pid, own pid, reply sequence, reply pid, answers
                arguments("same sequence and port ID", 7, 9, 9, 7, 9, true),
                arguments("another sequence", 7, 9, 9, 8, 9, false),
                arguments("request sequence 0 matches any", 0, 9, 9, 8, 9, true),
                arguments("reply port ID 0 is the kernel", 7, 9, 9, 7, 0, true),
                arguments("another port ID", 7, 9, 9, 7, 10, false),
                arguments("the socket's own port ID, whatever the request named", 7, 9, 10, 7, 10, true),
                arguments("request port ID 0 matches any", 7, 0, 9, 7, 10, true),
                arguments("own port ID unknown", 7, 9, 0, 7, 10, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void answers(String name, int sequence, int pid, int ownPid, int replySequence, int replyPid, boolean answers) {
        assertThat(Validate.answers(sequence, pid, ownPid, replySequence, replyPid)).isEqualTo(answers);
        if (ownPid == 0 || replyPid != ownPid) {
            // validate applies the same rule, without the socket's own port ID
            Message request = new Message(new Header(16, 0x12, HeaderFlags.REQUEST, sequence, pid), new byte[0]);
            Message reply = new Message(new Header(16, 0x10, 0, replySequence, replyPid), new byte[0]);
            if (answers) {
                Validate.validate(request, List.of(reply));
            } else {
                assertThatThrownBy(() -> Validate.validate(request, List.of(reply)))
                        .isInstanceOf(ValidationException.class);
            }
        }
    }
}
