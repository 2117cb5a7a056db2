package io.github.jnetlink.ynl;

import java.nio.ByteOrder;
import java.util.List;

/**
 * A {@code type: struct} definition: a C struct laid out member after member, as the kernel's uAPI declares it
 * (YNL structs have no implicit padding: {@code pad} members hold it).
 *
 * @param name    the name, such as {@code ifinfomsg}
 * @param members the members, each with its offset
 * @param size    the size in bytes
 */
public record StructDefinition(String name, List<Member> members, int size) implements Definition {

    /**
     * @param name        the member's name
     * @param type        u8-u64, s8-s64, string, binary or pad
     * @param offset      where it starts
     * @param length      its size in bytes
     * @param byteOrder   big-endian, or null for host order
     * @param enumName    the enum or flags definition its value belongs to, or null
     * @param enumAsFlags true when the enum's values are bits of this value
     * @param displayHint hex, mac, ipv4, ipv6, uuid, or null
     */
    public record Member(String name, AttrType type, int offset, int length, ByteOrder byteOrder, String enumName,
                         boolean enumAsFlags, String displayHint) {
    }
}
