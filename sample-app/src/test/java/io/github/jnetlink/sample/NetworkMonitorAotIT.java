package io.github.jnetlink.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sample as AOT-processed by the build ({@code spring-boot:process-aot}), started with
 * {@code -Dspring.aot.enabled=true}: the generated initializer registers the connection and its receive
 * loop, the starter's registrar runs over them again, and a link added in the namespace still arrives.
 */
@NetlinkNamespace
class NetworkMonitorAotIT {

    @Test
    void startsFromTheAotInitializerAndReceivesALink(Netns ns) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        // the startup line says whether the context came from the AOT initializer; the sample logs at warn
        Process p = NetworkMonitorIT.start(ns, List.of("-Dspring.aot.enabled=true"), lines,
                "--logging.level.io.github.jnetlink.sample.NetlinkMonitorApplication=info");
        try {
            NetworkMonitorIT.waitFor(lines, "watching for link, address, route and neighbour changes", Duration.ofSeconds(60));
            assertThat(lines).as("started AOT-processed").anySatisfy(l -> assertThat(l).contains("Starting AOT-processed NetlinkMonitorApplication"));

            ns.ip("link add aot0 type veth peer name aot1");

            NetworkMonitorIT.waitFor(lines, "link added: aot0 (index ", Duration.ofSeconds(10));
        } finally {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertThat(p.exitValue()).as("exit after SIGTERM; output:\n" + String.join("\n", lines)).isIn(0, 143);
    }
}
