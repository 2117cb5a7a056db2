package io.github.jnetlink.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * jnetlink and the kernel's own YNL CLI ({@code tools/net/ynl/cli.py} of Linux 6.12) side by side in a namespace
 * with a veth pair: the same arguments print the same JSON. Flag lists are compared as sets: cli.py keeps them in a
 * Python set, whose order changes from run to run.
 */
@NetlinkNamespace
class CliKernelTest {

    static Netns ns;
    static Path netlink;
    static Path cliPy;

    @BeforeAll
    static void setUp(Netns namespace) throws Exception {
        ns = namespace;
        netlink = KernelSpecs.netlinkDir().toAbsolutePath().normalize();
        cliPy = KernelSpecs.cliPy().toAbsolutePath().normalize();
        Process p = new ProcessBuilder("python3", "-c", "import yaml").redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            KernelSpecs.unavailable("cli.py needs python3 with PyYAML (Debian: python3-yaml)");
        }
        ns.ip("link add veth0 type veth peer name veth1");
        ns.ip("link set veth0 up");
        ns.ip("addr add 10.9.0.1/24 dev veth0");
    }

    static String jnetlink(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--spec-dir", netlink.toString(), "--netns", ns.path()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as("jnetlink %s: %s", all, err).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@link #jnetlink} without {@code --spec-dir}: {@code --family} reads the spec netlink-families embeds. */
    static String jnetlinkEmbedded(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--netns", ns.path()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as("jnetlink %s: %s", all, err).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    static String cliPy(String spec, String... args) {
        List<String> cmd = new ArrayList<>(List.of("python3", cliPy.toString(), "--spec",
                netlink.resolve("specs").resolve(spec + ".yaml").toString()));
        cmd.addAll(List.of(args));
        return ns.exec(cmd.toArray(String[]::new));
    }

    /** The last line: cli.py prints warnings (a dump's extended ACK) on standard output before its JSON. */
    static Object parse(String out) {
        List<String> lines = out.strip().lines().toList();
        return normalize(new Yaml(new SafeConstructor(new LoaderOptions())).load(lines.get(lines.size() - 1)));
    }

    static Object normalize(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normalize(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalize(x)));
            if (!out.isEmpty() && out.stream().allMatch(String.class::isInstance)) {
                out.sort((a, b) -> ((String) a).compareTo((String) b));
            }
            return out;
        }
        return v;
    }

    @Test
    void netdevDevGetDumpPrintsWhatCliPyPrints() {
        // the done criterion: --family netdev --dump dev-get --output-json
        String ours = jnetlink("--family", "netdev", "--dump", "dev-get", "--output-json");
        String theirs = cliPy("netdev", "--dump", "dev-get", "--output-json");
        assertThat(parse(ours)).isEqualTo(parse(theirs));
        String ifindex = ns.ip("-j", "link", "show", "veth0").replaceAll("(?s).*\"ifindex\":(\\d+).*", "$1");
        assertThat(ours).contains("{\"ifindex\": " + ifindex + ", \"xdp-features\": [");
    }

    @Test
    void dumpsWithoutASpecDirectoryPrintWhatTheYamlSpecsGive() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("JNETLINK_YNL_SPECS") == null,
                "JNETLINK_YNL_SPECS would take the place of the embedded specs");
        String devices = jnetlinkEmbedded("--family", "netdev", "--dump", "dev-get", "--output-json");
        assertThat(devices).isEqualTo(jnetlink("--family", "netdev", "--dump", "dev-get", "--output-json"));
        assertThat(parse(devices)).isEqualTo(parse(cliPy("netdev", "--dump", "dev-get", "--output-json")));
        String addresses = jnetlinkEmbedded("--family", "rt-addr", "--dump", "getaddr", "--output-json");
        assertThat(addresses).isEqualTo(jnetlink("--family", "rt-addr", "--dump", "getaddr", "--output-json"))
                .contains("\"ifa-address\": \"10.9.0.1\"");
        String links = jnetlinkEmbedded("--family", "rt-link", "--dump", "getlink", "--output-json");
        assertThat(parse(links)).isEqualTo(parse(jnetlink("--family", "rt-link", "--dump", "getlink", "--output-json")));
        assertThat(links).contains("\"ifname\": \"veth0\"");
    }

    @Test
    void netdevDevGetDoTakesJsonRequestAttributes() {
        String ifindex = ns.ip("-j", "link", "show", "veth0").replaceAll("(?s).*\"ifindex\":(\\d+).*", "$1");
        String json = "{\"ifindex\": " + ifindex + "}";
        String ours = jnetlink("--family", "netdev", "--do", "dev-get", "--json", json, "--output-json");
        assertThat(parse(ours)).isEqualTo(parse(cliPy("netdev", "--do", "dev-get", "--json", json, "--output-json")));
        assertThat(ours).startsWith("{\"ifindex\": " + ifindex + ", ");
    }

    @Test
    void rtLinkDumpKeepsTheAttributesThe612SpecLacksWhereCliPyAborts() {
        String ours = jnetlink("--family", "rt-link", "--dump", "getlink", "--output-json");
        String theirs = cliPy("rt_link", "--dump", "getlink", "--output-json", "--process-unknown");
        assertThat(parse(ours)).isEqualTo(parse(theirs));
        assertThat(ours).contains("\"ifname\": \"veth0\"", "\"ifname\": \"veth1\"", "\"operstate\": ");
        if (ours.contains("UnknownAttr(")) {
            // a kernel newer than the 6.12 spec: cli.py without --process-unknown gives up on the whole dump
            assertThatThrownBy(() -> cliPy("rt_link", "--dump", "getlink", "--output-json"))
                    .hasMessageContaining("Space 'link-attrs' has no attribute with value");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(List.of("--family", "rt-link", "--dump", "getlink", "--no-process-unknown",
                    "--spec-dir", netlink.toString(), "--netns", ns.path()), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("Space 'link-attrs' has no attribute with value");
        }
    }

    @Test
    void rtAddrAndEthtoolDumpsPrintWhatCliPyPrints() {
        String addrs = jnetlink("--family", "rt-addr", "--dump", "getaddr", "--output-json");
        assertThat(parse(addrs)).isEqualTo(parse(cliPy("rt_addr", "--dump", "getaddr", "--output-json")));
        assertThat(addrs).contains("\"ifa-address\": \"10.9.0.1\"");
        String channels = jnetlink("--family", "ethtool", "--dump", "channels-get", "--output-json");
        assertThat(parse(channels)).isEqualTo(parse(cliPy("ethtool", "--dump", "channels-get", "--output-json")));
        assertThat(channels).contains("\"dev-name\": \"veth0\"");
    }

    static String subscribed(String family, int protocol, String group, Runnable change) throws Exception {
        String[] out = new String[1];
        Thread t = new Thread(() -> out[0] = jnetlink("--family", family, "--subscribe", group, "--sleep", "2",
                "--output-json"), "netlink-test-cli");
        t.start();
        // change once the CLI's socket has joined its group: /proc/net/netlink shows the namespace's sockets, but only
        // the first 32 groups, and a generic family's group may be numbered higher: then wait the CLI's setup out
        long until = System.nanoTime() + 1_500_000_000L;
        while (!joined(protocol) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        change.run();
        t.join(20_000);
        assertThat(out[0]).as("jnetlink --subscribe finished").isNotNull();
        return out[0];
    }

    /** @return true when a socket of the protocol in the namespace is in a multicast group */
    static boolean joined(int protocol) {
        // columns: sk, Eth (protocol), Pid, Groups, ...
        return ns.exec("cat", "/proc/net/netlink").lines().skip(1).map(l -> l.trim().split("\\s+"))
                .anyMatch(c -> c.length > 3 && c[1].equals(String.valueOf(protocol)) && !c[3].matches("0+"));
    }

    @Test
    void subscribePrintsTheRtLinkNotificationsOfTheSleep() throws Exception {
        String out = subscribed("rt-link", 0, "rtnlgrp-link", () -> ns.ip("link add vsub0 type veth peer name vsub1"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> msgs = (List<Map<String, Object>>) parse(out);
        assertThat(msgs).anySatisfy(m -> {
            assertThat(m.get("name")).isEqualTo("getlink");
            assertThat(((Map<?, ?>) m.get("msg")).get("ifname")).isEqualTo("vsub0");
        });
    }

    @Test
    void subscribePrintsNetdevDeviceNotifications() throws Exception {
        String out = subscribed("netdev", 16, "mgmt", () -> ns.ip("link add vnd0 type veth peer name vnd1"));
        String ifindex = ns.ip("-j", "link", "show", "vnd0").replaceAll("(?s).*\"ifindex\":(\\d+).*", "$1");
        assertThat(out).contains("{\"name\": \"dev-add-ntf\", \"msg\": {\"ifindex\": " + ifindex + ", ");
    }
}
