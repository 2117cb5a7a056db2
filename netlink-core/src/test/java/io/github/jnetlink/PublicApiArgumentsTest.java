package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.bpf.Instruction;
import io.github.jnetlink.bpf.NetlinkFilters;
import io.github.jnetlink.bpf.RawInstruction;
import io.github.jnetlink.bpf.Vm;
import io.github.jnetlink.generic.GenericNetlink;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkInfo;
import io.github.jnetlink.route.MacAddress;
import io.github.jnetlink.route.NeighborMessage;
import io.github.jnetlink.route.RouteClient;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.route.RouteMirror;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every public constructor and method of the core library that takes an object, called with {@code null}
 * for one argument at a time (and with a list holding {@code null} for each list argument), the others
 * being valid: it either accepts the {@code null} (documented as "none") or throws a member of the
 * {@link NetlinkException} family that names what was wrong. Never a {@code NullPointerException} or
 * another unchecked exception from deep inside. Instance methods of {@link Conn}, {@link RouteClient}, {@code Rules},
 * {@code Nexthops}, {@code Fdb}, {@code NetnsIds}, {@code LinkStatistics}, {@code BridgeVlans} and {@link GenericNetlink} run on real sockets in a throwaway namespace.
 */
@NetlinkNamespace
class PublicApiArgumentsTest {

    static Netns ns;
    /** Sockets opened as samples or receivers for NetlinkTransport's methods, closed at the end. */
    static final List<NetlinkTransport> transports = new ArrayList<>();
    static Conn route;
    static Conn generic;

    @BeforeAll
    static void dial(Netns namespace) {
        ns = namespace;
        route = Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        generic = Conn.dial(Protocol.GENERIC, Config.DEFAULT.withNetns(ns.path()));
    }

    @AfterAll
    static void close() {
        if (route != null) {
            route.close();
        }
        if (generic != null) {
            generic.close();
        }
        transports.forEach(NetlinkTransport::close);
    }

    @Test
    void nullArgumentsAreRefusedWithANetlinkExceptionOrAccepted() throws Exception {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Class<?> type : publicApiClasses()) {
            for (Executable executable : executables(type)) {
                Class<?>[] parameters = executable.getParameterTypes();
                for (int i = 0; i < parameters.length; i++) {
                    if (parameters[i].isPrimitive()) {
                        continue;
                    }
                    calls++;
                    check(executable, i, null, failures);
                    if (List.class.isAssignableFrom(parameters[i])) {
                        calls++;
                        check(executable, i, Collections.singletonList(null), failures);
                    } else if (Set.class.isAssignableFrom(parameters[i])) {
                        calls++;
                        check(executable, i, Collections.singleton(null), failures);
                    }
                }
            }
        }
        assertThat(calls).as("calls made").isGreaterThan(150);
        assertThat(failures).as("public API calls that let a bad argument through as a foreign exception").isEmpty();
    }

    private void check(Executable executable, int index, Object bad, List<String> failures) {
        String call = describe(executable, index, bad);
        Object[] arguments;
        Object receiver;
        try {
            arguments = samples(executable);
            receiver = executable instanceof Method m && !Modifier.isStatic(m.getModifiers()) ? receiver(m.getDeclaringClass()) : null;
        } catch (ReflectiveOperationException | java.net.UnknownHostException e) {
            throw new IllegalStateException("no sample arguments for " + call, e);
        }
        arguments[index] = bad;
        try {
            Object result = executable instanceof Constructor<?> c ? c.newInstance(arguments) : ((Method) executable).invoke(receiver, arguments);
            if (result instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            if (!(thrown instanceof NetlinkException)) {
                failures.add(call + " threw " + thrown);
            } else if (thrown.getMessage() == null || thrown.getMessage().isBlank()) {
                failures.add(call + " threw " + thrown.getClass().getSimpleName() + " without a message");
            }
        } catch (Exception e) {
            failures.add(call + ": " + e);
        }
    }

    private static String describe(Executable executable, int index, Object bad) {
        return executable.getDeclaringClass().getSimpleName() + "." + executable.getName() + " with "
                + (bad == null ? "null" : "a collection holding null") + " as argument " + index + " of "
                + Stream.of(executable.getParameterTypes()).map(Class::getSimpleName).toList();
    }

    /** The public classes of every exported package, found from the compiled classes. */
    static List<Class<?>> publicApiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Conn.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.contains(".internal.") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, PublicApiArgumentsTest.class.getClassLoader());
                if (Modifier.isPublic(type.getModifiers()) && !Throwable.class.isAssignableFrom(type)) {
                    classes.add(type);
                }
            }
        }
        return classes;
    }

    /** Public constructors and the public methods the class declares, except equals and the enums' valueOf (JDK-made). */
    static List<Executable> executables(Class<?> type) {
        List<Executable> executables = new ArrayList<>(List.of(type.getConstructors()));
        for (Method m : type.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic() || m.getName().equals("equals")
                    || (type.isEnum() && m.getName().equals("valueOf"))) {
                continue;
            }
            executables.add(m);
        }
        if (type.isInterface() && !type.isSealed()) {
            // ConnObserver: its default methods are no-op callbacks, which accept anything
            executables.removeIf(e -> e instanceof Method m && m.isDefault());
        }
        return executables;
    }

    private static Object[] samples(Executable executable) throws ReflectiveOperationException, java.net.UnknownHostException {
        Type[] types = executable.getGenericParameterTypes();
        Class<?>[] classes = executable.getParameterTypes();
        if (types.length != classes.length) {
            // inner-class constructors report their generic types without the outer instance
            types = classes;
        }
        Object[] arguments = new Object[classes.length];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = sample(classes[i], types[i]);
        }
        return arguments;
    }

    /** A valid value of the type; lists hold one valid element. */
    static Object sample(Class<?> type, Type generic) throws ReflectiveOperationException, java.net.UnknownHostException {
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type == byte[].class) {
            return new byte[16];
        }
        if (type == int[].class) {
            return new int[] {RouteMessageType.RTM_NEWLINK};
        }
        if (type == io.github.jnetlink.route.BridgeVlanEntry[].class) {
            return new io.github.jnetlink.route.BridgeVlanEntry[] {io.github.jnetlink.route.BridgeVlanEntry.of(1, 0)};
        }
        if (List.class.isAssignableFrom(type) || Set.class.isAssignableFrom(type)) {
            Class<?> element = generic instanceof ParameterizedType p ? elementClass(p.getActualTypeArguments()[0]) : Object.class;
            if (element == RawInstruction.class) {
                return NetlinkFilters.messageTypes(RouteMessageType.RTM_NEWLINK);
            }
            Object one = sample(element, element);
            return Set.class.isAssignableFrom(type) ? Set.of(one) : List.of(one);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == Map.class) {
            return Map.of("ACTION", "add");
        }
        Map<Class<?>, Object> simple = Map.ofEntries(
                Map.entry(String.class, "jnlapi0"),
                Map.entry(Object.class, "x"),
                Map.entry(Throwable.class, new RuntimeException("sample")),
                Map.entry(RuntimeException.class, new RuntimeException("sample")),
                Map.entry(InetAddress.class, InetAddress.getByAddress(new byte[] {10, 9, 9, 9})),
                Map.entry(java.time.Duration.class, java.time.Duration.ofMillis(1)),
                Map.entry(io.github.jnetlink.route.RuleMessage.class, io.github.jnetlink.route.RuleMessage.builder().priority(100)
                        .table(100).build()),
                Map.entry(io.github.jnetlink.route.NexthopMessage.class, io.github.jnetlink.route.NexthopMessage.builder().id(1)
                        .gateway(InetAddress.getByAddress(new byte[] {10, 9, 9, 9})).index(1).build()),
                Map.entry(NeighborMessage.class, NeighborMessage.builder().family(AddressFamily.INET).index(1)
                        .destination(InetAddress.getByAddress(new byte[] {10, 9, 9, 9})).build()),
                Map.entry(ByteBuffer.class, ByteBuffer.allocate(256)),
                Map.entry(ByteOrder.class, ByteOrder.nativeOrder()),
                Map.entry(Instant.class, Instant.now().plusSeconds(2)),
                Map.entry(Consumer.class, (Consumer<Object>) x -> { }),
                Map.entry(Runnable.class, (Runnable) () -> { }),
                Map.entry(Config.class, Config.DEFAULT.withNetns(ns.path())),
                Map.entry(Conn.class, route),
                Map.entry(ConnObserver.class, new ConnObserver() { }),
                Map.entry(Header.class, Header.of(RouteMessageType.RTM_GETLINK, HeaderFlags.REQUEST)),
                Map.entry(Message.class, Message.of(RouteMessageType.RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, new byte[16])),
                Map.entry(MacAddress.class, MacAddress.parse("02:00:00:00:00:01")),
                Map.entry(LinkInfo.class, LinkInfo.of("veth")),
                Map.entry(AddressMessage.class, AddressMessage.of(1, InetAddress.getByAddress(new byte[] {10, 9, 9, 9}), 24)),
                Map.entry(RouteMessage.class, RouteMessage.of(InetAddress.getByAddress(new byte[] {10, 8, 0, 0}), 16, null, 1)),
                Map.entry(RouteClient.class, new RouteClient(route)),
                Map.entry(io.github.jnetlink.route.Rules.class, new io.github.jnetlink.route.Rules(route)),
                Map.entry(io.github.jnetlink.route.Nexthops.class, new io.github.jnetlink.route.Nexthops(route)),
                Map.entry(io.github.jnetlink.route.Rtnetlink.class, new io.github.jnetlink.route.Rtnetlink(route)),
                Map.entry(io.github.jnetlink.route.Links.class, new io.github.jnetlink.route.Links(route)),
                Map.entry(io.github.jnetlink.route.Addresses.class, new io.github.jnetlink.route.Addresses(route)),
                Map.entry(io.github.jnetlink.route.Routes.class, new io.github.jnetlink.route.Routes(route)),
                Map.entry(io.github.jnetlink.route.Neighbors.class, new io.github.jnetlink.route.Neighbors(route)),
                Map.entry(io.github.jnetlink.route.Fdb.class, new io.github.jnetlink.route.Fdb(route)),
                Map.entry(io.github.jnetlink.route.NetnsIds.class, new io.github.jnetlink.route.NetnsIds(route)),
                Map.entry(io.github.jnetlink.route.LinkStatistics.class, new io.github.jnetlink.route.LinkStatistics(route)),
                Map.entry(io.github.jnetlink.route.BridgeVlans.class, new io.github.jnetlink.route.BridgeVlans(route)),
                Map.entry(MessageView.class, routeView()),
                Map.entry(Instruction.class, new Instruction.ReturnConstant(0xffff)),
                Map.entry(io.github.jnetlink.route.LinkInfoData.class, io.github.jnetlink.route.IfbData.builder().build()),
                Map.entry(io.github.jnetlink.route.LinkSlaveData.class,
                        io.github.jnetlink.route.VrfSlaveData.builder().table(1).build()),
                Map.entry(io.github.jnetlink.route.LinkDriver.class, io.github.jnetlink.route.LinkDrivers.of("ifb")),
                Map.entry(AttributeDecoder.class, new AttributeDecoder(new byte[0])),
                Map.entry(AttributeEncoder.class, new AttributeEncoder()),
                Map.entry(io.github.jnetlink.route.LinkMessage.class,
                        io.github.jnetlink.route.LinkMessage.builder().name("jnlapi1").build()));
        if (type == NetlinkTransport.class) {
            return transport();
        }
        if (simple.containsKey(type)) {
            return simple.get(type);
        }
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] componentTypes = Stream.of(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Object[] values = new Object[components.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = sample(componentTypes[i], components[i].getGenericType());
            }
            return type.getDeclaredConstructor(componentTypes).newInstance(values);
        }
        throw new IllegalStateException("add a sample for " + type.getName());
    }

    /** A view over an RTM_NEWROUTE of an empty struct rtmsg, as a reply of Conn.stream would be. */
    private static MessageView routeView() {
        byte[] b = ByteBuffer.allocate(28).order(ByteOrder.nativeOrder()).putInt(28)
                .putShort((short) RouteMessageType.RTM_NEWROUTE).array();
        return new MessageView().at(b, 0, 28);
    }

    private static Class<?> elementClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        // a wildcard such as List<? extends Instruction>: its upper bound
        Type upper = ((java.lang.reflect.WildcardType) type).getUpperBounds()[0];
        return elementClass(upper);
    }

    /** A fresh unbound socket in the test's namespace: a call may bind or close it. */
    static NetlinkTransport transport() {
        NetlinkTransport t = NetlinkTransport.open(Protocol.ROUTE, Config.DEFAULT.withNetns(ns.path()));
        synchronized (transports) {
            transports.add(t);
        }
        return t;
    }

    /** A valid instance to call an instance method on. */
    static Object receiver(Class<?> type) throws ReflectiveOperationException, java.net.UnknownHostException {
        if (type == Conn.class) {
            return route;
        }
        if (type == GenericNetlink.class) {
            return new GenericNetlink(generic);
        }
        if (type == AttributeEncoder.class) {
            return new AttributeEncoder();
        }
        if (type == AttributeDecoder.class) {
            return new AttributeDecoder(new AttributeEncoder().u32(1, 7).encode());
        }
        if (type == Vm.class) {
            return new Vm(NetlinkFilters.messageTypes(RouteMessageType.RTM_NEWLINK));
        }
        if (type == NetlinkTransport.class) {
            return transport();
        }
        if (type == io.github.jnetlink.route.RouteQuery.Builder.class) {
            return io.github.jnetlink.route.RouteQuery.builder(InetAddress.getByAddress(new byte[] {10, 9, 9, 9}));
        }
        if (type.getSimpleName().equals("Builder") && type.getEnclosingClass() != null) {
            // the records' builders: a fresh one from the record's builder()
            Class<?> record = type.getEnclosingClass();
            if (record == io.github.jnetlink.route.LinkSpec.class) {
                return io.github.jnetlink.route.LinkSpec.builder("jnlapi0",
                        io.github.jnetlink.route.IfbData.builder().build());
            }
            // the link kinds that share a record take the kind
            Map<Class<?>, String> kinds = Map.of(io.github.jnetlink.route.GreData.class, "gre",
                    io.github.jnetlink.route.IpTunnelData.class, "ipip", io.github.jnetlink.route.MacvlanData.class,
                    "macvlan", io.github.jnetlink.route.IpvlanData.class, "ipvlan");
            if (kinds.containsKey(record)) {
                return record.getMethod("builder", String.class).invoke(null, kinds.get(record));
            }
            return record.getMethod("builder").invoke(null);
        }
        if (type == RouteMirror.class) {
            return new RouteMirror();
        }
        if (type == io.github.jnetlink.spi.NetlinkTransportProvider.class) {
            return io.github.jnetlink.internal.TransportSelection.chosen();
        }
        return sample(type, type);
    }
}
