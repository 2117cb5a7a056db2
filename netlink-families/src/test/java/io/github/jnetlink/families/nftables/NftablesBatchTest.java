package io.github.jnetlink.families.nftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.family.nftables.NftablesFamily;
import io.github.jnetlink.family.nftables.TableAttrs;
import io.github.jnetlink.test.FakeKernel;
import io.github.jnetlink.test.Replies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch's framing and its reading of the answers, over a {@link FakeKernel}; NftablesKernelTest has the kernel's. */
class NftablesBatchTest {

    static NftablesBatch twoTables() {
        return new NftablesBatch()
                .add(NftablesFamily.OP_NEWTABLE, 2, HeaderFlags.CREATE, TableAttrs.builder().name("a").build().encode())
                .add(NftablesFamily.OP_NEWTABLE, 10, HeaderFlags.CREATE | HeaderFlags.EXCL, null);
    }

    @Test
    void messagesGoInOneDatagramBetweenBeginAndEnd() {
        List<Message> seen = new ArrayList<>();
        try (FakeKernel kernel = FakeKernel.create(Protocol.NETFILTER)) {
            kernel.onRequest(request -> {
                seen.addAll(request);
                return Replies.ack();
            });
            try (Conn conn = kernel.dial()) {
                NftablesBatch.Result r = twoTables().commit(conn);
                assertThat(r.committed()).isTrue();
                assertThat(r.outcomes()).hasSize(2).allSatisfy(o -> {
                    assertThat(o.acknowledged()).isTrue();
                    assertThat(o.errno()).isZero();
                });
                r.throwIfFailed();
            }
        }
        assertThat(seen).extracting(m -> m.header().type())
                .containsExactly(NftablesFamily.OP_BATCH_BEGIN, NftablesFamily.OP_NEWTABLE, NftablesFamily.OP_NEWTABLE,
                        NftablesFamily.OP_BATCH_END);
        // begin and end: AF_UNSPEC, NFNETLINK_V0, res_id NFNL_SUBSYS_NFTABLES in network byte order; no ACK asked
        for (Message frame : List.of(seen.get(0), seen.get(3))) {
            assertThat(frame.data()).containsExactly(0, 0, 0, 10);
            assertThat(frame.header().flags()).isEqualTo(HeaderFlags.REQUEST);
        }
        assertThat(seen.get(1).header().flags()).isEqualTo(HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE | HeaderFlags.CREATE);
        assertThat(seen.get(1).data()[0]).isEqualTo((byte) 2);
        assertThat(TableAttrs.decode(seen.get(1).data(), 4, seen.get(1).data().length - 4).name()).isEqualTo("a");
        assertThat(seen.get(2).header().flags())
                .isEqualTo(HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE | HeaderFlags.CREATE | HeaderFlags.EXCL);
        assertThat(seen.get(2).data()).containsExactly(10, 0, 0, 0);
        assertThat(seen).extracting(m -> m.header().sequence()).doesNotHaveDuplicates();
    }

    @Test
    void anErrorAgainstTheBeginMessageFailsTheBatch() {
        try (FakeKernel kernel = FakeKernel.create(Protocol.NETFILTER)) {
            // the fake answers the datagram's first message, as the kernel answers a failed commit
            kernel.onRequest(request -> Replies.error(1, "Operation not permitted here"));
            try (Conn conn = kernel.dial()) {
                NftablesBatch.Result r = twoTables().commit(conn);
                assertThat(r.committed()).isFalse();
                assertThat(r.beginErrno()).isEqualTo(1);
                assertThat(r.beginMessage()).isEqualTo("Operation not permitted here");
                assertThatThrownBy(r::throwIfFailed).isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                    assertThat(e.errno()).isEqualTo(1);
                    assertThat(e.sequence()).isEqualTo(r.begin().header().sequence());
                });
            }
        }
    }

    @Test
    void argumentsAreCheckedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> new NftablesBatch().add(NftablesFamily.OP_BATCH_BEGIN, 0, 0, null))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("0x10");
        assertThatThrownBy(() -> new NftablesBatch().add(16 << 8, 0, 0, null)).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> twoTables().commit(null)).isInstanceOf(NetlinkArgumentException.class);
        try (FakeKernel route = FakeKernel.create(Protocol.ROUTE); Conn conn = route.dial()) {
            assertThatThrownBy(() -> twoTables().commit(conn)).isInstanceOf(NetlinkArgumentException.class)
                    .hasMessageContaining("NETFILTER");
            assertThat(route.requests()).isEmpty();
        }
        try (FakeKernel kernel = FakeKernel.create(Protocol.NETFILTER); Conn conn = kernel.dial()) {
            assertThatThrownBy(() -> new NftablesBatch().commit(conn)).isInstanceOf(NetlinkArgumentException.class)
                    .hasMessageContaining("nothing to commit");
        }
    }
}
