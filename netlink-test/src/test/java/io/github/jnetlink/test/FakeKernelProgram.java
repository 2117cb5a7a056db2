package io.github.jnetlink.test;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Datagram;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.Protocol;
import java.time.Instant;
import java.util.List;

/**
 * A user's program of the fake kernel alone, run by {@link NoNativeLibraryTest} in a JVM whose class path holds no
 * jnr-ffi: a dump over several datagrams, an error with its extended ACK, and a notification. With the argument
 * {@code dial} it opens a real socket instead, which must fail there for want of jnr-ffi.
 */
final class FakeKernelProgram {

    private FakeKernelProgram() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("dial")) {
            try (Conn conn = Conn.dial(Protocol.ROUTE)) {
                System.out.println("RESULT dialled " + conn);
            } catch (Throwable t) {
                for (Throwable c = t; c != null; c = c.getCause()) {
                    System.out.println("RESULT failed " + c);
                }
            }
            return;
        }
        try (FakeKernel kernel = FakeKernel.create(Protocol.ROUTE)) {
            kernel.onRequest(request -> request.get(0).header().has(HeaderFlags.DUMP)
                    ? Replies.multipart(Links.links(5)) : Replies.error(19, "Cannot find device"));
            try (Conn conn = kernel.dial(Config.DEFAULT.withGroups(1))) {
                conn.setReadDeadline(Instant.now().plusSeconds(10));
                List<Message> links = conn.execute(Links.dumpLinks());
                String error;
                try {
                    conn.execute(Links.deleteLink(9));
                    error = "none";
                } catch (NetlinkErrorException e) {
                    error = e.errnoName() + "/" + e.extendedMessage();
                }
                kernel.multicast(1, Links.link(7));
                Datagram d = conn.receiveDatagram();
                System.out.println("RESULT transport=" + conn.transportKind() + " links=" + links.size() + " error=" + error
                        + " group=" + d.group() + " index=" + Links.index(d.messages().get(0)));
            }
        }
    }
}
