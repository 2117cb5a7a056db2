package io.github.jnetlink.autoconfigure;

import static io.github.jnetlink.route.RouteMessageType.RTM_DELADDR;
import static io.github.jnetlink.route.RouteMessageType.RTM_NEWADDR;
import static io.github.jnetlink.route.RouteMessageType.RTM_NEWLINK;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Message;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * Every mistake that would leave a {@link NetlinkListener} silently dead, or a {@code netlink.*} property silently
 * ignored, fails startup with an analysis naming the annotation or property to change; and for each rule, a
 * configuration that follows it starts. Failing listeners fail before any receive loop opens a socket; the
 * passing ones run in a throwaway namespace.
 */
@NetlinkNamespace
@ExtendWith(OutputCaptureExtension.class)
class NetlinkFailFastTests {

    static Netns ns;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class))
            .withPropertyValues("netlink.connections.route.netns=" + ns.path());

    private ApplicationContextRunner route(String groups) {
        return runner.withPropertyValues("netlink.connections.route.groups=" + groups);
    }

    static FailureAnalysis analysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new NetlinkFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("analysis of " + context.getStartupFailure()).isNotNull();
        assertThat(analysis.getCause()).isInstanceOf(NetlinkConfigurationException.class);
        return analysis;
    }

    // 1. @NetlinkListener(connection) names a connection that is not configured

    @Configuration(proxyBeanMethods = false)
    static class MisspeltConnection {
        @NetlinkListener(connection = "rout")
        void onLink(LinkMessage link) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RouteLinks {
        final List<LinkMessage> links = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route", types = RTM_NEWLINK)
        void onLink(LinkMessage link) {
            links.add(link);
        }
    }

    @Test
    void aListenerOfAConnectionThatIsNotConfiguredFailsWithADidYouMean() {
        route("link").withPropertyValues("netlink.connections.generic.protocol=generic").withUserConfiguration(MisspeltConnection.class)
                .run(context -> {
                    FailureAnalysis a = analysis(context);
                    assertThat(a.getDescription()).contains("MisspeltConnection.onLink", "'rout'", "not configured");
                    assertThat(a.getAction()).contains("@NetlinkListener(connection = \"rout\")", "route, generic",
                            "Did you mean 'route'?", "netlink.connections.rout.*");
                    assertThat(((NetlinkConfigurationException) a.getCause()).validValues()).containsExactly("route", "generic");
                });
    }

    @Test
    void aListenerOfAConnectionWhenNoneIsConfiguredSaysSo() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NetlinkAutoConfiguration.class))
                .withUserConfiguration(MisspeltConnection.class).run(context -> {
                    FailureAnalysis a = analysis(context);
                    assertThat(a.getDescription()).contains("no connection is configured");
                    assertThat(a.getAction()).contains("(there are none)", "netlink.connections.rout.*").doesNotContain("Did you mean");
                });
    }

    @Test
    void aListenerOfAConfiguredConnectionWithGroupsStarts() {
        route("link").withUserConfiguration(RouteLinks.class).run(context -> assertThat(context).hasNotFailed());
    }

    // 2. the connection has no receive loop: no groups, listener.enabled=false, a uevent connection, none at all

    @Test
    void aListenerOfAConnectionWithoutGroupsFailsNamingTheGroupsProperty() {
        runner.withUserConfiguration(RouteLinks.class).run(context -> {
            FailureAnalysis a = analysis(context);
            assertThat(a.getDescription()).contains("RouteLinks.onLink", "'route'", "joins no multicast groups");
            assertThat(a.getAction()).startsWith("Set netlink.connections.route.groups ").contains("link", "ipv4-ifaddr");
        });
    }

    @Test
    void aListenerOfAConnectionWhoseLoopIsDisabledFailsNamingListenerEnabled() {
        route("link").withPropertyValues("netlink.connections.route.listener.enabled=false").withUserConfiguration(RouteLinks.class)
                .run(context -> {
                    FailureAnalysis a = analysis(context);
                    assertThat(a.getDescription()).contains("RouteLinks.onLink", "netlink.connections.route.listener.enabled=false");
                    assertThat(a.getAction()).contains("Set netlink.connections.route.listener.enabled=true");
                });
    }

    @Test
    void aConnectionWhoseLoopIsDisabledStartsWhenNoListenerNamesIt() {
        route("link").withPropertyValues("netlink.connections.route.listener.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NetlinkReceiveLoop.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class EveryConnection {
        final List<Message> messages = new CopyOnWriteArrayList<>();

        @NetlinkListener
        void onMessage(Message message) {
            messages.add(message);
        }
    }

    @Test
    void aListenerOfEveryConnectionWhenNoneHasALoopFails() {
        runner.withUserConfiguration(EveryConnection.class).run(context -> {
            FailureAnalysis a = analysis(context);
            assertThat(a.getDescription()).contains("EveryConnection.onMessage", "listens to every connection", "route");
            assertThat(a.getAction()).contains("netlink.connections.NAME.groups", "route");
        });
        route("link").withUserConfiguration(EveryConnection.class).run(context -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    static class UeventListener {
        @NetlinkListener(connection = "devices")
        void onDevice(NetlinkMessageEvent event) {
        }
    }

    @Test
    void aNetlinkListenerOfAUeventConnectionFailsPointingAtEventListener() {
        runner.withPropertyValues("netlink.connections.devices.protocol=kobject-uevent", "netlink.connections.devices.groups=1",
                "netlink.connections.devices.netns=" + ns.path()).withUserConfiguration(UeventListener.class).run(context -> {
                    FailureAnalysis a = analysis(context);
                    assertThat(a.getDescription()).contains("UeventListener.onDevice", "kobject-uevent", "NetlinkUeventEvent");
                    assertThat(a.getAction()).contains("@EventListener", "NetlinkUeventEvent", "netlink.connections.devices.protocol");
                });
    }

    // 3. @NetlinkListener(groups) names a group the connection does not join

    @Configuration(proxyBeanMethods = false)
    static class Ipv6Routes {
        @NetlinkListener(connection = "route", groups = "ipv6-route")
        void onRoute(Message message) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class JoinedGroupsInEverySpelling {
        @NetlinkListener(connection = "route", groups = {"RTNLGRP_LINK", "5"})
        void onLinkOrAddress(Message message) {
        }

        @NetlinkListener(groups = "ipv4-ifaddr")
        void onAddress(AddressMessage address) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NeighboursOfAnyConnection {
        @NetlinkListener(groups = "neihg")
        void onNeighbour(Message message) {
        }
    }

    @Test
    void aGroupTheConnectionDoesNotJoinFailsNamingTheGroupsProperty() {
        route("link,ipv4-ifaddr").withUserConfiguration(Ipv6Routes.class).run(context -> {
            FailureAnalysis a = analysis(context);
            assertThat(a.getDescription()).contains("Ipv6Routes.onRoute", "'ipv6-route'", "'route'", "link, ipv4-ifaddr");
            assertThat(a.getAction()).contains("Add ipv6-route to netlink.connections.route.groups (now link, ipv4-ifaddr)",
                    "@NetlinkListener(groups)");
        });
    }

    @Test
    void aGroupNoListeningConnectionJoinsFailsWithADidYouMean() {
        route("link,neigh").withUserConfiguration(NeighboursOfAnyConnection.class).run(context -> {
            FailureAnalysis a = analysis(context);
            assertThat(a.getDescription()).contains("NeighboursOfAnyConnection.onNeighbour", "'neihg'", "route (link, neigh)");
            assertThat(a.getAction()).contains("netlink.connections.route.groups", "Did you mean 'neigh'?");
        });
    }

    @Test
    void joinedGroupsStartInEverySpelling() {
        route("link,ipv4-ifaddr").withUserConfiguration(JoinedGroupsInEverySpelling.class)
                .run(context -> assertThat(context).hasNotFailed());
        route("1,5").withUserConfiguration(JoinedGroupsInEverySpelling.class).run(context -> assertThat(context).hasNotFailed());
    }

    // 4. types the parameter's record never carries; a record on a connection that is not rtnetlink

    @Configuration(proxyBeanMethods = false)
    static class AddressesOfLinkType {
        @NetlinkListener(connection = "route", types = RTM_NEWLINK)
        void onAddress(AddressMessage address) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MatchingTypes {
        @NetlinkListener(connection = "route", types = {RTM_NEWADDR, RTM_DELADDR})
        void onAddress(AddressMessage address) {
        }

        @NetlinkListener(connection = "route", types = RTM_NEWLINK)
        void onAnything(Message message) {
        }
    }

    @Test
    void typesTheRecordNeverCarriesFailNamingTheTypesItDoes() {
        route("link,ipv4-ifaddr").withUserConfiguration(AddressesOfLinkType.class).run(context -> {
            FailureAnalysis a = analysis(context);
            assertThat(a.getDescription()).contains("AddressesOfLinkType.onAddress", "AddressMessage", "RTM_NEWADDR and RTM_DELADDR",
                    "RTM_NEWLINK");
            assertThat(a.getAction()).contains("@NetlinkListener(types)", "RTM_NEWADDR and/or RTM_DELADDR", "LinkMessage", "Message");
        });
    }

    @Test
    void typesTheParameterCarriesStart() {
        route("link,ipv4-ifaddr").withUserConfiguration(MatchingTypes.class).run(context -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    static class LinksOnGeneric {
        @NetlinkListener(connection = "ctrl")
        void onLink(LinkMessage link) {
        }
    }

    @Test
    void aTypedRecordOnAConnectionThatIsNotRtnetlinkFails() {
        runner.withPropertyValues("netlink.connections.ctrl.protocol=generic", "netlink.connections.ctrl.netns=" + ns.path(),
                "netlink.connections.ctrl.groups=nlctrl/notify").withUserConfiguration(LinksOnGeneric.class).run(context -> {
                    FailureAnalysis a = analysis(context);
                    assertThat(a.getDescription()).contains("LinksOnGeneric.onLink", "LinkMessage", "'ctrl'", "protocol generic");
                    assertThat(a.getAction()).contains("Message or NetlinkMessageEvent", "netlink.connections.NAME.protocol=route");
                });
    }

    // 5. a condition that does not parse fails at startup, not at the first event

    @Configuration(proxyBeanMethods = false)
    static class BrokenCondition {
        @NetlinkListener(connection = "route", condition = "#root.args[0].index() ==")
        void onLink(LinkMessage link) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WorkingCondition {
        final List<Integer> indexes = new CopyOnWriteArrayList<>();

        @NetlinkListener(connection = "route", condition = "#root.args[0].index() == 2")
        void onLink(LinkMessage link) {
            indexes.add(link.index());
        }
    }

    @Test
    void aConditionThatDoesNotParseFailsNamingTheExpressionAndTheParsersMessage() {
        route("link").withUserConfiguration(BrokenCondition.class).run(context -> {
            FailureAnalysis a = analysis(context);
            assertThat(a.getDescription()).contains("BrokenCondition.onLink", "\"#root.args[0].index() ==\"", "not a valid SpEL expression",
                    a.getCause().getCause().getMessage());
            assertThat(a.getAction()).contains("@NetlinkListener(condition)", "BrokenCondition.onLink");
        });
    }

    @Test
    void aConditionThatParsesStartsAndFilters() {
        route("link").withUserConfiguration(WorkingCondition.class).run(context -> {
            assertThat(context).hasNotFailed();
            context.publishEvent(NetlinkListenerInvocationTests.newLink(1));
            context.publishEvent(NetlinkListenerInvocationTests.newLink(2));
            assertThat(context.getBean(WorkingCondition.class).indexes).containsExactly(2);
        });
    }

    // 6. a netlink.* property nothing binds

    @Test
    void misspeltPropertiesFailWithTheKnownNameTheyResemble() {
        runner.withPropertyValues("netlink.connections.route.grups=link", "netlink.connections.route.recieve-buffer-size=1MB",
                "netlink.connections.route.group=link", "netlink.connections.route.listener.enabeld=true", "netlink.enabeld=true")
                .run(context -> {
                    FailureAnalysis a = analysis(context);
                    assertThat(a.getDescription()).contains("netlink.connections.route.grups = link", "silently ignored",
                            "netlink.connections.route.recieve-buffer-size = 1MB", "netlink.enabeld");
                    assertThat(a.getAction()).contains(
                            "Rename netlink.connections.route.grups to netlink.connections.route.groups (did you mean 'groups'?).",
                            "Rename netlink.connections.route.recieve-buffer-size to netlink.connections.route.receive-buffer-size",
                            "Rename netlink.connections.route.group to netlink.connections.route.groups",
                            "Rename netlink.connections.route.listener.enabeld to netlink.connections.route.listener.enabled",
                            "Rename netlink.enabeld to netlink.enabled");
                });
    }

    @Test
    void aCamelCaseTypoIsCaughtAndAnUnrelatedNameListsTheKnownOnes() {
        runner.withPropertyValues("netlink.connections.route.recieveBufferSize=1MB").run(context ->
                assertThat(analysis(context).getAction()).contains("to netlink.connections.route.receive-buffer-size"));
        runner.withPropertyValues("netlink.connections.route.colour=blue").run(context -> {
            FailureAnalysis a = analysis(context);
            assertThat(a.getAction()).contains("Remove netlink.connections.route.colour, or change it to one of the properties under "
                    + "netlink.connections.route: extended-ack, filter.families, filter.types, groups, listener.auto-startup, listener.concurrency, "
                    + "listener.enabled, listener.queue-capacity, mirror.enabled, netns, no-enobufs, protocol, receive-buffer-size, send-buffer-size, strict, "
                    + "trusted-peers.");
        });
        runner.withPropertyValues("netlink.connections.route.listener.autoStartp=false").run(context ->
                assertThat(analysis(context).getAction()).contains("to netlink.connections.route.listener.auto-startup"));
        runner.withPropertyValues("netlink.connections.route.strict.really=true").run(context ->
                assertThat(analysis(context).getAction()).contains("netlink.connections.route.strict takes a single value"));
    }

    @Test
    void everyRelaxedSpellingOfAKnownPropertyStartsAndBinds() {
        runner.withPropertyValues("netlink.connections.route.receiveBufferSize=1MB", "netlink.connections.route.groups[0]=link",
                "netlink.connections.route.listener.enabled=true", "netlink.connections.route.trusted-peers[0]=7",
                "netlink.connections.route.extendedAck=true", "netlink.enabled=true").run(context -> {
                    assertThat(context).hasNotFailed();
                    NetlinkProperties.Connection route = context.getBean(NetlinkProperties.class).getConnections().get("route");
                    assertThat(route.getReceiveBufferSize()).isEqualTo(DataSize.ofMegabytes(1));
                    assertThat(route.getGroups()).containsExactly("link");
                });
        for (String variable : List.of("NETLINK_CONNECTIONS_ROUTE_RECEIVEBUFFERSIZE", "NETLINK_CONNECTIONS_ROUTE_RECEIVE_BUFFER_SIZE")) {
            runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                    "test-systemEnvironment", Map.of(variable, "2MB", "NETLINK_CONNECTIONS_ROUTE_LISTENER_ENABLED", "false"))))
                    .run(context -> {
                        assertThat(context).as(variable).hasNotFailed();
                        assertThat(context.getBean(NetlinkProperties.class).getConnections().get("route").getReceiveBufferSize())
                                .as(variable).isEqualTo(DataSize.ofMegabytes(2));
                    });
        }
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "test-systemEnvironment", Map.of("NETLINK_CONNECTIONS_ROUTE_GRUPS", "link"))))
                .run(context -> assertThat(analysis(context).getAction()).contains("to netlink.connections.route.groups"));
    }

    // 6b. a filter.* value that names no message type or family fails when the loop bean is made, not when it starts

    @Test
    void aFilterTypeOrFamilyThatDoesNotExistFailsNamingTheEntryEvenWhenTheLoopDoesNotAutoStart() {
        route("link,ipv4-ifaddr").withPropertyValues("netlink.connections.route.filter.types=RTM_NEWADDR,RTM_NEWADR",
                "netlink.connections.route.listener.auto-startup=false").run(context -> {
                    FailureAnalysis a = startupAnalysis(context);
                    assertThat(a.getDescription()).contains("Netlink connection 'route' could not be started",
                            "'RTM_NEWADR' is not an rtnetlink message type", "Did you mean 'RTM_NEWADDR'?");
                    assertThat(a.getAction()).startsWith("Change netlink.connections.route.filter.types[1] (now 'RTM_NEWADR') to one of: ")
                            .contains("RTM_NEWLINK, RTM_DELLINK", "RTM_NEWADDR");
                });
        route("link").withPropertyValues("netlink.connections.route.filter.families=inet7").run(context -> {
            FailureAnalysis a = startupAnalysis(context);
            assertThat(a.getAction()).isEqualTo("Change netlink.connections.route.filter.families[0] (now 'inet7') to one of: "
                    + "unspec, inet, bridge, inet6, packet, mpls, ipmr, ip6mr.");
        });
        runner.withPropertyValues("netlink.connections.route.protocol=generic", "netlink.connections.route.groups=nlctrl/notify",
                "netlink.connections.route.filter.families=inet").run(context ->
                        assertThat(startupAnalysis(context).getDescription()).contains("filter.families needs protocol route"));
    }

    @Test
    void aFilterOfKnownTypesAndFamiliesStarts() {
        route("link,ipv4-ifaddr").withPropertyValues("netlink.connections.route.filter.types=RTM_NEWLINK,21",
                "netlink.connections.route.filter.families=inet,unspec").run(context -> assertThat(context).hasNotFailed());
    }

    static FailureAnalysis startupAnalysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new NetlinkFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("analysis of " + context.getStartupFailure()).isNotNull();
        assertThat(analysis.getCause()).isInstanceOf(NetlinkStartupException.class);
        return analysis;
    }

    // 7. a wrong signature, through the analyzer

    @Configuration(proxyBeanMethods = false)
    static class StringListener {
        @NetlinkListener(connection = "route")
        void onString(String s) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoParameters {
        @NetlinkListener(connection = "route")
        void onLink(LinkMessage link, Message message) {
        }
    }

    @Test
    void aWrongSignatureIsExplainedByTheAnalyzer() {
        route("link").withUserConfiguration(StringListener.class).run(context -> {
            FailureAnalysis a = analysis(context);
            assertThat(a.getDescription()).contains("StringListener.onString", "java.lang.String", "cannot be delivered");
            assertThat(a.getAction()).contains("Change the parameter of", "StringListener.onString", "from String to NetlinkMessageEvent, Message",
                    "LinkMessage", "NeighborMessage");
        });
        route("link").withUserConfiguration(TwoParameters.class).run(context -> {
            FailureAnalysis a = analysis(context);
            assertThat(a.getDescription()).contains("TwoParameters.onLink", "must take exactly one parameter", "it takes 2");
            assertThat(a.getAction()).contains("to take exactly one parameter");
        });
    }

    // the box a user sees

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(MisspeltConnection.class)
    static class App {
    }

    @Test
    void springApplicationShowsTheFailureInBootsBox(CapturedOutput output) {
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.run("--netlink.connections.route.netns=" + ns.path(),
                "--netlink.connections.route.groups=link")).hasRootCauseInstanceOf(NetlinkConfigurationException.class);
        assertThat(output).contains("APPLICATION FAILED TO START", "Description:", "MisspeltConnection.onLink names connection 'rout'",
                "Action:", "Did you mean 'route'?");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SpringApplication(App.class).run("--spring.main.web-application-type=none",
                "--netlink.connections.route.grups=link")).isInstanceOf(NetlinkConfigurationException.class);
        assertThat(output).contains("netlink.connections.route.grups = link", "Rename netlink.connections.route.grups to "
                + "netlink.connections.route.groups");
    }

    // mirror.enabled: needs rtnetlink and its loop; mirror changes need a mirror and take no message filters

    @Configuration(proxyBeanMethods = false)
    static class MirrorChanges {
        @NetlinkListener(connection = "route")
        void onChange(io.github.jnetlink.route.RouteMirrorChange change) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MirrorChangesByType {
        @NetlinkListener(connection = "route", types = RTM_NEWLINK)
        void onChange(io.github.jnetlink.route.RouteMirrorChange change) {
        }
    }

    @Test
    void aMirrorOnAnotherProtocolOrWithoutItsLoopFailsNamingTheProperty() {
        runner.withPropertyValues("netlink.connections.route.protocol=generic", "netlink.connections.route.mirror.enabled=true")
                .run(context -> assertThat(analysis(context).getAction())
                        .isEqualTo("Set netlink.connections.route.protocol=route, or remove netlink.connections.route.mirror.enabled"));
        runner.withPropertyValues("netlink.connections.route.mirror.enabled=true", "netlink.connections.route.listener.enabled=false")
                .run(context -> assertThat(analysis(context).getDescription())
                        .contains("has mirror.enabled=true, but its receive loop, which feeds the mirror, is turned off"));
    }

    @Test
    void mirrorChangesOfAConnectionWithoutAMirrorOrFilteredByTypeFail() {
        route("link").withUserConfiguration(MirrorChanges.class).run(context -> {
            FailureAnalysis a = analysis(context);
            assertThat(a.getDescription()).contains("takes RouteMirrorChange, a change of a RouteMirror, but connection 'route' has no mirror");
            assertThat(a.getAction()).startsWith("Set netlink.connections.route.mirror.enabled=true");
        });
        runner.withPropertyValues("netlink.connections.route.mirror.enabled=true").withUserConfiguration(MirrorChangesByType.class)
                .run(context -> assertThat(analysis(context).getDescription())
                        .contains("takes a RouteMirrorChange, which is not a notification of a group or a message type"));
    }

}
