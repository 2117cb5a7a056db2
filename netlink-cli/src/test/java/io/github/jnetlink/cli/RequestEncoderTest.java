package io.github.jnetlink.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.ynl.Operation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --json takes what cli.py prints: every convention encodes and decodes back to the same JSON. */
class RequestEncoderTest {

    static final Operation GET = DemoSpec.SPEC.operation("get").orElseThrow();

    static String roundTrip(String json) {
        Map<String, Object> in = Json.readObject(json, "--json");
        byte[] payload = new RequestEncoder(DemoSpec.SPEC).encode(GET, in);
        return Json.write(new ReplyDecoder(DemoSpec.SPEC, true).message(GET, payload), false);
    }

    @Test
    void printedValuesAreAcceptedAsRequests() {
        String json = "{\"count\": 4294967295, \"delta\": -5, \"label\": \"x\", \"color\": \"blue\", \"caps\": [\"fast\", \"cheap\"], "
                + "\"inner\": {\"x\": 3, \"y\": \"a\"}, \"alias\": [\"one\", \"two\"], \"blob\": \"01ab\", "
                + "\"addr4\": \"10.0.0.1\", \"addr6\": \"fe80::1\", \"mac\": \"02:00:00:aa:bb:0c\", \"gw\": 3232235521, "
                + "\"pair\": {\"lo\": 1, \"hi\": 31, \"tint\": \"green\"}, \"kind\": \"vlan\", \"data\": {\"id\": 100, \"proto\": 33024}, "
                + "\"ports\": [80, 443], \"bits\": {\"value\": [\"fast\"], \"selector\": [\"fast\", \"safe\"]}, \"enabled\": true, "
                + "\"family\": 7, \"index\": -3}";
        assertThat(roundTrip(json)).isEqualTo("{\"count\": 4294967295, \"delta\": -5, \"label\": \"x\", \"color\": \"blue\", "
                + "\"caps\": [\"fast\", \"cheap\"], \"inner\": {\"x\": 3, \"y\": \"a\"}, \"alias\": [\"one\", \"two\"], "
                + "\"blob\": \"01ab\", \"addr4\": \"10.0.0.1\", \"addr6\": \"fe80::1\", \"mac\": \"02:00:00:aa:bb:0c\", "
                + "\"gw\": \"192.168.0.1\", \"pair\": {\"lo\": 1, \"hi\": \"0x1f\", \"tint\": \"green\"}, \"kind\": \"vlan\", "
                + "\"data\": {\"id\": 100, \"proto\": \"0x8100\"}, \"ports\": [80, 443], "
                + "\"bits\": {\"value\": [\"fast\"], \"selector\": [\"fast\", \"safe\"]}, \"enabled\": true, \"family\": 7, \"index\": -3}");
    }

    @Test
    void aFalseFlagIsLeftOutAndNumbersMayBeTextAsForPythonsInt() {
        assertThat(roundTrip("{\"enabled\": false, \"count\": \"12\"}")).isEqualTo("{\"count\": 12, \"family\": 0, \"index\": 0}");
    }

    @Test
    void aValueOfTheWrongKindNamesTheAttribute() {
        assertThatThrownBy(() -> roundTrip("{\"inner\": 5}")).isInstanceOf(NetlinkArgumentException.class)
                .hasMessage("demo main.inner: needs a JSON object of attributes, got 5");
        assertThatThrownBy(() -> roundTrip("{\"kind\": \"gre\", \"data\": {}}"))
                .hasMessage("demo main.data: no format for kind 'gre' in sub-message kind-data; it has [vlan, none]");
        assertThatThrownBy(() -> roundTrip("{\"addr4\": \"example.com\"}"))
                .hasMessage("demo main.addr4: 'example.com' is not hex or ipv4");
    }
}
