package io.github.jnetlink.generic;

import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_FAMILY_ID;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_FAMILY_NAME;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_OPS;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_OP_FLAGS;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_OP_ID;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_VERSION;
import static io.github.jnetlink.generic.GenericControl.CTRL_CMD_NEWFAMILY;
import static io.github.jnetlink.generic.GenericControl.GENL_ID_CTRL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code CTRL_ATTR_OPS} in {@link Family}: decoded from controller messages laid out as the kernel's
 * {@code ctrl_fill_info} writes them ({@code <linux/genetlink.h>}: a nest of nests numbered from 1, each with
 * {@code CTRL_ATTR_OP_ID} and {@code CTRL_ATTR_OP_FLAGS}), the capability helpers, and the checks
 * {@link Family#requireOperation(int, int)} and {@link GenericNetlink#checkedRequest} make.
 */
class FamilyOperationsTest {

    static Message controller(Consumer<AttributeEncoder> ops) {
        AttributeEncoder e = new AttributeEncoder().header(new GenericHeader(CTRL_CMD_NEWFAMILY, 2).encode())
                .u16(CTRL_ATTR_FAMILY_ID, 0x10).string(CTRL_ATTR_FAMILY_NAME, "nlctrl").u32(CTRL_ATTR_VERSION, 2);
        ops.accept(e);
        return Message.of(GENL_ID_CTRL, 0, e.encode());
    }

    /** The operations of nlctrl as kernel 6.x lists them: GETFAMILY (do, dump, policy), GETPOLICY (dump, policy). */
    static void nlctrlOps(AttributeEncoder e) {
        e.nested(CTRL_ATTR_OPS, ops -> ops
                .nested(1, op -> op.u32(CTRL_ATTR_OP_ID, 3).u32(CTRL_ATTR_OP_FLAGS, 0xe))
                .nested(2, op -> op.u32(CTRL_ATTR_OP_ID, 0xa).u32(CTRL_ATTR_OP_FLAGS, 0xc)));
    }

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("nlctrl", (Consumer<AttributeEncoder>) FamilyOperationsTest::nlctrlOps,
                        List.of(new Family.Operation(3, 0xe), new Family.Operation(0xa, 0xc))),
                Arguments.of("no CTRL_ATTR_OPS", (Consumer<AttributeEncoder>) e -> { }, List.of()),
                Arguments.of("empty CTRL_ATTR_OPS", (Consumer<AttributeEncoder>) e -> e.nested(CTRL_ATTR_OPS, ops -> { }),
                        List.of()),
                Arguments.of("flags missing default to 0; unknown attribute skipped; op ID above 2^31",
                        (Consumer<AttributeEncoder>) e -> e.nested(CTRL_ATTR_OPS, ops -> ops
                                .nested(1, op -> op.u32(CTRL_ATTR_OP_ID, 1))
                                .nested(2, op -> op.u32(9, 5).u32(CTRL_ATTR_OP_FLAGS, 0x1f).u32(CTRL_ATTR_OP_ID, 0xFFFFFFFFL))),
                        List.of(new Family.Operation(1, 0), new Family.Operation(-1, 0x1f))),
                Arguments.of("the last CTRL_ATTR_OPS counts",
                        (Consumer<AttributeEncoder>) e -> e
                                .nested(CTRL_ATTR_OPS, ops -> ops.nested(1, op -> op.u32(CTRL_ATTR_OP_ID, 7)))
                                .nested(CTRL_ATTR_OPS, ops -> ops.nested(1, op -> op.u32(CTRL_ATTR_OP_ID, 8).u32(CTRL_ATTR_OP_FLAGS, 2))),
                        List.of(new Family.Operation(8, 2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void decodesOperations(String name, Consumer<AttributeEncoder> ops, List<Family.Operation> expected) {
        assertThat(Family.decode(controller(ops)).operations()).isEqualTo(expected);
    }

    static Stream<Arguments> capabilities() {
        return Stream.of(
                Arguments.of(0x00, false, false, false, false),
                Arguments.of(0x01, false, false, false, true),
                Arguments.of(0x02, true, false, false, false),
                Arguments.of(0x04, false, true, false, false),
                Arguments.of(0x08, false, false, true, false),
                Arguments.of(0x10, false, false, false, true),
                Arguments.of(0x0e, true, true, true, false),
                Arguments.of(0x1f, true, true, true, true));
    }

    @ParameterizedTest(name = "flags 0x{0}")
    @MethodSource("capabilities")
    void capabilityHelpers(int flags, boolean canDo, boolean canDump, boolean hasPolicy, boolean adminOnly) {
        Family.Operation o = new Family.Operation(1, flags);
        assertThat(o.canDo()).isEqualTo(canDo);
        assertThat(o.canDump()).isEqualTo(canDump);
        assertThat(o.hasPolicy()).isEqualTo(hasPolicy);
        assertThat(o.adminOnly()).isEqualTo(adminOnly);
    }

    @Test
    void operationLooksUpByCommand() {
        Family f = Family.decode(controller(FamilyOperationsTest::nlctrlOps));
        assertThat(f.operation(3)).contains(new Family.Operation(3, 0xe));
        assertThat(f.operation(0xa)).contains(new Family.Operation(0xa, 0xc));
        assertThat(f.operation(1)).isEmpty();
    }

    @Test
    void requireOperationNamesFamilyAndCommand() {
        Family f = Family.decode(controller(FamilyOperationsTest::nlctrlOps));
        assertThat(f.requireOperation(3, HeaderFlags.REQUEST)).isEqualTo(new Family.Operation(3, 0xe));
        assertThat(f.requireOperation(0xa, HeaderFlags.REQUEST | HeaderFlags.DUMP)).isEqualTo(new Family.Operation(0xa, 0xc));
        assertThatThrownBy(() -> f.requireOperation(5, HeaderFlags.REQUEST)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessage("generic netlink family 'nlctrl' has no command 5; its commands are [3, 10]");
        assertThatThrownBy(() -> f.requireOperation(0xa, HeaderFlags.REQUEST)).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("'nlctrl' command 10 has no single-request handler (no GENL_CMD_CAP_DO)");
        Family dumpless = new Family(0x20, 1, "x", 0, 0, List.of(), List.of(new Family.Operation(1, 0x2)));
        assertThatThrownBy(() -> dumpless.requireOperation(1, HeaderFlags.REQUEST | HeaderFlags.DUMP))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("'x' command 1 cannot be dumped");
        Family none = new Family(0x11, 1, "VFS_DQUOT", 0, 7, List.of());
        assertThatThrownBy(() -> none.requireOperation(1, HeaderFlags.REQUEST))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("it lists no commands");
    }

    @Test
    void checkedRequestIsTheRequestOnceTheCommandIsThere() {
        Family f = Family.decode(controller(FamilyOperationsTest::nlctrlOps));
        byte[] attributes = new AttributeEncoder().string(CTRL_ATTR_FAMILY_NAME, "nlctrl").encode();
        Message checked = GenericNetlink.checkedRequest(f, 3, HeaderFlags.REQUEST, attributes);
        Message plain = GenericNetlink.request(f, 3, f.version(), HeaderFlags.REQUEST, attributes);
        assertThat(checked.header()).isEqualTo(plain.header());
        assertThat(checked.data()).isEqualTo(plain.data());
        assertThatThrownBy(() -> GenericNetlink.checkedRequest(f, 4, HeaderFlags.REQUEST, null))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("'nlctrl' has no command 4");
        assertThatThrownBy(() -> GenericNetlink.checkedRequest(null, 3, HeaderFlags.REQUEST, null))
                .isInstanceOf(NetlinkArgumentException.class);
    }

    @Test
    void operationsAreUnmodifiableCopiesAndNullsAreRefused() {
        List<Family.Operation> source = new ArrayList<>(List.of(new Family.Operation(1, 2)));
        Family f = new Family(0x20, 1, "x", 0, 0, List.of(), source);
        source.clear();
        assertThat(f.operations()).containsExactly(new Family.Operation(1, 2));
        assertThatThrownBy(() -> f.operations().add(new Family.Operation(2, 2))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Family(1, 1, "x", 0, 0, List.of(), null)).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> new Family(1, 1, "x", 0, 0, List.of(), Arrays.asList((Family.Operation) null)))
                .isInstanceOf(NetlinkArgumentException.class);
        assertThat(new Family(1, 1, "x", 0, 0, List.of()).operations()).isEmpty();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("operation without CTRL_ATTR_OP_ID", (Consumer<AttributeEncoder>) e -> e.nested(CTRL_ATTR_OPS,
                        ops -> ops.nested(1, op -> op.u32(CTRL_ATTR_OP_FLAGS, 2)))),
                Arguments.of("CTRL_ATTR_OP_ID of 2 bytes", (Consumer<AttributeEncoder>) e -> e.nested(CTRL_ATTR_OPS,
                        ops -> ops.nested(1, op -> op.u16(CTRL_ATTR_OP_ID, 2)))),
                Arguments.of("CTRL_ATTR_OP_FLAGS of 8 bytes", (Consumer<AttributeEncoder>) e -> e.nested(CTRL_ATTR_OPS,
                        ops -> ops.nested(1, op -> op.u32(CTRL_ATTR_OP_ID, 1).u64(CTRL_ATTR_OP_FLAGS, 2)))),
                Arguments.of("an entry that is not a nest", (Consumer<AttributeEncoder>) e -> e.nested(CTRL_ATTR_OPS,
                        ops -> ops.bytes(1, new byte[] {1, 2, 3}))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedOperationsAreMalformed(String name, Consumer<AttributeEncoder> ops) {
        assertThatThrownBy(() -> Family.decode(controller(ops))).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void everyTruncationIsAMalformedMessageNeverAnIndexException() {
        byte[] full = controller(FamilyOperationsTest::nlctrlOps).data();
        for (int cut = 0; cut < full.length; cut++) {
            Message m = Message.of(GENL_ID_CTRL, 0, Arrays.copyOf(full, cut));
            try {
                Family.decode(m);
            } catch (NetlinkException expected) {
                // a cut on an attribute boundary may still decode
            }
        }
    }
}
