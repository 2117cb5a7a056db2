package io.github.jnetlink.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.Attribute;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.NexthopMessage;
import io.github.jnetlink.route.RouteEncap;
import io.github.jnetlink.route.RouteMessageType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NexthopMessage#decode} on arbitrary payloads, checked by {@link DecoderOracle}. {@link KernelSeeds} does
 * not capture nexthop dumps, so the seeds are payloads shaped as the kernel's {@code nh_fill_info} writes them:
 * single paths of both families, a blackhole, groups with weights above 256, a resilient group, an
 * encapsulation and attributes kept raw.
 */
class NexthopMessageFuzzTest {

    static Stream<byte[]> seeds() throws UnknownHostException {
        return Stream.of(
                NexthopMessage.builder().id(1).index(3).scope(253).gateway(InetAddress.getByName("10.0.0.2")).build(),
                NexthopMessage.builder().id(4).index(3).scope(253).gateway(InetAddress.getByName("2001:db8::2")).build(),
                NexthopMessage.builder().id(3).family(AddressFamily.INET).blackhole(true).build(),
                NexthopMessage.builder().id(10).addMember(1, 1).addMember(2, 300)
                        .groupType(NexthopMessage.NEXTHOP_GRP_TYPE_MPATH).build(),
                NexthopMessage.builder().id(11).addMember(1, 1).addMember(2, 1)
                        .groupType(NexthopMessage.NEXTHOP_GRP_TYPE_RES)
                        .resilientGroup(new NexthopMessage.ResilientGroup(8, 10000, 0, 0L, List.of())).build(),
                NexthopMessage.builder().id(5).index(3).gateway(InetAddress.getByName("10.0.0.2"))
                        .encap(RouteEncap.mpls(100, 200)).fdb(true).build(),
                NexthopMessage.builder().id(20).addMember(1, 1)
                        .addUnknown(new Attribute(NexthopMessage.NHA_GROUP_STATS | 0x8000, new byte[] {4, 0, 1, 0}))
                        .opFlags(NexthopMessage.NHA_OP_FLAG_RESP_GRP_RESVD_0)
                        .addUnknown(new Attribute(NexthopMessage.NHA_HW_STATS_USED, new byte[4])).build())
                .map(NexthopMessage::encode);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] payload) {
        DecoderOracle.check("NexthopMessage.decode", payload, RouteMessageType.RTM_NEWNEXTHOP, NexthopMessage::decode,
                NexthopMessage::encode);
    }
}
