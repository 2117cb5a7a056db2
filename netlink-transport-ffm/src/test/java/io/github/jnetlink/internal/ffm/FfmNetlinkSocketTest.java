package io.github.jnetlink.internal.ffm;

import io.github.jnetlink.NetlinkTransport;
import io.github.jnetlink.internal.NetlinkSocketTest;

/** Every transport test of netlink-core's jnr-ffi socket, against the FFM socket, in a namespace of its own. */
class FfmNetlinkSocketTest extends NetlinkSocketTest {

    @Override
    protected NetlinkTransport open(int protocol, String netnsPath, int netnsFd) {
        return NetlinkSocket.open(protocol, netnsPath, netnsFd);
    }

    @Override
    protected String expectedKind() {
        return "netlink-socket-ffm";
    }
}
