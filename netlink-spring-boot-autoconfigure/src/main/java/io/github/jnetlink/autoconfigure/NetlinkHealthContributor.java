package io.github.jnetlink.autoconfigure;

import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * One {@link NetlinkHealthIndicator} per receive loop, named after its connection. The loops are looked up on each
 * call, so that this contributor never makes them be created early. Marks the shutdown of its own context (the
 * {@link ContextClosedEvent} comes before the loops stop), after which stopped loops are not reported {@code DOWN}.
 */
final class NetlinkHealthContributor implements CompositeHealthContributor, ApplicationListener<ContextClosedEvent> {

    private final ObjectProvider<NetlinkReceiveLoop> loops;
    private final ApplicationContext context;
    private volatile boolean closing;

    NetlinkHealthContributor(ObjectProvider<NetlinkReceiveLoop> loops, ApplicationContext context) {
        this.loops = loops;
        this.context = context;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() == context) {
            closing = true;
        }
    }

    @Override
    public HealthContributor getContributor(String name) {
        return loops.orderedStream().filter(l -> l.name().equals(name)).findFirst().map(this::indicator).orElse(null);
    }

    @Override
    public Stream<Entry> stream() {
        return loops.orderedStream().map(l -> new Entry(l.name(), indicator(l)));
    }

    private NetlinkHealthIndicator indicator(NetlinkReceiveLoop loop) {
        return new NetlinkHealthIndicator(loop, () -> closing);
    }
}
