package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.NetlinkException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The application's netlink configuration can never work as written: a {@link NetlinkListener} that would
 * never be called (a connection that does not exist or has no receive loop, a group the connection does not
 * join, message types its parameter cannot carry, a condition that does not parse, a parameter netlink events
 * cannot be delivered as), or a {@code netlink.*} property that nothing binds. Thrown while the context starts,
 * so the application fails at once instead of running with a listener that stays silent.
 *
 * <p>Names the annotation attribute or property to change, its value and the values that would work; the
 * failure analyzer shows the message as the description and {@link #action()} as the action.
 */
public final class NetlinkConfigurationException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    private final String element;
    private final @Nullable String value;
    private final transient List<String> validValues;
    private final String action;

    /**
     * @param element     what to change: an annotation attribute such as {@code @NetlinkListener(connection)}, or a
     *                    full property name such as {@code netlink.connections.route.grups}
     * @param value       its value as written, or null
     * @param validValues the values that would work, or empty
     * @param message     what is wrong, naming the method or property
     * @param action      what to change, naming the exact annotation attribute or property
     * @param cause       the underlying failure, or null
     */
    public NetlinkConfigurationException(String element, @Nullable String value, @Nullable List<String> validValues, String message,
            String action, @Nullable Throwable cause) {
        super(message, cause);
        this.element = element;
        this.value = value;
        this.validValues = validValues == null ? List.of() : List.copyOf(validValues);
        this.action = action;
    }

    /** @return the annotation attribute or full property name to change */
    public String element() {
        return element;
    }

    /** @return its value as written, or null */
    public @Nullable String value() {
        return value;
    }

    /** @return values that would work, possibly empty */
    public List<String> validValues() {
        return validValues;
    }

    /** @return what to change, for the failure analyzer's action */
    public String action() {
        return action;
    }
}
