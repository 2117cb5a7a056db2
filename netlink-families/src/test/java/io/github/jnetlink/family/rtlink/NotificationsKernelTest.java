package io.github.jnetlink.family.rtlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Conn;
import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.family.netdev.NetdevClient;
import io.github.jnetlink.family.netdev.NetdevFamily;
import io.github.jnetlink.family.netdev.NetdevNotification;
import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.IpJson;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Typed notifications: what the kernel multicasts when a link is made, decoded by the generated rt-link and netdev
 * notification types (an RTM_NEWLINK on RTNLGRP_LINK; netdev's dev-add-ntf on its "mgmt" group).
 */
@NetlinkNamespace
class NotificationsKernelTest {

    static <T> T await(Conn conn, Function<Message, T> match) {
        conn.setReadDeadline(Instant.now().plusSeconds(10));
        while (true) {
            for (Message m : conn.receive()) {
                T t = match.apply(m);
                if (t != null) {
                    return t;
                }
            }
        }
    }

    @Test
    void rtnetlinkNewlinkIsTheGetlinkFormat(Netns ns) {
        try (Conn conn = ns.dial(Protocol.ROUTE)) {
            conn.joinGroup(RtLinkFamily.MCGRP_RTNLGRP_LINK_ID);
            ns.ip("link add ntf0 type veth peer name ntf1");
            RtLinkNotification.Getlink link = await(conn, m -> RtLinkNotification.decode(m)
                    instanceof RtLinkNotification.Getlink g && "ntf0".equals(g.attributes().ifname()) ? g : null);
            assertThat(link.header().ifiIndex()).isEqualTo(IpJson.of(ns, "link show dev ntf0").get(0).get("ifindex").asInt());
            assertThat(link.attributes().linkinfo().kind()).isEqualTo("veth");
        }
    }

    @Test
    void netdevDevAddNotification(Netns ns) {
        try (Conn conn = ns.dial(Protocol.GENERIC)) {
            new NetdevClient(conn).joinGroup(NetdevFamily.MCGRP_MGMT);
            ns.ip("link add ntf2 type veth peer name ntf3");
            long ifindex = IpJson.of(ns, "link show dev ntf2").get(0).get("ifindex").asLong();
            NetdevNotification.DevAddNtf added = await(conn, m -> NetdevNotification.decode(m)
                    instanceof NetdevNotification.DevAddNtf a && a.attributes().ifindex() == ifindex ? a : null);
            assertThat(added.attributes().ifindex()).isEqualTo(ifindex);
            ns.ip("link del ntf2");
            NetdevNotification.DevDelNtf deleted = await(conn, m -> NetdevNotification.decode(m)
                    instanceof NetdevNotification.DevDelNtf d && d.attributes().ifindex() == ifindex ? d : null);
            assertThat(deleted.attributes().ifindex()).isEqualTo(ifindex);
        }
    }
}
