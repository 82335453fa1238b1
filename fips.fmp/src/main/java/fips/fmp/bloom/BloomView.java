package fips.fmp.bloom;

import fips.identity.NodeAddr;

/**
 * What routing and lookup read from the bloom-filter state (INTEROP.md 6, 7):
 * whether the filter a peer announced to us contains a destination. Read on
 * the protocol thread only; allocation-free.
 */
public interface BloomView {
    /** True if {@code peer}'s latest accepted inbound filter contains {@code key} (with that peer's k). */
    boolean peerMayReach(NodeAddr peer, BloomKey key);
}
