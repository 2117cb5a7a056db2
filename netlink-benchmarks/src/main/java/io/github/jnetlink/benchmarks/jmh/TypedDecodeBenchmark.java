package io.github.jnetlink.benchmarks.jmh;

import io.github.jnetlink.Message;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMessage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Typed rtnetlink decoding of real kernel messages: a route as a dump or an {@code ipv4-route}
 * notification delivers it, and a link.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TypedDecodeBenchmark {

    private Message route;
    private Message link;

    @Setup
    public void setUp() {
        route = Message.unmarshal(Captured.routeMessage());
        link = Message.unmarshal(Captured.linkMessage());
    }

    @Benchmark
    public RouteMessage decodeRoute() {
        return RouteMessage.decode(route);
    }

    @Benchmark
    public LinkMessage decodeLinkRecord() {
        return LinkMessage.decode(link);
    }
}
