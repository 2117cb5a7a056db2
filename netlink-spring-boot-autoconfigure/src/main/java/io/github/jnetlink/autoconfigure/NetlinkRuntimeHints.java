package io.github.jnetlink.autoconfigure;

import java.util.List;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What the starter reaches by reflection, for AOT processing: the {@code netlink.*} properties (bound with the
 * {@code Binder} before {@code @ConfigurationProperties} beans exist, and walked by {@code NetlinkPropertyNames}),
 * the {@link NetlinkListener} annotation (read as a merged annotation), the events the starter publishes (whose
 * accessors {@code @EventListener} conditions call), the receive loop's bean-property setters and the failure
 * analyzer {@code spring.factories} names.
 *
 * <p>These make an AOT-processed application on the JVM complete. They do not make a GraalVM native image work:
 * jnr-ffi generates its native bindings as classes at run time, which a native image cannot load.
 */
final class NetlinkRuntimeHints implements RuntimeHintsRegistrar {

    static final List<Class<?>> EVENTS = List.of(NetlinkMessageEvent.class, NetlinkUeventEvent.class,
            NetlinkOverrunEvent.class, NetlinkResyncEvent.class, NetlinkRecoveryResyncEvent.class,
            NetlinkResumeResyncEvent.class, NetlinkListenerContainerFailedEvent.class,
            NetlinkListenerContainerRecoveredEvent.class);

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        BindableRuntimeHintsRegistrar.forTypes(NetlinkProperties.class).registerHints(hints, classLoader);
        hints.reflection().registerType(NetlinkListener.class, MemberCategory.INVOKE_DECLARED_METHODS);
        for (Class<?> event : EVENTS) {
            hints.reflection().registerType(event, MemberCategory.INVOKE_PUBLIC_METHODS);
        }
        hints.reflection().registerType(NetlinkReceiveLoop.class, MemberCategory.INVOKE_PUBLIC_METHODS);
        hints.reflection().registerType(NetlinkFailureAnalyzer.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
    }
}
