/**
 * Spring Boot test support for jnetlink: {@link io.github.jnetlink.test.autoconfigure.AutoConfigureNetlinkFake} runs
 * a test's connections over in-memory kernels, and a {@code @SpringBootTest} annotated
 * {@link io.github.jnetlink.test.NetlinkNamespace} opens them in the class's throwaway network namespace.
 */
@NullMarked
package io.github.jnetlink.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
