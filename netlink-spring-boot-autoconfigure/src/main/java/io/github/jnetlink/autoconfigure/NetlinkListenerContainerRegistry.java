package io.github.jnetlink.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The receive loops of the application's netlink connections, as {@link NetlinkListenerContainer}s kept by connection
 * name: one per {@code netlink.connections.NAME} with groups and an enabled listener. Through it an application
 * starts a loop configured with {@code listener.auto-startup=false}, or stops, pauses and resumes one:
 *
 * <pre>
 * registry.getListenerContainer("route").ifPresent(NetlinkListenerContainer::start);
 * </pre>
 *
 * The containers are looked up on each call, so that holding the registry never makes them be created early.
 */
public final class NetlinkListenerContainerRegistry {

    private final ObjectProvider<? extends NetlinkListenerContainer> containers;

    NetlinkListenerContainerRegistry(ObjectProvider<? extends NetlinkListenerContainer> containers) {
        this.containers = containers;
    }

    /**
     * @param connectionName the {@code NAME} of {@code netlink.connections.NAME}
     * @return the connection's container, or empty when the connection has none: it is not configured, has no groups,
     *         or has {@code listener.enabled=false}
     */
    public Optional<NetlinkListenerContainer> getListenerContainer(String connectionName) {
        return containers.orderedStream().filter(c -> c.getConnectionName().equals(connectionName))
                .<NetlinkListenerContainer>map(c -> c).findFirst();
    }

    /** @return every container, in bean order */
    public List<NetlinkListenerContainer> getListenerContainers() {
        return containers.orderedStream().<NetlinkListenerContainer>map(c -> c).toList();
    }

    /** @return the connection names of the containers, in bean order */
    public Set<String> getListenerContainerNames() {
        Set<String> names = new LinkedHashSet<>();
        containers.orderedStream().forEach(c -> names.add(c.getConnectionName()));
        return names;
    }
}
