package io.github.jnetlink.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.Attribute;
import io.github.jnetlink.AttributeDecoder;
import io.github.jnetlink.AttributeEncoder;
import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.route.BondData;
import io.github.jnetlink.route.BondSlaveData;
import io.github.jnetlink.route.BridgeData;
import io.github.jnetlink.route.BridgeId;
import io.github.jnetlink.route.BridgePortData;
import io.github.jnetlink.route.GeneveData;
import io.github.jnetlink.route.GreData;
import io.github.jnetlink.route.IpTunnelData;
import io.github.jnetlink.route.LinkDriver;
import io.github.jnetlink.route.LinkDrivers;
import io.github.jnetlink.route.LinkInfoData;
import io.github.jnetlink.route.LinkMessage;
import io.github.jnetlink.route.LinkSlaveData;
import io.github.jnetlink.route.MacAddress;
import io.github.jnetlink.route.MacvlanData;
import io.github.jnetlink.route.NetkitData;
import io.github.jnetlink.route.TunData;
import io.github.jnetlink.route.VethData;
import io.github.jnetlink.route.VlanData;
import io.github.jnetlink.route.VrfSlaveData;
import io.github.jnetlink.route.VxlanData;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered {@link LinkDriver}'s {@code decode} and {@code decodeSlave} on arbitrary nests: each returns a
 * record or throws {@link MalformedMessageException} within {@link AllocationBound}, and a record it returns,
 * encoded by the driver, decodes to an equal record. The first input byte picks the kind (in
 * {@link LinkDrivers#kinds()} order), the second's low bit port data; the rest is the nest's payload. The seeds
 * are each kind's data as its driver writes it, with every shape of value (addresses, structs, nests, the peer).
 */
class LinkDriverFuzzTest {

    static final List<String> KINDS = List.copyOf(LinkDrivers.kinds());

    static byte[] seed(LinkInfoData data) {
        AttributeEncoder e = new AttributeEncoder();
        LinkDrivers.of(data.kind()).encode(data, e);
        return input(data.kind(), false, e.encode());
    }

    static byte[] seed(LinkSlaveData data) {
        AttributeEncoder e = new AttributeEncoder();
        LinkDrivers.of(data.kind()).encodeSlave(data, e);
        return input(data.kind(), true, e.encode());
    }

    static byte[] input(String kind, boolean slave, byte[] nest) {
        byte[] b = new byte[nest.length + 2];
        b[0] = (byte) KINDS.indexOf(kind);
        b[1] = (byte) (slave ? 1 : 0);
        System.arraycopy(nest, 0, b, 2, nest.length);
        return b;
    }

    static Stream<byte[]> seeds() throws UnknownHostException {
        InetAddress v4 = InetAddress.getByName("192.0.2.1");
        InetAddress v6 = InetAddress.getByName("2001:db8::1");
        MacAddress mac = MacAddress.parse("02:00:00:00:00:01");
        List<byte[]> out = new ArrayList<>();
        out.add(seed(BridgeData.builder().forwardDelay(1500).priority(32768).vlanFiltering(false)
                .bridgeId(new BridgeId(0x8000, mac)).helloTimer(12L).groupAddress(mac)
                .multiBoolOpt(new BridgeData.MultiBoolOpt(1, 7)).multicastQuerierState(List.of(new Attribute(1, v4
                        .getAddress()))).build()));
        out.add(seed(BridgePortData.builder().state(3).cost(2).learning(true).rootId(new BridgeId(1, mac))
                .holdTimer(5L).backupPort(4).build()));
        out.add(seed(VxlanData.builder().id(42).group(v4).local6(v6).port(4789).portRange(new VxlanData.PortRange(1,
                2)).gbp(true).ttlInherit(true).label(5).reservedBits(-1L).build()));
        out.add(seed(MacvlanData.builder("macvtap").mode(16).macAddressData(List.of(new Attribute(4, mac.bytes())))
                .macAddressCount(1).build()));
        out.add(seed(TunData.builder().type(2).owner(1000).multiQueue(true).queueCount(2).build()));
        out.add(seed(VethData.peer("vb")));
        out.add(seed(NetkitData.builder().peer(LinkMessage.builder().name("nk1").mtu(1500).build()).mode(1).build()));
        out.add(seed(VlanData.builder().id(7).protocol(0x8100).flags(new VlanData.Flags(1, -1))
                .egressQos(List.of(new VlanData.QosMapping(1, 2))).build()));
        out.add(seed(BondData.builder().mode(1).miimon(100).adActorSystem(mac)
                .arpIpTargets(List.of(new Attribute(0, v4.getAddress()))).build()));
        out.add(seed(BondSlaveData.builder().state(0).permanentAddress(mac).priority(-1).build()));
        out.add(seed(VrfSlaveData.builder().table(10).build()));
        out.add(seed(GreData.builder("ip6gre").local(v6).remote(v6).inputKey(1).collectMetadata(true).build()));
        out.add(seed(IpTunnelData.builder("sit").flags(1).sixrdPrefix(v6).sixrdRelayPrefix(v4).build()));
        out.add(seed(IpTunnelData.builder("ip6tnl").flags(0x30000).local(v6).build()));
        out.add(seed(GeneveData.builder().id(1).remote(v4).remote6(v6).port(6081).innerProtoInherit(true).build()));
        return out.stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] input) {
        if (input.length < 2) {
            return;
        }
        LinkDriver driver = LinkDrivers.of(KINDS.get(Math.floorMod(input[0], KINDS.size())));
        boolean slave = (input[1] & 1) != 0;
        byte[] nest = Arrays.copyOfRange(input, 2, input.length);
        Object[] result = new Object[1];
        AllocationBound.check(driver.kind() + " driver", nest.length, () -> {
            try {
                result[0] = slave ? driver.decodeSlave(new AttributeDecoder(nest))
                        : driver.decode(new AttributeDecoder(nest));
            } catch (MalformedMessageException expected) {
                result[0] = null;
            }
        });
        AttributeEncoder e = new AttributeEncoder();
        if (result[0] instanceof LinkSlaveData port && slave) {
            driver.encodeSlave(port, e);
            assertThat(driver.decodeSlave(new AttributeDecoder(e.encode()))).as("%s port data of its own encoding",
                    driver.kind()).isEqualTo(port);
        } else if (result[0] instanceof LinkInfoData data) {
            driver.encode(data, e);
            assertThat(driver.decode(new AttributeDecoder(e.encode()))).as("%s data of its own encoding",
                    driver.kind()).isEqualTo(data);
        }
    }
}
