package io.github.jnetlink.benchmarks.jmh;

import io.github.jnetlink.AttributeDecoder;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Attribute decoding of a real {@code RTM_NEWLINK} payload ({@code lo}, 1452 bytes after the header) with
 * {@link AttributeDecoder}: a bare walk, the typed reads a link record needs, and a walk that also descends
 * into the nested attributes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AttributeDecodeBenchmark {

    static final int IFLA_ADDRESS = 1;
    static final int IFLA_BROADCAST = 2;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_TXQLEN = 13;
    static final int IFLA_OPERSTATE = 16;
    static final int IFLA_STATS64 = 23;
    static final int IFLA_AF_SPEC = 26;
    static final int IFLA_GROUP = 27;
    static final int IFLA_PROP_LIST = 52;

    private final byte[] payload = Message.unmarshal(Captured.linkMessage()).data();

    /** Visits every top-level attribute and reads only its header: the floor of any decode. */
    @Benchmark
    public int walk() {
        AttributeDecoder d = new AttributeDecoder(payload, Captured.IFINFOMSG_SIZE, payload.length - Captured.IFINFOMSG_SIZE);
        int sum = 0;
        while (d.next()) {
            sum += d.type() + d.length();
        }
        return sum;
    }

    /** Reads the fields a link record holds: name, MTU, queue length, state, group, addresses, counters. */
    @Benchmark
    public void decodeLink(Blackhole bh) {
        AttributeDecoder d = new AttributeDecoder(payload, Captured.IFINFOMSG_SIZE, payload.length - Captured.IFINFOMSG_SIZE);
        while (d.next()) {
            switch (d.type()) {
                case IFLA_IFNAME -> bh.consume(d.string());
                case IFLA_MTU, IFLA_TXQLEN, IFLA_GROUP -> bh.consume(d.u32());
                case IFLA_OPERSTATE -> bh.consume(d.u8());
                case IFLA_ADDRESS, IFLA_BROADCAST, IFLA_STATS64 -> bh.consume(d.bytes());
                default -> {
                }
            }
        }
    }

    /**
     * Visits every attribute, descending into {@code IFLA_PROP_LIST} and into each address family's nest
     * of {@code IFLA_AF_SPEC} ({@code AF_INET}, {@code AF_INET6}); returns how many it saw.
     */
    @Benchmark
    public int walkNested() {
        AttributeDecoder d = new AttributeDecoder(payload, Captured.IFINFOMSG_SIZE, payload.length - Captured.IFINFOMSG_SIZE);
        int count = 0;
        while (d.next()) {
            count++;
            if (d.type() == IFLA_PROP_LIST) {
                count += count(d.nestedDecoder());
            } else if (d.type() == IFLA_AF_SPEC) {
                AttributeDecoder families = d.nestedDecoder();
                while (families.next()) {
                    count += 1 + count(families.nestedDecoder());
                }
            }
        }
        return count;
    }

    private static int count(AttributeDecoder d) {
        int count = 0;
        while (d.next()) {
            count++;
        }
        return count;
    }
}
