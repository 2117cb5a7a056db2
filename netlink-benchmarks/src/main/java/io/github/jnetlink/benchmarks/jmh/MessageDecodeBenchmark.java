package io.github.jnetlink.benchmarks.jmh;

import io.github.jnetlink.Message;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Header and message decoding through the public API, {@link Message#unmarshal(byte[])}: checks the
 * framing, reads the 16-byte header and copies the payload once. Allocation per call is the
 * {@code Message}, its {@code Header} and the payload array.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MessageDecodeBenchmark {

    private final byte[] link = Captured.linkMessage();
    private final byte[] route = Captured.routeMessage();

    /** A 1468-byte {@code RTM_NEWLINK}, the reply of W2. */
    @Benchmark
    public Message unmarshalLink() {
        return Message.unmarshal(link);
    }

    /** A 44-byte {@code RTM_NEWROUTE}, one of the 100,000 messages of a W1 dump. */
    @Benchmark
    public Message unmarshalRoute() {
        return Message.unmarshal(route);
    }
}
