package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeaderTest {

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                arguments("type above 16 bits", 0x10000, 0, "header type 65536 does not fit an unsigned 16-bit field"),
                arguments("negative type", -1, 0, "header type -1 does not fit an unsigned 16-bit field"),
                arguments("smallest int type", Integer.MIN_VALUE, 0, "header type -2147483648 does not fit"),
                arguments("flags above 16 bits", 0x10, 0x10000, "header flags 0x10000 do not fit an unsigned 16-bit field"),
                arguments("negative flags", 0x10, -1, "header flags 0xffffffff do not fit an unsigned 16-bit field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void rejectsFieldsOutside16Bits(String name, int type, int flags, String message) {
        assertThatThrownBy(() -> new Header(0, type, flags, 0, 0)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void acceptsTheWhole16BitRangeAndAnyLengthSequenceAndPid() {
        assertThatCode(() -> new Header(-1, 0xFFFF, 0xFFFF, -1, -1)).doesNotThrowAnyException();
        assertThatCode(() -> new Header(0, 0, 0, 0, 0)).doesNotThrowAnyException();
    }

    static Stream<Arguments> strings() {
        return Stream.of(
                arguments(new Header(20, HeaderType.ERROR, HeaderFlags.CAPPED | HeaderFlags.ACKNOWLEDGE_TLVS, 1, 0),
                        "Header[length=20, type=ERROR, flags=0x300, sequence=1, pid=0]"),
                arguments(new Header(16, HeaderType.DONE, HeaderFlags.MULTI, 2, 4),
                        "Header[length=16, type=DONE, flags=MULTI, sequence=2, pid=4]"),
                arguments(new Header(0, 0x10, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE | HeaderFlags.DUMP, 0, 0),
                        "Header[length=0, type=16, flags=REQUEST|ACKNOWLEDGE|0x300, sequence=0, pid=0]"),
                arguments(new Header(16, HeaderType.NOOP, 0, -1, 0x80000000),
                        "Header[length=16, type=NOOP, flags=0x0, sequence=4294967295, pid=2147483648]"),
                arguments(new Header(16, HeaderType.OVERRUN, 0x3F, 0, 0),
                        "Header[length=16, type=OVERRUN, flags=REQUEST|MULTI|ACKNOWLEDGE|ECHO|DUMP_INTERRUPTED|DUMP_FILTERED, sequence=0, pid=0]"));
    }

    @ParameterizedTest
    @MethodSource("strings")
    void toStringNamesTypesAndFlags(Header h, String expected) {
        assertThat(h).hasToString(expected);
    }

    @Test
    void ofLeavesLengthSequenceAndPidZero() {
        assertThat(Header.of(0x12, HeaderFlags.REQUEST)).isEqualTo(new Header(0, 0x12, 1, 0, 0));
    }

    @Test
    void hasChecksEveryGivenFlag() {
        Header h = Header.of(0x12, HeaderFlags.REQUEST | HeaderFlags.DUMP);
        assertThat(h.has(HeaderFlags.REQUEST)).isTrue();
        assertThat(h.has(HeaderFlags.DUMP)).isTrue();
        assertThat(h.has(HeaderFlags.ROOT)).isTrue();
        assertThat(h.has(HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE)).isFalse();
        assertThat(h.has(HeaderFlags.ACKNOWLEDGE)).isFalse();
    }
}
