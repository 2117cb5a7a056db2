package io.github.jnetlink.internal;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.bpf.RawInstruction;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The checks an {@code AF_NETLINK} socket makes on its arguments before anything reaches the kernel, with their
 * messages, shared by the transports over different native bindings so that they fail alike.
 *
 * <p>Public only for the transport modules; not an API.
 */
public final class SocketArguments {

    private SocketArguments() {
    }

    /**
     * @param buffer    the caller's buffer
     * @param operation {@code "receive"} or {@code "send"}
     * @throws NetlinkArgumentException when it is null or not direct: the kernel reads and writes it in place
     */
    public static void requireDirect(ByteBuffer buffer, String operation) {
        if (buffer == null) {
            throw new NetlinkArgumentException(operation + ": the buffer is null");
        }
        if (!buffer.isDirect()) {
            throw new NetlinkArgumentException(operation + ": the netlink socket needs a direct buffer "
                    + "(ByteBuffer.allocateDirect), not a heap buffer, so that the kernel reads and writes it in place");
        }
    }

    /**
     * @param buffer a buffer to receive into
     * @throws NetlinkArgumentException when it is read-only, null or not direct
     */
    public static void requireReceivable(ByteBuffer buffer) {
        if (buffer != null && buffer.isReadOnly()) {
            throw new NetlinkArgumentException("receive: the buffer is read-only; the kernel writes the datagram into it");
        }
        requireDirect(buffer, "receive");
    }

    /**
     * @param program a classic BPF program for {@code SO_ATTACH_FILTER}
     * @return its length, which fits the 16-bit {@code len} of {@code struct sock_fprog}
     * @throws NetlinkArgumentException when it is empty, too long or holds a null
     */
    public static int requireProgram(List<RawInstruction> program) {
        if (program == null || program.isEmpty()) {
            throw new NetlinkArgumentException("attachFilter: the program needs at least one instruction");
        }
        int count = program.size();
        if (count > 0xffff) {
            throw new NetlinkArgumentException("attachFilter: " + count
                    + " instructions do not fit the 16-bit length of struct sock_fprog");
        }
        for (int i = 0; i < count; i++) {
            if (program.get(i) == null) {
                throw new NetlinkArgumentException("attachFilter: instruction " + i + " is null");
            }
        }
        return count;
    }
}
