package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkException;
import io.github.jnetlink.route.RouteGroup;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.route.RouteMirrorChange;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.core.BridgeMethodResolver;
import org.springframework.core.KotlinDetector;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Delivers {@link NetlinkMessageEvent}s to one {@link NetlinkListener} method. Reads the annotation once,
 * here; per event it only compares ints and strings, decodes the typed argument through the event's
 * cache, calls the method and catches what it throws so that the other listeners still run.
 *
 * <p>Everything that would keep the method from ever being called fails here, when the context creates the
 * listener, as a {@link NetlinkConfigurationException}: a parameter netlink events cannot be delivered as, a
 * condition that does not parse, {@code types} the parameter's record never carries, and (checked by
 * {@link ListenedConnections}) a connection that does not exist or has no receive loop, or a group it does not
 * join.
 *
 * <p>The method of a singleton bean is called through a {@link MethodHandle} bound to the bean at the
 * first event, so no bean lookup and no reflection happen per event. Other scopes, null beans and Kotlin
 * suspending functions go through Spring's own invocation, which looks the bean up each time.
 *
 * <p>Its {@code netlink.listener.errors} counters exist at zero from its creation on. With an
 * {@code ObservationRegistry} each call is a {@code netlink.listener} observation ({@link NetlinkListenerObservation});
 * without one the method is called directly.
 */
final class NetlinkListenerMethodAdapter extends ApplicationListenerMethodAdapter {

    private static final Log logger = LogFactory.getLog(NetlinkListenerMethodAdapter.class);

    private final String connection;
    private final int[] types;
    private final Set<String> groups;
    private final Class<?> parameterType;
    /** Whether the method takes mirror changes ({@link NetlinkMirrorChangeEvent}) rather than notifications. */
    private final boolean mirrorChanges;
    private final boolean hasCondition;
    private final Supplier<NetlinkMetrics> metrics;
    private final String listenerTag;
    private final String beanName;
    private final Method method;
    private final BeanFactory beanFactory;
    /** What the {@code netlink} endpoint shows of this listener. */
    private final NetlinkEndpoint.ListenerDescriptor descriptor;
    /** The method's {@code netlink.listener} observation; null, and no cost, without an {@code ObservationRegistry}. */
    private final @Nullable NetlinkListenerObservation observation;

    /** The method bound to its bean, {@code (Object) -> Object}; {@link #SPRING_INVOKE} when it cannot be bound. */
    private volatile MethodHandle invoker;

    private static final MethodHandle SPRING_INVOKE = MethodHandles.constant(Object.class, null);
    private static final MethodType INVOKER_TYPE = MethodType.methodType(Object.class, Object.class);

    /**
     * @param connections the configured connections to check the annotation against; null to skip that check
     * @throws NetlinkConfigurationException when the method could never be called
     */
    NetlinkListenerMethodAdapter(String beanName, Class<?> targetClass, Method method, BeanFactory beanFactory,
            Supplier<NetlinkMetrics> metrics, @Nullable ListenedConnections connections) {
        this(beanName, targetClass, method, beanFactory, metrics, connections, null, List.of());
    }

    /**
     * @param connections         the configured connections to check the annotation against; null to skip that check
     * @param observationRegistry what {@link NetlinkListenerObservation#registry} returned; null for no observations
     * @param everyConnection     the connections whose {@code netlink.listener.errors} a listener of every connection
     *                            registers at zero
     * @throws NetlinkConfigurationException when the method could never be called
     */
    NetlinkListenerMethodAdapter(String beanName, Class<?> targetClass, Method method, BeanFactory beanFactory,
            Supplier<NetlinkMetrics> metrics, @Nullable ListenedConnections connections, @Nullable Object observationRegistry,
            List<String> everyConnection) {
        super(beanName, targetClass, checked(method));
        this.beanName = beanName;
        this.method = BridgeMethodResolver.findBridgedMethod(method);
        this.beanFactory = beanFactory;
        NetlinkListener ann = AnnotatedElementUtils.findMergedAnnotation(method, NetlinkListener.class);
        this.parameterType = method.getParameterTypes()[0];
        this.mirrorChanges = RouteMirrorChange.class.isAssignableFrom(parameterType);
        this.connection = ann.connection();
        this.types = ann.types().clone();
        Arrays.sort(this.types);
        this.groups = Arrays.stream(ann.groups()).map(g -> canonicalGroup(g.trim())).collect(Collectors.toUnmodifiableSet());
        this.hasCondition = StringUtils.hasText(ann.condition());
        this.metrics = metrics;
        this.listenerTag = StringUtils.hasText(ann.id()) ? ann.id() : method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (hasCondition) {
            checkCondition(method, ann.condition());
        }
        checkTypes(method, parameterType, this.types);
        if (mirrorChanges) {
            checkMirrorFilters(method, this.types, ann.groups());
        }
        if (connections != null) {
            connections.check(describe(method), connection, ann.groups(),
                    Arrays.stream(ann.groups()).map(g -> canonicalGroup(g.trim())).toList(), parameterType);
        }
        this.descriptor = new NetlinkEndpoint.ListenerDescriptor(listenerTag, beanName, describe(method) + "("
                + parameterType.getSimpleName() + ")", connection.isEmpty() ? null : connection,
                Arrays.stream(ann.groups()).map(g -> canonicalGroup(g.trim())).toList(),
                Arrays.stream(this.types).boxed().toList(),
                hasCondition ? ann.condition() : null);
        this.observation = observationRegistry == null ? null
                : NetlinkListenerObservation.of(observationRegistry, connection, listenerTag);
        NetlinkMetrics m = metrics.get();
        for (String c : connection.isEmpty() ? everyConnection : List.of(connection)) {
            m.listenerCreated(c, listenerTag);
        }
    }

    /**
     * Parses the condition once, as Spring will at the first event, so that a typo fails startup rather than
     * every event.
     */
    private static void checkCondition(Method method, String condition) {
        try {
            new SpelExpressionParser().parseExpression(condition);
        } catch (ParseException e) {
            throw new NetlinkConfigurationException("@NetlinkListener(condition)", condition, List.of(),
                    "@NetlinkListener method " + describe(method) + " has a condition that is not a valid SpEL expression: \""
                            + condition + "\": " + e.getMessage(),
                    "Fix @NetlinkListener(condition) on " + describe(method) + ": write a SpEL expression on the argument, "
                            + "such as \"#root.args[0].index() == 1\" for a LinkMessage parameter.", e);
        }
    }

    /** Mirror changes come from no group and have no message type: those filters cannot apply. */
    private static void checkMirrorFilters(Method method, int[] types, String[] groups) {
        if (types.length == 0 && groups.length == 0) {
            return;
        }
        String attribute = types.length > 0 ? "types" : "groups";
        throw new NetlinkConfigurationException("@NetlinkListener(" + attribute + ")", attribute, List.of(),
                "@NetlinkListener method " + describe(method) + " takes a RouteMirrorChange, which is not a notification of a"
                        + " group or a message type, so its " + attribute + " filter cannot apply.",
                "Remove @NetlinkListener(" + attribute + ") from " + describe(method) + "; filter on the change instead,"
                        + " with its kind() or a condition such as \"#root.args[0].kind().name() == 'ROUTE'\".", null);
    }

    /** A typed record carries only its own message types: any other type in {@code types} never arrives. */
    private static void checkTypes(Method method, Class<?> parameterType, int[] types) {
        if (types.length == 0 || !TypedMessages.isTypedRecord(parameterType)) {
            return;
        }
        int[] carried = TypedMessages.typesOf(parameterType);
        List<Integer> never = Arrays.stream(types).filter(t -> Arrays.stream(carried).noneMatch(c -> c == t)).boxed().toList();
        if (never.isEmpty()) {
            return;
        }
        String record = parameterType.getSimpleName();
        List<String> carriedNames = Arrays.stream(carried).mapToObj(RouteMessageType::name).toList();
        List<String> neverNames = never.stream().map(RouteMessageType::name).toList();
        List<String> others = never.stream().map(TypedMessages::recordOf).filter(r -> r != null).map(Class::getSimpleName).distinct().toList();
        throw new NetlinkConfigurationException("@NetlinkListener(types)", String.join(", ", neverNames), carriedNames,
                "@NetlinkListener method " + describe(method) + " takes " + record + ", which is decoded from "
                        + String.join(" and ", carriedNames) + " only, but its types include " + String.join(", ", neverNames)
                        + ", which never arrive as " + record + ", so the method would never be called for them.",
                "Change @NetlinkListener(types) on " + describe(method) + " to " + String.join(" and/or ", carriedNames)
                        + ", or change its parameter to " + (others.isEmpty() ? "" : String.join(" or ", others) + " (for "
                                + String.join(", ", neverNames) + "), or to ") + "Message or NetlinkMessageEvent (any type).", null);
    }

    /**
     * Checks the method before Spring's adapter does, so that a wrong signature fails with this message and
     * not Spring's generic one.
     */
    private static Method checked(Method method) {
        NetlinkListener ann = AnnotatedElementUtils.findMergedAnnotation(method, NetlinkListener.class);
        if (ann == null) {
            throw new NetlinkException("@NetlinkListener not found on " + method);
        }
        if (method.getParameterCount() != 1) {
            throw new NetlinkConfigurationException("parameters of " + describe(method), Integer.toString(method.getParameterCount()),
                    List.of("NetlinkMessageEvent", "Message", TypedMessages.typedRecordNames()),
                    "@NetlinkListener method " + describe(method) + " must take exactly one parameter: "
                    + "NetlinkMessageEvent, Message or a typed rtnetlink record such as LinkMessage; it takes "
                    + method.getParameterCount(),
                    "Change " + describe(method) + " to take exactly one parameter: NetlinkMessageEvent, Message, or one of "
                            + TypedMessages.typedRecordNames() + ".", null);
        }
        Class<?> parameterType = method.getParameterTypes()[0];
        if (!parameterType.isAssignableFrom(NetlinkMessageEvent.class) && parameterType != Message.class
                && !TypedMessages.isTypedRecord(parameterType) && !RouteMirrorChange.class.isAssignableFrom(parameterType)) {
            throw new NetlinkConfigurationException("parameter of " + describe(method), parameterType.getName(),
                    List.of("NetlinkMessageEvent", "Message", TypedMessages.typedRecordNames()),
                    "@NetlinkListener method " + describe(method) + " takes "
                    + parameterType.getName() + ", which netlink events cannot be delivered as; use NetlinkMessageEvent, "
                    + "Message, or one of " + TypedMessages.typedRecordNames(),
                    "Change the parameter of " + describe(method) + " from " + parameterType.getSimpleName()
                            + " to NetlinkMessageEvent, Message, or one of " + TypedMessages.typedRecordNames() + ".", null);
        }
        return method;
    }

    /**
     * The name the receive loop gives a group: an rtnetlink group in any accepted spelling
     * ({@code RTNLGRP_LINK}, {@code link}) becomes its kebab name; numbers and generic netlink
     * {@code family/group} names stay as written.
     */
    private static String canonicalGroup(String group) {
        try {
            return RouteGroup.fromName(group).kebabName();
        } catch (NetlinkException notARouteGroupName) {
            return group;
        }
    }

    /** @return what the {@code netlink} endpoint shows of this listener */
    NetlinkEndpoint.ListenerDescriptor descriptor() {
        return descriptor;
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }

    /** Only netlink events, whatever the parameter: never an application's own event or payload. */
    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        return (mirrorChanges ? NetlinkMirrorChangeEvent.class : NetlinkMessageEvent.class).isAssignableFrom(eventType.toClass());
    }

    /**
     * False for anything but a {@link NetlinkMessageEvent}, so that a caller that skips
     * {@link #supportsEventType} still never hands the method a foreign event.
     */
    @Override
    public boolean shouldHandle(ApplicationEvent event) {
        return (mirrorChanges ? event instanceof NetlinkMirrorChangeEvent : event instanceof NetlinkMessageEvent)
                && super.shouldHandle(event);
    }

    /**
     * Always false: a {@code SimpleApplicationEventMulticaster} with a task executor then still calls this
     * method on the publishing thread, the connection's receive loop, in the order the kernel sent, as
     * {@link NetlinkListener} promises.
     */
    @Override
    public boolean supportsAsyncExecution() {
        return false;
    }

    @Override
    public void processEvent(ApplicationEvent applicationEvent) {
        String eventConnection;
        Object argument;
        if (mirrorChanges) {
            if (!(applicationEvent instanceof NetlinkMirrorChangeEvent change)
                    || !connection.isEmpty() && !connection.equals(change.connection())
                    || !parameterType.isInstance(change.change())) {
                return;
            }
            eventConnection = change.connection();
            argument = change.change();
        } else {
            if (!(applicationEvent instanceof NetlinkMessageEvent event) || !accepts(event)) {
                return;
            }
            eventConnection = event.connection();
            try {
                argument = argument(event);
            } catch (RuntimeException e) {
                logger.warn("netlink listener " + listenerTag + ": cannot decode " + event + ": " + e.getMessage());
                metrics.get().listenerError(event.connection(), listenerTag);
                return;
            }
            if (argument == null) {
                return;
            }
        }
        ApplicationEvent event = applicationEvent;
        try {
            if (hasCondition && !shouldHandle(event)) {
                return;
            }
            if (observation != null) {
                observation.observe(eventConnection, this, argument);
            } else {
                invokeAndHandle(argument);
            }
        } catch (RuntimeException e) {
            if (interruption(e)) {
                // the receive loop interrupts a listener still running when it stops: not a failure of the listener
                Thread.currentThread().interrupt();
                logger.info("netlink listener " + listenerTag + " was interrupted while the receive loop stopped");
                return;
            }
            logger.error("netlink listener " + listenerTag + " failed on " + event, e);
            metrics.get().listenerError(eventConnection, listenerTag);
        }
    }

    /** Whether the failure is an interrupt: an InterruptedException (wrapped, as it is checked) or a netlink wait's. */
    private static boolean interruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof io.github.jnetlink.NetlinkInterruptedException) {
                return true;
            }
        }
        return false;
    }

    /** Calls the method and publishes what it returns; {@link NetlinkListenerObservation} times this. */
    void invokeAndHandle(Object argument) {
        Object result = invoke(argument);
        if (result != null) {
            handleResult(result);
        }
    }

    private Object invoke(Object argument) {
        MethodHandle handle = invoker;
        if (handle == null) {
            handle = bind();
            invoker = handle;
        }
        if (handle == SPRING_INVOKE) {
            return doInvoke(argument);
        }
        try {
            return (Object) handle.invokeExact(argument);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            // checked exceptions and errors (an AssertionError, a NoClassDefFoundError) are wrapped, as
            // Spring's reflective invocation does, so they are counted and the receive loop lives on
            throw new UndeclaredThrowableException(e, "netlink listener " + listenerTag + " threw " + e);
        }
    }

    /** Binds the method to its bean when the bean is a singleton, as {@code doInvoke} would call it. */
    private MethodHandle bind() {
        if (beanFactory == null || !beanFactory.isSingleton(beanName) || KotlinDetector.isSuspendingFunction(method)) {
            return SPRING_INVOKE;
        }
        Object bean = getTargetBean();
        if (bean.equals(null)) {
            return SPRING_INVOKE;
        }
        ReflectionUtils.makeAccessible(method);
        try {
            return MethodHandles.lookup().unreflect(method).bindTo(bean).asType(INVOKER_TYPE);
        } catch (IllegalAccessException | RuntimeException e) {
            logger.debug("netlink listener " + listenerTag + " is called through Spring's reflective invocation: " + e);
            return SPRING_INVOKE;
        }
    }

    @Override
    protected Object[] resolveArguments(ApplicationEvent event) {
        if (mirrorChanges) {
            return event instanceof NetlinkMirrorChangeEvent c && parameterType.isInstance(c.change()) ? new Object[] {c.change()} : null;
        }
        if (!(event instanceof NetlinkMessageEvent e)) {
            return null;
        }
        Object argument = argument(e);
        return argument == null ? null : new Object[] {argument};
    }

    private boolean accepts(NetlinkMessageEvent event) {
        if (!connection.isEmpty() && !connection.equals(event.connection())) {
            return false;
        }
        if (types.length > 0 && Arrays.binarySearch(types, event.type()) < 0) {
            return false;
        }
        return groups.isEmpty() || groups.contains(event.groupName()) || groups.contains(Integer.toString(event.group()));
    }

    private Object argument(NetlinkMessageEvent event) {
        if (parameterType.isInstance(event)) {
            return event;
        }
        if (parameterType == Message.class) {
            return event.message();
        }
        return TypedMessages.argument(parameterType, event.decoded());
    }
}
