package io.github.jnetlink.test;

import static io.github.jnetlink.test.Links.RTM_DELLINK;
import static io.github.jnetlink.test.Links.RTM_GETLINK;
import static io.github.jnetlink.test.Links.RTM_NEWLINK;
import static io.github.jnetlink.test.Links.attribute;
import static io.github.jnetlink.test.Links.code;
import static io.github.jnetlink.test.Links.concat;
import static io.github.jnetlink.test.Links.deleteLink;
import static io.github.jnetlink.test.Links.dumpLinks;
import static io.github.jnetlink.test.Links.echoedHeader;
import static io.github.jnetlink.test.Links.getLink;
import static io.github.jnetlink.test.Links.index;
import static io.github.jnetlink.test.Links.link;
import static io.github.jnetlink.test.Links.links;
import static io.github.jnetlink.test.Links.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.ConnOption;
import io.github.jnetlink.Datagram;
import io.github.jnetlink.DumpInterruptedException;
import io.github.jnetlink.Dumps;
import io.github.jnetlink.ExtendedAck;
import io.github.jnetlink.Header;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.Links.Recorder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every exchange rule of {@link Conn#execute(Message)}, run by the production {@code Conn} over a {@link FakeKernel}:
 * which messages answer a request, multipart replies drained over several datagrams, acknowledgements, errors with
 * extended ACKs, interrupted dumps, and the operation name exceptions carry.
 */
class FakeKernelExchangeTest {

    FakeKernel kernel;
    Recorder recorder;
    Conn conn;

    @BeforeEach
    void dial() {
        kernel = FakeKernel.create(Protocol.ROUTE);
        recorder = new Recorder();
        conn = kernel.dial(Config.DEFAULT.withObserver(recorder));
        conn.setReadDeadline(Instant.now().plusSeconds(10));
    }

    @AfterEach
    void close() {
        conn.close();
        kernel.close();
    }

    // --- addressing -------------------------------------------------------------------------------------------

    @Test
    void aReplyCarriesTheRequestsSequenceAndTheConnsPortId() {
        kernel.onRequest(request -> Replies.of(link(1)));

        Message sent = conn.send(getLink(1, 0));
        List<Message> replies = conn.receive();

        assertThat(sent.header().sequence()).isNotZero();
        assertThat(sent.header().pid()).isEqualTo(conn.pid());
        assertThat(replies).singleElement().satisfies(m -> {
            assertThat(m.header().sequence()).isEqualTo(sent.header().sequence());
            assertThat(m.header().pid()).isEqualTo(conn.pid());
            assertThat(m.header().length()).isEqualTo(Header.SIZE + 16);
        });
        assertThat(kernel.requests()).containsExactly(sent);
    }

    @Test
    void everyExecuteUsesANewSequenceNumberAndTheKernelSeesThemAll() {
        kernel.onRequest(request -> Replies.of(link(1)));
        for (int i = 0; i < 5; i++) {
            assertThat(conn.execute(getLink(1, 0))).hasSize(1);
        }
        assertThat(kernel.requests()).extracting(m -> m.header().sequence()).doesNotHaveDuplicates().hasSize(5);
        assertThat(recorder.discarded).isEmpty();
    }

    @Test
    void portIdsAreUniqueAndChosenAsAutobindChoosesThem() {
        try (Conn second = kernel.dial(); Conn third = kernel.dial()) {
            assertThat(conn.pid()).isEqualTo((int) ProcessHandle.current().pid());
            assertThat(second.pid()).isEqualTo(-4096);
            assertThat(third.pid()).isEqualTo(-4097);
            assertThat(conn.transportKind()).isEqualTo("fake");
        }
        try (Conn fourth = kernel.dial()) {
            // a closed socket's port ID is free again, but autobind's rover does not go back
            assertThat(fourth.pid()).isEqualTo(-4098);
        }
    }

    @Test
    void aRequestedPortIdIsGrantedOnceThenEaddrinuse() {
        try (Conn fixed = kernel.dial(Config.DEFAULT.withPid(4242))) {
            assertThat(fixed.pid()).isEqualTo(4242);
            NetlinkSystemException e = catchThrowableOfType(NetlinkSystemException.class,
                    () -> kernel.dial(Config.DEFAULT.withPid(4242)));
            assertThat(e.errnoName()).isEqualTo("EADDRINUSE");
            assertThat(e.syscall()).isEqualTo("bind");
        }
    }

    @Test
    void aRequestNamingAnotherPortIdIsAnsweredToTheSocket() {
        kernel.onRequest(request -> Replies.of(link(1)));
        Message request = new Message(new Header(0, RTM_GETLINK, HeaderFlags.REQUEST, 0, conn.pid() + 1), Links.ifinfomsg(1));
        assertThat(conn.execute(request)).singleElement()
                .satisfies(m -> assertThat(m.header().pid()).isEqualTo(conn.pid()));
    }

    // --- replies that answer no request in progress ----------------------------------------------------------

    /** A reply to the first request of the test, built with its sequence number, sent before the second's answer. */
    static Stream<Arguments> lateReplies() {
        Function<Message, Message> lateLink = first -> new Message(
                new Header(0, RTM_NEWLINK, 0, first.header().sequence(), first.header().pid()), Links.ifinfomsg(1));
        Function<Message, Message> lateAck = first -> Links.error(HeaderFlags.CAPPED, first.header().sequence(), 0,
                java.util.Arrays.copyOf(first.marshal(), Header.SIZE), new byte[0]);
        Function<Message, Message> lateError = first -> Links.error(0, first.header().sequence(), 19, first.marshal(),
                new byte[0]);
        Function<Message, Message> otherPort = first -> new Message(
                new Header(0, RTM_NEWLINK, 0, 0, first.header().pid() + 77), Links.ifinfomsg(1));
        return Stream.of(
                Arguments.of("a reply, in a datagram of its own", lateLink, true),
                Arguments.of("a reply, in the datagram of the answer", lateLink, false),
                Arguments.of("an acknowledgement", lateAck, true),
                Arguments.of("an error, which is not thrown", lateError, true),
                Arguments.of("a reply addressed to another port ID", otherPort, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lateReplies")
    void aLateReplyIsDiscardedAndReported(String name, Function<Message, Message> late, boolean ownDatagram) {
        AtomicInteger calls = new AtomicInteger();
        kernel.onRequest(request -> {
            if (calls.getAndIncrement() == 0) {
                return Replies.none();
            }
            Message first = kernel.requests().get(0);
            // the sequence number of the second request is filled in by the fake: 0 here
            return ownDatagram ? Replies.of(late.apply(first)).then(Replies.of(link(2)))
                    : Replies.of(late.apply(first), link(2));
        });

        conn.setReadDeadline(Instant.now().plusMillis(100));
        assertThatThrownBy(() -> conn.execute(getLink(1, 0))).isInstanceOf(NetlinkTimeoutException.class);
        conn.setReadDeadline(Instant.now().plusSeconds(10));

        List<Message> replies = conn.execute(getLink(2, 0));

        assertThat(replies).singleElement().satisfies(m -> assertThat(index(m)).isEqualTo(2));
        Message expected = late.apply(kernel.requests().get(0));
        assertThat(recorder.discarded).singleElement().satisfies(m -> {
            assertThat(m.header().type()).isEqualTo(expected.header().type());
            assertThat(m.data()).isEqualTo(expected.data());
        });
    }

    @Test
    void aNotificationReadDuringAnExecuteIsDiscarded() {
        try (Conn both = kernel.dial(Config.DEFAULT.withGroups(1).withObserver(recorder))) {
            both.setReadDeadline(Instant.now().plusSeconds(10));
            kernel.onRequest(request -> Replies.of(link(2)));
            kernel.multicast(1, link(9));

            assertThat(both.execute(getLink(2, 0))).extracting(Links::index).containsExactly(2);
            assertThat(recorder.discarded).extracting(Links::index).containsExactly(9);
        }
    }

    // --- multipart ----------------------------------------------------------------------------------------------

    static Stream<Arguments> dumpSizes() {
        return Stream.of(
                Arguments.of(0, 2, 1), Arguments.of(1, 2, 1), Arguments.of(2, 2, 2), Arguments.of(3, 2, 2),
                Arguments.of(5, 1, 6), Arguments.of(7, 3, 3), Arguments.of(100, 2, 51), Arguments.of(6, 4, 2));
    }

    @ParameterizedTest(name = "{0} links, {1} a datagram: {2} datagrams")
    @MethodSource("dumpSizes")
    void aMultipartReplyIsCollectedWholeOverEveryDatagram(int count, int perDatagram, int datagrams) {
        Replies dump = Replies.multipart(links(count), perDatagram);
        assertThat(dump.datagramCount()).isEqualTo(datagrams);
        kernel.onRequest(request -> dump);

        List<Message> replies = conn.execute(dumpLinks());

        assertThat(replies).extracting(Links::index).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, count).boxed().toList());
        assertThat(replies).allSatisfy(m -> assertThat(m.header().flags()).isEqualTo(HeaderFlags.MULTI));
        // DONE was read and removed; nothing is left for the next exchange
        kernel.onRequest(request -> Replies.of(link(42)));
        assertThat(conn.execute(getLink(42, 0))).extracting(Links::index).containsExactly(42);
        assertThat(recorder.discarded).isEmpty();
    }

    @Test
    void theDatagramsOfAMultipartReplyAreTheShapeTheKernelSends() {
        kernel.onRequest(request -> Replies.multipart(links(3)));
        Message sent = conn.send(dumpLinks());

        Datagram first = conn.receiveDatagram();
        Datagram second = conn.receiveDatagram();

        assertThat(first.sender()).isZero();
        assertThat(first.group()).isZero();
        assertThat(first.messages()).extracting(Links::index).containsExactly(1, 2);
        assertThat(second.messages()).extracting(m -> m.header().type()).containsExactly(RTM_NEWLINK, HeaderType.DONE);
        Message done = second.messages().get(1);
        assertThat(done.header()).isEqualTo(new Header(20, HeaderType.DONE, HeaderFlags.MULTI, sent.header().sequence(), conn.pid()));
        assertThat(code(done)).isZero();
    }

    @Test
    void theConsumerFormStreamsEveryMessageInOrder() {
        kernel.onRequest(request -> Replies.multipart(links(9), 2));
        List<Integer> seen = new ArrayList<>();

        long delivered = conn.execute(dumpLinks(), m -> seen.add(index(m)));

        assertThat(delivered).isEqualTo(9);
        assertThat(seen).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void aThrowingConsumerGetsNoMoreButTheRestIsDrainedAndItsExceptionRethrown() {
        kernel.onRequest(request -> Replies.multipart(links(9), 2));
        List<Integer> seen = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> conn.execute(dumpLinks(), m -> {
            seen.add(index(m));
            if (index(m) == 3) {
                throw boom;
            }
        })).isSameAs(boom);

        assertThat(seen).containsExactly(1, 2, 3);
        kernel.onRequest(request -> Replies.of(link(42)));
        assertThat(conn.execute(getLink(42, 0))).extracting(Links::index).containsExactly(42);
        assertThat(recorder.discarded).as("the rest of the dump was drained, not left for the next request").isEmpty();
    }

    @Test
    void receiveAfterSendCollectsAWholeMultipartReply() {
        kernel.onRequest(request -> Replies.multipart(links(5)));
        conn.send(dumpLinks());
        assertThat(conn.receive()).extracting(Links::index).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aThrowingConsumerOfAnInterruptedDumpGetsTheInterruptionSuppressed() {
        kernel.onRequest(request -> Replies.dumpInterrupted(links(5)));
        IllegalStateException boom = new IllegalStateException("boom");

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> conn.execute(dumpLinks(), m -> {
            throw boom;
        }));

        assertThat(thrown).isSameAs(boom);
        assertThat(boom.getSuppressed()).singleElement().isInstanceOf(DumpInterruptedException.class);
    }

    @Test
    void aDumpRefusedAtTheStartIsAnError() {
        kernel.onRequest(request -> Replies.error(22, "Invalid header for link dump request"));
        NetlinkErrorException e = catchThrowableOfType(NetlinkErrorException.class, () -> conn.execute(dumpLinks()));
        assertThat(e.errnoName()).isEqualTo("EINVAL");
        assertThat(e.extendedMessage()).isEqualTo("Invalid header for link dump request");
    }

    @Test
    void theDoneOfADumpNobodyWaitedForIsDiscarded() {
        AtomicInteger calls = new AtomicInteger();
        // the first dump never ends in time: its NLMSG_DONE arrives with the second answer
        kernel.onRequest(request -> {
            if (calls.getAndIncrement() == 0) {
                return Replies.of(new Message(new Header(0, RTM_NEWLINK, HeaderFlags.MULTI, 0, 0), Links.ifinfomsg(1)));
            }
            Message first = kernel.requests().get(0);
            Message lateDone = new Message(new Header(0, HeaderType.DONE, HeaderFlags.MULTI, first.header().sequence(), 0),
                    u32(0));
            return Replies.of(lateDone).then(Replies.multipart(links(2)));
        });
        conn.setReadDeadline(Instant.now().plusMillis(100));
        assertThatThrownBy(() -> conn.execute(dumpLinks())).isInstanceOf(NetlinkTimeoutException.class);
        conn.setReadDeadline(Instant.now().plusSeconds(10));

        assertThat(conn.execute(dumpLinks())).extracting(Links::index).containsExactly(1, 2);
        assertThat(recorder.discarded).extracting(m -> m.header().type()).containsExactly(HeaderType.DONE);
    }

    // --- acknowledgements -----------------------------------------------------------------------------------

    @Test
    void anAcknowledgementFollowsTheReplyAndIsReturnedLast() {
        kernel.onRequest(request -> Replies.of(link(1)));

        List<Message> replies = conn.execute(getLink(1, HeaderFlags.ACKNOWLEDGE));

        assertThat(replies).extracting(m -> m.header().type()).containsExactly(RTM_NEWLINK, HeaderType.ERROR);
        Message request = kernel.requests().get(0);
        Message ack = replies.get(1);
        assertThat(code(ack)).isZero();
        assertThat(ack.header().flags()).as("an ACK never echoes the payload").isEqualTo(HeaderFlags.CAPPED);
        assertThat(ack.data()).hasSize(4 + Header.SIZE);
        assertThat(echoedHeader(ack)).isEqualTo(request.header());
        assertThat(ack.header().sequence()).isEqualTo(request.header().sequence());
    }

    static Stream<Arguments> acknowledgements() {
        return Stream.of(
                Arguments.of("a change with NLM_F_ACK answered by ack()", RTM_DELLINK, HeaderFlags.ACKNOWLEDGE,
                        Replies.ack(), 1),
                Arguments.of("a change with NLM_F_ACK and NLM_F_ECHO answered by of(): the fake adds the ACK", RTM_NEWLINK,
                        HeaderFlags.ACKNOWLEDGE | HeaderFlags.ECHO, Replies.of(link(1)), 2),
                Arguments.of("ack() answers even without NLM_F_ACK", RTM_DELLINK, 0, Replies.ack(), 1),
                Arguments.of("a GET without NLM_F_ACK gets its reply alone", RTM_GETLINK, 0, Replies.of(link(1)), 1),
                Arguments.of("a dump with NLM_F_ACK gets no ACK", RTM_GETLINK, HeaderFlags.ACKNOWLEDGE | HeaderFlags.DUMP,
                        Replies.multipart(links(3)), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acknowledgements")
    void theFakeAcknowledgesWhatTheKernelAcknowledges(String name, int type, int flags, Replies replies, int expected) {
        kernel.onRequest(request -> replies);
        assertThat(conn.execute(Message.of(type, HeaderFlags.REQUEST | flags, Links.ifinfomsg(1)))).hasSize(expected);
        // and nothing is left behind: a second ACK would be discarded by the next exchange
        kernel.onRequest(request -> Replies.of(link(42)));
        assertThat(conn.execute(getLink(42, 0))).hasSize(1);
        assertThat(recorder.discarded).isEmpty();
    }

    @Test
    void everyMessageOfADatagramThatAskedIsAcknowledged() {
        kernel.onRequest(request -> Replies.ack());
        List<Message> sent = conn.sendAll(List.of(deleteLink(1), deleteLink(2)));

        List<Message> first = conn.receive();
        List<Message> second = conn.receive();

        assertThat(first).singleElement().satisfies(m -> assertThat(m.header().sequence()).isEqualTo(sent.get(0).header().sequence()));
        assertThat(second).singleElement().satisfies(m -> assertThat(m.header().sequence()).isEqualTo(sent.get(1).header().sequence()));
        assertThat(kernel.requests()).isEqualTo(sent);
    }

    @Test
    void noneSendsNothingNotEvenTheAcknowledgement() {
        kernel.onRequest(request -> Replies.none());
        conn.setReadDeadline(Instant.now().plusMillis(100));
        assertThatThrownBy(() -> conn.execute(deleteLink(1))).isInstanceOf(NetlinkTimeoutException.class);
    }

    @Test
    void aMessageWithoutNlmFRequestReachesNoHandlerAndIsOnlyAcknowledged() {
        AtomicInteger calls = new AtomicInteger();
        kernel.onRequest(request -> {
            calls.incrementAndGet();
            return Replies.of(link(1));
        });

        List<Message> replies = conn.execute(Message.of(RTM_GETLINK, HeaderFlags.ACKNOWLEDGE, Links.ifinfomsg(1)));

        assertThat(replies).singleElement().satisfies(m -> assertThat(code(m)).isZero());
        assertThat(calls).hasValue(0);
        assertThat(kernel.requests()).hasSize(1);
    }

    @Test
    void withoutAHandlerEveryRequestIsRefusedWithEopnotsupp() {
        NetlinkErrorException e = catchThrowableOfType(NetlinkErrorException.class, () -> conn.execute(getLink(1, 0)));
        assertThat(e.errnoName()).isEqualTo("EOPNOTSUPP");
        assertThat(e.extendedMessage()).contains("onRequest");
    }

    // --- errors -------------------------------------------------------------------------------------------------

    @Test
    void anErrorCarriesTheErrnoTheSequenceAndTheExtendedAckMessage() {
        kernel.onRequest(request -> Replies.error(19, "Cannot find device"));

        NetlinkErrorException e = catchThrowableOfType(NetlinkErrorException.class, () -> conn.execute(deleteLink(7)));

        assertThat(e.errno()).isEqualTo(19);
        assertThat(e.errnoName()).isEqualTo("ENODEV");
        assertThat(e.sequence()).isEqualTo(kernel.requests().get(0).header().sequence());
        assertThat(e.extendedMessage()).isEqualTo("Cannot find device");
        assertThat(e.extendedOffset()).isEqualTo(-1);
        assertThat(e.getMessage()).startsWith("execute: ").contains("ENODEV", "Cannot find device");
        // the error replaced the ACK: nothing is left behind
        kernel.onRequest(request -> Replies.of(link(42)));
        assertThat(conn.execute(getLink(42, 0))).hasSize(1);
        assertThat(recorder.discarded).isEmpty();
    }

    @Test
    void anErrorEchoesTheWholeRequestUnlessCapAckIsOn() {
        kernel.onRequest(request -> Replies.error(22, (String) null));
        List<Message> received = recorder.received;

        assertThatThrownBy(() -> conn.execute(deleteLink(7))).isInstanceOf(NetlinkErrorException.class);
        Message request = kernel.requests().get(0);
        Message full = received.get(received.size() - 1);
        assertThat(full.header().flags()).isZero();
        assertThat(full.data()).isEqualTo(concat(u32(-22), request.marshal()));

        conn.setOption(ConnOption.CAP_ACKNOWLEDGE, true);
        assertThatThrownBy(() -> conn.execute(deleteLink(7))).isInstanceOf(NetlinkErrorException.class);
        Message second = kernel.requests().get(1);
        Message capped = received.get(received.size() - 1);
        assertThat(capped.header().flags()).isEqualTo(HeaderFlags.CAPPED);
        assertThat(capped.data()).isEqualTo(concat(u32(-22), java.util.Arrays.copyOf(second.marshal(), Header.SIZE)));
    }

    static final byte[] COOKIE = {1, 2, 3, 4, 5, 6, 7, 8};
    /** A nested NL_POLICY_TYPE_ATTR_TYPE (1) = NL_ATTR_TYPE_U32 (4), as a policy dump would carry. */
    static final byte[] POLICY = attribute(1, u32(4));

    /** Every NLMSGERR_ATTR_* of {@code <linux/netlink.h>}, built by hand. */
    static byte[] allTlvs() {
        return concat(
                attribute(1, "Unknown attribute".concat("\0").getBytes(StandardCharsets.UTF_8)), // NLMSGERR_ATTR_MSG
                attribute(2, u32(20)),                                                          // NLMSGERR_ATTR_OFFS
                attribute(3, COOKIE),                                                           // NLMSGERR_ATTR_COOKIE
                attribute(4 | 0x8000, POLICY),                                                  // NLMSGERR_ATTR_POLICY, nested
                attribute(5, u32(3)),                                                           // NLMSGERR_ATTR_MISS_TYPE
                attribute(6, u32(24)));                                                         // NLMSGERR_ATTR_MISS_NEST
    }

    static Stream<Arguments> extendedAcks() {
        ExtendedAck all = new ExtendedAck("Unknown attribute", 20, 3, 24, COOKIE, POLICY);
        return Stream.of(
                // request payload of 16 bytes: the echo is aligned already
                Arguments.of("whole request echoed", false, Links.ifinfomsg(7), all),
                // 5 bytes, which Conn pads to a length of 24
                Arguments.of("whole request of 5 payload bytes echoed", false, new byte[] {1, 2, 3, 4, 5}, all),
                Arguments.of("NLM_F_CAPPED: header only", true, Links.ifinfomsg(7), all));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extendedAcks")
    void everyExtendedAckAttributeIsDecoded(String name, boolean capped, byte[] payload, ExtendedAck expected) {
        kernel.onRequest(request -> {
            Message r = request.get(0);
            byte[] echo = capped ? java.util.Arrays.copyOf(r.marshal(), Header.SIZE)
                    : java.util.Arrays.copyOf(r.marshal(), r.header().length());
            int flags = HeaderFlags.ACKNOWLEDGE_TLVS | (capped ? HeaderFlags.CAPPED : 0);
            return Replies.of(Links.error(flags, r.header().sequence(), 22, echo, allTlvs()));
        });

        NetlinkErrorException e = catchThrowableOfType(NetlinkErrorException.class,
                () -> conn.execute(Message.of(RTM_NEWLINK, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE, payload)));

        assertThat(e.errnoName()).isEqualTo("EINVAL");
        assertThat(e.extendedAck()).isEqualTo(expected);
        assertThat(e.extendedMessage()).isEqualTo("Unknown attribute");
        assertThat(e.extendedOffset()).isEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extendedAcks")
    void repliesErrorEncodesEveryExtendedAckAttributeAsTheKernelDoes(String name, boolean capped, byte[] payload,
            ExtendedAck expected) {
        conn.setOption(ConnOption.CAP_ACKNOWLEDGE, capped);
        kernel.onRequest(request -> Replies.error(22, expected));

        NetlinkErrorException e = catchThrowableOfType(NetlinkErrorException.class,
                () -> conn.execute(Message.of(RTM_NEWLINK, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE, payload)));

        assertThat(e.extendedAck()).isEqualTo(expected);
        Message error = recorder.received.get(recorder.received.size() - 1);
        assertThat(error.header().flags()).isEqualTo(HeaderFlags.ACKNOWLEDGE_TLVS | (capped ? HeaderFlags.CAPPED : 0));
    }

    static Stream<Arguments> doneErrors() {
        Function<Message, Message> bare = r -> new Message(new Header(0, HeaderType.DONE, HeaderFlags.MULTI,
                r.header().sequence(), 0), u32(-16));
        Function<Message, Message> withText = r -> new Message(new Header(0, HeaderType.DONE,
                HeaderFlags.MULTI | HeaderFlags.ACKNOWLEDGE_TLVS, r.header().sequence(), 0),
                concat(u32(-16), attribute(1, "dump busy\0".getBytes(StandardCharsets.UTF_8))));
        return Stream.of(Arguments.of("errno alone", bare, ""), Arguments.of("with NLMSGERR_ATTR_MSG", withText, "dump busy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doneErrors")
    void anErrorInsideNlmsgDoneIsThrown(String name, Function<Message, Message> done, String text) {
        kernel.onRequest(request -> {
            List<Message> first = new ArrayList<>();
            for (Message m : links(3)) {
                first.add(new Message(new Header(0, RTM_NEWLINK, HeaderFlags.MULTI, 0, 0), m.data()));
            }
            return Replies.of(first.toArray(Message[]::new)).then(Replies.of(done.apply(request.get(0))));
        });

        NetlinkErrorException e = catchThrowableOfType(NetlinkErrorException.class, () -> conn.execute(dumpLinks()));

        assertThat(e.errnoName()).isEqualTo("EBUSY");
        assertThat(e.extendedMessage()).isEqualTo(text);
        assertThat(e.sequence()).isEqualTo(kernel.requests().get(0).header().sequence());
    }

    @Test
    void dumpFailedEndsTheDumpWithTheErrnoInNlmsgDone() {
        kernel.onRequest(request -> Replies.dumpFailed(links(3), 16, "dump busy"));
        NetlinkErrorException e = catchThrowableOfType(NetlinkErrorException.class, () -> conn.execute(dumpLinks()));
        assertThat(e.errnoName()).isEqualTo("EBUSY");
        assertThat(e.extendedMessage()).isEqualTo("dump busy");
        Message done = recorder.received.get(recorder.received.size() - 1);
        assertThat(done.header().type()).isEqualTo(HeaderType.DONE);
        assertThat(done.header().flags()).isEqualTo(HeaderFlags.MULTI | HeaderFlags.ACKNOWLEDGE_TLVS);
    }

    // --- interrupted dumps --------------------------------------------------------------------------------------

    @Test
    void anInterruptedDumpThrowsWithEveryMessage() {
        kernel.onRequest(request -> Replies.dumpInterrupted(links(5)));

        DumpInterruptedException e = catchThrowableOfType(DumpInterruptedException.class, () -> conn.execute(dumpLinks()));

        assertThat(e.messages()).extracting(Links::index).containsExactly(1, 2, 3, 4, 5);
        assertThat(e.messages()).allSatisfy(m -> assertThat(m.header().has(HeaderFlags.MULTI | HeaderFlags.DUMP_INTERRUPTED)).isTrue());
    }

    @Test
    void anInterruptedDumpStreamedToAConsumerDeliversEverythingThenThrows() {
        kernel.onRequest(request -> Replies.dumpInterrupted(links(5)));
        List<Message> seen = new ArrayList<>();

        DumpInterruptedException e = catchThrowableOfType(DumpInterruptedException.class,
                () -> conn.execute(dumpLinks(), seen::add));

        assertThat(seen).hasSize(5);
        assertThat(e.messages()).isEmpty();
    }

    @Test
    void executeConsistentDumpsAgainUntilACleanDump() {
        AtomicInteger calls = new AtomicInteger();
        kernel.onRequest(request -> calls.incrementAndGet() < 3 ? Replies.dumpInterrupted(links(4)) : Replies.multipart(links(5)));

        List<Message> replies = Dumps.executeConsistent(conn, dumpLinks());

        assertThat(replies).extracting(Links::index).containsExactly(1, 2, 3, 4, 5);
        assertThat(kernel.requests()).hasSize(3).extracting(m -> m.header().sequence()).doesNotHaveDuplicates();
        assertThat(recorder.failures).hasSize(2).allSatisfy(f -> assertThat(f).isInstanceOf(DumpInterruptedException.class));
    }

    @Test
    void executeConsistentGivesUpAfterItsAttempts() {
        kernel.onRequest(request -> Replies.dumpInterrupted(links(2)));

        DumpInterruptedException e = catchThrowableOfType(DumpInterruptedException.class,
                () -> Dumps.executeConsistent(conn, dumpLinks(), 3, "list links"));

        assertThat(kernel.requests()).hasSize(3);
        assertThat(e.operation()).isEqualTo("list links");
        assertThat(e.messages()).hasSize(2);
        assertThat(e.getCause()).isInstanceOf(DumpInterruptedException.class);
    }

    @Test
    void streamConsistentGivingUpCountsWhatTheLastAttemptDelivered() {
        kernel.onRequest(request -> Replies.dumpInterrupted(links(2)));
        AtomicInteger restarts = new AtomicInteger();

        DumpInterruptedException e = catchThrowableOfType(DumpInterruptedException.class,
                () -> Dumps.streamConsistent(conn, dumpLinks(), 3, "stream links", restarts::incrementAndGet, v -> { }));

        assertThat(kernel.requests()).hasSize(3);
        assertThat(restarts).hasValue(2);
        assertThat(e.getMessage()).isEqualTo("stream links: dump interrupted (NLM_F_DUMP_INTR) on all 3 attempts: the"
                + " kernel's data kept changing; 2 messages delivered in the last attempt");
    }

    // --- the operation name ---------------------------------------------------------------------------------------

    static Stream<Arguments> namedFailures() {
        return Stream.of(
                Arguments.of("an error", Replies.error(19, "Cannot find device"), NetlinkErrorException.class),
                Arguments.of("an error in NLMSG_DONE", Replies.dumpFailed(links(1), 16, null), NetlinkErrorException.class),
                Arguments.of("an interrupted dump", Replies.dumpInterrupted(links(3)), DumpInterruptedException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedFailures")
    void anExceptionOfANamedExecuteCarriesTheName(String name, Replies replies, Class<? extends RuntimeException> type) {
        kernel.onRequest(request -> replies);

        RuntimeException e = catchThrowableOfType(type, () -> conn.execute(dumpLinks(), "list links"));

        assertThat(((io.github.jnetlink.NetlinkException) e).operation()).isEqualTo("list links");
        assertThat(e.getMessage()).startsWith("list links: ");
    }

    @Test
    void theHandlerSeesTheRequestsAsSent() {
        List<List<Message>> seen = new ArrayList<>();
        kernel.onRequest(request -> {
            seen.add(request);
            return Replies.ack();
        });
        Message sent = conn.send(Message.of(RTM_DELLINK, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE, Links.ifinfomsg(3)));
        conn.receive();

        assertThat(seen).singleElement().satisfies(r -> assertThat(r).containsExactly(sent));
    }
}
