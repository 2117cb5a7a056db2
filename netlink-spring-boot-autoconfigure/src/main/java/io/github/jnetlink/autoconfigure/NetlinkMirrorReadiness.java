package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.route.RouteMirror;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Keeps the application's readiness at {@link ReadinessState#REFUSING_TRAFFIC} (Actuator's readiness probe then
 * answers OUT_OF_SERVICE) until every {@code RouteMirror} of {@code mirror.enabled} connections has made its first
 * sync. A loop starts its mirror synchronously, so this matters for loops with {@code listener.auto-startup=false}
 * and for a first dump that failed: when Boot declares the application ready while a mirror is not synced, a
 * {@code netlink-mirror-readiness} thread sets readiness back to refusing traffic (within milliseconds: a listener
 * cannot overrule the event being delivered) and declares it ready again once every mirror is synced.
 */
final class NetlinkMirrorReadiness implements ApplicationListener<AvailabilityChangeEvent<?>>, DisposableBean {

    private static final Log logger = LogFactory.getLog(NetlinkMirrorReadiness.class);

    private final ObjectProvider<NetlinkReceiveLoop> loops;
    private final ApplicationContext context;
    private volatile Thread waiter;

    NetlinkMirrorReadiness(ObjectProvider<NetlinkReceiveLoop> loops, ApplicationContext context) {
        this.loops = loops;
        this.context = context;
    }

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return;
        }
        List<RouteMirror> unsynced = loops.orderedStream().map(NetlinkReceiveLoop::mirror)
                .filter(m -> m != null && !m.isSynced()).toList();
        if (unsynced.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (waiter != null && waiter.isAlive()) {
                return;
            }
            Thread t = new Thread(() -> refuseUntilSynced(unsynced), "netlink-mirror-readiness");
            t.setDaemon(true);
            waiter = t;
            t.start();
        }
    }

    /**
     * Refuses traffic once the ACCEPTING_TRAFFIC event being delivered has been recorded (a listener cannot overrule
     * an event while it is delivered: the availability bean may record it after this one), then accepts it again once
     * every mirror is synced.
     */
    private void refuseUntilSynced(List<RouteMirror> mirrors) {
        ApplicationAvailability availability = context.getBeanProvider(ApplicationAvailability.class).getIfAvailable();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (availability != null && availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC
                    && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            if (mirrors.stream().allMatch(RouteMirror::isSynced)) {
                return;
            }
            logger.info("netlink: " + mirrors.size() + " RouteMirror(s) not synced yet; refusing traffic until they are");
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            for (RouteMirror m : mirrors) {
                while (!m.awaitSynced(Duration.ofSeconds(1))) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException e) {
            logger.debug("netlink: stopped waiting for the mirrors to sync: " + e);
            return;
        }
        logger.info("netlink: every RouteMirror is synced; accepting traffic");
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Override
    public void destroy() {
        Thread t = waiter;
        if (t != null) {
            t.interrupt();
        }
    }
}
