package io.github.jnetlink.benchmarks;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.autoconfigure.NetlinkListener;
import io.github.jnetlink.autoconfigure.NetlinkOverrunEvent;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;

/**
 * W3 through the whole starter: a Boot application whose {@code route} connection listens to
 * {@code ipv4-route}, and a {@link NetlinkListener} method that counts the typed {@code RTM_NEWROUTE}
 * events. Overruns arrive as {@link NetlinkOverrunEvent}s and count as the harness's ENOBUFS.
 */
@SpringBootApplication
public class SpringMcast {

    static final AtomicInteger received = new AtomicInteger();
    static final AtomicInteger overruns = new AtomicInteger();
    static final AtomicLong first = new AtomicLong();
    static final AtomicLong last = new AtomicLong();

    @NetlinkListener(connection = "route", types = RouteMessageType.RTM_NEWROUTE)
    void onRoute(RouteMessage route) {
        long now = System.nanoTime();
        if (received.getAndIncrement() == 0) {
            first.set(now);
        }
        last.set(now);
    }

    @EventListener
    void onOverrun(NetlinkOverrunEvent overrun) {
        overruns.incrementAndGet();
    }

    static void run(int m, int rcvbuf, int idleMs) throws InterruptedException {
        SpringApplication app = new SpringApplication(SpringMcast.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        String buffer = rcvbuf > 0 ? "--netlink.connections.route.receive-buffer-size=" + rcvbuf + "B" : "--netlink.enabled=true";
        int effective;
        try (ConfigurableApplicationContext context = app.run("--spring.main.banner-mode=off", "--logging.level.root=warn",
                "--netlink.connections.route.groups=ipv4-route", buffer)) {
            // the loop's socket has the configured buffer, or the starter's 16 MB default for receive loops;
            // read the kernel's figure from a socket set up the same way
            int requested = rcvbuf > 0 ? rcvbuf : 16 * 1024 * 1024;
            try (Conn probe = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withReceiveBufferSize(requested))) {
                effective = probe.readBuffer();
            }
            System.out.println("ready");
            System.out.flush();
            long start = System.nanoTime();
            while (received.get() == 0 && System.nanoTime() - start < 60_000_000_000L) {
                Thread.sleep(5);
            }
            int seen = -1;
            long quietSince = System.nanoTime();
            while (received.get() < m) {
                Thread.sleep(5);
                int now = received.get();
                if (now != seen) {
                    seen = now;
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > idleMs * 1_000_000L) {
                    break;
                }
            }
        }
        NlBench.report(m, effective, received.get(), overruns.get(), first.get(), last.get(), "java-spring");
    }
}
