package io.github.jnetlink.cli;

import io.github.jnetlink.ynl.Spec;
import io.github.jnetlink.ynl.SpecLoader;

/** A small raw family with one attribute of every kind the output conventions cover. */
final class DemoSpec {

    static final String YAML = """
            name: demo
            doc: every output convention of cli.py
            protocol: netlink-raw
            protonum: 0
            definitions:
              - {name: color, type: enum, entries: [red, green, blue]}
              - {name: caps, type: flags, entries: [fast, safe, cheap]}
              - name: hdr
                type: struct
                members:
                  - {name: family, type: u8}
                  - {name: pad, type: pad, len: 3}
                  - {name: index, type: s32}
              - name: pair
                type: struct
                members:
                  - {name: lo, type: u16}
                  - {name: hi, type: u16, display-hint: hex}
                  - {name: tint, type: u8, enum: color}
                  - {name: pad, type: pad, len: 3}
              - name: vlan-hdr
                type: struct
                members: [{name: id, type: u16}, {name: pad, type: pad, len: 2}]
            attribute-sets:
              - name: main
                attributes:
                  - {name: count, type: u32}
                  - {name: delta, type: s8}
                  - {name: big, type: u64}
                  - {name: label, type: string}
                  - {name: color, type: u8, enum: color}
                  - {name: caps, type: u32, enum: caps}
                  - {name: colors, type: u32, enum: color, enum-as-flags: true}
                  - {name: inner, type: nest, nested-attributes: inner}
                  - {name: alias, type: string, multi-attr: true}
                  - {name: blob, type: binary}
                  - {name: addr4, type: binary, display-hint: ipv4}
                  - {name: addr6, type: binary, display-hint: ipv6}
                  - {name: mac, type: binary, display-hint: mac}
                  - {name: id, type: binary, display-hint: uuid}
                  - {name: raw-hex, type: binary, display-hint: hex}
                  - {name: mask, type: u32, display-hint: hex}
                  - {name: gw, type: u32, byte-order: big-endian, display-hint: ipv4}
                  - {name: pair, type: binary, struct: pair}
                  - {name: kind, type: string}
                  - {name: data, type: sub-message, sub-message: kind-data, selector: kind}
                  - {name: items, type: indexed-array, sub-type: nest, nested-attributes: inner}
                  - {name: ports, type: indexed-array, sub-type: u16}
                  - {name: bits, type: bitfield32, enum: caps}
                  - {name: enabled, type: flag}
                  - {name: auto, type: uint}
              - name: inner
                attributes:
                  - {name: x, type: u32}
                  - {name: y, type: string}
              - name: vlan-attrs
                attributes:
                  - {name: proto, type: u16, byte-order: big-endian, display-hint: hex}
            sub-messages:
              - name: kind-data
                formats:
                  - {value: vlan, fixed-header: vlan-hdr, attribute-set: vlan-attrs}
                  - {value: none}
            operations:
              fixed-header: hdr
              list:
                - name: get
                  doc: get things
                  attribute-set: main
                  do:
                    request:
                      value: 18
                      attributes: [count, label]
                    reply:
                      value: 16
                      attributes: [count, label]
                  dump:
                    request:
                      value: 18
                    reply:
                      value: 16
                      attributes: [count]
            mcast-groups:
              list:
                - {name: demo-grp, value: 1}
            """;

    static final Spec SPEC = SpecLoader.withoutSchemas().parse("demo.yaml", YAML);

    private DemoSpec() {
    }
}
