package io.github.jnetlink.family.rtaddr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.ConnObserver;
import io.github.jnetlink.DumpInterruptedException;
import io.github.jnetlink.Dumps;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.FakeKernel;
import io.github.jnetlink.test.Replies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A generated client's dumps when the kernel marks them {@code NLM_F_DUMP_INTR}: the generated {@link RtAddrClient}
 * over a real {@code Conn} and a {@link FakeKernel} that answers the first dumps interrupted and a later one cleanly.
 */
class DumpRetryTest {

    static final int RTM_NEWADDR = 20;

    FakeKernel kernel;
    Conn conn;
    final List<RuntimeException> failures = new ArrayList<>();
    RtAddrClient client;

    @BeforeEach
    void dial() {
        kernel = FakeKernel.create(Protocol.ROUTE);
        conn = kernel.dial(Config.DEFAULT.withObserver(new ConnObserver() {
            @Override
            public void executed(Message request, long nanos, RuntimeException failure) {
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }));
        client = new RtAddrClient(conn);
    }

    @AfterEach
    void close() {
        conn.close();
        kernel.close();
    }

    /** {@code RTM_NEWADDR} for {@code ifindex}, whose label says which attempt it came from. */
    static Message address(int ifindex, String label) {
        byte[] header = new Ifaddrmsg(2, 24, 0, 0, ifindex).encode();
        byte[] attrs = new AttributeEncoder().string(AddrAttrs.IFA_LABEL, label).encode();
        byte[] data = new byte[header.length + attrs.length];
        System.arraycopy(header, 0, data, 0, header.length);
        System.arraycopy(attrs, 0, data, header.length, attrs.length);
        return Message.of(RTM_NEWADDR, 0, data);
    }

    static List<Message> addresses(int n, String label) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> address(i, label)).toList();
    }

    /** Interrupted answers to the first {@code interrupted} dumps, then a clean dump of three addresses. */
    AtomicInteger kernelAnswers(int interrupted) {
        AtomicInteger dumps = new AtomicInteger();
        kernel.onRequest(request -> dumps.incrementAndGet() <= interrupted
                ? Replies.dumpInterrupted(addresses(2, "inconsistent"))
                : Replies.multipart(addresses(3, "clean")));
        return dumps;
    }

    @Test
    void theCollectedDumpRunsAgainUntilTheKernelLeavesItUnmarked() {
        AtomicInteger dumps = kernelAnswers(2);

        var replies = client.getaddrDump(null, null);

        assertThat(replies).extracting(r -> r.attributes().ifaLabel()).containsExactly("clean", "clean", "clean");
        assertThat(replies).extracting(r -> r.header().ifaIndex()).containsExactly(1L, 2L, 3L);
        assertThat(dumps).hasValue(3);
        assertThat(kernel.requests()).hasSize(3).extracting(m -> m.header().sequence()).doesNotHaveDuplicates();
        assertThat(failures).hasSize(2).allSatisfy(f -> assertThat(f).isInstanceOf(DumpInterruptedException.class)
                .hasMessageStartingWith("rt-addr getaddr (dump): dump interrupted"));
    }

    @Test
    void theCollectedDumpGivesUpAfterItsAttemptsNamingFamilyOperationAndAttempts() {
        AtomicInteger dumps = kernelAnswers(Integer.MAX_VALUE);

        DumpInterruptedException e = catchThrowableOfType(DumpInterruptedException.class, () -> client.getaddrDump(null, null));

        assertThat(dumps).hasValue(Dumps.DEFAULT_ATTEMPTS);
        assertThat(e.operation()).isEqualTo("rt-addr getaddr (dump)");
        assertThat(e).hasMessage("rt-addr getaddr (dump): dump interrupted (NLM_F_DUMP_INTR) on all 5 attempts: the"
                + " kernel's data kept changing; 2 messages in the last attempt");
        assertThat(e.messages()).hasSize(2);
    }

    @Test
    void theStreamedDumpWithARestartHookRestartsTheConsumerAndEndsWithTheCleanAttempt() {
        AtomicInteger dumps = kernelAnswers(2);
        List<String> seen = new ArrayList<>();
        AtomicInteger restarts = new AtomicInteger();

        long delivered = client.getaddrDump(null, null, () -> {
            restarts.incrementAndGet();
            seen.clear();
        }, r -> seen.add(r.attributes().ifaLabel()));

        assertThat(seen).containsExactly("clean", "clean", "clean");
        assertThat(delivered).isEqualTo(3);
        assertThat(restarts).as("once before each repeated attempt").hasValue(2);
        assertThat(dumps).hasValue(3);
    }

    @Test
    void theStreamedDumpWithARestartHookGivesUpAfterItsAttempts() {
        AtomicInteger dumps = kernelAnswers(Integer.MAX_VALUE);
        AtomicInteger restarts = new AtomicInteger();

        DumpInterruptedException e = catchThrowableOfType(DumpInterruptedException.class,
                () -> client.getaddrDump(null, null, restarts::incrementAndGet, r -> { }));

        assertThat(dumps).hasValue(Dumps.DEFAULT_ATTEMPTS);
        assertThat(restarts).hasValue(Dumps.DEFAULT_ATTEMPTS - 1);
        assertThat(e).hasMessage("rt-addr getaddr (dump): dump interrupted (NLM_F_DUMP_INTR) on all 5 attempts: the"
                + " kernel's data kept changing; 2 messages delivered in the last attempt");
    }

    @Test
    void theStreamedDumpWithoutARestartHookMakesOneAttemptAndSaysSo() {
        AtomicInteger dumps = kernelAnswers(1);
        List<String> seen = new ArrayList<>();

        DumpInterruptedException e = catchThrowableOfType(DumpInterruptedException.class,
                () -> client.getaddrDump(null, null, r -> seen.add(r.attributes().ifaLabel())));

        assertThat(seen).as("delivered before the kernel's mark was known").containsExactly("inconsistent", "inconsistent");
        assertThat(dumps).as("not repeated: the consumer could not tell the copies apart").hasValue(1);
        assertThat(e).hasMessage("rt-addr getaddr (dump): dump interrupted (NLM_F_DUMP_INTR): the kernel's data changed"
                + " during the dump; 2 messages delivered, discard them and retry for a consistent result");
    }

    @Test
    void aStreamedDumpOfAnUnchangingTableIsOneAttempt() {
        AtomicInteger dumps = kernelAnswers(0);
        List<String> seen = new ArrayList<>();

        assertThat(client.getaddrDump(null, null, r -> seen.add(r.attributes().ifaLabel()))).isEqualTo(3);
        assertThat(client.getaddrDump(null, null, () -> { }, r -> seen.add(r.attributes().ifaLabel()))).isEqualTo(3);

        assertThat(seen).hasSize(6).containsOnly("clean");
        assertThat(dumps).hasValue(2);
    }

    @Test
    void theRestartHookIsRequired() {
        kernelAnswers(0);

        assertThatThrownBy(() -> client.getaddrDump(null, null, null, r -> { }))
                .isInstanceOf(NetlinkArgumentException.class)
                .hasMessage("rt-addr getaddr (dump): restart must not be null; without one, use the overload that takes"
                        + " only a consumer");
        assertThat(kernel.requests()).isEmpty();
    }
}
