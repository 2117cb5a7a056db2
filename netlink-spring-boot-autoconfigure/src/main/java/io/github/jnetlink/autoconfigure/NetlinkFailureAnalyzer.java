package io.github.jnetlink.autoconfigure;

import io.github.jnetlink.NetlinkSystemException;
import io.github.jnetlink.UnsupportedPlatformException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains why netlink stopped the application from starting, and what exactly to change.
 *
 * <p>A {@link NetlinkConfigurationException}: a {@code @NetlinkListener} that could never be called, or a
 * {@code netlink.*} property nothing binds; its message is the description and its action names the annotation
 * attribute or property to change, with the valid values.
 *
 * <p>A {@link NetlinkStartupException}: a netlink connection that could not start, naming the property to
 * change: an unknown protocol or group name (listing the valid ones), a protocol the kernel lacks, missing
 * privileges for a group or a namespace, a namespace that does not exist, or a platform without netlink.
 */
final class NetlinkFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NetlinkConfigurationException c) {
                return new FailureAnalysis(c.getMessage(), c.action(), c);
            }
            if (t instanceof NetlinkStartupException s) {
                return analyzeStartup(s);
            }
        }
        return null;
    }

    private static FailureAnalysis analyzeStartup(NetlinkStartupException cause) {
        String connection = cause.connection();
        String prefix = NetlinkConnections.prefix(connection);
        String property = cause.property();
        String description = "Netlink connection '" + connection + "' could not be started: " + cause.getMessage();
        if (cause.getCause() instanceof UnsupportedPlatformException) {
            return new FailureAnalysis(description,
                    "Netlink exists only on Linux. Run the application on Linux, or set netlink.enabled=false "
                            + "(or remove netlink.connections." + connection + ") where netlink is not available.", cause);
        }
        if (!cause.validValues().isEmpty()) {
            return new FailureAnalysis(description, "Change " + property + " (now '" + cause.value() + "') to one of: "
                    + String.join(", ", cause.validValues()) + ".", cause);
        }
        if (cause.getCause() instanceof NetlinkSystemException sys) {
            String action = switch (sys.errnoName()) {
                case "EPROTONOSUPPORT" -> "This kernel does not support netlink protocol '" + cause.value()
                        + "'. Load the kernel module that provides it, or change " + prefix + "protocol.";
                case "EPERM", "EACCES" -> permissionAction(prefix, property);
                case "ENOENT" -> (prefix + "netns").equals(property)
                        ? "The network namespace '" + cause.value() + "' does not exist. Create it (ip netns add NAME) "
                                + "or change " + prefix + "netns."
                        : "Check " + (property != null ? property : prefix + "*") + ".";
                case "ENOPROTOOPT" -> "This kernel lacks a socket option the connection asks for. Set "
                        + (property != null ? property : prefix + "strict") + "=false.";
                default -> "Check " + (property != null ? property : "the properties under " + prefix) + ".";
            };
            return new FailureAnalysis(description, action, cause);
        }
        return new FailureAnalysis(description, "Check " + (property != null ? property : "the properties under " + prefix) + ".", cause);
    }

    private static String permissionAction(String prefix, String property) {
        if ((prefix + "netns").equals(property)) {
            return "Entering another network namespace needs CAP_SYS_ADMIN. Run the application with that "
                    + "capability (for example as root), or remove " + prefix + "netns.";
        }
        if ((prefix + "groups").equals(property)) {
            return "Joining this multicast group needs CAP_NET_ADMIN. Run the application with that capability, "
                    + "or remove the group from " + prefix + "groups.";
        }
        return "The kernel refused for lack of privileges (CAP_NET_ADMIN). Run the application with that capability, "
                + "or change " + (property != null ? property : "the properties under " + prefix) + ".";
    }
}
