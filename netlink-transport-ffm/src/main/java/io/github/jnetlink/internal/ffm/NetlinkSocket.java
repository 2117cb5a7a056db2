package io.github.jnetlink.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.github.jnetlink.ConnOption;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkOverrunException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.NetlinkTransport;
import io.github.jnetlink.bpf.RawInstruction;
import io.github.jnetlink.internal.Errno;
import io.github.jnetlink.internal.SocketArguments;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * The {@code AF_NETLINK} socket over {@code java.lang.foreign}: the same transport as the jnr-ffi one in
 * {@code io.github.jnetlink.internal}, call for call, with the same waits, flags, messages and exceptions; only the
 * binding differs (see {@link Native}).
 *
 * <p>The socket is non-blocking. A receive or send first makes its call and waits in a {@link Poller} only on
 * {@code EAGAIN}, so a queued datagram is returned even after the read deadline. Receives use {@code recvfrom}, or
 * {@code recvmsg} while {@link ConnOption#PACKET_INFO} is on, to read the {@code NETLINK_PKTINFO} group, both with
 * {@code MSG_TRUNC} (the full length of a datagram that did not fit) and {@code MSG_DONTWAIT}.
 *
 * <p>Nothing is allocated per datagram: the addresses, {@code msghdr}, control buffer, poll sets and errno segments
 * live in the descriptor's shared arena (closed with it), and the segment over the caller's buffer is kept until a
 * different buffer is passed. The receive side and the send side each have their own errno segment, since one thread
 * of each may run at a time; the rare calls ({@code bind}, socket options) allocate in a confined arena of their own.
 */
public final class NetlinkSocket implements NetlinkTransport {

    /** Room for {@code NETLINK_PKTINFO} and {@code NETLINK_LISTEN_ALL_NSID} control messages, with some to spare. */
    private static final int CONTROL_SIZE = 128;

    private final FileDescriptor descriptor;
    private final int fd;
    private final int protocol;
    private final Poller reader;
    private final Poller writer;
    private volatile int pid;

    /** With NETLINK_PKTINFO on, receive uses recvmsg, to read the group number the kernel attaches. */
    private volatile boolean packetInfo;

    private ByteBuffer receiveBuffer;
    private MemorySegment receiveSegment;
    private final MemorySegment receiveErrno;
    private final MemorySegment source;
    private final MemorySegment sourceLength;
    private final MemorySegment message;
    private final MemorySegment iovec;
    private final MemorySegment control;
    private int lastSender;
    private int lastGroup;

    private ByteBuffer sendBuffer;
    private MemorySegment sendSegment;
    private MemorySegment sendSlice;
    private int sendSlicePosition;
    private final MemorySegment sendErrno;
    private final MemorySegment kernelAddress;
    private final MemorySegment peerAddress;

    private NetlinkSocket(FileDescriptor descriptor, int protocol) {
        this.descriptor = descriptor;
        this.fd = descriptor.socket();
        this.protocol = protocol;
        this.reader = new Poller(descriptor, Native.POLLIN, "receive");
        this.writer = new Poller(descriptor, Native.POLLOUT, "send");

        Arena arena = descriptor.arena();
        this.receiveErrno = Native.newErrnoSegment(arena);
        this.source = arena.allocate(Structs.SOCKADDR_NL);
        this.sourceLength = arena.allocate(JAVA_INT);
        this.iovec = arena.allocate(Structs.IOVEC);
        this.control = arena.allocate(CONTROL_SIZE, 8);
        this.message = arena.allocate(Structs.MSGHDR);
        message.set(ADDRESS, Structs.MSG_NAME, source);
        message.set(ADDRESS, Structs.MSG_IOV, iovec);
        message.set(JAVA_LONG, Structs.MSG_IOVLEN, 1);
        message.set(ADDRESS, Structs.MSG_CONTROL, control);

        this.sendErrno = Native.newErrnoSegment(arena);
        this.kernelAddress = arena.allocate(Structs.SOCKADDR_NL);
        kernelAddress.set(JAVA_SHORT, Structs.NL_FAMILY, (short) Native.AF_NETLINK);
        this.peerAddress = arena.allocate(Structs.SOCKADDR_NL);
        peerAddress.set(JAVA_SHORT, Structs.NL_FAMILY, (short) Native.AF_NETLINK);
    }

    /**
     * Creates a socket, inside the given network namespace when one is named (see {@link NetnsDialer}).
     *
     * @param protocol  the netlink protocol
     * @param netnsPath a namespace file such as {@code /var/run/netns/x}, or null
     * @param netnsFd   an open namespace descriptor, used when {@code netnsPath} is null, or -1; it stays open
     * @return the socket, not yet bound
     * @throws NetlinkSystemException                       when {@code socket}, {@code open}, {@code setns} or
     *                                                      {@code eventfd} fails
     * @throws io.github.jnetlink.UnsupportedPlatformException off 64-bit Linux
     */
    public static NetlinkSocket open(int protocol, String netnsPath, int netnsFd) {
        Native.check();
        FileDescriptor descriptor = FileDescriptor.forSocket(NetnsDialer.socket(protocol, netnsPath, netnsFd));
        try {
            return new NetlinkSocket(descriptor, protocol);
        } catch (Throwable e) {
            descriptor.close();
            throw e;
        }
    }

    @Override
    public String kind() {
        return "netlink-socket-ffm";
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void bind(int pid, int groups) {
        descriptor.acquire("bind");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.newErrnoSegment(arena);
            MemorySegment address = arena.allocate(Structs.SOCKADDR_NL);
            MemorySegment length = arena.allocate(JAVA_INT);
            address.set(JAVA_SHORT, Structs.NL_FAMILY, (short) Native.AF_NETLINK);
            address.set(JAVA_INT, Structs.NL_PID, pid);
            address.set(JAVA_INT, Structs.NL_GROUPS, groups);
            if (Native.bind(errno, fd, address, Structs.SOCKADDR_NL_SIZE) < 0) {
                throw failure("bind", "", Native.errno(errno), "bind", "pid " + Integer.toUnsignedString(pid)
                        + ", groups 0x" + Integer.toHexString(groups));
            }
            length.set(JAVA_INT, 0, Structs.SOCKADDR_NL_SIZE);
            if (Native.getsockname(errno, fd, address, length) < 0) {
                throw failure("getsockname", "", Native.errno(errno), "bind", null);
            }
            this.pid = address.get(JAVA_INT, Structs.NL_PID);
        } finally {
            descriptor.release();
        }
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public void send(ByteBuffer datagram, int destination) {
        MemorySegment bytes = sendSource(datagram);
        long length = datagram.remaining();
        descriptor.acquire("send");
        try {
            MemorySegment address = kernelAddress;
            if (destination != 0) {
                peerAddress.set(JAVA_INT, Structs.NL_PID, destination);
                address = peerAddress;
            }
            while (true) {
                if (Native.sendto(sendErrno, fd, bytes, length, Native.MSG_DONTWAIT, address, Structs.SOCKADDR_NL_SIZE) >= 0) {
                    return;
                }
                int errno = Native.errno(sendErrno);
                if (errno == Errno.EAGAIN) {
                    writer.await();
                } else if (errno != Errno.EINTR) {
                    throw failure("sendto", "", errno, "send",
                            destination == 0 ? null : "to port " + Integer.toUnsignedString(destination));
                }
            }
        } finally {
            descriptor.release();
        }
    }

    /** The segment from {@code datagram}'s position, made once per buffer (and per position other than 0). */
    private MemorySegment sendSource(ByteBuffer datagram) {
        if (datagram != sendBuffer || sendSegment == null) {
            sendSegment = wrap(datagram, "send");
            sendBuffer = datagram;
            sendSlice = null;
        }
        int position = datagram.position();
        if (position == 0) {
            return sendSegment;
        }
        if (sendSlice == null || sendSlicePosition != position) {
            sendSlice = sendSegment.asSlice(position);
            sendSlicePosition = position;
        }
        return sendSlice;
    }

    @Override
    public int receive(ByteBuffer buffer) {
        return receive(buffer, true);
    }

    @Override
    public int tryReceive(ByteBuffer buffer) {
        return receive(buffer, false);
    }

    private int receive(ByteBuffer buffer, boolean wait) {
        boolean newBuffer = buffer != receiveBuffer || receiveSegment == null;
        if (newBuffer) {
            SocketArguments.requireReceivable(buffer);
        }
        descriptor.acquire("receive");
        try {
            // the iovec is in the descriptor's arena: written only under a reference, never after the arena closed
            if (newBuffer) {
                wrapReceiveBuffer(buffer);
            }
            MemorySegment into = receiveSegment;
            int capacity = buffer.capacity();
            while (true) {
                boolean withInfo = packetInfo;
                long n;
                if (withInfo) {
                    message.set(JAVA_INT, Structs.MSG_NAMELEN, Structs.SOCKADDR_NL_SIZE);
                    message.set(JAVA_LONG, Structs.MSG_CONTROLLEN, CONTROL_SIZE);
                    n = Native.recvmsg(receiveErrno, fd, message, Native.MSG_TRUNC | Native.MSG_DONTWAIT);
                } else {
                    sourceLength.set(JAVA_INT, 0, Structs.SOCKADDR_NL_SIZE);
                    n = Native.recvfrom(receiveErrno, fd, into, capacity, Native.MSG_TRUNC | Native.MSG_DONTWAIT, source,
                            sourceLength);
                }
                if (n >= 0) {
                    lastSender = source.get(JAVA_INT, Structs.NL_PID);
                    int groups = source.get(JAVA_INT, Structs.NL_GROUPS);
                    lastGroup = withInfo ? groupFromControl() : groups == 0 ? 0 : Integer.numberOfTrailingZeros(groups) + 1;
                    int length = (int) n;
                    buffer.position(0);
                    buffer.limit(Math.min(length, capacity));
                    return length;
                }
                int errno = Native.errno(receiveErrno);
                if (errno == Errno.EAGAIN) {
                    if (!wait) {
                        return -1;
                    }
                    reader.await();
                } else if (errno == Errno.ENOBUFS) {
                    throw new NetlinkOverrunException("receive");
                } else if (errno != Errno.EINTR) {
                    throw failure(withInfo ? "recvmsg" : "recvfrom", "", errno, "receive", null);
                }
            }
        } finally {
            descriptor.release();
        }
    }

    private void wrapReceiveBuffer(ByteBuffer buffer) {
        MemorySegment segment = wrap(buffer, "receive");
        iovec.set(ADDRESS, Structs.IOV_BASE, segment);
        iovec.set(JAVA_LONG, Structs.IOV_LEN, buffer.capacity());
        receiveSegment = segment;
        receiveBuffer = buffer;
    }

    /** A segment over a direct buffer from index 0 to its capacity; it keeps the buffer's memory alive. */
    private static MemorySegment wrap(ByteBuffer buffer, String operation) {
        SocketArguments.requireDirect(buffer, operation);
        return MemorySegment.ofBuffer(buffer.duplicate().clear());
    }

    /** The group of the {@code struct nl_pktinfo} control message of the last recvmsg; 0 when there is none. */
    private int groupFromControl() {
        long length = Math.min(message.get(JAVA_LONG, Structs.MSG_CONTROLLEN), CONTROL_SIZE);
        long offset = 0;
        while (offset + Structs.CMSGHDR_SIZE <= length) {
            long cmsgLength = control.get(JAVA_LONG, offset + Structs.CMSG_LEN);
            if (cmsgLength < Structs.CMSGHDR_SIZE || offset + cmsgLength > length) {
                break;
            }
            if (control.get(JAVA_INT, offset + Structs.CMSG_LEVEL) == Native.SOL_NETLINK
                    && control.get(JAVA_INT, offset + Structs.CMSG_TYPE) == Native.NETLINK_PKTINFO
                    && cmsgLength >= Structs.CMSG_DATA + Structs.NL_PKTINFO_SIZE) {
                return control.get(JAVA_INT, offset + Structs.CMSG_DATA);
            }
            offset += Structs.align(cmsgLength);
        }
        return 0;
    }

    @Override
    public int lastSender() {
        return lastSender;
    }

    @Override
    public int lastGroup() {
        return lastGroup;
    }

    @Override
    public void joinGroup(int group) {
        setInt(Native.SOL_NETLINK, Native.NETLINK_ADD_MEMBERSHIP, group, "NETLINK_ADD_MEMBERSHIP");
    }

    @Override
    public void leaveGroup(int group) {
        setInt(Native.SOL_NETLINK, Native.NETLINK_DROP_MEMBERSHIP, group, "NETLINK_DROP_MEMBERSHIP");
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@link ConnOption#PACKET_INFO} also switches the receive path from {@code recvfrom} to {@code recvmsg}.
     */
    @Override
    public void setOption(ConnOption option, boolean enabled) {
        if (option == null) {
            throw new NetlinkArgumentException("setOption: the option is null");
        }
        setInt(Native.SOL_NETLINK, option.value(), enabled ? 1 : 0, option.kernelName());
        if (option == ConnOption.PACKET_INFO) {
            packetInfo = enabled;
        }
    }

    @Override
    public void setReceiveBufferSize(int bytes) {
        setBuffer(Native.SO_RCVBUFFORCE, "SO_RCVBUFFORCE", Native.SO_RCVBUF, "SO_RCVBUF", bytes);
    }

    @Override
    public int receiveBufferSize() {
        return getInt(Native.SOL_SOCKET, Native.SO_RCVBUF, "SO_RCVBUF");
    }

    @Override
    public void setSendBufferSize(int bytes) {
        setBuffer(Native.SO_SNDBUFFORCE, "SO_SNDBUFFORCE", Native.SO_SNDBUF, "SO_SNDBUF", bytes);
    }

    @Override
    public int sendBufferSize() {
        return getInt(Native.SOL_SOCKET, Native.SO_SNDBUF, "SO_SNDBUF");
    }

    /** The {@code _FORCE} option passes {@code [rw]mem_max} but needs CAP_NET_ADMIN; without it, the plain one. */
    private void setBuffer(int force, String forceName, int plain, String plainName, int bytes) {
        try {
            setInt(Native.SOL_SOCKET, force, bytes, forceName);
        } catch (NetlinkSystemException e) {
            if (e.errno() != Errno.EPERM) {
                throw e;
            }
            setInt(Native.SOL_SOCKET, plain, bytes, plainName);
        }
    }

    @Override
    public void attachFilter(List<RawInstruction> program) {
        int count = SocketArguments.requireProgram(program);
        descriptor.acquire("attachFilter");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment filter = arena.allocate(Structs.SOCK_FILTER, count);
            for (int i = 0; i < count; i++) {
                RawInstruction instruction = program.get(i);
                long at = i * Structs.SOCK_FILTER_SIZE;
                filter.set(JAVA_SHORT, at + Structs.FILTER_CODE, instruction.op());
                filter.set(JAVA_BYTE, at + Structs.FILTER_JT, instruction.jt());
                filter.set(JAVA_BYTE, at + Structs.FILTER_JF, instruction.jf());
                filter.set(JAVA_INT, at + Structs.FILTER_K, instruction.k());
            }
            MemorySegment prog = arena.allocate(Structs.SOCK_FPROG);
            prog.set(JAVA_SHORT, Structs.FPROG_LEN, (short) count);
            prog.set(ADDRESS, Structs.FPROG_FILTER, filter);
            MemorySegment errno = Native.newErrnoSegment(arena);
            if (Native.setsockopt(errno, fd, Native.SOL_SOCKET, Native.SO_ATTACH_FILTER, prog, Structs.SOCK_FPROG_SIZE) < 0) {
                throw failure("setsockopt", "SO_ATTACH_FILTER", Native.errno(errno), "attachFilter", count + " instructions");
            }
        } finally {
            descriptor.release();
        }
    }

    @Override
    public void detachFilter() {
        setInt(Native.SOL_SOCKET, Native.SO_DETACH_FILTER, 0, "SO_DETACH_FILTER");
    }

    @Override
    public void lockFilter() {
        setInt(Native.SOL_SOCKET, Native.SO_LOCK_FILTER, 1, "SO_LOCK_FILTER");
    }

    private void setInt(int level, int name, int value, String optionName) {
        descriptor.acquire("setsockopt(" + optionName + ")");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.newErrnoSegment(arena);
            MemorySegment p = arena.allocateFrom(JAVA_INT, value);
            if (Native.setsockopt(errno, fd, level, name, p, 4) < 0) {
                throw failure("setsockopt", optionName, Native.errno(errno), "setsockopt(" + optionName + ")",
                        "value " + value);
            }
        } finally {
            descriptor.release();
        }
    }

    private int getInt(int level, int name, String optionName) {
        descriptor.acquire("getsockopt(" + optionName + ")");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.newErrnoSegment(arena);
            MemorySegment p = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocateFrom(JAVA_INT, 4);
            if (Native.getsockopt(errno, fd, level, name, p, length) < 0) {
                throw failure("getsockopt", optionName, Native.errno(errno), "getsockopt(" + optionName + ")", null);
            }
            return p.get(JAVA_INT, 0);
        } finally {
            descriptor.release();
        }
    }

    /** {@link NetlinkClosedException} when the socket was closed meanwhile, otherwise a {@link NetlinkSystemException}. */
    private NetlinkException failure(String syscall, String subject, int errno, String operation, String detail) {
        if (descriptor.isClosed()) {
            return new NetlinkClosedException(operation);
        }
        return new NetlinkSystemException(syscall, subject, errno, detail);
    }

    @Override
    public void setReadDeadline(Instant deadline) {
        reader.setDeadline(deadline);
    }

    @Override
    public void setWriteDeadline(Instant deadline) {
        writer.setDeadline(deadline);
    }

    @Override
    public void wakeup() {
        descriptor.wakeup();
    }

    @Override
    public boolean isClosed() {
        return descriptor.isClosed();
    }

    @Override
    public void close() {
        descriptor.close();
    }

    @Override
    public String toString() {
        return "NetlinkSocket[ffm, protocol=" + protocol + ", pid=" + Integer.toUnsignedString(pid) + ", " + descriptor + "]";
    }
}
