package io.github.jnetlink.codegen;

import java.util.Map;

/**
 * What provides each generic netlink family in the kernel, for the error a client gives when the family is not
 * there. The specs do not say; this table is the generator's own knowledge of the kernel's Kconfig.
 */
final class KernelModules {

    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("devlink", "CONFIG_NET_DEVLINK (built in)"),
            Map.entry("dpll", "CONFIG_DPLL (built in, selected by a DPLL device driver such as ice or zl3073x)"),
            Map.entry("ethtool", "CONFIG_ETHTOOL_NETLINK (built in)"),
            Map.entry("fou", "the 'fou' module (modprobe fou; CONFIG_NET_FOU)"),
            Map.entry("handshake", "CONFIG_NET_HANDSHAKE (built in)"),
            Map.entry("mptcp_pm", "CONFIG_MPTCP (built in)"),
            Map.entry("netdev", "the core network stack (built in)"),
            Map.entry("nfsd", "the 'nfsd' module (modprobe nfsd; CONFIG_NFSD)"),
            Map.entry("nlctrl", "the generic netlink controller (built in)"),
            Map.entry("ovs_datapath", "the 'openvswitch' module (modprobe openvswitch; CONFIG_OPENVSWITCH)"),
            Map.entry("ovs_flow", "the 'openvswitch' module (modprobe openvswitch; CONFIG_OPENVSWITCH)"),
            Map.entry("ovs_vport", "the 'openvswitch' module (modprobe openvswitch; CONFIG_OPENVSWITCH)"),
            Map.entry("tcp_metrics", "CONFIG_INET (built in)"),
            Map.entry("team", "the 'team' module (modprobe team; CONFIG_NET_TEAM)"));

    private KernelModules() {
    }

    static String hint(String family) {
        return HINTS.getOrDefault(family, "the kernel module that registers the '" + family + "' family");
    }
}
