package io.github.jnetlink;

/**
 * Bytes that do not form a valid netlink message or attribute: too short, not aligned to 4 bytes, a
 * length field that disagrees with the data, an attribute of the wrong size for its type. Thrown by the
 * decoders instead of ever reading out of bounds.
 */
public class MalformedMessageException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is malformed and where
     */
    public MalformedMessageException(String message) {
        super(message);
    }
}
