package io.github.jnetlink.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * What {@link NetnsExtension} hands out and when it deletes it, seen by running small test classes through the
 * JUnit launcher and recording the namespace every constructor and method was given. This class carries the
 * annotation itself so that it is skipped, or fails, like any kernel test where namespaces cannot be made.
 */
@NetlinkNamespace
class NetnsExtensionTest {

    /** Where each fixture method was given which namespace: "class.method" to the namespace name. */
    static final Map<String, String> given = new ConcurrentHashMap<>();

    static TestExecutionSummary run(Class<?> fixture) {
        given.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
                .build(), listener);
        return listener.getSummary();
    }

    static boolean exists(String name) {
        return Files.exists(Path.of("/var/run/netns", name));
    }

    @NetlinkNamespace
    static class PerClass {
        PerClass(Netns ns) {
            given.put("constructor " + System.identityHashCode(this), ns.name());
        }

        @BeforeAll
        static void beforeAll(Netns ns) {
            given.put("beforeAll", ns.name());
            ns.ip("link add pa0 type veth peer name pb0");
        }

        @BeforeEach
        void beforeEach(Netns ns) {
            given.put("beforeEach " + System.identityHashCode(this), ns.name());
        }

        @Test
        void passes(Netns ns) {
            given.put("passes", ns.name());
            assertThat(ns.ip("link show pa0")).contains("pa0");
        }

        @Test
        void fails(Netns ns) {
            given.put("fails", ns.name());
            throw new AssertionError("fails on purpose");
        }

        @AfterEach
        void afterEach(Netns ns) {
            given.put("afterEach " + System.identityHashCode(this), ns.name());
        }

        @AfterAll
        static void afterAll(Netns ns) {
            given.put("afterAll", ns.name());
            given.put("existsInAfterAll", Boolean.toString(exists(ns.name())));
        }

        @Nested
        class Inner {
            @Test
            void sharesTheEnclosingClasssNamespace(Netns ns) {
                given.put("nested", ns.name());
            }
        }
    }

    @Test
    void perClassEveryMethodGetsOneNamespaceWhichIsDeletedAfterAllEvenWhenATestFailed() {
        TestExecutionSummary summary = run(PerClass.class);

        assertThat(summary.getTestsStartedCount()).isEqualTo(3);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures()).singleElement()
                .satisfies(f -> assertThat(f.getException()).hasMessage("fails on purpose"));
        String name = given.get("beforeAll");
        assertThat(name).matches("jnl-perclass-[0-9a-f]{6}");
        assertThat(given.keySet()).contains("beforeAll", "passes", "fails", "nested", "afterAll")
                .anyMatch(k -> k.startsWith("constructor")).anyMatch(k -> k.startsWith("beforeEach"))
                .anyMatch(k -> k.startsWith("afterEach"));
        assertThat(new TreeMap<>(given)).containsEntry("existsInAfterAll", "true")
                .allSatisfy((where, ns) -> assertThat(ns).as(where).isIn(name, "true"));
        assertThat(exists(name)).isFalse();
    }

    @NetlinkNamespace(scope = NetlinkNamespace.Scope.METHOD)
    static class PerMethod {
        final String constructed;

        PerMethod(Netns ns) {
            constructed = ns.name();
        }

        @BeforeEach
        void beforeEach(Netns ns) {
            assertThat(ns.name()).isEqualTo(constructed);
            ns.ip("link add ma0 type veth peer name mb0");
        }

        @Test
        void first(Netns ns) {
            given.put("first", ns.name());
            given.put("first constructed", constructed);
        }

        @Test
        void second(Netns ns) {
            given.put("second", ns.name());
            throw new AssertionError("fails on purpose");
        }

        @AfterEach
        void afterEach(Netns ns) {
            given.put("afterEach " + ns.name(), Boolean.toString(exists(ns.name())));
        }
    }

    @Test
    void perMethodEachTestGetsAFreshNamespaceDeletedAfterIt() {
        TestExecutionSummary summary = run(PerMethod.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        String first = given.get("first");
        String second = given.get("second");
        assertThat(first).matches("jnl-permethod-[0-9a-f]{6}").isNotEqualTo(second).isEqualTo(given.get("first constructed"));
        assertThat(given).containsEntry("afterEach " + first, "true").containsEntry("afterEach " + second, "true");
        assertThat(exists(first)).isFalse();
        assertThat(exists(second)).isFalse();
    }

    @NetlinkNamespace(scope = NetlinkNamespace.Scope.METHOD)
    static class PerMethodBeforeAll {
        @BeforeAll
        static void beforeAll(Netns ns) {
            given.put("beforeAll", ns.name());
        }

        @Test
        void test() {
        }
    }

    @Test
    void perMethodABeforeAllMethodCannotTakeANamespace() {
        TestExecutionSummary summary = run(PerMethodBeforeAll.class);

        assertThat(given).isEmpty();
        List<Throwable> failures = new ArrayList<>();
        summary.getFailures().forEach(f -> failures.add(f.getException()));
        assertThat(failures).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("scope = METHOD")
                .hasMessageContaining("@BeforeEach"));
    }

    @ExtendWith(NetnsExtension.class)
    static class RegisteredDirectly {
        @Test
        void one(Netns ns) {
            given.put("one", ns.name());
        }

        @Test
        void two(Netns ns) {
            given.put("two", ns.name());
        }
    }

    @Test
    void registeredWithExtendWithItIsOneNamespacePerClass() {
        TestExecutionSummary summary = run(RegisteredDirectly.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(given.get("one")).matches("jnl-registereddirectly-[0-9a-f]{6}").isEqualTo(given.get("two"));
        assertThat(exists(given.get("one"))).isFalse();
    }
}
