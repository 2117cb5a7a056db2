package io.github.jnetlink.test;

import io.github.jnetlink.ConnObserver;
import io.github.jnetlink.Header;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/** rtnetlink link messages and request builders for the fake-kernel tests, and an observer that records. */
final class Links {

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;

    private Links() {
    }

    /** A {@code struct ifinfomsg} (16 bytes) with the given interface index. */
    static byte[] ifinfomsg(int index) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, index).array();
    }

    /** An RTM_NEWLINK as the kernel reports interface {@code index}, sequence and port ID left for the fake. */
    static Message link(int index) {
        return Message.of(RTM_NEWLINK, 0, ifinfomsg(index));
    }

    /** Links 1 to {@code n}. */
    static List<Message> links(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(Links::link).toList();
    }

    /** @return the interface index of an RTM_NEWLINK */
    static int index(Message m) {
        return ByteBuffer.wrap(m.data()).order(ByteOrder.nativeOrder()).getInt(4);
    }

    static Message dumpLinks() {
        return Message.of(RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, ifinfomsg(0));
    }

    static Message getLink(int index, int extraFlags) {
        return Message.of(RTM_GETLINK, HeaderFlags.REQUEST | extraFlags, ifinfomsg(index));
    }

    static Message deleteLink(int index) {
        return Message.of(RTM_DELLINK, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE, ifinfomsg(index));
    }

    /** @return the error code of an NLMSG_ERROR or NLMSG_DONE (0 for an acknowledgement) */
    static int code(Message m) {
        return ByteBuffer.wrap(m.data()).order(ByteOrder.nativeOrder()).getInt(0);
    }

    /** @return the request header an NLMSG_ERROR echoes */
    static Header echoedHeader(Message error) {
        ByteBuffer b = ByteBuffer.wrap(error.data()).order(ByteOrder.nativeOrder());
        return new Header(b.getInt(4), b.getShort(8) & 0xFFFF, b.getShort(10) & 0xFFFF, b.getInt(12), b.getInt(16));
    }

    /** An NLMSG_ERROR built by hand: {@code -errno}, then {@code echo}, then {@code tlvs}. */
    static Message error(int flags, int sequence, int errno, byte[] echo, byte[] tlvs) {
        ByteBuffer b = ByteBuffer.allocate(4 + align(echo.length) + tlvs.length).order(ByteOrder.nativeOrder());
        b.putInt(-errno).put(echo).position(4 + align(echo.length));
        b.put(tlvs);
        return new Message(new Header(0, HeaderType.ERROR, flags, sequence, 0), b.array());
    }

    /** One netlink attribute, padded to 4 bytes, as {@code <linux/netlink.h>} lays out {@code struct nlattr}. */
    static byte[] attribute(int type, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(align(4 + value.length)).order(ByteOrder.nativeOrder());
        b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        return b.array();
    }

    static byte[] u32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    static int align(int n) {
        return (n + 3) & ~3;
    }

    /** Records what a Conn reports. */
    static final class Recorder implements ConnObserver {
        final List<Message> discarded = new CopyOnWriteArrayList<>();
        final List<Message> received = new CopyOnWriteArrayList<>();
        final List<Integer> truncated = new CopyOnWriteArrayList<>();
        final AtomicInteger overruns = new AtomicInteger();
        final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

        @Override
        public void discarded(Message message) {
            discarded.add(message);
        }

        @Override
        public void received(Message message) {
            received.add(message);
        }

        @Override
        public void truncated(int length) {
            truncated.add(length);
        }

        @Override
        public void overrun() {
            overruns.incrementAndGet();
        }

        @Override
        public void executed(Message request, long nanos, RuntimeException failure) {
            if (failure != null) {
                failures.add(failure);
            }
        }

        List<Integer> discardedSequences() {
            return new ArrayList<>(discarded.stream().map(m -> m.header().sequence()).toList());
        }
    }
}
