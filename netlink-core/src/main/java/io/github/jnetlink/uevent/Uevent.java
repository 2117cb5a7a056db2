package io.github.jnetlink.uevent;

import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.NetlinkArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One kernel uevent, as the kernel broadcasts it on {@code NETLINK_KOBJECT_UEVENT} group 1: a header
 * {@code ACTION@DEVPATH} followed by the event's environment, {@code KEY=VALUE} strings each ended by a NUL
 * byte ({@code ACTION}, {@code DEVPATH}, {@code SUBSYSTEM}, {@code SEQNUM}, and per subsystem more, such as
 * {@code INTERFACE} and {@code IFINDEX} for network interfaces). The kernel sends uevents to the network
 * namespace that owns the device, and to the initial namespace for devices that belong to none.
 *
 * @param action     what happened: {@code add}, {@code remove}, {@code change}, {@code move}, {@code online},
 *                   {@code offline}, {@code bind} or {@code unbind}
 * @param devpath    the device's path below {@code /sys}, such as {@code /devices/virtual/net/veth0}
 * @param properties the environment in the kernel's order, unmodifiable
 */
public record Uevent(String action, String devpath, Map<String, String> properties) {

    /** The multicast group the kernel sends uevents to ({@code UEVENT_KERNEL}, bitmask 1). */
    public static final int KERNEL_GROUP = 1;

    /**
     * Copies the properties, keeping their order.
     *
     * @throws NetlinkArgumentException if a component is null or the properties hold a null
     */
    public Uevent {
        if (action == null || devpath == null || properties == null) {
            throw new NetlinkArgumentException("uevent: action, devpath and properties must not be null");
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new NetlinkArgumentException("uevent " + action + "@" + devpath + ": properties must not hold null");
            }
            copy.put(e.getKey(), e.getValue());
        }
        properties = Collections.unmodifiableMap(copy);
    }

    /**
     * Decodes a datagram received with {@link io.github.jnetlink.Conn#receiveBytes()}. Text is read as UTF-8.
     *
     * @param datagram the datagram's bytes
     * @return the uevent
     * @throws MalformedMessageException if the datagram does not start with {@code ACTION@DEVPATH}, or a later
     *                                   string is not {@code KEY=VALUE}; udev's re-broadcasts (group 2, starting
     *                                   with {@code libudev}) are not kernel uevents
     * @throws NetlinkArgumentException  if {@code datagram} is null
     */
    public static Uevent parse(byte[] datagram) {
        if (datagram == null) {
            throw new NetlinkArgumentException("uevent: datagram must not be null");
        }
        int end = next(datagram, 0);
        String header = new String(datagram, 0, end, StandardCharsets.UTF_8);
        int at = header.indexOf('@');
        if (at <= 0 || at == header.length() - 1) {
            throw new MalformedMessageException("not a kernel uevent: the datagram starts with '" + abbreviate(header)
                    + "', not ACTION@DEVPATH");
        }
        LinkedHashMap<String, String> properties = new LinkedHashMap<>();
        for (int start = end + 1; start < datagram.length; start = end + 1) {
            end = next(datagram, start);
            if (end == start) {
                continue;
            }
            String entry = new String(datagram, start, end - start, StandardCharsets.UTF_8);
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new MalformedMessageException("uevent " + abbreviate(header) + ": '" + abbreviate(entry)
                        + "' at offset " + start + " is not KEY=VALUE");
            }
            properties.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return new Uevent(header.substring(0, at), header.substring(at + 1), properties);
    }

    /**
     * @param key a property name, such as {@code "INTERFACE"}
     * @return its value, or null when the event has none
     */
    public String property(String key) {
        return properties.get(key);
    }

    /** @return the {@code SUBSYSTEM} property ({@code net}, {@code block}, {@code usb}, ...), or null */
    public String subsystem() {
        return properties.get("SUBSYSTEM");
    }

    /** @return the {@code SEQNUM} property, the kernel's uevent counter, or -1 when absent or not a number */
    public long sequenceNumber() {
        String s = properties.get("SEQNUM");
        if (s == null) {
            return -1;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int next(byte[] b, int from) {
        int i = from;
        while (i < b.length && b[i] != 0) {
            i++;
        }
        return i;
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
