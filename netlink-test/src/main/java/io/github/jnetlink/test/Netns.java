package io.github.jnetlink.test;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway network namespace for kernel tests: made with {@code ip netns add}, changed with
 * {@code ip -n NAME ...}, and deleted, with every interface, address and route in it, on {@link #close()}.
 *
 * <p>Nothing here touches the namespace of the calling process: every command names this namespace with
 * {@code -n NAME} or runs under {@code ip netns exec NAME}, and {@link #dial(int)} opens its socket inside it.
 * Creating one needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN) and iproute2's {@code ip} command. Most tests do
 * not call {@link #create(String)} themselves but let {@link NetnsExtension} make one and pass it in:
 * <pre>{@code
 * @NetlinkNamespace
 * class LinkTest {
 *     @Test
 *     void seesVeth(Netns ns) {
 *         ns.ip("link add va type veth peer name vb");
 *         try (Conn conn = ns.dial(Protocol.ROUTE)) {
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Every method is safe to call from any thread; commands run as child processes and do not change the
 * calling thread's namespace.
 */
public final class Netns implements AutoCloseable {

    /** How long one {@code ip} command may take before it is killed and the call fails. */
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /**
     * Creates a namespace named {@code jnl-LABEL-RANDOM}, such as {@code jnl-linktest-3fa2c1}, and brings its
     * loopback interface up. The label is lowercased and stripped to letters and digits.
     *
     * <p>This does not check privileges first: it fails as {@code ip netns add} does. {@link NetnsExtension}
     * checks them and skips or fails the test with the reason.
     *
     * @param label a short label, such as the test class's simple name
     * @return the namespace
     * @throws IllegalStateException when {@code ip netns add} or {@code ip link set lo up} fails; the message
     *         holds iproute2's standard error
     * @throws IllegalArgumentException when {@code label} is null
     */
    public static Netns create(String label) {
        if (label == null) {
            throw new IllegalArgumentException("create: label must not be null");
        }
        String clean = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        // the name is a file under /var/run/netns; keep it well under NAME_MAX and readable in `ip netns list`
        if (clean.length() > 24) {
            clean = clean.substring(0, 24);
        }
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        String name = "jnl-" + (clean.isEmpty() ? "test" : clean) + "-" + HexFormat.of().formatHex(random);
        run(null, "ip", "netns", "add", name);
        Netns ns = new Netns(name);
        try {
            ns.ip("link", "set", "lo", "up");
        } catch (RuntimeException e) {
            try {
                ns.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return ns;
    }

    /** @return the namespace's name, as {@code ip netns list} shows it */
    public String name() {
        return name;
    }

    /**
     * @return the namespace file, {@code /var/run/netns/NAME}: what {@link Config#withNetns(String)} and the
     *         Spring property {@code netlink.connections.NAME.netns} take
     */
    public String path() {
        return "/var/run/netns/" + name;
    }

    /**
     * Runs {@code ip -n NAME ARGS...} and returns its standard output.
     *
     * <p>With exactly one argument, that argument is split on whitespace, so {@code ns.ip("link add a type veth
     * peer name b")} works; with several, each is passed to {@code ip} as it is, which is how to pass an
     * argument that holds spaces ({@code ns.ip("link", "set", "a", "alias", "uplink one")}).
     *
     * @param args the arguments after {@code ip -n NAME}, such as {@code "-j", "link", "show"}
     * @return standard output
     * @throws IllegalStateException when {@code ip} exits non-zero or takes over two minutes; the message holds
     *         the command and iproute2's standard error
     */
    public String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(arguments(args));
        return run(null, cmd.toArray(String[]::new));
    }

    /**
     * Feeds commands to {@code ip -n NAME -batch -}, one a line: one process for thousands of changes, where
     * {@link #ip(String...)} would start thousands.
     *
     * @param lines the commands without the leading {@code ip}, such as {@code "route add 10.1.2.0/24 dev lo"}
     * @throws IllegalStateException when a command fails (iproute2 stops at the first); the message holds
     *         iproute2's standard error, which names the failing line
     */
    public void batch(List<String> lines) {
        if (lines == null) {
            throw new IllegalArgumentException("batch: lines must not be null");
        }
        String input = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        run(input, "ip", "-n", name, "-batch", "-");
    }

    /**
     * Runs a command inside the namespace, {@code ip netns exec NAME COMMAND...}, such as
     * {@code ns.exec("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1")} or {@code ns.exec("cat",
     * "/proc/net/netlink")}. The command sees the namespace's network and its {@code /proc/net} and
     * {@code /sys/class/net}.
     *
     * @param command the program and its arguments, each passed as it is
     * @return standard output
     * @throws IllegalStateException when the command exits non-zero or takes over two minutes; the message holds
     *         its standard error
     */
    public String exec(String... command) {
        if (command == null || command.length == 0) {
            throw new IllegalArgumentException("exec: a command is required");
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(Arrays.asList(command));
        return run(null, cmd.toArray(String[]::new));
    }

    /**
     * Opens a {@link Conn} inside this namespace with the default configuration.
     *
     * @param protocol a netlink protocol, such as {@code Protocol.ROUTE}
     * @return the open connection, which the caller closes
     * @see #dial(int, Config)
     */
    public Conn dial(int protocol) {
        return dial(protocol, Config.DEFAULT);
    }

    /**
     * Opens a {@link Conn} inside this namespace: {@code Conn.dial(protocol, config.withNetns(path()))}.
     *
     * <p>Safe from any thread, virtual threads included: {@code Conn} creates the socket on a short-lived
     * platform thread that enters the namespace ({@code setns}) and ends, so the calling thread and the carrier
     * threads under it stay in their own namespace. The socket stays in this namespace for its whole life.
     *
     * @param protocol a netlink protocol, such as {@code Protocol.ROUTE}
     * @param config   the rest of the configuration (its namespace fields are replaced), or null for the default
     * @return the open connection, which the caller closes
     * @throws io.github.jnetlink.NetlinkException as {@link Conn#dial(int, Config)} does
     */
    public Conn dial(int protocol, Config config) {
        Config c = config == null ? Config.DEFAULT : config;
        return Conn.dial(protocol, c.withNetns(path()));
    }

    /**
     * Deletes the namespace ({@code ip netns del NAME}). The kernel destroys its interfaces, addresses and
     * routes once nothing holds the namespace any more: sockets still open in it keep it alive until they
     * are closed.
     *
     * @throws IllegalStateException when {@code ip netns del} fails, such as for a namespace already deleted
     */
    @Override
    public void close() {
        run(null, "ip", "netns", "del", name);
    }

    /** @return {@code "Netns[NAME]"} */
    @Override
    public String toString() {
        return "Netns[" + name + "]";
    }

    private static List<String> arguments(String... args) {
        if (args == null || args.length == 0) {
            throw new IllegalArgumentException("ip: arguments are required, such as \"link show\"");
        }
        if (args.length == 1) {
            return Arrays.asList(args[0].trim().split("\\s+"));
        }
        return Arrays.asList(args);
    }

    /**
     * Runs a command, feeding it {@code input} when not null, and returns its standard output. Standard input and
     * standard error are served by threads of their own while this one reads standard output, so that no pipe can
     * fill and stall the child (a large batch going in while output comes out). All three pipes are closed before
     * returning, rather than whenever the JDK gets to them, and nothing else is opened, so a test counting this
     * process's descriptors around a call sees exact numbers.
     */
    static String run(String input, String... cmd) {
        String line = String.join(" ", cmd);
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + line + ": " + e.getMessage(), e);
        }
        Pump err = new Pump(p.getErrorStream());
        Thread errThread = thread("netlink-netns-stderr", err);
        Thread inThread = null;
        IOException[] writeFailure = new IOException[1];
        try (InputStream stdout = p.getInputStream()) {
            OutputStream stdin = p.getOutputStream();
            if (input == null) {
                stdin.close();
            } else {
                inThread = thread("netlink-netns-stdin", () -> {
                    try (stdin) {
                        stdin.write(input.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        // a broken pipe when the command stopped reading, such as ip -batch at a failing line;
                        // its exit status and standard error say why
                        writeFailure[0] = e;
                    }
                });
            }
            byte[] out = stdout.readAllBytes();
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(line + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (inThread != null) {
                inThread.join();
            }
            errThread.join();
            if (p.exitValue() != 0) {
                String text = err.text().strip();
                throw new IllegalStateException(line + " exited " + p.exitValue() + (text.isEmpty() ? "" : ": " + text));
            }
            if (writeFailure[0] != null) {
                throw new IllegalStateException("cannot feed " + line + ": " + writeFailure[0].getMessage(), writeFailure[0]);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + line + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + line, e);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            try {
                p.getOutputStream().close();
                p.getErrorStream().close();
            } catch (IOException ignored) {
                // closing a pipe to a process that has ended cannot lose anything
            }
        }
    }

    private static Thread thread(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Reads a stream to its end, for another thread to take once it is done. */
    private static final class Pump implements Runnable {

        private final InputStream in;
        private volatile byte[] bytes = new byte[0];

        Pump(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            try (in) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                bytes = ("(standard error unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
            }
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
