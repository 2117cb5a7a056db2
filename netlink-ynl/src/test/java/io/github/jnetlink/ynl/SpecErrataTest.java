package io.github.jnetlink.ynl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.NetlinkArgumentException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** How errata correct a spec, and how a stale or malformed erratum is reported. */
class SpecErrataTest {

    static final String SPEC = """
            name: fam
            doc: d
            definitions:
              - name: rate
                type: struct
                members: [{name: a, type: u8}, {name: b, type: u8}, {name: r, type: u32}]
            attribute-sets:
              - name: counters
                attributes: [{name: bytes, type: u64}, {name: packets, type: u64}]
              - name: sub
                subset-of: counters
                attributes: [{name: bytes}]
            operations: {list: []}
            """;

    static final Erratum B_IS_U16 = new Erratum("fam", "definitions[rate].members[b]", "type", "u8", "u16", "struct rate");
    static final Erratum BYTES_BE = new Erratum("fam", "attribute-sets[counters].attributes[bytes]", "byte-order", null,
            "big-endian", "nla_put_be64");

    static Spec load(String yaml, Erratum... errata) {
        return SpecLoader.withoutSchemas().withErrata(List.of(errata)).parse("fam.yaml", yaml);
    }

    @Test
    void anErratumChangesTheSpecWhileItSaysWhatTheErratumExpects() {
        Spec plain = load(SPEC);
        assertThat(plain.struct("rate").size()).isEqualTo(6);
        assertThat(plain.errata()).isEmpty();

        Spec fixed = load(SPEC, B_IS_U16, BYTES_BE);

        assertThat(fixed.struct("rate").size()).isEqualTo(7);
        assertThat(fixed.struct("rate").members()).extracting(StructDefinition.Member::offset).containsExactly(0, 1, 3);
        assertThat(fixed.attributeSet("counters").attribute("bytes").orElseThrow().byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(fixed.attributeSet("counters").attribute("packets").orElseThrow().byteOrder()).isNull();
        // a subset takes the corrected attribute from its parent
        assertThat(fixed.attributeSet("sub").attribute("bytes").orElseThrow().byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(fixed.errata()).containsExactly(B_IS_U16, BYTES_BE);
    }

    @Test
    void aSpecFixedUpstreamIsLeftAloneAndOtherFamiliesAreNotTouched() {
        Spec upstream = load(SPEC.replace("{name: b, type: u8}", "{name: b, type: u16}"), B_IS_U16);
        assertThat(upstream.struct("rate").size()).isEqualTo(7);
        assertThat(upstream.errata()).isEmpty();

        Spec other = load(SPEC.replace("name: fam", "name: other"), B_IS_U16);
        assertThat(other.struct("rate").size()).isEqualTo(6);
        assertThat(other.errata()).isEmpty();
    }

    @Test
    void anErratumThatNoLongerFitsTheSpecFailsTheLoadNamingIt() {
        assertThatThrownBy(() -> load(SPEC.replace("{name: b, type: u8}", "{name: b, type: u32}"), B_IS_U16))
                .isInstanceOf(YnlSpecException.class)
                .hasMessageContaining("fam.yaml: definitions[rate].members[b].type: the spec says 'u32'")
                .hasMessageContaining("neither expects ('u8') nor sets ('u16')")
                .hasMessageContaining("ynl-errata.yaml");
        Erratum missingMember = new Erratum("fam", "definitions[rate].members[c]", "type", "u8", "u16", "r");
        assertThatThrownBy(() -> load(SPEC, missingMember)).isInstanceOf(YnlSpecException.class)
                .hasMessageContaining("fam.yaml: definitions[rate].members[c]: jnetlink's erratum names members[c],"
                        + " which the spec lacks");
        Erratum missingList = new Erratum("fam", "nothing[x]", "type", "u8", "u16", "r");
        assertThatThrownBy(() -> load(SPEC, missingList)).isInstanceOf(YnlSpecException.class)
                .hasMessageContaining("names nothing[x], which the spec lacks");
    }

    @Test
    void anErratumCanReplaceAListOrAddAnOperationMode() {
        String spec = """
                name: fam
                doc: d
                attribute-sets:
                  - name: a
                    attributes: [{name: x, type: u32}, {name: y, type: string}]
                operations:
                  list:
                    - name: get
                      attribute-set: a
                      do:
                        request: {value: 1, attributes: [x]}
                        reply: {value: 1, attributes: [x]}
                """;
        List<Erratum> errata = SpecErrata.parse("e.yaml", """
                errata:
                  - family: fam
                    target: operations.list[get].do.request
                    property: attributes
                    was: [x]
                    value: [x, y]
                    reason: the kernel reads y too
                  - family: fam
                    target: operations.list[get]
                    property: dump
                    was: ~
                    value: {request: {value: 1, attributes: [x]}, reply: {value: 1, attributes: [x, y]}}
                    reason: the kernel dumps too
                """);

        Spec plain = load(spec);
        Spec fixed = SpecLoader.withoutSchemas().withErrata(errata).parse("fam.yaml", spec);
        Spec again = SpecLoader.withoutSchemas().withErrata(errata).parse("fam.yaml", spec);

        assertThat(plain.operation("get").orElseThrow().doMode().request()).containsExactly("x");
        assertThat(plain.operation("get").orElseThrow().dumpMode()).isNull();
        assertThat(fixed.operation("get").orElseThrow().doMode().request()).containsExactly("x", "y");
        assertThat(fixed.operation("get").orElseThrow().dumpMode().reply()).containsExactly("x", "y");
        assertThat(fixed.errata()).isEqualTo(errata);
        assertThat(again).isEqualTo(fixed); // the errata's values are copied into each spec, never shared
        assertThat(errata.get(1).describe()).isEqualTo("operations.list[get].dump is corrected: the kernel dumps too");
    }

    @Test
    void theErrataFileIsChecked() {
        assertThat(SpecErrata.parse("e.yaml", """
                errata:
                  - {family: f, target: "a[b].c", property: len, was: 9, value: 12, reason: r}
                """)).containsExactly(new Erratum("f", "a[b].c", "len", 9L, 12L, "r"));
        String[][] bad = {
            {"errata: 3", "the document must be a mapping with a list 'errata'"},
            {"errata: [x]", "errata[0]: an erratum must be a mapping"},
            {"errata: [{family: f, target: t, property: p, was: a, value: b, reason: r, extra: 1}]", "errata[0].extra: unknown key"},
            {"errata: [{family: f, target: t, property: p, was: a, value: b}]", "errata[0].reason: missing"},
            {"errata: [{family: f, target: t, property: p, was: a, reason: r}]", "'was' and 'value' are both needed"},
            {"errata: [{family: f, target: t, property: p, was: a, value: a, reason: r}]", "the erratum changes nothing"},
            {"errata: [{family: f, target: 'a..b', property: p, was: a, value: b, reason: r}]", "'' is not key or key[name]"},
            {"errata: [{family: f, target: t, property: p, was: [~], value: b, reason: r}]", "errata[0].was[0]: a list in an erratum must not hold null"},
            {"errata: [{family: f, target: t, property: p, was: {a: ~}, value: b, reason: r}]", "errata[0].was.a: a mapping in an erratum must not hold null"},
            {"errata: [{", "not valid YAML"},
        };
        for (String[] c : bad) {
            assertThatThrownBy(() -> SpecErrata.parse("e.yaml", c[0])).as(c[0]).isInstanceOf(YnlSpecException.class)
                    .hasMessageContaining("e.yaml").hasMessageContaining(c[1]);
        }
        assertThatThrownBy(() -> SpecLoader.withoutSchemas().withErrata(List.of(new Erratum("f", "a..b", "p", "a", "b", "r"))))
                .isInstanceOf(YnlSpecException.class).hasMessageContaining("is not key or key[name]");
        assertThatThrownBy(() -> SpecLoader.withoutSchemas().withErrata(List.of(new Erratum("f", "a", "p", new Object(), "b", "r"))))
                .isInstanceOf(YnlSpecException.class).hasMessageContaining("was: must be a string");
        assertThatThrownBy(() -> new Erratum(null, "t", "p", "a", "b", "r")).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("family must be a text, not null");
        assertThatThrownBy(() -> new Erratum("f", "t", "p", "a", "b", " ")).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("reason must be a text, not blank");
        assertThatThrownBy(() -> new Erratum("f", "t", "p", "a", "a", "r")).isInstanceOf(NetlinkArgumentException.class)
                .hasMessageContaining("changes nothing");
        assertThatThrownBy(() -> SpecLoader.withoutSchemas().withErrata(Arrays.asList(B_IS_U16, null)))
                .isInstanceOf(NetlinkArgumentException.class).hasMessageContaining("errata");
    }

    @Test
    void jnetlinksOwnErrataEachApplyToTheKernelsSpecs() {
        List<Erratum> builtIn = SpecLoader.builtInErrata();
        assertThat(builtIn).isNotEmpty().allSatisfy(e -> assertThat(e.reason()).isNotBlank());
        if (!Files.isDirectory(KernelSpecsTest.NETLINK.resolve("specs"))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but the kernel's specs are missing: run scripts/ynl-specs.sh first");
            }
            Assumptions.abort("the kernel's specs are not fetched: scripts/ynl-specs.sh");
        }
        List<Spec> specs = SpecLoader.withSchemas(KernelSpecsTest.NETLINK).loadAll(KernelSpecsTest.NETLINK.resolve("specs"));
        assertThat(specs.stream().flatMap(s -> s.errata().stream()).toList()).containsExactlyInAnyOrderElementsOf(builtIn);
        Spec tc = specs.stream().filter(s -> s.name().equals("tc")).findFirst().orElseThrow();
        // struct tc_ratespec, include/uapi/linux/pkt_sched.h
        assertThat(tc.struct("tc-ratespec").size()).isEqualTo(12);
        assertThat(tc.struct("tc-ratespec").members()).extracting(StructDefinition.Member::offset)
                .containsExactly(0, 1, 2, 4, 6, 8);
    }
}
