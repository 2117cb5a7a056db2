package io.github.jnetlink.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Dials every {@code netlink.connections.*} connection of a Spring test over an in-memory kernel instead of real
 * {@code AF_NETLINK} sockets: no root, no Linux, no native code. The {@code Conn} beans, the receive loops, the
 * {@code @NetlinkListener} filters, typed decoding, the registry, health and meters all run as in production; only
 * the socket is {@link io.github.jnetlink.test.FakeKernel}'s.
 *
 * <p>The context gets a {@link io.github.jnetlink.test.FakeRouteKernel} bean, unless it has one, for the
 * {@code route} protocol: change its tables ({@code addVeth}, {@code addAddress}, {@code addRoute}, ...) and the
 * listeners get the notifications the kernel would send; dumps answer from the same tables. A
 * {@link io.github.jnetlink.test.FakeKernel} bean serves its own protocol (send raw notifications with
 * {@code multicast}); any other protocol gets an empty kernel that refuses every request.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureNetlinkFake
 * class LinkWatcherTest {
 *     @Autowired FakeRouteKernel kernel;
 *     @Autowired LinkWatcher watcher;
 *
 *     @Test
 *     void seesANewLink() {
 *         kernel.addVeth("veth0", "veth1");
 *         await().untilAsserted(() -> assertThat(watcher.names()).contains("veth0", "veth1"));
 *     }
 * }
 * }</pre>
 *
 * <p>Without the annotation, a {@code FakeKernel} or {@code FakeRouteKernel} bean in the test context switches the
 * connections over to it just the same ({@link NetlinkFakeKernelAutoConfiguration}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureNetlinkFake {
}
