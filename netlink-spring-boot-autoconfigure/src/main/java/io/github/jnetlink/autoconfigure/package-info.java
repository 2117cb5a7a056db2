/**
 * Spring Boot auto-configuration for jnetlink: {@code Conn} beans from {@code netlink.connections.NAME.*}, receive
 * loops that publish multicast notifications as application events, {@link io.github.jnetlink.autoconfigure.NetlinkListener}
 * methods, the {@link io.github.jnetlink.autoconfigure.NetlinkListenerContainerRegistry}, health, the {@code netlink}
 * endpoint and Micrometer meters.
 *
 * <p>Types, parameters and return values are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package io.github.jnetlink.autoconfigure;

import org.jspecify.annotations.NullMarked;
