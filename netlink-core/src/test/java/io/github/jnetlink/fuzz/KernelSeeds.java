package io.github.jnetlink.fuzz;

import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.ConnOption;
import io.github.jnetlink.Datagram;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.HeaderType;
import io.github.jnetlink.Message;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.test.Netns;
import io.github.jnetlink.test.NetnsExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Real kernel datagrams to start the fuzzers from: the replies to link, address, route, neighbour and generic
 * netlink family dumps, and acknowledgements and errors with extended-ACK attributes.
 *
 * <p>Two sources. {@code fuzz/kernel-seeds.txt} holds datagrams captured once (one a line, {@code KIND HEX}),
 * so the fuzzers have seeds even without root; and, when this process may create network namespaces, the same
 * dumps are captured again from the running kernel in a throwaway namespace built by {@link #SETUP}, so a new
 * kernel's attributes become seeds on their own. To refresh the stored file, run any fuzz test as root with
 * {@code -Dfuzz.printSeeds=true} and paste the lines it prints.
 */
final class KernelSeeds {

    /** Which dump (or exchange) a datagram answers. */
    enum Kind { LINK, ADDRESS, ROUTE, NEIGHBOR, FAMILY, ACK }

    /**
     * The namespace the live capture dumps: veth pairs, a bridge, IPv4 and IPv6 addresses, plain and
     * multipath routes, permanent neighbours, and IPv4-mapped IPv6 ones, which the kernel accepts in all three.
     */
    static final List<String> SETUP = List.of(
            "link add va0 mtu 1400 type veth peer name vb0",
            "link add va1 type veth peer name vb1",
            "link add br0 type bridge",
            "link set vb1 master br0",
            "link set va0 up", "link set vb0 up", "link set va1 up", "link set vb1 up", "link set br0 up",
            "addr add 10.1.0.1/24 dev va0",
            "addr add 10.1.1.1/24 dev va1 label va1:x",
            "addr add 10.2.0.1/24 broadcast 10.2.0.255 dev br0",
            "addr add fd00::1/64 dev va0 nodad",
            "addr add ::ffff:10.9.9.9/128 dev va1 nodad",
            "route add 10.100.0.0/24 via 10.1.0.2 metric 50",
            "route add 10.100.1.0/24 dev va0 table 100000",
            "route add 10.100.7.0/24 nexthop via 10.1.0.2 dev va0 nexthop via 10.1.1.2 dev va1 weight 3",
            "route add fd10::/64 via fd00::2 dev va0",
            "route add fd10:6::/64 nexthop via fd00::2 dev va0 nexthop via fd00::3 dev va0 weight 2",
            "route add ::ffff:10.0.0.0/104 dev va1",
            "neigh add 10.1.0.9 lladdr 02:00:00:00:00:09 dev va0 nud permanent",
            "neigh add fd00::9 lladdr 02:00:00:00:00:0a dev va0 nud permanent",
            "neigh add ::ffff:10.9.9.1 lladdr 02:00:00:00:00:0b dev va1 nud permanent");

    private static final String RESOURCE = "/fuzz/kernel-seeds.txt";
    private static final int RTM_GETLINK = 18;
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_GETADDR = 22;
    private static final int RTM_GETROUTE = 26;
    private static final int RTM_GETNEIGH = 30;
    private static final int GENL_ID_CTRL = 0x10;
    private static final int CTRL_CMD_GETFAMILY = 3;
    private static final int IFA_LOCAL = 2;

    private static Map<Kind, List<byte[]>> datagrams;

    private KernelSeeds() {
    }

    /** @return the datagrams of one kind, stored and live, each as the kernel framed it */
    static synchronized List<byte[]> datagrams(Kind kind) {
        if (datagrams == null) {
            datagrams = load();
        }
        return datagrams.get(kind);
    }

    /** @return every message of the datagrams of {@code kind}, each encoded alone */
    static List<byte[]> messages(Kind kind) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] d : datagrams(kind)) {
            out.addAll(split(d));
        }
        return out;
    }

    /** @return the payloads ({@link Message#data()}) of the messages of {@code kind}, control messages left out */
    static List<byte[]> payloads(Kind kind) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] m : messages(kind)) {
            Message message = Message.unmarshal(m);
            if (message.header().type() >= HeaderType.MIN_TYPE) {
                out.add(message.data());
            }
        }
        return out;
    }

    /** @return every datagram of every kind */
    static List<byte[]> allDatagrams() {
        List<byte[]> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            out.addAll(datagrams(k));
        }
        return out;
    }

    /** Splits a well-formed datagram at its headers' lengths, each message padded to 4 bytes. */
    static List<byte[]> split(byte[] datagram) {
        List<byte[]> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder());
        int off = 0;
        while (off + 16 <= datagram.length) {
            int length = b.getInt(off);
            int padded = (length + 3) & ~3;
            out.add(Arrays.copyOfRange(datagram, off, off + padded));
            off += padded;
        }
        return out;
    }

    private static Map<Kind, List<byte[]>> load() {
        Map<Kind, List<byte[]>> out = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            out.put(k, new ArrayList<>());
        }
        try (InputStream in = KernelSeeds.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] kv = line.trim().split(" ", 2);
                out.get(Kind.valueOf(kv[0])).add(HexFormat.of().parseHex(kv[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Kind, List<byte[]>> live = captureIfPrivileged();
        live.forEach((k, v) -> out.get(k).addAll(v));
        if (Boolean.getBoolean("fuzz.printSeeds")) {
            live.forEach((k, v) -> v.forEach(d -> System.out.println(k + " " + HexFormat.of().formatHex(d))));
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }

    /** Captures from a throwaway namespace, or returns nothing when this process may not make one. */
    private static Map<Kind, List<byte[]>> captureIfPrivileged() {
        Map<Kind, List<byte[]>> out = new EnumMap<>(Kind.class);
        Netns ns;
        try {
            ns = Netns.create("fuzzseed");
        } catch (IllegalStateException e) {
            // no root or no ip: the seeds in the resource file have to do, unless the build requires namespaces
            if ("true".equalsIgnoreCase(System.getProperty(NetnsExtension.REQUIRED_PROPERTY, "").strip())) {
                throw e;
            }
            return out;
        }
        try (ns) {
            ns.batch(SETUP);
            Config config = Config.DEFAULT.withNetns(ns.path());
            try (Conn route = Conn.dial(Protocol.ROUTE, config)) {
                out.put(Kind.LINK, dump(route, RTM_GETLINK, new byte[16]));
                out.put(Kind.ADDRESS, dump(route, RTM_GETADDR, new byte[8]));
                out.put(Kind.ROUTE, dump(route, RTM_GETROUTE, new byte[12]));
                out.put(Kind.NEIGHBOR, dump(route, RTM_GETNEIGH, new byte[12]));
            }
            try (Conn generic = Conn.dial(Protocol.GENERIC, config)) {
                out.put(Kind.FAMILY, dump(generic, GENL_ID_CTRL, new byte[] {CTRL_CMD_GETFAMILY, 1, 0, 0}));
            }
            out.put(Kind.ACK, acknowledgements(config));
        }
        return out;
    }

    /** Sends a dump request and returns its reply datagrams as received, NLMSG_DONE included. */
    private static List<byte[]> dump(Conn conn, int type, byte[] payload) {
        conn.send(Message.of(type, HeaderFlags.REQUEST | HeaderFlags.DUMP, payload));
        return replies(conn);
    }

    /**
     * An acknowledgement, and errors with extended-ACK attributes, both with the request repeated in full and
     * capped ({@code NETLINK_CAP_ACK}).
     */
    private static List<byte[]> acknowledgements(Config config) {
        List<byte[]> out = new ArrayList<>();
        for (boolean capped : new boolean[] {false, true}) {
            try (Conn conn = Conn.dial(Protocol.ROUTE, config.withStrict(true))) {
                conn.setOption(ConnOption.CAP_ACKNOWLEDGE, capped);
                // 10.7.0.1/24 on lo: acknowledged with error code 0 the first time, EEXIST or 0 the second.
                byte[] ifaddrmsg = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).put((byte) 2).put((byte) 24)
                        .putShort((short) 0).putInt(1).array();
                byte[] good = new AttributeEncoder().header(ifaddrmsg).bytes(IFA_LOCAL, new byte[] {10, 7, 0, 1}).encode();
                conn.send(Message.of(RTM_NEWADDR, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE | HeaderFlags.CREATE, good));
                out.addAll(replies(conn));
                // A prefix length of 99 for IPv4: EINVAL, with an extended-ACK message.
                byte[] bad = good.clone();
                bad[1] = 99;
                conn.send(Message.of(RTM_NEWADDR, HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE | HeaderFlags.CREATE, bad));
                out.addAll(replies(conn));
                // A strict GET with a bogus header field: EINVAL naming the field.
                conn.send(Message.of(RTM_GETLINK, HeaderFlags.REQUEST | HeaderFlags.DUMP, new byte[] {0, 0, 1, 0, 0, 0, 0, 0,
                        0, 0, 0, 0, 0, 0, 0, 0}));
                out.addAll(replies(conn));
            }
        }
        return out;
    }

    /** Receives datagrams as they are until one ends without NLM_F_MULTI or with NLMSG_DONE. */
    private static List<byte[]> replies(Conn conn) {
        List<byte[]> out = new ArrayList<>();
        conn.setReadDeadline(Instant.now().plusSeconds(5));
        while (true) {
            Datagram d = conn.receiveDatagram();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (Message m : d.messages()) {
                bytes.writeBytes(m.marshal());
            }
            out.add(bytes.toByteArray());
            Message last = d.messages().get(d.messages().size() - 1);
            if (!last.header().has(HeaderFlags.MULTI) || last.header().type() == HeaderType.DONE) {
                return out;
            }
        }
    }
}
