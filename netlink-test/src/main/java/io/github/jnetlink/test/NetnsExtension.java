package io.github.jnetlink.test;

import io.github.jnetlink.test.NetlinkNamespace.Scope;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that gives tests a throwaway {@link Netns}: register it with {@link NetlinkNamespace}
 * (which also chooses one namespace per class or per test) or with {@code @ExtendWith(NetnsExtension.class)}
 * (one per class), then declare a {@code Netns} parameter on the constructor, a test method, or a
 * {@code @BeforeAll}, {@code @BeforeEach}, {@code @AfterEach} or {@code @AfterAll} method.
 *
 * <pre>{@code
 * @NetlinkNamespace(scope = NetlinkNamespace.Scope.METHOD)
 * class AddressTest {
 *     @Test
 *     void addsAddress(Netns ns) {
 *         ns.ip("link add va type veth peer name vb");
 *         try (Conn conn = ns.dial(Protocol.ROUTE)) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>The namespace is made when a parameter first asks for it, named {@code jnl-TESTCLASS-RANDOMHEX} with
 * {@code lo} up, and deleted ({@code ip netns del}) when its class or test has finished, after the
 * {@code @AfterAll} or {@code @AfterEach} methods, whether the tests passed or not. It is kept in the
 * {@link ExtensionContext.Store} of that class or test, so concurrent classes and tests under JUnit's parallel
 * execution each get their own.
 *
 * <h2>Without privileges</h2>
 * Before anything of the class runs, the extension checks that namespaces can be made: Linux, CAP_SYS_ADMIN and
 * CAP_NET_ADMIN (as root has), and iproute2's {@code ip}. When they cannot, every test of the class is skipped
 * with the reason: an {@link ExecutionCondition} disables it, so that build tools list each test as skipped and
 * show why, and the lifecycle callbacks abort with {@link Assumptions#abort(String)} should anything get past it.
 * Where skipping would hide that kernel tests never ran, such as on a CI
 * machine meant to run them, set the JUnit configuration parameter or system property
 * {@value #REQUIRED_PROPERTY} to {@code true}: the tests then fail with the reason. Any other value, such as
 * {@code false}, an empty string or an unexpanded {@code ${env.CI}}, means skip. The check runs once per JVM.
 *
 * <p>The extension needs JUnit Jupiter 6 (which Spring Boot 4 brings): it keeps the namespace as an
 * {@link AutoCloseable} store value, which JUnit closes when the class or test ends.
 */
public final class NetnsExtension implements ParameterResolver, BeforeAllCallback, BeforeEachCallback,
        TestInstancePreConstructCallback, ExecutionCondition {

    /**
     * The configuration parameter, also read as a system property, that turns the skip without privileges into a
     * failure when {@code true}: {@value}.
     */
    public static final String REQUIRED_PROPERTY = "jnetlink.netns.required";

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(NetnsExtension.class);
    private static final String KEY = "netns";
    /** The namespaces of the running classes with {@link Scope#CLASS}, by outermost test class. */
    private static final Map<Class<?>, Netns> CLASS_NAMESPACES = new ConcurrentHashMap<>();

    /** Creates the extension; JUnit does this for {@code @ExtendWith}, and it holds no state of its own. */
    public NetnsExtension() {
    }

    /**
     * Disables the class or test, with the reason, when namespaces cannot be made here and
     * {@value #REQUIRED_PROPERTY} is not {@code true}; a disabled test is reported as skipped before anything of
     * it runs.
     *
     * @param context the class's or test's context
     * @return disabled with the reason, or enabled
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String problem = NamespacePrivileges.problem();
        if (problem == null || required(context)) {
            return ConditionEvaluationResult.enabled("network namespaces can be made here, or they are required");
        }
        return ConditionEvaluationResult.disabled(skipMessage(problem));
    }

    /**
     * Skips or fails the class's tests when namespaces cannot be made here.
     *
     * @param context the class's context
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        requirePrivileges(context);
        if (scope(context) == Scope.CLASS && context.getParent().flatMap(ExtensionContext::getTestClass).isEmpty()) {
            // made now rather than at the first parameter, so that classNamespace sees it before the tests start
            namespace(context);
        }
    }

    /**
     * The namespace of a running test class with {@link Scope#CLASS} (or of the class that encloses a
     * {@code @Nested} one), for code that runs inside the tests but gets no parameter: the Spring test support of
     * {@code netlink-spring-boot-test} points every connection of a {@code @SpringBootTest} at it. It exists from
     * the class's {@code @BeforeAll} methods until its end.
     *
     * @param testClass the test class, or a class nested in it
     * @return the namespace, or empty when that class is not running with one
     */
    public static Optional<Netns> classNamespace(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Netns ns = CLASS_NAMESPACES.get(c);
            if (ns != null) {
                return Optional.of(ns);
            }
        }
        return Optional.empty();
    }

    /**
     * Skips or fails the test when namespaces cannot be made here; this matters when the extension was
     * registered on a test method rather than its class.
     *
     * @param context the test's context
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        requirePrivileges(context);
    }

    /**
     * Skips or fails before the test instance is made, so that a constructor taking a {@link Netns} is skipped
     * rather than failing to resolve its parameter.
     *
     * @param factoryContext the class being instantiated
     * @param context        the class's or, per test, the test's context
     */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        requirePrivileges(context);
    }

    /**
     * Asks JUnit to pass a test's own context when it constructs a test instance for that test (the default
     * per-method lifecycle), so that under {@link Scope#METHOD} the constructor gets the test's namespace.
     *
     * @param rootContext the engine's context
     * @return {@link ExtensionContextScope#TEST_METHOD}
     */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    /**
     * @param parameterContext the parameter
     * @param extensionContext where it is being resolved
     * @return whether the parameter's type is {@link Netns}
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Netns.class;
    }

    /**
     * Returns the namespace of the class or test, making it on first use.
     *
     * @param parameterContext the parameter
     * @param extensionContext where it is being resolved
     * @return the namespace
     * @throws ParameterResolutionException under {@link Scope#METHOD} for a {@code @BeforeAll} or
     *         {@code @AfterAll} method (there is no test to give it the namespace of), when namespaces cannot
     *         be made here, or when {@code ip netns add} fails
     */
    @Override
    // getOrComputeIfAbsent: JUnit 6 prefers computeIfAbsent, which 5.x lacks; this works on 5.13 and later
    @SuppressWarnings("deprecation")
    public Netns resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ExtensionContext owner = owner(extensionContext, parameterContext);
        String problem = NamespacePrivileges.problem();
        if (problem != null) {
            throw new ParameterResolutionException("no network namespace: " + problem);
        }
        try {
            return namespace(owner);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot create a network namespace for "
                    + owner.getDisplayName() + ": " + e.getMessage(), e);
        }
    }

    /** The namespace kept in {@code owner}'s store, made on first use; a class's is also found by {@link #classNamespace}. */
    @SuppressWarnings("deprecation")
    private static Netns namespace(ExtensionContext owner) {
        String label = owner.getRequiredTestClass().getSimpleName();
        ExtensionContext.Store store = owner.getStore(STORE);
        Netns ns = store.getOrComputeIfAbsent(KEY, k -> Netns.create(label), Netns.class);
        if (owner.getTestMethod().isEmpty()) {
            Class<?> type = owner.getRequiredTestClass();
            if (CLASS_NAMESPACES.putIfAbsent(type, ns) == null) {
                // closed before the namespace (the store closes in reverse order): forgotten, then deleted
                store.put(KEY + ".registration", (AutoCloseable) () -> CLASS_NAMESPACES.remove(type, ns));
            }
        }
        return ns;
    }

    /** The context whose store holds the namespace, and whose end deletes it. */
    private static ExtensionContext owner(ExtensionContext context, ParameterContext parameter) {
        if (scope(context) == Scope.METHOD) {
            if (context.getTestMethod().isEmpty()) {
                throw new ParameterResolutionException("@NetlinkNamespace(scope = METHOD) makes a namespace for each"
                        + " test, so " + parameter.getDeclaringExecutable() + " cannot take one: take the Netns in the"
                        + " test, @BeforeEach or @AfterEach method, or use scope = CLASS");
            }
            return context;
        }
        // the outermost class, so that @Nested classes share the namespace their enclosing class set up
        ExtensionContext owner = context;
        for (Optional<ExtensionContext> p = context.getParent(); p.isPresent() && p.get().getTestClass().isPresent();
                p = p.get().getParent()) {
            owner = p.get();
        }
        return owner;
    }

    /** The scope of the innermost class, or enclosing class, that carries {@link NetlinkNamespace}. */
    private static Scope scope(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<Class<?>> type = c.get().getTestClass();
            if (type.isEmpty()) {
                break;
            }
            Optional<NetlinkNamespace> annotation = AnnotationSupport.findAnnotation(type.get(), NetlinkNamespace.class);
            if (annotation.isPresent()) {
                return annotation.get().scope();
            }
        }
        return Scope.CLASS;
    }

    private static void requirePrivileges(ExtensionContext context) {
        String problem = NamespacePrivileges.problem();
        if (problem == null) {
            return;
        }
        if (required(context)) {
            Assertions.fail("kernel test cannot run: " + problem + " (" + REQUIRED_PROPERTY
                    + "=true makes this a failure rather than a skip)");
        }
        Assumptions.abort(skipMessage(problem));
    }

    private static String skipMessage(String problem) {
        return "kernel test skipped: " + problem + " (set " + REQUIRED_PROPERTY + "=true to fail instead)";
    }

    private static boolean required(ExtensionContext context) {
        // configuration parameters fall back to system properties, but a launcher may pass parameters explicitly
        // and still leave the system property as the only place the build set it
        return context.getConfigurationParameter(REQUIRED_PROPERTY).map(v -> v.strip().equalsIgnoreCase("true"))
                .orElse(false)
                || "true".equalsIgnoreCase(System.getProperty(REQUIRED_PROPERTY, "").strip());
    }
}
