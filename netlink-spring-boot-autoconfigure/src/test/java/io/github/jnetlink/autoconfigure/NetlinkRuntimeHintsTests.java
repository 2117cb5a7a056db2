package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

class NetlinkRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    NetlinkRuntimeHintsTests() {
        new NetlinkRuntimeHints().registerHints(hints, getClass().getClassLoader());
    }

    @Test
    void isRegisteredInAotFactories() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(NetlinkRuntimeHints.class);
    }

    @Test
    void coversThePropertiesTheRegistrarBinds() throws Exception {
        assertThat(RuntimeHintsPredicates.reflection().onType(NetlinkProperties.Connection.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(NetlinkProperties.Listener.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(NetlinkProperties.Connection.class.getMethod("setGroups", java.util.List.class)))
                .accepts(hints);
    }

    @Test
    void coversTheListenerAnnotationAndEvents() {
        assertThat(RuntimeHintsPredicates.reflection().onType(NetlinkListener.class).withMemberCategory(MemberCategory.INVOKE_DECLARED_METHODS))
                .accepts(hints);
        for (Class<?> event : NetlinkRuntimeHints.EVENTS) {
            assertThat(RuntimeHintsPredicates.reflection().onType(event).withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS))
                    .as(event.getName()).accepts(hints);
        }
    }
}
