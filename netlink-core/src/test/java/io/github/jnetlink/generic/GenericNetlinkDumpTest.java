package io.github.jnetlink.generic;

import static io.github.jnetlink.generic.GenericControl.CTRL_CMD_NEWFAMILY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Conn;
import io.github.jnetlink.DumpInterruptedException;
import io.github.jnetlink.Dumps;
import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.FakeKernel;
import io.github.jnetlink.test.Replies;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link GenericNetlink#families()} is a dump the kernel marks {@code NLM_F_DUMP_INTR} when families register or
 * leave while it runs (the controller tracks a generation): it is read again, as rtnetlink lists are.
 */
class GenericNetlinkDumpTest {

    static Message family() {
        return FamilyTest.controller(CTRL_CMD_NEWFAMILY, FamilyTest::complete);
    }

    @Test
    void anInterruptedFamiliesDumpIsReadAgain() {
        int[] calls = {0};
        try (FakeKernel kernel = FakeKernel.create(Protocol.GENERIC); Conn conn = kernel.dial()) {
            kernel.onRequest(request -> calls[0]++ == 0 ? Replies.dumpInterrupted(List.of(family(), family()))
                    : Replies.multipart(List.of(family())));
            assertThat(new GenericNetlink(conn).families()).extracting(Family::name).containsExactly("ethtool");
            assertThat(calls[0]).isEqualTo(2);
        }
    }

    @Test
    void aDumpInterruptedEveryTimeFailsNamingTheOperation() {
        int[] calls = {0};
        try (FakeKernel kernel = FakeKernel.create(Protocol.GENERIC); Conn conn = kernel.dial()) {
            kernel.onRequest(request -> {
                calls[0]++;
                return Replies.dumpInterrupted(List.of(family()));
            });
            assertThatThrownBy(() -> new GenericNetlink(conn).families()).isInstanceOf(DumpInterruptedException.class)
                    .hasMessageContaining("list generic netlink families");
            assertThat(calls[0]).isEqualTo(Dumps.DEFAULT_ATTEMPTS);
        }
    }
}
