/**
 * Hand-written additions to the generated {@link io.github.jnetlink.family.nftables} family, for what its spec
 * cannot express: {@link io.github.jnetlink.families.nftables.NftablesBatch}, the batch the kernel requires for any
 * change to a ruleset.
 */
package io.github.jnetlink.families.nftables;
