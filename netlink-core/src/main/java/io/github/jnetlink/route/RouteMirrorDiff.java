package io.github.jnetlink.route;

import io.github.jnetlink.NetlinkArgumentException;
import java.util.List;

/**
 * What {@link RouteMirror#resync(RouteClient)} found wrong with a mirror: the entries the kernel had that the
 * mirror lacked, those the mirror held that the kernel no longer had, and those whose state differed. Empty
 * when the mirror had been exact. An overrun that dropped notifications shows up here as the changes those
 * notifications would have carried. Immutable.
 *
 * @param addedLinks       links the kernel has and the mirror lacked, as dumped
 * @param removedLinks     links the mirror held that the kernel no longer has, as the mirror held them
 * @param changedLinks     links whose state (see {@link RouteMirror}) differed, as dumped
 * @param addedAddresses   addresses the kernel has and the mirror lacked, as dumped
 * @param removedAddresses addresses the mirror held that the kernel no longer has, as the mirror held them
 * @param changedAddresses addresses whose state differed, as dumped
 */
public record RouteMirrorDiff(List<LinkMessage> addedLinks, List<LinkMessage> removedLinks,
        List<LinkMessage> changedLinks, List<AddressMessage> addedAddresses, List<AddressMessage> removedAddresses,
        List<AddressMessage> changedAddresses) {

    /** A diff with nothing in it. */
    public static final RouteMirrorDiff EMPTY = new RouteMirrorDiff(List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of());

    /**
     * Copies every list; null lists become empty.
     *
     * @throws NetlinkArgumentException if a list holds null
     */
    public RouteMirrorDiff {
        addedLinks = copy(addedLinks, "addedLinks");
        removedLinks = copy(removedLinks, "removedLinks");
        changedLinks = copy(changedLinks, "changedLinks");
        addedAddresses = copy(addedAddresses, "addedAddresses");
        removedAddresses = copy(removedAddresses, "removedAddresses");
        changedAddresses = copy(changedAddresses, "changedAddresses");
    }

    /**
     * @return true when the mirror had matched the kernel exactly
     */
    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * @return the number of entries added, removed or changed, links and addresses together
     */
    public int size() {
        return addedLinks.size() + removedLinks.size() + changedLinks.size() + addedAddresses.size()
                + removedAddresses.size() + changedAddresses.size();
    }

    @Override
    public String toString() {
        return "RouteMirrorDiff[links +" + addedLinks.size() + " -" + removedLinks.size() + " ~" + changedLinks.size()
                + ", addresses +" + addedAddresses.size() + " -" + removedAddresses.size() + " ~"
                + changedAddresses.size() + "]";
    }

    private static <T> List<T> copy(List<T> list, String name) {
        if (list == null) {
            return List.of();
        }
        for (T entry : list) {
            if (entry == null) {
                throw new NetlinkArgumentException("RouteMirrorDiff: " + name + " must not contain null");
            }
        }
        return List.copyOf(list);
    }
}
