package io.github.jnetlink.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.Attribute;
import io.github.jnetlink.route.AddressFamily;
import io.github.jnetlink.route.RouteMessageType;
import io.github.jnetlink.route.RuleMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RuleMessage#decode} on arbitrary payloads, checked by {@link DecoderOracle}. The seeds are rules shaped
 * as {@code fib_nl_fill_rule} sends them (every attribute type the record knows, and one it keeps raw), built
 * here since {@link KernelSeeds} captures no rule dumps.
 */
class RuleMessageFuzzTest {

    static Stream<byte[]> seeds() throws UnknownHostException {
        InetAddress v4 = InetAddress.getByName("10.1.0.0");
        InetAddress v6 = InetAddress.getByName("2001:db8::");
        return Stream.of(
                RuleMessage.builder().table(255).suppressPrefixLength(-1).protocol(2).build(),
                RuleMessage.builder().priority(1000).source(v4).sourceLength(16).destination(v4).destinationLength(24)
                        .table(100).suppressPrefixLength(-1).protocol(0).fwmark(0x10).fwmask(0xff).build(),
                RuleMessage.builder().priority(1002).inputInterface("lo").outputInterface("eth0")
                        .uidRange(new RuleMessage.UidRange(1000, 2000)).ipProtocol(6)
                        .sourcePorts(new RuleMessage.PortRange(1000, 1000)).sourcePortMask(0xFFFF)
                        .destinationPorts(new RuleMessage.PortRange(80, 90)).destinationPortMask(0xFFFF).table(70000)
                        .build(),
                RuleMessage.builder().priority(999).action(RuleMessage.FR_ACT_GOTO).target(1000).tos(0x10)
                        .flags(RuleMessage.FIB_RULE_INVERT | RuleMessage.FIB_RULE_UNRESOLVED).tunnelId(0x1234L)
                        .l3mdev(1).flow(0x50006).suppressInterfaceGroup(7).suppressPrefixLength(8).build(),
                RuleMessage.builder().family(AddressFamily.INET6).priority(1004).source(v6).sourceLength(32).dscp(46)
                        .table(400).addUnknown(new Attribute(RuleMessage.FRA_FLOWLABEL, new byte[] {0, 1, 2, 3}))
                        .build(),
                RuleMessage.builder().family(AddressFamily.MPLS).action(RuleMessage.FR_ACT_PROHIBIT)
                        .addUnknown(new Attribute(RuleMessage.FRA_DST, new byte[] {1, 2, 3})).build())
                .map(RuleMessage::encode);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decode(byte[] payload) {
        DecoderOracle.check("RuleMessage.decode", payload, RouteMessageType.RTM_NEWRULE, RuleMessage::decode,
                RuleMessage::encode);
    }
}
