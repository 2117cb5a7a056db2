package io.github.jnetlink.generic;

import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_FAMILY_ID;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_FAMILY_NAME;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_HDRSIZE;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_MAXATTR;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_MCAST_GROUPS;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_MCAST_GRP_ID;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_MCAST_GRP_NAME;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_OPS;
import static io.github.jnetlink.generic.GenericControl.CTRL_ATTR_VERSION;
import static io.github.jnetlink.generic.GenericControl.CTRL_CMD_DELFAMILY;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Family#decode(Message)} on hand-built controller messages, laid out as the kernel's
 * {@code ctrl_fill_info} lays them out; {@link GenericNetlink#request} without a kernel.
 */
class FamilyTest {

    static Message controller(int command, Consumer<AttributeEncoder> attributes) {
        AttributeEncoder e = new AttributeEncoder().header(new GenericHeader(command, 2).encode());
        attributes.accept(e);
        return Message.of(GENL_ID_CTRL, 0, e.encode());
    }

    static Message raw(byte... data) {
        return Message.of(GENL_ID_CTRL, 0, data);
    }

    static void complete(AttributeEncoder e) {
        e.u16(CTRL_ATTR_FAMILY_ID, 0x15)
                .string(CTRL_ATTR_FAMILY_NAME, "ethtool")
                .u32(CTRL_ATTR_VERSION, 1)
                .u32(CTRL_ATTR_HDRSIZE, 8)
                .u32(CTRL_ATTR_MAXATTR, 27)
                .nested(CTRL_ATTR_OPS, ops -> ops.nested(1, op -> op.u32(1, 3).u32(2, 0xA)))
                .nested(CTRL_ATTR_MCAST_GROUPS, list -> list
                        .nested(1, g -> g.u32(CTRL_ATTR_MCAST_GRP_ID, 6).string(CTRL_ATTR_MCAST_GRP_NAME, "monitor"))
                        .nested(2, g -> g.string(CTRL_ATTR_MCAST_GRP_NAME, "other").u32(CTRL_ATTR_MCAST_GRP_ID, 0x20)));
    }

    @Test
    void decodesEveryField() {
        Family f = Family.decode(controller(CTRL_CMD_NEWFAMILY, FamilyTest::complete));
        assertThat(f).isEqualTo(new Family(0x15, 1, "ethtool", 8, 27,
                List.of(new MulticastGroup(6, "monitor"), new MulticastGroup(0x20, "other")),
                List.of(new Family.Operation(3, 0xA))));
        assertThat(f.group("other")).contains(new MulticastGroup(0x20, "other"));
        assertThat(f.group("Monitor")).isEmpty();
    }

    @Test
    void optionalAttributesDefaultAndUnknownOnesAreSkipped() {
        Family f = Family.decode(controller(CTRL_CMD_NEWFAMILY, e -> e
                .string(CTRL_ATTR_FAMILY_NAME, "TASKSTATS")
                .bytes(200, new byte[] {1, 2, 3})
                .u16(CTRL_ATTR_FAMILY_ID, 0x1f)));
        assertThat(f).isEqualTo(new Family(0x1f, 0, "TASKSTATS", 0, 0, List.of()));
    }

    @Test
    void lastOfRepeatedAttributesCountsAsInNlaParse() {
        Family f = Family.decode(controller(CTRL_CMD_NEWFAMILY, e -> e
                .u16(CTRL_ATTR_FAMILY_ID, 1).string(CTRL_ATTR_FAMILY_NAME, "a")
                .u16(CTRL_ATTR_FAMILY_ID, 0x22).string(CTRL_ATTR_FAMILY_NAME, "b")));
        assertThat(f.id()).isEqualTo(0x22);
        assertThat(f.name()).isEqualTo("b");
    }

    @Test
    void groupsAreUnmodifiableCopies() {
        List<MulticastGroup> source = new java.util.ArrayList<>(List.of(new MulticastGroup(1, "x")));
        Family f = new Family(0x10, 2, "nlctrl", 0, 0, source);
        source.clear();
        assertThat(f.groups()).containsExactly(new MulticastGroup(1, "x"));
        assertThatThrownBy(() -> f.groups().add(new MulticastGroup(2, "y"))).isInstanceOf(UnsupportedOperationException.class);
    }

    static byte[] withAttributes(byte[]... parts) {
        int n = GenericHeader.SIZE;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.nativeOrder());
        b.put(new GenericHeader(CTRL_CMD_NEWFAMILY, 2).encode());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    /** One attribute header with a chosen length field, which may lie about the payload that follows. */
    static byte[] nla(int length, int type, byte... payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length).order(ByteOrder.nativeOrder());
        b.putShort((short) length).putShort((short) type).put(payload);
        return b.array();
    }

    static byte[] idAndName() {
        return new AttributeEncoder().u16(CTRL_ATTR_FAMILY_ID, 0x10).string(CTRL_ATTR_FAMILY_NAME, "nlctrl").encode();
    }

    static Stream<Arguments> malformed() {
        byte[] groupOk = new AttributeEncoder().nested(CTRL_ATTR_MCAST_GROUPS, l -> l.nested(1,
                g -> g.string(CTRL_ATTR_MCAST_GRP_NAME, "notify").u32(CTRL_ATTR_MCAST_GRP_ID, 0x10))).encode();
        return Stream.of(
                Arguments.of("empty payload", raw(), "truncated generic netlink header"),
                Arguments.of("truncated genl header", raw((byte) CTRL_CMD_NEWFAMILY, (byte) 2, (byte) 0), "truncated generic netlink header"),
                Arguments.of("another controller command", controller(CTRL_CMD_DELFAMILY, FamilyTest::complete), "not CTRL_CMD_NEWFAMILY"),
                Arguments.of("another message type", Message.of(0x15, 0, controller(CTRL_CMD_NEWFAMILY, FamilyTest::complete).data()),
                        "not the controller's"),
                Arguments.of("attribute length below its header", raw(withAttributes(idAndName(), nla(2, CTRL_ATTR_VERSION))),
                        "attribute length 2"),
                Arguments.of("attribute length beyond the message", raw(withAttributes(nla(12, CTRL_ATTR_FAMILY_ID, (byte) 0x10, (byte) 0))),
                        "attribute length 12"),
                Arguments.of("truncated attribute header", raw(withAttributes(idAndName(), new byte[] {8, 0})), "attribute"),
                Arguments.of("family ID of 4 bytes", controller(CTRL_CMD_NEWFAMILY, e -> e.u32(CTRL_ATTR_FAMILY_ID, 0x10)
                        .string(CTRL_ATTR_FAMILY_NAME, "nlctrl")), "u16 needs a 2-byte payload, got 4"),
                Arguments.of("family ID of 1 byte", controller(CTRL_CMD_NEWFAMILY, e -> e.u8(CTRL_ATTR_FAMILY_ID, 0x10)), "u16 needs"),
                Arguments.of("version of 2 bytes", controller(CTRL_CMD_NEWFAMILY, e -> e.u16(CTRL_ATTR_VERSION, 2)), "u32 needs"),
                Arguments.of("missing family ID", controller(CTRL_CMD_NEWFAMILY, e -> e.string(CTRL_ATTR_FAMILY_NAME, "nlctrl")),
                        "'nlctrl' without CTRL_ATTR_FAMILY_ID"),
                Arguments.of("missing family name", controller(CTRL_CMD_NEWFAMILY, e -> e.u16(CTRL_ATTR_FAMILY_ID, 0x10)),
                        "family 16 without CTRL_ATTR_FAMILY_NAME"),
                Arguments.of("group list cut inside a group", raw(withAttributes(idAndName(), cut(groupOk, 6))), "attribute length"),
                Arguments.of("group whose inner attribute overruns it", raw(withAttributes(idAndName(),
                        nla(4 + 4 + 8, CTRL_ATTR_MCAST_GROUPS, nla(4 + 8, 1, nla(12, CTRL_ATTR_MCAST_GRP_ID, (byte) 1, (byte) 0, (byte) 0, (byte) 0))))),
                        "attribute length 12"),
                Arguments.of("group without ID", controller(CTRL_CMD_NEWFAMILY, e -> e.u16(CTRL_ATTR_FAMILY_ID, 0x10)
                        .string(CTRL_ATTR_FAMILY_NAME, "nlctrl")
                        .nested(CTRL_ATTR_MCAST_GROUPS, l -> l.nested(1, g -> g.string(CTRL_ATTR_MCAST_GRP_NAME, "notify")))),
                        "group #1 without CTRL_ATTR_MCAST_GRP_ID"),
                Arguments.of("group without name", controller(CTRL_CMD_NEWFAMILY, e -> e.u16(CTRL_ATTR_FAMILY_ID, 0x10)
                        .string(CTRL_ATTR_FAMILY_NAME, "nlctrl")
                        .nested(CTRL_ATTR_MCAST_GROUPS, l -> l.nested(1, g -> g.u32(CTRL_ATTR_MCAST_GRP_ID, 0x10)))),
                        "group #1 without CTRL_ATTR_MCAST_GRP_NAME"),
                Arguments.of("group ID of 2 bytes", controller(CTRL_CMD_NEWFAMILY, e -> e.u16(CTRL_ATTR_FAMILY_ID, 0x10)
                        .string(CTRL_ATTR_FAMILY_NAME, "nlctrl")
                        .nested(CTRL_ATTR_MCAST_GROUPS, l -> l.nested(1, g -> g.u16(CTRL_ATTR_MCAST_GRP_ID, 0x10)))),
                        "u32 needs"),
                Arguments.of("null message", null, "must not be null"));
    }

    /** The group list attribute with its outer length kept but its payload cut to {@code keep} bytes, so a nest is truncated. */
    static byte[] cut(byte[] groupList, int keep) {
        byte[] b = Arrays.copyOf(groupList, 4 + keep);
        ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putShort(0, (short) (4 + keep));
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputThrowsOnlyMalformedMessageException(String what, Message message, String detail) {
        assertThatThrownBy(() -> Family.decode(message))
                .isExactlyInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(detail);
    }

    @Test
    void requestPutsFamilyIdAsTypeAndPrependsGenericHeader() {
        Family f = new Family(0x15, 1, "ethtool", 0, 27, List.of());
        byte[] attrs = new AttributeEncoder().u32(1, 7).encode();
        Message m = GenericNetlink.request(f, 2, 1, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE, attrs);
        assertThat(m.header().type()).isEqualTo(0x15);
        assertThat(m.header().flags()).isEqualTo(HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE);
        assertThat(m.header().length()).isZero();
        assertThat(GenericHeader.decode(m.data())).isEqualTo(new GenericHeader(2, 1));
        assertThat(Arrays.copyOfRange(m.data(), 0, 4)).containsExactly(2, 1, 0, 0);
        assertThat(Arrays.copyOfRange(m.data(), 4, m.data().length)).isEqualTo(attrs);
        assertThat(GenericNetlink.request(f, 1, 1, HeaderFlags.REQUEST, null).data()).containsExactly(1, 1, 0, 0);
    }

    @Test
    void requestValidatesArguments() {
        Family f = new Family(0x15, 1, "ethtool", 0, 27, List.of());
        assertThatThrownBy(() -> GenericNetlink.request(null, 1, 1, HeaderFlags.REQUEST, null))
                .isInstanceOf(NetlinkException.class).hasMessageContaining("family must not be null");
        assertThatThrownBy(() -> GenericNetlink.request(f, 300, 1, HeaderFlags.REQUEST, null))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("command 300");
    }

    @Test
    void familyRejectsIdBeyondSixteenBits() {
        assertThatThrownBy(() -> new Family(0x10000, 1, "x", 0, 0, List.of())).isInstanceOf(NetlinkArgumentException.class);
        assertThatThrownBy(() -> new Family(1, 1, null, 0, 0, List.of())).isInstanceOf(NetlinkArgumentException.class);
    }
}
