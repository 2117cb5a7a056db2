package io.github.jnetlink.family.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.Message;
import io.github.jnetlink.route.AddressMessage;
import io.github.jnetlink.route.LinkInfo;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.RawLinkData;
import io.github.jnetlink.route.RouteMessage;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.ynl.AttrType;
import io.github.jnetlink.ynl.AttributeSet;
import io.github.jnetlink.ynl.AttributeSpec;
import io.github.jnetlink.ynl.Spec;
import io.github.jnetlink.ynl.SpecLoader;
import io.github.jnetlink.ynl.SubMessage;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks the kernel's YNL specs ({@code rt_link.yaml}, {@code rt_addr.yaml}, {@code rt_route.yaml} of Linux 6.12,
 * fetched by {@code scripts/ynl-specs.sh} into the ignored {@code build/}) and checks that every attribute of the
 * sets the typed records decode is decoded by one: for each attribute the test builds a kernel-shaped message (the
 * fixed header, then that one attribute with a payload valid for its spec type, inside the nests that lead to its
 * set) and decodes it with the record's public decoder. The attribute must not end in the record's raw list
 * ({@code unknown()}, or the raw list of the nest that holds it), unless {@link #DELIBERATELY_RAW} names it with
 * a reason; an entry there that is in fact decoded fails too, so the list cannot rot.
 *
 * <p>Which attributes are typed is never listed here: it is what the decoders do. The specs of neighbours
 * ({@code rt_neigh.yaml}) and rules ({@code rt_rule.yaml}) do not exist in 6.12, so those records are not walked;
 * nor are the kinds with a driver but no format in the 6.12 spec's {@code linkinfo-data-msg} (vxlan, macvlan,
 * macvtap, ipvlan, veth, ip6tnl, vti, wireguard, ifb). {@link #KERNEL_PAYLOADS} gives the payload the kernel sends
 * where the spec's type is wrong (the decoders follow the kernel).
 * Without the specs the test is skipped, except with {@code CI=true}, where it fails.
 */
class RouteSpecCoverageTest {

    static final Path NETLINK = Path.of("..", "build", "ynl-specs", "linux-source-6.12", "Documentation", "netlink");

    private static final int AF_INET = 2;

    /** "set/attribute" of every attribute left raw on purpose, with the reason. */
    static final Map<String, String> DELIBERATELY_RAW = Map.ofEntries(
            Map.entry("link-attrs/stats", "struct rtnl_link_stats, the 32-bit counters; stats64() carries the same, and ip prints those"),
            Map.entry("link-attrs/cost", "unused: no kernel code sends IFLA_COST"),
            Map.entry("link-attrs/priority", "unused: no kernel code sends IFLA_PRIORITY"),
            Map.entry("link-attrs/wireless", "wireless extensions events only, never in a link dump"),
            Map.entry("link-attrs/protinfo", "bridge port info in PF_BRIDGE dumps (the bridge link service), not in RTM_NEWLINK of AF_UNSPEC"),
            Map.entry("link-attrs/map", "struct rtnl_link_ifmap, ISA-era I/O settings; ip does not print it"),
            Map.entry("link-attrs/weight", "unused: no kernel code sends IFLA_WEIGHT"),
            Map.entry("link-attrs/net-ns-pid", "request-only: moves a link to a pid's namespace"),
            Map.entry("link-attrs/num-vf", "SR-IOV only: no virtual link has VFs, ip prints it only for physical NICs"),
            Map.entry("link-attrs/vfinfo-list", "SR-IOV only (with ext-mask RTEXT_FILTER_VF); kept raw"),
            Map.entry("link-attrs/vf-ports", "SR-IOV port profiles (enic), kept raw"),
            Map.entry("link-attrs/port-self", "SR-IOV port profiles (enic), kept raw"),
            Map.entry("link-attrs/net-ns-fd", "request-only: moves a link to a namespace by fd"),
            Map.entry("link-attrs/ext-mask", "request-only: the dump's RTEXT_FILTER_* mask"),
            Map.entry("link-attrs/phys-port-id", "physical NICs only; no virtual link reports it"),
            Map.entry("link-attrs/phys-switch-id", "physical NICs (switchdev) only; no virtual link reports it"),
            Map.entry("link-attrs/phys-port-name", "physical NICs (switchdev) only; no virtual link reports it"),
            Map.entry("link-attrs/xdp", "typed as raw nest: ip prints it only with a program attached"),
            Map.entry("link-attrs/event", "IFLA_EVENT, notifications only (ip monitor), never in a dump"),
            Map.entry("link-attrs/new-netnsid", "notifications only: the namespace a link moved to"),
            Map.entry("link-attrs/target-netnsid", "request-only: dump another namespace by nsid"),
            Map.entry("link-attrs/new-ifindex", "notifications only: the index a link got in its new namespace"),
            Map.entry("link-attrs/alt-ifname", "request-only at top level (RTM_NEWLINKPROP); dumps nest it in prop-list, which is typed"),
            Map.entry("link-attrs/devlink-port", "devlink-managed NICs only; ip prints it via devlink, not link"),
            Map.entry("link-attrs/dpll-pin", "NICs with a DPLL pin only"),
            Map.entry("af-spec-attrs/inet", "typed as raw nest LinkAfSpec.families(): ipv4 devconf, ip -d link does not print it"),
            Map.entry("af-spec-attrs/mctp", "MCTP links only; kept in LinkAfSpec.families()"),
            Map.entry("ifla6-attrs/flags", "kept in LinkAfSpec.inet6(); ip link does not print it"),
            Map.entry("ifla6-attrs/conf", "ipv6 devconf array, kept in LinkAfSpec.inet6(); ip link does not print it"),
            Map.entry("ifla6-attrs/stats", "IPv6 MIB counters, kept in LinkAfSpec.inet6(); ip link does not print them"),
            Map.entry("ifla6-attrs/mcast", "unused: the kernel never fills IFLA_INET6_MCAST"),
            Map.entry("ifla6-attrs/cacheinfo", "kept in LinkAfSpec.inet6(); ip link does not print it"),
            Map.entry("ifla6-attrs/icmp6-stats", "ICMPv6 MIB counters, kept in LinkAfSpec.inet6(); ip link does not print them"),
            Map.entry("ifla6-attrs/token", "kept in LinkAfSpec.inet6(); shown by ip token, not ip link"),
            Map.entry("ifla6-attrs/ra-mtu", "kept in LinkAfSpec.inet6(); ip link does not print it"),
            Map.entry("linkinfo-attrs/xstats", "driver-private statistics (ip -s -d for bridge/bond only as xstats dump, RTM_GETSTATS)"),
            Map.entry("addr-attrs/ifa-anycast", "RTM_GETANYCAST replies only, not ip addr dumps"),
            Map.entry("addr-attrs/ifa-multicast", "RTM_GETMULTICAST replies only, not ip addr dumps"),
            Map.entry("addr-attrs/ifa-target-netnsid", "request-only: dump another namespace by nsid"),
            Map.entry("route-attrs/rta-iif", "RTM_GETROUTE replies and multicast (ipmr) routes only, never in a unicast dump"),
            Map.entry("route-attrs/rta-protoinfo", "unused: no kernel code sends RTA_PROTOINFO"),
            Map.entry("route-attrs/rta-session", "unused: no kernel code sends RTA_SESSION"),
            Map.entry("route-attrs/rta-mp-algo", "unused: no kernel code sends RTA_MP_ALGO"),
            Map.entry("route-attrs/rta-mark", "RTM_GETROUTE replies only (ip route get ... mark), never in a dump"),
            Map.entry("route-attrs/rta-mfc-stats", "multicast (ipmr) cache entries only (ip mroute)"),
            Map.entry("route-attrs/rta-newdst", "AF_MPLS routes only (label swap); this record decodes AF_INET/AF_INET6 routes"),
            Map.entry("route-attrs/rta-pad", "padding for the 64-bit attributes"),
            Map.entry("route-attrs/rta-uid", "RTM_GETROUTE replies only (ip route get ... uid), never in a dump"),
            Map.entry("route-attrs/rta-ttl-propagate", "AF_MPLS routes only; this record decodes AF_INET/AF_INET6 routes"),
            Map.entry("route-attrs/rta-ip-proto", "request-only: ip route get ... ipproto"),
            Map.entry("route-attrs/rta-sport", "request-only: ip route get ... sport"),
            Map.entry("route-attrs/rta-dport", "request-only: ip route get ... dport"));

    /** A payload the kernel sends where the 6.12 spec's type says otherwise, with the reason. */
    private record Payload(byte[] bytes, String reason) {
    }

    /** "set/attribute" whose spec type is not what the kernel puts on the wire (see the kernel's nla_policy). */
    static final Map<String, Payload> KERNEL_PAYLOADS = Map.of(
            "link-attrs/proto-down-reason", new Payload(new byte[0], "spec says string; the kernel nests IFLA_PROTO_DOWN_REASON_VALUE"),
            "linkinfo-gre-attrs/encap-limit", new Payload(new byte[] {1}, "spec says u32; ip6_gre's policy is NLA_U8"),
            "linkinfo-bridge-attrs/fdb-flush", new Payload(new byte[0], "spec says binary; br_policy is NLA_FLAG"),
            "linkinfo-bridge-attrs/mcast-querier-state", new Payload(new byte[0], "spec says binary; the kernel sends a nest"),
            "linkinfo-netkit-attrs/peer-info", new Payload(new byte[16], "spec says binary; it is a struct ifinfomsg and attributes"),
            "route-attrs/rta-multipath", new Payload(new byte[] {8, 0, 0, 0, 1, 0, 0, 0}, "a run of struct rtnexthop"),
            "route-attrs/rta-cacheinfo", new Payload(new byte[32], "spec's rta-cacheinfo has 5 of the kernel's 8 u32s"),
            "route-attrs/rta-encap", new Payload(new byte[0], "spec says binary; the kernel sends a nest"),
            "route-attrs/rta-via", new Payload(new byte[] {AF_INET, 0, 10, 0, 0, 1}, "struct rtvia: u16 family, then the address"));

    /** The {@link #KERNEL_PAYLOADS} entries a walk used, so that one no spec needs fails. */
    private static final java.util.Set<String> PAYLOADS_USED = new java.util.HashSet<>();

    private static Spec link;
    private static Spec addr;
    private static Spec route;

    @BeforeAll
    static void loadSpecs() {
        if (!Files.isDirectory(NETLINK.resolve("specs"))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but " + NETLINK.toAbsolutePath() + " is missing: run scripts/ynl-specs.sh first");
            }
            Assumptions.abort("the kernel's specs are not fetched: scripts/ynl-specs.sh");
        }
        SpecLoader loader = SpecLoader.withSchemas(NETLINK);
        link = loader.load(NETLINK.resolve("specs/rt_link.yaml"));
        addr = loader.load(NETLINK.resolve("specs/rt_addr.yaml"));
        route = loader.load(NETLINK.resolve("specs/rt_route.yaml"));
    }

    /** One set to walk: how to wrap one attribute into a message, and what the decoder left raw of it. */
    private record Walk(Spec spec, String set, Function<byte[], List<Attribute>> leftover) {
    }

    @Test
    void everyAttributeIsTypedOrDeliberatelyRaw() {
        List<Walk> walks = new ArrayList<>();
        walks.add(new Walk(link, "link-attrs", attr -> decodeLink(attr).unknown()));
        walks.add(new Walk(link, "prop-list-link-attrs", attr -> {
            LinkMessage m = decodeLink(nest(LinkMessage.IFLA_PROP_LIST, attr));
            // the decoder keeps only alternative names of this nest and drops the rest
            return m.altNames().isEmpty() ? List.of(raw(attr)) : List.of();
        }));
        walks.add(new Walk(link, "af-spec-attrs",
                attr -> decodeLink(nest(LinkMessage.IFLA_AF_SPEC, attr)).afSpec().families()));
        walks.add(new Walk(link, "ifla6-attrs",
                attr -> decodeLink(nest(LinkMessage.IFLA_AF_SPEC, nest(10, attr))).afSpec().inet6()));
        walks.add(new Walk(link, "linkinfo-attrs", attr -> {
            LinkInfo info = decodeLink(nest(LinkMessage.IFLA_LINKINFO, attr)).linkInfo();
            return readByAccessor(info) ? List.of() : List.of(raw(attr));
        }));
        for (SubMessage.Format f : link.subMessages().get("linkinfo-data-msg").formats()) {
            walks.add(new Walk(link, f.attributeSet() + "@" + f.value(), attr -> {
                Object data = decodeLink(nest(LinkMessage.IFLA_LINKINFO,
                        concat(string(LinkInfo.IFLA_INFO_KIND, f.value()), nest(LinkInfo.IFLA_INFO_DATA, attr))))
                        .linkInfo().data();
                return rawOf(data);
            }));
        }
        for (SubMessage.Format f : link.subMessages().get("linkinfo-member-data-msg").formats()) {
            walks.add(new Walk(link, f.attributeSet() + "@" + f.value(), attr -> {
                Object data = decodeLink(nest(LinkMessage.IFLA_LINKINFO,
                        concat(string(LinkInfo.IFLA_INFO_SLAVE_KIND, f.value()), nest(LinkInfo.IFLA_INFO_SLAVE_DATA, attr))))
                        .linkInfo().slaveData();
                return rawOf(data);
            }));
        }
        walks.add(new Walk(addr, "addr-attrs", attr -> decodeAddress(attr).unknown()));
        walks.add(new Walk(route, "route-attrs", attr -> decodeRoute(attr).unknown()));
        walks.add(new Walk(route, "rta-metrics", attr -> decodeRoute(nest(RouteMessage.RTA_METRICS, attr)).metrics().unknown()));

        List<String> problems = new ArrayList<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> allowed = new TreeMap<>(DELIBERATELY_RAW);
        for (Walk w : walks) {
            String setName = w.set().contains("@") ? w.set().substring(0, w.set().indexOf('@')) : w.set();
            AttributeSet set = w.spec().attributeSet(setName);
            List<AttributeSpec> attrs = set.subsetOf() == null ? set.attributes() : set.attributes().stream()
                    .map(a -> w.spec().attributeSet(set.subsetOf()).attribute(a.name()).orElseThrow()).toList();
            int[] count = counts.computeIfAbsent(w.set(), k -> new int[2]);
            for (AttributeSpec a : attrs) {
                if (a.type() == AttrType.UNUSED || a.type() == AttrType.PAD) {
                    continue;
                }
                String key = w.set() + "/" + a.name();
                byte[] attr = attribute(w.spec(), setName, a, 0);
                boolean typed;
                try {
                    List<Attribute> left = w.leftover().apply(attr);
                    typed = left.stream().noneMatch(x -> (x.type() & AttributeEncoder.TYPE_MASK) == a.value());
                } catch (RuntimeException e) {
                    problems.add(key + " (" + a.type().yamlName() + "): the decoder rejects a valid payload: " + e);
                    continue;
                }
                String reason = allowed.remove(key);
                if (typed) {
                    count[0]++;
                    if (reason != null) {
                        problems.add(key + " is decoded but listed as deliberately raw (" + reason + ")");
                    }
                } else {
                    count[1]++;
                    if (reason == null) {
                        problems.add(key + " (" + a.type().yamlName() + ", " + a.value() + ") ends in unknown()");
                    }
                }
            }
        }
        allowed.keySet().forEach(k -> problems.add(k + " is listed as deliberately raw but no spec has it"));
        KERNEL_PAYLOADS.keySet().stream().filter(k -> !PAYLOADS_USED.contains(k))
                .forEach(k -> problems.add(k + " has a kernel payload but no spec has it"));
        counts.forEach((set, c) -> System.out.printf("%-40s typed %3d  deliberately raw %3d%n", set, c[0], c[1]));
        assertThat(problems).as("attributes neither typed nor deliberately raw").isEmpty();
    }

    // ---- the kernel-shaped messages

    private static LinkMessage decodeLink(byte[] attrs) {
        return LinkMessage.decode(Message.of(RouteMessageType.RTM_NEWLINK, 0, concat(new byte[LinkMessage.HEADER_SIZE], attrs)));
    }

    private static AddressMessage decodeAddress(byte[] attrs) {
        byte[] header = new byte[8]; // struct ifaddrmsg
        header[0] = AF_INET;
        header[1] = 24;
        return AddressMessage.decode(Message.of(RouteMessageType.RTM_NEWADDR, 0, concat(header, attrs)));
    }

    private static RouteMessage decodeRoute(byte[] attrs) {
        byte[] header = new byte[12]; // struct rtmsg
        header[0] = AF_INET;
        header[1] = 32;
        header[4] = (byte) 254;
        return RouteMessage.decode(Message.of(RouteMessageType.RTM_NEWROUTE, 0, concat(header, attrs)));
    }

    /** One attribute of the given spec, with a payload valid for its type. */
    private static byte[] attribute(Spec spec, String setName, AttributeSpec a, int depth) {
        AttributeEncoder e = new AttributeEncoder(64);
        int t = a.value();
        Payload fix = KERNEL_PAYLOADS.get(setName + "/" + a.name());
        if (fix != null) {
            PAYLOADS_USED.add(setName + "/" + a.name());
            return a.type() == AttrType.NEST || fix.reason().contains("nest") ? nest(t, fix.bytes()) : e.bytes(t, fix.bytes()).encode();
        }
        if (a.type() == AttrType.NEST && a.nestedAttributes() != null && depth < 2) {
            // a minimal body: the nested set's first attribute, as an empty nest may be (and is) kept raw
            AttributeSpec inner = spec.attributeSet(a.nestedAttributes()).attributes().stream()
                    .filter(x -> x.type() != AttrType.UNUSED && x.type() != AttrType.PAD).findFirst().orElse(null);
            if (inner != null) {
                return nest(t, attribute(spec, a.nestedAttributes(), inner, depth + 1));
            }
        }
        switch (a.type()) {
            case FLAG -> e.flag(t);
            case U8, S8 -> e.u8(t, 1);
            case U16, S16 -> e.u16(t, 1, a.byteOrder() == null ? ByteOrder.nativeOrder() : a.byteOrder());
            case U32, S32 -> e.u32(t, 1, a.byteOrder() == null ? ByteOrder.nativeOrder() : a.byteOrder());
            case U64, S64, UINT, SINT -> e.u64(t, 1);
            case BITFIELD32 -> e.bytes(t, new byte[8]);
            case STRING -> e.string(t, "x");
            case BINARY -> e.bytes(t, new byte[binarySize(spec, a)]);
            case NEST, INDEXED_ARRAY, NEST_TYPE_VALUE, SUB_MESSAGE -> e.nested(t, n -> { });
            default -> throw new AssertionError("type " + a.type() + " of " + a.name());
        }
        return e.encode();
    }

    private static int binarySize(Spec spec, AttributeSpec a) {
        if (a.struct() != null) {
            return spec.struct(a.struct()).size();
        }
        AttributeSpec.Checks c = a.checks();
        if (c.exactLen() != null) {
            return c.exactLen();
        }
        if (c.minLen() != null) {
            return c.minLen();
        }
        if ("mac".equals(a.displayHint())) {
            return 6;
        }
        if ("ipv6".equals(a.displayHint())) {
            return 16;
        }
        return 4; // an IPv4 address, the family of the messages' headers
    }

    private static byte[] nest(int type, byte[] body) {
        byte[] out = new byte[4 + body.length];
        ByteBuffer.wrap(out).order(ByteOrder.nativeOrder()).putShort((short) out.length)
                .putShort((short) (type | AttributeEncoder.NESTED));
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }

    private static byte[] string(int type, String value) {
        return new AttributeEncoder(32).string(type, value).encode();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Attribute raw(byte[] attr) {
        int type = ByteBuffer.wrap(attr).order(ByteOrder.nativeOrder()).getShort(2) & 0xFFFF;
        return new Attribute(type, new byte[0]);
    }

    /** The raw list of a driver record: its {@code unknown()}, or all of a {@link RawLinkData}. */
    @SuppressWarnings("unchecked")
    private static List<Attribute> rawOf(Object data) {
        if (data instanceof RawLinkData r) {
            return r.attributes();
        }
        try {
            return (List<Attribute>) data.getClass().getMethod("unknown").invoke(data);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(data.getClass() + " has no unknown()", e);
        }
    }

    /** Whether one of the accessors of {@link LinkInfo} other than its raw {@code attributes()} reads something. */
    private static boolean readByAccessor(LinkInfo info) {
        try {
            for (Method m : LinkInfo.class.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == 0 && !List.of("attributes", "toString", "hashCode").contains(m.getName())
                        && m.invoke(info) != null) {
                    return true;
                }
            }
            return false;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
