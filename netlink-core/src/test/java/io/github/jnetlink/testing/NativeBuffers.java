package io.github.jnetlink.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Buffers for the datagrams a test sends through {@link io.github.jnetlink.NetlinkTransport#send(ByteBuffer, int)}. */
public final class NativeBuffers {

    private NativeBuffers() {
    }

    /**
     * @param bytes the datagram
     * @return a direct buffer in native order (as the real socket needs) holding {@code bytes} from position 0 to
     *         its limit
     */
    public static ByteBuffer of(byte[] bytes) {
        return allocate(bytes.length).put(bytes).flip();
    }

    /**
     * @param size the capacity
     * @return an empty direct buffer in native order, to fill and {@link ByteBuffer#flip() flip}
     */
    public static ByteBuffer allocate(int size) {
        return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
    }
}
