package io.github.jnetlink.benchmarks.jmh;

import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.autoconfigure.NetlinkListener;
import io.github.jnetlink.autoconfigure.NetlinkMessageEvent;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * What the receive loop does per message, without the socket: publish a {@link NetlinkMessageEvent}
 * through a real Spring Boot context whose {@code @NetlinkListener} methods (a typed route listener, a
 * typed link listener that the route event does not match, a raw-message listener) receive it. Includes
 * the one typed decode per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventDispatchBenchmark {

    /** The listeners of the benchmark application. */
    public static class Listeners {
        long routes;
        long links;
        long messages;

        @NetlinkListener(connection = "route", types = RouteMessageType.RTM_NEWROUTE)
        void onRoute(RouteMessage route) {
            routes++;
        }

        @NetlinkListener(connection = "route")
        void onLink(LinkMessage link) {
            links++;
        }

        @NetlinkListener(connection = "route")
        void onMessage(Message message) {
            messages++;
        }
    }

    /** The benchmark application: the starter's auto-configuration with no connections, and the listeners. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listeners.class)
    public static class App {
    }

    private ConfigurableApplicationContext context;
    private Message route;

    @Setup(Level.Trial)
    public void setUp() {
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        context = app.run("--spring.main.banner-mode=off", "--logging.level.root=warn");
        route = Message.unmarshal(Captured.routeMessage());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        context.close();
    }

    @Benchmark
    public void publishRouteEvent() {
        context.publishEvent(new NetlinkMessageEvent("route", Protocol.ROUTE, 7, "ipv4-route", route, Instant.EPOCH));
    }
}
