package io.github.jnetlink.test.autoconfigure;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.NetnsExtension;
import io.github.jnetlink.test.Netns;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every connection of a Spring test class annotated {@link NetlinkNamespace} at that class's throwaway
 * namespace: {@code netlink.netns} is set to its path, so the connections without a {@code netns} of their own open
 * their sockets there. Changes made with {@code ns.ip(...)} then reach the test's listeners, and the host's
 * interfaces are never seen.
 *
 * <pre>{@code
 * @SpringBootTest
 * @NetlinkNamespace
 * class LinkWatcherKernelTest {
 *     @Autowired LinkWatcher watcher;
 *
 *     @Test
 *     void seesANewLink(Netns ns) {
 *         ns.ip("link add veth0 type veth peer name veth1");
 *         await().untilAsserted(() -> assertThat(watcher.names()).contains("veth0", "veth1"));
 *     }
 * }
 * }</pre>
 *
 * <p>Only {@link NetlinkNamespace.Scope#CLASS} namespaces apply: a Spring context outlives single tests.
 */
final class NetlinkNamespaceContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            var annotation = MergedAnnotations.from(c, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).get(NetlinkNamespace.class);
            if (annotation.isPresent()) {
                if (annotation.getEnum("scope", NetlinkNamespace.Scope.class) != NetlinkNamespace.Scope.CLASS) {
                    return null;
                }
                return new Customizer(testClass);
            }
        }
        return null;
    }

    /** Adds {@code netlink.netns}; one per test class, so that classes never share a context (or a namespace). */
    private static final class Customizer implements ContextCustomizer {

        private final Class<?> testClass;

        Customizer(Class<?> testClass) {
            this.testClass = testClass;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Netns ns = NetnsExtension.classNamespace(testClass).orElseThrow(() -> new IllegalStateException(
                    testClass.getName() + " is annotated @NetlinkNamespace but its namespace does not exist: the Spring"
                            + " context was loaded outside the class's tests (is NetnsExtension registered, and the"
                            + " class not skipped?)"));
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("netlinkNamespace", Map.of("netlink.netns", ns.path())));
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Customizer c && c.testClass == testClass;
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(testClass);
        }
    }
}
