package io.github.jnetlink.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.ynl.SpecLoader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One generated client method a row: how it runs its request (a dump through {@code Codec.dump}, which retries
 * {@code NLM_F_DUMP_INTR}; a {@code do} through {@code conn.execute}, once) and what its Javadoc promises about an
 * inconsistent dump. {@link ConstructsTest} compiles the same sources; {@code DumpRetryTest} in netlink-families runs
 * them against a fake kernel.
 */
class DumpMethodsTest {

    static final String GENL = new FamilyEmitter(SpecLoader.withoutSchemas().parse("constructs.yaml", ConstructsTest.SPEC))
            .emit().get("io/github/jnetlink/family/constructs/ConstructsClient.java");

    static final String RAW_SPEC = """
            name: raw-things
            protocol: netlink-raw
            protonum: 0
            definitions:
              - name: thingmsg
                type: struct
                members: [{name: family, type: u8}, {name: pad, type: pad, len: 3}]
            attribute-sets:
              - name: thing-attrs
                attributes: [{name: id, type: u32}]
            operations:
              fixed-header: thingmsg
              name-prefix: rtm-
              list:
                - name: getthing
                  attribute-set: thing-attrs
                  dump: {request: {value: 30, attributes: []}, reply: {value: 28, attributes: [id]}}
            """;

    static final String RAW = new FamilyEmitter(SpecLoader.withoutSchemas().parse("raw-things.yaml", RAW_SPEC))
            .emit().get("io/github/jnetlink/family/rawthings/RawThingsClient.java");

    static Stream<Arguments> methods() {
        return Stream.of(
                Arguments.of("a collected dump retries", GENL,
                        "public java.util.List<OuterAttrs> getDump(OuterAttrs request) {",
                        "Codec.dump(conn, m, \"constructs get (dump)\");",
                        "up to\n     * {@link io.github.jnetlink.Dumps#DEFAULT_ATTEMPTS} times in all: the list is the first attempt it left unmarked."),
                Arguments.of("a streamed dump without a restart hook makes one attempt", GENL,
                        "public long getDump(OuterAttrs request, java.util.function.Consumer<? super OuterAttrs> consumer) {",
                        "Codec.dump(conn, m, \"constructs get (dump)\", null, r -> {",
                        "{@link #getDump(OuterAttrs, Runnable, java.util.function.Consumer)} runs it again instead."),
                Arguments.of("a streamed dump with a restart hook retries", GENL,
                        "public long getDump(OuterAttrs request, Runnable restart, java.util.function.Consumer<? super OuterAttrs> consumer) {",
                        "Codec.dump(conn, m, \"constructs get (dump)\", restart, r -> {",
                        "@param restart runs on the calling thread before each repeated attempt"),
                Arguments.of("a do runs once", GENL,
                        "public OuterAttrs get(OuterAttrs request, int flags) {",
                        "conn.execute(m, \"constructs get\");",
                        "The request may carry {@code kind}."),
                Arguments.of("a raw family's collected dump retries", RAW,
                        "public java.util.List<HeaderedMessage<Thingmsg, ThingAttrs>> getthingDump(Thingmsg header, ThingAttrs request) {",
                        "Codec.dump(conn, m, \"raw-things getthing (dump)\");",
                        "@throws io.github.jnetlink.DumpInterruptedException naming the family, the operation and the attempts made"),
                Arguments.of("a raw family's streamed dump takes the hook after the header and the request", RAW,
                        "public long getthingDump(Thingmsg header, ThingAttrs request, Runnable restart,"
                                + " java.util.function.Consumer<? super HeaderedMessage<Thingmsg, ThingAttrs>> consumer) {",
                        "Codec.dump(conn, m, \"raw-things getthing (dump)\", restart, r -> {",
                        "{@code restart} runs before each\n     * repetition"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void theMethodRunsItsRequestAsDocumented(String name, String client, String signature, String call, String doc) {
        int at = client.indexOf(signature);
        assertThat(at).as("%s in\n%s", signature, client).isPositive();
        int javadoc = client.lastIndexOf("/**", at);
        int end = client.indexOf("\n    }\n", at);
        assertThat(client.substring(at, end)).contains(call);
        assertThat(client.substring(javadoc, at)).contains(doc);
        if (name.contains("dump")) {
            assertThat(client.substring(at, end)).doesNotContain("conn.execute(");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void everyDumpMethodDocumentsTheInconsistentDump(String name, String client, String signature, String call,
            String doc) {
        int at = client.indexOf(signature);
        String javadoc = client.substring(client.lastIndexOf("/**", at), at);
        if (name.contains("dump")) {
            assertThat(javadoc).contains("{@code NLM_F_DUMP_INTR}").contains("@throws io.github.jnetlink.DumpInterruptedException");
        } else {
            assertThat(javadoc).doesNotContain("NLM_F_DUMP_INTR");
        }
    }
}
