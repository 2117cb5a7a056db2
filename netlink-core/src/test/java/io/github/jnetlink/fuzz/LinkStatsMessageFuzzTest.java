package io.github.jnetlink.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.Attribute;
import io.github.jnetlink.route.LinkStats;
import io.github.jnetlink.route.LinkStatsMessage;
import io.github.jnetlink.route.RouteMessageType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LinkStatsMessage#decode} on arbitrary payloads, checked by {@link DecoderOracle}; seeds shaped as
 * {@code rtnl_fill_statsinfo} sends them, every group present in one.
 */
class LinkStatsMessageFuzzTest {

    static Stream<byte[]> seeds() {
        LinkStats s = new LinkStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                24, 25);
        return Stream.of(
                new LinkStatsMessage(RouteMessageType.RTM_NEWSTATS, 0, 3, LinkStatsMessage.FILTER_LINK_64, s, null,
                        null, null, null, List.of()),
                new LinkStatsMessage(RouteMessageType.RTM_NEWSTATS, 0, 4, LinkStatsMessage.FILTER_ALL, s,
                        List.of(new Attribute(LinkStatsMessage.LINK_XSTATS_TYPE_BRIDGE, new byte[8])), List.of(),
                        List.of(new Attribute(LinkStatsMessage.IFLA_OFFLOAD_XSTATS_CPU_HIT, s.encode())),
                        List.of(new Attribute(28, new byte[4])), List.of()))
                .map(LinkStatsMessage::encode);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] payload) {
        LinkStatsMessage m = DecoderOracle.check("LinkStatsMessage.decode", payload, RouteMessageType.RTM_NEWSTATS,
                LinkStatsMessage::decode, LinkStatsMessage::encode);
        if (m != null) {
            try {
                m.offloadCpuHit();
            } catch (io.github.jnetlink.MalformedMessageException expected) {
                // a CPU_HIT shorter than rtnl_link_stats64 is reported, not thrown as anything else
            }
        }
    }
}
