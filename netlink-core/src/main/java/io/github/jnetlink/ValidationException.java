package io.github.jnetlink;

/**
 * A reply does not belong to the request it was read for: its sequence number or port ID differ.
 * See {@link Validate#validate(Message, java.util.List)}.
 */
public class ValidationException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which field mismatched, with both values
     */
    public ValidationException(String message) {
        super(message);
    }
}
