package io.github.jnetlink.route;

import io.github.jnetlink.Attribute;
import io.github.jnetlink.NetlinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a tun or tap device ({@code IFLA_INFO_DATA} of kind {@code tun}, the kernel's {@code
 * tun_fill_info}). The kernel reports them but refuses to create tun devices over rtnetlink (EOPNOTSUPP): they are
 * made with the {@code TUNSETIFF} ioctl on {@code /dev/net/tun}, as {@code ip tuntap add} does.
 *
 * <p>Every field is the attribute of the same name, null (false for a flag) when the kernel did not send it
 * and, in a request, when it is to keep the kernel's default. Unsigned 32-bit values are {@code int}s holding
 * the bits; a value sent in network byte order is given in host order.
 *
 * @param owner {@code IFLA_TUN_OWNER} ({@code user}): the owner's uid; absent when none is set
 * @param group {@code IFLA_TUN_GROUP} ({@code group}): the owner's gid; absent when none is set
 * @param type {@code IFLA_TUN_TYPE} ({@code type}): 1 tun (IFF_TUN), 2 tap (IFF_TAP)
 * @param pi {@code IFLA_TUN_PI} ({@code pi}): whether packets carry the 4-byte packet information header
 * @param vnetHeader {@code IFLA_TUN_VNET_HDR} ({@code vnet_hdr}): whether packets carry a virtio-net header
 * @param persist {@code IFLA_TUN_PERSIST} ({@code persist}): whether the device outlives its file descriptors
 * @param multiQueue {@code IFLA_TUN_MULTI_QUEUE} ({@code multi_queue}): whether several queues may be attached
 * @param queueCount {@code IFLA_TUN_NUM_QUEUES} ({@code numqueues}): attached queues (multi-queue only)
 * @param disabledQueueCount {@code IFLA_TUN_NUM_DISABLED_QUEUES} ({@code numdisabled}): disabled queues (multi-queue
 *                           only)
 * @param unknown attributes this record does not name, kept as sent; never null
 */
public record TunData(Integer owner, Integer group, Integer type, Boolean pi, Boolean vnetHeader, Boolean persist,
        Boolean multiQueue, Integer queueCount, Integer disabledQueueCount,
        List<Attribute> unknown) implements LinkInfoData {

    /**
     * @throws NetlinkException if a value does not fit its attribute, or a list holds null
     */
    public TunData {
        DriverAttributes.u8("tun type", type);
        unknown = RoutePayload.copy(unknown, "tun unknown attributes");
    }

    /** @return {@code "tun"} */
    @Override
    public String kind() {
        return "tun";
    }

    /**
     * @return a builder with every field absent
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TunData}, each setter named after the component it sets. Not thread-safe. */
    public static final class Builder {

        private Integer owner;
        private Integer group;
        private Integer type;
        private Boolean pi;
        private Boolean vnetHeader;
        private Boolean persist;
        private Boolean multiQueue;
        private Integer queueCount;
        private Integer disabledQueueCount;
        private final List<Attribute> unknown = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@link TunData#owner()}. */
        public Builder owner(Integer owner) {
            this.owner = owner;
            return this;
        }

        /** Sets {@link TunData#group()}. */
        public Builder group(Integer group) {
            this.group = group;
            return this;
        }

        /** Sets {@link TunData#type()}. */
        public Builder type(Integer type) {
            this.type = type;
            return this;
        }

        /** Sets {@link TunData#pi()}. */
        public Builder pi(Boolean pi) {
            this.pi = pi;
            return this;
        }

        /** Sets {@link TunData#vnetHeader()}. */
        public Builder vnetHeader(Boolean vnetHeader) {
            this.vnetHeader = vnetHeader;
            return this;
        }

        /** Sets {@link TunData#persist()}. */
        public Builder persist(Boolean persist) {
            this.persist = persist;
            return this;
        }

        /** Sets {@link TunData#multiQueue()}. */
        public Builder multiQueue(Boolean multiQueue) {
            this.multiQueue = multiQueue;
            return this;
        }

        /** Sets {@link TunData#queueCount()}. */
        public Builder queueCount(Integer queueCount) {
            this.queueCount = queueCount;
            return this;
        }

        /** Sets {@link TunData#disabledQueueCount()}. */
        public Builder disabledQueueCount(Integer disabledQueueCount) {
            this.disabledQueueCount = disabledQueueCount;
            return this;
        }

        /** Adds an attribute to send as is, after the named ones. */
        public Builder addUnknown(Attribute attribute) {
            unknown.add(attribute);
            return this;
        }

        /** Builds the record; throws {@link NetlinkException} if a value is out of range. */
        public TunData build() {
            return new TunData(owner, group, type, pi, vnetHeader, persist, multiQueue, queueCount, disabledQueueCount,
                    unknown);
        }
    }

    /** {@code IFF_TUN}: an IP device. */
    public static final int IFF_TUN = 1;
    /** {@code IFF_TAP}: an Ethernet device. */
    public static final int IFF_TAP = 2;
}
