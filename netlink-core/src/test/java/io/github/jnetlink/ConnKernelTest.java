package io.github.jnetlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.test.NetlinkNamespace;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.testing.FileDescriptors;
import io.github.jnetlink.testing.IpJson;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@link Conn} against the real kernel, in a throwaway namespace holding lo and three veth pairs.
 */
@NetlinkNamespace
class ConnKernelTest {

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWNEXTHOP = 104;
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    static final int VETH_INFO_PEER = 1;
    static final int IFA_ADDRESS = 1;
    static final int RTNLGRP_LINK = 1;
    static final int RTNLGRP_NEXTHOP = 32;

    static Netns ns;
    static Config config;

    @BeforeAll
    static void createNamespace(Netns namespace) {
        ns = namespace;
        for (int i = 0; i < 3; i++) {
            ns.ip("link add va" + i + " mtu " + (1400 + i) + " type veth peer name vb" + i);
            ns.ip("link set va" + i + " up");
            ns.ip("addr add 10.9." + i + ".1/24 dev va" + i);
        }
        ns.ip("addr add fd00:9::1/64 dev va0");
        config = Config.DEFAULT.withNetns(ns.path());
    }

    static byte[] ifinfomsg(int index) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).put(0, (byte) 0).putInt(4, index).array();
    }

    static int ifIndex(Message m) {
        return ByteBuffer.wrap(m.data()).order(ByteOrder.nativeOrder()).getInt(4);
    }

    /** The IFLA_IFNAME and IFLA_MTU of an RTM_NEWLINK. */
    static Map<Integer, Object> linkAttributes(Message m) {
        Map<Integer, Object> attrs = new HashMap<>();
        AttributeDecoder ad = new AttributeDecoder(m.data(), 16, m.data().length - 16);
        while (ad.next()) {
            switch (ad.type()) {
                case IFLA_IFNAME -> attrs.put(IFLA_IFNAME, ad.string());
                case IFLA_MTU -> attrs.put(IFLA_MTU, ad.u32());
                default -> { }
            }
        }
        return attrs;
    }

    @Test
    void dumpsLinksAsIpShowsThem() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            List<Message> replies = conn.execute(Message.of(RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, ifinfomsg(0)));

            Map<Integer, String> got = new TreeMap<>();
            for (Message m : replies) {
                assertThat(m.header().type()).isEqualTo(RTM_NEWLINK);
                Map<Integer, Object> a = linkAttributes(m);
                got.put(ifIndex(m), a.get(IFLA_IFNAME) + "/" + a.get(IFLA_MTU));
            }
            Map<Integer, String> expected = new TreeMap<>();
            for (JsonNode link : IpJson.of(ns, "link show")) {
                expected.put(link.get("ifindex").asInt(), link.get("ifname").asString() + "/" + link.get("mtu").asInt());
            }
            assertThat(got).hasSize(7).isEqualTo(expected);
        }
    }

    @Test
    void dumpsAddressesAsIpShowsThem() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            byte[] ifaddrmsg = new byte[8];
            List<Message> replies = conn.execute(Message.of(RTM_GETADDR, HeaderFlags.REQUEST | HeaderFlags.DUMP, ifaddrmsg));
            Set<String> got = new TreeSet<>();
            for (Message m : replies) {
                assertThat(m.header().type()).isEqualTo(RTM_NEWADDR);
                ByteBuffer b = ByteBuffer.wrap(m.data()).order(ByteOrder.nativeOrder());
                int prefix = b.get(1) & 0xFF;
                int index = b.getInt(4);
                AttributeDecoder ad = new AttributeDecoder(m.data(), 8, m.data().length - 8);
                while (ad.next()) {
                    if (ad.type() == IFA_ADDRESS) {
                        got.add(index + " " + java.net.InetAddress.getByAddress(ad.bytes()).getHostAddress().replace("0:0:0:0:0:0:0:1", "::1")
                                + "/" + prefix);
                    }
                }
            }
            Set<String> expected = new TreeSet<>();
            for (JsonNode link : IpJson.of(ns, "addr show")) {
                for (JsonNode a : link.get("addr_info")) {
                    String local = a.get("local").asString();
                    expected.add(link.get("ifindex").asInt() + " " + normalize(local) + "/" + a.get("prefixlen").asInt());
                }
            }
            assertThat(got).isEqualTo(expected).contains("1 127.0.0.1/8");
            assertThat(got.stream().filter(s -> s.contains("10.9."))).hasSize(3);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static String normalize(String address) {
        try {
            return java.net.InetAddress.getByName(address).getHostAddress().replace("0:0:0:0:0:0:0:1", "::1");
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void createsAndDeletesVethPairWithExecute() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            byte[] request = new AttributeEncoder()
                    .header(ifinfomsg(0))
                    .string(IFLA_IFNAME, "jx0")
                    .nested(IFLA_LINKINFO, li -> li
                            .string(IFLA_INFO_KIND, "veth")
                            .nested(IFLA_INFO_DATA, data -> data
                                    .nested(VETH_INFO_PEER, peer -> peer.header(ifinfomsg(0)).string(IFLA_IFNAME, "jy0"))))
                    .encode();
            int flags = HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE | HeaderFlags.CREATE | HeaderFlags.EXCL;
            List<Message> ack = conn.execute(Message.of(RTM_NEWLINK, flags, request));

            assertThat(ack).singleElement().satisfies(m -> assertThat(m.header().type()).isEqualTo(HeaderType.ERROR));
            JsonNode shown = IpJson.of(ns, "link show jx0");
            assertThat(shown.get(0).get("ifname").asString()).isEqualTo("jx0");
            assertThat(shown.get(0).get("link").asString()).isEqualTo("jy0");

            assertThatThrownBy(() -> conn.execute(Message.of(RTM_NEWLINK, flags, request)))
                    .isInstanceOfSatisfying(NetlinkErrorException.class, e -> assertThat(e.errnoName()).isEqualTo("EEXIST"));

            byte[] delete = new AttributeEncoder().header(ifinfomsg(0)).string(IFLA_IFNAME, "jx0").encode();
            conn.execute(Message.of(RTM_DELLINK, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE, delete));
            assertThat(ns.ip("link show").contains("jx0")).isFalse();
        }
    }

    @Test
    void missingLinkIsEnodev() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            Message request = Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg(424242));
            assertThatThrownBy(() -> conn.execute(request))
                    .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                        assertThat(e.errno()).isEqualTo(19);
                        assertThat(e.errnoName()).isEqualTo("ENODEV");
                        assertThat(e.operation()).isEqualTo("execute");
                        assertThat(e.sequence()).isNotZero();
                    })
                    .hasMessageContaining("ENODEV");
        }
    }

    @Test
    void strictModeCarriesTheKernelsExtendedAckText() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config.withStrict(true))) {
            // A link dump filtered by index is invalid under strict checking.
            Message request = Message.of(RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, ifinfomsg(1));
            assertThatThrownBy(() -> conn.execute(request))
                    .isInstanceOfSatisfying(NetlinkErrorException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("EINVAL");
                        assertThat(e.extendedMessage()).contains("not supported for link dumps");
                    })
                    .hasMessageContaining("not supported for link dumps");
        }
        try (Conn lenient = Conn.dial(Protocol.ROUTE, config)) {
            assertThat(lenient.execute(Message.of(RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, ifinfomsg(1)))).hasSize(7);
        }
    }

    @Test
    void receivesLinkNotificationOfJoinedGroup() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            conn.joinGroup(RTNLGRP_LINK);
            ns.ip("link add jm0 type veth peer name jm1");
            conn.setReadDeadline(Instant.now().plusSeconds(1));
            List<Message> seen = new ArrayList<>();
            while (seen.stream().noneMatch(m -> m.header().type() == RTM_NEWLINK && "jm0".equals(linkAttributes(m).get(IFLA_IFNAME)))) {
                seen.addAll(conn.receive());
            }
            assertThat(seen).allSatisfy(m -> assertThat(m.header().pid()).isZero());
            ns.ip("link del jm0");
        }
    }

    @Test
    void bindTimeGroupsDeliverNotifications() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config.withGroups(1 << (RTNLGRP_LINK - 1)))) {
            ns.ip("link add jb0 type veth peer name jb1");
            conn.setReadDeadline(Instant.now().plusSeconds(5));
            assertThat(conn.receive()).anySatisfy(m -> assertThat(m.header().type()).isEqualTo(RTM_NEWLINK));
            ns.ip("link del jb0");
        }
    }

    @Test
    void joinsGroupAbove31() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            conn.joinGroup(RTNLGRP_NEXTHOP);
            ns.ip("nexthop add id 77 blackhole");
            conn.setReadDeadline(Instant.now().plusSeconds(5));
            assertThat(conn.receive()).anySatisfy(m -> assertThat(m.header().type()).isEqualTo(RTM_NEWNEXTHOP));
            conn.leaveGroup(RTNLGRP_NEXTHOP);
            ns.ip("nexthop del id 77");
            conn.setReadDeadline(Instant.now().plusMillis(200));
            assertThatThrownBy(conn::receive).isInstanceOf(NetlinkTimeoutException.class);
        }
    }

    @Test
    void packetInfoReportsTheGroupOfEveryNotificationAbove32Too() {
        int ipv4Mcaddr = 37; // RTNLGRP_IPV4_MCADDR, Linux 6.13 and later
        int rtmNewMulticast = 56;
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            conn.setOption(ConnOption.PACKET_INFO, true);
            conn.joinGroup(RTNLGRP_LINK);
            conn.joinGroup(ipv4Mcaddr);
            ns.ip("link add jp0 type veth peer name jp1");
            ns.ip("link set jp1 up");
            ns.ip("link set jp0 up"); // the kernel joins 224.0.0.1 on it: RTM_NEWMULTICAST to group 37
            conn.setReadDeadline(Instant.now().plusSeconds(5));
            java.util.Map<Integer, java.util.Set<Integer>> typesByGroup = new java.util.TreeMap<>();
            while (!typesByGroup.getOrDefault(RTNLGRP_LINK, java.util.Set.of()).contains(RTM_NEWLINK)
                    || !typesByGroup.getOrDefault(ipv4Mcaddr, java.util.Set.of()).contains(rtmNewMulticast)) {
                Datagram d = conn.receiveDatagram();
                for (Message m : d.messages()) {
                    typesByGroup.computeIfAbsent(d.group(), g -> new java.util.TreeSet<>()).add(m.header().type());
                }
            }
            assertThat(typesByGroup.keySet()).containsOnly(RTNLGRP_LINK, ipv4Mcaddr);
            ns.ip("link del jp0");
        }
    }

    @Test
    void theObserverSeesTheGroupOfANotificationAndNoneForAReply() {
        List<int[]> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        ConnObserver observer = new ConnObserver() {
            @Override
            public void received(Message message, int group) {
                seen.add(new int[] {message.header().type(), group});
            }
        };
        try (Conn conn = Conn.dial(Protocol.ROUTE, config.withObserver(observer))) {
            conn.execute(Message.of(RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, ifinfomsg(0)));
            assertThat(seen).isNotEmpty().allSatisfy(t -> assertThat(t[1]).as("a reply's group").isZero());
            seen.clear();
            conn.joinGroup(RTNLGRP_LINK);
            ns.ip("link add jo0 type veth peer name jo1");
            conn.setReadDeadline(Instant.now().plusSeconds(5));
            while (seen.stream().noneMatch(t -> t[0] == RTM_NEWLINK)) {
                conn.receive();
            }
            assertThat(seen).allSatisfy(t -> assertThat(t[1]).as("a notification's group").isEqualTo(RTNLGRP_LINK));
            ns.ip("link del jo0");
        }
    }

    @Test
    void closeWakesABlockedReceiveAtOnce() throws Exception {
        Conn conn = Conn.dial(Protocol.ROUTE, config);
        conn.joinGroup(RTNLGRP_LINK);
        AtomicLong thrownAt = new AtomicLong();
        CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                conn.receive();
                return null;
            } catch (Throwable t) {
                thrownAt.set(System.nanoTime());
                return t;
            }
        });
        Thread.sleep(300);
        assertThat(blocked).isNotDone();
        long closedAt = System.nanoTime();
        conn.close();
        Throwable t = blocked.get(5, TimeUnit.SECONDS);
        assertThat(t).isInstanceOf(NetlinkClosedException.class);
        assertThat(Duration.ofNanos(thrownAt.get() - closedAt)).isLessThan(Duration.ofMillis(100));
        assertThatThrownBy(conn::receive).isInstanceOf(NetlinkClosedException.class);
        conn.close();
    }

    @Test
    void readDeadlineTimesOutAndConnStaysUsable() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            conn.joinGroup(RTNLGRP_LINK);
            conn.setReadDeadline(Instant.now().plusMillis(50));
            assertThatThrownBy(conn::receive).isInstanceOf(NetlinkTimeoutException.class).hasMessageContaining("receive");
            conn.setReadDeadline(null);
            assertThat(conn.execute(Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg(1)))).hasSize(1);
        }
    }

    @Test
    void deadlineSetWhileBlockedWakesTheReceiver() throws Exception {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            conn.joinGroup(RTNLGRP_LINK);
            CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    conn.receive();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            Thread.sleep(200);
            conn.setReadDeadline(Instant.now().minusSeconds(1));
            assertThat(blocked.get(5, TimeUnit.SECONDS)).isInstanceOf(NetlinkTimeoutException.class);
        }
    }

    @Test
    void concurrentExecutesNeverSeeEachOthersReplies() throws Exception {
        List<Integer> indexes = new ArrayList<>();
        for (JsonNode link : IpJson.of(ns, "link show")) {
            indexes.add(link.get("ifindex").asInt());
        }
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int index = indexes.get(t % indexes.size());
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 1000; i++) {
                        Message sent = Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg(index));
                        List<Message> replies = conn.execute(sent);
                        assertThat(replies).hasSize(1);
                        assertThat(ifIndex(replies.get(0))).isEqualTo(index);
                        assertThat(replies.get(0).header().pid()).isEqualTo(conn.pid());
                        ok++;
                    }
                    return ok;
                }));
            }
            pool.shutdown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(120, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(8000);
        }
    }

    @Test
    void sendWhileAnotherThreadBlocksInReceive() throws Exception {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            CompletableFuture<List<Message>> received = CompletableFuture.supplyAsync(conn::receive);
            Thread.sleep(100);
            Message sent = conn.send(Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg(1)));
            List<Message> replies = received.get(5, TimeUnit.SECONDS);
            Validate.validate(sent, replies);
            assertThat(ifIndex(replies.get(0))).isEqualTo(1);
        }
    }

    @Test
    void sendFillsLengthSequenceAndPid() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            assertThat(conn.pid()).isNotZero();
            Message a = conn.send(Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg(1)));
            Message b = conn.send(Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg(1)));
            assertThat(a.header().length()).isEqualTo(32);
            assertThat(a.header().pid()).isEqualTo(conn.pid());
            assertThat(b.header().sequence()).isEqualTo(a.header().sequence() + 1);
            assertThat(conn.receive().get(0).header().sequence()).isEqualTo(a.header().sequence());
            assertThat(conn.receive().get(0).header().sequence()).isEqualTo(b.header().sequence());
        }
    }

    @Test
    void sendAllSendsOneDatagramTheKernelAnswersInOrder() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            List<Message> sent = conn.sendAll(List.of(
                    Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg(1)),
                    Message.of(RTM_GETLINK, HeaderFlags.REQUEST, ifinfomsg(2))));
            assertThat(sent).hasSize(2);
            List<Message> first = conn.receive();
            List<Message> second = conn.receive();
            Validate.validate(sent.get(0), first);
            Validate.validate(sent.get(1), second);
            assertThat(ifIndex(first.get(0))).isEqualTo(1);
            assertThat(ifIndex(second.get(0))).isEqualTo(2);
        }
    }

    @Test
    void aListeningSocketWhoseBufferNobodyChoseGetsTheListenerBuffer() {
        int kernelDefault;
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            kernelDefault = conn.readBuffer();
            assertThat(kernelDefault).isLessThan(Conn.LISTENER_READ_BUFFER);
            conn.joinGroup(RTNLGRP_LINK);
            // root here: SO_RCVBUFFORCE passes rmem_max, and the kernel doubles what it grants
            assertThat(conn.readBuffer()).isEqualTo(2 * Conn.LISTENER_READ_BUFFER);
        }
        try (Conn conn = Conn.dial(Protocol.ROUTE, config.withGroups(1 << (RTNLGRP_LINK - 1)))) {
            assertThat(conn.readBuffer()).as("bind-time groups").isEqualTo(2 * Conn.LISTENER_READ_BUFFER);
        }
        try (Conn conn = Conn.dial(Protocol.ROUTE, config.withReceiveBufferSize(1 << 16))) {
            conn.joinGroup(RTNLGRP_LINK);
            assertThat(conn.readBuffer()).as("chosen in the config").isEqualTo(2 << 16);
        }
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            conn.setReadBuffer(1 << 16);
            conn.joinGroup(RTNLGRP_LINK);
            assertThat(conn.readBuffer()).as("chosen on the socket").isEqualTo(2 << 16);
        }
        System.setProperty("jnetlink.listenerReadBuffer", "0");
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            conn.joinGroup(RTNLGRP_LINK);
            assertThat(conn.readBuffer()).as("turned off").isEqualTo(kernelDefault);
        } finally {
            System.clearProperty("jnetlink.listenerReadBuffer");
        }
    }

    @Test
    void buffersAndOptions() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config.withReceiveBufferSize(1 << 20))) {
            assertThat(conn.readBuffer()).isEqualTo(2 << 20);
            conn.setReadBuffer(4 << 20);
            assertThat(conn.readBuffer()).isEqualTo(8 << 20);
            conn.setWriteBuffer(1 << 20);
            assertThat(conn.writeBuffer()).isEqualTo(2 << 20);
            for (ConnOption option : ConnOption.values()) {
                conn.setOption(option, true);
                conn.setOption(option, false);
            }
        }
    }

    @Test
    void dialErrorsNameTheProblem() {
        assertThatThrownBy(() -> Conn.dial(Protocol.ROUTE, Config.DEFAULT.withNetns("/var/run/netns/no-such-jnl-ns")))
                .isInstanceOfSatisfying(NetlinkSystemException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOENT"))
                .hasMessageContaining("/var/run/netns/no-such-jnl-ns");
        assertThatThrownBy(() -> Conn.dial(30, config))
                .isInstanceOfSatisfying(NetlinkSystemException.class, e -> assertThat(e.errnoName()).isEqualTo("EPROTONOSUPPORT"));
        assertThatThrownBy(() -> Conn.dial(99, config)).isInstanceOf(NetlinkException.class).hasMessageContaining("0-31");
    }

    @Test
    void argumentsAreCheckedWithClearErrors() {
        try (Conn conn = Conn.dial(Protocol.ROUTE, config)) {
            assertThatThrownBy(() -> conn.send(null)).isInstanceOf(NetlinkException.class).hasMessageContaining("null");
            assertThatThrownBy(() -> conn.execute(null)).isInstanceOf(NetlinkException.class).hasMessageContaining("null");
            assertThatThrownBy(() -> conn.sendAll(List.of())).isInstanceOf(NetlinkException.class);
            assertThatThrownBy(() -> conn.joinGroup(0)).isInstanceOf(NetlinkException.class).hasMessageContaining("group");
            assertThatThrownBy(() -> conn.setReadBuffer(-1)).isInstanceOf(NetlinkException.class);
            assertThatThrownBy(() -> conn.setOption(null, true)).isInstanceOf(NetlinkException.class);
            assertThatThrownBy(() -> conn.send(new Message(new Header(99, RTM_GETLINK, 1, 0, 0), new byte[16])))
                    .isInstanceOf(MalformedMessageException.class).hasMessageContaining("99");
        }
    }

    @Test
    void dialCloseCyclesLeakNoDescriptors() {
        // warm up lazily created JDK and jnr-ffi descriptors
        Conn.dial(Protocol.ROUTE, config).close();
        Conn.dial(Protocol.ROUTE).close();
        int before = FileDescriptors.count();
        for (int i = 0; i < 10_000; i++) {
            Conn conn = Conn.dial(Protocol.ROUTE);
            conn.close();
        }
        for (int i = 0; i < 100; i++) {
            Conn.dial(Protocol.ROUTE, config).close();
        }
        assertThat(FileDescriptors.count()).isEqualTo(before);
    }
}
