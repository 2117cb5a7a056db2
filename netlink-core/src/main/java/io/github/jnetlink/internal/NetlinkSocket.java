package io.github.jnetlink.internal;

import io.github.jnetlink.ConnOption;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkClosedException;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.NetlinkOverrunException;
import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.NetlinkTransport;
import io.github.jnetlink.bpf.RawInstruction;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import jnr.ffi.Pointer;

/**
 * The {@code AF_NETLINK} socket: the {@link NetlinkTransport} that {@link NetlinkTransport#open} returns, over the C
 * library through jnr-ffi.
 *
 * <p>The socket is non-blocking. A receive or send first makes its call and waits in a {@link Poller} only on
 * {@code EAGAIN}, so a datagram already queued is returned without a {@code poll}, even after the read deadline has
 * passed. The descriptors and their lifetime are a {@link FileDescriptor}; the socket is created by
 * {@link NetnsDialer}; the C structures come from {@link Structs}.
 *
 * <p>The receive and send paths allocate nothing per datagram: the addresses, the {@code msghdr} and the poll set are
 * allocated once, and the jnr-ffi pointer over the caller's buffer is kept until a different buffer is passed. Only a
 * send to a userspace peer, and a send from a position other than the last one, allocate.
 *
 * <p>Threading: as {@link NetlinkTransport} says, one receiving thread and one sending thread at a time, everything
 * else from any thread. {@link #lastSender()} and {@link #lastGroup()} are meant for the receiving thread.
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
    private Pointer receivePointer;
    private final Pointer source;
    private final Pointer sourceLength;
    private final Pointer message;
    private final Pointer iovec;
    private final Pointer control;
    private int lastSender;
    private int lastGroup;

    private ByteBuffer sendBuffer;
    private Pointer sendPointer;
    private Pointer sendSlice;
    private int sendSlicePosition;
    private final Pointer kernelAddress;

    private NetlinkSocket(FileDescriptor descriptor, int protocol) {
        this.descriptor = descriptor;
        this.fd = descriptor.socket();
        this.protocol = protocol;
        this.reader = new Poller(descriptor, Native.POLLIN, "receive");
        this.writer = new Poller(descriptor, Native.POLLOUT, "send");

        this.source = Native.allocate(Structs.SOCKADDR_NL_SIZE);
        this.sourceLength = Native.allocate(4);
        this.iovec = Native.allocate(Structs.IOVEC_SIZE);
        this.control = Native.allocate(CONTROL_SIZE);
        this.message = Native.allocate(Structs.MSGHDR_SIZE);
        message.putAddress(Structs.MSG_NAME, source.address());
        message.putAddress(Structs.MSG_IOV, iovec.address());
        Structs.putSize(message, Structs.MSG_IOVLEN, 1);
        message.putAddress(Structs.MSG_CONTROL, control.address());

        this.kernelAddress = Native.allocate(Structs.SOCKADDR_NL_SIZE);
        kernelAddress.putShort(Structs.NL_FAMILY, (short) Native.AF_NETLINK);
    }

    /**
     * Creates a socket, inside the given network namespace when one is named (see {@link NetnsDialer}). The socket
     * keeps that namespace and works from any thread.
     *
     * @param protocol  the netlink protocol
     * @param netnsPath a namespace file such as {@code /var/run/netns/x}, or null
     * @param netnsFd   an open namespace descriptor, used when {@code netnsPath} is null, or -1; it stays open
     * @return the socket, not yet bound
     * @throws NetlinkSystemException                       when {@code socket}, {@code open}, {@code setns} or
     *                                                      {@code eventfd} fails
     * @throws io.github.jnetlink.UnsupportedPlatformException off Linux, or where jnr-ffi cannot bind the C library
     */
    public static NetlinkSocket open(int protocol, String netnsPath, int netnsFd) {
        Native.check();
        FileDescriptor descriptor = FileDescriptor.forSocket(NetnsDialer.socket(protocol, netnsPath, netnsFd));
        try {
            return new NetlinkSocket(descriptor, protocol);
        } catch (Throwable e) {
            // out of direct memory must not leak the descriptors
            descriptor.close();
            throw e;
        }
    }

    @Override
    public String kind() {
        return "netlink-socket";
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void bind(int pid, int groups) {
        descriptor.acquire("bind");
        try {
            Pointer address = Native.allocate(Structs.SOCKADDR_NL_SIZE);
            Pointer length = Native.allocate(4);
            address.putShort(Structs.NL_FAMILY, (short) Native.AF_NETLINK);
            address.putInt(Structs.NL_PID, pid);
            address.putInt(Structs.NL_GROUPS, groups);
            if (Native.LIBC.bind(fd, address, Structs.SOCKADDR_NL_SIZE) < 0) {
                throw failure("bind", "", Native.errno(), "bind", "pid " + Integer.toUnsignedString(pid)
                        + ", groups 0x" + Integer.toHexString(groups));
            }
            length.putInt(0, Structs.SOCKADDR_NL_SIZE);
            if (Native.LIBC.getsockname(fd, address, length) < 0) {
                throw failure("getsockname", "", Native.errno(), "bind", null);
            }
            this.pid = address.getInt(Structs.NL_PID);
            // jnr-ffi frees the memory when its Pointer is collected: not before the kernel is done with it
            Reference.reachabilityFence(address);
            Reference.reachabilityFence(length);
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
        Pointer bytes = sendSource(datagram);
        int length = datagram.remaining();
        Pointer address = destination == 0 ? kernelAddress : peerAddress(destination);
        descriptor.acquire("send");
        try {
            while (true) {
                if (Native.LIBC.sendto(fd, bytes, length, 0, address, Structs.SOCKADDR_NL_SIZE) >= 0) {
                    return;
                }
                int errno = Native.errno();
                if (errno == Errno.EAGAIN) {
                    writer.await();
                } else if (errno != Errno.EINTR) {
                    throw failure("sendto", "", errno, "send",
                            destination == 0 ? null : "to port " + Integer.toUnsignedString(destination));
                }
            }
        } finally {
            descriptor.release();
            Reference.reachabilityFence(address);
            Reference.reachabilityFence(datagram);
            Reference.reachabilityFence(this);
        }
    }

    private static Pointer peerAddress(int destination) {
        Pointer address = Native.allocate(Structs.SOCKADDR_NL_SIZE);
        address.putShort(Structs.NL_FAMILY, (short) Native.AF_NETLINK);
        address.putInt(Structs.NL_PID, destination);
        return address;
    }

    /** The pointer to {@code datagram}'s position, made once per buffer (and per position other than 0). */
    private Pointer sendSource(ByteBuffer datagram) {
        if (datagram != sendBuffer || sendPointer == null) {
            sendPointer = wrap(datagram, "send");
            sendBuffer = datagram;
            sendSlice = null;
        }
        int position = datagram.position();
        if (position == 0) {
            return sendPointer;
        }
        if (sendSlice == null || sendSlicePosition != position) {
            sendSlice = sendPointer.slice(position);
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
        if (buffer != receiveBuffer || receivePointer == null) {
            wrapReceiveBuffer(buffer);
        }
        Pointer into = receivePointer;
        int capacity = buffer.capacity();
        descriptor.acquire("receive");
        try {
            while (true) {
                boolean withInfo = packetInfo;
                long n;
                if (withInfo) {
                    message.putInt(Structs.MSG_NAMELEN, Structs.SOCKADDR_NL_SIZE);
                    Structs.putSize(message, Structs.MSG_CONTROLLEN, CONTROL_SIZE);
                    n = Native.LIBC.recvmsg(fd, message, Native.MSG_TRUNC);
                } else {
                    sourceLength.putInt(0, Structs.SOCKADDR_NL_SIZE);
                    n = Native.LIBC.recvfrom(fd, into, capacity, Native.MSG_TRUNC, source, sourceLength);
                }
                if (n >= 0) {
                    lastSender = source.getInt(Structs.NL_PID);
                    int groups = source.getInt(Structs.NL_GROUPS);
                    lastGroup = withInfo ? groupFromControl() : groups == 0 ? 0 : Integer.numberOfTrailingZeros(groups) + 1;
                    int length = (int) n;
                    buffer.position(0);
                    buffer.limit(Math.min(length, capacity));
                    return length;
                }
                int errno = Native.errno();
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
            Reference.reachabilityFence(buffer);
            Reference.reachabilityFence(this);
        }
    }

    private void wrapReceiveBuffer(ByteBuffer buffer) {
        SocketArguments.requireReceivable(buffer);
        Pointer pointer = wrap(buffer, "receive");
        iovec.putAddress(Structs.IOV_BASE, pointer.address());
        Structs.putSize(iovec, Structs.IOV_LEN, buffer.capacity());
        receivePointer = pointer;
        receiveBuffer = buffer;
    }

    /** A jnr-ffi pointer to index 0 of a direct buffer; it keeps the buffer's memory alive. */
    private static Pointer wrap(ByteBuffer buffer, String operation) {
        SocketArguments.requireDirect(buffer, operation);
        // jnr-ffi's pointer starts at the position the buffer has now: wrap a view whose position is 0
        return Pointer.wrap(Native.RUNTIME, buffer.duplicate().clear());
    }

    /** The group of the {@code struct nl_pktinfo} control message of the last recvmsg; 0 when there is none. */
    private int groupFromControl() {
        long length = Math.min(Structs.getSize(message, Structs.MSG_CONTROLLEN), CONTROL_SIZE);
        long offset = 0;
        while (offset + Structs.CMSGHDR_SIZE <= length) {
            long cmsgLength = Structs.getSize(control, offset + Structs.CMSG_LEN);
            if (cmsgLength < Structs.CMSGHDR_SIZE || offset + cmsgLength > length) {
                break;
            }
            if (control.getInt(offset + Structs.CMSG_LEVEL) == Native.SOL_NETLINK
                    && control.getInt(offset + Structs.CMSG_TYPE) == Native.NETLINK_PKTINFO
                    && cmsgLength >= Structs.CMSG_DATA + Structs.NL_PKTINFO_SIZE) {
                return control.getInt(offset + Structs.CMSG_DATA);
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
     * <p>{@link ConnOption#PACKET_INFO} also switches the receive path from {@code recvfrom} to {@code recvmsg},
     * which reads the control message the kernel then attaches.
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
        Pointer filter = Native.allocate(count * Structs.SOCK_FILTER_SIZE);
        for (int i = 0; i < count; i++) {
            RawInstruction instruction = program.get(i);
            long at = (long) i * Structs.SOCK_FILTER_SIZE;
            filter.putShort(at + Structs.FILTER_CODE, instruction.op());
            filter.putByte(at + Structs.FILTER_JT, instruction.jt());
            filter.putByte(at + Structs.FILTER_JF, instruction.jf());
            filter.putInt(at + Structs.FILTER_K, instruction.k());
        }
        Pointer prog = Native.allocate(Structs.SOCK_FPROG_SIZE);
        prog.putShort(Structs.FPROG_LEN, (short) count);
        prog.putAddress(Structs.FPROG_FILTER, filter.address());
        descriptor.acquire("attachFilter");
        try {
            if (Native.LIBC.setsockopt(fd, Native.SOL_SOCKET, Native.SO_ATTACH_FILTER, prog, Structs.SOCK_FPROG_SIZE) < 0) {
                throw failure("setsockopt", "SO_ATTACH_FILTER", Native.errno(), "attachFilter", count + " instructions");
            }
        } finally {
            descriptor.release();
            // the kernel copies the program during the call; until it returns neither block may be freed
            Reference.reachabilityFence(filter);
            Reference.reachabilityFence(prog);
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
        Pointer p = Native.allocate(4);
        p.putInt(0, value);
        descriptor.acquire("setsockopt(" + optionName + ")");
        try {
            if (Native.LIBC.setsockopt(fd, level, name, p, 4) < 0) {
                throw failure("setsockopt", optionName, Native.errno(), "setsockopt(" + optionName + ")", "value " + value);
            }
        } finally {
            descriptor.release();
            Reference.reachabilityFence(p);
        }
    }

    private int getInt(int level, int name, String optionName) {
        Pointer p = Native.allocate(4);
        Pointer length = Native.allocate(4);
        length.putInt(0, 4);
        descriptor.acquire("getsockopt(" + optionName + ")");
        try {
            if (Native.LIBC.getsockopt(fd, level, name, p, length) < 0) {
                throw failure("getsockopt", optionName, Native.errno(), "getsockopt(" + optionName + ")", null);
            }
            return p.getInt(0);
        } finally {
            descriptor.release();
            Reference.reachabilityFence(p);
            Reference.reachabilityFence(length);
        }
    }

    /**
     * The exception for a failed call: {@link NetlinkClosedException} when the socket was closed meanwhile (the
     * errno is then an artefact of the close, typically {@code EBADF}), otherwise a {@link NetlinkSystemException}.
     */
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

    /** @return the socket descriptor number, for diagnostics and tests in this package */
    int fd() {
        return fd;
    }

    @Override
    public String toString() {
        return "NetlinkSocket[protocol=" + protocol + ", pid=" + Integer.toUnsignedString(pid) + ", " + descriptor + "]";
    }
}
