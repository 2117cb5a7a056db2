package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.ConnObserver;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.RouteMessageType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Netlink meters in a Micrometer registry. Meters are looked up once per (connection, message type) and
 * cached, so counting a message costs a map lookup and an increment. Tag values are bounded: connection
 * names come from configuration, message types are 16-bit and named where known.
 */
final class MicrometerNetlinkMetrics implements NetlinkMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> listenerErrors = new ConcurrentHashMap<>();

    MicrometerNetlinkMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ConnObserver observer(String connection, int protocol, Map<Integer, String> groups) {
        return new Observer(connection, protocol, groups);
    }

    @Override
    public void listenerCreated(String connection, String listener) {
        listenerErrors(connection, listener);
    }

    @Override
    public void listenerError(String connection, String listener) {
        listenerErrors(connection, listener).increment();
    }

    /** Registered once per (connection, listener): a listener that fails on every message pays a lookup, not a registration. */
    private Counter listenerErrors(String connection, String listener) {
        return listenerErrors.computeIfAbsent(connection + '\u0000' + listener, k -> Counter.builder("netlink.listener.errors")
                .description("Listener methods that threw, or whose argument could not be decoded")
                .tag("connection", connection)
                .tag("listener", listener)
                .register(registry));
    }

    static String typeName(int protocol, int type) {
        if (type < HeaderType.MIN_TYPE) {
            return "NLMSG_" + HeaderType.toString(type);
        }
        return protocol == Protocol.ROUTE ? RouteMessageType.name(type) : Integer.toString(type);
    }

    private final class Observer implements ConnObserver {

        private final String connection;
        private final int protocol;
        private final Map<Integer, String> groups;
        /** By {@code group << 16 | type}. */
        private final ConcurrentHashMap<Long, Counter> received = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<Integer, Counter> sent = new ConcurrentHashMap<>();
        private final Counter overruns;
        private final Counter truncated;
        private final Counter rejected;
        private final Counter discarded;
        private final Timer success;
        private final Timer error;
        private final Timer timeout;
        private final Timer failure;

        Observer(String connection, int protocol, Map<Integer, String> groups) {
            this.connection = connection;
            this.protocol = protocol;
            this.groups = Map.copyOf(groups);
            this.overruns = Counter.builder("netlink.overruns")
                    .description("Receive-buffer overruns (ENOBUFS): the kernel dropped notifications")
                    .tag("connection", connection).register(registry);
            this.truncated = Counter.builder("netlink.datagrams.truncated")
                    .description("Datagrams larger than the userspace receive buffer, cut by the kernel; the buffer grew."
                            + " A reply is asked for again where that is safe; a notification is lost, like an overrun's")
                    .tag("connection", connection).register(registry);
            this.rejected = Counter.builder("netlink.messages.rejected")
                    .description("Datagrams dropped because they did not come from the kernel or a trusted peer")
                    .tag("connection", connection).register(registry);
            this.discarded = Counter.builder("netlink.messages.discarded")
                    .description("Messages an execute read that answered no request in progress: late replies and "
                            + "acknowledgements of earlier requests, notifications of joined groups")
                    .baseUnit("messages").tag("connection", connection).register(registry);
            this.success = timer("success");
            this.error = timer("error");
            this.timeout = timer("timeout");
            this.failure = timer("failure");
        }

        private Timer timer(String outcome) {
            return Timer.builder("netlink.execute")
                    .description("Requests sent with execute until their replies arrived")
                    .tag("connection", connection).tag("outcome", outcome).register(registry);
        }

        private Counter counter(String name, String description, int type) {
            return Counter.builder(name).description(description).baseUnit("messages")
                    .tag("connection", connection).tag("type", typeName(protocol, type)).register(registry);
        }

        @Override
        public void sent(Message message) {
            sent.computeIfAbsent(message.header().type(), t -> counter("netlink.messages.sent", "Messages sent to the kernel", t))
                    .increment();
        }

        @Override
        public void received(Message message, int group) {
            int type = message.header().type();
            received.computeIfAbsent((long) group << 16 | type, k -> Counter.builder("netlink.messages.received")
                            .description("Messages received from the kernel: replies, and notifications of the joined groups")
                            .baseUnit("messages")
                            .tag("connection", connection)
                            .tag("kind", group == 0 ? "reply" : "notification")
                            .tag("group", group == 0 ? "none" : groups.getOrDefault(group, Integer.toString(group)))
                            .tag("type", typeName(protocol, type))
                            .register(registry))
                    .increment();
        }

        @Override
        public void executed(Message request, long nanos, RuntimeException e) {
            Timer t = e == null ? success : e instanceof NetlinkErrorException ? error : e instanceof NetlinkTimeoutException ? timeout : failure;
            t.record(nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void overrun() {
            overruns.increment();
        }

        @Override
        public void truncated(int length) {
            truncated.increment();
        }

        @Override
        public void rejected(int senderPid) {
            rejected.increment();
        }

        @Override
        public void discarded(Message message) {
            discarded.increment();
        }
    }
}
