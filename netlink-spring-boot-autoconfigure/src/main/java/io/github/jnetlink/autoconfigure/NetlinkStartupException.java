package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.NetlinkException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A netlink connection could not be set up from its {@code netlink.connections.NAME.*} properties. Names
 * the connection and, where one property is to blame, that property, so that the failure analyzer can
 * say exactly what to change.
 */
public final class NetlinkStartupException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    private final String connection;
    private final @Nullable String property;
    private final @Nullable String value;
    private final transient List<String> validValues;

    /**
     * @param connection  the connection name
     * @param property    the full property name to blame, or null
     * @param value       its value, or null
     * @param validValues the values that would work, or empty
     * @param message     what went wrong
     * @param cause       the underlying failure, or null
     */
    public NetlinkStartupException(String connection, @Nullable String property, @Nullable String value,
            @Nullable List<String> validValues, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.connection = connection;
        this.property = property;
        this.value = value;
        this.validValues = validValues == null ? List.of() : List.copyOf(validValues);
    }

    /** @return the connection name */
    public String connection() {
        return connection;
    }

    /** @return the full name of the property to change, or null */
    public @Nullable String property() {
        return property;
    }

    /** @return the property's value, or null */
    public @Nullable String value() {
        return value;
    }

    /** @return values that would work, possibly empty */
    public List<String> validValues() {
        return validValues;
    }
}
