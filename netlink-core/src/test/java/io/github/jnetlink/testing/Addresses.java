package io.github.jnetlink.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP address literals for tests. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * @param text an IPv4 or IPv6 literal such as {@code "10.0.0.1"} or {@code "fd00::1"}
     * @return the address; a literal needs no name lookup, so a failure is a mistake in the test
     */
    public static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
