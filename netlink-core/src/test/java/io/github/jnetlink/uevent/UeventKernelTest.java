package io.github.jnetlink.uevent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.ConnObserver;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.NetlinkTransport;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import io.github.jnetlink.testing.NativeBuffers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Uevents from the real kernel: a veth pair created in a throwaway namespace makes the kernel send an
 * {@code add} uevent per interface to that namespace, with the name and index {@code ip} shows.
 */
@NetlinkNamespace
class UeventKernelTest {

    /** Uevents of the net subsystem, by interface name, until both names were seen or the deadline passed. */
    static Map<String, Uevent> netEvents(Conn conn, String action, String... names) {
        Map<String, Uevent> seen = new HashMap<>();
        conn.setReadDeadline(Instant.now().plusSeconds(10));
        while (seen.size() < names.length) {
            Uevent e = Uevent.parse(conn.receiveBytes());
            if ("net".equals(e.subsystem()) && action.equals(e.action()) && List.of(names).contains(e.property("INTERFACE"))) {
                seen.put(e.property("INTERFACE"), e);
            }
        }
        return seen;
    }

    @Test
    void creatingAndDeletingAVethPairSendsAddAndRemoveUevents(Netns ns) {
        try (Conn conn = Conn.dial(Protocol.KOBJECT_UEVENT, Config.DEFAULT.withNetns(ns.path()).withGroups(Uevent.KERNEL_GROUP))) {
            ns.ip("link add ua type veth peer name ub");
            Map<String, Uevent> added = netEvents(conn, "add", "ua", "ub");

            Map<String, Integer> indexes = new HashMap<>();
            for (JsonNode link : IpJson.of(ns, "link show")) {
                indexes.put(link.get("ifname").asString(), link.get("ifindex").asInt());
            }
            for (String name : List.of("ua", "ub")) {
                Uevent e = added.get(name);
                assertThat(e.devpath()).isEqualTo("/devices/virtual/net/" + name);
                assertThat(e.property("ACTION")).isEqualTo("add");
                assertThat(e.property("DEVPATH")).isEqualTo(e.devpath());
                assertThat(Integer.parseInt(e.property("IFINDEX"))).isEqualTo(indexes.get(name));
                assertThat(e.sequenceNumber()).isPositive();
            }

            ns.ip("link del ua");
            Map<String, Uevent> removed = netEvents(conn, "remove", "ua", "ub");
            assertThat(removed.get("ua").sequenceNumber()).isGreaterThan(added.get("ua").sequenceNumber());
        }
    }

    @Test
    void aUeventForgedByAUserspaceSocketIsDroppedAndCounted(Netns ns) {
        AtomicInteger rejected = new AtomicInteger();
        ConnObserver observer = new ConnObserver() {
            @Override
            public void rejected(int senderPid) {
                rejected.incrementAndGet();
            }
        };
        try (NetlinkTransport forger = NetlinkTransport.open(Protocol.KOBJECT_UEVENT, Config.DEFAULT.withNetns(ns.path()));
                Conn conn = Conn.dial(Protocol.KOBJECT_UEVENT, Config.DEFAULT.withNetns(ns.path()).withObserver(observer))) {
            forger.bind(0, 0);
            byte[] forged = "add@/devices/virtual/net/evil\0ACTION=add\0SUBSYSTEM=net\0INTERFACE=evil\0".getBytes(StandardCharsets.UTF_8);
            forger.send(NativeBuffers.of(forged), conn.pid());
            conn.setReadDeadline(Instant.now().plusMillis(500));
            List<byte[]> delivered = new ArrayList<>();
            try {
                delivered.add(conn.receiveBytes());
            } catch (NetlinkTimeoutException expected) {
                // nothing but the forged datagram was sent, and it must not be delivered
            }
            assertThat(delivered).isEmpty();
            assertThat(rejected).hasValue(1);
        }
    }
}
