package io.github.jnetlink.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A network monitor: prints the interfaces and addresses of its network namespace, then one line per
 * link, address, route and neighbour change, as the kernel reports them. Stop it with Ctrl-C.
 */
@SpringBootApplication
public class NetlinkMonitorApplication {

    public static void main(String[] args) {
        SpringApplication.run(NetlinkMonitorApplication.class, args);
    }
}
