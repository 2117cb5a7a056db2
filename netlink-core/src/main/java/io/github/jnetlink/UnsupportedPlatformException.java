package io.github.jnetlink;

/**
 * The platform has no netlink: not Linux, or the C library could not be bound through jnr-ffi.
 */
public final class UnsupportedPlatformException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param cause why netlink could not be used
     */
    public UnsupportedPlatformException(Throwable cause) {
        super("netlink is not available on this platform (" + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + "): " + cause.getMessage(), cause);
    }
}
