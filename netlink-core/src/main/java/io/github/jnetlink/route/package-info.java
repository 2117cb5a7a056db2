/**
 * rtnetlink ({@code NETLINK_ROUTE}): the kernel's interface for links, addresses, routes and neighbours, the one
 * {@code ip} uses.
 *
 * <p>{@link io.github.jnetlink.route.LinkMessage}, {@link io.github.jnetlink.route.AddressMessage},
 * {@link io.github.jnetlink.route.RouteMessage} and {@link io.github.jnetlink.route.NeighborMessage} are the
 * messages as records, each with {@code decode(Message)} and {@code encode()};
 * {@link io.github.jnetlink.route.RouteMessageType} names the message types and
 * {@link io.github.jnetlink.route.RouteGroup} the multicast groups; {@link io.github.jnetlink.route.RouteClient}
 * performs the common reads and changes over a {@link io.github.jnetlink.Conn}.
 *
 * <p>Link kinds have drivers: a {@link io.github.jnetlink.route.LinkDriver} per kind, kept by
 * {@link io.github.jnetlink.route.LinkDrivers}, decodes a link's {@code IFLA_INFO_DATA} and
 * {@code IFLA_INFO_SLAVE_DATA} into records ({@link io.github.jnetlink.route.BridgeData},
 * {@link io.github.jnetlink.route.VxlanData}, ...) for {@link io.github.jnetlink.route.LinkInfo#data()} and
 * encodes them for {@link io.github.jnetlink.route.RouteClient#addLink(io.github.jnetlink.route.LinkSpec)}.
 *
 * <p>Conventions shared by the records: an optional attribute the message lacks is {@code null} (boxed
 * {@code Integer} for numbers); lists are never null; unsigned 32-bit values are Java {@code int}s holding the
 * bits; attributes a record does not interpret are kept as {@link io.github.jnetlink.Attribute}s and written
 * back. Decoding throws only {@link io.github.jnetlink.MalformedMessageException} on bad input; constructors and
 * encoders throw {@link io.github.jnetlink.NetlinkException} on invalid values.
 */
package io.github.jnetlink.route;
