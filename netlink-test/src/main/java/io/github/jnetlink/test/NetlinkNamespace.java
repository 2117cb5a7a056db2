package io.github.jnetlink.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class a throwaway network namespace: {@link NetnsExtension} creates it, passes it to
 * every constructor, test and lifecycle method that takes a {@link Netns} parameter, and deletes it afterwards,
 * also when a test failed.
 *
 * <pre>{@code
 * @NetlinkNamespace
 * class RouteTest {
 *     static Conn conn;
 *
 *     @BeforeAll
 *     static void setUp(Netns ns) {
 *         ns.ip("link add va type veth peer name vb");
 *         conn = ns.dial(Protocol.ROUTE);
 *     }
 *
 *     @AfterAll
 *     static void tearDown() {
 *         conn.close();
 *     }
 *
 *     @Test
 *     void listsVeth(Netns ns) { ... }   // the same namespace as setUp's
 * }
 * }</pre>
 *
 * <p>Where the process cannot create namespaces (not Linux, no CAP_SYS_ADMIN and CAP_NET_ADMIN, no
 * {@code ip} command), the class's tests are skipped with the reason, or fail when the configuration parameter
 * or system property {@value NetnsExtension#REQUIRED_PROPERTY} is {@code true}: see {@link NetnsExtension}.
 *
 * <p>The annotation may also be used as a meta-annotation, and is inherited by subclasses.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(NetnsExtension.class)
public @interface NetlinkNamespace {

    /** @return how many namespaces the class gets: one for all its tests (the default), or one for each test */
    Scope scope() default Scope.CLASS;

    /** How long a namespace made by {@link NetnsExtension} lives, and who shares it. */
    enum Scope {

        /**
         * One namespace for the whole test class and its {@code @Nested} classes, made when first asked for and
         * deleted after the class's {@code @AfterAll} methods. The constructor, {@code @BeforeAll},
         * {@code @BeforeEach}, the tests, {@code @AfterEach} and {@code @AfterAll} all get the same one, so state
         * set up once is seen by every test.
         */
        CLASS,

        /**
         * A fresh namespace for each test method, shared by its {@code @BeforeEach} and {@code @AfterEach}
         * methods (and by the constructor under the default per-method test instance lifecycle), and deleted
         * after the test's {@code @AfterEach} methods. {@code @BeforeAll} and {@code @AfterAll} methods cannot
         * take one.
         */
        METHOD
    }
}
