package io.github.jnetlink.ynl;

import java.util.List;

/**
 * One way of calling an operation, its {@code do} or its {@code dump}.
 *
 * @param request the attributes a request may carry, or null when the spec gives no request
 * @param reply   the attributes a reply carries, or null when the kernel replies with an acknowledgement only
 */
public record Mode(List<String> request, List<String> reply) {
}
