package io.github.jnetlink.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.Attribute;
import io.github.jnetlink.route.FdbEntry;
import io.github.jnetlink.route.MacAddress;
import io.github.jnetlink.route.NeighborCacheInfo;
import io.github.jnetlink.route.RouteMessageType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FdbEntry#decode} on arbitrary payloads, checked by {@link DecoderOracle}. The seeds are a bridge entry
 * and VXLAN entries shaped as {@code fdb_fill_info} and {@code vxlan_fdb_info} send them.
 */
class FdbEntryFuzzTest {

    static Stream<byte[]> seeds() throws UnknownHostException {
        return Stream.of(
                FdbEntry.builder().index(4).state(FdbEntry.NUD_NOARP).flags(FdbEntry.NTF_STICKY)
                        .address(MacAddress.parse("02:00:00:00:00:01")).master(2).vlan(10).extendedFlags(0)
                        .cacheInfo(new NeighborCacheInfo(0, 150, 250, 0)).build(),
                FdbEntry.builder().index(7).neighborType(1).address(MacAddress.parse("00:00:00:00:00:00"))
                        .destination(InetAddress.getByName("10.0.0.3")).port(5000).vni(43).remoteIndex(5).sourceVni(42)
                        .addUnknown(new Attribute(FdbEntry.NDA_LINK_NETNSID, new byte[] {1, 0, 0, 0})).build(),
                FdbEntry.builder().index(7).address(MacAddress.parse("02:00:00:00:00:09"))
                        .destination(InetAddress.getByName("2001:db8::1")).build())
                .map(FdbEntry::encode);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] payload) {
        if (payload.length > 0) {
            // FdbEntry decodes only AF_BRIDGE; let the fuzzer spend its time past the family byte
            payload[0] = 7;
        }
        DecoderOracle.check("FdbEntry.decode", payload, RouteMessageType.RTM_NEWNEIGH, FdbEntry::decode,
                FdbEntry::encode);
    }
}
