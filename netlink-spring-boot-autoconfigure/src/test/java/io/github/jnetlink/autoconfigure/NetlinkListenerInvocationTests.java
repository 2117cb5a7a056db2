package io.github.jnetlink.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.EventListener;

/**
 * How {@link NetlinkListener} methods are called: the forms a Spring user writes (private and
 * package-private methods, return values published as events, checked exceptions, configuration classes
 * with CGLIB subclasses, prototype beans) behave as they do for a plain {@code @EventListener}. Events are
 * published by hand here, so no socket is needed; the kernel's own events are in
 * {@link NetlinkListenerIntegrationTests}. The {@code route} connection exists, with a receive loop in a
 * quiet namespace, only because a listener of a connection without one fails startup.
 */
@NetlinkNamespace
class NetlinkListenerInvocationTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class, NetlinkMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("netlink.connections.route.groups=link,ipv4-ifaddr", "netlink.connections.route.netns=" + ns.path());

    static NetlinkMessageEvent newLink(int index) {
        byte[] ifinfomsg = new byte[LinkMessage.HEADER_SIZE];
        ifinfomsg[4] = (byte) index;
        return new NetlinkMessageEvent("route", Protocol.ROUTE, 1, "link",
                Message.of(RouteMessageType.RTM_NEWLINK, 0, ifinfomsg), Instant.EPOCH);
    }

    @Test
    void privateAndPackagePrivateMethodsOfASingletonAreCalledForEveryEvent() {
        runner.withUserConfiguration(Listeners.class).run(context -> {
            Listeners listeners = context.getBean(Listeners.class);
            for (int i = 1; i <= 3; i++) {
                context.publishEvent(newLink(i));
            }
            assertThat(listeners.privateIndexes).containsExactly(1, 2, 3);
            assertThat(listeners.messages).hasSize(3).allSatisfy(m -> assertThat(m.header().type()).isEqualTo(RouteMessageType.RTM_NEWLINK));
            assertThat(listeners.calledThroughReflection).as("a singleton's listener is called through its bound handle").isFalse();
        });
    }

    @Test
    void aReturnedValueIsPublishedAsAnEvent() {
        runner.withUserConfiguration(Listeners.class).run(context -> {
            context.publishEvent(newLink(7));
            assertThat(context.getBean(Listeners.class).replies).containsExactly("link 7");
        });
    }

    @Test
    void aCheckedExceptionIsCountedAndTheOtherListenersStillRun() {
        runner.withUserConfiguration(Listeners.class, Failing.class).run(context -> {
            context.publishEvent(newLink(1));
            context.publishEvent(newLink(2));
            assertThat(context.getBean(Failing.class).calls).isEqualTo(2);
            assertThat(context.getBean(Listeners.class).privateIndexes).containsExactly(1, 2);
            assertThat(context.getBean(MeterRegistry.class).get("netlink.listener.errors").tag("listener", "Failing.onLink")
                    .counter().count()).isEqualTo(2);
        });
    }

    @Test
    void anErrorFromAListenerIsCountedLikeAnExceptionAndTheOtherListenersStillRun() {
        runner.withUserConfiguration(Listeners.class, Erring.class).run(context -> {
            context.publishEvent(newLink(1));
            context.publishEvent(newLink(2));
            assertThat(context.getBean(Erring.class).calls).isEqualTo(2);
            assertThat(context.getBean(Listeners.class).privateIndexes).containsExactly(1, 2);
            assertThat(context.getBean(MeterRegistry.class).get("netlink.listener.errors").tag("listener", "Erring.onLink")
                    .counter().count()).isEqualTo(2);
        });
    }

    @Test
    void groupFiltersAcceptEverySpellingOfAnRtnetlinkGroup() {
        runner.withUserConfiguration(Spellings.class).run(context -> {
            context.publishEvent(newLink(3));
            Spellings spellings = context.getBean(Spellings.class);
            assertThat(spellings.kebab).containsExactly(3);
            assertThat(spellings.constant).containsExactly(3);
            assertThat(spellings.number).containsExactly(3);
            assertThat(spellings.other).isEmpty();
        });
    }

    @Test
    void aListenerWithTwoParametersFailsWithOurMessage() {
        runner.withUserConfiguration(TwoParameters.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("TwoParameters.onLink")
                    .hasMessageContaining("must take exactly one parameter");
        });
    }

    @Test
    void aConfigurationClassWithACglibSubclassIsCalledOnTheBeanSpringMade() {
        runner.withUserConfiguration(ProxiedConfiguration.class).run(context -> {
            ProxiedConfiguration bean = context.getBean(ProxiedConfiguration.class);
            assertThat(bean.getClass()).isNotEqualTo(ProxiedConfiguration.class);
            context.publishEvent(newLink(4));
            assertThat(bean.indexes).containsExactly(4);
        });
    }

    @Test
    void aPrototypeListenerGetsAFreshBeanForEveryEventAsSpringDoes() {
        PrototypeListener.instances.clear();
        runner.withUserConfiguration(PrototypeConfiguration.class).run(context -> {
            int before = PrototypeListener.instances.size();
            context.publishEvent(newLink(1));
            context.publishEvent(newLink(2));
            assertThat(PrototypeListener.instances).hasSize(before + 2);
            assertThat(PrototypeListener.calledThroughReflection).as("a prototype's listener is left to Spring").isTrue();
        });
    }

    /** Whether the caller is Spring's reflective {@code doInvoke}. */
    static boolean throughReflection() {
        return StackWalker.getInstance().walk(frames -> frames.limit(12).anyMatch(f -> f.getMethodName().equals("doInvoke")
                && f.getClassName().equals(ApplicationListenerMethodAdapter.class.getName())));
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {
        final List<Integer> privateIndexes = Collections.synchronizedList(new ArrayList<>());
        final List<Message> messages = Collections.synchronizedList(new ArrayList<>());
        final List<String> replies = Collections.synchronizedList(new ArrayList<>());
        volatile boolean calledThroughReflection;

        @NetlinkListener(connection = "route", types = RouteMessageType.RTM_NEWLINK)
        private void onLink(LinkMessage link) {
            privateIndexes.add(link.index());
        }

        @NetlinkListener(groups = "link")
        void onMessage(Message message) {
            calledThroughReflection |= throughReflection();
            messages.add(message);
        }

        @NetlinkListener
        String reply(LinkMessage link) {
            return "link " + link.index();
        }

        @EventListener
        void onReply(org.springframework.context.PayloadApplicationEvent<String> reply) {
            replies.add(reply.getPayload());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Failing {
        int calls;

        @NetlinkListener
        void onLink(LinkMessage link) throws IOException {
            calls++;
            throw new IOException("listener failure " + link.index());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Erring {
        int calls;

        @NetlinkListener
        void onLink(LinkMessage link) {
            calls++;
            throw new AssertionError("listener error " + link.index());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Spellings {
        final List<Integer> kebab = new ArrayList<>();
        final List<Integer> constant = new ArrayList<>();
        final List<Integer> number = new ArrayList<>();
        final List<Integer> other = new ArrayList<>();

        @NetlinkListener(groups = "link")
        void kebab(LinkMessage link) {
            kebab.add(link.index());
        }

        @NetlinkListener(groups = "RTNLGRP_LINK")
        void constant(LinkMessage link) {
            constant.add(link.index());
        }

        @NetlinkListener(groups = "1")
        void number(LinkMessage link) {
            number.add(link.index());
        }

        @NetlinkListener(groups = "ipv4-ifaddr")
        void other(LinkMessage link) {
            other.add(link.index());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoParameters {
        @NetlinkListener
        void onLink(LinkMessage link, Message message) {
        }
    }

    @Configuration
    static class ProxiedConfiguration {
        final List<Integer> indexes = new ArrayList<>();

        @NetlinkListener
        void onLink(LinkMessage link) {
            indexes.add(link.index());
        }

        @Bean
        String someBean() {
            return "made by a proxied configuration";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrototypeConfiguration {
        @Bean
        @Scope("prototype")
        PrototypeListener prototypeListener() {
            return new PrototypeListener();
        }
    }

    static class PrototypeListener {
        static final Set<PrototypeListener> instances = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        static volatile boolean calledThroughReflection;

        @NetlinkListener
        void onLink(LinkMessage link) {
            calledThroughReflection = throughReflection();
            instances.add(this);
        }
    }
}
